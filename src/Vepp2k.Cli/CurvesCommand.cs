using System.CommandLine;
using ScottPlot;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Cli;

/// <summary>vepp2k curves: plots of the excitation curves per family and the solenoid field profile (docs/magnets).</summary>
public static class CurvesCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "directory for the PNG files", DefaultValueFactory = _ => "docs/magnets" };
        var command = new Command("curves", "plot the magnet excitation curves and the solenoid field profile") { output };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!;
            Directory.CreateDirectory(dir);
            var catalogue = MagnetCatalogue.Default;
            Curve(catalogue, Path.Combine(dir, "dipole.png"), "Dipole 1M1: field vs current (modelled saturation, up and down branches)", ["1M1"], true);
            Curve(catalogue, Path.Combine(dir, "quadrupole.png"), "Quadrupoles: gradient vs current (19, 14, 6 cm)", ["1F1", "1D1", "1F3"], true);
            Curve(catalogue, Path.Combine(dir, "solenoid-sections.png"), "Solenoid sections: peak on-axis field vs current", ["1S1", "1S3"], false);
            Curve(catalogue, Path.Combine(dir, "correctors.png"), "Correctors: field vs current", ["VEPP/UM/1/F1X", "VEPP/UM/1/D1Z", "VEPP/UM/1/SX"], false);
            Profile(catalogue, Path.Combine(dir, "solenoid-profile.png"));
            foreach (var f in Directory.GetFiles(dir, "*.png")) Console.WriteLine(f);
            return 0;
        });
        return command;
    }

    private static void Curve(MagnetCatalogue catalogue, string path, string title, string[] names, bool branches)
    {
        var plot = new Plot();
        plot.Title(title);
        foreach (var name in names)
        {
            var m = catalogue.Find(name);
            double[] i = Enumerable.Range(0, 201).Select(k => m.MinCurrent + (m.MaxCurrent - m.MinCurrent) * k / 200).ToArray();
            var up = plot.Add.Scatter(i, i.Select(x => m.FieldFromCurrent(x)).ToArray());
            up.LegendText = $"{m.Name} [{m.FieldUnit}]";
            up.MarkerSize = 0;
            if (branches && m.MinField(HysteresisBranch.Down) != m.MinField())
            {
                var down = plot.Add.Scatter(i, i.Select(x => m.FieldFromCurrent(x, HysteresisBranch.Down)).ToArray());
                down.LegendText = $"{m.Name} down branch";
                down.MarkerSize = 0;
                down.LinePattern = LinePattern.Dashed;
            }
        }
        plot.XLabel("current [A]");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1000, 600);
    }

    // Like Fig. 4 of the abstract: on-axis field of one final-focus solenoid, sections at full current.
    private static void Profile(MagnetCatalogue catalogue, string path)
    {
        double i1 = catalogue.Find("1S1").MaxCurrent, i3 = catalogue.Find("1S3").MaxCurrent;
        var plot = new Plot();
        plot.Title("Final-focus solenoid 1S: on-axis Bz(s) (modelled coils; 1S3 reversed as in the round-beam setting)");
        foreach (var (label, c3) in new[] { ("1S1 + 1S2 + 1S3", i3), ("1S1 + 1S2 - 1S3", -i3) })
        {
            var profile = catalogue.SolenoidProfile(i1, i1, c3);
            double[] s = Enumerable.Range(0, 401).Select(k => profile.From + (profile.To - profile.From) * k / 400).ToArray();
            var line = plot.Add.Scatter(s, s.Select(profile.Field).ToArray());
            var (leff, beff) = profile.HardEdge();
            line.LegendText = $"{label}: int B ds = {profile.FieldIntegral():F2} T m, L_eff = {leff:F3} m, B_eff = {beff:F2} T";
            line.MarkerSize = 0;
        }
        plot.XLabel("s from the IP [m]");
        plot.YLabel("Bz [T]");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 600);
    }
}
