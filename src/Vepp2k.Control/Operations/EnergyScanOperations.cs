using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Control.Energy;
using Vepp2k.Control.History;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Operations;

public sealed partial class ControlCore
{
    private readonly List<EnergyScan> _scans = [];
    private long _nextScanId = 1;
    private static readonly WriteContext ScanActor = new("energy scan", Role.Operator, "scan");

    /// <summary>The scans, newest last: this run's and those kept from earlier runs (<see cref="KeepScansIn"/>).</summary>
    public IReadOnlyList<EnergyScan> Scans { get { lock (_gate) return [.. _scans]; } }

    /// <summary>
    /// Starts a scan over <paramref name="energiesEv"/> with a dwell at each; refused (nothing moves)
    /// when a point is outside the range, the list is empty, or a scan or ramp is already running.
    /// With <paramref name="standardise"/> the iron magnets are standardised before the first point and
    /// where the scan turns back; that loses any beam, so it needs the request confirmed.
    /// </summary>
    public (EnergyScan? Scan, WriteResult Result) StartScan(WriteContext who, IReadOnlyList<double> energiesEv, TimeSpan dwell,
        double rateEvPerSecond = DefaultEnergyRateEvPerSecond, bool standardise = false)
    {
        const string subject = "VEPP/Energy/Scan";
        if (Authorize(who, subject, "change the machine") is { } denied) return (null, denied);
        lock (_gate)
        {
            static bool Outside(double e) => !(e >= BeamEnergyRange.MinEv && e <= BeamEnergyRange.MaxEv);
            string? problem = energiesEv.Count == 0 ? "give at least one energy"
                : energiesEv.Any(Outside) ? F($"{energiesEv.First(Outside) / 1e6:G6} MeV is outside the machine's range 160 .. 1000 MeV")
                : dwell < TimeSpan.Zero ? "the dwell cannot be negative"
                : standardise && !who.Confirmed ? "a scan with standardisation takes every iron magnet through its whole range and loses any beam: confirm it"
                : _scans.FirstOrDefault(s => !s.Finished) is { } running ? $"scan #{running.Id} is {running.State}; abort it first"
                : RampInFlight("first");
            if (problem is not null) return (null, Refused(who, subject, "start scan", problem));
            var scan = new EnergyScan(_nextScanId++, who.User, energiesEv, dwell, rateEvPerSecond, standardise);
            _scans.Add(scan);
            Journal.Log(EventKind.Operator, who.User, subject, $"scan #{scan.Id} started via {who.Origin}", null,
                string.Join(" ", energiesEv.Select(e => F($"{e / 1e6:F3}"))) + F($" MeV, dwell {dwell.TotalSeconds:F0} s") + (standardise ? ", standardised" : ""), "applied");
            StepScan(scan, Time.GetUtcNow());
            StoreScans();
            return (scan, WriteResult.Ok(scan.Where()));
        }
    }

    /// <summary>Pause (the ramp in flight is paused too, at one energy), resume (from the present point) or abort a scan.</summary>
    public WriteResult ControlScan(WriteContext who, long id, string action)
    {
        string subject = $"scan #{id}";
        if (Authorize(who, subject, "control scans") is { } denied) return denied;
        lock (_gate)
        {
            var scan = _scans.FirstOrDefault(s => s.Id == id);
            if (scan is null) return Refused(who, subject, action, $"no scan #{id}");
            var ramp = scan.RampId is { } r ? _ramps.FirstOrDefault(x => x.Id == r && !x.Finished) : null;
            bool done;
            switch (action)
            {
                case "pause" when scan.State == ScanState.Running:
                    ramp?.Pause();
                    (scan.State, scan.Reason, done) = (ScanState.Paused, $"paused by {who.User}", true);
                    break;
                case "resume" when scan.State == ScanState.Paused:
                    ramp?.Resume();
                    (scan.State, scan.Reason, done) = (ScanState.Running, "", true);
                    break;
                case "abort" when !scan.Finished:
                    ramp?.Abort($"scan #{id} aborted by {who.User}");
                    if (ramp is not null) LogStops(ramp, who.User);
                    (scan.State, scan.Reason, done) = (ScanState.Aborted, $"aborted by {who.User}", true);
                    break;
                case "pause" or "resume" or "abort":
                    done = false;
                    break;
                default:
                    throw new ArgumentException($"unknown scan action '{action}' (pause, resume, abort)");
            }
            var result = done ? WriteResult.Ok(scan.Where()) : WriteResult.Refused($"scan #{id} is {scan.State}; cannot {action}");
            Journal.Log(EventKind.Operator, who.User, subject, $"scan {action} via {who.Origin}", result: result.ToString());
            if (done && scan.State == ScanState.Running) StepScan(scan, Time.GetUtcNow());
            StoreScans();
            return result;
        }
    }

    // One device-loop step of a running scan: start the ramp to the present point, wait for its
    // arrival, dwell, go on to the next point. Called under _gate.
    private void StepScan(EnergyScan scan, DateTimeOffset now)
    {
        if (scan.State != ScanState.Running) return;
        if (scan.DwellUntil is { } until)
        {
            if (now < until) return;
            Journal.Log(EventKind.Operator, ScanActor.User, $"scan #{scan.Id}", F($"point {scan.Index + 1} done at {EnergyEv / 1e6:F4} MeV"), result: "applied");
            scan.DwellUntil = null;
            if (++scan.Index == scan.EnergiesEv.Count)
            {
                scan.State = ScanState.Completed;
                Journal.Log(EventKind.Operator, ScanActor.User, $"scan #{scan.Id}", "scan completed", result: scan.Where());
                return;
            }
        }
        if (scan.RampId is { } id)
        {
            var ramp = _ramps.FirstOrDefault(r => r.Id == id);
            if (ramp is null)
            {
                PauseScan(scan, $"ramp #{id} to point {scan.Index + 1} is gone");
                return;
            }
            if (!ramp.Done.IsCompleted) return;
            scan.RampId = null;
            var arrival = ramp.Done.Result;
            if (scan.Standardising)
            {
                scan.Standardising = false;
                if (!arrival.Applied)
                {
                    PauseScan(scan, $"standardisation before point {scan.Index + 1} failed: {arrival.Message}");
                    return;
                }
                scan.StandardisedFor = scan.Index;
                Journal.Log(EventKind.Operator, ScanActor.User, $"scan #{scan.Id}", $"standardised before point {scan.Index + 1}", result: "applied");
                return;   // the next step ramps to the point
            }
            if (!arrival.Applied)
            {
                PauseScan(scan, $"point {scan.Index + 1} not reached: {arrival.Message}");
                return;
            }
            scan.DwellUntil = now + scan.Dwell;
            Journal.Log(EventKind.Operator, ScanActor.User, $"scan #{scan.Id}", F($"point {scan.Index + 1} reached: {EnergyEv / 1e6:F4} MeV, dwell {scan.Dwell.TotalSeconds:F0} s"), result: "applied");
            return;
        }
        if (scan.StandardisationDue(EnergyEv))
        {
            // The scan's start (with its confirmation) is the standardisation's authority.
            var cycle = Standardise(ScanActor with { User = scan.User, Confirmed = true });
            if (cycle.Applied) (scan.RampId, scan.Standardising) = (cycle.RampId, true);
            else PauseScan(scan, $"standardisation before point {scan.Index + 1} refused: {cycle.Message}");
            return;
        }
        double target = scan.EnergiesEv[scan.Index];
        if (Math.Abs(target - EnergyEv) < 1e-9 * target)
        {
            scan.DwellUntil = now + scan.Dwell;
            return;
        }
        int step = Math.Sign(target - EnergyEv);
        var result = SetEnergy(ScanActor with { User = scan.User }, target, scan.RateEvPerSecond);
        if (result.Applied) (scan.RampId, scan.LastStep) = (result.RampId, step);
        else PauseScan(scan, $"point {scan.Index + 1} refused: {result.Message}");
    }

    private void PauseScan(EnergyScan scan, string reason)
    {
        scan.State = ScanState.Paused;
        scan.Reason = reason;
        Journal.Log(EventKind.Operator, ScanActor.User, $"scan #{scan.Id}", "scan paused", result: scan.Where());
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
