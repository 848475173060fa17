//! A YAML tree that remembers where every node is.
//!
//! Built from the events of `saphyr-parser` (a maintained, pure-Rust YAML 1.2
//! parser). Each node keeps its file position so later stages can report
//! `path:line:col`. The content format refuses anchors, aliases and tags
//! (content-format.md, "Files"): a clerk's front matter needs none of them and
//! aliases would let one key silently change many.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use thiserror::Error;

use crate::diagnostics::Pos;

/// One YAML node with its position in the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A scalar's text; `plain` is true when it was written without quotes
    /// or block style, so `true`, `12` and `~` may be read as typed values.
    Scalar {
        value: String,
        plain: bool,
        pos: Pos,
    },
    Seq {
        items: Vec<Node>,
        pos: Pos,
    },
    /// Entries in file order; keys are scalars.
    Map {
        entries: Vec<(Key, Node)>,
        pos: Pos,
    },
}

/// A mapping key and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

impl Node {
    pub fn pos(&self) -> Pos {
        match self {
            Node::Scalar { pos, .. } | Node::Seq { pos, .. } | Node::Map { pos, .. } => *pos,
        }
    }

    /// True for an empty value, `~` or `null` written without quotes.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { value, plain: true, .. }
            if value.is_empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")
    }

    /// A short description of what the node is, for "expected X, found Y".
    pub fn describe(&self) -> &'static str {
        match self {
            Node::Scalar { .. } if self.is_null() => "an empty value",
            Node::Scalar { .. } => "a single value",
            Node::Seq { .. } => "a list",
            Node::Map { .. } => "a mapping",
        }
    }
}

/// A YAML problem at a position in the file.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{message}")]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
}

/// Parses `text`, which starts on line `first_line` of its file, into a tree.
///
/// Returns `Ok(None)` for an empty document. Errors: YAML syntax (with the
/// parser's message), more than one document, anchors, aliases, tags, and a
/// key written twice in one mapping. All such problems found before a syntax
/// error are returned together.
/// Plain advice for the YAML parser's messages that clerks meet most: the
/// parser says what it expected, not what the writer most likely did.
fn hint(info: &str) -> Option<&'static str> {
    let hints: [(&str, &str); 5] = [
        ("tab", "indent with spaces: YAML does not allow tabs there"),
        (
            "quoted scalar",
            "is the closing quote (`\"` or `'`) missing?",
        ),
        (
            "mapping values are not allowed",
            "a value that contains `: ` must be put in quotes",
        ),
        (
            "did not find expected key",
            "each line is `key: value`, with keys at the left edge and nested lines indented with spaces",
        ),
        (
            "did not find expected '-'",
            "every item of a list starts with `- ` at the same indentation",
        ),
    ];
    hints
        .iter()
        .find(|(needle, _)| info.contains(needle))
        .map(|(_, hint)| *hint)
}

pub fn parse(text: &str, first_line: usize) -> Result<Option<Node>, Vec<YamlError>> {
    let mut builder = Builder {
        first_line,
        stack: Vec::new(),
        root: None,
        errors: Vec::new(),
        documents: 0,
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(event) = parser.next_event() {
        match event {
            Ok((event, span)) => builder.on_event(event, span),
            Err(e) => {
                let m = e.marker();
                builder.errors.push(YamlError {
                    pos: Pos::new(m.line() + first_line - 1, m.col() + 1),
                    message: match hint(e.info()) {
                        Some(hint) => format!("invalid YAML: {}; {hint}", e.info()),
                        None => format!("invalid YAML: {}", e.info()),
                    },
                });
                return Err(builder.errors);
            }
        }
    }
    if builder.errors.is_empty() {
        Ok(builder.root)
    } else {
        Err(builder.errors)
    }
}

enum Frame {
    Seq(Vec<Node>, Pos),
    Map(Vec<(Key, Node)>, Option<Key>, Pos),
}

struct Builder {
    first_line: usize,
    stack: Vec<Frame>,
    root: Option<Node>,
    errors: Vec<YamlError>,
    documents: usize,
}

impl Builder {
    fn pos(&self, span: &Span) -> Pos {
        Pos::new(
            span.start.line() + self.first_line - 1,
            span.start.col() + 1,
        )
    }

    fn refuse(&mut self, pos: Pos, message: &str) {
        self.errors.push(YamlError {
            pos,
            message: message.to_string(),
        });
    }

    fn check_anchor_and_tag(&mut self, pos: Pos, anchor: usize, tagged: bool) {
        if anchor != 0 {
            self.refuse(
                pos,
                "YAML anchors (`&name`) are not allowed in front matter; write the value out",
            );
        }
        if tagged {
            self.refuse(
                pos,
                "YAML tags (`!tag`) are not allowed in front matter; remove the tag",
            );
        }
    }

    fn on_event(&mut self, event: Event<'_>, span: Span) {
        let pos = self.pos(&span);
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    self.refuse(pos, "front matter must be one YAML document");
                }
            }
            Event::Alias(_) => {
                self.refuse(
                    pos,
                    "YAML aliases (`*name`) are not allowed in front matter; write the value out",
                );
                // Keep the tree shape intact with an empty placeholder.
                self.add(Node::Scalar {
                    value: String::new(),
                    plain: true,
                    pos,
                });
            }
            Event::Scalar(value, style, anchor, tag) => {
                self.check_anchor_and_tag(pos, anchor, tag.is_some());
                let plain = style == ScalarStyle::Plain;
                self.add(Node::Scalar {
                    value: value.into_owned(),
                    plain,
                    pos,
                });
            }
            Event::SequenceStart(anchor, tag) => {
                self.check_anchor_and_tag(pos, anchor, tag.is_some());
                self.stack.push(Frame::Seq(Vec::new(), pos));
            }
            Event::MappingStart(anchor, tag) => {
                self.check_anchor_and_tag(pos, anchor, tag.is_some());
                self.stack.push(Frame::Map(Vec::new(), None, pos));
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq(items, pos)) = self.stack.pop() {
                    self.add(Node::Seq { items, pos });
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map(entries, _, pos)) = self.stack.pop() {
                    self.add(Node::Map { entries, pos });
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }

    fn add(&mut self, node: Node) {
        let mut duplicate: Option<(Pos, String)> = None;
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq(items, _)) => items.push(node),
            Some(Frame::Map(entries, pending, _)) => match pending.take() {
                None => {
                    let (name, pos) = match node {
                        Node::Scalar { value, pos, .. } => (value, pos),
                        other => {
                            let pos = other.pos();
                            duplicate = Some((
                                pos,
                                "a mapping key must be a single word, not a list or mapping"
                                    .to_string(),
                            ));
                            (String::new(), pos)
                        }
                    };
                    if entries.iter().any(|(k, _)| k.name == name) {
                        duplicate = Some((pos, format!("key `{name}` is written twice")));
                    }
                    *pending = Some(Key { name, pos });
                }
                Some(key) => entries.push((key, node)),
            },
        }
        if let Some((pos, message)) = duplicate {
            self.refuse(pos, &message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_file_lines_not_block_lines() {
        let node = parse("titel: x\ndatum: 2026-01-02\n", 2).unwrap().unwrap();
        let Node::Map { entries, .. } = node else {
            panic!("not a map")
        };
        assert_eq!(entries[1].0.name, "datum");
        assert_eq!(entries[1].0.pos, Pos::new(3, 1));
        assert_eq!(entries[1].1.pos(), Pos::new(3, 8));
    }

    #[test]
    fn anchors_and_aliases_are_refused() {
        let errs = parse("a: &x 1\nb: *x\n", 2).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].pos, Pos::new(2, 4));
        assert!(errs[0].message.contains("anchors"));
        assert_eq!(errs[1].pos, Pos::new(3, 4));
        assert!(errs[1].message.contains("aliases"));
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let errs = parse("titel: a\ntitel: b\n", 2).unwrap_err();
        assert_eq!(errs[0].message, "key `titel` is written twice");
        assert_eq!(errs[0].pos, Pos::new(3, 1));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let errs = parse("titel: [a\n", 2).unwrap_err();
        assert!(errs[0].message.starts_with("invalid YAML"));
        assert!(errs[0].pos.line >= 2);
    }

    #[test]
    fn common_yaml_mistakes_get_plain_advice() {
        let first = |text: &str| parse(text, 2).unwrap_err().remove(0).message;
        assert!(first("titel: Motie: over x\n")
            .ends_with("a value that contains `: ` must be put in quotes"));
        assert!(first("titel: \"Motie\ndatum: 2026-01-01\n")
            .ends_with("is the closing quote (`\"` or `'`) missing?"));
        assert!(first("titel: x\n\tdatum: 2026-01-01\n").contains("with spaces"));
        assert_eq!(hint("something else entirely"), None);
    }
}
