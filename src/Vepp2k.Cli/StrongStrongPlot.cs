using ScottPlot;
using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Cli;

/// <summary>The sigma- and pi-mode spectra of a strong-strong run in x, with the lattice tune and the tunes xi and 1.21 xi above it.</summary>
public static class StrongStrongPlot
{
    public static void Spectra(StrongStrongResult r, string path)
    {
        var o = r.Options;
        var (tune, sigma, pi) = r.Spectra(horizontal: true);
        var plot = new Plot();
        plot.Title($"strong-strong, xi = {o.Xi:G3}: coherent spectra in x");
        var s = plot.Add.ScatterLine(tune, sigma.Select(v => Math.Log10(v + 1e-30)).ToArray());
        s.LegendText = "sigma mode (sum)";
        var p = plot.Add.ScatterLine(tune, pi.Select(v => Math.Log10(v + 1e-30)).ToArray());
        p.LegendText = "pi mode (difference)";
        foreach (var (q, label) in new[] { (o.TuneX, "Q"), (o.TuneX + o.Xi, "Q + xi"), (o.TuneX + 1.21 * o.Xi, "Q + 1.21 xi") })
        {
            var line = plot.Add.VerticalLine(q);
            line.LegendText = label;
            line.LinePattern = LinePattern.Dashed;
        }
        double low = Math.Max(0, o.TuneX - 2 * o.Xi), high = Math.Min(0.5, o.TuneX + 3 * o.Xi);
        plot.Axes.SetLimitsX(low, high);
        plot.XLabel("fractional tune");
        plot.YLabel("log10 amplitude");
        plot.ShowLegend(Alignment.UpperRight);
        PlotFile.Save(plot, path, 900, 600);
    }
}
