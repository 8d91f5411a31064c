#!/usr/bin/env bash
# Builds the offline deadline page into web/dist/: static files only (HTML, CSS, JS, the
# WebAssembly module and an example caseload), served as they are by any static web server.
# Needs what wasm/build.sh needs (the wasm32 target and the pinned wasm-bindgen-cli).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -rf web/dist
mkdir -p web/dist
bash wasm/build.sh web/dist/pkg
cp web/index.html web/app.js web/style.css web/dist/
cp examples/data/caseload.json web/dist/example-caseload.json
echo "built web/dist: $(find web/dist -type f | wc -l) files, $(du -sk web/dist | cut -f1) KiB"
