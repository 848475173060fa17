// besluitspoor search worker: runs the search engine (engine.*.wasm, the
// same Rust code as `besluitspoor search`) off the page's main thread.
//
// Messages in:  {type: 'init', wasm, index}  URLs of the engine and bundle
//               {type: 'search', id, request}  a Request (see query.rs)
// Messages out: {type: 'ready', docs} | {type: 'result', id, response}
//               | {type: 'error', id, message}
//
// The bundle (hot.*.bin) holds what opening the index needs; any other
// bytes of the index blob are read with synchronous HTTP Range requests,
// which browsers allow in workers, so tantivy's synchronous reads work.
'use strict';

let exports = null;
let blobUrl = null;
const stats = { requests: 0, bytes: 0 };

// Set when the server ignored a Range header and sent the whole blob: every
// later read is served from it (one download instead of one per read).
let wholeBlob = null;

function fetchRange(offset, len, dst) {
  try {
    if (wholeBlob) {
      new Uint8Array(exports.memory.buffer, dst, len).set(wholeBlob.subarray(offset, offset + len));
      return 0;
    }
    const x = new XMLHttpRequest();
    x.open('GET', blobUrl, false);
    x.responseType = 'arraybuffer';
    x.setRequestHeader('Range', 'bytes=' + offset + '-' + (offset + len - 1));
    x.send();
    let buf;
    if (x.status === 206) {
      buf = new Uint8Array(x.response);
    } else if (x.status === 200) {
      // A server without Range support sent the whole file.
      wholeBlob = new Uint8Array(x.response);
      buf = wholeBlob.subarray(offset, offset + len);
    } else {
      return 1;
    }
    if (buf.length !== len) return 1;
    stats.requests += 1;
    stats.bytes += buf.length;
    new Uint8Array(exports.memory.buffer, dst, len).set(buf);
    return 0;
  } catch (e) {
    return 1;
  }
}

function call(fn, bytes) {
  const p = exports.bs_alloc(bytes.length);
  new Uint8Array(exports.memory.buffer, p, bytes.length).set(bytes);
  const rc = exports[fn](p, bytes.length);
  const out = new Uint8Array(exports.memory.buffer, exports.bs_result_ptr(), exports.bs_result_len());
  const text = new TextDecoder().decode(out);
  if (rc !== 0) throw new Error(text);
  return text;
}

async function init(msg) {
  const imports = { env: { bs_fetch: fetchRange } };
  const [wasm, bundle] = await Promise.all([
    WebAssembly.instantiateStreaming
      ? WebAssembly.instantiateStreaming(fetch(msg.wasm), imports).catch(async () =>
          WebAssembly.instantiate(await (await fetch(msg.wasm)).arrayBuffer(), imports))
      : fetch(msg.wasm).then((r) => r.arrayBuffer()).then((b) => WebAssembly.instantiate(b, imports)),
    fetch(msg.index).then((r) => {
      if (!r.ok) throw new Error('index: HTTP ' + r.status);
      // The bundle is gzipped by the build, not by the host.
      return new Response(r.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    }),
  ]);
  exports = wasm.instance.exports;
  const bytes = new Uint8Array(bundle);
  const metaLen = new DataView(bundle).getUint32(4, true);
  const meta = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + metaLen)));
  blobUrl = new URL(meta.blob, new URL(msg.index, self.location.href)).href;
  call('bs_open', bytes);
  return meta.docs;
}

let ready = null;

self.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'init') {
    ready = init(msg);
    ready.then(
      (docs) => self.postMessage({ type: 'ready', docs }),
      (err) => self.postMessage({ type: 'error', id: null, message: String(err && err.message || err) }),
    );
  } else if (msg.type === 'search') {
    ready.then(() => {
      const t0 = performance.now();
      const response = JSON.parse(call('bs_search', new TextEncoder().encode(JSON.stringify(msg.request))));
      response.ms = performance.now() - t0;
      response.network = { requests: stats.requests, bytes: stats.bytes };
      self.postMessage({ type: 'result', id: msg.id, response });
    }).catch((err) => self.postMessage({ type: 'error', id: msg.id, message: String(err && err.message || err) }));
  }
};
