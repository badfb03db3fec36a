using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Vepp2k.MadX;
using Vepp2k.Machine.Ring;
using Vepp2k.Machine.Reports;
using Vepp2k.Physics;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Output;

namespace Vepp2k.Cli;

/// <summary>vepp2k optics: coupled optics, chromaticity, radiation and equilibrium of a ring.</summary>
public static class OpticsCommand
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Command Create()
    {
        var lattice = new Option<string?>("--lattice") { Description = "MAD-X file (default: the embedded VEPP-2000 ring)" };
        var line = new Option<string?>("--line") { Description = "line or sequence to use (default: the file's USE)" };
        var mode = new Option<string?>("--mode") { Description = "embedded mode: " + string.Join(", ", Machine.Modes.All.Select(m => m.Name)) };
        var energy = new Option<double?>("--energy") { Description = "beam energy [GeV] (default: the file's BEAM, 1 GeV for the ring)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object (SI units)" };
        var tfs = new Option<string?>("--tfs") { Description = "write a MAD-X TFS table of the lattice functions" };
        var plot = new Option<string?>("--plot") { Description = "plot beta functions and dispersion (.png or .svg)" };
        var hardEdge = new Option<bool>("--hard-edge") { Description = "embedded ring: read the mode file's hard-edge solenoids literally, as MAD-X does, instead of the coils' field profile Bz(s)" };
        var madx = new Option<string?>("--madx") { Description = "embedded ring: write it as computed (field-profile solenoids as their pieces) to a MAD-X file" };
        var command = new Command("optics", "optics of the embedded VEPP-2000 ring or of a MAD-X lattice")
        {
            lattice, line, mode, energy, json, tfs, plot, hardEdge, madx,
        };
        command.SetAction(parse =>
        {
            try
            {
                var source = OpticsSource.Resolve(parse.GetValue(lattice), parse.GetValue(line), parse.GetValue(mode), parse.GetValue(energy), parse.GetValue(hardEdge));
                if (parse.GetValue(madx) is { } madxPath)
                {
                    if (source.Mode is null) throw new ArgumentException("--madx writes the embedded ring; a MAD-X file is already one");
                    File.WriteAllText(madxPath, LatticeWriter.Write(source.Lattice, source.Mode, "as computed by vepp2k optics",
                        ModeDesigns.ProvenanceOf(source.Mode), source.Lattice.EnergyEv, portableNames: true));
                }
                var optics = RingOptics.Compute(source.Lattice);
                var report = OpticsReport.From(optics, source);
                if (parse.GetValue(tfs) is { } tfsPath) File.WriteAllText(tfsPath, TfsWriter.Write(optics));
                if (parse.GetValue(plot) is { } plotPath)
                    OpticsPlot.Save(optics, plotPath, $"VEPP-2000 {source.Mode ?? source.Lattice.Name} at {source.Lattice.EnergyEv / 1e9:G4} GeV");
                if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(report, Json));
                else Print(report);
                return 0;
            }
            catch (Exception e) when (e is OpticsException or MadxException or ArgumentException or IOException)
            {
                Console.Error.WriteLine($"vepp2k optics: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static void Add(Table table, params string[] cells) => table.AddRow(cells.Select(Markup.Escape).ToArray());

    private static void Print(OpticsReport r)
    {
        var c = CultureInfo.InvariantCulture;
        string G(double? v, string format = "G6") => v is { } x ? x.ToString(format, c) : "-";
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]{Markup.Escape(r.Mode ?? r.Lattice)}[/]  E = {G(r.Energy / 1e9)} GeV, C = {G(r.Circumference)} m");
        var summary = new Table().AddColumn("quantity").AddColumn("value");
        Add(summary, "tunes (eigenmodes)", $"{G(r.Tunes[0], "F5")}  {G(r.Tunes[1], "F5")}");
        if (r.Chromaticity is { } xi) Add(summary, "chromaticity", $"{G(xi[0], "F3")}  {G(xi[1], "F3")}");
        Add(summary, "momentum compaction", G(r.MomentumCompaction));
        Add(summary, "I1..I5", string.Join("  ", r.RadiationIntegrals.Values.Select(v => G(v, "G5"))));
        if (r.Emittances is { } e)
        {
            Add(summary, "emittances [m rad]", string.Join("  ", e.Select(v => G(v, "G4"))));
            Add(summary, "damping decrements / turn", string.Join("  ", r.DampingDecrements!.Select(v => G(v, "G4"))));
            Add(summary, "partition numbers", string.Join("  ", r.DampingPartition!.Select(v => G(v, "F4"))));
            Add(summary, "U0 [eV]", G(r.EnergyLossPerTurnEv, "F1"));
            Add(summary, "energy spread", G(r.EnergySpread, "G4"));
            Add(summary, "bunch length [m]", G(r.BunchLength, "G4"));
            Add(summary, "synchrotron tune", G(r.SynchrotronTune, "G4"));
        }
        else Add(summary, "equilibrium", r.EnvelopeProblem ?? "-");
        console.Write(summary);
        if (r.Table1 is { } table)
        {
            var t = new Table().Title("Table 1 (Shatunov 2011): ours beside published").AddColumn("parameter")
                .AddColumn(new TableColumn("ours").RightAligned()).AddColumn(new TableColumn("published").RightAligned()).AddColumn("unit");
            foreach (var row in table) Add(t, row.Name, G(row.Ours, "G5"), G(row.Published, "G5"), row.Unit);
            console.Write(t);
            foreach (var note in r.Table1Notes ?? []) console.MarkupLine("[grey]note:[/] " + Markup.Escape(note));
        }
        if (r.RoundBeam is { } round)
        {
            var t = new Table().Title("Round-beam report").AddColumn("IP").AddColumn("beta_x").AddColumn("beta_y")
                .AddColumn("alpha_x").AddColumn("alpha_y").AddColumn("sigma_y/sigma_x").AddColumn(Markup.Escape("||[M,G]||/||M||"));
            foreach (var p in round.Points)
                Add(t, p.Point, G(p.BetaX, "F4"), G(p.BetaY, "F4"), G(p.AlphaX, "F4"), G(p.AlphaY, "F4"), G(p.SizeRatio, "F4"), G(p.RotationCommutator, "G3"));
            console.Write(t);
            console.MarkupLine($"eigen-emittance ratio {G(round.EmittanceRatio, "F4")}, fractional tune difference {G(round.FractionalTuneDifference, "F5")}");
        }
        if (r.MonitorOptics is { } fit)
        {
            var t = new Table().Title("Against the facility's model optics at the monitors").AddColumn("point")
                .AddColumn("beta_x pub").AddColumn("ours").AddColumn("beta_z pub").AddColumn("ours").AddColumn("D_x pub").AddColumn("ours");
            foreach (var p in fit.Points)
                Add(t, p.Point, G(p.BetaX, "F4"), G(p.BetaXModel, "F4"), G(p.BetaZ, "F4"), G(p.BetaZModel, "F4"), G(p.Dx, "G3"), G(p.DxModel, "G3"));
            console.Write(t);
            console.MarkupLine($"rms relative deviation (beta_x, beta_z at 23 points, D_x > 1 cm): {G(fit.RmsRelativeDeviation * 100, "F1")} %");
        }
        foreach (var w in r.Warnings) console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(w));
    }
}
