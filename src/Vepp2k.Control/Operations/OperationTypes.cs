namespace Vepp2k.Control.Operations;

/// <summary>Hardware units are supply amperes; physics units are the element's strength (K1, KS, kick, angle) at the present energy.</summary>
public enum Units { Hardware, Physics }

/// <summary>Set every member to a value, add a step to each, or multiply each by a factor.</summary>
public enum GroupOperation { Set, Increment, Scale }

/// <summary>One element's part in an accepted operation [A].</summary>
public sealed record OperationItem(string Element, double OldCurrent, double NewCurrent);

/// <summary>
/// The outcome of an operation: applied with its ramp, or refused with the reason (nothing changed).
/// <see cref="Done"/> ends when the ramp's elements have arrived or it failed.
/// </summary>
public sealed record OperationResult(bool Applied, string Message, long? RampId, IReadOnlyList<OperationItem> Items, Task<Channels.WriteResult>? Done = null)
{
    public static OperationResult Refused(string reason) => new(false, reason, null, []);

    /// <summary>Refused because the caller's role may not act (<see cref="ControlCore.Authorize"/>).</summary>
    public bool Denied { get; init; }
}

/// <summary>The end of a set-all-then-wait: who arrived within tolerance and who did not, with where they are.</summary>
public sealed record ArrivalReport(bool AllArrived, IReadOnlyList<string> Arrived, IReadOnlyList<string> NotArrived, string Message);
