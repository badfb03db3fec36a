using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Machine.Beam;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Beam;

/// <summary>
/// Orbit correction through the control core: the beam's present orbit at the 20 monitors, the
/// response (a completed measurement's, or the model's for the setpoints at the present energy), the
/// SVD solution (<see cref="OrbitCorrection"/>) turned into corrector currents, refused whole if one
/// would pass its supply's range, and applied as one synchronised ramp only when asked to.
/// </summary>
public sealed class OrbitCorrector(ControlCore core, string mode, Func<BeamReadings?> readings, BeamOperations measurements)
{
    /// <summary>What a correction would change now; nothing moves.</summary>
    public OrbitCorrectionPlan Plan(CorrectionOptions options, long? measurement = null)
    {
        var beam = readings();
        if (beam is null || !beam.HasBeam) return OrbitCorrectionPlan.Refused("no beam: there is no orbit to correct");
        var orbit = beam.Orbit();
        if (orbit.Any(v => !double.IsFinite(v))) return OrbitCorrectionPlan.Refused("a monitor has no reading");
        OrbitResponse response;
        string source;
        if (measurement is { } id)
        {
            var run = measurements.Find(id);
            if (run?.Result is null) return OrbitCorrectionPlan.Refused(run is null ? $"no measurement #{id}" : $"measurement #{id} is {run.State}, it has no response");
            (response, source) = (run.Result, $"measured (#{id})");
        }
        else
        {
            try { (response, source) = (ModelResponse(), "model"); }
            catch (Exception e) when (e is Physics.OpticsException or ArgumentException) { return OrbitCorrectionPlan.Refused("the model has no response: " + e.Message); }
        }
        DispersionError? dispersion = null;
        if (options.DispersionWeight > 0)
        {
            // Dispersion-free steering: the measured dispersion towards the model's about zero orbit (the correctors'
            // settings only hold the real orbit near it), with that model's dispersion response.
            var run = measurement is { } m ? measurements.Find(m) : null;
            if (run?.OrbitPerRf is null)
                return OrbitCorrectionPlan.Refused("dispersion-free steering needs a finished response measurement with the dispersion (orbit measure --dispersion), given as --measurement");
            try
            {
                var model = LocoOperations.ModelOf(core, mode).Build([], []);
                var target = DispersionResponse.Dispersion(model.Lattice, response.Monitors);
                var used = response.Correctors.Select(name => model.Correctors.First(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))).ToArray();
                dispersion = new DispersionError(DispersionResponse.Compute(model, response.Monitors, used),
                    [.. LocoOperations.MeasuredDispersion(run, model.Lattice).Zip(target, (a, b) => a - b)]);
            }
            catch (Exception e) when (e is Physics.OpticsException or ArgumentException) { return OrbitCorrectionPlan.Refused("the model has no dispersion: " + e.Message); }
        }
        OrbitCorrectionResult solution;
        try { solution = OrbitCorrection.Solve(response, orbit, options, dispersion); }
        catch (ArgumentException e) { return OrbitCorrectionPlan.Refused(e.Message); }
        var changes = new List<CorrectorChange>();
        var beyond = new List<string>();
        for (int j = 0; j < response.Correctors.Count; j++)
        {
            var e = core.Machine.Get(response.Correctors[j]);
            double perAmp = core.StrengthOf(e, 1) - core.StrengthOf(e, 0);
            double to = e.Request + solution.Kicks[j] / perAmp;
            changes.Add(new CorrectorChange(e.Name, e.Request, to, solution.Kicks[j]));
            if (Math.Abs(to) > e.Model.MaxCurrent) beyond.Add(F($"{e.Name} to {to:F3} A"));
        }
        string? refusal = beyond.Count == 0 ? null
            : $"beyond the correctors' {core.Machine.Get(response.Correctors[0]).Model.MaxCurrent:F0} A: {string.Join(", ", beyond)}; cut more singular values or add a Tikhonov weight";
        return new OrbitCorrectionPlan(source, changes, solution.MeasuredRms, solution.ExpectedRms, solution.SingularValuesUsed, solution.SingularValues.Length, refusal,
            solution.DispersionMeasuredRms, solution.DispersionExpectedRms);
    }

    /// <summary>Plans and applies the correction as one ramp of the correctors; the plan says what it changed, or why nothing moved.</summary>
    public (OrbitCorrectionPlan Plan, OperationResult Result) Apply(WriteContext who, CorrectionOptions options, long? measurement = null)
    {
        const string subject = "VEPP/Orbit/Correction";
        if (core.Authorize(who, subject, "change the machine") is { } denied)
            return (OrbitCorrectionPlan.Refused(denied.Message), OperationResult.Refused(denied.Message) with { Denied = true });
        var plan = Plan(options, measurement);
        if (plan.Refusal is not null)
        {
            core.Journal.Log(EventKind.Operator, who.User, subject, $"orbit correction refused via {who.Origin}", result: "refused: " + plan.Refusal);
            return (plan, OperationResult.Refused(plan.Refusal));
        }
        string description = F($"orbit correction ({plan.Response} response, {plan.SingularValuesUsed} of {plan.SingularValues} singular values): rms {plan.MeasuredRms * 1e3:F3} -> {plan.ExpectedRms * 1e3:F3} mm expected")
            + (options.DispersionWeight > 0 ? F($"; dispersion error {plan.DispersionRms * 1e3:F2} -> {plan.DispersionExpectedRms * 1e3:F2} mm (weight {options.DispersionWeight})") : "");
        return (plan, core.Set(who, [.. plan.Changes.Select(c => (c.Corrector, c.ToAmps))], Units.Hardware, description));
    }

    /// <summary>The model's response for the correctors' and magnets' setpoints at the present energy (errors unknown: none).</summary>
    public OrbitResponse ModelResponse()
    {
        var requests = core.Machine.Elements.ToDictionary(e => e.Name, e => e.Request, StringComparer.OrdinalIgnoreCase);
        return OrbitResponse.Compute(SteeredRing.FromCurrents(mode, core.EnergyEv, requests, core.Machine.Catalogue));
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
