//! Markup shared by the renderers that write pages: escaping text for HTML
//! ([`esc`]) and for Markdown ([`md`]), and the stylesheet of the HTML
//! pages ([`STYLE`]: the report and the comparison). It knows nothing of
//! reports; the renderers (`html`, `svg`, `markdown`, `compare`) decide
//! what goes through it.

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The stylesheet of every HTML page, inlined in its `<style>`.
pub(super) const STYLE: &str = r#"
:root { --ink: #1d2430; --muted: #5b6474; --line: #d9dee6; --accent: #0b4f8a; --warn: #8a3b00; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
table { overflow-wrap: normal; } /* tables scroll in their own box; prose, file names and paths wrap */
h1 { font-size: 1.8rem; margin: 0.5rem 0; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 2px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
.summary { color: var(--muted); }
.alert { border-left: 6px solid var(--warn); background: #fff4e5; padding: 0.6rem 1rem; margin: 1rem 0; }
.alert h2 { border: 0; margin: 0 0 0.3rem; font-size: 1.1rem; color: var(--warn); }
.alert ul { margin: 0; padding-left: 1.2rem; }
.note { border-left: 6px solid var(--accent); background: #eef4fa; padding: 0.6rem 1rem; margin: 1rem 0; }
.note h2 { border: 0; margin: 0 0 0.3rem; font-size: 1.1rem; }
.note ul { margin: 0; padding-left: 1.2rem; }
.chart { width: 100%; max-width: 42rem; height: auto; display: block; }
.chart text { font-size: 13px; fill: var(--ink); }
.chart text.value { fill: var(--muted); }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.9rem; }
.legend span { display: inline-block; width: 0.9rem; height: 0.9rem; vertical-align: -0.1rem; margin-right: 0.3rem; border-radius: 2px; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.9rem; }
.legend .key { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 0.2rem; margin-right: 0.35rem; vertical-align: -0.1rem; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.5rem 1rem; }
.multiples figure { margin: 0; min-width: 0; }
.multiples figcaption { font-weight: 600; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.asks { border-collapse: separate; border-spacing: 0; width: auto; min-width: 100%; }
table.asks th, table.asks td { min-width: 4.5rem; max-width: 9rem; }
table.asks thead th { vertical-align: bottom; font-size: 0.85rem; }
table.asks th:first-child { width: 14rem; min-width: 11rem; max-width: 16rem; position: sticky; left: 0; z-index: 1; background: #fff; border-right: 1px solid var(--line); font-weight: normal; }
table.asks thead th:first-child { font-weight: 600; }
table.asks td.none { color: var(--line); text-align: center; }
table.asks td.nobody { display: none; }
@media (max-width: 600px) {
  table.asks, table.asks tbody, table.asks tr, table.asks th, table.asks td { display: block; min-width: 0; max-width: none; width: auto; }
  table.asks thead { display: none; }
  table.asks tr { border: 1px solid var(--line); border-radius: 0.4rem; margin: 0 0 0.6rem; padding: 0.3rem 0.5rem; }
  table.asks th:first-child { position: static; border: 0; font-weight: 600; padding: 0.2rem 0; }
  table.asks td { border: 0; padding: 0.15rem 0; }
  table.asks td.none { display: none; }
  table.asks td.nobody { display: block; color: var(--muted); }
  table.asks td[data-party]::before { content: attr(data-party) ": "; color: var(--muted); }
}
details summary { cursor: pointer; color: var(--accent); font-weight: 600; }
details blockquote { font-weight: normal; }
blockquote { margin: 0.3rem 0; padding: 0.3rem 0.8rem; border-left: 4px solid var(--line); }
.quote { margin: 0.5rem 0 1rem; }
.quote .who { font-weight: 600; }
.src { color: var(--muted); font-size: 0.85rem; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 0 0.4rem; border-radius: 0.6rem; background: var(--accent); color: #fff; margin-left: 0.3rem; }
.badge.against { background: var(--warn); }
.badge.proposal { background: var(--muted); }
.silent { color: var(--muted); font-size: 0.9rem; }
footer { color: var(--muted); font-size: 0.85rem; margin: 3rem 0 1rem; }
@media (max-width: 600px) { body { font-size: 15px; } main { padding: 0.6rem; } h1 { font-size: 1.45rem; } }
"#;

/// Escapes text for Markdown prose: every ASCII punctuation mark that can
/// start or end markup gets a backslash, and line breaks become spaces.
pub(super) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' | '{'
            | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_escapes_everything() {
        assert_eq!(
            esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn md_escapes_markup() {
        assert_eq!(md("a|b <x> *y* [z](u)"), r"a\|b \<x\> \*y\* \[z\](u)");
    }
}
