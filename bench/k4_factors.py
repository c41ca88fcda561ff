#!/usr/bin/env python3
"""Why does hookscope's K=4 throughput reach a different share of wrk's ceiling on different runs?

Runs, alternating and each against a fresh receiver (the reference's, from compare.py), one
variant at a time: wrk -c4 (the ceiling, with -t2 as compare.py uses and -t1), then
bench_throughput --endpoints 4, optionally pinned with taskset (sender on one core, receiver on
the other). Prints one line per run with the load average, and the ratios per variant at the end.
Uses compare.py's helpers, so the receiver and wrk script are exactly the side-by-side run's.

    bench/k4_factors.py --hookscope-build build --work /tmp/hsb-work --reps 3
    bench/k4_factors.py --hookscope-build build-rel --variants plain,pinned --events 20000
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402  (the side-by-side harness: receiver, wrk script, JSON runner)

VARIANTS = ["plain", "wrk-t1", "pinned", "long"]


def loadavg():
    return float(open("/proc/loadavg").read().split()[0])


def pin(prefix_cpu, cmd):
    return (["taskset", "-c", prefix_cpu] + cmd) if prefix_cpu is not None else cmd


def wrk_run(bin_dir, out, threads, seconds, sender_cpu, receiver_cpu):
    recv = compare.Receiver(bin_dir, os.path.join(out, "k4-wrk.receiver.log"))
    try:
        if receiver_cpu is not None:
            subprocess.run(["taskset", "-a", "-p", "-c", receiver_cpu, str(recv.proc.pid)], check=True,
                           stdout=subprocess.DEVNULL)
        script = os.path.join(out, "wrk-post.lua")
        if not os.path.exists(script):
            body = json.dumps({"events": [compare.reference_event()]}, indent=3)
            with open(script, "w") as f:
                f.write('wrk.method = "POST"\n')
                f.write('wrk.headers["Content-Type"] = "application/vnd.docker.distribution.events.v1+json"\n')
                f.write('wrk.headers["Authorization"] = "Bearer peer-bench-token"\n')
                f.write("wrk.body = %s\n" % compare.lua_string(body))
        proc = subprocess.Popen(pin(sender_cpu, ["wrk", "-t%d" % threads, "-c4", "-d%ds" % seconds, "-s", script,
                                                 recv.url + "/wrk"]), stdout=subprocess.PIPE, text=True)
        out = proc.stdout.read()
        proc.stdout.close()
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
        rate = requests = None
        for line in out.splitlines():
            if line.startswith("Requests/sec:"):
                rate = float(line.split()[1])
            if "requests in" in line:
                requests = int(line.split()[0])
        stats = recv.stats()
        if not rate or not requests:
            return None
        # CPU per request of the sender (wrk's own rusage) and of the receiver over the same requests.
        return {"rate": rate, "sender_us": (usage.ru_utime + usage.ru_stime) * 1e6 / requests,
                "receiver_us": stats.get("cpu_s", 0) * 1e6 / max(1, stats.get("accepted", requests))}
    finally:
        recv.stop()


def hookscope_run(bin_dir, out, bench, events, sender_cpu, receiver_cpu):
    recv = compare.Receiver(bin_dir, os.path.join(out, "k4-hs.receiver.log"))
    try:
        if receiver_cpu is not None:
            subprocess.run(["taskset", "-a", "-p", "-c", receiver_cpu, str(recv.proc.pid)], check=True,
                           stdout=subprocess.DEVNULL)
        data, usage = compare.run_json_rusage(pin(sender_cpu, [bench, "--url", recv.url, "--endpoints", "4", "--events",
                                                               str(events), "--timeout", "120"]),
                                              150, os.path.join(out, "k4-hs.log"))
        counts = compare.receiver_counts(recv, 4 * events)
        if not data or counts["lost"] != 0:
            return None
        return {"rate": data["deliveries_per_sec"], "sender_us": data["cpu_us_per_delivery"],
                "receiver_us": counts["receiver_cpu_s"] * 1e6 / (4 * events)}
    finally:
        recv.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hookscope-build", required=True, help="build folder with bench/bench_throughput")
    ap.add_argument("--work", required=True, help="folder with bin/receiver (compare.py --work)")
    ap.add_argument("--out", default="/tmp/k4-factors")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--events", type=int, default=20000)
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma list of " + ",".join(VARIANTS))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    bench = os.path.join(args.hookscope_build, "bench", "bench_throughput")
    bin_dir = os.path.join(args.work, "bin")
    variants = [v for v in args.variants.split(",") if v]
    results = {v: [] for v in variants}
    for rep in range(1, args.reps + 1):
        for v in variants:
            threads = 1 if v == "wrk-t1" else 2
            sender, receiver = ("0", "1") if v == "pinned" else (None, None)
            events = args.events * 5 if v == "long" else args.events
            seconds = 5
            l0 = loadavg()
            # Alternate who goes first, as compare.py does.
            if rep % 2:
                hs = hookscope_run(bin_dir, args.out, bench, events, sender, receiver)
                ceiling = wrk_run(bin_dir, args.out, threads, seconds, sender, receiver)
            else:
                ceiling = wrk_run(bin_dir, args.out, threads, seconds, sender, receiver)
                hs = hookscope_run(bin_dir, args.out, bench, events, sender, receiver)
            share = hs["rate"] / ceiling["rate"] if hs and ceiling else None
            # When sender and receiver together keep both cores busy, the rate is 2 cores over the CPU
            # both spend per request, so this ratio predicts the share an idle machine shows.
            cpu_share = ((ceiling["sender_us"] + ceiling["receiver_us"]) / (hs["sender_us"] + hs["receiver_us"])
                         if hs and ceiling else None)
            results[v].append((share, cpu_share))

            def fmt(r):
                return "%7.0f/s (CPU µs sender %5.1f + receiver %5.1f)" % (r["rate"], r["sender_us"], r["receiver_us"]) \
                    if r else "failed"
            print("rep %d %-7s load %5.2f  wrk -t%d -c4 %s  hookscope K=4 %s  share %s, CPU-predicted share %s"
                  % (rep, v, l0, threads, fmt(ceiling), fmt(hs), "%.0f%%" % (100 * share) if share else "-",
                     "%.0f%%" % (100 * cpu_share) if cpu_share else "-"), flush=True)
    for v in variants:
        shares = [s for s, _ in results[v] if s]
        cpu_shares = [c for _, c in results[v] if c]
        print("%-7s median share %s, CPU-predicted %s, over %d runs" % (
            v, "%.0f%%" % (100 * statistics.median(shares)) if shares else "-",
            "%.0f%%" % (100 * statistics.median(cpu_shares)) if cpu_shares else "-", len(shares)))


if __name__ == "__main__":
    main()
