#:project ../../src/Vepp2k.Machine/Vepp2k.Machine.csproj
// Twiss of a transfer line from initial conditions: the half ring from SND to CMD, started from
// the ring's own functions at SND, must arrive at the ring's functions at CMD.
// Run: dotnet run docs/scripts/transfer-line.cs
using Vepp2k.Machine;
using Vepp2k.Physics.Optics;

var ring = Modes.Model("no-solenoids");
var closed = ring.Twiss(chromaticity: false);
var half = ring.TwissLine(TwissInitial.From(closed["SND"]), from: "SND", to: "CMD");
var end = half.Rows[^1];
Console.WriteLine($"line end: {end.Name}, beta_x = {end.BetX:F6} m, beta_y = {end.BetY:F6} m, D_x = {end.Dx:F6} m");
Console.WriteLine($"ring at CMD: beta_x = {closed["CMD"].BetX:F6} m, beta_y = {closed["CMD"].BetY:F6} m, D_x = {closed["CMD"].Dx:F6} m");
Console.WriteLine($"phase advance SND-CMD: {end.MuX:F6} {end.MuY:F6}");
