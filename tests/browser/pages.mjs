// The page types of a built site, and the HTML files in it.
import { readdirSync, existsSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

const KINDS = [
  "vergaderingen", "besluiten", "moties", "amendementen", "toezeggingen", "vragen", "stukken",
  "organen", "personen", "fracties",
];

function subdirs(dir) {
  if (!existsSync(dir)) { return []; }
  return readdirSync(dir).filter((d) => d !== "pagina" && statSync(join(dir, d)).isDirectory()).sort();
}

/** Every page type of the site in `out` as [name, url path]: one item page
 *  of each kind, the lists, the register and its filtered views, search, the
 *  accessibility statement and a page that does not exist (404). */
export function pageTypes(out, { item = {} } = {}) {
  const pages = [["home", "/"]];
  for (const kind of KINDS) {
    const ids = subdirs(join(out, kind));
    if (ids.length === 0) { continue; }
    const id = item[kind] && ids.includes(item[kind]) ? item[kind] : ids[0];
    pages.push([`${kind} (item)`, `/${kind}/${id}/`]);
    pages.push([`${kind} (lijst)`, `/${kind}/`]);
    if (existsSync(join(out, kind, "pagina", "2", "index.html"))) {
      pages.push([`${kind} (lijst, pagina 2)`, `/${kind}/pagina/2/`]);
    }
  }
  pages.push(["opvolging", "/opvolging/"]);
  for (const facet of subdirs(join(out, "opvolging"))) {
    const first = subdirs(join(out, "opvolging", facet))[0];
    if (first) { pages.push([`opvolging per ${facet}`, `/opvolging/${facet}/${first}/`]); }
  }
  pages.push(["zoeken", "/zoeken/"]);
  pages.push(["toegankelijkheid", "/toegankelijkheid/"]);
  pages.push(["404", "/bestaat-niet/"]);
  return pages;
}

/** Every .html file under `out`, as URL paths ("/besluiten/x/" for
 *  besluiten/x/index.html). */
export function htmlFiles(out) {
  const found = [];
  for (const f of readdirSync(out, { recursive: true })) {
    if (!f.endsWith(".html")) { continue; }
    const rel = "/" + relative(out, join(out, f)).split(sep).join("/");
    found.push(rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel);
  }
  return found.sort();
}
