using Vepp2k.Physics.BeamBeam;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// A weak-strong beam-beam collision at a point of the ring (an IP): the 6-D synchro-beam map of
/// <see cref="SynchroBeamKick"/>, zero length. The map branches per particle (round or elliptical
/// field, slice by slice): four-particle vectors go through its SIMD form, which takes the branches lane by
/// lane. For the optics the
/// Jacobian is taken by central differences of the map and chained onto the incoming one (the map's
/// field and Faddeeva function have no dual-number form); it is good to ~1e-7, enough for the linear
/// beam-beam lens in a twiss.
/// </summary>
public sealed class BeamBeamKick(string name, SynchroBeamKick kick) : Element(name, 0)
{
    public SynchroBeamKick Kick { get; } = kick;

    public override string Keyword => "beambeam";

    // The strong bunch is the same object whichever way the weak beam runs.
    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context)
    {
        Span<double> z = stackalloc double[6];
        PhaseVector.Store(p, z);
        Kick.Apply(z);
        p = PhaseVector.ToReal(z);
    }

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Kick.Apply(ref p);

    public override void Track(ref Phase<Dual6> p, in TrackContext context)
    {
        Span<double> z = stackalloc double[6];
        z[0] = p.X.V; z[1] = p.Px.V; z[2] = p.Y.V; z[3] = p.Py.V; z[4] = p.Delta.V; z[5] = p.Ct.V;
        var jacobian = Jacobian(z);
        Kick.Apply(z);
        Dual6[] incoming = [p.X, p.Px, p.Y, p.Py, p.Delta, p.Ct];
        var outgoing = new Dual6[6];
        for (int a = 0; a < 6; a++)
        {
            var d = new double[6];
            for (int k = 0; k < 6; k++)
                for (int b = 0; b < 6; b++) d[k] += jacobian[a, b] * incoming[b].D(k);
            outgoing[a] = new Dual6(z[a], d[0], d[1], d[2], d[3], d[4], d[5]);
        }
        p = new Phase<Dual6>(outgoing[0], outgoing[1], outgoing[2], outgoing[3], outgoing[4], outgoing[5]);
    }

    /// <summary>The 6x6 Jacobian of the map at z by central differences (steps 1e-9 m or rad, small against any beam size).</summary>
    public Matrix6 Jacobian(ReadOnlySpan<double> z)
    {
        const double h = 1e-9;
        var m = new Matrix6();
        Span<double> plus = stackalloc double[6], minus = stackalloc double[6];
        for (int b = 0; b < 6; b++)
        {
            z.CopyTo(plus); z.CopyTo(minus);
            plus[b] += h; minus[b] -= h;
            Kick.Apply(plus); Kick.Apply(minus);
            for (int a = 0; a < 6; a++) m[a, b] = (plus[a] - minus[a]) / (2 * h);
        }
        return m;
    }
}
