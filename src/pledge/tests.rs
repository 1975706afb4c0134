//! The labelled sentences: `(name, sentence, expected)` tables, one per rule
//! of the module doc. `expected` is `"-"` (not a pledge), `"for"`,
//! `"against"` or `"?"` (a pledge whose stance is unknown). All sentences are
//! our own words.

use super::*;

type Case = (&'static str, &'static str, &'static str);

fn label(p: Option<Pledge>) -> &'static str {
    match p {
        None => "-",
        Some(Pledge {
            stance: Some(Stance::For),
        }) => "for",
        Some(Pledge {
            stance: Some(Stance::Against),
        }) => "against",
        Some(Pledge { stance: None }) => "?",
    }
}

fn run(cases: &[Case]) {
    let mut failures = Vec::new();
    for &(name, sentence, expected) in cases {
        let got = label(classify(sentence));
        if got != expected {
            failures.push(format!(
                "{name}: {sentence:?}: expected {expected}, got {got}"
            ));
        }
        // A lone sentence read by a fresh reader is judged the same way.
        let via_reader = label(PledgeReader::new().sentence(sentence, true));
        if via_reader != got {
            failures.push(format!("{name}: reader says {via_reader}, classify {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Rule 1: subjects and commitments.
const MARKERS: &[Case] = &[
    (
        "we will",
        "We will double the number of credit unions.",
        "for",
    ),
    (
        "we'll",
        "We'll give every town a community energy fund.",
        "for",
    ),
    (
        "we’ll curly",
        "We’ll back co-operative housing schemes.",
        "for",
    ),
    (
        "we would",
        "We would extend the Social Value Act to all contracts.",
        "for",
    ),
    (
        "we shall",
        "We shall set up a mutuals taskforce in our first year.",
        "for",
    ),
    (
        "are committed to",
        "We are committed to a thriving social economy.",
        "for",
    ),
    (
        "firmly committed",
        "We are firmly committed to employee ownership.",
        "for",
    ),
    (
        "we're committed",
        "We're committed to doubling the size of the co-operative sector.",
        "for",
    ),
    (
        "remain committed",
        "We remain committed to the community right to bid.",
        "for",
    ),
    (
        "determined",
        "We are determined to make social investment work for small charities.",
        "for",
    ),
    (
        "going to",
        "We are going to put communities in charge of their assets.",
        "for",
    ),
    (
        "pledge",
        "We pledge to protect the assets of mutual building societies.",
        "for",
    ),
    (
        "promise",
        "We promise a fair deal for social enterprises.",
        "for",
    ),
    (
        "propose to",
        "We propose to create a national community wealth fund.",
        "for",
    ),
    (
        "propose a",
        "We propose a new legal form for community benefit societies.",
        "for",
    ),
    (
        "commit",
        "We commit to buying from local social enterprises.",
        "for",
    ),
    (
        "intend",
        "We intend to review the rules on asset locks.",
        "for",
    ),
    (
        "guarantee",
        "We guarantee every credit union access to the payments system.",
        "for",
    ),
    (
        "continue to",
        "We will continue to support the Big Society Bank.",
        "for",
    ),
    (
        "also",
        "We will also legislate to protect co-operative names.",
        "for",
    ),
    (
        "then",
        "Once elected, we then will convene the sector.",
        "for",
    ),
    (
        "aside",
        "We, the Greens, will fund worker co-operatives.",
        "for",
    ),
    (
        "labour government",
        "A Labour government will back community shares.",
        "for",
    ),
    (
        "lib dem government",
        "A Liberal Democrat government would create a mutuals fund.",
        "for",
    ),
    (
        "next government",
        "The next Hedgerow Party Government will expand credit unions.",
        "for",
    ),
    (
        "our government",
        "Our government will put social value at the heart of procurement.",
        "for",
    ),
    (
        "an snp government",
        "An SNP government will champion community ownership.",
        "for",
    ),
    (
        "mid sentence",
        "To build a fairer economy, we will support mutuals and co-operatives.",
        "for",
    ),
    ("line break", "We\nwill support social\nenterprises.", "for"),
    ("shouting", "WE WILL SUPPORT CO-OPERATIVES.", "for"),
];

/// Sentences with no marker, or a marker that does not count (rule 2).
const NOT_PLEDGES: &[Case] = &[
    (
        "statement",
        "Co-operatives employ thousands of people across the country.",
        "-",
    ),
    (
        "belief",
        "We believe social enterprises can transform public services.",
        "-",
    ),
    ("support", "We support the work of credit unions.", "-"),
    (
        "want",
        "We want to see more employee-owned businesses.",
        "-",
    ),
    ("must", "We must do more to help community energy.", "-"),
    (
        "past pledged",
        "In 2010 we pledged to create a Big Society Bank.",
        "-",
    ),
    (
        "past promised",
        "We promised more mutuals and delivered them.",
        "-",
    ),
    (
        "have done",
        "We have doubled funding for social investment.",
        "-",
    ),
    (
        "would like",
        "We would like to see every council with a social value policy.",
        "-",
    ),
    (
        "would love",
        "We would love more people to join a credit union.",
        "-",
    ),
    (
        "would welcome",
        "We would welcome a review of the Co-operatives Act.",
        "-",
    ),
    (
        "would have",
        "Without our reforms we would have lost hundreds of credit unions.",
        "-",
    ),
    (
        "would be able",
        "With more capital we would be able to do more.",
        "-",
    ),
    (
        "will benefit",
        "We will all benefit from a stronger social economy.",
        "-",
    ),
    (
        "will need",
        "We will need more community housing in rural areas.",
        "-",
    ),
    (
        "will lose",
        "If nothing changes we will lose our local pubs.",
        "-",
    ),
    ("question", "Will we support co-operatives?", "-"),
    (
        "question we will",
        "How far will we go to help mutuals, and will we fund them?",
        "-",
    ),
    ("if we", "The sector grows if we would only let it.", "-"),
    ("when we", "Things changed when we will it so.", "-"),
    (
        "the government",
        "The government will cut funding for social enterprises.",
        "-",
    ),
    (
        "a government",
        "A government will always face hard choices.",
        "-",
    ),
    ("party subject", "Labour will back co-operatives.", "-"),
    (
        "they will",
        "They will sell off the co-operative bank.",
        "-",
    ),
    ("well", "We well know how much credit unions matter.", "-"),
    (
        "weather",
        "The weather will not stop community energy schemes.",
        "-",
    ),
    ("empty", "", "-"),
];

/// Rule 3: stance.
const STANCES: &[Case] = &[
    (
        "will not",
        "We will not privatise the co-operative bank.",
        "against",
    ),
    ("won't", "We won't sell off community assets.", "against"),
    (
        "won’t curly",
        "We won’t charge VAT on community energy.",
        "against",
    ),
    (
        "wouldn't",
        "We wouldn't demutualise the Post Office.",
        "against",
    ),
    (
        "never",
        "We will never privatise mutual insurers.",
        "against",
    ),
    (
        "no longer",
        "We will no longer hand contracts to the lowest bidder alone.",
        "against",
    ),
    (
        "shall not",
        "We shall not tax social investment twice.",
        "against",
    ),
    (
        "oppose",
        "We will oppose any demutualisation of building societies.",
        "against",
    ),
    (
        "scrap",
        "We will scrap the cap on social investment tax relief.",
        "against",
    ),
    (
        "abolish",
        "A Labour government would abolish the rules blocking community shares.",
        "against",
    ),
    (
        "repeal",
        "We will repeal the restrictions on co-operative schools.",
        "against",
    ),
    (
        "ban",
        "We will ban payday lenders from advertising near credit unions.",
        "against",
    ),
    (
        "campaign against",
        "We will campaign against the closure of mutual banks.",
        "against",
    ),
    (
        "continue to oppose",
        "We will continue to oppose cuts to credit unions.",
        "against",
    ),
    (
        "not only",
        "We will not only support co-operatives but fund them.",
        "for",
    ),
    (
        "not just",
        "We will not just talk about social enterprise.",
        "for",
    ),
    (
        "not hesitate",
        "We will not hesitate to back community buy-outs.",
        "for",
    ),
    (
        "never stop",
        "We will never stop championing mutuals.",
        "for",
    ),
    ("not cut", "We will not cut funding for credit unions.", "?"),
    (
        "not allow close",
        "We will never allow rural post offices to close.",
        "?",
    ),
    ("won't abandon", "We won't abandon the social economy.", "?"),
    (
        "not allow exploit",
        "We will not allow payday lenders to exploit families.",
        "against",
    ),
    (
        "mixed",
        "We will scrap the levy and we will fund credit unions.",
        "?",
    ),
    (
        "same twice",
        "We will fund co-operatives and we will train their members.",
        "for",
    ),
    (
        "first verb decides",
        "We will scrap the bedroom tax and back credit unions.",
        "against",
    ),
];

#[test]
fn markers() {
    run(MARKERS);
}

#[test]
fn not_pledges() {
    run(NOT_PLEDGES);
}

#[test]
fn stances() {
    run(STANCES);
}

/// Rule 8: policies set as orders, and rule 9: what a policy or body will do.
const ORDERS_AND_PROGRAMMES: &[Case] = &[
    ("an order", "Support a greater role for mutuals.", "for"),
    (
        "an order after a bullet",
        "• Pass a new Co-operatives Bill.",
        "for",
    ),
    (
        "an order after a list letter",
        "d. fund community energy in every region.",
        "for",
    ),
    (
        "an order against",
        "Scrap the cap on community shares.",
        "against",
    ),
    (
        "an -ing item",
        "Giving staff the right to form mutuals.",
        "for",
    ),
    (
        "an -ing item after a marker",
        "ii. procuring seedlings from local co-operatives.",
        "for",
    ),
    (
        "the verb as a noun",
        "Support for co-operatives is growing.",
        "-",
    ),
    (
        "a gerund as a subject",
        "Funding is tight for credit unions.",
        "-",
    ),
    ("a question", "Support co-operatives?", "-"),
    (
        "a body will",
        "The Big Lottery Fund will focus on the voluntary sector.",
        "for",
    ),
    (
        "it will be done",
        "A Co-operative Development Agency will be established.",
        "for",
    ),
    ("scrapped", "The bedroom tax will be scrapped.", "against"),
    (
        "their will",
        "The Tories will cut funding for charities.",
        "-",
    ),
    (
        "under a condition",
        "If elected, the fund will support credit unions.",
        "-",
    ),
    ("a prediction", "Credit unions will grow in number.", "-"),
];

#[test]
fn orders_and_programmes() {
    run(ORDERS_AND_PROGRAMMES);
}

// Not a test (it says nothing about the code): a guard, checked when the
// tests compile, that the labelled tables are not quietly cut down.
const _: () = assert!(MARKERS.len() + NOT_PLEDGES.len() + STANCES.len() >= 60);

/// Rule 4: lists. Each case is a sequence of `(sentence, starts_block)` with
/// the expected label of each.
#[allow(clippy::type_complexity)]
const LISTS: &[(&str, &[(&str, bool, &str)])] = &[
    (
        "bulleted items",
        &[
            ("We will:", true, "for"),
            ("• Double the funds for credit unions.", true, "for"),
            ("• Scrap the cap on community shares.", true, "against"),
            ("Co-operatives matter.", true, "-"),
            // Outside the list, an order is a pledge of its own (rule 8).
            ("• Fund mutuals.", true, "for"),
            ("• Mutuals matter.", true, "-"),
        ],
    ),
    (
        "lower-case items in one block",
        &[
            ("So we will: back employee ownership", true, "for"),
            ("fund community energy", true, "for"),
            ("This costs little.", false, "-"),
            ("extend social value", true, "for"),
            ("Next chapter", true, "-"),
            ("extend social value", true, "-"),
        ],
    ),
    (
        "symbol-font bullet and numbers",
        &[
            ("A Labour government will also:", true, "for"),
            ("w Continue to fund credit unions.", true, "for"),
            ("2. Oppose demutualisation.", true, "against"),
            ("We will protect mutuals.", false, "for"),
            ("\u{F0B7} Back co-operatives.", true, "for"),
        ],
    ),
    (
        "negated list",
        &[
            ("We will not:", true, "against"),
            ("• sell off community assets", true, "against"),
            ("• hesitate", true, "against"),
        ],
    ),
    (
        "bullets joined into one block",
        &[
            ("We would:", true, "for"),
            ("• Encourage small firms.", true, "for"),
            ("• Support social enterprise.", false, "for"),
            ("It would cost little.", false, "-"),
            ("• Ban payday loans.", false, "against"),
            ("w Back credit unions.", false, "for"),
            ("\u{2756} Fund mutuals.", false, "for"),
        ],
    ),
    (
        "no colon, no list",
        &[
            ("We will act.", true, "for"),
            ("• Mutual banks.", true, "-"),
        ],
    ),
];

#[test]
fn lists() {
    let mut failures = Vec::new();
    for (name, steps) in LISTS {
        let mut reader = PledgeReader::new();
        for (i, (sentence, starts_block, expected)) in steps.iter().enumerate() {
            let got = label(reader.sentence(sentence, *starts_block));
            if got != *expected {
                failures.push(format!(
                    "{name} step {i}: {sentence:?}: expected {expected}, got {got}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn item_text_strips_bullets() {
    assert_eq!(item_text("• Fund mutuals"), Some("Fund mutuals"));
    assert_eq!(item_text("w Continue"), Some("Continue"));
    assert_eq!(item_text("12) Back co-ops"), Some("Back co-ops"));
    assert_eq!(item_text("2015 was a year"), Some("2015 was a year"));
    assert_eq!(item_text("fund co-ops"), Some("fund co-ops"));
    assert_eq!(item_text("Fund co-ops"), None);
    assert_eq!(item_text(""), None);
}

/// Rule 5: `(party as indexed, sentence, expected)`; the same sentence with
/// no party (`classify`) is judged as rule 1 says, shown in the last field.
const OWN_PARTY: &[(&str, &str, &str, &str)] = &[
    (
        "Labour",
        "Labour will double the number of credit unions.",
        "for",
        "-",
    ),
    ("Labour", "labour will be needed on the farms.", "-", "-"),
    (
        "Labour",
        "A Labour government will back mutuals.",
        "for",
        "for",
    ),
    (
        "Labour",
        "Labour won't sell off the co-operative bank.",
        "against",
        "-",
    ),
    ("Labour", "Labour would like to see more mutuals.", "-", "-"),
    ("Labour", "UKIP will scrap the social value act.", "-", "-"),
    ("Labour", "If Labour will not act, who will?", "-", "-"),
    (
        "Scottish Labour",
        "Scottish Labour will fund community buyouts.",
        "for",
        "-",
    ),
    (
        "Scottish National Party",
        "The SNP will oppose any sell-off.",
        "against",
        "-",
    ),
    (
        "Scottish National Party",
        "the SNP will also back co-ops.",
        "for",
        "-",
    ),
    (
        "Liberal Democrat",
        "Liberal Democrats would create a mutual fund.",
        "for",
        "-",
    ),
    (
        "Conservative",
        "The Conservatives will extend the right to buy.",
        "for",
        "-",
    ),
    ("Conservative", "Labour will wreck the economy.", "-", "-"),
    (
        "Green Party of England and Wales",
        "The Green Party will back worker co-operatives.",
        "for",
        "-",
    ),
    (
        "Green Party of England and Wales",
        "Greens will never privatise water.",
        "against",
        "-",
    ),
    (
        "",
        "Labour will double the number of credit unions.",
        "-",
        "-",
    ),
];

#[test]
fn own_party_is_a_subject() {
    let mut failures = Vec::new();
    for &(party, sentence, expected, without) in OWN_PARTY {
        let got = label(PledgeReader::for_party(party).sentence(sentence, true));
        if got != expected {
            failures.push(format!(
                "{party}: {sentence:?}: expected {expected}, got {got}"
            ));
        }
        let plain = label(classify(sentence));
        if plain != without {
            failures.push(format!(
                "no party: {sentence:?}: expected {without}, got {plain}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn an_own_party_list_opener_opens_a_list() {
    let mut reader = PledgeReader::for_party("Labour");
    assert_eq!(label(reader.sentence("Labour will:", true)), "for");
    assert_eq!(label(reader.sentence("• back credit unions", true)), "for");
    assert_eq!(label(reader.sentence("• scrap the levy", true)), "against");
}

#[test]
fn party_names_from_the_index() {
    let names = |p: &str| party_names(p);
    assert_eq!(names("Labour"), ["Labour", "Labours"]);
    assert!(names("Scottish National Party").contains(&"SNP".to_string()));
    assert!(names("Liberal Democrat").contains(&"Liberal Democrats".to_string()));
    assert!(names("Welsh Conservatives (Welsh language)").contains(&"Conservatives".to_string()));
    let green = names("Green Party of England and Wales");
    for form in ["Green Party", "Greens"] {
        assert!(green.contains(&form.to_string()), "{green:?}");
    }
    assert!(names("").is_empty());
    assert!(names("SF").is_empty());
}

/// Passing over the sentences that need no judgement leaves every other
/// sentence judged as when all are judged: lists open at a colon and close
/// at the first block that is not an item, whichever sentences are judged.
#[test]
fn passing_over_sentences_judges_the_rest_the_same() {
    let document: [(&str, bool); 9] = [
        ("We will:", true),
        ("• back co-operatives", true),
        ("• not cut credit unions", true),
        ("Our record: proud.", true),
        ("Labour will:", true),
        ("1. fund mutuals", true),
        ("and this continues the item.", false),
        ("A new paragraph ends the list.", true),
        ("• a stray bullet", true),
    ];
    let all: Vec<_> = {
        let mut reader = PledgeReader::for_party("Labour Party");
        document
            .iter()
            .map(|(s, block)| reader.sentence(s, *block))
            .collect()
    };
    assert!(all.iter().filter(|p| p.is_some()).count() >= 4, "{all:?}");
    for mask in 0u32..(1 << document.len()) {
        let mut reader = PledgeReader::for_party("Labour Party");
        for (i, (s, block)) in document.iter().enumerate() {
            if mask & (1 << i) != 0 {
                assert_eq!(
                    reader.sentence(s, *block),
                    all[i],
                    "sentence {i}, mask {mask:b}"
                );
            } else {
                reader.pass(s, *block);
            }
        }
    }
}

/// Rules 6 and 7: asking others is a proposal, not a pledge.
#[test]
fn proposals_demand_action_of_others() {
    for (sentence, pledge, proposal) in [
        (
            "We will press the UK government to make community energy simpler.",
            false,
            true,
        ),
        (
            "We will call for a Royal Commission on land reform.",
            false,
            true,
        ),
        (
            "The Green Party calls on the government to back credit unions.",
            false,
            true,
        ),
        ("Councils should buy from social enterprises.", false, true),
        ("Ministers must extend the Social Value Act.", false, true),
        (
            "We urge the government to support co-operatives.",
            false,
            true,
        ),
        (
            "We'll also push to make the New Markets Tax Credit permanent.",
            true,
            false,
        ),
        ("We will support co-operatives.", true, false),
        (
            "Should the bank fail, savers keep their deposits.",
            false,
            false,
        ),
        ("Should councils buy from co-operatives?", false, false),
        ("Co-operatives employ thousands of people.", false, false),
        // A call made once reports the past; one that "has" been made stands.
        ("Labour called for more mutuals in 2010.", false, false),
        (
            "Plaid Cymru has long called for a Welsh community bank.",
            false,
            true,
        ),
        // Rule 7's exceptions: a thing needing something, a part to play,
        // a "should" under a negated belief.
        (
            "This calls for better supervision of savings clubs.",
            false,
            false,
        ),
        (
            "Charities should play a bigger part in our public life.",
            false,
            false,
        ),
        (
            "We think mutuals should play a full and active role in care.",
            false,
            false,
        ),
        (
            "A leading role should be played by co-operative enterprise.",
            false,
            false,
        ),
        (
            "We do not believe volunteering schemes should be run from Whitehall.",
            false,
            false,
        ),
        (
            "The 2012 act requires that every council must weigh social value.",
            false,
            false,
        ),
        // ... but a demand beside them still is one.
        (
            "The commission calls for credit unions to be given a bank licence.",
            false,
            true,
        ),
        (
            "Councils should play fair and buy from social enterprises.",
            false,
            true,
        ),
        (
            "We do not believe in quotas, but the government should back co-operatives.",
            false,
            true,
        ),
        // Rule 9 yields to a call: the law's effect is asked for.
        (
            "Our president has called for a new act, which will require charities to publish their donors.",
            false,
            true,
        ),
    ] {
        assert_eq!(classify(sentence).is_some(), pledge, "pledge: {sentence}");
        assert_eq!(
            classify(sentence).is_none() && proposes(sentence),
            proposal,
            "proposal: {sentence}"
        );
    }
}

/// Rule 5: a party's people and its two-letter initials are its own name.
#[test]
fn party_names_take_people_and_short_initials() {
    let names = party_names("Democratic Party");
    assert!(names.contains(&"Democrats".to_string()), "{names:?}");
    let names = party_names("Democratic Alliance");
    assert!(names.contains(&"DA".to_string()), "{names:?}");
    let mut reader = PledgeReader::for_party("Democratic Alliance");
    assert!(reader
        .sentence("The DA will amplify social value in procurement.", true)
        .is_some());
    let mut reader = PledgeReader::for_party("Democratic Party");
    assert!(reader
        .sentence("Democrats will continue to back community lenders.", true)
        .is_some());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    /// The ASCII stand-in finds exactly the markers the text itself holds,
    /// whatever non-ASCII letters, marks, digits and symbols sit around them.
    #[test]
    fn markers_found_through_the_ascii_stand_in_are_the_markers_of_the_text(
        tokens in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("we"),
                proptest::strategy::Just("We"),
                proptest::strategy::Just(" will"),
                proptest::strategy::Just(" won't"),
                proptest::strategy::Just("if "),
                proptest::strategy::Just("Green Party"),
                proptest::strategy::Just("Government"),
                proptest::strategy::Just("the next "),
                proptest::strategy::Just(" are committed to"),
                proptest::strategy::Just(" "),
                proptest::strategy::Just(","),
                proptest::strategy::Just("'"),
                proptest::strategy::Just("-"),
                proptest::strategy::Just("A"),
                proptest::strategy::Just("a"),
                proptest::strategy::Just("\u{e9}"),
                proptest::strategy::Just("\u{c9}"),
                proptest::strategy::Just("\u{301}"),
                proptest::strategy::Just("\u{17f}"),
                proptest::strategy::Just("\u{212a}"),
                proptest::strategy::Just("\u{2013}"),
                proptest::strategy::Just("\u{a3}"),
                proptest::strategy::Just("\u{201c}"),
                proptest::strategy::Just("\u{661}"),
                proptest::strategy::Just("\u{2019}"),
                proptest::strategy::Just("\u{a0}"),
            ],
            0..16,
        ),
    ) {
        let text = normalise(&tokens.concat());
        let own = own_party_marker("Green Party").expect("a party pattern");
        for marker in [&*MARKER, &own] {
            let expected: Vec<_> = marker.find_iter(&text).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(find_markers(&text, marker), expected, "{:?}", text);
        }
    }
}

/// Rule 10: an elaboration that continues a block is at least what the
/// sentence before it is; one that starts a block, or follows a sentence
/// only passed over, is judged on its own.
#[test]
fn elaborations_take_the_class_of_what_they_elaborate() {
    use crate::pledge::Judgement;
    let kind = |j: Judgement| match j {
        Judgement::Pledge(_) => "pledge",
        Judgement::Proposal => "proposal",
        Judgement::Mention => "mention",
    };
    for (name, steps) in [
        (
            "an example of a proposal",
            &[
                (
                    "Options for older people should be created.",
                    true,
                    "proposal",
                ),
                (
                    "For example, seniors can volunteer as tutors.",
                    false,
                    "proposal",
                ),
            ][..],
        ),
        (
            "a should that specifies a pledge",
            &[
                ("We propose a scheme of assisted living.", true, "pledge"),
                ("Such facilities should be near transport.", false, "pledge"),
            ],
        ),
        (
            "what a pledge includes",
            &[
                ("We will fund community banks.", true, "pledge"),
                ("This would include credit unions.", false, "pledge"),
                ("These include mutual societies.", false, "pledge"),
            ],
        ),
        (
            "a new block elaborates nothing",
            &[
                ("We will fund community banks.", true, "pledge"),
                (
                    "For example, credit unions lend to families.",
                    true,
                    "mention",
                ),
            ],
        ),
        (
            "an example from the record",
            &[
                ("We will back charities.", true, "pledge"),
                (
                    "For example, our programme has helped charities.",
                    false,
                    "mention",
                ),
            ],
        ),
        (
            "no elaboration",
            &[
                ("Councils should buy locally.", true, "proposal"),
                ("Co-operatives employ thousands.", false, "mention"),
            ],
        ),
        (
            "such as opens no elaboration",
            &[
                ("We will fund community banks.", true, "pledge"),
                (
                    "Such as credit unions grow, lending grows.",
                    false,
                    "mention",
                ),
            ],
        ),
    ] {
        let mut reader = PledgeReader::new();
        for (sentence, starts_block, expected) in steps {
            assert_eq!(
                kind(reader.judge(sentence, *starts_block)),
                *expected,
                "{name}: {sentence}"
            );
        }
    }
    // After a sentence only passed over, an elaboration stands alone.
    let mut reader = PledgeReader::new();
    reader.pass("We will fund community banks.", true);
    let judged = reader.judge("This would include credit unions.", false);
    assert_eq!(kind(judged), "mention");
}

/// Rule 9 and effects: a future whose subject is only "this", "these
/// policies" or "it" states the effect of what came before; a named body
/// or scheme stays a programme.
#[test]
fn an_effect_stated_as_future_is_not_a_pledge() {
    for (sentence, pledge) in [
        (
            "This will give social enterprises the funding they need.",
            false,
        ),
        (
            "These policies will give new powers to neighbourhood groups.",
            false,
        ),
        ("It will also help to fund community groups.", false),
        ("This new Ministry will help voluntary action.", true),
        ("The fund will support co-operatives.", true),
        ("This will be funded by a levy on the banks.", true),
    ] {
        assert_eq!(classify(sentence).is_some(), pledge, "{sentence}");
    }
}
