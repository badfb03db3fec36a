using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vepp2k.Machine.Calibration;

namespace Vepp2k.Cli;

/// <summary>
/// vepp2k calibrate rd|phi: the two absolute energy calibrations simulated with a known offset between
/// the NMR and the true energy; prints what the procedure recovers (docs/calibration.md).
/// </summary>
public static class CalibrateCommand
{
    /// <summary>JSON shape: the entry for the calibration table (with its offset k and error) plus the truth the simulation used.</summary>
    public sealed record Answer(CalibrationOutcome Entry, double TrueOffset);

    // The method by name, as the control system's CalibrationMethod spells it.
    private static readonly JsonSerializerOptions JsonOptions = new(OpticsCommand.Json) { Converters = { new JsonStringEnumConverter() } };

    private static readonly Option<int> Seed = new("--seed") { Description = "random seed of the simulated counts", DefaultValueFactory = _ => 1 };
    private static readonly Option<string?> Csv = new("--csv") { Description = "write the simulated scan to this CSV file" };
    private static readonly Option<string?> PlotFile = new("--plot") { Description = "plot the scan and the fit (PNG, or SVG by extension)" };
    private static readonly Option<bool> Json = new("--json") { Description = "print one JSON object" };

    public static Command Create() => new("calibrate", "simulate an absolute energy calibration (resonant depolarisation or phi-meson scan)")
    {
        Rd(), Phi(),
    };

    private static Command Rd()
    {
        var energy = new Option<double>("--energy-mev") { Description = "NMR (nominal) beam energy [MeV]", DefaultValueFactory = _ => 750 };
        var offset = new Option<double>("--offset") { Description = "true relative offset k: E_true = E_nmr (1 + k)", DefaultValueFactory = _ => 1e-4 };
        var window = new Option<double>("--window") { Description = "half-width of the scan in relative energy", DefaultValueFactory = _ => 2e-4 };
        var rate = new Option<double>("--sweep-rate") { Description = "depolariser sweep rate [Hz/s]", DefaultValueFactory = _ => 10 };
        var polarize = new Option<double>("--polarize-s") { Description = "self-polarisation time before the scan [s]", DefaultValueFactory = _ => 7200 };
        var command = new Command("rd", "resonant depolarisation: depolariser scan, Touschek-rate jump, spin tune -> energy")
        {
            energy, offset, window, rate, polarize, Seed, Csv, PlotFile, Json,
        };
        command.SetAction(parse => Guard("rd", () =>
        {
            var settings = new RdScanSettings
            {
                NominalEnergyEv = parse.GetValue(energy) * 1e6,
                TrueOffset = parse.GetValue(offset),
                WindowRelative = parse.GetValue(window),
                SweepRate = parse.GetValue(rate),
                BuildUpTime = parse.GetValue(polarize),
            };
            var r = ResonantDepolarization.Run(settings, parse.GetValue(Seed));
            if (parse.GetValue(Csv) is { } csv) CalibrationCsv.WriteRd(r.Scan, csv);
            if (parse.GetValue(PlotFile) is { } plot) CalibrationPlot.SaveRd(r, plot);
            if (parse.GetValue(Json)) Print(r.Outcome, settings.TrueOffset);
            else CalibrationReport.PrintRd(r);
        }));
        return command;
    }

    private static Command Phi()
    {
        var offset = new Option<double>("--offset") { Description = "true relative offset k: W_true = W_nmr (1 + k)", DefaultValueFactory = _ => 2e-4 };
        var lumi = new Option<double>("--lumi-nb") { Description = "integrated luminosity per point [nb^-1]", DefaultValueFactory = _ => 20 };
        var spread = new Option<double>("--energy-spread") { Description = "relative beam energy spread sigma_E / E", DefaultValueFactory = _ => 3.7e-4 };
        var command = new Command("phi", "phi-meson scan: visible cross-section around 1019.461 MeV, fit of the energy-scale offset")
        {
            offset, lumi, spread, Seed, Csv, PlotFile, Json,
        };
        command.SetAction(parse => Guard("phi", () =>
        {
            var settings = new PhiScanSettings
            {
                TrueOffset = parse.GetValue(offset),
                LuminosityPerPoint = parse.GetValue(lumi) / PhiScanSettings.Nanobarn,
                RelativeEnergySpread = parse.GetValue(spread),
            };
            var r = PhiCalibration.Run(settings, parse.GetValue(Seed));
            if (parse.GetValue(Csv) is { } csv) CalibrationCsv.WritePhi(r, settings, csv);
            if (parse.GetValue(PlotFile) is { } plot) CalibrationPlot.SavePhi(r, settings, plot);
            if (parse.GetValue(Json)) Print(r.Outcome, settings.TrueOffset);
            else CalibrationReport.PrintPhi(r, settings);
        }));
        return command;
    }

    private static void Print(CalibrationOutcome o, double trueOffset) =>
        Console.WriteLine(JsonSerializer.Serialize(new Answer(o, trueOffset), JsonOptions));

    // A procedure that finds no resonance, or settings it cannot use, is a refusal with its reason, not a crash.
    private static int Guard(string name, Action run)
    {
        try
        {
            run();
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"vepp2k calibrate {name}: {e.Message}");
            return 2;
        }
    }
}
