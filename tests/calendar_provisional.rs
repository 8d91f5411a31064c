//! The opt-in provisional mode: years no notice covers yet, answered from the statutory
//! holidays of 《全国年节及纪念日放假办法》 alone, every such answer flagged.
//!
//! The references here are not duban's data: the 2027/2028 festival dates were computed with
//! lunardate 0.3.0, holidays 0.109 and chinesecalendar 1.11.0 (see the comments of
//! data/provisional/2027.txt), and the provisional years' working days are recomputed naively
//! (Monday to Friday minus those dates).

mod util;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use duban::{
    Calendar, CalendarBuilder, DayKind, ErrorKind, Notice, Provisional, ProvisionalCalendar,
    Quarter, Scope, YearMonth,
};
use proptest::prelude::*;
use util::{d, dates, err_kind, mentions, outside, FIRST, LAST};

const ID_2027: &str = "provisional-2027（全国年节及纪念日放假办法）";
const ID_2028: &str = "provisional-2028（全国年节及纪念日放假办法）";

/// The statutory days of 2027 and 2028 under the 2024 revision (Art. 2), from the lunar and
/// solar-term dates given identically by lunardate 0.3.0 and holidays 0.109 (除夕, 初一-初三,
/// 端午, 中秋) and by holidays 0.109 and chinesecalendar 1.11.0 (清明).
const STATUTORY: &[&str] = &[
    // 2027: 元旦; 除夕 02-05, 初一..初三 02-06..08; 清明 04-05; 劳动节; 端午 06-09; 中秋 09-15; 国庆节.
    "2027-01-01",
    "2027-02-05",
    "2027-02-06",
    "2027-02-07",
    "2027-02-08",
    "2027-04-05",
    "2027-05-01",
    "2027-05-02",
    "2027-06-09",
    "2027-09-15",
    "2027-10-01",
    "2027-10-02",
    "2027-10-03",
    // 2028: 元旦; 除夕 01-25, 初一..初三 01-26..28; 清明 04-04; 劳动节; 端午 05-28;
    // 国庆节 10-01..03, 中秋 also 10-03.
    "2028-01-01",
    "2028-01-25",
    "2028-01-26",
    "2028-01-27",
    "2028-01-28",
    "2028-04-04",
    "2028-05-01",
    "2028-05-02",
    "2028-05-28",
    "2028-10-01",
    "2028-10-02",
    "2028-10-03",
];

const PROVISIONAL_FIRST: &str = "2027-01-01";
const PROVISIONAL_LAST: &str = "2028-12-31";

fn statutory() -> &'static BTreeSet<NaiveDate> {
    static SET: OnceLock<BTreeSet<NaiveDate>> = OnceLock::new();
    SET.get_or_init(|| STATUTORY.iter().map(|s| d(s)).collect())
}

/// The compiled-in calendar with the compiled-in provisional years, built once.
fn prov() -> &'static ProvisionalCalendar {
    static P: OnceLock<ProvisionalCalendar> = OnceLock::new();
    P.get_or_init(|| Calendar::china().with_provisional().unwrap())
}

fn in_provisional(x: NaiveDate) -> bool {
    (d(PROVISIONAL_FIRST)..=d(PROVISIONAL_LAST)).contains(&x)
}

/// Naive reference: is `x` a working day? The plain calendar inside 2004-2026; Monday to
/// Friday minus the statutory days in 2027-2028; `None` outside.
fn reference_workday(x: NaiveDate) -> Option<bool> {
    if in_provisional(x) {
        let weekend = matches!(x.weekday(), Weekday::Sat | Weekday::Sun);
        Some(!weekend && !statutory().contains(&x))
    } else {
        Calendar::china().is_workday(x).ok()
    }
}

/// Naive reference for add_workdays: walk day by day. `None` when the walk leaves coverage.
fn reference_add(a: NaiveDate, n: i32) -> Option<NaiveDate> {
    reference_workday(a)?;
    let mut x = a;
    let mut left = n.unsigned_abs();
    while left > 0 {
        x = if n > 0 { x.succ_opt()? } else { x.pred_opt()? };
        if reference_workday(x)? {
            left -= 1;
        }
    }
    Some(x)
}

/// A hypothetical 2027 national notice, deliberately unlike the provisional file: a long
/// Spring Festival break with a make-up Saturday, and no 清明 at all.
const HYPOTHETICAL_2027: &str = "\
notice     国办发明电〔2026〕99号
title      国务院办公厅关于2027年部分节假日安排的通知（测试用，虚构）
signed     2026-11-10
scope      national
covers     2027
holiday    元旦  2027-01-01..2027-01-03  statutory 2027-01-01
holiday    春节  2027-02-05..2027-02-12  statutory 2027-02-05..2027-02-08
workday    2027-02-20  春节
";

fn with_2027_notice() -> Calendar {
    CalendarBuilder::china()
        .notice_text(HYPOTHETICAL_2027)
        .unwrap()
        .build()
        .unwrap()
}

// ----- the plain calendar does not change -----

#[test]
fn the_plain_calendar_still_refuses_2027() {
    let cal = Calendar::china();
    let err = outside(cal.is_workday(d("2027-01-04")));
    mentions(&err, &["2027-01-04", "2004-01-01..=2026-12-31"]);
    // Its message does not talk about provisional years.
    assert!(!err
        .message(duban::Language::English)
        .contains("provisional"));
    for x in dates(d("2027-01-01"), d("2028-12-31")) {
        outside(cal.day(x));
    }
    outside(cal.add_workdays(d("2026-12-30"), 5));
    assert_eq!(cal.notices().len(), 26);
    assert!(cal.notices().iter().all(|n| n.scope == Scope::National));
    // And its days never say provisional, nor serialise the flag.
    let day = cal.day(d("2026-02-16")).unwrap();
    assert!(!day.provisional);
    let json = serde_json::to_string(&day).unwrap();
    assert!(!json.contains("provisional"), "{json}");
}

#[test]
fn a_provisional_notice_given_to_the_builder_is_kept_but_not_applied_by_build() {
    let p2029 = Notice::parse(
        "notice my-2029\nsigned 2026-01-01\nscope provisional\ncovers 2029\n\
         holiday 元旦 2029-01-01 statutory 2029-01-01\n",
    )
    .unwrap();
    let cal = CalendarBuilder::china().notice(p2029).build().unwrap();
    outside(cal.day(d("2029-01-02")));
    assert_eq!(cal.notices().len(), 26);
    assert_eq!(cal.coverage(), Calendar::china().coverage());
    // with_provisional uses it, after the compiled-in years.
    let p = cal.with_provisional().unwrap();
    assert_eq!(
        p.provisional_coverage(),
        [(d("2027-01-01"), d("2029-12-31"))]
    );
    assert_eq!(
        p.day(d("2029-01-01")).unwrap().value.kind,
        DayKind::StatutoryHoliday
    );
    // ...and it survives to_builder.
    let again = cal
        .to_builder()
        .build()
        .unwrap()
        .with_provisional()
        .unwrap();
    assert_eq!(again.provisional_coverage(), p.provisional_coverage());
}

// ----- the provisional years -----

#[test]
fn spring_festival_2027_is_four_statutory_days_and_nothing_more() {
    let p = prov();
    for x in dates(d("2027-02-05"), d("2027-02-08")) {
        let day = p.day(x).unwrap();
        assert!(day.provisional, "{x}");
        assert!(day.value.provisional, "{x}");
        assert_eq!(day.value.kind, DayKind::StatutoryHoliday, "{x}");
        assert_eq!(day.value.holiday, Some("春节"), "{x}");
        assert_eq!(day.value.notice, Some(ID_2027), "{x}");
        assert_eq!(
            p.is_workday(x).unwrap(),
            Provisional {
                value: false,
                provisional: true
            }
        );
    }
    // No 补假, no 调休: the Tuesday after is an ordinary working day, and the Saturday
    // before is an ordinary weekend.
    let tue = p.day(d("2027-02-09")).unwrap().value;
    assert_eq!(tue.kind, DayKind::Workday);
    assert_eq!(tue.notice, None);
    assert!(p.is_workday(d("2027-02-09")).unwrap().value);
    assert_eq!(p.day(d("2027-01-30")).unwrap().value.kind, DayKind::Weekend);
    assert_eq!(
        p.next_workday(d("2027-02-04")).unwrap(),
        Provisional {
            value: d("2027-02-09"),
            provisional: true
        }
    );
}

#[test]
fn statutory_days_of_2027_and_2028_are_exactly_the_regulations() {
    let p = prov();
    let got: BTreeSet<NaiveDate> = p
        .days(d(PROVISIONAL_FIRST), d(PROVISIONAL_LAST))
        .unwrap()
        .filter(|day| day.kind == DayKind::StatutoryHoliday)
        .map(|day| day.date)
        .collect();
    assert_eq!(&got, statutory());
    // 13 days in 2027; 12 dates in 2028 because 中秋 is 10-03, a 国庆节 day.
    let per_year = |y: i32| got.iter().filter(|x| x.year() == y).count();
    assert_eq!((per_year(2027), per_year(2028)), (13, 12));
    assert_eq!(
        p.day(d("2028-10-03")).unwrap().value.holiday,
        Some("国庆节、中秋节")
    );
    // Every day of a provisional year is provisional, of one of three kinds, and set by
    // the file of its year when it is a holiday.
    for day in p.days(d(PROVISIONAL_FIRST), d(PROVISIONAL_LAST)).unwrap() {
        assert!(day.provisional, "{}", day.date);
        assert!(
            matches!(
                day.kind,
                DayKind::Workday | DayKind::Weekend | DayKind::StatutoryHoliday
            ),
            "{day:?}"
        );
        let want_notice = match (day.kind, day.date.year()) {
            (DayKind::StatutoryHoliday, 2027) => Some(ID_2027),
            (DayKind::StatutoryHoliday, _) => Some(ID_2028),
            _ => None,
        };
        assert_eq!(day.notice, want_notice, "{}", day.date);
        assert_eq!(Some(day.is_workday()), reference_workday(day.date));
    }
}

#[test]
fn working_day_counts_of_the_provisional_years() {
    let p = prov();
    // 2027: 261 weekdays, 7 statutory days on a weekday; 2028: 260 and 9.
    let n = p
        .workdays_between(d("2026-12-31"), d("2027-12-31"))
        .unwrap();
    assert_eq!(n.value, 254);
    assert!(n.provisional);
    let n = p
        .workdays_between(d("2027-12-31"), d("2028-12-31"))
        .unwrap();
    assert_eq!(n.value, 251);
    for (y, want) in [(2027, 254), (2028, 251)] {
        let first = NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
        let naive = dates(first, last)
            .filter(|x| reference_workday(*x).unwrap())
            .count();
        assert_eq!(naive, want, "{y}");
    }
}

#[test]
fn spans_crossing_the_end_of_2026_are_provisional() {
    let p = prov();
    let cal = Calendar::china();
    let due = p.add_workdays(d("2026-12-30"), 5).unwrap();
    assert_eq!(
        due,
        Provisional {
            value: d("2027-01-07"),
            provisional: true
        }
    );
    // Back from 2027 into 2026: the result is a 2026 day, but the span touches 2027.
    let back = p.add_workdays(d("2027-01-04"), -1).unwrap();
    assert_eq!(back.value, d("2026-12-31"));
    assert!(back.provisional);
    assert_eq!(back.confirmed(), None);
    let between = p
        .workdays_between(d("2026-12-31"), d("2027-01-01"))
        .unwrap();
    assert_eq!((between.value, between.provisional), (0, true));
    let between = p
        .workdays_between(d("2027-01-01"), d("2026-12-31"))
        .unwrap();
    // Backwards it counts [2026-12-31, 2027-01-01): the working Thursday.
    assert_eq!((between.value, between.provisional), (-1, true));
    assert!(p.workday_on_or_before(d("2027-01-03")).unwrap().provisional);
    // The last day of 2026 on its own is confirmed, and equal to the plain answer.
    assert_eq!(
        p.add_workdays(d("2026-12-30"), 1).unwrap(),
        Provisional {
            value: cal.add_workdays(d("2026-12-30"), 1).unwrap(),
            provisional: false
        }
    );
    assert_eq!(
        p.last_workday_of_year(2026).unwrap(),
        Provisional {
            value: d("2026-12-31"),
            provisional: false
        }
    );
    assert!(p.last_workday_of_year(2027).unwrap().provisional);
    assert!(
        p.last_workday_of_month(YearMonth::new(2027, 1).unwrap())
            .unwrap()
            .provisional
    );
    // A month or quarter that is wholly in 2026 is confirmed.
    assert!(
        !p.last_workday_of_quarter("2026-Q4".parse::<Quarter>().unwrap())
            .unwrap()
            .provisional
    );
}

#[test]
fn beyond_the_provisional_years_is_still_an_error_naming_both_ranges() {
    let p = prov();
    let err = outside(p.day(d("2029-01-02")));
    mentions(
        &err,
        &[
            "2029-01-02",
            "2004-01-01..=2026-12-31",
            "2027-01-01..=2028-12-31",
        ],
    );
    assert!(err
        .message(duban::Language::English)
        .contains("provisional"));
    assert!(err.message(duban::Language::Chinese).contains("暂定"));
    let err = outside(p.add_workdays(d("2028-12-20"), 30));
    mentions(&err, &["2028-12-20", "2027-01-01..=2028-12-31"]);
    outside(p.last_workday_of_year(2029));
    outside(p.workdays_between(d("2028-06-01"), d("2029-06-01")));
    outside(p.day(d("2003-12-31")));
    outside(p.add_workdays(d("2004-01-03"), -10));
    err_kind(
        p.days(d("2027-01-02"), d("2027-01-01")).map(|_| ()),
        ErrorKind::InvalidInput,
    );
}

#[test]
fn accessors() {
    let p = prov();
    assert_eq!(p.first_provisional(), d("2027-01-01"));
    assert_eq!(
        p.provisional_coverage(),
        [(d("2027-01-01"), d("2028-12-31"))]
    );
    assert_eq!(p.confirmed().coverage(), [(d(FIRST), d(LAST))]);
    outside(p.confirmed().is_workday(d("2027-01-04")));
    let ids: Vec<&str> = p.provisional_notices().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, [ID_2027, ID_2028]);
    let debug = format!("{p:?}");
    assert!(debug.contains(ID_2027), "{debug}");
}

#[test]
fn serialisation_carries_the_flag() {
    let p = prov();
    let due = p.add_workdays(d("2026-12-30"), 5).unwrap();
    assert_eq!(
        serde_json::to_string(&due).unwrap(),
        r#"{"value":"2027-01-07","provisional":true}"#
    );
    let back: Provisional<NaiveDate> =
        serde_json::from_str(r#"{"value":"2027-01-07","provisional":true}"#).unwrap();
    assert_eq!(back, due);
    let day = p.day(d("2027-02-05")).unwrap();
    let json = serde_json::to_value(day).unwrap();
    assert_eq!(json["provisional"], true);
    assert_eq!(json["value"]["provisional"], true);
    assert_eq!(json["value"]["kind"], "statutory_holiday");
    assert_eq!(json["value"]["notice"], ID_2027);
    // A confirmed day leaves the flag out of the Day, as the plain calendar does.
    let day = p.day(d("2026-02-16")).unwrap();
    let json = serde_json::to_value(day).unwrap();
    assert_eq!(json["provisional"], false);
    assert!(json["value"].get("provisional").is_none(), "{json}");
}

// ----- a real notice wins -----

#[test]
fn a_2027_national_notice_makes_2027_confirmed() {
    let cal = with_2027_notice();
    let p = cal.with_provisional().unwrap();
    assert_eq!(p.first_provisional(), d("2028-01-01"));
    assert_eq!(
        p.provisional_coverage(),
        [(d("2028-01-01"), d("2028-12-31"))]
    );
    let ids: Vec<&str> = p.provisional_notices().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, [ID_2028]);
    // Every 2027 answer is now the national notice's, not provisional.
    for x in dates(d("2027-01-01"), d("2027-12-31")) {
        let day = p.day(x).unwrap();
        assert!(!day.provisional, "{x}");
        assert_eq!(day.value, cal.day(x).unwrap(), "{x}");
        assert_ne!(day.value.notice, Some(ID_2027), "{x}");
    }
    // The notice's own schedule, not the provisional file's: 02-09 off, 02-20 worked,
    // 清明 (absent from this made-up notice) an ordinary Monday.
    assert_eq!(
        p.is_workday(d("2027-02-09")).unwrap(),
        Provisional {
            value: false,
            provisional: false
        }
    );
    assert_eq!(
        p.day(d("2027-02-20")).unwrap().value.kind,
        DayKind::MakeUpWorkday
    );
    assert_eq!(p.day(d("2027-04-05")).unwrap().value.kind, DayKind::Workday);
    let due = p.add_workdays(d("2026-12-30"), 5).unwrap();
    assert_eq!(
        due,
        Provisional {
            value: cal.add_workdays(d("2026-12-30"), 5).unwrap(),
            provisional: false
        }
    );
    // 2028 is still provisional, and a span from 2027 into it says so.
    let due = p.add_workdays(d("2027-12-30"), 3).unwrap();
    // 12-31 (Fri) worked, 2028-01-01 (Sat, 元旦), 01-03, 01-04.
    assert_eq!(due.value, d("2028-01-04"));
    assert!(due.provisional);
    assert!(!p.last_workday_of_year(2027).unwrap().provisional);
    assert!(p.last_workday_of_year(2028).unwrap().provisional);
}

#[test]
fn when_notices_cover_every_provisional_year_there_is_nothing_to_add() {
    let n2028 = "notice 国办发明电〔2027〕99号\nsigned 2027-11-01\nscope national\ncovers 2028\n";
    let cal = CalendarBuilder::china()
        .notice_text(HYPOTHETICAL_2027)
        .unwrap()
        .notice_text(n2028)
        .unwrap()
        .build()
        .unwrap();
    let err = outside(cal.with_provisional());
    mentions(&err, &["2027, 2028", "2004-01-01..=2028-12-31"]);
}

#[test]
fn as_known_on_uses_only_what_was_known() {
    // The 2024 revision was published on 2024-11-12.
    let before = Calendar::china().as_known_on(d("2024-11-11"));
    let err = outside(before.with_provisional());
    mentions(&err, &["2024-11-11"]);
    // On the 12th the 2025 notice was out too, but not 2026's: 2026 is a gap.
    let then = Calendar::china().as_known_on(d("2024-11-12"));
    let p = then.with_provisional().unwrap();
    assert_eq!(p.confirmed().coverage(), [(d(FIRST), d("2025-12-31"))]);
    assert_eq!(p.first_provisional(), d("2027-01-01"));
    outside(p.day(d("2026-06-01")));
    outside(p.add_workdays(d("2025-12-30"), 10));
    assert!(p.day(d("2027-02-05")).unwrap().provisional);
}

#[test]
fn a_loaded_provisional_file_replaces_the_compiled_in_one() {
    // Same id: a corrected transcription replaces it.
    let same_id = format!(
        "notice {ID_2027}\nsigned 2024-11-10\nscope provisional\ncovers 2027\n\
         holiday 元旦 2027-01-01 statutory 2027-01-01\n"
    );
    let p = CalendarBuilder::china()
        .notice_text(&same_id)
        .unwrap()
        .build()
        .unwrap()
        .with_provisional()
        .unwrap();
    assert!(p.is_workday(d("2027-02-05")).unwrap().value);
    assert!(!p.is_workday(d("2027-01-01")).unwrap().value);
    // Another id for the same year, known later: it settles the whole year, and the
    // compiled-in 2027 file is no longer in force (its days do not leak in).
    let other = "notice my-2027\nsigned 2026-01-01\nscope provisional\ncovers 2027\n\
                 holiday 春节 2027-02-05..2027-02-08 statutory 2027-02-05..2027-02-08\n";
    let p = CalendarBuilder::china()
        .notice_text(other)
        .unwrap()
        .build()
        .unwrap()
        .with_provisional()
        .unwrap();
    let ids: Vec<&str> = p.provisional_notices().map(|n| n.id.as_str()).collect();
    // In the order they apply: known from 2024-11-12, then from 2026-01-01.
    assert_eq!(ids, [ID_2028, "my-2027"]);
    assert!(p.is_workday(d("2027-01-01")).unwrap().value);
    assert!(p.is_workday(d("2027-04-05")).unwrap().value);
    assert_eq!(
        p.day(d("2027-02-05")).unwrap().value.notice,
        Some("my-2027")
    );
}

#[test]
fn a_local_adjustment_applies_to_a_provisional_year() {
    let local = "notice 县-2027\nsigned 2026-06-01\nscope local\nholiday 县庆 2027-03-01\n";
    let cal = CalendarBuilder::china()
        .notice_text(local)
        .unwrap()
        .build()
        .unwrap();
    outside(cal.day(d("2027-03-01")));
    let p = cal.with_provisional().unwrap();
    let day = p.day(d("2027-03-01")).unwrap();
    assert!(day.provisional);
    assert_eq!(day.value.kind, DayKind::LocalRestDay);
    assert_eq!(day.value.notice, Some("县-2027"));
}

// ----- the data files and the text format -----

#[test]
fn the_provisional_data_files_are_what_is_compiled_in() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/provisional");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    let p = prov();
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let notice = Notice::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let year: i32 = name.trim_end_matches(".txt").parse().unwrap();
        assert_eq!(notice.scope, Scope::Provisional, "{name}");
        assert_eq!(notice.covers, [year], "{name}");
        assert_eq!(
            notice.id,
            format!("provisional-{year}（全国年节及纪念日放假办法）")
        );
        assert_eq!(notice.signed, d("2024-11-10"));
        assert_eq!(notice.known_from(), d("2024-11-12"));
        assert!(notice.workdays.is_empty(), "{name}");
        for h in &notice.holidays {
            let days: Vec<NaiveDate> = dates(h.first, h.last).collect();
            assert_eq!(h.statutory, days, "{name} {}", h.name);
        }
        let loaded = p.provisional_notices().find(|n| n.id == notice.id).unwrap();
        assert_eq!(loaded, &notice, "{name}");
    }
}

#[test]
fn the_text_format_refuses_what_a_provisional_year_cannot_say() {
    let base = "notice P\nsigned 2024-11-10\nscope provisional\ncovers 2027\n";
    assert!(Notice::parse(base).is_ok());
    let cases: &[(&str, &str)] = &[
        (
            "workday 2027-02-20 春节\n",
            "only a notice sets make-up days",
        ),
        (
            "holiday 春节 2027-02-05..2027-02-09 statutory 2027-02-05..2027-02-08\n",
            "2027-02-09",
        ),
        ("holiday 春节 2027-02-05\n", "not statutory"),
        (
            "holiday 元旦 2028-01-01 statutory 2028-01-01\n",
            "2028-01-01",
        ),
    ];
    for (extra, needle) in cases {
        let err = err_kind(
            Notice::parse(&format!("{base}{extra}")),
            ErrorKind::InvalidNotice,
        );
        let msg = err.message(duban::Language::English);
        assert!(msg.contains(needle), "{extra:?}: {msg}");
        assert!(msg.contains("P:"), "{msg}");
    }
    let err = err_kind(
        Notice::parse("notice P\nsigned 2024-11-10\nscope provisional\n"),
        ErrorKind::InvalidNotice,
    );
    mentions(&err, &["covers"]);
    let err = err_kind(
        Notice::parse("notice P\nsigned 2024-11-10\nscope guess\n"),
        ErrorKind::InvalidNotice,
    );
    mentions(&err, &["provisional"]);
}

// ----- properties -----

/// A confirmed answer.
fn same<T>(value: T) -> Provisional<T> {
    Provisional {
        value,
        provisional: false,
    }
}

fn ce(x: &str) -> i32 {
    d(x).num_days_from_ce()
}

fn date_between(a: &str, b: &str) -> impl Strategy<Value = NaiveDate> {
    (ce(a)..=ce(b)).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

fn confirmed_date() -> impl Strategy<Value = NaiveDate> {
    date_between(FIRST, LAST)
}

fn provisional_date() -> impl Strategy<Value = NaiveDate> {
    date_between(PROVISIONAL_FIRST, PROVISIONAL_LAST)
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    let (min, max) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    prop_oneof![
        2 => (min..=max).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap()),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
        4 => date_between("2003-06-01", "2029-06-30"),
        1 => prop::sample::select(vec![
            d("2003-12-31"), d(FIRST), d(LAST), d(PROVISIONAL_FIRST), d(PROVISIONAL_LAST),
            d("2029-01-01"),
        ]),
    ]
}

fn any_n() -> impl Strategy<Value = i32> {
    prop_oneof![
        2 => any::<i32>(),
        1 => Just(i32::MIN),
        1 => Just(i32::MAX),
        1 => Just(0),
        4 => -3000..=3000i32,
    ]
}

fn any_month() -> impl Strategy<Value = YearMonth> {
    (2018..=2030i32, 1..=12u32).prop_map(|(y, m)| YearMonth::new(y, m).unwrap())
}

fn any_quarter() -> impl Strategy<Value = Quarter> {
    (2018..=2030i32, 1..=4u32).prop_map(|(y, q)| format!("{y}-Q{q}").parse().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Inside 2004-2026 every answer is the plain calendar's, and not provisional; an answer
    /// the plain calendar refuses is either refused too or provisional.
    #[test]
    fn inside_the_notices_answers_are_the_plain_calendars(
        a in confirmed_date(),
        b in confirmed_date(),
        n in any_n(),
    ) {
        let (p, cal) = (prov(), Calendar::china());
        prop_assert_eq!(p.day(a).unwrap(), same(cal.day(a).unwrap()));
        prop_assert_eq!(p.is_workday(a).unwrap(), same(cal.is_workday(a).unwrap()));
        prop_assert_eq!(
            p.workdays_between(a, b).unwrap(),
            same(cal.workdays_between(a, b).unwrap())
        );
        let pairs = [
            (cal.add_workdays(a, n), p.add_workdays(a, n)),
            (cal.next_workday(a), p.next_workday(a)),
            (cal.previous_workday(a), p.previous_workday(a)),
            (cal.workday_on_or_after(a), p.workday_on_or_after(a)),
            (cal.workday_on_or_before(a), p.workday_on_or_before(a)),
        ];
        for (plain, guessed) in pairs {
            match plain {
                Ok(v) => prop_assert_eq!(guessed.unwrap(), same(v)),
                Err(e) => {
                    prop_assert!(e.is_outside_coverage());
                    match guessed {
                        Ok(g) => {
                            prop_assert!(g.provisional);
                            prop_assert!(g.value > d(LAST), "{:?}", g);
                        }
                        Err(e) => prop_assert!(e.is_outside_coverage()),
                    }
                }
            }
        }
        let month = YearMonth::new(a.year(), a.month()).unwrap();
        prop_assert_eq!(
            p.last_workday_of_month(month).unwrap(),
            same(cal.last_workday_of_month(month).unwrap())
        );
        let quarter: Quarter = format!("{}-Q{}", a.year(), (a.month() - 1) / 3 + 1).parse().unwrap();
        prop_assert_eq!(
            p.last_workday_of_quarter(quarter).unwrap(),
            same(cal.last_workday_of_quarter(quarter).unwrap())
        );
        prop_assert_eq!(
            p.last_workday_of_year(a.year()).unwrap(),
            same(cal.last_workday_of_year(a.year()).unwrap())
        );
    }

    /// Every answer whose span touches 2027 or 2028 is provisional, and agrees with the
    /// naive day-by-day reference.
    #[test]
    fn answers_touching_a_provisional_year_are_provisional(
        a in provisional_date(),
        b in date_between(FIRST, PROVISIONAL_LAST),
        n in -1500..=1500i32,
    ) {
        let p = prov();
        let day = p.day(a).unwrap();
        prop_assert!(day.provisional && day.value.provisional);
        let w = p.is_workday(a).unwrap();
        prop_assert!(w.provisional);
        prop_assert_eq!(Some(w.value), reference_workday(a));
        match p.add_workdays(a, n) {
            Ok(r) => {
                prop_assert!(r.provisional);
                prop_assert_eq!(Some(r.value), reference_add(a, n));
            }
            Err(e) => {
                prop_assert!(e.is_outside_coverage());
                prop_assert_eq!(reference_add(a, n), None);
            }
        }
        for (x, y) in [(a, b), (b, a)] {
            let between = p.workdays_between(x, y).unwrap();
            prop_assert!(between.provisional);
            // The inverse of add_workdays, as in the plain calendar.
            if reference_workday(y) == Some(true) {
                prop_assert_eq!(p.add_workdays(x, between.value).unwrap().value, y);
            }
        }
        for r in [
            p.next_workday(a),
            p.previous_workday(a),
            p.workday_on_or_after(a),
            p.workday_on_or_before(a),
        ].into_iter().flatten() {
            prop_assert!(r.provisional);
            prop_assert_eq!(reference_workday(r.value), Some(true));
        }
        let month = YearMonth::new(a.year(), a.month()).unwrap();
        prop_assert!(p.last_workday_of_month(month).unwrap().provisional);
        prop_assert!(p.last_workday_of_year(a.year()).unwrap().provisional);
    }

    /// From a 2004-2026 start, add_workdays agrees with the reference across the boundary,
    /// and is provisional exactly when the result is past 2026.
    #[test]
    fn add_across_the_boundary(a in date_between("2025-06-01", LAST), n in -800..=800i32) {
        let p = prov();
        match p.add_workdays(a, n) {
            Ok(r) => {
                prop_assert_eq!(Some(r.value), reference_add(a, n));
                prop_assert_eq!(r.provisional, r.value > d(LAST));
            }
            Err(e) => {
                prop_assert!(e.is_outside_coverage());
                prop_assert_eq!(reference_add(a, n), None);
            }
        }
    }

    /// With a 2027 national notice loaded, nothing in 2004-2027 is provisional and every
    /// answer there is the plain calendar's.
    #[test]
    fn a_national_notice_wins(a in date_between(FIRST, "2027-12-31"), n in -1000..=1000i32) {
        static CAL: OnceLock<(Calendar, ProvisionalCalendar)> = OnceLock::new();
        let (cal, p) = CAL.get_or_init(|| {
            let cal = with_2027_notice();
            let p = cal.with_provisional().unwrap();
            (cal, p)
        });
        prop_assert_eq!(
            p.day(a).unwrap(),
            Provisional { value: cal.day(a).unwrap(), provisional: false }
        );
        match (cal.add_workdays(a, n), p.add_workdays(a, n)) {
            (Ok(v), got) => prop_assert_eq!(got.unwrap(), Provisional { value: v, provisional: false }),
            (Err(_), Ok(got)) => prop_assert!(got.provisional && got.value.year() == 2028),
            (Err(_), Err(e)) => prop_assert!(e.is_outside_coverage()),
        }
    }

    /// No input makes any query panic; every error is OutsideCoverage or InvalidInput.
    #[test]
    fn no_panics(
        a in any_date(),
        b in any_date(),
        n in any_n(),
        month in any_month(),
        quarter in any_quarter(),
        year in prop_oneof![any::<i32>(), 2018..=2030i32],
    ) {
        let p = prov();
        let ok = |kind: ErrorKind| matches!(kind, ErrorKind::OutsideCoverage | ErrorKind::InvalidInput);
        macro_rules! check {
            ($e:expr) => {
                if let Err(e) = $e {
                    prop_assert!(ok(e.kind()), "{:?}", e);
                }
            };
        }
        check!(p.day(a));
        check!(p.is_workday(a));
        check!(p.add_workdays(a, n));
        check!(p.workdays_between(a, b));
        check!(p.next_workday(a));
        check!(p.previous_workday(a));
        check!(p.workday_on_or_after(a));
        check!(p.workday_on_or_before(a));
        check!(p.last_workday_of_month(month));
        check!(p.last_workday_of_quarter(quarter));
        check!(p.last_workday_of_year(year));
        if a <= b && (b - a).num_days() < 5000 {
            check!(p.days(a, b).map(|it| it.count()));
        }
        // And what succeeds says provisional exactly when it should.
        if let Ok(r) = p.add_workdays(a, n) {
            let touches = in_provisional(a) || in_provisional(r.value)
                || (a.min(r.value) < d(PROVISIONAL_FIRST) && a.max(r.value) > d(PROVISIONAL_LAST));
            prop_assert_eq!(r.provisional, touches);
        }
        if let Ok(r) = p.workdays_between(a, b) {
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert_eq!(r.provisional, hi >= d(PROVISIONAL_FIRST) && lo <= d(PROVISIONAL_LAST));
        }
    }
}
