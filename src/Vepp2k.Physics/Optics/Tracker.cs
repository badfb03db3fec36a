using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Optics;

/// <summary>Passes through a list of elements, with or without the Jacobian.</summary>
public static class Tracker
{
    /// <summary>Tracks one particle through the elements once, in place.</summary>
    public static void Track(IReadOnlyList<Element> elements, Span<double> z, in TrackContext context)
    {
        var p = PhaseVector.ToReal(z);
        for (int i = 0; i < elements.Count; i++) elements[i].Track(ref p, context);
        PhaseVector.Store(p, z);
    }

    /// <summary>Tracks <paramref name="z"/> once through and returns the Jacobian of the whole pass.</summary>
    public static Matrix6 TrackWithJacobian(IReadOnlyList<Element> elements, Span<double> z, in TrackContext context)
    {
        var p = PhaseVector.Seed(z);
        for (int i = 0; i < elements.Count; i++) elements[i].Track(ref p, context);
        var m = new Matrix6();
        PhaseVector.Extract(p, z, m);
        return m;
    }

    /// <summary>
    /// Tracks from <paramref name="z"/> and records, after every element, the orbit and the
    /// cumulative Jacobian from the start: all the linear optics along the ring from one pass.
    /// </summary>
    public static (double[][] Orbits, Matrix6[] Jacobians) TrackRecording(IReadOnlyList<Element> elements,
        ReadOnlySpan<double> z, in TrackContext context)
    {
        var orbits = new double[elements.Count][];
        var jacobians = new Matrix6[elements.Count];
        var p = PhaseVector.Seed(z);
        for (int i = 0; i < elements.Count; i++)
        {
            elements[i].Track(ref p, context);
            orbits[i] = new double[6];
            jacobians[i] = new Matrix6();
            PhaseVector.Extract(p, orbits[i], jacobians[i]);
        }
        return (orbits, jacobians);
    }
}
