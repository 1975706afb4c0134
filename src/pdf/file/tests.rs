use super::*;
use lopdf::LoadOptions;
use std::path::{Path, PathBuf};

const LIMIT: usize = 1 << 26;

/// A file made of `objects` (numbered from 1) with a cross-reference table
/// and a trailer whose extra entries are `trailer`.
fn file_with_table(objects: &[&str], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

#[test]
fn reads_what_the_pages_reach_and_nothing_else() {
    let bytes = file_with_table(
        &[
            "<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R /StructTreeRoot 6 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> /Metadata 8 0 R >>",
            "<< /Length 8 >>\nstream\nBT ET q\nendstream",
            "<< /Type /Outlines >>",
            "<< /Type /StructTreeRoot >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Type /Metadata /Length 0 >>\nstream\n\nendstream",
        ],
        "",
    );
    let doc = read_reachable(&bytes, LIMIT).expect("a well-formed file reads lazily");
    let ids: Vec<u32> = doc.objects.keys().map(|id| id.0).collect();
    assert_eq!(ids, [1, 2, 3, 4, 7]);
    assert_eq!(doc.get_pages().len(), 1);
    assert_eq!(doc.version, "1.7");
    let full = Document::load_mem(&bytes).unwrap();
    for (id, object) in &doc.objects {
        assert_eq!(Some(object), full.objects.get(id));
    }
}

#[test]
fn an_indirect_length_is_followed() {
    let bytes = file_with_table(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
            "<< /Length 5 0 R >>\nstream\nBT ET\nendstream",
            "5",
        ],
        "",
    );
    let doc = read_reachable(&bytes, LIMIT).unwrap();
    let content = doc.get_object((4, 0)).unwrap().as_stream().unwrap();
    assert_eq!(content.content, b"BT ET");
}

#[test]
fn damage_and_encryption_are_left_to_the_full_load() {
    let good = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        "<< /Length 5 >>\nstream\nBT ET\nendstream",
    ];
    assert!(read_reachable(&file_with_table(&good, ""), LIMIT).is_some());
    // A /Length that does not frame the stream.
    let mut wrong_length = good;
    wrong_length[3] = "<< /Length 3 >>\nstream\nBT ET\nendstream";
    assert!(read_reachable(&file_with_table(&wrong_length, ""), LIMIT).is_none());
    // Encrypted.
    assert!(read_reachable(&file_with_table(&good, "/Encrypt 9 0 R"), LIMIT).is_none());
    // An offset that misses its object.
    let mut shifted = file_with_table(&good, "");
    shifted.splice(9..9, *b"junk ");
    assert!(read_reachable(&shifted, LIMIT).is_none());
    // A reference to an object the cross-reference data does not list.
    let mut unlisted = good;
    unlisted[2] = "<< /Type /Page /Parent 2 0 R /Contents 40 0 R >>";
    assert!(read_reachable(&file_with_table(&unlisted, ""), LIMIT).is_none());
}

/// `file` with an incremental update appended: `objects` (number, body)
/// and a table section whose trailer has `/Prev` set to `prev` and the extra
/// entries `trailer`.
fn with_update(file: &[u8], objects: &[(u32, &str)], prev: usize, trailer: &str) -> Vec<u8> {
    let mut out = file.to_vec();
    let mut entries = String::new();
    for (number, body) in objects {
        entries.push_str(&format!("{number} 1\n{:010} 00000 n \n", out.len()));
        out.extend(format!("{number} 0 obj\n{body}\nendobj\n").bytes());
    }
    let xref = out.len();
    out.extend(
        format!(
            "xref\n{entries}trailer\n<< /Size 9 /Root 1 0 R /Prev {prev} {trailer} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .bytes(),
    );
    out
}

fn startxref_of(file: &[u8]) -> usize {
    let text = String::from_utf8_lossy(file);
    let at = text.rfind("startxref").unwrap();
    text[at + 9..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn the_newest_update_wins_and_prev_loops_end() {
    let base = file_with_table(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
            "<< /Length 5 >>\nstream\nBT ET\nendstream",
        ],
        "",
    );
    let updated = with_update(
        &base,
        &[(4, "<< /Length 3 >>\nstream\nq Q\nendstream")],
        startxref_of(&base),
        "",
    );
    let doc = read_reachable(&updated, LIMIT).unwrap();
    let content = doc.get_object((4, 0)).unwrap().as_stream().unwrap();
    assert_eq!(content.content, b"q Q");
    let full = Document::load_mem(&updated).unwrap();
    assert_eq!(
        Some(doc.get_object((4, 0)).unwrap()),
        full.objects.get(&(4, 0))
    );
    // An update whose /Prev names itself: the full load decides.
    let xref_at = base.len() + "4 0 obj\n<< /Length 3 >>\nstream\nq Q\nendstream\nendobj\n".len();
    let looped = with_update(
        &base,
        &[(4, "<< /Length 3 >>\nstream\nq Q\nendstream")],
        xref_at,
        "",
    );
    assert_eq!(startxref_of(&looped), xref_at);
    assert!(read_reachable(&looped, LIMIT).is_none());
}

/// Objects in an object stream, listed by a cross-reference stream, with an
/// incremental update whose table is a hybrid one.
#[test]
fn object_streams_cross_reference_streams_and_updates() {
    use lopdf::{dictionary, Stream};
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_with_options(
        &mut bytes,
        lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .build(),
    )
    .unwrap();
    let lazy = read_reachable(&bytes, LIMIT).expect("object streams read lazily");
    let full = Document::load_mem(&bytes).unwrap();
    assert_eq!(lazy.get_pages(), full.get_pages());
    for (id, object) in &lazy.objects {
        assert_eq!(Some(object), full.objects.get(id), "object {id:?}");
    }
    assert!(lazy.objects.contains_key(&page));
    // Object streams that decode past what may be held go to the full load.
    let small = Limits {
        stream: LIMIT,
        object_streams: 16,
    };
    assert!(read_within(&bytes, small).is_none());
}

fn pdfs_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            pdfs_under(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            out.push(path);
        }
    }
}

/// Over every PDF in `../shared` (the corpus, the awkward files, pdf.js's
/// cases; 20 of those read lazily are hybrid files): whatever the lazy
/// loader reads equals what lopdf's full load reads, object for object, with
/// the same trailer and pages; and it reads most of the corpus, so the fast
/// path is the one taken.
#[test]
fn lazy_objects_equal_lopdf_objects() {
    let Some(shared) = crate::test_support::shared_dir() else {
        return;
    };
    let mut files = Vec::new();
    for dir in ["corpus", "pdfs", "pdfjs/files"] {
        pdfs_under(&shared.join(dir), &mut files);
    }
    files.sort();
    assert!(
        files.len() > 1000,
        "only {} PDFs under {}",
        files.len(),
        shared.display()
    );
    let (mut lazy_corpus, mut corpus) = (0, 0);
    let mut lazy_files = 0;
    let (mut lazy_objects, mut all_objects) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let in_corpus = path.starts_with(shared.join("corpus"));
        corpus += usize::from(in_corpus);
        let Some(lazy) = read_reachable(&bytes, crate::pdf::stream::MAX_STREAM_BYTES) else {
            continue;
        };
        lazy_files += 1;
        lazy_corpus += usize::from(in_corpus);
        if in_corpus {
            lazy_objects += lazy.objects.len();
        }
        let options = LoadOptions {
            max_decompressed_size: Some(crate::pdf::stream::MAX_STREAM_BYTES),
            ..LoadOptions::default()
        };
        let full = Document::load_mem_with_options(&bytes, options)
            .unwrap_or_else(|e| panic!("{}: read lazily, but lopdf fails: {e}", path.display()));
        assert_eq!(lazy.get_pages(), full.get_pages(), "{}", path.display());
        assert!(
            lazy.trailer == full.trailer,
            "{}: trailer {:?}, lopdf's {:?}",
            path.display(),
            lazy.trailer,
            full.trailer
        );
        if in_corpus {
            all_objects += full.objects.len();
        }
        for (id, object) in &lazy.objects {
            assert!(
                full.objects.get(id) == Some(object),
                "{}: object {id:?} differs from lopdf's",
                path.display()
            );
        }
    }
    eprintln!(
        "{lazy_files} of {} files read lazily; {lazy_corpus} of {corpus} corpus files, \
         reading {lazy_objects} of their {all_objects} objects",
        files.len()
    );
    assert!(
        lazy_corpus * 10 >= corpus * 9,
        "only {lazy_corpus} of {corpus} corpus files read lazily"
    );
}

/// The other half of the check above: the lazy loader reads everything
/// extraction reads. Every page of the awkward files, pdf.js's cases and six
/// manifestos comes out of the interpreter the same (glyphs, text, problems)
/// from the lazy load as from lopdf's full one.
#[test]
fn lazy_and_full_loads_give_the_same_pages() {
    use super::super::{Loading, OpenOptions, PdfDocument};
    let Some(shared) = crate::test_support::shared_dir() else {
        return;
    };
    let mut files = Vec::new();
    for dir in ["pdfs", "pdfjs/files"] {
        pdfs_under(&shared.join(dir), &mut files);
    }
    for manifesto in [
        "uk-2015/2015-snp-manifesto.pdf",
        "uk-2015/2015-labour-manifesto.pdf",
        "uk-historic/2024-07-conservative_party.pdf",
        "uk-historic/2001-06-labour_party.pdf",
        "uk-2017/Manifesto-Final.pdf",
        "uk-2017/DUP_Wminster_Manifesto_2017_v5.pdf",
    ] {
        files.push(shared.join("corpus").join(manifesto));
    }
    let options = OpenOptions::default();
    let mut compared_pages = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        if read_reachable(&bytes, crate::pdf::stream::MAX_STREAM_BYTES).is_none() {
            continue;
        }
        let mut lazy = PdfDocument::open_with(&bytes, &options, Loading::LazyFirst)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut full = PdfDocument::open_with(&bytes, &options, Loading::Full)
            .unwrap_or_else(|e| panic!("{}: read lazily, not fully: {e}", path.display()));
        assert_eq!(lazy.page_count(), full.page_count(), "{}", path.display());
        for index in 0..lazy.page_count() {
            let (lazy_page, full_page) = (lazy.page(index), full.page(index));
            assert!(
                format!("{lazy_page:?}") == format!("{full_page:?}"),
                "{} page {}: the lazy load interprets differently",
                path.display(),
                index + 1
            );
            compared_pages += 1;
        }
    }
    assert!(
        compared_pages > 1000,
        "only {compared_pages} pages compared"
    );
}
