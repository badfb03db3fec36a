namespace Vepp2k.MadX;

/// <summary>The particle names BEAM knows without an explicit mass and charge.</summary>
internal static class Particles
{
    private static readonly Dictionary<string, (double Mass, double Charge)> Known = new()
    {
        ["electron"] = (Builtins.ElectronMass, -1),
        ["positron"] = (Builtins.ElectronMass, 1),
        ["proton"] = (Builtins.ProtonMass, 1),
        ["antiproton"] = (Builtins.ProtonMass, -1),
        ["posmuon"] = (Builtins.MuonMass, 1),
        ["negmuon"] = (Builtins.MuonMass, -1),
        ["ion"] = (Builtins.AtomicMassUnit, 1),
    };

    public static bool TryGet(string particle, out double mass, out double charge)
    {
        bool found = Known.TryGetValue(particle, out var data);
        (mass, charge) = data;
        return found;
    }
}
