using System.Runtime.CompilerServices;

namespace Vepp2k.MadX;

/// <summary>
/// Everything the input defines: variables, elements, lines, sequences, beam and warnings,
/// plus the evaluation rules shared by the parser (immediate values) and expansion (deferred ones).
/// Not thread-safe, like the document that wraps it.
/// </summary>
internal sealed class Workspace
{
    // Deferred formulas may refer to each other; the chain length is bounded so that a long
    // chain fails cleanly instead of overflowing the stack.
    public const int MaxNestedEvaluations = 100;

    private readonly Dictionary<string, Variable> _variables = new();
    private readonly BeamSettings _beamSettings = new();
    private int _nestedEvaluations;

    /// <summary>Bumped on every change, invalidating cached deferred values.</summary>
    public long Version { get; private set; }

    public Dictionary<string, ElementDef> Elements { get; } = new();

    public Dictionary<string, LineDef> Lines { get; } = new();

    public Dictionary<string, SequenceDef> Sequences { get; } = new();

    public List<MadxDiagnostic> Warnings { get; } = [];

    public MadxBeam? Beam { get; private set; }

    public string? UsedLine { get; set; }

    public IEnumerable<string> VariableNames => _variables.Keys;

    public void Changed() => Version++;

    public void Warn(SourceLocation at, string message) => Warnings.Add(new MadxDiagnostic(at.File, at.Line, message));

    public Variable? FindVariable(string name) => _variables.GetValueOrDefault(name);

    public void Assign(string name, Formula value, SourceLocation at)
    {
        if (Builtins.IsConstant(name)) throw new MadxException(at, $"'{name}' is a predefined constant and cannot be assigned");
        if (_variables.TryGetValue(name, out var variable)) variable.Value = value;
        else _variables.Add(name, new Variable(name, value));
        Changed();
    }

    public double ReadVariable(string name, SourceLocation at)
    {
        if (Builtins.TryGetConstant(name, out double constant)) return constant;
        var variable = FindVariable(name) ?? throw new MadxException(at, $"undefined variable '{name}'");
        return variable.Read(this);
    }

    public bool IsLineOrSequence(string name) => Lines.ContainsKey(name) || Sequences.ContainsKey(name);

    public void SetAttribute(string element, string attribute, AttributeValue value, SourceLocation at)
    {
        var def = Elements.GetValueOrDefault(element) ?? throw new MadxException(at, $"unknown element '{element}'");
        def.Set(attribute, value);
        Changed();
    }

    /// <summary>element->attribute in an expression. Absent numeric attributes read as 0, as in MAD-X.</summary>
    public double ReadAttribute(string element, string attribute, SourceLocation at)
    {
        if (Elements.TryGetValue(element, out var def))
        {
            return def.Find(attribute) switch
            {
                null => 0,
                NumberValue number => number.Formula.Evaluate(this, $"{element}->{attribute}"),
                _ => throw new MadxException(at, $"{element}->{attribute} is not a number"),
            };
        }
        if (Sequences.TryGetValue(element, out var sequence) && attribute == "l")
        {
            return sequence.Length.Evaluate(this, $"length of sequence '{element}'");
        }
        if (element == "beam") return ReadBeam(attribute, at);
        throw new MadxException(at, $"unknown element '{element}' in {element}->{attribute}");
    }

    public void ApplyBeam(string? particle, IReadOnlyDictionary<string, double> numbers, SourceLocation at)
    {
        _beamSettings.Apply(particle, numbers);
        Beam = _beamSettings.Build(at);
        Changed();
    }

    /// <summary>Guards a nested deferred evaluation; paired with <see cref="LeaveNestedEvaluation"/>.</summary>
    public void EnterNestedEvaluation(SourceLocation at)
    {
        if (_nestedEvaluations >= MaxNestedEvaluations || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new MadxException(at, $"deferred expressions nested too deeply (limit {MaxNestedEvaluations} levels)");
        }
        _nestedEvaluations++;
    }

    public void LeaveNestedEvaluation() => _nestedEvaluations--;

    // beam->energy etc.; MAD-X has a default beam (positron, 1 GeV) before any BEAM command.
    private double ReadBeam(string attribute, SourceLocation at)
    {
        var beam = Beam ?? new BeamSettings().Build(at);
        return attribute switch
        {
            "energy" => beam.EnergyGeV,
            "mass" => beam.MassGeV,
            "charge" => beam.Charge,
            "pc" => beam.Pc,
            "gamma" => beam.Gamma,
            "beta" => beam.Beta,
            "brho" => double.IsFinite(beam.Brho) ? beam.Brho : throw new MadxException(at, "beam->brho of a neutral beam"),
            _ => beam.Numbers.GetValueOrDefault(attribute),
        };
    }
}
