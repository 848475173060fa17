#!/usr/bin/env python3
"""Same-day publication benchmark: the time from saving a changed decision
to the swapped, served site, for `besluitspoor serve` (incremental rebuild)
against a full `besluitspoor build` and against Hugo's server on an
equivalent site. Standard library only.

    python3 benches/same_day/same_day.py --bin target/release/besluitspoor \
        --site DIR [--hugo-site DIR] [--runs 10] [--label NAME]

Each run saves one motie (or besluit) file the way an editor does (write a
temporary file, rename it over the original) with a new sentence in its
body, then polls the item's URL every 2 ms until the sentence is served.
The sites are changed in place: run it on copies.
"""
import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# Markers differ per run: the sites are changed in place, and a marker left
# by an earlier run would be found at once.
RUN = time.time_ns()


def atomic_append(path, text):
    data = path.read_text(encoding="utf-8") + f"\n{text}\n"
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, path)


def wait_for(url, marker, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if marker in r.read().decode("utf-8", "replace"):
                    return time.monotonic()
        except Exception:
            pass
        time.sleep(0.002)
    raise TimeoutError(f"{marker} never appeared at {url}")


def start(cmd, ready, cwd=None):
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []

    def pump():
        for line in p.stdout:
            lines.append(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + 900
    while not any(ready in l for l in lines):
        if p.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("server did not start:\n" + "\n".join(lines[-30:]))
        time.sleep(0.05)
    return p, lines


def timed(cmd, log=None):
    t = time.monotonic()
    r = subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if log is not None:
        log.extend(r.stderr.splitlines())
    return time.monotonic() - t


def items(site, folder):
    return sorted((site / "content" / folder).rglob("*.md"))


def summary(xs):
    xs = [x * 1000 for x in xs]
    return {"median_ms": round(statistics.median(xs)), "min_ms": round(min(xs)), "max_ms": round(max(xs)), "runs": len(xs)}


def bench_besluitspoor(args, files, rng):
    out = {}
    tmp_out = Path(tempfile.mkdtemp()) / "public"
    build = [args.bin, "build", "--root", str(args.site), "--output", str(tmp_out), "--date", args.date]
    build_log = []
    out["full_build"] = summary([timed(build, build_log) for _ in range(3)])
    # The whole index, as a full build writes it (on its own thread).
    whole = [float(m.group(1)) for l in build_log if (m := re.match(r"Search index of \d+ items in (\d+) ms", l))]
    if whole:
        out["search_index_full_build"] = {"median_ms": round(statistics.median(whole)), "runs": len(whole)}
    shutil.rmtree(tmp_out.parent)
    port = free_port()
    p, lines = start([args.bin, "serve", "--root", str(args.site), "--port", str(port), "--date", args.date], "Serving")
    try:
        lat = []
        for n in range(args.runs):
            f = rng.choice(files)
            marker = f"Gewijzigd-{n}-{rng.randrange(10**9)}-{RUN}"
            url = f"http://127.0.0.1:{port}/{f.parent.relative_to(args.site / 'content').parts[0]}/{f.stem}/"
            t0 = time.monotonic()
            atomic_append(f, marker)
            lat.append(wait_for(url, marker) - t0)
            time.sleep(args.gap)
        out["save_to_served"] = summary(lat)
        reported = [float(m.group(1)) for l in lines if (m := re.match(r"Rebuilt in (\d+) ms", l))]
        if reported:
            out["rebuild_reported"] = {"median_ms": round(statistics.median(reported)), "runs": len(reported)}
        # The search index after each save: parts indexed again, and the
        # time from the change to the published index, as serve reports it.
        search = [(int(m.group(1)), int(m.group(2)), float(m.group(3))) for l in lines
                  if (m := re.match(r"Search index rebuilt \((\d+) of (\d+) parts indexed\); all done in (\d+) ms", l))]
        if search:
            out["search_index_after_save"] = {
                "median_ms": round(statistics.median([x[2] for x in search])),
                "min_ms": round(min(x[2] for x in search)), "max_ms": round(max(x[2] for x in search)),
                "parts_indexed": [x[0] for x in search], "parts": search[0][1], "runs": len(search)}
    finally:
        p.terminate()
        p.wait()
        if args.log:
            Path(args.log).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def bench_hugo(args, ids, rng):
    out = {}
    site = args.hugo_site
    tmp_out = Path(tempfile.mkdtemp())
    out["full_build"] = summary([timed(["hugo", "--quiet", "--source", str(site), "--destination", str(tmp_out / "p")]) for _ in range(3)])
    shutil.rmtree(tmp_out)
    port = free_port()
    p, _ = start(["hugo", "server", "--source", str(site), "--port", str(port), "--bind", "127.0.0.1",
                  "--disableLiveReload", "--renderToMemory", "--baseURL", f"http://127.0.0.1:{port}/"],
                 "Web Server is available")
    try:
        by_id = {f.stem: f for f in (site / "content").rglob("*.md")}
        lat = []
        for n in range(args.runs):
            stem = rng.choice(ids)
            f = by_id[stem]
            marker = f"Gewijzigd-{n}-{rng.randrange(10**9)}-{RUN}"
            url = f"http://127.0.0.1:{port}/{f.relative_to(site / 'content').parts[0]}/{stem}/"
            t0 = time.monotonic()
            atomic_append(f, marker)
            lat.append(wait_for(url, marker) - t0)
            time.sleep(args.gap)
        out["save_to_served"] = summary(lat)
    finally:
        p.terminate()
        p.wait()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--site", required=True, type=Path)
    ap.add_argument("--hugo-site", type=Path)
    ap.add_argument("--folder", default="moties", help="content folder of the edited items")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--gap", type=float, default=10.0,
                    help="seconds between a change being served and the next save (besluitspoor's search index follows in the background)")
    ap.add_argument("--date", default="2025-11-01")
    ap.add_argument("--label", default="")
    ap.add_argument("--log", help="write besluitspoor serve's output (phase timings) here")
    args = ap.parse_args()
    args.site = args.site.resolve()
    rng = random.Random(7)
    files = items(args.site, args.folder)
    result = {"label": args.label, "gap_s": args.gap, "items": len(list((args.site / "content").rglob("*.md"))),
              "besluitspoor": bench_besluitspoor(args, files, rng)}
    if args.hugo_site:
        result["hugo"] = bench_hugo(args, [f.stem for f in files], random.Random(7))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
