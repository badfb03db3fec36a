#!/usr/bin/python3
"""Probe: the half ring SND -> CMD-3 with the layout free, fitted to the facility's operating optics
(vepp2000-machine.md section 4) in the double-rotation picture of tools/ir_probe.py (each eigenmode one 2x2
problem: Larmor frame through the IRs, one plane through the arcs; mode 2 is mode 1 mirrored about SND).

Free: the 12 quadrupoles of quadrants 1 and 2 (polarities as named, each within what it reaches at the beam
energy: 52 T/m, the 6 cm F3 11 T/m), the main-coil field (12.9 T at most; the extra coil keeps each
solenoid's rotation at rot degrees, within 7.9 T), alpha* at SND, and the layout shared by every quadrant:
the solenoid's start and coil lengths, the four triplet drifts, where the BPM sits in its drift next to F1,
and the four drifts of the technical half straight (every drift at least 3 cm). Fitted: the 22 betas and
6 dispersions between the IPs, with round and mirror-continuous optics at CMD-3 and the achromats imposed.
The straight runs F3 D3 F2 from the dipole (order=F3) or F2 D3 F3 (order=F2); the BPM is after F1
(bpm=after) or before it (bpm=before). --fixsol keeps the design's solenoid layout.

Usage: /usr/bin/python3 tools/ring_probe.py [E=0.3] [starts=30] [order=F3] [bpm=after] [rot=135] [mainlo=8]
       [seed=5] [out=FILE.json] [--fixsol]
(mainlo=B starts the main coil between B and 12.9 T with the rotation's sign, instead of either sign from 3 T.)
It prints the best fit: the rms over the 28 values, the continuity and achromat residuals, the largest limit
excess, the strengths, the coil fields and the layout; out= keeps it as JSON.
OperatingFit.cs holds the result of E=0.3 starts=30 order=F3 bpm=after rot=135 mainlo=8 (docs/lattice.md section 4).
"""
import sys
import json
import numpy as np
from arc_probe import LIGHT, BODY, best_fit
from ir_probe import rigidity, DATA, MARK, named, reversed_quadrant, extra_field, interaction_region, quadrant, track

MIN_DRIFT = 0.03
TRIPLET_FREE = 1.148 - 0.14 * 2 - 0.19
STRAIGHT_FREE = 24.388 / 4 - 1.5 - 1.148 - 2 * (BODY + 2 * LIGHT) - 0.14 * 2 - 0.06
DESIGN_SOLENOID = (0.2838239846860616, 0.29948883963419415, 0.31390021606090984)   # RingDesign.Geometry
POLARITY = np.tile([-1, 1, -1, 1, -1, 1], 2)


def split(u, total, n):
    """n drifts of at least MIN_DRIFT summing to total, from n - 1 unbounded parameters."""
    e = np.exp(np.clip(np.append(u, 0.0), -30, 30))
    return MIN_DRIFT + (total - n * MIN_DRIFT) * e / e.sum()


def between(u, lo, hi):
    return lo + (hi - lo) * (1 + np.tanh(u / 2)) / 2


def layout(u, fixed_solenoid):
    """(solenoid start, main-coil length, extra-coil length, triplet drifts, BPM fraction, straight drifts) from 10 parameters."""
    solenoid = DESIGN_SOLENOID if fixed_solenoid else (between(u[0], 0.25, 0.6), between(u[1], 0.15, 0.35), between(u[2], 0.08, 0.40))
    return (*solenoid, split(u[3:6], TRIPLET_FREE, 4), between(u[6], 0.0, 1.0), split(u[7:10], STRAIGHT_FREE, 4))


def problem(energy, f3_first, bpm_after, rotation_deg, fixed_solenoid):
    """(line, residuals) of the half ring for parameters p = 12 K1, main field, alpha*, 10 layout parameters."""
    brho, rotation = rigidity(energy), np.radians(rotation_deg)
    caps = np.tile([52 / brho] * 5 + [11 / brho], 2)

    def line(p):
        k, g = POLARITY * np.abs(p[:12]), layout(p[14:24], fixed_solenoid)
        ir1, ir2 = interaction_region(p[12], rotation, brho, g), interaction_region(-p[12], -rotation, brho, g)
        q1 = [(m, named(1, mark) if mark else None) for m, mark in quadrant(k[:6], f3_first, g, bpm_after)]
        q2 = reversed_quadrant(quadrant(k[6:], f3_first, g, bpm_after), 2)
        path = [(m, None) for m in ir1] + q1 + [(MARK, 'RF')] + q2 + [(m, None) for m in reversed(ir2)] + [(MARK, 'CMD')]
        return path, k, extra_field(p[12], rotation, brho, g), g

    def residuals(p):
        path, k, extra, _ = line(p)
        out = track(path, p[13])
        r = []
        for name, (bx, bz, dx) in DATA.items():
            if name == 'CMD': continue
            b1, b2, d = out[name][:3]
            r += [(b1 - bx) / bx, (b2 - bz) / bz] + ([(d - dx) / dx] if dx > 0.01 else [])
        c = out['CMD']
        r += [(c[0] + c[1]) / 2 / DATA['CMD'][0] - 1, (c[0] - c[1]) / 0.05, (c[3] + c[4]) / 0.05]   # round, mirror-continuous
        r += [out['1M2E'][2] / 0.005, out['1M2E'][5] / 0.005, out['2M1R'][2] / 0.005]              # achromats
        over = np.maximum(0, np.abs(k) - caps)
        coils = [max(0, abs(p[12]) - 12.9), max(0, abs(extra) - 7.9)]
        return np.array(r + list(3 * over) + [3 * c for c in coils])
    return line, residuals


def main():
    args = dict(a.split('=') for a in sys.argv[1:] if '=' in a)
    energy, starts, rotation = float(args.get('E', 0.3)), int(args.get('starts', 30)), float(args.get('rot', 135))
    f3_first, bpm_after, fixed = args.get('order', 'F3') == 'F3', args.get('bpm', 'after') == 'after', '--fixsol' in sys.argv
    line, residuals = problem(energy, f3_first, bpm_after, rotation, fixed)
    brho, rng = rigidity(energy), np.random.default_rng(int(args.get('seed', 5)))
    caps = np.tile(np.minimum([52 / brho] * 5 + [11 / brho], 25), 2)

    def main_start():
        if 'mainlo' in args: return rng.uniform(float(args['mainlo']), 12.9) * np.sign(rotation)
        return rng.uniform(3, 12.9) * rng.choice([-1, 1])
    p, r = best_fit((np.concatenate([rng.uniform(0, 1, 12) * caps, [main_start(), rng.uniform(-2, 0)], rng.normal(size=10)])
                     for _ in range(starts)), residuals, iterations=200)
    _, k, extra, g = line(p)
    result = dict(rms=float(np.sqrt(np.mean(r[:28] ** 2))), continuity=r[28:34].round(4).tolist(), limit_excess=float(np.max(r[34:]) / 3),
                  k1_quadrant1=k[:6].tolist(), k1_quadrant2=k[6:].tolist(), main_T=float(p[12]), extra_T=float(extra),
                  alpha_star=float(p[13]),
                  solenoid_start=float(g[0]), main_coil=float(g[1]), extra_coil=float(g[2]), triplet_drifts=g[3].tolist(),
                  bpm_fraction=float(g[4]), straight_drifts=g[5].tolist())
    print(json.dumps(result, indent=1))
    if 'out' in args:
        with open(args['out'], 'w') as f: json.dump(result, f, indent=1)


if __name__ == '__main__':
    main()
