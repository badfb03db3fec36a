namespace Vepp2k.Control.Nmr;

public enum NmrStatus
{
    Locked,
    /// <summary>The field is outside the probe's window: there is no resonance to lock on, so no value.</summary>
    NoLock,
}

/// <summary>One NMR measurement; <see cref="Field"/> [T] is null unless locked.</summary>
public readonly record struct NmrReading(NmrStatus Status, double? Field);
