#!/usr/bin/env bash
# Side-by-side speed: `mashup extract` against poppler's `pdftotext` over every PDF of
# ../shared/corpus, in one run, with the ratios printed at the end (issue 3, bar 5).
#
# What is timed (wall clock, best of RUNS; CPU = user + sys of that run):
#   pdftotext, 1 process at a time   `pdftotext FILE -` per file, one after another: how it is used
#   pdftotext, xargs -P NPROC        the same, NPROC processes at once (its own "all cores")
#   mashup, 1 process per file       `mashup extract FILE -o OUT` per file, one after another
#   mashup -j1                       `mashup extract --output-dir DIR -j 1 FILE...`: one process, one thread
#   mashup -jNPROC                   the same with NPROC threads
#   mashup --version, once per file  what starting one process per file costs by itself
# The targets compare mashup -j1 and -jNPROC with pdftotext one process at a time; the ratio
# against pdftotext's own xargs -P run is printed as well. mashup writes real files (into a
# temporary folder); pdftotext writes to a pipe into /dev/null, which favours it slightly.
# Peak memory is the maximum resident set of the `mashup -jNPROC` run (GNU time).
#
# Every timed run must succeed (exit status 0, for every file of the per-file loops): a run that
# fails stops the script with exit status 1 and its error output, instead of being timed.
#
# Usage: benches/extract-vs-pdftotext.sh          (RUNS=5 by default; MASHUP=path to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
# Text layers only: OCR of image-only pages (when Tesseract is installed) is
# measured by benches/ocr.sh.
export MASHUP_OCR=${MASHUP_OCR:-never}
corpus=../shared/corpus
[ -d "$corpus" ] || { echo "skipping: $corpus not found"; exit 0; }
command -v pdftotext > /dev/null || { echo "skipping: pdftotext not installed (poppler-utils)"; exit 0; }
runs=${RUNS:-5}
jobs=$(nproc)
if [ -z "${MASHUP:-}" ]; then
    cargo build --release --quiet
    MASHUP=${CARGO_TARGET_DIR:-target}/release/mashup
fi
MASHUP=$(realpath "$MASHUP")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$corpus"
mapfile -d '' files < <(find . -name '*.pdf' -printf '%P\0' | sort -z)
echo "${#files[@]} PDFs in $corpus, $(du -shL . | cut -f1); best of $runs runs; $jobs cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

# time_it NAME COMMAND...: runs COMMAND $runs times, keeps the fastest; sets best_wall and best_cpu.
time_it() {
    local name=$1
    shift
    best_wall=999999
    best_cpu=0
    for _ in $(seq "$runs"); do
        rm -rf "$out/run" && mkdir -p "$out/run"
        local t0 c0 t1 c1
        t0=$(date +%s.%N)
        c0=$(cpu_total)
        if ! "$@" > /dev/null 2> "$out/stderr"; then
            # A failed run is not timed: it would look fast.
            echo "FAILED: $name" >&2
            tail -20 "$out/stderr" >&2
            exit 1
        fi
        t1=$(date +%s.%N)
        c1=$(cpu_total)
        read -r best_wall best_cpu < <(python3 -c "import sys; w=float(sys.argv[2])-float(sys.argv[1]); c=float(sys.argv[4])-float(sys.argv[3]); b=float(sys.argv[5]); print(*( (w, c) if w < b else (b, float(sys.argv[6])) ))" "$t0" "$t1" "$c0" "$c1" "$best_wall" "$best_cpu")
    done
    printf '%-34s %7.3f s wall  %7.3f s CPU\n' "$name" "$best_wall" "$best_cpu"
}

# User + system CPU of this shell's waited-for children, in seconds (from /proc, since `times`
# in a command substitution would report the subshell's own children).
cpu_total() {
    awk -v hz="$(getconf CLK_TCK)" '{ print ($16 + $17) / hz }' "/proc/$$/stat"
}

# Each loop stops at the first failing file, so that time_it sees the failure.
pdftotext_seq() { for f in "${files[@]}"; do pdftotext "$f" - > /dev/null || return 1; done; }
pdftotext_par() { printf '%s\0' "${files[@]}" | xargs -0 -P "$jobs" -I{} pdftotext {} - > /dev/null; }
mashup_seq() { for f in "${files[@]}"; do "$MASHUP" extract "$f" -o "$out/run/$(basename "$f" .pdf).txt" || return 1; done; }
mashup_batch() { "$MASHUP" extract --output-dir "$out/run" -j "$1" "${files[@]}"; }
# What starting one process per file costs by itself: `mashup --version` once per file.
mashup_starts() { for _ in "${files[@]}"; do "$MASHUP" --version > /dev/null || return 1; done; }

time_it "pdftotext, 1 process at a time" pdftotext_seq
p_seq=$best_wall
time_it "pdftotext, xargs -P $jobs" pdftotext_par
p_par=$best_wall
time_it "mashup, 1 process per file" mashup_seq
m_seq=$best_wall
time_it "mashup -j1" mashup_batch 1
m_one=$best_wall
time_it "mashup --version, once per file" mashup_starts
m_start=$best_wall
time_it "mashup -j$jobs" mashup_batch "$jobs"
m_all=$best_wall

rm -rf "$out/run" && mkdir -p "$out/run"
peak=$(/usr/bin/time -f '%M' "$MASHUP" extract --output-dir "$out/run" -j "$jobs" "${files[@]}" 2>&1 > /dev/null | tail -1)
python3 - "$p_seq" "$p_par" "$m_seq" "$m_one" "$m_all" "$jobs" "$peak" "$m_start" <<'PY'
import sys
p_seq, p_par, m_seq, m_one, m_all = map(float, sys.argv[1:6])
jobs, peak, m_start = sys.argv[6], int(sys.argv[7]), float(sys.argv[8])
print()
print(f"one thread:  mashup -j1 is {p_seq / m_one:5.2f}x faster than pdftotext      (target >= 4x)")
print(f"all cores:   mashup -j{jobs} is {p_seq / m_all:5.2f}x faster than pdftotext      (target >= 7x)")
print(f"             mashup -j{jobs} is {p_par / m_all:5.2f}x faster than pdftotext -P {jobs}")
print(f"per file:    mashup, 1 process per file, is {p_seq / m_seq:5.2f}x faster than pdftotext")
print(f"             1 process per file takes {m_seq / m_one:5.2f}x the time of mashup -j1 (target <= 1.10x);")
print(f"             starting the processes alone takes {m_start:.3f} s = {m_start / m_one:5.2f}x of mashup -j1")
print(f"peak memory: {peak / 1024:.0f} MB (mashup -j{jobs}; target < 200 MB)")
PY
