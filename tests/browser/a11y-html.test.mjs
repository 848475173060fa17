// Every HTML page of the built demo site and of the fixture with every kind
// passes the Nu HTML Checker (vnu.jar from npm, run with the machine's Java)
// without errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { buildSite } from "./helpers.mjs";
import { htmlFiles } from "./pages.mjs";

const require = createRequire(import.meta.url);
const VNU = join(dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");

test("the Nu HTML Checker finds no error in any page", () => {
  const dirs = [buildSite(".", "2015-09-01"), buildSite("tests/sites/valid", "2026-03-01")];
  const pages = dirs.reduce((n, d) => n + htmlFiles(d).length, 0);
  const r = spawnSync("java", ["-jar", VNU, "--format", "json", "--skip-non-html", ...dirs], {
    encoding: "utf8", maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.error, undefined, `java: ${r.error}`);
  const messages = JSON.parse(r.stderr || "{\"messages\":[]}").messages;
  const errors = messages.filter((m) => m.type === "error" || m.subType === "fatal");
  const warnings = messages.filter((m) => m.type === "info" && m.subType === "warning");
  const where = (m) => `${m.url.replace(/^file:\/\/?\/tmp\/[^/]+\/public/, "")}:${m.lastLine}: ${m.message}`;
  console.log(`vnu ${require("vnu-jar/package.json").version}: ${pages} pages, ${errors.length} errors, ${warnings.length} warnings`);
  warnings.slice(0, 10).forEach((m) => console.log(`  warning ${where(m)}`));
  assert.ok(pages > 50, `${pages} pages`);
  assert.deepEqual(errors.map(where), []);
});
