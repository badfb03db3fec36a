using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tracking;

/// <summary>Tracked mode tunes of an off-momentum particle: one point of a Q(delta) curve.</summary>
public sealed record MomentumTune(double Delta, double Q1, double Q2);

/// <summary>
/// The Q(delta) curve by tracking: at each momentum offset a particle is launched 1e-5 m in x and
/// 0.4e-5 m in y (off the diagonal, which at equal tunes can be one eigenvector and excite one mode only)
/// from the 4-D closed orbit of that offset, tracked without RF so delta stays put, and its mode tunes
/// found by NAFF in the eigenmodes of the ring at that offset. Its slope at zero is the chromaticity,
/// and its curvature the higher orders the linear chromaticity leaves out.
/// </summary>
public static class MomentumTunes
{
    public static MomentumTune[] Compute(Lattice lattice, IReadOnlyList<double> deltas, int turns, TrackingOptions options,
        IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var ring = lattice.WithoutCavities();
        var context = new TrackContext(ring.EnergyEv, false);
        var orbits = deltas.Select(d => ClosedOrbit.Find4D(ring.Elements, d, context)).ToArray();
        var beam = new ParticleBuffer(deltas.Count);
        for (int k = 0; k < deltas.Count; k++)
            beam.Set(k, [orbits[k][0] + 1e-5, orbits[k][1], orbits[k][2] + 0.4e-5, orbits[k][3], deltas[k], 0]);
        var record = new TurnRecord(deltas.Count, turns);
        new RingTracker(ring, options with { Radiation = false, QuantumExcitation = false }).Track(beam, turns, record: record,
            progress: progress, cancel: cancel);
        return Enumerable.Range(0, deltas.Count).Select(k =>
        {
            var (q1, q2) = new ModeTunes(LinearOptics.Compute(ring, deltas[k]).Modes, orbits[k]).Of(record, k, 0, turns);
            return new MomentumTune(deltas[k], q1, q2);
        }).ToArray();
    }
}
