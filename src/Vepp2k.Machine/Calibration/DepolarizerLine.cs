namespace Vepp2k.Machine.Calibration;

/// <summary>
/// Which spin resonance the depolariser drives: f_d = f0 (nu - n), or the mirror line f_d = f0 (n - nu).
/// A transverse RF field depolarises at every f0 |k +- nu|; the facility drives the line of the
/// fractional part, f0 (nu - floor nu), as beam-physics.md 4.2 does at 510 MeV. The NMR knows the
/// energy to about 1e-3, i.e. nu to ~2e-3, which picks n and tells the line from its mirror
/// (they are f0 |2 frac(nu) - 1|, here ~0.4 f0, apart).
/// </summary>
public readonly record struct DepolarizerLine(int Integer, bool Mirror)
{
    /// <summary>The facility's choice at this spin tune: n = floor(nu), not the mirror.</summary>
    public static DepolarizerLine ForSpinTune(double spinTune) => new((int)Math.Floor(spinTune), false);

    public double Frequency(double spinTune, double revolutionFrequency) =>
        revolutionFrequency * (Mirror ? Integer - spinTune : spinTune - Integer);

    public double SpinTune(double frequency, double revolutionFrequency) =>
        Mirror ? Integer - frequency / revolutionFrequency : Integer + frequency / revolutionFrequency;
}
