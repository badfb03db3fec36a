#!/usr/bin/env python3
"""Same-run speed of MAD-X on the design ring as vepp2k exports it (the file the engine's
PeerBenchmarks load too): TWISS, TWISS with CHROM, EMIT, PTC_TWISS, a 1000-point tune scan.

Each operation runs N times inside one MAD-X process, and the process is timed with N and with 0
repetitions; the difference over N is the time per call, with start-up and parsing removed. Five
such measurements per operation (three for PTC) give the median and the spread.

With PYAT_PATH=/folder/holding/the/at/package, pyAT's linopt6 (with chromaticity) and
ohmi_envelope are timed too, on the no-solenoids export (pyAT's MAD-X loader has no solenoid):
median and spread of 20 calls after one warm-up, in one process.

Usage (from the repository root, MAD-X not part of the project):
  MADX=/path/to/madx [PYAT_PATH=...] python3 bench/peers/speed.py
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
PYAT_TIMING = """
import sys, time, statistics, warnings, io, contextlib
warnings.filterwarnings("ignore")
import at
with contextlib.redirect_stdout(io.StringIO()):
    ring = at.load_madx(sys.argv[1], use="vepp2000")
ring4 = ring.disable_6d(copy=True)
ring6 = ring.enable_6d(copy=True)
def timed(f):
    f()
    t = []
    for _ in range(20):
        s = time.perf_counter(); f(); t.append((time.perf_counter() - s) * 1e3)
    return statistics.median(t), min(t), max(t)
for name, f in [("pyAT linopt6 + chromaticity (no-solenoids)", lambda: at.linopt6(ring4, get_chrom=True)),
                ("pyAT ohmi_envelope (no-solenoids)", lambda: at.ohmi_envelope(ring6))]:
    m, lo, hi = timed(f)
    print(f"{name:55} {m:10.3f} {lo:8.3f} {hi:8.3f}")
"""

SETUP = 'option, -echo, -info, -warn;\ncall, file="design.madx";\nuse, period=vepp2000;\n'
OPERATIONS = {
    "TWISS": ("twiss;", 200, 5),
    "TWISS, CHROM": ("twiss, chrom;", 200, 5),
    "EMIT (TWISS + EMIT)": ("beam, radiate; twiss; emit;", 50, 5),
    "tune scan point (set F1, D1 families, TWISS, CHROM)": (
        "k_1f1 = k_1f1 * 1.00001; k_2f1 = k_1f1; k_3f1 = k_1f1; k_4f1 = k_1f1; "
        "k_1d1 = k_1d1 * 1.00001; k_2d1 = k_1d1; k_3d1 = k_1d1; k_4d1 = k_1d1; twiss, chrom;", 200, 5),
    # PTC takes tens of seconds a call on the 600 solenoid pieces: one call, three measurements.
    "PTC_TWISS (layout made once, icase=5 no=2)": ("ptc_twiss, icase=5, no=2, closed_orbit;", 1, 3),
}
PTC_OPEN = "ptc_create_universe;\nptc_create_layout, model=2, method=6, nst=10, exact=true;\n"


def run(work, body, repeat, ptc):
    script = SETUP + (PTC_OPEN if ptc else "") + "n = 0;\nwhile (n < %d) {\n%s\nn = n + 1;\n}\n" % (repeat, body)
    script += ("ptc_end;\n" if ptc else "") + "stop;\n"
    (work / "job.madx").write_text(script)
    start = time.perf_counter()
    subprocess.run([MADX, "job.madx"], cwd=work, capture_output=True, check=True)
    return time.perf_counter() - start


def main():
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run(["dotnet", "run", "--no-build", "-c", "Release", "--project", str(ROOT / "src/Vepp2k.Cli"), "--",
                        "optics", "--mode", "design-1GeV", "--madx", str(work / "design.madx")], check=True, capture_output=True)
        print(f"{'operation':55} {'median ms':>10} {'min':>8} {'max':>8}")
        for name, (body, repeat, measurements) in OPERATIONS.items():
            ptc = body.startswith("ptc")
            per_call = []
            for _ in range(measurements):
                full = run(work, body, repeat, ptc)
                empty = run(work, body, 0, ptc)
                per_call.append((full - empty) / repeat * 1e3)
            print(f"{name:55} {statistics.median(per_call):10.3f} {min(per_call):8.3f} {max(per_call):8.3f}", flush=True)
        if PYAT_PATH:
            subprocess.run(["dotnet", "run", "--no-build", "-c", "Release", "--project", str(ROOT / "src/Vepp2k.Cli"), "--",
                            "optics", "--mode", "no-solenoids", "--madx", str(work / "flat.madx")], check=True, capture_output=True)
            done = subprocess.run([sys.executable, "-c", PYAT_TIMING, str(work / "flat.madx")], capture_output=True, text=True,
                                  env={**os.environ, "PYTHONPATH": PYAT_PATH})
            print(done.stdout.strip() or done.stderr[-500:])


if __name__ == "__main__":
    main()
