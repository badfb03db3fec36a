using System.Globalization;
using Vepp2k.Machine.Magnets;
using Vepp2k.Physics;

namespace Vepp2k.Machine.Tests.Magnets;

/// <summary>
/// The computed curves (Data/computed/*.csv, written by the Gmsh/GetDP sweep of vepp2k magnetics) in
/// the catalogue: selecting them makes every dipole and quadrupole convert current to field or gradient, and so
/// to the online model's energy and K1, through the solver's table, read here straight from the files.
/// </summary>
public sealed class ComputedCurveTests
{
    [Theory]
    [InlineData("1F1", "quadrupole-standard.csv")]
    [InlineData("2D3", "quadrupole-standard.csv")]
    [InlineData("4F3", "quadrupole-short.csv")]
    [InlineData("1M1", "dipole.csv")]
    [InlineData("3M2", "dipole.csv")]
    public void SelectingTheComputedCurvesMapsCurrentToTheSolversGradient(string name, string file)
    {
        var rows = Rows(file);
        var magnet = MagnetCatalogue.Computed.Find(name);
        Assert.Equal(CurveSet.Computed, MagnetCatalogue.Computed.Curves);
        Assert.Contains(file, Assert.IsType<TableCurve>(magnet.Curve).Origin);
        Assert.Equal(rows[^1].Current, magnet.MaxCurrent);
        for (int k = 0; k < rows.Length; k++)
        {
            Assert.Equal(rows[k].Field, magnet.FieldFromCurrent(rows[k].Current), 12);
            Assert.Equal(rows[k].Current, magnet.CurrentFromField(rows[k].Field), 9);
            if (k == 0) continue;
            // Halfway between two solved currents: halfway between their gradients.
            double i = (rows[k - 1].Current + rows[k].Current) / 2, g = (rows[k - 1].Field + rows[k].Field) / 2;
            Assert.Equal(g, magnet.FieldFromCurrent(i), 12);
        }
    }

    [Fact]
    public void TheOnlineModelsStrengthsFollowTheComputedTableNotTheAnalyticCurve()
    {
        var rows = Rows("quadrupole-standard.csv");
        var (computed, analytic) = (MagnetCatalogue.Computed, MagnetCatalogue.Default);
        var currents = new double[computed.Magnets.Count];
        int f1 = computed.IndexOf("1F1");
        var row = rows[^1];   // at the top, where the computed iron saturates more than the circuit model
        currents[f1] = row.Current;
        var (k1, k1Analytic) = (new double[currents.Length], new double[currents.Length]);
        computed.ToStrengths(1e9, currents, k1);
        analytic.ToStrengths(1e9, currents, k1Analytic);
        Assert.Equal(row.Field / Constants.MagneticRigidity(1e9), k1[f1], 12);
        Assert.True(Math.Abs(k1[f1] - k1Analytic[f1]) > 0.05 * k1Analytic[f1], $"computed K1 {k1[f1]} against analytic {k1Analytic[f1]}");
        Assert.Equal(CurveSet.Analytic, analytic.Curves);
    }

    [Fact]
    public void ATableThatIsNotIncreasingOrNotNumbersIsRefused()
    {
        Assert.Contains("row 3", Assert.Throws<ArgumentException>(() => TableCurve.Parse("t", "# made up\n0,0\n10,1\n20,0.9\n")).Message);
        Assert.Throws<InvalidDataException>(() => TableCurve.Parse("t", "0,0\n10;1\n"));
        Assert.Throws<ArgumentException>(() => TableCurve.Parse("t", "# only notes\n0,0\n"));
        var ok = TableCurve.Parse("t.csv", "# vepp2k magnetics quad --sweep\n0,0\n10,2\n");
        Assert.Equal("t.csv (vepp2k magnetics quad --sweep)", ok.Origin);
        Assert.Equal(1.5, ok.Current(0.3, HysteresisBranch.Down), 12);
    }

    /// <summary>The "current,field" rows of a checked-in table, # lines skipped.</summary>
    private static (double Current, double Field)[] Rows(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Computed", file))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToArray();
}
