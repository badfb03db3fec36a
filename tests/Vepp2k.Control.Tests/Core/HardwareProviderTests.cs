using Vepp2k.Control.Channels;
using Vepp2k.Control.Devices;
using Vepp2k.Control.History;
using Vepp2k.Control.Nmr;
using Vepp2k.Control.Quench;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Tests.Core;

/// <summary>
/// The control core drives the magnets through the hardware provider only: a provider that is not
/// the simulator (here a bus adapter that logs every command it sends on, as a CAN driver would,
/// over simulated supplies standing for the crates) receives every command, and the control system
/// adopts the state it finds instead of imposing the design currents.
/// </summary>
public class HardwareProviderTests
{
    [Fact]
    public async Task A_provider_other_than_the_simulator_receives_every_command_and_its_state_is_adopted()
    {
        BusAdapter? bus = null;
        var folder = Path.Combine(Path.GetTempPath(), "vepp2k-provider-" + Guid.NewGuid().ToString("N"));
        var clock = new ManualTimeProvider();
        var system = ControlSystem.Start(new ControlSystemOptions
        {
            DataFolder = folder, AdminPassword = "admin-password",
            Hardware = time => bus = new BusAdapter(new SimulatedHardware(MagnetCatalogue.Default, time)),
        }, clock);
        try
        {
            Assert.Null(system.Simulator);
            // What the crates were doing when the control system started is what it reads: 1F1 at 123 A, the rest off.
            Assert.Equal(123, system.Registry.Get("VEPP/QUAD/1F1/SCur").Snapshot().Value.Number, 9);
            Assert.Equal(0, system.Registry.Get("VEPP/QUAD/1D1/SCur").Snapshot().Value.Number);

            var who = new WriteContext("alice", Role.Operator, "test");
            Assert.True(system.Registry.Get("VEPP/QUAD/1F1/SCur").Write(ChannelValue.Of(100), who).Applied);
            for (int i = 0; i < 100; i++)
            {
                clock.Advance(0.1);
                system.Step();
            }
            var sets = bus!.Trace.Where(t => t.StartsWith("1F1 set ", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(sets);
            Assert.Equal("1F1 set 100.000", sets[^1]);
            Assert.Equal(100, system.Registry.Get("VEPP/QUAD/1F1/MCur.1").Snapshot().Value.Number, 0.1);

            // An off supply is refused by the core before anything reaches the bus.
            int before = bus.Trace.Count(t => t.StartsWith("1D1 ", StringComparison.Ordinal));
            Assert.False(system.Registry.Get("VEPP/QUAD/1D1/SCur").Write(ChannelValue.Of(50), who).Applied);
            Assert.Equal(before, bus.Trace.Count(t => t.StartsWith("1D1 ", StringComparison.Ordinal)));
        }
        finally
        {
            await system.DisposeAsync();
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task A_failing_device_loop_tick_is_logged_and_the_loop_goes_on()
    {
        // A bus that times out on three consecutive polls: before, the first exception ended the
        // device loop (and every readback with it) without a word.
        FlakyBus? bus = null;
        var logs = new CapturedLogs();
        var folder = Path.Combine(Path.GetTempPath(), "vepp2k-flaky-" + Guid.NewGuid().ToString("N"));
        var system = ControlSystem.Start(new ControlSystemOptions
        {
            DataFolder = folder, AdminPassword = "admin-password", TickPeriod = TimeSpan.FromMilliseconds(5), Logs = logs,
            Hardware = time => bus = new FlakyBus(new SimulatedHardware(MagnetCatalogue.Default, time), failFrom: 3, failCount: 3),
        }, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var loop = system.RunAsync(stop.Token);
        try
        {
            for (var start = DateTime.UtcNow; bus!.Polls < 20; await Task.Delay(10))
                Assert.True(DateTime.UtcNow - start < TimeSpan.FromSeconds(20), $"the loop stopped after {bus.Polls} polls");
            Assert.False(loop.IsCompleted);
            var error = Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
            Assert.Contains("device-loop tick failed", error.Message);
            Assert.Contains("CAN timeout", error.Exception!.Message);
        }
        finally
        {
            await stop.CancelAsync();
            await loop;
            await system.DisposeAsync();
            Directory.Delete(folder, true);
        }
    }

    /// <summary>Simulated crates behind a bus whose polls fail for a while, as a CAN link that drops out.</summary>
    private sealed class FlakyBus(SimulatedHardware crates, int failFrom, int failCount) : IMagnetHardware
    {
        private int _polls;
        public int Polls => Volatile.Read(ref _polls);
        public IReadOnlyList<PoweredElement> Elements => crates.Elements;
        public IReadOnlyList<IQuenchProtection> Solenoids => crates.Solenoids;
        public IReadOnlyList<INmrProbe> Probes => crates.Probes;

        public void Update()
        {
            int poll = Interlocked.Increment(ref _polls);
            if (poll >= failFrom && poll < failFrom + failCount) throw new IOException($"CAN timeout on poll {poll}");
            crates.Update();
        }
    }

    /// <summary>A logger factory that keeps what the control system logs.</summary>
    private sealed class CapturedLogs : Microsoft.Extensions.Logging.ILoggerFactory, Microsoft.Extensions.Logging.ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<(Microsoft.Extensions.Logging.LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;
        public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider) { }
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }

    /// <summary>A provider over simulated crates that logs every command on its way, as a bus driver would.</summary>
    private sealed class BusAdapter : IMagnetHardware
    {
        private readonly SimulatedHardware _crates;

        public BusAdapter(SimulatedHardware crates)
        {
            _crates = crates;
            crates.Supply("1F1").StartRunning(123);
            Elements = [.. crates.Elements.Select(e => new PoweredElement(e.Name, e.Path, e.Magnets, new LoggedSupply(e.Supply, Trace)))];
        }

        public List<string> Trace { get; } = [];
        public IReadOnlyList<PoweredElement> Elements { get; }
        public IReadOnlyList<IQuenchProtection> Solenoids => _crates.Solenoids;
        public IReadOnlyList<INmrProbe> Probes => _crates.Probes;
        public void Update() => _crates.Update();
    }

    private sealed class LoggedSupply(IPowerSupply inner, List<string> trace) : IPowerSupply
    {
        public string Name => inner.Name;
        public SupplyParameters Parameters => inner.Parameters;
        public SupplyState State => inner.State;
        public double Setpoint => inner.Setpoint;
        public double RampedSetpoint => inner.RampedSetpoint;
        public double Dcct1 => inner.Dcct1;
        public double Dcct2 => inner.Dcct2;
        public double OutputVoltage => inner.OutputVoltage;
        public int Polarity => inner.Polarity;
        public InterlockBits LiveInterlocks => inner.LiveInterlocks;
        public InterlockBits LatchedInterlocks => inner.LatchedInterlocks;
        public CommandResult SwitchOn() => Log("on", inner.SwitchOn());
        public CommandResult SwitchOff() => Log("off", inner.SwitchOff());
        public CommandResult SetCurrent(double amperes) => Log(FormattableString.Invariant($"set {amperes:F3}"), inner.SetCurrent(amperes));
        public CommandResult ResetInterlocks() => Log("reset", inner.ResetInterlocks());
        public void Update() => inner.Update();

        private CommandResult Log(string command, CommandResult result)
        {
            trace.Add($"{Name} {command}");
            return result;
        }
    }
}
