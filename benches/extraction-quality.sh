#!/usr/bin/env bash
# Extraction quality on the real corpus: runs `mashup extract` on every PDF of
# ../shared/corpus into DIR/<subfolder>/<name>.txt, then scores the results
# with ../shared/tools/textscore against the hand-corrected ground truth and
# against pdftotext's output. Body text (furniture left out) is what the
# ground truth holds; pdftotext prints everything on the page, so it is also
# compared with `mashup extract --all` (into DIR-all), like with like.
#
#   benches/extraction-quality.sh [DIR]      (default DIR: target/extraction-quality)
set -euo pipefail
cd "$(dirname "$0")/.."
# Text layers only: OCR of image-only pages (when Tesseract is installed) is
# measured by benches/ocr.sh.
export MASHUP_OCR=${MASHUP_OCR:-never}
shared=../shared
out=${1:-target/extraction-quality}
cargo build --release --quiet
rm -rf "$out" "$out-all"
mkdir -p "$out"
for pdf in "$shared"/corpus/*/*.pdf; do
    rel=${pdf#"$shared"/corpus/}
    mkdir -p "$out/$(dirname "$rel")"
    ./target/release/mashup extract "$pdf" -o "$out/${rel%.pdf}.txt" 2>>"$out/stderr.log" || true
    mkdir -p "$out-all/$(dirname "$rel")"
    ./target/release/mashup extract --all "$pdf" -o "$out-all/${rel%.pdf}.txt" 2>>"$out/stderr.log" || true
done
echo "== against the ground truth"
"$shared"/tools/textscore --index "$shared"/corpus/INDEX.tsv --candidates "$out"
echo "== against pdftotext"
"$shared"/tools/textscore --index "$shared"/corpus/INDEX.tsv --candidates "$out" --against pdftotext
echo "== against pdftotext, everything on the page (--all)"
"$shared"/tools/textscore --index "$shared"/corpus/INDEX.tsv --candidates "$out-all" --against pdftotext
