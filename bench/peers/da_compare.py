#!/usr/bin/env python3
"""Same-grid dynamic aperture: MAD-X thin-lens TRACK, pyAT lattice_pass and vepp2k's RingTracker on one
ring, the embedded no-solenoids mode as `vepp2k optics --madx` writes it (pyAT's MAD-X loader has no
solenoid). 4-D: the cavity switched off in every code, on momentum, from the ring's start (SND) on the
closed orbit, which is zero here (no correctors, no errors).

With the argument `fodo90`: the same scan on bench/rings/fodo90.madx, the 90-element FODO ring with
sextupoles, whose aperture is set by the dynamics (the sextupoles), not by the 20 mm walls; MAD-X then
also slices the sextupoles (4 thin kicks each), and the result goes to da_peers_fodo90.json.

The scan: 5 rays at 0, 22.5, 45, 67.5 and 90 degrees in x-y, each at amplitudes 0.25, 0.50, ... 24 mm
(96 grid points), 1000 turns. The loss rule in every code: |x| or |y| beyond 20 mm, the commands'
default aperture. MAD-X: TRACK with APERTURE and MAXAPER = {20 mm, 1, 20 mm, 1, 1, 1}; the elements
carry no APERTYPE, so each thin element (and marker) is checked against MAXAPER's rectangle (the
loss log names the default "circle", which with zero radii falls back to MAXAPER: a launch at
16 mm, 16 mm survives the start). pyAT: RApertures of +-20 mm on every element (checked at its
entrance). vepp2k: TrackingOptions.ApertureX/Y (checked at every element exit), through
`vepp2k track da --no-rf --grid-step`. A ray's boundary is the largest grid amplitude up to which
every grid point survived.

MAD-X: MAKETHIN (TEAPOT, 8 slices per bend, 4 per quadrupole; as bench/peers/track_speed.py).
pyAT: lattice_pass on the thick ring twice: with its default integrators (expanded Hamiltonian:
BndMPoleSymplectic4Pass, StrMPoleSymplectic4Pass; on momentum and without sextupoles every one of
them is linear), and with the bends on ExactSectorBendPass (the exact flow in a sector dipole, as
vepp2k's SectorBend; drifts and quadrupoles as before, paraxial as vepp2k's). 80 integration steps
per element (not needed by the exact bend pass), as bench/peers/reference.py: with pyAT's default 10 the tunes are 4e-5 off, which over
1000 turns moves the betatron phases at which this ring (tunes exactly 3.3 / 0.8, the linear motion
repeats every 10 turns) meets its aperture.

Writes tests/Vepp2k.Physics.Tests/Reference/da_peers.json: the grid, turns, ring, per code and ray the
boundary and the number of lost grid points, the command that made it and the peers' versions.
The test (tests/Vepp2k.Machine.Tests/DynamicApertureAgainstPeersTests.cs) recomputes vepp2k's
boundaries in-process with the same parameters; vepp2k's numbers here are for information.

Usage (from the repository root, after `dotnet build src/Vepp2k.Cli -c Release`; MAD-X and pyAT are
not part of the project, MAD-X 5.09.03 and pyAT 0.7.0 made the checked-in data):
  MADX=/path/to/madx PYAT_PATH=/folder/holding/at PYTHON=/usr/bin/python3 python3 bench/peers/da_compare.py [fodo90]
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FODO = sys.argv[1:] == ["fodo90"]
OUT_JSON = ROOT / f"tests/Vepp2k.Physics.Tests/Reference/da_peers{'_fodo90' if FODO else ''}.json"
MADX = os.environ.get("MADX", "madx")
PYAT_PATH = os.environ.get("PYAT_PATH")
PYTHON = os.environ.get("PYTHON", sys.executable)   # one that has numpy, for pyAT
MODE = "fodo90" if FODO else "no-solenoids"
LINE, CAVITY = ("fodo90", "rf") if FODO else ("vepp2000", "rfc")
RING_FILE = ROOT / "bench/rings/fodo90.madx"
SEXTUPOLE_SLICES = "select, flag=makethin, class=sextupole, slice=4;\n" if FODO else ""
RAYS, STEP, POINTS, TURNS, APERTURE = 5, 2.5e-4, 96, 1000, 0.02

# Particle n: ray n // POINTS at amplitude STEP * (n % POINTS + 1).
MADX_JOB = """option, -echo, -info, -warn;
call, file="flat.madx";
use, period={line};
select, flag=makethin, class=sbend, slice=8;
select, flag=makethin, class=quadrupole, slice=4;
{sextupoles}makethin, sequence={line}, style=teapot;
use, sequence={line};
{cavity}->volt = 0;
twiss;
track, onepass, dump=false, aperture=true, recloss=true;
n = 0;
while (n < {rays} * {points}) {{
  k = floor(n / {points});
  a = {step} * (n - {points} * k + 1);
  start, x = a * cos(k * pi / (2 * ({rays} - 1))), y = a * sin(k * pi / (2 * ({rays} - 1)));
  n = n + 1;
}}
run, turns={turns}, maxaper={{{aperture}, 1, {aperture}, 1, 1, 1}};
endtrack;
write, table=trackloss, file="loss.tfs";
stop;
"""

PYAT_JOB = """
import sys, json, warnings, io, contextlib
import numpy as np
warnings.filterwarnings("ignore")
import at
with contextlib.redirect_stdout(io.StringIO()):
    ring = at.load_madx(sys.argv[1], use=sys.argv[3])
ring = ring.disable_6d(copy=True)
rays, step, points, turns, aperture, exact_bends = json.loads(sys.argv[2])
for e in ring:
    if exact_bends and e.PassMethod == "BndMPoleSymplectic4Pass":
        e.PassMethod = "ExactSectorBendPass"
    # The exact pass is the dipole's exact flow in any number of steps (the steps only split
    # multipole kicks, which these bends have none of), so only the others get 80.
    elif hasattr(e, "NumIntSteps"):
        e.NumIntSteps = 80
    e.RApertures = np.array([-aperture, aperture, -aperture, aperture])
n = np.arange(rays * points)
a = step * (n % points + 1)
angle = np.pi / 2 * (n // points) / (rays - 1)
r = np.zeros((6, n.size))
r[0], r[2] = a * np.cos(angle), a * np.sin(angle)
_, loss = at.lattice_pass(ring, r, nturns=turns, losses=True)
print(json.dumps({"version": at.__version__, "lost": [int(i) for i in np.flatnonzero(loss["islost"])], "elements": len(ring),
                  "pass_methods": sorted({e.PassMethod for e in ring})}))
"""


def boundaries(lost):
    """Per ray the largest grid amplitude [m] up to which every grid point survived."""
    lost = set(lost)
    # Rounded to a nanometre so that the file shows 0.01075, not 0.010750000000000001.
    return [round(STEP * next((j for j in range(POINTS) if k * POINTS + j in lost), POINTS), 9) for k in range(RAYS)]


def lost_counts(lost):
    return [sum(1 for j in range(POINTS) if k * POINTS + j in set(lost)) for k in range(RAYS)]


def run_madx(work):
    (work / "job.madx").write_text(MADX_JOB.format(rays=RAYS, points=POINTS, step=STEP, turns=TURNS, aperture=APERTURE,
                                                   line=LINE, cavity=CAVITY, sextupoles=SEXTUPOLE_SLICES))
    start = time.perf_counter()
    done = subprocess.run([MADX, "job.madx"], cwd=work, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    version = re.search(r"MAD-X (\S+)\s+\(([^)]*)\)", done.stdout)
    rows = [line.split() for line in (work / "loss.tfs").read_text().splitlines() if line[:1] not in ("@", "*", "$")]
    # NUMBER counts the START commands from 1.
    return {"version": f"{version.group(1)} ({version.group(2)})" if version else "unknown", "seconds": round(seconds, 1),
            "lost": sorted(int(r[0]) - 1 for r in rows)}


def run_pyat(work, exact_bends):
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", PYAT_JOB, str(work / "flat.madx"), json.dumps([RAYS, STEP, POINTS, TURNS, APERTURE, exact_bends]), LINE],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": PYAT_PATH}, check=True)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["seconds"] = round(time.perf_counter() - start, 1)
    return out


def run_vepp2k(work):
    csv = work / "da.csv"
    start = time.perf_counter()
    subprocess.run(["dotnet", "run", "--no-build", "-c", "Release", "--project", str(ROOT / "src/Vepp2k.Cli"), "--",
                    "track", "da", *(["--lattice", str(RING_FILE), "--line", LINE] if FODO else ["--mode", MODE]), "--no-rf", "--rays", str(RAYS), "--turns", str(TURNS),
                    "--aperture", repr(APERTURE), "--grid-step", repr(STEP), "--max-amplitude", repr(STEP * POINTS),
                    "--csv", str(csv)], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    rows = [line.split(",") for line in csv.read_text().splitlines()[1:]]
    return {"seconds": round(seconds, 1), "boundary_m": [float(r[4]) for r in rows]}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if FODO:
            (work / "flat.madx").write_text(RING_FILE.read_text())
        else:
            subprocess.run(["dotnet", "run", "--no-build", "-c", "Release", "--project", str(ROOT / "src/Vepp2k.Cli"), "--",
                            "optics", "--mode", MODE, "--madx", str(work / "flat.madx")], check=True, capture_output=True)
        madx = run_madx(work)
        print(f"MAD-X {madx['version']}: {madx['seconds']} s", flush=True)
        pyat = {exact: run_pyat(work, exact) for exact in (False, True)} if PYAT_PATH else {}
        for exact, run in pyat.items():
            print(f"pyAT {run['version']}{', exact bends' if exact else ''}: {run['seconds']} s", flush=True)
        ours = run_vepp2k(work)
        print(f"vepp2k: {ours['seconds']} s (the whole command)", flush=True)
    angles = [90.0 * k / (RAYS - 1) for k in range(RAYS)]
    result = {
        "description": "Dynamic-aperture grid scan on one shared ring (bench/peers/da_compare.py): per ray the largest grid "
                       "amplitude [m] up to which every grid point survived; vepp2k's numbers are for information, the test "
                       "recomputes them.",
        "command": "MADX=/tmp/peers/bin/madx PYAT_PATH=/tmp/peers/pyat-lib PYTHON=/usr/bin/python3 python3 bench/peers/da_compare.py"
                   + (" fodo90" if FODO else ""),
        "mode": MODE,
        "energy_gev": 1.0 if FODO else 0.8,
        "rf": "off (4-D, delta = 0)",
        "start": "ring start (first QF), on the closed orbit (zero)" if FODO else "ring start (SND), on the closed orbit (zero)",
        "aperture_m": APERTURE,
        "turns": TURNS,
        "ray_angles_deg": angles,
        "grid_step_m": STEP,
        "grid_points": POINTS,
        "madx": {"version": madx["version"], "model": f"MAKETHIN TEAPOT (8 slices per bend, 4 per quadrupole{', 4 per sextupole' if FODO else ''}), TRACK ONEPASS, "
                 "APERTURE with MAXAPER rectangle at every thin element", "boundary_m": boundaries(madx["lost"]),
                 "lost_points": lost_counts(madx["lost"])},
        "vepp2k": {"boundary_m": ours["boundary_m"]},
    }
    for exact, run in pyat.items():
        result["pyat_exact_bends" if exact else "pyat"] = {
            "version": run["version"], "boundary_m": boundaries(run["lost"]), "lost_points": lost_counts(run["lost"]),
            "model": f"lattice_pass on the thick ring ({run['elements']} elements; {', '.join(run['pass_methods'])}; "
                     "80 integration steps per element), RApertures on every element"}
    OUT_JSON.write_text(json.dumps(result, indent=2) + "\n")
    print("  angle[deg]   vepp2k[mm]   MAD-X[mm]   pyAT[mm]   pyAT exact bends[mm]")
    for k, angle in enumerate(angles):
        p = "".join(f"{result[key]['boundary_m'][k] * 1e3:11.2f}" if key in result else "          -" for key in ("pyat", "pyat_exact_bends"))
        print(f"  {angle:10.1f} {ours['boundary_m'][k] * 1e3:12.2f} {result['madx']['boundary_m'][k] * 1e3:11.2f}{p}")
    print(f"wrote {OUT_JSON.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
