// Builds themes/default/static/style.css, the one stylesheet of the default
// theme, from NL Design System parts:
//
//   1. design tokens of the neutral example theme (voorbeeld-design-tokens),
//      set on :root and pruned to the tokens that the CSS below uses;
//   2. white-label component CSS (@utrecht/*-css), pruned to the classes
//      that the theme's templates and scripts use;
//   3. besluitspoor.css: the portal's own layout, written with those tokens.
//
// The result is committed, so building a site needs neither Node nor a CDN.
// Run `npm ci && npm run build` here after changing a version in
// package.json, besluitspoor.css or a template's utrecht-* classes;
// `node build.mjs --check` fails when the committed file is out of date.
import { readFileSync, writeFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import postcss from "postcss";

const HERE = dirname(fileURLToPath(import.meta.url));
const THEME = resolve(HERE, "..");
const OUT = join(THEME, "static", "style.css");
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(HERE, "package.json"), "utf8"));

// Component packages in cascade order: the document first, then layout,
// then components (a later rule wins over an earlier one).
const COMPONENTS = [
  "root-css", "document-css", "page-header-css", "page-footer-css", "skip-link-css",
  "nav-bar-css", "nav-list-css", "breadcrumb-nav-css", "paragraph-css", "link-css",
  "data-list-css", "table-css", "status-badge-css", "pagination-css",
  "form-label-css", "textbox-css", "button-css",
].map((name) => `@utrecht/${name}`);
const TOKENS = "@nl-design-system-unstable/voorbeeld-design-tokens";

function pkgDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}
function version(name) {
  return JSON.parse(readFileSync(join(pkgDir(name), "package.json"), "utf8")).version;
}

// Every utrecht-* class the theme can put in a page.
function usedClasses() {
  const used = new Set();
  const scan = (text) => {
    for (const m of text.matchAll(/utrecht-[a-z0-9_-]*[a-z0-9]/g)) { used.add(m[0]); }
  };
  for (const dir of ["templates", "static"]) {
    for (const f of readdirSync(join(THEME, dir), { recursive: true })) {
      const path = join(THEME, dir, f);
      if (f === "style.css" || !/\.(html|js)$/.test(f) || !statSync(path).isFile()) { continue; }
      scan(readFileSync(path, "utf8"));
    }
  }
  scan(readFileSync(join(HERE, "besluitspoor.css"), "utf8"));
  return used;
}

// Drops every selector that names a utrecht-* class no page uses, and rules
// and at-rules left empty.
function prune(root, used) {
  root.walkRules((rule) => {
    if (rule.parent && rule.parent.type === "atrule" && /keyframes$/.test(rule.parent.name)) { return; }
    const keep = rule.selectors.filter((sel) => {
      const classes = sel.match(/\.utrecht-[a-z0-9_-]*[a-z0-9]/g) || [];
      return classes.every((c) => used.has(c.slice(1)));
    });
    if (keep.length === 0) { rule.remove(); } else { rule.selectors = keep; }
  });
  let changed = true;
  while (changed) {
    changed = false;
    root.walkAtRules((at) => {
      if (at.nodes && at.nodes.length === 0) { at.remove(); changed = true; }
    });
  }
  root.walkComments((c) => c.remove());
}

function varsIn(text, into) {
  for (const m of text.matchAll(/var\(\s*(--[A-Za-z0-9_-]+)/g)) { into.add(m[1]); }
}

function build() {
  const used = usedClasses();
  const parts = [];
  const components = [];
  for (const name of COMPONENTS) {
    const css = readFileSync(join(pkgDir(name), "dist", "index.css"), "utf8");
    const root = postcss.parse(css, { from: name });
    root.walkAtRules("charset", (at) => at.remove());
    prune(root, used);
    const text = root.toString().trim();
    if (text) { components.push(`/* ${name} ${version(name)} */\n${text}`); }
  }
  const own = readFileSync(join(HERE, "besluitspoor.css"), "utf8").trim();

  // Tokens: keep what the components and our own CSS refer to, following
  // references between tokens.
  const tokenRoot = postcss.parse(readFileSync(join(pkgDir(TOKENS), "dist", "theme.css"), "utf8"));
  const decls = new Map();
  tokenRoot.walkDecls((d) => { if (d.prop.startsWith("--")) { decls.set(d.prop, d.value.trim()); } });
  const wanted = new Set();
  components.forEach((c) => varsIn(c, wanted));
  varsIn(own, wanted);
  const queue = [...wanted];
  while (queue.length) {
    const v = decls.get(queue.pop());
    if (v === undefined) { continue; }
    const more = new Set();
    varsIn(v, more);
    for (const m of more) { if (!wanted.has(m)) { wanted.add(m); queue.push(m); } }
  }
  const defined = new Set([...decls.keys()]);
  for (const text of [...components, own]) {
    for (const m of text.matchAll(/(--[A-Za-z0-9_-]+)\s*:/g)) { defined.add(m[1]); }
  }
  const unknown = new Set();
  varsIn(own, unknown);
  for (const v of unknown) {
    if (!v.endsWith("-") && !defined.has(v) && !own.includes(`var(${v},`)) {
      console.warn(`besluitspoor.css uses ${v}, which no token or component defines`);
    }
  }
  const tokens = [...decls].filter(([k]) => wanted.has(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const licence = [
    "/* besluitspoor default theme. GENERATED by themes/default/build/build.mjs: do not edit;",
    "   change besluitspoor.css or package.json there and run `npm run build`.",
    "   A municipality restyles the portal by setting tokens in the file named by",
    "   `tokens_css` in site.toml, which is appended after this one.",
    "",
    "   Design tokens: the neutral example theme of NL Design System,",
    `   ${TOKENS} ${version(TOKENS)} (EUPL-1.2).`,
    "   Components: NL Design System community (@utrecht/*-css, EUPL-1.2),",
    "   Copyright (c) 2020-2024 Frameless B.V., Copyright (c) 2021-2024 Gemeente Utrecht. */",
  ].join("\n");
  parts.push(licence);
  parts.push(`/* tokens (${tokens.length} of ${decls.size}) */\n:root {\n${tokens.map(([k, v]) => `  ${k}: ${v};`).join("\n")}\n}`);
  parts.push(...components);
  parts.push(`/* besluitspoor.css */\n${own}`);
  return parts.join("\n\n") + "\n";
}

const css = build();
if (process.argv.includes("--check")) {
  const current = existsSync(OUT) ? readFileSync(OUT, "utf8") : "";
  if (current !== css) {
    console.error(`${OUT} is out of date: run \`npm run build\` in themes/default/build`);
    process.exit(1);
  }
  console.log(`${OUT} is up to date (${css.length} bytes)`);
} else {
  writeFileSync(OUT, css);
  console.log(`wrote ${OUT} (${css.length} bytes; ${Object.keys(pkg.devDependencies).length} pinned packages)`);
}
