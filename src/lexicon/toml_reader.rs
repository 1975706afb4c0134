//! Reading TOML values with their positions: every problem becomes a
//! [`Diagnostic`] naming the file, line and column, and reading goes on.
//! The lexicon's reader (`parse`) walks the file with these.

use std::ops::Range;

use toml::de::DeValue;
use toml::Spanned;

use super::edition::Edition;
use super::error::Diagnostic;
use super::term::{check_syntax, Term};

pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// What the reader knows of the file being read, and the problems found so far.
pub(super) struct Ctx<'a> {
    pub(super) source: &'a str,
    pub(super) origin: &'a str,
    pub(super) line_starts: Vec<usize>,
    pub(super) diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub(super) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .source
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    pub(super) fn error(&mut self, offset: usize, message: impl Into<String>) {
        let (line, column) = self.position(offset);
        self.diags.push(Diagnostic {
            file: self.origin.to_string(),
            line,
            column,
            message: message.into(),
        });
    }

    pub(super) fn string(&mut self, value: &Value<'_>, what: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                let found = other.type_str();
                self.error(
                    value.span().start,
                    format!("`{what}` must be a string, not {found}"),
                );
                None
            }
        }
    }

    /// Where character `offset` of a string value sits in the source: exact for plain
    /// one-line strings, the opening quote otherwise (escapes shift the positions).
    pub(super) fn offset_in_string(&self, span: &Range<usize>, text: &str, offset: usize) -> usize {
        let raw = self.source.get(span.clone()).unwrap_or("");
        let plain = raw.len() == text.len() + 2
            && (raw.starts_with('"') || raw.starts_with('\''))
            && raw.get(1..raw.len() - 1) == Some(text);
        if plain {
            span.start + 1 + offset
        } else {
            span.start
        }
    }

    /// A list of strings, each with the value it came from; anything else
    /// is reported and left out.
    pub(super) fn strings<'t, 'i>(
        &mut self,
        value: &'t Value<'i>,
        what: &str,
    ) -> Vec<(String, &'t Value<'i>)> {
        let DeValue::Array(items) = value.get_ref() else {
            let found = value.get_ref().type_str();
            self.error(
                value.span().start,
                format!("`{what}` must be a list of strings, not {found}"),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(item, what).map(|text| (text, item)))
            .collect()
    }

    /// An edition's country as an ISO 3166 code; a code that is not one, or
    /// that an earlier edition already has, is reported.
    pub(super) fn country(
        &mut self,
        value: &Value<'_>,
        given: String,
        earlier: &[Edition],
    ) -> String {
        let valid = given.len() == 2 && given.chars().all(|c| c.is_ascii_uppercase());
        if !valid {
            self.error(
                value.span().start,
                format!("country {given:?} must be an ISO 3166 code such as \"IE\" or \"ZA\""),
            );
        } else if let Some(other) = earlier.iter().find(|e| e.countries.contains(&given)) {
            self.error(
                value.span().start,
                format!("country {given:?} already has an edition ({})", other.name),
            );
        }
        given
    }

    /// A list of terms; invalid ones are reported and left out.
    pub(super) fn terms(
        &mut self,
        value: &Value<'_>,
        what: &str,
        case_sensitive: bool,
    ) -> Vec<Term> {
        let mut out = Vec::new();
        for (text, item) in self.strings(value, what) {
            out.extend(self.term(text, item, case_sensitive));
        }
        out
    }

    /// The term `text`, read from `item`, when its syntax is right; else
    /// the mistake is reported where it is.
    pub(super) fn term(
        &mut self,
        text: String,
        item: &Value<'_>,
        case_sensitive: bool,
    ) -> Option<Term> {
        let span = item.span();
        match check_syntax(&text) {
            Ok(()) => {
                let (line, column) = self.position(self.offset_in_string(&span, &text, 0));
                Some(Term::new(text, case_sensitive, line, column))
            }
            Err((at, message)) => {
                let offset = self.offset_in_string(&span, &text, at);
                self.error(offset, format!("term {text:?}: {message}"));
                None
            }
        }
    }

    pub(super) fn unknown_key(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        table: &str,
        known: &[&str],
    ) {
        self.error(
            key.span().start,
            format!(
                "unknown key `{}` in {table} (expected one of: {})",
                key.get_ref(),
                known.join(", ")
            ),
        );
    }

    pub(super) fn table_array<'t, 'i>(
        &mut self,
        value: &'t Value<'i>,
        what: &str,
    ) -> Vec<&'t Value<'i>> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter(|item| {
                    let ok = matches!(item.get_ref(), DeValue::Table(_));
                    if !ok {
                        self.error(item.span().start, format!("each `{what}` must be a table"));
                    }
                    ok
                })
                .collect(),
            _ => {
                self.error(
                    value.span().start,
                    format!("`{what}` must be written [[{what}]]"),
                );
                Vec::new()
            }
        }
    }
}
