# install.sh — make install gives a working tool that finds its own rule
# packs and templates; a binary in the checkout uses the checkout's.
. "$(dirname "$0")/lib.sh"
unset CLAUSEKIT_DATA

if [ "${CK_SANITIZER_PASS:-0}" = 1 ]; then
    skip "install layout is checked in the main pass"
    finish
    exit $?
fi
build=${CK_BUILD:-$TOP/build}

run make --no-print-directory -s -C "$TOP" install PREFIX="$T/prefix" BUILD="$build"
if [ $rc -eq 0 ]; then pass "make install"; else fail "make install: $(tail -n 3 "$T/err")"; fi
for f in bin/clausekit share/clausekit/rules/wratb-outsourcing.yaml share/clausekit/templates/4-016.md \
         share/man/man1/clausekit.1; do
    if [ -f "$T/prefix/$f" ]; then pass "installed $f"; else fail "missing $f"; fi
done

cd "$T" || exit 2
run "$T/prefix/bin/clausekit" --lang en forms list
if [ $rc -eq 0 ] && grep -q "$T/prefix/share/clausekit/templates/4-016.md" "$T/out"; then
    pass "installed binary finds its templates"
else
    fail "installed binary: forms list: $(cat "$T/out" "$T/err")"
fi
run "$T/prefix/bin/clausekit" rules list
if [ $rc -eq 0 ] && grep -q '3.4.1.3' "$T/out"; then pass "installed binary finds its rule packs"; else fail "rules list: $(cat "$T/err")"; fi
run "$T/prefix/bin/clausekit" check "$TOP/samples/maintenance-contract.docx"
if [ $rc -eq 1 ]; then pass "installed binary checks a contract"; else fail "installed check: exit $rc $(cat "$T/err")"; fi

run "$CK" --lang en forms list
if grep -q "$TOP/templates/4-016.md" "$T/out"; then pass "checkout binary uses the checkout's templates"; else fail "checkout binary: $(cat "$T/out")"; fi

run make --no-print-directory -s -C "$TOP" install PREFIX=/usr DESTDIR="$T/stage" BUILD="$build"
if [ -x "$T/stage/usr/bin/clausekit" ] && [ -f "$T/stage/usr/share/clausekit/rules/personal-data.yaml" ]; then
    pass "DESTDIR staging"
else
    fail "DESTDIR staging"
fi

run make --no-print-directory -s -C "$TOP" uninstall PREFIX="$T/prefix"
if [ ! -e "$T/prefix/bin/clausekit" ] && [ ! -e "$T/prefix/share/clausekit" ]; then pass "make uninstall"; else fail "make uninstall left files"; fi

finish
