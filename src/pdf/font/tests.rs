//! Font loading end to end, on font dictionaries built in memory with lopdf.

use std::sync::Arc;

use lopdf::{dictionary, Dictionary, Document, Object, Stream};

use super::{FontCache, FontKind};

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn ints(values: &[i64]) -> Object {
    Object::Array(values.iter().map(|&v| Object::Integer(v)).collect())
}

/// Adds `font` to a fresh document and loads it through a cache.
fn load(doc: &mut Document, font: Dictionary) -> Arc<super::Font> {
    let id = doc.add_object(font);
    FontCache::new().get(doc, &Object::Reference(id))
}

fn texts(font: &super::Font, bytes: &[u8]) -> Vec<Option<String>> {
    font.chars(bytes)
        .map(|c| c.text.map(str::to_owned))
        .collect()
}

fn joined(font: &super::Font, bytes: &[u8]) -> String {
    font.chars(bytes)
        .map(|c| c.text.unwrap_or("\u{FFFD}"))
        .collect()
}

fn approx(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn std14_helvetica_without_widths() {
    let mut doc = Document::with_version("1.4");
    let font = load(
        &mut doc,
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let a = font.chars(b"A").next().unwrap();
    assert_eq!(a.text, Some("A"));
    assert!(approx(a.width, 0.667), "{}", a.width);
    assert!(approx(font.space_width().unwrap(), 0.278));
    assert_eq!(font.font_matrix(), [0.001, 0.0, 0.0, 0.001, 0.0, 0.0]);
    assert_eq!(font.kind(), FontKind::Simple);
    // StandardEncoding, not WinAnsi: 0x27 is a right quote.
    assert_eq!(texts(&font, b"'"), vec![Some("\u{2019}".to_owned())]);
    assert!(font.issues().is_empty(), "{:?}", font.issues());
    assert!(
        approx(font.ascent(), 0.75) && approx(font.descent(), -0.25),
        "defaults without a descriptor"
    );
}

#[test]
fn arial_alias_uses_helvetica_metrics() {
    let mut doc = Document::with_version("1.4");
    let font = load(
        &mut doc,
        dictionary! { "Subtype" => "TrueType", "BaseFont" => "Arial,Bold", "Encoding" => "WinAnsiEncoding" },
    );
    let c = font.chars(b"A").next().unwrap();
    assert!(approx(c.width, 0.722), "{}", c.width);
}

#[test]
fn type1_differences_and_glyph_name_rules() {
    let mut doc = Document::with_version("1.4");
    let encoding = dictionary! {
        "Type" => "Encoding",
        "BaseEncoding" => "WinAnsiEncoding",
        "Differences" => Object::Array(vec![
            Object::Integer(65), name("zero.pnum"), name("f_f_i"), name("g123"), name("uni00660069"),
            Object::Integer(200), name("u1F600"),
        ]),
    };
    let font = load(
        &mut doc,
        dictionary! {
            "Subtype" => "Type1", "BaseFont" => "ABCDEF+Helvetica-Bold",
            "Encoding" => encoding,
            "FirstChar" => 32, "Widths" => ints(&[250, 0, 0]), // codes 32-34
        },
    );
    assert_eq!(font.base_name(), "Helvetica-Bold");
    assert_eq!(
        texts(&font, b"ABCDE\xC8\x93"),
        vec![
            Some("0".into()),
            Some("ffi".into()),
            None, // g123 carries nothing
            Some("fi".into()),
            Some("E".into()),         // not in /Differences: WinAnsi base
            Some("\u{1F600}".into()), // uXXXXX
            Some("\u{201C}".into()),  // WinAnsi 0x93
        ]
    );
    let chars: Vec<_> = font.chars(b" !A").collect();
    assert!(chars[0].is_single_byte_space && !chars[1].is_single_byte_space);
    assert!(approx(chars[0].width, 0.25));
    assert!(
        approx(chars[2].width, 0.0),
        "outside /Widths and no /MissingWidth"
    );
}

#[test]
fn differences_beat_the_embedded_programs_builtin_encoding() {
    let mut doc = Document::with_version("1.4");
    // A Type1 program whose built-in encoding puts "quotesingle" at 32 and "C" at 46.
    let program =
        b"%!PS-AdobeFont-1.0: Sub\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
        dup 32 /quotesingle put\ndup 46 /C put\ndup 65 /A put\nreadonly def\ncurrentfile eexec\n";
    let file = doc.add_object(Stream::new(
        dictionary! { "Length1" => program.len() as i64 },
        program.to_vec(),
    ));
    let descriptor = doc
        .add_object(dictionary! { "Type" => "FontDescriptor", "FontFile" => file, "Flags" => 4 });
    let font = load(
        &mut doc,
        dictionary! {
            "Subtype" => "Type1", "BaseFont" => "ABCDEF+Plantin", "FontDescriptor" => descriptor,
            "Encoding" => dictionary! {
                "Differences" => Object::Array(vec![Object::Integer(32), name("space"), Object::Integer(46), name("period")]),
            },
        },
    );
    // 32 and 46 from /Differences, 65 from the program, 66 from the standard base.
    assert_eq!(joined(&font, b"A B."), "A B.");
}

#[test]
fn truetype_tounicode_array_form_wins_over_encoding() {
    let mut doc = Document::with_version("1.4");
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        1 begincodespacerange <00> <FF> endcodespacerange
        2 beginbfrange <41> <43> [<0058> <00660066> <FFFD>] <61> <63> <0061> endbfrange
        endcmap end end";
    let tu = doc.add_object(Stream::new(Dictionary::new(), cmap.to_vec()));
    let descriptor = doc.add_object(
        dictionary! { "Type" => "FontDescriptor", "MissingWidth" => 300, "Flags" => 32 },
    );
    let font = load(
        &mut doc,
        dictionary! {
            "Subtype" => "TrueType", "BaseFont" => "Foo", "Encoding" => "WinAnsiEncoding",
            "ToUnicode" => tu, "FontDescriptor" => descriptor,
            "FirstChar" => 65, "Widths" => ints(&[600, 700, 800]),
        },
    );
    // C maps to U+FFFD in ToUnicode: unmapped there, so the encoding answers.
    assert_eq!(joined(&font, b"ABCbd"), "XffCbd");
    let w: Vec<f64> = font.chars(b"ACz").map(|c| c.width).collect();
    assert!(
        approx(w[0], 0.6) && approx(w[1], 0.8) && approx(w[2], 0.3),
        "{w:?}"
    );
}

#[test]
fn type0_identity_h_with_w() {
    let mut doc = Document::with_version("1.5");
    let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar
        1 beginbfrange <0024> <003D> <0041> endbfrange";
    let tu = doc.add_object(Stream::new(Dictionary::new(), cmap.to_vec()));
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "XYZABC+Frutiger",
        "DW" => 900,
        "W" => Object::Array(vec![
            Object::Integer(3), ints(&[278]),
            Object::Integer(36), Object::Integer(61), Object::Integer(600),
        ]),
    });
    let font = load(
        &mut doc,
        dictionary! {
            "Subtype" => "Type0", "BaseFont" => "XYZABC+Frutiger", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![descendant.into()], "ToUnicode" => tu,
        },
    );
    assert_eq!(font.kind(), FontKind::Composite);
    assert_eq!(font.base_name(), "Frutiger");
    assert!(!font.is_vertical());
    let chars: Vec<_> = font
        .chars(b"\x00\x24\x00\x03\x00\x11\x00\x99\x00")
        .collect();
    assert_eq!(chars.len(), 5, "a trailing odd byte is its own code");
    assert_eq!(chars[0].text, Some("A"));
    assert_eq!(chars[1].text, Some(" "));
    assert!(
        !chars[1].is_single_byte_space,
        "two-byte codes never get word spacing"
    );
    assert_eq!(chars[2].text, Some("fi"));
    assert_eq!(chars[3].text, None);
    assert!(
        approx(chars[0].width, 0.6) && approx(chars[1].width, 0.278) && approx(chars[3].width, 0.9)
    );
    assert!(approx(font.space_width().unwrap(), 0.278));
}

#[test]
fn type0_stream_encoding_cmap_and_vertical() {
    let mut doc = Document::with_version("1.5");
    let enc = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /WMode 1 def
        2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange
        2 begincidrange <20> <7E> 1 <8140> <817E> 633 endcidrange
        endcmap end end";
    let enc = doc.add_object(Stream::new(Dictionary::new(), enc.to_vec()));
    let tu = doc.add_object(Stream::new(
        Dictionary::new(),
        b"beginbfrange <20> <7E> <0020> endbfrange beginbfchar <8141> <3001> endbfchar".to_vec(),
    ));
    let descendant = doc.add_object(dictionary! {
        "Subtype" => "CIDFontType0", "BaseFont" => "KozMin",
        "W" => Object::Array(vec![Object::Integer(1), Object::Integer(95), Object::Integer(500)]),
        "W2" => Object::Array(vec![Object::Integer(634), ints(&[-800, 500, 880])]),
    });
    let font = load(
        &mut doc,
        dictionary! {
            "Subtype" => "Type0", "BaseFont" => "KozMin", "Encoding" => enc,
            "DescendantFonts" => vec![descendant.into()], "ToUnicode" => tu,
        },
    );
    assert!(font.is_vertical());
    let chars: Vec<_> = font.chars(b"A\x81\x41 ").collect();
    assert_eq!(
        chars.iter().map(|c| c.code).collect::<Vec<_>>(),
        vec![0x41, 0x8141, 0x20]
    );
    assert_eq!(chars[1].text, Some("\u{3001}"));
    assert!(
        chars[2].is_single_byte_space,
        "a one-byte code 32 in a Type0 font gets word spacing"
    );
    assert!(approx(chars[0].width, 0.5));
    assert!(approx(chars[1].width, 1.0), "DW default");
    assert!(approx(font.vertical_advance(0x8141), -0.8));
    assert!(approx(font.vertical_advance(0x8140), -1.0));
}

/// A Type0 font over an unembedded CIDFont of Adobe's `ordering`, as Acrobat writes them for Ryumin-Light.
fn cjk_font(
    doc: &mut Document,
    encoding: &str,
    ordering: &str,
    to_unicode: Option<Object>,
) -> Arc<super::Font> {
    let info = dictionary! {
        "Registry" => Object::string_literal("Adobe"),
        "Ordering" => Object::string_literal(ordering),
        "Supplement" => 2,
    };
    let info = doc.add_object(info);
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "Ryumin-Light",
        "CIDSystemInfo" => info, "DW" => 1000,
        "W" => Object::Array(vec![Object::Integer(1), ints(&[250])]),
    });
    let mut font = dictionary! {
        "Subtype" => "Type0", "BaseFont" => "Ryumin-Light", "Encoding" => name(encoding),
        "DescendantFonts" => vec![descendant.into()],
    };
    if let Some(tu) = to_unicode {
        font.set("ToUnicode", tu);
    }
    load(doc, font)
}

#[test]
fn type0_cjk_collection_without_tounicode() {
    let mut doc = Document::with_version("1.5");
    let font = cjk_font(&mut doc, "Identity-H", "Japan1", None);
    // Japan1 CID 843 is HIRAGANA LETTER A, 1 the space, 0 .notdef; 23100 is past the collection's end.
    assert_eq!(
        texts(&font, b"\x03\x4B\x00\x01\x00\x00\x5A\x3C"),
        vec![Some("\u{3042}".into()), Some(" ".into()), None, None]
    );
    assert!(
        approx(font.space_width().unwrap(), 0.25),
        "CID 1 is the space"
    );
    let gb = cjk_font(&mut doc, "Identity-H", "GB1", None);
    assert_eq!(joined(&gb, b"\x11\xCF"), "\u{4E2D}");
    // Adobe-Identity says nothing about the glyphs.
    let identity = cjk_font(&mut doc, "Identity-H", "Identity", None);
    assert_eq!(texts(&identity, b"\x03\x4B"), vec![None]);
}

#[test]
fn type0_cjk_tounicode_wins_over_the_collection() {
    let mut doc = Document::with_version("1.5");
    let tu = doc.add_object(Stream::new(
        Dictionary::new(),
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfchar <034B> <0041> endbfchar"
            .to_vec(),
    ));
    let font = cjk_font(&mut doc, "Identity-H", "Japan1", Some(tu.into()));
    assert_eq!(joined(&font, b"\x03\x4B\x03\x4C"), "A\u{3043}");
}

#[test]
fn type0_cjk_predefined_vertical_cmap() {
    // As in pdfminer's simple3.pdf: JIS X 0208 codes through /V, which uses /H.
    let mut doc = Document::with_version("1.5");
    let font = cjk_font(&mut doc, "V", "Japan1", None);
    assert!(font.is_vertical());
    assert_eq!(
        joined(&font, b"$\"$$$&$($*!\""),
        "\u{3042}\u{3044}\u{3046}\u{3048}\u{304A}\u{3001}"
    );
    let sjis = cjk_font(&mut doc, "90ms-RKSJ-H", "Japan1", None);
    assert!(!sjis.is_vertical());
    assert_eq!(joined(&sjis, b"A\x82\xA0"), "A\u{3042}");
}

#[test]
fn type3_widths_go_through_font_matrix() {
    let mut doc = Document::with_version("1.4");
    let font = load(
        &mut doc,
        dictionary! {
            "Subtype" => "Type3",
            "FontMatrix" => Object::Array(vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()]),
            "Encoding" => dictionary! { "Differences" => Object::Array(vec![Object::Integer(1), name("H"), name("i")]) },
            "FirstChar" => 1, "Widths" => ints(&[50, 25]),
            "CharProcs" => Dictionary::new(),
        },
    );
    assert_eq!(font.kind(), FontKind::Type3);
    assert_eq!(joined(&font, b"\x01\x02"), "Hi");
    let w: Vec<f64> = font.chars(b"\x01\x02").map(|c| c.width).collect();
    // lopdf stores reals as f32.
    assert!(
        (w[0] - 0.5).abs() < 1e-6 && (w[1] - 0.25).abs() < 1e-6,
        "{w:?}"
    );
    assert!((font.font_matrix()[0] - 0.01).abs() < 1e-6);
    // 100 units per em, as pdfTeX's bitmap fonts have it: the em comes from
    // the advances (twice their median), not from the matrix, which would
    // make it 10.
    assert!((font.em() - 1.0).abs() < 1e-6, "{}", font.em());
}

#[test]
fn type3_names_made_of_their_code_are_read_through_the_code() {
    let mut doc = Document::with_version("1.4");
    let differences = vec![
        Object::Integer(65),
        name("a65"),
        Object::Integer(224),
        name("a224"),
        Object::Integer(71),
        name("a71"),
        name("G50"),
    ];
    let type3 = |doc: &mut Document, base: Option<&str>| {
        let mut dict = dictionary! {
            "Subtype" => "Type3",
            "FontMatrix" => Object::Array(vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()]),
            "Encoding" => dictionary! { "Differences" => Object::Array(differences.clone()) },
            "CharProcs" => Dictionary::new(),
        };
        if let Some(base) = base {
            dict.set("BaseFont", name(base));
        }
        load(doc, dict)
    };
    // "a71" at code 71 is "G"; "G50" at code 72 names neither 72 nor 0x48:
    // no text rather than a wrong one.
    let tex = type3(&mut doc, None);
    assert_eq!(joined(&tex, b"A\xE0G"), "A\u{e0}G");
    assert_eq!(tex.chars(b"H").next().and_then(|c| c.text), None);
    // In a Dingbats font the same names are its pictures.
    let dingbats = type3(&mut doc, Some("ZapfDingbats"));
    assert_eq!(joined(&dingbats, b"G"), "\u{25cf}");
}

#[test]
fn broken_fonts_degrade() {
    let mut doc = Document::with_version("1.4");
    let mut cache = FontCache::new();
    let not_a_dict = cache.get(&doc, &Object::Integer(3));
    assert!(!not_a_dict.issues().is_empty());
    assert_eq!(
        joined(&not_a_dict, b"Hi"),
        "Hi",
        "StandardEncoding fallback"
    );

    let huge: Vec<Object> = (0..100_000).map(|i| Object::Integer(-i)).collect();
    for (first, widths) in [
        (Object::Integer(-5), Object::Array(huge.clone())),
        (Object::Integer(1_000_000_000), ints(&[1, 2])),
        (Object::Real(f32::NAN), ints(&[1])),
        (name("bogus"), Object::Array(vec![name("x"), Object::Null])),
    ] {
        let id = doc.add_object(
            dictionary! { "Subtype" => "Type1", "FirstChar" => first, "Widths" => widths },
        );
        let font = cache.get(&doc, &Object::Reference(id));
        assert_eq!(font.chars(b"\xFFa").count(), 2);
    }

    // Type0 with nothing usable.
    let id = doc
        .add_object(dictionary! { "Subtype" => "Type0", "Encoding" => 7, "DescendantFonts" => 3 });
    let font = cache.get(&doc, &Object::Reference(id));
    assert_eq!(font.chars(b"\x00\x41\x00").count(), 2);
    assert!(font.issues().len() >= 2);

    // A ToUnicode stream that uses itself.
    let tu_id = doc.new_object_id();
    let mut tu = Stream::new(
        Dictionary::new(),
        b"beginbfchar <41> <0042> endbfchar".to_vec(),
    );
    tu.dict.set("UseCMap", Object::Reference(tu_id));
    doc.objects.insert(tu_id, Object::Stream(tu));
    let id = doc.add_object(dictionary! { "Subtype" => "Type1", "ToUnicode" => tu_id });
    let font = cache.get(&doc, &Object::Reference(id));
    assert_eq!(joined(&font, b"A"), "B");
    assert!(font.issues().iter().any(|i| i.contains("usecmap")));
}

#[test]
fn cache_parses_each_font_once() {
    let mut doc = Document::with_version("1.4");
    let a = doc.add_object(dictionary! { "Subtype" => "Type1", "BaseFont" => "Times-Roman" });
    let b = doc.add_object(dictionary! { "Subtype" => "Type1", "BaseFont" => "Courier" });
    let direct = Object::Dictionary(dictionary! { "Subtype" => "Type1", "BaseFont" => "Symbol" });
    let mut cache = FontCache::new();
    let a1 = cache.get(&doc, &Object::Reference(a));
    let a2 = cache.get(&doc, &Object::Reference(a));
    let b1 = cache.get(&doc, &Object::Reference(b));
    let d1 = cache.get(&doc, &direct);
    let d2 = cache.get(&doc, &direct);
    assert!(Arc::ptr_eq(&a1, &a2) && Arc::ptr_eq(&d1, &d2));
    assert!(!Arc::ptr_eq(&a1, &b1));
    assert_eq!(cache.len(), 3);
    assert_eq!(joined(&d1, b"a"), "\u{3B1}", "Symbol's built-in encoding");
    assert!(approx(b1.chars(b"W").next().unwrap().width, 0.6));
}

#[test]
fn fonts_are_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<super::Font>();
    assert_send_sync::<FontCache>();
}

/// A minimal sfnt with a (3,0) cmap (format 6, codes 0xF041-0xF042) and a version 2 `post` table.
fn symbolic_truetype() -> Vec<u8> {
    fn be16(out: &mut Vec<u8>, v: u16) {
        out.extend_from_slice(&v.to_be_bytes());
    }
    fn be32(out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut cmap = Vec::new();
    for v in [0u16, 1, 3, 0] {
        be16(&mut cmap, v); // version, numTables, platform 3, encoding 0
    }
    be32(&mut cmap, 12);
    for v in [6u16, 14, 0, 0xF041, 2, 1, 2] {
        be16(&mut cmap, v); // format, length, language, firstCode, entryCount, glyphIds
    }
    let mut post = Vec::new();
    be32(&mut post, 0x0002_0000);
    post.extend_from_slice(&[0; 28]);
    for v in [3u16, 0, 258, 36] {
        be16(&mut post, v); // numGlyphs, then .notdef, custom name 0, Mac name 36 ("A")
    }
    post.push(7);
    post.extend_from_slice(b"uni263A");
    let mut font = Vec::new();
    be32(&mut font, 0x0001_0000);
    for v in [2u16, 32, 1, 0] {
        be16(&mut font, v);
    }
    let cmap_at = 12 + 2 * 16;
    let post_at = cmap_at + cmap.len();
    for (tag, at, len) in [
        (b"cmap", cmap_at, cmap.len()),
        (b"post", post_at, post.len()),
    ] {
        font.extend_from_slice(tag);
        be32(&mut font, 0);
        be32(&mut font, at as u32);
        be32(&mut font, len as u32);
    }
    font.extend_from_slice(&cmap);
    font.extend_from_slice(&post);
    font
}

#[test]
fn symbolic_truetype_without_encoding_uses_30_cmap_and_post_names() {
    let mut doc = Document::with_version("1.4");
    let file = doc.add_object(Stream::new(Dictionary::new(), symbolic_truetype()));
    let descriptor = doc
        .add_object(dictionary! { "Type" => "FontDescriptor", "FontFile2" => file, "Flags" => 4 });
    let font = load(
        &mut doc,
        dictionary! {
            "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Wingy", "FontDescriptor" => descriptor,
            "FirstChar" => 0x41, "Widths" => ints(&[1000, 500]),
        },
    );
    assert_eq!(
        texts(&font, b"AB"),
        vec![Some("\u{263A}".into()), Some("A".into())]
    );
}

#[test]
fn picture_font_letters_become_bullets() {
    let mut doc = Document::with_version("1.4");
    let font = load(
        &mut doc,
        dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Wingdings-Regular",
        "Encoding" => "WinAnsiEncoding" },
    );
    assert_eq!(joined(&font, b"w z"), "\u{2022} \u{2022}");
    // ZapfDingbats' glyph names give real symbols, which stay.
    let zapf = load(
        &mut doc,
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ZapfDingbats" },
    );
    let tick = joined(&zapf, b"4");
    assert!(!tick.is_ascii(), "{tick}");
    // An ordinary font keeps its letters.
    let plain = load(
        &mut doc,
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    assert_eq!(joined(&plain, b"w"), "w");
}

#[test]
fn a_chinese_font_declared_win_ansi_reads_as_gb2312_when_its_descriptor_says_so() {
    let font = |doc: &mut Document, font_name: Object| {
        load(
            doc,
            dictionary! {
                "Type" => "Font", "Subtype" => "TrueType",
                "BaseFont" => Object::Name(b"\xCB\xCE\xCC\xE5".to_vec()),
                "Encoding" => "WinAnsiEncoding",
                "FontDescriptor" => dictionary! { "FontName" => font_name, "Flags" => 4 },
            },
        )
    };
    let mut doc = Document::with_version("1.4");
    // The producers' tell: the font name as a string. "关于" in GB2312, and
    // ASCII half an em wide.
    let gbk = font(
        &mut doc,
        Object::String(
            b"\xCB\xCE\xCC\xE5".to_vec(),
            lopdf::StringFormat::Hexadecimal,
        ),
    );
    assert_eq!(joined(&gbk, b"\xB9\xD8\xD3\xDAA"), "\u{5173}\u{4E8E}A");
    let widths: Vec<f64> = gbk.chars(b"\xB9\xD8A").map(|c| c.width).collect();
    assert!(
        approx(widths[0], 1.0) && approx(widths[1], 0.5),
        "{widths:?}"
    );
    // Named as a name, it is what it says it is: WinAnsi.
    let win_ansi = font(&mut doc, Object::Name(b"\xCB\xCE\xCC\xE5".to_vec()));
    assert_eq!(joined(&win_ansi, b"\xB9\xD8"), "\u{B9}\u{D8}");
}
