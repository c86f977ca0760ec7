#!/usr/bin/env bash
# Ingestion throughput: clipdg ingest (WebDataset JPEG shards -> normalised PNG shards) against
# the same normalisation in Python/Pillow, both with the same number of workers, same input.
# Usage: bench/ingest.sh [images_per_shard] [shards] [width] [height]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
per_shard="${1:-500}"; shards="${2:-6}"; width="${3:-320}"; height="${4:-240}"
workers="$(nproc)"
py=/usr/bin/python3
if ! "$py" -c 'import PIL' 2>/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pil >/dev/null
    else
        echo "bench/ingest.sh: the peer needs Debian's python3-pil" >&2; exit 1
    fi
fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in" "$tmp/peer"
"$py" "$root/bench/make_jpeg_shards.py" "$tmp/in" "$shards" "$per_shard" "$width" "$height"
total=$((shards * per_shard))
last=$(printf '%05d' $((shards - 1)))

best_ours=0; best_peer=0
for round in 1 2; do
    rm -rf "$tmp/ours" "$tmp/peer"/*
    start=$(date +%s.%N)
    "$root/bin/clipdg" ingest --name bench --role pool --format webdataset \
        --input "$tmp/in/{00000..$last}.tar" --threads "$workers" --out "$tmp/ours" 2>/dev/null
    ours=$(awk -v n="$total" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print n / (e - s) }')
    start=$(date +%s.%N)
    n=$("$py" "$root/bench/ingest_peer.py" "$tmp/peer" "$workers" "$tmp"/in/*.tar)
    peer=$(awk -v n="$n" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print n / (e - s) }')
    printf 'round %d: clipdg %.0f images/s, python+pillow %.0f images/s\n' "$round" "$ours" "$peer"
    best_ours=$(awk -v a="$ours" -v b="$best_ours" 'BEGIN { print (a > b) ? a : b }')
    best_peer=$(awk -v a="$peer" -v b="$best_peer" 'BEGIN { print (a > b) ? a : b }')
done
printf '%d JPEG images %dx%d in %d shards, %d workers; best of 2 rounds, wall time incl. start-up\n' \
    "$total" "$width" "$height" "$shards" "$workers"
printf 'RESULT ingest_webdataset_jpeg ours=%.0f peer=%.0f ratio=%.2f unit=images/s\n' \
    "$best_ours" "$best_peer" "$(awk -v a="$best_ours" -v b="$best_peer" 'BEGIN { print a / b }')"
