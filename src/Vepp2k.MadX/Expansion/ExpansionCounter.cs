using System.Runtime.CompilerServices;

namespace Vepp2k.MadX;

/// <summary>
/// Walks a line or sequence without building it: finds unknown names, cyclic definitions and
/// excessive nesting, and bounds the number of elements before any memory is spent on them.
/// Counts saturate just above the cap, so 1000*(1000*(1000*a)) costs nothing.
/// </summary>
internal sealed class ExpansionCounter(Workspace workspace)
{
    // Limits the recursion of both this walk and the expansion that mirrors it.
    public const int MaxDepth = 1000;
    private const long Saturated = Expander.MaxElements + 1L;

    private readonly Dictionary<string, long> _counts = new();
    private readonly List<string> _open = [];
    private int _depth;

    /// <summary>Upper bound on the elements (drifts included) that expanding <paramref name="name"/> produces.</summary>
    public long CountName(string name, SourceLocation at)
    {
        var target = Target.Resolve(workspace, name, at);
        if (target.Line is null && target.Sequence is null) return 1;
        if (_counts.TryGetValue(name, out long known)) return known;
        if (_open.Contains(name))
        {
            throw new MadxException(at, $"'{name}' contains itself: {string.Join(" -> ", _open)} -> {name}");
        }
        _open.Add(name);
        Enter(at);
        try
        {
            long count = target.Line is { } line ? CountItem(line.Body) : CountSequence(target.Sequence!);
            _counts[name] = count;
            return count;
        }
        finally
        {
            _depth--;
            _open.RemoveAt(_open.Count - 1);
        }
    }

    private long CountItem(LineItem item)
    {
        Enter(item.Location);
        try
        {
            switch (item)
            {
                case NameItem n:
                    return CountName(n.Name, n.Location);
                case GroupItem g:
                    long sum = 0;
                    foreach (var child in g.Items) sum = Math.Min(Saturated, sum + CountItem(child));
                    return sum;
                case RepeatItem r:
                    // Both factors are at most Saturated (~1e6), so the product cannot overflow.
                    return Math.Min(Saturated, r.Count * CountItem(r.Item));
                case ReflectItem f:
                    return CountItem(f.Item);
                default:
                    throw new InvalidOperationException("unhandled line item kind");
            }
        }
        finally
        {
            _depth--;
        }
    }

    // One drift before each placement plus the final drift: an upper bound.
    private long CountSequence(SequenceDef sequence)
    {
        long count = 1;
        foreach (var placement in sequence.Placements)
        {
            long entry = placement.Local is not null ? 1 : CountPlaced(placement);
            count = Math.Min(Saturated, count + 1 + entry);
        }
        return count;
    }

    private long CountPlaced(Placement placement)
    {
        if (Target.Resolve(workspace, placement.Name, placement.Location).Line is not null)
        {
            throw new MadxException(placement.Location, $"line '{placement.Name}' cannot be placed in a sequence");
        }
        return CountName(placement.Name, placement.Location);
    }

    private void Enter(SourceLocation at)
    {
        if (_depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new MadxException(at, $"lines nested deeper than {MaxDepth} levels");
        }
        _depth++;
    }
}
