namespace Vepp2k.Control.Online;

public enum OnlineStatus
{
    /// <summary>The optics was computed.</summary>
    Ok,
    /// <summary>The magnets as they are give no stable closed orbit or periodic optics.</summary>
    Unstable,
    /// <summary>The readbacks cannot describe the ring (unknown name, missing magnet, current out of range).</summary>
    InvalidInput,
}

/// <summary>Optics at one interaction point (SND or CMD), beta in metres, Edwards-Teng as MAD-X prints.</summary>
/// <param name="BetaDifference">|beta_x* - beta_y*| [m]: zero for round beams.</param>
/// <param name="SizeRatio">sigma_y / sigma_x with the equilibrium emittances.</param>
/// <param name="RotationCommutator">||M G - G M|| / ||M|| of the one-turn map at the IP: zero when the
/// angular momentum is conserved (Danilov's round-beam condition).</param>
public sealed record IpOptics(string Name, double BetaX, double BetaY, double BetaDifference, double SizeRatio, double RotationCommutator);

/// <param name="Tunes">Eigen-tunes with integer parts, mode 1 (x-like in the arcs) then mode 2.</param>
/// <param name="Chromaticities">dQ/d delta of both modes.</param>
/// <param name="FractionalTuneSplit">Fractional tune difference of the modes wrapped to (-0.5, 0.5].</param>
/// <param name="EmittanceRatio">Equilibrium emittance of mode 2 over mode 1 (NaN when the envelope failed,
/// see <paramref name="EnvelopeProblem"/>).</param>
public sealed record OnlineOptics(
    IReadOnlyList<double> Tunes, IReadOnlyList<double> Chromaticities, IReadOnlyList<IpOptics> InteractionPoints,
    double FractionalTuneSplit, double EmittanceRatio, string? EnvelopeProblem);

/// <summary>One evaluation of the online model: the optics, or why there is none.</summary>
public sealed record OnlineResult(OnlineStatus Status, string Reason, double EnergyEv, OnlineOptics? Optics);
