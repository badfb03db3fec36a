using System.Globalization;

namespace Vepp2k.ArchiveRate;

/// <summary>
/// Command line of the archive-rate benchmark: how much simulated time, how fast, where the data goes.
/// </summary>
public sealed record BenchOptions(double Hours, double TimeScale, string? DataFolder)
{
    public static BenchOptions Parse(string[] args)
    {
        double hours = 1, scale = 40;
        string? data = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--hours": hours = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--time-scale": scale = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--data": data = Next(); break;
                default: throw new ArgumentException($"unknown option {args[i]}: use --hours H --time-scale S [--data DIR]");
            }
        }
        if (!(hours > 0)) throw new ArgumentException("--hours must be positive");
        return new BenchOptions(hours, scale, data);
    }
}
