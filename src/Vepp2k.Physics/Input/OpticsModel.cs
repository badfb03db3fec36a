using Vepp2k.MadX;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.Input;

/// <summary>
/// A lattice for scripts: loaded from a MAD-X file once, changed by knobs, recomputed on demand.
/// A knob is a MAD-X variable ("k_1f1": every deferred expression that uses it follows) or an element
/// attribute ("1F1->k1", "D1->l"). <see cref="Twiss(bool)"/> gives the ring's table, <see cref="Equilibrium"/>
/// the radiative equilibrium, <see cref="TwissLine"/> a transfer line from initial conditions.
/// </summary>
public sealed class OpticsModel
{
    private readonly MadxDocument document;
    private readonly string? line;
    private readonly double? energyEv;
    private readonly Func<Lattice, Lattice> finish;
    private Lattice? lattice;

    /// <param name="document">The parsed MAD-X input; the model owns it from now on (knobs change it).</param>
    /// <param name="line">The line to use (default: the file's USE).</param>
    /// <param name="energyEv">The beam energy [eV] (default: the file's BEAM).</param>
    /// <param name="finish">A last step applied to every built lattice (the VEPP-2000 modes slice their solenoids from the coils' field profile here).</param>
    public OpticsModel(MadxDocument document, string? line = null, double? energyEv = null, Func<Lattice, Lattice>? finish = null)
    {
        this.document = document; this.line = line; this.energyEv = energyEv;
        this.finish = finish ?? (l => l);
    }

    /// <summary>A model of the MAD-X file at <paramref name="path"/>.</summary>
    public static OpticsModel FromFile(string path, string? line = null, double? energyEv = null) =>
        new(MadxReader.ParseFile(path), line, energyEv);

    /// <summary>The lattice at the present knob values (built once per change).</summary>
    public Lattice Lattice => lattice ??= finish(MadxLattice.Build(document, line, energyEv).Lattice);

    /// <summary>A knob's present value.</summary>
    public double Get(string knob) => MadxKnobs.Read(document, knob);

    /// <summary>Sets a knob; the next computation uses it.</summary>
    public OpticsModel Set(string knob, double value)
    {
        MadxKnobs.Write(document, knob, value);
        lattice = null;
        return this;
    }

    /// <summary>The ring's lattice functions with tunes, chromaticity (unless asked not to) and radiation integrals.</summary>
    public Twiss Twiss(bool chromaticity = true) =>
        Optics.Twiss.Of(RingOptics.Compute(Lattice, new OpticsOptions(Chromaticity: chromaticity, Radiation: false)));

    /// <summary>The radiative equilibrium: emittances, energy spread, bunch length, damping (needs an RF cavity).</summary>
    public Envelope Equilibrium() => Envelope.Compute(Lattice);

    /// <summary>
    /// The lattice functions of the stretch from the exit of element <paramref name="from"/> to the exit of
    /// <paramref name="to"/> (default: the whole line), started from <paramref name="initial"/>.
    /// </summary>
    public Twiss TwissLine(TwissInitial initial, string? from = null, string? to = null)
    {
        var ring = Lattice;
        int first = from is null ? 0 : Index(ring, from) + 1;
        int last = to is null ? ring.Elements.Count - 1 : Index(ring, to);
        if (last < first) throw new OpticsException($"{to} comes before {from} in {ring.Name}");
        return Optics.Twiss.OfLine(new Lattice($"{ring.Name}:{from ?? "start"}..{to ?? "end"}", ring.Elements.Skip(first).Take(last - first + 1), ring.EnergyEv), initial);
    }

    private static int Index(Lattice lattice, string name)
    {
        int i = lattice.IndexOf(name);
        return i >= 0 ? i : throw new OpticsException($"{lattice.Name} has no element called {name}");
    }
}
