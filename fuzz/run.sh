#!/usr/bin/env bash
# Fuzzes one target of duban for a while, seeded from the repository's own data files.
#
#   bash fuzz/run.sh TARGET [SECONDS]      # TARGET: caseload generated policy notice dates
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); with
# DUBAN_FUZZ_STABLE=1, builds the target on stable instead (no sanitizer). The corpus is
# fuzz/corpus/TARGET (not committed): the seeds listed for TARGET in fuzz/seeds.list are
# copied into it first, so a fresh clone starts from them and later runs from what the
# fuzzer found. Crashes go to fuzz/artifacts/TARGET; reproduce one with
# `cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-...`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

target="${1:?usage: fuzz/run.sh TARGET [SECONDS]}"
seconds="${2:-300}"

# The seed sources of TARGET.
sources=$(awk -v t="$target" '$1 == t { print $2 }' fuzz/seeds.list)
if [ -z "$sources" ]; then
    echo "fuzz/run.sh: no target $target in fuzz/seeds.list" >&2
    exit 2
fi

corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
for source in $sources; do
    if [ -d "$source" ]; then
        find "$source" -maxdepth 1 -type f -exec cp -n {} "$corpus/" \;
    else
        cp -n "$source" "$corpus/"
    fi
done

options=(-dict=duban.dict -max_total_time="$seconds" -max_len=1048576 -timeout=10 -rss_limit_mb=4096)
cd fuzz

if [ "${DUBAN_FUZZ_STABLE:-}" = 1 ]; then
    # Without nightly: the coverage instrumentation cargo-fuzz adds, on stable, without a
    # sanitizer (so out-of-bounds reads in unsafe code would go unseen; duban has none).
    host=$(rustc -vV | sed -n 's/^host: //p')
    RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks" \
        cargo build --release --bin "$target" --target "$host"
    exec "target/$host/release/$target" "corpus/$target" "${options[@]}"
fi

exec cargo +nightly fuzz run "$target" "corpus/$target" -- "${options[@]}"
