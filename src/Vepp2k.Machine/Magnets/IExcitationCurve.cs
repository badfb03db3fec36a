namespace Vepp2k.Machine.Magnets;

/// <summary>
/// Field (in the magnet's field unit) against supply current [A], strictly increasing on
/// [MinCurrent, MaxCurrent] on each branch, so that both directions are unique.
/// </summary>
public interface IExcitationCurve
{
    double MinCurrent { get; }
    double MaxCurrent { get; }

    /// <summary>True where the two branches differ (iron magnets).</summary>
    bool HasHysteresis { get; }

    double Field(double current, HysteresisBranch branch);
    double Current(double field, HysteresisBranch branch);
}
