#!/usr/bin/env bash
# Builds bindings/java/target/duban.jar: the io.github.duban classes, compiled with
# `javac --release 8` (they run on JDK 8 and every later JDK), and the duban-ffi native library
# for the build platform INSIDE the jar, at JNA's resource path (<os>-<arch>/, for example
# linux-x86-64/libduban_ffi.so), from where JNA loads it. JNA itself is not bundled: put
# Debian's /usr/share/java/jna.jar (package libjna-java, JNA 5) on the class path beside it.
#
#   bindings/java/build.sh                      # release build of the native library
#   DUBAN_PROFILE=debug bindings/java/build.sh  # debug build (faster to compile; CI tests)
#
# Needs: cargo, a JDK (javac and jar, 9 or newer for --release 8), JNA_JAR (default
# /usr/share/java/jna.jar).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jna="${JNA_JAR:-/usr/share/java/jna.jar}"
profile="${DUBAN_PROFILE:-release}"

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) prefix=linux-x86-64; lib=libduban_ffi.so ;;
    Linux-aarch64) prefix=linux-aarch64; lib=libduban_ffi.so ;;
    Darwin-x86_64) prefix=darwin-x86-64; lib=libduban_ffi.dylib ;;
    Darwin-arm64) prefix=darwin-aarch64; lib=libduban_ffi.dylib ;;
    *) echo "build.sh: unsupported platform $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

if [ ! -f "$jna" ]; then
    echo "build.sh: JNA not found at $jna (apt-get install libjna-java, or set JNA_JAR)" >&2
    exit 1
fi

if [ "$profile" = release ]; then
    (cd "$root" && cargo build -q --release -p duban-ffi)
else
    (cd "$root" && cargo build -q -p duban-ffi)
fi
target_dir="$(cd "$root" && cargo metadata --format-version 1 --no-deps 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
native="$target_dir/$profile/$lib"

out="$here/target"
rm -rf "$out/classes"
mkdir -p "$out/classes/$prefix"
javac -nowarn --release 8 -encoding UTF-8 -cp "$jna" -d "$out/classes" \
    "$here"/src/main/java/io/github/duban/*.java
cp "$native" "$out/classes/$prefix/$lib"
(cd "$out/classes" && jar cf "$out/duban.jar" .)
echo "built $out/duban.jar ($profile), with the native library for $prefix inside it ($prefix/$lib);"
echo "use it with $jna on the class path"
