using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// An element with a random part in its map (quantum excitation). The tracker calls <see cref="Kick"/>
/// right before the element's own map, with quantum excitation on, keyed by the run's seed, the first
/// particle of the vector, the turn and the element's index, so the deviates come from
/// <see cref="Tracking.CounterRandom"/> and a run does not depend on threads or block order.
/// </summary>
public interface IRandomKick
{
    void Kick(ref Phase<Vec4> p, ulong seed, int first, int turn, int index, in TrackContext context);
}
