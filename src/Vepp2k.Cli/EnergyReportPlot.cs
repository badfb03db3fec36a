using ScottPlot;
using Vepp2k.Control.Energy;

namespace Vepp2k.Cli;

/// <summary>
/// An energy ramp's report on four stacked panels against time: the energy (setpoints, dipole readback,
/// NMR), the fractional tunes (online model, beam, proportional scaling), beta* at SND and CMD (model and
/// proportional), and the rms orbit at the 20 monitors. Nodes without a number (no beam, no optics) are gaps.
/// </summary>
public static class EnergyReportPlot
{
    public static void Save(EnergyRampReport report, string path)
    {
        var rows = report.Rows;
        double[] t = [.. rows.Select(r => r.Node.TimeS)];
        var multiplot = new Multiplot();
        multiplot.AddPlots(4);

        var energy = multiplot.GetPlot(0);
        energy.Title($"Energy ramp #{report.RampId}: {report.FromEv / 1e6:F3} -> {report.ToEv / 1e6:F3} MeV, {report.State}"
            + (report.Holds.Count > 0 ? $" (held: {report.Holds[^1]})" : ""));
        Line(energy, t, rows.Select(r => r.Node.SetEnergyEv / 1e6), "setpoints");
        Line(energy, t, rows.Select(r => r.Node.ReadbackEnergyEv / 1e6), "dipole readback");
        Line(energy, t, rows.Select(r => r.Node.NmrEnergyEv / 1e6), "NMR");
        energy.YLabel("E [MeV]");

        var tunes = multiplot.GetPlot(1);
        Line(tunes, t, rows.Select(r => Fraction(r.Node.Model.Q1)), "model Q1");
        Line(tunes, t, rows.Select(r => Fraction(r.Node.Model.Q2)), "model Q2");
        Line(tunes, t, rows.Select(r => r.Node.BeamTunes[0]), "beam Q1");
        Line(tunes, t, rows.Select(r => r.Node.BeamTunes[1]), "beam Q2");
        Line(tunes, t, rows.Select(r => Fraction(r.Proportional.Q1)), "proportional Q1", LinePattern.Dashed);
        Line(tunes, t, rows.Select(r => Fraction(r.Proportional.Q2)), "proportional Q2", LinePattern.Dashed);
        tunes.YLabel("fractional tune");

        var beta = multiplot.GetPlot(2);
        Line(beta, t, rows.Select(r => r.Node.Model.BetaXSnd * 100), "model beta_x* SND");
        Line(beta, t, rows.Select(r => r.Node.Model.BetaXCmd * 100), "model beta_x* CMD");
        Line(beta, t, rows.Select(r => r.Proportional.BetaXSnd * 100), "proportional beta_x* SND", LinePattern.Dashed);
        Line(beta, t, rows.Select(r => r.Proportional.BetaXCmd * 100), "proportional beta_x* CMD", LinePattern.Dashed);
        beta.YLabel("beta* [cm]");

        var orbit = multiplot.GetPlot(3);
        Line(orbit, t, rows.Select(r => r.Node.OrbitRmsX * 1e3), "rms x");
        Line(orbit, t, rows.Select(r => r.Node.OrbitRmsZ * 1e3), "rms z");
        orbit.YLabel("orbit at 20 monitors [mm]");
        orbit.XLabel("time since the ramp started [s]");

        // The energy climbs or falls across the panel: its legend goes where a falling ramp ends, the others top right.
        energy.ShowLegend(report.ToEv > report.FromEv ? Alignment.LowerRight : Alignment.UpperRight);
        foreach (var p in new[] { tunes, beta, orbit }) p.ShowLegend(Alignment.UpperRight);
        multiplot.SavePng(path, 1400, 1400);
    }

    private static double Fraction(double q) => q - Math.Floor(q);

    private static void Line(Plot plot, double[] t, IEnumerable<double> y, string label, LinePattern? pattern = null)
    {
        var line = plot.Add.Scatter(t, y.ToArray());
        line.LegendText = label;
        line.MarkerSize = 3;
        if (pattern is { } p) line.LinePattern = p;
    }
}
