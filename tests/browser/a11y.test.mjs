// Accessibility of every page type in a real browser (Debian's chromium):
// axe-core with the WCAG 2.1 A and AA rules at phone and desktop width,
// landmarks, skip link, headings, breadcrumbs, focus, reflow at 360 px,
// content without JavaScript, one stylesheet and no third-party requests,
// a clean print of the besluitenlijst. Screenshots of the main page types
// go to test-artifacts/ (not committed).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildSite, serve, launch, REPO } from "./helpers.mjs";
import { pageTypes } from "./pages.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const ARTIFACTS = join(REPO, "test-artifacts");
const PHONE = { width: 360, height: 740 };
// WCAG 1.4.10 Reflow: 320 CSS px, the width of 1280 px zoomed to 400%.
const NARROW = { width: 320, height: 640 };
const DESKTOP = { width: 1280, height: 900 };

// The demo site (the repository's root) and the fixture with every kind,
// attachments and pagination.
const SITES = [
  {
    name: "demo", root: ".", date: "2015-09-01", query: "verordening",
    item: { vergaderingen: "raad-2015-06-29", besluiten: "raad-2015-06-29-ap8", personen: "kostelijk" },
  },
  {
    name: "valid", root: "tests/sites/valid", date: "2026-03-01", query: "veiligheid",
    item: { vergaderingen: "raad-2026-01-29", besluiten: "raad-2026-01-29-woonvisie", stukken: "raadsvoorstel-2026-004-woonvisie" },
  },
];

let browser;
const sites = [];

/** A browser tab for one site at one viewport, reused from page to page. */
async function tab(site, { viewport = DESKTOP, js = true, media } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: js, timezoneId: "Europe/Amsterdam" });
  // The reader's date is the build date, so the follow-up script has nothing
  // to recompute.
  await context.clock.setFixedTime(new Date(`${site.date}T12:00:00+01:00`));
  const page = await context.newPage();
  if (media) { await page.emulateMedia({ media }); }
  let requests = [];
  page.on("request", (r) => requests.push(r.url()));
  return {
    page,
    async visit(path) {
      requests = [];
      await page.goto(site.server.url + path, { waitUntil: "load" });
      if (js && path.includes("?q=")) {
        // The search page's results, written by its script.
        await page.waitForFunction(() => document.querySelectorAll("#zoek-resultaten li").length > 0, null, { timeout: 30_000 });
      }
      return requests;
    },
    close: () => context.close(),
  };
}

async function open(site, path, options) {
  const t = await tab(site, options);
  await t.visit(path);
  return { page: t.page, context: { close: t.close } };
}

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1, 2).join(" ").trim()}`),
    }));
  }, AXE_TAGS);
}

// What a page shows: landmarks, headings, skip link, stylesheets, text.
function structure() {
  const q = (s) => document.querySelectorAll(s);
  const levels = Array.from(q("h1, h2, h3, h4, h5, h6"), (h) => Number(h.tagName[1]));
  const skips = [];
  levels.forEach((l, i) => { if (i > 0 && l > levels[i - 1] + 1) { skips.push(`h${levels[i - 1]}→h${l}`); } });
  const first = document.body.querySelector("a, button, input, select, textarea, [tabindex]");
  const target = document.getElementById((first?.getAttribute("href") || "").slice(1));
  return {
    lang: document.documentElement.lang,
    title: document.title,
    main: q("main").length,
    banner: q("body > header").length,
    contentinfo: q("body > footer").length,
    menu: q('nav[aria-label="Hoofdmenu"]').length,
    crumbs: q('nav[aria-label="Kruimelpad"] [aria-current="page"]').length,
    h1: q("h1").length,
    firstHeading: levels[0],
    skips,
    skipLink: first?.textContent.trim(),
    skipTarget: target?.tagName,
    sheets: Array.from(q('link[rel="stylesheet"]'), (l) => l.getAttribute("href")),
    styles: q("style").length,
    text: document.querySelector("main").innerText,
  };
}

// Elements that stick out of the viewport's width.
function width() {
  const client = document.documentElement.clientWidth;
  const wide = Array.from(document.querySelectorAll("body *"))
    .filter((e) => e.getBoundingClientRect().right > client + 1)
    .slice(0, 3)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
  return { scroll: document.documentElement.scrollWidth, client, wide };
}

// The main page types, photographed at both widths.
const SHOTS = ["home", "vergaderingen (item)", "besluiten (item)", "moties (item)", "toezeggingen (item)", "vragen (item)",
  "stukken (item)", "besluiten (lijst)", "personen (item)", "opvolging", "zoeken (resultaten)", "toegankelijkheid", "404"];
const results = [];
let shots = 0;

// One pass per site and width (and one without JavaScript) over every page
// type gathers what the tests below check, and takes the screenshots.
before(async () => {
  browser = await launch();
  mkdirSync(join(ARTIFACTS, "screenshots"), { recursive: true });
  for (const s of SITES) {
    const out = buildSite(s.root, s.date);
    const server = await serve(out);
    const site = { ...s, out, server, pages: pageTypes(out, { item: s.item }) };
    site.pages.push(["zoeken (resultaten)", `/zoeken/?q=${s.query}`]);
    sites.push(site);
    const passes = [["desktop", DESKTOP, true], ["telefoon", PHONE, true], ["320px", NARROW, true], ["zonder-js", DESKTOP, false]];
    for (const [label, viewport, js] of passes) {
      const t = await tab(site, { viewport, js });
      for (const [name, path] of site.pages) {
        const requests = await t.visit(path);
        const r = { site: site.name, name, path, label, requests: requests.filter((u) => !u.startsWith(server.url)) };
        if (label === "320px") {
          r.width = await t.page.evaluate(width);
          results.push(r);
          continue;
        }
        r.structure = await t.page.evaluate(structure);
        if (js) {
          r.width = await t.page.evaluate(width);
          if (SHOTS.includes(name)) {
            const file = `${site.name}-${name.replace(/[^a-z0-9]+/g, "-").replace(/-$/, "")}-${label}.png`;
            await t.page.screenshot({ path: join(ARTIFACTS, "screenshots", file), fullPage: true });
            shots += 1;
          }
          r.violations = await axe(t.page);
        }
        results.push(r);
      }
      await t.close();
    }
  }
});
after(async () => {
  await browser?.close();
  sites.forEach((s) => s.server.close());
});

const where = (r) => `${r.site} ${r.name} ${r.path} (${r.label})`;

test("axe-core finds no WCAG 2.1 A/AA violation on any page type, at phone and desktop width", () => {
  const runs = results.filter((r) => r.violations);
  const problems = runs.flatMap((r) => r.violations.map((v) =>
    `${where(r)}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.join("\n    ")}`));
  const version = JSON.parse(readFileSync(require.resolve("axe-core/package.json"), "utf8")).version;
  console.log(`axe-core ${version} (${AXE_TAGS.join(", ")}): ${runs.length} page runs, ${problems.length} violations`);
  assert.ok(runs.length >= 40, `${runs.length} runs`);
  assert.deepEqual(problems, [], problems.join("\n"));
});

test("every page type has landmarks, a skip link, one h1, logical headings and breadcrumbs", () => {
  const want = {
    lang: "nl", main: 1, banner: 1, contentinfo: 1, menu: 1, crumbs: 1, h1: 1, firstHeading: 1,
    skips: [], skipLink: "Direct naar de inhoud", skipTarget: "MAIN",
  };
  const problems = [];
  for (const r of results.filter((x) => x.label === "desktop")) {
    for (const [k, v] of Object.entries(want)) {
      if (JSON.stringify(r.structure[k]) !== JSON.stringify(v)) {
        problems.push(`${where(r)}: ${k} is ${JSON.stringify(r.structure[k])}, want ${JSON.stringify(v)}`);
      }
    }
    if (!r.structure.title.includes(" · ")) { problems.push(`${where(r)}: title ${r.structure.title}`); }
  }
  assert.deepEqual(problems, [], problems.join("\n"));
});

test("no page is wider than a 360 px phone screen or 320 px (400% zoom), and tables reflow", () => {
  const problems = results.filter((r) => r.label === "telefoon" || r.label === "320px")
    .filter((r) => r.width.scroll > r.width.client || r.width.wide.length)
    .map((r) => `${where(r)}: ${r.width.scroll}px wide in ${r.width.client}px (${r.width.wide.join(", ")})`);
  assert.deepEqual(problems, [], problems.join("\n"));
});

test("every page shows its content without JavaScript", () => {
  const problems = [];
  for (const r of results.filter((x) => x.label === "zonder-js")) {
    if (r.path.startsWith("/zoeken/")) { continue; } // searching needs JavaScript; its noscript text says so
    const withJs = results.find((x) => x.label === "desktop" && x.site === r.site && x.path === r.path);
    if (r.structure.text.trim().length < 20) { problems.push(`${where(r)}: empty`); }
    if (r.structure.text !== withJs.structure.text) { problems.push(`${where(r)}: differs from the page with JavaScript`); }
  }
  assert.deepEqual(problems, [], problems.join("\n"));
});

test("a page loads one small content-hashed stylesheet and nothing from another site", () => {
  const problems = [];
  for (const r of results.filter((x) => x.structure)) {
    if (r.requests.length) { problems.push(`${where(r)}: third-party requests ${r.requests.join(", ")}`); }
    const { sheets, styles } = r.structure;
    if (sheets.length !== 1 || !/^\/style\.[0-9a-f]{8}\.css$/.test(sheets[0])) { problems.push(`${where(r)}: stylesheets ${sheets}`); }
    if (styles) { problems.push(`${where(r)}: ${styles} inline <style> elements`); }
  }
  assert.deepEqual(problems, [], problems.join("\n"));
  const css = readdirSync(sites[0].out).find((f) => f.endsWith(".css"));
  const bytes = readFileSync(join(sites[0].out, css));
  const gz = gzipSync(bytes).length;
  console.log(`stylesheet ${css}: ${bytes.length} bytes, ${gz} gzipped`);
  assert.ok(gz < 16_000, `the stylesheet is small: ${gz} bytes gzipped`);
  assert.ok(bytes.length < 100_000, `${bytes.length} bytes`);
});

test("screenshots of the main page types at phone and desktop width are in test-artifacts/screenshots", () => {
  assert.ok(shots >= 40, `${shots} screenshots`);
});

test("the keyboard focus is always visible, and the skip link appears and works", async () => {
  const site = sites[0];
  const { page, context } = await open(site, "/vergaderingen/raad-2015-06-29/");
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(() => {
    const a = document.activeElement;
    const r = a.getBoundingClientRect();
    return { text: a.textContent.trim(), top: r.top, left: r.left, height: r.height, width: r.width };
  });
  assert.equal(skip.text, "Direct naar de inhoud");
  assert.ok(skip.top >= 0 && skip.left >= 0 && skip.height > 20 && skip.width > 50, `skip link on screen when focused: ${JSON.stringify(skip)}`);
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "inhoud", "Enter on the skip link moves focus to main");
  // Tab through the first 40 focusable elements of the page: each shows an
  // outline or a focus shadow that differs from its unfocused look.
  await page.evaluate(() => document.activeElement.blur());
  await page.goto(site.server.url + "/vergaderingen/raad-2015-06-29/");
  const invisible = [];
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) { return null; }
      const s = getComputedStyle(a);
      return {
        what: `${a.tagName.toLowerCase()} ${a.textContent.trim().slice(0, 40)}`,
        outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
        background: s.backgroundColor,
      };
    });
    if (!f) { break; }
    if (!f.outline) { invisible.push(f.what); }
  }
  await context.close();
  assert.deepEqual(invisible, [], `no visible focus on: ${invisible.join("; ")}`);
});

test("status badges carry their status in text", async () => {
  const site = sites[1];
  for (const path of ["/opvolging/", "/vergaderingen/raad-2026-01-29/", "/moties/"]) {
    const { page, context } = await open(site, path);
    const badges = await page.$$eval(".utrecht-status-badge", (bs) => bs.map((b) => b.textContent.trim()));
    await context.close();
    assert.ok(badges.length > 0, path);
    assert.ok(badges.every((t) => /^[A-Z][a-z]+( [a-z]+)*$/.test(t)), `${path}: ${badges.join(", ")}`);
  }
});

test("attachments are linked with their type and size", async () => {
  const site = sites[1];
  const { page, context } = await open(site, "/stukken/raadsvoorstel-2026-004-woonvisie/");
  const links = await page.$$eval('section[aria-labelledby="bijlagen-kop"] a', (as) => as.map((a) => a.textContent.trim()));
  await context.close();
  assert.ok(links.length > 0);
  for (const l of links) { assert.match(l, /\((PDF|ODT|DOCX?|XLSX?|CSV|ZIP|[A-Z0-9]+), \d+(,\d)? (bytes|kB|MB)\)$/); }
});

test("a besluitenlijst prints cleanly: no navigation, the address after links, no break inside an agendapunt", async () => {
  const site = sites[0];
  const { page, context } = await open(site, "/vergaderingen/raad-2015-06-29/", { media: "print" });
  const r = await page.evaluate(() => {
    const shown = (sel) => Array.from(document.querySelectorAll(sel)).some((e) => getComputedStyle(e).display !== "none");
    const link = document.querySelector(".agendapunt .besluit-blok a[href^='/']");
    return {
      nav: shown('nav[aria-label="Hoofdmenu"]'),
      crumbs: shown('nav[aria-label="Kruimelpad"]'),
      search: shown(".site-search"),
      skip: shown(".utrecht-skip-link"),
      versions: shown(".versies"),
      after: getComputedStyle(link, "::after").content,
      href: link.getAttribute("href"),
      breaks: Array.from(document.querySelectorAll(".agendapunt"), (a) => getComputedStyle(a).breakInside),
      title: getComputedStyle(document.querySelector("h1")).display,
    };
  });
  assert.deepEqual([r.nav, r.crumbs, r.search, r.skip, r.versions], [false, false, false, false, false]);
  assert.equal(r.title, "block");
  assert.ok(r.after.includes("https://besluiten.example.nl") && r.after.includes("attr(href)") || r.after.includes(r.href), `URL after a link: ${r.after}`);
  assert.ok(r.breaks.length > 0 && r.breaks.every((b) => b === "avoid"), r.breaks.join());
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.pdf({ path: join(ARTIFACTS, "besluitenlijst-raad-2015-06-29.pdf"), format: "A4", printBackground: false });
  await context.close();
});

test("the accessibility statement follows the model and site.toml", async () => {
  const site = sites[0];
  const { page, context } = await open(site, "/toegankelijkheid/");
  const r = await page.evaluate(() => ({
    h2: Array.from(document.querySelectorAll("main h2"), (h) => h.textContent.trim()),
    status: document.querySelector(".verklaring-status")?.textContent.trim(),
    footer: !!document.querySelector('footer a[href="/toegankelijkheid/"]'),
  }));
  await context.close();
  assert.deepEqual(r.h2, ["Status", "Onderzoek", "Wat we doen", "Bekende problemen", "Contact", "Niet tevreden?", "Over deze verklaring"]);
  assert.match(r.status, /^Deze website: (Voldoet volledig|Voldoet gedeeltelijk|Eerste maatregelen genomen|Voldoet niet)$/);
  assert.ok(r.footer, "every page links to the statement");
});
