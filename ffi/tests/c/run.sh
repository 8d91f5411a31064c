#!/usr/bin/env bash
# The C side of duban-ffi, from the repository root or anywhere:
#   1. the committed header ffi/include/duban.h is what cbindgen generates now;
#   2. the C test (every conformance case, every function, bad inputs, 8 threads) passes
#      under AddressSanitizer + LeakSanitizer + UndefinedBehaviorSanitizer, linked statically.
# Needs cc and python3; cbindgen 0.24.3 (Debian bookworm's package) for step 1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

mkdir -p target/c
if [ "${DUBAN_SKIP_HEADER_CHECK:-}" != 1 ]; then
    cbindgen --quiet --config ffi/cbindgen.toml --crate duban-ffi --output target/c/duban.h ffi
    if ! diff -u ffi/include/duban.h target/c/duban.h; then
        echo "ffi/include/duban.h is stale: regenerate it with" >&2
        echo "  (cd ffi && cbindgen --config cbindgen.toml --crate duban-ffi --output include/duban.h)" >&2
        exit 1
    fi
    echo "ffi/include/duban.h is up to date"
fi

cargo build -q -p duban-ffi
target_dir="$(cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
python3 ffi/tests/c/flatten_cases.py conformance/cases.json > target/c/cases.tsv
cc -std=c11 -Wall -Wextra -Werror -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
    -fno-sanitize-recover=undefined -Iffi/include ffi/tests/c/test_duban.c \
    "$target_dir/debug/libduban_ffi.a" -lpthread -ldl -lm -o target/c/test_duban
ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0 \
    target/c/test_duban target/c/cases.tsv
