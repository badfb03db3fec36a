using CsCheck;
using Vepp2k.Machine.Beam;

namespace Vepp2k.Machine.Tests.Beam;

public class RingErrorsFileTests
{
    [Fact]
    public void AWrittenSetReadsBackTheSame()
    {
        var errors = RingErrors.Generate(42);
        var read = RingErrorsFile.Parse(RingErrorsFile.Write(errors), "test");
        foreach (var (name, e) in errors.Magnets) Assert.Equal(e, read.Magnet(name));
        foreach (var (name, e) in errors.Bpms) Assert.Equal(e, read.Bpm(name));
        foreach (var (name, e) in errors.Ccds) Assert.Equal(e, read.Ccd(name));
    }

    [Theory]
    [InlineData("""{"magnets": {"9F1": {"field": 1e-3}}}""", "no magnet '9F1'")]
    [InlineData("""{"magnets": {"1F1": {"feld": 1e-3}}}""", "feld")]
    [InlineData("""{"magnets": {"1F1": {"dx": 0.1}}}""", "outside")]
    [InlineData("""{"magnets": {"1M1": {"dx": 1e-4}}}""", "dipole offsets")]
    [InlineData("""{"magnets": {"1S2": {"roll": 1e-3}}}""", "field error only")]
    [InlineData("""{"bpms": {"BPM5": {}}}""", "no BPM")]
    [InlineData("""{"ccds": {"1M3L": {}}}""", "no CCD")]
    [InlineData("""{"magnets": {"1F1": null}}""", "null")]
    [InlineData("""{"magnets": {"1F1": {"field": NaN}}}""", "errors file")]
    [InlineData("null", "empty")]
    public void BadFilesAreRefusedWithTheReason(string json, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => RingErrorsFile.Parse(json, "bad.json"));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void AnyTextIsAnErrorSetOrAClearRefusal()
    {
        // Fuzz: arbitrary text and mutations of a valid file end in an error set or an ArgumentException, never anything else.
        string valid = RingErrorsFile.Write(RingErrors.Generate(1));
        var mutated = Gen.Int[0, valid.Length - 1].SelectMany(i => Gen.Char.Select(c => valid[..i] + c + valid[(i + 1)..]));
        Gen.OneOf(Gen.String, mutated).Sample(text =>
        {
            try { RingErrorsFile.Parse(text, "fuzz"); }
            catch (ArgumentException) { }
        }, iter: 2000);
    }
}
