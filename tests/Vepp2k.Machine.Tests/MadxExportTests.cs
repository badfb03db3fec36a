using System.Text.Json;
using Vepp2k.Machine.Ring;
using Vepp2k.MadX;
using Vepp2k.Physics.Input;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Tests;

/// <summary>
/// The --madx export of every mode, as MAD-X and PTC read it. Reference.json holds what MAD-X 5.09.03
/// TWISS and PTC_TWISS computed from these exports (bench/peers/reference.py; docs/validation.md).
/// </summary>
public sealed class MadxExportTests
{
    private static readonly JsonElement Modes = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "reference.json"))).RootElement.GetProperty("modes");

    public static TheoryData<string> ModeNames() => [.. Machine.Modes.All.Select(m => m.Name)];

    private static string Export(string mode)
    {
        var lattice = Machine.Modes.Load(mode).Lattice;
        return LatticeWriter.Write(lattice, mode, "test export", ModeDesigns.ProvenanceOf(mode), lattice.EnergyEv, portableNames: true);
    }

    [Theory, MemberData(nameof(ModeNames))]
    public void Export_names_start_with_a_letter_and_map_back(string mode)
    {
        var lattice = Machine.Modes.Load(mode).Lattice;
        var exported = MadxLattice.Build(MadxReader.ParseText(Export(mode))).Lattice;
        Assert.All(exported.Elements, e => Assert.True(char.IsAsciiLetter(e.Name[0]), e.Name));
        // Whole elements keep their name through the rule; a field-profile run is written as its pieces.
        var whole = lattice.Elements.Where(e => e.Keyword != "solenoid").Select(e => e.Name).ToList();
        var back = exported.Elements.Select(e => MadxNames.FromMadx(e.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(whole, name => Assert.Contains(name, back));
    }

    [Theory, MemberData(nameof(ModeNames))]
    public void Export_gives_PTC_the_engines_fractional_tunes(string mode)
    {
        var ours = LinearOptics.Compute(Machine.Modes.Load(mode).Lattice).FractionalTunes.Order().ToArray();
        var ptc = Modes.GetProperty(mode).GetProperty("ptc");
        double[] theirs = [.. new[] { ptc.GetProperty("q1").GetDouble(), ptc.GetProperty("q2").GetDouble() }.Select(q => q - Math.Floor(q)).Order()];
        Assert.Equal(theirs[0], ours[0], 1e-6);
        Assert.Equal(theirs[1], ours[1], 1e-6);
    }

    [Theory, MemberData(nameof(ModeNames))]
    public void Export_read_back_by_our_reader_is_the_same_ring(string mode)
    {
        var ours = LinearOptics.Compute(Machine.Modes.Load(mode).Lattice);
        var exported = LinearOptics.Compute(MadxLattice.Build(MadxReader.ParseText(Export(mode))).Lattice);
        var a = ours.FractionalTunes.Order().ToArray();
        var b = exported.FractionalTunes.Order().ToArray();
        Assert.Equal(a[0], b[0], 1e-9);
        Assert.Equal(a[1], b[1], 1e-9);
        // Integer parts too, except in the Mobius ring: there the pieces written one by one give
        // 3.85 where the field-profile run gives 4.35 (PTC: 4.35), a known weakness of following the
        // phase through the plane hand-over (docs/validation.md).
        if (mode == "mobius-1GeV") return;
        Assert.Equal(ours.Tunes[0], exported.Tunes[0], 1e-9);
        Assert.Equal(ours.Tunes[1], exported.Tunes[1], 1e-9);
    }

    [Theory]
    [InlineData("design-1GeV", 1e-3)]        // the acceptance aim for the design
    [InlineData("no-solenoids", 1e-3)]
    [InlineData("mobius-1GeV", 1e-3)]
    [InlineData("operating-5cm", 2e-2)]      // Q' ~ -50 at 0.3 GeV: 3e-4 relative
    public void Chromaticity_agrees_with_PTC_on_the_export(string mode, double tolerance)
    {
        var ring = Machine.Modes.Load(mode).Lattice;
        var optics = RingOptics.Compute(ring, new OpticsOptions(Radiation: false));
        var ptc = Modes.GetProperty(mode).GetProperty("ptc");
        // At equal tunes PTC names the two chromatic branches by its own basis: compare as sets.
        var ours = optics.Chromaticity!.Order().ToArray();
        double[] theirs = [.. new[] { ptc.GetProperty("dq1").GetDouble(), ptc.GetProperty("dq2").GetDouble() }.Order()];
        Assert.Equal(theirs[0], ours[0], tolerance);
        Assert.Equal(theirs[1], ours[1], tolerance);
    }

    [Theory]
    [InlineData("1F1", "v_1F1")]
    [InlineData("1S1.003", "v_1S1.003")]
    [InlineData("SND", "SND")]
    [InlineData("v_x", "v_x")]
    public void Names_that_start_with_a_digit_get_a_prefix_that_maps_back(string name, string madx)
    {
        Assert.Equal(madx, MadxNames.ToMadx(name));
        Assert.Equal(name, MadxNames.FromMadx(MadxNames.ToMadx(name)));
    }
}
