using System.Globalization;
using Vepp2k.Machine.Calibration;

namespace Vepp2k.Cli;

/// <summary>The simulated scans as CSV, SI units (Hz, s, eV, m^2, m^-2), one row per gate or point.</summary>
public static class CalibrationCsv
{
    public static void WriteRd(RdScanData scan, string path)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("frequency_start_hz,frequency_end_hz,time_s,polarized_counts,reference_counts,ratio,ratio_error");
        foreach (var b in scan.Bins)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{b.FrequencyStart:R},{b.FrequencyEnd:R},{b.TimeStart:R},{b.PolarizedCounts},{b.ReferenceCounts},{b.Ratio:R},{b.RatioError:R}"));
    }

    public static void WritePhi(PhiResult r, PhiScanSettings s, string path)
    {
        var shape = new PhiLineShape(s.RelativeEnergySpread);
        using var w = new StreamWriter(path);
        w.WriteLine("nominal_cm_energy_ev,luminosity_m-2,events,cross_section_m2,cross_section_error_m2,fit_m2");
        foreach (var p in r.Points)
        {
            double model = r.Fit.PeakCrossSection * shape.Visible(p.NominalCmEnergyEv * (1 + r.Fit.Offset)) + r.Fit.Background;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.NominalCmEnergyEv:R},{p.Luminosity:R},{p.Events},{p.CrossSection:R},{p.CrossSectionError:R},{model:R}"));
        }
    }
}
