using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Synchrotron radiation of a slice of a bend, lumped at the slice centre (the slice is the
/// integration step, so the radiation is integrated inside the magnet). Classical loss:
/// d delta = -C_gamma E0^3/(2 pi) (1+delta)^2 |b|^2 (1 + h x + (x'^2 + y'^2)/2) ds, with b the
/// field over B rho0 (dipole plus gradient); the slopes x', y' are kept (photons leave along the
/// velocity). Quantum excitation (Ohmi): a diffusion matrix B = D v v^T with v = (0, x', 0, y', 1, 0)
/// and D = (55/(24 sqrt 3)) r_e lambda_e gamma^5 (1+delta)^4 |b|^3 ds (the variance of delta from photon
/// emission per unit length; the equilibrium sigma_delta^2 = C_q gamma^2 I3/(J_E I2) follows from it).
/// </summary>
public sealed class RadiationPoint(string name, double weight, double curvature, double k1, double tilt)
    : Element(name, 0), IRandomKick
{
    private static readonly double DiffusionConstant =
        55.0 / (24.0 * Math.Sqrt(3.0)) * Constants.ClassicalElectronRadius * Constants.ReducedComptonWavelength;

    public double Weight { get; } = weight;
    public double Curvature { get; } = curvature;
    public override string Keyword => "radiation";

    // Radiation is the same for either beam.
    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        if (!context.Radiation) return;
        Tilt.Rotate(ref p, tilt);
        double e0 = context.EnergyEv;
        double cRad = Constants.CGamma * e0 * e0 * e0 / (2 * Math.PI);
        T onePlus = p.Delta + 1.0;
        T xp = p.Px / onePlus, yp = p.Py / onePlus;
        T by = p.X * k1 + Curvature, bx = p.Y * k1;
        T stretch = p.X * Curvature + (xp * xp + yp * yp) * 0.5 + 1.0;
        T loss = onePlus * onePlus * (bx * bx + by * by) * stretch * (cRad * Weight);
        T after = onePlus - loss;
        p.Delta = after - 1.0;
        p.Px = xp * after;
        p.Py = yp * after;
        Tilt.Rotate(ref p, -tilt);
    }

    /// <summary>Adds this point's quantum-excitation matrix, evaluated on <paramref name="orbit"/>, to <paramref name="b"/>.</summary>
    public void AddDiffusion(ReadOnlySpan<double> orbit, double energyEv, Matrix6 b)
    {
        double d = Diffusion(PhaseVector.ToReal(orbit), energyEv).Value;
        double onePlus = 1 + orbit[4];
        Span<double> v = [0, orbit[1] / onePlus, 0, orbit[3] / onePlus, 1, 0];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) b[i, j] += d * v[i] * v[j];
    }

    /// <summary>
    /// Quantum excitation as a random kick: the kick r v with r = sqrt(D) <paramref name="normal"/>, so that
    /// its covariance is exactly the diffusion matrix D v v^T the envelope uses.
    /// </summary>
    public void Excite<T>(ref Phase<T> p, T normal, double energyEv) where T : struct, IScalar<T>
    {
        T r = T.Sqrt(Diffusion(p, energyEv)) * normal;
        T onePlus = p.Delta + 1.0;
        T xp = p.Px / onePlus, yp = p.Py / onePlus;
        p.Delta = p.Delta + r;
        p.Px = p.Px + xp * r;
        p.Py = p.Py + yp * r;
    }

    public void Kick(ref Phase<Vec4> p, ulong seed, int first, int turn, int index, in TrackContext context) =>
        Excite(ref p, new Vec4(Tracking.CounterRandom.Gaussians(seed, first, turn, index)), context.EnergyEv);

    /// <summary>D of the class summary: the variance of delta this point adds to a particle at <paramref name="p"/>.</summary>
    private T Diffusion<T>(Phase<T> p, double energyEv) where T : struct, IScalar<T>
    {
        Tilt.Rotate(ref p, tilt);
        T onePlus = p.Delta + 1.0;
        T xp = p.Px / onePlus, yp = p.Py / onePlus;
        T by = p.X * k1 + Curvature, bx = p.Y * k1;
        T field2 = bx * bx + by * by;
        T stretch = p.X * Curvature + (xp * xp + yp * yp) * 0.5 + 1.0;
        T onePlus2 = onePlus * onePlus;
        return onePlus2 * onePlus2 * field2 * T.Sqrt(field2) * stretch * Strength(energyEv);
    }

    // The diffusion constant times gamma^5 and the weight, kept for the last energy (a ring tracks at one
    // energy; the pair is replaced as a whole, so threads never read a mismatched one).
    private DiffusionStrength? strength;

    private double Strength(double energyEv)
    {
        var kept = strength;
        if (kept is null || kept.EnergyEv != energyEv)
            strength = kept = new DiffusionStrength(energyEv, DiffusionConstant * Math.Pow(Constants.Gamma(energyEv), 5) * Weight);
        return kept.Value;
    }

    private sealed record DiffusionStrength(double EnergyEv, double Value);
}
