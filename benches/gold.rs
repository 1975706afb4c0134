//! Recall and precision of a lexicon on the development gold set (`benches/gold/`), per
//! category and overall, per manifesto and for all of them.
//!
//! Run: `cargo bench --bench gold` (the built-in lexicon), or
//! `cargo bench --bench gold -- LEXICON.toml`. With `GOLD_SHOW=1` it also lists, on stderr,
//! the marked sentences the lexicon misses and the mentions it finds in unmarked sentences,
//! with their text from `../shared` (for developing the lexicon; the text never enters the
//! repository). With `GOLD_RULES=1` it lists every mention of the lexicon's rules in all
//! the Manifesto Project texts, with its line, for reviewing their precision beyond the
//! gold set. Skips (prints a message) when ../shared is missing.
//!
//! Recall counts marked body lines whose sentence holds a mention ("found": wrapped lines
//! re-joined, as the pipeline reads them; the same figures by line are printed after);
//! "in category" requires a mention of the corresponding lexicon category. Precision counts
//! mentions that fall in a marked sentence of any category, headings included (the
//! annotation guide's definitions, `../shared/annotation/GUIDE.md`).

#[path = "gold/intl.rs"]
mod intl;
#[path = "gold/score.rs"]
mod score;
#[path = "gold/stance.rs"]
mod stance;

use std::path::Path;

use manifesto_mashup::lexicon::Lexicon;
use manifesto_mashup::matcher::Matcher;

/// Prints each rule mention in every text of `texts` (one line per mention) and how many
/// each rule made.
fn list_rule_mentions(texts: &Path, lexicon: &Lexicon) {
    let matcher = Matcher::new(lexicon).unwrap_or_else(|e| panic!("{e}"));
    let mut paths: Vec<_> = std::fs::read_dir(texts)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut per_rule = std::collections::BTreeMap::<String, usize>::new();
    for path in paths {
        let raw = std::fs::read(&path).unwrap_or_default();
        let text = String::from_utf8_lossy(&raw);
        let name = path.file_stem().unwrap_or_default().to_string_lossy();
        for (index, line) in text.lines().enumerate() {
            let sentences = manifesto_mashup::text::sentence_ranges(line);
            for hit in matcher.scan(line, &sentences).0 {
                if matcher.is_rule(hit.term) {
                    let rule = matcher.term_text(hit.term);
                    *per_rule.entry(rule.to_string()).or_default() += 1;
                    eprintln!(
                        "{name}:{index} [{rule}: {}] {line}",
                        &line[hit.start..hit.end]
                    );
                }
            }
        }
    }
    for (rule, n) in per_rule {
        eprintln!("{n:5} {rule}");
    }
}

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
    let score =
        |unit| score::score_all(root, &texts, &lexicon, unit).unwrap_or_else(|e| panic!("{e}"));
    let (each, all) = score(score::Unit::Sentence);
    let (each_line, all_line) = score(score::Unit::Line);
    println!("recall by sentence (wrapped lines re-joined, as `mashup scan` reads), and by line");
    for (doc, by_line) in each.iter().zip(&each_line) {
        let t = doc.score.total();
        let layout = match doc.layout {
            score::Layout::Sentences => "",
            score::Layout::Wrapped => "  (wrapped lines)",
            score::Layout::Columns => "  (columns interleaved: not in the totals)",
        };
        println!(
            "{:14} gold {:4}  found {:4}  recall {}  by line {}  mentions {:4}  precision {}{layout}",
            doc.name,
            t.gold,
            t.found,
            pct(t.recall()),
            pct(by_line.score.total().recall()),
            t.mentions,
            pct(t.precision())
        );
    }
    print_table("all gold manifestos, by sentence", &all);
    print_table("all gold manifestos, by line", &all_line);
    // The PDFs from outside the UK are read once, for both (with OCR, the slow part).
    let intl_golds = intl::load_all(root, &root.join("../shared/manifestos-intl"))
        .unwrap_or_else(|e| panic!("{e}"));
    score_intl(&intl_golds, &lexicon);
    score_stances(root, &texts, &intl_golds);
    if std::env::var_os("GOLD_RULES").is_some() {
        list_rule_mentions(&texts, &lexicon);
    }
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
        eprintln!("\nfound only by mentions of other categories:");
        for (doc, index, category) in &all.off_category {
            eprintln!("  {doc}:{index} [{category}] {}", line(doc, *index));
        }
        eprintln!("\nmentions in unmarked sentences:");
        for (doc, index, category, term) in &all.wrong {
            eprintln!("  {doc}:{index} [{category}: {term}] {}", line(doc, *index));
        }
    }
}

/// The blind gold on manifestos from outside the UK: per manifesto, per country, and all,
/// with each country's edition of the lexicon (as an index's `country` column selects it)
/// and without (the common terms alone, as a document of no known country is matched).
fn score_intl(golds: &[intl::IntlGold], lexicon: &Lexicon) {
    if golds.is_empty() {
        return;
    }
    let common = lexicon.for_country(None);
    let common_matcher = Matcher::new(&common).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "\nmanifestos from outside the UK (benches/gold/intl/), by sentence as read from the PDF: \
         with the country's edition, and (after /) without"
    );
    let mut by_country: std::collections::BTreeMap<String, (score::Score, score::Score)> =
        Default::default();
    let mut all = (score::Score::default(), score::Score::default());
    let figures = |on: &score::Tally, off: &score::Tally| {
        format!(
            "gold {:4}  found {:4}/{:4}  recall {}/{}  mentions {:4}/{:4}  precision {}/{}",
            on.gold,
            on.found,
            off.found,
            pct(on.recall()),
            pct(off.recall()),
            on.mentions,
            off.mentions,
            pct(on.precision()),
            pct(off.precision())
        )
    };
    for gold in golds {
        let edition = lexicon.for_country(Some(&gold.country));
        let matcher = Matcher::new(&edition).unwrap_or_else(|e| panic!("{e}"));
        let on = score::score(&gold.doc, &matcher, &edition, score::Unit::Line);
        let off = score::score(&gold.doc, &common_matcher, &common, score::Unit::Line);
        let lost = if gold.lost.is_empty() {
            String::new()
        } else {
            format!(
                "  ({} marked sentences lost: the text changed)",
                gold.lost.len()
            )
        };
        println!(
            "{:36} {}{lost}",
            gold.doc.name,
            figures(&on.total(), &off.total())
        );
        if std::env::var_os("GOLD_SHOW").is_some() {
            let line = |i: usize| gold.doc.lines.get(i).cloned().unwrap_or_default();
            for (doc, i, category) in &on.missed {
                eprintln!("  missed {doc}:{i} [{category}] {}", line(*i));
            }
            for (doc, i, category, term) in &on.wrong {
                eprintln!("  wrong  {doc}:{i} [{category}: {term}] {}", line(*i));
            }
        }
        let country = by_country.entry(gold.country.clone()).or_default();
        country.0.add(on.clone());
        country.1.add(off.clone());
        all.0.add(on);
        all.1.add(off);
    }
    for (country, (on, off)) in &by_country {
        println!(
            "{:36} {}",
            format!("country {country}"),
            figures(&on.total(), &off.total())
        );
    }
    println!("{:36} {}", "all", figures(&all.0.total(), &all.1.total()));
    print_table(
        "all manifestos from outside the UK, with their editions",
        &all.0,
    );
}

/// Pledges, proposals and mentions: the annotators' class of every marked body sentence
/// against the tool's, on the UK gold (its totals' texts) and the gold from outside the UK.
fn score_stances(root: &Path, texts: &Path, intl_golds: &[intl::IntlGold]) {
    let mut uk = stance::Confusion::default();
    for file in score::gold_files(root) {
        let doc = score::load(&file, texts).unwrap_or_else(|e| panic!("{e}"));
        if doc.layout() == score::Layout::Columns {
            continue;
        }
        uk.add(&stance::confusion(&doc, None, stance::uk_party(&doc.name)));
    }
    let mut intl = stance::Confusion::default();
    for gold in intl_golds {
        intl.add(&stance::confusion(
            &gold.doc,
            Some(&gold.starts_block),
            &gold.party,
        ));
    }
    let mut all = uk;
    all.add(&intl);
    println!("\npledges, proposals and mentions of the marked body sentences (rows: annotators; columns: mashup)");
    for (title, c) in [("UK gold", &uk), ("outside the UK", &intl), ("both", &all)] {
        println!(
            "\n{title}: {} sentences, accuracy {}",
            c.total(),
            pct(c.accuracy())
        );
        println!(
            "{:12} {:>8} {:>8} {:>8} {:>8} {:>9}",
            "", "pledge", "proposal", "mention", "recall", "precision"
        );
        for (i, (name, s)) in [
            ("pledge", score::Stance::Pledge),
            ("proposal", score::Stance::Proposal),
            ("mention", score::Stance::Mention),
        ]
        .into_iter()
        .enumerate()
        {
            println!(
                "{:12} {:8} {:8} {:8} {:>8} {:>9}",
                name,
                c.0[i][0],
                c.0[i][1],
                c.0[i][2],
                pct(c.recall(s)),
                pct(c.precision(s))
            );
        }
    }
}
