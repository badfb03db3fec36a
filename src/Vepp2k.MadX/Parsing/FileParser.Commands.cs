namespace Vepp2k.MadX;

/// <summary>The commands the reader executes: BEAM, USE and CALL.</summary>
internal sealed partial class FileParser
{
    private void ParseBeam(SourceLocation at)
    {
        string? particle = null;
        var numbers = new Dictionary<string, double>();
        foreach (var attribute in AttributeListParser.Parse(cursor))
        {
            switch (attribute.Name, attribute.Value)
            {
                case ("particle", TextRaw t):
                    particle = t.Text.ToLowerInvariant();
                    break;
                case (_, TextRaw or ArrayRaw):
                    Workspace.Warn(attribute.Location, $"beam attribute '{attribute.Name}' ignored");
                    break;
                default:
                    numbers[attribute.Name] = AttributeConversion.ToNumber(attribute, Workspace);
                    break;
            }
        }
        Workspace.ApplyBeam(particle, numbers, at);
    }

    // use, sequence=NAME;  use, period=NAME;  use, NAME;
    private void ParseUse(SourceLocation at)
    {
        string? used = null;
        foreach (var attribute in AttributeListParser.Parse(cursor))
        {
            switch (attribute.Name, attribute.Value)
            {
                case ("sequence" or "period", TextRaw t):
                    used = t.Text.ToLowerInvariant();
                    break;
                case (_, FlagRaw { On: true }) when used is null:
                    used = attribute.Name;
                    break;
            }
        }
        if (used is null) throw new MadxException(at, "USE needs a sequence or line name");
        if (!Workspace.IsLineOrSequence(used)) throw new MadxException(at, $"USE of unknown sequence or line '{used}'");
        Workspace.UsedLine = used;
    }

    // call, file="name";  call, file=name;  (unquoted names are taken verbatim from the source)
    private void ParseCall(SourceLocation at)
    {
        cursor.Expect(TokenKind.Comma, "','");
        if (cursor.ExpectName("FILE") != "file") throw new MadxException(at, "CALL needs FILE=");
        cursor.Expect(TokenKind.Assign, "'='");
        string path;
        if (cursor.Current.Kind == TokenKind.String)
        {
            path = cursor.Next().Text;
        }
        else
        {
            int start = cursor.Current.Start, end = start;
            while (cursor.Current.Kind is not (TokenKind.Semicolon or TokenKind.Comma or TokenKind.End)) end = cursor.Next().End;
            path = cursor.RawText(start, end).Trim();
        }
        CommandSkipper.SkipStatement(cursor);
        if (path.Length == 0) throw new MadxException(at, "CALL with an empty file name");
        session.ParseFile(Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), path), at);
    }
}
