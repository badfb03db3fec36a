namespace Vepp2k.Control.Data;

/// <summary>Where a parameter comes from: a published VEPP-2000 figure or a simulator assumption.</summary>
public enum Provenance
{
    Published,
    Assumed,
}

/// <summary>One parameter from a data file, kept with its unit and provenance so reports can say what is guessed.</summary>
public sealed record DataValue(double Value, string Unit, Provenance Source, string Note);
