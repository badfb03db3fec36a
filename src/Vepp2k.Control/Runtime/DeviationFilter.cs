namespace Vepp2k.Control.Runtime;

/// <summary>
/// First-order low-pass of the readback-minus-setpoint difference: a brief excursion (a ramp step,
/// the L/R lag of a supply) does not alarm, a lasting one does after about one time constant.
/// </summary>
public sealed class DeviationFilter
{
    public static readonly TimeSpan TimeConstant = TimeSpan.FromSeconds(2);
    private DateTimeOffset? _last;
    private double _value;

    public double Update(double deviation, DateTimeOffset now)
    {
        if (_last is { } last)
        {
            double a = 1 - Math.Exp(-Math.Max(0, (now - last).TotalSeconds) / TimeConstant.TotalSeconds);
            _value += a * (deviation - _value);
        }
        else _value = deviation;
        _last = now;
        return _value;
    }
}
