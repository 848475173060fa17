// Search benchmark: besluitspoor's engine against Pagefind, on the same
// built site, in one run of Debian's headless Chromium.
//
//   node benches/search/bench.mjs SITE_DIR [--json OUT]
//
// SITE_DIR is a site built by besluitspoor into which `pagefind --site`
// has written pagefind/ (benches/search/run.sh does both). A local server
// counts every byte it sends (gzip for the types static hosts compress:
// html, css, js, json, wasm; never for Range responses) and every request.
// Each cold query runs in a fresh browser context (empty cache), then a
// second, different word on the same page is the warm query.
import { createServer } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const site = path.resolve(process.argv[2]);
const jsonOut = process.argv.indexOf('--json') > 0 ? process.argv[process.argv.indexOf('--json') + 1] : null;
const QUERIES = [
  ['stikstof', 'jeugdzorg'],
  ['gaswinning', 'woningbouw'],
  ['oekraïne', 'asielzoekers'],
  ['defensie', 'onderwijs'],
  ['pensioen', 'landbouw'],
];
const HITS = 10;

// The hashed URLs of besluitspoor's files, from its /zoeken/ page.
const zoeken = fs.readFileSync(path.join(site, 'zoeken/index.html'), 'utf8');
const attr = (n) => new RegExp(`data-${n}="?([^" >]+)`).exec(zoeken)[1];
const BS = { worker: attr('worker'), wasm: attr('wasm'), index: attr('index') };

fs.mkdirSync(path.join(site, 'bench'), { recursive: true });
fs.writeFileSync(path.join(site, 'bench/index.html'), `<!doctype html><meta charset=utf-8><title>bench</title>
<script type=module>
const p = new URLSearchParams(location.search);
const engine = p.get('engine'), words = [p.get('q'), p.get('warm')];
const mark = (phase) => fetch('/__mark?' + phase);
const out = { ms: [], hits: [] };
if (engine === 'besluitspoor') {
  const w = new Worker(${JSON.stringify(BS.worker)});
  let resolve;
  w.onmessage = (e) => resolve(e.data);
  const next = () => new Promise((r) => { resolve = r; });
  let t0 = performance.now();
  w.postMessage({ type: 'init', wasm: ${JSON.stringify(BS.wasm)}, index: ${JSON.stringify(BS.index)} });
  await next();
  for (const [i, q] of words.entries()) {
    if (i === 1) { await mark('warm'); t0 = performance.now(); }
    w.postMessage({ type: 'search', id: i, request: { q, limit: ${HITS}, snippets: true, facets: true } });
    const m = await next();
    out.ms.push(performance.now() - t0);
    out.hits.push(m.response.hits.map((h) => h.url));
    out.total = out.total || [];
    out.total.push(m.response.total);
  }
} else {
  let t0 = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  for (const [i, q] of words.entries()) {
    if (i === 1) { await mark('warm'); t0 = performance.now(); }
    const s = await pagefind.search(q);
    const data = await Promise.all(s.results.slice(0, ${HITS}).map((r) => r.data()));
    out.ms.push(performance.now() - t0);
    out.hits.push(data.map((d) => d.url));
    out.total = out.total || [];
    out.total.push(s.results.length);
  }
}
await mark('done');
window.__bench = out;
</script>`);

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm' };
const GZIP = new Set(['.html', '.css', '.js', '.json', '.wasm']);
let phase = 'cold';
let counts = {};
// Engine code (.js, .wasm and Pagefind's wasm) apart from index data.
const isCode = (p) => /\.(js|wasm)$|wasm\.[a-z]+\.pagefind$/.test(p);
const count = (bytes, p) => {
  const c = counts[phase] || (counts[phase] = { requests: 0, bytes: 0, code: 0 });
  c.requests += 1;
  c.bytes += bytes;
  if (isCode(p)) c.code += bytes;
};
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/__mark') { phase = url.search.slice(1); res.end(); return; }
  let file = path.join(site, decodeURIComponent(url.pathname));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  const body = fs.readFileSync(file);
  const ext = path.extname(file);
  const type = TYPES[ext] || 'application/octet-stream';
  const counted = !url.pathname.startsWith('/bench/');
  const range = req.headers.range && /^bytes=(\d+)-(\d*)$/.exec(req.headers.range);
  if (range) {
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
    const part = body.subarray(start, end + 1);
    res.writeHead(206, { 'content-type': type, 'content-range': `bytes ${start}-${end}/${body.length}`,
      'content-length': part.length, 'cache-control': 'max-age=31536000, immutable' });
    res.end(part);
    if (counted) count(part.length, url.pathname);
    return;
  }
  let out = body;
  const headers = { 'content-type': type, 'accept-ranges': 'bytes', 'cache-control': 'max-age=31536000, immutable' };
  if (GZIP.has(ext) && /gzip/.test(req.headers['accept-encoding'] || '')) {
    out = zlib.gzipSync(body, { level: 9 });
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = out.length;
  res.writeHead(200, headers);
  res.end(out);
  if (counted) count(out.length, url.pathname);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows = [];
for (const engine of ['besluitspoor', 'pagefind']) {
  for (const [q, warm] of QUERIES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    phase = 'cold';
    counts = {};
    await page.goto(`${base}/bench/?engine=${engine}&q=${encodeURIComponent(q)}&warm=${encodeURIComponent(warm)}`);
    await page.waitForFunction(() => window.__bench, null, { timeout: 120000 });
    const r = await page.evaluate(() => window.__bench);
    rows.push({ engine, q, warm, cold: counts.cold, warmCost: counts.warm, coldMs: r.ms[0], warmMs: r.ms[1],
      total: r.total, hits: r.hits });
    await context.close();
  }
}
await browser.close();
server.close();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const kb = (b) => (b / 1024).toFixed(1);
console.log('| engine, cold word → warm word | cold: requests | cold: KiB | of which code | of which index | warm: requests | warm: KiB | cold ms | warm ms |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.engine} ${r.q} → ${r.warm} | ${r.cold.requests} | ${kb(r.cold.bytes)} | ${kb(r.cold.code)} | ${kb(r.cold.bytes - r.cold.code)} | ${r.warmCost.requests} | ${kb(r.warmCost.bytes)} | ${r.coldMs.toFixed(0)} | ${r.warmMs.toFixed(1)} |`);
}
for (const engine of ['besluitspoor', 'pagefind']) {
  const rs = rows.filter((r) => r.engine === engine);
  console.log(`| **${engine} median** | ${median(rs.map((r) => r.cold.requests))} | ${kb(median(rs.map((r) => r.cold.bytes)))} | ${kb(median(rs.map((r) => r.cold.code)))} | ${kb(median(rs.map((r) => r.cold.bytes - r.cold.code)))} | ${median(rs.map((r) => r.warmCost.requests))} | ${kb(median(rs.map((r) => r.warmCost.bytes)))} | ${median(rs.map((r) => r.coldMs)).toFixed(0)} | ${median(rs.map((r) => r.warmMs)).toFixed(1)} |`);
}
for (const r of rows) console.error(`${r.engine} ${r.q}: ${r.total[0]} results; ${r.warm}: ${r.total[1]}`);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
