# rules.sh — `clausekit rules list|show|lint` on the shipped packs and on broken ones.
. "$(dirname "$0")/lib.sh"
export CLAUSEKIT_DATA="$TOP"

# ---- list -------------------------------------------------------------------
run "$CK" rules list
if [ $rc -eq 0 ] && [ ! -s "$T/err" ]; then pass "list: exit 0"; else fail "list: exit $rc $(cat "$T/err")"; fi
missing=""
for id in 3.4.1.1 3.4.1.2 3.4.1.3 3.4.1.4 3.4.1.5 3.4.1.6 3.4.1.7 3.4.1.8 3.4.1.9 3.4.1.10 \
          3.4.1.11 3.4.1.12 3.4.1.13 3.4.1.14 3.4.1.15 3.4.1.16 3.5.1 3.5.2 3.5.3 3.5.4; do
    grep -q "^$id  *\(required\|recommended\) .*\[wratb-outsourcing\]$" "$T/out" || missing="$missing $id"
done
if [ -z "$missing" ]; then pass "list: every requirement id"; else fail "list: missing$missing"; fi
if grep -q '^3.4.1.15  *recommended  *Project meetings' "$T/out"; then pass "list: severity and English title"; else fail "list: 3.4.1.15 line: $(grep 3.4.1.15 "$T/out")"; fi
if grep -q '^CSMA-4.6 .*\[cybersecurity-act\]$' "$T/out" && grep -q '^PDPA-8.6 .*\[personal-data\]$' "$T/out"; then
    pass "list: default set has the three packs"
else
    fail "list: default packs"
fi

if grep -q '^  system-development  *the work includes' "$T/out" && grep -q '^  personal-data ' "$T/out"; then
    pass "list: applicability conditions for --assume"
else
    fail "list: conditions"
fi

run env CLAUSEKIT_LANG=zh-TW "$CK" rules list
if grep -q '^3.4.1.3  *必要  稽核權' "$T/out" && grep -q '^PDPA-8.instructions  必要  ' "$T/out" &&
   ! grep -q 'required\|recommended' "$T/out"; then
    pass "list: zh-TW titles and severities by default, ids aligned"
else
    fail "list zh-TW: $(grep '3.4.1.3\|PDPA-8.instructions' "$T/out")"
fi
run env CLAUSEKIT_LANG=zh-TW "$CK" rules show 3.4.1.3
if grep -q '^  嚴重度：必要（required）$' "$T/out" && grep -q '^  範圍：條，含其項款（article）$' "$T/out" &&
   grep -q '^  適用：一律適用（always）$' "$T/out"; then
    pass "show: zh-TW words with the pack's own word beside them"
else
    fail "show zh-TW: $(sed -n '1,8p' "$T/out")"
fi

run "$CK" rules list --pack personal-data --format json
if [ $rc -eq 0 ] && [ "$(grep -o '"id":' "$T/out" | wc -l)" -eq 8 ] && ! grep -q '3.4.1' "$T/out"; then
    pass "list --pack personal-data --format json: 8 rules"
else
    fail "list --pack json: exit $rc, $(head -c 300 "$T/out")"
fi
if command -v python3 >/dev/null 2>&1; then
    if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert all(r["applies_when"]==["personal-data"] for r in d)' "$T/out"; then
        pass "list json parses; personal-data rules are conditional"
    else
        fail "list json: not valid or not conditional"
    fi
else
    skip "python3 not installed"
fi

run "$CK" rules list --pack nosuchpack
expect_error "list: unknown pack" 2 "no rule pack named 'nosuchpack' \(available: .*wratb-outsourcing"

run "$CK" rules list --format xml
expect_error "list: unknown format" 2 "unknown format 'xml'"

# ---- show -------------------------------------------------------------------
run "$CK" rules show 3.4.1.10
if [ $rc -eq 0 ] && grep -q 'applies when: system-development' "$T/out" && grep -q 'WRATB 委外作業程序 3.4.1.10' "$T/out" \
   && grep -q '乙方辦理應用系統之開發及維護，應遵守' "$T/out" && grep -q 'audit question:' "$T/out"; then
    pass "show: condition, source, model clause, audit question"
else
    fail "show 3.4.1.10: $(head -c 400 "$T/out")"
fi

run "$CK" rules show 3.4.1.3 --format json
if [ $rc -eq 0 ] && grep -q '"party":"agency"' "$T/out" && grep -q '"contrary_unless":\["不得' "$T/out"; then
    pass "show --format json: elements, party, contrary"
else
    fail "show json: $(head -c 400 "$T/out")"
fi

run "$CK" rules show 3.4.1.3
if grep -q '^    {{agency}}: 甲方 | 委託機關' "$T/out"; then pass "show: the definitions a rule uses"; else fail "show: definitions"; fi

run "$CK" rules show CSMA-4.5
if grep -q 'only when core-system or contract-amount-10m' "$T/out"; then pass "show: element condition"; else fail "show CSMA-4.5"; fi

run "$CK" rules show 9.9.9
expect_error "show: unknown id" 2 "no rule '9.9.9'"

run "$CK" rules show
expect_error "show: no id" 2 "name a rule id, such as clausekit rules show 3.4.1.3"

# ---- lint -------------------------------------------------------------------
run "$CK" rules lint "$TOP"/rules/*.yaml
n=$(ls "$TOP"/rules/*.yaml | wc -l)
if [ $rc -eq 0 ] && [ "$(grep -c ': OK (' "$T/out")" -eq "$n" ] && [ ! -s "$T/err" ]; then
    pass "lint: shipped packs OK"
else
    fail "lint shipped: exit $rc $(head -c 300 "$T/err")"
fi

sed -e 's/^    severity: required$/    sevrity: required/' -e '0,/scope: article/s//scope: artcle/' \
    "$TOP/rules/wratb-outsourcing.yaml" >"$T/custom.yaml"
printf "  - id: 3.4.1.2\n    title: x\n" >>"$T/custom.yaml"
run "$CK" rules lint "$T/custom.yaml"
if [ $rc -eq 2 ] && grep -q "custom.yaml:[0-9]*:5: unknown key 'sevrity' (did you mean 'severity'?)" "$T/err" \
   && grep -q "unknown scope 'artcle' (did you mean 'article'?)" "$T/err" \
   && grep -q "duplicate rule id '3.4.1.2' (first at line [0-9]*)" "$T/err" && [ ! -s "$T/out" ]; then
    pass "lint: every error, file:line:col, exit 2"
else
    fail "lint errors: exit $rc: $(head -c 600 "$T/err")"
fi
lines=$(wc -l <"$T/err")
if [ "$lines" -gt 10 ]; then pass "lint: lists all problems ($lines)"; else fail "lint: only $lines problems"; fi

printf 'pack:\n  id: x\n  version: 1\n  title: x\n  source: x\nrules:\n  - id: a\n    title: a\n    source: a\n    severity: required\n    elements:\n      - name: a\n        patterns: ["乙方(得"]\n    advice: a\n    audit: a\n' >"$T/regex.yaml"
run "$CK" rules lint "$T/regex.yaml"
expect_error "lint: bad regex" 2 "regex.yaml:13:2[0-9]: pattern '乙方\(得': missing closing parenthesis at offset 4$"

run "$CK" check --pack "$T/custom.yaml" "$TOP/samples/maintenance-contract.docx"
expect_error "check with a broken pack: the first problem, and where to see them all" 2 \
    "custom.yaml:[0-9]+:[0-9]+: .* \(clausekit rules lint lists every problem\)$"

run "$CK" rules lint "$T/nonexistent.yaml"
expect_error "lint: unreadable file" 2 "nonexistent.yaml: cannot open the rule pack"

# A broken pack named with --pack never runs half-loaded.
run "$CK" rules list --pack "$T/regex.yaml"
expect_error "list: broken pack refused" 2 "^clausekit: .*regex.yaml:13:[0-9]+: pattern"
if [ ! -s "$T/out" ]; then pass "list: nothing printed from a broken pack"; else fail "list printed from a broken pack"; fi

run "$CK" rules frob
expect_error "unknown action" 2 "unknown action 'frob'"

run "$CK" rules --help
if [ $rc -eq 0 ] && grep -q 'rules lint FILE' "$T/out"; then pass "--help"; else fail "--help"; fi

# A pattern that blows PCRE2's match limit on long text: lint names its line and rule.
sed 's/^    not_evidence: \[.{{term_definition}}.\]$/    not_evidence: ["(.*)*[xy]"]/' "$TOP/rules/wratb-outsourcing.yaml" >"$T/slow.yaml"
run "$CK" --lang en rules lint "$T/slow.yaml"
if [ $rc -eq 2 ] && grep -q 'slow.yaml:[0-9]*:[0-9]*: 3.4.1.1: pattern .(\.\*)\*\[xy\]. gives up on a long text' "$T/err"; then
    pass "lint: a pattern that gives up on long text is reported"
else
    fail "lint slow pattern: rc=$rc $(head -c 300 "$T/err")"
fi
run "$CK" rules lint "$TOP/rules/wratb-outsourcing.yaml"
if [ $rc -eq 0 ]; then pass "lint: the shipped pack's patterns all finish on long text"; else fail "lint shipped: $(head -c 300 "$T/err")"; fi

finish
