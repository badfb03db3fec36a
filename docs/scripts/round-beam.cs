#:project ../../src/Vepp2k.Machine/Vepp2k.Machine.csproj
// The round-beam design at 1 GeV: beta* in both planes at both IPs, eigen-tunes, chromaticity,
// and the radiative equilibrium. Run: dotnet run docs/scripts/round-beam.cs
using Vepp2k.Machine;

var ring = Modes.Model("design-1GeV");
var tw = ring.Twiss();
foreach (var ip in new[] { "SND", "CMD" })
{
    var row = tw[ip];
    // Each plane's beta summed over both modes: the beam size for equal mode emittances.
    Console.WriteLine($"{ip}: beta_x = {row.BetaXBothModes:F4} m, beta_y = {row.BetaYBothModes:F4} m");
}
Console.WriteLine($"tunes: {tw.Tunes[0]:F6} {tw.Tunes[1]:F6}");
Console.WriteLine($"chromaticity: {tw.Chromaticity![0]:F4} {tw.Chromaticity[1]:F4}");
var beam = ring.Equilibrium();
Console.WriteLine($"emittances: {beam.Emittances[0]:E4} {beam.Emittances[1]:E4} m rad");
Console.WriteLine($"energy spread: {beam.EnergySpread:E4}, bunch length: {beam.BunchLength * 100:F3} cm");
