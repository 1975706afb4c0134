//! Inline SVG charts for the HTML report: a ranking bar chart, a stacked
//! bar chart and a line chart of trends. Hand-written because such charts are ~250 lines,
//! while a charting crate would bring a renderer, fonts or JavaScript for no
//! gain; the output is plain SVG elements that need no script and no network.
//!
//! Layout: one row per party, the name on a line of its own above the bar,
//! so long party names never squeeze the bars and the chart stays readable
//! when the browser scales it down to a phone's width (the `viewBox` scales,
//! the page sets `width: 100%`).

use super::markup::esc;
use std::fmt::Write;

/// Width of the drawing in SVG units: narrow, so that a phone scales the
/// 13-unit labels to about 10 px (the page caps the chart's width on large
/// screens).
const WIDTH: f64 = 480.0;
/// Room left of a bar's end for its value label.
const VALUE_ROOM: f64 = 80.0;
/// Height of one party's row (name line plus bar).
const ROW: f64 = 40.0;
const BAR: f64 = 16.0;

/// Colour-blind-safe colours (Okabe and Ito), then two more; reused in
/// order when a lexicon has more categories.
pub const PALETTE: [&str; 10] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
    "#882255", "#44AA99",
];

/// One party's row of the ranking chart.
pub struct RankBar<'a> {
    /// Party name.
    pub label: &'a str,
    /// Policies: the bar's length.
    pub total: u64,
    /// Pledged policies: a darker bar inside it.
    pub pledges: u64,
}

/// The ranking: one `rect.bar` per party (policies), with a `rect.pledges`
/// inside it, values written at the end.
pub fn ranking_chart(id: &str, title: &str, rows: &[RankBar<'_>]) -> String {
    let max = rows.iter().map(|r| r.total).max().unwrap_or(0).max(1) as f64;
    let scale = (WIDTH - VALUE_ROOM) / max;
    let height = ROW * rows.len() as f64 + 8.0;
    let mut svg = open(id, title, height);
    for (i, r) in rows.iter().enumerate() {
        let y = ROW * i as f64;
        let w = r.total as f64 * scale;
        let pw = r.pledges.min(r.total) as f64 * scale;
        let _ = write!(
            svg,
            r##"<g class="row"><text class="name" x="0" y="{ty:.1}">{name}</text><rect class="bar" data-party="{name}" x="0" y="{by:.1}" width="{w:.1}" height="{BAR}" fill="#8fb8de"><title>{name}: {total} policies, {pledges} pledged</title></rect><rect class="pledges" x="0" y="{by:.1}" width="{pw:.1}" height="{BAR}" fill="#0b4f8a"/><text class="value" x="{vx:.1}" y="{vy:.1}">{total} ({pledges})</text></g>"##,
            ty = y + 13.0,
            by = y + 18.0,
            vy = y + 18.0 + BAR - 3.0,
            vx = w + 6.0,
            name = esc(r.label),
            total = r.total,
            pledges = r.pledges,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One party's row of the stacked chart: counts per series, in series order.
pub struct StackBar<'a> {
    /// Party name.
    pub label: &'a str,
    /// One count per series.
    pub values: Vec<u64>,
}

/// A stacked bar per party (`rect.stack` as the row, one `rect.seg` per
/// non-zero series, coloured from [`PALETTE`] by series index).
pub fn stacked_chart(id: &str, title: &str, series: &[&str], rows: &[StackBar<'_>]) -> String {
    let max = rows
        .iter()
        .map(|r| r.values.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let scale = (WIDTH - VALUE_ROOM) / max;
    let height = ROW * rows.len() as f64 + 8.0;
    let mut svg = open(id, title, height);
    for (i, r) in rows.iter().enumerate() {
        let y = ROW * i as f64;
        let total: u64 = r.values.iter().sum();
        let _ = write!(
            svg,
            r#"<g class="row"><text class="name" x="0" y="{:.1}">{}</text><rect class="stack" data-party="{}" x="0" y="{:.1}" width="{:.1}" height="{BAR}" fill="none"/>"#,
            y + 13.0,
            esc(r.label),
            esc(r.label),
            y + 18.0,
            total as f64 * scale,
        );
        let mut x = 0.0;
        for (k, &n) in r.values.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let w = n as f64 * scale;
            let _ = write!(
                svg,
                r#"<rect class="seg" x="{x:.1}" y="{:.1}" width="{w:.1}" height="{BAR}" fill="{}"><title>{}: {} {n}</title></rect>"#,
                y + 18.0,
                PALETTE[k % PALETTE.len()],
                esc(r.label),
                esc(series.get(k).copied().unwrap_or("")),
            );
            x += w;
        }
        let _ = write!(
            svg,
            r#"<text class="value" x="{:.1}" y="{:.1}">{total}</text></g>"#,
            x + 6.0,
            y + 18.0 + BAR - 3.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One line of a line chart: a value per x label, `None` for a gap.
pub struct Line<'a> {
    /// What the line is (a party family).
    pub label: &'a str,
    /// Its colour.
    pub colour: &'a str,
    /// One value per x label.
    pub points: &'a [Option<f64>],
}

/// A line chart: x labels evenly spaced (written upright under the axis,
/// every one when they fit, else every second or third), y from 0 to the
/// largest value with three grid lines; one `polyline.line` per run of
/// points without a gap, and a `circle` per point with its value as a tooltip.
pub fn line_chart(id: &str, title: &str, x_labels: &[String], lines: &[Line<'_>]) -> String {
    const LEFT: f64 = 34.0;
    const TOP: f64 = 10.0;
    const PLOT_HEIGHT: f64 = 170.0;
    const BOTTOM: f64 = 44.0;
    let height = TOP + PLOT_HEIGHT + BOTTOM;
    let max = lines
        .iter()
        .flat_map(|l| l.points.iter().flatten())
        .fold(0.0_f64, |a, &b| a.max(b))
        .max(1.0);
    let top_value = (max / 5.0).ceil() * 5.0;
    let plot_width = WIDTH - LEFT - 8.0;
    let step = plot_width / (x_labels.len().max(2) - 1) as f64;
    let x = |i: usize| LEFT + step * i as f64;
    let y = |v: f64| TOP + PLOT_HEIGHT * (1.0 - v / top_value);
    let mut svg = open(id, title, height);
    for k in 0..=3 {
        let v = top_value * k as f64 / 3.0;
        let _ = write!(
            svg,
            r##"<line class="grid" x1="{LEFT}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}" stroke="#d9dee6"/><text class="value" x="{:.1}" y="{:.1}" text-anchor="end">{v:.0}</text>"##,
            LEFT + plot_width,
            LEFT - 4.0,
            y(v) + 4.0,
            yy = y(v),
        );
    }
    // Labels upright, 13 units tall: one per 30 units of width at most.
    let every = ((30.0 / step).ceil() as usize).max(1);
    for (i, label) in x_labels.iter().enumerate() {
        if i % every != 0 && i + 1 != x_labels.len() {
            continue;
        }
        let _ = write!(
            svg,
            r#"<text class="x" x="{:.1}" y="{:.1}" text-anchor="end" transform="rotate(-60 {:.1} {:.1})">{}</text>"#,
            x(i),
            TOP + PLOT_HEIGHT + 12.0,
            x(i),
            TOP + PLOT_HEIGHT + 12.0,
            esc(label)
        );
    }
    for line in lines {
        let mut run: Vec<String> = Vec::new();
        let flush = |run: &mut Vec<String>, svg: &mut String| {
            if run.len() >= 2 {
                let _ = write!(
                    svg,
                    r#"<polyline class="line" data-family="{}" fill="none" stroke="{}" stroke-width="2.5" points="{}"/>"#,
                    esc(line.label),
                    line.colour,
                    run.join(" ")
                );
            }
            run.clear();
        };
        for (i, point) in line.points.iter().enumerate() {
            match point {
                Some(v) => {
                    run.push(format!("{:.1},{:.1}", x(i), y(*v)));
                    let _ = write!(
                        svg,
                        r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{}"><title>{}, {}: {v:.1}</title></circle>"#,
                        x(i),
                        y(*v),
                        line.colour,
                        esc(line.label),
                        esc(&x_labels[i])
                    );
                }
                None => flush(&mut run, &mut svg),
            }
        }
        flush(&mut run, &mut svg);
    }
    svg.push_str("</svg>");
    svg
}

fn open(id: &str, title: &str, height: f64) -> String {
    format!(
        r#"<svg id="{id}" class="chart" viewBox="0 0 {WIDTH} {height:.0}" role="img" aria-labelledby="{id}-title"><title id="{id}-title">{}</title>"#,
        esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bar_per_row_scaled_to_the_largest() {
        let svg = ranking_chart(
            "r",
            "Ranking",
            &[
                RankBar {
                    label: "A & B",
                    total: 10,
                    pledges: 4,
                },
                RankBar {
                    label: "<C>",
                    total: 5,
                    pledges: 0,
                },
            ],
        );
        assert_eq!(svg.matches(r#"class="bar""#).count(), 2);
        assert!(
            svg.contains(r#"data-party="A &amp; B" x="0" y="18.0" width="400.0""#),
            "{svg}"
        );
        assert!(svg.contains(r#"width="200.0""#), "{svg}");
        assert!(svg.contains("&lt;C&gt;") && !svg.contains("<C>"));
        assert!(
            svg.contains(r#"<rect class="pledges" x="0" y="18.0" width="160.0""#),
            "{svg}"
        );
    }

    #[test]
    fn empty_and_zero_charts_do_not_divide_by_zero() {
        let svg = ranking_chart("r", "t", &[]);
        assert!(svg.ends_with("</svg>"));
        let svg = stacked_chart(
            "s",
            "t",
            &["x"],
            &[StackBar {
                label: "A",
                values: vec![0],
            }],
        );
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert_eq!(svg.matches(r#"class="seg""#).count(), 0);
    }

    #[test]
    fn segments_follow_each_other() {
        let svg = stacked_chart(
            "s",
            "t",
            &["one", "two", "three"],
            &[StackBar {
                label: "A",
                values: vec![1, 0, 3],
            }],
        );
        assert_eq!(svg.matches(r#"class="seg""#).count(), 2);
        assert!(svg.contains(r##"<rect class="seg" x="0.0" y="18.0" width="100.0" height="16" fill="#0072B2"><title>A: one 1</title>"##), "{svg}");
        assert!(
            svg.contains(r##"x="100.0" y="18.0" width="300.0" height="16" fill="#009E73""##),
            "{svg}"
        );
    }
}
