using System.Globalization;
using Vepp2k.Machine.Beam;

namespace Vepp2k.Control.Beam;

/// <summary>
/// Why a ring keeps no beam, from what the beam does in it: no closed orbit or unstable motion (the
/// optics throws), tunes on a low-order resonance, or a closed orbit that leaves no room for the beam in
/// the vacuum chamber.
/// </summary>
public static class BeamLoss
{
    /// <summary>
    /// Largest closed-orbit excursion the beam survives [m]: the 20 mm inscribed radius of the quadrupole
    /// chambers (vepp2000-machine.md 3.2, 40 mm read as the diameter) less room for the beam's tails
    /// (about 10 sigma of a 0.5 mm beam): assumed.
    /// </summary>
    public const double ApertureMargin = 15e-3;

    /// <summary>Half-widths of the resonances that kill the beam, by order (assumed: stop-bands of a ring with these errors).</summary>
    private static readonly (int Order, double HalfWidth)[] Resonances = [(1, 0.005), (2, 0.005), (3, 0.002)];

    /// <summary>The reason the beam is lost in this state of the ring, or null when it survives.</summary>
    public static string? Reason(BeamObservation beam)
    {
        if (beam.MaxExcursion > ApertureMargin)
            return F($"closed orbit {beam.MaxExcursion * 1e3:F1} mm at {beam.MaxExcursionAt} is beyond the {ApertureMargin * 1e3:F0} mm aperture margin");
        for (int mode = 0; mode < 2; mode++)
        {
            double fraction = beam.Tunes[mode] - Math.Floor(beam.Tunes[mode]);
            foreach (var (order, width) in Resonances)
                for (int m = 0; m <= order; m++)
                    if (Math.Abs(fraction - (double)m / order) < width)
                        return F($"tune of mode {mode + 1} {beam.Tunes[mode]:F4} is on the {Name(order)} resonance {m}/{order}");
        }
        return null;
    }

    private static string Name(int order) => order switch { 1 => "integer", 2 => "half-integer", _ => "third-order" };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
