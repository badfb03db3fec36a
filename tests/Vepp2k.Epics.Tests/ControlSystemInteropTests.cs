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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
