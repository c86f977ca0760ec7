"""Prints one line naming the BLAS kernels this Python process loads (threadpoolctl), after
importing the modules named on the command line (e.g. numpy torch faiss); for torch also its
build's BLAS and CPU capability. Run it with the same environment as the side it describes."""
import importlib
import os
import sys

from threadpoolctl import threadpool_info

for name in sys.argv[1:]:
    importlib.import_module(name)

parts = []
for pool in threadpool_info():
    if pool.get("user_api") != "blas":
        continue
    parts.append("%s %s, kernel %s, %s threading, %d threads" % (
        pool.get("internal_api"), pool.get("version") or "?", pool.get("architecture") or "?",
        pool.get("threading_layer") or "?", pool.get("num_threads", 0)))
if "torch" in sys.modules:
    import torch
    config = torch.__config__.show()
    blas = [line.split("BLAS_INFO=")[1].split(",")[0] for line in config.splitlines() if "BLAS_INFO=" in line]
    capability = [line.split(":", 1)[1].strip() for line in config.splitlines() if "CPU capability usage" in line]
    parts.append("torch %s built with BLAS %s, CPU capability %s" % (
        torch.__version__, blas[0] if blas else "?", capability[0] if capability else "?"))
variables = ", ".join("%s=%s" % (v, os.environ.get(v, "unset")) for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"))
print("%s (%s)" % ("; ".join(parts) or "no BLAS loaded", variables))
