using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.Optics;

/// <summary>What to compute and how finely.</summary>
public sealed record OpticsOptions(bool Chromaticity = true, bool Radiation = true, double RadiationSliceLength = 0.1, double DeltaStep = 1e-6);

/// <summary>
/// Everything the optics command reports for a ring: coupled linear optics, chromaticity, the
/// classical radiation integrals and, when the ring has RF, the 6-D radiative equilibrium.
/// </summary>
public sealed class RingOptics
{
    private RingOptics(LinearOptics linear, double[]? chromaticity, RadiationIntegrals integrals, Envelope? envelope, string? envelopeProblem)
    {
        Linear = linear; Chromaticity = chromaticity; Integrals = integrals; Envelope = envelope; EnvelopeProblem = envelopeProblem;
    }

    public Lattice Lattice => Linear.Lattice;
    public LinearOptics Linear { get; }
    public IReadOnlyList<double>? Chromaticity { get; }
    public RadiationIntegrals Integrals { get; }
    public Envelope? Envelope { get; }

    /// <summary>Why there is no envelope (no cavity, unstable longitudinal motion), if there is none.</summary>
    public string? EnvelopeProblem { get; }

    public static RingOptics Compute(Lattice lattice, OpticsOptions? options = null)
    {
        options ??= new OpticsOptions();
        var linear = LinearOptics.Compute(lattice);
        var chroma = options.Chromaticity ? Optics.Chromaticity.Compute(lattice, linear.Modes, linear.Dispersion0, options.DeltaStep) : null;
        var integrals = RadiationIntegrals.Compute(linear);
        Envelope? envelope = null;
        string? problem = null;
        if (options.Radiation)
        {
            try { envelope = Envelope.Compute(lattice, options.RadiationSliceLength, linear.Modes); }
            catch (OpticsException e) { problem = e.Message; }
        }
        else problem = "radiation not requested";
        return new RingOptics(linear, chroma, integrals, envelope, problem);
    }
}
