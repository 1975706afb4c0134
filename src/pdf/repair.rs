//! Repairs applied once after loading, for damage that lopdf reads but does
//! not undo: stream dictionaries whose /Filter or /DecodeParms are indirect
//! references (legal, and used by some SAP-made PDFs; lopdf then leaves the
//! stream undecoded and its text unread).

use lopdf::{Document, Object, ObjectId};

/// Replaces indirect /Filter and /DecodeParms values (and indirect entries in
/// their arrays) with the objects they refer to.
pub(crate) fn resolve_indirect_filters(doc: &mut Document) {
    let mut fixes: Vec<(ObjectId, &'static [u8], Object)> = Vec::new();
    for (id, object) in &doc.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        for key in [&b"Filter"[..], &b"DecodeParms"[..]] {
            let Ok(value) = stream.dict.get(key) else {
                continue;
            };
            if let Some(resolved) = resolve(doc, value) {
                fixes.push((*id, key, resolved));
            }
        }
    }
    for (id, key, value) in fixes {
        if let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) {
            stream.dict.set(key, value);
        }
    }
}

/// The value with references followed (one level, and inside an array), or
/// `None` when it holds no reference.
fn resolve(doc: &Document, value: &Object) -> Option<Object> {
    match value {
        Object::Reference(_) => {
            let target = doc.dereference(value).ok()?.1;
            Some(resolve(doc, target).unwrap_or_else(|| target.clone()))
        }
        Object::Array(items) if items.iter().any(|i| matches!(i, Object::Reference(_))) => {
            Some(Object::Array(
                items
                    .iter()
                    .map(|i| doc.dereference(i).map_or(Object::Null, |(_, o)| o.clone()))
                    .collect(),
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    #[test]
    fn indirect_filter_is_resolved() {
        let mut doc = Document::with_version("1.3");
        let filter = doc.add_object(Object::Array(vec![Object::Name(b"FlateDecode".to_vec())]));
        let stream = doc.add_object(Stream::new(
            dictionary! { "Filter" => filter },
            vec![1, 2, 3],
        ));
        resolve_indirect_filters(&mut doc);
        let dict = &doc.get_object(stream).unwrap().as_stream().unwrap().dict;
        assert_eq!(
            dict.get(b"Filter").unwrap(),
            &Object::Array(vec![Object::Name(b"FlateDecode".to_vec())])
        );
    }

    #[test]
    fn direct_filters_are_left_alone() {
        let mut doc = Document::with_version("1.3");
        let stream = doc.add_object(Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            vec![],
        ));
        resolve_indirect_filters(&mut doc);
        let dict = &doc.get_object(stream).unwrap().as_stream().unwrap().dict;
        assert_eq!(
            dict.get(b"Filter").unwrap(),
            &Object::Name(b"FlateDecode".to_vec())
        );
    }
}
