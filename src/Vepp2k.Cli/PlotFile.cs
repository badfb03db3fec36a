using ScottPlot;

namespace Vepp2k.Cli;

/// <summary>Writes a plot as SVG when the file's name ends in .svg, else as PNG: every --plot option takes either.</summary>
public static class PlotFile
{
    public static void Save(Plot plot, string path, int width, int height)
    {
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) plot.SaveSvg(path, width, height);
        else plot.SavePng(path, width, height);
    }
}
