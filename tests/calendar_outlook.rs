//! The coverage outlook (`Calendar::outlook`, `first_covered`, `last_covered`) and notice
//! directories (`CalendarBuilder::notices_dir`). Day counts are worked out by hand in the
//! comments.

mod util;

use std::path::PathBuf;

use duban::{Calendar, CalendarBuilder, DayKind, ErrorKind, Language};
use proptest::prelude::*;
use util::{d, outside};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("duban-lib-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A made-up 2028 notice: with the compiled-in 2004-2026 it leaves 2027 as a gap.
const NOTICE_2028: &str = "\
notice     测试〔2027〕1号
signed     2027-11-01
scope      national
covers     2028
holiday    元旦  2028-01-01..2028-01-03  statutory 2028-01-01
";

#[test]
fn outlook_of_the_compiled_in_calendar() {
    let cal = Calendar::china();
    assert_eq!(cal.first_covered(), Some(d("2004-01-01")));
    assert_eq!(cal.last_covered(), Some(d("2026-12-31")));
    // 2004-01-01 to 2026-12-31: 8401 days, so 8400 are left on the first day.
    let first = cal.outlook(d("2004-01-01"));
    assert_eq!(first.ends, Some(d("2026-12-31")));
    assert_eq!(first.days_left, Some(8400));
    // 2026-10-01 to 12-31: 30 + 31 + 30 days.
    assert_eq!(cal.outlook(d("2026-10-01")).days_left, Some(91));
    // Before the first covered day and after the last: not covered.
    for x in ["2003-12-31", "2027-01-01", "2100-01-01"] {
        let seen = cal.outlook(d(x));
        assert_eq!((seen.ends, seen.days_left), (None, None), "{x}");
        assert!(seen.ends_within(0) && seen.ends_within(i64::MAX), "{x}");
        assert_eq!(seen.today, d(x));
    }
    // An empty calendar covers nothing.
    let empty = CalendarBuilder::new().build().unwrap();
    assert_eq!((empty.first_covered(), empty.last_covered()), (None, None));
    assert_eq!(empty.outlook(d("2024-06-01")).days_left, None);
}

#[test]
fn a_gap_year_ends_the_stretch() {
    let cal = CalendarBuilder::china()
        .notice_text(NOTICE_2028)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(cal.last_covered(), Some(d("2028-12-31")));
    // Seen from 2026, the calendar stops answering after 2026-12-31, not 2028-12-31.
    let seen = cal.outlook(d("2026-12-01"));
    assert_eq!(seen.ends, Some(d("2026-12-31")));
    assert_eq!(seen.days_left, Some(30));
    assert!(cal.outlook(d("2027-06-01")).days_left.is_none());
    // 2028-01-01 to 12-31: 2028 is a leap year, 365 days after the first.
    assert_eq!(cal.outlook(d("2028-01-01")).days_left, Some(365));
}

#[test]
fn a_directory_adds_corrects_and_ignores() {
    let dir = scratch("dir");
    std::fs::write(dir.join("b-2028.txt"), NOTICE_2028).unwrap();
    // A corrected transcription of 国办发明电〔2025〕7号 without the make-up Sunday
    // 2026-01-04: same 文号, so it replaces the compiled-in notice.
    let original = include_str!("../data/notices/guobanfamingdian-2025-7.txt");
    let corrected: String = original
        .lines()
        .filter(|l| !l.starts_with("workday    2026-01-04"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(corrected.len(), original.len());
    std::fs::write(dir.join("a-correction.txt"), &corrected).unwrap();
    std::fs::write(dir.join("notes.md"), "not a notice").unwrap();
    std::fs::create_dir(dir.join("sub.txt")).unwrap(); // a directory, ignored

    let cal = CalendarBuilder::china()
        .notices_dir(&dir)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(
        cal.notices().len(),
        27,
        "26 compiled in, one replaced, one added"
    );
    assert_eq!(cal.day(d("2026-01-04")).unwrap().kind, DayKind::Weekend);
    assert_eq!(
        Calendar::china().day(d("2026-01-04")).unwrap().kind,
        DayKind::MakeUpWorkday
    );
    assert!(!cal.is_workday(d("2028-01-03")).unwrap());
    outside(cal.is_workday(d("2027-06-01")));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_file_loads_nothing_and_names_the_file() {
    let dir = scratch("bad");
    std::fs::write(dir.join("a-2028.txt"), NOTICE_2028).unwrap();
    std::fs::write(dir.join("b-broken.txt"), "notice X\nsigned 2026-02-30\n").unwrap();
    let err = CalendarBuilder::china().notices_dir(&dir).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidNotice);
    let en = err.message(Language::English);
    assert!(en.contains("b-broken.txt") && en.contains("line 2"), "{en}");
    let zh = err.message(Language::Chinese);
    assert!(zh.contains("b-broken.txt") && zh.contains("第2行"), "{zh}");

    // Not UTF-8.
    std::fs::remove_file(dir.join("b-broken.txt")).unwrap();
    std::fs::write(dir.join("c-latin1.txt"), b"notice \xe9\n").unwrap();
    let err = CalendarBuilder::china().notices_dir(&dir).unwrap_err();
    assert!(
        err.message(Language::Chinese).contains("c-latin1.txt"),
        "{err}"
    );
    assert!(err.message(Language::Chinese).contains("UTF-8"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();

    // A directory that does not exist.
    let err = CalendarBuilder::china().notices_dir(&dir).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidNotice);
    assert!(err.message(Language::Chinese).contains("不存在"), "{err}");
    // A file given as the directory.
    let file = std::env::temp_dir().join(format!("duban-lib-file-{}", std::process::id()));
    std::fs::write(&file, NOTICE_2028).unwrap();
    assert!(CalendarBuilder::china().notices_dir(&file).is_err());
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn today_in_china_is_a_plausible_date() {
    let today = duban::today_in_china();
    assert!(
        today >= d("2026-01-01") && today < d("2100-01-01"),
        "{today}"
    );
}

proptest! {
    /// Inside coverage, `days_left` is the distance to the last covered day, and every day
    /// up to it is answered while the day after is not.
    #[test]
    fn days_left_counts_to_the_last_answered_day(offset in 0i64..8401) {
        let cal = Calendar::china();
        let today = d("2004-01-01") + chrono::Duration::days(offset);
        let seen = cal.outlook(today);
        let left = seen.days_left.unwrap();
        prop_assert_eq!(left, 8400 - offset);
        let end = today + chrono::Duration::days(left);
        prop_assert!(cal.is_workday(end).is_ok());
        prop_assert!(cal.is_workday(end.succ_opt().unwrap()).is_err());
        prop_assert_eq!(seen.ends_within(left), true);
        prop_assert_eq!(seen.ends_within(left - 1), false);
    }
}
