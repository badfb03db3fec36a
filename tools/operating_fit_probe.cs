// Probe (not part of the build): refits operating-5cm on the whole ring with the matcher, from the
// present setting and from randomised starts, to see what rms the monitor optics allows. Strengths and
// fields are knobs at the operating energy, on the operating layout (OperatingFit.Geometry).
//   dotnet run -c Release tools/operating_fit_probe.cs -- [strengths|geo] [starts] [seed] [spread] [anysign] [iter=N]
//       [rot45 | rot=DEG] [main=B] [energy=E] [mainscale=F]
// Start 0 is the present setting; the others scale each strength by 1 + spread (u - 1/2), u uniform.
// "geo" also frees the drift splits and the solenoid layout; "anysign" lets F quads defocus and D
// quads focus (the facility's names say they do not) and lifts their limits; otherwise each quadrupole
// stays within what it reaches at the operating energy. The extra coil is not a knob: it keeps each solenoid's
// Larmor rotation at the operating file's 135 degrees, or 45 with "rot45", or rot=DEG; its field is printed. Results: docs/lattice.md section 4.
#:project ../src/Vepp2k.Machine/Vepp2k.Machine.csproj
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;
using Vepp2k.Physics.Matching;
using Vepp2k.Physics.Optics;

bool freeGeometry = args.Contains("geo");
int starts = args.Length > 1 ? int.Parse(args[1]) : 1;
bool anySign = args.Contains("anysign");
// name=value options, read as invariant-culture numbers.
double? Option(string name) => args.Where(a => a.StartsWith(name + "=")).Select(a => (double?)double.Parse(a[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
// rot45, or rot=DEG: the extra coil keeps each solenoid's Larmor rotation at that angle (45 or 135 degrees
// keep the arcs uncoupled in double rotation).
double rotation = args.Contains("rot45") ? RingDesign.SolenoidRotation : Option("rot") * Math.PI / 180 ?? OperatingFit.SolenoidRotation;
// main=B: the main coil's hard-edge field at the operating energy to start from (default: the operating file's).
double? mainStart = Option("main");
int iterations = (int)(Option("iter") ?? 400);
// energy=E [eV]: the energy whose magnet reach bounds the knobs (default: the operating file's 0.3 GeV).
double limitEnergy = Option("energy") ?? OperatingFit.EnergyEv;
// mainscale=F: randomised starts also scale the main-coil field by up to F (strong-solenoid solutions).
double mainScale = Option("mainscale") ?? 1;
double spread = args.Length > 3 && double.TryParse(args[3], System.Globalization.CultureInfo.InvariantCulture, out double sp) ? sp : 0.3;
double e = OperatingFit.EnergyEv;
var g0 = OperatingFit.Geometry;
var plus0 = RingDesign.Solenoid(g0, mainStart ?? OperatingFit.MainField, rotation, e);
var names = new List<string>();
var init = new List<double>();
foreach (var (q, s) in new[] { ("Q1", OperatingFit.Quadrant1), ("Q2", OperatingFit.Quadrant2) })
    foreach (var (n, v) in new[] { "D1", "F1", "D2", "F2", "D3", "F3" }.Zip(s.ToArray())) { names.Add(q + n); init.Add(v); }
names.Add("Main"); init.Add(plus0.S1);
if (freeGeometry)
{
    names.AddRange(["TripletDrift1", "BpmOffset", "Straight1", "Straight2", "Straight3", "SolenoidStart", "MainCoil", "ExtraCoil", "TripletDrift2", "TripletDrift3"]);
    init.AddRange([g0.TripletDrift1, g0.BpmOffset, g0.Straight1, g0.Straight2, g0.Straight3, g0.SolenoidStart, g0.MainCoilLength, g0.ExtraCoilLength, g0.TripletDrift2, g0.TripletDrift3]);
}
RingGeometry Layout(IReadOnlyList<double> p) => !freeGeometry ? g0 : g0 with
{
    TripletDrift1 = p[13], BpmOffset = p[14], Straight1 = p[15], Straight2 = p[16], Straight3 = p[17],
    SolenoidStart = p[18], MainCoilLength = p[19], ExtraCoilLength = p[20], TripletDrift2 = p[21], TripletDrift3 = p[22],
};
Lattice Build(IReadOnlyList<double> p)
{
    var g = Layout(p);
    try { g.Validate(); }
    catch (ArgumentException ex) { throw new OpticsException($"impossible layout: {ex.Message}"); }   // penalised, not fatal
    var plus = RingDesign.Solenoid(g, p[12], rotation, e);
    var setting = new RingSetting(e, [QuadrantStrengths.From(p, 0), QuadrantStrengths.From(p, 6), QuadrantStrengths.From(p, 6), QuadrantStrengths.From(p, 0)],
        RingDesign.Polarity(plus, SolenoidPolarity.DoubleRotation));
    return RingBuilder.Build(g, setting);
}
// What a quadrupole family reaches at the operating energy, as a normalised K1 [1/m^2] (its excitation
// curve at full current, and the published 52 T/m).
double Reach(string knob) =>
    Math.Abs(DesignFit.QuadReach(Vepp2k.Machine.Magnets.MagnetCatalogue.Default.Find(knob[1] + knob[2..]), limitEnergy)) * (1 - 1e-9);
// The main coils reach 12.9 T (0.1 T below their rating) as a hard-edge field at the operating energy; at another
// limit energy E it may be larger by the operating energy / E.
double mainReach = DesignFit.MainPeakField * e / limitEnergy;
var targets = new List<MatchTarget>();
foreach (var (pt, bx, bz, dx) in MonitorOptics.Points)
{
    targets.Add(new MatchTarget($"bx@{pt}", s => s.Row(pt).BetaXBothModes, bx, 1 / bx));
    targets.Add(new MatchTarget($"bz@{pt}", s => s.Row(pt).BetaYBothModes, bz, 1 / bz));
    if (dx > MonitorOptics.DispersionFloor) targets.Add(new MatchTarget($"dx@{pt}", s => s.Row(pt).Dx, dx, 1 / dx));
}
double Rms(IReadOnlyList<double> p)
{
    try { var (_, rms) = MonitorOptics.Compare(LinearOptics.Compute(Build(p))); return rms; } catch (Exception) { return double.NaN; }
}
Console.WriteLine($"start rms {Rms(init):P2}");
var rng = new Random(args.Length > 2 && int.TryParse(args[2], out int seed) ? seed : 7);
double best = double.MaxValue;
for (int st = 0; st < starts; st++)
{
    var p0 = init.Select((v, i) => st == 0 ? v : (i < 13 ? v * (1 + spread * (rng.NextDouble() - 0.5)) : v * (1 + 0.2 * (rng.NextDouble() - 0.5)))).ToList();
    if (st > 0) p0[12] *= 1 + (mainScale - 1) * rng.NextDouble();
    var knobs = names.Select((n, i) => i < 12 ? anySign ? new Knob(n, p0[i]) : (n[2] == 'D' ? new Knob(n, Math.Min(p0[i], -1e-3), -Reach(n), 0) : new Knob(n, Math.Max(p0[i], 1e-3), 0, Reach(n))) : i < 13 ? new Knob(n, Math.Clamp(p0[i], -mainReach, mainReach), -mainReach, mainReach) :
        n == "BpmOffset" ? new Knob(n, p0[i], 0, 0.1) : n.StartsWith("Triplet") ? new Knob(n, p0[i], 0.03, 0.45) : new Knob(n, p0[i], 0.03, n.StartsWith("Sol") ? 0.5 : 0.6)).ToList();
    MatchResult m;
    try { m = Matcher.Match(knobs, Build, targets, iterations); } catch (Exception ex) { Console.WriteLine($"start {st}: {ex.Message}"); continue; }
    var p = names.Select(n => m.Knobs[n]).ToArray();
    double rms = Rms(p);
    Console.WriteLine($"start {st}: rms {rms:P2} evals {m.Evaluations} {m.Exit}");
    if (rms < best)
    {
        best = rms;
        Console.WriteLine("  " + string.Join(", ", names.Zip(p).Select(x => $"{x.First}={x.Second:R}")));
        Console.WriteLine($"  extra coil {RingDesign.Solenoid(Layout(p), p[12], rotation, e).S3:F3} T (hard edge)");
    }
}
