using Vepp2k.Machine.Beam;

namespace Vepp2k.Control.Beam;

/// <summary>Luminosity at one interaction point [1/(cm^2 s)], from the beam sizes there.</summary>
public sealed record IpLuminosity(string Name, double Luminosity);

/// <summary>
/// One reading of every beam instrument of the simulated VEPP-2000, as an operator's software sees it
/// (through each instrument's errors and noise): BPM and CCD positions [m], CCD sizes [m] and tilts
/// [rad], fractional tunes, beam currents [A] and lifetimes [s], luminosity. Positions and tunes are
/// NaN without beam. <paramref name="Sequence"/> counts readings, so a measurement can wait for a fresh one.
/// </summary>
public sealed record BeamReadings(
    long Sequence, DateTimeOffset Time, string Status,
    IReadOnlyList<OrbitPoint> Bpms, IReadOnlyList<BeamSpot> Ccds, IReadOnlyList<double> Tunes,
    double ElectronCurrent, double PositronCurrent, double ElectronLifetime, double PositronLifetime,
    IReadOnlyList<IpLuminosity> Luminosity)
{
    public bool HasBeam => ElectronCurrent > 0 || PositronCurrent > 0;

    /// <summary>The 20 monitor positions in <see cref="OrbitResponse.AllMonitors"/> order: x readings, then z readings [m].</summary>
    public double[] Orbit()
    {
        var points = Bpms.Select(p => (p.X, p.Z)).Concat(Ccds.Select(c => (c.X, c.Z))).ToArray();
        return [.. points.Select(p => p.X), .. points.Select(p => p.Z)];
    }
}
