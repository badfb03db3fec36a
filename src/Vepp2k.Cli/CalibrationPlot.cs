using ScottPlot;
using Vepp2k.Machine.Calibration;

namespace Vepp2k.Cli;

/// <summary>Plots of a simulated calibration: the data with their errors, the fitted model, and where the truth is.</summary>
public static class CalibrationPlot
{
    public static void SaveRd(RdResult r, string path)
    {
        var bins = r.Scan.Bins;
        // Offsets from the jump keep the axis labels short (the line sits at MHz, the jump is resolved in Hz).
        double f0 = r.Fit.JumpFrequency;
        double[] f = [.. bins.Select(b => (b.FrequencyStart + b.FrequencyEnd) / 2 - f0)];
        var plot = new Plot();
        plot.Title($"Resonant depolarisation at {r.Scan.Settings.NominalEnergyEv / 1e6:F1} MeV (NMR): E = {r.EnergyEv / 1e6:F5} +- {r.UncertaintyEv / 1e6:F5} MeV");
        var data = plot.Add.ErrorBar(f, [.. bins.Select(b => b.Ratio)], [.. bins.Select(b => b.RatioError)]);
        data.LegendText = "polarised / reference bunch Touschek rate";
        var model = plot.Add.Scatter(new[] { f[0], 0, 0, f[^1] },
            new[] { r.Fit.RatioBefore, r.Fit.RatioBefore, r.Fit.RatioBefore + r.Fit.Jump, r.Fit.RatioBefore + r.Fit.Jump });
        model.LegendText = "fitted step";
        model.MarkerSize = 0;
        model.LineWidth = 2;
        var truth = plot.Add.VerticalLine(r.Scan.CrossingFrequency - f0, 1, Colors.Gray, LinePattern.Dashed);
        truth.LegendText = "simulated crossing";
        plot.XLabel($"f_d - {f0 / 1e6:F6} MHz [Hz]");
        plot.YLabel("rate ratio");
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    public static void SavePhi(PhiResult r, PhiScanSettings s, string path)
    {
        const double nb = PhiScanSettings.Nanobarn;
        var shape = new PhiLineShape(s.RelativeEnergySpread);
        var plot = new Plot();
        plot.Title($"Phi-meson scan: k = {r.Fit.Offset:E3} +- {r.OffsetUncertainty:E2} (simulated {s.TrueOffset:E3})");
        var data = plot.Add.ErrorBar([.. r.Points.Select(p => p.NominalCmEnergyEv / 1e6)],
            [.. r.Points.Select(p => p.CrossSection / nb)], [.. r.Points.Select(p => p.CrossSectionError / nb)]);
        data.LegendText = "visible cross-section";
        double w0 = r.Points.Min(p => p.NominalCmEnergyEv), w1 = r.Points.Max(p => p.NominalCmEnergyEv);
        double[] w = [.. Enumerable.Range(0, 201).Select(i => w0 + (w1 - w0) * i / 200)];
        var fit = plot.Add.Scatter(w.Select(x => x / 1e6).ToArray(),
            w.Select(x => (r.Fit.PeakCrossSection * shape.Visible(x * (1 + r.Fit.Offset)) + r.Fit.Background) / nb).ToArray());
        fit.LegendText = "fit: Breit-Wigner x ISR x energy spread + background";
        fit.MarkerSize = 0;
        var pdg = plot.Add.VerticalLine(PhiResonance.MassEv / 1e6, 1, Colors.Gray, LinePattern.Dashed);
        pdg.LegendText = "PDG M_phi";
        plot.XLabel("W_nmr = 2 E_nmr [MeV]");
        plot.YLabel("sigma [nb]");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    private static void Save(Plot plot, string path)
    {
        PlotFile.Save(plot, path, 1400, 700);
    }
}
