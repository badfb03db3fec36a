using System.CommandLine;
using System.Globalization;
using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Cli;

/// <summary>
/// vepp2k beambeam strongstrong: two macroparticle bunches colliding at one IP with a linear ring between,
/// the coherent dipole modes (sigma and pi) of the pair against Yokoya's factor.
/// </summary>
public static class StrongStrongCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Yokoya's factor for round Gaussian beams: the pi mode sits at Q + 1.21 xi (Part. Accel. 27 (1990) 181).</summary>
    private const double YokoyaRound = 1.21;

    public static Command Create()
    {
        var xi = new Option<double>("--xi") { Description = "nominal beam-beam parameter per bunch", DefaultValueFactory = _ => 0.05 };
        var tunes = new Option<string>("--tunes") { Description = "fractional tunes Qx,Qy (VEPP-2000: 0.1,0.1)", DefaultValueFactory = _ => "0.13,0.18" };
        var beta = new Option<double>("--beta") { Description = "beta* in both planes [m]", DefaultValueFactory = _ => 0.1 };
        var emittance = new Option<double>("--emittance") { Description = "emittance of each bunch in each plane [m]", DefaultValueFactory = _ => 1.1e-7 };
        var particles = new Option<int>("--particles") { Description = "macroparticles per bunch", DefaultValueFactory = _ => 20_000 };
        var turns = new Option<int>("--turns") { Description = "turns", DefaultValueFactory = _ => 2048 };
        var field = new Option<string>("--field") { Description = "field model: pic (particle-in-cell, open-boundary FFT) or soft (soft Gaussian)", DefaultValueFactory = _ => "pic" };
        var cells = new Option<int>("--grid") { Description = "grid cells per side (power of two)", DefaultValueFactory = _ => 128 };
        var perSigma = new Option<double>("--cells-per-sigma") { Description = "grid cells per rms size", DefaultValueFactory = _ => 8 };
        var offset = new Option<double>("--offset") { Description = "initial centroid offset of the first bunch (the second starts centred, so both modes ring) [rms sizes]", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the initial bunches", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "worker threads (0: all cores)", DefaultValueFactory = _ => 0 };
        var csv = new Option<string?>("--csv") { Description = "write the centroid history (both bunches, per turn) as CSV" };
        var plot = new Option<string?>("--plot") { Description = "plot the sigma- and pi-mode spectra (PNG or SVG)" };
        var command = new Command("strongstrong", "strong-strong beam-beam of two round bunches: coherent sigma and pi modes")
            { xi, tunes, beta, emittance, particles, turns, field, cells, perSigma, offset, seed, threads, csv, plot };
        command.SetAction(parse =>
        {
            try
            {
                var q = parse.GetValue(tunes)!.Split(',').Select(v => double.Parse(v, NumberStyles.Float, C)).ToArray();
                if (q.Length != 2) throw new ArgumentException("--tunes takes two fractional tunes, Qx,Qy");
                var model = parse.GetValue(field) switch
                {
                    "pic" => StrongStrongField.ParticleInCell,
                    "soft" => StrongStrongField.SoftGaussian,
                    var other => throw new ArgumentException($"--field must be pic or soft, not '{other}'"),
                };
                var options = new StrongStrongOptions(parse.GetValue(xi), q[0], q[1], parse.GetValue(beta), parse.GetValue(emittance),
                    parse.GetValue(particles), parse.GetValue(turns), model, parse.GetValue(offset), parse.GetValue(cells),
                    parse.GetValue(perSigma), parse.GetValue(seed), parse.GetValue(threads));
                var result = TrackProgress.Run("strong-strong", options.Turns, progress => StrongStrong.Run(options, progress));
                Report(result);
                if (parse.GetValue(csv) is { } csvPath) WriteCsv(result, csvPath);
                if (parse.GetValue(plot) is { } plotPath) StrongStrongPlot.Spectra(result, plotPath);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or FormatException)
            {
                Console.Error.WriteLine($"vepp2k beambeam strongstrong: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static void Report(StrongStrongResult r)
    {
        var o = r.Options;
        Console.WriteLine(string.Create(C, $"strong-strong beam-beam, {(o.Field == StrongStrongField.ParticleInCell ? "particle-in-cell" : "soft-Gaussian")} field: xi = {o.Xi:G4}, {o.Particles} macroparticles per bunch, {o.Turns} turns"));
        Console.WriteLine("  plane  tune     sigma mode  pi mode   (pi - Q)/xi  Yokoya (round)");
        foreach (var (name, horizontal, tune) in new[] { ("x", true, o.TuneX), ("y", false, o.TuneY) })
        {
            var (sigma, pi) = r.ModeTunes(horizontal);
            Console.WriteLine(string.Create(C, $"  {name,-5}  {tune,-7:F4}  {sigma,-10:F5}  {pi,-8:F5}  {(pi - tune) / o.Xi,-11:F3}  {YokoyaRound:F2}"));
        }
    }

    private static void WriteCsv(StrongStrongResult r, string path)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("turn,x1_m,px1,y1_m,py1,x2_m,px2,y2_m,py2");
        for (int t = 0; t < r.X[0].Length; t++)
            w.WriteLine(string.Create(C, $"{t},{r.X[0][t]:R},{r.Px[0][t]:R},{r.Y[0][t]:R},{r.Py[0][t]:R},{r.X[1][t]:R},{r.Px[1][t]:R},{r.Y[1][t]:R},{r.Py[1][t]:R}"));
    }
}
