using System.CommandLine;
using System.Globalization;
using Vepp2k.Machine.Ring;

namespace Vepp2k.Cli;

/// <summary>vepp2k design: regenerates the embedded mode files from the reconstructed design, or reruns its fit.</summary>
public static class DesignCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "directory for the .madx files", DefaultValueFactory = _ => "src/Vepp2k.Machine/Lattices" };
        var fit = new Option<bool>("--fit") { Description = "rerun the design fit (field-profile solenoids) from the present design and print what it finds; writes nothing" };
        var command = new Command("design", "write the VEPP-2000 mode lattice files (MAD-X) from the reconstructed design") { output, fit };
        command.SetAction(parse =>
        {
            if (parse.GetValue(fit))
            {
                Print(DesignFit.Run(RingDesign.Geometry, RingDesign.DesignQuads));
                return 0;
            }
            foreach (var path in ModeDesigns.WriteAll(parse.GetValue(output)!)) Console.WriteLine(path);
            return 0;
        });
        return command;
    }

    private static void Print(DesignFitResult r)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        Console.WriteLine($"residual {r.Match.Residual:G3} after {r.Match.Evaluations} evaluations ({r.Match.Exit})");
        foreach (var (target, value, wanted) in r.Match.Targets)
            Console.WriteLine($"  {target,-28} {value,14:G8}  (target {wanted:G6})");
        var g = r.Geometry;
        Console.WriteLine($"TripletOuter = {N(g.TripletDrift1)}, Straight1 = {N(g.Straight1)}, Straight2 = {N(g.Straight2)}, Straight3 = {N(g.Straight3)}");
        Console.WriteLine($"SolenoidStart = {N(g.SolenoidStart)}, MainCoilLength = {N(g.MainCoilLength)}, ExtraCoilLength = {N(g.ExtraCoilLength)}");
        Console.WriteLine($"DesignMainField = {N(r.MainField)} (hard edge, T)");
        Console.WriteLine($"DesignExtraField = {N(r.ExtraField)} (hard edge, T); extra-coil peak {r.ExtraPeakField:F4} T");
        var q = r.Quads;
        Console.WriteLine($"D1: {N(q.D1)}, F1: {N(q.F1)}, D2: {N(q.D2)}, F2: {N(q.F2)}, D3: {N(q.D3)}, F3: {N(q.F3)}");
    }
}
