// mknpmdocx.js — a DOCX written by the npm `docx` package, for the producer
// matrix (annotate-producers.sh). Usage: node mknpmdocx.js TEXT OUT.docx,
// TEXT being a contract as `clausekit extract --format text` prints it.
"use strict";
const fs = require("fs");
const { Document, Packer, Paragraph, TextRun, HeadingLevel } = require("docx");

const children = [];
for (const line of fs.readFileSync(process.argv[2], "utf8").split("\n")) {
    const m = /^\[[^\]]*\]（([^）]*)）(.*)$/.exec(line);
    if (!m || !m[2].trim()) continue;
    if (m[1] === "標題") {
        children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(m[2])] }));
    } else {
        // Split like an editor does: a run for each clause of the sentence.
        const runs = m[2].split(/(?<=，)/).map((t) => new TextRun(t));
        children.push(new Paragraph({ children: runs }));
    }
}
const doc = new Document({ sections: [{ children }] });
Packer.toBuffer(doc).then((b) => fs.writeFileSync(process.argv[3], b));
