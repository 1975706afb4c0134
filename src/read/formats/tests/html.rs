//! The HTML reader on pages and bodies written here.

use crate::read::formats::{govuk, html, DateRole, DocKind, Locator};

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Social enterprise action plan - GOV.UK</title>
  <meta name="govuk:format" content="policy_paper">
  <meta name="govuk:first-published-at" content="2016-11-08T00:00:00+00:00">
  <meta name="govuk:updated-at" content="2017-01-02T23:30:00+00:00">
  <meta name="govuk:organisations" content="<D6><D1198>">
  <meta name="govuk:primary-publishing-organisation" content="Cabinet Office">
  <link rel="canonical" href="https://www.gov.uk/government/publications/social-enterprise-action-plan">
  <script>var cookies = "no text here";</script>
  <style>p { color: red }</style>
</head>
<body>
  <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
  <div id="global-cookie-message" class="gem-c-cookie-banner"><p>Cookies on GOV.UK</p></div>
  <header role="banner"><p>GOV.UK header text</p></header>
  <nav><ul><li>Navigation item</li></ul></nav>
  <main id="main-content" class="govuk-main-wrapper">
    <h1 id="title">Social enterprise action plan</h1>
    <p>Published <time datetime="2016-11-08">8 November 2016</time></p>
    <div class="govspeak">
      <aside class="stat-headline"><p><em>£10m</em> for co-operatives</p></aside>
      <h2 id="summary">Summary</h2>
      <p>The <abbr title="government">gov</abbr>ernment will back <strong>social</strong> <a href="/x">enter</a>prises.<sup id="fnref:1"><a href="#fn:1" class="footnote">1</a></sup> CO<sub>2</sub> falls.</p>
      <ul><li><p>First   ask,
         over two lines</p></li><li>Second<br>ask</li></ul>
      <p hidden>Hidden paragraph</p>
      <p aria-hidden="true">Aria hidden</p>
      <h3>Table</h3>
      <table><thead><tr><th></th><th>2017</th></tr></thead>
        <tbody><tr><th>Mutuals</th><td><p>12</p></td></tr></tbody></table>
      <dl><dt>Term</dt><dd>Definition</dd></dl>
      <blockquote><p>Quoted</p></blockquote>
      <pre>line one
line two</pre>
      <div class="footnotes"><ol><li id="fn:1"><p>A footnote. <a href="#fnref:1" class="reversefootnote">↩</a></p></li></ol></div>
    </div>
    <aside class="govuk-related-items" role="complementary"><h2>Related content</h2><p>Sidebar</p></aside>
    <form><p>Is this page useful?</p></form>
  </main>
  <footer><p>Footer text</p></footer>
</body>
</html>"##;

#[test]
fn a_page_reads_its_main_content_only() {
    let doc = html::read(PAGE.as_bytes()).expect("reads");
    let all: Vec<&str> = doc
        .sections
        .iter()
        .flat_map(|s| s.heading.iter().chain(s.paragraphs.iter()))
        .map(String::as_str)
        .collect();
    let text = all.join("\n");
    for absent in [
        "Skip to",
        "Cookies",
        "header text",
        "Navigation",
        "Footer",
        "no text here",
        "color",
        "Hidden",
        "Aria",
        "Sidebar",
        "Related",
        "useful",
        "↩",
    ] {
        assert!(!text.contains(absent), "{absent:?} read:\n{text}");
    }
    for present in [
        "£10m for co-operatives",
        "The government will back social enterprises. CO2 falls.",
        "First ask, over two lines",
        "Second ask",
        "2017",
        "Mutuals | 12",
        "Term",
        "Definition",
        "Quoted",
        "line one line two",
        "A footnote.",
    ] {
        assert!(
            all.contains(&present),
            "{present:?} not a paragraph of:\n{text}"
        );
    }
    let summary = doc
        .sections
        .iter()
        .find(|s| s.heading.as_deref() == Some("Summary"))
        .expect("a Summary section");
    assert_eq!(
        summary.locator,
        Locator::Heading {
            text: "Summary".into(),
            anchor: Some("summary".into())
        }
    );
    let table = doc
        .sections
        .iter()
        .find(|s| s.heading.as_deref() == Some("Table"))
        .expect("a Table section");
    assert_eq!(
        table.locator,
        Locator::Heading {
            text: "Table".into(),
            anchor: None
        }
    );
    assert_eq!(
        doc.sections[0].locator,
        Locator::Heading {
            text: "Social enterprise action plan".into(),
            anchor: Some("title".into())
        }
    );

    let meta = &doc.meta;
    assert_eq!(meta.title.as_deref(), Some("Social enterprise action plan"));
    assert_eq!(meta.kind, Some(DocKind::PolicyPaper));
    assert_eq!(meta.departments, ["Cabinet Office"]);
    assert_eq!(
        meta.url.as_deref(),
        Some("https://www.gov.uk/government/publications/social-enterprise-action-plan")
    );
    let dates: Vec<(&str, DateRole)> = meta
        .dates
        .iter()
        .map(|d| (d.date.as_str(), d.role))
        .collect();
    assert_eq!(
        dates,
        [
            ("2016-11-08", DateRole::Published),
            ("2017-01-02", DateRole::Updated)
        ]
    );
    for s in &doc.sections {
        for p in &s.paragraphs {
            assert!(!p.is_empty() && !p.contains('\n') && p.trim() == p);
        }
    }
}

#[test]
fn a_page_without_main_drops_its_furniture() {
    let page = "<html><head><title>Plain</title><meta property='og:title' content='Plain page'>\
        <meta property='article:published_time' content='2020-03-12T23:00:00+00:00'></head><body>\
        <header>Masthead</header><nav>Menu</nav><p>Intro text.</p><h2 id='a'>Part A</h2><p>Body A.</p>\
        <aside>Sidebar</aside><footer>Footer</footer></body></html>";
    let doc = html::read(page.as_bytes()).expect("reads");
    assert_eq!(doc.meta.title.as_deref(), Some("Plain page"));
    assert_eq!(doc.meta.dates[0].date, "2020-03-12");
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.sections[0].locator, Locator::Whole);
    assert_eq!(doc.sections[0].paragraphs, ["Intro text."]);
    assert_eq!(doc.sections[1].paragraphs, ["Body A."]);
    assert!(doc.warnings.iter().any(|w| w.contains("no main element")));
}

#[test]
fn a_page_is_decoded_per_its_charset() {
    let mut page = b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'></head><body><main><p>Caf".to_vec();
    page.push(0xE9);
    page.extend_from_slice(b" \x93quoted\x94</p></main></body></html>");
    let doc = html::read(&page).expect("reads");
    assert_eq!(doc.sections[0].paragraphs, ["Café \u{201c}quoted\u{201d}"]);

    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "<main><p>Co-op</p></main>".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let doc = html::read(&utf16).expect("reads");
    assert_eq!(doc.sections[0].paragraphs, ["Co-op"]);
}

#[test]
fn a_body_fragment_splits_at_headings() {
    let sections = html::body_sections(
        "<p>Lead <strong>in</strong>.</p><h2 id='one'>One</h2><p>A</p><h3>Two</h3><h4 id='three'>Three</h4><p>B</p>",
    );
    let shape: Vec<(Option<&str>, usize)> = sections
        .iter()
        .map(|s| (s.heading.as_deref(), s.paragraphs.len()))
        .collect();
    assert_eq!(
        shape,
        [
            (None, 1),
            (Some("One"), 1),
            (Some("Two"), 0),
            (Some("Three"), 1)
        ]
    );
    assert_eq!(sections[0].locator, Locator::Whole);
    assert_eq!(sections[0].paragraphs, ["Lead in."]);
    assert!(html::body_sections("").is_empty());
    assert!(html::body_sections("<script>x</script>").is_empty());
}

#[test]
fn govuk_parts_sit_under_their_titles() {
    let item = br#"{"base_path": "/foreign-travel-advice/x", "document_type": "travel_advice", "title": "X",
        "details": {"parts": [{"slug": "summary", "title": "Summary", "body": "<p>Stay safe.</p>"},
                              {"slug": "money", "title": "Money", "body": "<h3 id='cash'>Cash</h3><p>Cards work.</p>"}]}}"#;
    let doc = govuk::read(item).expect("reads");
    let shape: Vec<(Option<&str>, Vec<String>)> = doc
        .sections
        .iter()
        .map(|s| (s.heading.as_deref(), s.paragraphs.clone()))
        .collect();
    assert_eq!(shape[0], (Some("Summary"), vec!["Stay safe.".to_string()]));
    assert_eq!(shape[1], (Some("Money"), vec![]));
    assert_eq!(shape[2], (Some("Cash"), vec!["Cards work.".to_string()]));
    assert_eq!(
        doc.sections[0].locator,
        Locator::Heading {
            text: "Summary".into(),
            anchor: Some("summary".into())
        }
    );
}

#[test]
fn budget_kind_rule() {
    let item = |doc_type: &str, title: &str| {
        format!(
            r#"{{"base_path": "/p", "document_type": "{doc_type}", "title": "{title}", "details": {{"body": "<p>x</p>"}}}}"#
        )
    };
    let kind = |doc_type: &str, title: &str| {
        govuk::read(item(doc_type, title).as_bytes())
            .expect("reads")
            .meta
            .kind
    };
    assert_eq!(
        kind("html_publication", "Autumn Budget 2017"),
        Some(DocKind::Budget)
    );
    assert_eq!(
        kind("policy_paper", "Budget 2016: documents"),
        Some(DocKind::Budget)
    );
    assert_eq!(
        kind("policy_paper", "Charter for Budget Responsibility"),
        Some(DocKind::PolicyPaper)
    );
    assert_eq!(
        kind(
            "html_publication",
            "Office for Budget Responsibility report"
        ),
        Some(DocKind::Other)
    );
    assert_eq!(
        kind("speech", "Spring Budget 2017: speech"),
        Some(DocKind::Speech)
    );
    assert_eq!(
        kind("closed_consultation", "A consultation"),
        Some(DocKind::Consultation)
    );
    assert_eq!(kind("some_new_type", "X"), Some(DocKind::Other));
}
