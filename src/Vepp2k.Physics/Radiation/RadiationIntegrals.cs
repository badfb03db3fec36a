using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Radiation;

/// <summary>
/// The classical synchrotron radiation integrals I1..I5 (Helm, Sands) of the horizontal plane,
/// integrated inside every bend by Simpson's rule on the lattice functions propagated analytically
/// through the body (sector bend with K = h^2 + K1), with the edge terms of I4
/// (-h^2 D tan e per edge). Defined for uncoupled rings; with coupling the Edwards-Teng a-mode
/// functions are used, and the 6-D envelope is the answer to trust (docs/physics.md).
/// </summary>
public sealed record RadiationIntegrals(double I1, double I2, double I3, double I4, double I5)
{
    private const int Intervals = 64;

    public static RadiationIntegrals Compute(LinearOptics optics)
    {
        double i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0;
        var elements = optics.Lattice.Elements;
        for (int e = 0; e < elements.Count; e++)
        {
            if (elements[e] is not SectorBend bend || bend.Angle == 0) continue;
            var entry = optics.Rows[e];   // row e is the exit of element e-1 = entrance of e
            double h = bend.Curvature, k1 = bend.K1, L = bend.Length;
            double tanE1 = Math.Tan(bend.E1), tanE2 = Math.Tan(bend.E2);

            // Entrance edge: px += h tan(e1) x acts on alpha and D'.
            double beta = entry.BetX, alpha = entry.AlfX - beta * h * tanE1;
            double gamma = (1 + alpha * alpha) / beta;
            double d = entry.Dx, dp = entry.Dpx + h * tanE1 * entry.Dx;
            double k = h * h + k1;

            double sumD = 0, sum5 = 0;
            for (int j = 0; j <= Intervals; j++)
            {
                double s = L * j / Intervals;
                var (c, sn, cp, sp) = Solutions(k, s);
                double ds = c * d + sn * dp + h * Integral(k, s), dps = cp * d + sp * dp + h * sn;
                double bs = c * c * beta - 2 * c * sn * alpha + sn * sn * gamma;
                double as_ = -c * cp * beta + (c * sp + sn * cp) * alpha - sn * sp * gamma;
                double curlyH = (1 + as_ * as_) / bs * ds * ds + 2 * as_ * ds * dps + bs * dps * dps;
                double w = (j == 0 || j == Intervals) ? 1 : (j % 2 == 1 ? 4 : 2);
                sumD += w * ds;
                sum5 += w * curlyH;
                if (j == Intervals) i4 -= h * h * tanE2 * ds;
            }
            double simpson = L / (3 * Intervals);
            double ah = Math.Abs(h);
            i1 += sumD * simpson * h;
            i2 += h * h * L;
            i3 += ah * ah * ah * L;
            i4 += sumD * simpson * h * (h * h + 2 * k1) - h * h * tanE1 * d;
            i5 += sum5 * simpson * ah * ah * ah;
        }
        return new RadiationIntegrals(i1, i2, i3, i4, i5);
    }

    // Cos-like and sin-like solutions of u'' = -k u and their derivatives.
    private static (double C, double S, double Cp, double Sp) Solutions(double k, double s)
    {
        if (Math.Abs(k) * s * s < 1e-12) return (1, s, -k * s, 1);
        if (k > 0)
        {
            double w = Math.Sqrt(k);
            return (Math.Cos(w * s), Math.Sin(w * s) / w, -w * Math.Sin(w * s), Math.Cos(w * s));
        }
        double v = Math.Sqrt(-k);
        return (Math.Cosh(v * s), Math.Sinh(v * s) / v, v * Math.Sinh(v * s), Math.Cosh(v * s));
    }

    // Particular solution of D'' = -k D + h from D = D' = 0, divided by h: (1 - C)/k.
    private static double Integral(double k, double s)
    {
        if (Math.Abs(k) * s * s < 1e-6) return s * s / 2 - k * s * s * s * s / 24;
        return (1 - Solutions(k, s).C) / k;
    }

    /// <summary>Damping partition numbers from the integrals: Jx = 1 - I4/I2, Jy = 1, Je = 2 + I4/I2.</summary>
    public (double Jx, double Jy, double Je) Partition => (1 - I4 / I2, 1, 2 + I4 / I2);

    /// <summary>Energy loss per turn U0 = C_gamma E^4 I2 / (2 pi) [eV].</summary>
    public double EnergyLossEv(double energyEv) => Constants.CGamma * Math.Pow(energyEv, 4) * I2 / (2 * Math.PI);

    /// <summary>Natural horizontal emittance C_q gamma^2 I5 / (Jx I2) [m rad].</summary>
    public double NaturalEmittance(double gamma) => Constants.Cq * gamma * gamma * I5 / (Partition.Jx * I2);

    /// <summary>Natural relative energy spread sqrt(C_q gamma^2 I3 / (Je I2)).</summary>
    public double EnergySpread(double gamma) => Math.Sqrt(Constants.Cq * gamma * gamma * I3 / (Partition.Je * I2));
}
