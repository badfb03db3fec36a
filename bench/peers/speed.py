#!/usr/bin/env python3
"""Same-run speed of MAD-X on the design ring as vepp2k exports it (the file the engine's
PeerBenchmarks load too): TWISS, TWISS with CHROM, EMIT, PTC_TWISS, a 1000-point tune scan.

Each operation runs N times inside one MAD-X process, and the process is timed with N and with 0
repetitions; the difference over N is the time per call, with start-up and parsing removed. Five
such measurements per operation give the median and the spread.

Usage (from the repository root, MAD-X not part of the project):
  MADX=/path/to/madx python3 bench/peers/speed.py
"""
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MADX = os.environ.get("MADX", "madx")

SETUP = 'option, -echo, -info, -warn;\ncall, file="design.madx";\nuse, period=vepp2000;\n'
OPERATIONS = {
    "TWISS": ("twiss;", 200),
    "TWISS, CHROM": ("twiss, chrom;", 200),
    "EMIT (TWISS + EMIT)": ("beam, radiate; twiss; emit;", 50),
    "PTC_TWISS (create layout once, icase=5 no=2)": ("ptc_twiss, icase=5, no=2, closed_orbit;", 20),
    "tune scan point (set F1, D1 families, TWISS, CHROM)": (
        "k_1f1 = k_1f1 * 1.00001; k_2f1 = k_1f1; k_3f1 = k_1f1; k_4f1 = k_1f1; "
        "k_1d1 = k_1d1 * 1.00001; k_2d1 = k_1d1; k_3d1 = k_1d1; k_4d1 = k_1d1; twiss, chrom;", 200),
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
        for name, (body, repeat) in OPERATIONS.items():
            ptc = body.startswith("ptc")
            per_call = []
            for _ in range(5):
                full = run(work, body, repeat, ptc)
                empty = run(work, body, 0, ptc)
                per_call.append((full - empty) / repeat * 1e3)
            print(f"{name:55} {statistics.median(per_call):10.3f} {min(per_call):8.3f} {max(per_call):8.3f}")


if __name__ == "__main__":
    main()
