namespace Vepp2k.Physics.Numerics;

/// <summary>An affine map z -> to + M (z - from): a linear map about a closed orbit.</summary>
public static class MatrixAbout
{
    public static Phase<T> Apply<T>(Matrix6 m, ReadOnlySpan<double> from, ReadOnlySpan<double> to, in Phase<T> z) where T : struct, IScalar<T>
    {
        var d = new Phase<T>(z.X - from[0], z.Px - from[1], z.Y - from[2], z.Py - from[3], z.Delta - from[4], z.Ct - from[5]);
        return new Phase<T>(Row(m, 0, d) + to[0], Row(m, 1, d) + to[1], Row(m, 2, d) + to[2],
            Row(m, 3, d) + to[3], Row(m, 4, d) + to[4], Row(m, 5, d) + to[5]);
    }

    private static T Row<T>(Matrix6 m, int a, in Phase<T> z) where T : struct, IScalar<T> =>
        z.X * m[a, 0] + z.Px * m[a, 1] + z.Y * m[a, 2] + z.Py * m[a, 3] + z.Delta * m[a, 4] + z.Ct * m[a, 5];
}
