#!/usr/bin/env python3
"""Confirmed-outcome bench helper (bench/verified-callbacks.sh).

  claims.py prepare <langgraph url> <n> <out.jsonl>
      starts n echo runs on the real server the way the app does (correlation id in the metadata, no webhook),
      waits until they ended, and writes one line per run: {cid, run_id, body} (body = the run as the server has it).
  claims.py post <runs.jsonl> <app url> <callback> <secret> <concurrency> <sent.jsonl>
      posts each run's claim with its token (as fast as <concurrency> connections allow), writes {run_id, sent_ms, status}.
  claims.py report <sent.jsonl> <routed.jsonl>
      joins by run id: outcomes confirmed and routed per second (first post to last routed line), the answers' latency
      p50 / p99 and the app's share (post sent -> routed line written) p50 / p99 / max.
  claims.py single <runs.jsonl> <app url> <callback> <secret> <routed.jsonl> <langgraph url> <app metrics url>
      one outcome at a time (low load): posts a claim and waits for its routed line; the server's time is the app's
      confirmation as the app timed it (the histogram langgraph_callback_confirm_seconds: its GETs of the run and the
      thread's state, answers read), and the app's own time is the share minus that. The bench then asks the server
      the same two GETs itself, a cross-check printed beside (a server answers a repeated GET faster: it is not
      subtracted). Prints p50 / p99 each.
"""
import base64, hashlib, hmac, http.client, json, re, sys, threading, time, uuid
from urllib.parse import urlparse


def call(conn, method, path, body=None):
    conn.request(method, path, body=None if body is None else json.dumps(body), headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status >= 300:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
    return json.loads(data) if data else None


def prepare(url, n, out):
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port)
    runs = []
    for i in range(n):
        cid = str(uuid.uuid4())
        thread = call(conn, "POST", "/threads", {})["thread_id"]
        run = call(conn, "POST", f"/threads/{thread}/runs",
                   {"assistant_id": "echo", "input": {"text": f"bench {i}"}, "metadata": {"camel_langgraph_cid": cid}})
        runs.append((cid, thread, run["run_id"]))
    with open(out, "w") as f:
        for cid, thread, run_id in runs:
            call(conn, "GET", f"/threads/{thread}/runs/{run_id}/join")
            body = call(conn, "GET", f"/threads/{thread}/runs/{run_id}")
            f.write(json.dumps({"cid": cid, "run_id": run_id, "body": body}) + "\n")


def token(secret, name, cid):
    digest = hmac.new(secret.encode(), f"{name}\n{cid}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def post(runs_file, app_url, callback, secret, concurrency, out):
    runs = [json.loads(line) for line in open(runs_file)]
    u = urlparse(app_url)
    lock = threading.Lock()
    sent = []
    queue = list(reversed(runs))

    def worker():
        conn = http.client.HTTPConnection(u.hostname, u.port)
        while True:
            with lock:
                if not queue:
                    return
                run = queue.pop()
            path = f"/langgraph/webhook/{callback}?cid={run['cid']}&token={token(secret, callback, run['cid'])}"
            t = time.time() * 1000
            conn.request("POST", path, body=json.dumps(run["body"]), headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            answered = time.time() * 1000
            with lock:
                sent.append({"run_id": run["run_id"], "sent_ms": t, "ack_ms": answered - t, "status": response.status})

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(out, "w") as f:
        for s in sent:
            f.write(json.dumps(s) + "\n")


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def report(sent_file, routed_file):
    sent = {s["run_id"]: s for s in map(json.loads, open(sent_file))}
    routed = {}
    for line in open(routed_file):
        if line.strip():
            r = json.loads(line)
            routed.setdefault(r["run_id"], r["written_ms"])
    joined = [routed[k] - s["sent_ms"] for k, s in sent.items() if k in routed]
    first = min(s["sent_ms"] for s in sent.values())
    last = max(routed[k] for k in sent if k in routed)
    statuses = {}
    for s in sent.values():
        statuses[s["status"]] = statuses.get(s["status"], 0) + 1
    print(f"claims posted {len(sent)} (answers {statuses}), routed {len(joined)}, missing {len(sent) - len(joined)}")
    print(f"confirmed and routed: {len(joined) / ((last - first) / 1000):.0f} outcomes/s over {(last - first) / 1000:.1f} s")
    acks = [s["ack_ms"] for s in sent.values()]
    print(f"answers (claim posted -> 2xx): p50 {pct(acks, 50):.1f} ms, p99 {pct(acks, 99):.1f} ms")
    print(f"app's share (claim sent -> routed line written): p50 {pct(joined, 50):.1f} ms, p99 {pct(joined, 99):.1f} ms, "
          f"max {max(joined):.1f} ms")


def routed_at(routed_file, run_id, deadline):
    while time.time() < deadline:
        try:
            for line in open(routed_file):
                if run_id in line:
                    return json.loads(line)["written_ms"]
        except FileNotFoundError:
            pass
        time.sleep(0.005)
    return None


def confirm_seconds(metrics):
    """Sum and count of the app's confirmation histogram (Prometheus text at the management port)."""
    metrics.request("GET", "/observe/metrics")
    text = metrics.getresponse().read().decode()
    found = dict(re.findall(r"^langgraph_callback_confirm_seconds_(sum|count)(?:\{[^}]*\})? ([0-9.eE+-]+)$", text, re.M))
    return float(found.get("sum", 0)), float(found.get("count", 0))


def single(runs_file, app_url, callback, secret, routed_file, lg_url, metrics_url):
    runs = [json.loads(line) for line in open(runs_file)]
    u, g, m = urlparse(app_url), urlparse(lg_url), urlparse(metrics_url)
    app, server = http.client.HTTPConnection(u.hostname, u.port), http.client.HTTPConnection(g.hostname, g.port)
    metrics = http.client.HTTPConnection(m.hostname, m.port)
    shares, confirms, own, again = [], [], [], []
    for run in runs:
        path = f"/langgraph/webhook/{callback}?cid={run['cid']}&token={token(secret, callback, run['cid'])}"
        sum0, count0 = confirm_seconds(metrics)
        t = time.time() * 1000
        app.request("POST", path, body=json.dumps(run["body"]), headers={"Content-Type": "application/json"})
        app.getresponse().read()
        written = routed_at(routed_file, run["run_id"], time.time() + 30)
        if written is None:
            print(f"run {run['run_id']} not routed within 30 s")
            continue
        sum1, count1 = confirm_seconds(metrics)
        if count1 != count0 + 1:
            print(f"run {run['run_id']}: {count1 - count0:.0f} confirmations instead of one, left out")
            continue
        confirm_ms = (sum1 - sum0) * 1000
        thread = run["body"]["thread_id"]
        g0 = time.time() * 1000
        call(server, "GET", f"/threads/{thread}/runs/{run['run_id']}")
        call(server, "GET", f"/threads/{thread}/state")
        again.append(time.time() * 1000 - g0)
        shares.append(written - t)
        confirms.append(confirm_ms)
        own.append(max(0.0, written - t - confirm_ms))
    print(f"single outcomes: {len(shares)} of {len(runs)} routed, one at a time")
    for name, values in (("app's share, received -> routed", shares),
                         ("  of which the server's GETs (run, thread state), as the app timed them", confirms),
                         ("  of which the app's own time", own),
                         ("the same GETs asked again by the bench afterwards (cross-check)", again)):
        print(f"{name}: p50 {pct(values, 50):.1f} ms, p99 {pct(values, 99):.1f} ms, max {max(values):.1f} ms")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "prepare":
        prepare(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif cmd == "post":
        post(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), sys.argv[7])
    elif cmd == "report":
        report(sys.argv[2], sys.argv[3])
    elif cmd == "single":
        single(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7], sys.argv[8])
