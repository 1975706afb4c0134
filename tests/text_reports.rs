//! The report over the 131 Manifesto Project texts of `../shared`, pinned by
//! its digest: the speed work on the text path (issue 10, item 6: judge and
//! segment only what a mention or an ask needs) must not change a byte of
//! it. The digest was taken before that work began.
//!
//! When a change is meant to change counts (the lexicon, the matcher's or
//! the pledge rules, the report schema), update the digest in the same
//! commit and say why; never to make a speed change pass.

mod util;

use sha1::{Digest, Sha1};
use util::{mashup, shared_file};

/// SHA-1 of `mashup scan -j 1 manifesto-project-uk --format json`, run in
/// `../shared/text`. Changed last by schema version 7 (OCR: `text_source`,
/// `ocr`, `ocr_pages`, `ocr_documents`): with those fields removed and
/// `schema_version` set back to 6, the report re-serialised hashes to
/// version 6's pin, `d8e787088ee008554294d250632fda36a761887b` (checked when
/// it was pinned), so counts, excerpts and quotes are unchanged.
const REPORT_SHA1: &str = "df7eb998697813acaad170e8efa294e4959acddd";

#[test]
fn the_text_report_is_unchanged() {
    let Some(texts) = shared_file("text/manifesto-project-uk") else {
        return;
    };
    let out = mashup()
        .current_dir(texts.parent().unwrap())
        .args([
            "scan",
            "-j",
            "1",
            "manifesto-project-uk",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let report = util::json(&out.stdout);
    assert_eq!(report["totals"]["documents"], 131);
    let digest: String = Sha1::digest(&out.stdout)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        digest, REPORT_SHA1,
        "the report over the shared texts changed"
    );
}
