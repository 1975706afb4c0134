#!/usr/bin/env bash
# Guards performance work: extracts every PDF of ../shared/corpus (and ../shared/pdfs) with two
# `mashup` binaries and diffs the outputs, so a speed-up that changes text shows up at once.
# Both binaries need `extract --output-dir` (so the baseline is main plus that option).
# Usage: benches/check-identical.sh BEFORE_BINARY AFTER_BINARY [OUT_DIR]
# Exit status 0 when every output is byte-identical, 1 otherwise (the differing files are listed).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BEFORE_BINARY AFTER_BINARY [OUT_DIR]" >&2; exit 2; }
before=$(realpath "$1")
after=$(realpath "$2")
cd "$(dirname "$0")/.."
# Text layers only: OCR of image-only pages (when Tesseract is installed) is
# measured by benches/ocr.sh.
export MASHUP_OCR=${MASHUP_OCR:-never}
out=${3:-$(mktemp -d)}
mkdir -p "$out"
status=0
for set in corpus pdfs; do
    dir=../shared/$set
    [ -d "$dir" ] || { echo "skipping: $dir not found"; continue; }
    mapfile -d '' files < <(cd "$dir" && find . -name '*.pdf' -printf '%P\0' | sort -z)
    for mode in body all; do
        flag=()
        [ "$mode" = all ] && flag=(--all)
        for which in before after; do
            bin=$before
            [ "$which" = after ] && bin=$after
            (cd "$dir" && "$bin" extract "${flag[@]}" -j 1 --output-dir "$out/$which/$set-$mode" \
                "${files[@]}" > /dev/null 2> "$out/$which-$set-$mode.stderr") || true
        done
        if diff -rq "$out/before/$set-$mode" "$out/after/$set-$mode"; then
            echo "$set ($mode): ${#files[@]} files, all outputs identical"
        else
            status=1
        fi
    done
done
exit $status
