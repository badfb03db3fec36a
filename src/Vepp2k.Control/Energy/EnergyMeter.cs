using System.Globalization;
using Vepp2k.Control.Nmr;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;

namespace Vepp2k.Control.Energy;

/// <summary>
/// Beam energy from the eight dipole NMR probes (VEPP/NMR/Measured/1M1 .. 4M2 -> VEPP/Energy/Energy_NMR).
/// <list type="number">
/// <item>Only locked probes with a finite positive field count; the others are listed with the reason.</item>
/// <item>Outliers are rejected by <see cref="ProbeOutliers"/>: more than 3.5 scaled MADs from the median.</item>
/// <item>The remaining fields are averaged; E_nmr = sqrt((c B rho)^2 + (m_e c^2)^2), with rho the bending
/// radius the magnet catalogue uses for its own B(I) -> energy conversion, so that the NMR energy and the
/// model energy <see cref="MagnetCatalogue.BeamEnergy"/> agree whenever the field is the model's.</item>
/// <item>The calibration correction at E_nmr is applied: E = E_nmr (1 + k).</item>
/// <item>Uncertainty: sigma_B/B = sqrt((s / sqrt(n) / B)^2 + a^2), s the sample standard deviation of the
/// accepted fields and a the probe accuracy taken as common to all probes (one frequency standard and the
/// proton gyromagnetic ratio; assumed equal to the ppm class in nmr.json), so averaging does not reduce it;
/// sigma_E_nmr = beta^2 E_nmr sigma_B/B (dE/E = beta^2 dp/p); then
/// sigma_E^2 = ((1 + k) sigma_E_nmr)^2 + (E_nmr sigma_k)^2.</item>
/// </list>
/// Fewer than <see cref="MinimumProbes"/> accepted probes give <see cref="EnergyUnavailable"/>, never a number.
/// </summary>
public sealed class EnergyMeter
{
    /// <summary>Two probes are the fewest that give a scatter, hence an uncertainty, of their own.</summary>
    public const int MinimumProbes = 2;

    private readonly string[] probes;
    private readonly NmrParameters nmr;
    private readonly EnergyCalibration calibration;

    public EnergyMeter(MagnetCatalogue catalogue, NmrParameters nmr, EnergyCalibration calibration)
    {
        var dipoles = catalogue.OfKind(MagnetKind.Dipole).ToArray();
        probes = dipoles.Select(d => d.Name).ToArray();
        // The catalogue's dipole strength is the bend angle = arc B / B rho, so its radius is arc / angle.
        BendingRadius = dipoles[0].StrengthScale / RingGeometry.BendAngle;
        this.nmr = nmr;
        this.calibration = calibration;
    }

    /// <summary>Names of the probes, one per dipole: 1M1 1M2 2M1 ... 4M2.</summary>
    public IReadOnlyList<string> Probes => probes;

    /// <summary>Bending radius rho [m] of the dipoles (dipole.json, 1.40 m).</summary>
    public double BendingRadius { get; }

    /// <summary>Total electron energy [eV] whose orbit has radius rho in field B [T].</summary>
    public double EnergyFromField(double field)
    {
        double pc = Constants.SpeedOfLight * field * BendingRadius;
        return Math.Sqrt(pc * pc + Constants.ElectronMassEv * Constants.ElectronMassEv);
    }

    /// <summary>
    /// One evaluation from the probes' latest readings, keyed by probe name; a missing probe counts as
    /// rejected. A name that is not a VEPP-2000 dipole is a wiring error and throws.
    /// </summary>
    public EnergyResult Measure(IReadOnlyDictionary<string, NmrReading> readings)
    {
        foreach (var name in readings.Keys)
            if (Array.IndexOf(probes, name) < 0)
                throw new ArgumentException($"'{name}' is not an NMR probe; the probes are {string.Join(" ", probes)}", nameof(readings));

        var rejected = new List<ProbeRejection>();
        var names = new List<string>(probes.Length);
        Span<double> fields = stackalloc double[probes.Length];
        int n = 0;
        foreach (var name in probes)
        {
            if (!readings.TryGetValue(name, out var reading)) rejected.Add(new(name, "no reading"));
            else if (reading.Status != NmrStatus.Locked) rejected.Add(new(name, $"not locked ({reading.Status})"));
            else if (reading.Field is not (> 0 and var b) || !double.IsFinite(b)) rejected.Add(new(name, "locked but no valid field"));
            else
            {
                names.Add(name);
                fields[n++] = b;
            }
        }
        if (n < MinimumProbes) return Unavailable(names, rejected);

        var (median, scale) = ProbeOutliers.Centre(fields[..n], nmr.NoisePpm * 1e-6);
        var used = new List<string>(n);
        double sum = 0, sumSq = 0;
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            double z = (fields[i] - median) / scale;
            if (Math.Abs(z) > ProbeOutliers.Threshold)
            {
                rejected.Add(new(names[i], string.Create(CultureInfo.InvariantCulture,
                    $"outlier: {fields[i]:F6} T is {z:F1} scaled MAD from the median {median:F6} T (limit {ProbeOutliers.Threshold})")));
                continue;
            }
            used.Add(names[i]);
            sum += fields[i];
            sumSq += fields[i] * fields[i];
            m++;
        }
        if (m < MinimumProbes) return Unavailable(used, rejected);

        double mean = sum / m;
        double variance = Math.Max(0, (sumSq - m * mean * mean) / (m - 1));
        double relativeScatter = Math.Sqrt(variance / m) / mean;
        double relativeField = Math.Sqrt(relativeScatter * relativeScatter + Math.Pow(nmr.NoisePpm * 1e-6, 2));
        double nmrEnergy = EnergyFromField(mean);
        double pc = Constants.SpeedOfLight * mean * BendingRadius;
        double energyPerRelativeField = pc * pc / nmrEnergy;   // beta^2 E
        double sigmaNmr = energyPerRelativeField * relativeField;
        var correction = calibration.At(nmrEnergy);
        double sigma = Math.Sqrt(Math.Pow((1 + correction.Offset) * sigmaNmr, 2) + Math.Pow(nmrEnergy * correction.Uncertainty, 2));
        return new EnergyMeasured(nmrEnergy * (1 + correction.Offset), sigma,
            (1 + correction.Offset) * energyPerRelativeField * relativeScatter, mean, nmrEnergy, correction, used, rejected);
    }

    private static EnergyUnavailable Unavailable(List<string> used, List<ProbeRejection> rejected) =>
        new($"energy unavailable: {used.Count} usable NMR probe(s), at least {MinimumProbes} needed "
            + $"({rejected.Count} rejected: {string.Join("; ", rejected.Select(r => $"{r.Probe} {r.Reason}"))})", used, rejected);
}
