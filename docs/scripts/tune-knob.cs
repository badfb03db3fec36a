#:project ../../src/Vepp2k.Machine/Vepp2k.Machine.csproj
// Turn a knob and recompute: the F1 family one percent stronger, through the MAD-X variables of
// the mode file. Run: dotnet run docs/scripts/tune-knob.cs
using Vepp2k.Machine;

var ring = Modes.Model("no-solenoids");
var before = ring.Twiss(chromaticity: false);
for (int q = 1; q <= 4; q++) ring.Set($"k_{q}f1", ring.Get($"k_{q}f1") * 1.01);
var after = ring.Twiss(chromaticity: false);
Console.WriteLine($"tunes before: {before.Tunes[0]:F6} {before.Tunes[1]:F6}");
Console.WriteLine($"tunes after:  {after.Tunes[0]:F6} {after.Tunes[1]:F6}");
Console.WriteLine($"largest beta_x after: {after.Column("BETX").Max():F3} m");
