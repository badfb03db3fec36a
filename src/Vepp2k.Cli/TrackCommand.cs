using System.CommandLine;
using System.Globalization;
using Vepp2k.MadX;
using Vepp2k.Machine.Reports;
using Vepp2k.Physics;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Cli;

/// <summary>vepp2k track da|acceptance|fma|footprint|qdelta|equilibrium: multi-turn tracking studies of a ring; the studies are in TrackCommand.*.cs.</summary>
public static partial class TrackCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    // Options every study shares.
    private sealed record Common(
        Option<string?> Lattice, Option<string?> Line, Option<string?> Mode, Option<double?> Energy,
        Option<int> Turns, Option<ulong> Seed, Option<int> Threads, Option<bool> Radiation, Option<double> Aperture,
        Option<string?> Csv, Option<string?> Parquet, Option<string?> Plot, Option<string> Direction)
    {
        public static Common Create(int turns) => new(
            new Option<string?>("--lattice") { Description = "MAD-X file (default: the embedded VEPP-2000 ring)" },
            new Option<string?>("--line") { Description = "line or sequence to use (default: the file's USE)" },
            new Option<string?>("--mode") { Description = "embedded mode: " + string.Join(", ", Machine.Modes.All.Select(m => m.Name)) },
            new Option<double?>("--energy") { Description = "beam energy [GeV]" },
            new Option<int>("--turns") { Description = "turns to track", DefaultValueFactory = _ => turns },
            new Option<ulong>("--seed") { Description = "seed of the quantum-excitation kicks", DefaultValueFactory = _ => 1 },
            new Option<int>("--threads") { Description = "worker threads (0: all cores)", DefaultValueFactory = _ => 0 },
            new Option<bool>("--radiation") { Description = "classical damping and quantum excitation in the bends" },
            new Option<double>("--aperture") { Description = "half-aperture in x and y [m] beyond which a particle is lost; the lattices carry none, the default is the dipoles' 40 mm gap and (probably) the quadrupoles' 40 mm bore", DefaultValueFactory = _ => 0.02 },
            new Option<string?>("--csv") { Description = "write the results as CSV" },
            new Option<string?>("--parquet") { Description = "write the results as Parquet (the CSV's columns, numbers as doubles)" },
            new Option<string?>("--plot") { Description = "plot the results (.png or .svg)" },
            new Option<string>("--direction")
            {
                Description = "e-: the ring as written; e+: the counter-rotating beam (reversed ring, solenoids seen backwards)",
                DefaultValueFactory = _ => "e-",
            }.AcceptOnlyFromAmong("e-", "e+"));

        public void AddTo(Command command, bool plot = true)
        {
            foreach (Option o in new Option[] { Lattice, Line, Mode, Energy, Direction, Turns, Seed, Threads, Radiation, Aperture, Csv, Parquet }) command.Options.Add(o);
            if (plot) command.Options.Add(Plot);
        }

        public (Lattice Lattice, string Name) Ring(ParseResult parse)
        {
            var source = OpticsSource.Resolve(parse.GetValue(Lattice), parse.GetValue(Line), parse.GetValue(Mode), parse.GetValue(Energy));
            foreach (var w in source.Warnings) Console.Error.WriteLine($"warning: {w}");
            string name = source.Mode ?? source.Lattice.Name;
            return parse.GetValue(Direction) == "e+" ? (source.Lattice.Reversed(), name + " (e+)") : (source.Lattice, name);
        }

        public TrackingOptions Options(ParseResult parse)
        {
            bool radiation = parse.GetValue(Radiation);
            double aperture = parse.GetValue(Aperture);
            if (!(aperture > 0)) throw new ArgumentException("--aperture must be positive");
            return new TrackingOptions(radiation, radiation, aperture, aperture, parse.GetValue(Seed), parse.GetValue(Threads));
        }

        /// <summary>The results as CSV and/or Parquet, as the options ask.</summary>
        public void Write(ParseResult parse, string header, IEnumerable<string> rows)
        {
            var lines = rows.ToList();
            if (parse.GetValue(Csv) is { } csv) File.WriteAllLines(csv, [header, .. lines]);
            if (parse.GetValue(Parquet) is { } parquet) ResultTable.Parse(header, lines).WriteParquet(parquet);
        }

        public int TurnCount(ParseResult parse) =>
            parse.GetValue(Turns) is var n and > 0 ? n : throw new ArgumentException("--turns must be positive");
    }

    public static Command Create()
    {
        var command = new Command("track", "multi-turn tracking studies: dynamic aperture, frequency map, tune footprint, equilibrium beam");
        command.Subcommands.Add(Aperture());
        command.Subcommands.Add(Acceptance());
        command.Subcommands.Add(FrequencyMapCommand("fma", "frequency map: NAFF tunes on two halves of the run, diffusion index", twoWindows: true));
        command.Subcommands.Add(FrequencyMapCommand("footprint", "tune footprint: mode tunes over a grid of launch amplitudes", twoWindows: false));
        command.Subcommands.Add(MomentumCurve());
        command.Subcommands.Add(Equilibrium());
        return command;
    }

    private static int Guarded(string verb, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is OpticsException or MadxException or ArgumentException or IOException or FormatException)
        {
            Console.Error.WriteLine($"vepp2k track {verb}: {e.Message}");
            return 2;
        }
    }
}
