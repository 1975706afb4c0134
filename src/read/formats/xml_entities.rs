//! The HTML named character references that XML does not predefine, so that
//! files written by HTML-minded tools (ParlParse's Hansard, older scrapes) parse
//! even when they use `&mdash;` without declaring it.

/// HTML 4 names for U+00A0..=U+00FF, in code-point order, so the table below
/// cannot drift from the Latin-1 block it mirrors.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// The rest of HTML 4's entities that turn up in government text: typography,
/// arrows, maths and Greek letters (statistics in answers use them).
const OTHERS: &[(&str, u32)] = &[
    ("OElig", 338),
    ("oelig", 339),
    ("Scaron", 352),
    ("scaron", 353),
    ("Yuml", 376),
    ("fnof", 402),
    ("circ", 710),
    ("tilde", 732),
    ("ensp", 8194),
    ("emsp", 8195),
    ("thinsp", 8201),
    ("zwnj", 8204),
    ("zwj", 8205),
    ("lrm", 8206),
    ("rlm", 8207),
    ("ndash", 8211),
    ("mdash", 8212),
    ("lsquo", 8216),
    ("rsquo", 8217),
    ("sbquo", 8218),
    ("ldquo", 8220),
    ("rdquo", 8221),
    ("bdquo", 8222),
    ("dagger", 8224),
    ("Dagger", 8225),
    ("bull", 8226),
    ("hellip", 8230),
    ("permil", 8240),
    ("prime", 8242),
    ("Prime", 8243),
    ("lsaquo", 8249),
    ("rsaquo", 8250),
    ("oline", 8254),
    ("frasl", 8260),
    ("euro", 8364),
    ("trade", 8482),
    ("larr", 8592),
    ("uarr", 8593),
    ("rarr", 8594),
    ("darr", 8595),
    ("harr", 8596),
    ("minus", 8722),
    ("lowast", 8727),
    ("radic", 8730),
    ("infin", 8734),
    ("ne", 8800),
    ("equiv", 8801),
    ("le", 8804),
    ("ge", 8805),
    ("Alpha", 913),
    ("Beta", 914),
    ("Gamma", 915),
    ("Delta", 916),
    ("Theta", 920),
    ("Lambda", 923),
    ("Pi", 928),
    ("Sigma", 931),
    ("Phi", 934),
    ("Omega", 937),
    ("alpha", 945),
    ("beta", 946),
    ("gamma", 947),
    ("delta", 948),
    ("epsilon", 949),
    ("theta", 952),
    ("lambda", 955),
    ("mu", 956),
    ("pi", 960),
    ("sigma", 963),
    ("phi", 966),
    ("omega", 969),
];

/// The code point an HTML entity name stands for, if it is one we know.
pub(super) fn code_point(name: &str) -> Option<u32> {
    if let Some(i) = LATIN1.iter().position(|n| *n == name) {
        return u32::try_from(i).ok().map(|i| 0xA0 + i);
    }
    OTHERS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_names_sit_at_their_code_points() {
        assert_eq!(code_point("nbsp"), Some(0xA0));
        assert_eq!(code_point("pound"), Some(0xA3));
        assert_eq!(code_point("eacute"), Some(0xE9));
        assert_eq!(code_point("yuml"), Some(0xFF));
        assert_eq!(code_point("mdash"), Some(0x2014));
        assert_eq!(code_point("nosuch"), None);
    }
}
