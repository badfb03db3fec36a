namespace Vepp2k.Machine.Magnets;

/// <summary>Which branch of the hysteresis loop a warm (iron) magnet sits on.</summary>
public enum HysteresisBranch
{
    /// <summary>Ascending branch after standardisation: the calibration curve (default).</summary>
    Up,
    /// <summary>Descending branch, reached by lowering the current; lies above Up by the remanence.</summary>
    Down,
}
