using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Machine.Beam;

/// <summary>Which transverse plane a dipole corrector kicks.</summary>
public enum KickPlane { X, Z }

/// <summary>A dipole corrector of the ring (catalogue name, e.g. 1F1X) and the thin kicker element that carries its kick.</summary>
public sealed record SteeringCorrector(string Name, string Element, KickPlane Plane);

/// <summary>
/// The whole ring as the beam sees it: the optics ring of a mode (<see cref="ModeDesigns.OpticsRing"/>)
/// with every winding the online model leaves out, and optionally the hidden errors of a true machine.
/// <list type="bullet">
/// <item>Dipole correctors (F1X, F2X, F3X, D1Z, D2Z, D3Z, F1Z) as a thin kicker <c>qHost.K</c> at the centre of
/// their host quadrupole; the dipole trims X1, X2 as a kicker <c>qMk.K</c> at the centre of their dipole,
/// which also carries the dipole's field error (a horizontal kick -theta dB/B) and roll (a vertical kick
/// -theta sin psi).</item>
/// <item>Sextupoles SX, SZ, SD with their skew windings SQ1, SQ2, SQ3 as thin multipoles of
/// <see cref="SextupoleLength"/>, at the centres of the drifts DqT4, DqL2 and DqT1 (positions assumed: not
/// published; chosen where the dispersion and the beta functions differ, docs/beam.md section 1).</item>
/// <item>Errors: quadrupole gradients scaled by 1 + dK/K, solenoid sections by 1 + dB/B; quadrupoles,
/// sextupoles and whole solenoids shifted (<see cref="Translation"/> pairs) and quadrupoles rolled
/// (<see cref="SRotation"/> pairs), as MAD-X EALIGN places an element.</item>
/// </list>
/// With no errors and the correctors at zero its optics are those of the online model's ring.
/// </summary>
public sealed class SteeredRing
{
    /// <summary>Effective length of the sextupoles and their skew windings [m] (assumed: not published).</summary>
    public const double SextupoleLength = 0.1;

    // Drift whose centre holds each sextupole.
    private static readonly Dictionary<string, string> SextupoleDrift = new() { ["SX"] = "T4", ["SZ"] = "L2", ["SD"] = "T1" };

    private SteeredRing(Lattice lattice, IReadOnlyList<SteeringCorrector> correctors)
    {
        Lattice = lattice;
        Correctors = correctors;
    }

    public Lattice Lattice { get; }

    /// <summary>The 36 dipole correctors (9 per quadrant) in catalogue order.</summary>
    public IReadOnlyList<SteeringCorrector> Correctors { get; }

    /// <summary>
    /// The same ring with its elements replaced (for a model that changes elements the builder has no knob for,
    /// as LOCO's sextupole feed-down); the corrector elements must keep their names.
    /// </summary>
    public SteeredRing WithLattice(Lattice lattice) => new(lattice, Correctors);

    /// <summary>
    /// The ring for strengths of every magnet (catalogue order, as <see cref="MagnetCatalogue.ToStrengths(double, ReadOnlySpan{double}, Span{double}, ReadOnlySpan{HysteresisBranch})"/>
    /// gives them) at a beam energy [eV].
    /// </summary>
    public static SteeredRing Build(string mode, double energyEv, ReadOnlySpan<double> strengths, MagnetCatalogue catalogue, RingErrors? errors = null)
    {
        errors ??= RingErrors.None;
        var setting = catalogue.ToRingSetting(energyEv, strengths, ModeDesigns.Setting(mode).RfVoltage);
        var optics = ModeDesigns.OpticsRing(mode, setting, catalogue);
        var windings = Windings(catalogue, strengths);
        var elements = new List<Element>();
        foreach (var e in optics.Elements) Place(e, elements, windings, errors, optics.EnergyEv);
        ShiftSolenoids(elements, errors);
        var lattice = new Lattice(optics.Name + "-steered", elements, optics.EnergyEv);
        var correctors = catalogue.Magnets
            .Where(m => m.Kind is MagnetKind.HorizontalCorrector or MagnetKind.VerticalCorrector or MagnetKind.DipoleTrim)
            .Select(m => new SteeringCorrector(m.Name, m.Host + ".K", m.Kind == MagnetKind.VerticalCorrector ? KickPlane.Z : KickPlane.X))
            .ToArray();
        return new SteeredRing(lattice, correctors);
    }

    /// <summary>
    /// As <see cref="Build"/>, from supply currents [A] by magnet name (missing magnets at 0 A); PS, the main
    /// supply, drives the eight dipoles.
    /// </summary>
    public static SteeredRing FromCurrents(string mode, double energyEv, IReadOnlyDictionary<string, double> currents, MagnetCatalogue catalogue,
        RingErrors? errors = null)
    {
        var amperes = new double[catalogue.Magnets.Count];
        foreach (var (name, value) in currents)
        {
            if (name.Equals("PS", StringComparison.OrdinalIgnoreCase))
                foreach (var dipole in catalogue.OfKind(MagnetKind.Dipole)) amperes[catalogue.IndexOf(dipole.Name)] = value;
            else amperes[catalogue.IndexOf(name)] = value;
        }
        var strengths = new double[amperes.Length];
        catalogue.ToStrengths(energyEv, amperes, strengths);
        return Build(mode, energyEv, strengths, catalogue, errors);
    }

    /// <summary>Thin-element strengths by host: kicks [rad] and integrated sextupole and skew strengths.</summary>
    private sealed class Winding
    {
        public double HKick, VKick, K2L, K1SL;
    }

    private static Dictionary<string, Winding> Windings(MagnetCatalogue catalogue, ReadOnlySpan<double> strengths)
    {
        var byHost = new Dictionary<string, Winding>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < catalogue.Magnets.Count; i++)
        {
            var m = catalogue.Magnets[i];
            if (m.Kind is MagnetKind.Dipole or MagnetKind.Quadrupole or MagnetKind.SolenoidSection or MagnetKind.QuadrupoleTrim) continue;
            if (!byHost.TryGetValue(m.Host, out var w)) byHost[m.Host] = w = new Winding();
            double s = strengths[i];
            switch (m.Kind)
            {
                case MagnetKind.HorizontalCorrector or MagnetKind.DipoleTrim: w.HKick += s; break;
                case MagnetKind.VerticalCorrector: w.VKick += s; break;
                case MagnetKind.Sextupole: w.K2L += s * SextupoleLength; break;
                case MagnetKind.SkewQuadrupole: w.K1SL += s * SextupoleLength; break;
            }
        }
        return byHost;
    }

    private static void Place(Element e, List<Element> output, Dictionary<string, Winding> windings, RingErrors errors, double energyEv)
    {
        switch (e)
        {
            case Quadrupole q:
            {
                var error = errors.Magnet(q.Name);
                double k1 = q.K1 * (1 + error.Field);
                var half = new Quadrupole(q.Name, q.Length / 2, k1, q.K1s, q.TiltAngle);
                Element[] body = windings.TryGetValue(q.Name, out var w)
                    ? [half, new Kicker(q.Name + ".K", 0, w.HKick, w.VKick), half]
                    : [new Quadrupole(q.Name, q.Length, k1, q.K1s, q.TiltAngle)];
                Misaligned(q.Name, body, error, output);
                return;
            }
            case SectorBend b when b.Name.EndsWith(".2", StringComparison.Ordinal):
            {
                string dipole = b.Name[..^2];
                var error = errors.Magnet(dipole);
                double theta = RingGeometry.BendAngle;
                double trim = windings.TryGetValue(dipole, out var w) ? w.HKick : 0;
                var half = new SectorBend(b.Name, b.Length / 2, b.Angle / 2, b.K1, b.K2, tilt: b.TiltAngle);
                output.Add(half);
                output.Add(new Kicker(dipole + ".K", 0, trim - theta * error.Field, -theta * Math.Sin(error.Roll)));
                output.Add(half);
                return;
            }
            case ProfiledSolenoid p:
            {
                double scale = 1 + errors.Magnet(p.Name).Field;
                output.Add(scale == 1 ? p : new ProfiledSolenoid(p.Name, [.. p.Pieces.Select(s => new Solenoid(s.Name, s.Length, s.Ks * scale))]));
                return;
            }
            case Solenoid s:
            {
                double scale = 1 + errors.Magnet(s.Name).Field;
                output.Add(scale == 1 ? s : new Solenoid(s.Name, s.Length, s.Ks * scale));
                return;
            }
            case Drift d when SextupoleIn(d.Name) is { } sextupole:
            {
                var w = windings.TryGetValue(sextupole, out var found) ? found : new Winding();
                var half = new Drift(d.Name, d.Length / 2);
                output.Add(half);
                Misaligned(sextupole, [new ThinMultipole(sextupole, [0, 0, w.K2L], [0, w.K1SL, 0])], errors.Magnet(sextupole), output);
                output.Add(half);
                return;
            }
            default:
                output.Add(e);
                return;
        }
    }

    // D1T4 -> 1SX: the sextupole whose drift this is, or null.
    private static string? SextupoleIn(string drift)
    {
        if (drift.Length != 4 || drift[0] != 'D' || drift[1] is < '1' or > '4') return null;
        foreach (var (sextupole, where) in SextupoleDrift)
            if (drift[2..].Equals(where, StringComparison.OrdinalIgnoreCase)) return drift[1] + sextupole;
        return null;
    }

    // The element's pieces between a shift and a roll and their inverses (nothing added for a perfect magnet).
    private static void Misaligned(string name, IEnumerable<Element> body, MagnetError error, List<Element> output)
    {
        bool shifted = error.Dx != 0 || error.Dz != 0, rolled = error.Roll != 0;
        if (shifted) output.Add(new Translation(name + ".in", error.Dx, error.Dz));
        if (rolled) output.Add(new SRotation(name + ".roll", error.Roll));
        output.AddRange(body);
        if (rolled) output.Add(new SRotation(name + ".unroll", -error.Roll));
        if (shifted) output.Add(new Translation(name + ".out", -error.Dx, -error.Dz));
    }

    // Each solenoid's three sections are consecutive; the whole run is shifted together.
    private static void ShiftSolenoids(List<Element> elements, RingErrors errors)
    {
        for (int q = 1; q <= 4; q++)
        {
            var error = errors.Magnet($"{q}S");
            if (error.Dx == 0 && error.Dz == 0) continue;
            string prefix = $"{q}S";
            bool Section(Element e) => e is Solenoid or ProfiledSolenoid && e.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
            int first = elements.FindIndex(Section), last = elements.FindLastIndex(Section);
            if (first < 0) continue;
            elements.Insert(last + 1, new Translation(prefix + ".out", -error.Dx, -error.Dz));
            elements.Insert(first, new Translation(prefix + ".in", error.Dx, error.Dz));
        }
    }
}
