using System.CommandLine;
using Vepp2k.Machine.Ring;

namespace Vepp2k.Cli;

/// <summary>vepp2k design: regenerates the embedded mode files from the reconstructed design.</summary>
public static class DesignCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "directory for the .madx files", DefaultValueFactory = _ => "src/Vepp2k.Machine/Lattices" };
        var command = new Command("design", "write the VEPP-2000 mode lattice files (MAD-X) from the reconstructed design") { output };
        command.SetAction(parse =>
        {
            foreach (var path in ModeDesigns.WriteAll(parse.GetValue(output)!)) Console.WriteLine(path);
            return 0;
        });
        return command;
    }
}
