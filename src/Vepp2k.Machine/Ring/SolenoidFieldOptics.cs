using Vepp2k.Machine.Magnets;
using Vepp2k.Physics;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Machine.Ring;

/// <summary>
/// The optics of the final-focus solenoids taken from their coil field profile instead of hard
/// edges. For each solenoid: the section strengths KS in the lattice are turned into supply currents
/// (each hard edge stands for its coil's whole int B ds, see solenoid.json); the on-axis Bz(s) of the
/// three coils is superposed (thick-solenoid formula); and the whole run from the IP to the first
/// dipole is replaced by 1 cm solenoid slices with KS(s) = Bz(s)/B rho, gathered into one
/// <see cref="ProfiledSolenoid"/> per section (S1 from the IP, S3 on to the dipole). Slices of at most
/// 1 cm reproduce int B ds and int B^2 ds to ~1e-5 (midpoint rule); the partner solenoid's tail across
/// the IP is neglected.
/// </summary>
public static class SolenoidFieldOptics
{
    public const double SliceLength = 0.01;

    /// <param name="withinRatings">
    /// Refuse section strengths beyond the coils' ratings (the default). The design fit turns this off,
    /// so that a trial step past a rating costs a residual instead of ending the search.
    /// </param>
    public static Lattice Apply(Lattice lattice, MagnetCatalogue catalogue, bool withinRatings = true)
    {
        var elements = lattice.Elements.ToList();
        double brho = lattice.MagneticRigidity;
        var coils = catalogue.SolenoidCoils;
        for (int q = 1; q <= 4; q++)
        {
            string first1 = $"{q}S1";
            int s1 = elements.FindIndex(e => e.Name.Equals(first1, StringComparison.OrdinalIgnoreCase));
            if (s1 < 0) continue;
            var (first, last, forward) = Run(elements, s1);
            var run = elements.GetRange(first, last - first + 1);
            double length = run.Sum(e => e.Length);
            double[] currents = [.. Enumerable.Range(1, 3).Select(k => Current(run, catalogue, $"{q}S{k}", lattice.EnergyEv, withinRatings))];
            var profile = catalogue.SolenoidProfile(currents[0], currents[1], currents[2]);
            int n = (int)Math.Ceiling(length / SliceLength);
            double step = length / n;
            // Each slice belongs to the section whose stretch holds its centre: S1 from the IP to the end of
            // coil 1, S2 to the end of coil 2, S3 on to the dipole. A section's slices make one element.
            var sections = new List<Solenoid>[3];
            for (int k = 0; k < 3; k++) sections[k] = [];
            for (int i = 0; i < n; i++)
            {
                // Distance from the IP of this slice's centre, in beam order.
                double fromIp = forward ? (i + 0.5) * step : length - (i + 0.5) * step;
                int section = fromIp < coils[0].End ? 0 : fromIp < coils[1].End ? 1 : 2;
                sections[section].Add(new Solenoid($"{q}S{section + 1}", step, profile.Field(fromIp) / brho));
            }
            var order = forward ? new[] { 0, 1, 2 } : [2, 1, 0];
            elements.RemoveRange(first, run.Count);
            elements.InsertRange(first, order.Select(k => (Element)new ProfiledSolenoid($"{q}S{k + 1}", sections[k])));
        }
        return new Lattice(lattice.Name + "-field-profile", elements, lattice.EnergyEv);
    }

    // The elements strictly between the IP and the first dipole piece around this solenoid. The ring
    // starts at SND, so the last quadrant's region ends at the end of the element list.
    private static (int First, int Last, bool Forward) Run(List<Element> e, int section)
    {
        static bool Ip(Element x) => x is Marker m && (m.Name.Equals("SND", StringComparison.OrdinalIgnoreCase) || m.Name.Equals("CMD", StringComparison.OrdinalIgnoreCase));
        int before = section, after = section;
        while (before >= 0 && !Ip(e[before]) && e[before] is not SectorBend) before--;
        while (after < e.Count && !Ip(e[after]) && e[after] is not SectorBend) after++;
        bool ipBefore = before < 0 || Ip(e[before]), ipAfter = after == e.Count || Ip(e[after]);
        if (ipBefore == ipAfter) throw new OpticsException($"cannot find the interaction region around {e[section].Name}");
        return (before + 1, after - 1, ipBefore);
    }

    private static double Current(List<Element> run, MagnetCatalogue catalogue, string section, double energyEv, bool withinRatings)
    {
        var element = run.OfType<Solenoid>().FirstOrDefault(s => s.Name.Equals(section, StringComparison.OrdinalIgnoreCase))
            ?? throw new OpticsException($"solenoid section {section} is not in its interaction region");
        return SectionCurrent(catalogue.Find(section), element.Ks, energyEv, withinRatings);
    }

    /// <summary>
    /// Supply current [A] of a solenoid section for its hard-edge strength KS; without
    /// <paramref name="withinRatings"/> the excitation line is followed past the coil's rating.
    /// </summary>
    internal static double SectionCurrent(Magnet magnet, double ks, double energyEv, bool withinRatings) => withinRatings
        ? magnet.CurrentFromStrength(ks, energyEv)
        : magnet.Curve.Current(ks * Constants.MagneticRigidity(energyEv) / magnet.StrengthScale, HysteresisBranch.Up);
}
