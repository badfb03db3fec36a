using System.Runtime.Intrinsics;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.Tests.Tracking;

public class CounterRandomTests
{
    // 2e5 draws over particles, turns and points: mean 0 and variance 1 of a standard normal (to five
    // standard errors), its fourth moment 3, and no correlation between neighbouring particles.
    [Fact]
    public void DrawsAreStandardNormalAndUncorrelated()
    {
        var draws = new List<double>();
        double neighbours = 0;
        for (int turn = 0; turn < 500; turn++)
            for (int point = 0; point < 25; point++)
            {
                var g = CounterRandom.Gaussians(3, 4 * point, turn, point);
                for (int lane = 0; lane < 4; lane++) draws.Add(g.GetElement(lane));
                neighbours += g.GetElement(0) * g.GetElement(1);
            }
        int n = draws.Count;
        double mean = draws.Average(), variance = draws.Sum(x => x * x) / n, fourth = draws.Sum(x => x * x * x * x) / n;
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.Equal(1, variance, 5 * Math.Sqrt(2.0 / n));
        Assert.Equal(3, fourth, 5 * Math.Sqrt(96.0 / n));
        Assert.InRange(neighbours / (n / 4), -5 / Math.Sqrt(n / 4), 5 / Math.Sqrt(n / 4));
    }
}
