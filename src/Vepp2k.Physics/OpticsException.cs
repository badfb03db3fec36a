namespace Vepp2k.Physics;

/// <summary>The optics cannot be computed (unstable motion, no closed orbit, bad input): the message says why.</summary>
public sealed class OpticsException(string message) : Exception(message);
