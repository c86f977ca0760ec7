#!/usr/bin/env bash
# Embedding throughput: clipdg embed (ONNX Runtime) against the peer bench/embed_peer.py (PyTorch,
# as clip-retrieval does it) on the same ingested PNG shards, the same ViT-B/32-shaped image tower
# with random weights (bench/embed_model.py), the same batch size, all cores for inference on both.
# Also checks that both give the same embeddings (cosine per key; reported, not enforced).
# Usage: bench/embed.sh [images] [batch] [rounds]
# EMBED_PEER_ONLY=1 runs only the peer (while clipdg embed does not exist yet).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
images="${1:-512}"; batch="${2:-32}"; rounds="${3:-2}"
shard_size=128
threads="$(nproc)"

# clipdg embed's command line and its last stderr line, e.g.
# "[embed bench] done: 512 embedded, 0 rejected, 9.1 images/s, 56.2 s; time in read 1.0%, decode+preprocess 5.0%, inference 93.0%, write 1.0%"
EMBED_COMMAND=embed
OPT_DATASET=--dataset; OPT_MODEL=--model; OPT_OUTPUT=--output; OPT_BATCH=--batchSize; OPT_THREADS=--cpus
# Each value is the first number in the text that its pattern (grep -E) matches in that line.
DONE_LINE='done:'
RATE_RE='[0-9.]+ *images/s'
DECODE_RE='decode[^0-9]*[0-9.]+ *%'
INFER_RE='inference[^0-9]*[0-9.]+ *%'

py=/usr/bin/python3
# Debian's torch with OpenBLAS's OpenMP build (see bench/train_step.sh), Pillow for decoding.
if ! "$py" -c 'import torch, PIL' 2>/dev/null || ! dpkg -s libopenblas0-openmp >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            python3-torch python3-pil libopenblas0-openmp >/dev/null
    elif ! "$py" -c 'import torch, PIL' 2>/dev/null; then
        echo "bench/embed.sh: the peer needs Debian's python3-torch and python3-pil (and libopenblas0-openmp)" >&2; exit 1
    else
        echo "bench/embed.sh: warning: libopenblas0-openmp is missing, the peer may use the reference BLAS" >&2
    fi
fi
make -C "$root" build >/dev/null
source "$root/bench/peers.sh"
clipdg="$root/bin/clipdg"
if [ -z "${EMBED_PEER_ONLY:-}" ] && ! "$clipdg" --help | grep -qE "^ +$EMBED_COMMAND( |$)"; then
    echo "bench/embed.sh: 'clipdg $EMBED_COMMAND' does not exist in this build; EMBED_PEER_ONLY=1 runs the peer alone" >&2
    exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/clipdg-bench-embed.XXXXXX")"; trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/jpeg"
"$py" "$root/bench/make_jpeg_shards.py" "$tmp/jpeg" 1 "$images" 320 240
"$clipdg" ingest --name bench --role pool --format webdataset --input "$tmp/jpeg/00000.tar" \
    --shard-size "$shard_size" --out "$tmp/data" 2>/dev/null
"$py" "$root/bench/embed_model.py" "$tmp/model" "$tmp/model.pt"

# The first number in the text that regex $1 matches in $2, or nothing.
capture() { { grep -oE "$1" <<<"$2" || true; } | head -n 1 | { grep -oE '[0-9]+(\.[0-9]+)?' || true; } | head -n 1; }
field() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$2"; }
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a > b) ? a : b }'; }

best_ours=""; best_peer=""
for round in $(seq "$rounds"); do
    peer_line=$(OMP_WAIT_POLICY=PASSIVE peer "$py" "$root/bench/embed_peer.py" \
        "$tmp/data" "$tmp/model.pt" "$tmp/peer.npy" "$batch" "$threads" | tail -n 1)
    peer=$(field images_per_s "$peer_line")
    [ -n "$peer" ] || { echo "bench/embed.sh: unexpected peer output: '$peer_line'" >&2; exit 1; }
    printf 'round %d: python %.2f images/s, decode+preprocess %.0f%%, inference %.0f%%\n' "$round" "$peer" \
        "$(awk -v s="$(field decode_share "$peer_line")" 'BEGIN { print 100 * s }')" \
        "$(awk -v s="$(field infer_share "$peer_line")" 'BEGIN { print 100 * s }')"
    best_peer=$(best "$peer" "$best_peer")
    [ -n "${EMBED_PEER_ONLY:-}" ] && continue

    # A fresh output folder each round: clipdg embed keeps (resumes) shards already there.
    rm -rf "$tmp/ours"
    start=$(date +%s.%N)
    "$clipdg" "$EMBED_COMMAND" "$OPT_DATASET=$tmp/data" "$OPT_MODEL=$tmp/model" "$OPT_OUTPUT=$tmp/ours" \
        "$OPT_BATCH=$batch" "$OPT_THREADS=$threads" 2>"$tmp/ours.log" >/dev/null \
        || { tail -n 20 "$tmp/ours.log" >&2; echo "bench/embed.sh: clipdg $EMBED_COMMAND failed" >&2; exit 1; }
    wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
    done_line=$(grep -F "$DONE_LINE" "$tmp/ours.log" | tail -n 1 || true)
    ours=$(capture "$RATE_RE" "$done_line")
    if [ -z "$ours" ]; then
        ours=$(awk -v n="$images" -v w="$wall" 'BEGIN { print n / w }')
        echo "bench/embed.sh: warning: no images/s in '$done_line'; using wall time incl. JVM start-up" >&2
    fi
    printf 'round %d: clipdg %.2f images/s, decode+preprocess %s%%, inference %s%% (%.1f s wall incl. start-up)\n' \
        "$round" "$ours" "$(capture "$DECODE_RE" "$done_line")" "$(capture "$INFER_RE" "$done_line")" "$wall"
    best_ours=$(best "$ours" "$best_ours")
done
printf '%d PNG images 320x240 in %d shards, ViT-B/32 image tower (random weights), batch %d, %d threads; best of %d\n' \
    "$images" "$(( (images + shard_size - 1) / shard_size ))" "$batch" "$threads" "$rounds"
[ -n "${EMBED_PEER_ONLY:-}" ] && { echo "peer only: python $best_peer images/s"; exit 0; }
"$py" "$root/bench/embed_compare.py" "$tmp/ours" "$tmp/peer.npy"
print_peer_blas torch
echo "clipdg BLAS: none (ONNX Runtime runs its own MLAS kernels; the OPENBLAS_* variables do not apply)"
printf 'RESULT embed_images_per_s ours=%.2f peer=%.2f ratio=%.2f unit=images/s\n' \
    "$best_ours" "$best_peer" "$(awk -v a="$best_ours" -v b="$best_peer" 'BEGIN { print a / b }')"
