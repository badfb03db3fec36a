namespace Vepp2k.Control.History;

/// <summary>One archived value of a numeric channel, with the alarm severity it had then.</summary>
public readonly record struct ArchiveSample(string Channel, DateTimeOffset Time, double Value, int Severity);

/// <summary>One bin of a decimated archive query: the samples between Start and End summarised.</summary>
public readonly record struct DecimatedBin(DateTimeOffset Start, DateTimeOffset End, int Count, double Min, double Max, double Mean);

/// <summary>How long history is kept; null keeps forever.</summary>
public sealed record RetentionPolicy(TimeSpan? Samples, TimeSpan? Events);
