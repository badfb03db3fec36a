using Vepp2k.Machine.Magnets;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// A ring's orbit response (6-D, the RF on, as <see cref="OrbitResponse"/>) and dispersion at the monitors (true
/// positions: no instrument errors) and, on request, their derivatives with respect to lattice parameters, all
/// from the transfer maps: a parameter's sources (<see cref="LocoSources"/>) act on the kicked orbit and their
/// jumps close around the ring (<see cref="LocoOrbitSolver"/>). First order and exact for the linear optics
/// about the closed orbit.
/// </summary>
public sealed class LocoLinearModel
{
    private LocoLinearModel(double[,] response, double[] dispersion, double[][,] responseDerivatives, double[][] dispersionDerivatives)
    {
        Response = response;
        Dispersion = dispersion;
        ResponseDerivatives = responseDerivatives;
        DispersionDerivatives = dispersionDerivatives;
    }

    /// <summary>Orbit response [m/rad]: x at every monitor then z, per corrector (as <see cref="OrbitResponse"/>).</summary>
    public double[,] Response { get; }

    /// <summary>Dispersion [m]: x at every monitor then z.</summary>
    public double[] Dispersion { get; }

    /// <summary>d Response / d p for each lattice parameter asked for (empty without derivatives).</summary>
    public IReadOnlyList<double[,]> ResponseDerivatives { get; }

    /// <summary>d Dispersion / d p for each lattice parameter asked for.</summary>
    public IReadOnlyList<double[]> DispersionDerivatives { get; }

    /// <summary>
    /// The model of <paramref name="ring"/>, whose lattice parameters <paramref name="parameters"/> have the values
    /// <paramref name="values"/> (they enter the derivatives of relative errors); no derivatives when
    /// <paramref name="parameters"/> is empty.
    /// </summary>
    public static LocoLinearModel Compute(SteeredRing ring, IReadOnlyList<string> monitors, IReadOnlyList<string> correctors,
        IReadOnlyList<LocoParameter> parameters, IReadOnlyList<double> values, MagnetCatalogue catalogue)
    {
        var lattice = ring.Lattice;
        int n = monitors.Count;
        int[] at = [.. monitors.Select(m => BeamProbe.Index(lattice, m))];
        var kickers = correctors.Select(c => ring.Correctors.FirstOrDefault(s => s.Name.Equals(c, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"the ring has no dipole corrector {c}")).ToArray();
        var rf = new LocoOrbitSolver(lattice, rf: true);
        var fixedMomentum = new LocoOrbitSolver(lattice, rf: false);

        var kicked = new Perturbation[kickers.Length];
        var response = new double[2 * n, kickers.Length];
        Span<double> z = stackalloc double[6];
        for (int j = 0; j < kickers.Length; j++)
        {
            var kick = new double[6];
            kick[kickers[j].Plane == KickPlane.X ? 1 : 3] = 1;
            kicked[j] = rf.Inject(BeamProbe.Index(lattice, kickers[j].Element), kick);
            Fill(rf, kicked[j], at, z, (i, x, y) => { response[i, j] = x; response[n + i, j] = y; });
        }
        var eta = fixedMomentum.Dispersion();
        var dispersion = new double[2 * n];
        Fill(fixedMomentum, eta, at, z, (i, x, y) => { dispersion[i] = x; dispersion[n + i] = y; });

        var dResponse = new double[parameters.Count][,];
        var dDispersion = new double[parameters.Count][];
        for (int p = 0; p < parameters.Count; p++)
        {
            var dr = dResponse[p] = new double[2 * n, kickers.Length];
            var dd = dDispersion[p] = new double[2 * n];
            foreach (var source in LocoSources.For(parameters[p], values[p], lattice, catalogue))
            {
                for (int j = 0; j < kickers.Length; j++)
                {
                    var jump = Jump(rf, kicked[j], source);
                    Fill(rf, jump, at, z, (i, x, y) => { dr[i, j] += x; dr[n + i, j] += y; });
                }
                var etaJump = Jump(fixedMomentum, eta, source);
                Fill(fixedMomentum, etaJump, at, z, (i, x, y) => { dd[i] += x; dd[n + i] += y; });
            }
        }
        return new LocoLinearModel(response, dispersion, dResponse, dDispersion);
    }

    /// <summary>
    /// This model with the response and dispersion replaced (by the model's finite differences at the measurement's
    /// steps) and the same derivatives: the derivatives of the linear response stand for those of the differences,
    /// which differ from them by the square of the step.
    /// </summary>
    internal LocoLinearModel WithValues(double[,] response, double[] dispersion) =>
        new(response, dispersion, [.. ResponseDerivatives], [.. DispersionDerivatives]);

    // The orbit change a source makes out of the orbit `orbit`: D times the orbit at its input, closed around the ring.
    private static Perturbation Jump(LocoOrbitSolver solver, Perturbation orbit, LocoSource source)
    {
        Span<double> input = stackalloc double[6];
        solver.At(source.Input, orbit, input);
        return solver.Inject(source.After, LocoOrbitSolver.Times(source.D, input));
    }

    private static void Fill(LocoOrbitSolver solver, Perturbation p, int[] at, Span<double> z, Action<int, double, double> store)
    {
        for (int i = 0; i < at.Length; i++)
        {
            solver.At(at[i], p, z);
            store(i, z[0], z[2]);
        }
    }
}
