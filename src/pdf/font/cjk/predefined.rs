//! Adobe's predefined encoding CMaps (code to CID) for the classic CJK encodings, embedded as Adobe publishes
//! them (header comments cut, see `NOTICE`) and read by the font layer's own CMap parser.
//!
//! Only the code-to-CID half of a Type0 font needs them: with the CID known, widths come from /W and text from
//! the collection's table. `Uni*` CMaps are not here because their codes are Unicode already.

/// The text of the predefined CMap `name` (as written after /Encoding or `usecmap`), if it is embedded.
pub(crate) fn predefined_cmap(name: &str) -> Option<&'static [u8]> {
    let bytes: &'static [u8] = match name {
        "H" => include_bytes!("cmaps/H"),
        "V" => include_bytes!("cmaps/V"),
        "EUC-H" => include_bytes!("cmaps/EUC-H"),
        "EUC-V" => include_bytes!("cmaps/EUC-V"),
        "90ms-RKSJ-H" => include_bytes!("cmaps/90ms-RKSJ-H"),
        "90ms-RKSJ-V" => include_bytes!("cmaps/90ms-RKSJ-V"),
        "90msp-RKSJ-H" => include_bytes!("cmaps/90msp-RKSJ-H"),
        "90msp-RKSJ-V" => include_bytes!("cmaps/90msp-RKSJ-V"),
        "GB-EUC-H" => include_bytes!("cmaps/GB-EUC-H"),
        "GB-EUC-V" => include_bytes!("cmaps/GB-EUC-V"),
        "B5pc-H" => include_bytes!("cmaps/B5pc-H"),
        "B5pc-V" => include_bytes!("cmaps/B5pc-V"),
        "KSC-EUC-H" => include_bytes!("cmaps/KSC-EUC-H"),
        "KSC-EUC-V" => include_bytes!("cmaps/KSC-EUC-V"),
        _ => return None,
    };
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::super::super::cmap;
    use super::*;

    #[test]
    fn every_embedded_cmap_parses_and_its_base_is_embedded() {
        let names = [
            "H",
            "V",
            "EUC-H",
            "EUC-V",
            "90ms-RKSJ-H",
            "90ms-RKSJ-V",
            "90msp-RKSJ-H",
            "90msp-RKSJ-V",
            "GB-EUC-H",
            "GB-EUC-V",
            "B5pc-H",
            "B5pc-V",
            "KSC-EUC-H",
            "KSC-EUC-V",
        ];
        for name in names {
            let parsed = cmap::parse(predefined_cmap(name).unwrap());
            assert!(!parsed.cid.is_empty(), "{name}");
            assert_eq!(parsed.skipped, 0, "{name}");
            match &parsed.usecmap {
                // A vertical CMap overrides its horizontal base, which must be embedded and have no base.
                Some(base) => {
                    assert_eq!(parsed.wmode, Some(1), "{name}");
                    let base = cmap::parse(predefined_cmap(base).unwrap());
                    assert!(
                        !base.codespace.is_empty() && base.usecmap.is_none(),
                        "{name}"
                    );
                }
                None => assert!(!parsed.codespace.is_empty(), "{name}"),
            }
        }
        assert_eq!(predefined_cmap("Identity-H"), None);
        assert_eq!(predefined_cmap("UniJIS-UCS2-H"), None);
    }
}
