#!/usr/bin/env bash
# Side by side, single thread, over every text in ../shared/text/manifesto-project-uk/ (10 MB):
#   ripgrep:  rg -j1 -o -i -w -F -f TERMS   (the lexicon's category terms, `*` removed, as literals)
#   mashup:   the matching stage of benches/matching.rs (folding, matching, an excerpt per match)
# and prints MB/s (10^6 bytes per second) for both.
#
# Usage: benches/compare-rg.sh [LEXICON.toml]   (default: keywords/social-economy.toml, the built-in)
#
# Needs, and installs nothing: `rg` (Debian: apt-get install ripgrep), python3 >= 3.11 (tomllib, to
# read the terms), cargo. Exits 0 with a message when ../shared is missing; exits 1 when a tool
# is missing. The rg figure is the mean of 5 runs after one warm-up run (so the files are in the
# page cache for both); the mashup figure is criterion's mean.
set -euo pipefail
cd "$(dirname "$0")/.."
lexicon=${1:-keywords/social-economy.toml}
dir=../shared/text/manifesto-project-uk
[ -d "$dir" ] || { echo "skipping: $dir not found"; exit 0; }
for tool in rg python3 cargo; do
    command -v "$tool" > /dev/null || { echo "missing: $tool (see the header of $0)" >&2; exit 1; }
done
terms=$(mktemp)
trap 'rm -f "$terms"' EXIT
python3 - "$lexicon" > "$terms" <<'PY'
import sys, tomllib
lex = tomllib.load(open(sys.argv[1], "rb"))
for c in lex.get("category", []):
    for t in c.get("terms", []) + c.get("case_sensitive", []):
        print(t.replace("*", ""))
PY
bytes=$(cat "$dir"/*.txt | wc -c)
echo "corpus: $(ls "$dir"/*.txt | wc -l) texts, $bytes bytes; lexicon: $lexicon ($(wc -l < "$terms") terms)"
rg_version=$(rg --version)
echo "${rg_version%%$'\n'*}; matches: $(rg -j1 -o -i -w -F -f "$terms" "$dir" --glob '*.txt' | wc -l)"
runs=5
start=$(date +%s.%N)
for _ in $(seq $runs); do rg -j1 -o -i -w -F -f "$terms" "$dir" --glob '*.txt' > /dev/null || true; done
end=$(date +%s.%N)
python3 -c "import sys; b,s,e,r=map(float,sys.argv[1:]); print(f'rg -j1 -o -i -w -F -f TERMS: {b*r/(e-s)/1e6:6.1f} MB/s')" \
    "$bytes" "$start" "$end" "$runs"
if [ "$lexicon" != keywords/social-economy.toml ]; then
    echo "(the criterion bench measures the built-in and the sample lexicon only)"
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
        print(f"mashup {bench:40} {bytes / seconds / 1e6:6.1f} MB/s")
        bench = None
' "$bytes"
