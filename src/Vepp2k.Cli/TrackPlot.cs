using ScottPlot;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Cli;

/// <summary>Plots of the tracking studies, PNG or SVG by the file's extension.</summary>
public static class TrackPlot
{
    public static void DynamicAperture(IReadOnlyList<ApertureRay> rays, string path, string title)
    {
        var plot = new Plot();
        plot.Title(title);
        foreach (var group in rays.GroupBy(r => r.Delta))
        {
            var line = plot.Add.Scatter(group.Select(r => r.X * 1e3).ToArray(), group.Select(r => r.Y * 1e3).ToArray());
            line.LegendText = $"delta = {group.Key:G3}";
        }
        plot.XLabel("x [mm]");
        plot.YLabel("y [mm]");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    public static void MomentumCurve(IReadOnlyList<MomentumTune> curve, string path, string title)
    {
        var plot = new Plot();
        plot.Title(title);
        double[] delta = [.. curve.Select(p => p.Delta * 100)];
        var q1 = plot.Add.Scatter(delta, [.. curve.Select(p => p.Q1)]);
        q1.LegendText = "Q1 (x-like)";
        var q2 = plot.Add.Scatter(delta, [.. curve.Select(p => p.Q2)]);
        q2.LegendText = "Q2 (y-like)";
        plot.XLabel("delta [%]");
        plot.YLabel("fractional tune");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    /// <summary>Tune space coloured by diffusion (or amplitude for a footprint), with resonance lines up to fourth order.</summary>
    public static void TuneMap(IReadOnlyList<FrequencyMapPoint> points, string path, string title, bool diffusion)
    {
        var plot = new Plot();
        plot.Title(title);
        var live = points.Where(p => p.Survived && double.IsFinite(p.Q1) && double.IsFinite(p.Q2)).ToArray();
        if (live.Length == 0) { Save(plot, path); return; }
        double[] values = live.Select(p => diffusion ? Clamp(p.Diffusion) : Math.Sqrt(p.X * p.X + p.Y * p.Y)).ToArray();
        double low = values.Min(), high = values.Max();
        var colormap = new ScottPlot.Colormaps.Turbo();
        foreach (var (p, v) in live.Zip(values))
        {
            var marker = plot.Add.Marker(p.Q1, p.Q2);
            marker.Color = colormap.GetColor(high > low ? (v - low) / (high - low) : 0.5);
            marker.Size = 4;
        }
        double q1min = live.Min(p => p.Q1), q1max = live.Max(p => p.Q1), q2min = live.Min(p => p.Q2), q2max = live.Max(p => p.Q2);
        double margin = Math.Max(1e-4, Math.Max(q1max - q1min, q2max - q2min) * 0.2);
        ResonanceLines(plot, q1min - margin, q1max + margin, q2min - margin, q2max + margin);
        plot.Axes.SetLimits(q1min - margin, q1max + margin, q2min - margin, q2max + margin);
        plot.XLabel("Q1 (x-like mode, fractional)");
        plot.YLabel("Q2 (y-like mode, fractional)");
        plot.Title(title + (diffusion ? $"\ncolour: log10 |dQ|, blue {low:F1} to red {high:F1}" : "\ncolour: launch amplitude, blue small to red large"));
        Save(plot, path);
    }

    /// <summary>The map in amplitude space: launch x, y coloured by diffusion.</summary>
    public static void AmplitudeMap(IReadOnlyList<FrequencyMapPoint> points, string path, string title)
    {
        var plot = new Plot();
        plot.Title(title);
        var colormap = new ScottPlot.Colormaps.Turbo();
        foreach (var p in points)
        {
            var marker = plot.Add.Marker(p.X * 1e3, p.Y * 1e3);
            marker.Color = p.Survived && double.IsFinite(p.Diffusion) ? colormap.GetColor((Clamp(p.Diffusion) + 10) / 10) : Colors.Black;
            marker.Size = 6;
        }
        plot.XLabel("x [mm]");
        plot.YLabel("y [mm]");
        plot.Title(title + "\ncolour: log10 |dQ|, blue -10 to red 0; black: lost");
        Save(plot, path);
    }

    // m Q1 + n Q2 = p for |m| + |n| <= 4, drawn inside the window.
    private static void ResonanceLines(Plot plot, double x0, double x1, double y0, double y1)
    {
        for (int m = -4; m <= 4; m++)
            for (int n = 0; n <= 4; n++)
            {
                int order = Math.Abs(m) + n;
                if (order == 0 || order > 4 || (n == 0 && m < 0)) continue;
                var color = order switch { 1 => Colors.Black, 2 => Colors.DarkRed, 3 => Colors.DarkBlue, _ => Colors.Gray };
                double pMin = Math.Floor(Math.Min(m * x0, m * x1) + n * y0) - 1, pMax = Math.Ceiling(Math.Max(m * x0, m * x1) + n * y1) + 1;
                for (double p = pMin; p <= pMax; p++)
                {
                    var line = n == 0
                        ? plot.Add.Line(p / m, y0, p / m, y1)
                        : plot.Add.Line(x0, (p - m * x0) / n, x1, (p - m * x1) / n);
                    line.Color = color.WithAlpha(0.5);
                    line.LineWidth = order <= 2 ? 1.5f : 1;
                }
            }
    }

    private static double Clamp(double diffusion) => double.IsFinite(diffusion) ? Math.Clamp(diffusion, -10, 0) : 0;

    /// <summary>Fraction of the tracked samples beyond each amplitude per mode, log scale, beside the Gaussian exp(-A^2/2).</summary>
    public static void Tails(EquilibriumResult r, string path, string title)
    {
        var plot = new Plot();
        plot.Title(title);
        double[] amplitudes = [.. r.TailAmplitudes];
        for (int k = 0; k < r.FractionBeyond.Length; k++)
        {
            var measured = r.FractionBeyond[k].Select((f, t) => (A: amplitudes[t], F: f)).Where(p => p.F > 0).ToArray();
            if (measured.Length == 0) continue;
            var line = plot.Add.Scatter(measured.Select(p => p.A).ToArray(), measured.Select(p => Math.Log10(p.F)).ToArray());
            line.LegendText = $"mode {k + 1}";
        }
        double[] fine = [.. Enumerable.Range(0, 51).Select(i => i * amplitudes[^1] / 50)];
        var gaussian = plot.Add.ScatterLine(fine, fine.Select(a => Math.Log10(BeamTails.GaussianBeyond(a))).ToArray());
        gaussian.LegendText = "Gaussian, exp(-A^2/2)";
        gaussian.LinePattern = LinePattern.Dashed;
        plot.XLabel("amplitude A [rms of the envelope's mode]");
        plot.YLabel("log10 fraction beyond A");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    private static void Save(Plot plot, string path)
    {
        PlotFile.Save(plot, path, 900, 800);
    }
}
