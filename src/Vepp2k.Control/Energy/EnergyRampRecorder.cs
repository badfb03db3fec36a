using Vepp2k.Control.Online;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Energy;

/// <summary>
/// Keeps what the energy-ramp guard saw along each energy ramp, and makes the report: every recorded node
/// beside the optics the naive method would have given at the same energy, every current scaled in
/// proportion to the dipoles' (I_k(E) = I_k(E0) I_PS(E) / I_PS(E0), which is what "all currents times
/// E/E0" becomes once the dipoles are put at the energy through their own saturating curve). The
/// comparison is computed when a report is asked for, not in the device loop. The last
/// <see cref="KeptRamps"/> ramps are kept, in memory (a report is for the shift that ran the ramp).
/// </summary>
public sealed class EnergyRampRecorder(MagnetSystem machine, string mode)
{
    public const int KeptRamps = 16;

    private sealed record Recording(Ramp Ramp, IReadOnlyDictionary<string, double> StartCurrents, List<EnergyRampRow> Rows, List<string> Holds)
    {
        public bool Closed { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly List<Recording> _recordings = [];
    private long _newest;

    /// <summary>Adds a node of <paramref name="ramp"/> (the first one starts its recording).</summary>
    internal void Add(Ramp ramp, EnergyRampRow row)
    {
        lock (_gate) (Find(ramp.Id) ?? Begin(ramp)).Rows.Add(row);
    }

    /// <summary>
    /// True for a finished energy ramp that still needs its last node: one being recorded, or one newer than
    /// any recorded, which started and ended between two checks (ramp numbers only grow).
    /// </summary>
    internal bool Unclosed(Ramp ramp)
    {
        lock (_gate) return Find(ramp.Id) is { } r ? !r.Closed : ramp.Id > _newest;
    }

    /// <summary>The ramp's last node: the machine as the first check after its end found it.</summary>
    internal void Close(Ramp ramp, EnergyRampRow row)
    {
        lock (_gate)
        {
            var r = Find(ramp.Id) ?? Begin(ramp);
            r.Rows.Add(row);
            r.Closed = true;
        }
    }

    /// <summary>The guard held the ramp, for this reason.</summary>
    internal void Held(Ramp ramp, string reason)
    {
        lock (_gate) (Find(ramp.Id) ?? Begin(ramp)).Holds.Add(reason);
    }

    /// <summary>The report of an energy ramp the guard watched, or null when it recorded none of that number.</summary>
    public EnergyRampReport? Report(long rampId)
    {
        Recording? r;
        EnergyRampRow[] rows;
        string[] holds;
        lock (_gate)
        {
            r = Find(rampId);
            if (r is null) return null;
            (rows, holds) = ([.. r.Rows], [.. r.Holds]);
        }
        var energy = r.Ramp.Energy!.Value;
        var catalogue = machine.Catalogue;
        // A model of its own: the guard's is the device loop's, and OnlineModel is not thread-safe.
        var model = new OnlineModel(catalogue, mode);
        double startDipole = catalogue.DipoleCurrent(energy.FromEv);
        var scaled = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var report = new List<EnergyRampReportRow>(rows.Length);
        foreach (var row in rows)
        {
            double factor = catalogue.DipoleCurrent(row.ReadbackEnergyEv) / startDipole;
            foreach (var (name, amperes) in r.StartCurrents) scaled[name] = amperes * factor;
            report.Add(new EnergyRampReportRow(row, RampOptics.From(model.Evaluate(scaled, row.ReadbackEnergyEv))));
        }
        return new EnergyRampReport(rampId, r.Ramp.Description, r.Ramp.State.ToString(), r.Ramp.Where(), energy.FromEv, energy.ToEv, holds, report);
    }

    // Every element's current when the ramp started except the dipoles' (the model takes the energy
    // instead): the leg's start for those it moves, the request for those it leaves alone.
    private Recording Begin(Ramp ramp)
    {
        var start = machine.Elements.Where(e => e != machine.DipoleSupply)
            .ToDictionary(e => e.Name, e => e.Request, StringComparer.OrdinalIgnoreCase);
        foreach (var leg in ramp.Legs)
            if (leg.Element != machine.DipoleSupply) start[leg.Element.Name] = leg.Start;
        var recording = new Recording(ramp, start, [], []);
        _recordings.Add(recording);
        _newest = Math.Max(_newest, ramp.Id);
        if (_recordings.Count > KeptRamps) _recordings.RemoveAt(0);
        return recording;
    }

    private Recording? Find(long rampId) => _recordings.FirstOrDefault(x => x.Ramp.Id == rampId);
}
