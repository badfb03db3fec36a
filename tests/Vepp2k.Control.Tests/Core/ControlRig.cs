using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.Tests.Core;

/// <summary>The whole control system on a hand-moved clock and a throwaway SQLite folder.</summary>
internal sealed class ControlRig : IAsyncDisposable
{
    public static readonly WriteContext Operator = new("alice", Role.Operator, "test");
    public static readonly WriteContext Viewer = new("victor", Role.Viewer, "test");

    // tmpfs where there is one: the campaign writes tens of thousands of synchronous events.
    private readonly string _folder = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "vepp2k-core-" + Guid.NewGuid().ToString("N"));

    public ControlRig(string mode = "design-1GeV", Machine.Beam.RingErrors? errors = null)
    {
        var options = new ControlSystemOptions { DataFolder = _folder, Mode = mode, AdminPassword = "admin-password" };
        System = ControlSystem.Start(errors is null ? options : options with { Errors = errors }, Clock);
    }

    public ManualTimeProvider Clock { get; } = new();
    public ControlSystem System { get; }

    public Channel Channel(string path) => System.Registry.Get(path);

    public double Value(string path) => Channel(path).Snapshot().Value.Number;

    /// <summary>Runs the device loop for this much simulated time at 10 Hz.</summary>
    public void Run(double seconds) => Clock.Run(System, seconds);

    public IReadOnlyList<EventRecord> Events(EventKind? kind = null) => System.Store.QueryEvents(new EventQuery(Kind: kind, Limit: 100_000));

    public async ValueTask DisposeAsync()
    {
        await System.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
