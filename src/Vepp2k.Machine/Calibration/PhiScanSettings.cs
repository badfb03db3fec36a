namespace Vepp2k.Machine.Calibration;

/// <summary>
/// One simulated phi scan: the nominal (NMR) c.m. energies set, the true offset of the NMR scale, the
/// luminosity per point, the visible cross-section (efficiency included) and the beam energy spread.
/// Cross-sections in m^2, luminosity in m^-2 (1 nb = 1e-37 m^2).
/// </summary>
public sealed record PhiScanSettings
{
    public const double Nanobarn = 1e-37;

    /// <summary>True relative offset k of the NMR scale: W_true = W_nmr (1 + k).</summary>
    public double TrueOffset { get; init; } = 2e-4;

    /// <summary>Nominal c.m. energies [eV]: M + {-3 .. +4} Gamma, denser on the slopes where the mass is measured, and the radiative tail above.</summary>
    public IReadOnlyList<double> NominalCmEnergiesEv { get; init; } =
        [.. new[] { -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4 }.Select(g => PhiResonance.MassEv + g * PhiResonance.WidthEv)];

    /// <summary>Integrated luminosity per point [m^-2]; 20 nb^-1 by default.</summary>
    public double LuminosityPerPoint { get; init; } = 20 / Nanobarn;

    /// <summary>Born peak cross-section times detection efficiency [m^2]; 2 ub (K+K- and KsKl seen, assumed).</summary>
    public double PeakCrossSection { get; init; } = 2000 * Nanobarn;

    /// <summary>Flat non-resonant background [m^2].</summary>
    public double Background { get; init; } = 30 * Nanobarn;

    /// <summary>Relative beam energy spread sigma_E / E: 3.7e-4 at 510 MeV (beam-physics.md 4.2).</summary>
    public double RelativeEnergySpread { get; init; } = 3.7e-4;
}
