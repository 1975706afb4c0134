//! quanteda YAML dictionaries, read the way `dictionary(file = "x.yml")` reads them.
//!
//! ```yaml
//! economy:            # a category
//!   jobs: [job*, employ*]
//!   tax:              # nested categories flatten to economy/tax
//!     - tax*
//!     - tax relief
//! civil society: volunteer*   # a single pattern may stand alone
//! ```
//!
//! A category's value is a list of patterns, a single pattern, or a mapping of
//! subcategories. quanteda's `as.yaml` writes the patterns of a category that also has
//! subcategories under the key `__`, and converted WordStat files put subcategories inside
//! the list; both are read. Comments are YAML comments.
//!
//! The file is parsed with `yaml-rust2`'s event parser rather than through serde because the
//! events carry line and column, so a pattern that cannot be converted is reported where it
//! is written.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::{Origin, Raw, RawTerm};
use crate::lexicon::LexiconError;

/// A YAML node with where it starts (1-based line and column).
enum Node {
    Scalar {
        value: String,
        null: bool,
        at: (usize, usize),
    },
    Seq(Vec<Node>, (usize, usize)),
    Map(Vec<(Node, Node)>, (usize, usize)),
    Alias((usize, usize)),
}

enum Open {
    Seq(Vec<Node>, (usize, usize)),
    Map(Vec<(Node, Node)>, Option<Node>, (usize, usize)),
}

#[derive(Default)]
struct Builder {
    open: Vec<Open>,
    root: Option<Node>,
}

fn position(mark: Marker) -> (usize, usize) {
    (mark.line(), mark.col() + 1)
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.open.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Open::Seq(items, _)) => items.push(node),
            Some(Open::Map(entries, key, _)) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => *key = Some(node),
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, _, _) => {
                let null = style == TScalarStyle::Plain
                    && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL");
                self.push(Node::Scalar {
                    value,
                    null,
                    at: position(mark),
                });
            }
            Event::SequenceStart(..) => self.open.push(Open::Seq(Vec::new(), position(mark))),
            Event::MappingStart(..) => self.open.push(Open::Map(Vec::new(), None, position(mark))),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.open.pop() {
                    Some(Open::Seq(items, at)) => Node::Seq(items, at),
                    Some(Open::Map(entries, _, at)) => Node::Map(entries, at),
                    None => return,
                };
                self.push(node);
            }
            Event::Alias(_) => self.push(Node::Alias(position(mark))),
            _ => {}
        }
    }
}

pub(super) fn read(source: &str, origin: &Origin<'_>) -> Result<Raw, LexiconError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(source);
    if let Err(e) = parser.load(&mut builder, false) {
        let (line, column) = position(*e.marker());
        return Err(origin.fatal(line, column, format!("invalid YAML: {}", e.info())));
    }
    let mut raw = Raw::default();
    match builder.root {
        Some(Node::Map(entries, _)) => map(entries, &[], origin, &mut raw),
        Some(Node::Scalar { null: true, .. }) | None => {}
        Some(_) => {
            return Err(origin.fatal(
                1,
                1,
                "a quanteda YAML dictionary is a mapping of category names to patterns",
            ))
        }
    }
    Ok(raw)
}

fn map(entries: Vec<(Node, Node)>, path: &[String], origin: &Origin<'_>, raw: &mut Raw) {
    for (key, value) in entries {
        let Node::Scalar {
            value: name,
            null: false,
            at,
        } = key
        else {
            let at = match &key {
                Node::Scalar { at, .. } | Node::Seq(_, at) | Node::Map(_, at) | Node::Alias(at) => {
                    *at
                }
            };
            raw.diags.push(origin.diag(
                at.0,
                at.1,
                "a category name must be a plain, non-empty string; its entries are skipped",
            ));
            continue;
        };
        if name == "__" {
            value_of(value, path, origin, raw);
            continue;
        }
        if name.trim().is_empty() {
            raw.diags.push(origin.diag(
                at.0,
                at.1,
                "a category name must not be empty; its entries are skipped",
            ));
            continue;
        }
        let mut child = path.to_vec();
        child.push(name.trim().to_string());
        value_of(value, &child, origin, raw);
    }
}

fn value_of(node: Node, path: &[String], origin: &Origin<'_>, raw: &mut Raw) {
    match node {
        Node::Scalar { null: true, .. } => {}
        Node::Scalar { value, at, .. } => {
            if path.is_empty() {
                raw.diags.push(origin.diag(
                    at.0,
                    at.1,
                    format!("entry {value:?} skipped: it is not inside a category"),
                ));
            } else {
                raw.terms.push(RawTerm {
                    path: path.to_vec(),
                    text: value,
                    line: at.0,
                    column: at.1,
                });
            }
        }
        Node::Seq(items, _) => {
            for item in items {
                value_of(item, path, origin, raw);
            }
        }
        Node::Map(entries, _) => map(entries, path, origin, raw),
        Node::Alias(at) => raw.diags.push(origin.diag(
            at.0,
            at.1,
            "YAML aliases (`*name`) are not supported; entry skipped",
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::import::test_support::{cat, imported_categories};
    use crate::lexicon::import::{import_str, ImportFormat};

    fn import(src: &str) -> (Vec<(String, Vec<String>)>, Vec<String>) {
        imported_categories(src, ImportFormat::Yaml, "t.yml")
    }

    #[test]
    fn nested_mappings_lists_and_single_patterns() {
        let (cats, skipped) = import(
            "# a comment\neconomy:\n  jobs: [job*, employ*]   # inline comment\n  tax:\n    - tax*\n\
             \x20   - \"tax  relief\"\n  __: [econom*]\ncivil society: volunteer*\nempty:\n",
        );
        assert_eq!(
            cats,
            [
                cat("economy/jobs", &["job*", "employ*"]),
                cat("economy/tax", &["tax*", "tax relief"]),
                cat("economy", &["econom*"]),
                cat("civil society", &["volunteer*"]),
            ]
        );
        assert!(skipped.is_empty(), "{skipped:?}");
    }

    #[test]
    fn subcategories_inside_lists() {
        let (cats, _) = import("A:\n  - a1\n  - B:\n    - b1\n    - C: [c1]\n");
        assert_eq!(
            cats,
            [
                cat("A", &["a1"]),
                cat("A/B", &["b1"]),
                cat("A/B/C", &["c1"])
            ]
        );
    }

    #[test]
    fn bad_entries_name_file_line_and_column() {
        let (cats, skipped) = import(
            "pos:\n  - good\n  - colo?r\n  - '*ness'\n  - &x great\n  - *x\n  - ~\n\
             neg: [bad, 'ba(d|ly)']\n? [k]\n: [v]\n",
        );
        assert_eq!(cats, [cat("pos", &["good", "great"]), cat("neg", &["bad"])]);
        assert_eq!(
            skipped,
            [
                "t.yml:3:5: term \"colo?r\" skipped: a glob `?` (any one character) has no \
                 equivalent; our `*` may only end a word",
                "t.yml:4:5: term \"*ness\" skipped: a leading `*` (any word ending) has no \
                 equivalent; our `*` may only end a word",
                "t.yml:6:5: YAML aliases (`*name`) are not supported; entry skipped",
                "t.yml:8:12: term \"ba(d|ly)\" skipped: regular-expression characters have no \
                 equivalent; a term is plain words with an optional final `*`",
                "t.yml:9:3: a category name must be a plain, non-empty string; its entries are \
                 skipped",
            ]
        );
    }

    #[test]
    fn syntax_errors_and_wrong_shapes_are_fatal() {
        let e = import_str("a: [b, c\nd: e\n", ImportFormat::Yaml, "t.yml", "t").unwrap_err();
        let d = &e.diagnostics()[0];
        assert_eq!((d.file.as_str(), d.line), ("t.yml", 2), "{e}");
        assert!(d.message.starts_with("invalid YAML: "), "{e}");
        let e = import_str("- a\n- b\n", ImportFormat::Yaml, "t.yml", "t").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.yml:1:1: a quanteda YAML dictionary is a mapping of category names to patterns"
        );
        let empty = import_str("# nothing\n", ImportFormat::Yaml, "t.yml", "t").unwrap();
        assert_eq!(empty.terms, 0);
        assert!(crate::lexicon::Lexicon::parse(&empty.toml, "o.toml").is_ok());
    }
}
