namespace Vepp2k.Control.Channels;

/// <summary>
/// The one rule from a channel path to an EPICS PV name: every '/' becomes ':' and every '.' becomes
/// '_' (EPICS reserves '.' for record fields). VEPP/QUAD/1F1/MCur.1 is served as VEPP:QUAD:1F1:MCur_1.
/// No VEPP-2000 path contains ':' or '_' next to those positions ambiguously, and the registry
/// refuses two paths that map to the same PV name, so the rule is invertible by lookup.
/// </summary>
public static class PvNames
{
    public static string FromPath(string path) => path.Replace('/', ':').Replace('.', '_');
}
