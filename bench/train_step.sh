#!/usr/bin/env bash
# Training step time (forward, backward, clipped AdamW update): clipdg bench-train-step (DJL +
# PyTorch through JNI) against the same model, loss and optimizer in Python PyTorch
# (bench/train_step_peer.py), same batch, random inputs and thread count, on this machine.
# Usage: bench/train_step.sh [config-name] [batch] [steps]   (config in conf/models/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="${1:-tiny-vit}"; batch="${2:-64}"; steps="${3:-20}"
warmup=3
threads="$(nproc)"
config="$root/conf/models/$name.json"
[ -f "$config" ] || { echo "bench/train_step.sh: no model config $config" >&2; exit 1; }
py=/usr/bin/python3
# Debian's torch calls whichever libblas.so.3 is installed; without recommends that is the reference
# BLAS, which makes the peer's matmuls ~15x slower. OpenBLAS's OpenMP build follows torch's thread count.
if ! "$py" -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-openmp >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            python3-torch libopenblas0-openmp >/dev/null
    elif ! "$py" -c 'import torch' 2>/dev/null; then
        echo "bench/train_step.sh: the peer needs Debian's python3-torch (and libopenblas0-openmp)" >&2; exit 1
    else
        echo "bench/train_step.sh: warning: libopenblas0-openmp is missing, the peer may use the reference BLAS" >&2
    fi
fi
[ -f "$root/beam-pipelines/cli/target/clipdg.jar" ] || make -C "$root" build >/dev/null
source "$root/bench/peers.sh"

# The last line of both: "<name> batch B threads T: X ms/step (N trainable weights)".
ms_per_step() { sed -n 's/.*: \([0-9.]*\) ms\/step.*/\1/p' <<<"$1"; }
weights() { sed -n 's/.*(\([0-9,]*\) trainable weights).*/\1/p' <<<"$1" | tr -d ,; }

best_ours=""; best_peer=""
for round in 1 2; do
    ours_line=$("$root/bin/clipdg" bench-train-step --model-config "$config" --batch-size "$batch" \
        --steps "$steps" --warmup-steps "$warmup" --threads "$threads" 2>/dev/null | tail -n 1)
    peer_out=$(OMP_WAIT_POLICY=PASSIVE peer "$py" "$root/bench/train_step_peer.py" \
        "$config" "$batch" "$steps" "$warmup" "$threads")
    peer_line=$(tail -n 1 <<<"$peer_out")
    ours=$(ms_per_step "$ours_line"); peer=$(ms_per_step "$peer_line")
    if [ -z "$ours" ] || [ -z "$peer" ]; then
        echo "bench/train_step.sh: unexpected output: '$ours_line' / '$peer_line'" >&2; exit 1
    fi
    if [ "$(weights "$ours_line")" != "$(weights "$peer_line")" ]; then
        echo "bench/train_step.sh: the models differ: clipdg has $(weights "$ours_line") trainable weights," \
            "the peer $(weights "$peer_line")" >&2; exit 1
    fi
    printf 'round %d: clipdg %.1f ms/step, python %.1f ms/step\n' "$round" "$ours" "$peer"
    best_ours=$(awk -v a="$ours" -v b="$best_ours" 'BEGIN { print (b == "" || a < b) ? a : b }')
    best_peer=$(awk -v a="$peer" -v b="$best_peer" 'BEGIN { print (b == "" || a < b) ? a : b }')
done
printf '%s, batch %d, %d threads, %s trainable weights in both; %d timed steps after %d warm-up, best of 2 rounds\n' \
    "$name" "$batch" "$threads" "$(weights "$ours_line")" "$steps" "$warmup"
printf 'clipdg: DJL + PyTorch %s through JNI; python: Debian python3-torch %s, %s\n' \
    "$("$py" -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("org/clipdg/train/djl.properties").decode().split("pytorch.version=")[1].split()[0])' \
        "$root/beam-pipelines/cli/target/clipdg.jar" 2>/dev/null || echo '?')" \
    "$(dpkg-query -W -f='${Version}' python3-torch 2>/dev/null || echo '?')" "$(head -n 1 <<<"$peer_out")"
print_peer_blas torch
echo "clipdg BLAS: libtorch's own bundled kernels (MKL, oneDNN) through DJL; the OPENBLAS_* variables do not apply"
printf 'RESULT train_step_%s ours=%.1f peer=%.1f ratio=%.2f unit=ms/step\n' \
    "$name" "$best_ours" "$best_peer" "$(awk -v a="$best_ours" -v b="$best_peer" 'BEGIN { print a / b }')"
