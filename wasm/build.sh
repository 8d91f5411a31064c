#!/usr/bin/env bash
# Builds the duban-wasm JavaScript package into wasm/pkg/ (or the directory given as $1):
# the release WebAssembly build, wasm-bindgen's ES module glue (--target web, which Node
# loads too: node.js hands it the bytes), and the hand-written API, package.json and types.
# Needs the wasm32-unknown-unknown target and wasm-bindgen-cli of the exact version that
# wasm/Cargo.toml pins (.ci/run installs both).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-wasm/pkg}"
want=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' wasm/Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [ "$have" != "$want" ]; then
    echo "wasm/build.sh: wasm-bindgen-cli $want is needed (found: ${have:-none});" >&2
    echo "  cargo install wasm-bindgen-cli --version $want --locked" >&2
    exit 1
fi
cargo build -q -p duban-wasm --target wasm32-unknown-unknown --release
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
    target/wasm32-unknown-unknown/release/duban_wasm.wasm
cp wasm/js/api.js wasm/js/index.js wasm/js/node.js wasm/js/index.d.ts wasm/js/package.json "$out/"
echo "built $out ($(wc -c < "$out/duban_wasm_bg.wasm") bytes of WebAssembly)"
