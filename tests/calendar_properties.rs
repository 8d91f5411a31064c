//! Properties of the working-day arithmetic that must hold for every input: round trips
//! between `add_workdays` and `workdays_between`, monotonicity, results on working days,
//! and errors (never panics) for any date chrono can represent and any `i32` count.

mod util;

use bdays::HolidayCalendar;
use chrono::{Datelike, NaiveDate};
use duban::{Calendar, ErrorKind, Quarter, YearMonth};
use proptest::prelude::*;
use util::{d, FIRST, LAST};

fn first_ce() -> i32 {
    d(FIRST).num_days_from_ce()
}

fn last_ce() -> i32 {
    d(LAST).num_days_from_ce()
}

fn covered(x: NaiveDate) -> bool {
    (d(FIRST)..=d(LAST)).contains(&x)
}

/// A date inside the covered range.
fn covered_date() -> impl Strategy<Value = NaiveDate> {
    (first_ce()..=last_ce()).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

/// A date up to `days` days either side of the covered range.
fn date_near(days: i32) -> impl Strategy<Value = NaiveDate> {
    (first_ce() - days..=last_ce() + days)
        .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

/// Any date chrono can represent (about ±262,000 years), with the covered range and its
/// edges over-weighted so that both branches of every property are exercised.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let (min, max) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    prop_oneof![
        3 => (min..=max).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap()),
        // Any i32 day number that chrono accepts (most do not, and are skipped).
        1 => any::<i32>()
            .prop_filter_map("not a chrono date", NaiveDate::from_num_days_from_ce_opt),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
        3 => date_near(400),
        1 => prop::sample::select(vec![
            d("2003-12-31"), d(FIRST), d(LAST), d("2027-01-01"),
        ]),
    ]
}

/// Any i32, with the extremes and small counts over-weighted.
fn any_n() -> impl Strategy<Value = i32> {
    prop_oneof![
        2 => any::<i32>(),
        1 => Just(i32::MIN),
        1 => Just(i32::MAX),
        1 => Just(i32::MIN + 1),
        1 => Just(0),
        4 => -3000..=3000i32,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// For a working day b: add_workdays(a, workdays_between(a, b)) == b, as documented on
    /// `Calendar::workdays_between`, from any start, a day off included.
    #[test]
    fn add_inverts_between(a in covered_date(), b in covered_date()) {
        let cal = Calendar::china();
        let n = cal.workdays_between(a, b).unwrap();
        // Antisymmetric when both ends are working days (the direction only matters for
        // a rest day at the start).
        if cal.is_workday(a).unwrap() && cal.is_workday(b).unwrap() {
            prop_assert_eq!(cal.workdays_between(b, a).unwrap(), -n);
        }
        if cal.is_workday(b).unwrap() {
            prop_assert_eq!(cal.add_workdays(a, n).unwrap(), b, "n = {}", n);
        }
    }

    /// workdays_between(a, add_workdays(a, n)) == n whenever the sum is covered, from any
    /// start.
    #[test]
    fn between_inverts_add(a in covered_date(), n in -2000..=2000i32) {
        let cal = Calendar::china();
        match cal.add_workdays(a, n) {
            Ok(b) => {
                prop_assert_eq!(cal.workdays_between(a, b).unwrap(), n, "b = {}", b)
            }
            Err(e) => prop_assert!(e.is_outside_coverage(), "{:?}", e),
        }
    }

    /// A result for n != 0 is a working day, on the right side of the start.
    #[test]
    fn results_are_working_days(a in covered_date(), n in -2000..=2000i32) {
        let cal = Calendar::china();
        if let Ok(b) = cal.add_workdays(a, n) {
            if n != 0 {
                prop_assert!(cal.is_workday(b).unwrap(), "{} + {} = {}", a, n, b);
                prop_assert_eq!(b > a, n > 0);
            } else {
                prop_assert_eq!(b, a);
            }
        }
        for f in [
            Calendar::next_workday,
            Calendar::previous_workday,
            Calendar::workday_on_or_after,
            Calendar::workday_on_or_before,
        ] {
            if let Ok(b) = f(&cal, a) {
                prop_assert!(cal.is_workday(b).unwrap());
            }
        }
    }

    /// add_workdays is strictly increasing in n (over the results that are covered).
    #[test]
    fn add_is_monotonic_in_n(a in covered_date(), n in -2000..=2000i32, k in 1..=400i32) {
        let cal = Calendar::china();
        if let (Ok(x), Ok(y)) = (cal.add_workdays(a, n), cal.add_workdays(a, n + k)) {
            prop_assert!(x < y, "{} + {} = {} but {} + {} = {}", a, n, x, a, n + k, y);
        }
        // And once a count leaves coverage, every larger count does too.
        if cal.add_workdays(a, n).is_err() {
            if n > 0 {
                prop_assert!(cal.add_workdays(a, n + k).is_err());
            } else if n < 0 {
                prop_assert!(cal.add_workdays(a, n - k).is_err());
            }
        }
    }

    /// workdays_between is additive along one direction ((a, c] = (a, b] + (b, c] for
    /// a <= b <= c, and [a, c) = [a, b) + [b, c) going back) and monotonic in the end date.
    #[test]
    fn between_is_additive(x in covered_date(), y in covered_date(), z in covered_date()) {
        let cal = Calendar::china();
        let mut v = [x, y, z];
        v.sort();
        let [a, b, c] = v;
        let between = |p, q| cal.workdays_between(p, q).unwrap();
        prop_assert_eq!(between(a, c), between(a, b) + between(b, c));
        prop_assert_eq!(between(c, a), between(c, b) + between(b, a));
        // Monotonic: further forward never counts fewer, further back never more.
        prop_assert!(between(a, b) <= between(a, c));
        prop_assert!(between(c, b) >= between(c, a));
        prop_assert!(between(a, c) >= 0 && between(c, a) <= 0);
    }

    /// Any date, any n: an answer or an error, never a panic; outside coverage always
    /// `OutsideCoverage`.
    #[test]
    fn any_date_any_n_never_panics(x in any_date(), y in any_date(), n in any_n()) {
        let cal = Calendar::china();
        let inside = covered(x);

        let r = cal.add_workdays(x, n);
        match &r {
            Ok(b) => {
                prop_assert!(inside && covered(*b));
                // Larger than the number of working days in coverage: cannot be Ok.
                prop_assert!(n.unsigned_abs() < 8401);
            }
            Err(e) => prop_assert_eq!(e.kind(), ErrorKind::OutsideCoverage),
        }
        if !inside {
            prop_assert!(r.unwrap_err().to_string().contains(&x.to_string()));
        }

        for r in [
            cal.next_workday(x),
            cal.previous_workday(x),
            cal.workday_on_or_after(x),
            cal.workday_on_or_before(x),
        ] {
            match r {
                Ok(b) => prop_assert!(inside && covered(b)),
                Err(e) => prop_assert_eq!(e.kind(), ErrorKind::OutsideCoverage),
            }
        }

        match cal.is_workday(x) {
            Ok(_) => prop_assert!(inside),
            Err(e) => prop_assert!(!inside && e.is_outside_coverage()),
        }
        match cal.day(x) {
            Ok(day) => prop_assert!(inside && day.date == x),
            Err(e) => prop_assert!(!inside && e.is_outside_coverage()),
        }

        match cal.workdays_between(x, y) {
            Ok(_) => prop_assert!(inside && covered(y)),
            Err(e) => prop_assert!(
                !(inside && covered(y)) && e.is_outside_coverage(),
                "{:?}", e
            ),
        }

        // days(): errors for any range touching an uncovered day, checked before anything
        // is returned; an inverted range is InvalidInput.
        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
        match cal.days(lo, hi) {
            Ok(it) => {
                prop_assert!(covered(lo) && covered(hi));
                let len = (hi - lo).num_days() + 1;
                prop_assert_eq!(it.count() as i64, len);
            }
            Err(e) => prop_assert!(
                !(covered(lo) && covered(hi)) && e.is_outside_coverage(),
                "{:?}", e
            ),
        }
        if x != y {
            let e = cal.days(hi, lo).err().expect("an inverted range is refused");
            prop_assert!(e.kind() == ErrorKind::InvalidInput || e.is_outside_coverage());
        }

        // Periods containing the date.
        let m = YearMonth::containing(x);
        match cal.last_workday_of_month(m) {
            Ok(b) => prop_assert!(inside && b.year() == x.year() && b.month() == x.month()),
            Err(e) => prop_assert!(!inside && e.is_outside_coverage()),
        }
        let q = Quarter::containing(x);
        match cal.last_workday_of_quarter(q) {
            Ok(b) => prop_assert!(inside && Quarter::containing(b) == q),
            Err(e) => prop_assert!(!inside && e.is_outside_coverage()),
        }
        match cal.last_workday_of_year(x.year()) {
            Ok(b) => prop_assert!(inside && b.year() == x.year()),
            Err(e) => prop_assert!(!inside && e.is_outside_coverage()),
        }
    }

    /// Any i32 year: the last working day of the year is an answer or an error.
    #[test]
    fn any_year_never_panics(year in any::<i32>()) {
        let cal = Calendar::china();
        match cal.last_workday_of_year(year) {
            Ok(b) => prop_assert!((2004..=2026).contains(&year) && b.year() == year),
            Err(e) => prop_assert!(
                e.kind() == ErrorKind::OutsideCoverage || e.kind() == ErrorKind::InvalidInput
            ),
        }
    }

    /// A view as known on any date is a calendar (possibly empty) and answers or errs.
    #[test]
    fn as_known_on_any_date_never_panics(on in any_date(), x in date_near(30), n in any_n()) {
        let cal = Calendar::china().as_known_on(on);
        prop_assert_eq!(cal.known_on(), Some(on));
        let coverage = cal.coverage().to_vec();
        let in_view = coverage.iter().any(|(a, b)| (*a..=*b).contains(&x));
        match cal.is_workday(x) {
            Ok(_) => prop_assert!(in_view),
            Err(e) => prop_assert!(!in_view && e.is_outside_coverage()),
        }
        if let Err(e) = cal.add_workdays(x, n) {
            prop_assert!(e.is_outside_coverage());
        }
    }

    /// bdays' trait methods never panic, for any date (is_bday, is_holiday) and, for the
    /// day-by-day walks, for dates within coverage and up to a year outside.
    #[test]
    fn bdays_trait_never_panics(x in any_date(), a in date_near(366), b in date_near(366),
                                n in -400..=400i32) {
        let cal = Calendar::china();
        let bday = cal.is_bday(x);
        let holiday = cal.is_holiday(x);
        prop_assert!(!(bday && holiday), "{} is both a business day and a holiday", x);
        if let Ok(worked) = cal.is_workday(x) {
            prop_assert_eq!(bday, worked);
        }

        let adv = cal.advance_bdays(a, n);
        let count = cal.bdays(a, b);
        // Within coverage, bdays' walks agree with duban's O(1) answers: advance_bdays first
        // rolls forward to a business day, then steps n business days.
        if let Ok(start) = cal.workday_on_or_after(a) {
            if let Ok(want) = cal.add_workdays(start, n) {
                prop_assert_eq!(adv, want, "advance_bdays({}, {})", a, n);
            }
        }
        if let (Ok(a1), Ok(b1)) = (cal.workday_on_or_after(a), cal.workday_on_or_after(b)) {
            prop_assert_eq!(count, cal.workdays_between(a1, b1).unwrap(), "bdays({}, {})", a, b);
        }
    }
}
