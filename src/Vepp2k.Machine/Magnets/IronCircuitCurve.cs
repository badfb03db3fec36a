namespace Vepp2k.Machine.Magnets;

/// <summary>
/// Saturating, hysteretic excitation of a warm iron magnet from a magnetic-circuit estimate
/// (modelled, see dipole.json / quadrupole.json). Ampere's law around the circuit gives the
/// current for a field F in closed form:
///   I_up(F) = F (g + t l nu(t F)) / (mu0 N),   nu(B) = 1/mu_i + c (B / B_knee)^n,
/// where g is the equivalent gap (dipole: the gap; quadrupole: r^2/2), t the pole-tip field per
/// unit F (dipole: 1; quadrupole: the bore radius r) and l the iron path. nu grows with B, so
/// I_up is strictly increasing. The descending branch needs less current for the same field:
///   I_down(F) = I_up(F) - I_r (1 - F / F_max),
/// still strictly increasing, equal to I_up at the top of the standardisation cycle (F_max) and
/// giving the remanent field F_r at zero current; I_r is fixed by that condition.
/// The field for a current is the inverse, found by <see cref="MonotoneInverse"/>.
/// </summary>
public sealed class IronCircuitCurve : IExcitationCurve
{
    /// <summary>Current steps of the bracketing table: the inversion starts within one step.</summary>
    private const int Nodes = 64;

    private readonly Branch up;
    private readonly Branch down;
    private readonly double[][] nodeFields = new double[2][];

    public IronCircuitCurve(IronCircuit circuit, double maxCurrent, double remanentField)
    {
        MaxCurrent = maxCurrent;
        up = new Branch(circuit, 0, 1);
        double fMax = MonotoneInverse.Solve(up, maxCurrent, 0, circuit.FieldBound(maxCurrent));
        double offset = up.Value(remanentField) / (1 - remanentField / fMax);
        down = new Branch(circuit, offset, fMax);
        RemanentField = remanentField;
        FieldAtMaxCurrent = fMax;
        foreach (var branch in (ReadOnlySpan<HysteresisBranch>)[HysteresisBranch.Up, HysteresisBranch.Down])
        {
            var table = nodeFields[(int)branch] = new double[Nodes + 1];
            for (int k = 0; k <= Nodes; k++)
                table[k] = MonotoneInverse.Solve(Of(branch), maxCurrent * k / Nodes, 0, fMax * 1.0001);
        }
    }

    public double MinCurrent => 0;
    public double MaxCurrent { get; }
    public bool HasHysteresis => true;

    /// <summary>Descending-branch field at zero current (the up branch gives zero there).</summary>
    public double RemanentField { get; }

    /// <summary>Field at the top of the cycle, where the branches meet.</summary>
    public double FieldAtMaxCurrent { get; }

    public double Current(double field, HysteresisBranch branch) => Of(branch).Value(field);

    /// <summary>Newton on the tabulated bracket around the current: two or three steps to round-off.</summary>
    public double Field(double current, HysteresisBranch branch)
    {
        var table = nodeFields[(int)branch];
        int k = Math.Clamp((int)(current / MaxCurrent * Nodes), 0, Nodes - 1);
        return MonotoneInverse.Solve(Of(branch), current, table[k], table[k + 1]);
    }

    private Branch Of(HysteresisBranch branch) => branch == HysteresisBranch.Up ? up : down;

    /// <summary>I(F) on one branch: the circuit current minus the descending-branch offset.</summary>
    private readonly struct Branch(IronCircuit c, double offsetCurrent, double fMax) : IMonotoneFunction
    {
        public double Value(double f) => c.Current(f) - offsetCurrent * (1 - f / fMax);
        public double Slope(double f) => c.CurrentSlope(f) + offsetCurrent / fMax;
    }
}

/// <summary>Parameters of the magnetic-circuit estimate (SI; F in the magnet's field unit).</summary>
/// <param name="EquivalentGap">g: the gap [m] for a dipole, r^2/2 [m^2] for a quadrupole.</param>
/// <param name="TipPerField">t: pole-tip field per unit F (1 for a dipole, r [m] for a quadrupole).</param>
/// <param name="Turns">N: total turns (dipole) or turns per pole (quadrupole).</param>
public sealed record IronCircuit(
    double EquivalentGap, double TipPerField, double Turns, double IronPath,
    double InitialPermeability, double KneeField, double KneeReluctivity, double Exponent)
{
    private const double Mu0 = 4e-7 * Math.PI;

    public double Current(double f)
    {
        double b = TipPerField * f;
        return f * (EquivalentGap + TipPerField * IronPath * Reluctivity(b)) / (Mu0 * Turns);
    }

    public double CurrentSlope(double f)
    {
        double b = TipPerField * f;
        double dNu = KneeReluctivity * Exponent * Math.Pow(b / KneeField, Exponent - 1) / KneeField;
        return (EquivalentGap + TipPerField * IronPath * (Reluctivity(b) + b * dNu)) / (Mu0 * Turns);
    }

    /// <summary>The unsaturated field for a current: an upper bound of the saturated one.</summary>
    public double FieldBound(double current) => current * Mu0 * Turns / EquivalentGap;

    /// <summary>nu = 1/mu_r of the steel: constant at low field, rising steeply past the knee.</summary>
    private double Reluctivity(double b) => 1 / InitialPermeability + KneeReluctivity * Math.Pow(b / KneeField, Exponent);
}
