using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

public class BeamTests
{
    private const double Emass = 0.51099895e-3;
    private const double Pmass = 0.93827208816;

    [Fact]
    public void ElectronByEnergy()
    {
        var beam = Madx.Parse("beam, particle=electron, energy=1.5;").Beam!;
        Assert.Equal("electron", beam.Particle);
        Assert.Equal(Emass, beam.MassGeV);
        Assert.Equal(-1, beam.Charge);
        Assert.Equal(1.5, beam.EnergyGeV);
        Assert.Equal(1.5 / Emass, beam.Gamma, 9);
    }

    [Fact]
    public void PositronByMomentum()
    {
        var beam = Madx.Parse("BEAM, PARTICLE=POSITRON, PC=0.5;").Beam!;
        Assert.Equal(Math.Sqrt(0.25 + Emass * Emass), beam.EnergyGeV, 15);
        Assert.Equal(0.5, beam.Pc, 12);
        Assert.Equal(1, beam.Charge);
    }

    [Fact]
    public void ProtonByGammaAndByBeta()
    {
        Assert.Equal(2 * Pmass, Madx.Parse("beam, particle=proton, gamma=2;").Beam!.EnergyGeV, 15);
        Assert.Equal(1.25 * Pmass, Madx.Parse("beam, particle=proton, beta=0.6;").Beam!.EnergyGeV, 12);
    }

    [Fact]
    public void ElectronByRigidity()
    {
        // pc = B rho * c = 1 T m * 0.299792458 GeV/(T m).
        var beam = Madx.Parse("beam, particle=electron, brho=1;").Beam!;
        Assert.Equal(0.299792458, beam.Pc, 12);
        Assert.Equal(1, beam.Brho, 12);
    }

    [Fact]
    public void OtherParticlesNeedMassAndKeepCharge()
    {
        var beam = Madx.Parse("beam, particle=deuteron, mass=1.875612, charge=1, energy=3;").Beam!;
        Assert.Equal("deuteron", beam.Particle);
        Assert.Equal(1.875612, beam.MassGeV);
        Assert.Equal(3, beam.EnergyGeV);
        Assert.Equal(Pmass, Madx.Parse("beam, particle=antiproton, energy=5;").Beam!.MassGeV);
        Assert.Equal(-1, Madx.Parse("beam, particle=negmuon, energy=5;").Beam!.Charge);
    }

    [Fact]
    public void DefaultsAndOtherNumbers()
    {
        var beam = Madx.Parse("e0 = 0.7; beam, energy=e0, ex=1e-7, ey:=2e-9, npart=1e10, radiate, sequence=ring;").Beam!;
        Assert.Equal("positron", beam.Particle);
        Assert.Equal(0.7, beam.EnergyGeV);
        Assert.Equal(1e-7, beam.Numbers["ex"]);
        Assert.Equal(2e-9, beam.Numbers["ey"]);
        Assert.Equal(1e10, beam.Numbers["npart"]);
        Assert.Equal(1, beam.Numbers["radiate"]);
        Assert.False(beam.Numbers.ContainsKey("energy"));
    }

    [Fact]
    public void LaterBeamCommandsUpdateOnlyWhatTheyName()
    {
        var beam = Madx.Parse("beam, particle=electron, energy=1, ex=1e-8; beam, pc=2;").Beam!;
        Assert.Equal("electron", beam.Particle);
        Assert.Equal(Math.Sqrt(4 + Emass * Emass), beam.EnergyGeV, 15);
        Assert.Equal(1e-8, beam.Numbers["ex"]);
        Assert.Equal(2 * Pmass, Madx.Parse("beam, particle=electron, gamma=2; beam, particle=proton;").Beam!.EnergyGeV, 15);
    }

    [Fact]
    public void NoBeamCommandMeansNullButBeamAttributesHaveMadxDefaults()
    {
        var document = Madx.Parse("x := beam->energy;");
        Assert.Null(document.Beam);
        Assert.Equal(1, document.GetVariable("x"));
    }

    [Fact]
    public void BeamAttributesInExpressions()
    {
        var document = Madx.Parse("beam, particle=electron, energy=2; brho := beam->pc / clight * 1e9; g = beam->gamma;");
        Assert.Equal(Math.Sqrt(4 - Emass * Emass) / 299792458 * 1e9, document.GetVariable("brho"), 12);
        Assert.Equal(2 / Emass, document.GetVariable("g"), 6);
    }

    [Theory]
    [InlineData("beam, particle=unobtainium, energy=1;", "unknown particle")]
    [InlineData("beam, particle=proton, energy=0.5;", "below the mass")]
    [InlineData("beam, particle=proton, beta=1.5;", "beta")]
    [InlineData("beam, mass=-1;", "mass must be positive")]
    public void InvalidBeamsFailWithTheLine(string command, string message)
    {
        var error = Madx.Fails("x = 1;\n" + command);
        Assert.Equal(2, error.Line);
        Assert.Contains(message, error.Message);
    }
}
