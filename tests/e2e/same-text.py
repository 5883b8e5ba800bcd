# same-text.py MD TXT — the text of a Markdown file (parsed by pandoc as
# GitHub-flavoured Markdown) and a text file (LibreOffice's plain-text export
# of a document) are the same, apart from white space and list bullets.
# Prints where they first differ and exits 1 when they do.
import json, re, subprocess, sys
def walk(x, out):
    if isinstance(x, dict):
        t = x.get("t")
        if t == "Str": out.append(x["c"]); return
        if t == "Code": out.append(x["c"][1]); return
        if t in ("Space", "SoftBreak", "LineBreak"): return
        for v in x.values(): walk(v, out)
    elif isinstance(x, list):
        for v in x: walk(v, out)
ast = json.loads(subprocess.run(["pandoc", "-f", "gfm", "-t", "json", sys.argv[1]], capture_output=True, check=True).stdout)
md = []
walk(ast["blocks"], md)
md = re.sub(r"\s+", "", "".join(md))
lines = open(sys.argv[2], encoding="utf-8-sig").read().splitlines()
docx = re.sub(r"\s+", "", "".join(re.sub(r"^\s*[•◦▪●]\s*", "", l) for l in lines))
if md != docx:
    i = next((k for k in range(min(len(md), len(docx))) if md[k] != docx[k]), min(len(md), len(docx)))
    print("differ at", i, "md:", md[max(0,i-40):i+40], "\ndocx:", docx[max(0,i-40):i+40]); sys.exit(1)
print("equal", len(md))
