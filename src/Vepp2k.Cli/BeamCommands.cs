using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vepp2k.Machine.Beam;

namespace Vepp2k.Cli;

/// <summary>
/// `beam show|inject`, `orbit measure|list|show|abort|correct` on a running server, and `errors write`:
/// a ring's hidden errors as a JSON file to edit and give to `serve --errors`.
/// </summary>
public static class BeamCommands
{
    /// <summary>--errors: a seed, none, or a JSON file.</summary>
    public static RingErrors ParseErrors(string value) =>
        value.Equals("none", StringComparison.OrdinalIgnoreCase) ? RingErrors.None
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) ? RingErrors.Generate(seed)
        : File.Exists(value) ? RingErrorsFile.Read(value)
        : throw new ArgumentException($"--errors {value}: not a seed, 'none', or an existing file");

    public static IEnumerable<Command> Create() => [Beam(), Orbit(), Loco(), Errors()];

    private static Command Beam()
    {
        var show = new Command("show", "the beam instruments' last reading: currents, lifetimes, tunes, luminosity, BPM orbit, CCD beam spots");
        show.SetAction(async parse =>
        {
            var (ok, b) = await ServerClient.From(parse).Get("/api/beam");
            if (!ok) return ServerClient.Fail(b);
            var text = new StringBuilder();
            text.AppendLine(F($"status {b.GetProperty("status").GetString()}"));
            text.AppendLine(F($"e- {b.GetProperty("electronMA").GetDouble():F3} mA (lifetime {Num(b, "electronLifetime"):F0} s), e+ {b.GetProperty("positronMA").GetDouble():F3} mA (lifetime {Num(b, "positronLifetime"):F0} s)"));
            var tunes = b.GetProperty("tunes").EnumerateArray().Select(t => t.ValueKind == JsonValueKind.Number ? t.GetDouble() : double.NaN).ToArray();
            text.AppendLine(F($"tunes {tunes[0]:F4} {tunes[1]:F4}"));
            foreach (var l in b.GetProperty("luminosity").EnumerateArray())
                text.AppendLine(F($"luminosity {l.GetProperty("name").GetString()} {l.GetProperty("luminosity").GetDouble():E3} cm^-2 s^-1"));
            text.AppendLine("monitor        x [mm]    z [mm]   sigma_x [mm] sigma_z [mm] tilt [rad]");
            foreach (var p in b.GetProperty("bpms").EnumerateArray().Concat(b.GetProperty("ccds").EnumerateArray()))
                text.AppendLine(F($"{p.GetProperty("name").GetString(),-10} {Num(p, "x"),9:F4} {Num(p, "z"),9:F4}")
                    + (p.TryGetProperty("sigmaX", out var sx) && sx.ValueKind == JsonValueKind.Number
                        ? F($" {sx.GetDouble(),14:F4} {Num(p, "sigmaZ"),12:F4} {Num(p, "tilt"),10:F4}") : ""));
            Console.Write(text);
            return 0;
        });
        var which = new Argument<string>("beam") { Description = "e (electrons) or p (positrons)" };
        var current = new Argument<double>("current-ma") { Description = "current to add [mA]" };
        var inject = new Command("inject", "inject current into a bunch of the simulated machine") { which, current };
        inject.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post("/api/beam/inject", new { beam = parse.GetValue(which), currentMA = parse.GetValue(current) });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("message").GetString());
            return 0;
        });
        return new Command("beam", "the beam of the simulated machine: its readings, injection") { show, inject };
    }

    private static Command Orbit()
    {
        var correctors = new Argument<string[]>("correctors") { Description = "correctors to step (default: all 36 dipole correctors)", Arity = ArgumentArity.ZeroOrMore };
        var step = new Option<double>("--step") { Description = "corrector step [A], applied + and - around the setpoint", DefaultValueFactory = _ => 0.3 };
        var wait = new Option<bool>("--wait") { Description = "wait until it ends and say how" };
        var dispersion = new Option<bool>("--dispersion") { Description = "also step the RF frequency for the dispersion" };
        var measure = new Command("measure", "measure the orbit response through the control system; every corrector restored exactly") { correctors, step, dispersion, wait };
        measure.SetAction(async parse =>
        {
            var client = ServerClient.From(parse);
            var list = parse.GetValue(correctors) is { Length: > 0 } given ? given : null;
            var (ok, body) = await client.Post("/api/orbit/response", new { correctors = list, stepA = parse.GetValue(step), dispersion = parse.GetValue(dispersion) });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("where").GetString());
            return parse.GetValue(wait) ? await WaitUntilDone(client, $"/api/orbit/response/{body.GetProperty("id").GetInt64()}") : 0;
        });
        var list = new Command("list", "the response measurements of this run");
        list.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Get("/api/orbit/response");
            if (!ok) return ServerClient.Fail(body);
            foreach (var m in body.EnumerateArray()) Console.WriteLine(m.GetProperty("where").GetString());
            return 0;
        });
        var id = new Argument<long>("id") { Description = "measurement number (vepp2k orbit list)" };
        var csv = new Option<string?>("--csv") { Description = "write the response matrix [m/rad] to this CSV file" };
        var show = new Command("show", "one measurement; its response matrix as CSV with --csv") { id, csv };
        show.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Get($"/api/orbit/response/{parse.GetValue(id)}");
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("where").GetString());
            if (parse.GetValue(csv) is not { } file) return 0;
            if (body.GetProperty("matrix").ValueKind != JsonValueKind.Array) { Console.Error.WriteLine("vepp2k: the measurement has no response (not completed)"); return 4; }
            await File.WriteAllTextAsync(file, ResponseCsv(body));
            Console.WriteLine($"{file}: response matrix written");
            return 0;
        });
        var abortId = new Argument<long>("id") { Description = "measurement number" };
        var abort = new Command("abort", "abort a measurement: the corrector in hand goes back to its setpoint") { abortId };
        abort.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post($"/api/orbit/response/{parse.GetValue(abortId)}/abort", new { });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("message").GetString());
            return 0;
        });
        return new Command("orbit", "the closed orbit: measure its response, correct it") { measure, list, show, abort, Correct() };
    }

    // Polls a measurement or a fit until it ends; prints where it ended. Exit 0 when it completed.
    private static async Task<int> WaitUntilDone(ServerClient client, string path)
    {
        while (true)
        {
            await Task.Delay(500);
            var (ok, body) = await client.Get(path);
            if (!ok) return ServerClient.Fail(body);
            string state = body.GetProperty("state").GetString()!;
            if (state is "Completed" or "Aborted" or "Failed")
            {
                Console.WriteLine(body.GetProperty("where").GetString());
                return state == "Completed" ? 0 : 4;
            }
        }
    }

    private static Command Loco()
    {
        var kick = new Option<double>("--kick") { Description = "corrector kick [mrad]", DefaultValueFactory = _ => 0.15 };
        var wait = new Option<bool>("--wait") { Description = "wait until it ends" };
        var measure = new Command("measure", "LOCO measurement: every dipole corrector by the same kick, then the RF frequency; all restored exactly") { kick, wait };
        measure.SetAction(async parse =>
        {
            var client = ServerClient.From(parse);
            var (ok, body) = await client.Post("/api/loco/measure", new { kickStep = parse.GetValue(kick) * 1e-3 });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("where").GetString());
            return parse.GetValue(wait) ? await WaitUntilDone(client, $"/api/orbit/response/{body.GetProperty("id").GetInt64()}") : 0;
        });
        var measurement = new Argument<long>("measurement") { Description = "a completed LOCO measurement (vepp2k orbit list)" };
        var fitWait = new Option<bool>("--wait") { Description = "wait for the fit and print it" };
        var fit = new Command("fit", "fit the model's gradients, rolls, solenoid fields, skew windings and instrument gains to a LOCO measurement") { measurement, fitWait };
        fit.SetAction(async parse =>
        {
            var client = ServerClient.From(parse);
            var (ok, body) = await client.Post("/api/loco/fits", new { measurement = parse.GetValue(measurement) });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("where").GetString());
            if (!parse.GetValue(fitWait)) return 0;
            string path = $"/api/loco/fits/{body.GetProperty("id").GetInt64()}";
            int exit = await WaitUntilDone(client, path);
            if (exit != 0) return exit;
            (ok, body) = await client.Get(path);
            PrintFit(body);
            return 0;
        });
        var id = new Argument<long>("id") { Description = "LOCO fit number" };
        var show = new Command("show", "a LOCO fit: chi2 per iteration, beta-beat and CCD size ratios before and after, the corrections") { id };
        show.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Get($"/api/loco/fits/{parse.GetValue(id)}");
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("where").GetString());
            if (body.GetProperty("state").GetString() == "Completed") PrintFit(body);
            return 0;
        });
        var applyId = new Argument<long>("id") { Description = "LOCO fit number" };
        var confirm = new Option<bool>("--confirm") { Description = "apply them (without: refused, nothing moves)" };
        var apply = new Command("apply", "apply a LOCO fit's quadrupole and skew-winding corrections as one ramp") { applyId, confirm };
        apply.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post($"/api/loco/fits/{parse.GetValue(applyId)}/apply", new { confirm = parse.GetValue(confirm), wait = true });
            return ok ? ServerClient.Report(body) : ServerClient.Fail(body);
        });
        return new Command("loco", "LOCO: measure the orbit response and dispersion, fit the optics, correct it") { measure, fit, show, apply };
    }

    private static void PrintFit(JsonElement f)
    {
        foreach (var it in f.GetProperty("iterations").EnumerateArray())
            Console.WriteLine(F($"  iteration {it.GetProperty("number").GetInt32()}: chi2 {it.GetProperty("chi2").GetDouble():E4}"));
        foreach (var (label, report) in new[] { ("fitted machine", f.GetProperty("before")), ("after the corrections (expected)", f.GetProperty("after")) })
            Console.WriteLine(F($"{label}: beta-beat {report.GetProperty("betaBeatRms").GetDouble():P2} rms, {report.GetProperty("betaBeatMax").GetDouble():P2} max; coupling {report.GetProperty("coupling").GetDouble():E2}; worst CCD size ratio {report.GetProperty("worstRatioDeviation").GetDouble():P2} off the design's"));
        foreach (var c in f.GetProperty("changes").EnumerateArray())
            Console.WriteLine(F($"  {c.GetProperty("corrector").GetString(),-6} {c.GetProperty("fromAmps").GetDouble(),10:F4} A -> {c.GetProperty("toAmps").GetDouble(),10:F4} A (strength {c.GetProperty("kick").GetDouble():+0.000E+0;-0.000E+0})"));
        Console.WriteLine("apply with: vepp2k loco apply " + f.GetProperty("id").GetInt64() + " --confirm");
    }

    private static Command Correct()
    {
        var measurement = new Option<long?>("--measurement") { Description = "use this measured response (default: the model's)" };
        var cut = new Option<double>("--sv-cut") { Description = "drop singular values below this fraction of the largest", DefaultValueFactory = _ => 1e-3 };
        var tikhonov = new Option<double>("--tikhonov") { Description = "Tikhonov weight [m/rad] (0: none)", DefaultValueFactory = _ => 0 };
        var dispersionWeight = new Option<double>("--dispersion-weight")
        {
            Description = "dispersion-free steering: weight of the dispersion error [m of orbit per m of dispersion] against the orbit (0: orbit only); needs --measurement of a response taken with the dispersion",
            DefaultValueFactory = _ => 0,
        };
        var confirm = new Option<bool>("--confirm") { Description = "apply it (without: only show what it would change)" };
        var correct = new Command("correct", "correct the orbit at the 20 monitors with the 36 dipole correctors; shows the plan, applies it with --confirm")
        {
            measurement, cut, tikhonov, dispersionWeight, confirm,
        };
        correct.SetAction(async parse =>
        {
            var client = ServerClient.From(parse);
            long? m = parse.GetValue(measurement);
            double sv = parse.GetValue(cut), t = parse.GetValue(tikhonov), dw = parse.GetValue(dispersionWeight);
            JsonElement plan;
            if (parse.GetValue(confirm))
            {
                var (ok, body) = await client.Post("/api/orbit/correction", new { confirm = true, svCut = sv, tikhonov = t, measurement = m, wait = true, dispersionWeight = dw });
                if (!ok) return ServerClient.Fail(body);
                plan = body.GetProperty("plan");
                PrintPlan(plan);
                Console.WriteLine(body.GetProperty("message").GetString());
                if (body.GetProperty("arrival") is { ValueKind: JsonValueKind.Object } arrival) Console.WriteLine(arrival.GetProperty("message").GetString());
                return 0;
            }
            var query = F($"/api/orbit/correction?svCut={sv}&tikhonov={t}&dispersionWeight={dw}") + (m is { } id ? F($"&measurement={id}") : "");
            var (got, p) = await client.Get(query);
            if (!got) return ServerClient.Fail(p);
            PrintPlan(p);
            bool refused = p.TryGetProperty("refusal", out var r) && r.ValueKind == JsonValueKind.String;
            Console.WriteLine(refused ? "nothing can be applied" : "nothing changed; add --confirm to apply it");
            return refused ? 4 : 0;
        });
        return correct;
    }

    private static void PrintPlan(JsonElement p)
    {
        if (p.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String) { Console.WriteLine("refused: " + refusal.GetString()); return; }
        Console.WriteLine(F($"{p.GetProperty("response").GetString()} response, {p.GetProperty("singularValuesUsed").GetInt32()} of {p.GetProperty("singularValues").GetInt32()} singular values: rms orbit {p.GetProperty("measuredRms").GetDouble() * 1e3:F4} mm now, {p.GetProperty("expectedRms").GetDouble() * 1e3:F4} mm expected"));
        if (p.GetProperty("dispersionRms").GetDouble() is > 0 and var d)
            Console.WriteLine(F($"dispersion error (measured - model) rms {d * 1e3:F3} mm now, {p.GetProperty("dispersionExpectedRms").GetDouble() * 1e3:F3} mm expected"));
        foreach (var c in p.GetProperty("changes").EnumerateArray())
            Console.WriteLine(F($"  {c.GetProperty("corrector").GetString(),-6} {c.GetProperty("fromAmps").GetDouble(),9:F4} A -> {c.GetProperty("toAmps").GetDouble(),9:F4} A ({c.GetProperty("kick").GetDouble() * 1e6,8:F2} urad)"));
    }

    private static string ResponseCsv(JsonElement m)
    {
        var monitors = m.GetProperty("monitors").EnumerateArray().Select(x => x.GetString()!).ToArray();
        var text = new StringBuilder("reading," + string.Join(",", m.GetProperty("correctors").EnumerateArray().Select(c => c.GetString())) + "\n");
        int i = 0;
        foreach (var row in m.GetProperty("matrix").EnumerateArray())
        {
            string name = (i < monitors.Length ? "x " : "z ") + monitors[i % monitors.Length];
            text.Append(name).Append(',').AppendJoin(",", row.EnumerateArray().Select(v => v.GetDouble().ToString("R", CultureInfo.InvariantCulture))).Append('\n');
            i++;
        }
        return text.ToString();
    }

    private static Command Errors()
    {
        var seed = new Argument<int>("seed") { Description = "seed of the error set (serve --errors SEED gives the same ring)" };
        var file = new Argument<string>("file") { Description = "JSON file to write" };
        var write = new Command("write", "write a seeded error set (the default magnitudes of docs/beam.md) as a JSON file to edit and serve with --errors FILE") { seed, file };
        write.SetAction(parse =>
        {
            var errors = RingErrors.Generate(parse.GetValue(seed));
            File.WriteAllText(parse.GetValue(file)!, RingErrorsFile.Write(errors));
            Console.WriteLine(F($"{parse.GetValue(file)}: {errors.Magnets.Count} magnets, {errors.Bpms.Count} BPMs, {errors.Ccds.Count} CCDs ({errors.Origin})"));
            return 0;
        });
        return new Command("errors", "hidden errors of the simulated ring") { write };
    }

    private static double Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
