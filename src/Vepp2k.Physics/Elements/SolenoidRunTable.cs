using System.Runtime.Intrinsics;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// The coefficients of a <see cref="SolenoidRun"/> as Chebyshev series in delta on |delta| &lt;= 5 %, so
/// that a tracked beam whose momenta change every turn (RF, radiation) need not compose hundreds of
/// pieces per particle and pass. The coefficients are analytic in delta except at delta = -1, where
/// 1/(1 + delta) scales every angle: on the Bernstein ellipse through delta = +-0.5 (parameter ~20)
/// they stay of order e^theta, theta the run's Larmor angle (~1.5 rad in VEPP-2000), so 16 terms
/// leave ~20^-16 ~ 1e-21 (Trefethen, Approximation Theory and Approximation Practice, thm 8.2): the
/// series reproduce the composed run to rounding (tests compare them to 1e-15). Outside the interval
/// the run is composed.
/// </summary>
internal sealed class SolenoidRunTable
{
    public const double Range = 0.05;
    private const int Nodes = 16;

    // [coefficient][Chebyshev order]
    private readonly double[][] series;

    public SolenoidRunTable(ReadOnlySpan<double> lengths, ReadOnlySpan<double> halfKs)
    {
        var samples = new double[Nodes][];
        for (int j = 0; j < Nodes; j++)
        {
            samples[j] = new double[SolenoidRunVector.Coefficients];
            SolenoidRun.Build(lengths, halfKs, Range * Math.Cos(Math.PI * (j + 0.5) / Nodes)).Values(samples[j]);
        }
        series = new double[SolenoidRunVector.Coefficients][];
        for (int q = 0; q < series.Length; q++)
        {
            series[q] = new double[Nodes];
            for (int k = 0; k < Nodes; k++)
            {
                double sum = 0;
                for (int j = 0; j < Nodes; j++) sum += samples[j][q] * Math.Cos(Math.PI * k * (j + 0.5) / Nodes);
                series[q][k] = sum * (k == 0 ? 1.0 : 2.0) / Nodes;
            }
        }
    }

    public static bool Covers(Vec4 delta) =>
        Vector256.LessThanOrEqualAll(Vector256.Abs(delta.V), Vector256.Create(Range));

    /// <summary>The run at four momenta, all within <see cref="Range"/> (Clenshaw's recurrence).</summary>
    public SolenoidRunVector Evaluate(Vec4 delta)
    {
        var x = delta.V / Range;
        var twoX = x + x;
        Span<Vec4> k = stackalloc Vec4[SolenoidRunVector.Coefficients];
        for (int q = 0; q < k.Length; q++)
        {
            var c = series[q];
            Vector256<double> b1 = Vector256<double>.Zero, b2 = Vector256<double>.Zero;
            for (int n = Nodes - 1; n >= 1; n--) (b1, b2) = (twoX * b1 - b2 + Vector256.Create(c[n]), b1);
            k[q] = new Vec4(x * b1 - b2 + Vector256.Create(c[0]));
        }
        return SolenoidRunVector.FromCoefficients(k);
    }
}
