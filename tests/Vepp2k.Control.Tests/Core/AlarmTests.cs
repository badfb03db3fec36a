using Vepp2k.Control.Channels;

namespace Vepp2k.Control.Tests.Core;

/// <summary>Alarm limits and deadbands with the EPICS ai-record semantics (recGblCheckAlarm, MDEL/ADEL).</summary>
public class AlarmTests
{
    private static readonly AlarmLimits Limits = new(HiHi: 10, High: 8, Low: 2, LoLo: 0, Hysteresis: 0.5);

    [Theory]
    [InlineData(5, AlarmStatus.NoAlarm, AlarmSeverity.NoAlarm)]
    [InlineData(8, AlarmStatus.High, AlarmSeverity.Minor)]
    [InlineData(10, AlarmStatus.HiHi, AlarmSeverity.Major)]
    [InlineData(2, AlarmStatus.Low, AlarmSeverity.Minor)]
    [InlineData(-1, AlarmStatus.LoLo, AlarmSeverity.Major)]
    public void LevelsAndSeverities(double value, AlarmStatus status, AlarmSeverity severity)
    {
        var (s, v, _) = Limits.Evaluate(value, double.NaN);
        Assert.Equal((status, severity), (s, v));
    }

    [Fact]
    public void AnAlarmIsLeftOnlyHysteresisBackInside()
    {
        var registry = new ChannelRegistry(TimeProvider.System);
        var c = registry.Add(new ChannelSpec { Path = "T/x", Alarms = Limits }, ChannelValue.Of(5));
        registry.Freeze();
        var t = DateTimeOffset.UnixEpoch;
        double[] values = [5, 8.1, 7.8, 7.6, 7.4, 8.0, 9.9, 10.2, 9.7, 9.4, 5];
        AlarmStatus[] expected = [AlarmStatus.NoAlarm, AlarmStatus.High, AlarmStatus.High, AlarmStatus.High, AlarmStatus.NoAlarm,
            AlarmStatus.High, AlarmStatus.High, AlarmStatus.HiHi, AlarmStatus.HiHi, AlarmStatus.High, AlarmStatus.NoAlarm];
        for (int i = 0; i < values.Length; i++)
        {
            c.Post(values[i], t.AddSeconds(i));
            Assert.Equal(expected[i], c.Snapshot().Status);
        }
    }

    [Fact]
    public void MonitorsAndArchiveSeeOnlyChangesBeyondTheirDeadbands()
    {
        var registry = new ChannelRegistry(TimeProvider.System);
        var c = registry.Add(new ChannelSpec { Path = "T/y", ValueDeadband = 0.1, ArchiveDeadband = 1 }, ChannelValue.Of(0));
        registry.Freeze();
        var seen = new List<ChannelUpdate>();
        registry.Listen(seen.Add);
        var t = DateTimeOffset.UnixEpoch;
        c.Post(0, t);          // first value: alarm leaves UDF, both masks
        c.Post(0.05, t);       // inside both deadbands: nothing
        c.Post(0.2, t);        // beyond MDEL only
        c.Post(0.25, t);       // nothing (0.05 from the last monitored)
        c.Post(1.1, t);        // beyond both
        Assert.Equal(3, seen.Count);
        Assert.Equal(UpdateMask.Value, seen[1].Mask);
        Assert.Equal(0.2, seen[1].Value.Number);
        Assert.True(seen[2].Mask.HasFlag(UpdateMask.Value) && seen[2].Mask.HasFlag(UpdateMask.Archive));
    }

    [Fact]
    public void ASlowSubscriberLosesOldestUpdatesCountedNotMemory()
    {
        var registry = new ChannelRegistry(TimeProvider.System);
        var c = registry.Add(new ChannelSpec { Path = "T/z" }, ChannelValue.Of(0));
        registry.Freeze();
        using var sub = registry.Subscribe(_ => true, capacity: 100);
        for (int i = 1; i <= 1000; i++) c.Post(i, DateTimeOffset.UnixEpoch);
        Assert.Equal(900, sub.Dropped);
        Assert.True(sub.Reader.TryRead(out var first));
        Assert.Equal(901, first.Value.Number);
    }

    [Fact]
    public void PvNamesFollowTheOneRuleAndCollisionsAreRefused()
    {
        Assert.Equal("VEPP:QUAD:1F1:MCur_1", PvNames.FromPath("VEPP/QUAD/1F1/MCur.1"));
        var registry = new ChannelRegistry(TimeProvider.System);
        registry.Add(new ChannelSpec { Path = "A/b.c" }, ChannelValue.Of(0));
        Assert.Throws<ArgumentException>(() => registry.Add(new ChannelSpec { Path = "A/b_c" }, ChannelValue.Of(0)));
    }
}
