using System.Numerics;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tracking;

/// <summary>
/// Tunes of tracked particles in the ring's eigenmodes: each turn's transverse deviation from the
/// closed orbit is projected on the 4-D eigenvectors at the start (the Krein form, as the optics
/// normalises them), which separates the modes however strongly solenoids couple the planes. A mode
/// amplitude turns as lambda^n = e^{-2 pi i nu n}, so NAFF finds -nu in it and nu in its conjugate.
/// A mode the particle does not carry has no tune: NaN.
/// </summary>
public sealed class ModeTunes(Eigenmodes modes, IReadOnlyList<double> closedOrbit)
{
    /// <summary>Mode tunes (fractional, x-like then y-like) of one particle over turns [from, from + count).</summary>
    public (double Q1, double Q2) Of(TurnRecord record, int particle, int from, int count)
    {
        var a1 = new Complex[count];
        var a2 = new Complex[count];
        var z = new Complex[4];
        int offset = particle * record.Turns + from;
        for (int t = 0; t < count; t++)
        {
            z[0] = record.X[offset + t] - closedOrbit[0];
            z[1] = record.Px[offset + t] - closedOrbit[1];
            z[2] = record.Y[offset + t] - closedOrbit[2];
            z[3] = record.Py[offset + t] - closedOrbit[3];
            a1[t] = Complex.Conjugate(Eigenmodes.Krein(modes.Vectors[0], z));
            a2[t] = Complex.Conjugate(Eigenmodes.Krein(modes.Vectors[1], z));
        }
        double power1 = a1.Sum(a => a.Magnitude * a.Magnitude), power2 = a2.Sum(a => a.Magnitude * a.Magnitude);
        return (Excited(power1, power2) ? Naff.Frequency(a1) : double.NaN, Excited(power2, power1) ? Naff.Frequency(a2) : double.NaN);
    }

    // A mode carrying less than 1e-4 of the other's power (1e-2 of its amplitude) is taken as not
    // excited: a launch along one eigenvector, which at equal tunes (the round-beam working point) can
    // be any direction. What the projection leaves in it then is the slow exchange between two nearly
    // degenerate modes, not an oscillation with a tune (seen on design-1GeV: on the diagonal x = y the
    // second mode keeps ~1e-3 of the first's amplitude and its strongest line is near zero frequency).
    private static bool Excited(double power, double other) => power > 1e-4 * other;
}
