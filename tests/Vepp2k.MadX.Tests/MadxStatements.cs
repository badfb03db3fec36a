using CsCheck;

namespace Vepp2k.MadX.Tests;

/// <summary>
/// Generators of random but statement-shaped MAD-X programs. Small name pools make names
/// collide, and a prelude defines every variable and a few elements, so that many programs
/// get past parsing into expansion and evaluation.
/// </summary>
internal static class MadxStatements
{
    private static readonly string[] Variables = ["a", "k", "x"];
    private static readonly string[] Elements = ["qf", "qd", "d", "m", "b"];
    private static readonly string[] Lines = ["l1", "l2", "ring", "s"];

    private static readonly Gen<string> Variable = Gen.OneOf(Variables);
    private static readonly Gen<string> Element = Gen.OneOf(Elements);
    private static readonly Gen<string> Line = Gen.OneOf(Lines);
    private static readonly Gen<string> AnyName = Gen.Frequency((3, Element), (2, Line), (1, Variable));

    private static readonly Gen<string> Atom = Gen.Frequency(
        (4, Variable),
        (4, Gen.OneOf("0", "1", "2", "0.5", "3", "1e3", "-1", "1e200", "0.25")),
        (2, Gen.Select(Element, Gen.OneOf("l", "k1"), (e, a) => $"{e}->{a}")),
        (1, Gen.OneOf("pi", "s->l", "beam->energy", "sqrt(x)", "(a - 1)", "log(k)")));

    private static readonly Gen<string> Operator = Gen.OneOf("+", "-", "*", "/", "^");

    private static readonly Gen<string> Expr = Gen.OneOf(
        Atom,
        Gen.Select(Atom, Operator, Atom, (a, op, b) => $"{a} {op} {b}"),
        Gen.Select(Atom, Operator, Atom, Operator, Atom, (a, op1, b, op2, c) => $"{a} {op1} ({b} {op2} {c})"));

    private static readonly Gen<string> Class = Gen.Frequency(
        (3, Gen.OneOf("quadrupole", "drift", "marker", "sbend", "multipole", "sextupole")),
        (2, Element));

    private static readonly Gen<string> Item = Gen.OneOf(
        AnyName,
        AnyName.Select(n => "2*" + n),
        AnyName.Select(n => "-" + n),
        Gen.Select(AnyName, AnyName, (a, b) => $"3*({a}, -{b})"),
        Gen.Select(AnyName, AnyName, (a, b) => $"-({a}, {b})"));

    private static readonly Gen<string> Placement = Gen.OneOf(
        Gen.Select(Element, Expr, (n, at) => $"{n}, at={at};"),
        Gen.Select(Element, Expr, Element, (n, at, from) => $"{n}, at={at}, from={from};"),
        Gen.Select(Element, Class, Expr, Expr, (n, c, l, at) => $"{n}: {c}, l={l}, at={at};"),
        Gen.Select(Line, Expr, (n, at) => $"{n}, at={at};"));

    private static readonly Gen<string> Sequence = Gen.Select(
        Line, Expr, Gen.OneOf("entry", "centre", "exit"), Placement.Array[0, 6],
        (n, l, refer, placements) => $"{n}: sequence, l={l}, refer={refer};\n  {string.Join("\n  ", placements)}\nendsequence;");

    private static readonly Gen<string> Statement = Gen.Frequency(
        (3, Gen.Select(Variable, Expr, (n, e) => $"{n} = {e};")),
        (3, Gen.Select(Variable, Expr, (n, e) => $"{n} := {e};")),
        (4, Gen.Select(Element, Class, Expr, Expr, (n, c, l, k) => $"{n}: {c}, l={l}, k1:={k};")),
        (1, Gen.Select(Element, Class, Expr, (n, c, k) => $"{n}: {c}, knl:={{0, {k}}}, apertype=circle;")),
        (4, Gen.Select(Line, Item.Array[0, 5], (n, items) => $"{n}: line=({string.Join(", ", items)});")),
        (3, Sequence),
        (1, Line.Select(n => $"use, {n};")),
        (1, Gen.Select(Gen.OneOf("electron", "proton", "positron"), Gen.OneOf("energy", "pc", "gamma", "beta"), Expr,
            (p, q, e) => $"beam, particle={p}, {q}={e};")),
        (2, Gen.Select(Element, Gen.OneOf("l", "k1", "angle"), Expr, (n, a, e) => $"{n}->{a} := {e};")),
        (1, Gen.Select(Element, Expr, (n, e) => $"{n}, k1={e};")),
        (1, Gen.OneOf("twiss;", "match; vary, name=k; endmatch;", "if (k > 1) { k = 2; }", "stop;", "return;")),
        (1, FuzzTests.Token.Array[1, 5].Select(tokens => string.Join(" ", tokens) + ";")));

    private static readonly Gen<string> Prelude = Gen.OneOf("0", "0.5", "1", "2", "3").Array[Variables.Length]
        .Select(values => string.Concat(Variables.Select((n, i) => $"{n} = {values[i]}; "))
            + "qf: quadrupole, l=0.5, k1:=k; qd: qf, k1:=-k; d: drift, l:=x; m: marker; b: sbend, l=1, angle=a;");

    public static readonly Gen<string> Program = Gen.Select(Prelude, Statement.Array[0, 20],
        (prelude, statements) => prelude + "\n" + string.Join("\n", statements));
}
