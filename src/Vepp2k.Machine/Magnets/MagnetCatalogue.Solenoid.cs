using System.Text.Json;
using Vepp2k.Machine.Ring;

namespace Vepp2k.Machine.Magnets;

/// <summary>Coil geometry of the final-focus solenoids (same in every quadrant; s from that quadrant's IP).</summary>
public sealed partial class MagnetCatalogue
{
    /// <summary>The coils of sections S1, S2, S3 (positions along s from the IP, m).</summary>
    public IReadOnlyList<ThickSolenoidCoil> SolenoidCoils => sectionCoils;

    /// <summary>On-axis profile of one solenoid with its three section currents [A].</summary>
    public SolenoidProfile SolenoidProfile(double currentS1, double currentS2, double currentS3) =>
        new(sectionCoils, [currentS1, currentS2, currentS3]);

    /// <summary>
    /// Assumed layout (RingGeometry): S1 from SolenoidStart, S2 right behind it, a gap of
    /// ExtraCoilGap, then S3; radii and winding density from solenoid.json.
    /// </summary>
    private static ThickSolenoidCoil[] SectionCoils(RingGeometry g)
    {
        var types = MagnetData.Load("solenoid.json").GetProperty("types");
        ThickSolenoidCoil Coil(string type, double start, double length)
        {
            JsonElement p = types.GetProperty(type).GetProperty("parameters");
            // A fixed winding density: the coil lengths are fitted with the ring (RingDesign), and the
            // peak field per ampere then stays close to what the ratings were set for.
            return new ThickSolenoidCoil(start, length, MagnetData.Value(p, "innerRadius"),
                MagnetData.Value(p, "outerRadius"), MagnetData.Value(p, "turnsPerMetre") * length);
        }
        double s1 = g.SolenoidStart, s2 = s1 + g.MainCoilLength, s3 = s2 + g.MainCoilLength + g.ExtraCoilGap;
        return [Coil("main", s1, g.MainCoilLength), Coil("main", s2, g.MainCoilLength), Coil("extra", s3, g.ExtraCoilLength)];
    }
}
