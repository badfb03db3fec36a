using CsCheck;
using Vepp2k.MadX;
using Vepp2k.Physics.Input;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tests;

/// <summary>
/// Random rings written in MAD-X go through reader, conversion and the full optics: the only
/// outcomes allowed are a result or a MadxException/OpticsException with a reason.
/// </summary>
public class PipelineFuzzTests
{
    [Fact]
    public void RandomRingsGiveOpticsOrAReason()
    {
        // Failures are collected rather than returned, so a bad input is reported as it is (no
        // shrinking of expensive rings) and the test cannot stall.
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var strength = Gen.Double[-30, 30];
        var length = Gen.Double[-0.1, 2.0];
        Gen.Select(strength, strength, length, length, Gen.Double[-0.5, 1.0], Gen.Double[-3, 3], Gen.Int[1, 12])
            .Sample((kf, kd, lq, ld, angle, ks, cells) =>
            {
                string text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
                    beam, particle=electron, energy=1;
                    qf: quadrupole, l={lq}, k1={kf}; qd: quadrupole, l={lq}, k1={kd};
                    b: sbend, l=1, angle={angle}; s: solenoid, l=0.3, ks={ks};
                    d: drift, l={ld};
                    rf: rfcavity, volt=0.1, lag=0.5, harmon=14;
                    cell: line=(qf, d, b, d, qd, s);
                    ring: line=({cells}*cell, rf);
                    use, period=ring;
                    """);
                try
                {
                    var optics = RingOptics.Compute(MadxLattice.Build(MadxReader.ParseText(text)).Lattice);
                    if (!double.IsFinite(optics.Linear.Tunes[0]) || !double.IsFinite(optics.Linear.Tunes[1]))
                        failures.Add("non-finite tunes for\n" + text);
                }
                catch (Exception e) when (e is MadxException or OpticsException)
                {
                    if (e.Message.Length == 0) failures.Add("empty reason for\n" + text);
                }
                catch (Exception e)
                {
                    failures.Add($"{e.GetType().Name}: {e.Message}\n{text}");
                }
            }, iter: 1000);
        Assert.True(failures.IsEmpty, failures.FirstOrDefault());
    }
}
