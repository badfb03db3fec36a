namespace Vepp2k.Vcas;

/// <summary>
/// How CXv4 reaches channels whose names hold '.': its VCAS plugin (cda_d_vcas.c) turns every '.' of a
/// CX channel name into '/', so <c>VEPP.QUAD.1F1.MCur.1</c> arrives as <c>VEPP/QUAD/1F1/MCur/1</c> and
/// <c>MCur.1</c> cannot be named at all. Such a channel is also served under its name with each '.'
/// written <see cref="Alias"/> (<c>VEPP.QUAD.1F1.MCur~1</c> in CXv4), and every reply goes out under the
/// name the client used, which is what the plugin matches. No served name holds '~' (created names
/// may not), so the two spellings map one to one.
/// </summary>
internal static class VcasNames
{
    /// <summary>Stands for '.' in a requested name; chosen because CXv4 passes it through and VCAS gives it no meaning.</summary>
    public const char Alias = '~';

    /// <summary>The served name a CX spelling stands for (the name itself when it holds no alias).</summary>
    public static string Path(string requested) => requested.Replace(Alias, '.');
}
