using Vepp2k.Control.Beam;
using Vepp2k.Control.Devices;
using Vepp2k.Machine.Beam;
using Vepp2k.Control.Nmr;
using Vepp2k.Control.Quench;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// The simulated VEPP-2000 magnet hardware, the default <see cref="IMagnetHardware"/>: the main
/// dipole supply PS (8 dipoles in series), 24 quad supplies, 4 SC solenoids (3 sections each, with
/// quench protection), 64 UM corrector supplies and the 8 NMR probes, all advancing in the simulated
/// time of one <see cref="TimeProvider"/>. Besides the provider's interface it offers what only a
/// simulation can: start-up already running, and fault injection.
/// </summary>
public sealed class SimulatedHardware : IMagnetHardware
{
    private readonly Dictionary<string, SimulatedPowerSupply> _supplies = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SuperconductingSolenoid> _solenoids = [];

    public SimulatedHardware(MagnetCatalogue catalogue, TimeProvider time, int seed = 2000)
    {
        var magnets = catalogue.Magnets;
        var dipoles = magnets.Where(m => m.Kind == MagnetKind.Dipole).ToList();
        var elements = new List<PoweredElement>();
        void Add(string name, string path, IReadOnlyList<Magnet> driven, SimulatedPowerSupply supply)
        {
            elements.Add(new(name, path, driven, supply));
            _supplies.Add(name, supply);
        }
        var ps = new SimulatedPowerSupply("PS", SupplyCatalog.Get(SupplyCatalog.Dipole), time, seed);
        Add("PS", "VEPP/PS", dipoles, ps);
        foreach (var q in magnets.Where(m => m.Kind == MagnetKind.Quadrupole))
            Add(q.Name, q.Channel, [q], new SimulatedPowerSupply(q.Name, SupplyCatalog.Get(SupplyCatalog.Quadrupole), time, seed + elements.Count));
        foreach (var quadrant in new[] { 1, 2, 3, 4 })
        {
            var solenoid = new SuperconductingSolenoid($"{quadrant}S", time, seed + 100 * quadrant);
            _solenoids.Add(solenoid);
            for (int k = 0; k < solenoid.Sections.Count; k++)
            {
                var magnet = catalogue.Find($"{quadrant}S{k + 1}");
                Add(magnet.Name, magnet.Channel, [magnet], solenoid.Sections[k].Supply);
            }
        }
        foreach (var c in magnets.Where(m => Subsystem.Of(m.Kind) == Subsystem.Correctors))
            Add(c.Name, c.Channel, [c], new SimulatedPowerSupply(c.Name, SupplyCatalog.Get(SupplyCatalog.Corrector), time, seed + elements.Count));
        Elements = elements;
        var nmr = NmrParameters.Load();
        // Every probe sits in its own dipole; all dipoles carry the main current, so they read the
        // same field up to each probe's own noise.
        Probes = [.. dipoles.Select((d, i) => new NmrProbe(d.Name, nmr, () => d.FieldFromCurrent(Math.Clamp(ps.LoadCurrent, d.MinCurrent, d.MaxCurrent)), seed + 1000 + i))];
        _dipole = dipoles[0];
        _mainSupply = ps;
        _catalogue = catalogue;
    }

    private readonly MagnetCatalogue _catalogue;

    /// <summary>
    /// Start-up of the simulated machine: found running a mode, supplies on at its design currents, the
    /// dipole correctors where the orbit correction left them for the ring's hidden errors (zero for a
    /// perfect ring), the other windings at zero.
    /// </summary>
    public void StartRunningDesign(string mode, RingErrors errors)
    {
        var currents = DesignCurrents.For(_catalogue, ModeDesigns.Setting(mode));
        foreach (var (name, amperes) in BeamSimulation.FoundCorrectors(_catalogue, mode, errors, currents)) currents[name] = amperes;
        foreach (var e in Elements) currents.TryAdd(e.Name, 0);
        StartRunning(currents);
    }

    private readonly Magnet _dipole;
    private readonly SimulatedPowerSupply _mainSupply;

    /// <summary>
    /// Simulation truth hidden from the control system: how far the beam's momentum lies above what
    /// the NMR field and the nominal bending radius give (the field integral differs from the probe's
    /// local field times the nominal length). Assumed 3e-4: below the 1e-3 an uncalibrated B rho is
    /// good to (beam-physics.md 4.1), so the calibration procedures have something to find.
    /// </summary>
    public double NmrScaleError { get; set; } = 3e-4;

    /// <summary>The beam's true energy now [eV] (what resonant depolarisation or the phi scan measure).</summary>
    public double TrueBeamEnergyEv()
    {
        double field = _dipole.FieldFromCurrent(Math.Clamp(_mainSupply.LoadCurrent, _dipole.MinCurrent, _dipole.MaxCurrent));
        double pc = field * _dipole.StrengthScale / RingGeometry.BendAngle * Constants.SpeedOfLight * (1 + NmrScaleError);
        return Math.Sqrt(pc * pc + Constants.ElectronMassEv * Constants.ElectronMassEv);
    }

    public IReadOnlyList<PoweredElement> Elements { get; }
    public IReadOnlyList<IQuenchProtection> Solenoids => _solenoids;
    public IReadOnlyList<INmrProbe> Probes { get; }

    /// <summary>The simulated supply of an element, for fault injection and simulation truth (load current).</summary>
    public SimulatedPowerSupply Supply(string element) => _supplies.TryGetValue(element.Trim(), out var s) ? s
        : throw new KeyNotFoundException($"no powered element '{element}'");

    /// <summary>The simulated solenoid 1S..4S, for quench injection.</summary>
    public SuperconductingSolenoid Solenoid(string name) => _solenoids.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"no solenoid '{name}'; solenoids are 1S 2S 3S 4S");

    public void Update()
    {
        foreach (var s in _solenoids) s.Update();
        foreach (var s in _supplies.Values) s.Update();
    }

    /// <summary>Start-up: every supply found on at the given currents (missing names stay off).</summary>
    public void StartRunning(IReadOnlyDictionary<string, double> currents)
    {
        foreach (var (name, amperes) in currents) Supply(name).StartRunning(amperes);
    }
}
