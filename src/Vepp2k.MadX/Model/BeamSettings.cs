namespace Vepp2k.MadX;

/// <summary>
/// Accumulates BEAM commands. As in MAD-X a later BEAM only changes what it names, and the
/// energy is kept as the quantity the user gave (energy, pc, gamma, beta or brho) so that a later
/// change of particle recomputes it consistently.
/// </summary>
internal sealed class BeamSettings
{
    // MAD-X's precedence when several energy quantities appear in one command.
    private static readonly string[] EnergyKeys = ["energy", "pc", "gamma", "beta", "brho"];

    private readonly Dictionary<string, double> _numbers = new();
    private string _particle = "positron";
    private double? _mass;
    private double? _charge;
    private string _energyKey = "energy";
    private double _energyValue = 1;

    public void Apply(string? particle, IReadOnlyDictionary<string, double> numbers)
    {
        if (particle is not null)
        {
            // A new particle brings its own mass and charge unless the same command overrides them.
            _particle = particle;
            _mass = null;
            _charge = null;
        }
        if (numbers.TryGetValue("mass", out double mass)) _mass = mass;
        if (numbers.TryGetValue("charge", out double charge)) _charge = charge;
        string? key = Array.Find(EnergyKeys, numbers.ContainsKey);
        if (key is not null)
        {
            _energyKey = key;
            _energyValue = numbers[key];
        }
        foreach (var (name, value) in numbers)
        {
            if (name is not ("mass" or "charge") && !EnergyKeys.Contains(name)) _numbers[name] = value;
        }
    }

    public MadxBeam Build(SourceLocation at)
    {
        bool known = Particles.TryGet(_particle, out double defaultMass, out double defaultCharge);
        if (!known && _mass is null) throw new MadxException(at, $"unknown particle '{_particle}': give its mass");
        double mass = _mass ?? defaultMass;
        double charge = _charge ?? (known ? defaultCharge : 1);
        if (mass <= 0) throw new MadxException(at, $"beam mass must be positive, got {mass}");
        double energy = Energy(mass, charge, at);
        if (!double.IsFinite(energy) || energy < mass)
        {
            throw new MadxException(at, $"beam {_energyKey}={_energyValue} gives energy {energy} GeV below the mass {mass} GeV");
        }
        return new MadxBeam(_particle, mass, charge, energy, new Dictionary<string, double>(_numbers));
    }

    private double Energy(double mass, double charge, SourceLocation at)
    {
        double v = _energyValue;
        switch (_energyKey)
        {
            case "energy":
                return v;
            case "pc":
                return Math.Sqrt(v * v + mass * mass);
            case "gamma":
                return v * mass;
            case "beta":
                if (v is < 0 or >= 1) throw new MadxException(at, $"beam beta must be in [0, 1), got {v}");
                return mass / Math.Sqrt(1 - v * v);
            default:
                double pc = v * Math.Abs(charge) * Builtins.SpeedOfLight * 1e-9;
                return Math.Sqrt(pc * pc + mass * mass);
        }
    }
}
