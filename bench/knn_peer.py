"""The peer of bench/knn.sh: Python FAISS (Debian python3-faiss) and numpy on the same files.

Prints one 'name seconds=S gflops=G' line per measurement:
  python_flat_search (best of `repeat`) exact top-k of the queries in an IndexFlatIP over the base
  gemm               (best of `repeat`) queries x base^T with numpy (OpenBLAS sgemm), in blocks: the machine's practical limit
  two_pass           the similarity workload as the original code runs it: reference thresholds, then
                     test->pool top-k and pool->test max as two separate exact searches
"""
import sys
import time

import faiss
import numpy as np


def report(name, seconds, flops):
    print(f"{name} seconds={seconds:.3f} gflops={flops / seconds / 1e9:.1f}", flush=True)


def best_of(rounds, call):
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    folder, dim, k, threads, reference_rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    repeat = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    faiss.omp_set_num_threads(threads)
    base = np.fromfile(f"{folder}/base.f32", dtype=np.float32).reshape(-1, dim)
    queries = np.fromfile(f"{folder}/queries.f32", dtype=np.float32).reshape(-1, dim)
    n, q = len(base), len(queries)
    flops = 2.0 * n * q * dim

    index = faiss.IndexFlatIP(dim)
    index.add(base)
    report("python_flat_search", best_of(repeat, lambda: index.search(queries, k)), flops)

    def gemm():
        block = 65536
        for first in range(0, n, block):
            queries @ base[first:first + block].T
    report("gemm", best_of(repeat, gemm), flops)

    start = time.perf_counter()
    reference = faiss.IndexFlatIP(dim)
    reference.add(base[:reference_rows])
    reference.search(queries, 1)
    index.search(queries, k)
    tests = faiss.IndexFlatIP(dim)
    tests.add(queries)
    tests.search(base, 1)
    report("two_pass", time.perf_counter() - start, flops + 2.0 * min(reference_rows, n) * q * dim)


if __name__ == "__main__":
    main()
