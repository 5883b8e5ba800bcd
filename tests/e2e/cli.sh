# cli.sh — the command line itself: help, version, languages, exit statuses.
. "$(dirname "$0")/lib.sh"

run "$CK" --version
if [ $rc -eq 0 ] && grep -Eq '^clausekit [0-9]+\.[0-9]+\.[0-9]+$' "$T/out"; then pass "--version"; else fail "--version: $(cat "$T/out")"; fi

run "$CK" --help
if [ $rc -eq 0 ] && grep -q 'usage: clausekit' "$T/out" && [ ! -s "$T/err" ]; then pass "--help on stdout, exit 0"; else fail "--help"; fi

run env CLAUSEKIT_LANG=zh-TW "$CK" --help
if [ $rc -eq 0 ] && grep -q '用法' "$T/out"; then pass "help in zh-TW"; else fail "help in zh-TW"; fi

run env -u CLAUSEKIT_LANG LANG=C.UTF-8 "$CK" --help
if grep -q '用法' "$T/out"; then pass "zh-TW is the default"; else fail "zh-TW is the default"; fi

run "$CK" --lang en --help
if grep -q 'usage' "$T/out"; then pass "--lang en"; else fail "--lang en"; fi

run "$CK" frobnicate
expect_error "unknown command" 2 "^clausekit: unknown command 'frobnicate'"

run "$CK" --bogus
expect_error "unknown global option" 2 "^clausekit: unknown option '--bogus'"

run "$CK"
expect_error "no command: one line naming the commands" 2 "^clausekit: name a command: check, extract, rules, forms or serve \(see clausekit --help\)$"

run env CLAUSEKIT_LANG=zh-TW "$CK" frobnicate
expect_error "usage hint has no doubled space" 2 "^clausekit: 不明的命令「frobnicate」（請執行 clausekit --help）$"

run "$CK" --lang
expect_error "--lang without a value" 2 "^clausekit: option '--lang' needs a value: zh-TW or en"

for cmd in check extract rules forms; do
    run env CLAUSEKIT_LANG=zh-TW "$CK" "$cmd" --lang fr x
    expect_error "$cmd --lang fr, in zh-TW" 2 "^clausekit: 不明的語言「fr」：請用 zh-TW 或 en（請執行 clausekit $cmd --help）$"
done

run env CLAUSEKIT_LANG=zh-TW "$CK" --lang fr check
expect_error "unknown language, in zh-TW" 2 "^clausekit: 不明的語言「fr」：請用 zh-TW 或 en（"

for cmd in $("$CK" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
    run "$CK" "$cmd" --help
    if [ $rc -eq 0 ] && [ -s "$T/out" ]; then pass "$cmd --help"; else fail "$cmd --help: exit $rc"; fi
    run "$CK" "$cmd" -h
    if [ $rc -eq 0 ] && [ -s "$T/out" ] && [ ! -s "$T/err" ]; then pass "$cmd -h"; else fail "$cmd -h: exit $rc $(cat "$T/err")"; fi
done

# Writing to a device writes into it; it is never replaced by a file.
if [ -c /dev/null ] && [ -f "$TOP/samples/maintenance-contract.docx" ]; then
    run env CLAUSEKIT_DATA="$TOP" "$CK" check --format json -o /dev/null "$TOP/samples/maintenance-contract.docx"
    if [ -c /dev/null ] && [ $rc -ne 2 ]; then pass "-o /dev/null keeps the device"; else fail "-o /dev/null: exit $rc, $(ls -l /dev/null)"; fi
fi


# make demo: every step makes what it says it makes.
top=$(cd "$(dirname "$0")/../.." && pwd)
(cd "$top" && CK_DEMO_OUT="$T/demo" sh samples/demo.sh "$CK" >"$T/demo.out" 2>"$T/demo.err")
if [ "$(find "$T/demo/reports" -name '*.html' ! -name index.html | wc -l)" -eq 3 ] && [ -s "$T/demo/reports/index.html" ] &&
    [ -s "$T/demo/maintenance-contract-reviewed.docx" ] &&
    [ "$(find "$T/demo/4-016" -name '*.docx' | wc -l)" -ge 1 ] && [ -s "$T/demo/4-018.docx" ] &&
    unzip -p "$T/demo/4-018.docx" word/document.xml | grep -q '■' && ! grep -qi 'no such\|找不到' "$T/demo.err"; then
    pass "make demo: reports and their overview, annotated copy, 4-016 forms and a pre-filled 4-018"
else
    fail "make demo: $(ls -R "$T/demo" 2>&1 | head -20); $(head -c 300 "$T/demo.err")"
fi

finish
