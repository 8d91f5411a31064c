#!/usr/bin/env bash
# Issue 11's measurement: `duban check --no-explain` beside the floor of any serde_json-based
# reader (read the file, `from_slice::<IgnoredAny>` over it), in one run on one machine, at
# each size asked for.
#
#   bash scripts/check_ratio.sh [N...]     # N matters each (default 100000 1000000 10000000), seed 1
#   REPEAT=5 bash scripts/check_ratio.sh 1000000
#
# For each N: generates target/caseload-N.json with examples/gen_caseload.rs if it is not
# there (and deletes it afterwards unless KEEP=1: 10M matters are 4.9 GB). Then, REPEAT
# times (default 3), runs the floor, `check --threads 1` and `check` (one thread per core)
# one after the other, so that each round meets the same machine, and measures wall seconds,
# user + system seconds and peak resident memory (GNU time). It prints each one's best
# round (the least wall time: what the machine can do when nothing else disturbs it) and
# its median wall time, and the ratios of the best: time / floor's and peak memory / input
# size. This machine's times vary from run to run by up to 2x (the kernel's time to give
# fresh memory swings, for the floor as for the check), hence rounds. Then it compares the
# reports of one thread and of every core byte for byte (sha256 of each, untimed runs), and
# prints the load average (`uptime`) before and after, since the machine may be shared.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000 10000000)
repeat=${REPEAT:-3}
cargo build --release -q -p duban-cli
cargo build --release -q --example gen_caseload --example json_floor

measure() { # command...: prints "wall cpu maxrss_kb"
    /usr/bin/time -f "%e %U %S %M" -o target/check_ratio.time "$@" > /dev/null 2> target/check_ratio.err || {
        cat target/check_ratio.err >&2; exit 1; }
    read -r wall user sys rss < target/check_ratio.time
    echo "$wall $(echo "$user + $sys" | bc) $rss"
}

# best LINES...: the line of least wall time, then the median wall time.
best() {
    printf '%s\n' "$@" | sort -n | head -n 1
}
median() {
    printf '%s\n' "$@" | sort -n | awk '{w[NR] = $1} END {print w[int((NR + 1) / 2)]}'
}

echo "$(nproc) cores; $(uptime); best of $repeat rounds"
printf '%-10s %-9s %8s %8s %9s %11s %10s %10s %10s\n' matters "" wall cpu "peak MB" wall/floor cpu/floor mem/input "median"
for n in "${sizes[@]}"; do
    file="target/caseload-$n.json"
    generated=""
    if [ ! -s "$file" ]; then
        target/release/examples/gen_caseload "$n" 1 > "$file"
        generated=1
    fi
    bytes=$(stat -L -c %s "$file")
    before=$(uptime | sed 's/.*load average: //')
    floors=() ones=() alls=()
    for _ in $(seq "$repeat"); do
        floors+=("$(measure target/release/examples/json_floor "$file")")
        ones+=("$(measure target/release/duban check "$file" --no-explain --threads 1)")
        alls+=("$(measure target/release/duban check "$file" --no-explain)")
    done
    after=$(uptime | sed 's/.*load average: //')
    floor=$(best "${floors[@]}")
    read -r fwall fcpu _ <<< "$floor"
    for label in floor "1 thread" "$(nproc) threads"; do
        case $label in
            floor) runs=("${floors[@]}") ;;
            "1 thread") runs=("${ones[@]}") ;;
            *) runs=("${alls[@]}") ;;
        esac
        read -r wall cpu rss <<< "$(best "${runs[@]}")"
        printf '%-10s %-9s %8.2f %8.2f %9.0f %10.2fx %9.2fx %9.2fx %10.2f\n' "$n" "$label" "$wall" "$cpu" \
            "$(echo "$rss / 1024" | bc)" "$(echo "scale=3; $wall / $fwall" | bc)" \
            "$(echo "scale=3; $cpu / $fcpu" | bc)" "$(echo "scale=3; $rss * 1024 / $bytes" | bc)" \
            "$(median "${runs[@]}")"
    done
    h1=$(target/release/duban check "$file" --no-explain --threads 1 | sha256sum | cut -c1-16)
    hn=$(target/release/duban check "$file" --no-explain | sha256sum | cut -c1-16)
    echo "           input $bytes bytes; load average $before before, $after after the timed runs"
    if [ "$h1" = "$hn" ]; then
        echo "           report of 1 thread and of every core: identical (sha256 $h1)"
    else
        echo "           report of 1 thread ($h1) and of every core ($hn) DIFFER" >&2
        exit 1
    fi
    if [ -n "$generated" ] && [ "${KEEP:-}" != 1 ]; then
        rm -f "$file"
    fi
done
