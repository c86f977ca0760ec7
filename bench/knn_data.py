"""Random unit vectors for bench/knn.sh: raw float32, row-major, native order (what numpy's tofile writes)."""
import sys

import numpy as np


def unit_rows(rng, rows, dim, block=65536):
    out = np.empty((rows, dim), dtype=np.float32)
    for first in range(0, rows, block):
        part = rng.standard_normal((min(block, rows - first), dim), dtype=np.float32)
        part /= np.linalg.norm(part, axis=1, keepdims=True)
        out[first:first + len(part)] = part
    return out


def main():
    folder, queries, base, dim = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = np.random.default_rng(20261122)
    unit_rows(rng, base, dim).tofile(f"{folder}/base.f32")
    unit_rows(rng, queries, dim).tofile(f"{folder}/queries.f32")


if __name__ == "__main__":
    main()
