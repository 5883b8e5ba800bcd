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

run "$CK" check "$C" "$T/no-such.docx" -o "$T/newdir/"
if [ $rc -eq 2 ] && [ ! -e "$T/newdir" ]; then
    pass "check -o NEWDIR/ with a contract that cannot be read: no reports, no folder"
else
    fail "check -o NEWDIR/ with a bad contract: exit $rc; $(ls -A "$T/newdir" 2>&1 | head -3)"
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
chmod 600 "$T/both.docx"
run "$CK" check "$C" -o "$T/both.txt" --annotate "$T/both.docx" --force
if [ $rc -eq 1 ] && [ "$(stat -c %a "$T/both.docx")" = 600 ]; then
    pass "--annotate --force replaces the copy and keeps its mode 0600"
else
    fail "--annotate --force: exit $rc, mode $(stat -c %a "$T/both.docx")"
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

# ---- forms never write over what they read ------------------------------------------
cp "$TOP/samples/record.yaml" "$T/record.yaml"
cp "$T/record.yaml" "$T/record.keep"
run "$CK" forms 4-016 --data "$T/record.yaml" -o "$T/./record.yaml" --format md --force
expect_error "forms -o the record itself, --force: refused" 2 "record.yaml: this is a file the run reads"
run "$CK" forms 4-016 --data "$T/record.yaml" --zip "$T/record.yaml" --force
expect_error "forms --zip onto the record, --force: refused" 2 "record.yaml: this is a file the run reads"
if same "$T/record.yaml" "$T/record.keep"; then pass "the record is untouched"; else fail "the record was changed"; fi

# ---- forms: runs raced, failed and killed part-way ---------------------------------
# roster COMPANY ROWS [FIRST]: a 4-016 roster whose forms are named 4-016-人N
roster() {
    echo '機關名稱,公司名稱,專案名稱,姓名,身分證字號'
    i=${3:-0}
    while [ $i -lt $(( ${3:-0} + $2 )) ]; do echo "機關,$1,案,人$i,A100000001"; i=$((i + 1)); done
}
roster 甲公司 300 >"$T/a.csv"
roster 乙公司 300 >"$T/b.csv"
roster 丙公司 300 300 >"$T/c.csv"
count_files() { find "$1" -type f 2>/dev/null | wc -l | tr -d ' '; }
with() { grep -l "$1" "$2"/* 2>/dev/null | wc -l | tr -d ' '; }
leftovers() { for d; do ls -A "$d" 2>/dev/null; done | grep -c '\.ck-[0-9]'; }

# start_held NAME ARGS...: starts `clausekit ARGS` in the background, waits
# until it says it has written its first form, and leaves it waiting there
# until `release NAME`. $pid is the run's process (for signals), $held the
# job to wait for (its status is the run's). A run that ends without saying
# so is reported, not waited for forever: the job then writes "exited".
start_held() {
    name=$1; shift
    mkfifo "$T/$name.started" "$T/$name.hold"
    (
        CLAUSEKIT_STARTED_FILE="$T/$name.started" CLAUSEKIT_HOLD_FIFO="$T/$name.hold" \
            "$CK" "$@" >"$T/$name.out" 2>"$T/$name.err" &
        wait $!   # in the background: the shell's "Killed" stays out of the run's stderr
        st=$?
        echo exited 1<>"$T/$name.started"
        exit $st
    ) &
    held=$!
    read -r pid <"$T/$name.started"
    if [ "$pid" = exited ]; then
        fail "$name: the run ended before it said it had started: $(head -c 300 "$T/$name.err")"
        echo go 1<>"$T/$name.hold"
    fi
}
release() { echo go >"$T/$1.hold"; }

# Two runs into one new folder with the same names: the one that finishes
# second fails and says why; the first one's 300 forms are all there.
start_held race1 forms 4-016 --data "$T/a.csv" -o "$T/race" --format md --jobs 1
run "$CK" forms 4-016 --data "$T/b.csv" -o "$T/race" --format md
second=$rc
release race1
wait $held
first=$?
if [ $second -eq 0 ] && [ $first -eq 2 ] && [ "$(count_files "$T/race")" = 300 ] && [ "$(with 乙公司 "$T/race")" = 300 ] &&
    [ "$(leftovers "$T" "$T/race")" = 0 ] && grep -q 'the file exists (perhaps another run has just written it)' "$T/race1.err" &&
    [ "$(wc -l <"$T/race1.err")" = 1 ] && [ ! -s "$T/race1.out" ]; then
    pass "two runs into one new folder: the later fails with one line, the other's 300 forms are whole"
else
    fail "race: exits $first/$second, $(count_files "$T/race") files, $(with 乙公司 "$T/race") of the winner, $(leftovers "$T" "$T/race") leftovers; $(head -c 300 "$T/race1.err")"
fi

# The same into a folder that exists, the held run finishing first this time.
mkdir "$T/race2"
start_held race2 forms 4-016 --data "$T/a.csv" -o "$T/race2" --format md --jobs 1
"$CK" forms 4-016 --data "$T/b.csv" -o "$T/race2" --format md >/dev/null 2>"$T/race2b.err" &
other=$!
release race2
wait $held
first=$?
wait $other
second=$?
if [ $((first + second)) -eq 2 ] && [ "$(count_files "$T/race2")" = 300 ] &&
    { [ "$(with 甲公司 "$T/race2")" = 300 ] || [ "$(with 乙公司 "$T/race2")" = 300 ]; } && [ "$(leftovers "$T/race2")" = 0 ]; then
    pass "two runs into one existing folder: one wins whole, the other fails, nothing mixed"
else
    fail "race into an existing folder: exits $first/$second, $(count_files "$T/race2") files, $(with 甲公司 "$T/race2")/$(with 乙公司 "$T/race2")"
fi

# Different names: both runs' forms end up in the folder.
start_held race3 forms 4-016 --data "$T/a.csv" -o "$T/race3" --format md --jobs 1
run "$CK" forms 4-016 --data "$T/c.csv" -o "$T/race3" --format md
second=$rc
release race3
wait $held
first=$?
if [ $first -eq 0 ] && [ $second -eq 0 ] && [ "$(count_files "$T/race3")" = 600 ] && [ "$(leftovers "$T" "$T/race3")" = 0 ]; then
    pass "two runs into one new folder with different names: all 600 forms"
else
    fail "race, different names: exits $first/$second, $(count_files "$T/race3") files"
fi

# SIGKILL part-way into a new folder: no folder at all, and the next run
# sweeps what the killed one left.
start_held kill forms 4-016 --data "$T/a.csv" -o "$T/killed" --format md --jobs 1
kill -KILL $pid
wait $held 2>/dev/null
if [ ! -e "$T/killed" ] && [ "$(leftovers "$T")" = 1 ]; then
    pass "SIGKILL part-way into a new folder leaves no folder, only a hidden staging folder"
else
    fail "SIGKILL: $(ls -A "$T" | grep -e killed -e ck- | tr '\n' ' ')"
fi
run "$CK" forms 4-016 --data "$T/a.csv" -o "$T/killed" --format md
if [ $rc -eq 0 ] && [ "$(count_files "$T/killed")" = 300 ] && [ "$(leftovers "$T" "$T/killed")" = 0 ]; then
    pass "the next run writes every form and sweeps the killed run's staging folder"
else
    fail "after SIGKILL: exit $rc, $(count_files "$T/killed") files, $(leftovers "$T") leftovers"
fi

# The same with several worker processes: they stop with the run.
start_held killp forms 4-016 --data "$T/a.csv" -o "$T/killedp" --format md --jobs 3
kill -KILL $pid
wait $held 2>/dev/null
run "$CK" forms 4-016 --data "$T/a.csv" -o "$T/killedp" --format md --jobs 3
if [ $rc -eq 0 ] && [ "$(count_files "$T/killedp")" = 300 ] && [ "$(leftovers "$T" "$T/killedp")" = 0 ]; then
    pass "SIGKILL with workers: nothing half-written, swept by the next run"
else
    fail "SIGKILL with workers: exit $rc, $(count_files "$T/killedp") files, $(leftovers "$T") leftovers"
fi

# --force that fails part-way (the 250th form's name is taken by a folder):
# the earlier forms' old files are all still there, unchanged.
"$CK" forms 4-016 --data "$T/a.csv" -o "$T/forced" --format md >/dev/null 2>&1
chmod 600 "$T/forced/4-016-人0.md"
rm "$T/forced/4-016-人250.md"
mkdir "$T/forced/4-016-人250.md"
run "$CK" forms 4-016 --data "$T/b.csv" -o "$T/forced" --format md --force
if [ $rc -eq 2 ] && [ "$(with 甲公司 "$T/forced")" = 299 ] && [ "$(with 乙公司 "$T/forced")" = 0 ] &&
    [ "$(leftovers "$T/forced")" = 0 ] && grep -q '人250' "$T/err"; then
    pass "--force failing part-way: every old form is kept, no new one appears"
else
    fail "--force part-way: exit $rc, $(with 甲公司 "$T/forced") old, $(with 乙公司 "$T/forced") new; $(head -c 300 "$T/err")"
fi
# ... and failing while writing: the 250th form is too large for the file
# size limit (as a full disk would refuse it).
rmdir "$T/forced/4-016-人250.md"
"$CK" forms 4-016 --data "$T/a.csv" -o "$T/forced" --format md --force >/dev/null 2>&1
chmod 600 "$T/forced/4-016-人0.md"
long=$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "長" }')
sed "s/^機關,乙公司,案,人250,/機關,乙公司$long,案,人250,/" "$T/b.csv" >"$T/b-long.csv"
sh -c "trap '' XFSZ; ulimit -f 64; exec \"\$@\"" sh "$CK" forms 4-016 --data "$T/b-long.csv" -o "$T/forced" \
    --format md --force --jobs 1 >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 2 ] && [ "$(with 甲公司 "$T/forced")" = 300 ] && [ "$(with 乙公司 "$T/forced")" = 0 ] &&
    [ "$(leftovers "$T/forced")" = 0 ] && grep -q '人250.*File too large' "$T/err"; then
    pass "--force failing while writing the 250th form: every old form is kept, no new one appears"
else
    fail "--force failing while writing: exit $rc, $(with 甲公司 "$T/forced") old, $(with 乙公司 "$T/forced") new; $(head -c 300 "$T/err")"
fi
run "$CK" forms 4-016 --data "$T/b.csv" -o "$T/forced" --format md --force
if [ $rc -eq 0 ] && [ "$(with 乙公司 "$T/forced")" = 300 ] && [ "$(stat -c %a "$T/forced/4-016-人0.md")" = 600 ] &&
    [ "$(stat -c %a "$T/forced/4-016-人1.md")" = "$(stat -c %a "$T/a.csv")" ]; then
    pass "--force replaces every form; a 0600 form stays 0600"
else
    fail "--force: exit $rc, $(with 乙公司 "$T/forced") new, mode $(stat -c %a "$T/forced/4-016-人0.md")"
fi

# check stopped by SIGTERM once the copy is written (staged): neither the
# copy nor the report appears, nothing hidden is left.
start_held checkterm check "$C" -o "$T/term.txt" --annotate "$T/term.docx"
kill -TERM $pid
wait $held
st=$?
if [ $st -eq 143 ] && [ ! -e "$T/term.txt" ] && [ ! -e "$T/term.docx" ] && [ "$(leftovers "$T")" = 0 ]; then
    pass "check stopped by SIGTERM part-way leaves neither report nor copy, nor temporaries"
else
    fail "check SIGTERM: exit $st; $(ls -A "$T" | grep -e term -e '\.ck-[0-9]' | tr '\n' ' ')"
fi

# One file and --zip: a replaced file keeps its mode; no --force, no change.
run "$CK" forms 4-016 --data "$T/a.csv" --zip "$T/all.zip" --format md
chmod 600 "$T/all.zip"
cp "$T/all.zip" "$T/all.keep"
run "$CK" forms 4-016 --data "$T/b.csv" --zip "$T/all.zip" --format md
if [ $rc -eq 2 ] && cmp -s "$T/all.zip" "$T/all.keep"; then pass "--zip without --force keeps the archive"; else fail "--zip kept: exit $rc"; fi
run "$CK" forms 4-016 --data "$T/b.csv" --zip "$T/all.zip" --format md --force
if [ $rc -eq 0 ] && [ "$(unzip -Z1 "$T/all.zip" | wc -l)" = 300 ] && unzip -p "$T/all.zip" 4-016-人7.md | grep -q 乙公司 &&
    [ "$(stat -c %a "$T/all.zip")" = 600 ] && [ "$(leftovers "$T")" = 0 ]; then
    pass "--zip --force replaces the archive, keeping its mode"
else
    fail "--zip --force: exit $rc, mode $(stat -c %a "$T/all.zip"), $(leftovers "$T") leftovers"
fi

finish
