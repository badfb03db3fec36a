namespace Vepp2k.Control.WorkingSets;

/// <summary>What an imported working set must satisfy, whatever file format it came from.</summary>
internal static class WorkingSetCheck
{
    public static void Validate(WorkingSet set, string source)
    {
        if (string.IsNullOrWhiteSpace(set.Name)) throw new FormatException($"{source}: the name is empty.");
        if (set.Version < 0) throw new FormatException($"{source}: version {set.Version} is negative.");
        if (set.Tags.Any(t => t is null)) throw new FormatException($"{source}: a tag is null.");
        for (int i = 0; i < set.Items.Count; i++)
        {
            var item = set.Items[i];
            if (item is null || string.IsNullOrWhiteSpace(item.Channel) || item.Subsystem is null)
                throw new FormatException($"{source}: item {i + 1} has no channel or subsystem.");
            if (!double.IsFinite(item.Value))
                throw new FormatException($"{source}: item {i + 1} ('{item.Channel}') has non-finite value {item.Value}.");
        }
    }
}
