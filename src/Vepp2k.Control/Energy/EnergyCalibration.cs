using System.Globalization;
using Vepp2k.Control.Devices;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Energy;

/// <summary>
/// The operator's table of energy calibrations and the NMR-scale correction it defines.
/// <para>
/// Each entry i gives a relative offset k_i = E_ref,i / E_nmr,i - 1 with sigma_i = sigma_ref,i / E_nmr,i,
/// weighted w_i = 1 / sigma_i^2. The correction at an NMR energy E is
/// </para>
/// <list type="bullet">
/// <item>no entries: k = 0, with the uncalibrated B rho scale uncertainty (1e-3, beam-physics.md 4.1:
/// "with B rho alone it is worse than 1e-3");</item>
/// <item>entries at one energy (all within 1e-3 of each other): the weighted mean, sigma^2 = 1 / sum w;</item>
/// <item>entries at two or more distinct energies: the weighted straight line
/// k(E) = a + b (E - E_w), E_w = sum w E / sum w, evaluated at E clamped to the calibrated range
/// [min E_nmr, max E_nmr] (outside it the line is not extrapolated: a 510 MeV phi point and a
/// 750 MeV depolarisation point say nothing about the slope at 1 GeV), with
/// sigma^2 = 1 / sum w + (E_c - E_w)^2 / sum w (E - E_w)^2 (a and b are uncorrelated about E_w).</item>
/// </list>
/// Where there are more entries than parameters and chi^2 / ndf exceeds 1, sigma is scaled by
/// sqrt(chi^2 / ndf) (the PDG scale factor), so calibrations that disagree widen the error rather than hide.
/// </summary>
public sealed class EnergyCalibration
{
    /// <summary>Relative accuracy of the NMR energy scale with no calibration (beam-physics.md 4.1).</summary>
    public const double UncalibratedUncertainty = 1e-3;

    /// <summary>
    /// Largest offset accepted: the B rho scale is good to about 1e-3, so an entry 1 % off the NMR
    /// energy is a typing or unit error (MeV for GeV, the c.m. energy for the beam energy), not a calibration.
    /// </summary>
    public const double MaxOffset = 0.01;

    /// <summary>Energies closer than this (relative) count as one calibration point.</summary>
    public const double SameEnergy = 1e-3;

    // Replaced whole on every add, so the 10 Hz energy loop reads a consistent table while an operator adds to it.
    private volatile EnergyCalibrationEntry[] table = [];

    public IReadOnlyList<EnergyCalibrationEntry> Entries => table;

    /// <summary>Why an entry would be refused, or null when it is acceptable.</summary>
    public string? Check(EnergyCalibrationEntry entry) => Problem(entry);

    /// <summary>Adds an entry, or refuses it with the reason and leaves the table as it was.</summary>
    public CommandResult Add(EnergyCalibrationEntry entry)
    {
        var problem = Problem(entry);
        if (problem is not null) return CommandResult.Refuse(problem);
        table = [.. table, entry];
        return CommandResult.Accept(string.Create(CultureInfo.InvariantCulture,
            $"{entry.Method} at {entry.NmrEnergyEv / 1e6:F3} MeV: offset {entry.Offset:E3} +- {entry.OffsetUncertainty:E2}"));
    }

    /// <summary>The correction at NMR energy <paramref name="nmrEnergyEv"/>.</summary>
    public EnergyCorrection At(double nmrEnergyEv)
    {
        var entries = table;
        if (entries.Length == 0) return new(0, UncalibratedUncertainty, "no calibration: uncorrected B rho scale");
        double sw = 0, swe = 0;
        foreach (var e in entries)
        {
            double w = Weight(e);
            sw += w;
            swe += w * e.NmrEnergyEv;
        }
        double centre = swe / sw, low = entries.Min(e => e.NmrEnergyEv), high = entries.Max(e => e.NmrEnergyEv);
        double swk = 0, swdd = 0, swdk = 0;
        foreach (var e in entries)
        {
            double w = Weight(e), d = e.NmrEnergyEv - centre;
            swk += w * e.Offset;
            swdd += w * d * d;
            swdk += w * d * e.Offset;
        }
        double a = swk / sw;
        bool line = high - low > SameEnergy * centre;
        double slope = line ? swdk / swdd : 0;
        double at = line ? Math.Clamp(nmrEnergyEv, low, high) - centre : 0;
        double variance = 1 / sw + (line ? at * at / swdd : 0);
        double chi2 = entries.Sum(e => Weight(e) * Math.Pow(e.Offset - a - slope * (e.NmrEnergyEv - centre), 2));
        int ndf = entries.Length - (line ? 2 : 1);
        double scale = ndf > 0 ? Math.Max(1, Math.Sqrt(chi2 / ndf)) : 1;
        string basis = line
            ? FormattableString.Invariant($"weighted line through {entries.Length} calibrations over {low / 1e6:F1} .. {high / 1e6:F1} MeV{(nmrEnergyEv < low || nmrEnergyEv > high ? " (held at the nearest end: no extrapolation)" : "")}")
            : FormattableString.Invariant($"weighted mean of {entries.Length} calibrations at {centre / 1e6:F1} MeV");
        if (scale > 1) basis += string.Create(CultureInfo.InvariantCulture, $"; error scaled by {scale:F2} for chi2/ndf = {chi2:F1}/{ndf}");
        return new(a + slope * at, scale * Math.Sqrt(variance), basis);
    }

    private static double Weight(EnergyCalibrationEntry e) => 1 / (e.OffsetUncertainty * e.OffsetUncertainty);

    private static string? Problem(EnergyCalibrationEntry e)
    {
        static string Mev(double ev) => (ev / 1e6).ToString("G6", CultureInfo.InvariantCulture);
        const string range = "the machine's 0.16 .. 1.0 GeV per beam (1 % beyond for a measurement)";
        if (!double.IsFinite(e.ReferenceEnergyEv) || !double.IsFinite(e.NmrEnergyEv) || !double.IsFinite(e.ReferenceUncertaintyEv))
            return "every energy and uncertainty must be a finite number (got NaN or infinity)";
        if (!InRange(e.ReferenceEnergyEv))
            return $"reference energy {Mev(e.ReferenceEnergyEv)} MeV is outside {range}";
        if (!InRange(e.NmrEnergyEv))
            return $"NMR energy {Mev(e.NmrEnergyEv)} MeV is outside {range}";
        if (e.ReferenceUncertaintyEv <= 0)
            return $"reference uncertainty must be positive (got {Mev(e.ReferenceUncertaintyEv)} MeV): it weights the entry";
        if (Math.Abs(e.Offset) > MaxOffset)
            return string.Create(CultureInfo.InvariantCulture,
                $"reference {Mev(e.ReferenceEnergyEv)} MeV is {e.Offset:P2} from the NMR energy {Mev(e.NmrEnergyEv)} MeV (limit {MaxOffset:P0}): check units and that it is the beam, not the c.m., energy");
        if (string.IsNullOrWhiteSpace(e.Author)) return "an entry needs its author";
        return null;
    }

    private static bool InRange(double energyEv) => BeamEnergyRange.Measurable(energyEv);
}
