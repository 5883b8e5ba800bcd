# serve.sh — clausekit serve: the HTTP interface (serve_api.py), the
# options, passwords and the log. Each server listens on a free loopback
# port and prints its URL; the suite reads that line (through a FIFO, so it
# waits for the server, never for a clock) and stops the server at the end.
. "$(dirname "$0")/lib.sh"
export CLAUSEKIT_DATA="$TOP"
S="$TOP/samples"
MK=${CK_BUILD:-$TOP/build}/tests/e2e/mkhostile
PY=${PYTHON:-python3}
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

# start NAME ARGS...: starts a server with its stdout into a FIFO, sets $url
# from the line it prints and $pid; its stderr goes to $T/NAME.log.
start() {
    name=$1; shift
    rm -f "$T/$name.fifo"
    mkfifo "$T/$name.fifo"
    "$CK" serve "$@" >"$T/$name.fifo" 2>"$T/$name.log" &
    pid=$!
    pids="$pids $pid"
    url=""
    read -r url <"$T/$name.fifo" || true
}

stop() { # stop PID: SIGTERM, then wait for it
    kill "$1" 2>/dev/null
    wait "$1" 2>/dev/null
}

if ! command -v "$PY" >/dev/null 2>&1; then
    skip "no python3 for the HTTP tests"
    finish
    exit $?
fi

# ---- the API --------------------------------------------------------------------
mkdir -p "$T/tmp" "$T/work"
TMPDIR="$T/tmp" start api --listen 127.0.0.1:0 --max-upload 2M --jobs 1 --queue 1
case $url in
    http://127.0.0.1:*/) pass "serve prints the URL it listens on ($url)" ;;
    *) fail "serve printed '$url'; log: $(head -c 300 "$T/api.log")" ;;
esac
if [ -n "$url" ]; then
    CK="$CK" SAMPLES="$S" MKHOSTILE="$MK" SERVE_TMP="$T/tmp" "$PY" "$TOP/tests/e2e/serve_api.py" "$url" "$T/work" >"$T/api.out" 2>&1
    while IFS= read -r line; do
        case $line in
            "ok   "*) pass "${line#ok   }" ;;
            "FAIL "*) fail "${line#FAIL }" ;;
        esac
    done <"$T/api.out"
    if ! grep -q '^ok   ' "$T/api.out"; then fail "serve_api.py: $(tail -c 600 "$T/api.out")"; fi
    if grep -q 'Traceback' "$T/api.out"; then fail "serve_api.py stopped: $(tail -c 600 "$T/api.out")"; fi
fi
stop "$pid"

# one line per request: method, path, status, size, time; never a name or an ID
if grep -Eq '^clausekit serve: POST /api/check 200 [0-9]+ B [0-9.]+ s$' "$T/api.log" &&
   grep -Eq '^clausekit serve: POST /api/forms 400 ' "$T/api.log" &&
   grep -Eq '^clausekit serve: GET /healthz 200 3 B ' "$T/api.log"; then
    pass "a log line per request with method, path, status, size and time"
else
    fail "log lines: $(head -c 600 "$T/api.log")"
fi
if grep -q '王小明\|陳美玲\|A100000001\|B20000000\|契約草案\|名冊' "$T/api.log"; then
    fail "the log shows a name, an ID or a file name: $(grep '王小明\|A1000\|名冊\|契約草案' "$T/api.log" | head -3)"
else
    pass "the log shows no name, ID or file name"
fi

# ---- a request's time limit ---------------------------------------------------------
# An upload that stops half-way is cut off once --timeout passes: the
# connection is closed and its folder removed.
mkdir -p "$T/tmp2"
TMPDIR="$T/tmp2" start slow --listen 127.0.0.1:0 --timeout 1
if [ -n "$url" ]; then
    "$PY" - "$url" >"$T/slow.out" 2>&1 <<'EOF'
import socket, sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
s = socket.create_connection((u.hostname, u.port), timeout=60)
s.sendall(("POST /api/check HTTP/1.1\r\nHost: %s:%d\r\nX-Clausekit: 1\r\n"
           "Content-Type: multipart/form-data; boundary=ckboundary7d3e9a\r\nContent-Length: 100000\r\n\r\n"
           "--ckboundary7d3e9a\r\n" % (u.hostname, u.port)).encode())
print("closed" if s.recv(4096) == b"" else "answered")
EOF
    stop "$pid"
    if [ "$(cat "$T/slow.out")" = closed ] && [ -z "$(ls -A "$T/tmp2")" ]; then
        pass "a stalled upload is cut off at --timeout and its folder removed"
    else
        fail "stalled upload: $(cat "$T/slow.out"); left: $(ls -A "$T/tmp2")"
    fi
fi

# ---- the page in a real browser -----------------------------------------------------
# Debian's chromium + chromium-driver + python3-selenium (make deps installs
# them); left to the main pass, like the other renderers.
if has_tool chromium && has_tool chromedriver && /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
    mkdir -p "$T/browser"
    start page --listen 127.0.0.1:0
    CK="$CK" /usr/bin/python3 "$TOP/tests/e2e/serve_browser.py" "$url" "$T/browser" "$S/maintenance-contract.docx" \
        "$S/roster.csv" >"$T/browser.out" 2>&1
    while IFS= read -r line; do
        case $line in
            "ok   "*) pass "browser: ${line#ok   }" ;;
            "FAIL "*) fail "browser: ${line#FAIL }" ;;
        esac
    done <"$T/browser.out"
    if ! grep -q '^ok   ' "$T/browser.out"; then fail "serve_browser.py: $(tail -c 600 "$T/browser.out")"; fi
    stop "$pid"
else
    skip "browser tests: need chromium, chromium-driver and python3-selenium (make deps)"
fi

# ---- listening beyond loopback ------------------------------------------------------
run "$CK" serve --listen 0.0.0.0:0
expect_error "0.0.0.0 without --auth or --no-auth is refused" 2 '\-\-auth.*\-\-no-auth'
start open --listen 0.0.0.0:0 --no-auth
if [ -n "$url" ] && grep -q 'WITHOUT passwords' "$T/open.log"; then pass "--no-auth says so on stderr"; else fail "--no-auth: '$url' $(cat "$T/open.log")"; fi
stop "$pid"

# ---- passwords --------------------------------------------------------------------------
run sh -c "printf 'correct horse\n' | '$CK' serve --hash-password"
hash=$(cat "$T/out")
case $hash in
    '$'*) pass "--hash-password prints a crypt hash" ;;
    *) fail "--hash-password printed '$hash' ($(cat "$T/err"))" ;;
esac
printf 'clerk:%s\n' "$hash" >"$T/users"
start auth --listen 127.0.0.1:0 --auth "$T/users"
if [ -n "$url" ]; then
    "$PY" - "$url" >"$T/auth.out" 2>&1 <<'EOF'
import base64, http.client, sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
def get(path, user=None):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    h = {}
    if user:
        h["Authorization"] = "Basic " + base64.b64encode(user.encode()).decode()
    c.request("GET", path, headers=h)
    r = c.getresponse()
    r.read()
    return r.status, r.getheader("WWW-Authenticate") or ""
print(get("/")[0], get("/", "clerk:wrong")[0], get("/", "clerk:correct horse")[0], get("/healthz")[0], get("/")[1])
EOF
    read -r no wrong right health challenge <"$T/auth.out"
    if [ "$no" = 401 ] && [ "$wrong" = 401 ] && [ "$right" = 200 ] && [ "$health" = 200 ] && [ "${challenge%% *}" = Basic ]; then
        pass "--auth: 401 without or with a wrong password, 200 with it; /healthz open"
    else
        fail "--auth: $(cat "$T/auth.out")"
    fi
fi
stop "$pid"
printf 'clerk\n' >"$T/bad-users"
run "$CK" serve --listen 127.0.0.1:0 --auth "$T/bad-users"
expect_error "a bad --auth file is named with its line" 2 'bad-users:1:'

# ---- options ------------------------------------------------------------------------------
run "$CK" serve --max-upload lots
expect_error "--max-upload needs a size" 2 'max-upload lots'
run "$CK" serve --listen nowhere
expect_error "--listen needs ADDRESS:PORT" 2 'listen nowhere'
run "$CK" serve --jobs 0
expect_error "--jobs 0 is refused" 2 'jobs'
run "$CK" serve --help
if [ $rc -eq 0 ] && grep -q -- '--max-upload' "$T/out"; then pass "serve --help"; else fail "serve --help: $rc"; fi
finish
