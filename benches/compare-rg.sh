#!/usr/bin/env bash
# Matching speed against ripgrep over every text in ../shared/text/manifesto-project-uk/ (10 MB).
#
# Like with like: both tools run as whole processes over the same files, one thread each, output
# to /dev/null, each timed the same way (the mean and the best of RUNS runs after one warm-up run,
# so the files are in the page cache for both):
#   rg      rg -L -j1 -o -i -w -F -f TERMS DIR       the lexicon's category terms, `*` removed, as
#                                                literals: walk, read, find, print every match
#   mashup  mashup scan -j1 DIR --format json     walk, read, find body text, split sentences,
#                                                match terms and asks, judge pledges, quote every
#                                                mention in a JSON report
# mashup does more per byte than rg here (sentences, asks, pledges, excerpts); rg's wildcard-less
# literals also miss what `*` finds. Each run's exit status is checked: a failed run stops the
# script rather than being timed.
#
# Then, on a separate line that is not comparable with the two above, the in-memory figures of
# the matching stage alone (criterion, benches/matching.rs: text already read and folded).
#
# Usage: benches/compare-rg.sh [LEXICON.toml]   (default: keywords/social-economy.toml, the built-in)
#        RUNS=N (default 5); MASHUP=path to use a built binary.
#
# Needs, and installs nothing: `rg` (Debian: apt-get install ripgrep), python3 >= 3.11 (tomllib, to
# read the terms), cargo. Exits 0 with a message when ../shared is missing; exits 1 when a tool
# is missing or a timed run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# Text layers only: OCR of image-only pages (when Tesseract is installed) is
# measured by benches/ocr.sh.
export MASHUP_OCR=${MASHUP_OCR:-never}
lexicon=${1:-keywords/social-economy.toml}
runs=${RUNS:-5}
dir=../shared/text/manifesto-project-uk
[ -d "$dir" ] || { echo "skipping: $dir not found"; exit 0; }
for tool in rg python3 cargo; do
    command -v "$tool" > /dev/null || { echo "missing: $tool (see the header of $0)" >&2; exit 1; }
done
if [ -z "${MASHUP:-}" ]; then
    cargo build --release --quiet
    MASHUP=${CARGO_TARGET_DIR:-target}/release/mashup
fi
MASHUP=$(realpath "$MASHUP")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
terms=$work/terms
python3 - "$lexicon" > "$terms" <<'PY'
import sys, tomllib
lex = tomllib.load(open(sys.argv[1], "rb"))
for c in lex.get("category", []):
    for t in c.get("terms", []) + c.get("case_sensitive", []):
        print(t.replace("*", ""))
PY
# The same files for both: the .txt files of the folder, nothing else.
files=$work/files
mkdir "$files"
for f in "$dir"/*.txt; do ln -s "$(realpath "$f")" "$files/"; done
bytes=$(cat "$files"/*.txt | wc -c)
echo "corpus: $(ls "$files" | wc -l) texts, $bytes bytes; lexicon: $lexicon ($(wc -l < "$terms") terms); $runs runs; load $(cut -d' ' -f1-3 /proc/loadavg)"
rg_version=$(rg --version)
echo "${rg_version%%$'\n'*}; matches: $(rg -L -j1 -o -i -w -F -f "$terms" "$files" | wc -l)"

# time_it NAME COMMAND...: one warm-up run, then $runs timed runs; prints mean and best in MB/s.
time_it() {
    local name=$1
    shift
    local times=()
    for i in $(seq 0 "$runs"); do
        local t0 t1
        t0=$(date +%s.%N)
        if ! "$@" > /dev/null 2> "$work/stderr"; then
            echo "FAILED: $name: $*" >&2
            cat "$work/stderr" >&2
            exit 1
        fi
        t1=$(date +%s.%N)
        [ "$i" -gt 0 ] && times+=("$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1")")
    done
    python3 - "$name" "$bytes" "${times[@]}" <<'PY'
import sys
name, size, times = sys.argv[1], float(sys.argv[2]), [float(t) for t in sys.argv[3:]]
mean = sum(times) / len(times)
print(f"{name:48} {size / mean / 1e6:6.1f} MB/s mean ({mean:.3f} s), {size / min(times) / 1e6:6.1f} MB/s best")
PY
}

time_it "rg -L -j1 -o -i -w -F -f TERMS DIR" rg -L -j1 -o -i -w -F -f "$terms" "$files"
time_it "mashup scan -j1 DIR --format json" "$MASHUP" scan -j1 --lexicon "$lexicon" --format json "$files"

echo
echo "in memory, matching stage only (criterion; not comparable with the whole-process lines above):"
if [ "$lexicon" != keywords/social-economy.toml ] && [ "$lexicon" != tests/lexicon/sample.toml ]; then
    echo "(the criterion bench measures the built-in and the sample lexicon only)"
    exit 0
fi
name=builtin
[ "$lexicon" = tests/lexicon/sample.toml ] && name=sample
cargo bench --bench matching -- "/$name\$" 2>/dev/null | python3 -c '
import re, sys
bytes = float(sys.argv[1])
scale = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0}
bench = None
for line in sys.stdin:
    if line.startswith("matching/"):
        bench = line.split()[0]
    m = re.search(r"time:\s+\[\S+ \S+ (\S+) (\S+) ", line)
    if bench and m:
        seconds = float(m.group(1)) * scale[m.group(2)]
        print(f"  mashup {bench:40} {bytes / seconds / 1e6:6.1f} MB/s")
        bench = None
' "$bytes"
