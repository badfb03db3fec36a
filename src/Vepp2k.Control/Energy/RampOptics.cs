using System.Text.Json.Serialization;
using Vepp2k.Control.Online;

namespace Vepp2k.Control.Energy;

/// <summary>
/// The numbers of one online-model evaluation an energy-ramp report shows: the eigen-tunes with their
/// integer parts and beta* of both planes at SND and CMD [m]; NaN where the model gave no optics, and
/// <paramref name="Status"/> says why ("ok" otherwise).
/// </summary>
public sealed record RampOptics(string Status, double Q1, double Q2, double BetaXSnd, double BetaYSnd, double BetaXCmd, double BetaYCmd)
{
    public static RampOptics From(OnlineResult result)
    {
        if (result.Status != OnlineStatus.Ok || result.Optics is not { } optics)
            return new($"{result.Status}: {result.Reason}", double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var snd = optics.InteractionPoints.First(ip => ip.Name == "SND");
        var cmd = optics.InteractionPoints.First(ip => ip.Name == "CMD");
        return new("ok", optics.Tunes[0], optics.Tunes[1], snd.BetaX, snd.BetaY, cmd.BetaX, cmd.BetaY);
    }

    [JsonIgnore]
    public bool Ok => Status == "ok";

    [JsonIgnore]
    public IReadOnlyList<double> Tunes => [Q1, Q2];
}
