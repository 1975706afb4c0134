//! TEMPORARY minimal font layer; replaced by the fonts branch on merge.
use lopdf::{Document, Object};
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) struct FontCache {
    by_id: HashMap<lopdf::ObjectId, Arc<Font>>,
}

impl FontCache {
    pub(crate) fn new() -> FontCache {
        FontCache {
            by_id: HashMap::new(),
        }
    }

    pub(crate) fn get(&mut self, doc: &Document, font: &Object) -> Arc<Font> {
        if let Object::Reference(id) = font {
            if let Some(f) = self.by_id.get(id) {
                return f.clone();
            }
            let f = Arc::new(Font::load(doc, font));
            self.by_id.insert(*id, f.clone());
            return f;
        }
        Arc::new(Font::load(doc, font))
    }
}

#[allow(dead_code)] // temporary stand-in
pub(crate) struct Font {
    text: Vec<Option<String>>,
    widths: Vec<f64>,
    name: String,
}

#[allow(dead_code)]
pub(crate) struct DecodedChar<'a> {
    pub code: u32,
    pub text: Option<&'a str>,
    pub width: f64,
    pub is_single_byte_space: bool,
}

#[allow(dead_code)]
impl Font {
    fn load(doc: &Document, font: &Object) -> Font {
        let dict = doc
            .dereference(font)
            .ok()
            .and_then(|(_, o)| o.as_dict().ok());
        let mut widths = vec![0.5; 256];
        let mut name = String::new();
        if let Some(d) = dict {
            name = d
                .get(b"BaseFont")
                .and_then(|o| o.as_name())
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let first = d.get(b"FirstChar").and_then(|o| o.as_i64()).unwrap_or(0);
            if let Ok(ws) = d.get_deref(b"Widths", doc).and_then(|o| o.as_array()) {
                for (i, w) in ws.iter().enumerate() {
                    let code = first + i as i64;
                    if (0..256).contains(&code) {
                        let w = doc.dereference(w).ok().and_then(|(_, o)| o.as_float().ok());
                        widths[code as usize] = w.unwrap_or(500.0) as f64 / 1000.0;
                    }
                }
            }
        }
        let text = (0..256u16)
            .map(|c| pdf_encoding::WINANSI.get(c as u8).map(|ch| ch.to_string()))
            .collect();
        Font { text, widths, name }
    }

    pub(crate) fn chars<'a>(
        &'a self,
        bytes: &'a [u8],
    ) -> impl Iterator<Item = DecodedChar<'a>> + 'a {
        bytes.iter().map(move |&b| DecodedChar {
            code: b as u32,
            text: self.text[b as usize].as_deref(),
            width: self.widths[b as usize],
            is_single_byte_space: b == 32,
        })
    }

    pub(crate) fn is_vertical(&self) -> bool {
        false
    }

    pub(crate) fn base_name(&self) -> &str {
        &self.name
    }

    pub(crate) fn font_matrix(&self) -> [f64; 6] {
        [0.001, 0.0, 0.0, 0.001, 0.0, 0.0]
    }

    pub(crate) fn space_width(&self) -> Option<f64> {
        Some(self.widths[32])
    }
}
