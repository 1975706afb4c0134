#!/usr/bin/env bash
# Extraction quality on the real corpus: runs `mashup extract` on every PDF of
# ../shared/corpus into DIR/<subfolder>/<name>.txt, then scores the results
# with ../shared/tools/textscore against the hand-corrected ground truth and
# against pdftotext's output.
#
#   benches/extraction-quality.sh [DIR]      (default DIR: target/extraction-quality)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
out=${1:-target/extraction-quality}
cargo build --release --quiet
rm -rf "$out"
mkdir -p "$out"
for pdf in "$shared"/corpus/*/*.pdf; do
    rel=${pdf#"$shared"/corpus/}
    mkdir -p "$out/$(dirname "$rel")"
    ./target/release/mashup extract "$pdf" -o "$out/${rel%.pdf}.txt" 2>>"$out/stderr.log" || true
done
echo "== against the ground truth"
"$shared"/tools/textscore --index "$shared"/corpus/INDEX.tsv --candidates "$out"
echo "== against pdftotext"
"$shared"/tools/textscore --index "$shared"/corpus/INDEX.tsv --candidates "$out" --against pdftotext
