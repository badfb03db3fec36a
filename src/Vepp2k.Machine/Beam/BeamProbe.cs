using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Machine.Beam;

/// <summary>The closed orbit at a monitor [m].</summary>
public sealed record OrbitPoint(string Name, double X, double Z);

/// <summary>
/// The beam at a synchrotron-light source point: centroid [m], rms sizes [m] and the tilt of the
/// transverse ellipse [rad] (x-z correlation: tan 2 phi = 2 Sigma_xz / (Sigma_xx - Sigma_zz)), and that
/// correlation Sigma_xz itself [m^2] (the tilt alone leaves it undefined for a round beam).
/// </summary>
public sealed record BeamSpot(string Name, double X, double Z, double SigmaX, double SigmaZ, double Tilt, double CovarianceXZ = 0)
{
    public static BeamSpot From(string name, double x, double z, Matrix6 sigma) =>
        new(name, x, z, Math.Sqrt(sigma[0, 0]), Math.Sqrt(sigma[2, 2]), 0.5 * Math.Atan2(2 * sigma[0, 2], sigma[0, 0] - sigma[2, 2]), sigma[0, 2]);
}

/// <summary>
/// What the beam does in a ring, without instrument errors: the closed orbit (6-D, the RF holding the
/// frequency, so a horizontal kick also moves the energy), the orbit at the 4 BPMs, the beam at the 16
/// CCD source points and the two IPs from the radiative equilibrium, the eigen-tunes, and the largest
/// orbit excursion in the ring.
/// </summary>
public sealed record BeamObservation(
    double[] ClosedOrbit, IReadOnlyList<OrbitPoint> Bpms, IReadOnlyList<BeamSpot> Ccds, IReadOnlyList<BeamSpot> InteractionPoints,
    IReadOnlyList<double> Tunes, IReadOnlyList<double> Emittances, double BunchLength, double MaxExcursion, string MaxExcursionAt);

public static class BeamProbe
{
    public static readonly string[] InteractionPointNames = ["SND", "CMD"];

    /// <summary>
    /// Observes the beam in a ring. Throws <see cref="OpticsException"/> when there is no beam to observe
    /// (no closed orbit, unstable betatron or synchrotron motion): the reason is the exception's message.
    /// </summary>
    public static BeamObservation Observe(Lattice ring)
    {
        var orbit = ClosedOrbit6D(ring);
        var positions = OrbitAlong(ring, orbit);
        var linear = LinearOptics.Compute(ring.WithoutCavities(), orbit[4]);
        var envelope = Envelope.Compute(ring, transverseModes: linear.Modes);
        var ccdNames = RingErrors.CcdNames().ToArray();
        int[] ccd = [.. ccdNames.Select(n => Index(ring, n))];
        int[] ips = [.. InteractionPointNames.Select(n => Index(ring, n))];
        var sigmas = envelope.SigmaAt(ring, [.. ccd, .. ips]);
        var spots = ccdNames.Select((n, k) => BeamSpot.From(n, positions[ccd[k]][0], positions[ccd[k]][2], sigmas[k])).ToArray();
        var atIps = InteractionPointNames.Select((n, k) => BeamSpot.From(n, positions[ips[k]][0], positions[ips[k]][2], sigmas[ccd.Length + k])).ToArray();
        var bpms = RingErrors.BpmNames.Select(n => { var z = positions[Index(ring, n)]; return new OrbitPoint(n, z[0], z[2]); }).ToArray();
        double max = 0;
        string where = ring.Elements[0].Name;
        for (int i = 0; i < positions.Length; i++)
        {
            double r = Math.Max(Math.Abs(positions[i][0]), Math.Abs(positions[i][2]));
            if (r > max) { max = r; where = ring.Elements[i].Name; }
        }
        return new BeamObservation(orbit, bpms, spots, atIps, [.. linear.Tunes], [.. envelope.Emittances], envelope.BunchLength, max, where);
    }

    /// <summary>The closed orbit with the RF on and radiation off (x, px, z, pz, delta, ct at the start).</summary>
    public static double[] ClosedOrbit6D(Lattice ring) =>
        ClosedOrbit.Find6D(ring.Elements, new TrackContext(ring.EnergyEv, false));

    /// <summary>Phase-space point at the exit of every element, from the start point.</summary>
    public static double[][] OrbitAlong(Lattice ring, double[] start)
    {
        var context = new TrackContext(ring.EnergyEv, false);
        var z = (double[])start.Clone();
        var result = new double[ring.Elements.Count][];
        for (int i = 0; i < ring.Elements.Count; i++)
        {
            var p = PhaseVector.ToReal(z);
            ring.Elements[i].Track(ref p, context);
            PhaseVector.Store(p, z);
            result[i] = (double[])z.Clone();
        }
        return result;
    }

    internal static int Index(Lattice ring, string name)
    {
        int i = ring.IndexOf(name);
        return i >= 0 ? i : throw new ArgumentException($"the ring has no element {name}");
    }
}
