using MathNet.Numerics.LinearAlgebra;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>How a weak-strong run is set up: the strong bunch's current, the weak beam's macroparticles.</summary>
/// <param name="CurrentA">Current of the strong (opposing) bunch [A].</param>
/// <param name="Turns">Turns of the weak beam with radiation and beam-beam, from the no-collision equilibrium.</param>
/// <param name="TuneTurns">Turns of the small-amplitude particles whose tunes give the measured tune shift.</param>
/// <param name="VerticalEmittance">
/// Emittance [m] added to both beams' vertical plane (<see cref="Collisions.WithVerticalEmittance"/>): needed
/// for an uncoupled (flat) ring, whose envelope has none. The linear model and the damping acceleration keep it as
/// the weak beam's equilibrium (their diffusion is taken with it); element by element the weak beam starts with it
/// and its vertical size then follows the ring's own radiation, which damps it.
/// </param>
/// <param name="Samples">
/// Beam snapshots the sizes (rms over the snapshots' variances) and the luminosity (mean) are averaged over:
/// the first after <paramref name="Turns"/>, then one every <paramref name="SampleInterval"/> turns.
/// </param>
/// <param name="DampingAcceleration">
/// Factor on every damping decrement and on the quantum excitation, equilibrium unchanged (<see cref="BeamBeam.DampingAcceleration"/>); 1 is none.
/// </param>
/// <param name="Tunes">Fractional mode tunes of the linear model (a working point other than the lattice's), or null.</param>
/// <param name="Model">The ring tracked: element by element, or the linear arcs between the IPs (<see cref="LinearRing"/>).</param>
/// <param name="Iterations">
/// Quasi-strong-strong refreshes (beam-physics.md 3.4, Lifetrac's procedure): after the first <paramref name="Turns"/>
/// the strong bunches take the weak beam's measured moments, and the weak beam is tracked <paramref name="Turns"/> more
/// against them, this many times; 0 is weak-strong with the strong bunches at the no-collision equilibrium.
/// </param>
/// <param name="Aperture">Half-width of the ring's aperture in x [m] at every element tracked (and in y unless <paramref name="ApertureY"/>).</param>
/// <param name="TailTurns">
/// Turns after the snapshots over which the tails are counted every <paramref name="TailInterval"/> turns
/// (<see cref="TailDensity"/>) and the lifetime estimated from them (<see cref="BeamLifetime"/>); 0: none.
/// </param>
/// <param name="TailExcursions">
/// Excursions per amplitude level of the far tails' splitting (<see cref="TailSplitting"/>) in each transverse mode
/// up to <see cref="TailDensity.Reach"/> nominal rms, after the tails' turns (its stage 0); 0: none.
/// </param>
/// <param name="TailHistory">
/// Turns the splitting's levels average a particle's action over: ten, two periods of the swing the beam-beam lens
/// gives it at VEPP-2000's fractional tunes of 0.1 (its 2 phi harmonic); 1 for a ring without collisions.
/// </param>
/// <param name="TailSplitFrom">
/// The splitting's first level [nominal rms]; null: 3 of the colliding beam's own rms, which its stage 0 crosses
/// often. Set past where the counting reaches (7), stage 0 alone counts the tail in the nominal units.
/// </param>
/// <param name="TailLevelWeight">
/// The other transverse mode's weight in the splitting's level (<see cref="TailSplitting.CollidingOtherModeWeight"/>);
/// 0 where each mode's action is kept between radiation kicks (no collisions, an uncoupled lens).
/// </param>
public sealed record WeakStrongOptions(
    double CurrentA, int Particles, int Turns, int Slices,
    int TuneTurns = 1024, ulong Seed = 1, int Threads = 0, double Aperture = 0.02, double RadiationSliceLength = 0.1,
    double VerticalEmittance = 0, double DampingAcceleration = 1, BeamBeamModel Model = BeamBeamModel.Lattice,
    int Samples = 1, int SampleInterval = 0, IReadOnlyList<double>? Tunes = null, int Iterations = 0,
    double? ApertureY = null, int TailTurns = 0, int TailInterval = 1, int TailExcursions = 0, int TailHistory = 10,
    double? TailSplitFrom = null, double TailLevelWeight = TailSplitting.CollidingOtherModeWeight);

/// <summary>
/// The weak beam's time-averaged tails and the lifetime they give. <see cref="FractionBeyond"/>[mode][i] is the
/// fraction of the <see cref="Samples"/> particle snapshots whose amplitude in that normal mode of the colliding
/// beam (x-like, y-like, longitudinal; its beam matrix as the counting starts) exceeds <see cref="Thresholds"/>[i] rms. Per transverse mode: the
/// ring's aperture in rms units, the lifetime [s] from the measured density there (null where no sample got that
/// far; then only <see cref="LifetimeBoundS"/> holds), the one with the tail's last decade extrapolated to the
/// aperture (<see cref="BeamLifetime.Extrapolated"/>), the Gaussian beam's for comparison, and the particles the
/// tracking itself lost over <see cref="Turns"/>. With the far tails split (<see cref="Split"/>, one per transverse
/// mode, in units of the nominal rms): the aperture in those units, the lifetime from the split density there
/// (<see cref="SplitLifetimeS"/>, null where the tail ends before it) and from the losses the splitting counted
/// (<see cref="SplitLossLifetimeS"/>, the accelerated damping's rate scaled back to the ring's; null without losses).
/// </summary>
public sealed record WeakStrongTails(
    double[] Thresholds, double[][] FractionBeyond, long Samples, double[] ApertureAmplitudes,
    double?[] LifetimeS, double[] LifetimeBoundS, double?[] ExtrapolatedLifetimeS, double[] GaussianLifetimeS, int Lost, int Turns,
    SplitTail[]? Split = null, double[]? SplitApertureAmplitudes = null, double?[]? SplitLifetimeS = null, double?[]? SplitLossLifetimeS = null);

/// <summary>One IP: the strong bunch there, the weak beam's optics there and the nominal beam-beam parameters.</summary>
/// <param name="ExpectedTuneShift">
/// First-order tune shift of each eigenmode from this IP's linear lens,
/// N r_e/(2 pi gamma (sx + sy)) (beta_kx/sx + beta_ky/sy) with the mode betas (Mais-Ripken) of the weak beam.
/// </param>
public sealed record CollisionPoint(string Name, GaussianBunch Strong, TwissRow Optics, double XiX, double XiY, double[] ExpectedTuneShift);

/// <summary>
/// A weak-strong run's results. <see cref="EnvelopeSizes"/> and <see cref="TrackedSizes"/> are sigma_x, sigma_y and
/// sigma_z at the first IP, x and y along the strong bunch's axes there (turned by its tilt in the flat mode).
/// <see cref="StrongSizes"/> are the strong bunch's at the first IP as it finally was (the envelope's without
/// quasi-strong-strong iterations), one row per refresh: the convergence of the iteration. The emittances are
/// those of the normal modes (x-like, y-like, longitudinal [m]) of the no-collision equilibrium (with the added
/// vertical emittance) and of the tracked beam at the last snapshot.
/// </summary>
public sealed record WeakStrongResult(
    double Population,
    IReadOnlyList<CollisionPoint> Ips,
    double[] BareTunes,
    double[] MeasuredTuneShift,
    double[] EnvelopeSizes,
    double[] TrackedSizes,
    double GeometricLuminosity,
    double OverlapLuminosity,
    double TrackedLuminosity,
    int Survivors,
    double DampingTurns,
    IReadOnlyList<double[]> StrongSizes,
    WeakStrongTails? Tails = null,
    double[]? EnvelopeEmittances = null,
    double[]? TrackedEmittances = null);

/// <summary>
/// Weak-strong beam-beam in the real ring (beam-physics.md 3.3-3.4): the strong bunches at the IPs
/// are the no-collision radiative equilibrium (Ohmi envelope) at the given current; the weak beam,
/// drawn from that same equilibrium, is tracked element by element (or through the linear arcs of
/// <see cref="LinearRing"/>) with damping, quantum excitation (both optionally accelerated) and the
/// 6-D synchro-beam kicks. Reported: the nominal xi per IP, the small-amplitude tune shift (NAFF
/// on the eigenmodes, without radiation) beside its first-order value, the rms sizes at the first
/// IP with and without collisions, and the luminosity there (geometric, slice overlap with the
/// hourglass, and the weak-strong estimator over the tracked beam).
/// </summary>
public static class WeakStrong
{
    public static WeakStrongResult Run(Lattice lattice, IReadOnlyList<string> ips, WeakStrongOptions o,
        IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        if (ips.Count == 0) throw new OpticsException("no interaction point given");
        if (o.Samples > 1 && o.SampleInterval < 1) throw new OpticsException("snapshots need an interval of at least one turn");
        // Sizes and luminosity are taken where the tracked beam is stored: the ring's start, made the first IP.
        if (lattice.IndexOf(ips[0]) != 0) lattice = Collisions.StartingAt(lattice, ips[0]);
        double population = GaussianBunch.PopulationFromCurrent(o.CurrentA, lattice.RevolutionFrequency);
        var optics = LinearOptics.Compute(lattice.WithoutCavities());
        var points = ips.Select(ip => Point(lattice, optics, ip, population, o)).ToList();
        var kicks = points.ToDictionary(p => p.Name, p => new SynchroBeamKick(p.Strong, o.Slices, lattice.Gamma));
        var envelope = Envelope.Compute(lattice, o.RadiationSliceLength);
        // The weak beam's equilibrium at the start, with the vertical emittance asked for (kept by the linear model
        // and the damping acceleration, drawn from for the initial beam).
        var sigma = Collisions.WithVerticalEmittance(envelope.Sigma, optics.Start, o.VerticalEmittance);
        if (o.Tunes is not null && o.Model != BeamBeamModel.Linear)
            throw new OpticsException("a working point other than the lattice's is set in the linear model only");
        var ring = o.Model == BeamBeamModel.Linear ? LinearRing.Build(lattice, ips, envelope, o.RadiationSliceLength, o.Tunes, o.VerticalEmittance) : lattice;
        if (o.DampingAcceleration != 1)
            ring = new Lattice(ring.Name, [.. ring.Elements, DampingAcceleration.Element(envelope, o.DampingAcceleration, sigma)], ring.EnergyEv);
        var colliding = Collisions.WithKicks(ring, kicks);

        // The small-amplitude tunes are measured against bunches centred on the weak beam's reference (their
        // offset, the radiative orbit at the IPs, only deflects the closed orbit, by a dipole kick that grows with the
        // current until it outgrows the launch amplitude).
        var centred = Collisions.WithKicks(ring, points.ToDictionary(p => p.Name,
            p => new SynchroBeamKick(p.Strong with { CenterX = 0, CenterY = 0, CenterCt = 0 }, o.Slices, lattice.Gamma)));
        var measured = TuneShift(ring, centred, optics, points[0].Strong, o, cancel);
        var beam = Sample(sigma, envelope.ClosedOrbit, o.Particles, o.Seed);
        var tracking = new TrackingOptions(true, true, o.Aperture, o.ApertureY ?? o.Aperture, o.Seed, o.Threads, o.RadiationSliceLength);
        var tracker = new RingTracker(colliding, tracking);
        tracker.Track(beam, o.Turns, progress: progress, cancel: cancel);
        var turned = BunchFrame.Turned(sigma, points[0].Strong.Tilt);
        var strongSizes = new List<double[]> { Sizes(points[0].Strong) };
        for (int i = 1; i <= o.Iterations; i++)
        {
            var weak = BeamMoments.Alive(beam);
            if (weak.Count < 2) throw new OpticsException("the weak beam is lost: no moments to give the strong bunch");
            var bunches = QuasiStrongStrong.Refreshed(points.Select(p => p.Strong).ToList(), turned, BeamMoments.Of(weak).Covariance, points[0].Strong.Tilt);
            kicks = points.Zip(bunches).ToDictionary(p => p.First.Name, p => new SynchroBeamKick(p.Second, o.Slices, lattice.Gamma));
            tracker = new RingTracker(Collisions.WithKicks(ring, kicks), tracking);
            tracker.Track(beam, o.Turns, i * o.Turns, cancel: cancel);
            strongSizes.Add(Sizes(bunches[0]));
        }
        var strong = kicks[points[0].Name].Bunch;
        var nominal = points[0].Strong;
        int tracked = (o.Iterations + 1) * o.Turns;
        double f0 = lattice.RevolutionFrequency;
        var variances = new double[3];
        double trackedLuminosity = 0;
        int samples = Math.Max(1, o.Samples), survivors = 0;
        List<double[]> alive = [];
        Matrix6? final = null;
        for (int s = 0; s < samples; s++)
        {
            if (s > 0) tracker.Track(beam, o.SampleInterval, tracked + (s - 1) * o.SampleInterval, cancel: cancel);
            alive = BeamMoments.Alive(beam);
            // x and y along the strong bunch's axes at the first IP (the lab's unless it is tilted there, as in the flat mode).
            final = alive.Count < 2 ? null : BeamMoments.Of(alive).Covariance;
            var v = final is null ? null : BunchFrame.Turned(final, strong.Tilt);
            foreach (var (k, index) in new[] { (0, 0), (1, 2), (2, 5) }) variances[k] += (v?[index, index] ?? double.NaN) / samples;
            trackedLuminosity += Luminosity.WeakStrong(f0, population, kicks[points[0].Name], alive) / samples;
            survivors = alive.Count;
        }
        double[] envelopeEmittances = [.. new BeamTails(sigma).Emittances];
        // The beam matrix at the last snapshot gives its emittances and the modes the tails are counted in.
        double[] trackedEmittances = final is null || survivors <= 6 ? [double.NaN, double.NaN, double.NaN] : [.. new BeamTails(final).Emittances];
        WeakStrongTails? tails = null;
        if (o.TailTurns > 0)
            tails = Tails(beam, final ?? throw new OpticsException("the weak beam is lost: no tails to count"), tracker,
                tracked + (samples - 1) * o.SampleInterval, envelope, optics, sigma, f0, o, cancel);
        // The bare tunes of the ring tracked (the linear model's from its own one-turn map).
        var bare = o.Model == BeamBeamModel.Linear ? LinearOptics.Compute(ring.WithoutCavities()).FractionalTunes : optics.FractionalTunes;
        return new WeakStrongResult(population, points, [.. bare], measured,
            [Math.Sqrt(turned[0, 0]), Math.Sqrt(turned[2, 2]), envelope.BunchLength],
            [.. variances.Select(Math.Sqrt)],
            // The nominal bunches' (the equilibrium without collisions), what the tracked luminosity is measured against.
            f0 * population * population / (2 * Math.PI * Math.Sqrt(2 * nominal.X.Variance * 2 * nominal.Y.Variance)),
            Luminosity.Overlap(f0, nominal, nominal, 100),
            trackedLuminosity,
            survivors,
            1 / (o.DampingAcceleration * envelope.Decrements.Take(2).Min()),
            strongSizes,
            tails,
            envelopeEmittances,
            trackedEmittances);
    }

    // The tails counted every TailInterval turns over TailTurns more turns, and the lifetimes they give with the
    // ring's own damping (not the accelerated one: the equilibrium, and so its density, is the same). Amplitudes are
    // in the normal modes of the colliding beam itself (its beam matrix as the tails start): in the no-collision
    // modes the dynamic beta alone (beta* halved near the limit, the angles widened) would read as tails. The
    // aperture in those units takes the colliding beam's mode emittances with the bare ring's betas (the beta beat
    // the collisions make around the ring is left out). The far tails are split (TailSplitting, these turns its stage
    // 0) in the nominal beam's modes and rms instead: a particle far out sees the strong bunch's field as a weak
    // 1/r kick and moves in the bare ring's optics, whose action it keeps from turn to turn (in the core's, matched
    // to the dynamic beta, its action would swing with its phase and the levels could not be climbed); and there the
    // aperture is known exactly.
    private static WeakStrongTails Tails(ParticleBuffer beam, Matrix6 reference, RingTracker tracker, int firstTurn, Envelope envelope,
        LinearOptics optics, Matrix6 nominal, double f0, WeakStrongOptions o, CancellationToken cancel)
    {
        if (o.TailInterval < 1) throw new OpticsException("the tails need an interval of at least one turn");
        var density = new TailDensity(reference, envelope.ClosedOrbit);
        var unit = new BeamTails(nominal).Emittances;
        // The first level at 3 of the beam's own rms, which stage 0 sees often.
        var colliding = new BeamTails(reference).Emittances;
        var splitting = o.TailExcursions == 0 ? [] : Enumerable.Range(0, 2).Select(m => new TailSplitting(nominal, unit, envelope.ClosedOrbit, m,
            o.TailSplitFrom ?? Math.Max(1.5, 3 * Math.Sqrt(colliding[m] / unit[m])), TailDensity.Reach, o.TailHistory, o.TailLevelWeight)).ToArray();
        foreach (var s in splitting) s.Observe(beam);
        int before = beam.AliveCount, turn = firstTurn;
        // The splitting sees the beam every turn (its levels average the action over the phases of a betatron period,
        // which a stride of several turns would alias); the counting every TailInterval turns.
        int stride = splitting.Length > 0 ? 1 : o.TailInterval;
        for (int t = 0; t < o.TailTurns; t += stride)
        {
            tracker.Track(beam, stride, turn, cancel: cancel);
            turn += stride;
            if ((t + stride) % o.TailInterval == 0) density.Add(beam);
            foreach (var s in splitting) s.Observe(beam);
        }
        int lost = before - beam.AliveCount;
        var thresholds = density.Thresholds;
        var fractions = density.FractionBeyond();
        var apertures = BeamLifetime.ApertureAmplitudes(optics, density.Emittances, o.Aperture, o.ApertureY ?? o.Aperture);
        double[] damping = [1 / (envelope.Decrements[0] * f0), 1 / (envelope.Decrements[1] * f0)];
        var tails = new WeakStrongTails(thresholds, fractions, density.Samples, apertures,
            [.. Enumerable.Range(0, 2).Select(m => BeamLifetime.FromDensity(damping[m], apertures[m], thresholds, fractions[m]))],
            [.. Enumerable.Range(0, 2).Select(m => BeamLifetime.Bound(damping[m], apertures[m], thresholds, density.Samples))],
            [.. Enumerable.Range(0, 2).Select(m => BeamLifetime.Extrapolated(damping[m], apertures[m], thresholds, fractions[m], density.Samples))],
            [.. Enumerable.Range(0, 2).Select(m => BeamLifetime.Gaussian(damping[m], apertures[m]))],
            lost, o.TailTurns);
        if (splitting.Length == 0) return tails;

        var split = splitting.Select(s => s.Climb(tracker, o.TailExcursions, 1, turn, out turn, cancel)).ToArray();
        var nominalApertures = BeamLifetime.ApertureAmplitudes(optics, unit, o.Aperture, o.ApertureY ?? o.Aperture);
        return tails with
        {
            Split = split,
            SplitApertureAmplitudes = nominalApertures,
            SplitLifetimeS = [.. split.Select(t => BeamLifetime.FromDensity(damping[t.Mode], nominalApertures[t.Mode], t.Thresholds, t.FractionBeyond))],
            // The accelerated damping's loss rate is the ring's times the acceleration (the same equilibrium, reached that much faster).
            SplitLossLifetimeS = [.. split.Select(t => t.LossRate > 0 ? o.DampingAcceleration / (t.LossRate * f0) : (double?)null)],
        };
    }

    private static double[] Sizes(GaussianBunch b) => [Math.Sqrt(b.X.Variance), Math.Sqrt(b.Y.Variance), b.SigmaZ];

    private static CollisionPoint Point(Lattice lattice, LinearOptics optics, string ip, double population, WeakStrongOptions o)
    {
        var envelope = Envelope.Compute(Collisions.StartingAt(lattice, ip), o.RadiationSliceLength);
        var row = optics.Rows.FirstOrDefault(r => string.Equals(r.Name, ip, StringComparison.OrdinalIgnoreCase))
                  ?? throw new OpticsException($"no optics row for {ip}");
        // The bunch as it collides (vertical emittance added), in the frame where it is upright: the lab's for
        // round and uncoupled beams, turned by 45 degrees at the flat mode's IPs.
        var sigma = Collisions.WithVerticalEmittance(envelope.Sigma, row, o.VerticalEmittance);
        var strong = Collisions.FromMoments(sigma, envelope.ClosedOrbit, population);
        if (!(strong.X.Variance > 0 && strong.Y.Variance > 1e-12 * strong.X.Variance))
            throw new OpticsException($"the strong bunch at {ip} has no size in one plane (an uncoupled ring's envelope has no vertical emittance): give a vertical emittance");
        // The frame must hold through the collision (a coupled bunch whose tilt turns along s needs the
        // dtheta/dS terms of the energy kick, not modelled): its residual correlation over +-3 sigma_z.
        double reach = strong.Tilt == 0 ? 0 : 3 * strong.SigmaZ;
        double correlation = BunchFrame.ResidualCorrelation(BunchFrame.Turned(sigma, strong.Tilt), reach);
        if (correlation > BunchFrame.UprightCorrelation)
            throw new OpticsException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the strong bunch at {ip} is tilted differently along the collision (x-y correlation {correlation:F3} in its own frame); only bunches upright in one frame are modelled"));
        // The weak beam's betas in the bunch's frame, per mode: the lab's Mais-Ripken betas where upright; in a
        // turned frame the modes' eigenvectors at the IP projected on u and v.
        double[][] beta = strong.Tilt == 0
            ? [[row.Beta11, row.Beta12], [row.Beta21, row.Beta22]]
            : FrameBetas(optics, row, strong.Tilt);
        var (xiX, xiY) = strong.Xi(lattice.Gamma, beta[0][0] + beta[1][0], beta[0][1] + beta[1][1]);
        double sx = Math.Sqrt(strong.X.Variance), sy = Math.Sqrt(strong.Y.Variance);
        double k = population * Constants.ClassicalElectronRadius / (2 * Math.PI * lattice.Gamma * (sx + sy));
        return new CollisionPoint(ip, strong, row, xiX, xiY, [k * (beta[0][0] / sx + beta[0][1] / sy), k * (beta[1][0] / sx + beta[1][1] / sy)]);
    }

    /// <summary>
    /// Each mode's beta along u and v of a frame turned by <paramref name="tilt"/> at <paramref name="row"/>: with the
    /// mode's eigenvector w there, normalised so that w^H J w = 2i (then |w_x|^2 is the Mais-Ripken beta_x),
    /// beta_u = |w_x cos + w_y sin|^2 and beta_v = |w_y cos - w_x sin|^2.
    /// </summary>
    private static double[][] FrameBetas(LinearOptics optics, TwissRow row, double tilt)
    {
        int index = optics.Rows.Select((r, i) => (r, i)).First(p => ReferenceEquals(p.r, row)).i;
        var map = index == 0 ? Matrix6.Identity() : optics.Cumulative[index - 1];
        double c = Math.Cos(tilt), sn = Math.Sin(tilt);
        var result = new double[2][];
        for (int mode = 0; mode < 2; mode++)
        {
            var v = optics.Modes.Vectors[mode];
            var w = new System.Numerics.Complex[4];
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < v.Length; j++) w[i] += map[i, j] * v[j];
            // w^H J w over the two planes (J = [[0, 1], [-1, 0]] in each).
            var form = System.Numerics.Complex.Conjugate(w[0]) * w[1] - System.Numerics.Complex.Conjugate(w[1]) * w[0]
                       + System.Numerics.Complex.Conjugate(w[2]) * w[3] - System.Numerics.Complex.Conjugate(w[3]) * w[2];
            double norm = Math.Abs(form.Imaginary) / 2;
            var u = w[0] * c + w[2] * sn;
            var vv = w[2] * c - w[0] * sn;
            result[mode] = [u.Magnitude * u.Magnitude / norm, vv.Magnitude * vv.Magnitude / norm];
        }
        return result;
    }

    // Eigenmode tunes without radiation, with and without collisions, of two particles each launched
    // along one eigenvector at 1e-3 sigma (at VEPP-2000's round working point the two modes are
    // degenerate, and only a launch along an eigenvector keeps each particle in one mode); the
    // particles ride at the (centred) strong bunch's centre in z. With collisions the eigenvectors are the colliding
    // ring's own (its linear optics through the beam-beam lenses, which near the limit halve beta*), and the
    // motion is taken about that ring's closed orbit. NaN where the colliding ring has no stable linear optics.
    private static double[] TuneShift(Lattice bare, Lattice colliding, LinearOptics optics, GaussianBunch strong, WeakStrongOptions o, CancellationToken cancel)
    {
        double size = 1e-3 * Math.Sqrt(strong.X.Variance);
        double[] Tunes(Lattice ring, LinearOptics linear)
        {
            // About the ring's own 4-D closed orbit (zero unless the file's ring has errors).
            var start = linear.Start;
            double[] orbit = [start.X, start.Px, start.Y, start.Py, 0, 0];
            var beam = new ParticleBuffer(2);
            for (int k = 0; k < 2; k++)
            {
                var v = linear.Modes.Vectors[k];
                double norm = Math.Sqrt(v[0].Real * v[0].Real + v[2].Real * v[2].Real);
                beam.Set(k, [orbit[0] + size * v[0].Real / norm, orbit[1] + size * v[1].Real / norm,
                    orbit[2] + size * v[2].Real / norm, orbit[3] + size * v[3].Real / norm, 0, 0]);
            }
            var record = new TurnRecord(2, o.TuneTurns);
            new RingTracker(ring.WithoutCavities(), new TrackingOptions(ApertureX: 1, ApertureY: 1, Threads: 1)).Track(beam, o.TuneTurns, record: record, cancel: cancel);
            var modes = new ModeTunes(linear.Modes, orbit);
            return [modes.Of(record, 0, 0, o.TuneTurns).Q1, modes.Of(record, 1, 0, o.TuneTurns).Q2];
        }
        var before = Tunes(bare, optics);
        LinearOptics collidingOptics;
        try
        {
            collidingOptics = LinearOptics.Compute(colliding.WithoutCavities());
        }
        catch (OpticsException)
        {
            return [double.NaN, double.NaN];
        }
        var after = Tunes(colliding, collidingOptics);
        // The colliding ring labels its modes afresh; each is paired with the bare mode it overlaps most.
        var (b, c) = (optics.Modes.Vectors, collidingOptics.Modes.Vectors);
        double kept = Overlap(b[0], c[0]) + Overlap(b[1], c[1]), swapped = Overlap(b[0], c[1]) + Overlap(b[1], c[0]);
        if (swapped > kept) after = [after[1], after[0]];
        return [after[0] - before[0], after[1] - before[1]];
    }

    // |h(u, v)| over the transverse part, the Krein form the modes are normalised by.
    private static double Overlap(System.Numerics.Complex[] u, System.Numerics.Complex[] v) =>
        Eigenmodes.Krein([.. u.Take(4)], [.. v.Take(4)]).Magnitude;

    // The weak beam drawn from the envelope's Gaussian: z = orbit + L g, L L^T = Sigma.
    private static ParticleBuffer Sample(Matrix6 sigma, IReadOnlyList<double> orbit, int count, ulong seed)
    {
        var factor = Matrix<double>.Build.Dense(6, 6, (i, j) => sigma[i, j]).Cholesky().Factor;
        var random = new Random((int)(seed % int.MaxValue));
        var beam = new ParticleBuffer(count);
        var z = new double[6];
        var g = new double[6];
        for (int n = 0; n < count; n++)
        {
            for (int k = 0; k < 6; k++) g[k] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            for (int i = 0; i < 6; i++)
            {
                z[i] = orbit[i];
                for (int k = 0; k <= i; k++) z[i] += factor[i, k] * g[k];
            }
            beam.Set(n, z);
        }
        return beam;
    }
}
