namespace Vepp2k.Machine.Beam;

/// <summary>What the beam instruments show: the truth through each instrument's errors, with fresh noise every reading.</summary>
public sealed class Instruments(RingErrors errors, InstrumentNoise noise, int seed)
{
    private readonly Random random = new(seed);

    public RingErrors Errors => errors;
    public InstrumentNoise Noise => noise;

    /// <summary>A BPM reading [m]: (1 + gain) (the orbit in the BPM's rolled frame - its electrical offset) + noise.</summary>
    public OrbitPoint Bpm(OrbitPoint truth)
    {
        var e = errors.Bpm(truth.Name);
        double c = Math.Cos(e.Roll), s = Math.Sin(e.Roll);
        double x = truth.X * c + truth.Z * s, z = truth.Z * c - truth.X * s;
        return new OrbitPoint(truth.Name, (1 + e.GainX) * (x - e.Dx) + Gauss(noise.Bpm), (1 + e.GainZ) * (z - e.Dz) + Gauss(noise.Bpm));
    }

    /// <summary>A CCD reading: centroid and sizes scaled by the camera's optics error, plus noise.</summary>
    public BeamSpot Ccd(BeamSpot truth)
    {
        var e = errors.Ccd(truth.Name);
        double sx = 1 + e.ScaleX, sz = 1 + e.ScaleZ;
        // The scale stretches the image: Sigma' = S Sigma S with S = diag(sx, sz), and the tilt follows from Sigma'.
        double xx = sx * sx * truth.SigmaX * truth.SigmaX, zz = sz * sz * truth.SigmaZ * truth.SigmaZ, xz = sx * sz * truth.CovarianceXZ;
        double nx = 1 + Gauss(noise.CcdSize), nz = 1 + Gauss(noise.CcdSize);
        return new BeamSpot(truth.Name,
            sx * truth.X + Gauss(noise.CcdPosition), sz * truth.Z + Gauss(noise.CcdPosition),
            Math.Sqrt(xx) * nx, Math.Sqrt(zz) * nz, 0.5 * Math.Atan2(2 * xz, xx - zz), xz * nx * nz);
    }

    /// <summary>A tune reading: the eigen-tune plus the tune meter's noise.</summary>
    public double Tune(double truth) => truth + Gauss(noise.Tune);

    /// <summary>The 20 monitor positions in <see cref="OrbitResponse.AllMonitors"/> order: x readings, then z readings [m].</summary>
    public double[] Orbit(BeamObservation beam)
    {
        var points = beam.Bpms.Select(Bpm).Select(p => (p.X, p.Z)).Concat(beam.Ccds.Select(Ccd).Select(p => (p.X, p.Z))).ToArray();
        return [.. points.Select(p => p.X), .. points.Select(p => p.Z)];
    }

    /// <summary>The mean of <paramref name="readings"/> successive <see cref="Orbit(BeamObservation)"/> readings of the same beam.</summary>
    public double[] Orbit(BeamObservation beam, int readings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(readings, 1);
        var mean = Orbit(beam);
        for (int reading = 1; reading < readings; reading++)
        {
            var one = Orbit(beam);
            for (int i = 0; i < mean.Length; i++) mean[i] += one[i];
        }
        for (int i = 0; i < mean.Length; i++) mean[i] /= readings;
        return mean;
    }

    private double Gauss(double rms)
    {
        if (rms == 0) return 0;
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return rms * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
