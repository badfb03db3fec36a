using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// One transverse mode's far tail and loss rate from <see cref="TailSplitting"/>, in units of the nominal rms (see
/// there). <see cref="FractionBeyond"/>[i] is the stationary fraction of the beam beyond <see cref="Thresholds"/>[i]
/// (the amplitudes of <see cref="TailDensity"/>'s table), with its approximate relative standard error; zero beyond
/// <see cref="Reach"/>, the highest level any particle entered. <see cref="CoreRms"/> is the beam's own rms in those
/// units (its blow-up). The loss rate [per particle per snapshot interval] counts every loss at the ring's aperture.
/// </summary>
public sealed record SplitTail(
    int Mode, double[] Thresholds, double[] FractionBeyond, double[] RelativeError, double Reach, double CoreRms,
    double LossRate, double LossRelativeError, int Levels, int Excursions, long ParticleTurns);

/// <summary>
/// Far tails by multilevel splitting (the rare-event method of Kahn and Harris; Lifetrac's tracking region by
/// amplitude region, D. Shatilov, Part. Accel. 52 (1996) 65, is one): the weak beam's distribution far below what
/// brute-force counting sees (10^-20 and less at 10-15 rms). Levels A_1 &lt; A_2 &lt; ... are equally spaced in
/// x = A^2/2, one unit of it apart, so that a Gaussian beam reaches each next level from the last with odds about
/// 1/e, whatever the level. The level of a particle is the amplitude of its action in the mode split on plus a
/// weight times its action in the other transverse mode (why: <see cref="CollidingOtherModeWeight"/>), averaged over
/// its last few snapshots; its own amplitude is what the tail counts. The average, because the beam-beam lens makes a
/// particle's action in the linear modes swing with its betatron phase from turn to turn, by tens of per cent at a
/// few rms, and a level that swung with it would be entered at one phase and left at the next, never climbed. The weak-strong particles are independent and their
/// motion with that history is Markov from snapshot to snapshot, so renewal theory makes it exact in expectation:
/// <list type="bullet">
/// <item>An excursion at level k starts when a particle's level reaches A_k (an entry) and ends when it falls
/// below A_(k-1) or the particle is lost. An entry counts only once the level has been below A_(k-1) since its last
/// entry, so every snapshot whose level is at or above A_k belongs to exactly one excursion.</item>
/// <item>The stationary fraction of snapshots with the level in [A_k, A_(k+1)) and the amplitude itself in a bin is
/// the rate of entries at A_k (per particle snapshot) times the mean number of such snapshots per excursion; the
/// rate at A_(k+1) is the rate at A_k times the mean number of entries at A_(k+1) an excursion makes; the loss rate
/// adds, level by level, the losses whose last snapshot had its level in the level's range.</item>
/// <item>Stage 0 is the ordinary tracking of the whole beam (<see cref="Observe"/>): it gives the core, the rate
/// at A_1 and the states the particles entered it with. Stage k restarts the given number of excursions from the
/// states (coordinates and history) stage k-1 saw entering A_k, each used in turn in a shuffled order, tracks each to
/// its end, and saves the states that enter A_(k+1). Each start draws its own quantum excitation (its particle slot
/// and turn number are new), so copies of one state part at once.</item>
/// </list>
/// Amplitudes are actions in the normal modes of a reference beam matrix (the nominal, no-collision equilibrium's)
/// in units of its emittance, as Lifetrac plots its tails: in units of the beam's own measured rms, a relative error
/// e of its emittance would shift P(A > a) by e^(e a^2/2), a factor of 3 at 15 rms for e = 1 %.
/// The errors come from <see cref="Replicas"/> independent replicas: the particles of stage 0 dealt among them (each
/// particle's snapshots are correlated over a damping time, which counting would ignore), each replica climbing on
/// its own entries with its share of the excursions; the result is their mean and its error their spread over
/// sqrt(replicas).
/// </summary>
public sealed class TailSplitting
{
    /// <summary>Independent replicas the error is taken from.</summary>
    public const int Replicas = 8;

    /// <summary>
    /// The default weight c of the other transverse mode's action in a particle's level, J_own + c J_other, for
    /// colliding beams. With c = 0 (the mode's own action) the split tails were 0.27 of counting at 5 rms at 20 mA:
    /// the round lens at equal fractional tunes trades action between the modes over hundreds of turns, and a level on
    /// one mode is climbed at the peaks of that trade and left again, an estimate right in expectation but typically
    /// far below it. With c = 1 (the sum, which the trade keeps) that case came out right, but a ring without the trade
    /// gave 0.015-0.09 of the Gaussian at 15 rms: one mode's far tail needs the sum gathered in that mode, and levels
    /// on the sum do not lead there. Below 1, a Gaussian beam at level L keeps its own action within about c/(1 - c)
    /// units of L, while a trade moves the level by only 1 - c of what it moves the mode. 0.8 agrees with counting at
    /// 20 mA and stays within a factor of 2.5 of the Gaussian to 15 rms without collisions (docs/beambeam.md), where
    /// c = 0, each mode's own invariant, is the sharper choice.
    /// </summary>
    public const double CollidingOtherModeWeight = 0.8;

    private readonly double otherModeWeight;

    // The counting bins of TailDensity.
    private const double Bin = TailDensity.Bin;
    private static readonly int Bins = (int)Math.Round(TailDensity.CountReach / Bin) + 1;

    private readonly BeamTails modes;
    private readonly double[] units;
    private readonly double[] orbit;
    private readonly int mode;
    private readonly double[] levels;
    private readonly Replica[] replicas;
    private readonly int history;
    private Particles observedBeam = new(0, 1);
    private bool observed, climbed;

    // One replica's estimates: the density per bin, the rate of entries at the current level and the loss rate,
    // all per particle snapshot; the entry states (coordinates, then the actions oldest first) the next level starts from.
    private sealed class Replica
    {
        public readonly double[] Density = new double[Bins];
        public List<double[]> Entries = [];
        public long Snapshots, Losses;
        public double Squares, Rate, LossRate;
        public int Reached;
    }

    // Per particle: its last level actions [unit emittances] (a ring of `history`), how many it has had, the level's state.
    private sealed class Particles(int count, int history)
    {
        public readonly double[] Actions = new double[count * history];
        public readonly int[] Filled = new int[count];
        public readonly bool[] Armed = new bool[count];
        public readonly double[] Last = new double[count];

        // Records action j of particle i and returns its level: the amplitude of its mean action over the history.
        public double Push(int i, double j)
        {
            Actions[i * history + Filled[i] % history] = j;
            Filled[i]++;
            int n = Math.Min(Filled[i], history);
            double sum = 0;
            for (int k = 0; k < n; k++) sum += Actions[i * history + k];
            return Math.Sqrt(2 * sum / n);
        }

        // The state to restart from: the coordinates, then the actions oldest first.
        public double[] Entry(int i, double[] coordinates)
        {
            var e = new double[6 + history];
            coordinates.CopyTo(e, 0);
            for (int k = 0; k < history; k++) e[6 + k] = Actions[i * history + (Filled[i] + k) % history];
            return e;
        }

        // Restarts particle i from an entry state: its history as the entry's, its level from it.
        public double Restart(int i, double[] entry)
        {
            for (int k = 0; k < history; k++) Actions[i * history + k] = entry[6 + k];
            Filled[i] = history;
            double sum = 0;
            for (int k = 0; k < history; k++) sum += entry[6 + k];
            return Math.Sqrt(2 * sum / history);
        }
    }

    /// <param name="reference">The beam matrix whose normal modes the actions are taken in (engine order).</param>
    /// <param name="units">The emittances [m] whose rms are the units of amplitude: the nominal ones of the two transverse modes.</param>
    /// <param name="orbit">The beam's centre: the closed orbit.</param>
    /// <param name="mode">The transverse mode whose amplitude is split on: 0 (x-like) or 1 (y-like).</param>
    /// <param name="from">The first level A_1 [rms] (of the level's action), where stage 0 still sees many entries.</param>
    /// <param name="to">The last level's least amplitude [rms].</param>
    /// <param name="history">
    /// Snapshots a particle's level averages its action over: 1 where the action is an invariant of the motion
    /// between the kicks of radiation (a linear ring); about a betatron period where a beam-beam lens makes it swing.
    /// </param>
    /// <param name="otherModeWeight">The other mode's weight in the level, 0 to below 1 (<see cref="CollidingOtherModeWeight"/>).</param>
    public TailSplitting(Matrix6 reference, IReadOnlyList<double> units, IReadOnlyList<double> orbit, int mode, double from, double to, int history,
        double otherModeWeight)
    {
        if (!(otherModeWeight is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(otherModeWeight), "the other mode's weight in the level is from 0 to below 1");
        this.otherModeWeight = otherModeWeight;
        ArgumentOutOfRangeException.ThrowIfLessThan(history, 1);
        this.history = history;
        if (mode is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(mode), "splitting is on a transverse mode, 0 or 1");
        if (!(from > 1 && to > from)) throw new ArgumentException("the levels need 1 < from < to (rms)");
        if (units.Count < 2 || !units.Take(2).All(u => u > 0)) throw new ArgumentOutOfRangeException(nameof(units), "the unit emittances are the two transverse modes', positive");
        modes = new BeamTails(reference);
        if (modes.Emittances.Count < 2) throw new OpticsException("the reference beam has fewer than two transverse modes with emittance");
        this.units = [.. units.Take(2)];
        this.orbit = [.. orbit];
        this.mode = mode;
        // x = A^2/2 from x_1 - 1 (the first level's hysteresis) in steps of one up to the first at or past `to`.
        double x1 = from * from / 2;
        int count = (int)Math.Ceiling(to * to / 2 - x1) + 2;
        levels = [.. Enumerable.Range(0, count).Select(k => Math.Sqrt(2 * (x1 - 1 + k)))];
        replicas = [.. Enumerable.Range(0, Replicas).Select(_ => new Replica())];
    }

    /// <summary>
    /// Stage 0: counts the beam's surviving particles once (call it after every interval the stages will track),
    /// keeping each particle's entries into A_1 and its loss since the last call from below A_1. Particle i belongs to
    /// replica i mod <see cref="Replicas"/>. A particle's first snapshots fill its history and
    /// are counted, but it enters no level before the history is full.
    /// </summary>
    public void Observe(ParticleBuffer beam)
    {
        if (climbed) throw new InvalidOperationException("stage 0 is over: the levels have been climbed");
        if (!observed)
        {
            if (beam.Count < Replicas) throw new OpticsException($"the splitting needs at least {Replicas} particles, one per replica");
            observedBeam = new Particles(beam.Count, history);
            Array.Fill(observedBeam.Last, double.NaN);
        }
        var p = observedBeam;
        Span<double> z = stackalloc double[6];
        for (int i = 0; i < beam.Count; i++)
        {
            var r = replicas[i % Replicas];
            if (!beam.IsAlive(i))
            {
                // Lost since the last call (its last level is still set): from the core's range, stage 0's loss.
                if (!double.IsNaN(p.Last[i]) && p.Last[i] < levels[1]) r.Losses++;
                p.Last[i] = double.NaN;
                continue;
            }
            var (j, own) = Actions(beam, i, z);
            double a = Math.Sqrt(2 * own), level = p.Push(i, j);
            r.Snapshots++;
            r.Squares += a * a;
            bool full = p.Filled[i] >= history;
            if (!full || level < levels[1]) r.Density[BinOf(a)]++;
            // Unknown history before: armed only from below the hysteresis level.
            if (p.Filled[i] == history) p.Armed[i] = level < levels[0];
            else if (full && level >= levels[1] && p.Armed[i])
            {
                r.Entries.Add(p.Entry(i, State(z)));
                p.Armed[i] = false;
            }
            if (level < levels[0]) p.Armed[i] = true;
            p.Last[i] = full ? level : 0;
        }
        observed = true;
    }

    /// <summary>
    /// The stages above the core: <paramref name="excursions"/> per level (shared among the replicas), each tracked by
    /// <paramref name="tracker"/> <paramref name="interval"/> turns between snapshots (stage 0's interval), turns
    /// numbered from <paramref name="firstTurn"/> on (past every turn already tracked with this tracker's seed).
    /// Returns the mode's tail, and the next free turn number in <paramref name="nextTurn"/>. Once only: it turns
    /// stage 0's counts into rates.
    /// </summary>
    public SplitTail Climb(RingTracker tracker, int excursions, int interval, int firstTurn, out int nextTurn,
        CancellationToken cancel = default)
    {
        if (replicas.Any(r => r.Snapshots == 0)) throw new OpticsException("the splitting has no stage 0: observe the beam first");
        if (climbed) throw new InvalidOperationException("the levels have been climbed already");
        climbed = true;
        ArgumentOutOfRangeException.ThrowIfLessThan(excursions, Replicas);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        int each = excursions / Replicas;
        foreach (var r in replicas)
        {
            for (int b = 0; b < r.Density.Length; b++) r.Density[b] /= r.Snapshots;
            r.Rate = r.Entries.Count / (double)r.Snapshots;
            r.LossRate = r.Losses / (double)r.Snapshots;
        }
        int turn = firstTurn, level = 1;
        long particleTurns = 0;
        var random = new Random(unchecked((int)(tracker.Options.Seed * 2654435761UL) ^ mode));
        for (; level < levels.Length && replicas.Any(r => r.Entries.Count > 0); level++)
        {
            var stage = Stage(tracker, level, each, interval, ref turn, random, cancel);
            particleTurns += stage.ParticleTurns;
            for (int k = 0; k < Replicas; k++)
            {
                var r = replicas[k];
                if (r.Entries.Count == 0) continue;
                double weight = r.Rate / each;
                for (int b = 0; b < r.Density.Length; b++) r.Density[b] += weight * stage.Counts[k][b];
                r.LossRate += weight * stage.Losses[k];
                r.Rate *= stage.Entries[k].Count / (double)each;
                r.Entries = stage.Entries[k];
                r.Reached = level;
            }
        }
        nextTurn = turn;
        return Result(excursions, particleTurns);
    }

    private sealed record StageResult(double[][] Counts, List<double[]>[] Entries, long[] Losses, long ParticleTurns);

    // One level's excursions of every replica, as many at once as there are slots (slot i serves replica i mod
    // Replicas), each slot restarted from its replica's next entry state until the replica has had its share.
    private StageResult Stage(RingTracker tracker, int level, int each, int interval, ref int turn, Random random, CancellationToken cancel)
    {
        double below = levels[level - 1], at = levels[level], next = level + 1 < levels.Length ? levels[level + 1] : double.PositiveInfinity;
        var orders = replicas.Select(r =>
        {
            var order = Enumerable.Range(0, r.Entries.Count).ToArray();
            random.Shuffle(order);
            return order;
        }).ToArray();
        int slots = Replicas * Math.Min(each, 512);
        var beam = new ParticleBuffer(slots);
        var active = new bool[slots];
        var p = new Particles(slots, history);
        var counts = replicas.Select(r => new double[r.Density.Length]).ToArray();
        var found = replicas.Select(_ => new List<double[]>()).ToArray();
        var lost = new long[Replicas];
        var started = new int[Replicas];
        long particleTurns = 0;
        int running = 0;
        Span<double> z = stackalloc double[6];

        // A snapshot of slot i in the excursion, at amplitude a and level l: its amplitude counted where its level lies
        // in this level's range (snapshots with the level below A_k belong to an excursion of the level below as well,
        // and are counted there); an entry at the next level once the level has been below this one since its last
        // entry. False when the excursion is over.
        bool Snapshot(int i, double a, double l, ReadOnlySpan<double> deviation)
        {
            if (l < below) return false;
            int k = i % Replicas;
            if (l >= at && l < next) counts[k][BinOf(a)]++;
            if (p.Armed[i] && l >= next)
            {
                found[k].Add(p.Entry(i, State(deviation)));
                p.Armed[i] = false;
            }
            if (l < at) p.Armed[i] = true;
            p.Last[i] = l;
            return true;
        }

        while (true)
        {
            for (int i = 0; i < slots; i++)
            {
                int k = i % Replicas;
                var pool = replicas[k].Entries;
                if (active[i] || started[k] >= each || pool.Count == 0) continue;
                var start = pool[orders[k][started[k]++ % pool.Count]];
                beam.Set(i, start);
                beam.LostTurn[i] = -1;
                beam.LostElement[i] = -1;
                // The entry's previous level lay below A_k, so it may enter A_(k+1) at once.
                p.Armed[i] = true;
                for (int c = 0; c < 6; c++) z[c] = start[c] - orbit[c];
                active[i] = Snapshot(i, Math.Sqrt(2 * Own(z)), p.Restart(i, start), z);
                if (active[i]) running++;
            }
            if (running == 0) break;
            for (int i = 0; i < slots; i++)
                if (!active[i]) beam.LostTurn[i] = int.MaxValue; // out of the tracking until restarted
            tracker.Track(beam, interval, turn, cancel: cancel);
            turn += interval;
            particleTurns += (long)running * interval;
            for (int i = 0; i < slots; i++)
            {
                if (!active[i]) continue;
                bool goesOn;
                if (!beam.IsAlive(i))
                {
                    if (p.Last[i] >= at && p.Last[i] < next) lost[i % Replicas]++;
                    goesOn = false;
                }
                else
                {
                    var (j, own) = Actions(beam, i, z);
                    goesOn = Snapshot(i, Math.Sqrt(2 * own), p.Push(i, j), z);
                }
                if (!goesOn)
                {
                    active[i] = false;
                    running--;
                }
            }
        }
        return new StageResult(counts, found, lost, particleTurns);
    }

    // The replicas' mean and the standard error of the mean from their spread.
    private SplitTail Result(int excursions, long particleTurns)
    {
        var thresholds = TailDensity.ReportedAmplitudes();
        var beyond = replicas.Select(r =>
        {
            var tail = new double[r.Density.Length + 1];
            for (int b = r.Density.Length - 1; b >= 0; b--) tail[b] = tail[b + 1] + r.Density[b];
            return thresholds.Select(a =>
            {
                double edge = a / Bin;
                int b = Math.Min((int)edge, r.Density.Length - 1);
                return tail[b] + Math.Min(1, edge - b) * (tail[b + 1] - tail[b]);
            }).ToArray();
        }).ToArray();
        var (fractions, errors) = MeanAndError(k => beyond[k], thresholds.Length);
        var (loss, lossError) = MeanAndError(k => [replicas[k].LossRate], 1);
        double core = Math.Sqrt(replicas.Sum(r => r.Squares) / replicas.Sum(r => r.Snapshots) / 2);
        int reached = replicas.Max(r => r.Reached);
        return new SplitTail(mode, thresholds, fractions, errors, levels[Math.Max(1, reached)], core,
            loss[0], lossError[0], reached, excursions, particleTurns);

        // Per column c of values[replica][c]: the mean over the replicas and its relative standard error (NaN where zero).
        (double[] Mean, double[] Relative) MeanAndError(Func<int, double[]> values, int columns)
        {
            var mean = new double[columns];
            var relative = new double[columns];
            for (int c = 0; c < columns; c++)
            {
                var v = Enumerable.Range(0, Replicas).Select(k => values(k)[c]).ToArray();
                mean[c] = v.Average();
                double spread = v.Sum(x => (x - mean[c]) * (x - mean[c])) / (Replicas - 1);
                relative[c] = mean[c] > 0 ? Math.Sqrt(spread / Replicas) / mean[c] : double.NaN;
            }
            return (mean, relative);
        }
    }

    // The level's action and the mode's own of particle i, in unit emittances; z is left holding its deviation from the orbit.
    private (double Level, double Own) Actions(ParticleBuffer beam, int i, Span<double> z)
    {
        beam.Get(i, z);
        for (int k = 0; k < 6; k++) z[k] -= orbit[k];
        double own = Own(z);
        return (own + otherModeWeight * modes.Action(z, 1 - mode) / units[1 - mode], own);
    }

    private double Own(ReadOnlySpan<double> z) => modes.Action(z, mode) / units[mode];

    // The particle's absolute coordinates from its deviation.
    private double[] State(ReadOnlySpan<double> deviation)
    {
        var s = new double[6];
        for (int k = 0; k < 6; k++) s[k] = deviation[k] + orbit[k];
        return s;
    }

    private static int BinOf(double a) => Math.Min(Bins - 1, (int)(a / Bin));
}
