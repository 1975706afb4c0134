#!/usr/bin/env bash
# Robustness timing (issue 3, bar 4): runs `mashup extract` on every PDF of ../shared/pdfs and
# ../shared/corpus, one process per file under a 10 s limit, and lists the slowest files, any
# timeout (exit 124) and any crash (exit 101 is a Rust panic, 134/139 an abort or a segfault).
# Exit 1 is a clean per-file error ("not a readable PDF", "needs a password") and is fine.
# Usage: benches/worst-case.sh [MASHUP_BINARY]   (a debug build also catches overflow panics)
set -uo pipefail
cd "$(dirname "$0")/.."
# Text layers only: OCR of image-only pages (when Tesseract is installed) is
# measured by benches/ocr.sh.
export MASHUP_OCR=${MASHUP_OCR:-never}
bin=${1:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet || exit 2
    bin=${CARGO_TARGET_DIR:-target}/release/mashup
fi
bin=$(realpath "$bin")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bad=0
for set in pdfs corpus; do
    dir=../shared/$set
    [ -d "$dir" ] || { echo "skipping: $dir not found"; continue; }
    while IFS= read -r -d '' f; do
        start=$(date +%s.%N)
        timeout 10 "$bin" extract --all "$f" -o "$out/text.txt" > /dev/null 2> "$out/err"
        code=$?
        end=$(date +%s.%N)
        printf '%s\t%s\t%s\n' "$(python3 -c "print(f'{$end-$start:.3f}')")" "$code" "$f" >> "$out/times"
        if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
            bad=$((bad + 1))
            echo "FAIL (exit $code): $f: $(head -c 300 "$out/err")"
        fi
    done < <(find "$dir" -name '*.pdf' -print0 | sort -z)
done
echo "slowest files (seconds, exit status, file):"
sort -rn "$out/times" | head -8
echo "$(wc -l < "$out/times") files, $bad crashes or timeouts; $(awk -F'\t' '$2 == 1' "$out/times" | wc -l) clean errors"
[ "$bad" -eq 0 ]
