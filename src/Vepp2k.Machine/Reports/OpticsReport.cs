using Vepp2k.Physics;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Reports;

/// <summary>The optics summary as printed by --json: SI units, names as in the contract.</summary>
public sealed record OpticsReport(
    string Lattice, string? Mode, double Energy, double Circumference,
    double[] Tunes, double[]? Chromaticity, double MomentumCompaction,
    double? EnergyLossPerTurnEv, double[]? DampingDecrements, double[]? DampingPartition, double[]? Emittances,
    double? EnergySpread, double? BunchLength, double? SynchrotronTune,
    Dictionary<string, double> RadiationIntegrals, string? EnvelopeProblem,
    IReadOnlyList<Table1Entry>? Table1, IReadOnlyList<string>? Table1Notes, RoundBeamJson? RoundBeam,
    MonitorFit? MonitorOptics, IReadOnlyList<string> Warnings)
{
    public static OpticsReport From(RingOptics o, OpticsSource source)
    {
        var env = o.Envelope;
        var integrals = new Dictionary<string, double>
        {
            ["I1"] = o.Integrals.I1, ["I2"] = o.Integrals.I2, ["I3"] = o.Integrals.I3, ["I4"] = o.Integrals.I4, ["I5"] = o.Integrals.I5,
        };
        IReadOnlyList<Table1Entry>? table = null;
        RoundBeamJson? round = null;
        if (source.Mode is not null)
        {
            // The Larmor-frame structure of a coupled setting need not be stable by itself.
            IReadOnlyList<double>? structure = null;
            try { structure = LinearOptics.Compute(LarmorFrame.Of(o.Lattice)).Tunes; }
            catch (OpticsException) { }
            table = Machine.Table1.Rows(o, structure?[0], structure?[1])
                .Select(r => new Table1Entry(r.Name, r.Ours, r.Published, r.Unit)).ToList();
            var report = RoundBeamReport.Compute(o.Linear, env, ["SND", "CMD"]);
            round = new RoundBeamJson(report.Points, report.EmittanceRatio, report.FractionalTuneDifference);
        }
        return new OpticsReport(o.Lattice.Name, source.Mode, o.Lattice.EnergyEv, o.Lattice.Circumference,
            [.. o.Linear.Tunes], o.Chromaticity?.ToArray(), o.Linear.MomentumCompaction,
            env?.EnergyLossEv, env?.Decrements, env?.Partition, env?.Emittances,
            env?.EnergySpread, env?.BunchLength, env?.SynchrotronTune,
            integrals, o.EnvelopeProblem, table, source.Mode is null ? null : Machine.Table1.Notes(), round,
            source.Mode is { } mode && Modes.Find(mode).FacilityFit ? MonitorFit.Of(o.Linear) : null, source.Warnings);
    }
}

/// <summary>The operating mode against the facility's model optics at its 23 monitor points.</summary>
public sealed record MonitorFit(double RmsRelativeDeviation, IReadOnlyList<Ring.MonitorComparison> Points)
{
    public static MonitorFit Of(LinearOptics optics)
    {
        var (points, rms) = Ring.MonitorOptics.Compare(optics);
        return new MonitorFit(rms, points);
    }
}

public sealed record Table1Entry(string Name, double? Ours, double? Published, string Unit);

public sealed record RoundBeamJson(IReadOnlyList<RoundBeamPoint> Points, double EmittanceRatio, double FractionalTuneDifference);
