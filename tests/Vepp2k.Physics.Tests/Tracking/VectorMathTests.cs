using System.Runtime.Intrinsics;
using CsCheck;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Tests.Tracking;

/// <summary>The SIMD functions against System.Math, to a few units in the last place.</summary>
public class VectorMathTests
{
    // Vector256.Exp is itself good to about two units in the last place.
    private static bool Close(double got, double expected) => Math.Abs(got - expected) <= 6.7e-16 * Math.Abs(expected) + 1e-300;

    [Fact]
    public void Atan2MatchesMathInEveryQuadrant()
    {
        var v = Gen.OneOf(Gen.Double[-10, 10], Gen.Double[-1e-3, 1e-3], Gen.Const(0.0), Gen.Const(1.0), Gen.Const(-1.0));
        Gen.Select(v, v).Sample((y, x) =>
        {
            double got = VectorMath.Atan2(Vector256.Create(y), Vector256.Create(x)).GetElement(0);
            return Close(got, Math.Atan2(y, x)) || (y == 0 && x == 0 && got == 0);
        }, iter: 20000);
    }

    [Fact]
    public void SinhAndCoshMatchMath()
    {
        Gen.OneOf(Gen.Double[-5, 5], Gen.Double[-0.4, 0.4], Gen.Double[-1e-6, 1e-6]).Sample(x =>
            Close(VectorMath.Sinh(Vector256.Create(x)).GetElement(0), Math.Sinh(x))
            && Close(VectorMath.Cosh(Vector256.Create(x)).GetElement(0), Math.Cosh(x)), iter: 20000);
    }
}
