using Vepp2k.Physics;
using Vepp2k.Machine.Ring;

namespace Vepp2k.Machine.Magnets;

/// <summary>
/// Whole-machine conversions. A machine state is one value per magnet in <see cref="Magnets"/> order
/// (strengths in each magnet's strength unit, currents in A); the span forms allocate nothing, so a
/// control loop can convert all 108 channels every cycle.
/// </summary>
public sealed partial class MagnetCatalogue
{
    /// <summary>Main-supply current that bends a beam of this energy by 45 degrees in every dipole.</summary>
    public double DipoleCurrent(double energyEv, HysteresisBranch branch = HysteresisBranch.Up) =>
        magnets[0].CurrentFromStrength(RingGeometry.BendAngle, energyEv, branch);

    /// <summary>Beam energy [eV] whose orbit the dipoles close at this current (B rho = B(I) rho).</summary>
    public double BeamEnergy(double dipoleCurrent, HysteresisBranch branch = HysteresisBranch.Up)
    {
        var dipole = magnets[0];
        double brho = dipole.FieldFromCurrent(dipoleCurrent, branch) * dipole.StrengthScale / RingGeometry.BendAngle;
        double pc = brho * Constants.SpeedOfLight;
        double energy = Math.Sqrt(pc * pc + Constants.ElectronMassEv * Constants.ElectronMassEv);
        BeamEnergyRange.Check(energy);
        return energy;
    }

    /// <summary>Currents for strengths; branches empty = every magnet on the up branch.</summary>
    public void ToCurrents(double energyEv, ReadOnlySpan<double> strengths, Span<double> currents,
        ReadOnlySpan<HysteresisBranch> branches = default)
    {
        CheckLengths(strengths.Length, currents.Length, branches.Length);
        BeamEnergyRange.Check(energyEv);
        double brho = Constants.MagneticRigidity(energyEv);
        for (int i = 0; i < magnets.Length; i++)
            currents[i] = magnets[i].CurrentAtRigidity(strengths[i], energyEv, brho, Branch(branches, i));
    }

    /// <summary>Strengths for currents; branches empty = every magnet on the up branch.</summary>
    public void ToStrengths(double energyEv, ReadOnlySpan<double> currents, Span<double> strengths,
        ReadOnlySpan<HysteresisBranch> branches = default)
    {
        CheckLengths(currents.Length, strengths.Length, branches.Length);
        BeamEnergyRange.Check(energyEv);
        double brho = Constants.MagneticRigidity(energyEv);
        for (int i = 0; i < magnets.Length; i++)
            strengths[i] = magnets[i].StrengthAtRigidity(currents[i], brho, Branch(branches, i));
    }

    /// <summary>Name-keyed form for callers that hold a partial state (up branch); allocates.</summary>
    public Dictionary<string, double> ToCurrents(double energyEv, IReadOnlyDictionary<string, double> strengths) =>
        strengths.ToDictionary(kv => Find(kv.Key).Name, kv => Find(kv.Key).CurrentFromStrength(kv.Value, energyEv));

    public Dictionary<string, double> ToStrengths(double energyEv, IReadOnlyDictionary<string, double> currents) =>
        currents.ToDictionary(kv => Find(kv.Key).Name, kv => Find(kv.Key).StrengthFromCurrent(kv.Value, energyEv));

    private static HysteresisBranch Branch(ReadOnlySpan<HysteresisBranch> branches, int i) =>
        branches.IsEmpty ? HysteresisBranch.Up : branches[i];

    private void CheckLengths(int input, int output, int branches)
    {
        if (input != magnets.Length || output != magnets.Length || (branches != 0 && branches != magnets.Length))
            throw new ArgumentException($"a machine state has one value per magnet ({magnets.Length})");
    }
}
