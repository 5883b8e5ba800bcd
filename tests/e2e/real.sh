# real.sh — the real model contract of ../shared/real (the Public
# Construction Commission's service-procurement model, DOCX and ODT, with a
# reviewer's labels): every label that is not debatable must be met, in both
# formats; a debatable row accepts its label or any reading its note gives
# as "(alt A)", "(alt A/B)" or "(alt A or B)". None of the contract's text is
# in this repository: the folder is read where it is (CK_REAL_DIR, else
# ../shared/real beside the top of the repository), and the suite says so and
# skips when it is absent.
. "$(dirname "$0")/lib.sh"
export CLAUSEKIT_DATA="$TOP"
REAL=${CK_REAL_DIR:-$TOP/../shared/real}

if [ ! -f "$REAL/labels.tsv" ]; then
    skip "real contract: $REAL/labels.tsv is absent (set CK_REAL_DIR to the folder holding pcc-service-model.docx, .odt and labels.tsv)"
    finish
    exit 0
fi

for fmt in docx odt; do
    doc=$REAL/pcc-service-model.$fmt
    if [ ! -f "$doc" ]; then
        fail "real contract: $doc is absent"
        continue
    fi
    "$CK" --lang en check --pack wratb-outsourcing --format json "$doc" >"$T/real.json" 2>"$T/err"
    rc=$?
    if [ $rc -ge 2 ]; then
        fail "real contract $fmt: exit $rc: $(head -c 300 "$T/err")"
        continue
    fi
    awk '/^      "id": / { id = $2; gsub(/[",]/, "", id) }
         /^      "status": / { st = $2; gsub(/[",]/, "", st); print id "\t" st }' "$T/real.json" >"$T/found.tsv"
    awk -F'\t' -v fmt="$fmt" '
        FNR == NR { got[$1] = $2; next }
        FNR == 1 { next }
        {
            want = $3 " "
            if ($4 ~ /^debatable/ && match($4, /\(alt [^)]*\)/)) {
                alt = substr($4, RSTART + 5, RLENGTH - 6)
                sub(/[,;].*/, "", alt)
                gsub(/ or |\//, " ", alt)
                want = want alt " "
            }
            g = ($2 in got) ? got[$2] : "(none)"
            if (index(" " want, " " g " ")) printf "ok   %s %s %s\n", fmt, $2, g
            else printf "FAIL %s %s: want %s got %s\n", fmt, $2, want, g
        }' "$T/found.tsv" "$REAL/labels.tsv" >"$T/verdicts"
    while IFS= read -r line; do
        case $line in
            ok*) pass "real contract ${line#ok   }" ;;
            *) fail "real contract ${line#FAIL }" ;;
        esac
    done <"$T/verdicts"
done
finish
