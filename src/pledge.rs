//! Pledges: does a sentence commit the party to act, and for or against?
//!
//! Takes one sentence of body text and says whether it is a pledge and, when
//! the rules can tell, its stance. It knows nothing about lexicons, pages or
//! reports; the pipeline runs it over every sentence of a document with a
//! [`PledgeReader`], which adds the one piece of context a sentence cannot
//! carry alone: the items of a "We will:" list.
//!
//! # The rules
//!
//! Apostrophes may be straight or curly; white space may be any run
//! (including line breaks); case is ignored except where a party name is
//! needed.
//!
//! 1. **Marker.** A sentence is a pledge when it holds a *subject* followed by
//!    a *commitment*. Subjects: "we" (with at most two adverbs such as
//!    "also", "then", "now", "firmly" before the commitment, or a short
//!    aside between commas: "we, the Greens, will"); "our government", "this
//!    government"; and "a", "an", "the next" or "any future" followed by one
//!    to four capitalised words and "government" ("a Labour government",
//!    "the next Liberal Democrat Government"). Commitments: "will", "'ll",
//!    "would", "shall", "are/remain/'re committed to", "are determined to",
//!    "are going to", and the verbs "pledge", "promise", "propose", "commit",
//!    "intend", "guarantee", "vow" (present tense only: "we pledged" reports
//!    the past and is not a pledge).
//! 2. **Not a commitment.** A marker does not count when the sentence is a
//!    question; when "would" is followed by "like", "love", "hope", "prefer",
//!    "welcome", "urge", "encourage", "ask", "have" (a wish or a
//!    counterfactual), or by "be able", "be happy", "be willing", "be glad",
//!    "be pleased"; when "will"/"would" is followed by a verb of prediction
//!    rather than action ("benefit", "lose", "suffer", "face", "need", "all
//!    be", "be better off"); or when the subject follows "if", "unless",
//!    "whether" or "when" directly ("if we would", a condition, not a promise).
//! 3. **Stance.** Each counted marker gets a stance from the words right after
//!    it (after the adverbs "also", "then", "now", ...):
//!    - "not", "never", "no longer", or a contracted negative ("won't",
//!      "wouldn't", "shan't") makes it **against**: the party commits not to
//!      do the thing ("we will not privatise the co-operative bank");
//!    - except the positive idioms "not only", "not just", "not simply",
//!      "not merely", "not hesitate", "not rest", "never stop", "not stop",
//!      "never give up", "not give up", "never forget", which stay **for**;
//!    - and except a second negative within seven words of the negation
//!      ("will not cut", "will never allow post offices to close", "won't
//!      abandon", "won't scrap"; the negatives are "cut", "close", "shut",
//!      "abolish", "scrap", "abandon", "reduce", "undermine", "weaken",
//!      "lose", "fail", "stand by"): double negatives are not resolved, so
//!      the stance is **unknown** (`null`);
//!    - a verb of opposition right after the marker ("oppose", "resist",
//!      "reject", "scrap", "abolish", "repeal", "reverse", "ban", "block",
//!      "prevent", "halt", "outlaw", "stop", "vote/campaign/fight/stand
//!      against") makes it **against**;
//!    - anything else is **for**.
//!
//!    When a sentence holds several markers whose stances differ, its stance
//!    is unknown. The stance is that of the commitment, not of any one
//!    lexicon term in the sentence: in "we will scrap the bedroom tax and
//!    back credit unions" it is against (the first verb decides).
//! 4. **Lists.** A sentence whose last marker is followed by a colon ("We
//!    will:", "A Labour government will also:") opens a list. Until the list
//!    ends, a sentence that starts a new block of text and looks like an item
//!    (it starts with a bullet, a number, or a lower-case letter) is a pledge
//!    even without a marker of its own, and so is a sentence starting with a
//!    bullet inside a block (items whose lines were joined into one block);
//!    its stance is its own first verb's (rule 3, as if it followed the
//!    marker: "Scrap ..." is against) or else the opening sentence's. Any
//!    other sentence that continues a block keeps the list open and is judged
//!    on its own. The first block-starting
//!    sentence that does not look like an item ends the list. Bullets are the
//!    usual bullet and dash characters, geometric shapes and dingbats
//!    (U+25A0 to U+25FF, U+2700 to U+27BF), private-use characters (symbol
//!    fonts), and a lone lower-case letter before a capital ("w Continue to
//!    ...": a symbol-font bullet that came through as a letter).
//!
//! 5. **The party's own name.** A [`PledgeReader`] made with
//!    [`PledgeReader::for_party`] also takes the document's own party, named
//!    without "government", as a subject: "Labour will", "The SNP will",
//!    "Liberal Democrats would", "the Green Party will" (see [`party_names`]
//!    for the forms). Other parties' names are not subjects ("UKIP will" in
//!    a Labour manifesto attacks, it does not promise); [`classify`] knows no
//!    party and takes none.
//!
//! 6. **Asking others is not a pledge.** A commitment followed by a verb of
//!    asking ("we will call for", "call on", "press for", "press the
//!    government", "push for", "lobby for", "urge", "ask the government",
//!    "demand that") commits the party only to ask: it is not a pledge but a
//!    proposal (rule 7). ("We will push to make the credit permanent" stays
//!    a pledge.)
//! 7. **Proposals.** A sentence that is not a pledge is a *proposal* when it
//!    demands action of others without committing the party: "calls for",
//!    "call on", "calls upon", "has called for" and "have long called for"
//!    (a call still standing; "called for" alone reports the past), "urge", "we recommend", "should", "must",
//!    "ought to", "press for", "press the government", "push for", "lobby
//!    for", "ask the government", "demand that" ([`proposes`]).
//!    A question is not one, nor a sentence opening with "Should" (a
//!    condition: "Should the bank fail, ..."). Four uses of those words
//!    demand nothing of anyone and do not count: a thing that "calls for"
//!    something ("this calls for better supervision": it needs it); a part
//!    or role someone "should play" ("charities should play a bigger part",
//!    "a role should be played by"), a belief about who matters; a "should"
//!    under a negated belief ("we do not believe schemes should be
//!    imposed"), which rejects rather than asks; and a "must" or "should" in
//!    a requirement reported ("the act requires that every contract must"),
//!    which describes. Anything else with a mention is a *mention*: description,
//!    praise, record in office, rhetoric. [`PledgeReader`] applies rule 7 to
//!    a sentence only once rules 1 to 5 found no pledge in it.
//! 8. **Imperative items.** A sentence that opens (after a bullet or list
//!    number, if any) with one of the verbs manifestos set their policies
//!    with, in the imperative ("Support a greater role for mutuals.",
//!    "• Pass a new Co-operatives Bill", "Scrap the bedroom tax") is a
//!    pledge: its "we will" is in a heading, or implied. So is one opening
//!    with such a verb's "-ing" form when it starts a block ("Giving
//!    disabled job seekers better help"). The verb must be followed by
//!    neither a preposition nor a verb that makes it a noun ("Support for
//!    co-operatives is growing", "Funding is tight"). Its stance is the
//!    verb's, as for a list item (rule 3). Rule 8 applies only when rules 1
//!    to 5 found nothing.
//! 9. **What will be done.** A sentence that says what a policy, body or
//!    scheme will do, or what will be done ("The fund will focus on",
//!    "A development corporation will be established"), is a pledge: a
//!    manifesto's future tense is its programme. Not when the subject is
//!    someone else ("they", "you", "the government", another party), in a
//!    question, under a condition, or after a call ("has called for a law
//!    that will require": the law's effect, asked for, not pledged); and not
//!    when the subject is only "this", "these", "that" or "it" (or "these
//!    policies", "this measure", ...) and a verb follows: "This will give
//!    social enterprises the funding they need" states the effect of what
//!    came before, where "This new Ministry will help" names a body. "Will
//!    be scrapped" and its like are against. Rule 9 applies only when rules
//!    1 to 5 and 8 found nothing.
//!
//! 10. **Elaborations.** A sentence that continues a block and opens as an
//!     elaboration of the one before it ("For example", "For instance",
//!     "This would include", "These include", "Such facilities ...") is at
//!     least what that sentence is: after a pledge, a pledge with its
//!     stance; after a proposal, a proposal unless it is a pledge itself
//!     ("We propose a scheme for carers. Such facilities should be near
//!     transport." is two pledges; "Options should be created. For example,
//!     seniors can volunteer as tutors." two proposals). A sentence that
//!     starts a block elaborates nothing, nor does one that reports the past
//!     ("has", "had", "was", "were", "did", "have been", "have helped": "For
//!     example, our programme has helped charities" is a record). [`PledgeReader::judge`] applies
//!     rule 10.
//!
//! Known limits: the leader's "I will" is not a marker; "a Conservative
//! government will" in a Labour manifesto (an attack) is counted like a
//! promise.
//!
//! ```
//! use manifesto_mashup::pledge::{classify, Stance};
//!
//! let p = classify("We will double the number of credit unions.").unwrap();
//! assert_eq!(p.stance, Some(Stance::For));
//! let p = classify("We won't privatise the co-operative bank.").unwrap();
//! assert_eq!(p.stance, Some(Stance::Against));
//! assert!(classify("We would like to see more mutuals.").is_none());
//! ```

use crate::text::is_bullet;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

/// Which way a pledge commits the party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// To do, keep or extend something.
    For,
    /// Not to do something, or to stop, scrap or oppose it.
    Against,
}

/// A sentence found to be a pledge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pledge {
    /// `None` when the rules cannot tell (mixed markers, double negatives).
    pub stance: Option<Stance>,
}

/// Adverbs allowed between the subject and the commitment, and between the
/// commitment and its verb.
const ADVERBS: &str = r"also|then|now|therefore|further|still|always|immediately|instead|too|both|firmly|fully|absolutely|strongly|all|together|continue\s+to|urgently|quickly|at\s+least";

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    let subject = r"(?:\b(?i:we)(?:\s*,[^,]{1,40},)?|\b(?i:our|this)\s+(?:[A-Z][\w'-]*\s+){0,3}(?i:government)|\b(?i:an?|the\s+next|any\s+future)\s+(?:[A-Z][\w'-]*\s+){1,4}(?i:government))";
    marker_regex(subject)
});

/// The words that open the `before` group of [`marker_regex`].
static OPENING_CONDITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:if|unless|whether|when)\s").expect("fixed pattern"));

/// The commitments of the `neg` group of [`marker_regex`], which end a marker.
static NEGATIVE_COMMITMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s(?i:won't|wouldn't|shan't)$").expect("fixed pattern"));

/// The marker pattern (rule 1) for a subject pattern: a subject that
/// follows "if", "unless", "whether" or "when" is captured as `before`
/// (rule 2), a contracted negative as `neg`.
fn marker_regex(subject: &str) -> Regex {
    let adverbs = format!(r"(?:\s+(?i:{ADVERBS})){{0,2}}");
    let commitment = format!(
        r"(?i:(?P<neg>\s+won't|\s+wouldn't|\s+shan't)|'ll|\s+will|\s+would|\s+shall|(?:\s+are|\s+remain|'re){adverbs}\s+(?:committed|determined)\s+to|\s+are\s+going\s+to|\s+(?:pledge|promise|propose|commit|intend|guarantee|vow))\b"
    );
    let pattern =
        format!(r"(?P<before>\b(?i:if|unless|whether|when)\s+)?{subject}{adverbs}{commitment}");
    Regex::new(&pattern).expect("the marker pattern is built from fixed parts and escaped names")
}

/// The forms in which a manifesto names its own party as the subject of a
/// pledge, from the party's name as the corpus index gives it: the name
/// itself, without a parenthesised note ("Welsh Conservatives (Welsh
/// language)"); without a leading "Scottish", "Welsh", "Northern Ireland" or
/// "Ulster"; without a trailing "Party" or "Party of ..." (then also with
/// "Party"); each in the plural ("Liberal Democrats", "Greens"; an
/// adjective in "-ic" as its people: "Democrats" for "Democratic Party"); and
/// the initials of a name of two or more capitalised words ("SNP" for
/// "Scottish National Party", "DA" for "Democratic Alliance"). Other names
/// shorter than three letters are left out, being too likely to be other
/// words; initials are matched with their capitals, which ordinary words
/// rarely have.
pub fn party_names(party: &str) -> Vec<String> {
    let mut base = party.trim();
    if let Some(i) = base.find(" (") {
        base = base[..i].trim();
    }
    let mut stems = vec![base.to_string()];
    let words: Vec<&str> = base.split_whitespace().collect();
    let capitalised: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let initials: Option<String> = (capitalised.len() >= 2).then(|| {
        capitalised
            .iter()
            .filter_map(|w| w.chars().next())
            .collect()
    });
    stems.extend(initials.clone());
    for prefix in ["Scottish ", "Welsh ", "Northern Ireland ", "Ulster "] {
        if let Some(rest) = base.strip_prefix(prefix) {
            stems.push(rest.to_string());
        }
    }
    for stem in stems.clone() {
        let core = match stem.find(" Party") {
            Some(i) => stem[..i].to_string(),
            None => continue,
        };
        stems.push(format!("{core} Party"));
        if let Some(adjective) = core.strip_suffix("ic").filter(|_| !core.contains(' ')) {
            stems.push(format!("{adjective}s"));
        }
        stems.push(core);
    }
    let mut names = Vec::new();
    for stem in stems {
        let plural = (!stem.ends_with('s')
            && !stem.ends_with("Party")
            && stem.len() > 3
            && !stem.chars().all(|c| c.is_uppercase()))
        .then(|| format!("{stem}s"));
        names.extend(std::iter::once(stem).chain(plural));
    }
    names.retain(|n| {
        n.chars().filter(|c| c.is_alphabetic()).count() >= 3
            || (initials.as_deref() == Some(n.as_str()) && n.chars().count() >= 2)
    });
    names.sort();
    names.dedup();
    names
}

/// Words right after "would" that make it a wish or a counterfactual.
static NOT_COMMITMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)\s*(?:like|love|hope|prefer|welcome|urge|encourage|ask|have|be\s+(?:able|happy|willing|glad|pleased))\b")
        .expect("fixed pattern")
});

/// Verbs of asking after a commitment: the party commits only to ask
/// (rule 6).
static DEMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)\s*(?:(?:call|calls)\s+(?:for|on|upon)|(?:press|push|lobby)\s+(?:for|the\s+(?:\w+\s+){0,2}government|ministers)|urge|(?:ask|demand)\s+(?:that|the\s+(?:\w+\s+){0,2}government|ministers|parliament))\b")
        .expect("fixed pattern")
});

/// What makes a sentence demand action of others (rule 7).
static PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:(?:has|have)\s+(?:(?:long|repeatedly|consistently|already|also|often)\s+)?called|calls?)\s+(?:for|on|upon)|urges?|urging|we\s+recommend|recommends?|should|must|ought\s+to|press(?:es)?\s+(?:for|the|ministers|government)|push(?:es)?\s+for|lobby(?:ing)?\s+(?:for|the)|asks?\s+(?:the\s+)?(?:government|ministers|parliament)|demands?\s+(?:that|for))\b")
        .expect("fixed pattern")
});

/// A sentence opening with "Should": a condition, not a demand.
static OPENING_SHOULD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W*(?i:should)\b").expect("fixed pattern"));

/// Verbs of prediction after "will"/"would".
static PREDICTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)\s*(?:benefit|lose|suffer|face|need|all\s+be|be\s+better\s+off)\b")
        .expect("fixed pattern")
});

static LEADING_ADVERBS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?i)(?:\s*(?:{ADVERBS})\b)*")).expect("fixed pattern"));

/// A colon right after the commitment (adverbs and a negation allowed).
static LIST_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i)(?:\s*(?:{ADVERBS}|not|never|no\s+longer)\b)*\s*:"
    ))
    .expect("fixed pattern")
});

static NEGATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i)\s*(?:not|never|no\s+longer)\b").expect("fixed pattern"));

static POSITIVE_IDIOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)\s*(?:not\s+(?:only|just|simply|merely|hesitate|rest|stop|give\s+up)|never\s+(?:stop|give\s+up|forget))\b")
        .expect("fixed pattern")
});

/// A negative verb within a few words after a negation: a double negative.
static SECOND_NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(?:\s*(?:not|never|no\s+longer)\b)?(?:\s+\S+){0,6}?\s+(?:cut|cuts|close|closes|closing|shut|abolish|scrap|abandon|reduce|undermine|weaken|lose|fail|stand\s+by)\b")
        .expect("fixed pattern")
});

static OPPOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)\s*(?:oppose|resist|reject|scrap|abolish|repeal|reverse|ban|block|prevent|halt|outlaw|stop|(?:vote|campaign|fight|stand)\s+against)\b")
        .expect("fixed pattern")
});

/// Whether `sentence`, read on its own as a block of its own, is a pledge,
/// and its stance (rules 1 to 3, 8 and 9).
pub fn classify(sentence: &str) -> Option<Pledge> {
    let text = normalise(sentence);
    markers(&text, &MARKER)
        .into_iter()
        .map(|m| m.stance)
        .reduce(|a, b| if a == b { a } else { None })
        .map(|stance| Pledge { stance })
        .or_else(|| imperative(&text, true))
        .or_else(|| future_policy(&text))
}

/// Whether `sentence`, not being a pledge, demands action of others (rule
/// 7): a proposal.
///
/// ```
/// use manifesto_mashup::pledge::proposes;
///
/// assert!(proposes("The government should back community energy."));
/// assert!(proposes("We call on ministers to extend the Social Value Act."));
/// assert!(!proposes("Should the bank fail, savers are protected."));
/// assert!(!proposes("Co-operatives employ thousands of people."));
/// ```
pub fn proposes(sentence: &str) -> bool {
    let text = normalise(sentence);
    !text.trim_end().ends_with('?')
        && !OPENING_SHOULD.is_match(&text)
        && PROPOSAL
            .find_iter(&text)
            .any(|cue| demands(&text, cue.range()))
}

/// Whether the rule 7 cue at `cue` in `text` demands action of someone: not
/// a thing that "calls for" what it needs, a part someone "should play", a
/// "should" under a negated belief, or a "must" in a requirement reported
/// (rule 7's four exceptions).
fn demands(text: &str, cue: std::ops::Range<usize>) -> bool {
    static THING_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:this|that|which|it|what|situation|challenge|crisis)\s*$")
            .expect("fixed pattern")
    });
    static PLAY_A_PART: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i)\s+(?:(?:also|still|continue\s+to|be\s+able\s+to)\s+)?play\s+(?:(?:a|an|and|its|their|our|his|her|the|full|fuller|major|key|bigger|greater|larger|leading|central|vital|important|active|new|part|role)\s+){0,4}(?:part|role)s?\b")
            .expect("fixed pattern")
    });
    static ROLE_PLAYED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:part|role)s?\s*$").expect("fixed pattern"));
    static REPORTED_REQUIREMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:requires|required|requiring)\s+that\b").expect("fixed pattern")
    });
    static NEGATED_BELIEF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:do|does|did)\s+not\s+(?:believe|think|accept|agree)\b|\b(?:don't|doesn't|didn't)\s+(?:believe|think|accept|agree)\b")
            .expect("fixed pattern")
    });
    let (before, word, after) = (&text[..cue.start], &text[cue.clone()], &text[cue.end..]);
    let word = word.to_lowercase();
    if word.contains("call") {
        return !THING_BEFORE.is_match(before);
    }
    if word == "should" || word == "must" {
        let played = ROLE_PLAYED.is_match(before) && after.trim_start().starts_with("be played");
        // The belief is the clause's own: after its last comma, colon or semicolon.
        let clause = before.rsplit([',', ';', ':']).next().unwrap_or(before);
        return !(PLAY_A_PART.is_match(after)
            || played
            || NEGATED_BELIEF.is_match(clause)
            || REPORTED_REQUIREMENT.is_match(clause));
    }
    true
}

/// A counted marker: its stance and whether a colon follows it (a list).
struct Marker {
    /// Where the marker starts in the normalised sentence.
    start: usize,
    stance: Option<Stance>,
    opens_list: bool,
}

fn markers(text: &str, marker: &Regex) -> Vec<Marker> {
    if text.trim_end().ends_with('?') {
        return Vec::new();
    }
    let mut found = Vec::new();
    // Only the match is searched for (by the regex's DFAs, fast), not its
    // groups (by its capture engines, many times slower on this pattern),
    // for the groups follow from the match: `neg` is the commitment, always
    // last, and `before` the optional opening word, always first. Only a
    // match opening with such a word is searched again with its groups, as
    // a party's own name could start with one.
    for whole in find_markers(text, marker) {
        let matched = &text[whole.clone()];
        let opens_with_before = OPENING_CONDITION.is_match(matched);
        if opens_with_before
            && marker
                .captures_at(text, whole.start)
                .is_some_and(|caps| caps.name("before").is_some())
        {
            continue;
        }
        let negative = NEGATIVE_COMMITMENT.is_match(matched);
        let rest = &text[whole.end..];
        let word = matched.to_lowercase();
        if word.ends_with("would") && NOT_COMMITMENT.is_match(rest) {
            continue;
        }
        if DEMAND.is_match(skip_adverbs(rest)) {
            continue;
        }
        if (word.ends_with("will") || word.ends_with("would") || word.ends_with("'ll"))
            && (PREDICTION.is_match(rest) || PREDICTION.is_match(skip_adverbs(rest)))
        {
            continue;
        }
        let stance = if negative {
            negated(rest)
        } else {
            stance_after(rest)
        };
        let opens_list = LIST_OPENER.is_match(rest);
        found.push(Marker {
            start: whole.start,
            stance,
            opens_list,
        });
    }
    found
}

/// The byte ranges of `marker`'s matches in normalised `text`.
///
/// The regex's fast engine, a lazy DFA, gives up at the first non-ASCII
/// byte next to a Unicode word boundary (`\b`), and the regex then runs its
/// slow engine over the whole sentence: most sentences with a dash, a pound
/// sign or a curly quote. So such a sentence is searched as an ASCII
/// stand-in of one byte per character, which every part of an ASCII
/// pattern treats as it treats the character: a letter, digit or mark
/// becomes `x` (a word character, not `A`-`Z`, folding to no pattern
/// letter), the long s and the Kelvin sign their ASCII folds, anything else
/// `#` (not a word character, not a space, not a comma). `normalise` has
/// already made every space an ASCII space and every apostrophe ASCII. A
/// pattern with non-ASCII in it (a party's own name) searches the text as it is.
fn find_markers(text: &str, marker: &Regex) -> Vec<std::ops::Range<usize>> {
    if text.is_ascii() || !marker.as_str().is_ascii() {
        return marker.find_iter(text).map(|m| m.range()).collect();
    }
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("fixed pattern"));
    let mut ascii = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        offsets.push(at);
        ascii.push(match c {
            c if c.is_ascii() => c,
            '\u{17F}' => 's',
            '\u{212A}' => 'k',
            c if c.is_whitespace() => ' ',
            c if WORD.is_match(c.encode_utf8(&mut [0; 4])) => 'x',
            _ => '#',
        });
    }
    offsets.push(text.len());
    marker
        .find_iter(&ascii)
        .map(|m| offsets[m.start()]..offsets[m.end()])
        .collect()
}

/// Rule 3 for the words after a commitment (or at the start of a list item).
fn stance_after(rest: &str) -> Option<Stance> {
    let rest = skip_adverbs(rest);
    if POSITIVE_IDIOM.is_match(rest) {
        return Some(Stance::For);
    }
    if NEGATION.is_match(rest) {
        return negated(rest);
    }
    if OPPOSE.is_match(rest) {
        return Some(Stance::Against);
    }
    Some(Stance::For)
}

/// The stance of a negated commitment; `rest` may still start with the
/// negation word itself.
fn negated(rest: &str) -> Option<Stance> {
    let rest = skip_adverbs(rest);
    if POSITIVE_IDIOM.is_match(rest) {
        return Some(Stance::For);
    }
    if SECOND_NEGATIVE.is_match(rest) {
        return None;
    }
    Some(Stance::Against)
}

fn skip_adverbs(rest: &str) -> &str {
    match LEADING_ADVERBS.find(rest) {
        Some(m) => &rest[m.end()..],
        None => rest,
    }
}

/// Straight apostrophes and single spaces, so the patterns stay simple.
fn normalise(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut space = false;
    for c in sentence.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            c => c,
        });
    }
    out
}

/// Reads a document's sentences in order and applies rule 4 (lists) on top
/// of [`classify`]. A list may run on across a page break, so keep one
/// reader per document.
#[derive(Clone, Debug, Default)]
pub struct PledgeReader {
    /// The opening sentence's stance while a list is open.
    list: Option<Option<Stance>>,
    /// Markers whose subject is the document's own party (rule 5).
    own_party: Option<Regex>,
    /// What the sentence read last does, for an elaboration after it
    /// (rule 10); a mention after one only passed over.
    last: Judgement,
}

/// What a sentence does: commit the party (a pledge), demand action of
/// others (a proposal, rule 7), or neither (a mention). Ordered from weakest
/// to strongest, for rule 10.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Judgement {
    /// Description, praise, record, rhetoric.
    #[default]
    Mention,
    /// Demands action of others without committing the party.
    Proposal,
    /// Commits the party to act.
    Pledge(Pledge),
}

impl Judgement {
    /// The pledge, when the sentence is one.
    pub fn pledge(self) -> Option<Pledge> {
        match self {
            Judgement::Pledge(p) => Some(p),
            _ => None,
        }
    }

    /// The stronger of two judgements: a pledge over a proposal over a
    /// mention (`self` when both are pledges).
    fn or_stronger(self, other: Judgement) -> Judgement {
        let rank = |j: Judgement| match j {
            Judgement::Mention => 0,
            Judgement::Proposal => 1,
            Judgement::Pledge(_) => 2,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

/// The openings of an elaboration (rule 10): "For example", "For instance",
/// "This would include", "These include", "Such facilities ...".
static ELABORATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?i:for\s+(?:example|instance)\b|(?:this|these)\s+(?:(?:would|will|could|should|must|can|may)\s+)?includes?\b|such\s+[a-z]+\b)")
        .expect("fixed pattern")
});

/// A verb in the past or the perfect: an elaboration that reports what was
/// done (rule 10's exception).
static REPORTS_PAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:has|had|was|were|did)\b|\bhave\s+(?:been|\w+ed)\b")
        .expect("fixed pattern")
});

/// Whether `sentence` opens as an elaboration of the one before it and
/// takes its class (rule 10): not one that reports the past ("For example,
/// our programme has helped charities"), and not "Such as", which opens no
/// sentence of its own.
pub fn elaborates(sentence: &str) -> bool {
    ELABORATION
        .find(sentence)
        .is_some_and(|m| !m.as_str().trim_end().to_lowercase().ends_with("such as"))
        && !REPORTS_PAST.is_match(sentence)
}

impl PledgeReader {
    /// A reader with no list open, that knows no party.
    pub fn new() -> PledgeReader {
        PledgeReader::default()
    }

    /// A reader that also takes `party`'s own name as a subject (rule 5);
    /// with an empty or unknown party, the same as [`PledgeReader::new`].
    ///
    /// The pattern is compiled once per party name and kept for the rest of
    /// the run (about a millisecond each, against one reader per document).
    pub fn for_party(party: &str) -> PledgeReader {
        /// Parties whose patterns are kept; an index naming more parties
        /// than this compiles the rest per document instead of growing the
        /// cache without bound.
        const MAX_CACHED: usize = 256;
        static CACHE: LazyLock<Mutex<HashMap<String, Option<Regex>>>> =
            LazyLock::new(Default::default);
        let cache = || CACHE.lock().unwrap_or_else(PoisonError::into_inner);
        let cached = cache().get(party).cloned();
        let own_party = cached.unwrap_or_else(|| {
            let built = own_party_marker(party);
            let mut cache = cache();
            if cache.len() < MAX_CACHED {
                cache.insert(party.to_string(), built.clone());
            }
            built
        });
        PledgeReader {
            list: None,
            own_party,
            last: Judgement::Mention,
        }
    }

    /// [`PledgeReader::for_party`] for a document whose text is `pages`:
    /// the party's own pattern is only compiled when the first word of one
    /// of its names occurs in the text. Names are matched with their case,
    /// and sentences are only normalised in their spaces and apostrophes, so
    /// a text without that word cannot match the pattern (a word with an
    /// apostrophe is taken as present). A scan without an index takes each
    /// file's name for its party, which no text names: compiling a pattern
    /// per file would then cost more than judging its sentences.
    pub fn for_party_in<'a>(party: &str, pages: impl IntoIterator<Item = &'a str>) -> PledgeReader {
        let names = party_names(party);
        let pages: Vec<&str> = pages.into_iter().collect();
        let occurs = |name: &String| {
            let word = name.split_whitespace().next().unwrap_or("");
            word.contains('\'') || pages.iter().any(|page| page.contains(word))
        };
        if names.iter().any(occurs) {
            PledgeReader::for_party(party)
        } else {
            PledgeReader::new()
        }
    }

    /// Judges the next sentence in full: a pledge ([`PledgeReader::sentence`]),
    /// else a proposal ([`proposes`]), else a mention; and an elaboration
    /// that continues a block is at least what the sentence before it was
    /// (rule 10). That sentence must have been judged, not passed over.
    pub fn judge(&mut self, sentence: &str, starts_block: bool) -> Judgement {
        let last = self.last;
        let own = match self.sentence(sentence, starts_block) {
            Some(pledge) => Judgement::Pledge(pledge),
            None if proposes(sentence) => Judgement::Proposal,
            None => Judgement::Mention,
        };
        let judged = if !starts_block && elaborates(sentence) {
            own.or_stronger(last)
        } else {
            own
        };
        self.last = judged;
        judged
    }

    /// Whether the next sentence is a pledge (rules 1 to 6, 8 and 9; see
    /// [`PledgeReader::judge`] for proposals and elaborations).
    /// `starts_block` says whether it begins a new block of text (a
    /// paragraph, a heading, a list item) rather than continuing one.
    pub fn sentence(&mut self, sentence: &str, starts_block: bool) -> Option<Pledge> {
        let text = normalise(sentence);
        let mut found = markers(&text, &MARKER);
        if let Some(own) = &self.own_party {
            found.extend(markers(&text, own));
            found.sort_by_key(|m| m.start);
        }
        let own = found
            .iter()
            .map(|m| m.stance)
            .reduce(|a, b| if a == b { a } else { None })
            .map(|stance| Pledge { stance });
        let mut result = own;
        if let Some(lead) = self.list {
            let item = item_text(&text).filter(|_| starts_block || starts_with_bullet(&text));
            match item {
                // An item with no marker of its own: the list's pledge.
                Some(item) if result.is_none() => {
                    let stance = match stance_after(item) {
                        Some(Stance::For) => lead,
                        other => other,
                    };
                    result = Some(Pledge { stance });
                }
                Some(_) => {}
                None if starts_block => self.list = None,
                None => {}
            }
        }
        if let Some(last) = found.last() {
            if last.opens_list {
                self.list = Some(last.stance);
            }
        }
        if result.is_none() {
            result = imperative(&text, starts_block).or_else(|| future_policy(&text));
        }
        self.last = result.map_or(Judgement::Mention, Judgement::Pledge);
        result
    }
}

/// Verbs manifestos set policies with in the imperative (rule 8), lower
/// case, with their "-ing" forms made by [`gerund`].
const POLICY_VERBS: &[&str] = &[
    "abolish",
    "adopt",
    "allow",
    "amend",
    "appoint",
    "assist",
    "award",
    "back",
    "ban",
    "boost",
    "bring",
    "build",
    "cap",
    "champion",
    "commission",
    "complete",
    "consult",
    "continue",
    "create",
    "cut",
    "deliver",
    "develop",
    "devolve",
    "double",
    "empower",
    "enable",
    "encourage",
    "facilitate",
    "stimulate",
    "end",
    "enshrine",
    "ensure",
    "establish",
    "expand",
    "extend",
    "foster",
    "fund",
    "give",
    "grant",
    "guarantee",
    "help",
    "implement",
    "improve",
    "increase",
    "introduce",
    "invest",
    "keep",
    "launch",
    "legislate",
    "maintain",
    "make",
    "offer",
    "open",
    "oppose",
    "pass",
    "pilot",
    "prevent",
    "procure",
    "promote",
    "protect",
    "provide",
    "put",
    "raise",
    "recognise",
    "recognize",
    "reduce",
    "reform",
    "reinstate",
    "remove",
    "replace",
    "require",
    "restore",
    "review",
    "roll",
    "safeguard",
    "scrap",
    "secure",
    "seek",
    "set",
    "simplify",
    "stop",
    "strengthen",
    "support",
    "tackle",
    "transfer",
    "turn",
    "use",
    "value",
    "widen",
    "work",
];

/// Words after a policy verb that make it a noun or a subject ("Support
/// for", "Funding is"), not an order.
const NOT_AN_ORDER: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "must", "should", "for", "of", "from", "in", "on", "at", "by",
];

/// The "-ing" form of a policy verb: "make" gives "making", "cut" "cutting".
fn gerund(verb: &str) -> String {
    const DOUBLED: &[&str] = &["ban", "cap", "cut", "put", "scrap", "set", "stop"];
    if DOUBLED.contains(&verb) {
        format!("{verb}{}ing", &verb[verb.len() - 1..])
    } else if let Some(stem) = verb.strip_suffix('e').filter(|_| !verb.ends_with("ee")) {
        format!("{stem}ing")
    } else {
        format!("{verb}ing")
    }
}

/// Rule 9: a sentence that says what a policy, body or scheme will do or
/// what will be done ("The Big Lottery Fund will focus on", "A Development
/// Corporation will be established"): the manifesto's future is its
/// programme. Not when the subject is someone else ("they", "you", "the
/// government", another party named before "will"), in a question, or
/// under a condition.
fn future_policy(text: &str) -> Option<Pledge> {
    static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
        let verbs = POLICY_VERBS.join("|");
        Regex::new(&format!(
            r"\b(?i:will)(?:\s+(?i:{ADVERBS}))?\s+(?:(?P<verb>{verbs})|be\s+(?P<done>\w+ed|made|given|set|built|taken|paid|met|brought|held|kept|run|put|done|won)|(?P<focus>focus|act|become|have))\b"
        ))
        .expect("fixed pattern")
    });
    static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:they|you|he|she|i|tory|tories|conservatives|labour|ukip|snp|lib\s+dems?|liberal\s+democrats|greens?|reform|opponents|ministers|the\s+government|current\s+government)\b")
            .expect("fixed pattern")
    });
    // Most sentences say no "will": the pattern is not run on them.
    if !(text.contains("will") || text.contains("Will") || text.contains("WILL"))
        || text.trim_end().ends_with('?')
        || OPENING_CONDITION.is_match(text)
    {
        return None;
    }
    // A call for a law that "will require" reports what the law will do:
    // the sentence asks for it (rule 7), it does not pledge it.
    static CALL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:calls?|called|calling)\s+(?:for|on|upon)\b").expect("fixed pattern")
    });
    let found = FUTURE.captures(text)?;
    let whole = found.get(0)?;
    let before = &text[..whole.start()];
    if OTHERS.is_match(before) || before.to_lowercase().contains(" if ") || CALL.is_match(before) {
        return None;
    }
    // "This will give ...", "These policies will provide ...": the effect of
    // what was said before, not a programme of its own (a new body's
    // "This new Ministry will help" names its subject, and stays one).
    static EFFECT_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\W*(?i:this|these|that|it)(?:\s+(?i:policy|policies|measures?|changes?|reforms?|plans?|steps?))?(?:\s+(?i:also|in\s+turn))?\s*$")
            .expect("fixed pattern")
    });
    if found.name("verb").is_some() && EFFECT_SUBJECT.is_match(before) {
        return None;
    }
    // A thing that will be scrapped is opposed, as a verb of opposition
    // after a marker is (rule 3).
    const UNDONE: &[&str] = &[
        "abolished",
        "banned",
        "blocked",
        "halted",
        "outlawed",
        "repealed",
        "reversed",
        "scrapped",
        "stopped",
    ];
    if let Some(done) = found.name("done") {
        if UNDONE.contains(&done.as_str().to_lowercase().as_str()) {
            return Some(Pledge {
                stance: Some(Stance::Against),
            });
        }
    }
    let verb = ["verb", "done", "focus"]
        .iter()
        .find_map(|name| found.name(name))
        .map_or(whole.end(), |m| m.start());
    Some(Pledge {
        stance: stance_after(&text[verb..]),
    })
}

/// A capital letter as a list marker: "D)", "(B)", "C.".
fn is_capital_marker(word: &str) -> bool {
    let inner = word.trim_start_matches('(').trim_end_matches(['.', ')']);
    inner.len() == 1 && inner.len() < word.len() && inner.chars().all(|c| c.is_ascii_uppercase())
}

/// Rule 8: the pledge of a sentence set as an imperative item.
fn imperative(text: &str, starts_block: bool) -> Option<Pledge> {
    static GERUNDS: LazyLock<Vec<String>> =
        LazyLock::new(|| POLICY_VERBS.iter().map(|v| gerund(v)).collect());
    if text.trim_end().ends_with('?') {
        return None;
    }
    // After a bullet, a list number, or a list letter ("d.", "ii.", "D)").
    let item = item_text(text).unwrap_or(text);
    let item = match item.split_once(' ') {
        Some((marker, rest)) if crate::text::is_marker(marker) || is_capital_marker(marker) => rest,
        _ => item,
    };
    let listed = item.len() < text.len();
    let mut words = item.split(' ');
    let first = words.next()?;
    // An order opens with a capital, or follows a bullet in lower case.
    if !(first.starts_with(char::is_uppercase) || listed) {
        return None;
    }
    let verb = first.to_lowercase();
    let next = words.next().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    })?;
    if NOT_AN_ORDER.contains(&next.as_str()) {
        return None;
    }
    let order = POLICY_VERBS.contains(&verb.as_str())
        || ((starts_block || listed) && GERUNDS.contains(&verb));
    order.then(|| Pledge {
        stance: stance_after(item),
    })
}

impl PledgeReader {
    /// Reads a sentence that need not be judged, for its effect on lists
    /// only: the same state afterwards as [`PledgeReader::sentence`] leaves.
    /// A list opens only at a colon after a marker, and closes only at a
    /// block that is not an item, so only a sentence with a colon is looked
    /// at for markers, which are most of the cost of judging.
    pub fn pass(&mut self, sentence: &str, starts_block: bool) {
        self.last = Judgement::Mention;
        if sentence.contains(':') {
            self.sentence(sentence, starts_block);
        } else if self.list.is_some() && starts_block {
            // Without a colon the sentence opens nothing; it closes the
            // open list unless it is one of its items.
            let text = normalise(sentence);
            if item_text(&text).is_none() {
                self.list = None;
            }
        }
    }
}

/// The marker pattern whose subject is `party`'s own name (rule 5), or
/// `None` when the party has no usable name.
fn own_party_marker(party: &str) -> Option<Regex> {
    let names = party_names(party);
    if names.is_empty() {
        return None;
    }
    let names: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    // Case matters for the name ("Labour will", not "labour will"); the
    // optional article may be capitalised at the start of a sentence.
    let subject = format!(r"\b(?:(?i:the)\s+)?(?:{})\b", names.join("|"));
    Some(marker_regex(&subject))
}

fn starts_with_bullet(text: &str) -> bool {
    text.chars().next().is_some_and(is_bullet) || letter_bullet(text)
}

/// "w Continue": a lone lower-case letter before a capital, a symbol-font
/// bullet that came through as a letter.
fn letter_bullet(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(char::is_lowercase)
        && chars.next() == Some(' ')
        && chars.next().is_some_and(char::is_uppercase)
}

/// The text of a list item after its bullet, or `None` when the sentence
/// does not look like an item.
fn item_text(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    if is_bullet(first) {
        return Some(text[first.len_utf8()..].trim_start());
    }
    if first.is_ascii_digit() {
        let end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let after = &text[end..];
        return after
            .strip_prefix(['.', ')'])
            .map(str::trim_start)
            .or(Some(text));
    }
    if letter_bullet(text) {
        return Some(text[first.len_utf8()..].trim_start());
    }
    if first.is_lowercase() {
        return Some(text);
    }
    None
}

#[cfg(test)]
mod tests;
