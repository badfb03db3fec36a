using System.CommandLine;
using ScottPlot;

namespace Vepp2k.Cli;

/// <summary>
/// vepp2k beambeam plot: scans side by side as the abstract's Fig. 5 draws them, the specific luminosity
/// L/(I+ I-) against the bunch current (equal currents in the weak-strong runs, so L/I^2), and optionally the
/// luminosity beam-beam parameter xi_L against the current, where the beam-beam limit shows as its saturation,
/// and the rings' curves on one scale: the luminosity over the no-blow-up one against the nominal xi, which sets
/// machines of very different currents (VEPP-2M's tens of mA, VEPP-2000's hundreds) side by side.
/// </summary>
public static class BeamBeamFigure
{
    public static Command Create()
    {
        var scans = new Argument<string[]>("scans") { Description = "result files of vepp2k beambeam scan (merged), one curve each", Arity = ArgumentArity.OneOrMore };
        var labels = new Option<string?>("--labels") { Description = "legend of each curve, comma-separated (default: the scan's mode or lattice)" };
        var output = new Option<string>("--out") { Description = "plot of L/(I+ I-) against the current (.png or .svg)", Required = true };
        var xi = new Option<string?>("--xi-out") { Description = "also plot xi_L and the nominal xi against the current" };
        var relative = new Option<string?>("--relative-out") { Description = "also plot L over the no-blow-up luminosity against the nominal xi" };
        var command = new Command("plot", "specific luminosity (and xi_L) against the bunch current, one curve per scan: the abstract's Fig. 5") { scans, labels, output, xi, relative };
        command.SetAction(parse =>
        {
            try
            {
                var files = parse.GetValue(scans)!;
                var names = parse.GetValue(labels)?.Split(',') ?? [];
                if (names.Length > 0 && names.Length != files.Length) throw new ArgumentException($"--labels gives {names.Length} names for {files.Length} scans");
                var curves = files.Select((f, i) =>
                {
                    var (settings, points) = ScanFile.Points(f);
                    return (Label: names.Length > 0 ? names[i] : LabelOf(settings), Points: points);
                }).ToList();
                Luminosity(curves, parse.GetValue(output)!);
                if (parse.GetValue(xi) is { } xiPath) Xi(curves, xiPath);
                if (parse.GetValue(relative) is { } relativePath) Relative(curves, relativePath);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or FormatException)
            {
                Console.Error.WriteLine($"vepp2k beambeam plot: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static string LabelOf(string settings)
    {
        var fields = settings.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        string ring = fields.GetValueOrDefault("mode") is { Length: > 0 } mode ? mode : Path.GetFileNameWithoutExtension(fields.GetValueOrDefault("lattice") ?? "ring");
        return fields.GetValueOrDefault("model") == "linear" ? ring + " (linear model)" : ring;
    }

    private const double Unit = 1e27;   // cm^-2 s^-1 mA^-2, the scale of VEPP-2000's specific luminosity

    private static void Luminosity(List<(string Label, List<Dictionary<string, double>> Points)> curves, string path)
    {
        var plot = new Plot();
        plot.Title("specific luminosity against the bunch current (weak-strong, equal currents)");
        foreach (var (label, points) in curves)
        {
            double[] current = [.. points.Select(p => p["current_mA"])];
            var measured = plot.Add.Scatter(current, [.. points.Select(p => p["luminosity_cm2s"] / (p["current_mA"] * p["current_mA"]) / Unit)]);
            measured.LegendText = label;
            var geometric = plot.Add.ScatterLine(current, [.. points.Select(p => p["luminosity_hourglass_cm2s"] / (p["current_mA"] * p["current_mA"]) / Unit)]);
            geometric.LegendText = label + ": no blow-up (envelope, hourglass)";
            geometric.LinePattern = LinePattern.Dashed;
            geometric.Color = measured.Color;
        }
        plot.XLabel("bunch current I+ = I- [mA]");
        plot.YLabel("L/(I+ I-) [1e27 cm^-2 s^-1 mA^-2]");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    private static void Xi(List<(string Label, List<Dictionary<string, double>> Points)> curves, string path)
    {
        var plot = new Plot();
        plot.Title("beam-beam parameter against the bunch current");
        foreach (var (label, points) in curves)
        {
            double[] current = [.. points.Select(p => p["current_mA"])];
            var measured = plot.Add.Scatter(current, [.. points.Select(p => p["xi_luminosity"])]);
            measured.LegendText = label + ": xi_L (from the luminosity)";
            var nominal = plot.Add.ScatterLine(current, [.. points.Select(p => Math.Max(p["xi_x"], p["xi_y"]))]);
            nominal.LegendText = label + ": nominal xi (unperturbed sizes)";
            nominal.LinePattern = LinePattern.Dashed;
            nominal.Color = measured.Color;
        }
        plot.XLabel("bunch current [mA]");
        plot.YLabel("xi per IP");
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    private static void Relative(List<(string Label, List<Dictionary<string, double>> Points)> curves, string path)
    {
        var plot = new Plot();
        plot.Title("luminosity over the no-blow-up luminosity against the nominal xi");
        foreach (var (label, points) in curves)
        {
            double[] xi = [.. points.Select(p => Math.Max(p["xi_x"], p["xi_y"]))];
            double[] ratio = [.. points.Select(p => p["luminosity_cm2s"] / p["luminosity_hourglass_cm2s"])];
            var curve = plot.Add.Scatter(xi, ratio);
            curve.LegendText = label;
        }
        plot.XLabel("nominal xi per IP (the larger plane, unperturbed sizes)");
        plot.YLabel("L / L(no blow-up, hourglass)");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    private static void Save(Plot plot, string path)
    {
        PlotFile.Save(plot, path, 1000, 650);
    }
}
