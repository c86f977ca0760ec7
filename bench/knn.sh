#!/usr/bin/env bash
# Exact nearest neighbours and the similarity step's workload, against Python FAISS and numpy on the
# same data in the same run (random unit vectors, inner product, all threads of the machine):
#   1. exact top-k search through clipdg's FAISS binding vs Python FAISS (target >= 0.95x), and both
#      against numpy's sgemm of the same shape (target >= 75% of it);
#   2. the whole similarity workload (reference thresholds, test->pool top-k, pool->test max and the
#      matched verdict): clipdg's one pass vs two separate Python FAISS searches, as the original does;
#   3. the one pass over a large pool (the base streamed `passes` times, 1000 queries): pool vectors/s
#      and peak RSS, which must not grow with the pool.
# The machine's speed drifts, so two rounds alternate between the sides and each keeps its best.
# Usage: bench/knn.sh [queries] [base] [dim] [k] [passes]   defaults: 10000 1000000 512 10 10
#        quick: bench/knn.sh 2000 200000 512 10 2
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
queries="${1:-10000}"; base="${2:-1000000}"; dim="${3:-512}"; k="${4:-10}"; passes="${5:-10}"
threads="$(nproc)"
reference_rows=10000
py=/usr/bin/python3
export OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads"
if ! "$py" -c 'import faiss, numpy' 2>/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-faiss python3-numpy >/dev/null
    else
        echo "bench/knn.sh: the peer needs Debian's python3-faiss and python3-numpy" >&2; exit 1
    fi
fi
source "$root/bench/peers.sh"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$py" "$root/bench/knn_data.py" "$tmp" "$queries" "$base" "$dim"
bench() { "$root/bin/clipdg" bench-knn --base "$tmp/base.f32" --dim "$dim" --k "$k" --threads "$threads" "$@"; }

runs=""
for round in 1 2; do
    runs+="$(bench --mode faiss-flat --queries "$tmp/queries.f32" --repeat 1)"$'\n'
    runs+="$(peer "$py" "$root/bench/knn_peer.py" "$tmp" "$dim" "$k" "$threads" "$reference_rows" 1)"$'\n'
    runs+="$(bench --mode one-pass --queries "$tmp/queries.f32" --reference-rows "$reference_rows")"$'\n'
done
"$py" -c "import numpy as np, sys; np.fromfile('$tmp/queries.f32', dtype=np.float32).reshape(-1, $dim)[:1000].tofile('$tmp/queries_1k.f32')"
big="$(bench --mode one-pass --queries "$tmp/queries_1k.f32" --passes "$passes" --reference-rows "$reference_rows")"
printf '%s\n%s\n' "$runs" "$big"

# best_run NAME FIELD: the field of the fastest run of NAME
best_run() {
    echo "$runs" | grep "^$1 " | sort -t= -k2 -n | head -1 | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ours=$(best_run clipdg_flat_search gflops)
peer=$(best_run python_flat_search gflops)
gemm=$(best_run gemm gflops)
one_pass=$(best_run one_pass seconds)
two_pass=$(best_run two_pass seconds)
field() { echo "$big" | sed -n "s/.* $1=\([0-9.]*\).*/\1/p" | head -1; }
printf '%d queries x %d base x %d-d, k=%d, %d threads; best of 2 rounds\n' "$queries" "$base" "$dim" "$k" "$threads"
printf 'exact search: clipdg %.1f GFLOP/s, Python FAISS %.1f GFLOP/s, numpy sgemm %.1f GFLOP/s (clipdg at %.0f%% of sgemm)\n' \
    "$ours" "$peer" "$gemm" "$(awk -v a="$ours" -v b="$gemm" 'BEGIN { print 100 * a / b }')"
printf 'similarity workload: clipdg one pass %.1f s, Python FAISS two passes %.1f s (speed-up %sx)\n' \
    "$one_pass" "$two_pass" "$(ratio "$two_pass" "$one_pass")"
printf 'one pass over %d x %d pool vectors, 1000 queries: %s pool vectors/s, peak RSS %s MB\n' "$passes" "$base" \
    "$(field pool_vectors_per_s)" "$(field peak_rss_mb)"
print_peer_blas numpy faiss
print_ours_blas faiss
printf 'RESULT knn_exact_search ours=%.1f peer=%.1f ratio=%s unit=GFLOP/s\n' "$ours" "$peer" "$(ratio "$ours" "$peer")"
