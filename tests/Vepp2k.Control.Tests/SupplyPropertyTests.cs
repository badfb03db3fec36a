using CsCheck;
using Vepp2k.Control.Devices;

namespace Vepp2k.Control.Tests;

/// <summary>Random operator sessions, faults and time steps against the limits every real supply must respect.</summary>
public class SupplyPropertyTests
{
    private abstract record Op;
    private sealed record SetOp(double FractionOfFullScale) : Op;
    private sealed record OnOp : Op;
    private sealed record OffOp : Op;
    private sealed record ResetOp : Op;
    private sealed record FaultOp(InterlockBits Bit, bool Active) : Op;
    private sealed record WaitOp(double Seconds) : Op;

    private static readonly string[] ClassNames =
        [SupplyCatalog.Dipole, SupplyCatalog.Quadrupole, SupplyCatalog.Solenoid, SupplyCatalog.Corrector];

    private static readonly InterlockBits[] Bits =
    [
        InterlockBits.OutputProtection, InterlockBits.Water, InterlockBits.CurrentMax,
        InterlockBits.VoltageMax, InterlockBits.Phase, InterlockBits.Temperature,
    ];

    // Sign changes of the setpoint are the reversal requests; faults are raised less often than cleared so resets succeed.
    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (4, Gen.Double[-1.2, 1.2].Select(f => (Op)new SetOp(f))),
        (2, Gen.Const<Op>(new OnOp())),
        (1, Gen.Const<Op>(new OffOp())),
        (1, Gen.Const<Op>(new ResetOp())),
        (1, Gen.Select(Gen.Int[0, Bits.Length - 1], Gen.Int[0, 3], (i, a) => (Op)new FaultOp(Bits[i], a == 0))),
        (6, Gen.Double[0.0, 1.0].Select(s => (Op)new WaitOp(s))));

    private static readonly Gen<(int Class, Op[] Ops, int Seed)> SessionGen =
        Gen.Select(Gen.Int[0, ClassNames.Length - 1], OpGen.Array[1, 40], Gen.Int);

    private readonly record struct Snapshot(
        SupplyState State, double Setpoint, double Ramped, double Current, int Polarity,
        InterlockBits Live, InterlockBits Latched);

    private static Snapshot Take(SimulatedPowerSupply s) => new(
        s.State, s.Setpoint, s.RampedSetpoint, s.LoadCurrent, s.Polarity, s.LiveInterlocks, s.LatchedInterlocks);

    [Fact]
    public void Random_sessions_never_break_the_limits()
    {
        SessionGen.Sample(session =>
        {
            var rig = new SupplyRig(ClassNames[session.Class], session.Seed);
            var p = rig.P;
            var supply = rig.Supply;
            foreach (var op in session.Ops)
            {
                var before = Take(supply);
                CommandResult? result = op switch
                {
                    SetOp set => supply.SetCurrent(set.FractionOfFullScale * p.MaxCurrent),
                    OnOp => supply.SwitchOn(),
                    OffOp => supply.SwitchOff(),
                    ResetOp => supply.ResetInterlocks(),
                    _ => null,
                };
                if (op is FaultOp fault)
                    supply.SetFault(fault.Bit, fault.Active);
                if (op is WaitOp wait)
                    rig.Run(wait.Seconds);

                if (result is { } r)
                {
                    Assert.False(string.IsNullOrWhiteSpace(r.Reason));
                    if (!r.Accepted)
                        Assert.Equal(before, Take(supply));
                }
                var dt = op is WaitOp w ? w.Seconds : 0;
                // One substep of slack: the exact exponential is sampled on the 1 ms grid.
                Assert.True(Math.Abs(supply.LoadCurrent - before.Current) <= p.MaxRampRate * (dt + 1e-9) + p.ZeroCurrentThreshold,
                    $"dI/dt limit broken: {before.Current} -> {supply.LoadCurrent} A in {dt} s");
                Assert.True(Math.Abs(supply.LoadCurrent) <= p.MaxCurrent * (1 + 1e-12), $"current {supply.LoadCurrent} A");
                Assert.True(Math.Abs(supply.OutputVoltage) <= p.MaxVoltage * (1 + 1e-9), $"voltage {supply.OutputVoltage} V");
                Assert.True(Math.Abs(supply.RampedSetpoint) <= p.MaxCurrent);
                if (Math.Abs(supply.LoadCurrent) > p.ZeroCurrentThreshold)
                    Assert.True(Math.Sign(supply.LoadCurrent) == supply.Polarity,
                        $"current {supply.LoadCurrent} A flows against the reversing switch ({supply.Polarity})");
                if (!p.Bipolar)
                    Assert.True(supply.LoadCurrent >= 0 && supply.Polarity == 1);
                if (supply.LiveInterlocks != InterlockBits.None)
                    Assert.Equal(SupplyState.Interlock, supply.State);
                Assert.Equal(supply.LiveInterlocks, supply.LiveInterlocks & supply.LatchedInterlocks);
            }
        }, iter: 3000);
    }
}
