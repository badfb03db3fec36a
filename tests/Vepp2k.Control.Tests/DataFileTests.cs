using Vepp2k.Control.Data;
using Vepp2k.Control.Devices;
using Vepp2k.Control.Nmr;
using Vepp2k.Control.Quench;

namespace Vepp2k.Control.Tests;

public class DataFileTests
{
    [Fact]
    public void Published_ratings_match_the_VEPP2000_magnet_system()
    {
        var dipole = SupplyCatalog.Get(SupplyCatalog.Dipole);
        Assert.Equal(10_000, dipole.MaxCurrent);
        Assert.Equal(1.2e6, dipole.MaxCurrent * dipole.MaxVoltage, 1e-6);
        var quad = SupplyCatalog.Get(SupplyCatalog.Quadrupole);
        Assert.Equal(300, quad.MaxCurrent);
        Assert.Equal(4000, quad.MaxCurrent * quad.MaxVoltage, 1e-6);
        var solenoid = SupplyCatalog.Get(SupplyCatalog.Solenoid);
        Assert.True(solenoid.Bipolar);
        Assert.Equal(300, solenoid.MaxCurrent);
        Assert.Equal(6, SupplyCatalog.Get(SupplyCatalog.Corrector).MaxCurrent);

        foreach (var p in SupplyCatalog.All.Values)
        {
            Assert.Equal(Provenance.Published, p.Sources["maxCurrent"].Source);
            Assert.Equal(Provenance.Assumed, p.Sources["loadInductance"].Source);
        }
        Assert.Equal(Provenance.Assumed, solenoid.Sources["maxVoltage"].Source);
    }

    [Fact]
    public void Quench_and_NMR_files_load()
    {
        var q = QuenchParameters.Load();
        Assert.Equal(["qS1", "qS2", "qS3"], q.Sections.Select(s => s.Name));
        Assert.Equal(0.1, q.DetectionThreshold);
        Assert.Equal(0.010, q.ValidationTime);
        var nmr = NmrParameters.Load();
        Assert.True(nmr.LockMin < 2.382 && 2.382 < nmr.LockMax);
    }
}
