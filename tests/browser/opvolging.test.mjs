// The follow-up register stays true after the build: opvolging.js
// recomputes "te laat" with the reader's date. A page built at one date and
// read at a later date must show what a build at that later date shows
// without JavaScript.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { buildSite, serve, launch } from "./helpers.mjs";

const SITE = "tests/sites/opvolging";
const EARLY = "2020-06-01";
const LATE = "2026-11-30";
let browser;
const servers = [];
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); servers.forEach((s) => s.close()); });

async function snapshot(dir, path, { js, today }) {
  const server = await serve(dir);
  servers.push(server);
  const context = await browser.newContext({ javaScriptEnabled: js, timezoneId: "Europe/Amsterdam" });
  const page = await context.newPage();
  if (today) { await page.clock.setFixedTime(new Date(`${today}T12:00:00+01:00`)); }
  await page.goto(server.url + path, { waitUntil: "load" });
  const data = await page.evaluate(() => {
    const text = (sel) => Array.from(document.querySelectorAll(sel), (e) => e.textContent.trim());
    const hrefs = (sel) => Array.from(document.querySelectorAll(sel), (a) => a.getAttribute("href"));
    return {
      counts: Object.fromEntries(Array.from(document.querySelectorAll("[data-count]"),
        (e) => [e.getAttribute("data-count"), e.textContent.trim()])),
      teLaat: hrefs("#lijst-te-laat .card__title a"),
      open: hrefs("#lijst-open .card__title a"),
      badges: text("[data-opvolging]"),
      dagen: text("[data-dagen]"),
      dagenKort: text("[data-dagen-kort]"),
      stand: text("[data-stand-datum]"),
    };
  });
  await context.close();
  return data;
}

test("the register read later in the browser equals a build at that date", async () => {
  const early = buildSite(SITE, EARLY);
  const late = buildSite(SITE, LATE);
  const recomputed = await snapshot(early, "/opvolging/", { js: true, today: LATE });
  const built = await snapshot(late, "/opvolging/", { js: false });
  assert.ok(built.teLaat.length > 0, "the fixture has overdue items at the later date");
  assert.deepEqual(recomputed.counts, built.counts);
  assert.deepEqual(recomputed.teLaat, built.teLaat);
  assert.deepEqual(recomputed.open, built.open);
  assert.deepEqual(recomputed.badges, built.badges);
  assert.deepEqual(recomputed.stand, built.stand);
  // Without JavaScript the early build keeps its own date and counts.
  const stale = await snapshot(early, "/opvolging/", { js: false });
  assert.notDeepEqual(stale.counts, built.counts, "the two dates differ, so the test can fail");
  assert.ok(stale.stand.every((s) => s === "1 juni 2020"));
});

test("at the build date the browser agrees with the build", async () => {
  const early = buildSite(SITE, EARLY);
  const withJs = await snapshot(early, "/opvolging/", { js: true, today: EARLY });
  const withoutJs = await snapshot(early, "/opvolging/", { js: false });
  assert.deepEqual(withJs, withoutJs);
});

test("an item page's days left are recomputed", async () => {
  const early = buildSite(SITE, EARLY);
  const late = buildSite(SITE, LATE);
  // Every toezegging page of the register, compared one by one.
  const list = await snapshot(late, "/opvolging/", { js: false });
  const pages = [...list.teLaat, ...list.open].slice(0, 6);
  assert.ok(pages.length > 0);
  for (const path of pages) {
    const recomputed = await snapshot(early, path, { js: true, today: LATE });
    const built = await snapshot(late, path, { js: false });
    assert.deepEqual(recomputed.badges, built.badges, path);
    assert.deepEqual(recomputed.dagen, built.dagen, path);
  }
});
