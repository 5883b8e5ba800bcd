#!/bin/sh
# Builds each libFuzzer harness in tests/fuzz/ with clang (ASan + UBSan) and
# runs it for SECONDS (default 60), seeded from samples/ and the bad-input
# generator. Usage: tests/fuzz/run.sh [SECONDS]
set -eu
seconds=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
out=build/fuzz
mkdir -p "$out"
pkgs="libxml-2.0 libzip libcmark-gfm libpcre2-8 libutf8proc yaml-0.1"
cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -Isrc -Itests $(pkg-config --cflags $pkgs)"
cflags="$cflags -DCK_VERSION=\"fuzz\" -DCK_DATADIR=\"$top\""
libs="$(pkg-config --libs $pkgs) -lcmark-gfm-extensions -lcsv -lm"
san="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
lib_src=$(ls src/*/*.c | grep -v '^src/main.c$')

# Seeds: the samples, the test corpus if packed, and every bad-input kind.
seeds="$out/seeds"
rm -rf "$seeds"; mkdir -p "$seeds"
for f in samples/*.docx samples/*.odt; do [ -f "$f" ] && cp "$f" "$seeds/"; done
make --no-print-directory build/tests/e2e/mkhostile >/dev/null
for k in valid truncated no-main rels-nowhere doctype bad-utf8 duplicate overlap encrypted-odt; do
    build/tests/e2e/mkhostile $k "$seeds/$k.zip"
done

status=0
for harness in tests/fuzz/fuzz_*.c; do
    name=$(basename "$harness" .c)
    echo "== $name: building"
    # shellcheck disable=SC2086
    clang $cflags $san -o "$out/$name" "$harness" $lib_src $libs
    corpus="$out/corpus-$name"
    mkdir -p "$corpus"
    echo "== $name: running for ${seconds}s"
    if "$out/$name" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
        -artifact_prefix="$out/$name-" "$corpus" "$seeds" >"$out/$name.log" 2>&1; then
        tail -n 2 "$out/$name.log"
        echo "== $name: ran ${seconds}s clean"
    else
        tail -n 40 "$out/$name.log"
        echo "== $name: FAILED (crash input in $out/$name-*)"
        status=1
    fi
done
exit $status
