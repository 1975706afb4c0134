//! The labelled sentences: `(name, terms, text, expected)` tables, one collection per rule of
//! the contract in the module doc, run through every entry point that finds mentions.
//!
//! `terms` is a compact lexicon: categories separated by `;`, entries by `,`; an entry starting
//! with `!` is an exclude phrase of its category, one starting with `^` is case-sensitive.
//! `expected` lists `term => matched text` in text order. All sentences are our own.

use super::*;
use crate::lexicon::Lexicon;

/// Builds a lexicon from the compact notation (TOML basic strings, escaped).
pub(super) fn lexicon(spec: &str) -> Lexicon {
    let mut src = String::from("[lexicon]\nname = \"t\"\nversion = \"1\"\n");
    for (c, category) in spec.split(';').enumerate() {
        let (mut terms, mut exclude, mut sensitive) = (vec![], vec![], vec![]);
        for entry in category.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            if let Some(e) = entry.strip_prefix('!') {
                exclude.push(e);
            } else if let Some(e) = entry.strip_prefix('^') {
                sensitive.push(e);
            } else {
                terms.push(entry);
            }
        }
        let list = |v: &[&str]| {
            v.iter()
                .map(|t| format!("{t:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        src.push_str(&format!(
            "[[category]]\nid = \"c{c}\"\nlabel = \"C{c}\"\nterms = [{}]\nexclude = [{}]\ncase_sensitive = [{}]\n",
            list(&terms),
            list(&exclude),
            list(&sensitive)
        ));
    }
    Lexicon::parse(&src, "table.toml").unwrap_or_else(|e| panic!("{spec}: {e}"))
}

type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

fn run(cases: &[Case]) {
    let mut failures = Vec::new();
    for &(name, terms, text, expected) in cases {
        let matcher = Matcher::new(&lexicon(terms)).unwrap();
        let via_find = matcher.find_mentions(text);
        let whole = std::iter::once(0..text.len()).collect::<Vec<_>>();
        let (via_scan, _) = matcher.scan(text, &whole);
        assert_eq!(via_find, via_scan, "{name}: scan and find_mentions differ");
        for w in via_find.windows(2) {
            assert!(w[0].end <= w[1].start, "{name}: overlapping hits");
        }
        let got: Vec<String> = via_find
            .iter()
            .map(|h| {
                assert!(h.start <= h.end && text.is_char_boundary(h.start));
                format!("{} => {}", matcher.term_text(h.term), &text[h.start..h.end])
            })
            .collect();
        if got != expected {
            failures.push(format!(
                "{name}\n  text:     {text:?}\n  expected: {expected:?}\n  got:      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[rustfmt::skip]
const WILDCARDS_AND_SYNTAX: &[Case] = &[
    ("star-zero", "mutual*", "We back every mutual.", &["mutual* => mutual"]),
    ("star-extends", "mutual*", "Mutualisation helps.", &["mutual* => Mutualisation"]),
    ("star-plural", "co-operative*", "Co-operatives grow.", &["co-operative* => Co-operatives"]),
    ("star-middle-word", "co* housing", "Cooperative housing works.", &["co* housing => Cooperative housing"]),
    ("star-middle-needs-rest", "co* housing", "Cooperative houses work.", &[]),
    ("star-stops-at-hyphen", "co-op*", "A co-op-led plan.", &["co-op* => co-op"]),
    ("star-stops-at-apostrophe", "co-op*", "The co-op's shop.", &["co-op* => co-op"]),
    ("star-takes-digits", "ward*", "In ward7 today.", &["ward* => ward7"]),
    ("star-not-across-space", "union*", "Union members.", &["union* => Union"]),
    ("star-last-word", "community benefit societ*", "Two community benefit societies met.", &["community benefit societ* => community benefit societies"]),
    ("star-two-words", "one* two*", "Ones twos threes.", &["one* two* => Ones twos"]),
    ("star-accented", "econom*", "Économie? No: economía.", &["econom* => economía"]),
    ("star-at-text-end", "mutual*", "mutuals", &["mutual* => mutuals"]),
    ("star-zero-then-space", "social enterprise*", "A social enterprise in town.", &["social enterprise* => social enterprise"]),
    ("digits-term", "Act 2012", "The Act 2012 applies.", &["Act 2012 => Act 2012"]),
    ("trailing-apostrophe-term", "supporters' trust*", "Supporters' trusts own clubs.", &["supporters' trust* => Supporters' trusts"]),
    ("inner-apostrophe-term", "people's bank", "A people's bank opens.", &["people's bank => people's bank"]),
    ("single-word", "mutuals", "Mutuals matter.", &["mutuals => Mutuals"]),
    ("no-match", "mutuals", "Nothing to see.", &[]),
    ("empty-text", "mutuals", "", &[]),
];

#[rustfmt::skip]
const CASE: &[Case] = &[
    ("upper-text", "co-op", "THE CO-OP IS OPEN.", &["co-op => CO-OP"]),
    ("title-text", "social enterprise", "Social Enterprise Week.", &["social enterprise => Social Enterprise"]),
    ("upper-term", "CREDIT UNION", "A credit union helps.", &["CREDIT UNION => credit union"]),
    ("mixed", "Big Society Capital", "BIG society CAPITAL funds.", &["Big Society Capital => BIG society CAPITAL"]),
    ("sharp-s-term", "strasse", "Die Stra\u{DF}e.", &["strasse => Stra\u{DF}e"]),
    ("sharp-s-text-upper", "stra\u{DF}e", "DIE STRASSE.", &["stra\u{DF}e => STRASSE"]),
    ("accent-upper", "\u{E9}conomie sociale", "L'\u{C9}CONOMIE SOCIALE.", &["\u{E9}conomie sociale => \u{C9}CONOMIE SOCIALE"]),
    ("greek-sigma", "\u{3C3}\u{3BF}\u{3C6}\u{3CC}\u{3C2}", "\u{3A3}\u{39F}\u{3A6}\u{38C}\u{3A3} \u{3BB}\u{3CC}\u{3B3}\u{3BF}\u{3C2}", &["\u{3C3}\u{3BF}\u{3C6}\u{3CC}\u{3C2} => \u{3A3}\u{39F}\u{3A6}\u{38C}\u{3A3}"]),
    ("sensitive-exact", "^CIC", "Form a CIC now.", &["CIC => CIC"]),
    ("sensitive-lower-misses", "^CIC", "A cic is not it.", &[]),
    ("sensitive-title-misses", "^CIC", "Cic is a name.", &[]),
    ("sensitive-star", "^CIC*", "Many CICs trade.", &["CIC* => CICs"]),
    ("sensitive-star-case", "^CIC*", "Many CICS trade.", &["CIC* => CICS"]),
    ("sensitive-star-lower-misses", "^CIC*", "Many cics trade.", &[]),
    ("sensitive-plural-exact", "^CICs", "CICs and CICS.", &["CICs => CICs"]),
    ("sensitive-and-insensitive", "^US, mutual", "US mutual, us.", &["US => US", "mutual => mutual"]),
    ("sensitive-two-cases", "^US, ^Us", "US and Us and us.", &["US => US", "Us => Us"]),
    ("sensitive-hyphen", "^UK-wide", "A UK\u{2013}wide and uk-wide scheme.", &["UK-wide => UK\u{2013}wide"]),
    ("sensitive-hyphen-as-space", "^UK-wide", "A UK wide scheme.", &["UK-wide => UK wide"]),
    ("sensitive-line-break", "^Social Value Act", "The Social\nValue Act.", &["Social Value Act => Social\nValue Act"]),
    ("sensitive-whole-word", "^CIC", "CICS and CICx.", &[]),
];

#[rustfmt::skip]
const WHOLE_WORDS: &[Case] = &[
    ("co-op-not-co-opt", "co-op", "They co-opt members.", &[]),
    ("mutual-not-mutually", "mutual", "Mutually agreed.", &[]),
    ("mutual-star-mutually", "mutual*", "Mutually agreed.", &["mutual* => Mutually"]),
    ("mutual-not-mutualism", "mutual", "Mutualism rises.", &[]),
    ("no-prefix-letter", "op", "A coop shop.", &[]),
    ("digits-bound", "2012", "In 20121 and 2012.", &["2012 => 2012"]),
    ("letter-after-digit", "Act", "Act2 and Act.", &["Act => Act"]),
    ("parentheses", "co-op", "A shop (co-op) opens.", &["co-op => co-op"]),
    ("quotes", "co-op", "The \u{201C}co-op\u{201D} and 'co-op'.", &["co-op => co-op", "co-op => co-op"]),
    ("possessive", "co-op", "The co-op's members.", &["co-op => co-op"]),
    ("curly-possessive", "co-op", "The co-op\u{2019}s members.", &["co-op => co-op"]),
    ("compound-after", "co-op", "A co-op-led scheme.", &["co-op => co-op"]),
    ("compound-before", "mutual", "A non-mutual firm.", &["mutual => mutual"]),
    ("inside-hyphenated", "operative", "A co-operative.", &["operative => operative"]),
    ("accent-letter-bound", "caf", "Caf\u{E9} and caf.", &["caf => caf"]),
    ("combining-mark-bound", "cafe", "Cafe\u{301} and cafe.", &["cafe => cafe"]),
    ("text-start", "mutuals", "Mutuals first.", &["mutuals => Mutuals"]),
    ("text-end", "mutuals", "Last: mutuals", &["mutuals => mutuals"]),
    ("whole-text", "mutuals", "mutuals", &["mutuals => mutuals"]),
    ("comma-bound", "mutuals", "mutuals,mutuals;mutuals.", &["mutuals => mutuals", "mutuals => mutuals", "mutuals => mutuals"]),
    ("slash-bound", "co-op", "co-op/mutual", &["co-op => co-op"]),
    ("underscore-bound", "co", "co_op", &["co => co"]),
    ("multiword-inner-start", "land trust", "Island trust.", &[]),
    ("multiword-inner-end", "land trust", "Land trusteeship.", &[]),
    ("multiword-star-end", "land trust*", "Land trusteeship.", &["land trust* => Land trusteeship"]),
    ("greek-bound", "\u{3B1}\u{3B2}", "\u{3B3}\u{3B1}\u{3B2} \u{3B1}\u{3B2}", &["\u{3B1}\u{3B2} => \u{3B1}\u{3B2}"]),
    ("cjk-bound", "\u{4E2D}", "\u{4E2D}\u{6587} \u{4E2D}", &["\u{4E2D} => \u{4E2D}"]),
    ("em-dash-bound", "mutuals", "mutuals\u{2014}and more", &["mutuals => mutuals"]),
    ("apostrophe-before", "tis", "'tis fine", &["tis => tis"]),
    ("digit-before", "op", "7op and op", &["op => op"]),
];

#[rustfmt::skip]
const SPACING_HYPHENS_QUOTES: &[Case] = &[
    ("double-space", "social enterprise", "A social  enterprise.", &["social enterprise => social  enterprise"]),
    ("line-break", "social enterprise", "A social\nenterprise.", &["social enterprise => social\nenterprise"]),
    ("crlf", "social enterprise", "A social\r\nenterprise.", &["social enterprise => social\r\nenterprise"]),
    ("tab", "social enterprise", "A social\tenterprise.", &["social enterprise => social\tenterprise"]),
    ("spaces-and-breaks", "social enterprise", "A social \n\n  enterprise.", &["social enterprise => social \n\n  enterprise"]),
    ("nbsp", "social enterprise", "A social\u{A0}enterprise.", &["social enterprise => social\u{A0}enterprise"]),
    ("thin-space", "social enterprise", "A social\u{2009}enterprise.", &["social enterprise => social\u{2009}enterprise"]),
    ("three-words-broken", "community land trust", "community\nland \ttrust", &["community land trust => community\nland \ttrust"]),
    ("hyphen-minus", "co-operative", "A co-operative.", &["co-operative => co-operative"]),
    ("u2010", "co-operative", "A co\u{2010}operative.", &["co-operative => co\u{2010}operative"]),
    ("u2011", "co-operative", "A co\u{2011}operative.", &["co-operative => co\u{2011}operative"]),
    ("u2012", "co-operative", "A co\u{2012}operative.", &["co-operative => co\u{2012}operative"]),
    ("u2013", "co-operative", "A co\u{2013}operative.", &["co-operative => co\u{2013}operative"]),
    ("u2212", "co-operative", "A co\u{2212}operative.", &["co-operative => co\u{2212}operative"]),
    ("ufe63", "co-operative", "A co\u{FE63}operative.", &["co-operative => co\u{FE63}operative"]),
    ("uff0d", "co-operative", "A co\u{FF0D}operative.", &["co-operative => co\u{FF0D}operative"]),
    ("em-dash-is-not-hyphen", "co-operative", "A co\u{2014}operative.", &[]),
    ("hyphen-as-space", "co-operative", "A co operative.", &["co-operative => co operative"]),
    ("hyphen-as-line-break", "co-operative", "A co\noperative.", &["co-operative => co\noperative"]),
    ("hyphen-at-line-end", "co-operative", "A co-\noperative.", &["co-operative => co-\noperative"]),
    ("hyphen-at-line-end-spaces", "co-operative", "A co-  \n  operative.", &["co-operative => co-  \n  operative"]),
    ("en-dash-at-line-end", "co-operative", "A co\u{2013}\noperative.", &["co-operative => co\u{2013}\noperative"]),
    ("hyphen-space-no-break", "co-operative", "A co- operative.", &[]),
    ("spaced-dash", "co-operative", "A co - operative.", &[]),
    ("double-hyphen", "co-operative", "A co--operative.", &[]),
    ("two-hyphens-mixed", "not-for-profit", "A not\u{2011}for profit body.", &["not-for-profit => not\u{2011}for profit"]),
    ("two-hyphens-line-end", "not-for-profit", "A not-for-\nprofit body.", &["not-for-profit => not-for-\nprofit"]),
    ("space-does-not-match-hyphen", "social enterprise", "A social-enterprise.", &[]),
    ("hyphen-term-in-hyphen-text", "co-op", "Co-op and co op.", &["co-op => Co-op", "co-op => co op"]),
    ("soft-hyphen-inside", "cooperative", "A coop\u{AD}erative.", &["cooperative => coop\u{AD}erative"]),
    ("soft-hyphen-line-end", "cooperative", "A coop\u{AD}\nerative.", &["cooperative => coop\u{AD}\nerative"]),
    ("soft-hyphen-in-hyphenated", "co-operative", "A co-op\u{AD}erative.", &["co-operative => co-op\u{AD}erative"]),
    ("plain-line-end-hyphen-not-joined", "cooperative", "A cooper-\native.", &[]),
    ("straight-vs-curly", "supporters' trust", "Supporters\u{2019} trust.", &["supporters' trust => Supporters\u{2019} trust"]),
    ("curly-vs-straight", "supporters\u{2019} trust", "Supporters' trust.", &["supporters\u{2019} trust => Supporters' trust"]),
    ("left-quote-apostrophe", "people's bank", "The people\u{2018}s bank.", &["people's bank => people\u{2018}s bank"]),
    ("modifier-apostrophe", "people's bank", "The people\u{2BC}s bank.", &["people's bank => people\u{2BC}s bank"]),
    ("apostrophe-required", "people's bank", "The peoples bank.", &[]),
    ("possessive-in-text-only", "supporters trust*", "Supporters\u{2019} trusts own clubs.", &["supporters trust* => Supporters\u{2019} trusts"]),
    ("possessive-straight-in-text-only", "supporters trust*", "Supporters' trusts own clubs.", &["supporters trust* => Supporters' trusts"]),
    ("possessive-in-term-only", "supporters' trust*", "Supporters trusts own clubs.", &["supporters' trust* => Supporters trusts"]),
    ("possessive-at-term-end", "members'", "The members\u{2019} club and the members.", &["members' => members", "members' => members"]),
    ("possessive-at-text-end", "workers", "Owned by its workers\u{2019}", &["workers => workers"]),
    ("possessive-before-comma", "workers co-operative*", "Workers' co-operatives, and workers co-ops.", &["workers co-operative* => Workers' co-operatives"]),
    ("possessive-not-inner-s", "supporters trust*", "The supporter's trust.", &[]),
    ("inner-apostrophe-still-required", "peoples bank", "The people\u{2019}s bank.", &[]),
    ("closing-quote-is-no-word", "co-op", "The word \u{2018}co-op\u{2019} itself.", &["co-op => co-op"]),
    ("ligature-fi", "finance", "Social \u{FB01}nance.", &["finance => \u{FB01}nance"]),
    ("ligature-ffi", "office", "The o\u{FB03}ce.", &["office => o\u{FB03}ce"]),
    ("ligature-term", "\u{FB01}nance", "Social finance.", &["\u{FB01}nance => finance"]),
    ("fullwidth", "co-op", "\u{FF23}\u{FF4F}\u{FF0D}\u{FF4F}\u{FF50} shop", &["co-op => \u{FF23}\u{FF4F}\u{FF0D}\u{FF4F}\u{FF50}"]),
    ("hyphen-term-with-space-and-star", "co-operative* housing", "Co operatives\nhousing.", &["co-operative* housing => Co operatives\nhousing"]),
    ("hyphen-before-quote-line-end", "well", "well-\n(see)", &["well => well"]),
];

#[rustfmt::skip]
const OVERLAPS: &[Case] = &[
    ("longest-wins", "social value, Social Value Act", "The Social Value Act passed.", &["Social Value Act => Social Value Act"]),
    ("longest-wins-across-categories", "social value; Social Value Act", "The Social Value Act passed.", &["Social Value Act => Social Value Act"]),
    ("both-apart", "social value, Social Value Act", "Social value and the Social Value Act.", &["social value => Social value", "Social Value Act => Social Value Act"]),
    ("leftmost-first", "community land, land trust", "A community land trust.", &["community land => community land"]),
    ("leftmost-beats-longer", "social value, value act 2012", "Social value act 2012.", &["social value => Social value"]),
    ("star-decides-length", "co*, co-op", "Cooperatives.", &["co* => Cooperatives"]),
    ("literal-longer-than-star", "mutual*, mutual aid", "Mutual aid works.", &["mutual aid => Mutual aid"]),
    ("star-longer-than-literal", "mutualis*, mutual", "Mutualisation.", &["mutualis* => Mutualisation"]),
    ("star-vs-phrase", "mutualis*, mutualisation of services", "The mutualisation of services.", &["mutualisation of services => mutualisation of services"]),
    ("tie-literal-beats-star", "co-op*, co-ops", "Co-ops work.", &["co-ops => Co-ops"]),
    ("tie-literal-beats-star-reversed", "co-ops; co-op*", "Co-ops work.", &["co-ops => Co-ops"]),
    ("tie-exact-spelling-wins", "co-op, co op", "co op", &["co op => co op"]),
    ("tie-exact-spelling-wins-hyphen", "co op, co-op", "co-op", &["co-op => co-op"]),
    ("tie-earlier-term", "co-op*; co-o*", "co-ops", &["co-op* => co-ops"]),
    ("adjacent", "co-op", "co-op co-op", &["co-op => co-op", "co-op => co-op"]),
    ("adjacent-different", "credit union, union", "Credit union union.", &["credit union => Credit union", "union => union"]),
    ("nested-inner-hidden", "asset lock, lock", "An asset lock.", &["asset lock => asset lock"]),
    ("chain-of-three", "a b, b c, c d", "a b c d", &["a b => a b", "c d => c d"]),
    ("chain-leftmost-longest", "a b, a b c, c d", "a b c d", &["a b c => a b c"]),
    ("sensitive-vs-longer", "^CIC, CIC regulator", "The CIC Regulator.", &["CIC regulator => CIC Regulator"]),
    ("case-sensitive-shorter-wins-when-alone", "^CIC, CIC regulator", "The CIC rules.", &["CIC => CIC"]),
    ("longer-only-when-whole-word", "social value, social value actor", "Social value actors.", &["social value => Social value"]),
    ("hyphen-space-variant-longest", "community-led housing, housing", "Community led housing.", &["community-led housing => Community led housing"]),
    ("line-break-longest", "social value, social value act", "social\nvalue\nact", &["social value act => social\nvalue\nact"]),
    ("many-terms", "co-op, mutual, credit union, social enterprise", "A co-op, a mutual, a credit union and a social enterprise.", &["co-op => co-op", "mutual => mutual", "credit union => credit union", "social enterprise => social enterprise"]),
    ("repeated", "mutual*", "Mutual mutuals mutualise.", &["mutual* => Mutual", "mutual* => mutuals", "mutual* => mutualise"]),
    ("overlapping-same-start-star", "land*, land bank*", "Landbanking and land banking.", &["land* => Landbanking", "land bank* => land banking"]),
];

#[rustfmt::skip]
const EXCLUSIONS: &[Case] = &[
    ("excluded", "mutual, !mutual respect", "With mutual respect.", &[]),
    ("not-excluded-elsewhere", "mutual, !mutual respect", "Mutual respect; a mutual.", &["mutual => mutual"]),
    ("star-excluded", "mutual*, !mutual respect", "Mutual respect for mutuals.", &["mutual* => mutuals"]),
    ("exclude-with-star", "mutual, !mutual respect*", "Mutual respectfulness.", &[]),
    ("exclude-case-variant", "mutual, !mutual respect", "MUTUAL\nRESPECT.", &[]),
    ("exclude-hyphen-variant", "co-op, !co-op shop", "The co\u{2013}op shop.", &[]),
    ("other-category-exclusion-ignored", "mutual; !mutual respect", "Mutual respect.", &["mutual => Mutual"]),
    ("exclusion-must-contain", "respect for, !mutual respect", "Mutual respect for all.", &["respect for => respect for"]),
    ("excluded-hides-nothing", "social value, !social value of; value", "The social value of it.", &["value => value"]),
    ("exclusion-is-not-a-hit", "co-op, !co-op shop", "A co-op shop.", &[]),
    ("exclusion-whole-word", "mutual, !mutual respect", "Mutual respects.", &["mutual => Mutual"]),
    ("exclusion-longer-term-kept", "mutual, mutual respect act, !mutual respect", "The Mutual Respect Act.", &["mutual respect act => Mutual Respect Act"]),
    ("exclusion-two-in-text", "mutual, !mutual respect, !mutual trust", "Mutual respect, mutual trust, mutual aid.", &["mutual => mutual"]),
    ("exclusion-equal-span", "mutual respect, !mutual respect", "Mutual respect.", &[]),
];

#[test]
fn rule1_wildcards_and_syntax() {
    run(WILDCARDS_AND_SYNTAX);
}

#[test]
fn rule2_case() {
    run(CASE);
}

#[test]
fn rule3_whole_words() {
    run(WHOLE_WORDS);
}

#[test]
fn rule4_spacing_hyphens_quotes() {
    run(SPACING_HYPHENS_QUOTES);
}

#[test]
fn rule5_overlaps() {
    run(OVERLAPS);
}

#[test]
fn rule6_exclusions() {
    run(EXCLUSIONS);
}

#[test]
fn rule7_a_term_in_several_categories_counts_in_each() {
    let matcher = Matcher::new(&lexicon(
        "mutual*, co-op; MUTUAL*, !mutual aid; credit union*",
    ))
    .unwrap();
    // One pattern for the shared term, written as it first appears.
    let names: Vec<_> = matcher.term_ids().map(|t| matcher.term_text(t)).collect();
    assert_eq!(names, ["mutual*", "co-op", "credit union*"]);
    let cats = |t: usize| -> Vec<usize> {
        matcher
            .term_categories(TermId(t as u32))
            .iter()
            .map(|c| c.index())
            .collect()
    };
    assert_eq!(cats(0), [0, 1]);
    assert_eq!(cats(2), [2]);
    let text = "Mutuals, mutual aid, co-op.";
    let found: Vec<(&str, Vec<usize>)> = matcher
        .find_mentions(text)
        .iter()
        .map(|h| {
            (
                &text[h.start..h.end],
                matcher.hit_categories(h).map(|c| c.index()).collect(),
            )
        })
        .collect();
    // "mutual aid" is excluded by the second category only, so it still counts for the first.
    assert_eq!(
        found,
        [
            ("Mutuals", vec![0, 1]),
            ("mutual", vec![0]),
            ("co-op", vec![0])
        ]
    );
    // Excluded by every category of its term, a match is dropped.
    let matcher = Matcher::new(&lexicon("mutual*, !mutual aid; mutual*, !mutual aid")).unwrap();
    assert!(matcher.find_mentions("mutual aid").is_empty());
}

#[test]
fn rule7_term_ids_follow_lexicon_order() {
    let matcher = Matcher::new(&lexicon("b, ^B2, a; c, !x")).unwrap();
    let names: Vec<_> = matcher.term_ids().map(|t| matcher.term_text(t)).collect();
    assert_eq!(names, ["b", "a", "B2", "c"]);
    let cats: Vec<_> = matcher
        .term_ids()
        .map(|t| matcher.term_categories(t)[0].index())
        .collect();
    assert_eq!(cats, [0, 0, 0, 1]);
    assert_eq!(matcher.term_count(), 4);
    let hits = matcher.find_mentions("c a B2");
    let ids: Vec<_> = hits.iter().map(|h| h.term.index()).collect();
    assert_eq!(ids, [3, 1, 2]);
}

/// `(name, asks, sentences, expected (ask index, sentence index))`. Asks are written
/// `all terms / any terms`, optionally followed by `! exclude phrases`, separated by `;`,
/// terms by `,`. Sentences are joined by a space.
type AskCase = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [(usize, usize)],
);

#[rustfmt::skip]
const ASKS: &[AskCase] = &[
    ("all-and-any", "credit union* / loan shark*, payday", &["Credit unions beat loan sharks."], &[(0, 0)]),
    ("all-without-any-term", "credit union* / loan shark*, payday", &["Credit unions are good."], &[]),
    ("any-without-all", "credit union* / loan shark*, payday", &["Payday lenders and loan sharks."], &[]),
    ("split-across-sentences", "credit union* / loan shark*", &["Credit unions are good.", "Loan sharks are not."], &[]),
    ("second-sentence", "credit union* / loan shark*", &["Nothing here.", "A credit union against loan sharks."], &[(0, 1)]),
    ("only-all", "social value act, goods /", &["Extend the Social Value Act to goods."], &[(0, 0)]),
    ("only-all-missing-one", "social value act, goods /", &["Extend the Social Value Act to works."], &[]),
    ("only-any", "/ land banking, land reform", &["End land banking.", "Land reform now."], &[(0, 0), (0, 1)]),
    ("counted-once-per-sentence", "co-op /", &["Co-op after co-op after co-op."], &[(0, 0)]),
    ("two-asks-one-sentence", "co-op* /; mutual* /", &["Co-ops and mutuals."], &[(0, 0), (1, 0)]),
    ("sorted-by-sentence-then-ask", "mutual* /; co-op* /", &["Co-ops and mutuals.", "Mutuals.", "Co-op."], &[(0, 0), (1, 0), (0, 1), (1, 2)]),
    ("not-hidden-by-category-term", "social value /", &["The Social Value Act."], &[(0, 0)]),
    ("ask-terms-overlap-each-other", "credit union / union", &["A credit union."], &[(0, 0)]),
    ("ask-whole-words", "co-op /", &["They co-opt."], &[]),
    ("ask-line-break", "social value act /", &["The Social\nValue\nAct."], &[(0, 0)]),
    ("ask-hyphen-line-end", "co-operative housing /", &["Co-\noperative housing."], &[(0, 0)]),
    ("ask-shared-term", "credit union* / payday; credit union* / loan shark*", &["Credit unions, not payday loans or loan sharks."], &[(0, 0), (1, 0)]),
    ("ask-case-folding", "solidarity fund /", &["A SOLIDARITY FUND."], &[(0, 0)]),
    ("ask-curly-apostrophe", "entrepreneur's relief /", &["Entrepreneur\u{2019}s relief."], &[(0, 0)]),
    ("ask-possessive", "supporters trust* /", &["Supporters\u{2019} trusts get a say."], &[(0, 0)]),
    ("ask-star-middle", "enterprise* apprentice* /", &["Enterprise apprenticeships for all."], &[(0, 0)]),
    ("ask-no-sentences-given", "co-op /", &[], &[]),
    ("ask-exclude", "/ community energy, co-operative* ! community energy efficiency", &["Community energy efficiency grants.", "Community energy schemes."], &[(0, 1)]),
    ("ask-exclude-other-match-stands", "/ community energy ! community energy efficiency", &["Community energy efficiency and community energy."], &[(0, 0)]),
    ("ask-exclude-only-its-own-ask", "/ community energy ! community energy efficiency; / community energy", &["Community energy efficiency grants."], &[(1, 0)]),
    ("ask-exclude-all-term", "energy / community ! energy efficiency", &["Community energy efficiency.", "Community energy efficiency and energy."], &[(0, 1)]),
];

/// The sentences joined by spaces, with the byte range of each.
fn joined(sentences: &[&str]) -> (String, Vec<std::ops::Range<usize>>) {
    let mut ranges = Vec::new();
    let mut at = 0;
    for s in sentences {
        ranges.push(at..at + s.len());
        at += s.len() + 1;
    }
    (sentences.join(" "), ranges)
}

#[test]
fn rule8_asks_per_sentence() {
    let mut failures = Vec::new();
    for &(name, spec, sentences, expected) in ASKS {
        let mut src = String::from("[lexicon]\nname = \"t\"\nversion = \"1\"\n");
        for (a, ask) in spec.split(';').enumerate() {
            let (ask, exclude) = ask.split_once('!').unwrap_or((ask, ""));
            let (all, any) = ask.split_once('/').unwrap();
            let list = |s: &str| {
                s.split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| format!("{t:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            src.push_str(&format!(
                "[[ask]]\nid = \"a{a}\"\nlabel = \"A\"\nall = [{}]\nany = [{}]\nexclude = [{}]\n",
                list(all),
                list(any),
                list(exclude)
            ));
        }
        // A category over the same words shows that category terms hide no ask terms.
        src.push_str("[[category]]\nid = \"c\"\nlabel = \"C\"\nterms = [\"Social Value Act\", \"credit union\"]\n");
        let matcher = Matcher::new(&Lexicon::parse(&src, "asks.toml").unwrap()).unwrap();
        let (text, ranges) = joined(sentences);
        let got: Vec<(usize, usize)> = matcher
            .find_asks(&text, &ranges)
            .iter()
            .map(|h| (h.ask.index(), h.sentence))
            .collect();
        let (_, via_scan) = matcher.scan(&text, &ranges);
        assert_eq!(
            via_scan
                .iter()
                .map(|h| (h.ask.index(), h.sentence))
                .collect::<Vec<_>>(),
            got,
            "{name}"
        );
        if got != expected {
            failures.push(format!("{name}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn asks_with_unsorted_sentence_ranges() {
    let lex = Lexicon::parse(
        "[lexicon]\nname = \"t\"\nversion = \"1\"\n[[ask]]\nid = \"a\"\nlabel = \"A\"\nall = [\"co-op\"]\n",
        "a.toml",
    )
    .unwrap();
    let matcher = Matcher::new(&lex).unwrap();
    let text = "Co-op here. None there.";
    let hits = matcher.find_asks(text, &[12..23, 0..11, 50..60]);
    assert_eq!(
        hits,
        [AskHit {
            ask: AskId(0),
            sentence: 1
        }]
    );
}

#[test]
fn there_are_at_least_150_labelled_sentences() {
    let mentions = WILDCARDS_AND_SYNTAX.len()
        + CASE.len()
        + WHOLE_WORDS.len()
        + SPACING_HYPHENS_QUOTES.len()
        + OVERLAPS.len()
        + EXCLUSIONS.len();
    let asks: usize = ASKS.iter().map(|a| a.2.len()).sum();
    assert!(mentions + asks >= 150, "{mentions} + {asks}");
    let mut names: Vec<&str> = [
        WILDCARDS_AND_SYNTAX,
        CASE,
        WHOLE_WORDS,
        SPACING_HYPHENS_QUOTES,
        OVERLAPS,
        EXCLUSIONS,
    ]
    .iter()
    .flat_map(|t| t.iter().map(|c| c.0))
    .chain(ASKS.iter().map(|a| a.0))
    .collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "case names must be unique");
}

#[test]
fn never_panics_on_odd_text() {
    let matcher = Matcher::new(&lexicon("co-op*, a b, mutual; !co-op shop, ^CIC")).unwrap();
    for text in [
        "\u{AD}",
        "-\n",
        "\u{AD}\n\u{AD}",
        "co-",
        "co-\n",
        " \n ",
        "\u{1F600}co-op\u{1F600}",
        "\u{301}co-op",
        "CIC\u{301}",
        "co\u{2013}\u{2013}op",
        "a\u{2028}b",
        "\0co-op\0",
    ] {
        let hits = matcher.find_mentions(text);
        for h in hits {
            assert!(text.get(h.start..h.end).is_some(), "{text:?}");
        }
        let _ = matcher.find_asks(text, &[0..text.len(), 5..5, 0..1000]);
    }
}

/// A rule-9 case: name, sentences, expected mentions as (term, matched text).
type RuleCase = (
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
);

#[rustfmt::skip]
const RULES: &[RuleCase] = &[
    ("cues-in-one-sentence", &["We will use procurement for local jobs."], &[("rule:buying", "procurement")]),
    ("cues-in-two-sentences", &["We will use procurement.", "Local jobs matter."], &[]),
    ("category-already-counted", &["Procurement with social value for local jobs."], &[("social value", "social value")]),
    ("another-category-counted", &["Co-operative procurement for local jobs."], &[("co-operative*", "Co-operative"), ("rule:buying", "procurement")]),
    ("once-per-sentence", &["Procure locally and use procurement locally."], &[("rule:buying", "Procure")]),
    ("anchor-inside-exclude", &["Procurement reform creates local jobs."], &[]),
    ("next-anchor-past-exclude", &["Procurement reform and procurement for local jobs."], &[("rule:buying", "procurement")]),
    ("anchor-under-a-term", &["A procurement co-operative buys locally."], &[("procurement co-operative*", "procurement co-operative")]),
    ("free-anchor-after-a-term", &["A procurement co-operative and procurement for local jobs."], &[("procurement co-operative*", "procurement co-operative"), ("rule:buying", "procurement")]),
    ("within-near", &["Give workers rights to convert their firms."], &[("rule:near", "workers")]),
    // "also-near" has no `within`, so it takes the sentence that "near" leaves.
    ("within-far", &["Workers, as all of us have long known, can convert their firms."], &[("rule:also-near", "Workers")]),
    ("within-second-anchor", &["Workers, as all of us know, see workers convert their firms."], &[("rule:near", "workers")]),
    ("earlier-rule-counts-for-category", &["Workers convert their firms; workers convert their firms."], &[("rule:near", "Workers")]),
];

const RULES_LEXICON: &str = r#"
[lexicon]
name = "t"
version = "1"
[[category]]
id = "value"
label = "V"
terms = ["social value"]
[[category]]
id = "co-ops"
label = "C"
terms = ["co-operative*", "procurement co-operative*"]
[[rule]]
id = "buying"
label = "B"
category = "value"
cues = [["procurement", "procure"], ["local jobs", "locally"]]
exclude = ["procurement reform"]
[[rule]]
id = "near"
label = "N"
category = "co-ops"
cues = [["workers"], ["convert"], ["their firms"]]
within = 3
[[rule]]
id = "also-near"
label = "N2"
category = "co-ops"
cues = [["workers"], ["their firms"]]
"#;

#[test]
fn rule9_rules_per_sentence() {
    let matcher = Matcher::new(&Lexicon::parse(RULES_LEXICON, "rules.toml").unwrap()).unwrap();
    let mut failures = Vec::new();
    for &(name, sentences, expected) in RULES {
        let (text, ranges) = joined(sentences);
        let (hits, _) = matcher.scan(&text, &ranges);
        assert!(
            hits.windows(2).all(|w| w[0].end <= w[1].start),
            "{name}: hits overlap or are out of order: {hits:?}"
        );
        let got: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (matcher.term_text(h.term), &text[h.start..h.end]))
            .collect();
        if got != expected {
            failures.push(format!("{name}: expected {expected:?}, got {got:?}"));
        }
        // Rules need sentences: find_mentions finds terms only.
        assert!(
            matcher
                .find_mentions(&text)
                .iter()
                .all(|h| !matcher.is_rule(h.term)),
            "{name}"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule9_a_rule_mention_counts_for_its_category_only() {
    let lexicon = Lexicon::parse(RULES_LEXICON, "rules.toml").unwrap();
    let matcher = Matcher::new(&lexicon).unwrap();
    let text = "We will use procurement for local jobs.";
    let whole = 0..text.len();
    let (hits, asks) = matcher.scan(text, std::slice::from_ref(&whole));
    assert!(asks.is_empty());
    let [hit] = hits.as_slice() else {
        panic!("{hits:?}")
    };
    assert!(matcher.is_rule(hit.term));
    let categories: Vec<&str> = matcher
        .hit_categories(hit)
        .map(|c| lexicon.categories()[c.index()].id.as_str())
        .collect();
    assert_eq!(categories, ["value"]);
    // Rule term ids come after the terms, in file order.
    assert_eq!(matcher.term_count(), 3 + 3);
    assert_eq!(matcher.term_text(TermId(3)), "rule:buying");
    assert!(!matcher.is_rule(TermId(2)));
}
