// /zoeken/ in headless Chromium: type a query, read ranked results with
// highlighted snippets, apply a facet, share the URL, and use it without
// JavaScript.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { buildSite, serve, launch } from "./helpers.mjs";

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve(buildSite("tests/sites/valid", "2026-03-15"));
});
after(async () => { await browser.close(); server.close(); });

const results = (page) => page.$$eval("#zoek-resultaten li", (lis) => lis.map((li) => ({
  href: li.querySelector("a").getAttribute("href"),
  marks: Array.from(li.querySelectorAll("mark"), (m) => m.textContent),
})));

test("typing a query shows ranked results; a facet narrows them; the URL keeps both", async () => {
  const page = await browser.newPage();
  await page.goto(server.url + "/zoeken/");
  await page.waitForFunction(() => !/geladen/.test(document.getElementById("zoek-status").textContent));
  const input = page.getByLabel(/Zoek in \d+/);
  await input.focus();
  await page.keyboard.type("veiligheid");
  await page.waitForFunction(() => /voor ‘veiligheid’/.test(document.getElementById("zoek-status").textContent));
  const all = await results(page);
  assert.ok(all.length >= 2, JSON.stringify(all));
  // The compound verkeersveiligheid is found and highlighted.
  assert.ok(all.some((r) => r.href === "/toezeggingen/toezegging-2026-01-13-verkeersveiligheid/"), JSON.stringify(all));
  assert.ok(all.some((r) => r.marks.some((m) => /veiligheid/i.test(m))), JSON.stringify(all));
  assert.match(page.url(), /\/zoeken\/\?q=veiligheid$/);

  // Facet "Soort": choose one kind with the keyboard.
  const legend = await page.$$eval(".facet legend", (ls) => ls.map((l) => l.textContent));
  assert.ok(legend.includes("Soort"), legend.join());
  const box = page.locator('#zoek-facetten input[name="kind"]').first();
  const kind = await box.getAttribute("value");
  const label = await page.locator(`label[for="f-kind-${kind}"]`).textContent();
  const expected = Number(/\((\d+)\)/.exec(label)[1]);
  await box.focus();
  await page.keyboard.press("Space");
  await page.waitForFunction((k) => location.search.includes("kind=" + k), kind);
  await page.waitForFunction((n) => document.querySelectorAll("#zoek-resultaten li").length === n, expected);
  const narrowed = await results(page);
  assert.equal(narrowed.length, expected);
  assert.ok(narrowed.every((r) => r.href.startsWith("/")));
  const status = await page.textContent("#zoek-status");
  assert.match(status, new RegExp(`^${expected} resulta`));

  // The URL reproduces the search in a new page.
  const shared = page.url();
  const again = await browser.newPage();
  await again.goto(shared);
  await again.waitForFunction((n) => document.querySelectorAll("#zoek-resultaten li").length === n, expected);
  assert.equal(await again.inputValue("#zoek-q"), "veiligheid");
  assert.ok(await again.isChecked(`#f-kind-${kind}`));
  await again.close();
  await page.close();
});

test("the search box in the header leads to /zoeken/ with the query", async () => {
  const page = await browser.newPage();
  await page.goto(server.url + "/");
  await page.getByRole("search").getByLabel("Zoeken").fill("motie");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/zoeken\/\?q=motie/);
  await page.waitForFunction(() => document.querySelectorAll("#zoek-resultaten li").length > 0);
  assert.equal(await page.inputValue("#zoek-q"), "motie");
  await page.close();
});

test("without JavaScript the page says so and links the lists", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + "/zoeken/?q=motie");
  const text = await page.textContent("main");
  assert.match(text, /JavaScript/);
  const links = await page.$$eval("main noscript + *, main a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(links.includes("/moties/"), links.join());
  await context.close();
});

test("a lazily read index answers the same, fetching ranges of the blob", async () => {
  process.env.BESLUITSPOOR_SEARCH_LAZY = "1";
  let lazy;
  try {
    lazy = await serve(buildSite("tests/sites/valid", "2026-03-15"));
  } finally {
    delete process.env.BESLUITSPOOR_SEARCH_LAZY;
  }
  const context = await browser.newContext();
  const ranges = [];
  context.on("request", (r) => { if (r.headers().range) ranges.push(r.url()); });
  const page = await context.newPage();
  const hrefs = async (base) => {
    await page.goto(base + "/zoeken/?q=verkeersveiligheid");
    await page.waitForFunction(() => /resulta/.test(document.getElementById("zoek-status").textContent));
    return (await results(page)).map((r) => r.href);
  };
  const whole = await hrefs(server.url);
  const before = ranges.length;
  const fromRanges = await hrefs(lazy.url);
  assert.deepEqual(fromRanges, whole);
  assert.ok(whole.length > 0);
  assert.ok(ranges.length > before, "no Range request was made");
  assert.ok(ranges.every((u) => /\/search\/index\.[0-9a-f]{16}\.bin$/.test(u)), ranges.join());
  await context.close();
  lazy.close();
});
