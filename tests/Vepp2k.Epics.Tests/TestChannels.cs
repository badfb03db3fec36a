using Vepp2k.Control.Channels;

namespace Vepp2k.Epics.Tests;

/// <summary>A small channel tree like the captured softIoc's: a ±300 A setpoint with alarm limits, and one channel of each kind.</summary>
internal static class TestChannels
{
    public const string Setpoint = "TST:PS0:I-SP";

    public static ChannelRegistry Build(TimeProvider? time = null)
    {
        var registry = new ChannelRegistry(time ?? TimeProvider.System);
        var sp = registry.Add(new ChannelSpec
        {
            Path = "TST/PS0/I-SP", Units = "A", Precision = 3, DisplayLow = -300, DisplayHigh = 300,
            DriveLow = -300, DriveHigh = 300, Access = ChannelAccess.ReadWrite,
            Alarms = new AlarmLimits(HiHi: 290, High: 250, Low: -250, LoLo: -290),
        }, ChannelValue.Of(0));
        Echo(sp);
        registry.Add(new ChannelSpec { Path = "TST/RO", Units = "A", Precision = 2 }, ChannelValue.Of(1.25));
        Echo(registry.Add(new ChannelSpec { Path = "TST/ENUM", Type = ChannelType.Enum, EnumLabels = ["Off", "On", "Fault"], Access = ChannelAccess.ReadWrite }, ChannelValue.OfEnum(1)));
        Echo(registry.Add(new ChannelSpec { Path = "TST/TEXT", Type = ChannelType.String, Access = ChannelAccess.ReadWrite }, ChannelValue.OfString("hello")));
        Echo(registry.Add(new ChannelSpec { Path = "TST/INT", Type = ChannelType.Integer, Access = ChannelAccess.ReadWrite, DriveLow = -100000, DriveHigh = 100000 }, ChannelValue.OfInteger(42)));
        Echo(registry.Add(new ChannelSpec { Path = "TST/ARR", Type = ChannelType.DoubleArray, Access = ChannelAccess.ReadWrite }, ChannelValue.OfArray([1, 2, 3])));
        registry.Add(new ChannelSpec { Path = "TST/FAST", Units = "A", ValueDeadband = 0 }, ChannelValue.Of(0));
        registry.Add(new ChannelSpec { Path = "TST/DEAD", Units = "A", ValueDeadband = 1.0, ArchiveDeadband = 5.0 }, ChannelValue.Of(0));
        Echo(registry.Add(new ChannelSpec { Path = "TST/DEADW", Units = "A", ValueDeadband = 1.0, ArchiveDeadband = 5.0, Access = ChannelAccess.ReadWrite }, ChannelValue.Of(0)));
        registry.Freeze();
        return registry;
    }

    /// <summary>A writable test channel posts what it is given, as a soft record would.</summary>
    private static void Echo(Channel channel) => channel.WriteHandler = (value, _) =>
    {
        channel.Post(value, DateTimeOffset.UtcNow);
        return WriteResult.Ok("posted");
    };

    /// <summary>A clock stopped before the EPICS epoch: the never-processed record of the capture reads time 0.</summary>
    public sealed class Before1990 : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(1989, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
