using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// Puts weak-strong collisions into a ring: a <see cref="BeamBeamKick"/> right after each IP marker,
/// the strong bunch taken from the radiative equilibrium (Ohmi envelope) at that IP. The ring without
/// collisions is left as it was, so tracking without beam-beam is unchanged.
/// </summary>
public static class Collisions
{
    /// <summary>The same ring started at the element <paramref name="name"/> (where an envelope is then computed).</summary>
    public static Lattice StartingAt(Lattice lattice, string name)
    {
        int at = lattice.IndexOf(name);
        if (at < 0) throw new OpticsException($"{lattice.Name} has no element {name}");
        return new Lattice(lattice.Name, lattice.Elements.Skip(at).Concat(lattice.Elements.Take(at)), lattice.EnergyEv);
    }

    /// <summary>The ring with a kick "BB.name" inserted after each named IP.</summary>
    public static Lattice WithKicks(Lattice lattice, IReadOnlyDictionary<string, SynchroBeamKick> kicks)
    {
        foreach (var name in kicks.Keys)
            if (lattice.IndexOf(name) < 0) throw new OpticsException($"{lattice.Name} has no IP {name}");
        var elements = new List<Element>();
        foreach (var e in lattice.Elements)
        {
            elements.Add(e);
            var kick = kicks.FirstOrDefault(k => string.Equals(k.Key, e.Name, StringComparison.OrdinalIgnoreCase)).Value;
            if (kick is not null) elements.Add(new BeamBeamKick("BB." + e.Name, kick));
        }
        return new Lattice(lattice.Name, elements, lattice.EnergyEv);
    }

    /// <summary>
    /// The opposing bunch from a beam matrix at the IP (engine order x, px, y, py, delta, ct): its second
    /// moments in the frame where it is upright (<see cref="BunchFrame"/>; dispersion included, the x-y
    /// correlation left in that frame dropped) and its centre on the given closed orbit, which is where the
    /// counter-rotating beam of a symmetric ring is too.
    /// </summary>
    public static GaussianBunch FromMoments(Matrix6 s, IReadOnlyList<double> orbit, double population, double chargeProduct = -1)
    {
        double tilt = BunchFrame.TiltOf(s);
        var f = BunchFrame.Turned(s, tilt);
        return new(population, new PlaneMoments(f[0, 0], f[0, 1], f[1, 1]), new PlaneMoments(f[2, 2], f[2, 3], f[3, 3]),
            Math.Sqrt(s[5, 5]), chargeProduct, orbit[0], orbit[2], orbit[5], tilt);
    }

    /// <summary>The opposing bunch as the envelope at the ring's start describes it (<see cref="FromMoments"/>).</summary>
    public static GaussianBunch FromEnvelope(Envelope envelope, double population, double chargeProduct = -1) =>
        FromMoments(envelope.Sigma, envelope.ClosedOrbit, population, chargeProduct);

    /// <summary>
    /// The envelope's beam matrix with a vertical emittance added from the mode-2 Twiss functions at that point
    /// (beta_22, alpha_22): what coupling errors give a real ring, and what an uncoupled ring's envelope lacks
    /// (its vertical emittance is zero, so no Gaussian can be drawn from it). Where the bunch is tilted (the flat
    /// mode's IP frame, turned by the solenoids) the emittance goes along its minor axis v, with mode 2's beta and
    /// alpha there (beta_21 + beta_22, alpha_21 + alpha_22: mode 2 lies along v in such a frame).
    /// </summary>
    public static Matrix6 WithVerticalEmittance(Matrix6 sigma, TwissRow row, double emittance)
    {
        double tilt = BunchFrame.TiltOf(sigma);
        double beta = tilt == 0 ? row.Beta22 : row.Beta21 + row.Beta22, alpha = tilt == 0 ? row.Alfa22 : row.Alfa21 + row.Alfa22;
        // Unit vectors of v in (x, y): (-sin, cos); the added moments are those of the v plane, turned back.
        double c = Math.Cos(tilt), sn = Math.Sin(tilt);
        double[] along = [-sn, c];
        var s = sigma.Clone();
        double[,] plane = { { beta, -alpha }, { -alpha, (1 + alpha * alpha) / beta } };
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++)
                        s[2 * a + i, 2 * b + j] += emittance * along[a] * along[b] * plane[i, j];
        return s;
    }
}
