//! Annotation appearances. Form fields, free-text notes, stamps and widgets
//! draw their text in an appearance stream (`/AP /N`), not in the page's
//! content stream, and readers paint those streams over the page: pdftotext
//! and MuPDF print their text, so a field's value or a typed note is part of
//! what the page says. Each appearance is a Form XObject placed in the
//! annotation's `/Rect` (PDF 32000-1:2008, 12.5.5). A text field or a
//! free-text note with no appearance (the form asks the viewer to make one,
//! `/NeedAppearances`) still has its text: the field's value `/V` or the
//! note's `/Contents`, which we set in its rectangle as viewers do.

use super::geometry::Matrix;
use super::resources::{form_matrix, rectangle};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Annotations drawn per page at most: real pages have a few dozen; a
/// crafted one could list millions of references to one annotation.
const MAX_ANNOTATIONS: usize = 2_000;

/// Characters of one field value or note set on the page at most.
const MAX_PLAIN_CHARS: usize = 10_000;

/// Annotation flags (`/F`) that keep an annotation off the page.
const HIDDEN: i64 = 1 << 1;
const NO_VIEW: i64 = 1 << 5;

/// One appearance to draw: its form stream, and the matrix that places the
/// form's bounding box on the annotation's rectangle (applied before the
/// page's own transformation, after the form's `/Matrix`).
pub(crate) struct Appearance<'a> {
    pub(crate) id: Option<ObjectId>,
    pub(crate) stream: &'a Stream,
    pub(crate) placement: Matrix,
}

/// Text an annotation shows with no appearance stream: a text field's value or
/// a free-text note's contents, to be set on one line in `rect`.
pub(crate) struct PlainText {
    pub(crate) rect: [f64; 4],
    pub(crate) size: f64,
    pub(crate) text: String,
}

/// What the annotations of a page draw: their appearances, and the text of
/// those that have none.
#[derive(Default)]
pub(crate) struct Annotations<'a> {
    pub(crate) appearances: Vec<Appearance<'a>>,
    pub(crate) plain: Vec<PlainText>,
    /// Set buttons and choice fields with no appearance: a reader would
    /// draw a check mark or the chosen item; nothing is read for them.
    pub(crate) unshown_fields: u32,
}

/// The visible annotations of `page`, in `/Annots` order.
pub(crate) fn annotations(doc: &Document, page: ObjectId) -> Annotations<'_> {
    let Some(annots) = doc
        .get_dictionary(page)
        .ok()
        .and_then(|d| d.get(b"Annots").ok())
        .and_then(|a| doc.dereference(a).ok())
        .and_then(|(_, a)| a.as_array().ok())
    else {
        return Annotations::default();
    };
    let mut found = Annotations::default();
    for annot in annots
        .iter()
        .take(MAX_ANNOTATIONS)
        .filter_map(|a| doc.dereference(a).ok()?.1.as_dict().ok())
    {
        let flags = annot
            .get(b"F")
            .ok()
            .and_then(|f| f.as_i64().ok())
            .unwrap_or(0);
        let subtype = annot.get(b"Subtype").and_then(Object::as_name).ok();
        // A popup shows its parent's /Contents in a window, not on the page.
        if flags & (HIDDEN | NO_VIEW) != 0 || subtype == Some(b"Popup") {
            continue;
        }
        match appearance(doc, annot) {
            Some(shown) => found.appearances.push(shown),
            None => match plain_text(doc, annot, subtype) {
                Some(plain) => found.plain.push(plain),
                None if subtype == Some(b"Widget") && is_set_choice(doc, annot) => {
                    found.unshown_fields += 1
                }
                None => {}
            },
        }
    }
    found
}

/// A button that is on, or a choice field with a value.
fn is_set_choice(doc: &Document, annot: &Dictionary) -> bool {
    let field = |key: &[u8]| inherited_field(doc, annot, key);
    let value = field(b"V");
    match field(b"FT").and_then(|t| t.as_name().ok()) {
        Some(b"Btn") => value
            .and_then(|v| v.as_name().ok())
            .is_some_and(|v| v != b"Off"),
        Some(b"Ch") => value.is_some(),
        _ => false,
    }
}

/// The text of a text field (`/FT /Tx`, its own or inherited from a parent
/// field) or of a free-text note that has no appearance stream.
fn plain_text(doc: &Document, annot: &Dictionary, subtype: Option<&[u8]>) -> Option<PlainText> {
    let value = match subtype? {
        b"FreeText" => annot.get(b"Contents").ok()?,
        b"Widget" => {
            let field = |key: &[u8]| inherited_field(doc, annot, key);
            if field(b"FT").and_then(|t| t.as_name().ok()) != Some(&b"Tx"[..]) {
                return None;
            }
            field(b"V")?
        }
        _ => return None,
    };
    let text = lopdf::decode_text_string(doc.dereference(value).ok()?.1).ok()?;
    // Fields and notes are short; a crafted one must not become millions of glyphs.
    let text: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_PLAIN_CHARS)
        .collect();
    if text.is_empty() {
        return None;
    }
    let rect = rectangle(doc, annot.get(b"Rect").ok()?)?;
    // The size in the default appearance string ("/Helv 12 Tf"); 0 means
    // "fit the box", for which the box's height is a fair guess.
    let size = inherited_field(doc, annot, b"DA")
        .and_then(|da| da.as_str().ok())
        .and_then(|da| {
            let words: Vec<&[u8]> = da.split(|b| b.is_ascii_whitespace()).collect();
            let at = words.iter().position(|w| *w == b"Tf")?;
            std::str::from_utf8(words.get(at.checked_sub(1)?)?)
                .ok()?
                .parse::<f64>()
                .ok()
        })
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or_else(|| ((rect[3] - rect[1]) * 0.7).clamp(4.0, 12.0));
    Some(PlainText { rect, size, text })
}

/// A field attribute, from the widget or the fields above it (`/Parent`).
fn inherited_field<'a>(doc: &'a Document, annot: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = annot;
    for _ in 0..32 {
        if let Ok(value) = node.get(key) {
            return doc.dereference(value).ok().map(|(_, v)| v);
        }
        node = doc
            .dereference(node.get(b"Parent").ok()?)
            .ok()?
            .1
            .as_dict()
            .ok()?;
    }
    None
}

fn appearance<'a>(doc: &'a Document, annot: &'a Dictionary) -> Option<Appearance<'a>> {
    let normal = doc
        .dereference(annot.get(b"AP").ok()?)
        .ok()?
        .1
        .as_dict()
        .ok()?;
    let (mut id, mut object) = doc.dereference(normal.get(b"N").ok()?).ok()?;
    // Several appearance states (a check box's on and off): /AS names the one shown.
    if let Object::Dictionary(states) = object {
        let state = annot.get(b"AS").and_then(Object::as_name).ok()?;
        (id, object) = doc.dereference(states.get(state).ok()?).ok()?;
    }
    let stream = object.as_stream().ok()?;
    let rect = rectangle(doc, annot.get(b"Rect").ok()?)?;
    let form_matrix = form_matrix(doc, &stream.dict);
    let bbox = stream
        .dict
        .get(b"BBox")
        .ok()
        .and_then(|b| rectangle(doc, b))
        .unwrap_or(rect);
    Some(Appearance {
        id,
        stream,
        placement: placement(bbox, &form_matrix, rect)?,
    })
}

/// The matrix A of 12.5.5: the form's bounding box, transformed by its
/// matrix, scaled and moved onto the annotation's rectangle.
fn placement(bbox: [f64; 4], form_matrix: &Matrix, rect: [f64; 4]) -> Option<Matrix> {
    let corners = [
        form_matrix.apply(bbox[0], bbox[1]),
        form_matrix.apply(bbox[2], bbox[1]),
        form_matrix.apply(bbox[0], bbox[3]),
        form_matrix.apply(bbox[2], bbox[3]),
    ];
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in corners {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let scale = |span: f64, target: f64| {
        if span.abs() > 1e-9 {
            target / span
        } else {
            1.0
        }
    };
    let sx = scale(x1 - x0, rect[2] - rect[0]);
    let sy = scale(y1 - y0, rect[3] - rect[1]);
    let m = Matrix([sx, 0.0, 0.0, sy, rect[0] - x0 * sx, rect[1] - y0 * sy]);
    m.is_finite().then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_is_placed_on_its_rectangle() {
        let m = placement(
            [0.0, 0.0, 100.0, 20.0],
            &Matrix::IDENTITY,
            [50.0, 700.0, 250.0, 740.0],
        )
        .unwrap();
        assert_eq!(m.apply(0.0, 0.0), (50.0, 700.0));
        assert_eq!(m.apply(100.0, 20.0), (250.0, 740.0));
    }

    #[test]
    fn a_rotated_form_matrix_is_fitted_after_rotation() {
        // A quarter turn: the box [0 0 100 20] becomes [-20 0 0 100].
        let turn = Matrix([0.0, 1.0, -1.0, 0.0, 0.0, 0.0]);
        let m = placement([0.0, 0.0, 100.0, 20.0], &turn, [10.0, 10.0, 30.0, 110.0]).unwrap();
        let full = turn.then(&m);
        assert_eq!(full.apply(0.0, 0.0), (30.0, 10.0));
        assert_eq!(full.apply(100.0, 20.0), (10.0, 110.0));
    }

    #[test]
    fn an_empty_box_is_moved_not_scaled() {
        let m = placement(
            [5.0, 5.0, 5.0, 5.0],
            &Matrix::IDENTITY,
            [0.0, 0.0, 10.0, 10.0],
        )
        .unwrap();
        assert_eq!(m.0[0], 1.0);
        assert_eq!(m.apply(5.0, 5.0), (0.0, 0.0));
    }
}
