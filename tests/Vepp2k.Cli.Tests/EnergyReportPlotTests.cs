using Vepp2k.Control.Energy;

namespace Vepp2k.Cli.Tests;

/// <summary>The energy-ramp plot with the gaps a real report has: nodes where proportional scaling leaves no optics, a beam lost midway.</summary>
public class EnergyReportPlotTests
{
    [Fact]
    public void A_report_with_nodes_without_optics_or_beam_plots_and_writes_csv_with_empty_cells()
    {
        const int Nodes = 20;
        static RampOptics Optics(double q) => new("ok", 4 + q, 2 + q, 0.1, 0.1, 0.1, 0.1);
        var none = new RampOptics("InvalidInput: 1F1: current 333 A is outside the range 0 .. 300 A", double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var rows = Enumerable.Range(0, Nodes).Select(k =>
        {
            bool beam = k < Nodes / 2;
            var node = new EnergyRampRow(k, k / (Nodes - 1.0), (825 + 175.0 * k / (Nodes - 1)) * 1e6, (825 + 175.0 * k / (Nodes - 1)) * 1e6, double.NaN,
                Optics(0.1), beam ? [0.1, 0.1] : [double.NaN, double.NaN], beam ? 5e-5 : double.NaN, beam ? 3e-5 : double.NaN, beam ? 0.04 : 0, beam ? 0.04 : 0);
            return new EnergyRampReportRow(node, k < 5 ? Optics(0.1 + 0.01 * k) : none);
        }).ToList();
        var report = new EnergyRampReport(7, "energy to 1000.000 MeV", "Paused", "ramp #7 Paused", 825e6, 1000e6, ["beam lost at 912 MeV: test"], rows);

        string png = Path.Combine(Path.GetTempPath(), $"vepp2k-ramp-{Guid.NewGuid():N}.png");
        try
        {
            EnergyReportPlot.Save(report, png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        }
        finally { File.Delete(png); }

        var lines = EnergyRampReportCsv.Write(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Nodes + 1, lines.Length);
        var header = lines[0].Split(',');
        // The last row: no beam, no proportional optics; its cells are empty, its status quoted whole.
        string last = lines[^1];
        Assert.EndsWith("\"InvalidInput: 1F1: current 333 A is outside the range 0 .. 300 A\"", last);
        var cells = last[..last.LastIndexOf(",\"", StringComparison.Ordinal)].Split(',');
        Assert.Equal("", cells[Array.IndexOf(header, "beam_Q1")]);
        Assert.Equal("", cells[Array.IndexOf(header, "nmr_MeV")]);
        Assert.Equal("0", cells[Array.IndexOf(header, "electrons_mA")]);
        Assert.Equal("1000", cells[Array.IndexOf(header, "set_MeV")]);
    }
}
