//! Resource lookup with inheritance: a page sees its own /Resources and, where
//! it has none, its ancestors'; a Form XObject sees its own or its parent's.

use super::geometry::Matrix;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// The resource dictionaries in scope, nearest first.
#[derive(Clone, Default)]
pub(crate) struct Resources<'a> {
    dicts: Vec<&'a Dictionary>,
}

impl<'a> Resources<'a> {
    pub(crate) fn of_page(doc: &'a Document, page: ObjectId) -> Resources<'a> {
        let mut dicts = Vec::new();
        if let Ok((direct, ids)) = doc.get_page_resources(page) {
            dicts.extend(direct);
            dicts.extend(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
        }
        Resources { dicts }
    }

    /// The scope for a Form XObject: its own /Resources if it has them,
    /// otherwise those of the content that painted it (PDF 1.1 behaviour
    /// that real files still rely on).
    pub(crate) fn for_form(&self, doc: &'a Document, form: &'a Dictionary) -> Resources<'a> {
        match form
            .get(b"Resources")
            .ok()
            .and_then(|o| resolve_dict(doc, o))
        {
            Some(own) => Resources { dicts: vec![own] },
            None => self.clone(),
        }
    }

    /// Looks up `/Category /Name`, e.g. `(b"Font", b"F1")`.
    pub(crate) fn lookup(
        &self,
        doc: &'a Document,
        category: &[u8],
        name: &[u8],
    ) -> Option<&'a Object> {
        self.dicts.iter().find_map(|dict| {
            let group = resolve_dict(doc, dict.get(category).ok()?)?;
            group.get(name).ok()
        })
    }
}

/// Follows a reference (or takes a direct value) to a dictionary; a stream's
/// dictionary counts.
pub(crate) fn resolve_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match doc.dereference(obj).ok()?.1 {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// Reads an inheritable page attribute (MediaBox, CropBox, Rotate) by walking
/// up the page tree, with a bound against parent loops.
pub(crate) fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..64 {
        if let Ok(value) = node.get(key) {
            return doc.dereference(value).ok().map(|(_, o)| o);
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// A number operand or value, integer or real.
pub(crate) fn number(obj: &Object) -> Option<f64> {
    match obj {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(*r as f64),
        _ => None,
    }
}

/// A Form XObject's `/Matrix` (direct or indirect), the identity when it has
/// none or it is not six numbers.
pub(crate) fn form_matrix(doc: &Document, form: &Dictionary) -> Matrix {
    let Some(array) = form
        .get(b"Matrix")
        .ok()
        .and_then(|m| doc.dereference(m).ok())
        .and_then(|(_, m)| m.as_array().ok())
    else {
        return Matrix::IDENTITY;
    };
    if array.len() < 6 {
        return Matrix::IDENTITY;
    }
    let mut m = [0.0; 6];
    for (slot, item) in m.iter_mut().zip(array) {
        match number(item) {
            Some(v) => *slot = v,
            None => return Matrix::IDENTITY,
        }
    }
    Matrix(m)
}

/// A rectangle `[x0 y0 x1 y1]`, normalised so that x0 <= x1 and y0 <= y1.
pub(crate) fn rectangle(doc: &Document, obj: &Object) -> Option<[f64; 4]> {
    let array = doc.dereference(obj).ok()?.1.as_array().ok()?;
    let mut v = [0.0; 4];
    for (slot, item) in v.iter_mut().zip(array) {
        *slot = number(doc.dereference(item).ok()?.1)?;
    }
    if array.len() < 4 {
        return None;
    }
    Some([
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ])
}
