//! Country editions: the same social-economy institutions under each
//! country's own names ("approved housing bodies" in Ireland, "stokvels" in
//! South Africa), and the common terms that mean something else there (UK
//! "land reform" is community ownership; South Africa's is redistribution
//! to farmers).
//!
//! An edition is written in the lexicon file beside the common terms:
//!
//! ```toml
//! [[edition]]
//! country = "ZA"                  # or countries = ["AU", "NZ"]: ISO 3166 codes
//! name = "South Africa"
//! note = "the sources its terms come from"
//! drop = ["land reform"]          # common terms that do not apply there
//!
//! [edition.category.civil-society]
//! terms = ["non-profit organisation*"]
//! case_sensitive = ["NPO", "NPOs"]
//! exclude = ["NPO number"]
//! ```
//!
//! [`Lexicon::for_country`](super::Lexicon::for_country) gives the lexicon a
//! document of that country is matched with: the common terms, less those
//! its edition drops, plus its own. A country without an edition gets the
//! common terms as they are.

use super::term::Term;

/// The country whose edition applies when a document's country is not
/// known: the lexicon was written for UK manifestos.
pub const DEFAULT_COUNTRY: &str = "GB";

/// One country's additions to the common lexicon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edition {
    /// The ISO 3166-1 alpha-2 codes it applies to, upper case.
    pub countries: Vec<String>,
    /// Its name for people ("South Africa").
    pub name: String,
    /// Where its terms come from.
    pub note: Option<String>,
    /// Common terms, as written in their category, that do not apply here.
    pub drop: Vec<String>,
    /// Asks, by id, that do not apply here: their words name something
    /// else in this country (South Africa's "land banking" is the state
    /// assembling land for housing, not land held back from use).
    pub drop_asks: Vec<String>,
    /// Per category id: terms added (case-sensitive ones after the others)
    /// and exclude phrases added.
    pub categories: Vec<EditionCategory>,
}

/// An edition's additions to one category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditionCategory {
    /// The category's id (validated to exist).
    pub id: String,
    /// Terms counted for it in this country.
    pub terms: Vec<Term>,
    /// Phrases whose matches hide its matches in this country.
    pub exclude: Vec<Term>,
}

impl Edition {
    /// Number of terms it adds.
    pub fn term_count(&self) -> usize {
        self.categories.iter().map(|c| c.terms.len()).sum()
    }
}

/// The ISO 3166-1 alpha-2 code for what an index's `country` column or
/// `--country` says: a code in either case, or a country's English name.
/// `UK` and the names of the UK's nations are `GB`. `None` when it is
/// neither.
pub fn country_code(given: &str) -> Option<String> {
    let given = given.trim();
    let key: String = given
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let named = NAMES
        .iter()
        .find(|(names, _)| names.split('|').any(|n| n == key))
        .map(|(_, code)| code.to_string());
    if named.is_some() {
        return named;
    }
    let valid = given.len() == 2 && given.chars().all(|c| c.is_ascii_alphabetic());
    valid.then(|| given.to_ascii_uppercase())
}

/// English names (lower case, letters only, `|` between spellings) of the
/// countries whose manifestos users bring most, and of those with editions.
const NAMES: &[(&str, &str)] = &[
    (
        "uk|unitedkingdom|greatbritain|britain|england|scotland|wales|northernireland",
        "GB",
    ),
    ("ireland|republicofireland|eire", "IE"),
    ("us|usa|unitedstates|unitedstatesofamerica|america", "US"),
    ("singapore", "SG"),
    ("southafrica|rsa", "ZA"),
    ("india", "IN"),
    ("ghana", "GH"),
    ("australia", "AU"),
    ("newzealand|aotearoa", "NZ"),
    ("canada", "CA"),
    ("france", "FR"),
    ("germany", "DE"),
    ("spain", "ES"),
    ("italy", "IT"),
    ("netherlands", "NL"),
    ("kenya", "KE"),
    ("nigeria", "NG"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    const FILE: &str = "[lexicon]\nname = \"t\"\nversion = \"1\"\n\
        [[category]]\nid = \"civil\"\nlabel = \"Civil\"\nterms = [\"voluntary sector\", \"land reform\"]\n\
        [[ask]]\nid = \"curb\"\nlabel = \"Curb land banking\"\nall = [\"land bank*\"]\n\
        [[edition]]\ncountry = \"ZA\"\nname = \"South Africa\"\ndrop = [\"land reform\"]\ndrop_asks = [\"curb\"]\n\
        [edition.category.civil]\nterms = [\"stokvel*\"]\ncase_sensitive = [\"NPO\"]\n\
        [[edition]]\ncountries = [\"AU\", \"NZ\"]\nname = \"Australasia\"\n\
        [edition.category.civil]\nterms = [\"community housing provider*\"]\n";

    fn terms(lexicon: &Lexicon) -> Vec<&str> {
        lexicon.categories()[0]
            .terms
            .iter()
            .map(|t| t.as_str())
            .collect()
    }

    #[test]
    fn a_country_gets_the_common_terms_with_its_edition() {
        let lexicon = Lexicon::parse(FILE, "t.toml").unwrap();
        // No country: the default (GB), which has no edition here.
        assert_eq!(lexicon.edition(), None);
        assert_eq!(terms(&lexicon), ["voluntary sector", "land reform"]);
        let za = lexicon.for_country(Some("South Africa"));
        assert_eq!(za.edition(), Some("ZA"));
        assert_eq!(terms(&za), ["voluntary sector", "stokvel*", "NPO"]);
        assert_ne!(za.hash(), lexicon.hash());
        let nz = lexicon.for_country(Some("nz"));
        assert_eq!(nz.edition(), Some("NZ"));
        assert_eq!(
            terms(&nz),
            [
                "voluntary sector",
                "land reform",
                "community housing provider*"
            ]
        );
        // A country with no edition, and one that is not a country: the common terms.
        for other in [Some("FR"), Some("Narnia"), None] {
            let l = lexicon.for_country(other);
            assert_eq!(l.hash(), lexicon.hash(), "{other:?}");
            assert_eq!(terms(&l), terms(&lexicon));
        }
        // Re-applying from an applied lexicon starts from the common terms again.
        assert_eq!(terms(&za.for_country(Some("GB"))), terms(&lexicon));
        // An ask whose words mean something else there does not apply.
        assert_eq!(lexicon.asks().len(), 1);
        assert!(za.asks().is_empty());
        assert_eq!(nz.asks().len(), 1);
        assert_eq!(za.for_country(Some("GB")).asks().len(), 1);
        assert_eq!(lexicon.editions().len(), 2);
    }

    #[test]
    fn a_rule_scoped_to_countries_applies_only_there() {
        let file = format!(
            "{FILE}[[rule]]\nid = \"everywhere\"\nlabel = \"e\"\ncategory = \"civil\"\n\
             cues = [[\"a\"], [\"b\"]]\n\
             [[rule]]\nid = \"za-only\"\nlabel = \"z\"\ncategory = \"civil\"\n\
             cues = [[\"c\"], [\"d\"]]\ncountries = [\"ZA\", \"NZ\"]\n"
        );
        let lexicon = Lexicon::parse(&file, "t.toml").unwrap();
        let ids = |l: &Lexicon| l.rules().iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&lexicon), ["everywhere"]);
        let za = lexicon.for_country(Some("ZA"));
        assert_eq!(ids(&za), ["everywhere", "za-only"]);
        assert_eq!(ids(&za.for_country(Some("AU"))), ["everywhere"]);
        assert_eq!(ids(&za.for_country(Some("NZ"))), ["everywhere", "za-only"]);
        assert_eq!(ids(&za.for_country(None)), ["everywhere"]);
        // A country with no edition would share the common lexicon's hash.
        let e = Lexicon::parse(
            &file.replace("[\"ZA\", \"NZ\"]", "[\"ZA\", \"FR\"]"),
            "t.toml",
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(
            e.contains("rule countries must each have an [[edition]] above; \"FR\" has none"),
            "{e}"
        );
    }

    #[test]
    fn edition_mistakes_name_their_line() {
        let errors = |body: &str| {
            let file = format!(
                "[lexicon]\nname = \"t\"\nversion = \"1\"\n\
                 [[category]]\nid = \"civil\"\nlabel = \"Civil\"\nterms = [\"voluntary sector\"]\n{body}"
            );
            Lexicon::parse(&file, "e.toml")
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        let e = errors("[[edition]]\ncountry = \"South Africa\"\nname = \"x\"\n");
        assert!(
            e.contains("e.toml:9:11: country \"South Africa\" must be an ISO 3166 code"),
            "{e}"
        );
        let e = errors("[[edition]]\ncountry = \"ZA\"\nname = \"x\"\ndrop = [\"land\"]\n");
        assert!(
            e.contains("e.toml:11:9: `drop`: \"land\" is not a term of any category"),
            "{e}"
        );
        let e = errors("[[edition]]\ncountry = \"ZA\"\nname = \"x\"\n[edition.category.nope]\nterms = [\"a\"]\n");
        assert!(e.contains("no category \"nope\""), "{e}");
        let e = errors("[[edition]]\ncountry = \"ZA\"\nname = \"x\"\n[edition.category.civil]\nterms = [\"voluntary sector\"]\n");
        assert!(e.contains("listed twice in this category"), "{e}");
        let e = errors("[[edition]]\ncountry = \"ZA\"\nname = \"x\"\n[[edition]]\ncountry = \"ZA\"\nname = \"y\"\n");
        assert!(
            e.contains("country \"ZA\" already has an edition (x)"),
            "{e}"
        );
        let e = errors("[[edition]]\ncountry = \"ZA\"\nname = \"x\"\ndrop_asks = [\"nope\"]\n");
        assert!(
            e.contains("`drop_asks`: \"nope\" is not the id of an ask"),
            "{e}"
        );
        let e = errors("[[edition]]\nname = \"x\"\n");
        assert!(
            e.contains("[[edition]] needs a `country` or `countries`"),
            "{e}"
        );
    }

    #[test]
    fn codes_and_names_give_iso_codes() {
        assert_eq!(country_code("za").as_deref(), Some("ZA"));
        assert_eq!(country_code("UK").as_deref(), Some("GB"));
        assert_eq!(country_code("Scotland").as_deref(), Some("GB"));
        assert_eq!(country_code("South Africa").as_deref(), Some("ZA"));
        assert_eq!(country_code("United States").as_deref(), Some("US"));
        assert_eq!(country_code("New Zealand").as_deref(), Some("NZ"));
        assert_eq!(country_code("Narnia"), None);
        assert_eq!(country_code("Z1"), None);
    }
}
