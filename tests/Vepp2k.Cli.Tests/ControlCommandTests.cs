using Microsoft.AspNetCore.Builder;
using Vepp2k.Control.Runtime;
using Vepp2k.Web;

namespace Vepp2k.Cli.Tests;

/// <summary>
/// The scripting commands against a real server on a free loopback port. Its server runs on 5x scaled time, where
/// a simulation loop starved for 6 s of wall time would miss a supply's 30 s ramp deadline (at 20x, 1.5 s did: twice
/// in CI, once beside a CI run here); and it runs alone, after the other classes (CPU-heavy commands: beam-beam
/// scans with child processes, tracking, magnetostatics).
/// </summary>
[Collection(ScaledTimeServer.Name)]
public sealed class ControlCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vepp2k-cli-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private ControlSystem _system = null!;
    private WebApplication _app = null!;
    private Task _loop = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _system = ControlSystem.Start(new ControlSystemOptions { DataFolder = _folder, AdminPassword = "admin-secret" }, new ScaledTimeProvider(5));
        _app = ControlServer.Create(_system, new ServerOptions("127.0.0.1", 0));
        await _app.StartAsync();
        _loop = _system.RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _stop.Cancel();
        await _loop;
        await _system.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private (int Exit, string Out, string Error) Run(params string[] args) =>
        CliRunner.Run([.. args, "--server", _app.Urls.First(), "--user", "admin", "--password", "admin-secret"]);

    [Fact]
    public void LocoCommandsMeasureFitAndApplyOnlyWhenConfirmed()
    {
        var measure = Run("loco", "measure", "--wait");
        Assert.True(measure.Exit == 0, measure.Error + measure.Out);
        Assert.Contains("36 correctors x 20 monitors and the dispersion", measure.Out);
        var fit = Run("loco", "fit", "1", "--wait");
        Assert.True(fit.Exit == 0, fit.Error + fit.Out);
        Assert.Contains("chi2/dof", fit.Out);
        Assert.Contains("after the corrections (expected): beta-beat", fit.Out);
        var unconfirmed = Run("loco", "apply", "1");
        Assert.NotEqual(0, unconfirmed.Exit);
        Assert.Contains("confirm", unconfirmed.Error);
        var applied = Run("loco", "apply", "1", "--confirm");
        Assert.True(applied.Exit == 0, applied.Error + applied.Out);
        Assert.Contains("arrived", applied.Out);
    }

    [Fact]
    public void OrbitCommandsMeasureShowAndCorrectThroughTheServer()
    {
        var beam = Run("beam", "show");
        Assert.True(beam.Exit == 0, beam.Error);
        Assert.Contains("status ok", beam.Out);
        Assert.Contains("1M1L", beam.Out);

        var measure = Run("orbit", "measure", "1F1X", "2D1Z", "--step", "0.5", "--wait");
        Assert.True(measure.Exit == 0, measure.Error + measure.Out);
        Assert.Contains("completed", measure.Out);
        string csv = Path.Combine(_folder, "response.csv");
        var show = Run("orbit", "show", "1", "--csv", csv);
        Assert.True(show.Exit == 0, show.Error);
        var rows = File.ReadAllLines(csv);
        Assert.Equal("reading,1F1X,2D1Z", rows[0]);
        Assert.Equal(41, rows.Length);
        Assert.StartsWith("x BPM1,", rows[1]);

        var plan = Run("orbit", "correct");
        Assert.True(plan.Exit == 0, plan.Error + plan.Out);
        Assert.Contains("model response", plan.Out);
        Assert.Contains("nothing changed", plan.Out);
        var applied = Run("orbit", "correct", "--confirm");
        Assert.True(applied.Exit == 0, applied.Error + applied.Out);
        Assert.Contains("ramp #", applied.Out);

        string errors = Path.Combine(_folder, "errors.json");
        Assert.Equal(0, Run("errors", "write", "7", errors).Exit);
        var read = BeamCommands.ParseErrors(errors);
        Assert.Equal(Machine.Beam.RingErrors.Generate(7).Magnet("2F1"), read.Magnet("2F1"));
        Assert.Throws<ArgumentException>(() => BeamCommands.ParseErrors(Path.Combine(_folder, "missing.json")));
    }

    [Fact]
    public void EnergySetMovesTheWholeMachineAndRefusesTargetsOutOfRange()
    {
        var unconfirmed = Run("standardise", "--cycles", "1");
        Assert.NotEqual(0, unconfirmed.Exit);
        Assert.Contains("confirm", unconfirmed.Error);
        var refused = Run("energy", "set", "1200");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("outside the machine's range", refused.Error);
        var set = Run("energy", "set", "990", "--rate", "20", "--wait");
        Assert.True(set.Exit == 0, set.Error + set.Out);
        Assert.Contains("1000.000 -> 990.000 MeV", set.Out);
        Assert.Contains("arrived", set.Out);
        var (_, energy, _) = Run("get", "VEPP/Energy/SetE");
        Assert.Equal(990, double.Parse(energy.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), 1e-3);

        // The ramp's report: as many CSV rows as the API's nodes, the header the CSV writer defines, a PNG.
        long ramp = long.Parse(System.Text.RegularExpressions.Regex.Match(set.Out, @"ramp #(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        string reportCsv = Path.Combine(_folder, "ramp.csv"), reportPng = Path.Combine(_folder, "ramp.png");
        // A ramp's last node is recorded at the first model period after it ends (a short one may have no other).
        for (int i = 0; i < 100 && _system.RampRecorder.Report(ramp)?.Rows.Count is null or 0; i++) Thread.Sleep(50);
        var report = Run("energy", "report", ramp.ToString(System.Globalization.CultureInfo.InvariantCulture), "--csv", reportCsv, "--plot", reportPng);
        Assert.True(report.Exit == 0, report.Error + report.Out);
        var recorded = _system.RampRecorder.Report(ramp)!;
        var lines = File.ReadAllLines(reportCsv);
        Assert.Equal(Control.Energy.EnergyRampReportCsv.Header, lines[0]);
        Assert.Equal(recorded.Rows.Count + 1, lines.Length);
        Assert.True(recorded.Rows.Count >= 1, "the guard recorded the ramp");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(reportPng)[..4]);
        Assert.Contains($"ramp #{ramp}", report.Out);
        Assert.NotEqual(0, Run("energy", "report", "999").Exit);
        var standardised = Run("energy", "scan", "start", "985", "--standardise");
        Assert.NotEqual(0, standardised.Exit);
        Assert.Contains("confirm", standardised.Error);
        Assert.Contains("Completed at 990.000 MeV", Run("get", "VEPP/Energy/RampState").Out);

        string table = Path.Combine(_folder, "to-987.csv");
        var plan = Run("energy", "plan", "987", "--rate", "20", "--csv", table);
        Assert.True(plan.Exit == 0, plan.Error);
        Assert.Contains("nodes", plan.Out);
        Assert.StartsWith("time_s,energy_MeV,PS,", File.ReadAllText(table));
        var run = Run("energy", "table", table);
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("ramp #2", run.Out);
        string state = "";
        for (var until = DateTime.UtcNow.AddSeconds(90); !state.Contains("ramp #2 Completed") && DateTime.UtcNow < until; Thread.Sleep(50)) state = Run("get", "VEPP/Energy/RampState").Out;
        Assert.Contains("ramp #2 Completed at 987.000 MeV", state);
        var again = Run("energy", "table", table);
        Assert.NotEqual(0, again.Exit);
        Assert.Contains("the table starts it at", again.Error);

        var rd = Run("energy", "procedure", "rd", "--seed", "5");
        Assert.True(rd.Exit == 0, rd.Error);
        Assert.Contains("entered", rd.Out);
        var phi = Run("energy", "procedure", "phi");
        Assert.NotEqual(0, phi.Exit);
        Assert.Contains("near the phi", phi.Error);

        var scan = Run("energy", "scan", "start", "985", "980", "--dwell", "1", "--rate", "20");
        Assert.True(scan.Exit == 0, scan.Error);
        Assert.Contains("scan #1 Running, point 1 of 2 (985.000 MeV", scan.Out);
        var listed = "";
        for (var until = DateTime.UtcNow.AddSeconds(90); !listed.Contains("Completed") && DateTime.UtcNow < until; Thread.Sleep(50)) listed = Run("energy", "scan", "list").Out;
        Assert.Contains("scan #1 Completed, point 2 of 2", listed);
        Assert.NotEqual(0, Run("energy", "scan", "pause", "1").Exit);
    }

    [Fact]
    public void GetSetAndRefusal()
    {
        var (exit, output, _) = Run("get", "VEPP/QUAD/1F1/SCur");
        Assert.Equal(0, exit);
        Assert.StartsWith("VEPP/QUAD/1F1/SCur 291.9", output);
        var set = Run("set", "VEPP/QUAD/1F1/SCur", "280");
        Assert.Equal(0, set.Exit);
        var refused = Run("set", "VEPP/QUAD/1F1/SCur", "400");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("outside the drive limits", refused.Error);
        var anonymous = CliRunner.Run("get", "VEPP/QUAD/1F1/SCur", "--server", _app.Urls.First());
        Assert.NotEqual(0, anonymous.Exit);
        Assert.Contains("401", anonymous.Error);
    }

    [Fact]
    public void GroupSnapshotRestoreEventsHistory()
    {
        Assert.Equal(0, Run("snapshot", "save", "golden", "--comment", "design", "--tag", "golden").Exit);
        var group = Run("group", "apply", "quads-D2", "scale", "0.9", "--wait", "--tolerance", "0.1");
        Assert.Equal(0, group.Exit);
        Assert.Contains("all 4 arrived", group.Out);
        var compare = Run("snapshot", "compare", "golden");
        Assert.Contains("4 of 101 differ", compare.Out);
        var restore = Run("restore", "golden", "--subsystems", "quads", "--tolerance", "0.1");
        Assert.Equal(0, restore.Exit);
        Assert.Contains("restored 4, unchanged 20", restore.Out);
        var events = Run("events", "--kind", "operator", "--limit", "3");
        Assert.Contains("workingset/golden: restore v1", events.Out);
        var history = Run("history", "VEPP/QUAD/1D2/MCur.1", "--bins", "3");
        Assert.Equal(0, history.Exit);
        Assert.Contains("min=", history.Out);
    }

    [Fact]
    public void GroupsRampsAndEnergyFromTheCommandLine()
    {
        var define = Run("group", "define", "my-pair", "1F1", "4F1");
        Assert.Equal(0, define.Exit);
        Assert.Contains("group my-pair: 1F1 4F1", define.Out);
        var apply = Run("group", "apply", "my-pair", "increment", "-1", "--wait", "--tolerance", "0.1");
        Assert.Equal(0, apply.Exit);
        Assert.Contains("all 2 arrived", apply.Out);
        var ramps = Run("ramp", "list");
        Assert.Contains("Completed", ramps.Out);
        var pause = Run("ramp", "pause", "1");
        Assert.NotEqual(0, pause.Exit);
        Assert.Contains("cannot pause", pause.Error);

        var refused = Run("energy", "calibrate", "--method", "ResonantDepolarization", "--reference-mev", "1500", "--uncertainty-mev", "0.01");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("outside", refused.Error);
        var calibrate = Run("energy", "calibrate", "--method", "ResonantDepolarization", "--reference-mev", "999.8", "--uncertainty-mev", "0.01", "--nmr-mev", "1000.0");
        Assert.Equal(0, calibrate.Exit);
        // At the default 1 GeV with the NMR energy read now (a hair above 1 GeV on a noisy probe): accepted.
        var atTop = Run("energy", "calibrate", "--method", "ResonantDepolarization", "--reference-mev", "1000.02", "--uncertainty-mev", "0.01");
        Assert.True(atTop.Exit == 0, atTop.Error);
        var show = Run("energy", "show").Out;
        Assert.Contains("ResonantDepolarization", show);
        // The energy itself comes first: the simulated machine runs at 1 GeV.
        var first = show.Split('\n')[0];
        Assert.Matches(@"^E = \d+\.\d{4} MeV \+- \d+\.\d{4} MeV", first);
        double shown = double.Parse(first.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(shown, 990, 1010);
    }
}

/// <summary>Test classes whose server runs on scaled time: run with nothing beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaledTimeServer
{
    public const string Name = "scaled-time server";
}
