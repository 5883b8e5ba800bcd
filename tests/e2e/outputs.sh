# outputs.sh — no run ever loses a file: `check -o` and `--annotate` never
# replace a contract, replace an existing file only with --force (keeping its
# mode), refuse a name that says another format, and appear together or not
# at all; `forms` runs racing into one folder, failing part-way or killed
# part-way leave every earlier file and no half of a run. Runs are stopped
# or raced at the point they announce (CLAUSEKIT_STARTED_FILE and
# CLAUSEKIT_HOLD_FIFO, docs/forms.md), never after a sleep.
. "$(dirname "$0")/lib.sh"
export CLAUSEKIT_DATA="$TOP"

C=$T/c/契約.docx
mkdir -p "$T/c"
cp "$TOP/samples/maintenance-contract.docx" "$C"
cp "$C" "$T/c/keep.docx"

# same FILE FILE: byte-identical
same() { cmp -s "$1" "$2"; }

# ---- check -o never replaces a contract, not even with --force ----------------
for name in "$C" "$T/c/./契約.docx"; do
    run "$CK" check "$C" -o "$name" --force
    if [ $rc -eq 2 ] && same "$C" "$T/c/keep.docx" && grep -q 'this is a contract being checked' "$T/err"; then
        pass "check -o $(basename "$name") --force: the contract is refused, untouched"
    else
        fail "check -o the contract: exit $rc; $(head -c 200 "$T/err")"
    fi
done
ln "$C" "$T/c/hard.txt"
ln -s "$C" "$T/c/soft.txt"
for name in hard.txt soft.txt; do
    run "$CK" check "$C" -o "$T/c/$name" --force
    expect_error "check -o a $name link to the contract, --force: refused" 2 "$name: this is a contract being checked"
done
if same "$C" "$T/c/keep.docx"; then pass "the contract survived every attempt"; else fail "the contract was changed"; fi
run "$CK" check "$C" "$TOP/samples/service-contract.odt" -o "$T/c/" --force
if [ $rc -eq 1 ] && same "$C" "$T/c/keep.docx" && [ -f "$T/c/契約.txt" ]; then
    pass "check -o the contracts' own folder writes reports beside them"
else
    fail "check -o the contracts' folder: exit $rc; $(head -c 200 "$T/err")"
fi

# ---- a name that says another format ------------------------------------------
run "$CK" check "$C" -o "$T/other.docx"
expect_error "check -o other.docx: refused, a report is not a document" 2 "other.docx: the report is text but the name ends in .docx; name it .txt"
run "$CK" check "$C" -o "$T/report.pdf"
expect_error "check -o report.pdf: refused" 2 "report.pdf: the report is text but the name ends in .pdf"
run "$CK" check "$C" --format json -o "$T/report.html"
expect_error "check --format json -o report.html: refused" 2 "report.html: the report is JSON but the name ends in .html; name it .json"
if [ -e "$T/other.docx" ] || [ -e "$T/report.pdf" ] || [ -e "$T/report.html" ]; then
    fail "a refused name was written"
else
    pass "no refused name was written"
fi
run "$CK" check "$C" --format json -o "$T/report.json"
if [ $rc -eq 1 ] && head -c 1 "$T/report.json" | grep -q '{'; then pass "check --format json -o report.json"; else fail "report.json: exit $rc"; fi

# ---- an existing report: only with --force, keeping its mode ------------------
printf 'earlier report\n' >"$T/r.txt"
chmod 600 "$T/r.txt"
run "$CK" check "$C" -o "$T/r.txt"
if [ $rc -eq 2 ] && [ "$(cat "$T/r.txt")" = "earlier report" ]; then
    expect_error "check -o an existing report without --force: refused" 2 "r.txt: the file exists; add --force"
else
    fail "existing report without --force: exit $rc, now '$(head -c 40 "$T/r.txt")'"
fi
run "$CK" check "$C" -o "$T/r.txt" --force
if [ $rc -eq 1 ] && grep -q 3.4.1.1 "$T/r.txt" && [ "$(stat -c %a "$T/r.txt")" = 600 ]; then
    pass "check --force replaces the report and keeps its mode 0600"
else
    fail "check --force: exit $rc, mode $(stat -c %a "$T/r.txt")"
fi
mkdir -p "$T/dir"
printf 'earlier\n' >"$T/dir/契約.txt"
run "$CK" check "$C" "$TOP/samples/service-contract.odt" -o "$T/dir/"
if [ $rc -eq 2 ] && [ "$(cat "$T/dir/契約.txt")" = earlier ] && [ ! -e "$T/dir/service-contract.txt" ]; then
    expect_error "check -o DIR with one report already there: refused, nothing written" 2 "契約.txt: the file exists"
else
    fail "check -o DIR with an existing report: exit $rc; $(ls "$T/dir")"
fi

# ---- the report and the annotated copy appear together or not at all ---------
# A file size limit makes the copy fail to be
# written, as a full disk would.
limit=$(( $(wc -c <"$C") / 512 ))  # the copy is larger than the contract, the report smaller
sh -c "trap '' XFSZ; ulimit -f $limit; exec \"\$0\" check \"\$1\" -o \"\$2\" --annotate \"\$3\"" \
    "$CK" "$C" "$T/full.txt" "$T/full.docx" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 2 ] && [ ! -e "$T/full.txt" ] && [ ! -e "$T/full.docx" ] && ! ls -a "$T" | grep -q '\.ck-'; then
    expect_error "a copy that cannot be written: no report either, exit 2" 2 "full.docx: cannot write the file"
else
    fail "failed --annotate: exit $rc; $(ls "$T" | tr '\n' ' '); $(head -c 200 "$T/err")"
fi
run "$CK" check "$C" -o "$T/both.txt" --annotate "$T/both.docx"
if [ $rc -eq 1 ] && [ -s "$T/both.txt" ] && [ -s "$T/both.docx" ]; then
    pass "report and copy both written when both can be"
else
    fail "report and copy: exit $rc; $(head -c 200 "$T/err")"
fi
cp "$T/both.txt" "$T/both.keep"
run "$CK" check "$C" -o "$T/both.txt" --annotate "$T/both.docx"
if [ $rc -eq 2 ] && same "$T/both.txt" "$T/both.keep"; then
    pass "an existing copy without --force: the report is not written either"
else
    fail "existing copy: exit $rc"
fi
run "$CK" check "$C" -o "$T/both.docx" --annotate "$T/both.docx" --force
expect_error "the report and the copy under one name: refused" 2 "both.docx: the report and the --annotate copy cannot be the same file"

# ---- leftovers of a killed run are swept ----------------------------------------
# A process number that no longer exists: a child that has exited.
sh -c 'exit 0' &
dead=$!
wait $dead
: >"$T/.r.txt.ck-$dead-AbCdEf"
mkdir "$T/.stage.ck-$dead-GhIjKl"
: >"$T/.stage.ck-$dead-GhIjKl/x.docx"
: >"$T/.live.txt.ck-$$-MnOpQr"
run "$CK" check "$C" -o "$T/swept.txt"
if [ $rc -eq 1 ] && [ ! -e "$T/.r.txt.ck-$dead-AbCdEf" ] && [ ! -e "$T/.stage.ck-$dead-GhIjKl" ] &&
    [ -e "$T/.live.txt.ck-$$-MnOpQr" ]; then
    pass "a run sweeps the temporaries of a dead run, never those of a live one"
else
    fail "sweep: exit $rc; $(ls -a "$T" | grep '\.ck-' | tr '\n' ' ')"
fi
rm -f "$T/.live.txt.ck-$$-MnOpQr"

finish
