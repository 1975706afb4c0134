//! LIWC `.dic` files, read the way quanteda's `read_dict_liwc` reads them.
//!
//! ```text
//! (→ stands for a tab)
//! %
//! 1→ social
//! → 2→ family        <- a tab before the number nests it under the line above (LIWC2015)
//! %
//! famil*→ 1 2
//! kind of→ 1       <- a multi-word entry: the words, then the category numbers
//! ```
//!
//! Blank lines are ignored. Numbers may be separated from names and entries by tabs or
//! spaces. Entries using LIWC's conditional syntax (`<of>`, or categories in parentheses as
//! in `like (02 134)53/...`) cannot be expressed and are reported.

use std::collections::HashMap;

use super::{Origin, Raw, RawTerm};
use crate::lexicon::LexiconError;

pub(super) fn read(source: &str, origin: &Origin<'_>) -> Result<Raw, LexiconError> {
    let mut raw = Raw::default();
    let lines: Vec<(usize, &str)> = source
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let marks: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| l.trim() == "%")
        .map(|(k, _)| k)
        .take(2)
        .collect();
    let (open, close) = match marks[..] {
        [open, close] => (open, close),
        _ => {
            let line = lines
                .get(marks.first().copied().unwrap_or(0))
                .map_or(1, |l| l.0);
            return Err(origin.fatal(
                line,
                1,
                "a LIWC dictionary starts with its category legend between two `%` lines",
            ));
        }
    };
    if let Some(&(line, _)) = lines.get(..open).and_then(|l| l.first()) {
        raw.diags
            .push(origin.diag(line, 1, "text before the first `%` line ignored"));
    }
    // Legend: number -> path. A line's depth is its leading tabs; its parent is the nearest
    // line above with a smaller depth (quanteda's nest_dicitonary).
    let mut categories: HashMap<&str, Vec<String>> = HashMap::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    for &(line, text) in lines.get(open + 1..close).unwrap_or(&[]) {
        let depth = text.len() - text.trim_start_matches('\t').len();
        let mut fields = text.split_whitespace();
        let (Some(id), name) = (fields.next(), fields.collect::<Vec<_>>().join(" ")) else {
            continue;
        };
        if !id.bytes().all(|b| b.is_ascii_digit()) || name.is_empty() {
            raw.diags.push(origin.diag(
                line,
                1,
                "expected a category number and a name in the legend; line skipped",
            ));
            continue;
        }
        while stack.last().is_some_and(|(d, _)| *d >= depth) {
            stack.pop();
        }
        stack.push((depth, name));
        let path = stack.iter().map(|(_, n)| n.clone()).collect();
        let id = id.trim_start_matches('0');
        if categories.insert(id, path).is_some() {
            raw.diags.push(origin.diag(
                line,
                1,
                format!("category number {id} is defined twice; the later one is used"),
            ));
        }
    }
    for &(line, text) in lines.get(close + 1..).unwrap_or(&[]) {
        if text.trim() == "%" {
            raw.diags
                .push(origin.diag(line, 1, "a third `%` line; ignored"));
            continue;
        }
        if text.contains('<') || text.contains('(') {
            raw.diags.push(origin.diag(
                line,
                1,
                format!(
                    "entry {:?} skipped: LIWC conditional entries (`<of>`, categories in \
                     parentheses) have no equivalent",
                    text.trim()
                ),
            ));
            continue;
        }
        // The entry is everything before the trailing run of category numbers.
        let fields: Vec<&str> = text.split_whitespace().collect();
        let first_number = fields
            .iter()
            .rposition(|f| !f.bytes().all(|b| b.is_ascii_digit()))
            .map_or(0, |k| k + 1);
        let (words, numbers) = fields.split_at(first_number);
        if words.is_empty() || numbers.is_empty() {
            raw.diags.push(origin.diag(
                line,
                1,
                format!(
                    "entry {:?} skipped: expected a word followed by category numbers",
                    text.trim()
                ),
            ));
            continue;
        }
        let column = text.len() - text.trim_start().len() + 1;
        for number in numbers {
            let number = number.trim_start_matches('0');
            match categories.get(number) {
                Some(path) => raw.terms.push(RawTerm {
                    path: path.clone(),
                    text: words.join(" "),
                    line,
                    column,
                }),
                None => raw.diags.push(origin.diag(
                    line,
                    column,
                    format!(
                        "entry {:?}: category number {number} is not in the legend; that \
                         membership skipped",
                        words.join(" ")
                    ),
                )),
            }
        }
    }
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use crate::lexicon::import::test_support::{cat, imported_categories};
    use crate::lexicon::import::{import_str, ImportFormat};

    fn import(src: &str) -> (Vec<(String, Vec<String>)>, Vec<String>) {
        imported_categories(src, ImportFormat::Liwc, "t.dic")
    }

    #[test]
    fn flat_legend_and_entries() {
        let (cats, skipped) =
            import("%\n1\tposemo\n02 negemo\n%\ngood*\t1\nbad\t2\nkind of\t01 2\n\nsad*   2\n");
        // "kind of" is in both categories, and stays in both.
        assert_eq!(
            cats,
            [
                cat("posemo", &["good*", "kind of"]),
                cat("negemo", &["bad", "kind of", "sad*"]),
            ]
        );
        assert!(skipped.is_empty(), "{skipped:?}");
    }

    #[test]
    fn nested_legend_flattens_to_paths() {
        let (cats, skipped) = import(
            "%\n1\tfunct\n\t2\tpronoun\n\t\t3\tppron\n\t4\tarticle\n5\taffect\n%\n\
             a\t1 4\nwe\t1 2 3\nit\t1 2\nhappy\t5\n",
        );
        // Every category a word is listed under keeps it, parents included, so `funct`
        // counts all function words as it does in LIWC.
        assert_eq!(
            cats,
            [
                cat("funct", &["a", "we", "it"]),
                cat("funct/article", &["a"]),
                cat("funct/pronoun", &["we", "it"]),
                cat("funct/pronoun/ppron", &["we"]),
                cat("affect", &["happy"]),
            ]
        );
        assert!(skipped.is_empty(), "{skipped:?}");
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let (cats, skipped) = import(
            "preamble\n%\n1\tpos\nx\tnot a number\n%\ngood\t1\nlike\t(02 134)53/1\n\
             nocats\nodd\t9\nx:y\t1\nwe*ll\t1\n",
        );
        assert_eq!(cats, [cat("pos", &["good"])]);
        assert_eq!(
            skipped,
            [
                "t.dic:1:1: text before the first `%` line ignored",
                "t.dic:4:1: expected a category number and a name in the legend; line skipped",
                "t.dic:7:1: entry \"like\\t(02 134)53/1\" skipped: LIWC conditional entries \
                 (`<of>`, categories in parentheses) have no equivalent",
                "t.dic:8:1: entry \"nocats\" skipped: expected a word followed by category numbers",
                "t.dic:9:1: entry \"odd\": category number 9 is not in the legend; that \
                 membership skipped",
                "t.dic:10:1: term \"x:y\" skipped: character ':' is not allowed in a term: use \
                 letters, digits, inner hyphens, apostrophes, single spaces and a final `*`",
                "t.dic:11:1: term \"we*ll\" skipped: a `*` inside a word has no equivalent; \
                 our `*` may only end a word",
            ]
        );
    }

    #[test]
    fn missing_legend_is_fatal() {
        let e = import_str("good\t1\n", ImportFormat::Liwc, "t.dic", "t").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.dic:1:1: a LIWC dictionary starts with its category legend between two `%` lines"
        );
        let e = import_str("\n\n%\n1 a\n", ImportFormat::Liwc, "t.dic", "t").unwrap_err();
        assert!(e.to_string().starts_with("t.dic:3:1:"), "{e}");
    }
}
