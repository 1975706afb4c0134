#!/usr/bin/env bash
# The awkward PDFs of ../shared/pdfs: for each file, how long `mashup extract`
# takes, and how its words compare with pdftotext's (words_f1, from
# ../shared/tools/textscore) where pdftotext finds 100 words or more.
#
#   benches/awkward-pdfs.sh [DIR]     (needs pdftotext: apt-get install poppler-utils)
set -uo pipefail
cd "$(dirname "$0")/.."
# Text layers only: OCR of image-only pages (when Tesseract is installed) is
# measured by benches/ocr.sh.
export MASHUP_OCR=${MASHUP_OCR:-never}
shared=../shared
out=${1:-target/awkward-pdfs}
command -v pdftotext >/dev/null || { echo "pdftotext not found: apt-get install poppler-utils" >&2; exit 2; }
cargo build --release --quiet || exit 2
rm -rf "$out"; mkdir -p "$out"
compared=0; good=0
while IFS= read -r -d '' pdf; do
    name=$(echo "${pdf#"$shared"/pdfs/}" | tr '/' '_')
    start=$(date +%s.%N)
    ./target/release/mashup extract "$pdf" -o "$out/$name.mashup.txt" 2>"$out/$name.err"
    status=$?
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    pdftotext "$pdf" "$out/$name.pdftotext.txt" 2>/dev/null || : >"$out/$name.pdftotext.txt"
    words=$(wc -w <"$out/$name.pdftotext.txt")
    score="-"
    if [ "$words" -ge 100 ] && [ -f "$out/$name.mashup.txt" ]; then
        score=$("$shared"/tools/textscore "$out/$name.mashup.txt" "$out/$name.pdftotext.txt" | sed -E 's/.*words_f1=([0-9.]+).*/\1/')
        compared=$((compared + 1))
        if [ "$(echo "$score >= 0.9" | bc)" = 1 ]; then good=$((good + 1)); fi
    fi
    printf '%-75s exit=%s %6.2fs pdftotext_words=%-6s words_f1=%s\n' "${pdf#"$shared"/pdfs/}" "$status" "$secs" "$words" "$score"
done < <(find "$shared/pdfs" -name '*.pdf' -print0 | sort -z)
echo "files where pdftotext finds >= 100 words: $compared; words_f1 >= 0.9 on $good"
