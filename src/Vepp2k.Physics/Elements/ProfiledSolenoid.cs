using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// A solenoid whose on-axis field varies along s, given as consecutive constant-field pieces. Each
/// piece is the exact <see cref="Solenoid"/> map; where the field steps between two pieces, the
/// canonical form of those maps carries the fringe kick, so a fine enough run of pieces follows a
/// smooth Bz(s). One element for the whole run: the lattice functions are reported at its ends, and
/// the per-element work of the optics (rows, eigenvectors) is paid once instead of once per piece.
/// A pass composes the pieces' maps at the particle's momentum (<see cref="SolenoidRun"/>) rather
/// than tracking through each piece with the full phase-space scalars.
/// </summary>
public sealed class ProfiledSolenoid : Element
{
    private readonly Solenoid[] pieces;
    private readonly double[] lengths, halfKs;

    public ProfiledSolenoid(string name, IReadOnlyList<Solenoid> pieces) : base(name, pieces.Sum(p => p.Length))
    {
        if (pieces.Count == 0) throw new ArgumentException("a profiled solenoid needs at least one piece", nameof(pieces));
        this.pieces = [.. pieces];
        lengths = [.. pieces.Select(p => p.Length)];
        halfKs = [.. pieces.Select(p => p.Ks / 2)];
        RotationAngle = this.pieces.Sum(p => p.RotationAngle);
    }

    public override string Keyword => "solenoid";

    /// <summary>The constant-field pieces in beam order.</summary>
    public IReadOnlyList<Solenoid> Pieces => pieces;

    /// <summary>Larmor rotation of the whole run at the reference momentum [rad]: half of int KS ds.</summary>
    public double RotationAngle { get; }

    // Runs of consecutive pieces that turn the planes by at most this much: fine enough to follow a
    // mode's phase (a step must stay well under pi/2), coarse enough to cost little (about 30 runs
    // instead of 600 pieces in the design ring).
    private const double PhaseStepRotation = 0.5;

    private Element[]? phaseSteps;

    public override IReadOnlyList<Element> PhaseSteps => phaseSteps ??= SplitForPhase();

    private Element[] SplitForPhase()
    {
        var runs = new List<Element>();
        var run = new List<Solenoid>();
        double turned = 0;
        foreach (var piece in pieces)
        {
            if (run.Count > 0 && turned + Math.Abs(piece.RotationAngle) > PhaseStepRotation)
            {
                runs.Add(run.Count == 1 ? run[0] : new ProfiledSolenoid(Name, run));
                run = [];
                turned = 0;
            }
            run.Add(piece);
            turned += Math.Abs(piece.RotationAngle);
        }
        runs.Add(run.Count == 1 ? run[0] : new ProfiledSolenoid(Name, run));
        return [.. runs];
    }

    public override Element Reversed() =>
        new ProfiledSolenoid(Name, [.. pieces.Reverse().Select(p => (Solenoid)p.Reversed())]);

    public override void Track(ref Phase<Real> p, in TrackContext context) =>
        SolenoidRun.Build(lengths, halfKs, p.Delta.Value).Apply(ref p);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) =>
        SolenoidRun.Build(lengths, halfKs, p.Delta.Value).Apply(ref p);

    // Composing the pieces costs far more than applying the result: the run is kept for a block's deltas
    // (PerDeltaCache); when they change (RF, radiation) it comes from its Chebyshev series in delta,
    // composed only beyond their range.
    private readonly PerDeltaCache<SolenoidRunVector> vectorRuns = new();
    private SolenoidRunTable? table;

    public override void Track(ref Phase<Vec4> p, in TrackContext context) =>
        vectorRuns.Get(p.Delta, this, static (s, delta) => SolenoidRunTable.Covers(delta)
            ? LazyInitializer.EnsureInitialized(ref s.table, () => new SolenoidRunTable(s.lengths, s.halfKs)).Evaluate(delta)
            : SolenoidRunVector.Build(s.lengths, s.halfKs, delta)).Apply(ref p);
}
