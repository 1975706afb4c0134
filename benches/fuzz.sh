#!/usr/bin/env bash
# Coverage-guided fuzzing of the whole read path (fuzz/fuzz_targets/read_pdf.rs)
# for a bounded time, with libFuzzer through cargo-fuzz on the stable
# toolchain (no sanitizer: see fuzz/README.md for why that is enough here).
#
#   benches/fuzz.sh SECONDS [WORKERS]
#
# Seeds are read from ../shared at run time (pdfs/, pdfjs/files/, corpus/)
# and from the project's own corpus/; what the fuzzer learns goes to
# $FUZZ_WORK (default target/fuzz-work, never committed): corpus/ keeps the
# inputs that found new coverage (a later run starts from them), artifacts/
# the crashes (crash-*), hangs (timeout-*) and memory blow-ups (oom-*).
# A hang is a file that takes more than 2 s (libFuzzer saves it as
# slow-unit-*; its own timeout is set to 10 s, because its alarm handler can
# deadlock in malloc when a starved process is interrupted mid-allocation,
# which happened here), a blow-up one that needs more than 500 MB: the bars
# of issue 11. Every artifact becomes a test in
# tests/fuzz_regressions.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: benches/fuzz.sh SECONDS [WORKERS]}
workers=${2:-1}
work=${FUZZ_WORK:-$PWD/target/fuzz-work}
mkdir -p "$work/corpus" "$work/artifacts"

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

seeds=()
for dir in ../shared/pdfs ../shared/pdfjs/files ../shared/corpus corpus; do
    [ -d "$dir" ] && seeds+=("$dir")
done

# Stable toolchain: libFuzzer's coverage instrumentation needs only stable
# codegen flags; -s none leaves out AddressSanitizer, which needs nightly
# (and the read path is safe Rust, so it would find nothing more).
cd fuzz
cargo fuzz build --sanitizer none --release read_pdf
log="$work/fuzz-$(date +%Y%m%d-%H%M%S).log"
set +e
cargo fuzz run --sanitizer none --release read_pdf "$work/corpus" "${seeds[@]/#/../}" -- \
    -max_total_time="$seconds" -timeout=10 -report_slow_units=2 -rss_limit_mb=500 -malloc_limit_mb=500 \
    -max_len=1048576 -fork="$workers" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 2>&1 | tee "$log" | grep -E "^#|ERROR|crash|timeout|oom|DONE|INFO: fuzzed" | tail -n 40
status=${PIPESTATUS[0]}
set -e
# A slow unit on a busy machine may be starvation, not a hang: run each one
# again alone and keep only those still over 2 s.
bin=$(find target -path '*/release/read_pdf' -type f | head -1)
for t in "$work"/artifacts/timeout-* "$work"/artifacts/slow-unit-*; do
    [ -e "$t" ] || continue
    if timeout 2 "$bin" -runs=1 "$t" >/dev/null 2>&1; then
        mkdir -p "$work/not-reproduced"
        mv "$t" "$work/not-reproduced/"
        echo "not a hang when run alone: $(basename "$t")"
    fi
done
echo
echo "fuzzed for $seconds s with $workers worker(s); log: $log"
echo "corpus: $(ls "$work/corpus" | wc -l) inputs"
found=$(ls "$work/artifacts" | wc -l)
echo "artifacts: $found"
ls -l "$work/artifacts" | tail -n +2
exit "$status"
