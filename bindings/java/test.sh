#!/usr/bin/env bash
# Builds the jar (build.sh) and runs the Java tests: every conformance case and the API's own
# checks (nulls, bad dates, closed handles, batches, 8 threads). Plain runner, no JUnit.
#   DUBAN_PROFILE=debug bindings/java/test.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jna="${JNA_JAR:-/usr/share/java/jna.jar}"
"$here/build.sh"
mkdir -p "$root/target/c" "$here/target/test-classes"
python3 "$root/ffi/tests/c/flatten_cases.py" "$root/conformance/cases.json" > "$root/target/c/cases.tsv"
javac -nowarn --release 8 -encoding UTF-8 -cp "$here/target/duban.jar:$jna" -d "$here/target/test-classes" \
    "$here"/src/test/java/io/github/duban/*.java
cd "$root"
java -Dfile.encoding=UTF-8 -cp "$here/target/duban.jar:$jna:$here/target/test-classes" io.github.duban.DubanTest target/c/cases.tsv
