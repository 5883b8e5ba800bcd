#!/bin/sh
# make demo: runs clausekit's main jobs on the files in samples/ and says
# where to look. Usage: samples/demo.sh BINARY
set -u
ck=${1:-build/clausekit}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
out=${CK_DEMO_OUT:-build/demo}
rm -rf "$out"
mkdir -p "$out"

if [ -t 1 ]; then bold='\033[1m' plain='\033[0m'; else bold='' plain=''; fi
step() { printf "\n${bold}== %s${plain}\n\$ %s\n" "$1" "$2"; }

step "1. 讀取契約 / read a contract (first lines)" "clausekit extract samples/maintenance-contract.docx"
"$ck" extract samples/maintenance-contract.docx | head -n 15

step "2. 檢查有缺漏的草案 / check a draft with gaps" "clausekit check samples/maintenance-contract.docx"
"$ck" check samples/maintenance-contract.docx
echo "(exit status $?: 1 means required clauses are missing, partial or in conflict)"

step "3. 審查報告 / reports for legal reviewers" "clausekit check samples/*.docx samples/*.odt --format html -o $out/reports"
"$ck" check samples/*.docx samples/*.odt --format html -o "$out/reports"
"$ck" check samples/maintenance-contract.docx --format json -o "$out/maintenance-contract.json"
echo "(overview of the batch: $out/reports/index.html and index.csv for Excel)"
"$ck" check samples/maintenance-contract.docx --format docx -o "$out/maintenance-contract-report.docx" >/dev/null
echo "wrote $out/maintenance-contract-report.docx (the report as a Word document to edit and send)"

step "4. 在契約中加註 / comments and suggested clauses in the contract" \
     "clausekit check samples/maintenance-contract.docx --annotate $out/maintenance-contract-reviewed.docx"
"$ck" check samples/maintenance-contract.docx --format json -o "$out/annotate-run.json" \
    --annotate "$out/maintenance-contract-reviewed.docx" >/dev/null 2>&1
echo "wrote $out/maintenance-contract-reviewed.docx (open it in Word or LibreOffice)"

step "5. 保密切結書 / confidentiality affidavits for a roster" "clausekit forms 4-016 --data samples/roster.csv -o $out/4-016"
"$ck" forms 4-016 --data samples/roster.csv -o "$out/4-016"

step "6. 稽核項目表 / audit checklist pre-filled from the check" \
     "clausekit forms 4-018 --data samples/audit.yaml --from-check $out/maintenance-contract.json -o $out/4-018.docx"
"$ck" forms 4-018 --data samples/audit.yaml --from-check "$out/maintenance-contract.json" -o "$out/4-018.docx"

printf '\nEverything is in %s/\n' "$out"
