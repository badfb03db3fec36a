using Vepp2k.Physics;
using Vepp2k.Machine.Ring;

namespace Vepp2k.Machine.Magnets;

/// <summary>From a machine state to the ring setting the lattice builder takes.</summary>
public sealed partial class MagnetCatalogue
{
    /// <summary>
    /// The <see cref="RingSetting"/> that a machine state of strengths (one per magnet, in
    /// <see cref="Magnets"/> order, as <see cref="ToStrengths(double, ReadOnlySpan{double}, Span{double}, ReadOnlySpan{HysteresisBranch})"/>
    /// gives them) describes: K1 of every quadrupole with its F1 trim winding (qF1T) added, since
    /// the trim sits on the same iron; solenoid fields from KS times B rho. The steering correctors,
    /// skew quadrupoles and sextupoles have no element in the reconstructed lattice (their positions
    /// are not published), so they do not enter.
    /// </summary>
    public RingSetting ToRingSetting(double energyEv, ReadOnlySpan<double> strengths, double rfVoltage)
    {
        CheckLengths(strengths.Length, magnets.Length, 0);
        BeamEnergyRange.Check(energyEv);
        double brho = Constants.MagneticRigidity(energyEv);
        var quadrants = new QuadrantStrengths[4];
        var solenoids = new SolenoidFields[4];
        for (int q = 1; q <= 4; q++)
        {
            string p = q.ToString(System.Globalization.CultureInfo.InvariantCulture);
            quadrants[q - 1] = new QuadrantStrengths(strengths[IndexOf(p + "D1")],
                strengths[IndexOf(p + "F1")] + strengths[IndexOf(p + "F1T")], strengths[IndexOf(p + "D2")],
                strengths[IndexOf(p + "F2")], strengths[IndexOf(p + "D3")], strengths[IndexOf(p + "F3")]);
            solenoids[q - 1] = new SolenoidFields(strengths[IndexOf(p + "S1")] * brho,
                strengths[IndexOf(p + "S2")] * brho, strengths[IndexOf(p + "S3")] * brho);
        }
        return new RingSetting(energyEv, quadrants, solenoids, rfVoltage);
    }
}
