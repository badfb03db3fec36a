namespace Vepp2k.MadX;

/// <summary>
/// Parsed expression tree. Trees are built once at parse time and evaluated on every read of a
/// deferred value, so evaluation is a plain virtual call per node with no allocation.
/// Every node producing a value checks it is finite: a NaN or infinity never escapes.
/// </summary>
internal abstract class Expr
{
    protected Expr(int depth) => Depth = depth;

    /// <summary>Height of the tree; the parser bounds it so that evaluation cannot exhaust the stack.</summary>
    public int Depth { get; }

    public abstract double Eval(Workspace workspace);
}

internal sealed class ConstantExpr(double value) : Expr(1)
{
    public double Value { get; } = value;

    public override double Eval(Workspace workspace) => Value;
}

internal sealed class VariableExpr(string name, SourceLocation at) : Expr(1)
{
    // Variables are never removed or replaced, only reassigned, so the lookup can be cached.
    private Variable? _resolved;

    public override double Eval(Workspace workspace)
    {
        _resolved ??= workspace.FindVariable(name) ?? throw new MadxException(at, $"undefined variable '{name}'");
        return _resolved.Read(workspace);
    }
}

internal sealed class AttributeExpr(string element, string attribute, SourceLocation at) : Expr(1)
{
    public override double Eval(Workspace workspace) => workspace.ReadAttribute(element, attribute, at);
}

internal sealed class NegateExpr(Expr operand) : Expr(operand.Depth + 1)
{
    public override double Eval(Workspace workspace) => -operand.Eval(workspace);
}

internal sealed class BinaryExpr(char op, Expr left, Expr right, SourceLocation at)
    : Expr(Math.Max(left.Depth, right.Depth) + 1)
{
    public override double Eval(Workspace workspace) => Apply(op, left.Eval(workspace), right.Eval(workspace), at);

    public static double Apply(char op, double a, double b, SourceLocation at)
    {
        if (op == '/' && b == 0) throw new MadxException(at, "division by zero");
        double result = Compute(op, a, b);
        return double.IsFinite(result)
            ? result
            : throw new MadxException(at, $"{a} {op} {b} does not give a finite number");
    }

    /// <summary>Unchecked arithmetic, shared with constant folding in the parser.</summary>
    public static double Compute(char op, double a, double b) => op switch
    {
        '+' => a + b,
        '-' => a - b,
        '*' => a * b,
        '/' => a / b,
        _ => Math.Pow(a, b),
    };
}

internal sealed class CallExpr(MathFunction function, Expr first, Expr? second, SourceLocation at)
    : Expr(Math.Max(first.Depth, second?.Depth ?? 0) + 1)
{
    public override double Eval(Workspace workspace) =>
        Apply(function, first.Eval(workspace), second?.Eval(workspace) ?? 0, at);

    public static double Apply(MathFunction function, double a, double b, SourceLocation at)
    {
        double result = function.Apply(a, b);
        if (double.IsFinite(result)) return result;
        string call = function.Arity == 1 ? $"{function.Name}({a})" : $"{function.Name}({a}, {b})";
        throw new MadxException(at, $"{call} does not give a finite number");
    }
}
