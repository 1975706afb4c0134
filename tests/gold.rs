//! The development gold set (`benches/gold/`): every file matches the text it annotates, and
//! the built-in lexicon holds its recall and precision on it. The figures themselves are
//! printed by `cargo bench --bench gold`.

mod util;

#[path = "../benches/gold/score.rs"]
mod score;

use manifesto_mashup::lexicon::Lexicon;

/// Floors the built-in lexicon must hold on the gold set (issue 9 sets the targets at recall
/// 0.85 and precision 0.9; these are raised as the lexicon gets there).
const MIN_RECALL: f64 = 0.72;
const MIN_PRECISION: f64 = 0.90;

#[test]
fn gold_files_match_their_texts_and_the_lexicon_holds_its_floor() {
    let Some(shared) = util::shared_dir() else {
        return;
    };
    let texts = shared.join("text/manifesto-project-uk");
    let files = score::gold_files(util::root());
    assert!(files.len() >= 3, "only {} gold files", files.len());
    let (each, all) = score::score_all(util::root(), &texts, &Lexicon::builtin())
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
