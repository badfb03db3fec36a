using System.CommandLine;

namespace Vepp2k.Cli;

/// <summary>
/// `energy scan start|list|pause|resume|abort`: energy scans on a running server; `energy plan` and
/// `energy table`: ramp tables as CSV, written from the plan the server would run, and run from a file.
/// </summary>
public static class EnergyScanCommand
{
    public static Command Plan()
    {
        var target = new Argument<double>("energy-mev") { Description = "beam energy to go to [MeV]" };
        var rate = new Option<double>("--rate") { Description = "fastest energy change [MeV/s]", DefaultValueFactory = _ => 10 };
        var csv = new Option<string?>("--csv") { Description = "write the table to this file (default: standard output)" };
        var plan = new Command("plan", "the ramp table an energy request would run now (time, energy, every supply's current per node); nothing moves") { target, rate, csv };
        plan.SetAction(async parse =>
        {
            var path = FormattableString.Invariant($"/api/energy/plan?energyMeV={parse.GetValue(target)}&rateMeVPerSecond={parse.GetValue(rate)}");
            var (ok, text) = await ServerClient.From(parse).GetText(path);
            if (!ok) { Console.Error.WriteLine("vepp2k: " + text); return 3; }
            if (parse.GetValue(csv) is not { } file) { Console.Write(text); return 0; }
            await File.WriteAllTextAsync(file, text);
            var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Console.WriteLine($"{file}: {rows.Length - 1} nodes, {rows[0].Split(',').Length - 2} supplies, {rows[^1].Split(',')[0]} s");
            return 0;
        });
        return plan;
    }

    public static Command Table()
    {
        var file = new Argument<string>("file") { Description = "ramp table CSV (as energy plan writes it)" };
        var table = new Command("table", "run an energy-ramp table from a file, checked whole against the machine first") { file };
        table.SetAction(async parse =>
        {
            string path = parse.GetValue(file)!;
            string text;
            try { text = await File.ReadAllTextAsync(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"vepp2k: {e.Message}"); return 2; }
            var (ok, body) = await ServerClient.From(parse).PostText($"/api/energy/table?name={Uri.EscapeDataString(Path.GetFileName(path))}", text, "text/csv");
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("message").GetString());
            return 0;
        });
        return table;
    }

    public static Command Create()
    {
        var energies = new Argument<double[]>("energies-mev") { Description = "beam energies in order [MeV]", Arity = ArgumentArity.OneOrMore };
        var dwell = new Option<double>("--dwell") { Description = "seconds at each energy once every supply arrived", DefaultValueFactory = _ => 60 };
        var rate = new Option<double>("--rate") { Description = "fastest energy change [MeV/s] (the supplies may need longer)", DefaultValueFactory = _ => 10 };
        var standardise = new Option<bool>("--standardise") { Description = "standardise the iron magnets before the first point and where the scan turns back" };
        var confirm = new Option<bool>("--confirm") { Description = "confirm a standardised scan: every iron magnet goes through its whole range, any beam is lost" };
        var start = new Command("start", "visit the energies in turn, every strength kept, dwelling at each") { energies, dwell, rate, standardise, confirm };
        start.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post("/api/energy/scans", new
            {
                energiesMeV = parse.GetValue(energies), dwellSeconds = parse.GetValue(dwell), rateMeVPerSecond = parse.GetValue(rate),
                standardise = parse.GetValue(standardise), confirm = parse.GetValue(confirm),
            });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("where").GetString());
            return 0;
        });
        var list = new Command("list", "the scans of this run and where they are");
        list.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Get("/api/energy/scans");
            if (!ok) return ServerClient.Fail(body);
            foreach (var s in body.EnumerateArray()) Console.WriteLine(s.GetProperty("where").GetString());
            return 0;
        });
        var scan = new Command("scan", "energy scans: start one, list them, pause, resume or abort one") { start, list };
        foreach (var action in new[] { "pause", "resume", "abort" })
        {
            var id = new Argument<long>("id") { Description = "scan number (vepp2k energy scan list)" };
            var c = new Command(action, $"{action} a scan; says where it is") { id };
            c.SetAction(async parse =>
            {
                var (ok, body) = await ServerClient.From(parse).Post($"/api/energy/scans/{parse.GetValue(id)}/{action}", new { });
                if (!ok) return ServerClient.Fail(body);
                Console.WriteLine(body.GetProperty("message").GetString());
                return 0;
            });
            scan.Subcommands.Add(c);
        }
        return scan;
    }
}
