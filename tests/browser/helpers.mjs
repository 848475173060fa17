// Shared helpers of the browser tests: build a site with the besluitspoor
// binary, serve it on 127.0.0.1, and start Debian's chromium.
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, statSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TARGET = process.env.CARGO_TARGET_DIR || join(REPO, "target");
export const BIN = process.env.BESLUITSPOOR_BIN || join(TARGET, "debug", "besluitspoor");

const tempDirs = [];
process.on("exit", () => {
  for (const d of tempDirs) { rmSync(d, { recursive: true, force: true }); }
});

/** A new folder under the system's temp folder, removed when the test process exits. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Builds the site at `root` (relative to the repo) into a new temp dir. */
export function buildSite(root, date) {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} not found: run \`cargo build\` first`);
  }
  const out = join(tempDir("besluitspoor-browser-"), "public");
  const args = ["build", "--root", join(REPO, root), "--output", out, "--quiet"];
  if (date) { args.push("--date", date); }
  const r = spawnSync(BIN, args, { encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error(`build of ${root} failed (${r.status}):\n${r.stderr}`);
  }
  return out;
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".wasm": "application/wasm", ".atom": "application/atom+xml",
  ".ics": "text/calendar", ".pdf": "application/pdf", ".svg": "image/svg+xml",
};

/** Serves `dir` on 127.0.0.1 with Range support; resolves to { url, close }. */
export function serve(dir) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = join(dir, path);
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) { file = join(file, "index.html"); }
    if (!existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(existsSync(join(dir, "404.html")) ? readFileSync(join(dir, "404.html")) : "");
      return;
    }
    const body = readFileSync(file);
    const type = TYPES[extname(file)] || "application/octet-stream";
    const range = req.headers.range && /^bytes=(\d+)-(\d*)$/.exec(req.headers.range);
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      res.writeHead(206, {
        "content-type": type, "accept-ranges": "bytes",
        "content-range": `bytes ${start}-${end}/${body.length}`, "content-length": end - start + 1,
      });
      res.end(body.subarray(start, end + 1));
      return;
    }
    res.writeHead(200, { "content-type": type, "accept-ranges": "bytes", "content-length": body.length });
    res.end(body);
  });
  return new Promise((ok) => {
    server.listen(0, "127.0.0.1", () => {
      ok({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() });
    });
  });
}

/** Starts Debian's chromium headless with the flags this machine needs. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}
