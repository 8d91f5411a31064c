//! The O(1) working-day arithmetic of `Calendar` against a naive reference that walks the
//! calendar one day at a time.
//!
//! The reference is a `Vec<bool>` of working days over 2004-01-01..=2026-12-31, read once
//! from `Calendar::is_workday` (itself checked day by day against an independent data set
//! in calendar_crosscheck.rs and against the notices in calendar_regressions.rs). Every
//! arithmetic answer here is then recomputed by stepping through that vector, so these tests
//! check the prefix-count tables, the rank look-ups and the coverage edges, not the data.
//!
//! A reference walk that leaves the vector means "no loaded notice answers this": the
//! calendar must then return `Err` with `is_outside_coverage()`.

mod util;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use duban::{Calendar, Quarter, YearMonth};
use util::{d, dates, outside, FIRST, LAST};

/// The naive model: one bool a covered day, walked step by step.
struct Reference {
    first: NaiveDate,
    work: Vec<bool>,
}

impl Reference {
    fn new(cal: &Calendar) -> Reference {
        let (first, last) = (d(FIRST), d(LAST));
        let work: Vec<bool> = dates(first, last)
            .map(|x| {
                let w = cal.is_workday(x).expect("covered day");
                // Two independent paths through the tables must agree: the prefix counts
                // (`is_workday`) and the day records (`day`).
                assert_eq!(w, cal.day(x).unwrap().is_workday(), "{x}");
                w
            })
            .collect();
        // 2004-2026: 23 years, six of them leap years.
        assert_eq!(work.len(), 8401);
        Reference { first, work }
    }

    fn len(&self) -> i64 {
        self.work.len() as i64
    }

    fn index(&self, date: NaiveDate) -> i64 {
        (date - self.first).num_days()
    }

    fn date(&self, i: i64) -> NaiveDate {
        self.first + Duration::days(i)
    }

    /// `Some(worked)` for a covered index, `None` outside.
    fn at(&self, i: i64) -> Option<bool> {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.work.get(i).copied())
    }

    /// The first `count` working days strictly after (`step = 1`) or before (`step = -1`)
    /// the day at index `i`, walking day by day; shorter if the walk leaves coverage.
    fn walk(&self, i: i64, step: i64, count: usize) -> Vec<NaiveDate> {
        let mut found = Vec::with_capacity(count);
        let mut j = i;
        while found.len() < count {
            j += step;
            match self.at(j) {
                Some(true) => found.push(self.date(j)),
                Some(false) => {}
                None => break,
            }
        }
        found
    }

    /// The last working day in `first..=last`, walking back from `last`.
    fn last_workday_in(&self, first: NaiveDate, last: NaiveDate) -> Option<NaiveDate> {
        let mut x = last;
        while x >= first {
            if self.at(self.index(x))? {
                return Some(x);
            }
            x = x.pred_opt()?;
        }
        None
    }
}

/// Dates around the covered range but outside it.
fn just_outside() -> impl Iterator<Item = NaiveDate> {
    dates(d("2003-11-01"), d("2003-12-31")).chain(dates(d("2027-01-01"), d("2027-02-28")))
}

#[test]
fn add_workdays_matches_day_by_day_walk_for_every_start_and_n_within_60() {
    let cal = Calendar::china();
    let r = Reference::new(&cal);
    let mut checked = 0u32;
    for i in 0..r.len() {
        let start = r.date(i);
        let after = r.walk(i, 1, 60);
        let before = r.walk(i, -1, 60);
        assert_eq!(cal.add_workdays(start, 0), Ok(start));
        for n in 1..=60i32 {
            for (m, list) in [(n, &after), (-n, &before)] {
                let got = cal.add_workdays(start, m);
                match list.get(n as usize - 1) {
                    Some(&want) => assert_eq!(got, Ok(want), "add_workdays({start}, {m})"),
                    None => {
                        let e = outside(got);
                        assert!(e.to_string().contains(&start.to_string()), "{e}");
                    }
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 8401 * 120);
}

#[test]
fn add_workdays_from_an_uncovered_start_is_outside_coverage() {
    let cal = Calendar::china();
    for start in just_outside() {
        for n in [-60, -1, 0, 1, 60, i32::MIN, i32::MAX] {
            let e = outside(cal.add_workdays(start, n));
            assert!(e.to_string().contains(&start.to_string()), "{e}");
        }
    }
}

#[test]
fn add_workdays_extreme_n_is_outside_coverage() {
    let cal = Calendar::china();
    let r = Reference::new(&cal);
    let total = r.work.iter().filter(|w| **w).count() as i32;
    for start in [d(FIRST), d("2023-10-07"), d("2024-02-10"), d(LAST)] {
        for n in [
            i32::MIN,
            i32::MIN + 1,
            -total - 1,
            total + 1,
            i32::MAX - 1,
            i32::MAX,
        ] {
            outside(cal.add_workdays(start, n));
        }
    }
    // The whole range in one jump. 2004-01-01 (元旦) is a day off, so every working day is
    // strictly after it; 2026-12-31 (a Thursday) is worked, so it is the last one.
    let first_work = r.walk(-1, 1, 1)[0];
    let last_work = r.walk(r.len(), -1, 1)[0];
    assert!(!r.work[0] && last_work == d(LAST));
    assert_eq!(cal.add_workdays(d(FIRST), total), Ok(last_work));
    outside(cal.add_workdays(d(FIRST), total + 1));
    assert_eq!(cal.add_workdays(d(LAST), -(total - 1)), Ok(first_work));
    outside(cal.add_workdays(d(LAST), -total));
    assert_eq!(cal.add_workdays(first_work, total - 1), Ok(last_work));
    outside(cal.add_workdays(first_work, total));
}

#[test]
fn workdays_between_matches_naive_count_within_90_days() {
    let cal = Calendar::china();
    let r = Reference::new(&cal);
    let mut checked = 0u32;
    for i in 0..r.len() {
        let a = r.date(i);
        assert_eq!(cal.workdays_between(a, a), Ok(0));
        // Forward: count of working days in (a, b], grown one day at a time.
        let mut count = 0i32;
        for k in 1..=90 {
            let b = r.date(i + k);
            let got = cal.workdays_between(a, b);
            match r.at(i + k) {
                Some(w) => {
                    count += i32::from(w);
                    assert_eq!(got, Ok(count), "workdays_between({a}, {b})");
                }
                None => {
                    outside(got);
                }
            }
            checked += 1;
        }
        // Backward: minus the count in [b, a) (a excluded, b included, as add_workdays
        // counts); stepping b down to b-1 adds day b-1.
        let mut count = 0i32;
        for k in 1..=90 {
            let b = r.date(i - k);
            let got = cal.workdays_between(a, b);
            match r.at(i - k) {
                Some(w) => {
                    count += i32::from(w);
                    assert_eq!(got, Ok(-count), "workdays_between({a}, {b})");
                }
                None => {
                    outside(got);
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 8401 * 180);
}

#[test]
fn workdays_between_matches_naive_count_over_the_whole_range_sampled() {
    let cal = Calendar::china();
    let r = Reference::new(&cal);
    // Working days in 0..i, counted one day at a time.
    let mut before = vec![0i32];
    for w in &r.work {
        before.push(before.last().unwrap() + i32::from(*w));
    }
    let total = *before.last().unwrap();
    for i in (0..r.len()).step_by(13) {
        for j in (0..r.len()).step_by(17) {
            let (a, b) = (r.date(i), r.date(j));
            // Forward (a, b] is 0-based indices i+1..=j; backward [b, a) is j..i, negated.
            let want = if j >= i {
                before[j as usize + 1] - before[i as usize + 1]
            } else {
                before[j as usize] - before[i as usize]
            };
            assert_eq!(cal.workdays_between(a, b), Ok(want), "({a}, {b})");
        }
    }
    assert_eq!(
        cal.workdays_between(d(FIRST), d(LAST)),
        Ok(total - i32::from(r.work[0]))
    );
    for x in just_outside() {
        outside(cal.workdays_between(d("2023-06-01"), x));
        outside(cal.workdays_between(x, d("2023-06-01")));
        outside(cal.workdays_between(x, x));
    }
}

#[test]
fn next_and_previous_workday_match_naive_walk() {
    let cal = Calendar::china();
    let r = Reference::new(&cal);
    for i in 0..r.len() {
        let x = r.date(i);
        match r.walk(i, 1, 1).first() {
            Some(&want) => assert_eq!(cal.next_workday(x), Ok(want), "next_workday({x})"),
            None => drop(outside(cal.next_workday(x))),
        }
        match r.walk(i, -1, 1).first() {
            Some(&want) => assert_eq!(cal.previous_workday(x), Ok(want), "previous({x})"),
            None => drop(outside(cal.previous_workday(x))),
        }
    }
    for x in just_outside() {
        outside(cal.next_workday(x));
        outside(cal.previous_workday(x));
    }
}

#[test]
fn workday_on_or_after_and_before_match_naive_walk() {
    let cal = Calendar::china();
    let r = Reference::new(&cal);
    for i in 0..r.len() {
        let x = r.date(i);
        let on_or_after = if r.work[i as usize] {
            Some(x)
        } else {
            r.walk(i, 1, 1).first().copied()
        };
        let on_or_before = if r.work[i as usize] {
            Some(x)
        } else {
            r.walk(i, -1, 1).first().copied()
        };
        match on_or_after {
            Some(want) => assert_eq!(cal.workday_on_or_after(x), Ok(want), "{x}"),
            None => drop(outside(cal.workday_on_or_after(x))),
        }
        match on_or_before {
            Some(want) => assert_eq!(cal.workday_on_or_before(x), Ok(want), "{x}"),
            None => drop(outside(cal.workday_on_or_before(x))),
        }
    }
    for x in just_outside() {
        outside(cal.workday_on_or_after(x));
        outside(cal.workday_on_or_before(x));
    }
}

#[test]
fn last_workday_of_every_month_quarter_and_year_matches_naive_scan() {
    let cal = Calendar::china();
    let r = Reference::new(&cal);
    let mut months = 0;
    for year in 2004..=2026 {
        for month in 1..=12 {
            let m = YearMonth::new(year, month).unwrap();
            let want = r.last_workday_in(m.first_day(), m.last_day()).unwrap();
            assert_eq!(cal.last_workday_of_month(m), Ok(want), "{m}");
            months += 1;
        }
        for n in 1..=4 {
            let quarter = Quarter::new(year, n).unwrap();
            let want = r
                .last_workday_in(quarter.first_month().first_day(), quarter.last_day())
                .unwrap();
            assert_eq!(cal.last_workday_of_quarter(quarter), Ok(want), "{quarter}");
        }
        let (jan1, dec31) = (
            NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap(),
        );
        let want = r.last_workday_in(jan1, dec31).unwrap();
        assert_eq!(cal.last_workday_of_year(year), Ok(want), "{year}");
    }
    assert_eq!(months, 23 * 12);

    for m in ["2003-12", "2027-01", "2003-01", "2030-06"] {
        outside(cal.last_workday_of_month(util::ym(m)));
    }
    for q in ["2003-Q4", "2027-Q1"] {
        outside(cal.last_workday_of_quarter(util::q(q)));
    }
    for y in [2003, 2027, 1, 9999] {
        outside(cal.last_workday_of_year(y));
    }
    // Years chrono cannot represent are an error too, never a panic.
    for y in [i32::MIN, -1_000_000, 1_000_000, i32::MAX] {
        assert!(cal.last_workday_of_year(y).is_err(), "{y}");
    }
}

#[test]
fn the_reference_itself_is_sane() {
    // Guards the guard: the reference is not all-true or all-false, and outside the holiday
    // breaks it is simply Monday to Friday.
    let cal = Calendar::china();
    let r = Reference::new(&cal);
    let worked = r.work.iter().filter(|w| **w).count();
    let weekdays = dates(d(FIRST), d(LAST))
        .filter(|x| !matches!(x.weekday(), Weekday::Sat | Weekday::Sun))
        .count();
    // 2004-2026: 8401 days, 6001 of them Monday to Friday. Per year, the weekdays off and the
    // weekend days worked, as counted from chinesecalendar by scripts/make_reference.py
    // (2020-2026: the check figures of NOTICES.md), with one correction: 2005 has 7 weekend
    // days worked, not 6, because chinesecalendar misses 2005-12-31 (see
    // calendar_crosscheck.rs and data/notices/guobanfamingdian-2005-35.txt).
    assert_eq!(weekdays, 6001);
    let off = [
        16, 16, 17, 19, 16, 17, 19, 16, 18, 23, 16, 17, 17, 16, 18, 17, // 2004-2019
        19, 18, 18, 18, 19, 18, 19, // 2020-2026
    ];
    let worked_weekend = [
        6, 7, 8, 7, 5, 6, 8, 6, 6, 12, 5, 5, 6, 5, 7, 6, // 2004-2019
        6, 7, 7, 7, 8, 5, 6, // 2020-2026
    ];
    assert_eq!(
        worked,
        6001 - off.iter().sum::<usize>() + worked_weekend.iter().sum::<usize>()
    );
}
