namespace Vepp2k.Control.Devices;

/// <summary>
/// Current in the R-L load of a supply whose regulator chases a reference. The regulator is ideal while it
/// has headroom; it is limited by the dI/dt limit and by the voltage limit |R I + L dI/dt| &lt;= Vmax,
/// whichever is slower. The dI/dt limit needs no clamp here: the reference itself moves no faster than the
/// limit, and the current only lags it where the voltage allows less. At the voltage limit the exact exponential solution is used, so the result does
/// not depend on the step length beyond the instant at which the limit starts to bite.
/// </summary>
internal static class RlLoad
{
    /// <summary>Advances the current by <paramref name="dt"/> towards <paramref name="reference"/>.</summary>
    /// <returns>The new current [A] and the mean output voltage over the step [V].</returns>
    public static (double Current, double Voltage) Step(SupplyParameters p, double current, double reference, double dt)
    {
        double r = p.LoadResistance, l = p.LoadInductance, vmax = p.MaxVoltage;
        var decay = Math.Exp(-r * dt / l);
        var next = current;
        if (reference > current)
        {
            // Exact solution of L dI/dt = Vmax - R I.
            var voltageLimited = vmax / r + (current - vmax / r) * decay;
            next = Math.Min(voltageLimited, reference);
        }
        else if (reference < current)
        {
            // The rectifier inverts to -Vmax to ramp down: L dI/dt = -Vmax - R I.
            var voltageLimited = -vmax / r + (current + vmax / r) * decay;
            next = Math.Max(voltageLimited, reference);
        }
        // Trapezoidal mean current: on the exponential arc it errs towards the inside, so |V| never reads above Vmax.
        var voltage = r * 0.5 * (current + next) + l * (next - current) / dt;
        return (next, voltage);
    }

    /// <summary>Moves the ramped setpoint towards the setpoint at the dI/dt limit.</summary>
    public static double Ramp(double ramped, double target, double maxRate, double dt)
    {
        var step = maxRate * dt;
        return Math.Abs(target - ramped) <= step ? target : ramped + Math.Sign(target - ramped) * step;
    }
}
