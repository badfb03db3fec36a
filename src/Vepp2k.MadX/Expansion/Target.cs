namespace Vepp2k.MadX;

/// <summary>What a name in a line or sequence stands for. Exactly one member is set.</summary>
internal readonly record struct Target(LineDef? Line, SequenceDef? Sequence, ElementDef? Element, string? Class)
{
    /// <summary>Resolves in the order line, sequence, element, bare MAD-X class (e.g. MARKER).</summary>
    public static Target Resolve(Workspace workspace, string name, SourceLocation at)
    {
        if (workspace.Lines.TryGetValue(name, out var line)) return new Target(line, null, null, null);
        if (workspace.Sequences.TryGetValue(name, out var sequence)) return new Target(null, sequence, null, null);
        if (workspace.Elements.TryGetValue(name, out var element)) return new Target(null, null, element, null);
        if (ElementClasses.IsKeyword(name)) return new Target(null, null, null, name);
        throw new MadxException(at, $"unknown element, line or sequence '{name}'");
    }
}
