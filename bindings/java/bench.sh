#!/usr/bin/env bash
# The binding benchmarks side by side in one run: Rust (the library, and its C ABI called from
# Rust), C, and Java, on the same inputs: add_workdays per call, one million D1 deadlines
# through the batch call, and the check of a generated 100,000-matter caseload (no
# explanations). Release builds; takes a few minutes the first time.
#   bindings/java/bench.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jna="${JNA_JAR:-/usr/share/java/jna.jar}"
cd "$root"
DUBAN_PROFILE=release "$here/build.sh" >/dev/null
cargo build -q --release -p duban-ffi --example bench
caseload=target/caseload-100k.json
if [ ! -f "$caseload" ]; then
    cargo run -q --release --example gen_caseload -- 100000 > "$caseload"
fi
mkdir -p target/c "$here/target/bench-classes"
cc -std=c11 -O2 -Iffi/include ffi/tests/c/bench_duban.c target/release/libduban_ffi.a \
    -lpthread -ldl -lm -o target/c/bench_duban
javac -nowarn --release 8 -encoding UTF-8 -cp "$here/target/duban.jar:$jna" -d "$here/target/bench-classes" \
    "$here"/src/bench/java/io/github/duban/*.java
target/release/examples/bench "$caseload"
target/c/bench_duban "$caseload"
java -cp "$here/target/duban.jar:$jna:$here/target/bench-classes" io.github.duban.Bench "$caseload"
