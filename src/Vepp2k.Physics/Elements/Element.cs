using System.Runtime.Intrinsics;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// One element of a lattice. Subclasses are small: parameters plus a map. Maps are generic over
/// <see cref="IScalar{T}"/> so the same code tracks particles and produces transfer matrices.
/// </summary>
public abstract class Element(string name, double length)
{
    public string Name { get; } = name;

    /// <summary>Path length of the reference orbit through the element [m].</summary>
    public double Length { get; } = length;

    /// <summary>The MAD-X keyword, as written in TFS tables.</summary>
    public abstract string Keyword { get; }

    // One map per element, written once as a generic Map<T>; these two non-generic entry points
    // keep the per-element call a plain virtual call (a generic virtual call costs a lookup).
    public abstract void Track(ref Phase<Real> p, in TrackContext context);

    public abstract void Track(ref Phase<Dual6> p, in TrackContext context);

    /// <summary>
    /// Four particles at once (SIMD). By default each lane goes through the scalar map, which is always
    /// right; elements whose maps take the same branches for every particle override this with their
    /// generic map, so the vector pass is the optics' map by construction.
    /// </summary>
    public virtual void Track(ref Phase<Vec4> p, in TrackContext context) => TrackPerLane(ref p, context);

    /// <summary>Tracks each of the four lanes through the scalar map.</summary>
    protected void TrackPerLane(ref Phase<Vec4> p, in TrackContext context)
    {
        Span<double> lanes = stackalloc double[6 * Vec4.Lanes];
        for (int lane = 0; lane < Vec4.Lanes; lane++)
        {
            var q = new Phase<Real>(new(p.X[lane]), new(p.Px[lane]), new(p.Y[lane]), new(p.Py[lane]),
                new(p.Delta[lane]), new(p.Ct[lane]));
            Track(ref q, context);
            PhaseVector.Store(q, lanes.Slice(6 * lane, 6));
        }
        p = new Phase<Vec4>(Gather(lanes, 0), Gather(lanes, 1), Gather(lanes, 2), Gather(lanes, 3), Gather(lanes, 4), Gather(lanes, 5));
    }

    private static Vec4 Gather(ReadOnlySpan<double> lanes, int coordinate) =>
        new(Vector256.Create(lanes[coordinate], lanes[6 + coordinate], lanes[12 + coordinate], lanes[18 + coordinate]));

    /// <summary>
    /// This element as the counter-rotating beam sees it (opposite charge, opposite direction: the
    /// positrons of VEPP-2000), in that beam's frame: x and y as here, s reversed. The Lorentz force is
    /// unchanged when charge and velocity both flip, so its trajectories are this beam's run backwards
    /// and its map is R M^-1 R, R the time reversal (px, py, ct) -> -(px, py, ct). For a map symmetric in
    /// s (drifts, quadrupoles, symmetric splittings, thin kicks) that is the element itself; a bend's
    /// faces swap; a solenoid's KS changes sign (the K (x py - y px) term of its Hamiltonian is odd under
    /// R), so the Larmor rotation is reversed as seen in the lab. The cavity and the radiation are not
    /// time-reversible; both beams are accelerated at the same phase and radiate alike, so those stay.
    /// </summary>
    public abstract Element Reversed();

    /// <summary>
    /// The element as a sequence of integration steps for the radiative pass: radiating elements
    /// return sub-steps with <see cref="RadiationPoint"/>s inside, so damping and quantum excitation
    /// are integrated within the element rather than lumped at its ends. Slices are at most
    /// <paramref name="sliceLength"/> long.
    /// </summary>
    public virtual IEnumerable<Element> IntegrationSteps(double sliceLength) => [this];

    /// <summary>
    /// The element as consecutive pieces at whose joints the optics follows each mode's phase (a
    /// field-profile solenoid turns the planes by up to ~100 degrees in one element, too far to
    /// follow in one step). Most elements are one piece.
    /// </summary>
    public virtual IReadOnlyList<Element> PhaseSteps => [this];

    public override string ToString() => $"{Name}: {Keyword}, L={Length}";
}
