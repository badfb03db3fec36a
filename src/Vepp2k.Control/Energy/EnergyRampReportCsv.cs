using System.Globalization;
using System.Text;

namespace Vepp2k.Control.Energy;

/// <summary>
/// An energy-ramp report as CSV, one row per recorded node, in the units an operator reads (MeV, m, mm, mA);
/// a number the node has none of (no beam, no optics) is an empty cell, and the optics' status says why.
/// </summary>
public static class EnergyRampReportCsv
{
    public const string Header =
        "time_s,fraction,set_MeV,readback_MeV,nmr_MeV,model_Q1,model_Q2,model_betax_SND_m,model_betaz_SND_m,model_betax_CMD_m,model_betaz_CMD_m,model_status,"
        + "beam_Q1,beam_Q2,orbit_rms_x_mm,orbit_rms_z_mm,electrons_mA,positrons_mA,"
        + "proportional_Q1,proportional_Q2,proportional_betax_SND_m,proportional_betaz_SND_m,proportional_betax_CMD_m,proportional_betaz_CMD_m,proportional_status";

    public static string Write(EnergyRampReport report)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var (n, p) in report.Rows)
        {
            IEnumerable<string> cells =
            [
                N(n.TimeS), N(n.Fraction), N(n.SetEnergyEv / 1e6), N(n.ReadbackEnergyEv / 1e6), N(n.NmrEnergyEv / 1e6),
                .. Optics(n.Model), N(n.BeamTunes[0]), N(n.BeamTunes[1]), N(n.OrbitRmsX * 1e3), N(n.OrbitRmsZ * 1e3),
                N(n.ElectronCurrent * 1e3), N(n.PositronCurrent * 1e3), .. Optics(p),
            ];
            csv.AppendJoin(',', cells).Append('\n');
        }
        return csv.ToString();
    }

    private static IEnumerable<string> Optics(RampOptics o) =>
        [N(o.Q1), N(o.Q2), N(o.BetaXSnd), N(o.BetaYSnd), N(o.BetaXCmd), N(o.BetaYCmd), Quote(o.Status)];

    private static string N(double x) => double.IsFinite(x) ? x.ToString("G9", CultureInfo.InvariantCulture) : "";

    // A status carries the model's reason, commas and quotes included.
    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
