using System.CommandLine;
using System.Text.Json;
using Vepp2k.Control.Energy;
using Vepp2k.Web;

namespace Vepp2k.Cli;

/// <summary>`energy report RAMP-ID [--csv FILE] [--plot FILE.png]`: what the guard saw along an energy ramp, beside proportional scaling.</summary>
public static class EnergyReportCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("ramp-id") { Description = "energy ramp number (vepp2k ramp list)" };
        var csv = new Option<string?>("--csv") { Description = "write the nodes as CSV to this file (default: standard output)" };
        var plot = new Option<string?>("--plot") { Description = "plot energy, tunes, beta* and rms orbit against time to this PNG file" };
        var report = new Command("report", "an energy ramp node by node (energy, model and beam tunes, beta*, orbit, currents) beside a proportional scaling of all currents") { id, csv, plot };
        report.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Get($"/api/energy/ramps/{parse.GetValue(id)}/report");
            if (!ok) return ServerClient.Fail(body);
            var r = body.Deserialize<EnergyRampReport>(OpticsServer.Json)!;
            string text = EnergyRampReportCsv.Write(r);
            if (parse.GetValue(csv) is { } file) await File.WriteAllTextAsync(file, text);
            else Console.Write(text);
            if (parse.GetValue(plot) is { } png) EnergyReportPlot.Save(r, png);
            if (parse.GetValue(csv) is not null || parse.GetValue(plot) is not null)
                Console.WriteLine(FormattableString.Invariant($"ramp #{r.RampId} {r.State}: {r.FromEv / 1e6:F3} -> {r.ToEv / 1e6:F3} MeV, {r.Rows.Count} nodes")
                    + string.Concat(r.Holds.Select(h => "\nheld: " + h)));
            return 0;
        });
        return report;
    }
}
