#!/usr/bin/env python3
"""Reference values of the Faddeeva function w(z) = exp(-z^2) erfc(-iz) from scipy.special.wofz
(scipy 1.10, Debian python3-scipy), for the C# implementation's tests.

Writes tests/Vepp2k.Physics.Tests/Reference/faddeeva.csv (columns x, y, re_w, im_w).
Command used for the checked-in file (from the repository root):
  /usr/bin/python3 bench/peers/faddeeva_reference.py
"""
from pathlib import Path

import numpy as np
import scipy
from scipy.special import wofz

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests/Vepp2k.Physics.Tests/Reference/faddeeva.csv"

# First quadrant (what Bassetti-Erskine needs) on a log-spaced grid from 1e-6 to 1e4 in each of
# x and y, plus the axes; the lower half plane follows from symmetry and is tested from these.
axis = np.concatenate(([0.0], np.logspace(-6, 4, 41)))
rows = []
for x in axis:
    for y in axis:
        w = wofz(complex(x, y))
        rows.append(f"{x!r},{y!r},{w.real!r},{w.imag!r}")
OUT.write_text(f"# scipy {scipy.__version__} scipy.special.wofz; bench/peers/faddeeva_reference.py\nx,y,re_w,im_w\n"
               + "\n".join(rows) + "\n")
print(f"{len(rows)} points -> {OUT}")
