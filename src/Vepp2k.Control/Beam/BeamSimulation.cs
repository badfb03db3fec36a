using System.Globalization;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Beam;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;

namespace Vepp2k.Control.Beam;

/// <summary>
/// The beam in the simulated VEPP-2000: the true ring (the supplies' load currents through the
/// excitation curves at the beam's true energy, with the hidden <see cref="RingErrors"/>), an electron
/// and a positron bunch whose currents decay with a Touschek and gas lifetime and are lost, with the
/// reason, when the ring keeps no beam; and the instruments that read it. Nothing here is visible to the
/// online model: it sees the readings only, like the operators.
/// </summary>
public sealed class BeamSimulation
{
    /// <summary>Largest bunch current the injection chain delivers and the ring stores per beam [A] (assumed).</summary>
    public const double MaxCurrent = 0.2;

    /// <summary>The currents the simulated machine is found with at start-up [A] (assumed: a typical fill).</summary>
    public const double StartCurrent = 0.04;

    private readonly SimulatedHardware _hardware;
    private readonly MagnetCatalogue _catalogue;
    private readonly Instruments _instruments;
    private readonly BeamLifetime _lifetime;
    private readonly string _mode;
    private readonly Dictionary<string, double> _currents = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset? _last;
    private long _sequence;
    private BeamReadings? _latest;

    public BeamSimulation(SimulatedHardware hardware, MagnetCatalogue catalogue, string mode, RingErrors errors,
        InstrumentNoise? noise = null, int seed = 1)
    {
        _hardware = hardware;
        _catalogue = catalogue;
        _mode = mode;
        Errors = errors;
        _instruments = new Instruments(errors, noise ?? InstrumentNoise.Default, seed);
        var setting = ModeDesigns.Setting(mode);
        var design = BeamProbe.Observe(SteeredRing.FromCurrents(mode, setting.EnergyEv, DesignCurrents.For(catalogue, setting), catalogue).Lattice);
        _lifetime = new BeamLifetime(Volume(design));
        ElectronCurrent = PositronCurrent = StartCurrent;
    }

    public RingErrors Errors { get; }

    /// <summary>Bunch currents now [A].</summary>
    public double ElectronCurrent { get; private set; }
    public double PositronCurrent { get; private set; }

    /// <summary>The last reading; null before the first step.</summary>
    public BeamReadings? Latest => Volatile.Read(ref _latest);

    /// <summary>What the beam does in the true ring now (simulation truth, for tests and the docs; never shown to operators).</summary>
    public BeamObservation? Truth { get; private set; }

    /// <summary>Why the present ring keeps no beam, or null.</summary>
    public string? LossReason { get; private set; }

    /// <summary>
    /// The RF frequency's offset from the ring's harmonic, relative (what a dispersion measurement steps;
    /// 0 in operation). The beam follows it at the next reading.
    /// </summary>
    public double RfFrequencyShift { get; set; }

    /// <summary>Raised with the reason (and where) when a stored beam is lost.</summary>
    public event Action<string>? Lost;

    /// <summary>Recomputes the beam from the supplies as they are now and takes a reading.</summary>
    public void Step(DateTimeOffset now)
    {
        ObserveTrueRing();
        double dt = _last is { } last ? Math.Max(0, (now - last).TotalSeconds) : 0;
        _last = now;
        double tauE = double.NaN, tauP = double.NaN;
        if (LossReason is not null)
        {
            if (ElectronCurrent > 0 || PositronCurrent > 0)
            {
                ElectronCurrent = PositronCurrent = 0;
                Lost?.Invoke(LossReason);
            }
        }
        else if (Truth is { } beam)
        {
            double volume = Volume(beam);
            tauE = _lifetime.Of(ElectronCurrent, volume);
            tauP = _lifetime.Of(PositronCurrent, volume);
            ElectronCurrent *= Math.Exp(-dt / tauE);
            PositronCurrent *= Math.Exp(-dt / tauP);
        }
        Volatile.Write(ref _latest, Read(now, tauE, tauP));
    }

    /// <summary>
    /// The corrector currents the simulated machine is found with at start-up: the orbit corrected the way
    /// the operators left it (the model response, SVD, three passes on the instruments' readings), so a ring
    /// whose errors push the uncorrected orbit out of the chamber still stores beam. Without errors, none.
    /// </summary>
    public static Dictionary<string, double> FoundCorrectors(MagnetCatalogue catalogue, string mode, RingErrors errors, IReadOnlyDictionary<string, double> designCurrents)
    {
        var found = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (errors.Magnets.Count == 0) return found;
        var setting = ModeDesigns.Setting(mode);
        var model = OrbitResponse.Compute(SteeredRing.FromCurrents(mode, setting.EnergyEv, designCurrents, catalogue));
        var instruments = new Instruments(errors, InstrumentNoise.None, 0);
        var currents = new Dictionary<string, double>(designCurrents, StringComparer.OrdinalIgnoreCase);
        double brho = Constants.MagneticRigidity(setting.EnergyEv);
        for (int pass = 0; pass < 3; pass++)
        {
            double[] orbit;
            try { orbit = instruments.Orbit(BeamProbe.Observe(SteeredRing.FromCurrents(mode, setting.EnergyEv, currents, catalogue, errors).Lattice)); }
            catch (OpticsException) { break; }
            var kicks = OrbitCorrection.Solve(model, orbit).Kicks;
            for (int j = 0; j < kicks.Length; j++)
            {
                var magnet = catalogue.Find(model.Correctors[j]);
                double amperes = currents.GetValueOrDefault(magnet.Name) + magnet.Curve.Current(kicks[j] * brho / (magnet.Polarity * magnet.StrengthScale), HysteresisBranch.Up);
                currents[magnet.Name] = found[magnet.Name] = Math.Clamp(amperes, magnet.MinCurrent, magnet.MaxCurrent);
            }
        }
        return found;
    }

    /// <summary>Injects <paramref name="amperes"/> into the electron (e) or positron (p) bunch; the reason when it cannot.</summary>
    public string? Inject(string beam, double amperes)
    {
        if (!(amperes > 0 && amperes <= MaxCurrent)) return F($"inject between 0 and {MaxCurrent * 1e3:F0} mA");
        if (LossReason is not null) return "the ring keeps no beam: " + LossReason;
        switch (beam)
        {
            case "e": ElectronCurrent = Math.Min(MaxCurrent, ElectronCurrent + amperes); return null;
            case "p": PositronCurrent = Math.Min(MaxCurrent, PositronCurrent + amperes); return null;
            default: return $"no beam '{beam}': e (electrons) or p (positrons)";
        }
    }

    // Currents and energy of the last ring observed: a ring whose supplies have settled is not
    // recomputed every second (20 ms each) for changes of a part in 1e8 that no instrument resolves.
    private readonly Dictionary<string, double> _observed = new(StringComparer.OrdinalIgnoreCase);
    private double _observedEnergy, _observedRf;
    private const double Unchanged = 1e-8;

    private void ObserveTrueRing()
    {
        _currents.Clear();
        foreach (var e in _hardware.Elements) _currents[e.Name] = _hardware.Supply(e.Name).LoadCurrent;
        double energy = _hardware.TrueBeamEnergyEv();
        double rf = RfFrequencyShift;
        if (_observed.Count == _currents.Count && Math.Abs(energy - _observedEnergy) <= Unchanged * energy && rf == _observedRf
            && _hardware.Elements.All(e => Math.Abs(_currents[e.Name] - _observed[e.Name]) <= Unchanged * e.Supply.Parameters.MaxCurrent))
            return;
        _observed.Clear();
        foreach (var (name, amperes) in _currents) _observed[name] = amperes;
        _observedEnergy = energy;
        _observedRf = rf;
        try
        {
            Truth = BeamProbe.Observe(RfFrequency.Shifted(Ring(_currents, energy).Lattice, rf));
            LossReason = BeamLoss.Reason(Truth);
        }
        catch (Exception e) when (e is OpticsException or ArgumentOutOfRangeException)
        {
            Truth = null;
            LossReason = e.Message;
        }
    }

    /// <summary>The true ring now: the supplies' load currents at the beam's true energy, with the hidden errors (simulation truth).</summary>
    public SteeredRing TrueRing() =>
        Ring(_hardware.Elements.ToDictionary(e => e.Name, e => _hardware.Supply(e.Name).LoadCurrent), _hardware.TrueBeamEnergyEv());

    // The machine's range ends at 1 GeV; a true energy a few 1e-4 above it (the hidden NMR scale error at
    // the top) is taken at 1 GeV, where the excitation curves end.
    private SteeredRing Ring(IReadOnlyDictionary<string, double> currents, double energyEv) =>
        SteeredRing.FromCurrents(_mode, Math.Clamp(energyEv, BeamEnergyRange.MinEv, BeamEnergyRange.MaxEv), currents, _catalogue, Errors);

    private BeamReadings Read(DateTimeOffset now, double tauE, double tauP)
    {
        bool beam = (ElectronCurrent > 0 || PositronCurrent > 0) && Truth is not null;
        var truth = Truth;
        var bpms = RingErrors.BpmNames.Select((n, i) => beam ? _instruments.Bpm(truth!.Bpms[i]) : new OrbitPoint(n, double.NaN, double.NaN)).ToArray();
        var ccds = RingErrors.CcdNames().Select((n, i) => beam ? _instruments.Ccd(truth!.Ccds[i]) : new BeamSpot(n, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)).ToArray();
        double[] tunes = beam ? [.. truth!.Tunes.Select(q => _instruments.Tune(q - Math.Floor(q)))] : [double.NaN, double.NaN];
        var luminosity = BeamProbe.InteractionPointNames.Select((n, i) =>
            new IpLuminosity(n, beam ? Luminosity(truth!.InteractionPoints[i]) : 0)).ToArray();
        string status = LossReason is { } reason ? "no beam: " + reason : beam ? "ok" : "no beam stored";
        return new BeamReadings(++_sequence, now, status, bpms, ccds, tunes, ElectronCurrent, PositronCurrent, tauE, tauP, luminosity);
    }

    /// <summary>
    /// Head-on luminosity of two equal Gaussian bunches [1/(cm^2 s)]: f0 N- N+ / (4 pi sqrt(det Sigma_xz)), the
    /// overlap of two identical (possibly tilted) transverse ellipses; no hourglass, no beam-beam blow-up yet.
    /// </summary>
    private double Luminosity(BeamSpot ip)
    {
        double f0 = Constants.SpeedOfLight / RingGeometry.Circumference;
        double ne = ElectronCurrent / (Constants.ElementaryCharge * f0), np = PositronCurrent / (Constants.ElementaryCharge * f0);
        double det = ip.SigmaX * ip.SigmaX * ip.SigmaZ * ip.SigmaZ - ip.CovarianceXZ * ip.CovarianceXZ;
        return f0 * ne * np / (4 * Math.PI * Math.Sqrt(det)) * 1e-4;
    }

    private static double Volume(BeamObservation beam) => beam.Ccds.Average(c => c.SigmaX * c.SigmaZ) * beam.BunchLength;

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
