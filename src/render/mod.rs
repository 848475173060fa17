//! Stage 4, render: the [`Site`] → every output file, in memory.
//!
//! HTML pages come from Tera templates of the theme and are minified with
//! minify-html (CSS minified, JS left alone); the stylesheet gets a
//! content-hashed name so browsers may cache it forever.

pub mod export;
pub mod feeds;
pub mod html;
pub mod pages;
pub mod register;
pub mod theme;
pub mod toegankelijkheid;

use std::collections::BTreeMap;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostics, Pos};
use crate::model::{Kind, KindData};
use crate::publish::{CopiedFile, OutputFile};
use crate::site::Site;
use html::Renderer;
use pages::*;

/// Everything a build writes.
#[derive(Debug, Default)]
pub struct Output {
    pub files: Vec<OutputFile>,
    pub copies: Vec<CopiedFile>,
    /// Pages the [`Scope`] left out: their previous output stands (`watch`).
    pub kept: Vec<String>,
    /// With [`Scope::memo`]: the context hash of every page that is not an
    /// item page, rendered or kept, for the next build's [`Scope::unchanged`].
    pub hashes: Vec<(String, u64)>,
    /// Pages the [`Sink`] wrote as they were rendered (not in `files`).
    pub written: Vec<String>,
    /// How long writing the search index took (it runs while the pages
    /// render), in milliseconds.
    pub search_ms: Option<f64>,
    /// The search index's parts and how many of them were indexed.
    pub search_parts: Option<(usize, usize)>,
}

/// Where the rendered pages go: [`render_into`] hands each page to the sink
/// as soon as it is rendered; what the sink gives back stays in
/// [`Output::files`].
pub trait Sink: Sync {
    /// Takes one rendered page. `Ok(None)`: written, not kept in memory.
    fn page(&self, file: OutputFile) -> Result<Option<OutputFile>, String>;
}

/// Keeps every page in memory.
pub struct Memory;

impl Sink for Memory {
    fn page(&self, file: OutputFile) -> Result<Option<OutputFile>, String> {
        Ok(Some(file))
    }
}

/// Writes every page into the staging directory of a build right away.
impl Sink for crate::publish::Staging {
    fn page(&self, file: OutputFile) -> Result<Option<OutputFile>, String> {
        self.write(&file).map(|_| None).map_err(|e| e.to_string())
    }
}

/// What to render. `build` renders everything ([`Scope::ALL`]); `watch`
/// narrows it to what a change can reach and keeps the rest of the
/// previous build, so the result is the same bytes.
pub struct Scope<'a> {
    /// Render the page of item `i`.
    pub item_page: &'a (dyn Fn(usize) -> bool + Sync),
    /// Write the search index and the `/zoeken/` page.
    pub search: bool,
    /// Hash the context of every page that is not an item page, and keep
    /// (not render) those for which `unchanged(path, hash)` says the last
    /// build rendered that path from the same context. Rendering is a pure
    /// function of template and context, so a kept page is what rendering
    /// would give.
    pub memo: bool,
    pub unchanged: &'a (dyn Fn(&str, u64) -> bool + Sync),
    /// The search index parts of the previous build, to index only what
    /// changed (`watch`); `None`: index everything.
    pub index_parts: Option<&'a Mutex<crate::search::IndexParts>>,
}

impl Scope<'static> {
    pub const ALL: Scope<'static> = Scope {
        item_page: &|_| true,
        search: true,
        memo: false,
        unchanged: &|_, _| false,
        index_parts: None,
    };
}

/// A hash of a page's context (its `Debug` text: maps are ordered).
fn context_hash(context: &tera::Context) -> u64 {
    debug_hash(context)
}

/// A page to render: its output path, template and context.
struct Job<'a> {
    path: String,
    template: &'static str,
    /// Makes the page's context. It runs when the page renders and the
    /// context is dropped right after, so the contexts of all pages (tera
    /// contexts are serde_json trees, several times the page) are never in
    /// memory at once.
    context: Box<dyn Fn() -> tera::Context + Send + Sync + 'a>,
    /// A cheaper stand-in for the hash of the context, for pages made of
    /// many item cards: it hashes what the context holds besides the cards
    /// and each card's hash from [`CardHashes`], so `watch` can tell an
    /// unchanged list page without making its context. `None`: the context
    /// itself is hashed.
    key: Option<PageKey<'a>>,
    /// The item behind the page, for collision messages.
    origin: Option<usize>,
}

/// See [`Job::key`].
type PageKey<'a> = Box<dyn Fn(&CardHashes) -> u64 + Send + Sync + 'a>;

/// The hash of each item's [`Card`], made at most once per render: a card
/// shows up on many list and register pages.
pub struct CardHashes<'a> {
    site: &'a Site,
    hashes: Vec<std::sync::OnceLock<u64>>,
}

impl<'a> CardHashes<'a> {
    fn new(site: &'a Site) -> Self {
        CardHashes {
            site,
            hashes: (0..site.items.len()).map(|_| Default::default()).collect(),
        }
    }

    /// The hash of item `i`'s card (its `Debug` text, which holds every
    /// field that is serialised).
    fn card(&self, i: usize) -> u64 {
        *self.hashes[i].get_or_init(|| debug_hash(&card(self.site, i)))
    }

    /// As [`CardHashes::card`] for a card made by [`card`], found by its
    /// id.
    fn of(&self, card: &Card) -> u64 {
        match self.site.index_of(&card.id) {
            Some(i) => self.card(i),
            None => debug_hash(card),
        }
    }
}

/// A hasher fed through `std::fmt::Write`.
struct HashWriter(std::hash::DefaultHasher);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        use std::hash::Hasher;
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// A hash of `value`'s `Debug` text.
pub(crate) fn debug_hash(value: &dyn std::fmt::Debug) -> u64 {
    use std::hash::Hasher;
    let mut w = HashWriter(std::hash::DefaultHasher::new());
    let _ = std::fmt::write(&mut w, format_args!("{value:?}"));
    w.0.finish()
}

/// The pages of a paginated list: `/<section>/`, `/<section>/pagina/2/`, ….
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    /// Pages are left out between the previous link and this one.
    pub gap: bool,
}

/// Up to this many pages, a list links every page; beyond, the first, the
/// last and two on either side of the current one, so a list of `n` pages
/// costs O(n), not O(n²), links.
pub const ALL_PAGE_LINKS: usize = 9;

/// The page links of page `current` of `total` of the list at `base`.
pub fn page_links(base: &str, current: usize, total: usize) -> Vec<PageLink> {
    let shown =
        |k: usize| total <= ALL_PAGE_LINKS || k == 1 || k == total || k.abs_diff(current) <= 2;
    let mut out: Vec<PageLink> = Vec::new();
    for k in (1..=total).filter(|&k| shown(k)) {
        let gap = out.last().is_some_and(|l| l.number + 1 != k);
        out.push(PageLink {
            number: k,
            url: page_url(base, k),
            gap,
        });
    }
    out
}

/// URL of page `n` (1-based) of the list at `base` (`/besluiten/`).
pub fn page_url(base: &str, n: usize) -> String {
    if n == 1 {
        base.to_string()
    } else {
        format!("{base}pagina/{n}/")
    }
}

fn out_path(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

fn hash8(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// Minifies a stylesheet with lightningcss (the engine minify-html uses).
fn minify_css(css: &str) -> String {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    match StyleSheet::parse(css, ParserOptions::default()) {
        Ok(mut sheet) => {
            if sheet.minify(MinifyOptions::default()).is_err() {
                return css.to_string();
            }
            sheet
                .to_css(PrinterOptions {
                    minify: true,
                    ..PrinterOptions::default()
                })
                .map(|r| r.code)
                .unwrap_or_else(|_| css.to_string())
        }
        Err(_) => css.to_string(),
    }
}

/// The site's one stylesheet: the theme's `style.css`, the site's address
/// (for the URLs printed after links) and the municipality's design tokens
/// from `tokens_css`, in that order, so the tokens win.
fn stylesheet(site: &Site, theme_css: &[u8], diags: &mut Diagnostics) -> String {
    let mut css = String::from_utf8_lossy(theme_css).into_owned();
    css.push_str(&format!(
        "\n:root {{ --besluitspoor-base-url: {}; }}\n",
        css_string(&site.config.base_url)
    ));
    if let Some(rel) = &site.config.tokens_css {
        match std::fs::read_to_string(site.root.join(rel)) {
            Ok(tokens) => css.push_str(&tokens),
            Err(e) => diags.error(
                "site.toml",
                Pos::START,
                format!("cannot read `tokens_css` file {rel}: {e}"),
            ),
        }
    }
    css
}

/// `s` as a quoted CSS string.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Renders every page, feed and asset of `site` with `theme`.
///
/// Errors (template problems, two pages on one URL) go to `diags`; the
/// output is then incomplete and must not be published.
pub fn render(site: &Site, theme: &theme::Theme, diags: &mut Diagnostics) -> Output {
    render_scoped(site, theme, diags, &Scope::ALL)
}

/// As [`render`], limited to `scope`; what it leaves out is in
/// [`Output::kept`].
pub fn render_scoped(
    site: &Site,
    theme: &theme::Theme,
    diags: &mut Diagnostics,
    scope: &Scope<'_>,
) -> Output {
    render_into(site, theme, diags, scope, &Memory)
}

/// The theme's static files into `output`: stylesheets minified, scripts
/// left as written (minify-html's JS minifier is known to break code), and
/// both under a content-hashed name so they can be cached forever. Returns
/// the URL of each by its name in the theme (`style.css` →
/// `/style.1a2b3c4d.css`).
fn assets(
    site: &Site,
    theme: &theme::Theme,
    output: &mut Output,
    diags: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let mut assets: BTreeMap<String, String> = BTreeMap::new();
    for (name, bytes) in &theme.statics {
        if let Some(stem) = name
            .strip_suffix(".css")
            .or_else(|| name.strip_suffix(".js"))
        {
            let ext = &name[stem.len() + 1..];
            let bytes = if ext == "css" {
                let css = if name == "style.css" {
                    stylesheet(site, bytes, diags)
                } else {
                    String::from_utf8_lossy(bytes).into_owned()
                };
                minify_css(&css).into_bytes()
            } else {
                bytes.clone()
            };
            let file = format!("{stem}.{}.{ext}", hash8(&bytes));
            assets.insert(name.clone(), format!("/{file}"));
            output.files.push(OutputFile { path: file, bytes });
        } else {
            output.files.push(OutputFile {
                path: name.clone(),
                bytes: bytes.clone(),
            });
        }
    }
    assets
}

/// The theme's assets into `output`, its templates compiled, and the site
/// view every page's context holds (with the assets' hashed URLs); `None`
/// when a template does not compile (reported to `diags`).
fn prepare(
    site: &Site,
    theme: &theme::Theme,
    output: &mut Output,
    diags: &mut Diagnostics,
) -> Option<(Renderer, SiteView)> {
    let assets = assets(site, theme, output, diags);
    let renderer = match Renderer::new(theme) {
        Ok(r) => r,
        Err(e) => {
            template_error(site, theme, diags, &e, None);
            return None;
        }
    };
    let asset = |n: &str| assets.get(n).cloned().unwrap_or_else(|| format!("/{n}"));
    let view = site_view(site, asset("style.css"), asset("opvolging.js"));
    Some((renderer, view))
}

/// Only the search index and the `/zoeken/` page that names its files, for
/// `watch`, whose pages went live before the index was written: every
/// other output of a full build of `site` is the same as the live one.
/// `output.files` holds the index files and the page; the theme's assets
/// are not in it.
pub fn search_only(
    site: &Site,
    theme: &theme::Theme,
    diags: &mut Diagnostics,
    index_parts: &Mutex<crate::search::IndexParts>,
) -> Output {
    let mut output = Output::default();
    let Some((renderer, site_view)) = prepare(site, theme, &mut Output::default(), diags) else {
        return output;
    };
    let start = std::time::Instant::now();
    let search = build_search(site, Some(index_parts));
    output.search_ms = Some(start.elapsed().as_secs_f64() * 1000.0);
    let page = |search: &crate::search::SearchOutput| {
        let mut c = tera::Context::new();
        c.insert("site", &site_view);
        c.insert("zoeken", &search.page);
        c
    };
    if let Some(e) = add_search(&renderer, search, &page, &mut output, diags) {
        template_error(site, theme, diags, &e, Some("rendering /zoeken/"));
    }
    output.files.sort_by(|a, b| a.path.cmp(&b.path));
    output
}

/// The search index of `site`, reusing `index_parts` when given.
fn build_search(
    site: &Site,
    index_parts: Option<&Mutex<crate::search::IndexParts>>,
) -> Result<crate::search::SearchOutput, crate::search::WriteError> {
    match index_parts {
        Some(m) => {
            let mut kept = m.lock().unwrap_or_else(|e| e.into_inner());
            crate::search::build_with(site, &mut kept)
        }
        None => crate::search::build(site),
    }
}

/// The search index files and the `/zoeken/` page that names them (its
/// context from `page`) into `output`; a failed index goes to `diags`, a
/// failed page is returned (to be reported with the other pages that the
/// same template mistake failed).
fn add_search(
    renderer: &Renderer,
    search: Result<crate::search::SearchOutput, crate::search::WriteError>,
    page: &dyn Fn(&crate::search::SearchOutput) -> tera::Context,
    output: &mut Output,
    diags: &mut Diagnostics,
) -> Option<html::TemplateError> {
    match search {
        Ok(search) => {
            output.search_parts = Some((search.parts, search.indexed));
            let rendered = renderer.render("zoeken.html", &page(&search));
            output.files.extend(search.files);
            match rendered {
                Ok(bytes) => {
                    output.files.push(OutputFile {
                        path: ZOEKEN_PAGE.into(),
                        bytes,
                    });
                    None
                }
                Err(e) => Some(e),
            }
        }
        Err(e) => {
            diags.error("content", Pos::START, e.to_string());
            None
        }
    }
}

/// The output path of the `/zoeken/` page.
const ZOEKEN_PAGE: &str = "zoeken/index.html";

/// Why a page could not be made.
enum Failure {
    /// Its template failed.
    Template(html::TemplateError),
    /// It could not be written to the staging folder.
    Write(String),
}

/// A template error as a diagnostic: at the template's file in the site's
/// theme folder and the line and column Tera gives, else at `themes`.
fn template_error(
    site: &Site,
    theme: &theme::Theme,
    diags: &mut Diagnostics,
    e: &html::TemplateError,
    doing: Option<&str>,
) {
    let path = e
        .template
        .as_deref()
        .map(|t| theme.template_path(&site.root, t))
        .unwrap_or_else(|| "themes".into());
    let message = match doing {
        Some(doing) => format!("{doing}: {}", e.message),
        None => e.message.clone(),
    };
    diags.error(&path, e.pos.unwrap_or(Pos::START), message);
}

/// As [`render_scoped`], handing every page to `sink` as it is rendered.
pub fn render_into(
    site: &Site,
    theme: &theme::Theme,
    diags: &mut Diagnostics,
    scope: &Scope<'_>,
    sink: &dyn Sink,
) -> Output {
    let page = scope.item_page;
    let mut output = Output::default();
    let Some((renderer, site_view)) = prepare(site, theme, &mut output, diags) else {
        return output;
    };
    // Every page's context holds the site view next to its own part.
    let site_hash = debug_hash(&site_view);
    let ctx = |extra: &dyn Fn(&mut tera::Context)| {
        let mut c = tera::Context::new();
        c.insert("site", &site_view);
        extra(&mut c);
        c
    };
    let ctx = &ctx;
    let mut jobs: Vec<Job> = Vec::new();

    // Home.
    jobs.push(Job {
        path: "index.html".into(),
        template: "index.html",
        context: Box::new(move || ctx(&|c| c.insert("home", &home(site)))),
        key: None,
        origin: None,
    });
    jobs.push(Job {
        path: "404.html".into(),
        template: "404.html",
        context: Box::new(move || ctx(&|_| {})),
        key: None,
        origin: None,
    });
    jobs.push(Job {
        path: "toegankelijkheid/index.html".into(),
        template: "toegankelijkheid.html",
        context: Box::new(move || {
            ctx(&|c| c.insert("verklaring", &toegankelijkheid::verklaring(site)))
        }),
        key: None,
        origin: None,
    });

    // One page per item.
    let item_context = move |i: usize| match site.items[i].kind {
        Kind::Vergadering => ctx(&|c| c.insert("vergadering", &vergadering_page(site, i))),
        Kind::Orgaan | Kind::Persoon | Kind::Fractie => {
            ctx(&|c| c.insert("actor", &actor_page(site, i)))
        }
        _ => ctx(&|c| c.insert("item", &item_page(site, i))),
    };
    jobs.extend((0..site.items.len()).filter(|&i| page(i)).map(|i| {
        let item = &site.items[i];
        Job {
            path: out_path(&item.url()),
            template: match item.kind {
                Kind::Vergadering => "vergadering.html",
                Kind::Orgaan => "orgaan.html",
                Kind::Persoon => "persoon.html",
                Kind::Fractie => "fractie.html",
                _ => "item.html",
            },
            context: Box::new(move || item_context(i)),
            key: None,
            origin: Some(i),
        }
    }));

    // Per-kind lists, newest first (organen, personen, fracties by name).
    for &kind in Kind::ALL {
        let mut idx: Vec<usize> = site.of_kind(kind).map(|(i, _)| i).collect();
        if kind.is_document() {
            idx = site.newest_first(idx);
        } else {
            idx.sort_by(|&a, &b| site.items[a].titel.cmp(&site.items[b].titel));
        }
        let base = format!("/{}/", kind.folder());
        jobs.extend(list_jobs(
            site,
            ctx,
            site_hash,
            base,
            kind.plural_label().to_string(),
            kind,
            idx,
        ));
    }

    // The full lists behind the sections of orgaan, persoon and fractie
    // pages that show only the newest SECTION_CAP items:
    // /fracties/pvv/ingediend/, /fracties/pvv/ingediend/pagina/2/, ….
    for (a, actor) in site.items.iter().enumerate() {
        if actor.kind.is_document() {
            continue;
        }
        for (titel, idx) in actor_sections(site, a) {
            if idx.len() <= SECTION_CAP {
                continue;
            }
            let base = section_url(&actor.url(), titel);
            let kind = site.items[idx[0]].kind;
            let list_titel = format!("{titel}: {}", actor.titel);
            jobs.extend(list_jobs(site, ctx, site_hash, base, list_titel, kind, idx));
        }
    }

    // Follow-up register.
    for (path, page) in register::pages(site) {
        let page = std::sync::Arc::new(page);
        let page2 = std::sync::Arc::clone(&page);
        jobs.push(Job {
            path,
            template: "opvolging.html",
            key: Some(Box::new(move |cards: &CardHashes| {
                debug_hash(&(site_hash, page2.key(&|c| cards.of(c))))
            })),
            context: Box::new(move || ctx(&|c| c.insert("register", &*page))),
            origin: None,
        });
    }

    // Feeds of the follow-up register.
    output.files.push(feeds::atom(site));
    output.files.extend(feeds::calendars(site));

    // The search index is written while the pages render.
    // (page, context hash); a page is `None` when kept, `Some(None)` when
    // the sink wrote it.
    type Rendered = Result<(Option<Option<OutputFile>>, Option<u64>), Failure>;
    let card_hashes = CardHashes::new(site);
    let (rendered, (search, search_ms)): (Vec<Rendered>, _) = rayon::join(
        || {
            jobs.par_iter()
                .map(|job| {
                    let memo = scope.memo && job.origin.is_none();
                    let key = job.key.as_ref().filter(|_| memo).map(|k| k(&card_hashes));
                    if key.is_some_and(|h| (scope.unchanged)(&job.path, h)) {
                        return Ok((None, key));
                    }
                    let context = (job.context)();
                    let hash = match key {
                        Some(k) => Some(k),
                        None if memo => {
                            let h = context_hash(&context);
                            if (scope.unchanged)(&job.path, h) {
                                return Ok((None, Some(h)));
                            }
                            Some(h)
                        }
                        None => None,
                    };
                    let bytes = renderer
                        .render(job.template, &context)
                        .map_err(Failure::Template)?;
                    let file = OutputFile {
                        path: job.path.clone(),
                        bytes,
                    };
                    let kept = sink
                        .page(file)
                        .map_err(|e| Failure::Write(format!("writing /{}: {e}", job.path)))?;
                    Ok((Some(kept), hash))
                })
                .collect()
        },
        || {
            let start = std::time::Instant::now();
            let search = scope.search.then(|| build_search(site, scope.index_parts));
            (
                search,
                scope.search.then(|| start.elapsed().as_secs_f64() * 1000.0),
            )
        },
    );
    output.search_ms = search_ms;
    let mut kept: Vec<String> = Vec::new();
    // One template mistake fails every page made with it: reported once.
    let mut failed: BTreeMap<html::TemplateError, Vec<&str>> = BTreeMap::new();
    let zoeken_failed = match search {
        None => {
            kept.push(ZOEKEN_PAGE.into());
            None
        }
        Some(search) => {
            let page = |s: &crate::search::SearchOutput| ctx(&|c| c.insert("zoeken", &s.page));
            add_search(&renderer, search, &page, &mut output, diags)
        }
    };
    for (job, r) in jobs.iter().zip(rendered) {
        match r {
            Ok((file, hash)) => {
                if let Some(h) = hash {
                    output.hashes.push((job.path.clone(), h));
                }
                match file {
                    Some(Some(f)) => output.files.push(f),
                    Some(None) => output.written.push(job.path.clone()),
                    None => kept.push(job.path.clone()),
                }
            }
            Err(Failure::Template(e)) => failed.entry(e).or_default().push(&job.path),
            Err(Failure::Write(e)) => diags.error("--output", Pos::START, e),
        }
    }
    if let Some(e) = zoeken_failed {
        failed.entry(e).or_default().push(ZOEKEN_PAGE);
    }

    let url_of = |path: &str| format!("/{}", path.trim_end_matches("index.html"));
    for (e, pages) in failed {
        let doing = match pages.len() {
            1 => format!("rendering {}", url_of(pages[0])),
            n => format!("rendering {} (and {} other pages)", url_of(pages[0]), n - 1),
        };
        template_error(site, theme, diags, &e, Some(&doing));
    }

    // Discovery and open data; pages kept from an earlier build count too.
    kept.extend(
        (0..site.items.len())
            .filter(|&i| !page(i))
            .map(|i| out_path(&site.items[i].url())),
    );
    let html: Vec<&str> = output
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.ends_with(".html"))
        .chain(output.written.iter().map(String::as_str))
        .chain(kept.iter().map(String::as_str))
        .collect();
    let sitemap = export::sitemap(site, &html);
    output.files.push(sitemap);
    output.files.push(export::decisions_feed(site));
    output.files.extend(export::open_data(site));

    // Attachments of public items, copied byte for byte.
    let mut copies: BTreeMap<String, (CopiedFile, usize)> = BTreeMap::new();
    for (i, item) in site.items.iter().enumerate() {
        for b in &item.common.bijlagen {
            copies.entry(b.output_path.clone()).or_insert_with(|| {
                (
                    CopiedFile {
                        path: b.output_path.clone(),
                        source: site.root.join("content").join(&b.output_path),
                    },
                    i,
                )
            });
        }
    }
    check_collisions(site, &jobs, &output.files, &copies, diags);
    output.copies = copies.into_values().map(|(c, _)| c).collect();
    output.files.sort_by(|a, b| a.path.cmp(&b.path));
    kept.sort();
    output.kept = kept;
    output
}

/// Two outputs on one path (two pages, or a page and an attachment or
/// asset) is an error, reported on the file of the item behind it: the
/// page's item first, else the attachment's.
fn check_collisions(
    site: &Site,
    jobs: &[Job<'_>],
    files: &[OutputFile],
    copies: &BTreeMap<String, (CopiedFile, usize)>,
    diags: &mut Diagnostics,
) {
    // (path, item behind it, is a page)
    let mut all: Vec<(&str, Option<usize>, bool)> = jobs
        .iter()
        .map(|j| (j.path.as_str(), j.origin, true))
        .collect();
    let page_paths: std::collections::BTreeSet<&str> =
        jobs.iter().map(|j| j.path.as_str()).collect();
    all.extend(
        files
            .iter()
            .filter(|f| !page_paths.contains(f.path.as_str()))
            .map(|f| (f.path.as_str(), None, false)),
    );
    all.extend(
        copies
            .iter()
            .map(|(p, (_, i))| (p.as_str(), Some(*i), false)),
    );
    all.sort_by(|a, b| a.0.cmp(b.0).then(b.2.cmp(&a.2)));
    for group in all.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        let origin = group
            .iter()
            .find(|g| g.2 && g.1.is_some())
            .or_else(|| group.iter().find(|g| g.1.is_some()))
            .and_then(|g| g.1);
        let (path, pos) = origin
            .map(|i| (site.items[i].path.as_str(), site.items[i].id_pos))
            .unwrap_or(("themes", Pos::START));
        diags.error(
            path,
            pos,
            format!(
                "two pages map to the same URL /{}; change this item's id",
                group[0].0.trim_end_matches("index.html")
            ),
        );
    }
}

/// The pages of a paginated list of the items `idx` at `base`
/// (`base`, `base/pagina/2/`, …), titled `titel`; an empty list still gets
/// its first page.
fn list_jobs<'a, C>(
    site: &'a Site,
    ctx: &'a C,
    site_hash: u64,
    base: String,
    titel: String,
    kind: Kind,
    idx: Vec<usize>,
) -> Vec<Job<'a>>
where
    C: Fn(&dyn Fn(&mut tera::Context)) -> tera::Context + Send + Sync,
{
    let per = site.config.paginate;
    let total = idx.len().div_ceil(per).max(1);
    let count = idx.len();
    (1..=total)
        .map(|n| {
            let chunk: Vec<usize> = idx.iter().skip((n - 1) * per).take(per).copied().collect();
            let (base, titel) = (base.clone(), titel.clone());
            let key_chunk = chunk.clone();
            let (key_base, key_titel) = (base.clone(), titel.clone());
            Job {
                path: out_path(&page_url(&base, n)),
                template: "list.html",
                // Everything `ListPage` holds: pagination follows from the
                // base URL, the page number and the total.
                key: Some(Box::new(move |cards: &CardHashes| {
                    let cards: Vec<u64> = key_chunk.iter().map(|&i| cards.card(i)).collect();
                    debug_hash(&(
                        site_hash, &key_titel, kind, &key_base, n, total, count, cards,
                    ))
                })),
                context: Box::new(move || {
                    let list = ListPage {
                        titel: titel.clone(),
                        kind,
                        url: base.clone(),
                        items: cards(site, &chunk),
                        count,
                        pagination: Pagination {
                            current: n,
                            total,
                            prev: (n > 1).then(|| page_url(&base, n - 1)),
                            next: (n < total).then(|| page_url(&base, n + 1)),
                            pages: page_links(&base, n, total),
                        },
                    };
                    ctx(&|c| c.insert("list", &list))
                }),
                origin: None,
            }
        })
        .collect()
}

fn site_view(site: &Site, css: String, js: String) -> SiteView {
    let nav = [
        Kind::Vergadering,
        Kind::Besluit,
        Kind::Motie,
        Kind::Toezegging,
        Kind::Vraag,
        Kind::Stuk,
    ]
    .iter()
    .map(|k| NavLink {
        url: format!("/{}/", k.folder()),
        label: k.plural_label(),
    })
    .chain(std::iter::once(NavLink {
        url: "/opvolging/".into(),
        label: "Opvolging",
    }))
    .collect();
    SiteView {
        title: site.config.title.clone(),
        municipality: site.config.municipality.clone(),
        base_url: site.config.base_url.clone(),
        language: site.config.language.clone(),
        reference_date: Datum::new(site.reference_date),
        timezone: site.config.timezone.clone(),
        css,
        js,
        nav,
    }
}

/// A page of a kind's list.
#[derive(Debug, Clone, Serialize)]
pub struct ListPage {
    pub titel: String,
    pub kind: Kind,
    pub url: String,
    pub items: Vec<Card>,
    pub count: usize,
    pub pagination: Pagination,
}

/// The home page: what was decided today and recently, what meets next, how
/// follow-up stands.
#[derive(Debug, Clone, Serialize)]
pub struct Home {
    pub vandaag: Vec<Card>,
    pub recent: Vec<Card>,
    pub komend: Vec<Card>,
    pub recente_vergaderingen: Vec<Card>,
    pub open: usize,
    pub te_laat: usize,
    /// Deadlines (ISO) of open items, for the in-browser recount.
    pub open_termijnen: Vec<String>,
    pub counts: Vec<(String, &'static str, usize)>,
}

fn home(site: &Site) -> Home {
    let today = site.reference_date;
    let besluiten: Vec<usize> = site.newest_first(
        site.items
            .iter()
            .enumerate()
            .filter(|(_, it)| {
                matches!(it.kind, Kind::Besluit | Kind::Motie | Kind::Amendement)
                    && it.datum.is_some_and(|d| d <= today)
            })
            .map(|(i, _)| i)
            .collect(),
    );
    let vandaag: Vec<usize> = besluiten
        .iter()
        .copied()
        .filter(|&i| site.items[i].datum == Some(today))
        .collect();
    let recent: Vec<usize> = besluiten
        .iter()
        .copied()
        .filter(|&i| site.items[i].datum != Some(today))
        .take(10)
        .collect();
    let mut komend: Vec<usize> = site
        .of_kind(Kind::Vergadering)
        .filter(|(_, it)| {
            it.datum.is_some_and(|d| d >= today)
                && matches!(&it.data, KindData::Vergadering(v) if v.status != Some(crate::model::VergaderStatus::Geannuleerd))
        })
        .map(|(i, _)| i)
        .collect();
    komend.sort_by_key(|&i| (site.items[i].datum, site.items[i].id.clone()));
    komend.truncate(5);
    let recente_vergaderingen: Vec<usize> = site
        .newest_first(
            site.of_kind(Kind::Vergadering)
                .filter(|(_, it)| it.datum.is_some_and(|d| d < today))
                .map(|(i, _)| i)
                .collect(),
        )
        .into_iter()
        .take(5)
        .collect();
    let rows = crate::site::opvolging::register(site);
    Home {
        vandaag: cards(site, &vandaag),
        recent: cards(site, &recent),
        komend: cards(site, &komend),
        recente_vergaderingen: cards(site, &recente_vergaderingen),
        open: rows.iter().filter(|r| r.status.is_open()).count(),
        te_laat: rows.iter().filter(|r| r.te_laat).count(),
        open_termijnen: rows
            .iter()
            .filter(|r| r.status.is_open())
            .filter_map(|r| r.termijn.map(|t| t.to_string()))
            .collect(),
        counts: Kind::ALL
            .iter()
            .filter(|k| k.is_document())
            .map(|k| {
                (
                    format!("/{}/", k.folder()),
                    k.plural_label(),
                    site.of_kind(*k).count(),
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lists_link_every_page_long_ones_a_window() {
        let numbers = |c, t| {
            page_links("/moties/", c, t)
                .iter()
                .map(|l| (l.number, l.gap))
                .collect::<Vec<_>>()
        };
        assert_eq!(numbers(3, 9).len(), 9);
        assert!(numbers(3, 9).iter().all(|(_, gap)| !gap));
        assert_eq!(
            numbers(50, 400),
            [
                (1, false),
                (48, true),
                (49, false),
                (50, false),
                (51, false),
                (52, false),
                (400, true)
            ]
        );
        assert_eq!(
            numbers(1, 400),
            [(1, false), (2, false), (3, false), (400, true)]
        );
        assert_eq!(page_links("/moties/", 2, 400)[1].url, "/moties/pagina/2/");
    }

    #[test]
    fn full_lists_of_actor_sections_live_under_the_actor() {
        assert_eq!(
            section_url("/personen/de-vries/", "Besluiten als portefeuillehouder"),
            "/personen/de-vries/besluiten-als-portefeuillehouder/"
        );
        assert_eq!(
            section_url("/fracties/pvv/", "Ingediend"),
            "/fracties/pvv/ingediend/"
        );
    }
}
