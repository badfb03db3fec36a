using System.Globalization;
using CsCheck;
using Vepp2k.Control.Energy;
using Vepp2k.Control.Tests.Core;

namespace Vepp2k.Control.Tests.Energy;

/// <summary>Ramp tables as CSV: written from a plan, read back and run as the same ramp; every bad table refused with its reason.</summary>
public class EnergyRampTableTests
{
    [Fact]
    public async Task A_written_table_reads_back_as_the_same_plan_and_runs_to_its_energy()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var (plan, refusal) = core.PlanEnergy(950e6, 20e6);
        Assert.NotNull(plan);
        string csv = EnergyRampTable.ToCsv(plan!);
        Assert.StartsWith("time_s,energy_MeV,PS,", csv);
        var (back, problem) = EnergyRampTable.Parse(csv, rig.System.Machine);
        Assert.True(back is not null, problem ?? refusal);
        Assert.Equal(plan!.Nodes, back!.Nodes);
        Assert.Equal(plan.Duration.TotalSeconds, back.Duration.TotalSeconds, 1e-3);
        foreach (var (a, b) in plan.Legs.Zip(back.Legs))
        {
            Assert.Same(a.Element, b.Element);
            for (int k = 0; k < plan.Nodes; k += 97) Assert.Equal(a.Path![k], b.Path![k], 1e-5);
        }
        var result = core.RunEnergyTable(ControlRig.Operator, csv, "test.csv");
        Assert.True(result.Applied, result.Message);
        for (int i = 0; i < 20_000 && !result.Done!.IsCompleted; i++) rig.Run(0.1);
        Assert.True((await result.Done!).Applied);
        Assert.Equal(950e6, core.EnergyEv, 1.0);   // the table keeps currents to 1 uA
    }

    public static TheoryData<string, string> BadTables => new()
    {
        { "", "header" },
        { "time_s,energy_MeV,PS\n0,1000,", "at least two rows" },
        { "t,E,PS\n0,1000,1\n1,999,1\n", "header must be" },
        { "time_s,energy_MeV,NOPE\n0,1000,1\n1,999,1\n", "no element 'NOPE'" },
        { "time_s,energy_MeV,1F1,1F1\n0,1000,1,1\n1,999,1,1\n", "appears twice" },
        { "time_s,energy_MeV,1F1\n0,1000,x\n1,999,1\n", "'x' is not a finite number" },
        { "time_s,energy_MeV,1F1\n0,1000,NaN\n1,999,1\n", "not a finite number" },
        { "time_s,energy_MeV,1F1\n0,1000,1,2\n1,999,1\n", "values for 3 columns" },
        { "time_s,energy_MeV,1F1\n1,1000,1\n2,999,1\n", "time_s = 0" },
        { "time_s,energy_MeV,1F1\n0,1000,1\n1,999,1\n5,998,1\n", "equal spacing" },
        { "time_s,energy_MeV,1F1\n0,1000,1\n0,999,1\n0,998,1\n", "must increase" },
        { "time_s,energy_MeV,1F1\n0,1000,1\n1,2000,1\n", "outside the machine's range" },
        { "time_s,energy_MeV,1F1\n0,1000,1\n1,999,1\n", "the table starts it at 1.0000 A" },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public async Task Bad_tables_are_refused_with_the_reason_and_move_nothing(string csv, string reason)
    {
        await using var rig = new ControlRig();
        var before = rig.System.Machine.Elements.ToDictionary(e => e.Name, e => e.Supply.Setpoint);
        var result = rig.System.Core.RunEnergyTable(ControlRig.Operator, csv, "bad.csv");
        Assert.False(result.Applied);
        Assert.Contains(reason, result.Message);
        rig.Run(0.5);
        Assert.All(rig.System.Machine.Elements, e => Assert.Equal(before[e.Name], e.Supply.Setpoint));
    }

    [Fact]
    public async Task Tables_beyond_a_limit_or_faster_than_the_supplies_are_refused()
    {
        await using var rig = new ControlRig();
        var f1 = rig.System.Machine.Get("1F1");
        string Table(double end, double seconds) => string.Create(CultureInfo.InvariantCulture,
            $"time_s,energy_MeV,1F1\n0,1000,{f1.Request}\n{seconds / 2},1000,{(f1.Request + end) / 2}\n{seconds},1000,{end}\n");
        Assert.Contains("outside the drive limits", rig.System.Core.RunEnergyTable(ControlRig.Operator, Table(f1.Model.MaxCurrent + 5, 100), "t").Message);
        Assert.Contains("its supplies need at least", rig.System.Core.RunEnergyTable(ControlRig.Operator, Table(f1.Request - 100, 0.2), "t").Message);
        Assert.True(rig.System.Core.RunEnergyTable(ControlRig.Operator, Table(f1.Request - 10, 30), "t").Applied);
    }

    [Fact]
    public async Task Mangled_tables_never_throw()
    {
        await using var rig = new ControlRig();
        var (plan, _) = rig.System.Core.PlanEnergy(990e6, 50e6);
        string good = EnergyRampTable.ToCsv(plan!);
        var cuts = Gen.Int[0, good.Length].Array[1, 4];
        var junk = Gen.OneOf(Gen.String, Gen.Const(","), Gen.Const("\n"), Gen.Const("NaN"), Gen.Const("1e309"), Gen.Const("-0"), Gen.Const("PS"));
        Gen.Select(cuts, junk.Array[1, 4]).Sample((positions, inserts) =>
        {
            var text = good;
            foreach (var (p, s) in positions.Zip(inserts)) text = text.Insert(Math.Min(p, text.Length), s);
            var (parsed, problem) = EnergyRampTable.Parse(text, rig.System.Machine);
            Assert.True(parsed is not null ^ problem is not null);
        }, iter: 300);
    }
}
