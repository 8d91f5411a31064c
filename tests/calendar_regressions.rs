//! Named cases that public holiday libraries have got wrong, each with the expected answer
//! worked out by hand from the State Council notices (transcribed in
//! /work/shared/NOTICES.md and data/notices/), not read off duban's output.
//!
//! Statutory days (法定节假日) follow 《全国年节及纪念日放假办法》: under the 2013 revision
//! 元旦 1 day, 春节 3 days (正月初一至初三), 清明节 1, 劳动节 1, 端午节 1, 中秋节 1, 国庆节
//! 3 (10-01..03); from 2025 (2024 revision) 春节 4 days (除夕至初三) and 劳动节 2 days
//! (05-01..02). The other weekdays of a break are shifted rest days (调休休息日); the other
//! weekend days of a break stay weekend days.

mod util;

use chrono::{Datelike, NaiveDate, Weekday};
use duban::{Calendar, DayKind};
use util::{d, mentions, outside, ym};

const N2020: &str = "国办发明电〔2019〕16号";
const N2020_EXT: &str = "国办发明电〔2020〕1号";
const N2022: &str = "国办发明电〔2021〕11号";
const N2023: &str = "国办发明电〔2022〕16号";
const N2024: &str = "国办发明电〔2023〕7号";
const N2025: &str = "国办发明电〔2024〕12号";

#[track_caller]
fn kind(cal: &Calendar, date: &str) -> DayKind {
    cal.day(d(date)).expect("covered").kind
}

#[track_caller]
fn notice_of(cal: &Calendar, date: &str) -> Option<String> {
    cal.day(d(date)).expect("covered").notice.map(str::to_owned)
}

#[track_caller]
fn works(cal: &Calendar, date: &str) -> bool {
    cal.is_workday(d(date)).expect("covered")
}

// ---------------------------------------------------------------------------------------
// 2020: the Spring Festival extension (国办发明电〔2020〕1号, signed 01-26, published 01-27)

#[test]
fn spring_festival_2020_extension() {
    let cal = Calendar::china();
    // The published break was 01-24..01-30 with a make-up Saturday on 02-01. The
    // extension runs the break to Sunday 02-02; work resumes Monday 02-03.
    assert!(!works(&cal, "2020-01-30"));
    assert!(
        !works(&cal, "2020-01-31"),
        "Friday 01-31 is added to the break"
    );
    assert!(
        !works(&cal, "2020-02-01"),
        "the 02-01 make-up day falls inside the break"
    );
    assert!(!works(&cal, "2020-02-02"));
    assert!(works(&cal, "2020-02-03"));

    // 01-31 is a weekday off that is not a statutory holiday: a shifted rest day.
    assert_eq!(kind(&cal, "2020-01-31"), DayKind::ShiftedRestDay);
    // 02-01 and 02-02 are weekend days inside the (extended) break, not statutory.
    assert_eq!(kind(&cal, "2020-02-01"), DayKind::Weekend);
    assert_eq!(kind(&cal, "2020-02-02"), DayKind::Weekend);
    assert_eq!(kind(&cal, "2020-02-03"), DayKind::Workday);
    for date in ["2020-01-31", "2020-02-01", "2020-02-02"] {
        assert_eq!(notice_of(&cal, date).as_deref(), Some(N2020_EXT), "{date}");
    }
    // From 01-23 (the last day worked before the break) the next working day is 02-03.
    assert_eq!(cal.next_workday(d("2020-01-23")), Ok(d("2020-02-03")));
    assert_eq!(cal.previous_workday(d("2020-02-03")), Ok(d("2020-01-23")));
}

#[test]
fn spring_festival_2020_as_known_on() {
    let cal = Calendar::china();

    // On 2020-01-20 only 国办发明电〔2019〕16号 was known.
    let before = cal.as_known_on(d("2020-01-20"));
    assert_eq!(before.known_on(), Some(d("2020-01-20")));
    assert!(works(&before, "2020-01-31"));
    assert_eq!(kind(&before, "2020-01-31"), DayKind::Workday);
    assert!(works(&before, "2020-02-01"));
    assert_eq!(kind(&before, "2020-02-01"), DayKind::MakeUpWorkday);
    assert_eq!(notice_of(&before, "2020-02-01").as_deref(), Some(N2020));
    assert!(!works(&before, "2020-02-02"));

    // Signed on 01-26 but published on 01-27: not yet known on the 26th.
    let signed_day = cal.as_known_on(d("2020-01-26"));
    assert!(works(&signed_day, "2020-01-31"));

    // From 2020-01-27 the extension is known.
    let after = cal.as_known_on(d("2020-01-27"));
    for date in ["2020-01-31", "2020-02-01", "2020-02-02"] {
        assert!(!works(&after, date), "{date}");
    }
    assert!(works(&after, "2020-02-03"));

    // A deadline of 10 working days computed on Monday 2020-01-20.
    //
    // As known on 2020-01-20: the working days after Mon 01-20 are Tue 01-21 (1), Wed 01-22
    // (2), Thu 01-23 (3); break 01-24..01-30; Fri 01-31 (4); Sat 02-01, make-up day (5);
    // Sun 02-02 off; Mon 02-03 (6), Tue 02-04 (7), Wed 02-05 (8), Thu 02-06 (9),
    // Fri 02-07 (10).
    //
    // With the extension: 01-21 (1), 01-22 (2), 01-23 (3); break 01-24..02-02;
    // Mon 02-03 (4), 02-04 (5), 02-05 (6), 02-06 (7), Fri 02-07 (8); weekend;
    // Mon 02-10 (9), Tue 02-11 (10).
    assert_eq!(
        before.add_workdays(d("2020-01-20"), 10),
        Ok(d("2020-02-07"))
    );
    assert_eq!(after.add_workdays(d("2020-01-20"), 10), Ok(d("2020-02-11")));
    assert_eq!(cal.add_workdays(d("2020-01-20"), 10), Ok(d("2020-02-11")));
    // The same span, counted: 10 either way, but it ends on different days.
    assert_eq!(
        before.workdays_between(d("2020-01-20"), d("2020-02-07")),
        Ok(10)
    );
    assert_eq!(
        cal.workdays_between(d("2020-01-20"), d("2020-02-07")),
        Ok(8)
    );
}

// ---------------------------------------------------------------------------------------
// 2022: a working weekend before a Monday off

#[test]
fn working_weekend_2022_01_29_30() {
    let cal = Calendar::china();
    assert_eq!(d("2022-01-29").weekday(), Weekday::Sat);
    assert_eq!(d("2022-01-31").weekday(), Weekday::Mon);
    for date in ["2022-01-29", "2022-01-30"] {
        assert!(works(&cal, date), "{date}");
        assert_eq!(kind(&cal, date), DayKind::MakeUpWorkday, "{date}");
        assert_eq!(notice_of(&cal, date).as_deref(), Some(N2022), "{date}");
        assert_eq!(cal.day(d(date)).unwrap().holiday, Some("春节"));
    }
    // Mon 01-31 is 除夕 2022: off, but under the 2013 rules not a statutory day
    // (春节 = 正月初一至初三 = 02-01..02-03).
    assert!(!works(&cal, "2022-01-31"));
    assert_eq!(kind(&cal, "2022-01-31"), DayKind::ShiftedRestDay);
    assert_eq!(kind(&cal, "2022-02-01"), DayKind::StatutoryHoliday);
    // So the last working day of January 2022 is Sunday the 30th.
    assert_eq!(
        cal.last_workday_of_month(ym("2022-01")),
        Ok(d("2022-01-30"))
    );
    assert_eq!(
        cal.workday_on_or_before(d("2022-01-31")),
        Ok(d("2022-01-30"))
    );
    // 01-28 (Fri) -> 01-29 (Sat) -> 01-30 (Sun) -> break -> Mon 02-07.
    assert_eq!(cal.next_workday(d("2022-01-28")), Ok(d("2022-01-29")));
    assert_eq!(cal.add_workdays(d("2022-01-28"), 3), Ok(d("2022-02-07")));
}

// ---------------------------------------------------------------------------------------
// 2023: National Day make-up days, and a New Year break that starts in 2022

#[test]
fn make_up_days_2023_10_07_08() {
    let cal = Calendar::china();
    for date in ["2023-10-07", "2023-10-08"] {
        assert!(matches!(d(date).weekday(), Weekday::Sat | Weekday::Sun));
        assert!(works(&cal, date), "{date}");
        assert_eq!(kind(&cal, date), DayKind::MakeUpWorkday);
        assert_eq!(notice_of(&cal, date).as_deref(), Some(N2023));
    }
    // Break 09-29..10-06: Thu 09-28 is the last day worked, then Sat 10-07.
    assert_eq!(cal.next_workday(d("2023-09-28")), Ok(d("2023-10-07")));
    assert_eq!(cal.previous_workday(d("2023-10-09")), Ok(d("2023-10-08")));
    // DOMAIN.md D6: interview 2023-09-27 + 7 days = 10-04, in the break -> 10-07.
    assert_eq!(
        cal.workday_on_or_after(d("2023-10-04")),
        Ok(d("2023-10-07"))
    );
    // DOMAIN.md D4: 7 working days before Mon 10-16 is Sat 10-07 (10-13, 12, 11, 10, 09,
    // 08, 07).
    assert_eq!(cal.add_workdays(d("2023-10-16"), -7), Ok(d("2023-10-07")));
}

#[test]
fn day_2022_12_31_belongs_to_the_2023_notice() {
    let cal = Calendar::china();
    let day = cal.day(d("2022-12-31")).unwrap();
    assert_eq!(d("2022-12-31").weekday(), Weekday::Sat);
    assert_eq!(
        day.notice,
        Some(N2023),
        "filed under the notice that set it"
    );
    assert_ne!(day.notice, Some(N2022));
    assert_eq!(day.holiday, Some("元旦"));
    // A Saturday in the break; 元旦's statutory day is 2023-01-01.
    assert_eq!(day.kind, DayKind::Weekend);
    assert!(!day.is_workday());
    assert_eq!(kind(&cal, "2023-01-01"), DayKind::StatutoryHoliday);
    // Mon 2023-01-02 is a weekday in the break, not statutory.
    assert_eq!(kind(&cal, "2023-01-02"), DayKind::ShiftedRestDay);
    assert_eq!(cal.last_workday_of_year(2022), Ok(d("2022-12-30")));

    // Before the 2023 notice (signed 2022-12-08) it was an ordinary Saturday.
    let then = cal.as_known_on(d("2022-12-07"));
    let day = then.day(d("2022-12-31")).unwrap();
    assert_eq!(
        (day.kind, day.notice, day.holiday),
        (DayKind::Weekend, None, None)
    );
    outside(then.is_workday(d("2023-01-03")));
}

// ---------------------------------------------------------------------------------------
// 2024: 除夕 worked

#[test]
fn chuxi_2024_02_09_is_a_working_day() {
    let cal = Calendar::china();
    assert_eq!(d("2024-02-09").weekday(), Weekday::Fri);
    assert!(works(&cal, "2024-02-09"));
    assert_eq!(kind(&cal, "2024-02-09"), DayKind::Workday);
    assert_eq!(notice_of(&cal, "2024-02-09"), None);
    // The break is 02-10..02-17; 02-18 (Sun) is a make-up day.
    assert_eq!(cal.next_workday(d("2024-02-09")), Ok(d("2024-02-18")));
    assert_eq!(kind(&cal, "2024-02-18"), DayKind::MakeUpWorkday);
    assert_eq!(notice_of(&cal, "2024-02-18").as_deref(), Some(N2024));
}

// ---------------------------------------------------------------------------------------
// The end of coverage

#[test]
fn queries_into_2027_are_errors_naming_the_date_and_range() {
    let cal = Calendar::china();
    // 2026-12-25 is a Friday; 12-28..12-31 are the 1st to 4th working days after it.
    assert_eq!(cal.add_workdays(d("2026-12-25"), 4), Ok(d("2026-12-31")));
    let e = outside(cal.add_workdays(d("2026-12-25"), 5));
    mentions(&e, &["2026-12-25", "2004-01-01..=2026-12-31"]);
    let e = outside(cal.add_workdays(d("2026-12-25"), 10));
    mentions(&e, &["2026-12-25", "2004-01-01..=2026-12-31"]);

    let e = outside(cal.workdays_between(d("2026-12-01"), d("2027-01-05")));
    mentions(&e, &["2027-01-05", "2004-01-01..=2026-12-31"]);
    let e = outside(cal.workdays_between(d("2027-01-05"), d("2026-12-01")));
    mentions(&e, &["2027-01-05", "2004-01-01..=2026-12-31"]);

    let e = outside(cal.is_workday(d("2027-01-04")));
    mentions(&e, &["2027-01-04", "2004-01-01..=2026-12-31"]);
    let e = outside(cal.day(d("2003-12-31")));
    mentions(&e, &["2003-12-31", "2004-01-01..=2026-12-31"]);

    outside(cal.next_workday(d("2026-12-31")));
    outside(
        cal.days(d("2026-12-30"), d("2027-01-01"))
            .map(|it| it.count()),
    );
    outside(cal.last_workday_of_month(ym("2027-01")));
    outside(cal.last_workday_of_year(2027));
    // Going back out of 2004 is the same: Friday 2004-01-02 is the first working day
    // (2004-01-01 was 元旦).
    assert_eq!(cal.add_workdays(d("2004-01-05"), -1), Ok(d("2004-01-02")));
    let e = outside(cal.add_workdays(d("2004-01-05"), -2));
    mentions(&e, &["2004-01-05", "2004-01-01..=2026-12-31"]);
}

// ---------------------------------------------------------------------------------------
// Day kinds: statutory vs shifted vs weekend, a few dates a year

#[test]
fn day_kinds_per_year() {
    use DayKind::*;
    let cal = Calendar::china();
    #[rustfmt::skip]
    let table: &[(&str, DayKind, &str)] = &[
        // 2020: 春节 01-24..01-30 (+ extension), 初一 = 01-25.
        ("2020-01-24", ShiftedRestDay,   "Fri, 除夕, not statutory under the 2013 rules"),
        ("2020-01-25", StatutoryHoliday, "Sat, 初一"),
        ("2020-01-28", ShiftedRestDay,   "Tue, 初四"),
        ("2020-01-19", MakeUpWorkday,    "Sun before the break"),
        ("2020-10-04", Weekend,          "Sun inside 国庆节、中秋节 (statutory 10-01..03)"),
        ("2020-10-01", StatutoryHoliday, "国庆节 and 中秋节 on one day"),
        // 2021
        ("2021-04-04", StatutoryHoliday, "Sun, 清明节 itself"),
        ("2021-04-05", ShiftedRestDay,   "Mon after 清明节"),
        ("2021-04-03", Weekend,          "Sat in the 清明 break"),
        ("2021-09-18", MakeUpWorkday,    "Sat before 中秋节"),
        ("2021-02-11", ShiftedRestDay,   "Thu, 除夕"),
        // 2022
        ("2022-04-05", StatutoryHoliday, "Tue, 清明节"),
        ("2022-04-04", ShiftedRestDay,   "Mon in the 清明 break"),
        ("2022-04-02", MakeUpWorkday,    "Sat before 清明"),
        ("2022-10-06", ShiftedRestDay,   "Thu in the 国庆 break"),
        // 2023
        ("2023-10-05", ShiftedRestDay,   "Thu in the 中秋、国庆 break"),
        ("2023-09-29", StatutoryHoliday, "Fri, 中秋节"),
        ("2023-09-30", Weekend,          "Sat in the break"),
        ("2023-01-22", StatutoryHoliday, "Sun, 初一"),
        ("2023-01-27", ShiftedRestDay,   "Fri, 初六"),
        // 2024
        ("2024-02-10", StatutoryHoliday, "Sat, 初一"),
        ("2024-02-15", ShiftedRestDay,   "Thu, 初六"),
        ("2024-02-17", Weekend,          "Sat, last day of the break"),
        ("2024-09-17", StatutoryHoliday, "Tue, 中秋节"),
        ("2024-09-16", ShiftedRestDay,   "Mon before 中秋节"),
        // 2025: the 2024 revision
        ("2025-01-28", StatutoryHoliday, "Tue, 除夕, statutory from 2025"),
        ("2025-01-31", StatutoryHoliday, "Fri, 初三"),
        ("2025-02-03", ShiftedRestDay,   "Mon, 初六"),
        ("2025-05-02", StatutoryHoliday, "Fri, the second day of 劳动节 from 2025"),
        ("2025-05-05", ShiftedRestDay,   "Mon in the 劳动节 break"),
        ("2025-10-06", StatutoryHoliday, "Mon, 中秋节"),
        ("2025-10-07", ShiftedRestDay,   "Tue in the break"),
        ("2025-10-04", Weekend,          "Sat in the break"),
        ("2025-02-08", MakeUpWorkday,    "Sat after the break"),
        // 2026
        ("2026-02-16", StatutoryHoliday, "Mon, 除夕"),
        ("2026-02-19", StatutoryHoliday, "Thu, 初三"),
        ("2026-02-20", ShiftedRestDay,   "Fri, 初四"),
        ("2026-02-15", Weekend,          "Sun, first day of the break"),
        ("2026-02-21", Weekend,          "Sat in the break"),
        ("2026-02-23", ShiftedRestDay,   "Mon, last day of the break"),
        ("2026-01-04", MakeUpWorkday,    "Sun after 元旦"),
        ("2026-04-05", StatutoryHoliday, "Sun, 清明节"),
        ("2026-04-06", ShiftedRestDay,   "Mon after 清明节"),
        // Ordinary days carry no notice.
        ("2024-03-02", Weekend,          "an ordinary Saturday"),
        ("2024-03-04", Workday,          "an ordinary Monday"),
    ];
    for &(date, want, why) in table {
        let day = cal.day(d(date)).unwrap();
        assert_eq!(day.kind, want, "{date}: {why}");
        assert_eq!(day.is_workday(), want.is_workday(), "{date}");
        let weekend = matches!(d(date).weekday(), Weekday::Sat | Weekday::Sun);
        match want {
            MakeUpWorkday | Weekend => assert!(weekend, "{date} is not a weekend day"),
            ShiftedRestDay | Workday => assert!(!weekend, "{date} is a weekend day"),
            _ => {}
        }
        match want {
            Workday => assert_eq!(day.notice, None, "{date}"),
            StatutoryHoliday | ShiftedRestDay | MakeUpWorkday => {
                assert!(day.notice.is_some() && day.holiday.is_some(), "{date}")
            }
            _ => {}
        }
    }
    assert_eq!(notice_of(&cal, "2025-01-28").as_deref(), Some(N2025));
    assert_eq!(notice_of(&cal, "2024-03-02"), None);
}

// ---------------------------------------------------------------------------------------
// Check figures

/// NOTICES.md: weekday dates off / weekend make-up days, per calendar year. Counted over
/// 01-01..12-31 of each year, whatever notice set the day (2022-12-31 is a Saturday, so the
/// 2023 notice adds nothing to 2022's count).
#[test]
fn check_figures_per_year() {
    let cal = Calendar::china();
    let figures = [
        (2020, 19, 6),
        (2021, 18, 7),
        (2022, 18, 7),
        (2023, 18, 7),
        (2024, 19, 8),
        (2025, 18, 5),
        (2026, 19, 6),
    ];
    for (year, off, make_up) in figures {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        let (mut weekdays_off, mut weekends_worked) = (0, 0);
        for day in cal.days(first, last).unwrap() {
            let weekend = matches!(day.date.weekday(), Weekday::Sat | Weekday::Sun);
            if !weekend && !day.is_workday() {
                weekdays_off += 1;
            }
            if weekend && day.is_workday() {
                weekends_worked += 1;
                assert_eq!(day.kind, DayKind::MakeUpWorkday, "{}", day.date);
            }
        }
        assert_eq!((weekdays_off, weekends_worked), (off, make_up), "{year}");
    }
}

// ---------------------------------------------------------------------------------------
// Regression: counting back from a day off

/// `workdays_between` counts as `add_workdays` does (start excluded, end included), so the
/// round trip holds going back from a day off: Saturday 2023-06-03 back to Friday
/// 2023-06-02 is -1 working day. (It once counted `(b, a]` there and gave 0.)
#[test]
fn round_trip_back_from_a_day_off() {
    let cal = Calendar::china();
    let (sat, fri) = (d("2023-06-03"), d("2023-06-02"));
    assert_eq!(sat.weekday(), Weekday::Sat);
    assert!(works(&cal, "2023-06-02") && !works(&cal, "2023-06-03"));
    assert_eq!(cal.add_workdays(sat, -1), Ok(fri));
    let n = cal.workdays_between(sat, fri).unwrap();
    assert_eq!(cal.add_workdays(sat, n), Ok(fri), "n = {n}");
    assert_eq!(n, -1);
}

// ---------------------------------------------------------------------------------------
// 2004-2019: the law in force each year, and days filed under the notice that set them.
// Each expectation below is read off the notice's own words (quoted in its data file) and
// the version of 《全国年节及纪念日放假办法》 then in force.

#[test]
fn statutory_days_follow_the_law_in_force_each_year() {
    let cal = Calendar::china();
    // 1999 version: 劳动节 05-01..03 statutory, 05-04 a shifted rest day of the golden week.
    assert_eq!(kind(&cal, "2007-05-02"), DayKind::StatutoryHoliday);
    assert_eq!(kind(&cal, "2007-05-03"), DayKind::StatutoryHoliday);
    assert_eq!(kind(&cal, "2007-05-04"), DayKind::ShiftedRestDay); // a Friday
                                                                   // 2007 version (from 2008): 劳动节 one day; 2008-05-02 (Fri) is a shifted rest day.
    assert_eq!(kind(&cal, "2008-05-01"), DayKind::StatutoryHoliday);
    assert_eq!(kind(&cal, "2008-05-02"), DayKind::ShiftedRestDay);
    // 2007 version: 除夕 statutory (2008-02-06, “2月6日（除夕）……为法定节假日”), 初三 not.
    assert_eq!(kind(&cal, "2008-02-06"), DayKind::StatutoryHoliday);
    assert_eq!(kind(&cal, "2008-02-09"), DayKind::Weekend); // 初三, a Saturday
    assert_eq!(kind(&cal, "2013-02-12"), DayKind::ShiftedRestDay); // 初三 2013, a Tuesday
                                                                   // 2013 version (from 2014): 初一至初三, 除夕 not: 2015-02-18 (除夕, Wed) is shifted.
    assert_eq!(kind(&cal, "2015-02-18"), DayKind::ShiftedRestDay);
    assert_eq!(kind(&cal, "2015-02-21"), DayKind::StatutoryHoliday); // 初三, a Saturday
                                                                     // 清明节, 端午节, 中秋节 are holidays from 2008: 2007's 清明 (04-05, Thu) was worked.
    assert!(works(&cal, "2007-04-05"));
    assert_eq!(kind(&cal, "2008-04-04"), DayKind::StatutoryHoliday);
    assert_eq!(kind(&cal, "2008-06-08"), DayKind::StatutoryHoliday); // 端午, a Sunday
                                                                     // 中秋节 2017 (10-04) inside the National Day break: a fourth statutory day.
    assert_eq!(kind(&cal, "2017-10-04"), DayKind::StatutoryHoliday);
    assert_eq!(kind(&cal, "2017-10-05"), DayKind::ShiftedRestDay);
}

#[test]
fn cross_year_days_are_filed_under_the_notice_that_set_them() {
    let cal = Calendar::china();
    for (date, notice, kind_want) in [
        // “12月31日(星期六)上班” (国办发明电〔2005〕35号, for 2006).
        (
            "2005-12-31",
            "国办发明电〔2005〕35号",
            DayKind::MakeUpWorkday,
        ),
        // “2006年12月30日（星期六）、31日（星期日）上班” (国办发明电〔2006〕49号, for 2007).
        (
            "2006-12-30",
            "国办发明电〔2006〕49号",
            DayKind::MakeUpWorkday,
        ),
        (
            "2006-12-31",
            "国办发明电〔2006〕49号",
            DayKind::MakeUpWorkday,
        ),
        // 2008: “2007年12月30日—2008年1月1日放假……12月29日（星期六）上班”.
        (
            "2007-12-29",
            "国务院办公厅关于2008年部分节假日安排的通知",
            DayKind::MakeUpWorkday,
        ),
        (
            "2007-12-31",
            "国务院办公厅关于2008年部分节假日安排的通知",
            DayKind::ShiftedRestDay,
        ),
        // “2011年12月31日（星期六）上班” (国办发明电〔2011〕45号, for 2012).
        (
            "2011-12-31",
            "国办发明电〔2011〕45号",
            DayKind::MakeUpWorkday,
        ),
        // “2018年12月30日至2019年1月1日放假调休……2018年12月29日（星期六）上班”.
        (
            "2018-12-29",
            "国办发明电〔2018〕15号",
            DayKind::MakeUpWorkday,
        ),
        (
            "2018-12-31",
            "国办发明电〔2018〕15号",
            DayKind::ShiftedRestDay,
        ),
    ] {
        let day = cal.day(d(date)).unwrap();
        assert_eq!(day.notice, Some(notice), "{date}");
        assert_eq!(day.kind, kind_want, "{date}");
        assert_eq!(day.holiday, Some("元旦"), "{date}");
    }
    // The last working day of 2018 was Saturday 12-29; of 2007 Saturday 12-29.
    assert_eq!(cal.last_workday_of_year(2018), Ok(d("2018-12-29")));
    assert_eq!(cal.last_workday_of_year(2007), Ok(d("2007-12-29")));
    // 2006 ended with two working weekend days.
    assert_eq!(cal.last_workday_of_year(2006), Ok(d("2006-12-31")));
}

#[test]
fn amendments_2015_and_2019() {
    let cal = Calendar::china();
    // 国发明电〔2015〕1号: “9月3日至5日调休放假……9月6日（星期日）上班”.
    assert_eq!(kind(&cal, "2015-09-03"), DayKind::ShiftedRestDay); // not under the law
    assert_eq!(kind(&cal, "2015-09-04"), DayKind::ShiftedRestDay);
    assert_eq!(kind(&cal, "2015-09-05"), DayKind::Weekend);
    assert_eq!(kind(&cal, "2015-09-06"), DayKind::MakeUpWorkday);
    assert_eq!(
        cal.day(d("2015-09-03")).unwrap().holiday,
        Some("抗战胜利70周年纪念日")
    );
    // September 2015: 22 weekdays, 2 off, 1 Sunday worked: 21 working days, counted from
    // 08-31 (excluded) to 09-30 (included).
    assert_eq!(
        cal.workdays_between(d("2015-08-31"), d("2015-09-30")),
        Ok(21)
    );
    // 国办发明电〔2019〕3号: “2019年5月1日至4日放假调休……4月28日（星期日）、5月5日（星期日）上班”.
    assert_eq!(kind(&cal, "2019-05-01"), DayKind::StatutoryHoliday);
    assert_eq!(kind(&cal, "2019-05-02"), DayKind::ShiftedRestDay);
    assert_eq!(kind(&cal, "2019-05-03"), DayKind::ShiftedRestDay);
    assert_eq!(kind(&cal, "2019-05-04"), DayKind::Weekend);
    assert_eq!(kind(&cal, "2019-04-28"), DayKind::MakeUpWorkday);
    assert_eq!(kind(&cal, "2019-05-05"), DayKind::MakeUpWorkday);
    // From Tuesday 04-30, the next working day is Sunday 05-05.
    assert_eq!(cal.next_workday(d("2019-04-30")), Ok(d("2019-05-05")));
}
