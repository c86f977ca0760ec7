# Sourced by the bench scripts (after $root and $py are set). Some machines set OPENBLAS_CORETYPE
# and OPENBLAS_L2_SIZE in the environment, which pins OpenBLAS to older kernels (Haswell's AVX2 on an
# AVX-512 machine): the peers and the limits (numpy's sgemm) run without them, in their own command
# only, so a ratio does not depend on a machine's variables. Never set or unset them in tests or CI.

# Runs a peer's command without the OpenBLAS pinning variables.
peer() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"; }

# Installs threadpoolctl, which names the BLAS kernels a Python process loads.
need_threadpoolctl() {
    "$py" -c 'import threadpoolctl' 2>/dev/null && return
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-threadpoolctl >/dev/null
    else
        echo "bench: Debian's python3-threadpoolctl is missing; the BLAS kernels cannot be named" >&2; return 1
    fi
}

# "peer BLAS: ..." for the Python modules named, as the peer runs them.
print_peer_blas() { need_threadpoolctl && printf 'peer BLAS: %s\n' "$(peer "$py" "$root/bench/blas_info.py" "$@")"; }

# "clipdg BLAS: ..." for a library clipdg loads through JNI too (FAISS links Debian's OpenBLAS), named
# by a Python process that loads the same library in clipdg's environment.
print_ours_blas() { need_threadpoolctl && printf 'clipdg BLAS: %s\n' "$("$py" "$root/bench/blas_info.py" "$@")"; }
