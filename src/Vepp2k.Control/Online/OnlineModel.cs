using System.Globalization;
using Vepp2k.Machine;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Control.Online;

/// <summary>
/// The optics the magnets actually make: readback currents -> strengths through each magnet's
/// excitation curve at the beam energy (MagnetCatalogue.ToStrengths) -> the ring of a design mode
/// with those strengths (MagnetCatalogue.ToRingSetting, ModeDesigns.OpticsRing: the design geometry,
/// solenoids from the coils' field profile) ->
/// coupled optics, chromaticity and radiative equilibrium (RingOptics, under 1 ms).
/// <para>
/// Quadrupoles and solenoid sections must all be given. Correctors may be left out (0 A); only the F1
/// trim windings act on the optics, the others have no element in the reconstructed lattice. The
/// dipoles bend by their geometric 45 degrees: their current reaches the optics only through the beam
/// energy, which the caller passes (normally the NMR energy of <c>EnergyMeter</c>).
/// </para>
/// A ring with no stable optics is a result (<see cref="OnlineStatus.Unstable"/> with the reason), not an
/// exception: the control system calls this once a second whatever the magnets do.
/// </summary>
public sealed class OnlineModel
{
    /// <summary>Marker names of the interaction points in the lattice (SND, CMD-3).</summary>
    private static readonly string[] Ips = ["SND", "CMD"];

    private readonly MagnetCatalogue catalogue;
    private readonly int[] required;
    private readonly double rfVoltage;
    private readonly double[] currents, strengths;

    /// <param name="mode">Design mode whose ring (geometry, RF) carries the strengths (Modes.All).</param>
    public OnlineModel(MagnetCatalogue catalogue, string mode = Modes.Default)
    {
        this.catalogue = catalogue;
        Mode = Modes.Find(mode).Name;
        rfVoltage = ModeDesigns.Setting(Mode).RfVoltage;
        required = catalogue.Magnets.Select((m, i) => (m, i))
            .Where(p => p.m.Kind is MagnetKind.Quadrupole or MagnetKind.SolenoidSection).Select(p => p.i).ToArray();
        currents = new double[catalogue.Magnets.Count];
        strengths = new double[catalogue.Magnets.Count];
    }

    public string Mode { get; }

    /// <summary>The full optics of the last stable evaluation (lattice functions at every element), or null.</summary>
    public RingOptics? LastOptics { get; private set; }

    /// <summary>Optics from readbacks (facility name -> A) at a beam energy [eV]. Not thread-safe: one caller.</summary>
    public OnlineResult Evaluate(IReadOnlyDictionary<string, double> readbacks, double energyEv)
    {
        energyEv = SnapToRange(energyEv, BeamEnergyRange.MinEv, BeamEnergyRange.MaxEv, EnergySlack * BeamEnergyRange.MaxEv);
        var problem = Load(readbacks, energyEv);
        if (problem is not null) return new(OnlineStatus.InvalidInput, problem, energyEv, null);
        Lattice lattice;
        try
        {
            catalogue.ToStrengths(energyEv, currents, strengths);
            lattice = ModeDesigns.OpticsRing(Mode, catalogue.ToRingSetting(energyEv, strengths, rfVoltage), catalogue);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return new(OnlineStatus.InvalidInput, e.Message, energyEv, null);
        }
        try
        {
            var optics = RingOptics.Compute(lattice);
            LastOptics = optics;
            return new(OnlineStatus.Ok, "ok", energyEv, Summary(optics));
        }
        catch (OpticsException e)
        {
            return new(OnlineStatus.Unstable, e.Message, energyEv, null);
        }
    }

    /// <summary>
    /// Readbacks are noisy: a coil run at its limit (the 13 T design) reads a few ppm past the end of
    /// its excitation curve, a corrector at its full 6 A up to 5 sigma of its 100 ppm-of-range noise past
    /// it, and the NMR energy of the 1 GeV design a ppm above 1 GeV. A value this close beyond a range end
    /// means the end; anything further is still refused as out of range.
    /// </summary>
    private const double CurrentSlack = 5e-4, EnergySlack = 1e-5;

    private static double SnapToRange(double value, double low, double high, double slack) =>
        value > high && value <= high + slack ? high : value < low && value >= low - slack ? low : value;

    private string? Load(IReadOnlyDictionary<string, double> readbacks, double energyEv)
    {
        if (!(energyEv >= BeamEnergyRange.MinEv && energyEv <= BeamEnergyRange.MaxEv))
            return string.Create(CultureInfo.InvariantCulture, $"beam energy {energyEv / 1e9:G6} GeV is outside 0.16 .. 1.0 GeV");
        Array.Clear(currents);
        var given = new bool[currents.Length];
        foreach (var (name, amperes) in readbacks)
        {
            int i;
            try { i = catalogue.IndexOf(name); }
            catch (KeyNotFoundException e) { return e.Message; }
            if (!double.IsFinite(amperes)) return $"{name}: readback is not a number";
            var magnet = catalogue.Magnets[i];
            currents[i] = SnapToRange(amperes, magnet.MinCurrent, magnet.MaxCurrent, CurrentSlack * magnet.MaxCurrent);
            given[i] = true;
        }
        var missing = required.Where(i => !given[i]).Select(i => catalogue.Magnets[i].Name).ToArray();
        return missing.Length == 0 ? null : $"no readback for {string.Join(" ", missing)}: every quadrupole and solenoid section is needed";
    }

    private static OnlineOptics Summary(RingOptics optics)
    {
        var round = RoundBeamReport.Compute(optics.Linear, optics.Envelope, Ips);
        var ips = round.Points.Select(p => new IpOptics(p.Point, p.BetaX, p.BetaY, Math.Abs(p.BetaX - p.BetaY), p.SizeRatio, p.RotationCommutator)).ToArray();
        return new OnlineOptics([.. optics.Linear.Tunes], [.. optics.Chromaticity ?? []], ips,
            round.FractionalTuneDifference, round.EmittanceRatio, optics.EnvelopeProblem);
    }
}
