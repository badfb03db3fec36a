using System.Text.Json;

namespace Vepp2k.Epics.Tests;

/// <summary>The real peer: Debian's pyepics over libca against our server on free loopback ports.</summary>
public class PyEpicsInteropTests
{
    private static async Task<Dictionary<string, JsonElement>> RunAsync(int port, string scenario)
    {
        using var py = new PyEpics(port, scenario);
        var results = new Dictionary<string, JsonElement>();
        int exit = await py.ExitAsync(60_000);
        Assert.True(exit == 0, $"pyepics exited {exit}: {py.Errors}");
        try
        {
            while (true)
            {
                var r = await py.NextAsync(1000);
                results[r.GetProperty("scenario").GetString()!] = r;
            }
        }
        catch (InvalidOperationException)
        {
            // End of output.
        }
        Assert.True(results.Count > 0, py.Errors);
        return results;
    }

    [PyEpicsFact]
    public async Task Reads_in_every_family_with_metadata()
    {
        var registry = TestChannels.Build();
        registry.FindPv(TestChannels.Setpoint)!.Post(270.75, DateTimeOffset.UtcNow);
        await using var server = await ServerTests.StartAsync(registry);
        var r = await RunAsync(server.Port, "read");

        Assert.Equal(270.75, r["plain"].GetProperty("value").GetDouble());
        Assert.Equal(6, r["plain"].GetProperty("native").GetInt32());
        Assert.Equal((270.75, 4, 1), (r["sts"].GetProperty("value").GetDouble(), r["sts"].GetProperty("status").GetInt32(), r["sts"].GetProperty("severity").GetInt32()));
        var time = r["time"];
        Assert.Equal((4, 1), (time.GetProperty("status").GetInt32(), time.GetProperty("severity").GetInt32()));
        Assert.InRange(time.GetProperty("now").GetDouble() - time.GetProperty("timestamp").GetDouble(), 0, 30);
        Assert.Equal((3, "A", 300.0, 290.0), (r["gr"].GetProperty("precision").GetInt32(), r["gr"].GetProperty("units").GetString(),
            r["gr"].GetProperty("upper_disp").GetDouble(), r["gr"].GetProperty("upper_alarm").GetDouble()));
        var ctrl = r["ctrl"];
        Assert.Equal("A", ctrl.GetProperty("units").GetString());
        Assert.Equal(3, ctrl.GetProperty("precision").GetInt32());
        Assert.Equal(300.0, ctrl.GetProperty("upper_ctrl_limit").GetDouble());
        Assert.Equal(-300.0, ctrl.GetProperty("lower_ctrl_limit").GetDouble());
        Assert.Equal(290.0, ctrl.GetProperty("upper_alarm_limit").GetDouble());
        Assert.Equal(250.0, ctrl.GetProperty("upper_warning_limit").GetDouble());
        Assert.Equal(-300.0, ctrl.GetProperty("lower_disp_limit").GetDouble());
        foreach (var t in r["every"].GetProperty("values").EnumerateObject())
        {
            int element = int.Parse(t.Name, System.Globalization.CultureInfo.InvariantCulture) % 7;
            string expected = element switch { 0 => "270.750", 2 or 6 => "270.75", 4 => "255", _ => "270" };
            Assert.True(t.Value.ToString() == expected || (t.Value.ValueKind == JsonValueKind.Number && t.Value.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture) == expected),
                $"DBR type {t.Name}: {t.Value} (expected {expected})");
        }
        Assert.Equal(21, r["every"].GetProperty("values").EnumerateObject().Count());
        var en = r["enum"];
        Assert.Equal((1, "On", 3), (en.GetProperty("value").GetInt32(), en.GetProperty("label").GetString(), en.GetProperty("native").GetInt32()));
        Assert.Equal(["Off", "On", "Fault"], en.GetProperty("labels").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("hello", r["string"].GetProperty("value").GetString());
        Assert.Equal([1.0, 2, 3], r["array"].GetProperty("value").EnumerateArray().Select(x => x.GetDouble()));
    }

    [PyEpicsFact]
    public async Task Puts_with_and_without_completion_and_read_only_refused()
    {
        var registry = TestChannels.Build();
        await using var server = await ServerTests.StartAsync(registry);
        var r = await RunAsync(server.Port, "put");
        Assert.Equal((1, 5), (r["wait"].GetProperty("result").GetInt32(), r["wait"].GetProperty("value").GetInt32()));
        Assert.Equal(6, r["nowait"].GetProperty("value").GetInt32());
        Assert.Equal("set by pyepics", r["string"].GetProperty("value").GetString());
        Assert.Equal(2, r["enum"].GetProperty("value").GetInt32());
        var ro = r["readonly"];
        Assert.False(ro.GetProperty("write_access").GetBoolean());
        Assert.True(ro.GetProperty("read_access").GetBoolean());
        Assert.Equal(1.25, ro.GetProperty("value").GetDouble());
        Assert.Equal(1.25, registry.FindPv("TST:RO")!.Snapshot().Value.Number);
    }

    [PyEpicsFact]
    public async Task Monitors_follow_value_and_archive_deadbands()
    {
        await using var server = await ServerTests.StartAsync(TestChannels.Build());
        var r = await RunAsync(server.Port, "monitor");
        // MDEL 1: 1.5 is not more than 1 away from 0.5; LOG (ADEL 5) only sees the big step.
        Assert.Equal([0, 0.5, 1.7, 3.0, 6.0], r["monitor"].GetProperty("value").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal([0, 0.5, 6.0], r["monitor"].GetProperty("log").EnumerateArray().Select(x => x.GetDouble()));
    }

    [PyEpicsFact]
    public async Task Withdrawn_channel_is_seen_as_disconnected()
    {
        await using var server = await ServerTests.StartAsync(TestChannels.Build());
        using var py = new PyEpics(server.Port, "disconnect", "TST:RO");
        Assert.Equal("connected", (await py.NextAsync()).GetProperty("event").GetString());
        server.Withdraw("TST:RO");
        await py.SayAsync("go");
        Assert.Equal("disconnected", (await py.NextAsync()).GetProperty("event").GetString());
    }

    [PyEpicsFact]
    public async Task Server_stop_disconnects_and_a_restart_on_the_same_port_reconnects()
    {
        var registry = TestChannels.Build();
        var server = await ServerTests.StartAsync(registry);
        int port = server.Port;
        using var py = new PyEpics(port, "disconnect", "TST:RO", "reconnect");
        Assert.Equal("connected", (await py.NextAsync()).GetProperty("event").GetString());
        await server.StopAsync();
        await py.SayAsync("go");
        Assert.Equal("disconnected", (await py.NextAsync()).GetProperty("event").GetString());
        await using var again = await ServerTests.StartAsync(registry, port);
        await py.SayAsync("go");
        var back = await py.NextAsync(40_000);
        Assert.Equal("reconnected", back.GetProperty("event").GetString());
        Assert.Equal(1.25, back.GetProperty("value").GetDouble());
    }
}
