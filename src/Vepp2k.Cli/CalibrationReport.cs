using Vepp2k.Machine.Calibration;

namespace Vepp2k.Cli;

/// <summary>The text report of a simulated calibration: the procedure's steps, the recovered value, and the truth beside it.</summary>
public static class CalibrationReport
{
    public static void PrintRd(RdResult r)
    {
        var s = r.Scan.Settings;
        var bins = r.Scan.Bins;
        double tau = SokolovTernov.RingTime(s.TrueEnergyEv, s.BendRadius, s.Circumference);
        string line = r.Scan.Line.Mirror ? $"f0 ({r.Scan.Line.Integer} - nu)" : $"f0 (nu - {r.Scan.Line.Integer})";
        Console.WriteLine($"Resonant depolarisation at E_nmr = {s.NominalEnergyEv / 1e6:F4} MeV, simulated offset k = {s.TrueOffset:E3}");
        Console.WriteLine($"  f0 = {r.Scan.RevolutionFrequency / 1e6:F6} MHz; line {line}; scan {bins[0].FrequencyStart / 1e6:F6} .. {bins[^1].FrequencyEnd / 1e6:F6} MHz at {s.SweepRate} Hz/s ({bins.Count} gates of {s.BinTime} s)");
        Console.WriteLine($"  Sokolov-Ternov: tau = {tau / 60:F1} min, P = {r.Scan.Polarization:F3} after {s.BuildUpTime / 60:F0} min; Touschek rate drop {s.AnalyzingPower * r.Scan.Polarization * r.Scan.Polarization:P2}");
        Console.WriteLine($"  jump at f_d = {r.Fit.JumpFrequency:F1} +- {r.Fit.JumpFrequencyUncertainty:F1} Hz, size {r.Fit.Jump / r.Fit.RatioBefore:P2} ({r.Fit.Significance:F0} sigma), chi2 {r.Fit.Chi2:F1} / {r.Fit.DegreesOfFreedom}");
        Console.WriteLine($"  spin tune nu = {r.SpinTune:F9}");
        Console.WriteLine($"  E = {r.EnergyEv / 1e6:F5} +- {r.UncertaintyEv / 1e6:F5} MeV (stat {r.StatisticalUncertaintyEv / 1e6:F5}, energy jitter {s.EnergyJitter:E1}); relative {r.UncertaintyEv / r.EnergyEv:E2}");
        Console.WriteLine($"  k = {r.Outcome.Offset:E4} +- {r.Outcome.OffsetUncertainty:E2}");
        Console.WriteLine($"  truth: E_true = {s.TrueEnergyEv / 1e6:F5} MeV, pull {(r.EnergyEv - s.TrueEnergyEv) / r.UncertaintyEv:F2}");
        PrintEntryCommand(r.Outcome);
    }

    public static void PrintPhi(PhiResult r, PhiScanSettings s)
    {
        var f = r.Fit;
        var shape = new PhiLineShape(s.RelativeEnergySpread);
        Console.WriteLine($"Phi-meson scan: {r.Points.Count} points, {s.LuminosityPerPoint * PhiScanSettings.Nanobarn:G4} nb^-1 each, simulated offset k = {s.TrueOffset:E3}");
        Console.WriteLine("  W_nmr [MeV]   events   sigma [nb]        fit [nb]");
        foreach (var p in r.Points)
        {
            double model = f.PeakCrossSection * shape.Visible(p.NominalCmEnergyEv * (1 + f.Offset)) + f.Background;
            Console.WriteLine($"  {p.NominalCmEnergyEv / 1e6,11:F3} {p.Events,8} {p.CrossSection / PhiScanSettings.Nanobarn,8:F1} +- {p.CrossSectionError / PhiScanSettings.Nanobarn,5:F1} {model / PhiScanSettings.Nanobarn,8:F1}");
        }
        Console.WriteLine($"  peak (Born x efficiency) {f.PeakCrossSection / PhiScanSettings.Nanobarn:F0} nb, background {f.Background / PhiScanSettings.Nanobarn:F1} nb, chi2 {f.Chi2:F1} / {f.DegreesOfFreedom}");
        Console.WriteLine($"  k = {f.Offset:E4} +- {f.OffsetError:E2} (stat) +- {PhiResonance.MassUncertaintyEv / PhiResonance.MassEv:E2} (PDG mass) = +- {r.OffsetUncertainty:E2}");
        Console.WriteLine($"  M_phi on the NMR scale = {r.ApparentMassEv / 1e6:F4} MeV (PDG {PhiResonance.MassEv / 1e6:F3})");
        Console.WriteLine($"  entry: E_ref = {r.Outcome.ReferenceEnergyEv / 1e6:F4} +- {r.Outcome.ReferenceUncertaintyEv / 1e6:F4} MeV at E_nmr = {r.Outcome.NmrEnergyEv / 1e6:F4} MeV");
        Console.WriteLine($"  truth: k = {s.TrueOffset:E4}, pull {(f.Offset - s.TrueOffset) / f.OffsetError:F2} (stat error)");
        PrintEntryCommand(r.Outcome);
    }

    // The outcome as the control system's calibration table takes it (energy calibrate, RampEnergyCommands), ready to paste.
    private static void PrintEntryCommand(CalibrationOutcome o) =>
        Console.WriteLine($"  enter with: vepp2k energy calibrate --method {o.Method} --reference-mev {o.ReferenceEnergyEv / 1e6:F6}"
            + $" --uncertainty-mev {o.ReferenceUncertaintyEv / 1e6:F6} --nmr-mev {o.NmrEnergyEv / 1e6:F6} --note \"simulated {o.Method}\"");
}
