using Vepp2k.Control.Data;

namespace Vepp2k.Control.Nmr;

/// <summary>Lock window [T] and relative precision of an NMR field probe (from <c>Data/nmr.json</c>).</summary>
public sealed record NmrParameters(double LockMin, double LockMax, double NoisePpm)
{
    public static NmrParameters Load()
    {
        using var doc = EmbeddedData.Open("nmr.json");
        var root = doc.RootElement;
        return new NmrParameters(
            EmbeddedData.ReadValue(root, "lockMin").Value,
            EmbeddedData.ReadValue(root, "lockMax").Value,
            EmbeddedData.ReadValue(root, "noisePpm").Value);
    }
}
