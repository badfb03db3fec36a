using Vepp2k.Control.Devices;
using Vepp2k.Control.Nmr;
using Vepp2k.Control.Quench;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// The VEPP-2000 magnets as the control core sees them: the elements by facility name and by
/// setpoint channel, the dipole supply, the solenoids' quench protection and the NMR probes, over
/// whatever hardware provider drives them (<see cref="IMagnetHardware"/>: the simulator by default).
/// </summary>
public sealed class MagnetSystem
{
    private readonly Dictionary<string, PoweredElement> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PoweredElement> _bySetpoint = new(StringComparer.Ordinal);

    public MagnetSystem(MagnetCatalogue catalogue, IMagnetHardware hardware)
    {
        Catalogue = catalogue;
        Hardware = hardware;
        foreach (var e in hardware.Elements)
        {
            _byName.Add(e.Name, e);
            _bySetpoint.Add(e.SetpointChannel, e);
        }
        if (hardware.Elements.Count == 0 || hardware.Elements[0].Model.Kind != MagnetKind.Dipole)
            throw new ArgumentException("the hardware provider must list the dipole supply PS first", nameof(hardware));
        if (hardware.Solenoids.Count != 4)
            throw new ArgumentException($"the hardware provider must give the 4 solenoids' quench protection, not {hardware.Solenoids.Count}", nameof(hardware));
    }

    public MagnetCatalogue Catalogue { get; }
    public IMagnetHardware Hardware { get; }
    public IReadOnlyList<PoweredElement> Elements => Hardware.Elements;
    public IReadOnlyList<IQuenchProtection> Solenoids => Hardware.Solenoids;
    public IReadOnlyList<INmrProbe> Probes => Hardware.Probes;

    public PoweredElement DipoleSupply => Elements[0];

    public PoweredElement? Find(string name) => _byName.GetValueOrDefault(name.Trim());

    /// <summary>The element whose setpoint channel this is (VEPP/QUAD/1F1/SCur), or null.</summary>
    public PoweredElement? BySetpointChannel(string channel) => _bySetpoint.GetValueOrDefault(channel);

    public PoweredElement Get(string name) => Find(name)
        ?? throw new KeyNotFoundException($"no powered element '{name}'; names are PS (dipoles), 1D1..4F3, 1S1..4S3 and correctors such as 1F1X 2D3Z 3SQ1");

    /// <summary>Brings every device up to now.</summary>
    public void Update() => Hardware.Update();

    /// <summary>
    /// Start-up: the requests are what the supplies are found running (a control system restarted
    /// under a running machine takes over its state, it does not reset it).
    /// </summary>
    public void AdoptRunningState()
    {
        foreach (var e in Elements) e.Request = e.Running;
    }

    public IQuenchProtection SolenoidOf(PoweredElement section) =>
        Solenoids[section.Model.Quadrant - 1];
}
