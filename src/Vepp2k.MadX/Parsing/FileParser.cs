namespace Vepp2k.MadX;

/// <summary>
/// Reads the statements of one source file and records their effect in the session's workspace.
/// Each method consumes exactly one statement including its ';'.
/// </summary>
internal sealed partial class FileParser(ParseSession session, TokenCursor cursor, string? baseDirectory)
{
    private static readonly HashSet<string> TypePrefixes = ["const", "real", "int", "shared"];

    private bool _returned;

    private Workspace Workspace => session.Workspace;

    public void Run()
    {
        while (!cursor.AtEnd && !session.Stopped && !_returned) ParseStatement();
    }

    private void ParseStatement()
    {
        var head = cursor.Current;
        if (cursor.Accept(TokenKind.Semicolon)) return;
        if (head.Kind != TokenKind.Identifier) throw cursor.Error($"expected a statement but found {head.Describe()}");
        if (SkippedCommands.IsControl(head.Text))
        {
            Warn(head, $"'{head.Text}' block is not executed; skipped");
            CommandSkipper.SkipControl(cursor);
            return;
        }
        while (TypePrefixes.Contains(cursor.Current.Text) && cursor.Peek().Kind == TokenKind.Identifier) cursor.Next();
        switch (cursor.Peek().Kind)
        {
            case TokenKind.Assign or TokenKind.DeferredAssign:
                ParseVariableAssignment();
                break;
            case TokenKind.Arrow:
                ParseAttributeAssignment();
                break;
            case TokenKind.Colon:
                ParseLabeled();
                break;
            case TokenKind.LParen:
                ParseWithArguments();
                break;
            default:
                ParseCommand();
                break;
        }
    }

    // a = expr;  a := expr;
    private void ParseVariableAssignment()
    {
        var name = cursor.Next();
        bool deferred = cursor.Next().Kind == TokenKind.DeferredAssign;
        var formula = ParseFormula(deferred, cursor.Location(name));
        cursor.Expect(TokenKind.Semicolon, "';'");
        Workspace.Assign(name.Text, formula, cursor.Location(name));
    }

    // qf->k1 = expr;  qf->k1 := expr;
    private void ParseAttributeAssignment()
    {
        var element = cursor.Next();
        cursor.Next();
        string attribute = cursor.ExpectName("an attribute name after '->'");
        bool deferred;
        if (cursor.Accept(TokenKind.DeferredAssign)) deferred = true;
        else if (cursor.Accept(TokenKind.Assign)) deferred = false;
        else throw cursor.Error($"expected '=' or ':=' but found {cursor.Current.Describe()}");
        var at = cursor.Location(element);
        var formula = ParseFormula(deferred, at);
        cursor.Expect(TokenKind.Semicolon, "';'");
        Workspace.SetAttribute(element.Text, attribute, new NumberValue(formula), at);
    }

    private Formula ParseFormula(bool deferred, SourceLocation at)
    {
        var expression = new ExpressionParser(cursor).Parse();
        return deferred ? Formula.Deferred(expression, at) : Formula.Immediate(expression, at, Workspace);
    }

    // label: class ...;  label: line = (...);  label: sequence ...;  label: macro = {...};
    private void ParseLabeled()
    {
        var label = cursor.Next();
        cursor.Next();
        var kind = cursor.Current;
        if (kind.Kind != TokenKind.Identifier) throw cursor.Error($"expected a class name after ':' but found {kind.Describe()}");
        switch (kind.Text)
        {
            case "line":
                cursor.Next();
                ParseLine(label);
                break;
            case "sequence":
                cursor.Next();
                BeginSequence(label);
                break;
            case "macro":
                cursor.Next();
                Warn(label, $"macro '{label.Text}' is not executed; skipped");
                CommandSkipper.SkipMacroBody(cursor);
                break;
            case "beam":
                cursor.Next();
                ParseBeam(cursor.Location(label));
                break;
            default:
                if (SkippedCommands.IsSkipped(kind.Text))
                {
                    SkipCommand();
                    return;
                }
                cursor.Next();
                DefineElement(label, kind);
                break;
        }
    }

    // name(args): macro = {...};  name(args): line = (...);
    private void ParseWithArguments()
    {
        var name = cursor.Next();
        CommandSkipper.SkipBalanced(cursor, TokenKind.LParen, TokenKind.RParen);
        cursor.Expect(TokenKind.Colon, "':' after the argument list");
        if (cursor.Current.IsWord("macro"))
        {
            cursor.Next();
            Warn(name, $"macro '{name.Text}' is not executed; skipped");
            CommandSkipper.SkipMacroBody(cursor);
            return;
        }
        Warn(name, $"line '{name.Text}' with arguments is not supported; skipped");
        CommandSkipper.SkipStatement(cursor);
    }

    // name, attributes;  a command, an element update, or (inside a sequence) a placement.
    private void ParseCommand()
    {
        var head = cursor.Current;
        string name = head.Text;
        if (SkippedCommands.IsSkipped(name))
        {
            SkipCommand();
            return;
        }
        cursor.Next();
        if (cursor.Current.Kind is not (TokenKind.Comma or TokenKind.Semicolon))
        {
            throw cursor.Error($"unexpected {cursor.Current.Describe()} after '{name}'");
        }
        var at = cursor.Location(head);
        switch (name)
        {
            case "beam":
                ParseBeam(at);
                break;
            case "use":
                ParseUse(at);
                break;
            case "call":
                ParseCall(at);
                break;
            case "stop" or "exit" or "quit":
                CommandSkipper.SkipStatement(cursor);
                session.Stop();
                break;
            case "return":
                CommandSkipper.SkipStatement(cursor);
                _returned = true;
                break;
            case "endsequence":
                CommandSkipper.SkipStatement(cursor);
                session.EndSequence(at);
                break;
            default:
                ParseElementStatement(name, at);
                break;
        }
    }

    private void SkipCommand()
    {
        var head = cursor.Current;
        var at = cursor.Location(head);
        Warn(head, $"'{head.Text}' is not executed; skipped");
        CommandSkipper.SkipStatement(cursor);
        if (SkippedCommands.BlockEnd(head.Text) is { } end) CommandSkipper.SkipBlock(cursor, end, head.Text, at);
    }

    private void Warn(Token at, string message) => Workspace.Warn(cursor.Location(at), message);
}
