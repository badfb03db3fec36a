namespace Vepp2k.Physics.Numerics;

/// <summary>
/// A point in 6-D phase space, ordered (x, px, y, py, delta, ct) as in pyAT: px, py are canonical
/// transverse momenta over the reference momentum p0, delta = (p - p0)/p0, and ct is the path
/// lengthening with respect to the reference particle (positive = behind). Ultra-relativistic
/// electrons are assumed (beta = 1, terms in 1/gamma^2 dropped: below 1e-5 even at 160 MeV).
/// The canonical pairs are (x, px), (y, py) and (delta, ct), so the symplectic form is
/// block-diagonal [[0, 1], [-1, 0]].
/// </summary>
public struct Phase<T> where T : struct, IScalar<T>
{
    public T X, Px, Y, Py, Delta, Ct;

    public Phase(T x, T px, T y, T py, T delta, T ct)
    {
        X = x; Px = px; Y = y; Py = py; Delta = delta; Ct = ct;
    }
}

/// <summary>Conversions between double vectors and the generic phase-space point.</summary>
public static class PhaseVector
{
    public static Phase<Real> ToReal(ReadOnlySpan<double> z) =>
        new(new(z[0]), new(z[1]), new(z[2]), new(z[3]), new(z[4]), new(z[5]));

    public static void Store(in Phase<Real> p, Span<double> z)
    {
        z[0] = p.X.Value; z[1] = p.Px.Value; z[2] = p.Y.Value;
        z[3] = p.Py.Value; z[4] = p.Delta.Value; z[5] = p.Ct.Value;
    }

    /// <summary>Seeds a dual point at <paramref name="z"/> whose gradients are the identity.</summary>
    public static Phase<Dual6> Seed(ReadOnlySpan<double> z) => new(
        Dual6.Variable(0, z[0]), Dual6.Variable(1, z[1]), Dual6.Variable(2, z[2]),
        Dual6.Variable(3, z[3]), Dual6.Variable(4, z[4]), Dual6.Variable(5, z[5]));

    /// <summary>Writes the values into <paramref name="z"/> and the Jacobian (row-major 6x6) into <paramref name="m"/>.</summary>
    public static void Extract(in Phase<Dual6> p, Span<double> z, Matrix6 m)
    {
        Row(p.X, 0, z, m); Row(p.Px, 1, z, m); Row(p.Y, 2, z, m);
        Row(p.Py, 3, z, m); Row(p.Delta, 4, z, m); Row(p.Ct, 5, z, m);
    }

    private static void Row(in Dual6 d, int i, Span<double> z, Matrix6 m)
    {
        z[i] = d.V;
        m[i, 0] = d.D0; m[i, 1] = d.D1; m[i, 2] = d.D2; m[i, 3] = d.D3; m[i, 4] = d.D4; m[i, 5] = d.D5;
    }
}
