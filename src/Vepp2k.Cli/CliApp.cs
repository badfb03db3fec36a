using System.CommandLine;

namespace Vepp2k.Cli;

/// <summary>The vepp2k command tree; Program only hands it the arguments (tests call it directly).</summary>
public static class CliApp
{
    public static RootCommand Create()
    {
        var root = new RootCommand("vepp2k: the VEPP-2000 magnet system (optics model, machine description)");
        root.Subcommands.Add(OpticsCommand.Create());
        root.Subcommands.Add(DesignCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MagnetCommand.Create());
        root.Subcommands.Add(CurvesCommand.Create());
        root.Subcommands.Add(MagneticsCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        root.Subcommands.Add(TrackCommand.Create());
        root.Subcommands.Add(BeamBeamCommand.Create());
        foreach (var c in ControlCommands.Create().Concat(RampEnergyCommands.Create()).Concat(BeamCommands.Create())) root.Subcommands.Add(c);
        root.Options.Add(ServerClient.Server);
        root.Options.Add(ServerClient.User);
        root.Options.Add(ServerClient.Password);
        return root;
    }

    public static int Run(string[] args) => Create().Parse(args).Invoke();
}
