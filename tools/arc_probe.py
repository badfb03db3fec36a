#!/usr/bin/python3
"""Probe: can the arc section of one quadrant (1M1L -> 1M1 -> triplet -> 1M2 -> 1M2R), and then the
technical straight (1M2L -> 1M2 -> F2 D3 F3 -> RF -> quadrant 2 -> 2M2 -> 2M2R), reproduce the
facility's operating optics at its monitor points (vepp2000-machine.md section 4), and with which
quadrupole placement? Uncoupled 2x2 optics (no solenoid in this section), sector dipoles of rho = 1.4 m
with the light-source points 5 cm inside each end, quadrupoles of 14/19/14 cm in the 1.148 m
straight, drifts of at least 5 cm. Free: alpha_x, alpha_z at 1M1L, the three K1, the drift
splits and the BPM's place. Fitted: beta_x, beta_z, D_x at 1M1R, BPM1, 1M2L, 1M2R (docs/lattice.md
section 4 has the results). The straight: F2, D3 (14 cm) and F3 (6 cm) on each side of the RF point,
the two sides with their own K1 and mirrored drifts of at least 3 cm; free: alpha_x, alpha_z at
1M2L, the six K1 (signs as the names say, or free) and the drifts; fitted: beta_x, beta_z at 1M2R,
RF, 2M2L and 2M2R. Needs numpy: /usr/bin/python3 tools/arc_probe.py
"""
import numpy as np

RHO, LIGHT, BODY, STRAIGHT, MIN_DRIFT = 1.4, 0.05, 1.0996 - 0.1, 1.148, 0.05
QUADS = [0.14, 0.19, 0.14]
FREE = STRAIGHT - sum(QUADS)
DATA = {'1M1L': (4.3574, 5.4344, 8.89e-4), '1M1R': (0.2077, 2.7331, 0.3742), 'BPM1': (3.2521, 1.7623, 0.7774),
        '1M2L': (1.7554, 2.5989, 0.3742), '1M2R': (0.7851, 3.3737, 9.07e-4)}
FITTED = ['1M1R', 'BPM1', '1M2L', '1M2R']


def drift(length):
    m = np.eye(3); m[0, 1] = length
    return m, m


def quad(k, length):
    def plane(k):
        if k > 0:
            w = np.sqrt(k); c, s = np.cos(w * length), np.sin(w * length)
            return np.array([[c, s / w, 0], [-w * s, c, 0], [0, 0, 1]])
        w = np.sqrt(-k); c, s = np.cosh(w * length), np.sinh(w * length)
        return np.array([[c, s / w, 0], [w * s, c, 0], [0, 0, 1]])
    return plane(k), plane(-k)


def bend(length):
    t = length / RHO; c, s = np.cos(t), np.sin(t)
    mx = np.array([[c, RHO * s, RHO * (1 - c)], [-s / RHO, c, s], [0, 0, 1]])
    return mx, drift(length)[1]


def carry(m, beta, alpha):
    gamma = (1 + alpha * alpha) / beta
    c, s, cp, sp = m[0, 0], m[0, 1], m[1, 0], m[1, 1]
    return c * c * beta - 2 * c * s * alpha + s * s * gamma, -c * cp * beta + (c * sp + s * cp) * alpha - s * sp * gamma


def drifts(u, symmetric):
    if symmetric:
        outer = MIN_DRIFT + (FREE / 2 - 2 * MIN_DRIFT) * (1 + np.tanh(u[0] / 2)) / 2
        return [outer, FREE / 2 - outer, FREE / 2 - outer, outer]
    e = np.exp(np.clip(u, -30, 30))
    return list(MIN_DRIFT + (FREE - 4 * MIN_DRIFT) * e / e.sum())


def model(p, bpm_after_f1, symmetric):
    ax, az, k1, k2, k3 = p[:5]
    t = (1 + np.tanh(p[5] / 2)) / 2
    d = drifts(p[6:], symmetric)
    line = [('bend', BODY, '1M1R'), ('bend', LIGHT, None), ('drift', d[0], None), ('quad', (k1, QUADS[0]), None)]
    if bpm_after_f1:
        line += [('drift', d[1], None), ('quad', (k2, QUADS[1]), None), ('drift', d[2] * t, 'BPM1'), ('drift', d[2] * (1 - t), None)]
    else:
        line += [('drift', d[1] * t, 'BPM1'), ('drift', d[1] * (1 - t), None), ('quad', (k2, QUADS[1]), None), ('drift', d[2], None)]
    line += [('quad', (k3, QUADS[2]), None), ('drift', d[3], None), ('bend', LIGHT, '1M2L'), ('bend', BODY, '1M2R')]
    bx, bz = DATA['1M1L'][:2]
    disp = np.array([RHO * (1 - np.cos(LIGHT / RHO)), np.sin(LIGHT / RHO), 1.0])
    out = {}
    for kind, arg, mark in line:
        mx, mz = drift(arg) if kind == 'drift' else quad(*arg) if kind == 'quad' else bend(arg)
        bx, ax = carry(mx, bx, ax); bz, az = carry(mz, bz, az); disp = mx @ disp
        if mark: out[mark] = (bx, bz, disp[0])
    return out, d, t


def residuals(p, *case):
    out = model(p, *case)[0]
    # Relative for betas and the large dispersions; the near-zero D at 1M2R in units of 5 cm.
    return np.array([(out[k][i] - DATA[k][i]) / (0.05 if DATA[k][i] < 0.01 else DATA[k][i]) for k in FITTED for i in range(3)])


def levenberg_marquardt(p, case, residuals=residuals, iterations=80):
    lam, r = 1e-3, residuals(p, *case)
    for _ in range(iterations):
        jac = np.empty((len(r), len(p)))
        for j in range(len(p)):
            step = np.zeros(len(p)); step[j] = 1e-7 * max(1, abs(p[j]))
            jac[:, j] = (residuals(p + step, *case) - r) / step[j]
        a, g = jac.T @ jac, jac.T @ r
        while True:
            trial = p - np.linalg.lstsq(a + lam * np.diag(np.diag(a) + 1e-12), g, rcond=None)[0]
            rt = residuals(trial, *case)
            if np.all(np.isfinite(rt)) and rt @ rt < r @ r:
                p, r, lam = trial, rt, max(lam / 3, 1e-12)
                break
            lam *= 4
            if lam > 1e12: return p, r
    return p, r


def best_fit(starts, residuals=residuals, case=(), iterations=80):
    """The best of Levenberg-Marquardt runs from each start; starts that fail or diverge are dropped."""
    best = None
    for p in starts:
        with np.errstate(all='ignore'):
            try: p, r = levenberg_marquardt(p, case, residuals, iterations)
            except (np.linalg.LinAlgError, ValueError): continue
        if np.all(np.isfinite(r)) and (best is None or r @ r < best[1] @ best[1]): best = (p, r)
    if best is None: raise SystemExit('every start failed')
    return best


STRAIGHT_DATA = {'1M2L': (1.7554, 2.5989), '1M2R': (0.7851, 3.3737), 'RF': (1.5623, 1.7808),
                 '2M2L': (0.8358, 3.5640), '2M2R': (1.6935, 2.7786)}
STRAIGHT_FITTED = ['1M2R', 'RF', '2M2L', '2M2R']
TECHNICAL_HALF = 24.388 / 4 - 1.5 - STRAIGHT - 2 * 1.0996
STRAIGHT_QUADS = [0.14, 0.14, 0.06]


def straight_model(p, names_polarity):
    ax, az, k = p[0], p[1], np.array(p[2:8])
    if names_polarity:
        k = np.abs(k) * np.array([1, -1, 1, 1, -1, 1])   # F2, D3, F3 of quadrant 1, then of quadrant 2
    e = np.exp(np.clip(np.append(p[8:11], 0.0), -30, 30))
    d = 0.03 + (TECHNICAL_HALF - sum(STRAIGHT_QUADS) - 4 * 0.03) * e / e.sum()
    line = [('bend', BODY, '1M2R'), ('bend', LIGHT, None)]
    for i in range(3):
        line += [('drift', d[i], None), ('quad', (k[i], STRAIGHT_QUADS[i]), None)]
    line += [('drift', d[3], 'RF'), ('drift', d[3], None)]
    for i in (2, 1, 0):
        line += [('quad', (k[3 + i], STRAIGHT_QUADS[i]), None), ('drift', d[i], None)]
    line += [('bend', LIGHT, '2M2L'), ('bend', BODY, '2M2R')]
    bx, bz = STRAIGHT_DATA['1M2L']
    out = {}
    for kind, arg, mark in line:
        mx, mz = drift(arg) if kind == 'drift' else quad(*arg) if kind == 'quad' else bend(arg)
        bx, ax = carry(mx, bx, ax); bz, az = carry(mz, bz, az)
        if mark: out[mark] = (bx, bz)
    return out, d, k


def straight_residuals(p, names_polarity):
    out = straight_model(p, names_polarity)[0]
    return np.array([(out[m][i] - STRAIGHT_DATA[m][i]) / STRAIGHT_DATA[m][i] for m in STRAIGHT_FITTED for i in range(2)])


def main():
    for bpm_after_f1 in (False, True):
        for symmetric in (True, False):
            rng = np.random.default_rng(2)
            starts = (np.concatenate([rng.uniform(-3, 10, 2), [rng.uniform(-30, 0), rng.uniform(0, 30), rng.uniform(-30, 0)],
                                      rng.normal(size=2 if symmetric else 5)]) for _ in range(150))
            p, r = best_fit(starts, case=(bpm_after_f1, symmetric))
            out, d, t = model(p, bpm_after_f1, symmetric)
            print(f"BPM {'F1-D2' if bpm_after_f1 else 'D1-F1'} drift, {'symmetric' if symmetric else 'free'} triplet: "
                  f"rms {100 * np.sqrt(r @ r / len(r)):.2f} %, K1 {np.round(p[2:5], 2)} /m^2, drifts {np.round(d, 3)} m, BPM at {t:.2f} of its drift")
            for k in FITTED: print(f"   {k:5s} ours {np.round(out[k], 4)}  published {DATA[k]}")
    for names_polarity in (True, False):
        rng = np.random.default_rng(3)
        starts = (np.concatenate([rng.uniform(-5, 5, 2), rng.uniform(-20, 20, 6), rng.normal(size=3)]) for _ in range(200))
        p, r = best_fit(starts, straight_residuals, (names_polarity,), 100)
        out, d, k = straight_model(p, names_polarity)
        print(f"technical straight, {'polarities as named' if names_polarity else 'polarities free'}: rms {100 * np.sqrt(r @ r / len(r)):.2f} %, "
              f"K1 F2 D3 F3 {np.round(k[:3], 2)} (quadrant 1) {np.round(k[3:], 2)} (quadrant 2) /m^2, drifts {np.round(d, 3)} m")
        for m in STRAIGHT_FITTED: print(f"   {m:5s} ours {np.round(out[m], 4)}  published {STRAIGHT_DATA[m]}")


if __name__ == '__main__':
    main()
