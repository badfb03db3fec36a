using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Physics.Tests.BeamBeam;

/// <summary>
/// A strong bunch turned about s (VEPP-2000's flat mode meets its bunches in a frame turned by 45 degrees):
/// its kick against the field the particle-in-cell solver computes from the same bunch sampled in the lab
/// (an independent method), and against the upright bunch with the planes exchanged at 90 degrees (exact).
/// </summary>
public class TiltedBunchTests
{
    private const double SigmaU = 2e-4, SigmaV = 3e-5, Population = 1e10, Gamma = 1957;

    private static GaussianBunch Flat(double tilt) =>
        new(Population, new PlaneMoments(SigmaU * SigmaU, 0, 1e-6), new PlaneMoments(SigmaV * SigmaV, 0, 1e-6), 1e-6, Tilt: tilt);

    private static double[] Kicked(GaussianBunch bunch, double x, double y)
    {
        double[] z = [x, 0, y, 0, 0, 0];
        new SynchroBeamKick(bunch, 1, Gamma).Apply(z);
        return z;
    }

    [Fact]
    public void Kick_of_a_bunch_turned_by_45_degrees_matches_the_grid_field_of_the_same_bunch()
    {
        double tilt = Math.PI / 4, c = Math.Cos(tilt), s = Math.Sin(tilt);
        const int particles = 400_000;
        var random = new Random(7);
        var x = new double[particles];
        var y = new double[particles];
        for (int k = 0; k < particles; k++)
        {
            double u = SigmaU * Normal(random), v = SigmaV * Normal(random);
            x[k] = u * c - v * s;
            y[k] = u * s + v * c;
        }
        var grid = new ParticleInCellField(512, SigmaV / 4);
        grid.Solve(x, y);
        // dp = K F with K = -2 N r_e / gamma for opposite charges and one slice.
        double strength = -2 * Population * Constants.ClassicalElectronRadius / Gamma;
        foreach (var (u, v) in new[] { (1.0, 1.0), (-0.5, 2.0), (1.5, -1.0), (0.3, 3.0) })
        {
            double px = u * SigmaU * c - v * SigmaV * s, py = u * SigmaU * s + v * SigmaV * c;
            var kicked = Kicked(Flat(tilt), px, py);
            var (fx, fy) = grid.At(px, py);
            double scale = Math.Sqrt(fx * fx + fy * fy) * Math.Abs(strength);
            Assert.InRange(Math.Abs(kicked[1] - strength * fx), 0, 0.02 * scale);
            Assert.InRange(Math.Abs(kicked[3] - strength * fy), 0, 0.02 * scale);
        }
    }

    [Fact]
    public void Bunch_turned_by_90_degrees_is_the_upright_bunch_with_its_planes_exchanged()
    {
        var exchanged = new GaussianBunch(Population, new PlaneMoments(SigmaV * SigmaV, 0, 1e-6), new PlaneMoments(SigmaU * SigmaU, 0, 1e-6), 1e-6);
        foreach (var (x, y) in new[] { (1e-5, 2e-4), (-4e-5, -1e-4), (3e-5, 5e-5) })
        {
            var turned = Kicked(Flat(Math.PI / 2), x, y);
            var upright = Kicked(exchanged, x, y);
            for (int i = 0; i < 6; i++) Assert.Equal(upright[i], turned[i], 1e-12 * (Math.Abs(upright[i]) + 1e-9));
        }
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
