namespace Vepp2k.MadX;

/// <summary>
/// A number that is either fixed when assigned (MAD-X '=') or an expression re-evaluated when
/// read (MAD-X ':='). Deferred results are cached until the workspace changes, which keeps
/// repeated reads cheap and makes evaluation linear even when formulas share sub-formulas.
/// </summary>
internal sealed class Formula
{
    private readonly Expr? _expression;
    private readonly double _fixed;
    private double _cached;
    private long _cachedVersion = -1;
    private bool _evaluating;

    private Formula(Expr? expression, double value, SourceLocation location)
    {
        _expression = expression;
        _fixed = value;
        Location = location;
    }

    public SourceLocation Location { get; }

    public static Formula Fixed(double value, SourceLocation location) => new(null, value, location);

    /// <summary>A deferred formula; constant expressions are stored as fixed values.</summary>
    public static Formula Deferred(Expr expression, SourceLocation location) =>
        expression is ConstantExpr c ? Fixed(c.Value, location) : new Formula(expression, 0, location);

    /// <summary>Evaluates an expression once, now: the MAD-X '=' semantics.</summary>
    public static Formula Immediate(Expr expression, SourceLocation location, Workspace workspace) =>
        Fixed(EvaluateNow(expression, location, workspace), location);

    public static double EvaluateNow(Expr expression, SourceLocation location, Workspace workspace) =>
        Deferred(expression, location).Evaluate(workspace, "expression");

    /// <summary>Current value; <paramref name="subject"/> names what is evaluated, for the cycle error message.</summary>
    public double Evaluate(Workspace workspace, string subject)
    {
        if (_expression is null) return _fixed;
        if (_cachedVersion == workspace.Version) return _cached;
        if (_evaluating) throw new MadxException(Location, $"cyclic deferred definition involving {subject}");
        workspace.EnterNestedEvaluation(Location);
        _evaluating = true;
        try
        {
            _cached = _expression.Eval(workspace);
            _cachedVersion = workspace.Version;
            return _cached;
        }
        finally
        {
            _evaluating = false;
            workspace.LeaveNestedEvaluation();
        }
    }
}
