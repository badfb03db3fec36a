using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vepp2k.Cli;

/// <summary>
/// `energy show` as an operator reads it: the beam energy itself on the first line (or why there is
/// none), then how it was obtained (NMR energy, calibration applied, probes), the energy the
/// strengths refer to, and the calibration entries; `--json` gives the API's answer unchanged.
/// </summary>
public static class EnergyShow
{
    public static string Format(JsonElement e)
    {
        var text = new StringBuilder();
        if (Number(e, "energyMeV") is { } energy)
        {
            text.AppendLine(F($"E = {energy:F4} MeV +- {Number(e, "uncertaintyMeV"):F4} MeV (statistical {Number(e, "statisticalUncertaintyMeV"):F4})"));
            var c = e.GetProperty("correction");
            text.AppendLine(F($"  NMR {Number(e, "nmrMeV"):F4} MeV, mean field {Number(e, "averageFieldT"):F6} T; calibration offset {c.GetProperty("offset").GetDouble():E3} +- {c.GetProperty("uncertainty").GetDouble():E2} ({c.GetProperty("basis").GetString()})"));
        }
        else text.AppendLine($"no energy: {e.GetProperty("unavailable").GetString()}");
        text.AppendLine($"  probes used: {string.Join(" ", e.GetProperty("probesUsed").EnumerateArray().Select(p => p.GetString()))}");
        foreach (var r in e.GetProperty("probesRejected").EnumerateArray())
            text.AppendLine($"  probe {r.GetProperty("probe").GetString()} rejected: {r.GetProperty("reason").GetString()}");
        text.AppendLine(F($"strengths refer to {Number(e, "setEnergyMeV"):F4} MeV (the dipole setpoint)"));
        var entries = e.GetProperty("calibration").EnumerateArray().ToList();
        text.AppendLine(entries.Count == 0 ? "calibration: none entered" : $"calibration: {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}");
        foreach (var c in entries)
            text.AppendLine(F($"  {c.GetProperty("time").GetDateTimeOffset():yyyy-MM-dd HH:mm} {c.GetProperty("method").GetString()}: {c.GetProperty("referenceEnergyEv").GetDouble() / 1e6:F4} +- {c.GetProperty("referenceUncertaintyEv").GetDouble() / 1e6:F4} MeV at NMR {c.GetProperty("nmrEnergyEv").GetDouble() / 1e6:F4} MeV ({c.GetProperty("author").GetString()})"));
        return text.ToString().TrimEnd();
    }

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
