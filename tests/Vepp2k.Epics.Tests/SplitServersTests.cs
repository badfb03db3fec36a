using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Epics.Tests;

/// <summary>
/// The distributed deployment: two servers on one machine, each serving part of the ring on its own
/// port, and one pyepics client given both addresses sees the whole machine.
/// </summary>
public sealed class SplitServersTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vepp2k-split-").FullName;

    [PyEpicsFact]
    public async Task OneClientSeesTheWholeRingAcrossTwoServers()
    {
        await using var magnets = ControlSystem.Start(new ControlSystemOptions
        {
            DataFolder = Path.Combine(_folder, "a"), AdminPassword = "split-password", Subsystems = ["dipoles", "correctors"],
        }, TimeProvider.System);
        await using var focusing = ControlSystem.Start(new ControlSystemOptions
        {
            DataFolder = Path.Combine(_folder, "b"), AdminPassword = "split-password", Subsystems = ["quads", "solenoids"],
        }, TimeProvider.System);
        await using var first = new CaServer(magnets.Registry, new CaServerOptions { Port = 0, BeaconPort = ServerTests.FreeUdpPort() });
        await using var second = new CaServer(focusing.Registry, new CaServerOptions { Port = 0, BeaconPort = ServerTests.FreeUdpPort() });
        await first.StartAsync();
        await second.StartAsync();

        string[] pvs = ["VEPP:PS:SetCur", "VEPP:Energy:SetE", "VEPP:UM:1:F1X:SetCur", "VEPP:QUAD:1F1:SCur", "VEPP:SOL:2S3:SCur"];
        var info = new ProcessStartInfo(PyEpics.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "py", "split.py"));
        foreach (var pv in pvs) info.ArgumentList.Add(pv);
        info.Environment["EPICS_CA_ADDR_LIST"] = $"127.0.0.1:{first.Port} 127.0.0.1:{second.Port}";
        info.Environment["EPICS_CA_AUTO_ADDR_LIST"] = "NO";
        info.Environment["EPICS_CA_REPEATER_PORT"] = ServerTests.FreeUdpPort().ToString(CultureInfo.InvariantCulture);
        using var python = Process.Start(info)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await python.WaitForExitAsync(timeout.Token);
        var values = JsonDocument.Parse(await stdout).RootElement;
        foreach (var pv in pvs)
            Assert.True(values.GetProperty(pv).ValueKind == JsonValueKind.Number, $"{pv} not seen; stderr: {await stderr}");
        // Each value comes from the server that owns it: the same numbers as its registry.
        Assert.Equal(magnets.Registry.Get("VEPP/PS/SetCur").Snapshot().Value.Number, values.GetProperty("VEPP:PS:SetCur").GetDouble(), 6);
        Assert.Equal(focusing.Registry.Get("VEPP/QUAD/1F1/SCur").Snapshot().Value.Number, values.GetProperty("VEPP:QUAD:1F1:SCur").GetDouble(), 6);
        Assert.Null(magnets.Registry.Find("VEPP/QUAD/1F1/SCur"));
        Assert.Null(focusing.Registry.Find("VEPP/PS/SetCur"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
