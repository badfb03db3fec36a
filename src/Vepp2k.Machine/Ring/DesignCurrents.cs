using Vepp2k.Machine.Magnets;

namespace Vepp2k.Machine.Ring;

/// <summary>
/// The supply currents of a designed mode: the main current that closes the orbit at the mode's
/// energy, and each quad and solenoid section current from its strength through its excitation
/// curve (up branch, as after standardisation). Correctors are left at zero.
/// </summary>
public static class DesignCurrents
{
    private static readonly string[] QuadOrder = ["D1", "F1", "D2", "F2", "D3", "F3"];

    public static Dictionary<string, double> For(MagnetCatalogue catalogue, RingSetting setting)
    {
        double e = setting.EnergyEv;
        var currents = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { ["PS"] = catalogue.DipoleCurrent(e) };
        double brho = Vepp2k.Physics.Constants.MagneticRigidity(e);
        for (int q = 0; q < 4; q++)
        {
            var k1 = setting.Quadrants[q].ToArray();
            for (int i = 0; i < QuadOrder.Length; i++)
                currents[$"{q + 1}{QuadOrder[i]}"] = catalogue.Find($"{q + 1}{QuadOrder[i]}").CurrentFromStrength(k1[i], e);
            var s = setting.Solenoids[q];
            double[] fields = [s.S1, s.S2, s.S3];
            for (int k = 0; k < 3; k++)
                currents[$"{q + 1}S{k + 1}"] = catalogue.Find($"{q + 1}S{k + 1}").CurrentFromStrength(fields[k] / brho, e);
        }
        return currents;
    }
}
