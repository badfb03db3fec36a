using System.Diagnostics;
using System.Text.Json;
using Vepp2k.Machine.Reports;
using Vepp2k.Physics;
using Vepp2k.Physics.Tracking;
using Xunit.Abstractions;

namespace Vepp2k.Machine.Tests;

/// <summary>
/// Dynamic-aperture grid scans against MAD-X thin TRACK and pyAT on the same ring, grid, turns, start and
/// loss rule: the no-solenoids mode (its aperture set by the 20 mm walls on most rays) and the 90-element
/// FODO ring with sextupoles bench/rings/fodo90.madx (its aperture set by the sextupoles, 7.5-10.5 mm).
/// Reference/da_peers*.json hold the peers' boundaries as bench/peers/da_compare.py wrote them (with the
/// command and the peers' versions); docs/tracking.md has the tables and why the codes differ.
/// </summary>
public sealed class DynamicApertureAgainstPeersTests(ITestOutputHelper output)
{
    private static JsonElement Peers(string file) => JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", file))).RootElement;

    private static double[] Boundaries(JsonElement peers, string code) =>
        [.. peers.GetProperty(code).GetProperty("boundary_m").EnumerateArray().Select(e => e.GetDouble())];

    // Our boundaries on the reference's grid, printed beside the peers'.
    private ApertureRay[] Scan(JsonElement peers, Lattice ring)
    {
        double step = peers.GetProperty("grid_step_m").GetDouble(), aperture = peers.GetProperty("aperture_m").GetDouble();
        int points = peers.GetProperty("grid_points").GetInt32(), turns = peers.GetProperty("turns").GetInt32();
        double[] angles = [.. peers.GetProperty("ray_angles_deg").EnumerateArray().Select(e => e.GetDouble() * Math.PI / 180)];
        var clock = Stopwatch.StartNew();
        var ours = DynamicAperture.Grid(ring, new TrackingOptions(ApertureX: aperture, ApertureY: aperture), turns, angles.Length, [0.0],
            step, step * points);
        output.WriteLine($"{angles.Length} rays x {points} points, {turns} turns: {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("angle[deg]  vepp2k[mm]  MAD-X thin[mm]  pyAT[mm]  pyAT exact bends[mm]");
        var (madx, pyat, exact) = (Boundaries(peers, "madx"), Boundaries(peers, "pyat"), Boundaries(peers, "pyat_exact_bends"));
        for (int k = 0; k < angles.Length; k++)
            output.WriteLine($"{angles[k] * 180 / Math.PI,10:F1} {ours[k].Amplitude * 1e3,11:F2} {madx[k] * 1e3,15:F2} {pyat[k] * 1e3,9:F2} {exact[k] * 1e3,21:F2}");
        Assert.Equal(angles, ours.Select(r => r.Angle), (a, b) => Math.Abs(a - b) < 1e-12);
        return ours;
    }

    private static void WithinOneStep(JsonElement peers, ApertureRay[] ours, string code)
    {
        double step = peers.GetProperty("grid_step_m").GetDouble();
        var theirs = Boundaries(peers, code);
        for (int k = 0; k < ours.Length; k++)
            Assert.True(Math.Abs(ours[k].Amplitude - theirs[k]) <= step * (1 + 1e-9),
                $"ray {ours[k].Angle * 180 / Math.PI:F1} deg: vepp2k {ours[k].Amplitude * 1e3:F2} mm, {code} {theirs[k] * 1e3:F2} mm");
    }

    [Fact]
    public void Grid_boundaries_match_pyAT_with_the_same_bend_model_within_one_step()
    {
        var peers = Peers("da_peers.json");
        var ours = Scan(peers, Modes.Load(peers.GetProperty("mode").GetString()!).Lattice.WithoutCavities());
        // MAD-X's thin model and pyAT's default (expanded, on momentum linear) bend pass differ from
        // each other and from ours by up to four and two steps for reasons docs/tracking.md shows (aperture
        // checked inside the elements; no bend nonlinearity); pyAT with ExactSectorBendPass has our model.
        WithinOneStep(peers, ours, "pyat_exact_bends");
    }

    [Fact]
    public void Sextupole_limited_boundaries_of_the_FODO_ring_match_MADX_and_pyAT_within_one_step()
    {
        var peers = Peers("da_peers_fodo90.json");
        var file = Path.Combine(AppContext.BaseDirectory, "Reference", "fodo90.madx");
        var ours = Scan(peers, OpticsSource.Resolve(file, "fodo90", null, null).Lattice.WithoutCavities());
        // Set by the dynamics: every ray ends well inside the 20 mm walls.
        Assert.All(ours, r => Assert.True(r.Amplitude < 0.6 * peers.GetProperty("aperture_m").GetDouble()));
        foreach (var code in new[] { "madx", "pyat", "pyat_exact_bends" }) WithinOneStep(peers, ours, code);
    }
}
