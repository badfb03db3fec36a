using System.Net;
using Vepp2k.Vcas.Protocol;

namespace Vepp2k.Vcas;

/// <summary>
/// How the VCAS server listens and whom it lets write. VCAS has no authentication, so writing is
/// granted by client address only: with no <see cref="Writers"/> (the default) every client reads
/// and no client writes, loopback included.
/// </summary>
public sealed record VcasServerOptions
{
    /// <summary>The facility's VCAS port; 0 picks a free port (see <see cref="VcasServer.Port"/>).</summary>
    public int Port { get; init; } = 20041;

    /// <summary>Address to listen on: loopback by default, <c>0.0.0.0</c> or <c>::</c> for every interface.</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>Which client networks may write, with what role; the first rule that matches decides.</summary>
    public IReadOnlyList<VcasWriteRule> Writers { get; init; } = [];

    /// <summary>Time zone of the time stamps; the facility's clients expect local time.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>Longest request line in bytes; longer lines are refused and skipped, never buffered.</summary>
    public int MaxLineBytes { get; init; } = VcasParser.DefaultMaxLine;

    /// <summary>
    /// Connections in all. A newcomer at the limit takes the place of the longest-idle evictable
    /// connection (see <see cref="RecentRequest"/>); only when there is none is it told so and closed.
    /// </summary>
    public int MaxClients { get; init; } = 1000;

    /// <summary>Connections from one address, with the same eviction as <see cref="MaxClients"/>: one host cannot take every slot.</summary>
    public int MaxClientsPerHost { get; init; } = 256;

    /// <summary>
    /// A connection may be evicted for a newcomer when it has no subscriptions, owns no created
    /// channel and has sent no line for this long (or never sent one).
    /// </summary>
    public TimeSpan RecentRequest { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection that has not sent a complete request line this long after connecting is closed.</summary>
    public TimeSpan FirstRequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection with no subscriptions and no created channel that sends nothing (not even a blank keep-alive line) this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Replies (not subscription updates) a client may have waiting before the server stops reading
    /// its requests: a client that sends but never reads is held back by TCP, not by server memory.
    /// </summary>
    public int MaxPendingReplyBytes { get; init; } = 1 << 20;

    /// <summary>Channels one client may create (each holds one value of at most a line).</summary>
    public int MaxCreatedPerClient { get; init; } = 100;

    /// <summary>Parses a comma-separated rule list as the command line gives it: <c>loopback=Operator,10.0.0.0/8=Expert</c>.</summary>
    public static IReadOnlyList<VcasWriteRule> ParseWriters(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(VcasWriteRule.Parse)];
}
