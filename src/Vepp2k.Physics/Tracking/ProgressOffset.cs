namespace Vepp2k.Physics.Tracking;

/// <summary>
/// Progress of one tracked beam within a study of several, counted on from the particles of the
/// beams before it, so one bar covers the whole study.
/// </summary>
internal sealed class ProgressOffset(IProgress<int> inner, int before) : IProgress<int>
{
    public void Report(int value) => inner.Report(before + value);

    public static IProgress<int>? For(IProgress<int>? inner, int before) => inner is null ? null : new ProgressOffset(inner, before);
}
