// Runs the browser's search engine (engine.wasm) under Node against a
// built site, the way search-worker.js does in the browser, but reading
// the blob with file reads instead of HTTP Range requests.
//
//   node run.mjs SITE_DIR < requests.jsonl > responses.jsonl
//
// SITE_DIR is a built site (or any folder with search/ in it). Each output line is the engine's Response JSON.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const site = process.argv[2];
const searchDir = path.join(site, 'search');
const find = (prefix, ext) => {
  const f = fs.readdirSync(searchDir).find((n) => n.startsWith(prefix + '.') && n.endsWith('.' + ext));
  if (!f) throw new Error(`no ${prefix}.*.${ext} in ${searchDir}`);
  return path.join(searchDir, f);
};
const wasmBytes = fs.readFileSync(find('engine', 'wasm'));
const bundle = zlib.gunzipSync(fs.readFileSync(find('hot', 'bin')));

let exports;
let blobFd;
const imports = {
  env: {
    bs_fetch(offset, len, dst) {
      try {
        const buf = new Uint8Array(exports.memory.buffer, dst, len);
        const n = fs.readSync(blobFd, buf, 0, len, offset);
        return n === len ? 0 : 1;
      } catch (e) {
        return 1;
      }
    },
  },
};
const { instance } = await WebAssembly.instantiate(wasmBytes, imports);
exports = instance.exports;

function call(fn, bytes) {
  const p = exports.bs_alloc(bytes.length);
  new Uint8Array(exports.memory.buffer, p, bytes.length).set(bytes);
  const rc = exports[fn](p, bytes.length);
  const out = new Uint8Array(exports.memory.buffer, exports.bs_result_ptr(), exports.bs_result_len());
  const text = Buffer.from(out).toString('utf8');
  if (rc !== 0) throw new Error(`${fn}: ${text}`);
  return text;
}

// The bundle names the blob: read its meta to open the file.
const metaLen = bundle.readUInt32LE(4);
const meta = JSON.parse(bundle.subarray(8, 8 + metaLen).toString('utf8'));
blobFd = fs.openSync(path.join(searchDir, meta.blob), 'r');
call('bs_open', bundle);

const input = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
for (const line of input) {
  const t0 = process.hrtime.bigint();
  const resp = JSON.parse(call('bs_search', Buffer.from(line, 'utf8')));
  resp.ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify(resp) + '\n');
}
