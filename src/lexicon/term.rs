//! One term as an analyst wrote it, and the syntax rule (rule 1) every term must follow.

use super::fold::{is_apostrophe, is_dash, is_word_char};

/// A validated term: one or more words separated by single spaces, as written in the file.
///
/// Only [`Lexicon::parse`](super::Lexicon::parse) makes terms, so a `Term` always follows
/// rule 1 of the [matcher contract](crate::matcher).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    text: String,
    case_sensitive: bool,
    line: usize,
    column: usize,
}

impl Term {
    pub(crate) fn new(text: String, case_sensitive: bool, line: usize, column: usize) -> Term {
        Term {
            text,
            case_sensitive,
            line,
            column,
        }
    }

    /// The term exactly as written in the lexicon; reports key their counts by it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True for terms listed under `case_sensitive`, which match only with the same case.
    pub fn is_case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// True when the term ends a word with `*`, so it also matches longer words.
    pub fn has_wildcard(&self) -> bool {
        self.text.contains('*')
    }

    /// Where the term was written (1-based line and column), for messages about it.
    pub fn location(&self) -> (usize, usize) {
        (self.line, self.column)
    }
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Dash,
    Apostrophe,
    Space,
    Star,
    Other,
}

fn class(c: char) -> Class {
    if is_word_char(c) {
        Class::Word
    } else if is_dash(c) {
        Class::Dash
    } else if is_apostrophe(c) {
        Class::Apostrophe
    } else if c == ' ' {
        Class::Space
    } else if c == '*' {
        Class::Star
    } else {
        Class::Other
    }
}

/// Checks rule 1. On failure returns the byte offset of the offending character in `term`
/// and a message an analyst can act on.
pub(crate) fn check_syntax(term: &str) -> Result<(), (usize, String)> {
    if term.is_empty() {
        return Err((0, "empty term".to_string()));
    }
    let chars: Vec<(usize, char)> = term.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev = k
            .checked_sub(1)
            .and_then(|p| chars.get(p))
            .map(|&(_, p)| class(p));
        let next = chars.get(k + 1).map(|&(_, n)| class(n));
        match class(c) {
            Class::Word => {}
            Class::Star => {
                if prev != Some(Class::Word) || !matches!(next, None | Some(Class::Space)) {
                    return Err((
                        at,
                        "`*` may only end a word (as in \"co-operative*\")".to_string(),
                    ));
                }
            }
            Class::Dash => {
                if prev != Some(Class::Word) || next != Some(Class::Word) {
                    return Err((
                        at,
                        "a hyphen must join two words (letters or digits on both sides)"
                            .to_string(),
                    ));
                }
            }
            Class::Apostrophe => {
                if prev != Some(Class::Word)
                    || !matches!(next, None | Some(Class::Space) | Some(Class::Word))
                {
                    return Err((
                        at,
                        "an apostrophe must follow a letter or digit inside or at the end of a word"
                            .to_string(),
                    ));
                }
            }
            Class::Space => {
                if c == ' ' && prev.is_some() && prev != Some(Class::Space) && next.is_some() {
                    if next == Some(Class::Space) {
                        return Err((
                            at + 1,
                            "words must be separated by a single space".to_string(),
                        ));
                    }
                } else {
                    return Err((at, "a term must not start or end with a space".to_string()));
                }
            }
            Class::Other => {
                let what = if c.is_whitespace() {
                    "white space other than a single space".to_string()
                } else {
                    format!("character {c:?}")
                };
                return Err((
                    at,
                    format!(
                        "{what} is not allowed in a term: use letters, digits, inner hyphens, \
                         apostrophes, single spaces and a final `*`"
                    ),
                ));
            }
        }
        if k == 0 && class(c) != Class::Word && class(c) != Class::Space {
            return Err((at, "a term must start with a letter or digit".to_string()));
        }
        if prev == Some(Class::Space) && !matches!(class(c), Class::Word | Class::Space) {
            return Err((at, "a word must start with a letter or digit".to_string()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_at(term: &str) -> usize {
        check_syntax(term).unwrap_err().0
    }

    #[test]
    fn valid_terms() {
        for t in [
            "co-operative*",
            "co-op",
            "community benefit societ*",
            "supporters' trusts",
            "supporters\u{2019} trust*",
            "Social Value Act 2012",
            "b\u{E9}n\u{E9}fice",
            "co\u{2013}op",
            "one* two*",
        ] {
            assert_eq!(check_syntax(t), Ok(()), "{t}");
        }
    }

    #[test]
    fn invalid_terms_point_at_the_problem() {
        assert_eq!(err_at(""), 0);
        assert_eq!(err_at("*co-op"), 0);
        assert_eq!(err_at("co*op"), 2);
        assert_eq!(err_at("co-op**"), 5);
        assert_eq!(err_at("co- op"), 2);
        assert_eq!(err_at("-op"), 0);
        assert_eq!(err_at("op-"), 2);
        assert_eq!(err_at("co  op"), 3);
        assert_eq!(err_at(" co"), 0);
        assert_eq!(err_at("co "), 2);
        assert_eq!(err_at("co\top"), 2);
        assert_eq!(err_at("Public Services (Social"), 16);
        assert_eq!(err_at("'tis"), 0);
        assert_eq!(err_at("a 'b"), 2);
        assert_eq!(err_at("a *"), 2);
    }
}
