#!/usr/bin/env python3
"""A real docker-registry 2.8.2 (Debian's package) sends its notifications to hookscope's ingest;
hookscope must relay every one, in order, byte for byte, to each of its endpoints.

The registry has two endpoints: one straight at a capturing receiver (/direct), one at hookscope.
hookscope has two endpoints at the same receiver (/a, /b). After skopeo pushes, pulls, mounts and
deletes a small OCI image built here, /a and /b must have received exactly what /direct did.

Loopback only; every process is started and stopped by its pid; everything lives in a temp dir.
Exit 0 on success, 1 on a failed check, 77 (skip) when docker-registry or skopeo is missing.
"""
import gzip, hashlib, http.server, io, json, os, re, shutil, signal, socket, subprocess, sys
import tarfile, tempfile, threading, time, urllib.request

HOOKSCOPE = sys.argv[1] if len(sys.argv) > 1 else "build/src/app/hookscope"
for tool in ("docker-registry", "skopeo"):
    if not shutil.which(tool):
        print(f"SKIP: {tool} not installed (apt-get install docker-registry skopeo)")
        sys.exit(77)

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

received = {}          # path -> [body bytes]
lock = threading.Lock()

class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            received.setdefault(self.path, []).append(body)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass

def wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise SystemExit(f"FAIL: timed out waiting for {what}")

def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()

def write_oci_layout(root):
    """A one-layer image, byte-for-byte deterministic."""
    blobs = os.path.join(root, "blobs", "sha256")
    os.makedirs(blobs)
    def put(data):
        digest = sha256(data)
        with open(os.path.join(blobs, digest[7:]), "wb") as f:
            f.write(data)
        return digest
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        content = b"hello from hookscope\n"
        info = tarfile.TarInfo("hello.txt")
        info.size, info.mtime, info.mode = len(content), 0, 0o644
        tar.addfile(info, io.BytesIO(content))
    diff_id = sha256(tar_bytes.getvalue())
    layer = gzip.compress(tar_bytes.getvalue(), mtime=0)
    layer_digest = put(layer)
    config = json.dumps({"architecture": "amd64", "os": "linux",
                         "rootfs": {"type": "layers", "diff_ids": [diff_id]},
                         "config": {}}, separators=(",", ":")).encode()
    config_digest = put(config)
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                      "digest": config_digest, "size": len(config)},
                           "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                                       "digest": layer_digest, "size": len(layer)}]},
                          separators=(",", ":")).encode()
    manifest_digest = put(manifest)
    with open(os.path.join(root, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest,
            "size": len(manifest), "annotations": {"org.opencontainers.image.ref.name": "v1"}}]}, f)

def main():
    work = tempfile.mkdtemp(prefix="hookscope-realregistry-")
    procs = []
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        recv = f"http://127.0.0.1:{server.server_address[1]}"

        config = os.path.join(work, "hookscope.yml")
        with open(config, "w") as f:
            f.write(f"notifications:\n  endpoints:\n"
                    f"    - {{name: a, url: {recv}/a}}\n    - {{name: b, url: {recv}/b}}\n"
                    f"hookscope:\n  ingest: {{listen: 127.0.0.1:0}}\n  admin: {{listen: 127.0.0.1:0}}\n")
        log = open(os.path.join(work, "hookscope.log"), "w+")
        port, debug = free_port(), free_port()
        # Attach mode watches the same registry's /debug/vars; it is not up yet, which the watcher
        # must ride out.
        hs = subprocess.Popen([HOOKSCOPE, "--headless", "--config", config, "--status-interval", "300ms",
                               "--attach", f"127.0.0.1:{debug}", "--attach-interval", "200ms"],
                              stdout=log, stderr=subprocess.STDOUT)
        procs.append(hs)
        banner = {}
        def read_banner():
            log.flush(); log.seek(0)
            m = re.search(r"ingest (http://[0-9.:]+/events), admin (http://[0-9.:]+)/debug/vars", log.read())
            if m:
                banner["ingest"], banner["admin"] = m.group(1), m.group(2)
            return bool(m)
        wait_for(read_banner, 15, "hookscope's banner")

        registry_config = os.path.join(work, "registry.yml")
        with open(registry_config, "w") as f:
            f.write(f"""version: 0.1
log: {{level: info, formatter: text}}
storage:
  filesystem: {{rootdirectory: {work}/storage}}
  delete: {{enabled: true}}
  maintenance: {{uploadpurging: {{enabled: false}}}}
http:
  addr: 127.0.0.1:{port}
  secret: hookscope-test-not-a-secret
  debug: {{addr: 127.0.0.1:{debug}}}
notifications:
  events: {{includereferences: true}}
  endpoints:
    - name: direct
      url: {recv}/direct
      timeout: 1s
      threshold: 3
      backoff: 1s
    - name: hookscope
      url: {banner['ingest']}
      timeout: 1s
      threshold: 3
      backoff: 1s
      headers: {{Authorization: [Bearer relay-token]}}
""")
        # env -i: the registry treats any REGISTRY_* variable as a config override.
        reg = subprocess.Popen(["env", "-i", "PATH=/usr/bin:/bin", "docker-registry", "serve", registry_config],
                               stdout=open(os.path.join(work, "registry.log"), "w"), stderr=subprocess.STDOUT)
        procs.append(reg)
        def registry_up():
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/", timeout=1)
                return True
            except Exception:
                return False
        wait_for(registry_up, 20, "the registry")

        layout = os.path.join(work, "layout")
        write_oci_layout(layout)
        reg_url = f"docker://127.0.0.1:{port}"
        tls = ["--dest-tls-verify=false"]
        steps = [
            ["copy", *tls, f"oci:{layout}:v1", f"{reg_url}/demo/hello:v1"],                       # push
            ["inspect", "--tls-verify=false", f"{reg_url}/demo/hello:v1"],                          # pull
            ["copy", "--src-tls-verify=false", f"{reg_url}/demo/hello:v1", f"dir:{work}/pulled"],   # pull
            ["copy", "--src-tls-verify=false", *tls, f"{reg_url}/demo/hello:v1", f"{reg_url}/demo/copy:v1"],  # mount
            ["delete", "--tls-verify=false", f"{reg_url}/demo/hello:v1"],                           # delete
        ]
        for step in steps:
            run = subprocess.run(["skopeo", "--insecure-policy", *step], capture_output=True, text=True,
                                 timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": work})
            if run.returncode != 0:
                raise SystemExit(f"FAIL: skopeo {' '.join(step)}: {run.stderr.strip()}")

        def registry_metrics():
            with urllib.request.urlopen(f"http://127.0.0.1:{debug}/debug/vars", timeout=2) as r:
                eps = json.load(r)["registry"]["notifications"]["endpoints"]
            return {e["name"]: e["Metrics"] for e in eps}
        def drained():
            m = registry_metrics()
            with lock:
                n = len(received.get("/direct", []))
            return all(v["Pending"] == 0 for v in m.values()) and n > 0 and \
                len(received.get("/a", [])) == n and len(received.get("/b", [])) == n
        wait_for(drained, 30, "every notification to reach /direct, /a and /b")

        with lock:
            direct, a, b = received["/direct"], received["/a"], received["/b"]
        actions = [json.loads(x)["events"][0]["action"] for x in direct]
        print(f"registry sent {len(direct)} envelopes: " + ", ".join(f"{k}={actions.count(k)}" for k in sorted(set(actions))))
        if a != direct or b != direct:
            raise SystemExit("FAIL: hookscope's relay differs from what the registry sent directly")
        for needed in ("push", "pull", "mount", "delete"):
            if needed not in actions:
                raise SystemExit(f"FAIL: no {needed} event in the registry's traffic")
        def our_metrics():
            with urllib.request.urlopen(banner["admin"] + "/debug/vars", timeout=2) as r:
                return {e["name"]: e["Metrics"] for e in json.load(r)["registry"]["notifications"]["endpoints"]}
        # The receiver records a request before it answers, and hookscope counts the answer after
        # it arrives (and publishes every 100 ms): wait for its queues to settle, then compare.
        def settled():
            m = our_metrics()
            return all(m[name]["Pending"] == 0 and m[name]["Successes"] >= len(direct) for name in ("a", "b"))
        wait_for(settled, 10, "hookscope's endpoints a and b to count every delivery")
        ours = our_metrics()
        theirs = registry_metrics()["hookscope"]
        for name in ("a", "b"):
            if ours[name]["Events"] != theirs["Successes"] or ours[name]["Successes"] != len(direct):
                raise SystemExit(f"FAIL: counts differ: registry {theirs}, hookscope {name} {ours[name]}")
        # Attach mode: hookscope's status lines for the watched registry show the registry's counts.
        def attached_counts():
            log.flush(); log.seek(0)
            lines = [l for l in log.read().splitlines() if f" ep hookscope@127.0.0.1:{debug} " in l]
            if not lines:
                return None
            m = re.search(r"pending=(\d+) events=(\d+) ok=(\d+)", lines[-1])
            return tuple(int(x) for x in m.groups()) if m else None
        expected = (0, theirs["Events"], theirs["Successes"])
        wait_for(lambda: attached_counts() == expected, 10, f"attach mode to show {expected}")
        print(f"OK: attach mode shows the registry's own counts for its endpoint: pending/events/ok = {expected}")
        print(f"OK: {len(direct)} envelopes relayed byte for byte, in order, to 2 endpoints; "
              f"registry counted {theirs['Successes']} deliveries to hookscope")
        return 0
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
        if os.environ.get("KEEP_WORK"):
            print("work dir:", work)
        else:
            shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    sys.exit(main())
