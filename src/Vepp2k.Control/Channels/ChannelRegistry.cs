using System.Collections.Frozen;

namespace Vepp2k.Control.Channels;

/// <summary>
/// The channel tree: every channel by path (and by PV name), and the fan-out of updates to
/// listeners (in-thread, must not block: the archiver, alarm logging) and subscriptions (queued).
/// Channels are added while the system is built and frozen before it runs.
/// </summary>
public sealed class ChannelRegistry
{
    private readonly Dictionary<string, Channel> _building = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pvNames = new(StringComparer.Ordinal);
    private FrozenDictionary<string, Channel>? _byPath;
    private FrozenDictionary<string, Channel>? _byPv;
    private Channel[] _sorted = [];
    private volatile ChannelSubscription[] _subscriptions = [];
    private volatile Action<ChannelUpdate>[] _listeners = [];
    private readonly Lock _gate = new();

    public ChannelRegistry(TimeProvider time) => Time = time;

    public TimeProvider Time { get; }

    public Channel Add(ChannelSpec spec, ChannelValue initial)
    {
        if (_byPath is not null) throw new InvalidOperationException("the channel tree is frozen");
        if (string.IsNullOrWhiteSpace(spec.Path) || spec.Path.Contains(' ') || spec.Path.Contains(':'))
            throw new ArgumentException($"'{spec.Path}' is not a valid channel path (no spaces or ':')");
        if (_building.ContainsKey(spec.Path)) throw new ArgumentException($"channel {spec.Path} already exists");
        if (!_pvNames.Add(spec.PvName))
            throw new ArgumentException($"{spec.Path} would share the PV name {spec.PvName} with another channel");
        var channel = new Channel(spec, this, initial, Time.GetUtcNow());
        _building.Add(spec.Path, channel);
        return channel;
    }

    /// <summary>Ends construction: lookups become lock-free.</summary>
    public void Freeze()
    {
        _byPath = _building.ToFrozenDictionary(StringComparer.Ordinal);
        _byPv = _building.Values.ToFrozenDictionary(c => c.Spec.PvName, StringComparer.Ordinal);
        _sorted = [.. _building.Values.OrderBy(c => c.Spec.Path, StringComparer.Ordinal)];
    }

    private FrozenDictionary<string, Channel> Paths => _byPath ?? throw new InvalidOperationException("the channel tree is not frozen yet");

    /// <summary>Every channel in path order (sorted once, when the tree is frozen).</summary>
    public IReadOnlyList<Channel> All => _byPath is null ? throw new InvalidOperationException("the channel tree is not frozen yet") : _sorted;

    public int Count => Paths.Count;

    public Channel? Find(string path) => Paths.GetValueOrDefault(path);

    public Channel? FindPv(string pvName) => _byPv!.GetValueOrDefault(pvName);

    public Channel Get(string path) => Find(path)
        ?? throw new KeyNotFoundException($"no channel '{path}'; channel paths look like VEPP/QUAD/1F1/SCur");

    /// <summary>Channels whose path starts with the prefix (all when it is empty).</summary>
    public IEnumerable<Channel> Under(string prefix) => All.Where(c => c.Spec.Path.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>A queued subscription to the updates the filter accepts.</summary>
    public ChannelSubscription Subscribe(Func<ChannelUpdate, bool> filter, int capacity = 10_000)
    {
        var s = new ChannelSubscription(this, filter, capacity);
        lock (_gate) _subscriptions = [.. _subscriptions, s];
        return s;
    }

    /// <summary>An in-thread listener, called on the publishing thread: it must be quick and must not block.</summary>
    public void Listen(Action<ChannelUpdate> listener)
    {
        lock (_gate) _listeners = [.. _listeners, listener];
    }

    /// <summary>
    /// Raised when a write is refused by the checks every channel shares (access, rights, type, drive
    /// limits), with the channel, the value asked for, who asked and why: every refusal is an event.
    /// </summary>
    public event Action<Channel, ChannelValue, WriteContext, string>? WriteRefused;

    internal void ReportRefusal(Channel channel, ChannelValue value, WriteContext who, string reason) =>
        WriteRefused?.Invoke(channel, value, who, reason);

    internal void Remove(ChannelSubscription s)
    {
        lock (_gate) _subscriptions = [.. _subscriptions.Where(x => x != s)];
    }

    internal void Publish(ChannelUpdate update)
    {
        foreach (var l in _listeners) l(update);
        foreach (var s in _subscriptions)
            if (s.Filter(update)) s.Offer(update);
    }
}
