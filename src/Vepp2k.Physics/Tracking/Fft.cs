using System.Numerics;

namespace Vepp2k.Physics.Tracking;

/// <summary>In-place radix-2 FFT, X_k = sum_n x_n e^{-2 pi i k n / N}, for power-of-two lengths.</summary>
public static class Fft
{
    public static void Forward(Complex[] x)
    {
        int n = x.Length;
        if (n == 0 || (n & (n - 1)) != 0) throw new ArgumentException("the FFT length must be a power of two", nameof(x));
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (x[i], x[j]) = (x[j], x[i]);
        }
        for (int length = 2; length <= n; length <<= 1)
        {
            var step = Complex.FromPolarCoordinates(1, -2 * Math.PI / length);
            for (int start = 0; start < n; start += length)
            {
                Complex w = 1;
                for (int k = 0; k < length / 2; k++)
                {
                    Complex even = x[start + k], odd = x[start + k + length / 2] * w;
                    x[start + k] = even + odd;
                    x[start + k + length / 2] = even - odd;
                    w *= step;
                }
            }
        }
    }
}
