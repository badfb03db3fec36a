namespace Vepp2k.Control.Beam;

/// <summary>One corrector's part in an orbit correction [A, rad].</summary>
public sealed record CorrectorChange(string Corrector, double FromAmps, double ToAmps, double Kick);

/// <summary>
/// What an orbit correction would change, before anything moves: the corrector currents, the
/// measured rms orbit and the rms the response predicts after it, over the monitors used.
/// <paramref name="Refusal"/> says why there is no plan (no beam, a corrector past its 6 A).
/// </summary>
public sealed record OrbitCorrectionPlan(
    string Response, IReadOnlyList<CorrectorChange> Changes, double MeasuredRms, double ExpectedRms,
    int SingularValuesUsed, int SingularValues, string? Refusal, double DispersionRms = 0, double DispersionExpectedRms = 0)
{
    public static OrbitCorrectionPlan Refused(string reason) => new("", [], double.NaN, double.NaN, 0, 0, reason);
}
