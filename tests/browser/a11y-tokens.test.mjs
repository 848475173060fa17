// A municipality restyles the default theme with design tokens in one CSS
// file named by `tokens_css` in site.toml: it is appended to the theme's
// stylesheet, which stays one content-hashed file, and its tokens win.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { BIN, REPO, serve, launch, tempDir } from "./helpers.mjs";

test("tokens_css restyles the portal through NL Design System tokens", async () => {
  const root = tempDir("besluitspoor-tokens-");
  cpSync(join(REPO, "tests/sites/valid"), root, { recursive: true });
  const toml = readFileSync(join(root, "site.toml"), "utf8");
  writeFileSync(join(root, "site.toml"), `tokens_css = "huisstijl.css"\n${toml}`);
  writeFileSync(join(root, "huisstijl.css"), [
    "/* Huisstijl van de gemeente Dijkstad */",
    ":root {",
    "  --basis-color-accent-1-border-default: rgb(0, 102, 51);",
    "  --basis-color-action-2-color-default: rgb(0, 51, 153);",
    "  --basis-text-font-family-default: Georgia, serif;",
    "}",
  ].join("\n"));
  const out = join(root, "public");
  const r = spawnSync(BIN, ["build", "--root", root, "--output", out, "--quiet", "--date", "2026-03-01"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const sheets = readdirSync(out).filter((f) => f.endsWith(".css"));
  assert.equal(sheets.length, 1, sheets.join());
  assert.match(sheets[0], /^style\.[0-9a-f]{8}\.css$/);

  const server = await serve(out);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/besluiten/`, { waitUntil: "load" });
    const s = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector(".site-header")).borderBottomColor,
      link: getComputedStyle(document.querySelector("main .card__title a")).color,
      font: getComputedStyle(document.body).fontFamily,
      sheets: document.querySelectorAll('link[rel="stylesheet"]').length,
    }));
    assert.deepEqual(s, { header: "rgb(0, 102, 51)", link: "rgb(0, 51, 153)", font: "Georgia, serif", sheets: 1 });
  } finally {
    await browser.close();
    server.close();
  }

  // A tokens file that does not exist stops the build.
  writeFileSync(join(root, "site.toml"), `tokens_css = "ontbreekt.css"\n${toml}`);
  const bad = spawnSync(BIN, ["build", "--root", root, "--output", out, "--quiet", "--date", "2026-03-01"], { encoding: "utf8" });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /tokens_css.*ontbreekt\.css/);
});
