#!/usr/bin/env bash
# OCR side by side (issue 12): `mashup extract --ocr always` against the pipeline an analyst
# would run by hand, `pdftoppm -r 300` then `tesseract`, on the scanned corpus manifestos that
# have a hand-corrected ground truth (../shared/corpus/INDEX.tsv).
#
# For each file, words_f1 of both against the ground truth (../shared/tools/textscore); then
# the time for all their pages on every core:
#   pipeline   pdftoppm -r 300 renders every page of every file (NPROC files at once), then
#              `tesseract PAGE stdout` runs over the pages with xargs -P NPROC (OMP_THREAD_LIMIT=1,
#              as it must be when pages run in parallel)
#   mashup     one `mashup extract --ocr always -j NPROC --output-dir DIR FILE...`, cache cold
#   warm       the same again with the cache the first run filled
# and the peak memory of mashup's cold run: its own maximum resident set (GNU time), the largest
# tesseract process of the pipeline, and the largest sum of mashup and the tesseract processes
# it runs, sampled every 0.2 s (the figure the 500 MB bar is about).
#
# Usage: benches/ocr.sh     (MASHUP=path to use a built binary; FILES="a.pdf b.pdf" for a subset)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(realpath ../shared)
[ -d "$shared/corpus" ] || { echo "skipping: ../shared/corpus not found"; exit 0; }
for tool in pdftoppm tesseract; do
    command -v $tool > /dev/null || { echo "skipping: $tool not installed (poppler-utils, tesseract-ocr)"; exit 0; }
done
[ -x /usr/bin/time ] || { echo "skipping: GNU time not installed"; exit 0; }
jobs=$(nproc)
if [ -z "${MASHUP:-}" ]; then
    cargo build --release --quiet
    MASHUP=${CARGO_TARGET_DIR:-target}/release/mashup
fi
MASHUP=$(realpath "$MASHUP")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The scanned files with a ground truth: rows of INDEX.tsv whose text_layer column says "no".
mapfile -t rows < <(awk -F'\t' 'NR > 1 && $7 ~ /^no/ && $8 != "" {print $1 "\t" $8}' "$shared/corpus/INDEX.tsv")
if [ -n "${FILES:-}" ]; then
    mapfile -t rows < <(printf '%s\n' "${rows[@]}" | grep -F -f <(printf '%s\n' $FILES))
fi
files=()
for row in "${rows[@]}"; do files+=("$shared/corpus/${row%%$'\t'*}"); done
pages=0
for f in "${files[@]}"; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
echo "${#files[@]} scanned files, $pages pages; $jobs cores; $(tesseract --version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

# The pipeline: render all, then recognise all, then join each file's pages with form feeds.
mkdir -p "$out/ppm" "$out/pipeline"
t0=$(now)
printf '%s\n' "${files[@]}" | xargs -P "$jobs" -I{} sh -c 'pdftoppm -r 300 "$1" "$2/$(basename "$1" .pdf)"' _ {} "$out/ppm"
find "$out/ppm" -name '*.ppm' -print0 | OMP_THREAD_LIMIT=1 xargs -0 -P "$jobs" -I{} \
    /usr/bin/time -f '%M' -o {}.mem sh -c 'tesseract "$1" stdout > "$1.txt" 2> /dev/null' _ {}
t1=$(now)
pipeline_time=$(elapsed "$t0" "$t1")
tess_peak=$(cat "$out"/ppm/*.mem | sort -n | tail -1)
for f in "${files[@]}"; do
    name=$(basename "$f" .pdf)
    first=1
    for page in $(find "$out/ppm" -name "$name-*.ppm.txt" | sort -V); do
        [ $first = 1 ] || printf '\f' >> "$out/pipeline/$name.txt"
        cat "$page" >> "$out/pipeline/$name.txt"
        first=0
    done
done

# tree_peak PID: samples the resident memory of PID and its children (the Tesseract processes)
# every 0.2 s until PID ends, and prints the largest sum in kB.
tree_peak() {
    local peak=0 now_kb
    while kill -0 "$1" 2> /dev/null; do
        now_kb=$(ps -o rss= --pid "$1" --ppid "$1" 2> /dev/null | awk '{s += $1} END {print s + 0}')
        [ "$now_kb" -gt "$peak" ] && peak=$now_kb
        sleep 0.2
    done
    echo "$peak"
}

# mashup, cold then warm.
export MASHUP_CACHE_DIR=$out/cache
t0=$(now)
/usr/bin/time -f '%M' -o "$out/mashup.mem" "$MASHUP" extract --ocr always -j "$jobs" --output-dir "$out/mashup" "${files[@]}" 2> "$out/mashup.err" &
mashup_pid=$!
{ sleep 0.5; tree_peak "$(pgrep -P $mashup_pid -x mashup || echo $mashup_pid)"; } > "$out/tree.mem" &
sampler=$!
wait $mashup_pid
wait $sampler
t1=$(now)
mashup_time=$(elapsed "$t0" "$t1")
t0=$(now)
"$MASHUP" extract --ocr always -j "$jobs" --output-dir "$out/warm" "${files[@]}" 2> /dev/null
t1=$(now)
warm_time=$(elapsed "$t0" "$t1")

printf '\n%-45s %10s %10s %8s\n' file pipeline mashup diff
worse=0
for row in "${rows[@]}"; do
    file=${row%%$'\t'*}
    truth="$shared/${row#*$'\t'}"
    name=$(basename "$file" .pdf)
    mine=$(find "$out/mashup" -name "$name.txt")
    score() { "$shared/tools/textscore" "$1" "$truth" | sed -n 's/^words_f1=\([0-9.]*\).*/\1/p'; }
    p=$(score "$out/pipeline/$name.txt")
    m=$(score "$mine")
    d=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):+.4f}')" "$p" "$m")
    printf '%-45s %10s %10s %8s\n' "$file" "$p" "$m" "$d"
    python3 -c "import sys; sys.exit(0 if float(sys.argv[2]) >= float(sys.argv[1]) - 0.01 else 1)" "$p" "$m" || worse=$((worse + 1))
done
if ! diff -r -q "$out/mashup" "$out/warm" > /dev/null; then
    echo "the warm run's text differs from the cold run's" >&2
    exit 1
fi
printf '\n%-45s %8s s\n' "pipeline (pdftoppm, tesseract, xargs -P $jobs)" "$pipeline_time"
printf '%-45s %8s s\n' "mashup extract --ocr always -j $jobs (cold)" "$mashup_time"
printf '%-45s %8s s\n' "mashup, cache warm" "$warm_time"
printf '%-45s %8s MB\n' "peak memory: mashup" "$(( $(cat "$out/mashup.mem") / 1024 ))"
printf '%-45s %8s MB\n' "peak memory: largest tesseract process" "$(( tess_peak / 1024 ))"
printf '%-45s %8s MB\n' "peak memory: mashup and its tesseracts, sampled" "$(( $(cat "$out/tree.mem") / 1024 ))"
printf '%s files within 0.01 of the pipeline, %s below\n' "$(( ${#rows[@]} - worse ))" "$worse"
