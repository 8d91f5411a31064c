//! Look-ups by name whose cost stays linear in the input, however hostile.
//!
//! A matter's decided items are matched against the items its report names. A linear
//! scan per item is the fastest way for the few items a real report has, and quadratic for
//! a hostile one (40,000 items against 40,000 others: 1.6 billion comparisons). Past a
//! handful of reported items the look-up goes through a hash map instead.

use std::collections::HashMap;

use super::input::ReportedItem;

/// Up to this many reported items, a linear scan (no allocation); beyond, a hash map.
const SCAN_UP_TO: usize = 8;

/// The items of one submission, by item id.
pub(crate) struct ReportedItems<'a> {
    items: &'a [ReportedItem],
    /// Each id's first occurrence (what a linear scan would find), when there are many.
    index: Option<HashMap<&'a str, &'a ReportedItem>>,
}

impl<'a> ReportedItems<'a> {
    pub(crate) fn new(items: &'a [ReportedItem]) -> ReportedItems<'a> {
        let index = (items.len() > SCAN_UP_TO).then(|| {
            let mut map = HashMap::with_capacity(items.len());
            for r in items {
                map.entry(&*r.item).or_insert(r);
            }
            map
        });
        ReportedItems { items, index }
    }

    /// The first reported item with this id.
    pub(crate) fn get(&self, id: &str) -> Option<&'a ReportedItem> {
        match &self.index {
            Some(map) => map.get(id).copied(),
            None => self.items.iter().find(|r| &*r.item == id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Progress;

    fn item(id: &str, progress: Progress) -> ReportedItem {
        ReportedItem {
            item: id.into(),
            progress,
            physical_progress: None,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn the_first_occurrence_wins_at_every_size() {
        for n in [0, 1, SCAN_UP_TO, SCAN_UP_TO + 1, 100] {
            let mut items: Vec<ReportedItem> = (0..n)
                .map(|i| item(&i.to_string(), Progress::OnSchedule))
                .collect();
            // A repeated id: the first one is the answer, as with a linear scan.
            items.push(item("0", Progress::Completed));
            let look = ReportedItems::new(&items);
            let expect = if n == 0 {
                Progress::Completed
            } else {
                Progress::OnSchedule
            };
            assert_eq!(look.get("0").map(|r| r.progress), Some(expect), "n = {n}");
            assert!(look.get("absent").is_none());
            for i in 0..n {
                assert_eq!(
                    look.get(&i.to_string()).map(|r| &*r.item),
                    Some(&*i.to_string())
                );
            }
        }
    }
}
