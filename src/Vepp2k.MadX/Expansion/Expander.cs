namespace Vepp2k.MadX;

/// <summary>
/// Flattens a line or sequence into placed elements with all attributes evaluated now.
/// A counting pass first validates the structure and bounds the size; the building pass
/// then only evaluates, so it can be repeated cheaply inside a matching loop.
/// </summary>
internal sealed class Expander
{
    public const int MaxElements = 1_000_000;

    private readonly Workspace _workspace;
    private readonly ElementEvaluator _elements;
    private readonly SequenceLayout _layout;
    private readonly List<Slot> _slots;

    private Expander(Workspace workspace, long capacity)
    {
        _workspace = workspace;
        _elements = new ElementEvaluator(workspace);
        _layout = new SequenceLayout(workspace, _elements);
        _slots = new List<Slot>((int)capacity);
    }

    public static IReadOnlyList<MadxElement> Expand(Workspace workspace, string name)
    {
        var at = SourceLocation.Api;
        if (!workspace.IsLineOrSequence(name)) throw new MadxException(at, $"unknown line or sequence '{name}'");
        long count = new ExpansionCounter(workspace).CountName(name, at);
        if (count > MaxElements)
        {
            var definedAt = workspace.Lines.TryGetValue(name, out var line) ? line.Location : workspace.Sequences[name].Location;
            throw new MadxException(definedAt, $"expanding '{name}' gives more than {MaxElements} elements");
        }
        var expander = new Expander(workspace, count);
        expander.EmitName(name, at, reversed: false);
        return expander.Build();
    }

    private void EmitName(string name, SourceLocation at, bool reversed)
    {
        var target = Target.Resolve(_workspace, name, at);
        if (target.Line is { } line)
        {
            EmitItem(line.Body, reversed);
        }
        else if (target.Sequence is { } sequence)
        {
            int start = _slots.Count;
            EmitSequence(sequence);
            if (reversed) _slots.Reverse(start, _slots.Count - start);
        }
        else
        {
            var data = target.Element is { } def ? _elements.Evaluate(def) : _elements.BareClass(target.Class!);
            _slots.Add(new Slot(name, data, false));
        }
    }

    // Reflection reverses the order of the expanded items; element internals are unchanged (as in MAD-X).
    private void EmitItem(LineItem item, bool reversed)
    {
        switch (item)
        {
            case NameItem n:
                EmitName(n.Name, n.Location, reversed);
                break;
            case GroupItem g:
                if (reversed)
                {
                    for (int i = g.Items.Count - 1; i >= 0; i--) EmitItem(g.Items[i], reversed);
                }
                else
                {
                    foreach (var child in g.Items) EmitItem(child, reversed);
                }
                break;
            case RepeatItem r:
                for (int i = 0; i < r.Count; i++) EmitItem(r.Item, reversed);
                break;
            case ReflectItem f:
                EmitItem(f.Item, !reversed);
                break;
        }
    }

    private void EmitSequence(SequenceDef sequence) => _layout.Emit(sequence, _slots, EmitSequence);

    private MadxElement[] Build()
    {
        var result = new MadxElement[_slots.Count];
        double s = 0;
        int drifts = 0;
        for (int i = 0; i < result.Length; i++)
        {
            var slot = _slots[i];
            s += slot.Data.Length;
            string name = slot.GeneratedDrift ? $"drift_{drifts++}" : slot.Name;
            result[i] = new MadxElement(name, slot.Data, s);
        }
        return result;
    }
}
