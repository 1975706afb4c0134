//! Tests of the structured readers on the real documents of `../shared/track`,
//! on bad input of every kind, and on HTML pages written here.

pub(crate) mod bad_input;
mod html;
mod real;
mod same_counts;
