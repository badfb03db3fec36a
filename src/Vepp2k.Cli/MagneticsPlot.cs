using ScottPlot;
using Vepp2k.Machine.Magnets;
using Vepp2k.Magnetics;

namespace Vepp2k.Cli;

/// <summary>Plots of vepp2k magnetics: the |B| map of a cross-section with flux lines and its outline, and the excitation curve.</summary>
public static class MagneticsPlot
{
    /// <summary>Half size of the square the map covers [m]: the whole iron, turned as the solver turns it.</summary>
    public static double HalfWidth(MagnetSection section) =>
        1.05 * section.Pieces.SelectMany(p => p.Corners).Select(c => c.Rotated(section.Rotation))
            .Max(c => Math.Max(Math.Abs(c.X), Math.Abs(c.Y)));

    public static void Map(MagnetSection section, FieldSolution s, string path)
    {
        var map = s.Map ?? throw new ArgumentException("the solution has no field map");
        int n = map.Points;
        var data = new double[n, n];
        // Heatmap rows run top to bottom; the map's run in increasing y.
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                data[n - 1 - j, i] = map.Norm[j * n + i];
        var plot = new Plot();
        var heat = plot.Add.Heatmap(data);
        heat.Colormap = new ScottPlot.Colormaps.Turbo();
        double w = map.HalfWidth * 1e3;
        heat.Extent = new CoordinateRect(-w, w, -w, w);
        plot.Add.ColorBar(heat).Label = "|B| [T]";
        // Flux lines: contours of a_z, equally spaced in flux, so their density is the field.
        var potential = new Coordinates3d[n, n];
        double step = 2 * w / (n - 1);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                potential[j, i] = new Coordinates3d(-w + i * step, -w + j * step, map.Potential[j * n + i]);
        var flux = plot.Add.ContourLines(potential, 30);
        flux.LineColor = Colors.White.WithAlpha(0.6);
        flux.LabelStyle.IsVisible = false;
        foreach (var piece in section.Pieces)
        {
            var corners = piece.Corners.Append(piece.Corners[0]).Select(c => c.Rotated(section.Rotation)).ToArray();
            var line = plot.Add.Scatter(corners.Select(c => c.X * 1e3).ToArray(), corners.Select(c => c.Y * 1e3).ToArray());
            line.MarkerSize = 0;
            line.LineWidth = 1;
            line.Color = piece.Material == Material.Iron ? Colors.White : Colors.Black;
        }
        plot.Title($"{section.Name} at {s.Current:G6} A: |B| and flux lines (AISI 1010 steel)");
        plot.XLabel("x [mm]");
        plot.YLabel("y [mm]");
        plot.Axes.SquareUnits();
        plot.SavePng(path, 900, 800);
    }

    public static void Curve(MagnetSection section, IReadOnlyList<ExcitationPoint> points, Magnet reference, string path)
    {
        var plot = new Plot();
        double[] i = points.Select(p => p.Current).ToArray();
        var computed = plot.Add.Scatter(i, points.Select(p => p.MainField).ToArray());
        computed.LegendText = "computed (Gmsh + GetDP, AISI 1010)";
        double[] fine = Enumerable.Range(0, 101).Select(k => reference.MaxCurrent * k / 100).ToArray();
        var analytic = plot.Add.Scatter(fine, fine.Select(x => reference.FieldFromCurrent(x)).ToArray());
        analytic.LegendText = $"catalogue analytic curve ({reference.Name})";
        analytic.MarkerSize = 0;
        analytic.LinePattern = LinePattern.Dashed;
        plot.Title($"{section.Name}: excitation curve");
        plot.XLabel("current [A]");
        plot.YLabel(section.Order == 1 ? "B [T]" : "G [T/m]");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1000, 600);
    }
}
