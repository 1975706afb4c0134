//! TEMPORARY stand-in; replaced by the matcher branch on merge.
#![allow(missing_docs)]
use serde::Deserialize;
use std::fmt;
use std::path::Path;

pub struct Lexicon {
    name: String,
    version: String,
    categories: Vec<Category>,
    asks: Vec<Ask>,
}
pub struct Category {
    pub id: String,
    pub label: String,
    pub note: Option<String>,
    pub terms: Vec<Term>,
    pub exclude: Vec<Term>,
}
pub struct Ask {
    pub id: String,
    pub label: String,
    pub category: Option<String>,
    pub note: Option<String>,
    pub all: Vec<Term>,
    pub any: Vec<Term>,
}
pub struct Term(String, bool);
impl Term {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn is_case_sensitive(&self) -> bool {
        self.1
    }
}
#[derive(Debug)]
pub struct LexiconError(Vec<Diagnostic>);
#[derive(Debug)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}
impl LexiconError {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.0
    }
}
impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{}:{}:{}: {}", d.file, d.line, d.column, d.message)?;
        }
        Ok(())
    }
}
impl std::error::Error for LexiconError {}

#[derive(Deserialize)]
struct Raw {
    lexicon: RawHead,
    #[serde(default)]
    category: Vec<RawCat>,
    #[serde(default)]
    ask: Vec<RawAsk>,
}
#[derive(Deserialize)]
struct RawHead {
    name: String,
    version: String,
}
#[derive(Deserialize)]
struct RawCat {
    id: String,
    label: String,
    note: Option<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    case_sensitive: Vec<String>,
}
#[derive(Deserialize)]
struct RawAsk {
    id: String,
    label: String,
    category: Option<String>,
    note: Option<String>,
    #[serde(default)]
    all: Vec<String>,
    #[serde(default)]
    any: Vec<String>,
}

fn terms(v: Vec<String>) -> Vec<Term> {
    v.into_iter().map(|t| Term(t, false)).collect()
}

impl Lexicon {
    pub fn parse(source: &str, origin: &str) -> Result<Lexicon, LexiconError> {
        let raw: Raw = toml::from_str(source).map_err(|e| {
            LexiconError(vec![Diagnostic {
                file: origin.into(),
                line: 1,
                column: 1,
                message: e.to_string(),
            }])
        })?;
        Ok(Lexicon {
            name: raw.lexicon.name,
            version: raw.lexicon.version,
            categories: raw
                .category
                .into_iter()
                .map(|c| {
                    let mut t = terms(c.terms);
                    t.extend(c.case_sensitive.into_iter().map(|s| Term(s, true)));
                    Category {
                        id: c.id,
                        label: c.label,
                        note: c.note,
                        terms: t,
                        exclude: terms(c.exclude),
                    }
                })
                .collect(),
            asks: raw
                .ask
                .into_iter()
                .map(|a| Ask {
                    id: a.id,
                    label: a.label,
                    category: a.category,
                    note: a.note,
                    all: terms(a.all),
                    any: terms(a.any),
                })
                .collect(),
        })
    }
    pub fn load(path: &Path) -> Result<Lexicon, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            LexiconError(vec![Diagnostic {
                file: path.display().to_string(),
                line: 0,
                column: 0,
                message: e.to_string(),
            }])
        })?;
        Lexicon::parse(&text, &path.display().to_string())
    }
    pub fn builtin() -> Lexicon {
        Lexicon::parse(
            include_str!("../../keywords/social-economy.toml"),
            "keywords/social-economy.toml",
        )
        .expect("the built-in lexicon is valid")
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn version(&self) -> &str {
        &self.version
    }
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }
    pub fn asks(&self) -> &[Ask] {
        &self.asks
    }
}
