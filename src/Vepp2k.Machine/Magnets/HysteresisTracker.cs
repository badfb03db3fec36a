namespace Vepp2k.Machine.Magnets;

/// <summary>
/// Follows which hysteresis branch one warm magnet is on as its current is set (modelled):
/// standardisation (0 -> max -> 0, repeated) leaves it ready on the up branch; raising the current
/// keeps the branch it is on only while on the up branch; lowering it puts it on the down branch;
/// raising it again from the down branch runs a minor loop the model does not know, so the branch
/// becomes undefined and conversions are refused until the magnet is standardised again.
/// </summary>
public sealed class HysteresisTracker(Magnet magnet)
{
    public Magnet Magnet { get; } = magnet;

    /// <summary>Null while the branch is undefined (never standardised, or after a minor loop).</summary>
    public HysteresisBranch? Branch { get; private set; } = magnet.Curve.HasHysteresis ? null : HysteresisBranch.Up;

    public double Current { get; private set; }

    /// <summary>Runs the standardisation cycle: ends at zero current on the up branch.</summary>
    public void Standardise()
    {
        Current = Magnet.MinCurrent > 0 ? Magnet.MinCurrent : 0;
        Branch = HysteresisBranch.Up;
    }

    /// <summary>Sets the current and moves to the branch the change leads to.</summary>
    public void SetCurrent(double current)
    {
        Magnet.FieldFromCurrent(current);   // range check with the magnet's name
        if (Magnet.Curve.HasHysteresis && current != Current)
            Branch = current < Current ? HysteresisBranch.Down
                : Branch == HysteresisBranch.Up ? HysteresisBranch.Up : null;
        Current = current;
    }

    /// <summary>The field now, on the branch the history has led to.</summary>
    public double Field => Magnet.FieldFromCurrent(Current, Defined());

    /// <summary>Current that gives this field if approached from where the magnet is now.</summary>
    public double CurrentFor(double field) => Magnet.CurrentFromField(field, Defined());

    private HysteresisBranch Defined() => Branch ?? throw new InvalidOperationException(
        $"{Magnet.Name}: hysteresis branch undefined; standardise the magnet first");
}
