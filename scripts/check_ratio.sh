#!/usr/bin/env bash
# Issue 11's measurement: `duban check --no-explain` beside the floor of any serde_json-based
# reader (read the file, `from_slice::<IgnoredAny>` over it), in one run on one machine.
#
#   bash scripts/check_ratio.sh [N]        # N matters (default 1000000), seed 1
#
# Generates target/caseload-N.json with examples/gen_caseload.rs if it is not there, then
# prints for each of the two: wall seconds, user + system seconds and peak resident memory
# (GNU time), and the ratios: check / floor (time) and peak memory / input size.
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
check=$(measure check target/release/duban check "$file" --no-explain)
printf '%-6s %8s %8s %10s\n' "" wall cpu "peak MB"
for line in "$floor" "$check"; do
    read -r label wall cpu rss <<< "$line"
    printf '%-6s %8.2f %8.2f %10.0f\n' "$label" "$wall" "$cpu" "$(echo "$rss / 1024" | bc)"
done
read -r _ fwall fcpu _ <<< "$floor"
read -r _ cwall ccpu crss <<< "$check"
echo "input: $n matters, $bytes bytes"
echo "check / floor: wall $(echo "scale=2; $cwall / $fwall" | bc)x, cpu $(echo "scale=2; $ccpu / $fcpu" | bc)x"
echo "check peak memory / input: $(echo "scale=2; $crss * 1024 / $bytes" | bc)x"
