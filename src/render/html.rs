//! Tera set-up and HTML minification.

use tera::{Context, Tera, Value};

use super::theme::Theme;
use crate::dates::format_nl;

/// Compiled templates, shared by all render threads.
pub struct Renderer {
    tera: Tera,
    minify: minify_html::Cfg,
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

impl Renderer {
    /// Compiles every template of `theme` once.
    pub fn new(theme: &Theme) -> Result<Renderer, String> {
        let mut tera = Tera::default();
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str())),
        )
        .map_err(|e| describe(&e))?;
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("datum_nl", datum_nl);
        let mut minify = minify_html::Cfg::new();
        minify.minify_css = true;
        minify.minify_js = false;
        minify.keep_closing_tags = true;
        minify.keep_html_and_head_opening_tags = true;
        Ok(Renderer { tera, minify })
    }

    /// Renders `template` and minifies the HTML.
    pub fn render(&self, template: &str, context: &Context) -> Result<Vec<u8>, String> {
        let html = self
            .tera
            .render(template, context)
            .map_err(|e| describe(&e))?;
        Ok(minify_html::minify(html.as_bytes(), &self.minify))
    }
}

/// Tera errors nest their cause; show the whole chain.
fn describe(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
