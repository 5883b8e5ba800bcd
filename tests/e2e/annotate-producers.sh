# annotate-producers.sh — the producer matrix: every file `extract` reads,
# whoever wrote it, `check --annotate` annotates, and LibreOffice then lists
# every comment and every tracked insertion.
#
# Columns (each a way a contract file gets written):
#   pandoc-md     the contract as Markdown, then pandoc md -> docx
#   pandoc-odt    pandoc docx -> odt
#   lo-docx       LibreOffice docx -> docx        lo-odt   docx -> odt
#   lo-odt-docx   LibreOffice odt -> docx
#   python-docx   written by python-docx, and opened and saved by it
#   npm-docx      written by the npm `docx` package (where installed)
#   word          Word constructs (tests/e2e/mkconstructs.py)
# Rows: the samples and the first corpus contracts (tests/corpus/pack-all.sh,
# NN-*: each built around a construct); the later, longer ones (bNN-*) would
# only make the run longer.
# For each file: annotate (--annotate-all, so every finding is commented),
# annotate the copy again, convert the first copy to flat ODT with
# LibreOffice and compare (tests/e2e/annotations.py compare).
. "$(dirname "$0")/lib.sh"
export CLAUSEKIT_DATA="$TOP"
PY=/usr/bin/python3
ANN="$TOP/tests/e2e/annotations.py"
IN=$T/in
mkdir -p "$IN" "$T/a1" "$T/a2" "$T/json" "$T/view" "$T/text"

if ! command -v soffice >/dev/null 2>&1; then
    skip "producer matrix: LibreOffice (soffice) is not installed; 'make deps' installs it"
    finish
    exit
fi
if ! "$PY" -c 'import docx' 2>/dev/null; then
    fail "producer matrix: python3-docx is not installed for /usr/bin/python3; 'make deps' installs it"
fi

# lo FORMAT DIR FILE...: one LibreOffice call converts many files.
lo() {
    fmt=$1 dir=$2
    shift 2
    mkdir -p "$dir"
    soffice -env:UserInstallation="file://$T/lo-profile" --headless --convert-to "$fmt" --outdir "$dir" "$@" \
        >"$T/lo.log" 2>&1
}

# put COLUMN FILE: files a producer made into the matrix, named COLUMN--NAME.
put() {
    for f in "$2"/*; do
        [ -f "$f" ] && cp "$f" "$IN/$1--$(basename "$f")"
    done
}

sh "$TOP/tests/corpus/pack-all.sh" "$T/corpus" >/dev/null
mkdir -p "$T/src"
cp "$T/corpus"/[0-9][0-9]-*.docx "$T/corpus"/[0-9][0-9]-*.odt "$T/corpus/samples"/* "$T/src/"
# The contracts as text, with 第十二條 left out of one so that a clause is
# missing and gets inserted.
for f in "$T/src"/*.docx; do
    name=$(basename "$f" .docx)
    CLAUSEKIT_LANG=zh-TW "$CK" extract --format text "$f" >"$T/text/$name.txt" 2>/dev/null || rm -f "$T/text/$name.txt"
done
base=$T/text/01-baseline-auto.txt
grep -v '^\[第十二條' "$base" >"$T/text/base-missing.txt"

# ---- the producers ------------------------------------------------------------------------
columns=""
if command -v pandoc >/dev/null 2>&1; then
    mkdir -p "$T/p-md" "$T/p-odt"
    for f in "$T/src"/*.docx; do
        name=$(basename "$f" .docx)
        pandoc "$f" -t markdown -o "$T/p-md/$name.md" 2>/dev/null &&
            pandoc "$T/p-md/$name.md" -o "$T/p-md/$name.docx" 2>/dev/null
        rm -f "$T/p-md/$name.md"
        pandoc "$f" -o "$T/p-odt/$name.odt" 2>/dev/null
    done
    put pandoc-md "$T/p-md"
    put pandoc-odt "$T/p-odt"
    columns="$columns pandoc-md pandoc-odt"
else
    skip "pandoc columns: pandoc is not installed"
fi

lo docx "$T/lo-docx" "$T/src"/*.docx
lo odt "$T/lo-odt" "$T/src"/*.docx
lo docx "$T/lo-odt-docx" "$T/src"/*.odt
put lo-docx "$T/lo-docx"
put lo-odt "$T/lo-odt"
put lo-odt-docx "$T/lo-odt-docx"
columns="$columns lo-docx lo-odt lo-odt-docx"

if "$PY" -c 'import docx' 2>/dev/null; then
    mkdir -p "$T/py"
    "$PY" "$TOP/tests/e2e/mkpydocx.py" build "$T/text/base-missing.txt" "$T/py/built.docx"
    for f in "$T/src"/*.docx; do
        "$PY" "$TOP/tests/e2e/mkpydocx.py" resave "$f" "$T/py/resaved-$(basename "$f")"
    done
    put python-docx "$T/py"
    columns="$columns python-docx"
fi

if command -v node >/dev/null 2>&1 && node -e 'require("docx")' 2>/dev/null; then
    mkdir -p "$T/npm"
    node "$TOP/tests/e2e/mknpmdocx.js" "$T/text/base-missing.txt" "$T/npm/built.docx" &&
        node "$TOP/tests/e2e/mknpmdocx.js" "$base" "$T/npm/baseline.docx"
    put npm-docx "$T/npm"
    columns="$columns npm-docx"
else
    skip "npm-docx column: the npm 'docx' package is not installed (npm install docx, or NODE_PATH)"
fi

"$PY" "$TOP/tests/e2e/mkconstructs.py" "$T/text/base-missing.txt" "$T/word"
put word "$T/word"
columns="$columns word"

# ---- annotate every file twice -----------------------------------------------------------
count=0
for f in "$IN"/*; do
    name=$(basename "$f")
    if ! "$CK" extract "$f" >/dev/null 2>"$T/err"; then
        fail "$name: extract does not read it: $(head -c 300 "$T/err")"
        continue
    fi
    "$CK" check "$f" --annotate "$T/a1/$name" --annotate-all --format json >"$T/json/$name.json" 2>"$T/err"
    rc=$?
    if [ $rc -gt 1 ] || [ ! -f "$T/a1/$name" ]; then
        fail "$name: extract reads it, --annotate refused it (exit $rc): $(head -c 300 "$T/err")"
        continue
    fi
    "$CK" check "$T/a1/$name" --annotate "$T/a2/$name" --annotate-all >/dev/null 2>"$T/err"
    rc=$?
    if [ $rc -gt 1 ] || [ ! -f "$T/a2/$name" ]; then
        fail "$name: its annotated copy was refused (exit $rc): $(head -c 300 "$T/err")"
        rm -f "$T/a1/$name"
        continue
    fi
    count=$((count + 1))
done

# ---- what LibreOffice sees: the first copies, 40 to a conversion ---------------------------
set --
for f in "$T/a1"/*; do
    set -- "$@" "$f"
    if [ $# -eq 40 ]; then
        lo fodt "$T/view" "$@"
        set --
    fi
done
[ $# -gt 0 ] && lo fodt "$T/view" "$@"
# A conversion that stopped early leaves the rest unconverted: those once more, alone.
for f in "$T/a1"/*; do
    name=$(basename "$f")
    [ -f "$T/view/${name%.*}.fodt" ] || lo fodt "$T/view" "$f"
done
for f in "$T/a1"/*; do
    name=$(basename "$f")
    view="$T/view/${name%.*}.fodt"
    if [ ! -f "$view" ]; then
        fail "$name: LibreOffice did not open the annotated copy"
        continue
    fi
    "$PY" "$ANN" compare "$IN/$name" "$f" "$T/a2/$name" "$view" "$T/json/$name.json" >"$T/cmp" 2>&1
    if grep -q '^FAIL' "$T/cmp" || ! grep -q '^ok' "$T/cmp"; then
        fail "$name: $(grep -v '^ok' "$T/cmp" | head -c 600 | tr '\n' ' ')"
    else
        pass "$name: $(grep -c '^ok' "$T/cmp") checks"
    fi
done

for column in $columns; do
    n=$(ls "$T/a1" | grep -c "^$column--")
    if [ "$n" -gt 0 ]; then pass "column $column: $n files annotated"; else fail "column $column: no file annotated"; fi
done
echo "producer matrix: $count files annotated in columns:$columns"
finish
