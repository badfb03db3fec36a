using System.CommandLine;
using System.Globalization;
using Vepp2k.Machine.Magnets;
using Vepp2k.Magnetics;

namespace Vepp2k.Cli;

/// <summary>
/// vepp2k magnetics dipole|quad|quad6 [--current A | --sweep] [--plot FILE]: the 2-D field of a magnet
/// cross-section solved by Gmsh + GetDP (docs/magnets/magnetostatics.md), its harmonics, or its
/// computed excitation curve beside the catalogue's analytic one.
/// </summary>
public static class MagneticsCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var magnet = new Argument<string>("magnet") { Description = "dipole, quad (14/19 cm) or quad6 (6 cm)" };
        var current = new Option<double?>("--current") { Description = "supply current [A] (default: the supply's maximum)" };
        var sweep = new Option<bool>("--sweep") { Description = "solve over the current range and print the excitation curve" };
        var points = new Option<int>("--points") { Description = "currents in a sweep", DefaultValueFactory = _ => 11 };
        var field = new Option<double?>("--field") { Description = "find the current for this main field (dipole [T], quadrupole [T/m]), up to twice the supply's maximum" };
        var plot = new Option<string?>("--plot") { Description = "PNG file: the |B| map (one current) or the curve (sweep)" };
        var coarse = new Option<bool>("--coarse") { Description = "the coarse test mesh instead of the default one" };
        var csv = new Option<string?>("--csv") { Description = "with --sweep: write the computed curve as a table curve for the catalogue (src/Vepp2k.Machine/Data/computed)" };
        var optimise = new Option<int?>("--optimise") { Description = "fit the pole shape (quad, dipole) to the smallest b6, b10 (b3, b5) over the current range, solving at most this many shapes" };
        var command = new Command("magnetics", "2-D nonlinear magnetostatics of a magnet cross-section (Gmsh + GetDP): harmonics and excitation curve")
        {
            magnet, current, sweep, points, field, plot, coarse, optimise, csv,
        };
        command.SetAction(parse =>
        {
            try
            {
                var (section, catalogueName) = Section(parse.GetValue(magnet)!);
                var reference = MagnetCatalogue.Default.Find(catalogueName);
                var mesh = parse.GetValue(coarse) ? MeshSettings.Coarse : MeshSettings.Default;
                var solver = new MagnetostaticSolver();
                if (ExternalTool.MissingReason() is { } missing) throw new MagnetostaticsException(missing);
                if (parse.GetValue(optimise) is { } shapes) MagneticsOptimise.Run(solver, mesh, MagneticsOptimise.For(parse.GetValue(magnet)!), shapes);
                else if (parse.GetValue(field) is { } wanted) OperatingPoint(solver, section, mesh, reference, wanted);
                else if (parse.GetValue(sweep)) Sweep(solver, section, mesh, reference, parse.GetValue(points), parse.GetValue(plot), parse.GetValue(csv));
                else Single(solver, section, mesh, reference, parse.GetValue(current) ?? reference.MaxCurrent, parse.GetValue(plot));
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"vepp2k magnetics: {e.Message}");
                return 2;
            }
            catch (MagnetostaticsException e)
            {
                Console.Error.WriteLine($"vepp2k magnetics: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The cross-section and the catalogue magnet whose analytic curve it is compared with.</summary>
    private static (MagnetSection, string) Section(string name) => name switch
    {
        "dipole" => (new DipoleGeometry().Build(), "1M1"),
        "quad" => (QuadrupoleGeometry.Main.Build(), "1F1"),
        "quad6" => (QuadrupoleGeometry.Short.Build(), "1F3"),
        _ => throw new ArgumentException($"unknown magnet '{name}': dipole, quad or quad6"),
    };

    private static void Single(MagnetostaticSolver solver, MagnetSection section, MeshSettings mesh, Magnet reference, double current, string? plot)
    {
        var map = plot is null ? null : new FieldMapRequest(MagneticsPlot.HalfWidth(section), 161);
        var s = TrackProgress.Run($"solving the {section.Name} at {current:G6} A", 1, _ => solver.Solve(section, mesh, IronModel.Steel1010, current, map));
        var h = s.Harmonics(section.Order);
        string unit = section.Order == 1 ? "T" : "T/m";
        double main = section.Order == 1 ? h.Main : h.Gradient;
        string timing = s.FromCache ? "from the cache" : string.Create(C, $"mesh {s.MeshSeconds:F1} s + solve {s.SolveSeconds:F1} s");
        Console.WriteLine(string.Create(C, $"{section.Name} at {current:G6} A, AISI 1010 steel, {s.Elements} mesh elements, {s.NewtonIterations} Newton steps, {timing}"));
        Console.WriteLine(string.Create(C, $"  main field   {main:F5} {unit}   (catalogue analytic curve: {reference.FieldFromCurrent(current):F5} {unit})"));
        Console.WriteLine(string.Create(C, $"  centre       Bx {s.CentreBx:F5} T, By {s.CentreBy:F5} T"));
        Console.WriteLine(string.Create(C, $"  harmonics at R = {h.ReferenceRadius * 1e3:F2} mm, units of 1e-4 of the main field:"));
        Console.WriteLine("     n        b_n        a_n");
        for (int n = 1; n <= 14; n++)
            Console.WriteLine(string.Create(C, $"  {n,4} {h.RelativeNormal(n) * 1e4,10:F3} {h.RelativeSkew(n) * 1e4,10:F3}"));
        Console.WriteLine(GoodField(h, section));
        if (plot is not null)
        {
            MagneticsPlot.Map(section, s, plot);
            Console.WriteLine(plot);
        }
    }

    private static void OperatingPoint(MagnetostaticSolver solver, MagnetSection section, MeshSettings mesh, Magnet reference, double field)
    {
        var sweep = new ExcitationSweep(solver, section, mesh, IronModel.Steel1010);
        var p = TrackProgress.Run($"finding the {section.Name}'s current for {field:G6}", 1, _ => sweep.CurrentFor(field, 2 * reference.MaxCurrent));
        string unit = section.Order == 1 ? "T" : "T/m";
        Console.WriteLine(string.Create(C, $"{section.Name}: {p.MainField:F5} {unit} at {p.Current:F1} A computed (AISI 1010 steel); the catalogue's analytic curve needs {reference.Curve.Current(field, HysteresisBranch.Up):F1} A"));
    }

    private static void Sweep(MagnetostaticSolver solver, MagnetSection section, MeshSettings mesh, Magnet reference, int count, string? plot, string? csv)
    {
        if (count < 2) throw new ArgumentException("--points must be at least 2");
        var sweep = new ExcitationSweep(solver, section, mesh, IronModel.Steel1010);
        double[] currents = Enumerable.Range(1, count).Select(k => reference.MaxCurrent * k / count).ToArray();
        var result = TrackProgress.Run($"sweeping the {section.Name}", count, progress =>
            sweep.Run(currents, p => progress?.Report(Array.IndexOf(currents, p.Current) + 1)));
        string unit = section.Order == 1 ? "T" : "T/m";
        Console.WriteLine($"{section.Name}: computed excitation (AISI 1010 steel) and the catalogue's analytic curve");
        Console.WriteLine($"  current [A]  computed [{unit}]  per amp   catalogue [{unit}]  b{(section.Order == 1 ? 3 : 6)} [1e-4]  GFR [mm] ({(section.Order == 1 ? "dB/B" : "dG/G")} < 1e-3)");
        foreach (var p in result)
        {
            var h = p.Solution.Harmonics(section.Order);
            var g = GoodFieldRegion.Of(h, section.Aperture);
            Console.WriteLine(string.Create(C, $"  {p.Current,11:F1}  {p.MainField,14:F5}  {p.MainField / p.Current,9:E4}  {reference.FieldFromCurrent(p.Current),16:F5}  {h.RelativeNormal(section.Order == 1 ? 3 : 6) * 1e4,9:F2}  {(g.ReachesAperture ? ">=" : "  ")}{g.Radius * 1e3,5:F1}"));
        }
        if (plot is not null)
        {
            MagneticsPlot.Curve(section, result, reference, plot);
            Console.WriteLine(plot);
        }
        if (csv is not null)
        {
            WriteTable(csv, section, mesh, count, result);
            Console.WriteLine(csv);
        }
    }

    /// <summary>The good-field region line: the radius where the field error reaches 1e-3 of the main field.</summary>
    private static string GoodField(Harmonics h, MagnetSection section)
    {
        var g = GoodFieldRegion.Of(h, section.Aperture);
        return string.Create(C, $"  good-field region ({(section.Order == 1 ? "|dB/B|" : "|dG/G|")} < {g.Tolerance:G1}, from the harmonics up to b{GoodFieldRegion.MaxOrder}): r {(g.ReachesAperture ? ">=" : "=")} {g.Radius * 1e3:F1} mm ({g.Radius / section.Aperture:P0} of the {(section.Order == 1 ? "half gap" : "bore radius")})");
    }

    /// <summary>The curve as Machine's TableCurve reads it, with what made it in the # lines.</summary>
    private static void WriteTable(string path, MagnetSection section, MeshSettings mesh, int count, List<ExcitationPoint> points)
    {
        string unit = section.Order == 1 ? "T" : "T/m";
        using var w = new StreamWriter(path);
        w.WriteLine($"# computed excitation curve of the {section.Name} cross-section: vepp2k magnetics {section.Name} --sweep --points {count}{(mesh == MeshSettings.Coarse ? " --coarse" : "")} --csv {Path.GetFileName(path)}");
        w.WriteLine(string.Create(C, $"# 2-D nonlinear magnetostatics (Gmsh + GetDP), AISI 1010 steel (FEMM), assumed geometry (docs/magnets/magnetostatics.md); mesh {mesh}"));
        w.WriteLine($"# current [A], main field [{unit}] of the 2-D section (an infinitely long magnet: no ends); the 0 A row is exact (the B-H table starts at 0, no remanence)");
        w.WriteLine("0,0");
        foreach (var p in points) w.WriteLine(string.Create(C, $"{p.Current:R},{p.MainField:R}"));
    }
}
