"""serve_load.py URL INPUTS EXPECTED COUNT CLIENTS PID — the load test of
tests/bench/serve.sh: COUNT checks spread over CLIENTS threads, each answer
compared with the command line's report (the time stamp aside). Samples the
resident memory of the server and its job processes while it runs."""
import http.client
import os
import re
import sys
import threading
import time
import urllib.parse

url, inputs, expected, count, clients, pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
u = urllib.parse.urlsplit(url)
names = sorted(os.listdir(inputs))
files = {n: open(os.path.join(inputs, n), "rb").read() for n in names}
STAMP = re.compile(rb'"generated": "[^"]*"')
want = {n: STAMP.sub(b"", open(os.path.join(expected, n + ".json"), "rb").read()) for n in names}

lock = threading.Lock()
next_index = [0]
results = {"ok": 0, "wrong": 0, "failed": 0}
errors = []


def body_for(name):
    boundary = "ckbenchboundary"
    head = ('--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n" % (boundary, name)).encode()
    return head + files[name] + ("\r\n--%s--\r\n" % boundary).encode(), "multipart/form-data; boundary=" + boundary


def client():
    while True:
        with lock:
            i = next_index[0]
            if i >= count:
                return
            next_index[0] += 1
        name = names[i % len(names)]
        body, ctype = body_for(name)
        try:
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=300)
            c.request("POST", "/api/check", body=body, headers={"Content-Type": ctype, "X-Clausekit": "1"})
            r = c.getresponse()
            data = r.read()
            c.close()
            key = "ok" if r.status == 200 and STAMP.sub(b"", data) == want[name] else ("wrong" if r.status == 200 else "failed")
            with lock:
                results[key] += 1
                if key != "ok" and len(errors) < 5:
                    errors.append("%s: %d %r" % (name, r.status, data[:160]))
        except OSError as e:
            with lock:
                results["failed"] += 1
                errors.append("%s: %r" % (name, e))


def rss_kb(p):
    try:
        with open("/proc/%d/status" % p) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(p):
    kids = []
    try:
        for tid in os.listdir("/proc/%d/task" % p):
            with open("/proc/%d/task/%s/children" % (p, tid)) as f:
                kids += [int(k) for k in f.read().split()]
    except OSError:
        pass
    return kids


peak = {"total": 0, "child": 0, "jobs": 0}
running = [True]


def sampler():
    while running[0]:
        kids = children(pid)
        sizes = [rss_kb(k) for k in kids]
        total = rss_kb(pid) + sum(sizes)
        peak["total"] = max(peak["total"], total)
        peak["child"] = max([peak["child"]] + sizes)
        peak["jobs"] = max(peak["jobs"], len(kids))
        time.sleep(0.01)


watch = threading.Thread(target=sampler)
watch.start()
start = time.monotonic()
threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
took = time.monotonic() - start
running[0] = False
watch.join()
hwm = 0
with open("/proc/%d/status" % pid) as f:
    for line in f:
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1])

print("  load                   %d checks of %d contracts from %d concurrent clients" % (count, len(names), clients))
print("  answers                %d equal to clausekit check --format json, %d different, %d failed"
      % (results["ok"], results["wrong"], results["failed"]))
print("  time                   %8.2f s   %.1f requests/s" % (took, count / took))
print("  peak RSS, server       %8.1f MB (VmHWM of the serving process)" % (hwm / 1024))
print("  peak RSS, one job      %8.1f MB (sampled; %d jobs at once at most)" % (peak["child"] / 1024, peak["jobs"]))
bounded = peak["total"] < 512 * 1024
print("  peak RSS, all at once  %8.1f MB (sampled; target: under 512 MB)   %s" % (peak["total"] / 1024, "met" if bounded else "NOT MET"))
for e in errors:
    print("  " + e)
sys.exit(0 if results["ok"] == count and bounded else 1)
