using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Machine.Beam;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Control.Beam;

/// <summary>
/// LOCO through the control system: the measurement is a response run with every dipole corrector stepped by
/// the same kick and the RF frequency stepped for the dispersion (<see cref="BeamOperations"/>); the fit runs
/// off the device loop on the model of the present setpoints (<see cref="Loco.Fit"/>); its quadrupole and
/// skew-winding corrections are shown as currents and applied as one ramp only when asked to.
/// </summary>
public sealed class LocoOperations(ControlCore core, string mode, BeamOperations measurements)
{
    private readonly object _gate = new();
    private readonly List<LocoRun> _runs = [];
    private long _nextId = 1;

    public IReadOnlyList<LocoRun> Runs { get { lock (_gate) return [.. _runs]; } }
    public LocoRun? Find(long id) { lock (_gate) return _runs.FirstOrDefault(r => r.Id == id); }

    /// <summary>
    /// Default corrector kick of the measurement on the machine [rad]: 0.15 mrad moves the orbit by up to 3 mm
    /// (the vertical response near D3 reaches 18 m/rad), well inside the 15 mm the beam survives; the
    /// simulation-only default of <see cref="LocoMeasurement.DefaultKickStep"/> would lose the beam there.
    /// </summary>
    public const double DefaultKickStep = 0.15e-3;

    /// <summary>Starts the LOCO measurement: all 36 correctors by <paramref name="kickStep"/> [rad], then the RF frequency.</summary>
    public (OrbitResponseRun? Run, WriteResult Result) Measure(WriteContext who, double kickStep = DefaultKickStep,
        double rfStep = BeamOperations.DefaultRfStep) =>
        measurements.StartResponse(who, null, BeamOperations.DefaultStepAmps, rfStep, kickStep);

    /// <summary>Starts a fit of a completed LOCO measurement; the run reports when it is done.</summary>
    public (LocoRun? Run, WriteResult Result) StartFit(WriteContext who, long measurement, LocoOptions? options = null)
    {
        const string subject = "VEPP/Loco";
        if (core.Authorize(who, subject, "run LOCO") is { } denied) return (null, denied);
        var run = measurements.Find(measurement);
        string? problem = run is null ? $"no measurement #{measurement}"
            : run.Result is null ? $"measurement #{measurement} is {run.State}: it has no response"
            : run.KickStep is null || run.OrbitPerRf is null ? $"measurement #{measurement} is not a LOCO measurement (one kick for every corrector, and the dispersion): start one with loco measure"
            : run.Correctors.Count != measurements.SteeringCorrectors.Count ? $"measurement #{measurement} stepped {run.Correctors.Count} of the {measurements.SteeringCorrectors.Count} correctors"
            : null;
        if (problem is not null)
        {
            core.Journal.Log(EventKind.Operator, who.User, subject, $"LOCO fit refused via {who.Origin}", result: "refused: " + problem);
            return (null, WriteResult.Refused(problem));
        }
        var model = Model();
        LocoRun loco;
        lock (_gate)
        {
            loco = new LocoRun(_nextId++, who.User, measurement, core.Time.GetUtcNow());
            _runs.Add(loco);
        }
        core.Journal.Log(EventKind.Operator, who.User, subject, $"LOCO #{loco.Id} started via {who.Origin}", null, $"measurement #{measurement}", "applied");
        _ = Task.Run(() => Fit(loco, model, From(run!, model), options ?? LocoOptions.Default));
        return (loco, WriteResult.Ok(loco.Where()));
    }

    /// <summary>Applies a completed fit's corrections as one ramp; refused unless confirmed.</summary>
    public OperationResult Apply(WriteContext who, long id)
    {
        string subject = $"LOCO #{id}";
        if (core.Authorize(who, subject, "change the machine") is { } denied) return OperationResult.Refused(denied.Message) with { Denied = true };
        var run = Find(id);
        string? problem = run is null ? $"no LOCO #{id}"
            : run.State != LocoState.Completed ? $"LOCO #{id} is {run.State}"
            : !who.Confirmed ? "confirm=true applies the corrections; the fit shows what they change"
            : run.Changes.FirstOrDefault(c => Math.Abs(c.ToAmps) > core.Machine.Get(c.Corrector).Model.MaxCurrent) is { } beyond
                ? string.Create(CultureInfo.InvariantCulture, $"{beyond.Corrector} would go to {beyond.ToAmps:F3} A, beyond its supply")
            : null;
        if (problem is not null)
        {
            core.Journal.Log(EventKind.Operator, who.User, subject, $"LOCO corrections refused via {who.Origin}", result: "refused: " + problem);
            return OperationResult.Refused(problem);
        }
        return core.Set(who, [.. run!.Changes.Select(c => (c.Corrector, c.ToAmps))], Units.Hardware,
            string.Create(CultureInfo.InvariantCulture, $"LOCO #{id} corrections: beta-beat {run.Before!.BetaBeatRms:P2} -> {run.After!.BetaBeatRms:P2} expected"));
    }

    private LocoModel Model() => ModelOf(core, mode);

    /// <summary>The model LOCO fits (and dispersion-free steering aims at): the design ring with the magnets' setpoints at the present energy, errors unknown.</summary>
    public static LocoModel ModelOf(ControlCore core, string mode)
    {
        var requests = core.Machine.Elements.ToDictionary(e => e.Name, e => e.Request, StringComparer.OrdinalIgnoreCase);
        var catalogue = core.Machine.Catalogue;
        var amperes = new double[catalogue.Magnets.Count];
        foreach (var e in core.Machine.Elements)
            foreach (var m in e.Magnets) amperes[catalogue.IndexOf(m.Name)] = requests[e.Name];
        var strengths = new double[amperes.Length];
        catalogue.ToStrengths(core.EnergyEv, amperes, strengths);
        return new LocoModel(mode, core.EnergyEv, strengths, catalogue);
    }

    /// <summary>
    /// The dispersion [m] a response measurement took (x then z at its monitors): -eta times the orbit per relative RF
    /// step, eta = alpha_c - 1/gamma^2 of the model ring.
    /// </summary>
    internal static double[] MeasuredDispersion(OrbitResponseRun run, Physics.Lattice modelRing) => MeasuredDispersion(run, Eta(modelRing));

    private static double[] MeasuredDispersion(OrbitResponseRun run, double eta) => [.. run.OrbitPerRf!.Select(v => -eta * v)];

    private static double Eta(Physics.Lattice ring)
    {
        var orbit = BeamProbe.ClosedOrbit6D(ring);
        return LinearOptics.Compute(ring.WithoutCavities(), orbit[4]).MomentumCompaction - 1 / (ring.Gamma * ring.Gamma);
    }

    /// <summary>
    /// The measurement as LOCO takes it: the response, the dispersion -eta times the orbit per relative RF
    /// step (eta of the model), each row's noise from the quiet readings, the closing tunes and beam spots.
    /// </summary>
    internal static LocoMeasurement From(OrbitResponseRun run, LocoModel model)
    {
        var ring = model.Build([], []).Lattice;
        double eta = Eta(ring);
        double kick = run.KickStep!.Value, delta = run.RfStep / Math.Abs(eta);
        var noise = run.Noise!;
        return new LocoMeasurement(run.Result!.Monitors, run.Correctors, run.Result.Matrix,
            [.. noise.Select(s => s * Math.Sqrt(2) / (2 * kick))],
            MeasuredDispersion(run, eta),
            [.. noise.Select(s => s * Math.Sqrt(2) / (2 * delta))],
            [.. run.Final!.Tunes], run.Final.Ccds, kick, delta);
    }

    private void Fit(LocoRun run, LocoModel model, LocoMeasurement measurement, LocoOptions options)
    {
        try
        {
            var fit = Loco.Fit(model, measurement, options);
            var correction = LocoCorrections.Compute(fit);
            var design = model.Build([], []);
            var corrected = new LocoModel(model.Mode, model.EnergyEv, correction.Apply(model.Strengths, model.Catalogue), model.Catalogue);
            run.Before = LocoOpticsReport.Compare(fit.Ring(), design);
            run.After = LocoOpticsReport.Compare(corrected.Build(fit.Parameters, fit.Values), design);
            run.Changes = [.. correction.StrengthChanges.Select(c =>
            {
                var e = core.Machine.Get(c.Key);
                double now = ControlCore.StrengthOf(e, e.Request, model.EnergyEv);
                return new CorrectorChange(e.Name, e.Request, e.Model.CurrentFromStrength(now + c.Value, model.EnergyEv), c.Value);
            })];
            run.Fit = fit;
            run.Correction = correction;
            run.State = LocoState.Completed;
            core.Journal.Log(EventKind.Operator, run.User, $"LOCO #{run.Id}", "LOCO fit completed", result: run.Where());
        }
        catch (Exception e) when (e is Physics.OpticsException or ArgumentException or InvalidOperationException)
        {
            run.Reason = e.Message;
            run.State = LocoState.Failed;
            core.Journal.Log(EventKind.Operator, run.User, $"LOCO #{run.Id}", "LOCO fit failed", result: e.Message);
        }
    }
}
