using Vepp2k.Control.Energy;
using Vepp2k.Control.History;

namespace Vepp2k.Control.Operations;

public sealed partial class ControlCore
{
    private EnergyScanFile? _scanFile;
    private (long Id, ScanState State, int Index, int StandardisedFor, int LastStep, string Reason)[]? _scansStored;
    private string? _scanStoreFailure;

    /// <summary>
    /// Keeps the scans in <paramref name="file"/> from now on, and brings back those of the last run: a scan
    /// that was running (or paused) comes back paused with "server restarted", at the point it was at,
    /// for an operator to resume; the ramp it had in flight died with the server. Called once, at start.
    /// </summary>
    public void KeepScansIn(EnergyScanFile file)
    {
        lock (_gate)
        {
            _scanFile = file;
            IReadOnlyList<ScanRecord> stored;
            try { stored = file.Load(); }
            catch (StorageException e)
            {
                Journal.Log(EventKind.System, "system", "VEPP/Energy/Scan", "the scans of the last run could not be read", result: e.Message);
                stored = [];
            }
            foreach (var record in stored)
            {
                var scan = record.ToScan();
                if (!scan.Finished)
                {
                    (scan.State, scan.Reason) = (ScanState.Paused, "server restarted");
                    Journal.Log(EventKind.State, "system", $"scan #{scan.Id}", "scan paused", result: scan.Where());
                }
                _scans.Add(scan);
                _nextScanId = Math.Max(_nextScanId, scan.Id + 1);
            }
            StoreScans();
        }
    }

    // Writes the scans when anything about them changed since the last write; a write that fails is
    // reported (once per distinct failure) and tried again at the next tick, never dropped silently.
    // Called under _gate.
    private void StoreScans()
    {
        if (_scanFile is null) return;
        // What a scan keeps that can change (its definition cannot): compared every tick without serialising.
        var now = _scans.Select(x => (x.Id, x.State, x.Index, x.StandardisedFor, x.LastStep, x.Reason)).ToArray();
        if (_scansStored is not null && now.SequenceEqual(_scansStored)) return;
        try
        {
            _scanFile.Save(EnergyScanFile.Serialize(_scans.Select(ScanRecord.Of)));
            _scansStored = now;
            if (_scanStoreFailure is not null)
                Journal.Log(EventKind.System, "system", "VEPP/Energy/Scan", "scan progress stored again", result: _scanFile.FilePath);
            _scanStoreFailure = null;
        }
        catch (StorageException e)
        {
            if (_scanStoreFailure != e.Message)
                Journal.Log(EventKind.System, "system", "VEPP/Energy/Scan", "scan progress not stored; retrying every tick", result: e.Message);
            _scanStoreFailure = e.Message;
        }
    }
}
