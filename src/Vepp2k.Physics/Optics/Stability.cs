using MathNet.Numerics.LinearAlgebra;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Physics.Optics;

/// <summary>
/// How unstable the transverse motion is: the largest log |lambda| of the on-axis one-turn 4x4
/// map (0 when stable). Gives an optimiser a slope back into the stable region.
/// </summary>
public static class Stability
{
    public static double Excess(Lattice lattice)
    {
        try
        {
            var m = Tracker.TrackWithJacobian(lattice.Elements, new double[6], new TrackContext(lattice.EnergyEv, false));
            var a = Matrix<double>.Build.Dense(4, 4, (i, j) => m[i, j]);
            if (!a.Enumerate().All(x => double.IsFinite(x) && Math.Abs(x) < Eigenmodes.MaxEntry)) return 100;
            double worst = a.Evd().EigenValues.Max(l => l.Magnitude);
            return Math.Min(100, Math.Log(Math.Max(worst, 1)));
        }
        catch (ArithmeticException)
        {
            return 100;
        }
    }
}
