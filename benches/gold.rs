//! Recall and precision of a lexicon on the development gold set (`benches/gold/`), per
//! category and overall, per manifesto and for all of them.
//!
//! Run: `cargo bench --bench gold` (the built-in lexicon), or
//! `cargo bench --bench gold -- LEXICON.toml`. With `GOLD_SHOW=1` it also lists, on stderr,
//! the marked sentences the lexicon misses and the mentions it finds in unmarked sentences,
//! with their text from `../shared` (for developing the lexicon; the text never enters the
//! repository). Skips (prints a message) when ../shared is missing.
//!
//! Recall counts marked body sentences in which the lexicon finds any mention ("found");
//! "in category" requires a mention of the corresponding lexicon category. Precision counts
//! mentions that fall in a marked sentence of any category, headings included (the
//! annotation guide's definitions, `../shared/annotation/GUIDE.md`).

#[path = "gold/score.rs"]
mod score;

use std::path::Path;

use manifesto_mashup::lexicon::Lexicon;

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "    -".to_string(), |v| format!("{v:5.2}"))
}

fn print_table(title: &str, s: &score::Score) {
    println!("\n{title}");
    println!(
        "{:26} {:>5} {:>5} {:>7} {:>11} {:>8} {:>9}",
        "category", "gold", "found", "recall", "in category", "mentions", "precision"
    );
    let row = |name: &str, t: &score::Tally| {
        println!(
            "{:26} {:5} {:5} {:>7} {:>11} {:8} {:>9}",
            name,
            t.gold,
            t.found,
            pct(t.recall()),
            pct(t.recall_in_category()),
            t.mentions,
            pct(t.precision())
        );
    };
    for (category, t) in &s.by_category {
        row(category, t);
    }
    row("overall", &s.total());
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let texts = root.join("../shared/text/manifesto-project-uk");
    if !texts.is_dir() {
        println!("skipping: {} not found", texts.display());
        return;
    }
    // `cargo bench` passes `--bench`; any other argument is a lexicon file.
    let lexicon = match std::env::args().skip(1).find(|a| !a.starts_with("--")) {
        Some(path) => Lexicon::load(Path::new(&path)).unwrap_or_else(|e| panic!("{e}")),
        None => Lexicon::builtin(),
    };
    println!("lexicon: {} {}", lexicon.name(), lexicon.version());
    let (each, all) = score::score_all(root, &texts, &lexicon).unwrap_or_else(|e| panic!("{e}"));
    for (name, s) in &each {
        let t = s.total();
        println!(
            "{name:14} gold {:4}  found {:4}  recall {}  mentions {:4}  precision {}",
            t.gold,
            t.found,
            pct(t.recall()),
            t.mentions,
            pct(t.precision())
        );
    }
    print_table("all gold manifestos", &all);
    if std::env::var_os("GOLD_SHOW").is_some() {
        let line = |doc: &str, index: usize| {
            std::fs::read_to_string(texts.join(format!("{doc}.txt")))
                .ok()
                .and_then(|t| t.lines().nth(index).map(str::to_string))
                .unwrap_or_default()
        };
        eprintln!("\nmissed (marked, no mention):");
        for (doc, index, category) in &all.missed {
            eprintln!("  {doc}:{index} [{category}] {}", line(doc, *index));
        }
        eprintln!("\nmentions in unmarked sentences:");
        for (doc, index, category, term) in &all.wrong {
            eprintln!("  {doc}:{index} [{category}: {term}] {}", line(doc, *index));
        }
    }
}
