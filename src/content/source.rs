//! Reading one content file and splitting it into front matter and body.
//!
//! Format (content-format.md, "Files"): UTF-8 (a BOM and CRLF line endings are
//! accepted), a first line `---`, a YAML mapping, a closing `---` line, then a
//! Markdown body that may be empty.

use thiserror::Error;

use crate::diagnostics::Pos;

/// A file split into its parts. Line endings are normalised to `\n` and a BOM
/// is removed; line numbers are unchanged by either.
#[derive(Debug, Clone)]
pub struct SplitFile {
    /// The YAML text between the two `---` lines.
    pub front_matter: String,
    /// The 1-based line of the file on which `front_matter` starts.
    pub front_matter_line: usize,
    /// The Markdown after the closing `---` line.
    pub body: String,
}

/// Why a file could not be split.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SourceError {
    #[error("file is not valid UTF-8 (invalid byte at offset {offset}); save it as UTF-8")]
    NotUtf8 { offset: usize, pos: Pos },
    #[error("expected the file to start with a `---` line opening the front matter")]
    NoFrontMatter,
    #[error("front matter opened on line 1 is never closed; did you forget the closing `---`?")]
    Unclosed,
}

impl SourceError {
    /// Where the problem is in the file.
    pub fn pos(&self) -> Pos {
        match self {
            SourceError::NotUtf8 { pos, .. } => *pos,
            SourceError::NoFrontMatter | SourceError::Unclosed => Pos::START,
        }
    }
}

/// Decodes `bytes` as UTF-8 and splits off the front matter.
///
/// Errors: invalid UTF-8 (with the line and column of the first bad byte), a
/// missing opening `---`, or a missing closing `---`.
pub fn split(bytes: &[u8]) -> Result<SplitFile, SourceError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..offset]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(SourceError::NotUtf8 {
                offset,
                pos: Pos::new(line, column),
            });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    };

    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(SourceError::NoFrontMatter);
    }
    let mut offset = first.len();
    let start = offset;
    for line in lines {
        if line.trim_end() == "---" {
            let front_matter = text[start..offset].to_string();
            let body = text[offset + line.len()..].to_string();
            return Ok(SplitFile {
                front_matter,
                front_matter_line: 2,
                body,
            });
        }
        offset += line.len();
    }
    Err(SourceError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_bom_are_accepted() {
        let f = split(b"\xef\xbb\xbf---\r\ntitel: x\r\n---\r\nTekst\r\n").unwrap();
        assert_eq!(f.front_matter, "titel: x\n");
        assert_eq!(f.body, "Tekst\n");
    }

    #[test]
    fn invalid_utf8_reports_its_line_and_column() {
        let err = split(b"---\ntitel: ab\xff\n---\n").unwrap_err();
        assert_eq!(err.pos(), Pos::new(2, 10));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert_eq!(
            split(b"---\ntitel: x\n").unwrap_err(),
            SourceError::Unclosed
        );
    }

    #[test]
    fn missing_front_matter_is_an_error() {
        assert_eq!(split(b"# Kop\n").unwrap_err(), SourceError::NoFrontMatter);
    }
}
