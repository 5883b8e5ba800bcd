"""serve_api.py — the HTTP interface of `clausekit serve`, end to end.

Run by serve.sh against a server it started on a free loopback port:
    python3 serve_api.py URL WORKDIR
Environment: CK (the binary), SAMPLES, MKHOSTILE, SERVE_TMP (the server's
TMPDIR). Prints "ok   ..." / "FAIL ..." per case; serve.sh counts them.
Only the standard library: http.client, zipfile, json.
"""
import http.client
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import zipfile

URL = urllib.parse.urlsplit(sys.argv[1])
WORK = sys.argv[2]
CK = os.environ["CK"]
SAMPLES = os.environ["SAMPLES"]
MK = os.environ["MKHOSTILE"]
SERVE_TMP = os.environ["SERVE_TMP"]
HOST, PORT = URL.hostname, URL.port
failures = 0


def ok(name):
    print("ok   " + name, flush=True)


def fail(name, why=""):
    global failures
    failures += 1
    print("FAIL " + name + (": " + why if why else ""), flush=True)


def expect(cond, name, why=""):
    (ok if cond else lambda n: fail(n, why))(name)


def multipart(fields):
    """fields: list of (name, value) or (name, (filename, bytes)); returns body, content type."""
    boundary = "ckboundary7d3e9a"
    out = io.BytesIO()
    for name, value in fields:
        out.write(b"--" + boundary.encode() + b"\r\n")
        if isinstance(value, tuple):
            filename, data = value
            out.write(('Content-Disposition: form-data; name="%s"; filename="%s"\r\n' % (name, filename)).encode())
            out.write(b"Content-Type: application/octet-stream\r\n\r\n")
            out.write(data)
        else:
            out.write(('Content-Disposition: form-data; name="%s"\r\n\r\n' % name).encode())
            out.write(value.encode())
        out.write(b"\r\n")
    out.write(b"--" + boundary.encode() + b"--\r\n")
    return out.getvalue(), "multipart/form-data; boundary=" + boundary


def request(method, path, fields=None, headers=None, body=None, content_type=None):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=120)
    h = {"X-Clausekit": "1"}
    if fields is not None:
        body, content_type = multipart(fields)
    if content_type:
        h["Content-Type"] = content_type
    h.update(headers or {})
    conn.request(method, path, body=body, headers=h)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), data


def read(path):
    with open(path, "rb") as f:
        return f.read()


def cli(*args, cwd=None):
    p = subprocess.run([CK] + list(args), cwd=cwd, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode()


STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?( UTC)?")


def same_report(a, b):
    return STAMP.sub(b"T", a) == STAMP.sub(b"T", b)


def cli_report(sample, name, *args):
    """The command line's report for sample, copied as name (so both see the same file name)."""
    d = os.path.join(WORK, "cli-" + str(abs(hash((sample, name, args)))))
    os.makedirs(d, exist_ok=True)
    shutil.copy(sample, os.path.join(d, name))
    rc, out, err = cli("check", name, *args, cwd=d)
    return rc, out, err


contract = os.path.join(SAMPLES, "maintenance-contract.docx")
odt = os.path.join(SAMPLES, "service-contract.odt")

# ---- GET ---------------------------------------------------------------------
status, h, data = request("GET", "/healthz")
expect(status == 200 and data == b"ok\n", "GET /healthz is 200 ok", "%d %r" % (status, data[:80]))
status, h, data = request("GET", "/")
expect(status == 200 and h.get("content-type", "").startswith("text/html") and b"<html" in data, "GET / is the page")
expect("default-src 'self'" in h.get("content-security-policy", "") and h.get("x-content-type-options") == "nosniff"
       and h.get("referrer-policy") == "no-referrer", "security headers on the page", str(h))
for path in ("/app.js", "/app.css", "/report.css"):
    status, h, data = request("GET", path)
    expect(status == 200 and len(data) > 0, "GET %s" % path, str(status))
status, h, data = request("GET", "/nope")
expect(status == 404 and "error" in json.loads(data), "unknown path is 404 with an error", str(status))
status, h, data = request("GET", "/api/check")
expect(status == 405, "GET /api/check is 405", str(status))

# ---- check: the same report as the command line ------------------------------
for fmt in ("json", "html", "md"):
    status, h, data = request("POST", "/api/check", [("file", ("maintenance-contract.docx", read(contract))), ("format", fmt)])
    rc, out, err = cli_report(contract, "maintenance-contract.docx", "--format", fmt)
    expect(status == 200 and same_report(data, out), "check %s equals clausekit check --format %s" % (fmt, fmt),
           "status %d, %d vs %d bytes" % (status, len(data), len(out)))
status, h, data = request("POST", "/api/check", [("file", ("maintenance-contract.docx", read(contract))), ("format", "docx")])
try:
    text = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    expect(status == 200 and "3.4.1.3" in text, "check docx is the report as a Word document")
except Exception as e:  # noqa: BLE001 — any failure to open is the finding
    fail("check docx opens", "%d %r" % (status, e))
status, h, data = request("POST", "/api/check", [("file", ("a.docx", read(contract))), ("format", "pdf")])
expect(status == 400 and "pdf" in json.loads(data)["error"], "an unknown report format is a 400", data[:200])
status, h, data = request("POST", "/api/check", [("file", ("服務契約.odt", read(odt)))])
rc, out, err = cli_report(odt, "服務契約.odt", "--format", "json")
expect(status == 200 and same_report(data, out), "check of an ODT with a Chinese name equals the command line")
status, h, data = request("POST", "/api/check", [("file", ("maintenance-contract.docx", read(contract))),
                                                 ("assume", "no-system-development"), ("assume", "core-system")])
rc, out, err = cli_report(contract, "maintenance-contract.docx", "--format", "json", "--assume", "no-system-development",
                          "--assume", "core-system")
expect(status == 200 and same_report(data, out), "check with assume fields equals --assume")
report = json.loads(data)
expect([a["decided_by"] for a in report["applicability"] if a["condition"] == "core-system"] == ["assumed"],
       "assume decides the condition", str([a for a in report["applicability"] if a["condition"] == "core-system"])[:200])
status, h, data = request("POST", "/api/check?lang=en", [("file", ("a.docx", read(contract))), ("assume", "no-such")])
body = json.loads(data)
expect(status == 400 and "no condition named 'such'" in body["error"], "an unknown assumption is a 400 in English", data[:200])

# ---- annotate --------------------------------------------------------------------
status, h, data = request("POST", "/api/annotate?lang=zh-TW", [("file", ("契約草案.docx", read(contract)))])
cd = h.get("content-disposition", "")
expect(status == 200 and "filename*=UTF-8''" + urllib.parse.quote("契約草案-審查.docx") in cd,
       "annotate answers an attachment named 契約草案-審查.docx (RFC 5987)", cd)
try:
    z = zipfile.ZipFile(io.BytesIO(data))
    comments = z.read("word/comments.xml").decode()
    expect(z.testzip() is None and "【3.4.1.3】" in comments, "the annotated copy is a valid package with comments")
except Exception as e:  # noqa: BLE001 — any failure to open is the finding
    fail("the annotated copy opens", repr(e))

# ---- forms -------------------------------------------------------------------------
status, h, data = request("POST", "/api/forms", [("form", "4-016"), ("data", ("名冊.csv", read(os.path.join(SAMPLES, "roster.csv"))))])
d = os.path.join(WORK, "cli-forms")
rc, out, err = cli("forms", "4-016", "--data", os.path.join(SAMPLES, "roster.csv"), "--zip", d + ".zip")
try:
    names = sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    want = sorted(zipfile.ZipFile(d + ".zip").namelist())
    expect(status == 200 and names == want and len(names) >= 2, "forms: a zip with one form per person, as --zip",
           "%r vs %r" % (names, want))
except Exception as e:  # noqa: BLE001
    fail("forms zip opens", "%d %r %r" % (status, e, data[:200]))
expect("4-016.zip" in h.get("content-disposition", ""), "forms zip is an attachment 4-016.zip", h.get("content-disposition", ""))
for roster in ("roster-big5.csv", "roster.xlsx", "roster.ods"):
    status, h, data = request("POST", "/api/forms", [("form", "4-017"), ("format", "odt"), ("data", (roster, read(os.path.join(SAMPLES, roster))))])
    expect(status == 200 and data[:2] == b"PK", "forms from %s" % roster, "%d %r" % (status, data[:200]))
status, h, data = request("POST", "/api/forms", [("form", "4-016"), ("merge", "1"), ("format", "html"),
                                                 ("data", ("roster.csv", read(os.path.join(SAMPLES, "roster.csv"))))])
expect(status == 200 and h.get("content-type", "").startswith("text/html") and "王小明" in data.decode()
       and "陳美玲" in data.decode(), "forms merge=1 answers one merged file")

bad = read(os.path.join(SAMPLES, "roster.csv")).decode("utf-8-sig").splitlines()
bad[2] = bad[2].replace("B200000004", "B200000005")
bad_roster = ("\n".join(bad) + "\n").encode()
status, h, data = request("POST", "/api/forms", [("form", "4-016"), ("data", ("名冊.csv", bad_roster))])
body = json.loads(data)
with open(os.path.join(WORK, "名冊.csv"), "wb") as f:
    f.write(bad_roster)
rc, out, err = cli("forms", "4-016", "--data", "名冊.csv", "--zip", "x.zip", cwd=WORK)
cli_lines = [l[len("clausekit: "):] for l in err.splitlines()]
expect(status == 400 and body.get("rows") and body["rows"][0]["row"] == 3 and body["error"] == cli_lines[-1]
       and "名冊.csv:3: " + body["rows"][0]["error"] == cli_lines[0],
       "a bad roster row is a 400 with the command line's words and its row", data.decode()[:300])
expect("B200000005" not in data.decode(), "identity numbers are masked in row errors")
status, h, data = request("POST", "/api/forms", [("form", "../../etc/x"), ("data", ("r.csv", read(os.path.join(SAMPLES, "roster.csv"))))])
expect(status == 400, "a form that is not installed is refused", str(status))

audit = "機關名稱: 範例市政府資訊中心\n受稽核廠商: 甲乙資訊股份有限公司\n案名: 維運案\n稽核日期: 2026-11-30\n稽核人員: 陳大文\n".encode()
status, h, check_json = request("POST", "/api/check", [("file", ("maintenance-contract.docx", read(contract)))])
status, h, data = request("POST", "/api/forms", [("form", "4-018"), ("merge", "1"), ("format", "md"),
                                                 ("data", ("audit.yaml", audit)), ("check", ("check.json", check_json))])
expect(status == 200 and "■" in data.decode(), "4-018 pre-filled from a check report", data.decode()[:300])

# ---- hostile and wrong input ------------------------------------------------------
status, h, data = request("POST", "/api/check", [("file", ("../../../tmp/evil.docx", read(contract)))])
expect(status == 200 and json.loads(data)["file"] == "evil.docx" and not os.path.exists("/tmp/evil.docx"),
       "a multipart name with ../ is only shown, never a path", str(status))
subprocess.run([MK, "bomb", os.path.join(WORK, "bomb.docx")], check=True)
start = time.monotonic()
status, h, data = request("POST", "/api/check", [("file", ("bomb.docx", read(os.path.join(WORK, "bomb.docx"))))])
took = time.monotonic() - start
rc, out, err = cli("check", "bomb.docx", cwd=WORK)
expect(status == 400 and json.loads(data)["error"] == err.strip()[len("clausekit: "):],
       "a zip bomb is a 400 with the command line's words (%.2f s)" % took, data[:200])
subprocess.run([MK, "legacy-doc", os.path.join(WORK, "old.doc")], check=True)
status, h, data = request("POST", "/api/check", [("file", ("old.doc", read(os.path.join(WORK, "old.doc"))))])
rc, out, err = cli("check", "old.doc", cwd=WORK)
expect(status == 400 and json.loads(data)["error"] == err.strip()[len("clausekit: "):], "a .doc is a 400 with the command line's words", data[:200])
open(os.path.join(WORK, "empty.docx"), "wb").close()
status, h, data = request("POST", "/api/check", [("file", ("empty.docx", b""))])
rc, out, err = cli("check", "empty.docx", cwd=WORK)
expect(status == 400 and json.loads(data)["error"] == err.strip()[len("clausekit: "):], "an empty file is a 400 with the command line's words", data[:200])
status, h, data = request("POST", "/api/check", [("format", "json")])
expect(status == 400 and "file" in json.loads(data)["error"], "no file is a 400", data[:200])
status, h, data = request("POST", "/api/check", [("file", ("a.docx", read(contract))), ("other", "1")])
expect(status == 400 and "other" in json.loads(data)["error"], "an unknown field is a 400", data[:200])
status, h, data = request("POST", "/api/check", body=b"hello", content_type="text/plain")
expect(status == 400, "a body that is not multipart is a 400", str(status))
# As curl and other clients do for a large body: headers first, with Expect:
# 100-continue; the answer comes before any of the body is sent.
s = socket.create_connection((HOST, PORT), timeout=30)
s.sendall(("POST /api/check HTTP/1.1\r\nHost: %s:%d\r\nX-Clausekit: 1\r\nExpect: 100-continue\r\n"
           "Content-Type: multipart/form-data; boundary=ckboundary7d3e9a\r\nContent-Length: %d\r\n\r\n"
           % (HOST, PORT, 3 * 1024 * 1024)).encode())
resp = http.client.HTTPResponse(s)
resp.begin()
data = resp.read()
s.close()
expect(resp.status == 413 and "error" in json.loads(data), "an upload over --max-upload is a 413", str(resp.status))

# ---- cross-site posts ----------------------------------------------------------------
conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
body, ctype = multipart([("file", ("a.docx", read(contract)))])
conn.request("POST", "/api/check", body=body, headers={"Content-Type": ctype})
resp = conn.getresponse()
resp.read()
expect(resp.status == 403, "a post without X-Clausekit is refused (403)", str(resp.status))
status, h, data = request("POST", "/api/check", [("file", ("a.docx", read(contract)))], headers={"Origin": "http://evil.example"})
expect(status == 403, "a post from another origin is refused (403)", str(status))
status, h, data = request("POST", "/api/check", [("file", ("a.docx", read(contract)))],
                          headers={"Origin": "http://%s:%d" % (HOST, PORT)})
expect(status == 200, "a post from the page's own origin is taken", str(status))

# ---- a full queue is a 503 ---------------------------------------------------------------
# The server runs with --jobs 1 --queue 1: two requests in flight fill it. Each
# holds its place once the server has answered 100 Continue to its headers.
held = []
for i in range(2):
    s = socket.create_connection((HOST, PORT), timeout=30)
    s.sendall(("POST /api/check HTTP/1.1\r\nHost: %s:%d\r\nX-Clausekit: 1\r\nExpect: 100-continue\r\n"
               "Content-Type: multipart/form-data; boundary=ckboundary7d3e9a\r\nContent-Length: 1000\r\n\r\n" % (HOST, PORT)).encode())
    line = s.recv(100)
    held.append(s)
    if not line.startswith(b"HTTP/1.1 100"):
        fail("request %d admitted" % i, repr(line))
folders = [os.path.join(SERVE_TMP, d) for d in os.listdir(SERVE_TMP)]
expect(len(folders) == 2 and all(os.stat(d).st_mode & 0o777 == 0o700 for d in folders),
       "each request in flight has its own 0700 folder", str([(d, oct(os.stat(d).st_mode)) for d in folders]))
status, h, data = request("POST", "/api/check", [("file", ("a.docx", read(contract)))])
expect(status == 503 and "error" in json.loads(data), "a full queue is a 503", str(status))
for s in held:
    s.close()
# after the two are gone a request is worked on again
for attempt in range(100):
    status, h, data = request("GET", "/healthz")
    status, h, data = request("POST", "/api/check", [("file", ("a.docx", read(contract)))])
    if status != 503:
        break
expect(status == 200, "the places are given back when connections close", str(status))

# ---- nothing left behind ---------------------------------------------------------------
left = os.listdir(SERVE_TMP)
expect(left == [], "no upload is left in the server's temporary folder", str(left))
sys.exit(1 if failures else 0)
