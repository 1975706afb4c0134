//! WordStat `.cat` files, read the way quanteda's `read_dict_wordstat` reads them.
//!
//! ```text
//! (→ stands for a tab)
//! ECONOMY
//! → JOBS
//! → → EMPLOY* (1)
//! → → JOB_CENTRE (1)      <- `_` joins the words of a phrase
//! → TAX* (1)
//! ```
//!
//! Leading tabs give the level. A line ending in a weight in parentheses is an entry of the
//! nearest category line above it with fewer tabs; any other line is a category, nested in
//! the nearest category line above it with fewer tabs. The weight
//! is dropped (our counts are unweighted). Blank lines are ignored.

use super::{Origin, Raw, RawTerm};

pub(super) fn read(source: &str, origin: &Origin<'_>) -> Raw {
    let mut raw = Raw::default();
    // The categories above the current line, each with its depth (leading tabs).
    let mut stack: Vec<(usize, String)> = Vec::new();
    for (i, text) in source.lines().enumerate() {
        let line = i + 1;
        let text = text.trim_end();
        if text.trim().is_empty() {
            continue;
        }
        let depth = text.len() - text.trim_start_matches('\t').len();
        let body = &text[depth..];
        if body.starts_with(' ') {
            raw.diags.push(origin.diag(
                line,
                1,
                "indented with spaces: WordStat levels are tabs; line skipped",
            ));
            continue;
        }
        match entry(body) {
            Some(term) => {
                let path: Vec<String> = stack
                    .iter()
                    .filter(|(d, _)| *d < depth)
                    .map(|(_, n)| n.clone())
                    .collect();
                if path.is_empty() {
                    raw.diags.push(origin.diag(
                        line,
                        1,
                        format!("entry {term:?} skipped: it is not inside a category"),
                    ));
                    continue;
                }
                raw.terms.push(RawTerm {
                    path,
                    text: term.replace('_', " "),
                    line,
                    column: depth + 1,
                });
            }
            None => {
                while stack.last().is_some_and(|(d, _)| *d >= depth) {
                    stack.pop();
                }
                stack.push((depth, body.to_string()));
            }
        }
    }
    raw
}

/// The entry of a line ending in a weight such as `(1)`, or `None` for a category line.
fn entry(body: &str) -> Option<&str> {
    let rest = body.strip_suffix(')')?;
    let open = rest.rfind('(')?;
    let weight = rest.get(open + 1..)?;
    if weight.is_empty() || !weight.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let term = rest.get(..open)?.trim_end();
    (!term.is_empty()).then_some(term)
}

#[cfg(test)]
mod tests {
    use crate::lexicon::import::test_support::{cat, imported_categories};
    use crate::lexicon::import::ImportFormat;

    fn import(src: &str) -> (Vec<(String, Vec<String>)>, Vec<String>) {
        imported_categories(src, ImportFormat::WordStat, "t.cat")
    }

    #[test]
    fn nested_categories_and_phrases() {
        let (cats, skipped) = import(
            "ECONOMY\n\tJOBS\n\t\tEMPLOY* (1)\n\t\tJOB_CENTRE* (1)\n\tTAX* (1)\r\n\n\
             SOCIETY\n\tCO-OPERATIVE* (2)\n\tMUTUALS (1)  \n",
        );
        assert_eq!(
            cats,
            [
                cat("ECONOMY/JOBS", &["EMPLOY*", "JOB CENTRE*"]),
                cat("ECONOMY", &["TAX*"]),
                cat("SOCIETY", &["CO-OPERATIVE*", "MUTUALS"]),
            ]
        );
        assert!(skipped.is_empty(), "{skipped:?}");
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let (cats, skipped) = import(
            "ORPHAN (1)\nA\n\tOK (1)\n\t?UESTION (1)\n    SPACED (1)\n\t\t\tDEEP (1)\n\
             \t\t\tSUB\n\t\t\t\tX (1)\n",
        );
        assert_eq!(cats, [cat("A", &["OK", "DEEP"]), cat("A/SUB", &["X"])]);
        assert_eq!(
            skipped,
            [
                "t.cat:1:1: entry \"ORPHAN\" skipped: it is not inside a category",
                "t.cat:4:2: term \"?UESTION\" skipped: a glob `?` (any one character) has no \
                 equivalent; our `*` may only end a word",
                "t.cat:5:1: indented with spaces: WordStat levels are tabs; line skipped",
            ]
        );
    }

    #[test]
    fn weights_and_categories_are_told_apart() {
        assert_eq!(super::entry("TAX* (1)"), Some("TAX*"));
        assert_eq!(super::entry("TAX*(12)"), Some("TAX*"));
        assert_eq!(super::entry("POLICY (AREA)"), None);
        assert_eq!(super::entry("(1)"), None);
        assert_eq!(super::entry("NAME"), None);
    }
}
