using Vepp2k.Control.Devices;
using Vepp2k.Control.Nmr;
using Vepp2k.Control.Quench;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// The simulated VEPP-2000 magnet hardware: the main dipole supply PS (8 dipoles in series), 24 quad
/// supplies, 4 SC solenoids (3 sections each, with quench protection), 64 UM corrector supplies and
/// the 8 NMR probes, all advancing in the simulated time of one <see cref="TimeProvider"/>.
/// </summary>
public sealed class SimulatedMachine
{
    private readonly Dictionary<string, PoweredElement> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PoweredElement> _bySetpoint = new(StringComparer.Ordinal);

    public SimulatedMachine(MagnetCatalogue catalogue, TimeProvider time, int seed = 2000)
    {
        Catalogue = catalogue;
        Time = time;
        var magnets = catalogue.Magnets;
        var dipoles = magnets.Where(m => m.Kind == MagnetKind.Dipole).ToList();
        var ps = new SimulatedPowerSupply("PS", SupplyCatalog.Get(SupplyCatalog.Dipole), time, seed);
        var elements = new List<PoweredElement> { new("PS", "VEPP/PS", dipoles, ps) };
        foreach (var q in magnets.Where(m => m.Kind == MagnetKind.Quadrupole))
            elements.Add(new(q.Name, q.Channel, [q], new SimulatedPowerSupply(q.Name, SupplyCatalog.Get(SupplyCatalog.Quadrupole), time, seed + elements.Count)));

        var solenoids = new List<SuperconductingSolenoid>();
        foreach (var quadrant in new[] { 1, 2, 3, 4 })
        {
            var solenoid = new SuperconductingSolenoid($"{quadrant}S", time, seed + 100 * quadrant);
            solenoids.Add(solenoid);
            for (int k = 0; k < solenoid.Sections.Count; k++)
            {
                var magnet = catalogue.Find($"{quadrant}S{k + 1}");
                elements.Add(new(magnet.Name, magnet.Channel, [magnet], solenoid.Sections[k].Supply));
            }
        }
        foreach (var c in magnets.Where(m => Subsystem.Of(m.Kind) == Subsystem.Correctors))
            elements.Add(new(c.Name, c.Channel, [c], new SimulatedPowerSupply(c.Name, SupplyCatalog.Get(SupplyCatalog.Corrector), time, seed + elements.Count)));

        Elements = elements;
        Solenoids = solenoids;
        foreach (var e in elements)
        {
            _byName.Add(e.Name, e);
            _bySetpoint.Add(e.SetpointChannel, e);
        }
        var nmr = NmrParameters.Load();
        // Every probe sits in its own dipole; all dipoles carry the main current, so they read the
        // same field up to each probe's own noise.
        Probes = dipoles.Select((d, i) => new NmrProbe(d.Name, nmr, () => d.FieldFromCurrent(Math.Clamp(ps.LoadCurrent, d.MinCurrent, d.MaxCurrent)), seed + 1000 + i)).ToList();
    }

    public MagnetCatalogue Catalogue { get; }
    public TimeProvider Time { get; }
    public IReadOnlyList<PoweredElement> Elements { get; }
    public IReadOnlyList<SuperconductingSolenoid> Solenoids { get; }
    public IReadOnlyList<NmrProbe> Probes { get; }

    public PoweredElement DipoleSupply => Elements[0];

    public PoweredElement? Find(string name) => _byName.GetValueOrDefault(name.Trim());

    /// <summary>The element whose setpoint channel this is (VEPP/QUAD/1F1/SCur), or null.</summary>
    public PoweredElement? BySetpointChannel(string channel) => _bySetpoint.GetValueOrDefault(channel);

    public PoweredElement Get(string name) => Find(name)
        ?? throw new KeyNotFoundException($"no powered element '{name}'; names are PS (dipoles), 1D1..4F3, 1S1..4S3 and correctors such as 1F1X 2D3Z 3SQ1");

    /// <summary>Integrates every device up to the time provider's now.</summary>
    public void Update()
    {
        foreach (var s in Solenoids) s.Update();
        foreach (var e in Elements) e.Supply.Update();
    }

    /// <summary>Start-up: every supply found on at the given currents (missing names stay off).</summary>
    public void StartRunning(IReadOnlyDictionary<string, double> currents)
    {
        foreach (var (name, amperes) in currents)
        {
            var e = Get(name);
            e.Supply.StartRunning(amperes);
            e.Request = amperes;
        }
    }

    public SuperconductingSolenoid SolenoidOf(PoweredElement section) =>
        Solenoids[section.Model.Quadrant - 1];
}
