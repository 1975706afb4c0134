//! The development gold set (`benches/gold/`): every file matches the text it annotates, and
//! the built-in lexicon holds its recall and precision on it. The figures themselves are
//! printed by `cargo bench --bench gold`.

#[path = "../benches/gold/intl.rs"]
mod intl;
#[path = "../benches/gold/score.rs"]
mod score;
#[path = "../benches/gold/stance.rs"]
mod stance;

use manifesto_mashup::lexicon::Lexicon;

/// The bars of issue 9 the built-in lexicon must hold on the gold set: recall (by the sentence
/// `mashup scan` reads) and precision overall, and recall in every category, both with any
/// mention and with a mention of the category itself.
const MIN_RECALL: f64 = 0.85;
const MIN_PRECISION: f64 = 0.90;
const MIN_CATEGORY_RECALL: f64 = 0.70;

#[test]
fn gold_files_match_their_texts_and_the_lexicon_holds_its_floor() {
    let Some(shared) = crate::util::shared_dir() else {
        return;
    };
    let texts = shared.join("text/manifesto-project-uk");
    let files = score::gold_files(crate::util::root());
    assert!(files.len() >= 3, "only {} gold files", files.len());
    let (each, all) = score::score_all(
        crate::util::root(),
        &texts,
        &Lexicon::builtin(),
        score::Unit::Sentence,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(each.len(), files.len());
    let total = all.total();
    assert!(total.gold >= 100, "only {} marked sentences", total.gold);
    let recall = total.recall().unwrap_or(0.0);
    let precision = total.precision().unwrap_or(0.0);
    assert!(
        recall >= MIN_RECALL && precision >= MIN_PRECISION,
        "recall {recall:.3} (floor {MIN_RECALL}), precision {precision:.3} (floor {MIN_PRECISION})"
    );
    for (category, tally) in &all.by_category {
        let recall = tally.recall().unwrap_or(0.0);
        let in_category = tally.recall_in_category().unwrap_or(0.0);
        assert!(
            recall >= MIN_CATEGORY_RECALL && in_category >= MIN_CATEGORY_RECALL,
            "{category}: recall {recall:.3}, in its category {in_category:.3} (floor {MIN_CATEGORY_RECALL})"
        );
    }
    // Texts whose columns are interleaved are scored but kept out of the totals.
    assert!(each
        .iter()
        .any(|d| d.layout == score::Layout::Columns && d.name == "PC_2019"));
}

#[test]
fn wrapped_lines_are_rejoined_only_in_wrapped_texts() {
    let dir = tempfile::tempdir().unwrap();
    // A text that keeps its line breaks: most lines do not end a sentence.
    let wrapped =
        "We will use public\nprocurement to create good\nlocal jobs for all.\nNothing here\n";
    std::fs::write(dir.path().join("W.txt"), wrapped).unwrap();
    let rows: String = [(2, "local jobs for all.")]
        .iter()
        .map(|(i, l)| {
            format!(
                "{i}\t{}\tsocial-value-procurement\tyes\tbody\n",
                score::line_hash(l)
            )
        })
        .collect();
    std::fs::write(
        dir.path().join("W.tsv"),
        format!("index\tsha1\tcategory\tpledge\tkind\n{rows}"),
    )
    .unwrap();
    let doc = score::load(&dir.path().join("W.tsv"), dir.path()).unwrap();
    assert_eq!(doc.layout(), score::Layout::Wrapped);
    let lexicon = Lexicon::parse(
        "[lexicon]\nname = \"t\"\nversion = \"1\"\n[[category]]\nid = \"social-value\"\nlabel = \"V\"\n\
         terms = [\"social value\"]\n[[rule]]\nid = \"buying\"\nlabel = \"B\"\ncategory = \"social-value\"\n\
         cues = [[\"procurement\"], [\"local jobs\"]]\n",
        "t.toml",
    )
    .unwrap();
    let matcher = manifesto_mashup::matcher::Matcher::new(&lexicon).unwrap();
    let by_sentence = score::score(&doc, &matcher, &lexicon, score::Unit::Sentence);
    let by_line = score::score(&doc, &matcher, &lexicon, score::Unit::Line);
    assert_eq!(by_sentence.total().found, 1);
    assert_eq!(by_line.total().found, 0);
    // The mention sits on line 1, which is not marked: precision counts it as wrong.
    assert_eq!(by_sentence.wrong.len(), 1);
}

#[test]
fn a_gold_row_whose_hash_does_not_match_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("X.txt"),
        "First sentence.\nSecond sentence.\n",
    )
    .unwrap();
    let gold = dir.path().join("X.tsv");
    let good = score::line_hash("Second sentence.");
    std::fs::write(
        &gold,
        format!("index\tsha1\tcategory\tpledge\tkind\n1\t{good}\tcivil-society\tno\tbody\n"),
    )
    .unwrap();
    let doc = score::load(&gold, dir.path()).unwrap();
    assert_eq!(doc.marked.len(), 1);
    std::fs::write(
        &gold,
        "index\tsha1\tcategory\tpledge\tkind\n1\t000000000000\tcivil-society\tno\tbody\n",
    )
    .unwrap();
    let err = score::load(&gold, dir.path()).err().unwrap();
    assert!(err.contains("the text changed"), "{err}");
}

/// Floors on the blind gold from outside the UK (`benches/gold/intl/`), with each country's
/// edition: the figures of lexicon 2026.10 (docs/method.md) read without Tesseract, rounded
/// down, so that a change that loses ground fails (with Tesseract the Ghanaian text whose
/// "ti" ligature has no Unicode reads whole: GH's recall is 0.82, and all 0.81). Issue 27's
/// bar (recall 0.8 in every country) is met in GH (with OCR), IN, US and ZA, not in SG
/// (0.72).
const MIN_INTL_RECALL: f64 = 0.78;
const MIN_INTL_PRECISION: f64 = 0.95;
const MIN_INTL_COUNTRY_PRECISION: f64 = 0.9;
const MIN_INTL_COUNTRY_RECALL: &[(&str, f64)] = &[
    ("GH", 0.7),
    ("IN", 0.8),
    ("SG", 0.7),
    ("US", 0.85),
    ("ZA", 0.8),
];

#[test]
fn intl_gold_matches_its_pdfs_and_each_edition_helps_its_country() {
    let Some(shared) = crate::util::shared_dir() else {
        return;
    };
    let golds = intl::load_all(crate::util::root(), &shared.join("manifestos-intl"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(golds.len() >= 13, "only {} intl gold files", golds.len());
    let lexicon = Lexicon::builtin();
    let common = lexicon.for_country(None);
    let common_matcher = manifesto_mashup::matcher::Matcher::new(&common).unwrap();
    let mut by_country: std::collections::BTreeMap<String, (score::Score, score::Score)> =
        Default::default();
    let mut all = score::Score::default();
    for gold in &golds {
        assert!(
            gold.lost.is_empty(),
            "{}: marked sentences no longer in the text: {:?}",
            gold.doc.name,
            gold.lost
        );
        let edition = lexicon.for_country(Some(&gold.country));
        assert_eq!(edition.edition(), Some(gold.country.as_str()));
        let matcher = manifesto_mashup::matcher::Matcher::new(&edition).unwrap();
        let on = score::score(&gold.doc, &matcher, &edition, score::Unit::Line);
        let off = score::score(&gold.doc, &common_matcher, &common, score::Unit::Line);
        let entry = by_country.entry(gold.country.clone()).or_default();
        entry.0.add(on.clone());
        entry.1.add(off);
        all.add(on);
    }
    for (country, (on, off)) in &by_country {
        let (on, off) = (on.total(), off.total());
        assert!(
            on.found >= off.found,
            "{country}: the edition finds {} marked sentences, the common terms {}",
            on.found,
            off.found
        );
        let precision = on.precision().unwrap_or(1.0);
        assert!(
            precision >= MIN_INTL_COUNTRY_PRECISION,
            "{country}: precision {precision:.3} with its edition (floor {MIN_INTL_COUNTRY_PRECISION})"
        );
        let floor = MIN_INTL_COUNTRY_RECALL
            .iter()
            .find(|(c, _)| c == country)
            .map_or(0.0, |(_, f)| *f);
        let recall = on.recall().unwrap_or(0.0);
        assert!(
            recall >= floor,
            "{country}: recall {recall:.3} with its edition (floor {floor})"
        );
    }
    let total = all.total();
    let (recall, precision) = (
        total.recall().unwrap_or(0.0),
        total.precision().unwrap_or(0.0),
    );
    assert!(
        recall >= MIN_INTL_RECALL && precision >= MIN_INTL_PRECISION,
        "intl gold: recall {recall:.3} (floor {MIN_INTL_RECALL}), precision {precision:.3} (floor {MIN_INTL_PRECISION})"
    );
}

/// Floors on the three kinds of marked sentence (pledge, proposal, mention) over both gold
/// sets: the figures of 2026-12-07 (docs/method.md), rounded down.
const MIN_STANCE_ACCURACY: f64 = 0.9;
const MIN_PLEDGE_PRECISION: f64 = 0.95;
/// Issue 25's bar for pledges (0.85) is met: rules 8 and 9 of `pledge`.
const MIN_PLEDGE_RECALL: f64 = 0.9;
/// Issue 25's bars for proposals (recall 0.85, precision 0.9) are met: rule 7's
/// exceptions took precision from 0.58 to 0.85, and elaborations (rule 10), a call that
/// "has" been made, and sentences read whole across a wrapped text's lines took recall
/// from 0.73 to 1.0 (15 of 15) and precision to 0.94.
const MIN_PROPOSAL_RECALL: f64 = 0.9;
const MIN_PROPOSAL_PRECISION: f64 = 0.9;

#[test]
fn pledges_proposals_and_mentions_hold_their_floor_on_the_gold() {
    let Some(shared) = crate::util::shared_dir() else {
        return;
    };
    let texts = shared.join("text/manifesto-project-uk");
    let mut all = stance::Confusion::default();
    for file in score::gold_files(crate::util::root()) {
        let doc = score::load(&file, &texts).unwrap_or_else(|e| panic!("{e}"));
        if doc.layout() != score::Layout::Columns {
            all.add(&stance::confusion(&doc, None, stance::uk_party(&doc.name)));
        }
    }
    for gold in intl::load_all(crate::util::root(), &shared.join("manifestos-intl"))
        .unwrap_or_else(|e| panic!("{e}"))
    {
        all.add(&stance::confusion(
            &gold.doc,
            Some(&gold.starts_block),
            &gold.party,
        ));
    }
    assert!(all.total() >= 400, "only {} sentences", all.total());
    let proposals: usize = all.0[1].iter().sum();
    assert!(proposals >= 10, "only {proposals} gold proposals");
    let accuracy = all.accuracy().unwrap_or(0.0);
    let pledge_precision = all.precision(score::Stance::Pledge).unwrap_or(0.0);
    let pledge_recall = all.recall(score::Stance::Pledge).unwrap_or(0.0);
    let proposal_recall = all.recall(score::Stance::Proposal).unwrap_or(0.0);
    let proposal_precision = all.precision(score::Stance::Proposal).unwrap_or(0.0);
    assert!(
        accuracy >= MIN_STANCE_ACCURACY
            && pledge_precision >= MIN_PLEDGE_PRECISION
            && pledge_recall >= MIN_PLEDGE_RECALL
            && proposal_recall >= MIN_PROPOSAL_RECALL
            && proposal_precision >= MIN_PROPOSAL_PRECISION,
        "accuracy {accuracy:.3} (floor {MIN_STANCE_ACCURACY}), pledge precision \
         {pledge_precision:.3} (floor {MIN_PLEDGE_PRECISION}), pledge recall \
         {pledge_recall:.3} (floor {MIN_PLEDGE_RECALL}), proposal recall \
         {proposal_recall:.3} (floor {MIN_PROPOSAL_RECALL}), proposal precision \
         {proposal_precision:.3} (floor {MIN_PROPOSAL_PRECISION})"
    );
}
