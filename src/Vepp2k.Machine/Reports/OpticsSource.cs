using Vepp2k.MadX;
using Vepp2k.Physics;
using Vepp2k.Physics.Input;

namespace Vepp2k.Machine.Reports;

/// <summary>Where the lattice comes from: a user's MAD-X file, or an embedded VEPP-2000 mode.</summary>
public sealed record OpticsSource(Lattice Lattice, string? Mode, IReadOnlyList<string> Warnings)
{
    /// <param name="hardEdge">Embedded ring only: read the mode file's hard-edge solenoids literally instead of the coils' field profile.</param>
    public static OpticsSource Resolve(string? file, string? line, string? mode, double? energyGeV, bool hardEdge = false)
    {
        double? energyEv = energyGeV * 1e9;
        if (file is not null)
        {
            if (mode is not null) throw new ArgumentException("an operating mode applies to the embedded ring, not to a MAD-X file");
            if (hardEdge) throw new ArgumentException("the hard-edge reading applies to the embedded ring; a MAD-X file is always read as written");
            var document = MadxReader.ParseFile(file);
            var result = MadxLattice.Build(document, line, energyEv);
            return new OpticsSource(result.Lattice, null, result.Warnings);
        }
        if (line is not null) throw new ArgumentException("a line can only be chosen in a MAD-X file; the embedded ring has one");
        var name = mode ?? Modes.Default;
        var loaded = Modes.Load(name, energyEv, hardEdge);
        return new OpticsSource(loaded.Lattice, Modes.Find(name).Name, loaded.Warnings);
    }
}
