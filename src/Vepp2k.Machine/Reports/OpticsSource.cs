using Vepp2k.MadX;
using Vepp2k.Physics;
using Vepp2k.Physics.Input;

namespace Vepp2k.Machine.Reports;

/// <summary>Where the lattice comes from: a user's MAD-X file, or an embedded VEPP-2000 mode.</summary>
public sealed record OpticsSource(Lattice Lattice, string? Mode, IReadOnlyList<string> Warnings)
{
    /// <param name="solenoidField">Embedded ring only: take the solenoid optics from the coils' field profile instead of hard edges.</param>
    public static OpticsSource Resolve(string? file, string? line, string? mode, double? energyGeV, bool solenoidField = false)
    {
        double? energyEv = energyGeV * 1e9;
        if (file is not null)
        {
            if (mode is not null) throw new ArgumentException("--mode applies to the embedded ring; it cannot be combined with --lattice");
            if (solenoidField) throw new ArgumentException("--solenoid-field applies to the embedded ring, whose solenoid coils are modelled");
            var document = MadxReader.ParseFile(file);
            var result = MadxLattice.Build(document, line, energyEv);
            return new OpticsSource(result.Lattice, null, result.Warnings);
        }
        if (line is not null) throw new ArgumentException("--line needs --lattice");
        var name = mode ?? Modes.Default;
        var loaded = Modes.Load(name, energyEv);
        var lattice = solenoidField ? Ring.SolenoidFieldOptics.Apply(loaded.Lattice, Magnets.MagnetCatalogue.Default) : loaded.Lattice;
        return new OpticsSource(lattice, Modes.Find(name).Name, loaded.Warnings);
    }
}
