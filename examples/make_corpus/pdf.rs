//! Content streams and the PDF object graph for the corpus generator.

use std::fmt::Write as _;
use std::io;

use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::fonts::Face;
use super::layout::{layout, Page};
use super::{parse, Spec, TextOps, FRAME_BOTTOM, MARGIN, PAGE_H, PAGE_W};

// ---------------------------------------------------------------------------------------------
// Content streams. Written by hand rather than through lopdf's `Content`, so that numbers are
// spelled the way typesetters spell them (`72.5`, never `72.5000001`) and the bytes stay stable.
// ---------------------------------------------------------------------------------------------

/// A number with at most two decimals and no trailing zeros.
fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

fn content_stream(spec: &Spec, page: &Page, number: usize) -> io::Result<Vec<u8>> {
    let m = &spec.metrics;
    let mut out = String::new();
    let head_size = 8.0;
    // Running head and rule, then the body, then the folio: the order most producers use.
    let _ = writeln!(
        out,
        "q 0.35 g BT /F1 {} Tf {} {} Td {} Tj ET Q",
        num(head_size),
        num(MARGIN),
        num(PAGE_H - 46.0),
        m.show(Face::Regular, spec.running_head)?
    );
    let _ = writeln!(
        out,
        "q 0.5 w 0.6 G {} {} m {} {} l S Q",
        num(MARGIN),
        num(PAGE_H - 52.0),
        num(PAGE_W - MARGIN),
        num(PAGE_H - 52.0)
    );
    for top in &page.column_rules {
        let mid = PAGE_W / 2.0;
        let _ = writeln!(
            out,
            "q 0.3 w 0.75 G {} {} m {} {} l S Q",
            num(mid),
            num(top - 4.0),
            num(mid),
            num(FRAME_BOTTOM)
        );
    }
    match spec.ops {
        TextOps::AbsoluteTm => {
            let mut font = None;
            for line in &page.lines {
                let _ = write!(out, "BT ");
                if font != Some((line.face, line.size)) {
                    let _ = write!(out, "{} {} Tf ", line.face.resource(), num(line.size));
                    font = Some((line.face, line.size));
                }
                if let Some((r, g, b)) = line.color {
                    let _ = write!(out, "{} {} {} rg ", num(r), num(g), num(b));
                }
                let _ = writeln!(
                    out,
                    "1 0 0 1 {} {} Tm {} Tj ET",
                    num(line.x),
                    num(line.y),
                    m.show(line.face, &line.text)?
                );
                if line.color.is_some() {
                    let _ = writeln!(out, "0 g");
                }
            }
        }
        TextOps::LeadingTstar | TextOps::KernedJustified => {
            let tstar = spec.ops == TextOps::LeadingTstar;
            let _ = writeln!(out, "BT");
            if tstar {
                let _ = writeln!(out, "{} TL", num(spec.leading));
            }
            let (mut px, mut py, mut font, mut tw) = (0.0, 0.0, None, 0.0);
            for line in &page.lines {
                if font != Some((line.face, line.size)) {
                    let _ = writeln!(out, "{} {} Tf", line.face.resource(), num(line.size));
                    font = Some((line.face, line.size));
                }
                let (dx, dy) = (line.x - px, line.y - py);
                if tstar && num(dx) == "0" && num(dy + spec.leading) == "0" {
                    out.push_str("T*");
                } else {
                    let _ = write!(out, "{} {} Td", num(dx), num(dy));
                }
                (px, py) = (line.x, line.y);
                let spaces = line.text.matches(' ').count();
                let want_tw = if line.justify && spaces > 0 {
                    let natural = m.width(line.face, &line.text)? * line.size / 1000.0;
                    (line.width - natural) / spaces as f64
                } else {
                    0.0
                };
                if num(want_tw) != num(tw) {
                    let _ = write!(out, " {} Tw", num(want_tw));
                    tw = want_tw;
                }
                if let Some((r, g, b)) = line.color {
                    let _ = write!(out, " {} {} {} rg", num(r), num(g), num(b));
                }
                let shown = if tstar {
                    format!("{} Tj", m.show(line.face, &line.text)?)
                } else {
                    format!("{} TJ", m.show_kerned(line.face, &line.text)?)
                };
                let _ = writeln!(
                    out,
                    " {shown}{}",
                    if line.color.is_some() { " 0 g" } else { "" }
                );
            }
            let _ = writeln!(out, "ET");
        }
    }
    // The folio sits on the outer margin (right on odd pages, left on even), as in a printed
    // booklet. Centred under a two-column page it would sit in the gutter, where it makes
    // pdftotext's reading order interleave the columns.
    let folio = format!("Page {number}");
    let x = if number % 2 == 1 {
        PAGE_W - MARGIN - m.width(Face::Regular, &folio)? * 9.0 / 1000.0
    } else {
        MARGIN
    };
    let _ = writeln!(
        out,
        "BT /F1 9 Tf {} 44 Td {} Tj ET",
        num(x),
        m.show(Face::Regular, &folio)?
    );
    Ok(out.into_bytes())
}

// ---------------------------------------------------------------------------------------------
// The PDF object graph.
// ---------------------------------------------------------------------------------------------

pub(crate) fn render_pdf(spec: &Spec) -> io::Result<Vec<u8>> {
    let pages = layout(spec, &parse(spec.source))?;
    let mut doc = Document::with_version(if spec.modern { "1.5" } else { "1.4" });
    let pages_id = doc.new_object_id();
    // Content first: the embedded fonts list only the glyphs the pages show.
    let contents = pages
        .iter()
        .enumerate()
        .map(|(i, page)| content_stream(spec, page, i + 1))
        .collect::<io::Result<Vec<_>>>()?;
    let regular = spec
        .metrics
        .font_object(&mut doc, Face::Regular, spec.compress)?;
    let bold = spec
        .metrics
        .font_object(&mut doc, Face::Bold, spec.compress)?;
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => regular, "F2" => bold },
        "ProcSet" => vec!["PDF".into(), "Text".into()],
    });
    let mut kids: Vec<Object> = Vec::new();
    for content in contents {
        let content_id = add_stream(&mut doc, dictionary! {}, content, spec.compress)?;
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "MediaBox" => vec![0.into(), 0.into(), (PAGE_W as i64).into(), (PAGE_H as i64).into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let title = spec
        .source
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or(spec.party);
    let info_id = doc.add_object(dictionary! {
        "Title" => Object::string_literal(title),
        "Author" => Object::string_literal(spec.party),
        "Producer" => Object::string_literal("manifesto-mashup make_corpus"),
    });
    doc.trailer.set("Root", catalog_id);
    doc.trailer.set("Info", info_id);
    let id = Object::String(fnv_id(spec.file).to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let mut bytes = Vec::new();
    if spec.modern {
        doc.save_modern(&mut bytes)?;
    } else {
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        doc.save_to(&mut bytes)?;
    }
    Ok(bytes)
}

/// A fixed 16-byte file identifier derived from the file name (FNV-1a), so that the `/ID` that
/// real PDFs carry is present but never random.
fn fnv_id(name: &str) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (half, seed) in [
        (0usize, 0xcbf2_9ce4_8422_2325u64),
        (8, 0x8422_2325_cbf2_9ce4),
    ] {
        let mut h = seed;
        for b in name.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        out[half..half + 8].copy_from_slice(&h.to_be_bytes());
    }
    out
}

/// Adds a stream object, Flate-compressed when asked (lopdf keeps it plain if that is no smaller).
pub(crate) fn add_stream(
    doc: &mut Document,
    dict: lopdf::Dictionary,
    data: Vec<u8>,
    compress: bool,
) -> io::Result<ObjectId> {
    let mut stream = Stream::new(dict, data);
    if compress {
        stream.compress().map_err(io::Error::other)?;
    }
    Ok(doc.add_object(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn num_spells_numbers_compactly() {
        assert_eq!(
            (num(72.0), num(-0.001), num(13.456), num(0.5)),
            ("72".into(), "0".into(), "13.46".into(), "0.5".into())
        );
    }
}
