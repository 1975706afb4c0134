//! `mashup compare` on the 2015 and 2017 manifestos of the six parties the
//! coalition follows. The 2017 Labour and SNP manifestos are not in
//! `../shared/corpus`, so their Manifesto Project texts stand in.

use crate::util::{json, mashup, root, shared_dir};
use std::path::Path;

fn scan(paths: &[&Path], index: &Path, out: &Path) {
    mashup()
        .args(["scan", "--format", "json", "-o"])
        .arg(out)
        .args(paths)
        .arg("--index")
        .arg(index)
        .assert()
        .success();
}

#[test]
fn asks_gained_and_dropped_from_2015_to_2017_are_listed_with_their_quotes() {
    let Some(shared) = shared_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("2015.json"), dir.path().join("2017.json"));
    scan(
        &[&shared.join("corpus/uk-2015")],
        &root().join("docs/uk-2015-index.csv"),
        &old,
    );
    // The 2017 index: the shipped one (paths made absolute) and two texts.
    let shipped = std::fs::read_to_string(root().join("docs/uk-2017-index.csv")).unwrap();
    let mut index = String::from("file,party,year,country\n");
    for line in shipped.lines().skip(1) {
        let (file, rest) = line.split_once(',').unwrap();
        let file = std::fs::canonicalize(root().join("docs").join(file)).unwrap();
        index.push_str(&format!("\"{}\",{rest}\n", file.display()));
    }
    let texts = shared.join("text/manifesto-project-uk");
    for (file, party) in [
        ("Lab_2017.txt", "Labour"),
        ("SNP_2017.txt", "Scottish National Party"),
    ] {
        index.push_str(&format!(
            "\"{}\",{party},2017,UK\n",
            texts.join(file).display()
        ));
    }
    let index_path = dir.path().join("index-2017.csv");
    std::fs::write(&index_path, index).unwrap();
    scan(
        &[
            &shared.join("corpus/uk-2017"),
            &texts.join("Lab_2017.txt"),
            &texts.join("SNP_2017.txt"),
        ],
        &index_path,
        &new,
    );

    let out = mashup()
        .args(["compare", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let comparison: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let families = comparison["families"].as_array().unwrap();
    let family = |name: &str| {
        families
            .iter()
            .find(|f| f["family"] == name)
            .unwrap_or_else(|| panic!("{name} not compared: {comparison}"))
    };
    for name in [
        "Conservative",
        "Labour",
        "Liberal Democrat",
        "Green Party of England and Wales",
        "Scottish National Party",
        "Plaid Cymru",
    ] {
        let f = family(name);
        let changes = f["asks_gained"]
            .as_array()
            .unwrap()
            .iter()
            .chain(f["asks_dropped"].as_array().unwrap());
        for ask in changes {
            let text = ask["quote"]["text"].as_str().unwrap_or("");
            assert!(!text.is_empty(), "{name}: {ask} has no quote");
        }
    }
    // Checked by reading both manifestos: the Liberal Democrats' 2015
    // manifesto never names the Social Value Act, their 2017 one would
    // strengthen it; the Conservatives' 2015 manifesto supports the credit
    // union movement, their 2017 one never mentions credit unions.
    let ask = |f: &serde_json::Value, list: &str, id: &str| {
        f[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} not in {list} of {}", f["family"]))
    };
    let gained = ask(
        family("Liberal Democrat"),
        "asks_gained",
        "extend-social-value-act",
    );
    assert!(gained["quote"]["text"]
        .as_str()
        .unwrap()
        .contains("Social Value Act"));
    assert!(gained["quote"]["document"]
        .as_str()
        .unwrap()
        .ends_with("Manifesto-Final.pdf"));
    let dropped = ask(
        family("Conservative"),
        "asks_dropped",
        "support-credit-unions",
    );
    assert!(dropped["quote"]["text"]
        .as_str()
        .unwrap()
        .contains("credit union movement"));
    assert!(dropped["quote"]["document"]
        .as_str()
        .unwrap()
        .ends_with("2015-conservative-manifesto.pdf"));
    // The rates are the reports' own.
    let old_report = json(&std::fs::read(&old).unwrap());
    let labour_2015 = old_report["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["party"] == "Labour")
        .unwrap();
    assert_eq!(
        family("Labour")["old"]["policies_per_10k_words"],
        labour_2015["policies_per_10k_words"]
    );

    // The same in every format.
    for (format, needle) in [
        ("table", "+ Extend the Social Value Act"),
        ("markdown", "## Liberal Democrat"),
        ("html", "<h2>Liberal Democrat</h2>"),
    ] {
        let out = mashup()
            .args(["compare", "--format", format])
            .arg(&old)
            .arg(&new)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(needle), "{format}: {needle:?} missing");
        assert!(text.contains("credit union movement"), "{format}");
    }
}

#[test]
fn compare_names_a_file_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"schema_version\": 5}").unwrap();
    let out = mashup()
        .arg("compare")
        .arg(&bad)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.json") && stderr.contains("schema_version 5"),
        "{stderr}"
    );
}
