namespace Vepp2k.MadX;

/// <summary>
/// The beam as set by the BEAM command(s). Energy is the total energy, whichever of
/// ENERGY, PC, GAMMA, BETA or BRHO was given in the input.
/// </summary>
/// <param name="Particle">Particle name, lower-case (e.g. "electron").</param>
/// <param name="MassGeV">Rest mass in GeV.</param>
/// <param name="Charge">Charge in units of the elementary charge.</param>
/// <param name="EnergyGeV">Total energy in GeV.</param>
/// <param name="Numbers">The other numeric BEAM attributes (ex, ey, npart, ...), flags as 1/0.</param>
public sealed record MadxBeam(
    string Particle, double MassGeV, double Charge, double EnergyGeV, IReadOnlyDictionary<string, double> Numbers)
{
    /// <summary>Lorentz factor E/m.</summary>
    public double Gamma => EnergyGeV / MassGeV;

    /// <summary>Momentum times c, GeV.</summary>
    public double Pc => Math.Sqrt((EnergyGeV - MassGeV) * (EnergyGeV + MassGeV));

    /// <summary>v/c.</summary>
    public double Beta => Pc / EnergyGeV;

    /// <summary>Magnetic rigidity in T·m (infinite for a neutral particle).</summary>
    public double Brho => Pc / (Math.Abs(Charge) * Builtins.SpeedOfLight * 1e-9);
}
