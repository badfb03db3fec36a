using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.Optics;

/// <summary>
/// How round the beams are at one interaction point: the round-beam conditions of Danilov et al.
/// (beta*x = beta*y, alpha*x = alpha*y, equal emittances, equal fractional tunes) and how far the
/// one-turn map at the IP is from commuting with rotations about s, which is what makes the angular
/// momentum M_z an integral of motion: ||M G - G M|| / ||M|| with G the rotation generator.
/// Beta and alpha are each plane's sum over both modes (<see cref="TwissRow.BetaXBothModes"/>): in a round-beam
/// ring the eigen-tunes coincide, any small error mixes the modes, and the Edwards-Teng values move with it.
/// </summary>
public sealed record RoundBeamPoint(string Point, double S, double BetaX, double BetaY, double AlphaX, double AlphaY,
    double SizeRatio, double RotationCommutator);

public sealed record RoundBeamReport(IReadOnlyList<RoundBeamPoint> Points, double EmittanceRatio, double FractionalTuneDifference)
{
    public static RoundBeamReport Compute(LinearOptics optics, Envelope? envelope, IEnumerable<string> points)
    {
        var list = new List<RoundBeamPoint>();
        foreach (var name in points)
        {
            int index = optics.Lattice.IndexOf(name);
            if (index < 0) throw new OpticsException($"no element named {name} in the lattice");
            var row = optics.Rows[index + 1];
            var j = optics.Cumulative[index];
            list.Add(new RoundBeamPoint(row.Name.ToUpperInvariant(), row.S, row.BetaXBothModes, row.BetaYBothModes,
                row.AlfaXBothModes, row.AlfaYBothModes,
                SizeRatio(row, envelope), Commutator(optics.OneTurn, j)));
        }
        double ratio = envelope is null ? double.NaN : envelope.Emittances[1] / envelope.Emittances[0];
        double dq = optics.FractionalTunes[0] - optics.FractionalTunes[1];
        dq -= Math.Round(dq);
        return new RoundBeamReport(list, ratio, dq);
    }

    // sigma_y / sigma_x from the mode projections with the equilibrium emittances (1 if no envelope: equal emittances).
    private static double SizeRatio(TwissRow r, Envelope? e)
    {
        double e1 = e?.Emittances[0] ?? 1, e2 = e?.Emittances[1] ?? 1;
        return Math.Sqrt((e1 * r.Beta12 + e2 * r.Beta22) / (e1 * r.Beta11 + e2 * r.Beta21));
    }

    private static double Commutator(Matrix6 oneTurn, Matrix6 j)
    {
        // One-turn map at the point: J M J^-1, with J^-1 = -S J^T S for the symplectic 4x4 block.
        var s = Matrix6.SymplecticForm();
        var inverse = new Matrix6();
        var t = s * j.Transpose() * s;
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++) inverse[a, b] = -t[a, b];
        var m = j * oneTurn * inverse;
        double num = 0, den = 0;
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++)
            {
                // (M G - G M) with G: x -> y, y -> -x in both position and momentum.
                double mg = b < 2 ? -m[a, b + 2] : m[a, b - 2];
                double gm = a < 2 ? m[a + 2, b] : -m[a - 2, b];
                num += (mg - gm) * (mg - gm);
                den += m[a, b] * m[a, b];
            }
        return Math.Sqrt(num / den);
    }
}
