//! Trends across elections: policies per 10,000 words by election for each
//! party family with three or more elections read, overall and per
//! category. What the HTML report draws and the Markdown report tabulates
//! for a scan of several elections.

use super::{per_10k, Report};
use crate::results::Counts;
use std::collections::BTreeMap;

/// Families with fewer elections read than this are left out: two points
/// make a change, not a trend (`mashup compare` is for changes).
pub const MIN_ELECTIONS: usize = 3;

/// The trend lines of a report.
#[derive(Clone, Debug, PartialEq)]
pub struct Trends {
    /// The elections, oldest first: the x axis.
    pub elections: Vec<String>,
    /// One line per family, by name.
    pub families: Vec<FamilyTrend>,
}

/// One family's line.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyTrend {
    /// The family.
    pub family: String,
    /// Policies per 10,000 words per election (`None`: nothing read then).
    pub overall: Vec<Option<f64>>,
    /// The same per category, in lexicon order.
    pub by_category: Vec<Vec<Option<f64>>>,
}

impl Trends {
    /// The trends of `report`: no families when it holds fewer than
    /// [`MIN_ELECTIONS`] elections.
    pub fn of(report: &Report) -> Trends {
        let mut elections: Vec<String> = report
            .elections
            .iter()
            .filter_map(|e| e.election.clone())
            .collect();
        elections.sort();
        let mut counts: BTreeMap<&str, BTreeMap<&str, Counts>> = BTreeMap::new();
        for p in &report.parties {
            let Some(election) = p.election.as_deref() else {
                continue;
            };
            *counts
                .entry(p.family.as_str())
                .or_default()
                .entry(election)
                .or_default() += &p.rates.counts;
        }
        let categories = &report.lexicon.categories;
        let families = counts
            .into_iter()
            .filter(|(_, by_election)| {
                by_election.values().filter(|c| c.words > 0).count() >= MIN_ELECTIONS
            })
            .map(|(family, by_election)| {
                let rate = |election: &String, pick: &dyn Fn(&Counts) -> u64| {
                    by_election
                        .get(election.as_str())
                        .filter(|c| c.words > 0)
                        .map(|c| per_10k(pick(c), c.words))
                };
                FamilyTrend {
                    family: family.to_string(),
                    overall: elections.iter().map(|e| rate(e, &|c| c.policies)).collect(),
                    by_category: categories
                        .iter()
                        .map(|k| {
                            elections
                                .iter()
                                .map(|e| {
                                    rate(e, &|c| {
                                        c.policies_by_category.get(&k.id).copied().unwrap_or(0)
                                    })
                                })
                                .collect()
                        })
                        .collect(),
                }
            })
            .collect();
        Trends {
            elections,
            families,
        }
    }
}
