#!/usr/bin/env bash
# Peak memory of the similarity step in chunks, over random-unit-vector pools of growing size in the
# embedding format (clipdg random-embeddings): each chunk task (clipdg similarity-chunk) should hold
# the test sets and one shard whatever the pool size. The peer is the single pass (clipdg similarity)
# over the same pool in the same run. Peak RSS from /usr/bin/time -v, every JVM with the same -Xmx.
# Also checks that the merged files equal the single pass's, byte for byte.
# Usage: bench/similarity_chunks.sh [pool sizes] [samples per chunk] [test points] [dimension]
#   defaults: "40000 160000 640000" 40000 1000 512    quick: bench/similarity_chunks.sh "20000 40000" 20000 500 128
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pools="${1:-40000 160000 640000}"; per_chunk="${2:-40000}"; tests="${3:-1000}"; dim="${4:-512}"
shard_size=10000; reference=5000; threads="$(nproc)"
export OMP_WAIT_POLICY=PASSIVE CLIPDG_JAVA_OPTS="-Xmx2g"
clipdg="$root/bin/clipdg"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# peak_rss_mb LOG: the maximum resident set size /usr/bin/time -v wrote to LOG, in MB
peak_rss_mb() { awk -F: '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$1"; }
# timed NAME COMMAND...: runs the command under /usr/bin/time -v, its report in $tmp/NAME.time
timed() { local name="$1"; shift; /usr/bin/time -v -o "$tmp/$name.time" "$@" 2>"$tmp/$name.err" || { cat "$tmp/$name.err" >&2; exit 1; }; }
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }

random() { "$clipdg" random-embeddings --dataset "$1" --count "$2" --seed "$3" --dimension "$dim" --shard-size "$shard_size" \
    --threads "$threads" --out "$tmp/$1" 2>/dev/null; }
random test "$tests" 2
random reference "$reference" 3
timed thresholds "$clipdg" similarity-thresholds --test "$tmp/test" --reference "$tmp/reference" --threads "$threads" \
    --out "$tmp/thresholds"

lines=""
for size in $pools; do
    rm -rf "$tmp/pool" "$tmp/chunks" "$tmp/single" "$tmp/merged"
    random pool "$size" 1
    timed single "$clipdg" similarity --pool "$tmp/pool" --test "$tmp/test" --reference "$tmp/reference" \
        --threads "$threads" --out "$tmp/single"
    chunks=$(( (size + per_chunk - 1) / per_chunk ))
    chunk_peak=0; chunk_seconds=0
    for ((i = 0; i < chunks; i++)); do
        timed chunk "$clipdg" similarity-chunk --chunk "$i/$chunks" --pool "$tmp/pool" --test "$tmp/test" \
            --thresholds "$tmp/thresholds" --threads "$threads" --out "$tmp/chunks/$i"
        rss=$(peak_rss_mb "$tmp/chunk.time"); chunk_peak=$(( rss > chunk_peak ? rss : chunk_peak ))
        chunk_seconds=$(awk -v a="$chunk_seconds" -v b="$(seconds "$tmp/chunk.time")" 'BEGIN { print a + b }')
    done
    timed merge "$clipdg" similarity-merge --chunks "$tmp"/chunks/* --test "$tmp/test" --thresholds "$tmp/thresholds" \
        --out "$tmp/merged"
    for file in pool_similarity.avro test_neighbours.avro summary.tsv manifest.json; do
        cmp -s "$tmp/single/$file" "$tmp/merged/$file" || { echo "similarity_chunks: $file differs from the single pass" >&2; exit 1; }
    done
    line="pool=$size chunks=$chunks chunk_peak_rss_mb=$chunk_peak merge_peak_rss_mb=$(peak_rss_mb "$tmp/merge.time")"
    line+=" single_peak_rss_mb=$(peak_rss_mb "$tmp/single.time") single_s=$(seconds "$tmp/single.time") chunks_s=$chunk_seconds"
    echo "$line"
    lines+="$line"$'\n'
done

field() { echo "$lines" | grep -v '^$' | tail -1 | sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
first_chunk_peak=$(echo "$lines" | head -1 | sed -n 's/.* chunk_peak_rss_mb=\([0-9]*\).*/\1/p')
ours=$(field chunk_peak_rss_mb); peer=$(field single_peak_rss_mb)
printf '%d test points, %d reference, %d-d, shards of %d, chunks of %d samples, %d threads, -Xmx2g; merged files = single pass\n' \
    "$tests" "$reference" "$dim" "$shard_size" "$per_chunk" "$threads"
printf 'thresholds task: peak RSS %d MB; chunk peak RSS %d MB on the smallest pool, %d MB on the largest\n' \
    "$(peak_rss_mb "$tmp/thresholds.time")" "$first_chunk_peak" "$ours"
printf 'RESULT similarity_chunk_peak_rss ours=%d peer=%d ratio=%s unit=MB\n' "$ours" "$peer" \
    "$(awk -v a="$ours" -v b="$peer" 'BEGIN { printf "%.2f", a / b }')"
