using System.Numerics;

namespace Vepp2k.Physics.Tracking;

/// <summary>
/// Numerical analysis of fundamental frequencies (Laskar, Icarus 88, 266, 1990; Physica D 67, 257,
/// 1993), main line only: the signal z_n = u_n - i p_n of one plane is multiplied by a Hann window,
/// the largest line of its FFT brackets the frequency, and the windowed Fourier amplitude
/// |sum w_n z_n e^{-2 pi i f n}| is maximised inside that bracket. With the Hann window the error of
/// a quasi-periodic signal's frequency falls as 1/N^4, far below the FFT's 1/N resolution.
/// </summary>
public static class Naff
{
    /// <summary>
    /// The main frequency [turns^-1, in [0, 1)] of z = u - i p. For a plane with beta far from 1 m
    /// the -Q line of an unnormalised signal is smaller than the +Q line, never larger, so the sign
    /// is right without normalisation. NaN if the signal has NaNs (a lost particle) or is too short.
    /// </summary>
    public static double Tune(ReadOnlySpan<double> u, ReadOnlySpan<double> p)
    {
        if (p.Length != u.Length) return double.NaN;
        var z = new Complex[u.Length];
        for (int i = 0; i < z.Length; i++) z[i] = new Complex(u[i], -p[i]);
        return Frequency(z);
    }

    /// <summary>The main frequency [turns^-1, in [0, 1)] of a complex signal z_n ~ e^{2 pi i f n}; NaN if it has NaNs.</summary>
    public static double Frequency(ReadOnlySpan<Complex> signal)
    {
        int n = signal.Length;
        if (n < 8) return double.NaN;
        var z = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(signal[i].Real) || !double.IsFinite(signal[i].Imaginary)) return double.NaN;
            z[i] = signal[i] * (1 - Math.Cos(2 * Math.PI * i / n));   // Hann, 2 sin^2(pi i/n)
        }
        double coarse = CoarsePeak(z);
        double width = 1.0 / n;
        return Wrap(MaximiseAmplitude(z, coarse - width, coarse + width));
    }

    private static double Wrap(double f) => f - Math.Floor(f);

    // The frequency of the largest FFT line, the window's zero padding to a power of two included.
    private static double CoarsePeak(Complex[] z)
    {
        int size = 1;
        while (size < z.Length) size <<= 1;
        var spectrum = new Complex[size];
        Array.Copy(z, spectrum, z.Length);
        Fft.Forward(spectrum);
        int best = 0;
        for (int k = 1; k < size; k++)
            if (spectrum[k].Magnitude > spectrum[best].Magnitude) best = k;
        return (double)best / size;
    }

    // Golden-section search for the maximum of the windowed amplitude on [a, b], which holds one peak.
    private static double MaximiseAmplitude(Complex[] z, double a, double b)
    {
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double c = b - ratio * (b - a), d = a + ratio * (b - a);
        double fc = Amplitude(z, c), fd = Amplitude(z, d);
        for (int i = 0; i < 80 && b - a > 1e-15; i++)
        {
            if (fc > fd) { b = d; d = c; fd = fc; c = b - ratio * (b - a); fc = Amplitude(z, c); }
            else { a = c; c = d; fc = fd; d = a + ratio * (b - a); fd = Amplitude(z, d); }
        }
        return (a + b) / 2;
    }

    /// <summary>|sum z_n e^{-2 pi i f n}|^2 of the windowed signal.</summary>
    private static double Amplitude(Complex[] z, double f)
    {
        double re = 0, im = 0;
        for (int i = 0; i < z.Length; i++)
        {
            var (s, c) = Math.SinCos(2 * Math.PI * f * i);
            re += z[i].Real * c + z[i].Imaginary * s;
            im += z[i].Imaginary * c - z[i].Real * s;
        }
        return re * re + im * im;
    }
}
