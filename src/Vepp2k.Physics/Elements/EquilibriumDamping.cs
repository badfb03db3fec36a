using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Extra radiation damping with its matching quantum excitation, lumped at one point of the ring
/// (damping acceleration): with radiation on, the deviation from the radiative closed orbit is
/// multiplied by D; with quantum excitation on, a Gaussian kick of covariance D^-1 N D^-T is added first,
/// so the pair adds N after the damping. D and N come from the equilibrium (<see cref="BeamBeam.DampingAcceleration"/>),
/// chosen so the ring's equilibrium stays what it was. The orbit, and so the synchronous phase and the RF
/// bucket, are untouched: only the decrements and the diffusion grow.
/// </summary>
public sealed class EquilibriumDamping(string name, IReadOnlyList<double> orbit, Matrix6 damping, Matrix6 noiseBefore)
    : Element(name, 0), IRandomKick
{
    private readonly double[] orbit = [.. orbit];
    private readonly Matrix6 damping = damping.Clone();
    private readonly Matrix6 noise = noiseBefore.Clone();

    public override string Keyword => "equilibriumdamping";

    public override Element Reversed() => throw new OpticsException($"{Name}: lumped damping has no reversed form");

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    public void Kick(ref Phase<Vec4> p, ulong seed, int first, int turn, int index, in TrackContext context) =>
        GaussianNoise.Kick(ref p, noise, seed, first, turn, index);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        if (!context.Radiation) return;
        p = MatrixAbout.Apply(damping, orbit, orbit, p);
    }
}
