//! Word scores that follow ../shared/tools/textscore closely enough to catch
//! regressions: NFKC, lower case, words of letters and digits, bag-of-words
//! F1.

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

fn words(text: &str) -> HashMap<String, usize> {
    let folded: String = text.nfkc().collect::<String>().to_lowercase();
    let mut bag = HashMap::new();
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(word.to_string()).or_insert(0) += 1;
    }
    bag
}

/// Bag-of-words F1 of `candidate` against `reference`.
pub fn words_f1(candidate: &str, reference: &str) -> f64 {
    let (a, b) = (words(candidate), words(reference));
    let common: usize = a
        .iter()
        .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
        .sum();
    let (na, nb): (usize, usize) = (a.values().sum(), b.values().sum());
    if na == 0 || nb == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / na as f64, common as f64 / nb as f64);
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}
