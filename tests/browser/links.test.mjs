// Every internal link, script, stylesheet and fragment of the built demo
// site and of the fixture with every kind resolves to a file (and an id) in
// the output; no page loads a resource from another site.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildSite } from "./helpers.mjs";
import { htmlFiles } from "./pages.mjs";

const SITES = [[".", "2015-09-01"], ["tests/sites/valid", "2026-03-01"]];
const ATTR = /\s(href|src|data-index|data-worker|data-wasm)=("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const RESOURCE = /<(script|img|link|iframe|source|video|audio|embed|object)\b[^>]*?\s(src|href|data)=("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const ID = /\sid=("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

const decode = (s) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** The file a URL path names in `out`, or null. */
function fileOf(out, path) {
  let file = join(out, decodeURIComponent(path));
  if (existsSync(file) && statSync(file).isDirectory()) { file = join(file, "index.html"); }
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

for (const [root, date] of SITES) {
  test(`every internal link and fragment of ${root === "." ? "the demo site" : root} resolves`, () => {
    const out = buildSite(root, date);
    const ids = new Map();
    const idsOf = (file) => {
      if (!ids.has(file)) {
        const html = readFileSync(file, "utf8");
        ids.set(file, new Set(Array.from(html.matchAll(ID), (m) => decode(m[2] ?? m[3] ?? m[4]))));
      }
      return ids.get(file);
    };
    const broken = [];
    const foreign = [];
    let links = 0;
    const pages = htmlFiles(out);
    for (const page of pages) {
      const file = fileOf(out, page);
      const html = readFileSync(file, "utf8");
      for (const m of html.matchAll(RESOURCE)) {
        const url = decode(m[4] ?? m[5] ?? m[6]);
        if (/^([a-z]+:)?\/\//i.test(url)) { foreign.push(`${page}: <${m[1]}> ${url}`); }
      }
      for (const m of html.matchAll(ATTR)) {
        const raw = decode(m[3] ?? m[4] ?? m[5]);
        if (/^(https?:|mailto:|tel:)/i.test(raw)) { continue; }
        links += 1;
        const url = new URL(raw, `http://site${page}`);
        if (url.host !== "site") { broken.push(`${page}: ${raw} leaves the site`); continue; }
        const target = fileOf(out, url.pathname);
        if (!target) { broken.push(`${page}: ${raw} (no file)`); continue; }
        const frag = decodeURIComponent(url.hash.slice(1));
        if (frag && !idsOf(target).has(frag)) { broken.push(`${page}: ${raw} (no id ${frag} in ${url.pathname})`); }
      }
    }
    console.log(`${root}: ${pages.length} pages, ${links} internal links checked, ${broken.length} broken`);
    assert.ok(pages.length > 20);
    assert.deepEqual(foreign, [], foreign.join("\n"));
    assert.deepEqual(broken, [], broken.join("\n"));
  });
}
