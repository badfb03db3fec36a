namespace Vepp2k.Physics.Elements;

/// <summary>What a map needs besides the particle: the reference energy and whether it radiates.</summary>
public readonly record struct TrackContext(double EnergyEv, bool Radiation);
