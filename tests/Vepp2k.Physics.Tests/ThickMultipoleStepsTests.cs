using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Tests;

/// <summary>
/// The step count a thick sextupole or octupole chooses keeps the integration error below 1e-5 of its kick
/// at the reference amplitude, measured against the same element integrated in 512 steps (the fourth-order
/// integrator converges as 1/n^4, so 512 steps is exact to rounding).
/// </summary>
public class ThickMultipoleStepsTests
{
    public static TheoryData<string, double, double[]> Elements => new()
    {
        { "fodo90 SF", 0.1, [0, 0, 20] },
        { "fodo90 SD", 0.1, [0, 0, -30] },
        { "long strong sextupole", 0.5, [0, 0, 100] },
        { "short very strong sextupole", 0.2, [0, 0, 600] },
        { "octupole", 0.3, [0, 0, 0, 3000] },
    };

    [Theory]
    [MemberData(nameof(Elements))]
    public void Chosen_steps_keep_the_kick_error_below_1e_5_at_the_reference_amplitude(string name, double length, double[] normal)
    {
        double a = ThickMultipole.ReferenceAmplitude;
        int steps = ThickMultipole.StepsFor(length, normal, []);
        var chosen = new ThickMultipole(name, length, "multipole", normal, [], steps: steps);
        var converged = new ThickMultipole(name, length, "multipole", normal, [], steps: 512);
        foreach (var (x, y) in new[] { (a, 0.0), (0.0, a), (a * 0.7, a * 0.7), (-a * 0.6, a * 0.8) })
        {
            var start = new Phase<Real>(new(x), new(1e-3), new(y), new(-5e-4), new(1e-3), new(0));
            var p = start; chosen.Apply(ref p);
            var q = start; converged.Apply(ref q);
            double kick = Math.Max(Math.Abs(q.Px.Value - start.Px.Value), Math.Abs(q.Py.Value - start.Py.Value));
            double error = Math.Max(Math.Abs(p.Px.Value - q.Px.Value), Math.Abs(p.Py.Value - q.Py.Value));
            // Positions err by the momentum error times a fraction of the length.
            double offset = Math.Max(Math.Abs(p.X.Value - q.X.Value), Math.Abs(p.Y.Value - q.Y.Value));
            Assert.True(error <= 1e-5 * kick, $"{name}, {steps} steps at ({x}, {y}): kick error {error / kick:E2} of the kick");
            Assert.True(offset <= 1e-5 * kick * length, $"{name}, {steps} steps at ({x}, {y}): offset {offset:E2}");
        }
    }
}
