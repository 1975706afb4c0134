//! Word scores: the library's test helper, one definition for unit and
//! integration tests alike.

#[allow(unused_imports)]
pub use super::test_support::words_f1;
