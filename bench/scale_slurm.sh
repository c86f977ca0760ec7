#!/usr/bin/env bash
# The similarity step at scale on a SLURM cluster, measured against its projection: a synthetic pool of
# random unit vectors (clipdg random-embeddings) compared with synthetic test sets as a SLURM job array
# of chunk tasks (clipdg similarity-chunk) and one merge, the way --similarity_chunks runs it. The
# projection (the peer) comes from one chunk timed on this machine first: pool vectors/s times the
# pool, plus the thresholds and the merge as measured. docs/scale.md extrapolates from these figures.
# Without SLURM_CONF in the environment it starts the one-machine cluster of test/slurm/ and stops it.
# Usage: bench/scale_slurm.sh [pool] [chunks] [test points] [dimension]   defaults: 10000000 10 2000 256
#        quick: bench/scale_slurm.sh 400000 4 500 128
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pool="${1:-10000000}"; chunks="${2:-10}"; tests="${3:-2000}"; dim="${4:-256}"
shard_size=100000; reference=10000; threads="$(nproc)"
export OMP_WAIT_POLICY=PASSIVE CLIPDG_JAVA_OPTS="${CLIPDG_JAVA_OPTS:--Xmx4g}"
clipdg="$root/bin/clipdg"
tmp="$(mktemp -d "${TMPDIR:-/var/tmp}/clipdg-scale.XXXXXX")"
cluster=""
cleanup() { [ -n "$cluster" ] && "$root/test/slurm/stop.sh" "$cluster" >/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
if [ -z "${SLURM_CONF:-}" ]; then
    cluster="$tmp/slurm"
    "$root/test/slurm/start.sh" "$cluster" >/dev/null
    source "$cluster/env"
fi
now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
peak_rss_mb() { awk -F: '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$1"; }

random() { "$clipdg" random-embeddings --dataset "$1" --count "$2" --seed "$3" --dimension "$dim" \
    --shard-size "$shard_size" --threads "$threads" --out "$tmp/$1" 2>/dev/null; }
start=$(now); random test "$tests" 2; random reference "$reference" 3; random pool "$pool" 1
echo "random embeddings: $pool pool, $tests test, $reference reference vectors, $dim-d, written in $(elapsed "$start") s ($(du -sh "$tmp/pool" | cut -f1) of pool)"

start=$(now)
"$clipdg" similarity-thresholds --test "$tmp/test" --reference "$tmp/reference" --threads "$threads" --out "$tmp/thresholds" 2>/dev/null
thresholds_s=$(elapsed "$start")

# Projection: one chunk of the same size, run here outside SLURM.
start=$(now)
/usr/bin/time -v -o "$tmp/calibration.time" "$clipdg" similarity-chunk --chunk "0/$chunks" --pool "$tmp/pool" --test "$tmp/test" \
    --thresholds "$tmp/thresholds" --threads "$threads" --out "$tmp/calibration" 2>/dev/null
chunk_s=$(elapsed "$start")
per_chunk=$(( (pool + chunks - 1) / chunks ))
rate=$(awk -v n="$per_chunk" -v s="$chunk_s" 'BEGIN { printf "%.0f", n / s }')
echo "calibration: one chunk of $per_chunk vectors in $chunk_s s ($rate pool vectors/s on $threads cores, peak RSS $(peak_rss_mb "$tmp/calibration.time") MB)"

# The array: every chunk a job with all the node's cores, one at a time on a one-node cluster.
start=$(now)
sbatch --parsable --wait --array="0-$((chunks - 1))" --cpus-per-task="$threads" --mem=6G --output="$tmp/chunk-%a.log" \
    --wrap "/usr/bin/time -v -o $tmp/chunk-\$SLURM_ARRAY_TASK_ID.time $clipdg similarity-chunk --chunk \$SLURM_ARRAY_TASK_ID/$chunks --pool $tmp/pool --test $tmp/test --thresholds $tmp/thresholds --threads $threads --out $tmp/chunks/\$SLURM_ARRAY_TASK_ID" >/dev/null
array_s=$(elapsed "$start")
start=$(now)
sbatch --parsable --wait --cpus-per-task=1 --mem=6G --output="$tmp/merge.log" \
    --wrap "/usr/bin/time -v -o $tmp/merge.time $clipdg similarity-merge --chunks $(for ((i = 0; i < chunks; i++)); do printf '%s ' "$tmp/chunks/$i"; done) --test $tmp/test --thresholds $tmp/thresholds --out $tmp/merged" >/dev/null
merge_s=$(elapsed "$start")
[ -s "$tmp/merged/summary.tsv" ] || { cat "$tmp/merge.log" >&2; echo "bench/scale_slurm.sh: the merge wrote nothing" >&2; exit 1; }
chunk_peak=$(for ((i = 0; i < chunks; i++)); do peak_rss_mb "$tmp/chunk-$i.time"; echo; done | sort -n | tail -1)

measured=$(awk -v a="$thresholds_s" -v b="$array_s" -v c="$merge_s" 'BEGIN { printf "%.1f", a + b + c }')
projected=$(awk -v a="$thresholds_s" -v r="$rate" -v n="$pool" -v c="$merge_s" 'BEGIN { printf "%.1f", a + n / r + c }')
echo "SLURM: thresholds $thresholds_s s, $chunks chunk jobs $array_s s (chunk peak RSS $chunk_peak MB), merge job $merge_s s (peak RSS $(peak_rss_mb "$tmp/merge.time") MB)"
echo "measured $measured s against projected $projected s ($pool x $tests x $dim-d, $threads cores)"
printf 'RESULT scale_similarity_slurm ours=%s peer=%s ratio=%s unit=s\n' "$measured" "$projected" \
    "$(awk -v a="$measured" -v b="$projected" 'BEGIN { printf "%.2f", a / b }')"
