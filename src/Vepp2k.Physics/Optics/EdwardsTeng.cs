using System.Numerics;

namespace Vepp2k.Physics.Optics;

/// <summary>
/// Edwards-Teng (Sagan-Rubin) parametrisation from the 4x4 normalising matrix A built from the two
/// normalised eigenvectors: A = V diag(B_a R_a, B_b R_b) with V = [[gamma I, C], [-C^+, gamma I]],
/// C^+ the symplectic conjugate. gamma^2 = det(A_11); when gamma^2 &lt; 1/2 the modes are flipped
/// (mode 1 lives mostly in y) and the roles of the column pairs are exchanged, as Sagan and Rubin
/// prescribe (PRST-AB 2, 074001, 1999).
/// </summary>
public readonly record struct EdwardsTeng(double BetaA, double AlphaA, double BetaB, double AlphaB,
    double Gamma, double C11, double C12, double C21, double C22, bool Flipped)
{
    public static EdwardsTeng From(Complex[] v1, Complex[] v2)
    {
        // Columns of A: sqrt2 Re v, -sqrt2 Im v for each mode (Courant-Snyder form in the uncoupled limit).
        var a = new double[4, 4];
        double r2 = Math.Sqrt(2);
        for (int i = 0; i < 4; i++)
        {
            a[i, 0] = r2 * v1[i].Real; a[i, 1] = -r2 * v1[i].Imaginary;
            a[i, 2] = r2 * v2[i].Real; a[i, 3] = -r2 * v2[i].Imaginary;
        }
        double det11 = a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0];
        bool flipped = det11 < 0.5;
        int ca = flipped ? 2 : 0, cb = flipped ? 0 : 2;
        double g2 = a[0, ca] * a[1, ca + 1] - a[0, ca + 1] * a[1, ca];
        double gamma = Math.Sqrt(Math.Max(g2, 0));

        // B_a R_a = A11 / gamma, B_b R_b = A22 / gamma (the lower-right block of the chosen pair).
        var (betaA, alphaA) = Twiss(a[0, ca] / gamma, a[0, ca + 1] / gamma, a[1, ca] / gamma, a[1, ca + 1] / gamma);
        var (betaB, alphaB) = Twiss(a[2, cb] / gamma, a[2, cb + 1] / gamma, a[3, cb] / gamma, a[3, cb + 1] / gamma);

        // C = gamma A12 A22^-1.
        double p = a[0, cb], q = a[0, cb + 1], r = a[1, cb], s = a[1, cb + 1];
        double t = a[2, cb], u = a[2, cb + 1], w = a[3, cb], z = a[3, cb + 1];
        double det22 = t * z - u * w;
        double i11 = z / det22, i12 = -u / det22, i21 = -w / det22, i22 = t / det22;
        return new EdwardsTeng(betaA, alphaA, betaB, alphaB, gamma,
            gamma * (p * i11 + q * i21), gamma * (p * i12 + q * i22),
            gamma * (r * i11 + s * i21), gamma * (r * i12 + s * i22), flipped);
    }

    // For M = B R with B = [[sqrt b, 0], [-a/sqrt b, 1/sqrt b]]: beta = m00^2 + m01^2, alpha = -(m00 m10 + m01 m11).
    private static (double Beta, double Alpha) Twiss(double m00, double m01, double m10, double m11) =>
        (m00 * m00 + m01 * m01, -(m00 * m10 + m01 * m11));
}
