#!/usr/bin/env bash
# Side-by-side speed: ripgrep (`rg -o -i -w -F -f TERMS`, literal terms with `*` removed) over
# ../shared/text/manifesto-project-uk/, next to the matcher's criterion bench on the same text.
# Usage: benches/compare-rg.sh [LEXICON.toml]   (default: tests/lexicon/sample.toml)
set -euo pipefail
cd "$(dirname "$0")/.."
lexicon=${1:-tests/lexicon/sample.toml}
dir=../shared/text/manifesto-project-uk
[ -d "$dir" ] || { echo "skipping: $dir not found"; exit 0; }
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
runs=5
start=$(date +%s.%N)
for _ in $(seq $runs); do rg -j1 -o -i -w -F -f "$terms" "$dir" --glob '*.txt' > /dev/null || true; done
end=$(date +%s.%N)
python3 -c "import sys; b,s,e,r=map(float,sys.argv[1:]); print(f'rg -j1 -o -i -w -F: {b*r/(e-s)/1e6:.0f} MB/s over {b/1e6:.1f} MB ({int(r)} runs, $(wc -l < "$terms") terms)')" "$bytes" "$start" "$end" "$runs"
echo "matcher (criterion, single thread):"
cargo bench --bench matching -- "find_mentions" 2>/dev/null | grep -E "^matching|thrpt"
