using Vepp2k.Control.Runtime;
using Vepp2k.Epics.Access;

namespace Vepp2k.Epics.Tests;

/// <summary>pyepics writes a quadrupole supply through the whole control core and sees the readback follow.</summary>
public sealed class ControlSystemInteropTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vepp2k-ca-").FullName;

    [PyEpicsFact]
    public async Task Put_on_a_quadrupole_setpoint_moves_its_readback_once_rights_are_granted()
    {
        await using var system = ControlSystem.Start(new ControlSystemOptions { DataFolder = _folder, AdminPassword = "ca-test-password" }, TimeProvider.System);
        Assert.NotNull(system.Registry.Find("VEPP/QUAD/1F1/SCur"));
        Assert.NotNull(system.Registry.Find("VEPP/QUAD/1F1/MCur.1"));
        using var stop = new CancellationTokenSource();
        var loop = system.RunAsync(stop.Token);

        // Nobody may write at first; then the rules name the client's user on this host as an operator.
        string viewers = Path.Combine(_folder, "viewers.rules");
        File.WriteAllText(viewers, "DEFAULT Viewer\n");
        var server = new CaServer(system.Registry, new CaServerOptions { Port = 0, BeaconPort = ServerTests.FreeUdpPort(), RulesFile = viewers });
        await server.StartAsync();
        try
        {
            using var py = new PyEpics(server.Port, "quad", "VEPP:QUAD:1F1:SCur", "VEPP:QUAD:1F1:MCur_1");
            Assert.False((await py.NextAsync()).GetProperty("write_access").GetBoolean());
            server.SetRules(AccessRules.Parse($"""
                HAG ops {"{"} 127.0.0.1 {"}"}
                UAG operators {"{"} {Environment.UserName} {"}"}
                RULE operators ops Operator
                """));
            await py.SayAsync("go");
            var put = await py.NextAsync(60_000);
            Assert.True(put.GetProperty("write_access").GetBoolean(), py.Errors);
            Assert.Equal(1, put.GetProperty("result").GetInt32());
            double target = put.GetProperty("target").GetDouble();
            Assert.Equal(target, put.GetProperty("setpoint").GetDouble(), 3);
            Assert.Equal(target, put.GetProperty("readback").GetDouble(), 0.05);
            Assert.Equal("A", put.GetProperty("units").GetString());
            Assert.Equal(target, system.Registry.Get("VEPP/QUAD/1F1/SCur").Snapshot().Value.Number, 3);
        }
        finally
        {
            await server.StopAsync();
            await stop.CancelAsync();
            await loop;
        }
    }

    [Fact]
    public async Task A_put_callback_completes_when_the_supply_has_arrived_and_fails_when_it_trips()
    {
        await using var system = ControlSystem.Start(new ControlSystemOptions { DataFolder = _folder, AdminPassword = "ca-test-password" }, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var loop = system.RunAsync(stop.Token);
        await using var server = new CaServer(system.Registry, new CaServerOptions { Port = 0, BeaconPort = ServerTests.FreeUdpPort() });
        await server.StartAsync();
        try
        {
            var quad = system.Core.Machine.Get("1F1");
            double target = quad.Request - 20;
            await using var client = await RawClient.ConnectAsync(server.Port);
            uint sid = await client.OpenAsync("VEPP:QUAD:1F1:SCur");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await client.SendAsync(Msg.Bytes(19, 6, 1, sid, 77, Msg.F64(target)));
            var done = await client.ExpectAsync(m => m.Cmd == 19 && m.P2 == 77, 60_000);
            // Completed means arrived: not before the ramp could have got there, and the readback is there.
            Assert.Equal(1u, done.P1);
            double ramp = 20 / quad.Supply.Parameters.MaxRampRate;
            Assert.True(clock.Elapsed.TotalSeconds >= ramp, $"completed after {clock.Elapsed.TotalSeconds:F3} s, the ramp takes {ramp:F3} s");
            Assert.InRange(Math.Abs(quad.Readback - target), 0, quad.ArrivalTolerance * 1.5);

            // A trip half-way: the callback fails (ECA_PUTFAIL) instead of completing.
            await client.SendAsync(Msg.Bytes(19, 6, 1, sid, 78, Msg.F64(target - 40)));
            await Task.Delay(TimeSpan.FromSeconds(ramp));
            system.Simulator!.Supply("1F1").SetFault(Control.Devices.InterlockBits.Water, true);
            var failed = await client.ExpectAsync(m => m.Cmd == 19 && m.P2 == 78, 60_000);
            Assert.Equal(0x0a0u, failed.P1);
        }
        finally
        {
            await stop.CancelAsync();
            await loop;
        }
    }

    [Fact]
    public async Task The_beam_instruments_are_served_under_the_facility_names()
    {
        await using var system = ControlSystem.Start(new ControlSystemOptions { DataFolder = _folder, AdminPassword = "ca-test-password" }, TimeProvider.System);
        system.Step();
        await using var server = new CaServer(system.Registry, new CaServerOptions { Port = 0, BeaconPort = ServerTests.FreeUdpPort() });
        await server.StartAsync();
        await using var client = await RawClient.ConnectAsync(server.Port);
        uint cid = 1;
        foreach (var (pv, path) in new[] { ("VEPP:BPM:2:x", "VEPP/BPM/2/x"), ("VEPP:CCD:3M2R:sigma_z", "VEPP/CCD/3M2R/sigma_z"), ("VEPP:Nu:nuX", "VEPP/Nu/nuX"), ("VEPP:Currents:e", "VEPP/Currents/e") })
        {
            uint sid = await client.OpenAsync(pv, cid);
            var read = await client.ReadAsync(sid, 6, cid++);
            double expected = system.Registry.Get(path).Snapshot().Value.Number;
            Assert.True(double.IsFinite(expected), $"{path} has a reading");
            Assert.Equal(expected, read.F64(0));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
