using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// A 6x6 matrix map of the given length (MAD-X MATRIX): a stretch of ring replaced by its linear
/// map, as the fast beam-beam model and the analytic beam-beam tests use it.
/// </summary>
public sealed class LinearMap(string name, double length, Matrix6 matrix) : Element(name, length)
{
    public Matrix6 Matrix { get; } = matrix.Clone();

    public override string Keyword => "matrix";

    // The reversed beam runs M^-1 conjugated by time reversal; only symmetric uses need it so far.
    public override Element Reversed() => throw new OpticsException($"{Name}: a linear map has no reversed form here");

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p);

    private void Map<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        var z = p;
        p = new Phase<T>(Row(0, z), Row(1, z), Row(2, z), Row(3, z), Row(4, z), Row(5, z));
    }

    private T Row<T>(int a, in Phase<T> z) where T : struct, IScalar<T> =>
        z.X * Matrix[a, 0] + z.Px * Matrix[a, 1] + z.Y * Matrix[a, 2] + z.Py * Matrix[a, 3] + z.Delta * Matrix[a, 4] + z.Ct * Matrix[a, 5];
}
