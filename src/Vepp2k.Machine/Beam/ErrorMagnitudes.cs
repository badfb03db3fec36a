namespace Vepp2k.Machine.Beam;

/// <summary>
/// Rms sizes of the hidden errors of the simulated ring (SI: relative field, m, rad), each drawn from a
/// Gaussian cut at <see cref="Cut"/> sigma. No survey or magnetic-measurement data of VEPP-2000 is
/// public (vepp2000-machine.md); the defaults are the usual sizes for a small ring of its kind and are
/// documented with their reasons in docs/beam.md section 2.
/// </summary>
public sealed record ErrorMagnitudes
{
    /// <summary>Quadrupole gradient, relative: magnet-to-magnet spread of identical quadrupoles on separate supplies.</summary>
    public double QuadField { get; init; } = 1e-3;

    /// <summary>Quadrupole, sextupole and solenoid transverse offsets [m]: a good survey of a small ring.</summary>
    public double Offset { get; init; } = 100e-6;

    /// <summary>Quadrupole rolls [rad].</summary>
    public double QuadRoll { get; init; } = 0.3e-3;

    /// <summary>Dipole field, relative: spread of the eight dipoles in series on one supply.</summary>
    public double DipoleField { get; init; } = 5e-4;

    /// <summary>Dipole rolls [rad].</summary>
    public double DipoleRoll { get; init; } = 0.3e-3;

    /// <summary>Solenoid section field, relative.</summary>
    public double SolenoidField { get; init; } = 1e-3;

    /// <summary>BPM electrical offsets [m], gains (relative) and rolls [rad].</summary>
    public double BpmOffset { get; init; } = 200e-6;
    public double BpmGain { get; init; } = 0.03;
    public double BpmRoll { get; init; } = 5e-3;

    /// <summary>Scale error of a CCD monitor's optics (relative, per plane).</summary>
    public double CcdScale { get; init; } = 0.02;

    /// <summary>Gaussian cut [sigma].</summary>
    public double Cut { get; init; } = 2.5;

    public static ErrorMagnitudes Default { get; } = new();
}

/// <summary>
/// Noise of the beam instruments (rms per reading): what makes a measurement a measurement. Not an
/// error of the ring: it is drawn anew at every reading.
/// </summary>
public sealed record InstrumentNoise
{
    /// <summary>BPM position noise [m] (a few microns for a turn-averaged button BPM).</summary>
    public double Bpm { get; init; } = 5e-6;

    /// <summary>CCD centroid noise [m] and relative size noise.</summary>
    public double CcdPosition { get; init; } = 5e-6;
    public double CcdSize { get; init; } = 0.003;

    /// <summary>Tune meter noise (fraction of a revolution).</summary>
    public double Tune { get; init; } = 1e-4;

    public static InstrumentNoise Default { get; } = new();
    public static InstrumentNoise None { get; } = new() { Bpm = 0, CcdPosition = 0, CcdSize = 0, Tune = 0 };
}
