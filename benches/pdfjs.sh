#!/usr/bin/env bash
# The 905 reduced bug-report PDFs of pdf.js (../shared/pdfjs/files), one
# `mashup extract --all FILE` process each, against pdftotext's and mutool's
# word counts (../shared/pdfjs/BASELINE.tsv) and pdftotext's own text:
#
# - files with text: mashup against pdftotext and mutool;
# - every run's exit status, time and peak memory (bars: no panic, nothing
#   over 10 s, nothing over 500 MB);
# - where pdftotext or mutool gets 20 words or more, words_f1 against
#   pdftotext (../shared/tools/textscore; bar: >= 0.9 on 95% of them), with
#   the files below 0.9 listed, and, when mutool is installed, against
#   whichever of pdftotext and mutool agrees better (where the two peers
#   disagree, one of them is wrong);
# - the files where a peer gets text and mashup none, with what mashup said
#   (bar: each has a warning or an error on stderr).
#
#   benches/pdfjs.sh [DIR]     (needs pdftotext: apt-get install poppler-utils)
set -uo pipefail
cd "$(dirname "$0")/.."
# Text layers only: OCR of image-only pages (when Tesseract is installed) is
# measured by benches/ocr.sh.
export MASHUP_OCR=${MASHUP_OCR:-never}
shared=../shared
files=$shared/pdfjs/files
out=${1:-target/pdfjs}
command -v pdftotext >/dev/null || { echo "pdftotext not found: apt-get install poppler-utils" >&2; exit 2; }
cargo build --release --quiet || exit 2
rm -rf "$out"; mkdir -p "$out"
for pdf in "$files"/*.pdf; do
    name=$(basename "$pdf" .pdf)
    /usr/bin/time -f "%e %M" -o "$out/$name.time" \
        timeout 10 ./target/release/mashup extract --all "$pdf" -o "$out/$name.mashup.txt" \
        2>"$out/$name.err"
    echo $? >"$out/$name.exit"
    timeout 10 pdftotext -q "$pdf" "$out/$name.pdftotext.txt" 2>/dev/null || : >"$out/$name.pdftotext.txt"
    if command -v mutool >/dev/null; then
        timeout 10 mutool draw -q -F txt -o "$out/$name.mutool.txt" "$pdf" 2>/dev/null || : >"$out/$name.mutool.txt"
    fi
done
python3 - "$out" "$shared" <<'EOF'
import csv, os, shutil, subprocess, sys
out, shared = sys.argv[1], sys.argv[2]
base = {r["file"][:-4]: (int(r["pdftotext_words"] or 0), int(r["mutool_words"] or 0))
        for r in csv.DictReader(open(f"{shared}/pdfjs/BASELINE.tsv"), delimiter="\t")}
def read(path):
    try:
        return open(path, errors="replace").read()
    except OSError:
        return ""
rows = {}
for name in sorted(base):
    status = int(read(f"{out}/{name}.exit").strip() or 0)
    times = read(f"{out}/{name}.time").split()
    secs, kb = (float(times[-2]), int(times[-1])) if len(times) >= 2 else (0.0, 0)
    words = len(read(f"{out}/{name}.mashup.txt").split())
    rows[name] = (status, secs, kb, words, read(f"{out}/{name}.err").strip())
has = lambda k: sum(1 for n in base if k(n))
print(f"files: {len(base)}; with text: mashup {has(lambda n: rows[n][3] > 0)}, "
      f"pdftotext {has(lambda n: base[n][0] > 0)}, mutool {has(lambda n: base[n][1] > 0)}")
panics = [n for n in base if rows[n][0] == 101]
slow = [n for n in base if rows[n][0] == 124 or rows[n][1] > 10]
big = [n for n in base if rows[n][2] > 500 * 1024]
print(f"panics: {len(panics)} {panics}; over 10 s: {len(slow)} {slow}; over 500 MB: {len(big)} {big}")
print(f"slowest: {max(rows[n][1] for n in base):.2f} s; most memory: {max(rows[n][2] for n in base) / 1024:.0f} MB")
def words_f1(n, peer):
    if not os.path.exists(f"{out}/{n}.{peer}.txt"):
        return None
    line = subprocess.run([f"{shared}/tools/textscore", f"{out}/{n}.mashup.txt", f"{out}/{n}.{peer}.txt"],
                          capture_output=True, text=True).stdout
    return float(line.split("words_f1=")[1].split()[0]) if "words_f1=" in line else 0.0
scored, low, low_both = 0, [], 0
for n in base:
    if max(base[n]) < 20:
        continue
    scored += 1
    f1, f1_mutool = words_f1(n, "pdftotext"), words_f1(n, "mutool")
    if f1 < 0.9:
        low.append((f1, f1_mutool, n))
        low_both += f1_mutool is None or f1_mutool < 0.9
print(f"peer gets >= 20 words: {scored}; words_f1 >= 0.9 against pdftotext on {scored - len(low)} "
      f"({(scored - len(low)) / max(scored, 1):.1%})")
if shutil.which("mutool"):
    print(f"  against the better of pdftotext and mutool: {scored - low_both} "
          f"({(scored - low_both) / max(scored, 1):.1%})")
for f1, f1_mutool, n in sorted(low):
    against_mutool = "" if f1_mutool is None else f", {f1_mutool:.3f} against mutool"
    print(f"  words_f1 {f1:.3f}{against_mutool}  {n}  (pdftotext {base[n][0]}, mutool {base[n][1]}, mashup {rows[n][3]} words)")
silent = [n for n in base if max(base[n]) > 0 and rows[n][3] == 0]
print(f"a peer gets text, mashup none: {len(silent)}; of them with nothing on stderr: "
      f"{sum(1 for n in silent if not rows[n][4])}")
for n in silent:
    print(f"  {n} (pdftotext {base[n][0]}, mutool {base[n][1]}): {rows[n][4].splitlines()[-1] if rows[n][4] else '(silent)'}")
EOF
