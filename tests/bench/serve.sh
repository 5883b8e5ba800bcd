#!/bin/sh
# Benchmarks `clausekit serve` on loopback: 200 checks from 20 concurrent
# clients over the test corpus and the samples. Every answer must equal the
# command line's report for the same file; reports requests per second and
# peak memory. Usage: tests/bench/serve.sh BUILD
set -eu
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
case $build in /*) ;; *) build=$top/$build ;; esac
ck=$build/clausekit
out=$build/bench/serve
rm -rf "$out"
mkdir -p "$out/inputs" "$out/expected" "$out/tmp"
export CLAUSEKIT_DATA="$top"

# The contracts, each under its own name, and the command line's report for it.
sh tests/corpus/pack-all.sh "$out/corpus" >/dev/null
for f in "$out"/corpus/*.docx "$out"/corpus/*.odt samples/*.docx samples/*.odt; do
    [ -f "$f" ] || continue
    cp "$f" "$out/inputs/"
done
(cd "$out/inputs" && for f in *; do "$ck" check "$f" --format json >"$out/expected/$f.json" || [ $? -eq 1 ]; done)

mkfifo "$out/url"
TMPDIR="$out/tmp" "$ck" serve --listen 127.0.0.1:0 --queue 64 >"$out/url" 2>"$out/log" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
read -r url <"$out/url"
status=0
python3 tests/bench/serve_load.py "$url" "$out/inputs" "$out/expected" 200 20 "$pid" || status=$?
kill "$pid"
wait "$pid" 2>/dev/null || true
trap - EXIT
requests=$(grep -c 'POST /api/check 200' "$out/log" || true)
printf '  server log             %s lines for POST /api/check 200\n' "$requests"
left=$(ls -A "$out/tmp" | wc -l)
printf '  uploads left behind    %s\n' "$left"
[ "$left" -eq 0 ] || status=1
exit $status
