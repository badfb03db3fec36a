using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// The map of a run of constant-field solenoid pieces, composed once per pass instead of tracked
/// piece by piece. Each piece is a Larmor rotation times the same 2x2 focusing block F_i in both
/// planes, and those commute, so the run is R(sum theta_i) diag(F, F) with F = F_n ... F_1, and its
/// path lengthening is a quadratic form in the entrance coordinates. Only delta enters the
/// coefficients, so they are built from plain doubles with their delta-derivative and then lifted
/// onto the tracked scalars by the chain rule: the result equals tracking every piece (to rounding),
/// Jacobian included, at about a tenth of the cost for a field profile cut into centimetres.
/// </summary>
internal readonly struct SolenoidRun
{
    // Values and d/d(delta) at the delta the run was built for.
    private readonly double delta0;
    private readonly Jet a, b, c, d, cosTheta, sinTheta, theta, axx, axp, app;

    private SolenoidRun(double delta0, Jet a, Jet b, Jet c, Jet d, Jet theta, Jet axx, Jet axp, Jet app)
    {
        this.delta0 = delta0;
        this.a = a; this.b = b; this.c = c; this.d = d;
        this.theta = theta; this.axx = axx; this.axp = axp; this.app = app;
        var (sin, cos) = Math.SinCos(theta.V);
        cosTheta = new Jet(cos, -sin * theta.D);
        sinTheta = new Jet(sin, cos * theta.D);
    }

    /// <param name="lengths">Piece lengths [m].</param>
    /// <param name="halfKs">KS/2 of each piece [1/m].</param>
    /// <param name="delta">Relative momentum deviation the run is built for.</param>
    public static SolenoidRun Build(ReadOnlySpan<double> lengths, ReadOnlySpan<double> halfKs, double delta)
    {
        double u = 1 / (1 + delta), du = -u * u;
        // F accumulated so far: [[a, b], [c, d]] acting on (x, px/(1+delta)).
        Jet a = new(1, 0), b = new(0, 0), c = new(0, 0), d = new(1, 0);
        Jet theta = new(0, 0), axx = new(0, 0), axp = new(0, 0), app = new(0, 0);
        for (int i = 0; i < lengths.Length; i++)
        {
            double length = lengths[i], k = halfKs[i];
            var g = new Jet(k * u, k * du);
            Jet th = g * length;
            var (sin, cos) = Math.SinCos(th.V);
            var cs = new Jet(cos, -sin * th.D);
            var (sinc, dsinc) = SinOverX(th.V, sin, cos);
            var sOverG = new Jet(sinc * length, dsinc * th.D * length);   // sin(gL)/g
            var gs = new Jet(g.V * sin, g.D * sin + g.V * cos * th.D);    // g sin(gL)

            // The kinetic slope is constant along a piece, so its path lengthening is L/2 |k|^2 at the
            // piece entrance; written in the run's entrance coordinates through F so far (det F = 1
            // turns the cross term into the conserved canonical angular momentum, weighted by theta).
            Jet g2 = g * g;
            axx += (c * c + g2 * a * a) * (length / 2);
            axp += (c * d + g2 * a * b) * length;
            app += (d * d + g2 * b * b) * (length / 2);
            theta += th;

            (a, b, c, d) = (cs * a + sOverG * c, cs * b + sOverG * d, cs * c - gs * a, cs * d - gs * b);
        }
        return new SolenoidRun(delta, a, b, c, d, theta, axx, axp, app);
    }

    /// <summary>The run's coefficients at its delta, in <see cref="SolenoidRunVector"/>'s order.</summary>
    public void Values(Span<double> into)
    {
        into[0] = a.V; into[1] = b.V; into[2] = c.V; into[3] = d.V; into[4] = cosTheta.V;
        into[5] = sinTheta.V; into[6] = theta.V; into[7] = axx.V; into[8] = axp.V; into[9] = app.V;
    }

    /// <summary>Applies the run to <paramref name="p"/>, whose delta must be the one it was built for.</summary>
    public void Apply<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        // delta - delta0 is zero in value and carries delta's gradient: lifting a coefficient through
        // it is the chain rule, exactly what tracking the pieces with T would have produced.
        T eps = p.Delta - delta0;
        T Lift(in Jet j) => eps * j.D + j.V;

        T onePlus = p.Delta + 1.0;
        T inv = T.Constant(1) / onePlus;
        T x = p.X, y = p.Y, xp = p.Px * inv, yp = p.Py * inv;

        p.Ct = p.Ct + Lift(axx) * (x * x + y * y) + Lift(axp) * (x * xp + y * yp)
            + Lift(app) * (xp * xp + yp * yp) + Lift(theta) * (xp * y - x * yp);

        T fa = Lift(a), fb = Lift(b), fc = Lift(c), fd = Lift(d);
        T xf = fa * x + fb * xp, xpf = fc * x + fd * xp;
        T yf = fa * y + fb * yp, ypf = fc * y + fd * yp;
        T co = Lift(cosTheta), si = Lift(sinTheta);
        p.X = co * xf + si * yf;
        p.Y = co * yf - si * xf;
        p.Px = (co * xpf + si * ypf) * onePlus;
        p.Py = (co * ypf - si * xpf) * onePlus;
    }

    // sin(t)/t and its derivative from sin t and cos t, without the cancellation at small t.
    private static (double Value, double Derivative) SinOverX(double t, double sin, double cos)
    {
        if (Math.Abs(t) < 1e-2)
        {
            double t2 = t * t;
            return (1 - t2 / 6 + t2 * t2 / 120 - t2 * t2 * t2 / 5040, t * (-1.0 / 3 + t2 / 30 - t2 * t2 / 840));
        }
        double sinc = sin / t;
        return (sinc, (cos - sinc) / t);
    }

    // A value with its derivative in delta.
    private readonly record struct Jet(double V, double D)
    {
        public static Jet operator +(Jet x, Jet y) => new(x.V + y.V, x.D + y.D);
        public static Jet operator -(Jet x, Jet y) => new(x.V - y.V, x.D - y.D);
        public static Jet operator *(Jet x, Jet y) => new(x.V * y.V, x.D * y.V + x.V * y.D);
        public static Jet operator *(Jet x, double s) => new(x.V * s, x.D * s);
    }
}
