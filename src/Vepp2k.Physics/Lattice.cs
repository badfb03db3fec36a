using Vepp2k.Physics.Elements;

namespace Vepp2k.Physics;

/// <summary>
/// A ring: elements in beam order with the reference energy. Cavities given by harmonic number get
/// their frequency from the circumference here, once. Immutable; changing a knob builds a new one.
/// </summary>
public sealed class Lattice
{
    private readonly Dictionary<double, Element[]> radiationSteps = [];

    public Lattice(string name, IEnumerable<Element> elements, double energyEv)
    {
        if (!(energyEv > Constants.ElectronMassEv)) throw new OpticsException($"beam energy must exceed the electron rest energy (got {energyEv} eV)");
        var list = elements.ToList();
        if (list.Count == 0) throw new OpticsException($"lattice {name} has no elements");
        Circumference = list.Sum(e => e.Length);
        if (!(Circumference > 0)) throw new OpticsException($"lattice {name} has zero length");
        Name = name;
        EnergyEv = energyEv;
        Elements = list.Select(e => e is RfCavity c ? c.Resolved(Circumference) : e).ToArray();
        HasCavity = Elements.Any(e => e is RfCavity { VoltageV: not 0, FrequencyHz: > 0 });
        var s = new double[Elements.Count + 1];
        for (int i = 0; i < Elements.Count; i++) s[i + 1] = s[i] + Elements[i].Length;
        ExitPositions = s.Skip(1).ToArray();
    }

    public string Name { get; }
    public IReadOnlyList<Element> Elements { get; }
    public double EnergyEv { get; }
    public double Circumference { get; }
    public bool HasCavity { get; }

    /// <summary>s at the exit of each element [m].</summary>
    public IReadOnlyList<double> ExitPositions { get; }

    public double Gamma => Constants.Gamma(EnergyEv);
    public double MagneticRigidity => Constants.MagneticRigidity(EnergyEv);
    public double RevolutionFrequency => Constants.SpeedOfLight / Circumference;

    public Lattice WithEnergy(double energyEv) => new(Name, Elements, energyEv);

    /// <summary>The ring as the counter-rotating beam runs it, from the same start: <see cref="Element.Reversed"/>.</summary>
    public Lattice Reversed() => new(Name, Elements.Reverse().Select(e => e.Reversed()), EnergyEv);

    /// <summary>The ring with its cavities replaced by drifts: delta stays fixed, as 4-D tune studies want.</summary>
    public Lattice WithoutCavities() =>
        new(Name, Elements.Select(e => e is RfCavity c ? new Drift(c.Name, c.Length) : e), EnergyEv);

    public int IndexOf(string name)
    {
        for (int i = 0; i < Elements.Count; i++)
            if (string.Equals(Elements[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>The elements split into integration steps for the radiative pass (cached per slice length).</summary>
    public IReadOnlyList<Element> RadiationSteps(double sliceLength)
    {
        if (!(sliceLength > 0)) throw new OpticsException($"radiation slice length must be positive (got {sliceLength})");
        lock (radiationSteps)
        {
            if (!radiationSteps.TryGetValue(sliceLength, out var steps))
                radiationSteps[sliceLength] = steps = Elements.SelectMany(e => e.IntegrationSteps(sliceLength)).ToArray();
            return steps;
        }
    }
}
