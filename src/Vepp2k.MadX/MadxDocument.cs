namespace Vepp2k.MadX;

/// <summary>
/// Everything a MAD-X input defined. Deferred expressions stay live: changing a variable or an
/// attribute here is seen by every later <see cref="Expand"/>, which makes the document usable
/// as the model of a matching loop. Not thread-safe.
/// </summary>
public sealed class MadxDocument
{
    private readonly Workspace _workspace;

    internal MadxDocument(Workspace workspace) => _workspace = workspace;

    /// <summary>Non-fatal remarks, e.g. each command that was skipped rather than executed.</summary>
    public IReadOnlyList<MadxDiagnostic> Warnings => _workspace.Warnings.AsReadOnly();

    /// <summary>The beam from the BEAM command(s); null if there was none.</summary>
    public MadxBeam? Beam => _workspace.Beam;

    /// <summary>The line or sequence named by the last USE, lower-case.</summary>
    public string? UsedLine => _workspace.UsedLine;

    /// <summary>Names of all lines and sequences, lower-case.</summary>
    public IReadOnlyCollection<string> LineNames => [.. _workspace.Lines.Keys.Union(_workspace.Sequences.Keys)];

    /// <summary>Names of all user variables (not the predefined constants), lower-case.</summary>
    public IReadOnlyCollection<string> VariableNames => [.. _workspace.VariableNames];

    /// <summary>Names of all defined elements, lower-case.</summary>
    public IReadOnlyCollection<string> ElementNames => [.. _workspace.Elements.Keys];

    /// <summary>Current value of a variable or predefined constant; deferred expressions are evaluated now.</summary>
    public double GetVariable(string name) => _workspace.ReadVariable(Normalize(name), SourceLocation.Api);

    /// <summary>True for defined variables and predefined constants (pi, emass, ...).</summary>
    public bool HasVariable(string name)
    {
        string key = Normalize(name);
        return Builtins.IsConstant(key) || _workspace.FindVariable(key) is not null;
    }

    /// <summary>Sets a variable to a fixed value, like "name = value;"; deferred expressions using it follow.</summary>
    public void SetVariable(string name, double value) =>
        _workspace.Assign(Normalize(name), Formula.Fixed(Finite(value), SourceLocation.Api), SourceLocation.Api);

    /// <summary>Sets an element attribute to a fixed value, like "element->attribute = value;".</summary>
    public void SetAttribute(string element, string attribute, double value) =>
        _workspace.SetAttribute(Normalize(element), Normalize(attribute),
            new NumberValue(Formula.Fixed(Finite(value), SourceLocation.Api)), SourceLocation.Api);

    /// <summary>Current value of element->attribute (0 if the element lacks it, as in MAD-X).</summary>
    public double GetAttribute(string element, string attribute) =>
        _workspace.ReadAttribute(Normalize(element), Normalize(attribute), SourceLocation.Api);

    /// <summary>
    /// Flattens a line or sequence (default: the one in USE) into elements with positions,
    /// inserting drifts between sequence elements and evaluating all attributes now.
    /// </summary>
    public IReadOnlyList<MadxElement> Expand(string? lineName = null)
    {
        string name = lineName is null
            ? _workspace.UsedLine ?? throw new MadxException(SourceLocation.Api, "no line given and no USE in the input")
            : Normalize(lineName);
        return Expander.Expand(_workspace, name);
    }

    private static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant();
    }

    private static double Finite(double value) =>
        double.IsFinite(value) ? value : throw new MadxException(SourceLocation.Api, $"value {value} is not finite");
}
