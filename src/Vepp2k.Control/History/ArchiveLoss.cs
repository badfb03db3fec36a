namespace Vepp2k.Control.History;

/// <summary>
/// Samples the archiver could not store: <paramref name="Count"/> new ones since the last report,
/// <paramref name="TotalLost"/> since start. <paramref name="Error"/> is the store failure that lost
/// them, or null when they were refused because the queue was full.
/// </summary>
public sealed record ArchiveLoss(long Count, long TotalLost, Exception? Error);
