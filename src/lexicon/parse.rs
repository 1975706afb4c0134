//! Reading a lexicon from TOML text: every problem is collected with its position, and a
//! broken entry loses only that entry.
//!
//! The TOML is walked as a spanned tree (`toml::de::DeTable`) instead of derived through serde
//! because serde stops at the first error, and analysts should see every problem at once.

use std::collections::HashMap;

use toml::de::{DeTable, DeValue};

use super::edition::{Edition, EditionCategory};
use super::error::{Diagnostic, LexiconError};
use super::fold::term_key;
use super::term::Term;
use super::toml_reader::{Ctx, Value};
use super::{Ask, Category, Lexicon, Rule};
use std::sync::Arc;

/// The curated default; compiled in so the binary works with no files beside it.
pub(super) const BUILTIN: &str = include_str!("../../keywords/social-economy.toml");

/// Making a lexicon: from TOML text, a file, or the built-in one.
impl Lexicon {
    /// Parses and validates TOML text; `origin` names the file in errors.
    pub fn parse(source: &str, origin: &str) -> Result<Lexicon, LexiconError> {
        let (lexicon, diagnostics) = parse(source, origin);
        if diagnostics.is_empty() {
            Ok(lexicon)
        } else {
            Err(LexiconError::new(diagnostics))
        }
    }

    /// Parses leniently: a broken entry (term, category, ask) is left out and reported, the
    /// rest is kept. Useful to run with a lexicon that is mostly right.
    pub fn parse_lenient(source: &str, origin: &str) -> (Lexicon, Vec<Diagnostic>) {
        parse(source, origin)
    }

    /// Reads and parses a lexicon file; errors name `path`.
    pub fn load(path: &std::path::Path) -> Result<Lexicon, LexiconError> {
        let source = std::fs::read_to_string(path).map_err(|e| LexiconError::io(path, e))?;
        Lexicon::parse(&source, &path.display().to_string())
    }

    /// The default lexicon compiled into the binary (`keywords/social-economy.toml`).
    ///
    /// Parsed leniently so that the binary always starts; a test asserts the file has no
    /// problems at all.
    pub fn builtin() -> Lexicon {
        parse(BUILTIN, "keywords/social-economy.toml").0
    }
}

/// A term already seen, to find duplicates within a category and terms written two ways.
#[derive(Clone)]
struct Seen {
    owner: usize,
    line: usize,
    case_sensitive: bool,
    exact: Vec<u8>,
}

/// Parses `source`, returning whatever is valid and every problem found.
pub(crate) fn parse(source: &str, origin: &str) -> (Lexicon, Vec<Diagnostic>) {
    let mut line_starts = vec![0];
    line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
    let mut ctx = Ctx {
        source,
        origin,
        line_starts,
        diags: Vec::new(),
    };
    let mut lexicon = Lexicon {
        name: String::new(),
        version: String::new(),
        language: None,
        hash: crate::fingerprint::content_hash(source.as_bytes()),
        file_hash: crate::fingerprint::content_hash(source.as_bytes()),
        categories: Vec::new(),
        asks: Vec::new(),
        rules: Vec::new(),
        all_rules: Arc::default(),
        all_asks: Arc::default(),
        common: Arc::default(),
        editions: Arc::default(),
        edition: None,
    };
    let (root, errors) = DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        for e in errors {
            let at = e.span().map_or(0, |s| s.start);
            ctx.error(at, format!("invalid TOML: {}", e.message()));
        }
        return (lexicon, finish(ctx));
    }
    let root = root.into_inner();
    let mut header = None;
    let mut categories = Vec::new();
    let mut asks = Vec::new();
    let mut rules = Vec::new();
    let mut editions = Vec::new();
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "lexicon" => header = Some(value),
            "category" => categories = ctx.table_array(value, "category"),
            "ask" => asks = ctx.table_array(value, "ask"),
            "rule" => rules = ctx.table_array(value, "rule"),
            "edition" => editions = ctx.table_array(value, "edition"),
            _ => ctx.unknown_key(
                key,
                "the file",
                &["lexicon", "category", "ask", "rule", "edition"],
            ),
        }
    }
    read_header(&mut ctx, header, &mut lexicon);
    let mut seen: HashMap<Vec<u8>, Vec<Seen>> = HashMap::new();
    for value in categories {
        if let Some(category) = read_category(&mut ctx, value, &lexicon.categories, &mut seen) {
            lexicon.categories.push(category);
        }
    }
    let mut ask_ids = std::collections::HashSet::new();
    for value in asks {
        if let Some(ask) = read_ask(&mut ctx, value, &lexicon, &mut ask_ids) {
            lexicon.asks.push(ask);
        }
    }
    let mut read_editions: Vec<Edition> = Vec::new();
    for value in editions {
        if let Some(edition) = read_edition(
            &mut ctx,
            value,
            (&lexicon.categories, &lexicon.asks),
            &seen,
            &read_editions,
        ) {
            read_editions.push(edition);
        }
    }
    lexicon.common = Arc::new(lexicon.categories.clone());
    let mut rule_ids = std::collections::HashSet::new();
    for value in rules {
        if let Some(rule) = read_rule(&mut ctx, value, &lexicon, &read_editions, &mut rule_ids) {
            lexicon.rules.push(rule);
        }
    }
    lexicon.all_rules = Arc::new(lexicon.rules.clone());
    lexicon.all_asks = Arc::new(lexicon.asks.clone());
    lexicon.editions = Arc::new(read_editions);
    // A document whose country is not known is matched with the default
    // country's edition.
    let lexicon = if lexicon.editions.is_empty() {
        lexicon
    } else {
        lexicon.for_country(None)
    };
    (lexicon, finish(ctx))
}

/// Reads one `[[edition]]`: its countries (each in one edition only), its
/// name, the common terms it drops (each must be one) and its additions per
/// category (each must name a category; a term may not repeat a common term
/// of the category, nor be written with another case sensitivity than
/// elsewhere, as in the common lexicon).
fn read_edition(
    ctx: &mut Ctx<'_>,
    value: &Value<'_>,
    (categories, asks): (&[Category], &[Ask]),
    seen: &HashMap<Vec<u8>, Vec<Seen>>,
    earlier: &[Edition],
) -> Option<Edition> {
    let DeValue::Table(table) = value.get_ref() else {
        return None;
    };
    const KNOWN: &[&str] = &[
        "country",
        "countries",
        "name",
        "note",
        "drop",
        "drop_asks",
        "category",
    ];
    let mut edition = Edition {
        countries: Vec::new(),
        name: String::new(),
        note: None,
        drop: Vec::new(),
        drop_asks: Vec::new(),
        categories: Vec::new(),
    };
    let mut seen = seen.clone();
    for (key, v) in table.iter() {
        match key.get_ref().as_ref() {
            "country" => {
                if let Some(code) = ctx.string(v, "country") {
                    edition.countries.push(ctx.country(v, code, earlier));
                }
            }
            "countries" => {
                for (text, item) in ctx.strings(v, "countries") {
                    edition.countries.push(ctx.country(item, text, earlier));
                }
            }
            "name" => edition.name = ctx.string(v, "name").unwrap_or_default(),
            "note" => edition.note = ctx.string(v, "note"),
            "drop" => {
                for (text, item) in ctx.strings(v, "drop") {
                    let common = categories
                        .iter()
                        .any(|c| c.terms.iter().any(|t| t.as_str() == text));
                    if common {
                        edition.drop.push(text);
                    } else {
                        ctx.error(
                            item.span().start,
                            format!("`drop`: {text:?} is not a term of any category"),
                        );
                    }
                }
            }
            "drop_asks" => {
                for (id, item) in ctx.strings(v, "drop_asks") {
                    if asks.iter().any(|a| a.id == id) {
                        edition.drop_asks.push(id);
                    } else {
                        ctx.error(
                            item.span().start,
                            format!("`drop_asks`: {id:?} is not the id of an ask"),
                        );
                    }
                }
            }
            "category" => {
                let DeValue::Table(by_id) = v.get_ref() else {
                    ctx.error(v.span().start, "`category` must be a table of category ids");
                    continue;
                };
                for (id, additions) in by_id.iter() {
                    let id_text = id.get_ref().to_string();
                    let Some(owner) = categories.iter().position(|c| c.id == id_text) else {
                        ctx.error(id.span().start, format!("no category {id_text:?}"));
                        continue;
                    };
                    if let Some(added) =
                        read_edition_category(ctx, additions, owner, categories, &mut seen)
                    {
                        edition.categories.push(added);
                    }
                }
            }
            _ => ctx.unknown_key(key, "[[edition]]", KNOWN),
        }
    }
    if edition.countries.is_empty() {
        ctx.error(
            value.span().start,
            "[[edition]] needs a `country` or `countries`",
        );
        return None;
    }
    if edition.name.trim().is_empty() {
        ctx.error(value.span().start, "[[edition]] needs a `name`");
    }
    Some(edition)
}

/// One `[edition.category.ID]` table.
fn read_edition_category(
    ctx: &mut Ctx<'_>,
    value: &Value<'_>,
    owner: usize,
    categories: &[Category],
    seen: &mut HashMap<Vec<u8>, Vec<Seen>>,
) -> Option<EditionCategory> {
    let DeValue::Table(table) = value.get_ref() else {
        ctx.error(value.span().start, "an edition's category must be a table");
        return None;
    };
    let id = categories[owner].id.clone();
    let (mut terms, mut sensitive, mut exclude) = (Vec::new(), Vec::new(), Vec::new());
    for (key, v) in table.iter() {
        match key.get_ref().as_ref() {
            "terms" => terms = ctx.terms(v, "terms", false),
            "case_sensitive" => sensitive = ctx.terms(v, "case_sensitive", true),
            "exclude" => exclude = ctx.terms(v, "exclude", false),
            _ => ctx.unknown_key(
                key,
                &format!("[edition.category.{id}]"),
                &["terms", "case_sensitive", "exclude"],
            ),
        }
    }
    let kept = claim_all(
        ctx,
        seen,
        terms.into_iter().chain(sensitive),
        owner,
        categories,
    );
    drop_repeated_excludes(ctx, &mut exclude);
    Some(EditionCategory {
        id,
        terms: kept,
        exclude,
    })
}

fn finish(ctx: Ctx<'_>) -> Vec<Diagnostic> {
    let mut diags = ctx.diags;
    diags.sort_by_key(|d| (d.line, d.column));
    diags
}

fn read_header(ctx: &mut Ctx<'_>, header: Option<&Value<'_>>, lexicon: &mut Lexicon) {
    let Some(header) = header else {
        ctx.error(0, "missing [lexicon] table with `name` and `version`");
        return;
    };
    let DeValue::Table(table) = header.get_ref() else {
        ctx.error(header.span().start, "`lexicon` must be a table");
        return;
    };
    const KNOWN: &[&str] = &["name", "version", "language", "note"];
    let (mut name, mut version) = (None, None);
    for (key, value) in table.iter() {
        match key.get_ref().as_ref() {
            "name" => name = ctx.string(value, "name"),
            "version" => version = ctx.string(value, "version"),
            "language" => {
                if let Some(code) = ctx.string(value, "language") {
                    match crate::language::Language::from_code(&code) {
                        Some(language) => lexicon.language = Some(language),
                        None => ctx.error(
                            value.span().start,
                            format!(
                                "`language` must be an ISO 639 code such as \"en\" or \"cy\", \
                                 not \"{code}\""
                            ),
                        ),
                    }
                }
            }
            "note" => {
                ctx.string(value, "note");
            }
            _ => ctx.unknown_key(key, "[lexicon]", KNOWN),
        }
    }
    match name {
        Some(name) => lexicon.name = name,
        None => ctx.error(header.span().start, "[lexicon] needs a `name`"),
    }
    match version {
        Some(version) => lexicon.version = version,
        None => ctx.error(header.span().start, "[lexicon] needs a `version`"),
    }
}

fn read_category(
    ctx: &mut Ctx<'_>,
    value: &Value<'_>,
    earlier: &[Category],
    seen: &mut HashMap<Vec<u8>, Vec<Seen>>,
) -> Option<Category> {
    let DeValue::Table(table) = value.get_ref() else {
        return None;
    };
    const KNOWN: &[&str] = &["id", "label", "note", "terms", "case_sensitive", "exclude"];
    let (mut id, mut label, mut note) = (None, None, None);
    let (mut terms, mut sensitive, mut exclude) = (Vec::new(), Vec::new(), Vec::new());
    let mut id_at = value.span().start;
    for (key, v) in table.iter() {
        match key.get_ref().as_ref() {
            "id" => {
                id = ctx.string(v, "id");
                id_at = v.span().start;
            }
            "label" => label = ctx.string(v, "label"),
            "note" => note = ctx.string(v, "note"),
            "terms" => terms = ctx.terms(v, "terms", false),
            "case_sensitive" => sensitive = ctx.terms(v, "case_sensitive", true),
            "exclude" => exclude = ctx.terms(v, "exclude", false),
            _ => ctx.unknown_key(key, "[[category]]", KNOWN),
        }
    }
    let Some(id) = id.filter(|id| !id.trim().is_empty()) else {
        ctx.error(value.span().start, "[[category]] needs a non-empty `id`");
        return None;
    };
    if earlier.iter().any(|c| c.id == id) {
        ctx.error(id_at, format!("category id {id:?} is used twice"));
        return None;
    }
    let label = label.unwrap_or_else(|| {
        ctx.error(
            value.span().start,
            format!("category {id:?} needs a `label`"),
        );
        id.clone()
    });
    let owner = earlier.len();
    let kept = claim_all(
        ctx,
        seen,
        terms.into_iter().chain(sensitive),
        owner,
        earlier,
    );
    drop_repeated_excludes(ctx, &mut exclude);
    Some(Category {
        id,
        label,
        note,
        terms: kept,
        exclude,
    })
}

/// The terms of `terms` that [`claim`] lets category `owner` have (a
/// category's own, or an edition's additions to it); the rest are reported.
fn claim_all(
    ctx: &mut Ctx<'_>,
    seen: &mut HashMap<Vec<u8>, Vec<Seen>>,
    terms: impl IntoIterator<Item = Term>,
    owner: usize,
    earlier: &[Category],
) -> Vec<Term> {
    terms
        .into_iter()
        .filter(|term| claim(ctx, seen, term, owner, earlier))
        .collect()
}

/// Drops (and reports, with file:line:column) an exclude phrase listed a
/// second time in one category or ask.
fn drop_repeated_excludes(ctx: &mut Ctx<'_>, exclude: &mut Vec<Term>) {
    let mut seen = HashMap::new();
    exclude.retain(|term| {
        let key = term_key(term.as_str(), true);
        if let Some(line) = seen.insert(key, term.location().0) {
            let (l, c) = term.location();
            ctx.diags.push(Diagnostic {
                file: ctx.origin.to_string(),
                line: l,
                column: c,
                message: format!(
                    "exclude {:?} is listed twice (also line {line})",
                    term.as_str()
                ),
            });
            return false;
        }
        true
    });
}

/// Records `term` as belonging to category `owner`, or reports why it cannot. A term may
/// belong to several categories (rule 7: it then counts once in each), but only once to each,
/// and written with the same case sensitivity everywhere, so that it matches the same text
/// for all of them. Case-sensitive terms that differ only in case are different terms.
fn claim(
    ctx: &mut Ctx<'_>,
    seen: &mut HashMap<Vec<u8>, Vec<Seen>>,
    term: &Term,
    owner: usize,
    earlier: &[Category],
) -> bool {
    let exact = term_key(term.as_str(), false);
    let entries = seen.entry(term_key(term.as_str(), true)).or_default();
    // Entries that are the same term as this one, or match some of the same text.
    let same = |s: &&Seen| !(s.case_sensitive && term.is_case_sensitive() && s.exact != exact);
    let (line, column) = term.location();
    let message = if let Some(first) = entries.iter().filter(same).find(|s| s.owner == owner) {
        Some(format!(
            "term {:?} is listed twice in this category (first at line {})",
            term.as_str(),
            first.line
        ))
    } else if let Some(other) = entries
        .iter()
        .filter(same)
        .find(|s| s.case_sensitive != term.is_case_sensitive())
    {
        let id = earlier.get(other.owner).map_or("?", |c| c.id.as_str());
        let (here, there) = if term.is_case_sensitive() {
            ("case_sensitive", "terms")
        } else {
            ("terms", "case_sensitive")
        };
        Some(format!(
            "term {:?} is under `{here}` here but under `{there}` in category {id:?} (line {}); \
             a term in several categories must match the same text in each",
            term.as_str(),
            other.line
        ))
    } else if entries.iter().filter(same).count() >= super::MAX_TERM_CATEGORIES {
        Some(format!(
            "term {:?} is in more than {} categories",
            term.as_str(),
            super::MAX_TERM_CATEGORIES
        ))
    } else {
        None
    };
    if let Some(message) = message {
        ctx.diags.push(Diagnostic {
            file: ctx.origin.to_string(),
            line,
            column,
            message,
        });
        return false;
    }
    entries.push(Seen {
        owner,
        line,
        case_sensitive: term.is_case_sensitive(),
        exact,
    });
    true
}

/// The keys asks and rules share (`id`, `label`, `note`, `category`) and where they were.
struct Named {
    /// "ask" or "rule", for messages.
    kind: &'static str,
    at: usize,
    id: Option<String>,
    id_at: usize,
    label: Option<String>,
    note: Option<String>,
    category: Option<(String, usize)>,
}

impl Named {
    fn new(kind: &'static str, value: &Value<'_>) -> Named {
        let at = value.span().start;
        Named {
            kind,
            at,
            id: None,
            id_at: at,
            label: None,
            note: None,
            category: None,
        }
    }

    /// Reads `key` when it is one of the shared keys; false when it is not.
    fn read(&mut self, ctx: &mut Ctx<'_>, key: &str, v: &Value<'_>) -> bool {
        match key {
            "id" => {
                self.id = ctx.string(v, "id");
                self.id_at = v.span().start;
            }
            "label" => self.label = ctx.string(v, "label"),
            "note" => self.note = ctx.string(v, "note"),
            "category" => self.category = ctx.string(v, "category").map(|c| (c, v.span().start)),
            _ => return false,
        }
        true
    }

    /// The id, label and category once checked: a non-empty id not used before by another
    /// of its kind, a category that exists. `None` (reported) drops the entry.
    fn check(
        self,
        ctx: &mut Ctx<'_>,
        lexicon: &Lexicon,
        ids: &mut std::collections::HashSet<String>,
    ) -> Option<(String, String, Option<String>, Option<String>)> {
        let kind = self.kind;
        let Some(id) = self.id.filter(|id| !id.trim().is_empty()) else {
            ctx.error(self.at, format!("[[{kind}]] needs a non-empty `id`"));
            return None;
        };
        if !ids.insert(id.clone()) {
            ctx.error(self.id_at, format!("{kind} id {id:?} is used twice"));
            return None;
        }
        if let Some((c, at)) = &self.category {
            if !lexicon.categories.iter().any(|k| &k.id == c) {
                ctx.error(*at, format!("{kind} {id:?} names unknown category {c:?}"));
                return None;
            }
        }
        let label = self.label.unwrap_or_else(|| {
            ctx.error(self.at, format!("{kind} {id:?} needs a `label`"));
            id.clone()
        });
        Some((id, label, self.category.map(|(c, _)| c), self.note))
    }
}

fn read_ask(
    ctx: &mut Ctx<'_>,
    value: &Value<'_>,
    lexicon: &Lexicon,
    ask_ids: &mut std::collections::HashSet<String>,
) -> Option<Ask> {
    let DeValue::Table(table) = value.get_ref() else {
        return None;
    };
    const KNOWN: &[&str] = &["id", "label", "category", "note", "all", "any", "exclude"];
    let mut named = Named::new("ask", value);
    let (mut all, mut any, mut exclude) = (Vec::new(), Vec::new(), Vec::new());
    for (key, v) in table.iter() {
        match key.get_ref().as_ref() {
            k if named.read(ctx, k, v) => {}
            "all" => all = read_ask_all(ctx, v),
            "any" => any = ctx.terms(v, "any", false),
            "exclude" => exclude = ctx.terms(v, "exclude", false),
            _ => ctx.unknown_key(key, "[[ask]]", KNOWN),
        }
    }
    let (id, label, category, note) = named.check(ctx, lexicon, ask_ids)?;
    let mut once = ListedOnce::new(format!("ask {id:?}"));
    for alternatives in &mut all {
        alternatives.retain(|t| once.keep(t, ctx));
    }
    all.retain(|alternatives| !alternatives.is_empty());
    any.retain(|t| once.keep(t, ctx));
    if all.is_empty() && any.is_empty() {
        ctx.error(
            value.span().start,
            format!("ask {id:?} needs terms in `all` or `any`"),
        );
        return None;
    }
    drop_repeated_excludes(ctx, &mut exclude);
    Some(Ask {
        id,
        label,
        category,
        note,
        all,
        any,
        exclude,
    })
}

/// An ask's `all`: each entry a term, or a list of terms any one of which
/// will do (`["energy", "renewable*"]`: a sentence about community-owned
/// renewables is about community energy though it never says "energy").
fn read_ask_all(ctx: &mut Ctx<'_>, v: &Value<'_>) -> Vec<Vec<Term>> {
    let DeValue::Array(items) = v.get_ref() else {
        let found = v.get_ref().type_str();
        ctx.error(
            v.span().start,
            format!("`all` must be a list of strings or of lists of strings, not {found}"),
        );
        return Vec::new();
    };
    let mut all = Vec::new();
    for item in items.iter() {
        if matches!(item.get_ref(), DeValue::Array(_)) {
            let alternatives = ctx.terms(item, "all", false);
            if alternatives.is_empty() {
                ctx.error(
                    item.span().start,
                    "an entry of `all` that is a list needs terms",
                );
            }
            all.push(alternatives);
        } else if let Some(text) = ctx.string(item, "all") {
            all.extend(ctx.term(text, item, false).map(|t| vec![t]));
        }
    }
    all
}

/// Drops (and reports) a term listed a second time in one ask or rule: it would be matched
/// once anyway, so the second listing is a mistake in the file.
struct ListedOnce {
    owner: String,
    lines: HashMap<Vec<u8>, usize>,
}

impl ListedOnce {
    fn new(owner: String) -> Self {
        ListedOnce {
            owner,
            lines: HashMap::new(),
        }
    }

    fn keep(&mut self, term: &Term, ctx: &mut Ctx<'_>) -> bool {
        let (line, column) = term.location();
        let Some(first) = self.lines.insert(term_key(term.as_str(), true), line) else {
            return true;
        };
        ctx.diags.push(Diagnostic {
            file: ctx.origin.to_string(),
            line,
            column,
            message: format!(
                "term {:?} is listed twice in {} (first at line {first})",
                term.as_str(),
                self.owner
            ),
        });
        false
    }
}

fn read_rule(
    ctx: &mut Ctx<'_>,
    value: &Value<'_>,
    lexicon: &Lexicon,
    editions: &[Edition],
    rule_ids: &mut std::collections::HashSet<String>,
) -> Option<Rule> {
    let DeValue::Table(table) = value.get_ref() else {
        return None;
    };
    const KNOWN: &[&str] = &[
        "id",
        "label",
        "category",
        "note",
        "cues",
        "within",
        "exclude",
        "countries",
    ];
    let mut countries = Vec::new();
    let mut named = Named::new("rule", value);
    let (mut cues, mut exclude, mut within) = (Vec::new(), Vec::new(), None);
    let mut cues_at = None;
    for (key, v) in table.iter() {
        match key.get_ref().as_ref() {
            k if named.read(ctx, k, v) => {}
            "cues" => {
                cues_at = Some(v.span().start);
                cues = read_cues(ctx, v);
            }
            "within" => within = read_within(ctx, v),
            "exclude" => exclude = ctx.terms(v, "exclude", false),
            "countries" => {
                for (code, item) in ctx.strings(v, "countries") {
                    // Only a country with an edition has a lexicon hash of its own, which
                    // cached results and `merge` rely on to tell lexicons apart.
                    if editions.iter().any(|e| e.countries.contains(&code)) {
                        countries.push(code);
                    } else {
                        ctx.error(
                            item.span().start,
                            format!(
                                "rule countries must each have an [[edition]] above; \
                                 {code:?} has none"
                            ),
                        );
                    }
                }
            }
            _ => ctx.unknown_key(key, "[[rule]]", KNOWN),
        }
    }
    let (id, label, category, note) = named.check(ctx, lexicon, rule_ids)?;
    let Some(category) = category else {
        ctx.error(
            value.span().start,
            format!("rule {id:?} needs a `category`"),
        );
        return None;
    };
    let mut once = ListedOnce::new(format!("rule {id:?}"));
    for list in &mut cues {
        list.retain(|t| once.keep(t, ctx));
    }
    // One list would be a plain term list: that belongs in the category's `terms`, where
    // the longest-match and exclusion rules apply.
    if cues.len() < 2 || cues.iter().any(Vec::is_empty) {
        ctx.error(
            cues_at.unwrap_or(value.span().start),
            format!(
                "rule {id:?} needs `cues`: at least two lists, none empty \
                 (for a single list, add the terms to the category)"
            ),
        );
        return None;
    }
    drop_repeated_excludes(ctx, &mut exclude);
    Some(Rule {
        id,
        label,
        category,
        note,
        cues,
        within,
        exclude,
        countries,
    })
}

/// A rule's `cues`: a list of lists of terms (each list checked like any term list).
fn read_cues(ctx: &mut Ctx<'_>, v: &Value<'_>) -> Vec<Vec<Term>> {
    let DeValue::Array(lists) = v.get_ref() else {
        let found = v.get_ref().type_str();
        ctx.error(
            v.span().start,
            format!("`cues` must be a list of lists of strings, not {found}"),
        );
        return Vec::new();
    };
    let mut cues = Vec::new();
    for list in lists.iter() {
        if matches!(list.get_ref(), DeValue::Array(_)) {
            cues.push(ctx.terms(list, "cues", false));
        } else {
            ctx.error(
                list.span().start,
                "`cues` must be a list of lists of strings, \
                 as in [[\"procurement\"], [\"local jobs\", \"locally\"]]",
            );
        }
    }
    cues
}

/// A rule's `within`: a whole number of words above 0.
fn read_within(ctx: &mut Ctx<'_>, v: &Value<'_>) -> Option<usize> {
    match v.get_ref() {
        DeValue::Integer(n) => match n.as_str().parse::<usize>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                ctx.error(
                    v.span().start,
                    "`within` must be a whole number of words above 0",
                );
                None
            }
        },
        other => {
            let found = other.type_str();
            ctx.error(
                v.span().start,
                format!("`within` must be a number of words, not {found}"),
            );
            None
        }
    }
}
