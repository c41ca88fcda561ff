#!/usr/bin/env python3
"""Differential test: the registry's own notification dispatcher (Go, docker/distribution 2.8.2's
`notifications` package, driven by twindriver.go) against hookscope, case by case, on the same
scripted receiver (receiver.py).

For each case the receiver is given a script; the Go driver runs the case's endpoints and events;
its metrics and the requests the receiver saw are recorded; the receiver is reset; the real
hookscope binary runs headless with the same endpoints, the same events are posted to its ingest,
and the same records are taken. Then both are compared: per endpoint Pending, Events, Successes,
Failures, Errors and Statuses; the number of requests; per request its request line, listener,
header lines (exact order and case) and body bytes. Connection numbers are not compared: the
registry opens a new connection per POST (httpSink.Write closes idle connections after every
attempt), hookscope keeps one alive per endpoint (README, "Registry-faithful by default").

Differences listed in expected_differences.json (case, fields, reason) are reported but pass;
any other difference fails the run (exit 1) and is printed as a table: case | field | Go | hookscope.

Usage: tests/twin/twin.py [HOOKSCOPE_BIN] [-k REGEX] [--json FILE] [--list] [--self-check]
       HOOKSCOPE_BIN defaults to $HOOKSCOPE_BIN, then build/src/app/hookscope.
Exit 0: no unexpected difference; 1: differences (or a broken run); 77: go or the registry's
Go sources (golang-go, golang-github-docker-distribution-dev) are not installed.
"""
import argparse
import fnmatch
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import receiver as rx  # noqa: E402

GOPATH = "/usr/share/gocode"
NOTIFICATIONS_SRC = os.path.join(GOPATH, "src/github.com/docker/distribution/notifications")
FIXTURES = os.path.join(ROOT, "tests/fixtures/registry-2.8.2/events")
EVENTS_MEDIA_TYPE = "application/vnd.docker.distribution.events.v1+json"

# ------------------------------------------------------------------------------------ events

# Real registry 2.8.2 requests (tests/fixtures/registry-2.8.2/events): a blob push
# (application/octet-stream), an OCI manifest push, pulls, a schema2 push, a delete.
EVENT_SETS = {
    "one": ["003-push-manifest-oci.json"],
    "three": ["001-push-blob.json", "003-push-manifest-oci.json", "004-pull-manifest-oci.json"],
    "mixed": ["001-push-blob.json", "004-pull-manifest-oci.json", "013-push-manifest-v2s2.json",
              "029-delete-manifest.json", "005-pull-blob.json"],
}


def envelope(files):
    """One envelope holding the fixtures' events, in the registry's own bytes: each fixture is a
    MarshalIndent(envelope, "", "   ") of one event, so its event text is already indented for
    its place in a longer envelope; joining them gives what MarshalIndent gives for all."""
    head, tail = b'{\n   "events": [\n', b"\n   ]\n}"
    events = []
    for name in files:
        with open(os.path.join(FIXTURES, name), "rb") as f:
            data = f.read()
        assert data.startswith(head) and data.endswith(tail), name
        events.append(data[len(head):-len(tail)])
    body = head + b",\n".join(events) + tail
    assert len(json.loads(body)["events"]) == len(files)
    return body


# ------------------------------------------------------------------------------------ answers

REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 300: "Multiple Choices",
           301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
           307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
           404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error",
           503: "Service Unavailable"}


def answer(code, headers=(), body=b"", version="HTTP/1.1", reason=None):
    """A well-framed response (Content-Length) as one write step."""
    reason = REASONS.get(code, "Whatever") if reason is None else reason
    lines = [f"{version} {code} {reason}", f"Content-Length: {len(body)}", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


OK = [answer(200)]


# ------------------------------------------------------------------------------------ cases

def endpoint(name="a", path=None, **settings):
    """An endpoint with the suite's short settings (timeouts and backoffs well under a second,
    so the whole run stays short)."""
    ep = {"name": name, "url": "http://127.0.0.1:{PORT0}" + (path or "/" + name),
          "timeout": "300ms", "threshold": 3, "backoff": "200ms"}
    ep.update(settings)
    return ep


def case(name, script=(), events="one", endpoints=None, default=None, limit="5s",
         compare_only=None, note=""):
    return {"name": name, "script": script if isinstance(script, dict) else list(script),
            "default": default, "events": events, "endpoints": endpoints or [endpoint()],
            "limit": limit, "compare_only": compare_only, "note": note}


def build_cases():
    cases = []
    # Statuses, each once then 200: 2xx/3xx are Successes, the rest Failures (http.go Write).
    for code in (200, 201, 202, 204, 250, 299, 300, 304, 307, 399, 400, 404, 429, 500, 503,
                 599, 600, 999):
        cases.append(case(f"status-{code}", [[answer(code)]],
                          note="307 without Location" if code == 307 else ""))
    # Status lines Go refuses or accepts oddly.
    cases += [
        case("statusline-20", [[b"HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n"]]),
        case("statusline-2000", [[b"HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n"]]),
        case("statusline-099", [[b"HTTP/1.1 099 X\r\nContent-Length: 0\r\n\r\n"]]),
        case("garbage", [[b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", "close"]]),
        case("empty-close", [["close"]]),
        case("reset", [["reset"]]),
        case("hang-then-200", [["hang"]]),
        case("partial-head-close", [[b"HTTP/1.1 200 OK\r\nContent-Len", "close"]]),
        case("slow-then-200", [[("sleep", 0.5)] + OK],
             note="the answer comes after the 300ms timeout: an Error, and the retry a duplicate"),
        case("hang-x3-then-200", [["hang"]] * 3, note="3 timeouts reach the threshold: a backoff"),
        case("short-body-close-200", [[b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort",
                                       "close"]]),
        case("status-429-retry-after", [[answer(429, ["Retry-After: 1"])]],
             note="neither side waits for Retry-After"),
        case("down-refused", limit="1500ms", endpoints=[
            endpoint(url="http://127.0.0.1:{DOWNPORT}/a", backoff="60s")],
             note="nothing listens: ECONNREFUSED, threshold attempts, then a backoff longer than the case"),
        case("500x3-then-200", [[answer(500)]] * 3),
        case("500x4-then-200", [[answer(500)]] * 4, note="past the threshold: one backoff"),
    ]
    # Interim responses (Go: at most 5 1xx before the final one; 101 is final).
    interim = b"HTTP/1.1 100 Continue\r\n\r\n"
    cases += [
        case("100-then-200", [[interim + OK[0]]]),
        case("102-then-200", [[b"HTTP/1.1 102 Processing\r\n\r\n" + OK[0]]]),
        case("103-then-200", [[b"HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n"
                               + OK[0]]]),
        case("100x5-then-200", [[interim * 5 + OK[0]]]),
        case("100x6-then-200", [[interim * 6 + OK[0]]],
             note='Go: "too many 1xx informational responses"'),
        case("101-switching", [[b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                b"Connection: Upgrade\r\n\r\n"]]),
    ]
    # Framing and protocol versions; three events each so connection reuse is exercised.
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    cases += [
        case("http10-close", events="three",
             default=[b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", "close"]),
        case("http10-keepalive", events="three",
             default=[b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"]),
        case("chunked-200", events="three", default=[chunked]),
        case("chunked-broken-200", events="three",
             default=[b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot hex\r\n",
                      "close"]),
        case("unframed-eof-200", events="three",
             default=[b"HTTP/1.1 200 OK\r\n\r\nan unframed body, ended by EOF", "close"]),
        case("trickle-past-timeout", events="three",
             default=[b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"]
             + [("sleep", 0.1), b"x"] * 10,
             note="10 body bytes over 1 s, timeout 300ms: the status decides"),
    ]
    # Redirects: same port (relative Location), other port (absolute), then 200 there.
    for code in (301, 302, 303, 307, 308):
        cases.append(case(f"redirect-{code}-same-port", [[answer(code, ["Location: /moved"])]]))
        cases.append(case(f"redirect-{code}-other-port",
                          [[answer(code, ["Location: http://127.0.0.1:{PORT1}/moved"])]]))
    cases += [
        case("redirect-302-loop", [[answer(302, ["Location: /loop"])]] * 20,
             note="Go stops after 10 redirects: 10 requests and an Error per attempt"),
        case("redirect-308-ftp", [[answer(308, ["Location: ftp://127.0.0.1/x"])]]),
        # Configured headers go with every hop (the registry adds them in its RoundTripper).
        case("redirect-307-other-host-auth",
             [[answer(307, ["Location: http://localhost:{PORT1}/moved"])]],
             endpoints=[endpoint(headers={"Authorization": ["Bearer s3cret"],
                                          "Cookie": ["c=1"], "X-Keep": ["k"]})]),
        case("redirect-302-userinfo-other-port",
             [[answer(302, ["Location: http://127.0.0.1:{PORT1}/moved"])]],
             endpoints=[endpoint(url="http://u:p@127.0.0.1:{PORT0}/a")]),
    ]
    # Request headers.
    cases += [
        case("headers-multi", endpoints=[endpoint(headers={
            "X-Multi": ["one", "two"], "Authorization": ["Bearer t0ken"],
            "x-lower-key": ["v"], "X-Empty": [""]})]),
        case("headers-user-agent-lower", endpoints=[endpoint(headers={"user-agent": ["custom/1"]})]),
        case("headers-user-agent-two", endpoints=[endpoint(headers={
            "User-Agent": ["first/1", "second/2"]})]),
        case("headers-content-type", endpoints=[endpoint(headers={
            "Content-Type": ["application/json"]})]),
        case("headers-accept-encoding", endpoints=[endpoint(headers={
            "Accept-Encoding": ["identity"]})]),
        case("url-userinfo", endpoints=[endpoint(url="http://u:p@127.0.0.1:{PORT0}/a")]),
        case("url-query", endpoints=[endpoint(url="http://127.0.0.1:{PORT0}/a?token=x&y=1")]),
    ]
    # Fan-out and filters.
    two = [endpoint("a"), endpoint("b")]
    cases += [
        case("fanout-2", events="three", endpoints=two),
        case("fanout-2-one-fails", {"/a": [], "/b": [[answer(500)], [answer(503)]]},
             events="three", endpoints=two),
        case("ignore-mediatypes", events="mixed", endpoints=[endpoint(
            ignore={"mediatypes": ["application/octet-stream"]})]),
        case("ignoredmediatypes-old-key", events="mixed", endpoints=[endpoint(
            ignoredmediatypes=["application/octet-stream"])]),
        case("ignore-mediatypes-and-actions", events="mixed", endpoints=[endpoint(
            ignore={"mediatypes": ["application/octet-stream"], "actions": ["pull"]})]),
        case("ignore-actions-alone", events="mixed", endpoints=[endpoint(
            ignore={"actions": ["pull"]})]),
    ]
    # Invalid URLs beside a good endpoint. The breaker's backoff is longer than the case, so
    # each bad endpoint makes exactly `threshold` attempts and the end state is exact.
    cases.append(case("invalid-urls", limit="2s", endpoints=[
        endpoint("good"),
        endpoint("ftp", url="ftp://127.0.0.1/x", backoff="60s"),
        endpoint("noscheme", url="127.0.0.1:{PORT0}/x", backoff="60s")]))
    # A poison head: 500 forever. Exact with a backoff longer than the case; with a short backoff
    # only what cannot depend on timing is compared (no Success, the 2nd event never sent).
    cases.append(case("poison-head-long-backoff", events="three", default=[answer(500)],
                      limit="1500ms", endpoints=[endpoint(threshold=2, backoff="60s")]))
    cases.append(case("poison-head", events="three", default=[answer(500)], limit="1500ms",
                      endpoints=[endpoint(threshold=2, backoff="200ms")],
                      compare_only=["a.Successes", "a.Events", "distinct_bodies"]))
    return cases


# ------------------------------------------------------------------------------------ running

def fill(value, ports, down_port):
    """Replaces {PORT0}/{PORT1} (the receiver's listeners) and {DOWNPORT} (a port nothing
    listens on) in every string of a case's endpoint settings."""
    if isinstance(value, str):
        for i, port in enumerate(ports):
            value = value.replace("{PORT%d}" % i, str(port))
        return value.replace("{DOWNPORT}", str(down_port))
    if isinstance(value, list):
        return [fill(v, ports, down_port) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, ports, down_port) for k, v in value.items()}
    return value


def seconds(duration):
    m = re.fullmatch(r"([0-9.]+)(ms|s)", duration)
    return float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)


def run_go(driver, c, endpoints, events_file, work):
    case_file = os.path.join(work, "case.json")
    with open(case_file, "w") as f:
        json.dump({"endpoints": endpoints, "events": events_file, "limit": c["limit"]}, f)
    limit = seconds(c["limit"])
    p = subprocess.run([driver, case_file], capture_output=True, text=True, timeout=limit + 30)
    if p.returncode != 0:
        return {"started": f"exit {p.returncode}: {p.stderr.strip()[:200]}"}
    out = json.loads(p.stdout.strip().splitlines()[-1])
    return {"started": "ran", "endpoints": {e["name"]: e for e in out["endpoints"]},
            "drained": out["drained"], "elapsed": out["elapsed_ms"] / 1000}


class Hookscope:
    """The real binary, headless, on free ports (read back from its start-up banner)."""

    BANNER = re.compile(r"ingest http://([0-9.:]+)/events, admin http://([0-9.:]+)/debug/vars")

    def __init__(self, binary, config, work):
        self.stderr = open(os.path.join(work, "hookscope.stderr"), "w+")
        self.proc = subprocess.Popen(
            [binary, "--headless", "--config", config, "--ingest", "127.0.0.1:0",
             "--admin", "127.0.0.1:0", "--status-interval", "0", "--shutdown-deadline", "0s"],
            stdout=subprocess.PIPE, stderr=self.stderr, text=True,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        self.ingest = self.admin = None
        found = threading.Event()

        def read_banner():
            for line in self.proc.stdout:
                m = self.BANNER.search(line)
                if m and not found.is_set():
                    self.ingest, self.admin = m.group(1), m.group(2)
                    found.set()
        threading.Thread(target=read_banner, daemon=True).start()
        deadline = time.monotonic() + 15
        while not found.wait(0.02):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                break

    def failure(self):
        """Why it did not start, or None."""
        if self.ingest:
            return None
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.stop()
            return "no start-up banner within 15 s"
        self.stderr.seek(0)
        lines = [l for l in self.stderr.read().splitlines() if "configuring endpoint" not in l]
        return f"exit {code}: " + " / ".join(lines)[:300]

    def request(self, method, hostport, path, body=None, headers=None):
        host, port = hostport.rsplit(":", 1)
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def metrics(self):
        status, body = self.request("GET", self.admin, "/debug/vars")
        doc = json.loads(body)
        return {e["name"]: dict(e["Metrics"], name=e["name"])
                for e in doc["registry"]["notifications"]["endpoints"] or []}

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.stderr.close()


def run_hookscope(binary, c, endpoints, body, work):
    config = os.path.join(work, "hookscope.yml")
    with open(config, "w") as f:
        # JSON is YAML: the registry's notifications section, nothing of hookscope's own.
        json.dump({"notifications": {"endpoints": endpoints}}, f, indent=1)
    hs = Hookscope(binary, config, work)
    why = hs.failure()
    if why:
        return {"started": why}
    try:
        start = time.monotonic()
        status, answer_body = hs.request("POST", hs.ingest, "/events", body,
                                         {"Content-Type": EVENTS_MEDIA_TYPE})
        if status != 200:
            return {"started": f"ingest answered {status}: {answer_body[:200]!r}"}
        # Drained: nothing pending at two reads 100 ms apart, as the Go driver decides.
        deadline, drained = start + seconds(c["limit"]), False
        while time.monotonic() < deadline:
            if sum(m["Pending"] for m in hs.metrics().values()) == 0:
                time.sleep(0.1)
                if sum(m["Pending"] for m in hs.metrics().values()) == 0:
                    drained = True
                    break
                continue
            time.sleep(0.01)
        elapsed = time.monotonic() - start
        return {"started": "ran", "endpoints": hs.metrics(), "drained": drained,
                "elapsed": elapsed}
    finally:
        hs.stop()


# ------------------------------------------------------------------------------------ compare

METRICS = ("Pending", "Events", "Successes", "Failures", "Errors", "Statuses")


def show(value):
    if isinstance(value, bytes):
        return body_summary(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, sort_keys=isinstance(value, dict))
    return str(value)


def body_summary(body):
    text = body[:60].decode("latin-1").replace("\n", "\\n")
    return f"{len(body)} bytes sha1 {hashlib.sha1(body).hexdigest()[:10]} \"{text}...\""


def request_order(requests, several_endpoints):
    """With several endpoints posting at once, their requests interleave at random: compare each
    path's requests in order instead (stable sort by path). One endpoint's order is kept whole."""
    return sorted(requests, key=lambda r: r["path"]) if several_endpoints else requests


def body_actions(request):
    try:
        return {e.get("action") for e in json.loads(request["body"])["events"]}
    except (ValueError, KeyError, TypeError):
        return set()


def compare(c, go, hs, unsent_actions=()):
    """A list of (field, go value, hookscope value), one per difference. Go's requests carrying
    only events of `unsent_actions` (a deliberate difference: hookscope filters them) are left
    out of the request-by-request comparison, so the rest still line up."""
    diffs = []
    if go["started"] != "ran" or hs["started"] != "ran":
        if go["started"] != hs["started"]:
            diffs.append(("start", go["started"], hs["started"]))
        return diffs
    names = list(dict.fromkeys(list(go["endpoints"]) + list(hs["endpoints"])))
    for name in names:
        g, h = go["endpoints"].get(name, {}), hs["endpoints"].get(name, {})
        for field in METRICS:
            gv, hv = g.get(field), h.get(field)
            if field == "Statuses":
                gv, hv = gv or {}, hv or {}
            if gv != hv:
                diffs.append((f"{name}.{field}", gv, hv))
    several = len(c["endpoints"]) > 1
    greq = request_order(go["requests"], several)
    if unsent_actions:
        kept = [r for r in greq if not body_actions(r) <= set(unsent_actions)]
        if len(kept) != len(greq):
            diffs.append(("requests", len(greq), len(hs["requests"])))
        greq = kept
    hreq = request_order(hs["requests"], several)
    if len(greq) != len(hreq):
        diffs.append(("requests" if not unsent_actions else "requests (compared)",
                      len(greq), len(hreq)))
    gb = len({r["body"] for r in greq})
    hb = len({r["body"] for r in hreq})
    if gb != hb:
        diffs.append(("distinct_bodies", gb, hb))
    for i, (g, h) in enumerate(zip(greq, hreq)):
        for field in ("request_line", "listener", "headers", "body"):
            if g[field] != h[field]:
                diffs.append((f"request[{i}].{field}", g[field], h[field]))
    if c["compare_only"]:
        diffs = [d for d in diffs if d[0] in c["compare_only"]]
    return diffs


def load_expected():
    with open(os.path.join(HERE, "expected_differences.json")) as f:
        return json.load(f)["differences"]


def unsent_actions(expected, case_name):
    """Actions whose events a deliberate difference says hookscope does not send in this case."""
    return [a for e in expected if e["case"] == case_name
            for a in e.get("go_requests_not_sent_by_hookscope", {}).get("actions", [])]


def expected_reason(expected, case_name, field):
    for e in expected:
        if e["case"] == case_name and any(fnmatch.fnmatchcase(field, p) for p in e["fields"]):
            return e["reason"]
    return None


def group_requests(rows):
    """Folds the rows of one case that differ the same way on several requests into one row,
    request[1-9,11].headers, so a header bug shows once, not once per request."""
    out, index = [], {}
    for row in rows:
        m = re.fullmatch(r"request\[(\d+)\]\.(\w+)", row[1])
        if not m:
            out.append(list(row))
            continue
        key = (row[0], m.group(2)) + tuple(row[2:])
        if key in index:
            index[key][1].append(int(m.group(1)))
        else:
            index[key] = [len(out), [int(m.group(1))]]
            out.append(list(row))
    for (case_name, field, *_), (pos, numbers) in index.items():
        out[pos][1] = f"request[{ranges(numbers)}].{field}"
    return out


def ranges(numbers):
    parts, start = [], None
    for n in sorted(numbers) + [None]:
        if start is None:
            start = prev = n
        elif n is not None and n == prev + 1:
            prev = n
        else:
            parts.append(str(start) if start == prev else f"{start}-{prev}")
            start = prev = n
    return ",".join(parts)


def table(rows, headers):
    rows = [headers] + [[str(x) for x in r] for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(headers))]
    widths[2:] = [min(w, 60) for w in widths[2:]]   # long cells overflow rather than pad
    out = []
    for n, r in enumerate(rows):
        out.append(" | ".join(r[i].ljust(widths[i]) for i in range(len(r))))
        if n == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


# ------------------------------------------------------------------------------------ main

def unused_port():
    """A port nothing listens on (bound once, then released; the kernel does not hand it out
    again soon, and nothing here listens on it)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def build_driver(work):
    env = dict(os.environ, GO111MODULE="off", GOPATH=GOPATH, GOFLAGS="",
               GOCACHE=os.path.join(work, "gocache"))
    driver = os.path.join(work, "twindriver")
    p = subprocess.run(["go", "build", "-o", driver, os.path.join(HERE, "twindriver.go")],
                       env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"FAIL: building twindriver.go:\n{p.stderr}")
    return driver


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("hookscope", nargs="?",
                    default=os.environ.get("HOOKSCOPE_BIN", os.path.join(ROOT, "build/src/app/hookscope")))
    ap.add_argument("-k", metavar="REGEX", help="run only the cases whose name matches")
    ap.add_argument("--json", metavar="FILE", help="write every case's records here")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--self-check", action="store_true",
                    help="run the Go driver on both sides: every case must come out the same "
                         "(shows the cases are deterministic; hookscope is not run)")
    args = ap.parse_args()

    cases = build_cases()
    if args.k:
        cases = [c for c in cases if re.search(args.k, c["name"])]
    if args.list:
        print("\n".join(c["name"] for c in cases))
        return 0
    if not shutil.which("go") or not os.path.isdir(NOTIFICATIONS_SRC):
        print("SKIP: needs go and the registry's Go sources "
              "(apt-get install golang-go golang-github-docker-distribution-dev)")
        return 77
    if not os.access(args.hookscope, os.X_OK):
        print(f"FAIL: no hookscope binary at {args.hookscope} (set HOOKSCOPE_BIN)")
        return 1

    expected = [] if args.self_check else load_expected()
    work = tempfile.mkdtemp(prefix="hookscope-twin-")
    receiver = rx.Receiver(ports=2)
    down_port = unused_port()
    started = time.monotonic()
    unexpected, seen_expected, records = [], [], []
    try:
        driver = build_driver(work)
        for c in cases:
            endpoints = fill(c["endpoints"], receiver.ports, down_port)
            body = envelope(EVENT_SETS[c["events"]])
            events_file = os.path.join(work, f"events-{c['events']}.json")
            with open(events_file, "wb") as f:
                f.write(body)
            default = c["default"] or OK

            receiver.configure(c["script"], default)
            go = run_go(driver, c, endpoints, events_file, work)
            go["requests"] = receiver.snapshot()

            receiver.configure(c["script"], default)
            if args.self_check:
                hs = run_go(driver, c, endpoints, events_file, work)
            else:
                hs = run_hookscope(args.hookscope, c, endpoints, body, work)
            hs["requests"] = receiver.snapshot()
            receiver.reset()

            diffs = compare(c, go, hs, unsent_actions(expected, c["name"]))
            bad = 0
            for field, gv, hv in diffs:
                reason = expected_reason(expected, c["name"], field)
                row = (c["name"], field, show(gv), show(hv))
                if reason:
                    seen_expected.append(row + (reason,))
                else:
                    unexpected.append(row)
                    bad += 1
            timing = "go %.2fs, hookscope %s" % (
                go.get("elapsed", 0), "%.2fs" % hs["elapsed"] if "elapsed" in hs else "-")
            verdict = "ok" if not bad else f"{bad} difference(s)"
            print(f"{c['name']:<34} {verdict:<18} ({timing}; requests go {len(go['requests'])}, "
                  f"hookscope {len(hs['requests'])})", flush=True)
            records.append({"case": c["name"], "go": go, "hookscope": hs, "differences": diffs})
    finally:
        receiver.stop()
        if args.json:
            with open(args.json, "w") as f:
                json.dump(records, f, indent=1, default=lambda b: b.decode("latin-1"))
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{len(cases)} cases in {time.monotonic() - started:.1f} s")
    if seen_expected:
        print("\nExpected differences (expected_differences.json):\n")
        print(table(group_requests(seen_expected), ["case", "field", "Go", "hookscope", "why"]))
    if unexpected:
        # Outcomes first (counters, request counts, start-up), then the requests' own bytes.
        outcomes = [r for r in unexpected if not r[1].startswith("request[")]
        requests = [r for r in unexpected if r[1].startswith("request[")]
        print(f"\nFAIL: {len(unexpected)} unexpected difference(s)")
        if outcomes:
            print(f"\nOutcomes ({len(outcomes)}):\n")
            print(table(outcomes, ["case", "field", "Go", "hookscope"]))
        if requests:
            print(f"\nRequests ({len(requests)}; the same difference on several requests of a "
                  "case is one row):\n")
            print(table(group_requests(requests), ["case", "field", "Go", "hookscope"]))
        return 1
    if args.self_check:
        print("\nPASS (self-check): two runs of the Go driver agree on every case")
    else:
        print("\nPASS: Go and hookscope agree on every case (beyond the expected differences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
