namespace Vepp2k.MadX;

/// <summary>Turns parsed attributes into stored values or plain numbers, applying '=' vs ':=' semantics.</summary>
internal static class AttributeConversion
{
    /// <summary>An element attribute: '=' is evaluated now, ':=' kept as an expression.</summary>
    public static AttributeValue ToValue(RawAttribute attribute, Workspace workspace) => attribute.Value switch
    {
        ExpressionRaw e => new NumberValue(ToFormula(e.Expression, attribute, workspace)),
        ArrayRaw a => new ArrayValue(Array.ConvertAll(a.Items, item => ToFormula(item, attribute, workspace))),
        TextRaw t => new TextValue(t.Text),
        FlagRaw f => new NumberValue(Formula.Fixed(f.On ? 1 : 0, attribute.Location)),
        _ => throw new InvalidOperationException("unhandled attribute value kind"),
    };

    /// <summary>A number needed now (BEAM); deferred or not, it is evaluated at once.</summary>
    public static double ToNumber(RawAttribute attribute, Workspace workspace) => attribute.Value switch
    {
        ExpressionRaw e => Formula.EvaluateNow(e.Expression, attribute.Location, workspace),
        FlagRaw f => f.On ? 1 : 0,
        _ => throw new MadxException(attribute.Location, $"attribute '{attribute.Name}' must be a number"),
    };

    private static Formula ToFormula(Expr expression, RawAttribute attribute, Workspace workspace) =>
        attribute.Deferred
            ? Formula.Deferred(expression, attribute.Location)
            : Formula.Immediate(expression, attribute.Location, workspace);
}
