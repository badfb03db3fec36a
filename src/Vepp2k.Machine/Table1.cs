using Vepp2k.Physics;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine;

/// <summary>One row of Table 1 of the abstract: our value beside the published one.</summary>
public sealed record Table1Row(string Name, double? Ours, double? Published, string Unit);

/// <summary>
/// Table 1 of P.Yu. Shatunov's 2011 abstract (machine parameters at 1 GeV), as collected in
/// vepp2000-machine.md section 1, reproduced by the model: our number beside the published one.
/// The notes say where the published set is not self-consistent, with the arithmetic.
/// </summary>
public static class Table1
{
    public const double ParticlesPerBunch = 1e11;

    public static IReadOnlyList<Table1Row> Rows(RingOptics optics, double? structureQx, double? structureQy)
    {
        var lat = optics.Lattice;
        var l = optics.Linear;
        var env = optics.Envelope;
        int snd = lat.IndexOf("SND");
        var ip = snd >= 0 ? l.Rows[snd + 1] : l.Start;
        double f0 = lat.RevolutionFrequency;
        var cavity = lat.Elements.OfType<Physics.Elements.RfCavity>().FirstOrDefault();
        var rows = new List<Table1Row>
        {
            new("Circumference", lat.Circumference, 24.388, "m"),
            new("Beam energy", lat.EnergyEv / 1e9, 1.0, "GeV"),
            new("RF frequency", (cavity?.FrequencyHz ?? double.NaN) / 1e6, 172.0, "MHz"),
            new("RF harmonic number", cavity?.Harmonic ?? double.NaN, 14, ""),
            new("beta*_x at SND", ip.BetaXBothModes * 100, 10, "cm"),
            new("beta*_z at SND", ip.BetaYBothModes * 100, 10, "cm"),
            new("Betatron tune Q_x (structure)", structureQx, 4.1, ""),
            new("Betatron tune Q_z (structure)", structureQy, 2.1, ""),
            new("Momentum compaction", l.MomentumCompaction, 0.036, ""),
        };
        if (env is not null)
        {
            double sx = Math.Sqrt(env.Sigma[0, 0]), sy = Math.Sqrt(env.Sigma[2, 2]);
            double hourglass = Hourglass((ip.BetaXBothModes + ip.BetaYBothModes) / 2, env.BunchLength);
            // Only meaningful for a beam with both transverse sizes set by radiation (a flat ring's
            // vertical size is set by coupling errors the model does not have).
            double? luminosity = env.Emittances[1] > 1e-3 * env.Emittances[0] && env.Emittances[0] > 1e-3 * env.Emittances[1]
                ? f0 * ParticlesPerBunch * ParticlesPerBunch * hourglass / (4 * Math.PI * sx * sy) * 1e-4 : null;
            rows.AddRange(
            [
                new("Synchrotron frequency", env.SynchrotronTune * f0 / 1e3, 30.73, "kHz"),
                new("Energy loss per turn", env.EnergyLossEv / 1e3, 63, "keV"),
                new("Emittance, mode 1", env.Emittances[0], 2.2e-7, "m rad"),
                new("Emittance, mode 2", env.Emittances[1], 2.2e-7, "m rad"),
                new("Energy spread sigma_E/E", env.EnergySpread, 7.0e-4, ""),
                new("Damping decrement, mode 1", env.Decrements[0], 3.0e-5, "per turn"),
                new("Damping decrement, mode 2", env.Decrements[1], 3.0e-5, "per turn"),
                new("Damping decrement, longitudinal", env.Decrements[2], 6.6e-5, "per turn"),
                new("Bunch length", env.BunchLength * 100, 3.3, "cm"),
                new("Luminosity at N = 1e11 (with hourglass)", luminosity, 1e32, "cm^-2 s^-1"),
            ]);
        }
        return rows;
    }

    /// <summary>Where the published numbers disagree among themselves, with the arithmetic.</summary>
    public static IReadOnlyList<string> Notes()
    {
        double c = Constants.SpeedOfLight, alpha = 0.036, sigmaE = 7.0e-4, fs = 30.73e3;
        double sigmaS = alpha * c * sigmaE / (2 * Math.PI * fs);
        double gamma = 1e9 / Constants.ElectronMassEv;
        double xiPerPlane = ParticlesPerBunch * Constants.ClassicalElectronRadius / (4 * Math.PI * gamma * 2.2e-7);
        return
        [
            $"Bunch length: sigma_s = alpha c (sigma_E/E) / (2 pi f_s) = 0.036 x 2.998e8 x 7.0e-4 / (2 pi x 30.73e3) = {sigmaS * 100:F2} cm, " +
            "not the published 3.3 cm; 3.3 cm with f_s = 30.73 kHz needs sigma_E/E = 5.9e-4 (beam-physics.md 5.3).",
            $"Beam-beam: with 2.2e-7 m rad per plane and N = 1e11, xi = N r_e / (4 pi gamma eps) = {xiPerPlane:F3}, " +
            "half the design 0.1; 0.1 follows if 2.2e-7 is the uncoupled emittance shared by two modes.",
            "Damping: U0/(2E) = 3.16e-5 per turn; the published 3.0e-5 transverse is the coupled average (Jx + Jz)/2 x 3.16e-5 with Jx = 0.9 (sector dipoles).",
        ];
    }

    // Round-beam hourglass factor sqrt(pi) a e^{a^2} erfc(a), a = beta*/sigma_s (beam-physics.md 2.1).
    private static double Hourglass(double betaStar, double sigmaS)
    {
        double a = betaStar / sigmaS;
        return Math.Sqrt(Math.PI) * a * ScaledErfc(a);
    }

    // e^{x^2} erfc(x) for x >= 0 (continued fraction for large x, series otherwise via MathNet).
    private static double ScaledErfc(double x) =>
        x < 5 ? Math.Exp(x * x) * MathNet.Numerics.SpecialFunctions.Erfc(x)
              : 1 / (x * Math.Sqrt(Math.PI)) * (1 - 1 / (2 * x * x) + 3 / (4 * Math.Pow(x, 4)));
}
