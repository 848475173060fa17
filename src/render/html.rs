//! Tera set-up and HTML minification.

use tera::{Context, Tera, Value};

use super::theme::Theme;
use crate::dates::format_nl;
use crate::diagnostics::Pos;

/// Compiled templates, shared by all render threads.
pub struct Renderer {
    tera: Tera,
    minify: minify_html::Cfg,
    /// Each template's text, to locate render errors (see
    /// [`TemplateError::locate_name`]).
    sources: std::collections::BTreeMap<String, String>,
}

/// Tera filter `datum_nl`: an ISO date string → "3 maart 2025".
fn datum_nl(value: &Value, _: &std::collections::HashMap<String, Value>) -> tera::Result<Value> {
    let s = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("datum_nl expects an ISO date string"))?;
    let d = crate::content::fields::parse_date(s)
        .ok_or_else(|| tera::Error::msg(format!("datum_nl: `{s}` is not YYYY-MM-DD")))?;
    Ok(Value::String(format_nl(d)))
}

/// A template that cannot be compiled or rendered, located as far as
/// Tera 1 tells: parse errors carry a line and column, render errors only
/// the template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TemplateError {
    /// The template's name in the theme (`item.html`), when known.
    pub template: Option<String>,
    pub pos: Option<Pos>,
    pub message: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl TemplateError {
    /// Reads template, position and cause out of a Tera error chain
    /// (`Failed to parse 'item.html'` → ` --> 3:19 … = expected …`).
    fn from_tera(e: &tera::Error) -> TemplateError {
        let mut chain = vec![e.to_string()];
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            chain.push(s.to_string());
            source = s.source();
        }
        let template = chain.iter().find_map(|m| {
            let rest = m
                .strip_prefix("Failed to parse '")
                .or_else(|| m.strip_prefix("Failed to render '"))?;
            rest.split_once('\'').map(|(name, _)| name.to_string())
        });
        let pos = chain.iter().find_map(|m| {
            let (_, rest) = m.split_once("--> ")?;
            let (line, rest) = rest.split_once(':')?;
            let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some(Pos::new(line.trim().parse().ok()?, column.parse().ok()?))
        });
        let expected = chain.iter().find_map(|m| {
            m.lines()
                .find_map(|l| l.trim().strip_prefix("= ").map(str::to_string))
        });
        let message = match (pos, expected) {
            (Some(_), Some(expected)) => format!("cannot compile the template: {expected}"),
            // "Failed to render 'item.html'" says no more than the
            // template the message is reported at.
            _ => chain
                .iter()
                .filter(|m| {
                    template.is_none()
                        || !(m.starts_with("Failed to render '")
                            || m.starts_with("Failed to parse '"))
                })
                .cloned()
                .collect::<Vec<_>>()
                .join(": "),
        };
        TemplateError {
            template,
            pos,
            message,
        }
    }
}

impl TemplateError {
    /// Tera 1 gives no position for a variable, filter, function or test
    /// that is not there; its first use in the template `text` is where to
    /// look.
    fn locate_name(&self, text: &str) -> Option<Pos> {
        let name = [
            ("Variable `", '`'),
            ("Filter '", '\''),
            ("Function '", '\''),
            ("Test '", '\''),
        ]
        .iter()
        .find_map(|(start, end)| {
            let (_, rest) = self.message.split_once(start)?;
            rest.split_once(*end).map(|(name, _)| name)
        })?;
        let at = text.find(name)?;
        let line = text[..at].matches('\n').count() + 1;
        let column = text[..at]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        Some(Pos::new(line, column))
    }
}

/// The templates that `text` extends, includes or imports, by name, in
/// the order they appear.
fn referenced(text: &str) -> Vec<&str> {
    let mut found: Vec<(usize, &str)> = Vec::new();
    for key in ["extends", "include", "import"] {
        for (at, _) in text.match_indices(key) {
            let rest = text[at + key.len()..].trim_start();
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some((name, _)) = rest[1..].split_once(quote) {
                found.push((at, name));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, n)| n).collect()
}

impl Renderer {
    /// Compiles every template of `theme` once.
    pub fn new(theme: &Theme) -> Result<Renderer, TemplateError> {
        let mut tera = Tera::default();
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str())),
        )
        .map_err(|e| TemplateError::from_tera(&e))?;
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("datum_nl", datum_nl);
        let mut minify = minify_html::Cfg::new();
        minify.minify_css = true;
        minify.minify_js = false;
        minify.keep_closing_tags = true;
        minify.keep_html_and_head_opening_tags = true;
        Ok(Renderer {
            tera,
            minify,
            sources: theme.templates.clone(),
        })
    }

    /// Renders `template` and minifies the HTML.
    pub fn render(&self, template: &str, context: &Context) -> Result<Vec<u8>, TemplateError> {
        let html = self.tera.render(template, context).map_err(|e| {
            let mut err = TemplateError::from_tera(&e);
            let name = err.template.get_or_insert_with(|| template.to_string());
            if err.pos.is_none() {
                // The name may be used in a template this one extends,
                // includes or imports (`base.html`): the first that has it.
                let mut queue = std::collections::VecDeque::from([name.clone()]);
                let mut seen = std::collections::BTreeSet::new();
                while let Some(n) = queue.pop_front() {
                    let Some(text) = self.sources.get(&n) else {
                        continue;
                    };
                    if !seen.insert(n.clone()) {
                        continue;
                    }
                    if let Some(pos) = err.locate_name(text) {
                        // Found in another template: which page template
                        // was rendering is no longer news, and without it
                        // every page using that template is one error.
                        if n != template {
                            let rendering = format!(" while rendering '{template}'");
                            err.message = err.message.replace(&rendering, "");
                        }
                        err.template = Some(n);
                        err.pos = Some(pos);
                        break;
                    }
                    queue.extend(referenced(text).into_iter().map(String::from));
                }
            }
            err
        })?;
        Ok(minify_html::minify(html.as_bytes(), &self.minify))
    }
}
