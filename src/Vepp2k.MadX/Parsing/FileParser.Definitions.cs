namespace Vepp2k.MadX;

/// <summary>Definitions: lines, sequences, elements and sequence placements.</summary>
internal sealed partial class FileParser
{
    private void ParseLine(Token label)
    {
        cursor.Expect(TokenKind.Assign, "'=' after LINE");
        var body = new LineParser(cursor).ParseBody();
        cursor.Expect(TokenKind.Semicolon, "';'");
        if (Workspace.Lines.ContainsKey(label.Text)) Warn(label, $"line '{label.Text}' redefined");
        Workspace.Lines[label.Text] = new LineDef(label.Text, body, cursor.Location(label));
        Workspace.Changed();
    }

    private void BeginSequence(Token label)
    {
        var at = cursor.Location(label);
        Formula? length = null;
        var refer = Refer.Centre;
        foreach (var attribute in AttributeListParser.Parse(cursor))
        {
            switch (attribute.Name, attribute.Value)
            {
                case ("l", ExpressionRaw e):
                    length = Formula.Deferred(e.Expression, attribute.Location);
                    break;
                case ("refer", TextRaw t):
                    refer = ParseRefer(t.Text, attribute.Location);
                    break;
                case ("refpos", _):
                    throw new MadxException(attribute.Location, "REFPOS is not supported");
                default:
                    Workspace.Warn(attribute.Location, $"sequence attribute '{attribute.Name}' ignored");
                    break;
            }
        }
        if (length is null) throw new MadxException(at, $"sequence '{label.Text}' needs a length L");
        session.BeginSequence(new SequenceDef(label.Text, length, refer, at));
    }

    private static Refer ParseRefer(string text, SourceLocation at) => text.ToLowerInvariant() switch
    {
        "entry" => Refer.Entry,
        "centre" or "center" => Refer.Centre,
        "exit" => Refer.Exit,
        _ => throw new MadxException(at, $"REFER must be ENTRY, CENTRE or EXIT, not '{text}'"),
    };

    // label: class_or_element, attributes;  (inside a sequence also places it)
    private void DefineElement(Token label, Token parentName)
    {
        var at = cursor.Location(label);
        if (ElementClasses.IsKeyword(label.Text)) throw new MadxException(at, $"'{label.Text}' is a MAD-X class name");
        ElementDef? parent = Workspace.Elements.GetValueOrDefault(parentName.Text);
        string keyword = parent?.Keyword
            ?? (ElementClasses.IsKeyword(parentName.Text)
                ? parentName.Text
                : throw new MadxException(at, $"unknown element class '{parentName.Text}'"));
        var attributes = AttributeListParser.Parse(cursor);
        var placement = session.OpenSequence is null ? null : TakePlacement(attributes, at);
        var def = new ElementDef(label.Text, keyword, parent, at);
        foreach (var attribute in attributes) def.Set(attribute.Name, AttributeConversion.ToValue(attribute, Workspace));
        if (Workspace.Elements.ContainsKey(label.Text) && placement is null) Warn(label, $"element '{label.Text}' redefined");
        Workspace.Elements[label.Text] = def;
        Workspace.Changed();
        if (placement is not null) session.OpenSequence!.Placements.Add(placement with { Name = label.Text });
    }

    private void ParseElementStatement(string name, SourceLocation at)
    {
        if (session.OpenSequence is not null)
        {
            var attributes = AttributeListParser.Parse(cursor);
            var placement = TakePlacement(attributes, at);
            ElementDef? local = null;
            if (attributes.Count > 0)
            {
                // Extra attributes on a placement change only this occurrence.
                var parent = Workspace.Elements.GetValueOrDefault(name)
                    ?? throw new MadxException(at, $"'{name}' must be a defined element to take attributes here");
                local = new ElementDef(name, parent.Keyword, parent, at);
                foreach (var attribute in attributes) local.Set(attribute.Name, AttributeConversion.ToValue(attribute, Workspace));
            }
            session.OpenSequence.Placements.Add(placement with { Name = name, Local = local });
        }
        else if (Workspace.Elements.TryGetValue(name, out var def))
        {
            foreach (var attribute in AttributeListParser.Parse(cursor))
            {
                def.Set(attribute.Name, AttributeConversion.ToValue(attribute, Workspace));
            }
            Workspace.Changed();
        }
        else
        {
            Workspace.Warn(at, $"unknown command '{name}'; skipped");
            CommandSkipper.SkipStatement(cursor);
        }
    }

    /// <summary>Removes AT and FROM from a sequence entry's attributes and builds its placement.</summary>
    private static Placement TakePlacement(List<RawAttribute> attributes, SourceLocation at)
    {
        Formula? position = null;
        string? from = null;
        foreach (var attribute in attributes)
        {
            switch (attribute.Name, attribute.Value)
            {
                case ("at", ExpressionRaw e):
                    position = Formula.Deferred(e.Expression, attribute.Location);
                    break;
                case ("from", TextRaw t):
                    from = t.Text.ToLowerInvariant();
                    break;
                case ("at" or "from", _):
                    throw new MadxException(attribute.Location, $"invalid value for '{attribute.Name}'");
            }
        }
        attributes.RemoveAll(a => a.Name is "at" or "from");
        if (position is null) throw new MadxException(at, "element in a sequence needs AT");
        return new Placement("", null, position, from, at);
    }
}
