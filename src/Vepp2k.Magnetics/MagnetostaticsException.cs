namespace Vepp2k.Magnetics;

/// <summary>The solver failed, did not converge, or left no usable output; the message carries the solver's own words.</summary>
public sealed class MagnetostaticsException(string message) : Exception(message);
