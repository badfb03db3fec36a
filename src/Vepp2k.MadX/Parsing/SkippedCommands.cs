namespace Vepp2k.MadX;

/// <summary>
/// MAD-X commands the reader recognises but does not execute: actions (twiss, survey, ...),
/// output, matching, tracking, editing and program control. They are skipped with a warning
/// so that ordinary MAD-X job files can be read for their lattice definitions.
/// </summary>
internal static class SkippedCommands
{
    private static readonly HashSet<string> Single =
    [
        "twiss", "emit", "select", "deselect", "write", "value", "option", "show", "print", "printf",
        "system", "exec", "savebeta", "survey", "assign", "plot", "setplot", "resplot", "help", "title",
        "set", "save", "sixtrack", "makethin", "dumpsequ", "delete", "readtable", "readmytable", "fill",
        "create", "setvars", "setvars_lin", "fill_knob", "touschek", "ibs", "aperture", "dynap", "sodd",
        "sxfread", "sxfwrite", "esave", "renamefile", "copyfile", "removefile", "ealign", "efcomp",
        "eoption", "seterr", "coguess", "correct", "usekick", "usemonitor", "csave", "resbeam", "shrink",
        "use_macro", "vary", "constraint", "lmdif", "migrad", "simplex", "jacobian", "global", "weight",
        "gweight", "endmatch", "endedit", "endtrack", "start", "observe", "run", "install", "move",
        "remove", "replace", "extract", "flatten", "cycle", "reflect", "beta0",
    ];

    // Commands that open a block which runs to a closing command; everything between is skipped.
    private static readonly Dictionary<string, string> Blocks = new()
    {
        ["match"] = "endmatch",
        ["seqedit"] = "endedit",
        ["track"] = "endtrack",
    };

    public static bool IsSkipped(string name) =>
        Single.Contains(name) || Blocks.ContainsKey(name) || name.StartsWith("ptc_", StringComparison.Ordinal);

    public static string? BlockEnd(string name) => Blocks.GetValueOrDefault(name);

    /// <summary>if / elseif / else / while: control flow is never executed.</summary>
    public static bool IsControl(string name) => name is "if" or "elseif" or "else" or "while";
}
