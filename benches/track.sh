#!/usr/bin/env bash
# `mashup track` at scale: the 35 documents of ../shared/track, then the same
# documents copied 100 times (hard links under distinct paths, so each copy
# is a document of its own: 3,500 documents), each read as a whole process
# with its output to /dev/null. Prints documents per second and peak memory
# (maximum resident set size, from GNU time) at 1x and 100x, and their ratio.
#
# Usage: benches/track.sh   (RUNS=N runs each, best time kept, default 3;
#        MASHUP=path to use a built binary; JOBS=N threads, default all cores)
#
# Needs GNU time (/usr/bin/time; Debian: apt-get install time) and cargo.
# Exits 0 with a message when ../shared is missing; 1 when a run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export MASHUP_OCR=never
shared=../shared/track
if [ ! -d "$shared" ]; then
    echo "benches/track.sh: $shared not found; nothing to measure"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "benches/track.sh: needs GNU time (apt-get install time)" >&2
    exit 1
fi
runs=${RUNS:-3}
if [ -z "${MASHUP:-}" ]; then
    cargo build --release --quiet
    MASHUP=target/release/mashup
fi
jobs=()
if [ -n "${JOBS:-}" ]; then jobs=(-j "$JOBS"); fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/x1"
for f in "$shared"/*; do
    case "$f" in *.tsv|*.md) continue ;; esac
    ln "$f" "$work/x1/" 2>/dev/null || cp "$f" "$work/x1/"
done
mkdir -p "$work/x100"
for i in $(seq -w 1 100); do
    mkdir "$work/x100/$i"
    for f in "$work/x1"/*; do ln "$f" "$work/x100/$i/" 2>/dev/null || cp "$f" "$work/x100/$i/"; done
done

measure() {
    local label=$1 dir=$2 docs best="" rss=0
    docs=$(find "$dir" -type f | wc -l)
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$MASHUP" track "$dir" "${jobs[@]}" --format json -o /dev/null 2>"$work/stderr" \
            || { cat "$work/stderr" >&2; echo "benches/track.sh: the run over $dir failed" >&2; exit 1; }
        read -r secs kb <"$work/time"
        if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; fi
        if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
    done
    awk -v l="$label" -v d="$docs" -v s="$best" -v k="$rss" \
        'BEGIN{printf "%-5s %6d documents  %7.2f s  %8.1f documents/s  peak %7.1f MB\n", l, d, s, (s>0?d/s:0), k/1024}'
    echo "$rss" >"$work/rss-$label"
}

measure 1x "$work/x1"
measure 100x "$work/x100"
awk -v a="$(cat "$work/rss-1x")" -v b="$(cat "$work/rss-100x")" \
    'BEGIN{printf "peak memory at 100x is %.2fx that at 1x\n", b/a}'
