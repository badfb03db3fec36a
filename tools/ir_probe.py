#!/usr/bin/python3
"""Probe: what the interaction region and the half ring allow of the facility's operating optics
(vepp2000-machine.md section 4), in the double-rotation picture, with our design layout (the stored
design-1GeV geometry, hard-edge solenoids).

Why it works: in double rotation each IR turns the frame by 90 degrees (mod 180), and everything
between the IRs is uncoupled, so each eigenmode is one 2x2 problem: in the Larmor frame through the
IR (solenoids and drifts act alike on both planes) and in one plane through the arcs. Mode 1 leaves
SND with beta* = 5 cm and alpha*, mode 2 with 5 cm and -alpha* (the published optics is mirror
symmetric about SND: x at 1M1L equals x at 4M1R, and x in one half ring is z in the other).

First, only the IR and 1M1 (the published values at 1M1L and 1M1R). Free: alpha* and the
main-coil field (12.9 T at most); the extra coil keeps each solenoid's rotation at 45 or 135 degrees (both keep the
arcs uncoupled), within 7.9 T at the chosen beam energy.
Then the half ring: SND to CMD-3 as a transfer line, the 12 quadrupoles of quadrants 1 and 2 and the
main coil free (45 degrees), fitted to the 22 betas and 6 dispersions between the IPs, with the
mirror continuity at CMD-3 and the achromats imposed, in three cases: within limits (each
quadrupole within what it reaches at the beam energy, 52 T/m and the 6 cm F3 11 T/m, the coils within
12.9 T and 7.9 T), without them, and within them with the straight reordered (the 6 cm F3 next to
the dipole and the 14 cm F2 on the centre side; the sources do not give the order).
Needs numpy: /usr/bin/python3 tools/ir_probe.py [E=0.3] [starts=40]; docs/lattice.md section 4
has the results.
"""
import sys
import numpy as np
from arc_probe import LIGHT, BODY, drift, quad, bend, carry, best_fit

# Stored design geometry (src/Vepp2k.Machine/Ring/RingDesign.cs), metres.
SOL_START, MAIN, GAP, EXTRA = 0.2838239846860616, 0.29948883963419415, 0.02, 0.31390021606090984
TRIPLET_OUTER, TRIPLET_INNER = 0.22979594572298484, 0.10920405427701513
STRAIGHT = [0.17884666007936384, 0.10937367222910098, 0.04230231978902334]
TECHNICAL_HALF = 24.388 / 4 - 1.5 - 1.148 - 2 * (BODY + 2 * LIGHT)
# A layout as the probes take it: solenoid start, main-coil length, extra-coil length, the four triplet drifts,
# the BPM's place as a fraction of its drift next to F1, the four technical-straight drifts from the dipole.
DESIGN_LAYOUT = (SOL_START, MAIN, EXTRA, [TRIPLET_OUTER, TRIPLET_INNER, TRIPLET_INNER, TRIPLET_OUTER], 1.0,
                 STRAIGHT + [TECHNICAL_HALF - sum(STRAIGHT) - 0.34])
BETA_STAR = 0.05
MARK = drift(0.0)   # a place to read the functions at
DATA = {'1M1L': (4.3574, 5.4344, 8.89e-4), '1M1R': (0.2077, 2.7331, 0.3742), 'BPM1': (3.2521, 1.7623, 0.7774),
        '1M2L': (1.7554, 2.5989, 0.3742), '1M2R': (0.7851, 3.3737, 9.07e-4), 'RF': (1.5623, 1.7808, 3.6e-5),
        '2M2L': (0.8358, 3.5640, 9.08e-4), '2M2R': (1.6935, 2.7786, 0.3742), 'BPM2': (3.0759, 1.8739, 0.7774),
        '2M1L': (0.2047, 2.7745, 0.3741), '2M1R': (4.2724, 5.3274, 8.87e-4), 'CMD': (0.04993, 0.04991, 7.3e-6)}


def larmor(field, length, brho):
    """A hard-edge solenoid in the Larmor frame: the same focusing block in both planes."""
    k = field / (2 * brho)
    if abs(k) < 1e-12: return drift(length)
    c, s = np.cos(k * length), np.sin(k * length)
    m = np.array([[c, s / k, 0], [-k * s, c, 0], [0, 0, 1]])
    return m, m


def rigidity(energy_gev):
    return np.sqrt(energy_gev ** 2 - 0.000511 ** 2) / 0.299792458


def extra_field(main, rotation, brho, layout=None):
    """The extra coil that makes the solenoid's Larmor rotation int B ds / (2 B rho) equal `rotation`."""
    _, main_length, extra_length = (layout or DESIGN_LAYOUT)[:3]
    return (2 * rotation * brho - 2 * main_length * main) / extra_length


def interaction_region(main, rotation, brho, layout=None):
    """IP to the dipole entrance, Larmor frame."""
    start, main_length, extra_length = (layout or DESIGN_LAYOUT)[:3]
    extra = extra_field(main, rotation, brho, layout)
    return [drift(start), larmor(main, 2 * main_length, brho), drift(GAP), larmor(extra, extra_length, brho),
            drift(1.5 - start - 2 * main_length - GAP - extra_length)]


def quadrant(k, reordered, layout=None, bpm_after=False):
    """Dipole qM1 to the long-straight centre: (matrices, marker) pairs; k = D1 F1 D2 F2 D3 F3.
    reordered: the straight runs F3 D3 F2 from the dipole; bpm_after: the BPM sits in the F1-D2 drift."""
    d1, f1, d2, f2, d3, f3 = k
    triplet, t, straight = (layout or DESIGN_LAYOUT)[3:]
    line = [(bend(LIGHT), 'M1L'), (bend(BODY), 'M1R'), (bend(LIGHT), None), (drift(triplet[0]), None), (quad(d1, 0.14), None)]
    if bpm_after:
        line += [(drift(triplet[1]), None), (quad(f1, 0.19), None), (drift(triplet[2] * t), 'BPM'), (drift(triplet[2] * (1 - t)), None)]
    else:
        line += [(drift(triplet[1] * t), 'BPM'), (drift(triplet[1] * (1 - t)), None), (quad(f1, 0.19), None), (drift(triplet[2]), None)]
    line += [(quad(d2, 0.14), None), (drift(triplet[3]), None), (bend(LIGHT), 'M2L'), (bend(BODY), 'M2R'), (bend(LIGHT), 'M2E')]
    quads = [quad(f3, 0.06), quad(d3, 0.14), quad(f2, 0.14)] if reordered else [quad(f2, 0.14), quad(d3, 0.14), quad(f3, 0.06)]
    for d, q in zip(straight[:3], quads): line += [(drift(d), None), (q, None)]
    return line + [(drift(straight[3]), None)]


def track(line, alpha_star):
    """Carry both modes and the dispersion along (matrices, marker) pairs from SND; markers -> (beta1, beta2, D, alpha1, alpha2, D')."""
    b1, a1, b2, a2 = BETA_STAR, alpha_star, BETA_STAR, -alpha_star
    disp, out = np.array([0.0, 0.0, 1.0]), {}
    for (mx, mz), mark in line:
        b1, a1 = carry(mx, b1, a1); b2, a2 = carry(mz, b2, a2); disp = mx @ disp
        if mark: out[mark] = (b1, b2, disp[0], a1, a2, disp[1])
    return out


def named(q, mark):
    return f"BPM{q}" if mark == 'BPM' else f"{q}{mark}"


def reversed_quadrant(line, q):
    """A quadrant run from its long straight to its IP, markers renamed with quadrant number q."""
    flipped = {'M1L': 'M1R', 'M1R': 'M1L', 'M2L': 'M2R', 'M2R': 'M2L'}
    out = []
    # A marker sits after its element in forward order, so before that element in reverse order.
    for m, mark in reversed(line):
        if mark: out.append((MARK, named(q, flipped.get(mark, mark))))
        out.append((m, None))
    return out


def ir_part(energy):
    brho = rigidity(energy)
    print(f"IR and 1M1 alone at {energy} GeV (4 values; extra coil within 7.9 T):")
    for degrees in (45, 135):
        rotation = np.radians(degrees)

        def residuals(p):
            line = [(m, None) for m in interaction_region(p[1], rotation, brho)] + quadrant([0] * 6, False)[:2]
            out = track(line, p[0])
            r = [(out[m][i] - DATA['1' + m][i]) / DATA['1' + m][i] for m in ('M1L', 'M1R') for i in (0, 1)]
            return np.array(r + [3 * max(0, abs(extra_field(p[1], rotation, brho)) - 7.9), 3 * max(0, abs(p[1]) - 12.9)])

        p, r = best_fit((np.array([alpha, field]) for alpha in np.linspace(-3, 3, 7) for field in np.linspace(-12, 12, 7)),
                        residuals, iterations=100)
        print(f"  {degrees:3d} deg per solenoid: rms {100 * np.sqrt(np.mean(r[:4] ** 2)):.1f} %, alpha* {p[0]:.3f}, "
              f"main {p[1]:.2f} T, extra {extra_field(p[1], rotation, brho):.2f} T")


def half_part(energy, starts, reordered, limits):
    brho = rigidity(energy)
    reach, short = (52 / brho, 11 / brho) if limits else (200, 200)
    polarity = np.tile([-1, 1, -1, 1, -1, 1], 2)
    caps = np.array([reach] * 5 + [short])

    def line(p):
        q1 = [(m, named(1, mark) if mark else None) for m, mark in quadrant(p[0:6], reordered)]
        ir1 = [(m, None) for m in interaction_region(p[12], np.pi / 4, brho)]
        ir2 = [(m, None) for m in reversed(interaction_region(-p[12], -np.pi / 4, brho))]
        return ir1 + q1 + [(MARK, 'RF')] + reversed_quadrant(quadrant(p[6:12], reordered), 2) + ir2 + [(MARK, 'CMD')]

    def residuals(p):
        k = polarity * np.abs(p[:12])
        out = track(line(np.concatenate([k, p[12:13]])), p[13])
        r = []
        for name, (bx, bz, dx) in DATA.items():
            if name == 'CMD': continue
            b1, b2, d = out[name][:3]
            r += [(b1 - bx) / bx, (b2 - bz) / bz] + ([(d - dx) / dx] if dx > 0.01 else [])
        b1, b2, _, a1, a2 = out['CMD'][:5]
        r += [(b1 + b2) / 2 / DATA['CMD'][0] - 1, (b1 - b2) / 0.05, (a1 + a2) / 0.05]   # round and mirror-continuous at CMD-3
        r += [out['1M2R'][2] / 0.01, out['2M1R'][2] / 0.01]                              # achromats
        over = np.maximum(0, np.abs(k) - np.tile(caps, 2))
        coils = [max(0, abs(p[12]) - 12.9), max(0, abs(extra_field(p[12], np.pi / 4, brho)) - 7.9)] if limits else [0, 0]
        return np.array(r + list(3 * over) + [3 * c for c in coils])

    rng = np.random.default_rng(5)
    p, r = best_fit((np.concatenate([rng.uniform(0, 1, 12) * np.tile(np.minimum(caps, 25), 2), [rng.uniform(6, 12.9), rng.uniform(-2, 2)]])
                     for _ in range(starts)), residuals, iterations=150)
    k = polarity * np.abs(p[:12])
    print(f"half ring at {energy} GeV, straight {'F3 D3 F2' if reordered else 'F2 D3 F3'} from the dipole, "
          f"{'within reach' if limits else 'no strength limits'}: rms {100 * np.sqrt(np.mean(r[:28] ** 2)):.1f} % of 28 values, "
          f"CMD-3 continuity {np.round(r[28:31], 3)}, largest limit excess {np.max(r[33:]) / 3:.2f}")
    print(f"   K1 D1 F1 D2 F2 D3 F3 quadrant 1 {np.round(k[:6], 1)}, quadrant 2 {np.round(k[6:], 1)} /m^2; main {p[12]:.2f} T, "
          f"extra {extra_field(p[12], np.pi / 4, brho):.2f} T, alpha* {p[13]:.2f}")


def main():
    args = dict(a.split('=') for a in sys.argv[1:])
    energy, starts = float(args.get('E', 0.3)), int(args.get('starts', 40))
    ir_part(energy)
    for reordered, limits in ((False, True), (False, False), (True, True)):
        half_part(energy, starts, reordered, limits)


if __name__ == '__main__':
    main()
