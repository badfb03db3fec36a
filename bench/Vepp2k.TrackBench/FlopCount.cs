using System.Globalization;
using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;

/// <summary>
/// Floating-point operations of one particle's turn in the 4-D vector tracker, element by element, counted
/// with <see cref="CountingScalar"/> through the same public building blocks the maps are made of. A
/// quadrupole's 4-D vector pass applies its map kept for the particle's delta (QuadrupoleMapVector): 37
/// operations, counted by hand from that code. Elements of other kinds are refused rather than guessed.
/// </summary>
internal static class FlopCount
{
    private const int QuadrupoleCached = 37;

    public static void Report(Lattice ring)
    {
        var c = CultureInfo.InvariantCulture;
        long flops = 0, functions = 0;
        foreach (var group in ring.Elements.GroupBy(e => e.Keyword))
        {
            var counts = group.Select(Count).ToArray();
            long f = counts.Sum(x => x.Flops), fn = counts.Sum(x => x.Functions);
            flops += f;
            functions += fn;
            Console.WriteLine(string.Create(c, $"{group.Key,-12} x{group.Count(),4}: {f,6} flops, {fn,4} sqrt/trig/atan2 calls in all"));
        }
        Console.WriteLine(string.Create(c, $"per particle-turn: {flops} flops and {functions} function calls"));
    }

    private static (long Flops, long Functions) Count(Element element)
    {
        if (element is Quadrupole) return (QuadrupoleCached, 0);
        CountingScalar.Flops = CountingScalar.Functions = 0;
        var p = new Phase<CountingScalar>(new(1e-3), new(1e-4), new(1e-3), new(1e-4), new(1e-4), new(0));
        switch (element)
        {
            case Drift d: Drift.Apply(ref p, d.Length); break;
            case Marker: break;
            case SectorBend b: b.Apply(ref p); break;
            case ThickMultipole m: m.Apply(ref p); break;
            default: throw new NotSupportedException($"no flop count for {element.Keyword} {element.Name}");
        }
        return (CountingScalar.Flops, CountingScalar.Functions);
    }
}
