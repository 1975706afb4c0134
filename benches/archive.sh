#!/usr/bin/env bash
# A synthetic archive of 5,000 PDFs, scanned at 500, 1,000, 2,000 and 5,000
# files: files and MB per second, peak memory, with the cache cold and warm,
# and `merge` rendering HTML from the JSON Lines of the scan (issue 10).
#
#   benches/archive.sh [SIZES...]     (default: 500 1000 2000 5000)
#
# The archive is built once in target/archive from ../shared/corpus (68 real
# manifestos) and the sample corpus: each file is a copy of one of them with
# a comment line appended after its end (`%archive-copy N`), so every file
# has its own content hash, as a real archive's files do, and no cache entry
# serves two of them. Nothing is copied into the repository. It needs about
# 5.7 GB of disk; `rm -rf target/archive` frees it.
#
# Reference figure: the 68-file corpus itself, scanned the same way. The
# bars: peak memory at 5,000 files within 1.5x of 500 and under 200 MB
# (scan and merge), throughput at 5,000 at least 90% of the 68-file
# corpus's, a warm-cache scan at least 20x faster than a cold one.
set -euo pipefail
cd "$(dirname "$0")/.."
# Text layers only: OCR of image-only pages (when Tesseract is installed) is
# measured by benches/ocr.sh.
export MASHUP_OCR=${MASHUP_OCR:-never}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(500 1000 2000 5000)
max=0
for n in "${sizes[@]}"; do [ "$n" -gt "$max" ] && max=$n; done

cargo build --release --quiet
bin=$PWD/target/release/mashup
work=$PWD/target/archive
mkdir -p "$work"

mapfile -t sources < <(find ../shared/corpus corpus -name '*.pdf' | sort)
[ ${#sources[@]} -gt 0 ] || { echo "no PDFs in ../shared/corpus or corpus/" >&2; exit 2; }
have=$( (find "$work/files" -name '*.pdf' 2>/dev/null || true) | wc -l)
if [ "$have" -lt "$max" ]; then
    echo "building the archive: $max files from ${#sources[@]} sources ..." >&2
    mkdir -p "$work/files"
    for ((i = have; i < max; i++)); do
        src=${sources[i % ${#sources[@]}]}
        dir=$work/files/$(printf %03d $((i / 100)))
        mkdir -p "$dir"
        dst=$dir/$(printf %05d "$i")-$(basename "$src")
        { cat "$src"; printf '\n%%archive-copy %d\n' "$i"; } >"$dst"
    done
fi
find "$work/files" -name '*.pdf' | sort >"$work/all.txt"
# Each copy belongs to its source's party (from ../shared/corpus/INDEX.tsv
# and corpus/index.csv), as in a real archive: a few dozen parties over
# thousands of files, not one party per file name.
python3 - "$work" <<'PY'
import csv, os, re, sys
work = sys.argv[1]
meta = {}
for row in csv.DictReader(open("../shared/corpus/INDEX.tsv"), delimiter="\t"):
    meta[os.path.basename(row["file"])] = (row["party"], row["year"], row["country"])
for row in csv.DictReader(open("corpus/index.csv")):
    meta[os.path.basename(row["file"])] = (row["party"], row.get("year", ""), row.get("country", ""))
files = os.path.join(work, "files")
with open(os.path.join(files, "index.csv"), "w", newline="") as out:
    w = csv.writer(out)
    w.writerow(["file", "party", "year", "country"])
    for line in open(os.path.join(work, "all.txt")):
        path = line.rstrip("\n")
        source = re.sub(r"^\d{5}-", "", os.path.basename(path))
        party, year, country = meta.get(source, (source, "", ""))
        w.writerow([os.path.relpath(path, files), party, year, country])
PY
index=(--index "$work/files/index.csv")

# Reads every file of a list once, so that timed runs find them in the page
# cache (5.7 GB fits in memory): the figures are mashup's, not the disk's.
warm_page_cache() { xargs -d '\n' cat <"$1" >/dev/null; }

# seconds, peak KB and --stats line of one run; stdout of the run discarded.
measure() {
    local log=$work/run.log
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" --stats >/dev/null 2>"$log" || true
    read -r secs kb <"$work/time"
    echo "$secs $kb"
}

row() { printf '%-22s %8s %8s %9s %9s %9s\n' "$@"; }
row "run" "files" "seconds" "files/s" "MB/s" "peak MB"
report() {
    local name=$1 files=$2 mb=$3 secs=$4 kb=$5
    row "$name" "$files" "$secs" \
        "$(python3 -c "print(f'{$files/max($secs,0.01):.1f}')")" \
        "$(python3 -c "print(f'{$mb/max($secs,0.01):.1f}')")" \
        "$(python3 -c "print(f'{$kb/1024:.0f}')")"
}
size_mb() { xargs -d '\n' du -b <"$1" | awk '{n += $1} END {printf "%.1f", n/1e6}'; }

find ../shared/corpus -name '*.pdf' | sort >"$work/corpus.txt"
warm_page_cache "$work/corpus.txt"
read -r secs kb < <(measure "$bin" scan --files-from "$work/corpus.txt" --format jsonl -o "$work/corpus.jsonl")
report "corpus (68 files)" "$(wc -l <"$work/corpus.txt")" "$(size_mb "$work/corpus.txt")" "$secs" "$kb"

for n in "${sizes[@]}"; do
    head -n "$n" "$work/all.txt" >"$work/list-$n.txt"
    mb=$(size_mb "$work/list-$n.txt")
    warm_page_cache "$work/list-$n.txt"
    read -r secs kb < <(measure "$bin" scan "${index[@]}" --files-from "$work/list-$n.txt" --format jsonl -o "$work/scan-$n.jsonl")
    report "scan $n" "$n" "$mb" "$secs" "$kb"
    rm -rf "$work/cache-$n"
    read -r secs kb < <(measure "$bin" scan "${index[@]}" --files-from "$work/list-$n.txt" --format jsonl -o /dev/null --cache "$work/cache-$n")
    report "  cache cold" "$n" "$mb" "$secs" "$kb"
    read -r secs kb < <(measure "$bin" scan "${index[@]}" --files-from "$work/list-$n.txt" --format jsonl -o /dev/null --cache "$work/cache-$n")
    report "  cache warm" "$n" "$mb" "$secs" "$kb"
    # An edited lexicon (one comment more: another hash): every document is
    # matched again, from the cached text.
    { cat keywords/social-economy.toml; echo "# edited"; } >"$work/edited.toml"
    read -r secs kb < <(measure "$bin" scan "${index[@]}" --files-from "$work/list-$n.txt" --format jsonl -o /dev/null --cache "$work/cache-$n" --lexicon "$work/edited.toml")
    report "  lexicon edited" "$n" "$mb" "$secs" "$kb"
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" merge "$work/scan-$n.jsonl" --format html -o "$work/report-$n.html"
    read -r secs kb <"$work/time"
    report "  merge to html" "$n" "$(du -b "$work/scan-$n.jsonl" | awk '{printf "%.1f", $1/1e6}')" "$secs" "$kb"
    rm -rf "$work/cache-$n"
done
