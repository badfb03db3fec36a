using System.CommandLine;

namespace Vepp2k.Cli;

/// <summary>
/// Scripting commands for ramps (list, pause, resume, abort), user-defined groups, and the beam
/// energy with its calibration table, against a running server.
/// </summary>
public static class RampEnergyCommands
{
    public static IEnumerable<Command> Create() => [Ramp(), Energy(), Standardise()];

    private static Command Standardise()
    {
        var cycles = new Option<int>("--cycles") { Description = "full-range cycles (1 .. 10)", DefaultValueFactory = _ => 2 };
        var confirm = new Option<bool>("--confirm") { Description = "confirm: every iron magnet goes through its whole range, any beam is lost" };
        var wait = new Option<bool>("--wait") { Description = "wait until every supply is back where it was" };
        var c = new Command("standardise", "cycle every iron magnet (dipoles, quadrupoles) through its full range and back, in one ramp") { cycles, confirm, wait };
        c.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post("/api/standardise", new
            {
                cycles = parse.GetValue(cycles), confirm = parse.GetValue(confirm), wait = parse.GetValue(wait), timeoutSeconds = 120,
            });
            return ok ? ServerClient.Report(body) : ServerClient.Fail(body);
        });
        return c;
    }

    /// <summary>`group define NAME MEMBER...`: added to the `group` command.</summary>
    public static Command GroupDefine()
    {
        var name = new Argument<string>("name") { Description = "new group name" };
        var members = new Argument<string[]>("members") { Description = "element names (1F1 2F1 ...)", Arity = ArgumentArity.OneOrMore };
        var c = new Command("define", "define (or redefine) a user group, kept by the server") { name, members };
        c.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post("/api/groups", new { name = parse.GetValue(name), members = parse.GetValue(members) });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine($"group {body.GetProperty("name").GetString()}: {string.Join(" ", body.GetProperty("members").EnumerateArray().Select(m => m.GetString()))}");
            return 0;
        });
        return c;
    }

    private static Command Ramp()
    {
        var list = new Command("list", "ramps running, paused or recently finished");
        list.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Get("/api/ramps");
            if (!ok) return ServerClient.Fail(body);
            foreach (var r in body.EnumerateArray()) Console.WriteLine(r.GetProperty("where").GetString());
            return 0;
        });
        var ramp = new Command("ramp", "list ramps, or pause, resume or abort one") { list };
        foreach (var action in new[] { "pause", "resume", "abort" })
        {
            var id = new Argument<long>("id") { Description = "ramp number (vepp2k ramp list)" };
            var c = new Command(action, $"{action} a ramp; says where it is") { id };
            c.SetAction(async parse =>
            {
                var (ok, body) = await ServerClient.From(parse).Post($"/api/ramps/{parse.GetValue(id)}/{action}", new { });
                if (!ok) return ServerClient.Fail(body);
                Console.WriteLine(body.GetProperty("message").GetString());
                return 0;
            });
            ramp.Subcommands.Add(c);
        }
        return ramp;
    }

    private static Command Energy()
    {
        var json = new Option<bool>("--json") { Description = "the API's answer as JSON" };
        var show = new Command("show", "the measured beam energy, how it was obtained, and the calibration entries") { json };
        show.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Get("/api/energy");
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(parse.GetValue(json) ? ServerClient.Pretty(body) : EnergyShow.Format(body));
            return 0;
        });
        var method = new Option<string>("--method") { Description = "PhiMesonMass, ResonantDepolarization or ComptonBackscattering", Required = true };
        var reference = new Option<double>("--reference-mev") { Description = "reference beam energy [MeV]", Required = true };
        var uncertainty = new Option<double>("--uncertainty-mev") { Description = "its uncertainty [MeV]", Required = true };
        var nmr = new Option<double?>("--nmr-mev") { Description = "NMR energy at the time [MeV] (default: the present reading)" };
        var note = new Option<string>("--note") { Description = "note", DefaultValueFactory = _ => "" };
        var calibrate = new Command("calibrate", "enter a calibration of the NMR energy scale") { method, reference, uncertainty, nmr, note };
        calibrate.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post("/api/energy/calibration", new
            {
                method = parse.GetValue(method), referenceMeV = parse.GetValue(reference), uncertaintyMeV = parse.GetValue(uncertainty),
                nmrMeV = parse.GetValue(nmr), note = parse.GetValue(note),
            });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("message").GetString());
            return 0;
        });
        var target = new Argument<double>("energy-mev") { Description = "beam energy to go to [MeV], 160 .. 1000" };
        var rate = new Option<double>("--rate") { Description = "fastest energy change [MeV/s] (the supplies may need longer)", DefaultValueFactory = _ => 10 };
        var wait = new Option<bool>("--wait") { Description = "wait until every supply has arrived" };
        var timeout = new Option<double>("--timeout") { Description = "seconds to wait beyond the ramp's own duration", DefaultValueFactory = _ => 60 };
        var set = new Command("set", "move the whole machine to another energy, every strength kept (one table ramp of every supply)") { target, rate, wait, timeout };
        set.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post("/api/energy", new
            {
                energyMeV = parse.GetValue(target), rateMeVPerSecond = parse.GetValue(rate), wait = parse.GetValue(wait), timeoutSeconds = parse.GetValue(timeout),
            });
            return ok ? ServerClient.Report(body) : ServerClient.Fail(body);
        });
        var procedureName = new Argument<string>("procedure") { Description = "rd (resonant depolarisation, at the present energy) or phi (the phi scan, with the machine near 509.7 MeV)" };
        var seed = new Option<int?>("--seed") { Description = "random seed of the simulated measurement" };
        var noEnter = new Option<bool>("--no-enter") { Description = "report the result without entering it into the calibration table" };
        var procedure = new Command("procedure", "run a calibration procedure on the simulated machine and enter its result") { procedureName, seed, noEnter };
        procedure.SetAction(async parse =>
        {
            var query = $"?enter={(!parse.GetValue(noEnter)).ToString().ToLowerInvariant()}" + (parse.GetValue(seed) is { } n ? $"&seed={n}" : "");
            var (ok, body) = await ServerClient.From(parse).Post($"/api/energy/procedures/{Uri.EscapeDataString(parse.GetValue(procedureName)!)}{query}", new { });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("message").GetString());
            return 0;
        });
        return new Command("energy", "beam energy: measured from the NMR probes, set as one whole-machine ramp, and its calibration")
            { show, set, EnergyScanCommand.Plan(), EnergyScanCommand.Table(), EnergyScanCommand.Create(), EnergyReportCommand.Create(), calibrate, procedure };
    }
}
