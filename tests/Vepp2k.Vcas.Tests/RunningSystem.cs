using Vepp2k.Control.Runtime;

namespace Vepp2k.Vcas.Tests;

/// <summary>The whole control system on the real clock with its 10 Hz device loop running, shared by the server tests.</summary>
public sealed class RunningSystem : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vepp2k-vcas-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public ControlSystem System { get; private set; } = null!;

    public Task InitializeAsync()
    {
        System = ControlSystem.Start(new ControlSystemOptions { DataFolder = _folder, AdminPassword = "vcas-test-admin" }, TimeProvider.System);
        _loop = System.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await System.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}

[CollectionDefinition(nameof(RunningSystem))]
public sealed class RunningSystemCollection : ICollectionFixture<RunningSystem>;
