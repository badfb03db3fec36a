using Vepp2k.Physics.BeamBeam;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Tests.BeamBeam;

public class SynchroBeamKickTests
{
    private const double Beta = 0.1, SigmaZ = 0.033, SigmaDelta = 7e-4;

    private static GaussianBunch Bunch(double emittanceX, double emittanceY) => new(
        BeamBeamRings.PopulationForXi(0.1, Math.Sqrt(emittanceX * Beta), Beta),
        PlaneMoments.FromTwiss(emittanceX, Beta), PlaneMoments.FromTwiss(emittanceY, Beta), SigmaZ);

    // M^T J M = J for the Jacobian by central differences, in coordinates scaled so that every entry is
    // O(1) (x/sqrt(beta), px sqrt(beta), delta sqrt(b), ct/sqrt(b) with b = sigma_z/sigma_delta: a scaling that
    // keeps J), at xi = 0.1 with 7 slices and the hourglass of sigma_z/beta* = 0.33.
    [Theory]
    [InlineData(1e-8, 1e-8)]
    [InlineData(1e-8, 2.5e-9)]
    [InlineData(1e-9, 1e-8)]
    public void TheSixDimensionalKickIsSymplectic(double emittanceX, double emittanceY)
    {
        var kick = new SynchroBeamKick(Bunch(emittanceX, emittanceY), 7, BeamBeamRings.Gamma);
        double sx = Math.Sqrt(emittanceX * Beta), sy = Math.Sqrt(emittanceY * Beta), b = SigmaZ / SigmaDelta;
        double[] z = [0.8 * sx, -0.5 * sx / Beta, -1.3 * sy, 0.7 * sy / Beta, 1.2 * SigmaDelta, -0.9 * SigmaZ];
        double[] scale = [sx, sx / Beta, sy, sy / Beta, SigmaDelta, SigmaZ];
        double[] d = [1 / Math.Sqrt(Beta), Math.Sqrt(Beta), 1 / Math.Sqrt(Beta), Math.Sqrt(Beta), Math.Sqrt(b), 1 / Math.Sqrt(b)];
        var m = Jacobian(v => kick.Apply(v), z, scale, d);
        double departure = 0;
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) departure = Math.Max(departure, Math.Abs(m[i, j] - (i == j ? 1 : 0)));
        Assert.True(departure > 0.2, $"the kick should be strong enough to test (largest |M - I| {departure:F3})");
        Assert.True(m.SymplecticError() < 1e-9, $"symplectic error {m.SymplecticError():E2}");
    }

    // The Jacobian of a map at z by the five-point central difference (error ~h^4) with steps 1e-3 of each
    // coordinate's scale, in the coordinates scaled by d.
    private static Matrix6 Jacobian(Action<double[]> map, double[] z, double[] scale, double[] d)
    {
        var m = new Matrix6();
        for (int j = 0; j < 6; j++)
        {
            double h = 1e-3 * scale[j];
            var f = new double[4][];
            int k = 0;
            foreach (double step in new[] { 2 * h, h, -h, -2 * h })
            {
                f[k] = (double[])z.Clone();
                f[k][j] += step;
                map(f[k++]);
            }
            for (int i = 0; i < 6; i++) m[i, j] = d[i] * (-f[0][i] + 8 * f[1][i] - 8 * f[2][i] + f[3][i]) / (12 * h) / d[j];
        }
        return m;
    }

    // The energy change must be what makes the map symplectic: with the G terms left out (a map whose
    // energy kick ignores the hourglass), the same test fails by far more than its tolerance. This
    // guards the test itself: it can tell a right energy kick from a wrong one.
    [Fact]
    public void WithoutTheHourglassEnergyKickTheMapIsNotSymplectic()
    {
        var bunch = Bunch(1e-8, 1e-8);
        var kick = new SynchroBeamKick(bunch, 7, BeamBeamRings.Gamma);
        // The same map by hand, without Fz: delta changes only by the drift terms.
        void Wrong(double[] z)
        {
            var copy = (double[])z.Clone();
            kick.Apply(copy);
            double fx = copy[1] - z[1], fy = copy[3] - z[3];
            z[0] = copy[0]; z[1] = copy[1]; z[2] = copy[2]; z[3] = copy[3];
            z[4] += 0.5 * (fx * (z[1] - 0.5 * fx) + fy * (z[3] - 0.5 * fy));
        }
        double s = Math.Sqrt(1e-9);
        double[] z0 = [0.8 * s, -0.5 * s / Beta, -1.3 * s, 0.7 * s / Beta, 1.2 * SigmaDelta, -0.9 * SigmaZ];
        double[] d = [1 / Math.Sqrt(Beta), Math.Sqrt(Beta), 1 / Math.Sqrt(Beta), Math.Sqrt(Beta), Math.Sqrt(SigmaZ / SigmaDelta), 1 / Math.Sqrt(SigmaZ / SigmaDelta)];
        double[] scale = [s, s / Beta, s, s / Beta, SigmaDelta, SigmaZ];
        var m = Jacobian(Wrong, z0, scale, d);
        Assert.True(m.SymplecticError() > 1e-4, $"symplectic error {m.SymplecticError():E2}");
    }

    // The element's optics Jacobian (central differences chained onto the dual numbers) is the thin
    // beam-beam lens at the centre: dpx/dx = -1/f = -4 pi xi / beta* for a short round bunch.
    [Fact]
    public void TheElementsLinearMapIsTheBeamBeamLens()
    {
        const double xi = 0.05, sigma = 1e-4;
        var bunch = new GaussianBunch(BeamBeamRings.PopulationForXi(xi, sigma, Beta),
            new PlaneMoments(sigma * sigma, 0, 0), new PlaneMoments(sigma * sigma, 0, 0), 0);
        var element = new BeamBeamKick("IP", new SynchroBeamKick(bunch, 1, BeamBeamRings.Gamma));
        var p = PhaseVector.Seed(new double[6]);
        element.Track(ref p, new TrackContext(BeamBeamRings.EnergyEv, false));
        var m = new Matrix6();
        PhaseVector.Extract(p, new double[6], m);
        Assert.Equal(-4 * Math.PI * xi / Beta, m[1, 0], 1e-6 * 4 * Math.PI * xi / Beta);
        Assert.Equal(-4 * Math.PI * xi / Beta, m[3, 2], 1e-6 * 4 * Math.PI * xi / Beta);
        Assert.Equal(1, m[0, 0], 1e-9);
    }

    // Equal-charge slices of a Gaussian: a single slice sits at the centre; the centroids are symmetric,
    // head first, and their mean square tends to sigma_z^2 (the within-slice spread is what is lost).
    [Fact]
    public void SliceCentroidsAreThoseOfEqualChargeSlices()
    {
        Assert.Equal([0.0], Slicing.Centroids(0.03, 1));
        var two = Slicing.Centroids(1, 2);
        Assert.Equal(Math.Sqrt(2 / Math.PI), two[0], 14);   // mean of a half-Gaussian
        Assert.Equal(-two[0], two[1], 14);
        var many = Slicing.Centroids(1, 2000);
        Assert.True(many.Zip(many.Skip(1)).All(p => p.First > p.Second));
        Assert.Equal(1, many.Sum(z => z * z) / many.Length, 2e-3);
    }
}
