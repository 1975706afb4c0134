//! `mashup lexicon import`, end to end: the converted file is written whole, passes
//! `mashup lexicon check`, and entries left out are listed on stderr with file:line.

use crate::util::mashup;
use std::fs;

#[test]
fn wordstat_import_writes_a_lexicon_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("social.cat");
    fs::write(
        &cat,
        "SOCIAL ECONOMY\n\tCO-OPS\n\t\tCO-OPERATIVE* (1)\n\t\tMUTUAL_SOCIET* (1)\n\
         \tCHARITY\n\t\tCHARIT* (1)\n\t\t*GIVING (1)\n",
    )
    .unwrap();
    let out = dir.path().join("social.toml");
    let run = mashup()
        .args(["lexicon", "import"])
        .arg(&cat)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "an entry was left out");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("social.cat:7:3: term \"*GIVING\" skipped: a leading `*`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 categories, 3 terms imported, 1 entries left out"),
        "{stderr}"
    );
    let check = mashup()
        .args(["lexicon", "check"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(check.status.success());
    assert_eq!(
        String::from_utf8_lossy(&check.stdout),
        "social imported: ok: 2 categories, 3 terms, 0 asks, 0 rules\n"
    );
    let show = mashup()
        .args(["lexicon", "show"])
        .arg(&out)
        .output()
        .unwrap();
    let show = String::from_utf8_lossy(&show.stdout);
    assert!(
        show.contains("[SOCIAL ECONOMY/CO-OPS] SOCIAL ECONOMY / CO-OPS"),
        "{show}"
    );
    assert!(
        show.contains("terms:   CO-OPERATIVE*, MUTUAL SOCIET*"),
        "{show}"
    );
}

#[test]
fn yaml_import_to_stdout_exits_0_when_everything_converts() {
    let dir = tempfile::tempdir().unwrap();
    let yml = dir.path().join("d.yml");
    fs::write(&yml, "finance:\n  - credit union*\n  - social investment\n").unwrap();
    let run = mashup()
        .args(["lexicon", "import"])
        .arg(&yml)
        .output()
        .unwrap();
    assert!(run.status.success());
    let toml = String::from_utf8_lossy(&run.stdout);
    assert!(toml.contains("id = \"finance\""), "{toml}");
    assert!(toml.contains("  \"credit union*\",\n"), "{toml}");
}

#[test]
fn unreadable_dictionaries_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let dic = dir.path().join("broken.dic");
    fs::write(&dic, "good\t1\n").unwrap();
    let run = mashup()
        .args(["lexicon", "import"])
        .arg(&dic)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("broken.dic:1:1: a LIWC dictionary starts with its category legend"),
        "{stderr}"
    );
    let txt = dir.path().join("words.txt");
    fs::write(&txt, "x\n").unwrap();
    let run = mashup()
        .args(["lexicon", "import"])
        .arg(&txt)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--from"));
}

/// Issue 9: a LIWC dictionary lists a word in every category it counts for.
/// The import keeps each membership and exits 0, and a scan with the result
/// counts a match once as a mention and once in each of its categories.
#[test]
fn liwc_terms_in_two_categories_are_kept_in_both_and_counted_in_both() {
    let dir = tempfile::tempdir().unwrap();
    let dic = dir.path().join("coop.dic");
    fs::write(
        &dic,
        "%\n1\tcoops\n2\tfinance\n%\nco-operative*\t1\ncredit union*\t1 2\nbank*\t2\n",
    )
    .unwrap();
    let out = dir.path().join("coop.toml");
    let run = mashup()
        .args(["lexicon", "import"])
        .arg(&dic)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let toml = fs::read_to_string(&out).unwrap();
    assert_eq!(toml.matches("\"credit union*\"").count(), 2, "{toml}");
    let text = dir.path().join("party.txt");
    fs::write(&text, "We will back credit unions and co-operatives.\n").unwrap();
    let scan = mashup()
        .args(["scan", "--format", "json", "--lexicon"])
        .arg(&out)
        .arg(&text)
        .output()
        .unwrap();
    assert!(scan.status.success());
    let report = crate::util::json(&scan.stdout);
    let doc = &report["documents"][0];
    assert_eq!(doc["mentions"], 2);
    assert_eq!(doc["policies"], 1);
    assert_eq!(doc["by_category"]["coops"], 2);
    assert_eq!(doc["by_category"]["finance"], 1);
    let categories: Vec<&serde_json::Value> = doc["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["categories"])
        .collect();
    assert_eq!(
        categories,
        [
            &serde_json::json!(["coops", "finance"]),
            &serde_json::json!(["coops"])
        ]
    );
}
