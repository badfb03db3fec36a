namespace Vepp2k.MadX;

/// <summary>The MAD-X element classes an element definition may start from.</summary>
internal static class ElementClasses
{
    private static readonly HashSet<string> Keywords =
    [
        "drift", "sbend", "rbend", "quadrupole", "sextupole", "octupole", "multipole", "solenoid",
        "hkicker", "vkicker", "kicker", "tkicker", "rfcavity", "twcavity", "crabcavity", "rfmultipole",
        "marker", "monitor", "hmonitor", "vmonitor", "instrument", "placeholder", "collimator",
        "rcollimator", "ecollimator", "beambeam", "dipedge", "srotation", "xrotation", "yrotation",
        "translation", "changeref", "elseparator", "matrix", "nllens", "wire",
    ];

    public static bool IsKeyword(string name) => Keywords.Contains(name);
}
