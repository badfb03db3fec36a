using ScottPlot;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Cli;

/// <summary>
/// Beta functions and dispersion along the ring with an element bar (bends, quadrupoles by sign,
/// solenoids), PNG or SVG by the file's extension. Betas are the Mais-Ripken plane projections
/// beta_x = beta_11 + beta_21 and beta_y = beta_12 + beta_22 (the beam size for equal emittances),
/// which are continuous through coupled regions where the Edwards-Teng functions flip.
/// </summary>
public static class OpticsPlot
{
    public static void Save(RingOptics optics, string path, string title)
    {
        // Drawn from a finely cut copy of the ring so the curves are smooth inside elements.
        var rows = LinearOptics.Compute(Slicing.Fine(optics.Lattice, 0.02)).Rows;
        double[] s = rows.Select(r => r.S).ToArray();
        var plot = new Plot();
        plot.Title(title);
        var bx = plot.Add.Scatter(s, rows.Select(r => r.BetaXBothModes).ToArray());
        bx.LegendText = "beta_x [m]";
        bx.MarkerSize = 0;
        var by = plot.Add.Scatter(s, rows.Select(r => r.BetaYBothModes).ToArray());
        by.LegendText = "beta_y [m]";
        by.MarkerSize = 0;
        var dx = plot.Add.Scatter(s, rows.Select(r => 10 * r.Dx).ToArray());
        dx.LegendText = "10 x D_x [m]";
        dx.MarkerSize = 0;
        dx.LinePattern = LinePattern.Dashed;

        double top = rows.Max(r => Math.Max(r.BetaXBothModes, r.BetaYBothModes));
        double bar = -0.08 * top, h = 0.05 * top;
        var lattice = optics.Lattice;
        for (int i = 0; i < lattice.Elements.Count; i++)
        {
            var e = lattice.Elements[i];
            double end = lattice.ExitPositions[i], start = end - e.Length;
            (Color color, double y0, double y1)? box = e switch
            {
                SectorBend => (Colors.RoyalBlue, bar - h / 2, bar + h / 2),
                Quadrupole q when q.K1 >= 0 => (Colors.Crimson, bar, bar + h),
                Quadrupole => (Colors.Crimson, bar - h, bar),
                Solenoid or ProfiledSolenoid => (Colors.ForestGreen, bar - h, bar + h),
                _ => null,
            };
            if (box is not { } b || e.Length == 0) continue;
            var rect = plot.Add.Rectangle(start, end, b.y0, b.y1);
            rect.FillStyle.Color = b.color;
            rect.LineStyle.Width = 0;
        }
        plot.Add.HorizontalLine(bar, 1, Colors.Gray);
        plot.XLabel("s [m]");
        plot.YLabel("m");
        plot.ShowLegend(Alignment.UpperRight);
        PlotFile.Save(plot, path, 1600, 600);
    }
}
