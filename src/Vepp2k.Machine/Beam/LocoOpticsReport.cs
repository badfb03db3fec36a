using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// How far a ring's optics is from the design at the 20 monitors: the beta-beat of each plane's beta summed over
/// both modes (<see cref="TwissRow.BetaXBothModes"/>, defined however strong the coupling), the coupling as the
/// off-diagonal orbit response, and the round-beam condition at the 16 CCD points: sigma_x / sigma_z against
/// the design's ratio there (the design optics is round at the IPs, not in the arcs).
/// </summary>
/// <param name="BetaBeatRms">Rms over the monitors and both planes of (beta - beta_design) / beta_design.</param>
/// <param name="BetaBeatMax">Largest |beta - beta_design| / beta_design.</param>
/// <param name="Coupling">Rms of the off-diagonal response blocks (x per z kick, z per x kick) minus the design's, over the rms of the design's diagonal blocks.</param>
/// <param name="SizeRatios">sigma_x / sigma_z at the CCD points.</param>
/// <param name="DesignSizeRatios">The design's sigma_x / sigma_z there.</param>
/// <param name="WorstRatioDeviation">Largest |ratio / design ratio - 1| over the CCD points.</param>
/// <param name="BetaBeat">(beta - beta_design) / beta_design at each monitor of <see cref="OrbitResponse.AllMonitors"/>: x, then z.</param>
public sealed record LocoOpticsReport(double BetaBeatRms, double BetaBeatMax, double Coupling, IReadOnlyList<double> Tunes,
    IReadOnlyList<double> SizeRatios, IReadOnlyList<double> DesignSizeRatios, double WorstRatioDeviation, IReadOnlyList<double> BetaBeat)
{
    /// <summary>The report of <paramref name="ring"/> (true positions, no instrument errors) against <paramref name="design"/>.</summary>
    public static LocoOpticsReport Compare(SteeredRing ring, SteeredRing design)
    {
        var betas = Betas(ring);
        var designBetas = Betas(design);
        var beat = betas.Zip(designBetas, (b, d) => (b - d) / d).ToArray();
        var beam = BeamProbe.Observe(ring.Lattice);
        var designBeam = BeamProbe.Observe(design.Lattice);
        double[] ratios = [.. beam.Ccds.Select(s => s.SigmaX / s.SigmaZ)];
        double[] designRatios = [.. designBeam.Ccds.Select(s => s.SigmaX / s.SigmaZ)];
        return new LocoOpticsReport(
            Math.Sqrt(beat.Average(b => b * b)), beat.Max(Math.Abs), OffDiagonal(ring, design), [.. beam.Tunes],
            ratios, designRatios, ratios.Zip(designRatios, (r, d) => Math.Abs(r / d - 1)).Max(), beat);
    }

    // Beta of both planes (summed over the modes) at the monitors: x values then z values.
    private static double[] Betas(SteeredRing ring)
    {
        var orbit = BeamProbe.ClosedOrbit6D(ring.Lattice);
        var optics = LinearOptics.Compute(ring.Lattice.WithoutCavities(), orbit[4]);
        // Row i + 1 is the exit of element i.
        var rows = OrbitResponse.AllMonitors.Select(m => optics.Rows[BeamProbe.Index(ring.Lattice, m) + 1]).ToArray();
        return [.. rows.Select(r => r.BetaXBothModes), .. rows.Select(r => r.BetaYBothModes)];
    }

    private static double OffDiagonal(SteeredRing ring, SteeredRing design)
    {
        var r = OrbitResponse.Compute(ring);
        var d = OrbitResponse.Compute(design);
        int n = r.Monitors.Count;
        double off = 0, diagonal = 0;
        int offCount = 0, diagonalCount = 0;
        for (int i = 0; i < 2 * n; i++)
            for (int j = 0; j < r.Correctors.Count; j++)
            {
                bool xRow = i < n, xKick = ring.Correctors[j].Plane == KickPlane.X;
                if (xRow == xKick) { diagonal += d.Matrix[i, j] * d.Matrix[i, j]; diagonalCount++; }
                else { double e = r.Matrix[i, j] - d.Matrix[i, j]; off += e * e; offCount++; }
            }
        return Math.Sqrt(off / offCount) / Math.Sqrt(diagonal / diagonalCount);
    }
}
