#!/usr/bin/env bash
# Issue 11's measurement: `duban check --no-explain` beside the floor of any serde_json-based
# reader (read the file, `from_slice::<IgnoredAny>` over it), in one run on one machine.
#
#   bash scripts/check_ratio.sh [N]        # N matters (default 1000000), seed 1
#
# Generates target/caseload-N.json with examples/gen_caseload.rs if it is not there, then
# prints for the floor, `check --threads 1` and `check` (one thread per core): wall seconds,
# user + system seconds and peak resident memory (GNU time), and the ratios: check / floor
# (time) and peak memory / input size. Last, it compares the reports of one thread and of
# every core byte for byte (sha256 of each, untimed runs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

n="${1:-1000000}"
file="target/caseload-$n.json"
cargo build --release -q -p duban-cli
cargo build --release -q --example gen_caseload --example json_floor
if [ ! -s "$file" ]; then
    target/release/examples/gen_caseload "$n" 1 > "$file"
fi
bytes=$(stat -c %s "$file")

measure() { # label command...: prints "label wall cpu maxrss_kb"
    local label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o target/check_ratio.time "$@" > /dev/null 2> target/check_ratio.err || {
        cat target/check_ratio.err >&2; exit 1; }
    read -r wall user sys rss < target/check_ratio.time
    echo "$label $wall $(echo "$user + $sys" | bc) $rss"
}

floor=$(measure floor target/release/examples/json_floor "$file")
one=$(measure check-1 target/release/duban check "$file" --no-explain --threads 1)
all=$(measure check target/release/duban check "$file" --no-explain)
printf '%-8s %8s %8s %10s %12s %12s %10s\n' "" wall cpu "peak MB" "wall/floor" "cpu/floor" "mem/input"
read -r _ fwall fcpu _ <<< "$floor"
for line in "$floor" "$one" "$all"; do
    read -r label wall cpu rss <<< "$line"
    printf '%-8s %8.2f %8.2f %10.0f %11.2fx %11.2fx %9.2fx\n' "$label" "$wall" "$cpu" \
        "$(echo "$rss / 1024" | bc)" "$(echo "scale=3; $wall / $fwall" | bc)" \
        "$(echo "scale=3; $cpu / $fcpu" | bc)" "$(echo "scale=3; $rss * 1024 / $bytes" | bc)"
done
echo "input: $n matters, $bytes bytes; $(nproc) cores"
h1=$(target/release/duban check "$file" --no-explain --threads 1 | sha256sum | cut -c1-16)
hn=$(target/release/duban check "$file" --no-explain | sha256sum | cut -c1-16)
if [ "$h1" = "$hn" ]; then
    echo "report of 1 thread and of every core: identical (sha256 $h1)"
else
    echo "report of 1 thread ($h1) and of every core ($hn) DIFFER" >&2
    exit 1
fi
