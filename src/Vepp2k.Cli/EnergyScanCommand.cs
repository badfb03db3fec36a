using System.CommandLine;

namespace Vepp2k.Cli;

/// <summary>`energy scan start|list|pause|resume|abort`: energy scans on a running server.</summary>
public static class EnergyScanCommand
{
    public static Command Create()
    {
        var energies = new Argument<double[]>("energies-mev") { Description = "beam energies in order [MeV]", Arity = ArgumentArity.OneOrMore };
        var dwell = new Option<double>("--dwell") { Description = "seconds at each energy once every supply arrived", DefaultValueFactory = _ => 60 };
        var rate = new Option<double>("--rate") { Description = "fastest energy change [MeV/s] (the supplies may need longer)", DefaultValueFactory = _ => 10 };
        var start = new Command("start", "visit the energies in turn, every strength kept, dwelling at each") { energies, dwell, rate };
        start.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post("/api/energy/scans", new
            {
                energiesMeV = parse.GetValue(energies), dwellSeconds = parse.GetValue(dwell), rateMeVPerSecond = parse.GetValue(rate),
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
