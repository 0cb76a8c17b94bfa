#!/usr/bin/env python3
"""tarif serve's edit loop: the time from saving a memo to the live-reload endpoint
telling the browser to reload (a new version), median of 10 edits.

Usage: edit_loop.py TARIF SITE_ROOT LABEL

Starts `TARIF serve --root SITE_ROOT` on a free port, waits for its first build, then 10
times appends a sentence to (or takes it back from) the body of one memo, timing from the
write to the answer of `/__tarif/poll?since=…` that reports the new version, as the
browser's live-reload client sees it. The memo is restored at the end. Prints one row of
a Markdown table with the machine's load average. Python 3 standard library only.
"""
import glob
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

EDITS = 10


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(port, since=None, timeout=120):
    url = f"http://127.0.0.1:{port}/__tarif/poll" + ("" if since is None else f"?since={since}")
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.load(r)


def wait_built(port, proc, deadline_s=900):
    end = time.time() + deadline_s
    while time.time() < end:
        if proc.poll() is not None:
            sys.exit(f"tarif serve exited: {proc.returncode}")
        try:
            s = status(port)
            if s["version"] > 0:
                return s
            if s["error"]:
                sys.exit(f"the site does not build:\n{s['error']}")
            status(port, s["generation"])
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    sys.exit("tarif serve did not build in time")


def a_memo(root):
    memos = sorted(p for p in glob.glob(os.path.join(root, "content", "*", "*", "*.md")))
    if not memos:
        sys.exit(f"no memo in {root}/content")
    return memos[len(memos) // 2]


def main():
    tarif, root, label = sys.argv[1], sys.argv[2], sys.argv[3]
    port = free_port()
    proc = subprocess.Popen(
        [tarif, "serve", "--root", root, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    memo = a_memo(root)
    original = open(memo, encoding="utf-8").read()
    times = []
    try:
        wait_built(port, proc)
        for i in range(EDITS):
            time.sleep(0.5)  # let the watcher settle after the previous build
            before = status(port)
            text = original if i % 2 else original.rstrip("\n") + f"\n\nEdited for the benchmark, {i}.\n"
            started = time.perf_counter()
            with open(memo, "w", encoding="utf-8") as f:
                f.write(text)
            seen = before["generation"]
            while True:
                s = status(port, seen)
                if s["version"] != before["version"] or s["error"]:
                    break
                seen = s["generation"]
            if s["error"]:
                sys.exit(f"the edit did not build: {s['error']}")
            times.append(time.perf_counter() - started)
    finally:
        with open(memo, "w", encoding="utf-8") as f:
            f.write(original)
        time.sleep(0.5)
        proc.terminate()
        proc.wait()
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    ms = sorted(t * 1000 for t in times)
    print(f"| {label} | {statistics.median(ms):.0f} ms | {ms[0]:.0f}–{ms[-1]:.0f} ms | {load} |")


if __name__ == "__main__":
    main()
