//! Short helpers shared by the calendar tests. `#[track_caller]` makes a failure point at
//! the test line that called the helper, not at this file.

#![allow(dead_code)]

use chrono::NaiveDate;
use duban::{Calendar, Error, ErrorKind, Language, Quarter, YearMonth};

/// A date from `YYYY-MM-DD`.
#[track_caller]
pub fn d(text: &str) -> NaiveDate {
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) => date,
        Err(e) => panic!("bad date {text:?} in a test: {e}"),
    }
}

/// A month from `YYYY-MM`.
#[track_caller]
pub fn ym(text: &str) -> YearMonth {
    match text.parse() {
        Ok(m) => m,
        Err(e) => panic!("bad month {text:?} in a test: {e:?}"),
    }
}

/// A quarter from `YYYY-Qn`.
#[track_caller]
pub fn q(text: &str) -> Quarter {
    match text.parse() {
        Ok(q) => q,
        Err(e) => panic!("bad quarter {text:?} in a test: {e:?}"),
    }
}

/// The covered range of the compiled-in schedule.
pub const FIRST: &str = "2004-01-01";
/// The last covered day of the compiled-in schedule.
pub const LAST: &str = "2026-12-31";

/// Every date `first..=last`.
pub fn dates(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first.iter_days().take_while(move |x| *x <= last)
}

/// Asserts that `result` is an `OutsideCoverage` error and returns it.
#[track_caller]
pub fn outside<T: std::fmt::Debug>(result: Result<T, Error>) -> Error {
    match result {
        Err(e) if e.is_outside_coverage() => e,
        Err(e) => panic!("expected OutsideCoverage, got {:?}", e),
        Ok(v) => panic!("expected OutsideCoverage, got Ok({v:?})"),
    }
}

/// Asserts that `result` is an error of `kind` and returns it.
#[track_caller]
pub fn err_kind<T: std::fmt::Debug>(result: Result<T, Error>, kind: ErrorKind) -> Error {
    match result {
        Err(e) if e.kind() == kind => e,
        Err(e) => panic!("expected {kind:?}, got {e:?}"),
        Ok(v) => panic!("expected {kind:?}, got Ok({v:?})"),
    }
}

/// Asserts that both language versions of an error message contain every one of `needles`.
#[track_caller]
pub fn mentions(err: &Error, needles: &[&str]) {
    for lang in [Language::Chinese, Language::English] {
        let msg = err.message(lang);
        for needle in needles {
            assert!(
                msg.contains(needle),
                "{lang:?} message {msg:?} does not mention {needle:?}"
            );
        }
    }
}

/// Asserts that the English message contains every one of `needles`.
#[track_caller]
pub fn mentions_en(err: &Error, needles: &[&str]) {
    let msg = err.message(Language::English);
    for needle in needles {
        assert!(
            msg.contains(needle),
            "message {msg:?} does not mention {needle:?}"
        );
    }
}

/// The compiled-in national calendar.
pub fn china() -> Calendar {
    Calendar::china()
}
