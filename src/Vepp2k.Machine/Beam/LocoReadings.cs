namespace Vepp2k.Machine.Beam;

/// <summary>
/// The model of what the instruments read, and its weighted residual against a measurement with the
/// Jacobian. A monitor reads (1 + g) of the orbit in its frame: x + roll z and z - roll x (rolls are of
/// milliradians, so first order); a corrector kicks (1 + c) times its setting. Rows: the response (x rows
/// then z rows, corrector by corrector), then the dispersion when fitted; each divided by its noise; then one
/// row value / rms for each parameter with a prior.
/// </summary>
internal sealed class LocoReadings
{
    public LocoReadings(IReadOnlyList<LocoParameter> parameters, LocoMeasurement measurement, bool dispersion,
        IReadOnlyDictionary<LocoParameterKind, double>? prior)
    {
        Parameters = parameters;
        Measurement = measurement;
        WithDispersion = dispersion;
        int n = measurement.Monitors.Count;
        gainX = Lookup(LocoParameterKind.MonitorGainX, measurement.Monitors);
        gainZ = Lookup(LocoParameterKind.MonitorGainZ, measurement.Monitors);
        roll = Lookup(LocoParameterKind.BpmRoll, measurement.Monitors);
        corrector = Lookup(LocoParameterKind.CorrectorGain, measurement.Correctors);
        Lattice = [.. Enumerable.Range(0, parameters.Count).Where(p => parameters[p].IsLattice)];
        priorRms = [.. parameters.Select(p => prior is not null && prior.TryGetValue(p.Kind, out var rms) ? rms : 0)];
        Rows = 2 * n * measurement.Correctors.Count + (dispersion ? 2 * n : 0) + priorRms.Count(r => r > 0);
    }

    private readonly int[] gainX, gainZ, roll, corrector;
    private readonly double[] priorRms;

    public IReadOnlyList<LocoParameter> Parameters { get; }
    public LocoMeasurement Measurement { get; }
    public bool WithDispersion { get; }

    /// <summary>Indices of the lattice parameters in <see cref="Parameters"/>.</summary>
    public int[] Lattice { get; }

    public int Rows { get; }

    // Index of the parameter of each kind for each name, -1 where it is not fitted.
    private int[] Lookup(LocoParameterKind kind, IReadOnlyList<string> names) =>
        [.. names.Select(name => Parameters.ToList().FindIndex(p => p.Kind == kind && p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))];

    private static double Value(double[] values, int index) => index < 0 ? 0 : values[index];

    /// <summary>Weighted residual (model - measured) / sigma, and its Jacobian when <paramref name="jacobian"/> is set.</summary>
    public (double[] Residual, double[,]? Jacobian) Evaluate(LocoLinearModel model, double[] values, bool jacobian)
    {
        var m = Measurement;
        int n = m.Monitors.Count, nc = m.Correctors.Count;
        var r = new double[Rows];
        var j = jacobian ? new double[Rows, values.Length] : null;
        int row = 0;
        for (int c = 0; c < nc; c++)
        {
            double kick = 1 + Value(values, corrector[c]);
            for (int i = 0; i < n; i++, row += 2)
            {
                // Rows are interleaved (x, z of monitor i): their order means nothing to a least-squares fit.
                Monitor(i, model.Response[i, c], model.Response[n + i, c], values, kick, m.Response[i, c], m.Response[n + i, c],
                    m.ResponseSigma[i], m.ResponseSigma[n + i], row, r, j,
                    p => (model.ResponseDerivatives[p][i, c], model.ResponseDerivatives[p][n + i, c]), corrector[c]);
            }
        }
        if (WithDispersion)
            for (int i = 0; i < n; i++, row += 2)
                Monitor(i, model.Dispersion[i], model.Dispersion[n + i], values, 1, m.Dispersion[i], m.Dispersion[n + i],
                    m.DispersionSigma[i], m.DispersionSigma[n + i], row, r, j,
                    p => (model.DispersionDerivatives[p][i], model.DispersionDerivatives[p][n + i]), -1);
        for (int p = 0; p < values.Length; p++)
        {
            if (priorRms[p] <= 0) continue;
            r[row] = values[p] / priorRms[p];
            if (j is not null) j[row, p] = 1 / priorRms[p];
            row++;
        }
        return (r, j);
    }

    // One monitor's x and z readings of a model orbit (x, z) scaled by a corrector's kick factor.
    private void Monitor(int i, double x, double z, double[] values, double kick, double measuredX, double measuredZ,
        double sigmaX, double sigmaZ, int row, double[] r, double[,]? j, Func<int, (double X, double Z)> derivative, int kickIndex)
    {
        double gx = 1 + Value(values, gainX[i]), gz = 1 + Value(values, gainZ[i]), psi = Value(values, roll[i]);
        double readX = kick * gx * (x + psi * z), readZ = kick * gz * (z - psi * x);
        r[row] = (readX - measuredX) / sigmaX;
        r[row + 1] = (readZ - measuredZ) / sigmaZ;
        if (j is null) return;
        for (int k = 0; k < Lattice.Length; k++)
        {
            int p = Lattice[k];
            var (dx, dz) = derivative(k);
            j[row, p] = kick * gx * (dx + psi * dz) / sigmaX;
            j[row + 1, p] = kick * gz * (dz - psi * dx) / sigmaZ;
        }
        if (gainX[i] >= 0) j[row, gainX[i]] = kick * (x + psi * z) / sigmaX;
        if (gainZ[i] >= 0) j[row + 1, gainZ[i]] = kick * (z - psi * x) / sigmaZ;
        if (roll[i] >= 0)
        {
            j[row, roll[i]] = kick * gx * z / sigmaX;
            j[row + 1, roll[i]] = -kick * gz * x / sigmaZ;
        }
        if (kickIndex >= 0)
        {
            j[row, kickIndex] = readX / kick / sigmaX;
            j[row + 1, kickIndex] = readZ / kick / sigmaZ;
        }
    }
}
