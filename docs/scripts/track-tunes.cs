#:project ../../src/Vepp2k.Machine/Vepp2k.Machine.csproj
// Track a beam through the same maps the optics uses: the tunes of a small-amplitude particle by
// NAFF beside the optics' eigen-tunes, and a short dynamic-aperture scan.
// Run: dotnet run docs/scripts/track-tunes.cs
using Vepp2k.Machine;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Tracking;

var tw = Modes.Model("no-solenoids").Twiss(chromaticity: false);
var ring = Modes.Load("no-solenoids").Lattice;
var lattice = ring.WithoutCavities();   // delta stays fixed: the 4-D tunes
var beam = new ParticleBuffer(1);
beam.Set(0, [1e-5, 0, 1e-5, 0, 0, 0]);
var record = new TurnRecord(1, 1024);
new RingTracker(lattice).Track(beam, 1024, record: record);
var (q1, q2) = new ModeTunes(LinearOptics.Compute(lattice).Modes, new double[6]).Of(record, 0, 0, 1024);
Console.WriteLine($"optics tunes:  {tw.Tunes[0] % 1:F8} {tw.Tunes[1] % 1:F8}");
Console.WriteLine($"tracked tunes: {q1:F8} {q2:F8}");

var rays = DynamicAperture.Compute(ring, new TrackingOptions(ApertureX: 0.02, ApertureY: 0.02), turns: 200,
    rays: 3, deltas: [0.0], maxAmplitude: 0.02, steps: 8);
foreach (var r in rays) Console.WriteLine($"DA at {r.Angle * 180 / Math.PI:F0} deg: {r.Amplitude * 1e3:F2} mm");
