namespace Vepp2k.MadX;

/// <summary>
/// Turns a sequence into consecutive slots: computes each element's centre from AT, FROM and
/// REFER, fills the gaps with drifts and rejects overlaps (negative drifts).
/// </summary>
internal sealed class SequenceLayout(Workspace workspace, ElementEvaluator elements)
{
    // Gaps smaller than this are rounding noise: neither a drift nor an overlap.
    private const double Tolerance = 1e-9;

    private enum State : byte
    {
        Pending,
        InProgress,
        Done,
    }

    /// <summary>Appends the sequence to <paramref name="output"/>; <paramref name="emitNested"/> appends a sequence placed inside it.</summary>
    public void Emit(SequenceDef sequence, List<Slot> output, Action<SequenceDef> emitNested)
    {
        double length = sequence.Length.Evaluate(workspace, $"length of sequence '{sequence.Name}'");
        if (length < 0) throw new MadxException(sequence.Length.Location, $"sequence '{sequence.Name}' has negative length {length}");
        var placements = sequence.Placements;
        var resolved = placements.ConvertAll(Resolve);
        double[] centres = Centres(sequence, length, resolved);

        double previousExit = 0;
        int previous = -1;
        for (int i = 0; i < placements.Count; i++)
        {
            var (data, nested, size) = resolved[i];
            double entry = centres[i] - size / 2;
            if (entry - previousExit < -Tolerance)
            {
                string overlapped = previous < 0
                    ? $"the start of sequence '{sequence.Name}'"
                    : $"'{placements[previous].Name}', which ends at s={previousExit}";
                throw new MadxException(placements[i].Location,
                    $"negative drift: '{placements[i].Name}' starts at s={entry} and overlaps {overlapped}");
            }
            AddDrift(output, entry - previousExit);
            if (nested is not null) emitNested(nested);
            else output.Add(new Slot(placements[i].Name, data!, false));
            previousExit = centres[i] + size / 2;
            previous = i;
        }
        if (length - previousExit < -Tolerance)
        {
            throw new MadxException(placements[previous].Location,
                $"negative drift: '{placements[previous].Name}' ends at s={previousExit}, beyond the end of sequence '{sequence.Name}' (L={length})");
        }
        AddDrift(output, length - previousExit);
    }

    private static void AddDrift(List<Slot> output, double gap)
    {
        if (gap > Tolerance) output.Add(new Slot("", ElementData.Drift(gap), true));
    }

    private (ElementData? Data, SequenceDef? Nested, double Length) Resolve(Placement placement)
    {
        if (placement.Local is not null)
        {
            var local = elements.Evaluate(placement.Local);
            return (local, null, local.Length);
        }
        var target = Target.Resolve(workspace, placement.Name, placement.Location);
        if (target.Sequence is { } nested)
        {
            return (null, nested, nested.Length.Evaluate(workspace, $"length of sequence '{nested.Name}'"));
        }
        var data = target.Element is { } def ? elements.Evaluate(def) : elements.BareClass(target.Class!);
        return (data, null, data.Length);
    }

    /// <summary>Centre of each placement; FROM chains are followed iteratively so long chains cannot overflow the stack.</summary>
    private double[] Centres(SequenceDef sequence, double length, List<(ElementData?, SequenceDef?, double Length)> resolved)
    {
        var placements = sequence.Placements;
        var centres = new double[placements.Count];
        var states = new State[placements.Count];
        Dictionary<string, int>? firstIndex = null;
        var chain = new Stack<int>();
        for (int i = 0; i < placements.Count; i++)
        {
            for (int j = i; states[j] != State.Done;)
            {
                if (states[j] == State.InProgress)
                {
                    throw new MadxException(placements[j].Location, $"circular FROM reference at '{placements[j].Name}'");
                }
                states[j] = State.InProgress;
                chain.Push(j);
                string? from = placements[j].From;
                if (from is null or "#s" or "#e") break;
                firstIndex ??= FirstIndices(placements);
                if (!firstIndex.TryGetValue(from, out j))
                {
                    throw new MadxException(placements[chain.Peek()].Location, $"FROM refers to '{from}', which is not in sequence '{sequence.Name}'");
                }
            }
            while (chain.Count > 0)
            {
                int k = chain.Pop();
                var placement = placements[k];
                double origin = placement.From switch
                {
                    null or "#s" => 0,
                    "#e" => length,
                    var name => centres[firstIndex![name]],
                };
                double at = placement.At.Evaluate(workspace, $"position of '{placement.Name}'");
                centres[k] = origin + at + ReferOffset(sequence.Refer, resolved[k].Length);
                states[k] = State.Done;
            }
        }
        return centres;
    }

    // MAD-X keeps centres; AT refers to the entry, centre or exit of the element.
    private static double ReferOffset(Refer refer, double length) => refer switch
    {
        Refer.Entry => length / 2,
        Refer.Exit => -length / 2,
        _ => 0,
    };

    private static Dictionary<string, int> FirstIndices(List<Placement> placements)
    {
        var indices = new Dictionary<string, int>();
        for (int i = 0; i < placements.Count; i++) indices.TryAdd(placements[i].Name, i);
        return indices;
    }
}
