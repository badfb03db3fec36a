using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Runtime;

/// <summary>The four magnet subsystems, in the order a restore brings them up.</summary>
public static class Subsystem
{
    public const string Dipoles = "dipoles";
    public const string Quads = "quads";
    public const string Solenoids = "solenoids";
    public const string Correctors = "correctors";

    /// <summary>
    /// Restore order: the dipoles fix the energy (every other strength scales with it), then the
    /// quads, then the SC solenoids (whose coupling the quads were matched with), then the trims.
    /// </summary>
    public static readonly IReadOnlyList<string> RestoreOrder = [Dipoles, Quads, Solenoids, Correctors];

    public static string Of(MagnetKind kind) => kind switch
    {
        MagnetKind.Dipole => Dipoles,
        MagnetKind.Quadrupole => Quads,
        MagnetKind.SolenoidSection => Solenoids,
        _ => Correctors,
    };

    /// <summary>Parses a comma list ("quads,solenoids"); refuses unknown names.</summary>
    public static IReadOnlyList<string> Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return RestoreOrder;
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).ToList();
        var unknown = names.Where(n => !RestoreOrder.Contains(n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown subsystem(s) {string.Join(", ", unknown)}; known: {string.Join(", ", RestoreOrder)}");
        return RestoreOrder.Where(names.Contains).ToList();
    }
}
