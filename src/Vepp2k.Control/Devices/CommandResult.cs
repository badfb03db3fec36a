namespace Vepp2k.Control.Devices;

/// <summary>Answer to an operator command: accepted, or refused with a reason an operator can act on.</summary>
public readonly record struct CommandResult(bool Accepted, string Reason)
{
    public static CommandResult Accept(string reason) => new(true, reason);

    public static CommandResult Refuse(string reason) => new(false, reason);

    public override string ToString() => (Accepted ? "accepted: " : "refused: ") + Reason;
}
