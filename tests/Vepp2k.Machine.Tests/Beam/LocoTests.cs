using Vepp2k.Machine.Beam;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Xunit.Abstractions;

namespace Vepp2k.Machine.Tests.Beam;

public class LocoTests(ITestOutputHelper output)
{
    private static readonly double EnergyEv = ModeDesigns.Setting(Modes.Default).EnergyEv;
    private static MagnetCatalogue Catalogue => SteeredRingTests.Catalogue;

    private static double[] DesignStrengths()
    {
        var currents = DesignCurrents.For(Catalogue, ModeDesigns.Setting(Modes.Default));
        var amperes = new double[Catalogue.Magnets.Count];
        foreach (var (name, value) in currents)
        {
            if (name == "PS") foreach (var d in Catalogue.OfKind(MagnetKind.Dipole)) amperes[Catalogue.IndexOf(d.Name)] = value;
            else amperes[Catalogue.IndexOf(name)] = value;
        }
        var strengths = new double[amperes.Length];
        Catalogue.ToStrengths(EnergyEv, amperes, strengths);
        return strengths;
    }

    private static LocoModel Model(double[]? strengths = null) => new(Modes.Default, EnergyEv, strengths ?? DesignStrengths(), Catalogue);

    [Fact]
    public void AnalyticDerivativesAreTheCentralFiniteDifferences()
    {
        // At a point away from the design (every lattice parameter of every kind set), so that rolled,
        // scaled and skewed elements are all differentiated where they are not trivial.
        var model = Model();
        var options = new LocoOptions(QuadrupoleRolls: true, SolenoidFields: true);
        var all = model.Parameters(options, OrbitResponse.AllMonitors, [.. SteeredRingTests.Design().Correctors.Select(c => c.Name)]);
        var parameters = all.Where(p => p.IsLattice).ToArray();
        var random = new Random(7);
        var values = parameters.Select(p => p.Kind switch
        {
            LocoParameterKind.SkewQuadrupole => 0.05 * (random.NextDouble() - 0.5),
            _ => 2e-3 * (random.NextDouble() - 0.5),
        }).ToArray();
        var monitors = OrbitResponse.AllMonitors;
        var correctors = model.Build(parameters, values).Correctors.Select(c => c.Name).ToArray();
        var at = model.Build(parameters, values);
        var analytic = LocoLinearModel.Compute(at, monitors, correctors, parameters, values, Catalogue);
        // One parameter of each kind at each place where the sources differ (halves around a kicker, whole quads, profiled solenoid).
        string[] checkedNames = ["1F1", "2D2", "3F3", "4D3", "1S1", "2S2", "3S3", "1SQ1", "2SQ2", "4SQ3"];
        double worst = 0;
        foreach (int p in Enumerable.Range(0, parameters.Length).Where(p => checkedNames.Contains(parameters[p].Name)))
        {
            double h = parameters[p].Kind == LocoParameterKind.SkewQuadrupole ? 1e-4 : 1e-6;
            LocoLinearModel Shifted(double by)
            {
                var v = (double[])values.Clone();
                v[p] += by;
                return LocoLinearModel.Compute(model.Build(parameters, v), monitors, correctors, [], [], Catalogue);
            }
            var plus = Shifted(h);
            var minus = Shifted(-h);
            double scale = 0, diff = 0;
            for (int i = 0; i < plus.Response.GetLength(0); i++)
                for (int j = 0; j < plus.Response.GetLength(1); j++)
                {
                    double fd = (plus.Response[i, j] - minus.Response[i, j]) / (2 * h);
                    scale = Math.Max(scale, Math.Abs(fd));
                    diff = Math.Max(diff, Math.Abs(fd - analytic.ResponseDerivatives[p][i, j]));
                }
            double dScale = 0, dDiff = 0;
            for (int i = 0; i < plus.Dispersion.Length; i++)
            {
                double fd = (plus.Dispersion[i] - minus.Dispersion[i]) / (2 * h);
                dScale = Math.Max(dScale, Math.Abs(fd));
                dDiff = Math.Max(dDiff, Math.Abs(fd - analytic.DispersionDerivatives[p][i]));
            }
            output.WriteLine($"{parameters[p],-32} response: largest {scale:E3}, difference {diff / scale:E2}; dispersion: largest {dScale:E3}, difference {dDiff / dScale:E2}");
            worst = Math.Max(worst, Math.Max(diff / scale, dDiff / dScale));
        }
        output.WriteLine($"worst relative difference {worst:E2}");
        Assert.True(worst < 1e-5, $"analytic derivatives differ from the finite differences by {worst:E2}");
    }
}
