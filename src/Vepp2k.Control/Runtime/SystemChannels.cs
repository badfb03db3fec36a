using Vepp2k.Control.Channels;
using Vepp2k.Control.History;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// Channels about the control system itself: archive losses, events waiting for storage, the ramp
/// in progress, and whether the beam-relevant magnet state is valid (a quench makes it invalid).
/// </summary>
public sealed class SystemChannels
{
    private readonly ControlSystem _system;
    private readonly Channel _archiveLost, _archiveLostTotal, _eventsPending, _beamValid, _beamReason, _ramps, _storageError, _energy;

    public SystemChannels(ChannelRegistry r, ControlSystem system)
    {
        _system = system;
        _archiveLost = r.Add(new ChannelSpec
        {
            Path = "VEPP/Control/ArchiveLost", Type = ChannelType.Integer, Description = "samples the archive could not store in this run (since the last ServerStarted event)",
            Alarms = new AlarmLimits(High: 0.5),
        }, ChannelValue.OfInteger(0));
        // Without an alarm: a loss of last year must not keep a channel in alarm; this run's count alarms.
        _archiveLostTotal = r.Add(new ChannelSpec
        {
            Path = "VEPP/Control/ArchiveLostTotal", Type = ChannelType.Integer,
            Description = "samples the archive could not store, all runs together (earlier runs' total kept in the event log)",
        }, ChannelValue.OfInteger(0));
        _eventsPending = r.Add(new ChannelSpec { Path = "VEPP/Control/EventsPending", Type = ChannelType.Integer, Description = "events waiting for the store to accept them" }, ChannelValue.OfInteger(0));
        _storageError = r.Add(new ChannelSpec { Path = "VEPP/Control/StorageError", Type = ChannelType.String, Description = "last storage failure" }, ChannelValue.OfString(""));
        _beamValid = r.Add(new ChannelSpec
        {
            Path = "VEPP/Control/BeamStateValid", Type = ChannelType.Enum, EnumLabels = ["Invalid", "Valid"], Access = ChannelAccess.ReadWrite,
            DriveLow = 0, DriveHigh = 1, Description = "beam-relevant magnet state valid; a quench makes it invalid, write 1 to acknowledge",
        }, ChannelValue.OfEnum(1));
        _beamValid.WriteHandler = (v, who) =>
        {
            if (v.Number >= 1) return system.Core.AcknowledgeBeamState(who);
            const string reason = "only 1 (acknowledge) may be written";
            system.Core.Journal.Log(EventKind.Operator, who.User, "VEPP/Control/BeamStateValid", $"write refused via {who.Origin}", null, v.ToString(), "refused: " + reason);
            return WriteResult.Refused(reason);
        };
        _beamReason = r.Add(new ChannelSpec { Path = "VEPP/Control/BeamStateReason", Type = ChannelType.String, Description = "why the beam state is invalid" }, ChannelValue.OfString(""));
        _ramps = r.Add(new ChannelSpec { Path = "VEPP/Control/Ramps", Type = ChannelType.Integer, Description = "ramps running or paused" }, ChannelValue.OfInteger(0));
        _energy = r.Add(new ChannelSpec
        {
            Path = "VEPP/Energy/SetE", Units = "MeV", Precision = 3, Description = "beam energy the dipole setpoint is set for",
        }, ChannelValue.Of(0));
    }

    private volatile string _lastStorageError = "";

    public void StorageFailed(StorageException e) => _lastStorageError = e.Message;

    public void Publish()
    {
        var now = _system.Time.GetUtcNow();
        _archiveLost.Post(_system.Archiver.Lost, now);
        _archiveLostTotal.Post(_system.ArchiveLostBefore + _system.Archiver.Lost, now);
        _storageError.Post(ChannelValue.OfString(_lastStorageError), now);
        _eventsPending.Post(_system.Core.Journal.Pending, now);
        _beamValid.Post(_system.Core.BeamStateValid ? 1 : 0, now);
        _beamValid.SetExternalAlarm(_system.Core.BeamStateValid ? AlarmStatus.NoAlarm : AlarmStatus.State,
            _system.Core.BeamStateValid ? AlarmSeverity.NoAlarm : AlarmSeverity.Major, now);
        _beamReason.Post(ChannelValue.OfString(_system.Core.BeamStateReason), now);
        _ramps.Post(_system.Core.Ramps.Count(r => !r.Finished), now);
        _energy.Post(_system.Core.EnergyEv / 1e6, now);
    }
}
