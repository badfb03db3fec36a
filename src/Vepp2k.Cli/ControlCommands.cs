using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Vepp2k.Cli;

/// <summary>
/// Scripting commands against a running server: get, set, group, snapshot, restore, history,
/// events. Each prints a plain line per item (or JSON with --json) and exits non-zero on refusal.
/// </summary>
public static class ControlCommands
{
    private static readonly Option<bool> JsonOut = new("--json") { Description = "print the server's JSON" };

    public static IEnumerable<Command> Create() => [Get(), Set(), Group(), Snapshot(), Restore(), History(), Events()];

    private static Command Get()
    {
        var names = new Argument<string[]>("channel") { Description = "channel paths (VEPP/QUAD/1F1/SCur) or prefixes ending in /", Arity = ArgumentArity.OneOrMore };
        var c = new Command("get", "read channels from the server") { names, JsonOut };
        c.SetAction(async parse =>
        {
            var client = ServerClient.From(parse);
            int code = 0;
            foreach (var name in parse.GetValue(names)!)
            {
                var (ok, body) = name.EndsWith('/') ? await client.Get($"/api/channels?prefix={Uri.EscapeDataString(name)}") : await client.Get($"/api/channels/{name}");
                if (!ok) { code = ServerClient.Fail(body); continue; }
                if (parse.GetValue(JsonOut)) { Console.WriteLine(ServerClient.Pretty(body)); continue; }
                foreach (var ch in body.ValueKind == JsonValueKind.Array ? body.EnumerateArray() : new[] { body }.AsEnumerable())
                    Console.WriteLine($"{ch.GetProperty("path").GetString()} {ch.GetProperty("value")} {ch.GetProperty("units").GetString()} ({ch.GetProperty("severity").GetString()})".Replace("  ", " "));
            }
            return code;
        });
        return c;
    }

    private static Command Set()
    {
        var name = new Argument<string>("channel") { Description = "writable channel (VEPP/QUAD/1F1/SCur, VEPP/QUAD/1F1/K1, VEPP/PS/Power ...)" };
        var value = new Argument<string>("value") { Description = "number, or an enum label such as On" };
        var confirm = new Option<bool>("--confirm") { Description = "confirm an operation that needs it (dipoles off with solenoids powered)" };
        var c = new Command("set", "write a channel on the server") { name, value, confirm };
        c.SetAction(async parse =>
        {
            string raw = parse.GetValue(value)!;
            object v = double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : raw;
            var (ok, body) = await ServerClient.From(parse).Put($"/api/channels/{parse.GetValue(name)}", new { value = v, confirm = parse.GetValue(confirm) });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine(body.GetProperty("message").GetString());
            return 0;
        });
        return c;
    }

    private static Command Group()
    {
        var name = new Argument<string>("group") { Description = "group name (list: vepp2k group list)" };
        var operation = new Argument<string>("operation") { Description = "set, increment or scale" };
        var value = new Argument<double>("value") { Description = "value, step or factor" };
        var units = new Option<string>("--units") { Description = "hardware (A) or physics (strength)", DefaultValueFactory = _ => "hardware" };
        var wait = new Option<bool>("--wait") { Description = "wait until every member arrived (set-all-then-wait)" };
        var tolerance = new Option<double>("--tolerance") { Description = "arrival tolerance [A]", DefaultValueFactory = _ => 0.05 };
        var apply = new Command("apply", "set, step or scale every member in one synchronised ramp") { name, operation, value, units, wait, tolerance };
        apply.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post($"/api/groups/{parse.GetValue(name)}/apply", new
            {
                operation = parse.GetValue(operation), value = parse.GetValue(value), units = parse.GetValue(units),
                wait = parse.GetValue(wait), tolerance = parse.GetValue(tolerance),
            });
            return ok ? ServerClient.Report(body) : ServerClient.Fail(body);
        });
        var list = new Command("list", "list the groups and their members");
        list.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Get("/api/groups");
            if (!ok) return ServerClient.Fail(body);
            foreach (var g in body.EnumerateArray())
                Console.WriteLine($"{g.GetProperty("name").GetString(),-20} {string.Join(" ", g.GetProperty("members").EnumerateArray().Select(m => m.GetString()))}");
            return 0;
        });
        return new Command("group", "group operations on the server") { apply, list, RampEnergyCommands.GroupDefine() };
    }

    private static Command Snapshot()
    {
        var name = new Argument<string>("name") { Description = "working-set name" };
        var comment = new Option<string>("--comment") { Description = "comment", DefaultValueFactory = _ => "" };
        var tags = new Option<string[]>("--tag") { Description = "tag (repeatable), e.g. golden" };
        var save = new Command("save", "save the live settings as a new version of a working set") { name, comment, tags };
        save.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post("/api/worksets", new { name = parse.GetValue(name), comment = parse.GetValue(comment), tags = parse.GetValue(tags) ?? [] });
            if (!ok) return ServerClient.Fail(body);
            Console.WriteLine($"saved {body.GetProperty("name").GetString()} version {body.GetProperty("version").GetInt32()} ({body.GetProperty("items").GetArrayLength()} items)");
            return 0;
        });
        var list = new Command("list", "list working sets");
        list.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Get("/api/worksets");
            if (!ok) return ServerClient.Fail(body);
            foreach (var s in body.EnumerateArray())
                Console.WriteLine($"{s.GetProperty("name").GetString()} v{s.GetProperty("version").GetInt32()} {s.GetProperty("time").GetDateTimeOffset():u} {s.GetProperty("author").GetString()} [{string.Join(",", s.GetProperty("tags").EnumerateArray().Select(t => t.GetString()))}] {s.GetProperty("comment").GetString()}");
            return 0;
        });
        var with = new Option<string>("--with") { Description = "live, or another set as name[:version]", DefaultValueFactory = _ => "live" };
        var tolerance = new Option<double>("--tolerance") { Description = "tolerance [A] (0 = per item: 1e-4 of full scale or 5 rms of readback noise)", DefaultValueFactory = _ => 0 };
        var compare = new Command("compare", "compare a working set with the live machine or another set") { name, with, tolerance };
        compare.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Get($"/api/worksets/{Uri.EscapeDataString(parse.GetValue(name)!)}/compare?with={Uri.EscapeDataString(parse.GetValue(with)!)}&tolerance={parse.GetValue(tolerance).ToString(CultureInfo.InvariantCulture)}");
            if (!ok) return ServerClient.Fail(body);
            var differing = body.EnumerateArray().Where(d => d.GetProperty("differs").GetBoolean()).ToList();
            foreach (var d in differing) Console.WriteLine($"{d.GetProperty("channel").GetString()} {d.GetProperty("left")} -> {d.GetProperty("right")}");
            Console.WriteLine($"{differing.Count} of {body.GetArrayLength()} differ");
            return 0;
        });
        return new Command("snapshot", "working sets: save, list, compare") { save, list, compare };
    }

    private static Command Restore()
    {
        var name = new Argument<string>("name") { Description = "working-set name" };
        var version = new Option<int?>("--version") { Description = "version (default the latest)" };
        var subsystems = new Option<string?>("--subsystems") { Description = "comma list of dipoles, quads, solenoids, correctors (default all)" };
        var tolerance = new Option<double>("--tolerance") { Description = "tolerance [A] (0 = per item: 1e-4 of full scale or 5 rms of readback noise)", DefaultValueFactory = _ => 0 };
        var c = new Command("restore", "restore a working set: ordered, ramped, completion-checked") { name, version, subsystems, tolerance };
        c.SetAction(async parse =>
        {
            var (ok, body) = await ServerClient.From(parse).Post($"/api/worksets/{Uri.EscapeDataString(parse.GetValue(name)!)}/restore",
                new { version = parse.GetValue(version), subsystems = parse.GetValue(subsystems), tolerance = parse.GetValue(tolerance) });
            if (!ok) return ServerClient.Fail(body);
            foreach (var i in body.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("outcome").GetString() is "failed" or "unavailable"))
                Console.WriteLine($"{i.GetProperty("outcome").GetString()}: {i.GetProperty("channel").GetString()}: {i.GetProperty("detail").GetString()}");
            Console.WriteLine(body.GetProperty("summary").GetString());
            return body.GetProperty("failed").GetInt32() > 0 ? 4 : 0;
        });
        return c;
    }

    private static Command History()
    {
        var name = new Argument<string>("channel") { Description = "channel path" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "start (default one hour ago)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "end (default now)" };
        var bins = new Option<int>("--bins") { Description = "decimate into this many bins (0 = raw samples)", DefaultValueFactory = _ => 0 };
        var c = new Command("history", "archived values of a channel (raw, or min/max/mean per bin)") { name, from, to, bins, JsonOut };
        c.SetAction(async parse =>
        {
            var query = new List<string>();
            if (parse.GetValue(from) is { } f) query.Add("from=" + Uri.EscapeDataString(f.ToString("O")));
            if (parse.GetValue(to) is { } t) query.Add("to=" + Uri.EscapeDataString(t.ToString("O")));
            if (parse.GetValue(bins) > 0) query.Add($"bins={parse.GetValue(bins)}");
            var (ok, body) = await ServerClient.From(parse).Get($"/api/history/{parse.GetValue(name)}?{string.Join('&', query)}");
            if (!ok) return ServerClient.Fail(body);
            if (parse.GetValue(JsonOut)) { Console.WriteLine(ServerClient.Pretty(body)); return 0; }
            if (body.TryGetProperty("bins", out var b))
                foreach (var x in b.EnumerateArray())
                    Console.WriteLine($"{x.GetProperty("start").GetDateTimeOffset():O} n={x.GetProperty("count")} min={x.GetProperty("min")} mean={x.GetProperty("mean")} max={x.GetProperty("max")}");
            else
                foreach (var x in body.GetProperty("samples").EnumerateArray())
                    Console.WriteLine($"{x.GetProperty("time").GetDateTimeOffset():O} {x.GetProperty("value")}");
            return 0;
        });
        return c;
    }

    private static Command Events()
    {
        var kind = new Option<string?>("--kind") { Description = "operator, interlock, quench, alarm, state, system" };
        var user = new Option<string?>("--user-filter") { Description = "only this user's events" };
        var text = new Option<string?>("--text") { Description = "text search in subject and message" };
        var limit = new Option<int>("--limit") { Description = "at most this many (newest first)", DefaultValueFactory = _ => 50 };
        var csv = new Option<bool>("--csv") { Description = "print CSV" };
        var c = new Command("events", "the event log, newest first") { kind, user, text, limit, csv, JsonOut };
        c.SetAction(async parse =>
        {
            var q = new List<string> { $"limit={parse.GetValue(limit)}" };
            if (parse.GetValue(kind) is { } k) q.Add("kind=" + Uri.EscapeDataString(k));
            if (parse.GetValue(user) is { } u) q.Add("user=" + Uri.EscapeDataString(u));
            if (parse.GetValue(text) is { } s) q.Add("text=" + Uri.EscapeDataString(s));
            var client = ServerClient.From(parse);
            if (parse.GetValue(csv))
            {
                var (okText, body) = await client.GetText("/api/events.csv?" + string.Join('&', q));
                if (!okText) { Console.Error.WriteLine("vepp2k: " + body); return 3; }
                Console.Write(body);
                return 0;
            }
            var (ok, events) = await client.Get("/api/events?" + string.Join('&', q));
            if (!ok) return ServerClient.Fail(events);
            if (parse.GetValue(JsonOut)) { Console.WriteLine(ServerClient.Pretty(events)); return 0; }
            foreach (var e in events.EnumerateArray())
            {
                string change = e.TryGetProperty("oldValue", out var o) || e.TryGetProperty("newValue", out _)
                    ? $" {(e.TryGetProperty("oldValue", out o) ? o.GetString() : "")} -> {(e.TryGetProperty("newValue", out var n) ? n.GetString() : "")}" : "";
                Console.WriteLine($"{e.GetProperty("time").GetDateTimeOffset():u} {e.GetProperty("kind").GetString(),-9} {e.GetProperty("user").GetString()} {e.GetProperty("subject").GetString()}: {e.GetProperty("message").GetString()}{change} [{e.GetProperty("result").GetString()}]");
            }
            return 0;
        });
        return c;
    }
}
