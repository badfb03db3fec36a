#!/usr/bin/env python3
"""Same-run tracking speed: MAD-X thin-lens TRACK, pyAT lattice_pass and vepp2k's RingTracker on one
ring: the embedded no-solenoids mode as `vepp2k optics --madx` writes it (pyAT's MAD-X loader has no
solenoid), or with the argument `fodo90` the 90-element FODO ring with sextupoles bench/rings/fodo90.madx.
256 particles (a 16 x 16 grid of 0.1 mm steps in x and y) for 1000 turns, 4-D: the
cavity switched off in every code.

MAD-X: MAKETHIN (TEAPOT, 8 slices per bend, 4 per quadrupole), TRACK with ONEPASS; the process is
timed with 1000 turns and with 0 turns, the difference is the tracking (parsing, MAKETHIN and
TWISS removed); median of three. pyAT: lattice_pass on the thick ring (its default integrators:
exact bend pass for bends, 4th-order symplectic drift-kick for quadrupoles), one thread, median of
three after a warm-up. vepp2k: bench/Vepp2k.TrackBench on the same mode.

Usage (from the repository root, after `dotnet build -c Release`; MAD-X and pyAT not part of the project):
  MADX=/path/to/madx PYAT_PATH=/folder/holding/at PYTHON=/usr/bin/python3 python3 bench/peers/track_speed.py [fodo90]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MADX = os.environ.get("MADX", "madx")
PYAT_PATH = os.environ.get("PYAT_PATH")
PYTHON = os.environ.get("PYTHON", sys.executable)   # one that has numpy, for pyAT
PARTICLES, TURNS = 256, 1000

MADX_JOB = """option, -echo, -info, -warn;
call, file="flat.madx";
use, period=%s;
select, flag=makethin, class=sbend, slice=8;
select, flag=makethin, class=quadrupole, slice=4;
makethin, sequence=%s, style=teapot;
use, sequence=%s;
%s->volt = 0;
twiss;
track, onepass, dump=false;
n = 0;
while (n < %d) { start, x = 1e-4 * (n - 16 * floor(n / 16)), y = 1e-4 * floor(n / 16); n = n + 1; }
run, turns=%d;
endtrack;
stop;
"""

PYAT_JOB = """
import sys, time, statistics, warnings, io, contextlib
import numpy as np
warnings.filterwarnings("ignore")
import at
with contextlib.redirect_stdout(io.StringIO()):
    ring = at.load_madx(sys.argv[1], use=sys.argv[4])
ring = ring.disable_6d(copy=True)
n, turns = int(sys.argv[2]), int(sys.argv[3])
def beam():
    r = np.zeros((6, n))
    r[0] = 1e-4 * (np.arange(n) % 16)
    r[2] = 1e-4 * (np.arange(n) // 16)
    return r
at.lattice_pass(ring, beam(), nturns=10)
t = []
for _ in range(3):
    r = beam()
    s = time.perf_counter(); at.lattice_pass(ring, r, nturns=turns); t.append(time.perf_counter() - s)
print(f"pyAT lattice_pass, 1 thread ({len(ring)} elements): {n * turns / statistics.median(t):.3e} particle-turns/s")
"""


def madx_seconds(work, turns, line, cavity):
    (work / "job.madx").write_text(MADX_JOB % (line, line, line, cavity, PARTICLES, turns))
    start = time.perf_counter()
    subprocess.run([MADX, "job.madx"], cwd=work, capture_output=True, check=True)
    return time.perf_counter() - start


def main():
    fodo = sys.argv[1:] == ["fodo90"]
    line, cavity = ("fodo90", "rf") if fodo else ("vepp2000", "rfc")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if fodo:
            (work / "flat.madx").write_text((ROOT / "bench/rings/fodo90.madx").read_text())
        else:
            subprocess.run(["dotnet", "run", "--no-build", "-c", "Release", "--project", str(ROOT / "src/Vepp2k.Cli"), "--",
                            "optics", "--mode", "no-solenoids", "--madx", str(work / "flat.madx")], check=True, capture_output=True)
        per = [(madx_seconds(work, TURNS, line, cavity) - madx_seconds(work, 0, line, cavity)) for _ in range(3)]
        print(f"MAD-X thin TRACK, 1 thread: {PARTICLES * TURNS / statistics.median(per):.3e} particle-turns/s", flush=True)
        if PYAT_PATH:
            done = subprocess.run([PYTHON, "-c", PYAT_JOB, str(work / "flat.madx"), str(PARTICLES), str(TURNS), line],
                                  capture_output=True, text=True, env={**os.environ, "PYTHONPATH": PYAT_PATH})
            print(done.stdout.strip() or done.stderr[-800:], flush=True)
        ring = str(ROOT / "bench/rings/fodo90.madx") if fodo else "no-solenoids"
        done = subprocess.run(["dotnet", str(ROOT / "bench/Vepp2k.TrackBench/bin/Release/net10.0/Vepp2k.TrackBench.dll"),
                               ring, str(PARTICLES), str(TURNS), "1", "2"], capture_output=True, text=True, check=True)
        print(done.stdout.strip())


if __name__ == "__main__":
    main()
