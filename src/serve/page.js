/* The page of clausekit serve. Plain JavaScript, nothing fetched from
   elsewhere; it talks only to this server's /api/check, /api/annotate and
   /api/forms (docs/serve.md), always with the X-Clausekit: 1 header. */
"use strict";

/* ---- words ------------------------------------------------------------------ */
/* zh-TW first; the status names and counts read as in the reports. */
const WORDS = {
  "zh-TW": {
    "skip": "跳到主要內容",
    "app.name": "資通服務委外契約檢查與表單",
    "app.sub": "clausekit · 依委外作業程序檢查契約條款，產生委外廠商表單 4-016、4-017、4-018",
    "tab.check": "檢查契約", "tab.forms": "產生表單",
    "noscript": "本頁需要瀏覽器啟用 JavaScript。",
    "check.title": "檢查契約",
    "check.hint": "上傳契約草案，依規則套件逐項檢查是否具備委外契約應載明的條款。檔案只在檢查時暫存於伺服器，回應後即刪除。",
    "check.drop": "把契約檔拖放到這裡，或按此選擇檔案",
    "check.types": "Word（.docx）或 LibreOffice（.odt），可一次選多份",
    "summary.title": "摘要", "summary.file": "檔案",
    "st.present": "符合 present", "st.partial": "部分符合 partial", "st.conflict": "衝突 conflict",
    "st.missing": "缺漏 missing", "st.na": "不適用 not_applicable", "st.gaps": "必要項目待處理",
    "dl.label": "下載：", "dl.annotate": "加註副本", "dl.html": "報告 HTML", "dl.md": "報告 Markdown",
    "dl.json": "報告 JSON", "dl.checklist": "4-018 稽核項目表…",
    "cl.hint": "4-018 委外廠商稽核項目表：稽核項目依這次檢查的結果預先勾選。請填寫稽核資料：",
    "cl.go": "產生 4-018（.docx）",
    "assume.title": "適用條件（--assume）：依契約內容判斷，可勾選改變",
    "assume.again": "依勾選重新檢查",
    "assume.holds": "成立", "assume.not": "不成立",
    "assume.detected": "判斷：", "assume.by.text": "依契約文字", "assume.by.no_text": "契約中找不到相關文字",
    "assume.by.amount": "依契約金額", "assume.by.assumed": "由勾選指定",
    "forms.title": "產生表單",
    "forms.hint": "由名冊一次產生每位執行人員的表單，或填寫一筆資料。所有有誤的列會先一次列出，全部正確才會產生檔案。",
    "forms.form": "表單", "forms.4-016": "4-016 保密切結書", "forms.4-017": "4-017 保密同意書",
    "forms.4-018": "4-018 委外廠商稽核項目表",
    "forms.source": "資料來源", "forms.source.roster": "上傳名冊", "forms.source.record": "填寫一筆資料",
    "forms.roster": "名冊檔",
    "forms.roster.hint": "CSV（UTF-8 或 Big5）、XLSX、ODS：第一個工作表，第一列為欄名（機關名稱、廠商名稱、姓名、身分證字號…）。",
    "forms.format": "檔案格式", "forms.output": "輸出", "forms.each": "每人一份（zip）", "forms.merged": "合併為一份",
    "forms.go": "產生表單", "forms.row": "列", "forms.problem": "問題",
    "forms.pick": "請選擇名冊檔", "forms.required": "請填寫：",
    "forms.done": "已產生並下載：", "forms.again": "再次下載",
    "foot": "clausekit 於本機或機關內網執行，不連線至外部網站；上傳的檔案在回應後即刪除，不留存。",
    "state.uploading": "上傳中", "state.working": "檢查中…", "state.making": "產生中…",
    "state.done": "完成", "state.failed": "無法檢查", "state.waiting": "等候中",
    "net.failed": "無法連線到伺服器，或上傳超過伺服器的上限；請稍後再試",
    "bad.type": "只接受 .docx 或 .odt；舊版 .doc 請先在 Word 或 LibreOffice 另存為 .docx",
    "field.機關名稱": "機關名稱", "field.公司名稱": "廠商名稱", "field.統一編號": "廠商統一編號",
    "field.專案名稱": "專案名稱", "field.契約編號": "契約編號", "field.姓名": "姓名",
    "field.身分證字號": "身分證統一編號或居留證統一證號", "field.職稱": "職稱", "field.聯絡電話": "聯絡電話",
    "field.電子郵件": "電子郵件", "field.簽署日期": "簽署日期", "field.稽核日期": "稽核日期",
    "field.稽核人員": "稽核人員（多人以、分隔）", "field.受稽核人員": "受稽核人員（陪同人員）",
    "field.受稽核廠商": "受稽核廠商",
    "lang.switch": "English",
  },
  "en": {
    "skip": "Skip to the main content",
    "app.name": "ICT outsourcing contracts: check and forms",
    "app.sub": "clausekit · checks contract clauses against the outsourcing procedure; fills the vendor forms 4-016, 4-017, 4-018",
    "tab.check": "Check contracts", "tab.forms": "Fill forms",
    "noscript": "This page needs JavaScript enabled in the browser.",
    "check.title": "Check contracts",
    "check.hint": "Upload contract drafts to check them, requirement by requirement, against the rule packs. Files are kept on the server only while they are checked and deleted once answered.",
    "check.drop": "Drop contract files here, or click to choose",
    "check.types": "Word (.docx) or LibreOffice (.odt); several at once",
    "summary.title": "Summary", "summary.file": "File",
    "st.present": "present", "st.partial": "partial", "st.conflict": "conflict",
    "st.missing": "missing", "st.na": "not_applicable", "st.gaps": "required gaps",
    "dl.label": "Download:", "dl.annotate": "Annotated copy", "dl.html": "Report HTML", "dl.md": "Report Markdown",
    "dl.json": "Report JSON", "dl.checklist": "4-018 audit checklist…",
    "cl.hint": "4-018 vendor audit checklist, its items marked from this check. Fill in the audit:",
    "cl.go": "Make 4-018 (.docx)",
    "assume.title": "Applicability conditions (--assume): decided from the contract; tick to change",
    "assume.again": "Check again with these choices",
    "assume.holds": "holds", "assume.not": "does not hold",
    "assume.detected": "Decided: ", "assume.by.text": "from the contract's words", "assume.by.no_text": "no such words in the contract",
    "assume.by.amount": "from the contract amount", "assume.by.assumed": "as ticked",
    "forms.title": "Fill forms",
    "forms.hint": "Make each vendor staff member's form from a roster, or fill in one record. Every row with a problem is listed first; files are made only when all rows are right.",
    "forms.form": "Form", "forms.4-016": "4-016 confidentiality affidavit", "forms.4-017": "4-017 confidentiality consent",
    "forms.4-018": "4-018 vendor audit checklist",
    "forms.source": "Data", "forms.source.roster": "Upload a roster", "forms.source.record": "Fill in one record",
    "forms.roster": "Roster file",
    "forms.roster.hint": "CSV (UTF-8 or Big5), XLSX, ODS: first sheet, a header row (機關名稱, 廠商名稱, 姓名, 身分證字號…).",
    "forms.format": "File format", "forms.output": "Output", "forms.each": "One per person (zip)", "forms.merged": "One merged file",
    "forms.go": "Make the forms", "forms.row": "Row", "forms.problem": "Problem",
    "forms.pick": "Choose a roster file", "forms.required": "Fill in: ",
    "forms.done": "Made and downloaded: ", "forms.again": "Download again",
    "foot": "clausekit runs on this machine or the agency's intranet and reaches no outside site; uploads are deleted once answered.",
    "state.uploading": "Uploading", "state.working": "Checking…", "state.making": "Making…",
    "state.done": "Done", "state.failed": "Could not check", "state.waiting": "Waiting",
    "net.failed": "Cannot reach the server, or the upload is over its limit; try again later",
    "bad.type": "Only .docx or .odt; save an old .doc as .docx in Word or LibreOffice first",
    "field.機關名稱": "Agency", "field.公司名稱": "Vendor", "field.統一編號": "Vendor business number",
    "field.專案名稱": "Project", "field.契約編號": "Contract number", "field.姓名": "Name",
    "field.身分證字號": "National ID or resident certificate number", "field.職稱": "Title", "field.聯絡電話": "Phone",
    "field.電子郵件": "Email", "field.簽署日期": "Date signed", "field.稽核日期": "Audit date",
    "field.稽核人員": "Auditors (separate with 、)", "field.受稽核人員": "Vendor staff present",
    "field.受稽核廠商": "Audited vendor",
    "lang.switch": "中文",
  },
};

/* The fields of one record, as the templates name them (templates/4-01x.md). */
const RECORD_FIELDS = {
  "4-016": [["機關名稱", 1], ["公司名稱", 1], ["統一編號", 0], ["專案名稱", 1], ["契約編號", 0], ["姓名", 1],
            ["身分證字號", 1], ["職稱", 0], ["聯絡電話", 0], ["電子郵件", 0], ["簽署日期", 0, "date"]],
  "4-018": [["機關名稱", 1], ["公司名稱", 1, "", "受稽核廠商"], ["專案名稱", 1], ["契約編號", 0],
            ["稽核日期", 1, "date"], ["稽核人員", 1], ["受稽核人員", 0]],
};
RECORD_FIELDS["4-017"] = RECORD_FIELDS["4-016"];

let lang = "zh-TW";
try { if (localStorage.getItem("clausekit.lang") === "en") lang = "en"; } catch (e) { /* private mode */ }

function t(key) { return (WORDS[lang] && WORDS[lang][key]) || WORDS["zh-TW"][key] || key; }

function translate(root) {
  root.querySelectorAll("[data-t]").forEach(function (el) { el.textContent = t(el.getAttribute("data-t")); });
}

function applyLanguage() {
  document.documentElement.lang = lang === "en" ? "en" : "zh-Hant-TW";
  document.title = lang === "en" ? "clausekit — contracts and forms" : "clausekit 契約檢查與表單";
  translate(document);
  document.querySelectorAll("template").forEach(function (tpl) { translate(tpl.content); });
  const button = document.getElementById("lang");
  button.textContent = t("lang.switch");
  button.lang = lang === "en" ? "zh-Hant-TW" : "en";
  buildRecordFields();
  document.querySelectorAll(".checklist-fields").forEach(function (box) { fillFields(box, "4-018", "cl"); });
}

/* ---- talking to the server ---------------------------------------------------- */

/* POSTs a FormData with upload progress; resolves { status, blob, name }. */
function post(path, data, onProgress) {
  return new Promise(function (resolve, reject) {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path + "?lang=" + encodeURIComponent(lang));
    xhr.setRequestHeader("X-Clausekit", "1");
    xhr.responseType = "blob";
    if (onProgress) {
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) onProgress(e.loaded / e.total); };
      xhr.upload.onload = function () { onProgress(1); };
    }
    xhr.onload = function () {
      resolve({ status: xhr.status, blob: xhr.response,
                name: fileNameFrom(xhr.getResponseHeader("Content-Disposition")) });
    };
    xhr.onerror = function () { reject(new Error(t("net.failed"))); };
    xhr.send(data);
  });
}

/* The UTF-8 name of an attachment (RFC 5987 filename*), else filename. */
function fileNameFrom(header) {
  if (!header) return "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) { try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ } }
  const plain = /filename="([^"]*)"/i.exec(header);
  return plain ? plain[1] : "";
}

/* An error answer's JSON: { error, rows? }. */
async function errorOf(answer) {
  try { return JSON.parse(await answer.blob.text()); } catch (e) { return { error: "HTTP " + answer.status }; }
}

function save(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(a.href); }, 120000);
}

function stem(name) { const dot = name.lastIndexOf("."); return dot > 0 ? name.slice(0, dot) : name; }

/* ---- tabs ------------------------------------------------------------------------ */

function selectTab(which) {
  ["check", "forms"].forEach(function (name) {
    const tab = document.getElementById("tab-" + name);
    const on = name === which;
    tab.setAttribute("aria-selected", on ? "true" : "false");
    tab.tabIndex = on ? 0 : -1;
    document.getElementById("panel-" + name).hidden = !on;
  });
}

/* ---- checking contracts ------------------------------------------------------------ */

const STATUS_KEYS = [["present", "present", "st.present"], ["partial", "partial", "st.partial"],
                     ["conflict", "conflict", "st.conflict"], ["missing", "missing", "st.missing"],
                     ["not_applicable", "na", "st.na"]];
const results = [];   /* { file, card, report, row } in the order dropped */

function addFiles(list) {
  document.getElementById("panel-check").classList.add("compact");
  Array.from(list).forEach(function (file) {
    const card = document.getElementById("result-template").content.firstElementChild.cloneNode(true);
    const entry = { file: file, card: card, report: null, row: null, assume: [] };
    card.querySelector(".result-name").textContent = file.name;
    document.getElementById("results").appendChild(card);
    results.push(entry);
    wireCard(entry);
    check(entry);
  });
  updateSummary();
}

function setState(entry, text, fraction) {
  entry.card.querySelector(".result-state").textContent = text;
  const bar = entry.card.querySelector(".result-bar");
  if (fraction === null) { bar.hidden = true; return; }
  bar.hidden = false;
  if (fraction === undefined) bar.removeAttribute("value"); else bar.value = Math.round(fraction * 100);
}

function showError(entry, message) {
  const line = entry.card.querySelector(":scope > .error-line");
  line.textContent = message;
  line.hidden = false;
}

function formFor(entry, format) {
  const data = new FormData();
  data.append("file", entry.file, entry.file.name);
  if (format) data.append("format", format);
  entry.assume.forEach(function (a) { data.append("assume", a); });
  return data;
}

/* Several contracts are checked two at a time: the server has its own queue. */
let running = 0;
const waiting = [];
function slot() {
  if (running < 2) { running++; return Promise.resolve(); }
  return new Promise(function (resolve) { waiting.push(resolve); });
}
function release() { const next = waiting.shift(); if (next) next(); else running--; }

async function check(entry) {
  entry.card.querySelector(":scope > .error-line").hidden = true;
  if (!/\.(docx|odt)$/i.test(entry.file.name) && !/\.doc$/i.test(entry.file.name)) {
    /* The server would say the same; saying it here saves the upload. */
    setState(entry, t("state.failed"), null);
    showError(entry, entry.file.name + "：" + t("bad.type"));
    return;
  }
  setState(entry, t("state.waiting"), 0);
  await slot();
  try {
    const json = await post("/api/check", formFor(entry, "json"), function (f) {
      setState(entry, f < 1 ? t("state.uploading") + " " + Math.round(f * 100) + "%" : t("state.working"), f < 1 ? f : undefined);
    });
    if (json.status !== 200) {
      const e = await errorOf(json);
      setState(entry, t("state.failed"), null);
      showError(entry, e.error);
      entry.report = null;
      updateSummary();
      return;
    }
    const html = await post("/api/check", formFor(entry, "html"));
    entry.report = JSON.parse(await json.blob.text());
    entry.reportJson = json.blob;
    entry.reportHtml = html.blob;
    await showReport(entry, await html.blob.text());
    setState(entry, t("state.done"), null);
  } catch (e) {
    setState(entry, t("state.failed"), null);
    showError(entry, e.message);
  } finally {
    release();
    updateSummary();
  }
}

function countBox(cls, number, label) {
  const box = document.createElement("div");
  box.className = "count " + cls;
  const b = document.createElement("b");
  b.textContent = String(number);
  box.appendChild(b);
  box.appendChild(document.createTextNode(label));
  return box;
}

async function showReport(entry, html) {
  const card = entry.card;
  const s = entry.report.summary;
  const counts = card.querySelector(".counts");
  counts.textContent = "";
  STATUS_KEYS.forEach(function (k) { counts.appendChild(countBox("st-" + k[1], s[k[0]], t(k[2]))); });
  counts.appendChild(countBox("gaps", s.required_gaps, t("st.gaps")));
  buildAssume(entry);

  /* The report as the HTML report shows it, in a shadow root with the
     report's own style sheet: the same words, table, evidence and advice. */
  const host = card.querySelector(".report-host");
  const root = host.shadowRoot || host.attachShadow({ mode: "open" });
  root.textContent = "";
  /* Inline styles would break this page's Content-Security-Policy: the
     report's <style> is served as /report.css, and its style attributes
     (column widths) are set again through the CSSOM, which the policy allows. */
  const doc = new DOMParser().parseFromString(
    html.replace(/<style>[\s\S]*?<\/style>/g, "").replace(/ style="([^"]*)"/g, " data-ck-style=\"$1\""), "text/html");
  ["/report.css", "/app.css"].forEach(function (href) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    root.appendChild(link);
  });
  const view = document.createElement("div");
  view.className = "rv";
  Array.from(doc.body.childNodes).forEach(function (n) { view.appendChild(document.importNode(n, true)); });
  view.querySelectorAll("[data-ck-style]").forEach(function (el) {
    el.getAttribute("data-ck-style").split(";").forEach(function (rule) {
      const colon = rule.indexOf(":");
      if (colon > 0) el.style.setProperty(rule.slice(0, colon).trim(), rule.slice(colon + 1).trim());
    });
    el.removeAttribute("data-ck-style");
  });
  root.appendChild(view);
  root.addEventListener("click", function (e) {
    const a = e.target.closest && e.target.closest("a[href^='#']");
    if (!a) return;
    e.preventDefault();
    const target = root.getElementById(a.getAttribute("href").slice(1));
    if (target) target.scrollIntoView({ behavior: "smooth", block: "start" });
  });
  card.querySelector(".result-body").hidden = false;
}

function buildAssume(entry) {
  const list = entry.card.querySelector(".assume-list");
  list.textContent = "";
  entry.report.applicability.forEach(function (a) {
    const id = "as-" + results.indexOf(entry) + "-" + a.condition;
    const item = document.createElement("div");
    item.className = "assume-item";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.checked = !!a.holds;
    box.dataset.condition = a.condition;
    box.dataset.detected = a.holds ? "1" : "0";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.appendChild(document.createTextNode((a.description && (a.description[lang === "en" ? "en" : "zh"] || a.description.zh)) + " "));
    const code = document.createElement("code");
    code.textContent = a.condition;
    label.appendChild(code);
    const detected = document.createElement("span");
    detected.className = "detected";
    detected.textContent = t("assume.detected") + (a.holds ? t("assume.holds") : t("assume.not")) +
      (lang === "en" ? " (" : "（") + t("assume.by." + a.decided_by) +
      (a.evidence && a.evidence.location ? (lang === "en" ? ", " : "，") + a.evidence.location : "") + (lang === "en" ? ")" : "）");
    label.appendChild(detected);
    item.appendChild(box);
    item.appendChild(label);
    list.appendChild(item);
  });
}

function wireCard(entry) {
  const card = entry.card;
  card.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function () { act(entry, button.getAttribute("data-action"), button); });
  });
  const form = card.querySelector("form.checklist");
  fillFields(card.querySelector(".checklist-fields"), "4-018", "cl");
  form.addEventListener("submit", function (e) { e.preventDefault(); makeChecklist(entry, form); });
}

async function act(entry, action, button) {
  const name = stem(entry.file.name);
  if (action === "checklist") {
    const form = entry.card.querySelector("form.checklist");
    form.hidden = !form.hidden;
    if (!form.hidden) form.querySelector("input").focus();
    return;
  }
  if (action === "recheck") {
    entry.assume = [];
    entry.card.querySelectorAll(".assume-list input").forEach(function (box) {
      const now = box.checked ? "1" : "0";
      if (now !== box.dataset.detected || entry.report.applicability.some(function (a) {
        return a.condition === box.dataset.condition && a.decided_by === "assumed"; })) {
        entry.assume.push((box.checked ? "" : "no-") + box.dataset.condition);
      }
    });
    check(entry);
    return;
  }
  if (action === "json" && entry.reportJson) { save(entry.reportJson, name + ".json"); return; }
  if (action === "html" && entry.reportHtml) { save(entry.reportHtml, name + ".html"); return; }
  button.disabled = true;
  try {
    const answer = action === "annotate" ? await post("/api/annotate", formFor(entry, null))
                                         : await post("/api/check", formFor(entry, action));
    if (answer.status !== 200) { showError(entry, (await errorOf(answer)).error); return; }
    save(answer.blob, answer.name || name + "." + action);
  } catch (e) {
    showError(entry, e.message);
  } finally {
    button.disabled = false;
  }
}

async function makeChecklist(entry, form) {
  const line = form.querySelector(".error-line");
  line.hidden = true;
  const record = readFields(form.querySelector(".checklist-fields"), "4-018");
  if (record.missing.length) { line.textContent = t("forms.required") + record.missing.join(lang === "en" ? ", " : "、"); line.hidden = false; return; }
  const data = new FormData();
  data.append("form", "4-018");
  data.append("format", "docx");
  data.append("merge", "1");
  data.append("data", new Blob([JSON.stringify(record.values)], { type: "application/json" }), "record.json");
  data.append("check", entry.reportJson, "check.json");
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const answer = await post("/api/forms", data);
    if (answer.status !== 200) { line.textContent = (await errorOf(answer)).error; line.hidden = false; return; }
    save(answer.blob, stem(entry.file.name) + "-4-018.docx");
  } catch (e) {
    line.textContent = e.message;
    line.hidden = false;
  } finally {
    button.disabled = false;
  }
}

function updateSummary() {
  const done = results.filter(function (r) { return r.report; });
  const box = document.getElementById("summary");
  box.hidden = results.length < 2;
  const body = box.querySelector("tbody");
  body.textContent = "";
  results.forEach(function (r) {
    const tr = document.createElement("tr");
    const name = document.createElement("td");
    name.className = "file";
    name.textContent = r.file.name;
    tr.appendChild(name);
    const cells = r.report ? STATUS_KEYS.map(function (k) { return r.report.summary[k[0]]; }).concat([r.report.summary.required_gaps]) : [];
    for (let i = 0; i < 6; i++) {
      const td = document.createElement("td");
      td.className = "num" + (i === 5 && cells[i] ? " gaps" : "");
      td.textContent = r.report ? String(cells[i]) : "—";
      tr.appendChild(td);
    }
    body.appendChild(tr);
  });
  return done;
}

/* ---- filling forms ------------------------------------------------------------------- */

function fillFields(box, form, prefix) {
  const kept = {};
  box.querySelectorAll("input").forEach(function (input) { kept[input.dataset.field] = input.value; });
  box.textContent = "";
  RECORD_FIELDS[form].forEach(function (f, i) {
    const id = prefix + "-" + form + "-" + i + "-" + Math.random().toString(36).slice(2, 7);
    const wrap = document.createElement("div");
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = t("field." + (f[3] || f[0]));
    if (f[1]) label.className = "req";
    const input = document.createElement("input");
    input.type = f[2] === "date" ? "date" : "text";
    input.id = id;
    input.dataset.field = f[0];
    input.dataset.label = label.textContent;
    if (f[1]) input.required = true;
    if (kept[f[0]]) input.value = kept[f[0]];
    wrap.appendChild(label);
    wrap.appendChild(input);
    box.appendChild(wrap);
  });
}

function readFields(box, form) {
  const values = {};
  const missing = [];
  box.querySelectorAll("input").forEach(function (input) {
    const v = input.value.trim();
    if (v) values[input.dataset.field] = v;
    else if (input.required) missing.push(input.dataset.label);
  });
  return { values: values, missing: missing, form: form };
}

function buildRecordFields() {
  fillFields(document.getElementById("record-fields"), document.getElementById("form-kind").value, "rec");
}

function formsSource() { return document.querySelector("input[name=source]:checked").value; }

async function makeForms(event) {
  event.preventDefault();
  const form = document.getElementById("form-kind").value;
  const errors = document.getElementById("forms-errors");
  const done = document.getElementById("forms-done");
  const progress = document.getElementById("forms-progress");
  const bar = document.getElementById("forms-bar");
  const status = document.getElementById("forms-status");
  const summary = document.getElementById("forms-error-summary");
  const table = document.getElementById("forms-error-table");
  errors.hidden = true;
  done.hidden = true;
  table.hidden = true;

  const data = new FormData();
  data.append("form", form);
  data.append("format", document.getElementById("form-format").value);
  data.append("merge", document.querySelector("input[name=merge]:checked").value);
  if (formsSource() === "roster") {
    const file = document.getElementById("roster").files[0];
    if (!file) { summary.textContent = t("forms.pick"); errors.hidden = false; return; }
    data.append("data", file, file.name);
  } else {
    const record = readFields(document.getElementById("record-fields"), form);
    if (record.missing.length) {
      summary.textContent = t("forms.required") + record.missing.join(lang === "en" ? ", " : "、");
      errors.hidden = false;
      return;
    }
    data.append("data", new Blob([JSON.stringify(record.values)], { type: "application/json" }), "record.json");
  }
  const go = document.getElementById("forms-go");
  go.disabled = true;
  progress.hidden = false;
  bar.value = 0;
  status.textContent = t("state.uploading");
  try {
    const answer = await post("/api/forms", data, function (f) {
      if (f < 1) { bar.value = Math.round(f * 100); status.textContent = t("state.uploading") + " " + Math.round(f * 100) + "%"; }
      else { bar.removeAttribute("value"); status.textContent = t("state.making"); }
    });
    if (answer.status !== 200) {
      const e = await errorOf(answer);
      summary.textContent = e.error;
      const body = table.querySelector("tbody");
      body.textContent = "";
      (e.rows || []).forEach(function (r) {
        const tr = document.createElement("tr");
        const n = document.createElement("td");
        n.className = "num";
        n.textContent = String(r.row);
        const m = document.createElement("td");
        m.textContent = r.error;
        tr.appendChild(n);
        tr.appendChild(m);
        body.appendChild(tr);
      });
      table.hidden = !(e.rows && e.rows.length);
      errors.hidden = false;
      return;
    }
    const name = answer.name || form + ".zip";
    save(answer.blob, name);
    done.textContent = t("forms.done") + name + " ";
    const again = document.createElement("a");
    again.href = URL.createObjectURL(answer.blob);
    again.download = name;
    again.textContent = t("forms.again");
    done.appendChild(again);
    done.hidden = false;
  } catch (e) {
    summary.textContent = e.message;
    errors.hidden = false;
  } finally {
    go.disabled = false;
    progress.hidden = true;
  }
}

/* ---- start ---------------------------------------------------------------------------- */

document.addEventListener("DOMContentLoaded", function () {
  applyLanguage();
  document.getElementById("lang").addEventListener("click", function () {
    lang = lang === "en" ? "zh-TW" : "en";
    try { localStorage.setItem("clausekit.lang", lang); } catch (e) { /* private mode */ }
    applyLanguage();
    results.forEach(function (r) { if (r.report) buildAssume(r); });
    updateSummary();
  });
  ["check", "forms"].forEach(function (name) {
    const tab = document.getElementById("tab-" + name);
    tab.addEventListener("click", function () { selectTab(name); });
    tab.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        const other = name === "check" ? "forms" : "check";
        selectTab(other);
        document.getElementById("tab-" + other).focus();
      }
    });
  });
  const drop = document.getElementById("drop");
  const input = document.getElementById("files");
  input.addEventListener("change", function () { addFiles(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) { if (e.dataTransfer && e.dataTransfer.files) addFiles(e.dataTransfer.files); });
  function clearOutcome() {
    document.getElementById("forms-errors").hidden = true;
    document.getElementById("forms-done").hidden = true;
  }
  document.getElementById("form-kind").addEventListener("change", function () { clearOutcome(); buildRecordFields(); });
  document.querySelectorAll("input[name=source]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      clearOutcome();
      document.getElementById("source-roster").hidden = formsSource() !== "roster";
      document.getElementById("source-record").hidden = formsSource() !== "record";
    });
  });
  document.getElementById("forms-form").addEventListener("submit", makeForms);
});
