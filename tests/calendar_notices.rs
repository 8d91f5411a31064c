//! Notices as data: the embedded files, loading at run time (a new year, a correction, a
//! local adjustment, a gap year), views as known on a date, and the parser's errors.
//!
//! Expected values come from NOTICES.md (2020-2026, the project's shared facts) and
//! data/NOTICES-2004-2019.md (the same facts for 2004-2019, from the notices' texts),
//! transcribed below as tables, or are worked out by hand in the comments.

mod util;

use chrono::{Datelike, NaiveDate, Weekday};
use duban::{
    Calendar, CalendarBuilder, DayKind, ErrorKind, Language, Notice, Quarter, Scope, YearMonth,
};
use util::{d, err_kind, mentions, mentions_en, outside, ym};

/// A made-up 2027 notice: New Year break Fri 2027-01-01..Sun 01-03, nothing else.
const NOTICE_2027: &str = "\
notice     测试〔2026〕1号      # a hypothetical document number
title      国务院办公厅关于2027年部分节假日安排的通知（测试用）
authority  国务院办公厅
signed     2026-11-01
scope      national
covers     2027
holiday    元旦  2027-01-01..2027-01-03  statutory 2027-01-01
";

/// A made-up 2028 notice: New Year break Sat 2028-01-01..Mon 01-03.
const NOTICE_2028: &str = "\
notice     测试〔2027〕1号
signed     2027-11-01
scope      national
covers     2028
holiday    元旦  2028-01-01..2028-01-03  statutory 2028-01-01
";

/// A county's adjustment: Friday 2024-03-01 off, Saturday 03-02 worked; Sunday 2025-01-26
/// (a national make-up day) off; and a day in 2027, which no national notice covers.
const LOCAL: &str = "\
notice     县政办发〔2024〕1号
title      关于县庆放假的通知
authority  某县人民政府办公室
signed     2024-01-10
scope      local
holiday    县庆  2024-03-01
workday    2024-03-02  县庆
holiday    县庆调休  2025-01-26
holiday    县庆  2027-03-01
";

#[track_caller]
fn build(texts: &[&str]) -> Calendar {
    let mut b = CalendarBuilder::china();
    for t in texts {
        b = b.notice_text(t).unwrap();
    }
    b.build().unwrap()
}

// ---------------------------------------------------------------------------------------
// The embedded notices

/// NOTICES.md and data/NOTICES-2004-2019.md, first tables: (file, 文号 or, where no 文号
/// was found, the title; signed; published; covered year).
type Meta = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<i32>,
);

#[rustfmt::skip]
const META: &[Meta] = &[
    ("notice-2004-schedule.txt",     "国务院办公厅关于2004年部分节假日安排的通知", "2003-12-31", None, Some(2004)),
    ("notice-2005-schedule.txt",     "国务院办公厅关于2005年部分节假日安排的通知", "2004-12-31", None, Some(2005)),
    ("guobanfamingdian-2005-35.txt", "国办发明电〔2005〕35号", "2005-12-16", None, Some(2006)),
    ("guobanfamingdian-2006-49.txt", "国办发明电〔2006〕49号", "2006-12-14", None, Some(2007)),
    ("notice-2008-schedule.txt",     "国务院办公厅关于2008年部分节假日安排的通知", "2007-12-18", None, Some(2008)),
    ("guobanfamingdian-2008-42.txt", "国办发明电〔2008〕42号", "2008-12-10", None, Some(2009)),
    ("guobanfamingdian-2009-27.txt", "国办发明电〔2009〕27号", "2009-12-07", Some("2009-12-08"), Some(2010)),
    ("guobanfamingdian-2010-40.txt", "国办发明电〔2010〕40号", "2010-12-09", Some("2010-12-10"), Some(2011)),
    ("guobanfamingdian-2011-45.txt", "国办发明电〔2011〕45号", "2011-12-05", Some("2011-12-06"), Some(2012)),
    ("guobanfamingdian-2012-33.txt", "国办发明电〔2012〕33号", "2012-12-08", None, Some(2013)),
    ("guobanfamingdian-2013-28.txt", "国办发明电〔2013〕28号", "2013-12-11", None, Some(2014)),
    ("guobanfamingdian-2014-28.txt", "国办发明电〔2014〕28号", "2014-12-16", None, Some(2015)),
    ("guofamingdian-2015-1.txt",     "国发明电〔2015〕1号",    "2015-05-13", None, None),
    ("guobanfamingdian-2015-18.txt", "国办发明电〔2015〕18号", "2015-12-10", None, Some(2016)),
    ("guobanfamingdian-2016-17.txt", "国办发明电〔2016〕17号", "2016-12-01", None, Some(2017)),
    ("guobanfamingdian-2017-12.txt", "国办发明电〔2017〕12号", "2017-11-30", None, Some(2018)),
    ("guobanfamingdian-2018-15.txt", "国办发明电〔2018〕15号", "2018-12-04", Some("2018-12-06"), Some(2019)),
    ("guobanfamingdian-2019-3.txt",  "国办发明电〔2019〕3号",  "2019-03-22", None, None),
    ("guobanfamingdian-2019-16.txt", "国办发明电〔2019〕16号", "2019-11-21", None, Some(2020)),
    ("guobanfamingdian-2020-1.txt",  "国办发明电〔2020〕1号",  "2020-01-26", Some("2020-01-27"), None),
    ("guobanfamingdian-2020-27.txt", "国办发明电〔2020〕27号", "2020-11-25", None, Some(2021)),
    ("guobanfamingdian-2021-11.txt", "国办发明电〔2021〕11号", "2021-10-25", None, Some(2022)),
    ("guobanfamingdian-2022-16.txt", "国办发明电〔2022〕16号", "2022-12-08", None, Some(2023)),
    ("guobanfamingdian-2023-7.txt",  "国办发明电〔2023〕7号",  "2023-10-25", None, Some(2024)),
    ("guobanfamingdian-2024-12.txt", "国办发明电〔2024〕12号", "2024-11-12", None, Some(2025)),
    ("guobanfamingdian-2025-7.txt",  "国办发明电〔2025〕7号",  "2025-11-04", None, Some(2026)),
];

/// NOTICES.md, one section a notice: the year the short dates belong to, the breaks
/// ("name first..last"; a full date where the break starts in another year) and the
/// make-up working days.
#[rustfmt::skip]
const BREAKS: &[(&str, i32, &str, &str)] = &[
    ("国务院办公厅关于2004年部分节假日安排的通知", 2004,
     "元旦 01-01; 春节 01-22..01-28; 劳动节 05-01..05-07; 国庆节 10-01..10-07",
     "01-17 01-18 05-08 05-09 10-09 10-10"),
    ("国务院办公厅关于2005年部分节假日安排的通知", 2005,
     "元旦 01-01..01-03; 春节 02-09..02-15; 劳动节 05-01..05-07; 国庆节 10-01..10-07",
     "02-05 02-06 04-30 05-08 10-08 10-09"),
    ("国办发明电〔2005〕35号", 2006,
     "元旦 01-01..01-03; 春节 01-29..02-04; 劳动节 05-01..05-07; 国庆节 10-01..10-07",
     "2005-12-31 01-28 02-05 04-29 04-30 09-30 10-08"),
    ("国办发明电〔2006〕49号", 2007,
     "元旦 01-01..01-03; 春节 02-18..02-24; 劳动节 05-01..05-07; 国庆节 10-01..10-07",
     "2006-12-30 2006-12-31 02-17 02-25 04-28 04-29 09-29 09-30"),
    ("国务院办公厅关于2008年部分节假日安排的通知", 2008,
     "元旦 2007-12-30..01-01; 春节 02-06..02-12; 清明节 04-04..04-06; 劳动节 05-01..05-03; 端午节 06-07..06-09; 中秋节 09-13..09-15; 国庆节 09-29..10-05",
     "2007-12-29 02-02 02-03 05-04 09-27 09-28"),
    ("国办发明电〔2008〕42号", 2009,
     "元旦 01-01..01-03; 春节 01-25..01-31; 清明节 04-04..04-06; 劳动节 05-01..05-03; 端午节 05-28..05-30; 国庆节、中秋节 10-01..10-08",
     "01-04 01-24 02-01 05-31 09-27 10-10"),
    ("国办发明电〔2009〕27号", 2010,
     "元旦 01-01..01-03; 春节 02-13..02-19; 清明节 04-03..04-05; 劳动节 05-01..05-03; 端午节 06-14..06-16; 中秋节 09-22..09-24; 国庆节 10-01..10-07",
     "02-20 02-21 06-12 06-13 09-19 09-25 09-26 10-09"),
    ("国办发明电〔2010〕40号", 2011,
     "元旦 01-01..01-03; 春节 02-02..02-08; 清明节 04-03..04-05; 劳动节 04-30..05-02; 端午节 06-04..06-06; 中秋节 09-10..09-12; 国庆节 10-01..10-07",
     "01-30 02-12 04-02 10-08 10-09"),
    ("国办发明电〔2011〕45号", 2012,
     "元旦 01-01..01-03; 春节 01-22..01-28; 清明节 04-02..04-04; 劳动节 04-29..05-01; 端午节 06-22..06-24; 中秋节、国庆节 09-30..10-07",
     "2011-12-31 01-21 01-29 03-31 04-01 04-28 09-29"),
    ("国办发明电〔2012〕33号", 2013,
     "元旦 01-01..01-03; 春节 02-09..02-15; 清明节 04-04..04-06; 劳动节 04-29..05-01; 端午节 06-10..06-12; 中秋节 09-19..09-21; 国庆节 10-01..10-07",
     "01-05 01-06 02-16 02-17 04-07 04-27 04-28 06-08 06-09 09-22 09-29 10-12"),
    ("国办发明电〔2013〕28号", 2014,
     "元旦 01-01; 春节 01-31..02-06; 清明节 04-05..04-07; 劳动节 05-01..05-03; 端午节 06-02; 中秋节 09-08; 国庆节 10-01..10-07",
     "01-26 02-08 05-04 09-28 10-11"),
    ("国办发明电〔2014〕28号", 2015,
     "元旦 01-01..01-03; 春节 02-18..02-24; 清明节 04-05..04-06; 劳动节 05-01; 端午节 06-20..06-22; 中秋节 09-27; 国庆节 10-01..10-07",
     "01-04 02-15 02-28 10-10"),
    ("国发明电〔2015〕1号", 2015, "抗战胜利70周年纪念日 09-03..09-05", "09-06"),
    ("国办发明电〔2015〕18号", 2016,
     "元旦 01-01; 春节 02-07..02-13; 清明节 04-04; 劳动节 05-01..05-02; 端午节 06-09..06-11; 中秋节 09-15..09-17; 国庆节 10-01..10-07",
     "02-06 02-14 06-12 09-18 10-08 10-09"),
    ("国办发明电〔2016〕17号", 2017,
     "元旦 01-01..01-02; 春节 01-27..02-02; 清明节 04-02..04-04; 劳动节 05-01; 端午节 05-28..05-30; 中秋节、国庆节 10-01..10-08",
     "01-22 02-04 04-01 05-27 09-30"),
    ("国办发明电〔2017〕12号", 2018,
     "元旦 01-01; 春节 02-15..02-21; 清明节 04-05..04-07; 劳动节 04-29..05-01; 端午节 06-18; 中秋节 09-24; 国庆节 10-01..10-07",
     "02-11 02-24 04-08 04-28 09-29 09-30"),
    ("国办发明电〔2018〕15号", 2019,
     "元旦 2018-12-30..01-01; 春节 02-04..02-10; 清明节 04-05; 劳动节 05-01; 端午节 06-07; 中秋节 09-13; 国庆节 10-01..10-07",
     "2018-12-29 02-02 02-03 09-29 10-12"),
    ("国办发明电〔2019〕3号", 2019, "劳动节 05-01..05-04", "04-28 05-05"),
    ("国办发明电〔2019〕16号", 2020,
     "元旦 01-01; 春节 01-24..01-30; 清明节 04-04..04-06; 劳动节 05-01..05-05; 端午节 06-25..06-27; 国庆节、中秋节 10-01..10-08",
     "01-19 02-01 04-26 05-09 06-28 09-27 10-10"),
    ("国办发明电〔2020〕1号", 2020, "春节 01-31..02-02", ""),
    ("国办发明电〔2020〕27号", 2021,
     "元旦 01-01..01-03; 春节 02-11..02-17; 清明节 04-03..04-05; 劳动节 05-01..05-05; 端午节 06-12..06-14; 中秋节 09-19..09-21; 国庆节 10-01..10-07",
     "02-07 02-20 04-25 05-08 09-18 09-26 10-09"),
    ("国办发明电〔2021〕11号", 2022,
     "元旦 01-01..01-03; 春节 01-31..02-06; 清明节 04-03..04-05; 劳动节 04-30..05-04; 端午节 06-03..06-05; 中秋节 09-10..09-12; 国庆节 10-01..10-07",
     "01-29 01-30 04-02 04-24 05-07 10-08 10-09"),
    ("国办发明电〔2022〕16号", 2023,
     "元旦 2022-12-31..01-02; 春节 01-21..01-27; 清明节 04-05; 劳动节 04-29..05-03; 端午节 06-22..06-24; 中秋节、国庆节 09-29..10-06",
     "01-28 01-29 04-23 05-06 06-25 10-07 10-08"),
    ("国办发明电〔2023〕7号", 2024,
     "元旦 01-01; 春节 02-10..02-17; 清明节 04-04..04-06; 劳动节 05-01..05-05; 端午节 06-10; 中秋节 09-15..09-17; 国庆节 10-01..10-07",
     "02-04 02-18 04-07 04-28 05-11 09-14 09-29 10-12"),
    ("国办发明电〔2024〕12号", 2025,
     "元旦 01-01; 春节 01-28..02-04; 清明节 04-04..04-06; 劳动节 05-01..05-05; 端午节 05-31..06-02; 国庆节、中秋节 10-01..10-08",
     "01-26 02-08 04-27 09-28 10-11"),
    ("国办发明电〔2025〕7号", 2026,
     "元旦 01-01..01-03; 春节 02-15..02-23; 清明节 04-04..04-06; 劳动节 05-01..05-05; 端午节 06-19..06-21; 中秋节 09-25..09-27; 国庆节 10-01..10-07",
     "01-04 02-14 02-28 05-09 09-20 10-10"),
];

/// `MM-DD` in `year`, or a full `YYYY-MM-DD`.
#[track_caller]
fn short(year: i32, text: &str) -> NaiveDate {
    if text.len() == 5 {
        d(&format!("{year}-{text}"))
    } else {
        d(text)
    }
}

#[test]
fn embedded_notices_parse() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/notices");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 26, "{files:?}");

    let cal = Calendar::china();
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let notice = Notice::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let &(_, id, signed, published, covers) = META
            .iter()
            .find(|m| m.0 == name)
            .unwrap_or_else(|| panic!("{name} is not in NOTICES.md"));
        assert_eq!(notice.id, id, "{name}");
        assert_eq!(notice.signed, d(signed), "{name}");
        assert_eq!(notice.published, published.map(d), "{name}");
        assert_eq!(
            notice.covers,
            covers.into_iter().collect::<Vec<_>>(),
            "{name}"
        );
        assert_eq!(notice.scope, Scope::National, "{name}");
        // The file name spells the 文号: guobanfamingdian-YYYY-N ↔ 国办发明电〔YYYY〕N号,
        // guofamingdian-YYYY-N ↔ 国发明电〔YYYY〕N号; a notice whose 文号 was not found is
        // notice-YYYY-schedule, named by its title.
        let stem = name.trim_end_matches(".txt");
        let want = if let Some(rest) = stem.strip_prefix("guobanfamingdian-") {
            let (y, n) = rest.split_once('-').unwrap();
            format!("国办发明电〔{y}〕{n}号")
        } else if let Some(rest) = stem.strip_prefix("guofamingdian-") {
            let (y, n) = rest.split_once('-').unwrap();
            format!("国发明电〔{y}〕{n}号")
        } else {
            let y = stem
                .strip_prefix("notice-")
                .and_then(|r| r.strip_suffix("-schedule"))
                .unwrap_or_else(|| panic!("unexpected file name {name}"));
            assert!(text.contains("文号 not found"), "{name}");
            format!("国务院办公厅关于{y}年部分节假日安排的通知")
        };
        assert_eq!(notice.id, want);
        // What the calendar compiled in is exactly this file.
        let loaded = cal.notices().iter().find(|n| n.id == id).expect(id);
        assert_eq!(loaded, &notice, "{name}");
    }

    let built = CalendarBuilder::china().build().unwrap();
    assert_eq!(built.notices().len(), 26);
    assert_eq!(built.coverage(), &[(d("2004-01-01"), d("2026-12-31"))]);
    assert_eq!(Calendar::china().coverage(), built.coverage());
}

#[test]
fn embedded_notices_match_notices_md() {
    let cal = Calendar::china();
    assert_eq!(cal.notices().len(), BREAKS.len());
    for &(id, year, breaks, make_up) in BREAKS {
        let notice = cal.notices().iter().find(|n| n.id == id).expect(id);
        let want: Vec<(String, NaiveDate, NaiveDate)> = breaks
            .split("; ")
            .map(|item| {
                let (name, span) = item.split_once(' ').unwrap();
                let (a, b) = span.split_once("..").unwrap_or((span, span));
                let first = short(year, a);
                (name.to_owned(), first, short(year, b))
            })
            .collect();
        let got: Vec<(String, NaiveDate, NaiveDate)> = notice
            .holidays
            .iter()
            .map(|h| (h.name.clone(), h.first, h.last))
            .collect();
        assert_eq!(got, want, "{id}");
        let want: Vec<NaiveDate> = make_up.split_whitespace().map(|x| short(year, x)).collect();
        let got: Vec<NaiveDate> = notice.workdays.iter().map(|w| w.date).collect();
        assert_eq!(got, want, "{id}");
        for w in &want {
            assert!(matches!(w.weekday(), Weekday::Sat | Weekday::Sun), "{w}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Loading at run time

#[test]
fn loading_a_2027_notice_extends_coverage() {
    let base = Calendar::china();
    let cal = build(&[NOTICE_2027]);
    assert_eq!(cal.notices().len(), 27);
    assert_eq!(cal.coverage(), &[(d("2004-01-01"), d("2027-12-31"))]);
    // The compiled-in calendar is not changed.
    assert_eq!(base.coverage(), &[(d("2004-01-01"), d("2026-12-31"))]);
    outside(base.is_workday(d("2027-01-04")));

    let day = cal.day(d("2027-01-01")).unwrap();
    assert_eq!(day.kind, DayKind::StatutoryHoliday);
    assert_eq!(day.notice, Some("测试〔2026〕1号"));
    assert_eq!(cal.day(d("2027-01-04")).unwrap().kind, DayKind::Workday);
    // An ordinary year of Mondays to Fridays apart from 01-01: the last working day of 2027
    // is Friday 12-31.
    assert_eq!(d("2027-12-31").weekday(), Weekday::Fri);
    assert_eq!(cal.last_workday_of_year(2027), Ok(d("2027-12-31")));

    // Across the year end, from Friday 2026-12-25: 12-28 (1), 12-29 (2), 12-30 (3),
    // 12-31 (4), 2027-01-01 off, weekend, 01-04 (5) .. 01-08 (9), Monday 01-11 (10).
    assert_eq!(cal.add_workdays(d("2026-12-25"), 10), Ok(d("2027-01-11")));
    assert_eq!(cal.add_workdays(d("2027-01-11"), -10), Ok(d("2026-12-25")));
    // December 2026 has 23 weekdays, 22 of them after Tuesday 12-01; then 01-04, 01-05.
    assert_eq!(
        cal.workdays_between(d("2026-12-01"), d("2027-01-05")),
        Ok(24)
    );
    outside(cal.is_workday(d("2028-01-03")));

    // Loaded through `to_builder` the same.
    let again = base
        .to_builder()
        .notice_text(NOTICE_2027)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(again.coverage(), cal.coverage());

    // As known before the notice was signed, 2027 is not covered.
    outside(cal.as_known_on(d("2026-10-31")).is_workday(d("2027-01-04")));
    assert_eq!(
        cal.as_known_on(d("2026-11-01")).is_workday(d("2027-01-04")),
        Ok(true)
    );
}

#[test]
fn local_adjustment_sets_local_days_without_extending_coverage() {
    let cal = build(&[LOCAL]);
    assert_eq!(cal.coverage(), Calendar::china().coverage());

    let rest = cal.day(d("2024-03-01")).unwrap();
    assert_eq!(d("2024-03-01").weekday(), Weekday::Fri);
    assert_eq!(rest.kind, DayKind::LocalRestDay);
    assert_eq!(rest.notice, Some("县政办发〔2024〕1号"));
    assert_eq!(rest.holiday, Some("县庆"));
    assert!(!rest.is_workday());

    let work = cal.day(d("2024-03-02")).unwrap();
    assert_eq!(work.kind, DayKind::LocalWorkday);
    assert_eq!(work.notice, Some("县政办发〔2024〕1号"));
    assert!(work.is_workday());

    // Local adjustments apply after every national notice, even one known later: the
    // 2025 notice (signed 2024-11-12) makes Sunday 2025-01-26 a make-up day; the county
    // (2024-01-10) gives it off.
    assert_eq!(
        Calendar::china().day(d("2025-01-26")).unwrap().kind,
        DayKind::MakeUpWorkday
    );
    assert_eq!(
        cal.day(d("2025-01-26")).unwrap().kind,
        DayKind::LocalRestDay
    );

    // Arithmetic follows: Thu 2024-02-29 -> (Fri 03-01 off) -> Sat 03-02 -> Mon 03-04.
    assert_eq!(cal.next_workday(d("2024-02-29")), Ok(d("2024-03-02")));
    assert_eq!(cal.add_workdays(d("2024-02-29"), 2), Ok(d("2024-03-04")));
    assert_eq!(
        cal.workdays_between(d("2024-02-29"), d("2024-03-04")),
        Ok(2)
    );

    // A local day in 2027 does not make 2027 covered.
    let e = outside(cal.is_workday(d("2027-03-01")));
    mentions(&e, &["2027-03-01", "2004-01-01..=2026-12-31"]);

    // Before the adjustment was signed, the national schedule alone.
    let then = cal.as_known_on(d("2024-01-09"));
    assert_eq!(then.day(d("2024-03-01")).unwrap().kind, DayKind::Workday);
    assert_eq!(then.day(d("2024-03-02")).unwrap().kind, DayKind::Weekend);
}

#[test]
fn local_adjustment_alone_covers_nothing() {
    let cal = CalendarBuilder::new()
        .notice_text(LOCAL)
        .unwrap()
        .build()
        .unwrap();
    assert!(cal.coverage().is_empty());
    outside(cal.is_workday(d("2024-03-01")));
}

#[test]
fn a_notice_with_the_same_number_replaces_the_loaded_one() {
    // A corrected transcription of 国办发明电〔2019〕16号 without the make-up Sunday
    // 2020-01-19.
    let original = include_str!("../data/notices/guobanfamingdian-2019-16.txt");
    let corrected: String = original
        .lines()
        .filter(|l| !l.starts_with("workday    2020-01-19"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(
        corrected.len(),
        original.len(),
        "the line to drop is in the file"
    );
    let cal = build(&[&corrected]);
    assert_eq!(cal.notices().len(), 26, "replaced, not added");
    let day = cal.day(d("2020-01-19")).unwrap();
    assert_eq!((day.kind, day.notice), (DayKind::Weekend, None));
    assert_eq!(
        Calendar::china().day(d("2020-01-19")).unwrap().kind,
        DayKind::MakeUpWorkday
    );
    // The rest of the notice still applies, and so does the later amendment.
    assert_eq!(
        cal.day(d("2020-01-25")).unwrap().kind,
        DayKind::StatutoryHoliday
    );
    assert!(!cal.is_workday(d("2020-01-31")).unwrap());

    // A correction of a run-time notice: version 2 of the 2027 notice adds Monday 01-04.
    let v2 = NOTICE_2027.replace("2027-01-01..2027-01-03", "2027-01-01..2027-01-04");
    let cal = build(&[NOTICE_2027, &v2]);
    assert_eq!(cal.notices().len(), 27);
    assert_eq!(
        cal.day(d("2027-01-04")).unwrap().kind,
        DayKind::ShiftedRestDay
    );
    assert_eq!(cal.next_workday(d("2026-12-31")), Ok(d("2027-01-05")));
    let cal = build(&[&v2, NOTICE_2027]);
    assert_eq!(
        cal.day(d("2027-01-04")).unwrap().kind,
        DayKind::Workday,
        "last load wins"
    );
}

#[test]
fn a_gap_year_is_outside_coverage() {
    let cal = build(&[NOTICE_2028]);
    assert_eq!(
        cal.coverage(),
        &[
            (d("2004-01-01"), d("2026-12-31")),
            (d("2028-01-01"), d("2028-12-31"))
        ]
    );

    // Dates in 2027 are errors, and the message lists both ranges.
    for x in ["2027-01-01", "2027-06-01", "2027-12-31"] {
        let e = outside(cal.is_workday(d(x)));
        mentions(
            &e,
            &[x, "2004-01-01..=2026-12-31", "2028-01-01..=2028-12-31"],
        );
        outside(cal.day(d(x)));
    }

    // Arithmetic across the gap errors, however far it jumps.
    for n in [5, 10, 250, 300, 1000] {
        outside(cal.add_workdays(d("2026-12-25"), n));
    }
    // 2028-01-04..2028-02-29 holds 20 + 21 weekdays, all worked: 41 working days.
    assert_eq!(cal.add_workdays(d("2028-03-01"), -41), Ok(d("2028-01-04")));
    for n in [-42, -250, -1000] {
        outside(cal.add_workdays(d("2028-03-01"), n));
    }
    outside(cal.workdays_between(d("2026-12-01"), d("2028-01-05")));
    outside(cal.workdays_between(d("2028-01-10"), d("2026-12-31")));
    outside(cal.next_workday(d("2026-12-31")));
    outside(
        cal.days(d("2026-12-31"), d("2028-01-01"))
            .map(|it| it.count()),
    );
    outside(cal.last_workday_of_year(2027));
    outside(cal.last_workday_of_month(ym("2027-12")));

    // Within 2028 it works. Break Sat 01-01..Mon 01-03.
    assert_eq!(d("2028-01-01").weekday(), Weekday::Sat);
    assert_eq!(cal.add_workdays(d("2028-01-03"), 5), Ok(d("2028-01-10")));
    assert_eq!(
        cal.workdays_between(d("2028-01-03"), d("2028-01-10")),
        Ok(5)
    );
    // Back from Monday 01-10: 01-07 (1), 01-06 (2), 01-05 (3), 01-04 (4); a fifth would be
    // in 2027.
    assert_eq!(cal.add_workdays(d("2028-01-10"), -4), Ok(d("2028-01-04")));
    outside(cal.add_workdays(d("2028-01-10"), -5));
    outside(cal.previous_workday(d("2028-01-04")));
    outside(cal.workday_on_or_before(d("2028-01-02")));
    assert_eq!(
        cal.workday_on_or_after(d("2028-01-01")),
        Ok(d("2028-01-04"))
    );
    assert_eq!(
        cal.days(d("2028-01-01"), d("2028-01-31")).unwrap().count(),
        31
    );
    // 2028-12-31 is a Sunday.
    assert_eq!(cal.last_workday_of_year(2028), Ok(d("2028-12-29")));
    assert_eq!(
        cal.last_workday_of_month(ym("2028-01")),
        Ok(d("2028-01-31"))
    );
    // And 2020-2026 is unchanged.
    assert_eq!(cal.add_workdays(d("2023-09-28"), 2), Ok(d("2023-10-08")));
    assert_eq!(cal.add_workdays(d("2026-12-25"), 4), Ok(d("2026-12-31")));

    // Loading 2027 afterwards closes the gap.
    let closed = build(&[NOTICE_2028, NOTICE_2027]);
    assert_eq!(closed.coverage(), &[(d("2004-01-01"), d("2028-12-31"))]);
    assert_eq!(
        closed.add_workdays(d("2028-01-10"), -5),
        Ok(d("2027-12-31"))
    );
}

// ---------------------------------------------------------------------------------------
// Views as known on a date

/// Every query on a calendar that covers nothing is an `OutsideCoverage` error.
#[track_caller]
fn assert_covers_nothing(cal: &Calendar) {
    assert!(cal.coverage().is_empty());
    for x in [
        "2003-12-31",
        "2004-01-01",
        "2019-12-31",
        "2020-01-01",
        "2023-10-07",
        "2026-12-31",
        "2027-01-01",
    ] {
        let x = d(x);
        let e = outside(cal.is_workday(x));
        assert!(e.message(Language::English).contains("(none)"), "{e:?}");
        assert!(e.message(Language::Chinese).contains("（无）"), "{e}");
        outside(cal.day(x));
        for n in [i32::MIN, -1, 0, 1, i32::MAX] {
            outside(cal.add_workdays(x, n));
        }
        outside(cal.workdays_between(x, x));
        outside(cal.workdays_between(x, d("2024-06-01")));
        outside(cal.next_workday(x));
        outside(cal.previous_workday(x));
        outside(cal.workday_on_or_after(x));
        outside(cal.workday_on_or_before(x));
        outside(cal.days(x, x).map(|it| it.count()));
        outside(cal.last_workday_of_month(YearMonth::containing(x)));
        outside(cal.last_workday_of_quarter(Quarter::containing(x)));
        outside(cal.last_workday_of_year(x.year()));
    }
    for x in [NaiveDate::MIN, NaiveDate::MAX] {
        outside(cal.add_workdays(x, i32::MAX));
        outside(cal.workdays_between(NaiveDate::MIN, NaiveDate::MAX));
    }
}

#[test]
fn as_known_on_before_every_notice_covers_nothing() {
    let cal = Calendar::china();
    // The first notice, for 2004, is dated 2003-12-31 (a bound: its 文号 and signing date
    // were not found; see its file).
    for on in [d("2003-12-30"), d("2000-01-01"), NaiveDate::MIN] {
        let then = cal.as_known_on(on);
        assert_eq!(then.known_on(), Some(on));
        assert!(then.notices().is_empty());
        assert_covers_nothing(&then);
    }
    assert_covers_nothing(&CalendarBuilder::new().build().unwrap());

    // On that day, 2004 alone.
    let first = cal.as_known_on(d("2003-12-31"));
    assert_eq!(first.coverage(), &[(d("2004-01-01"), d("2004-12-31"))]);
    assert_eq!(first.notices().len(), 1);
    outside(first.is_workday(d("2005-01-04")));
    // On 2019-11-21 (国办发明电〔2019〕16号), 2004-2020.
    let then = cal.as_known_on(d("2019-11-21"));
    assert_eq!(then.coverage(), &[(d("2004-01-01"), d("2020-12-31"))]);
    assert_eq!(then.notices().len(), 19);
    outside(then.is_workday(d("2021-01-04")));
    // A year at a time after that: 2021 known from 2020-11-25.
    assert_eq!(
        cal.as_known_on(d("2020-11-24")).coverage()[0].1,
        d("2020-12-31")
    );
    assert_eq!(
        cal.as_known_on(d("2020-11-25")).coverage()[0].1,
        d("2021-12-31")
    );
    // And the whole schedule from the last notice on.
    assert_eq!(cal.as_known_on(d("2025-11-04")).coverage(), cal.coverage());
    assert_eq!(cal.as_known_on(NaiveDate::MAX).coverage(), cal.coverage());
}

/// As known on dates across the history: each view sees exactly the notices out by then.
#[test]
fn as_known_on_works_over_the_whole_history() {
    let cal = Calendar::china();

    // 2010-01-01: the notices for 2004-2010 (the 2010 one published 2009-12-08), not 2011.
    let then = cal.as_known_on(d("2010-01-01"));
    assert_eq!(then.coverage(), &[(d("2004-01-01"), d("2010-12-31"))]);
    assert_eq!(then.notices().len(), 7); // one a year, 2004..=2010
    outside(then.is_workday(d("2011-01-04")));
    // Its answers for those years are the full calendar's: 2010-02-20 (Sat) was worked.
    assert_eq!(
        then.day(d("2010-02-20")).unwrap().kind,
        DayKind::MakeUpWorkday
    );
    assert_eq!(
        then.add_workdays(d("2009-09-25"), 5),
        cal.add_workdays(d("2009-09-25"), 5)
    );
    // On 2009-12-07 the 2010 notice was signed but not yet published.
    outside(cal.as_known_on(d("2009-12-07")).is_workday(d("2010-01-04")));

    // 2005-12-31 (Sat) was an ordinary weekend day until 国办发明电〔2005〕35号 of
    // 2005-12-16 made it a working day.
    let dec15 = cal.as_known_on(d("2005-12-15"));
    let before = dec15.day(d("2005-12-31")).unwrap();
    assert_eq!((before.kind, before.notice), (DayKind::Weekend, None));
    assert_eq!(
        cal.as_known_on(d("2005-12-16"))
            .day(d("2005-12-31"))
            .unwrap()
            .kind,
        DayKind::MakeUpWorkday
    );

    // The 2015 anniversary days off (国发明电〔2015〕1号, 2015-05-13): before it, Thursday
    // 2015-09-03 was a working day and Sunday 09-06 a rest day.
    let may12 = cal.as_known_on(d("2015-05-12"));
    assert_eq!(may12.is_workday(d("2015-09-03")), Ok(true));
    assert_eq!(may12.is_workday(d("2015-09-06")), Ok(false));
    let day = cal.day(d("2015-09-03")).unwrap();
    assert_eq!(day.kind, DayKind::ShiftedRestDay);
    assert_eq!(day.notice, Some("国发明电〔2015〕1号"));
    assert_eq!(
        cal.day(d("2015-09-06")).unwrap().kind,
        DayKind::MakeUpWorkday
    );
    // From Wednesday 09-02, the next working day was Sunday 09-06, then Monday 09-07.
    assert_eq!(cal.add_workdays(d("2015-09-02"), 2), Ok(d("2015-09-07")));
    assert_eq!(may12.add_workdays(d("2015-09-02"), 2), Ok(d("2015-09-04")));

    // The 2019 May Day extension (国办发明电〔2019〕3号, 2019-03-22).
    let march21 = cal.as_known_on(d("2019-03-21"));
    assert_eq!(march21.is_workday(d("2019-05-02")), Ok(true));
    assert_eq!(march21.is_workday(d("2019-04-28")), Ok(false));
    assert_eq!(cal.is_workday(d("2019-05-02")), Ok(false));
    assert_eq!(
        cal.day(d("2019-04-28")).unwrap().notice,
        Some("国办发明电〔2019〕3号")
    );
}

// ---------------------------------------------------------------------------------------
// Parse errors

/// A valid national notice, line by line, for the error cases to break.
const HEAD: [&str; 4] = [
    "notice 测试〔2026〕2号",
    "signed 2026-11-01",
    "scope national",
    "covers 2027",
];

fn text(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn with(extra: &[&str]) -> String {
    let mut lines = HEAD.to_vec();
    lines.extend_from_slice(extra);
    text(&lines)
}

#[track_caller]
fn parse_err(text: &str, en: &[&str], zh: &[&str]) {
    let e = err_kind(Notice::parse(text), ErrorKind::InvalidNotice);
    mentions_en(&e, en);
    let msg = e.message(Language::Chinese);
    for needle in zh {
        assert!(msg.contains(needle), "{msg:?} does not mention {needle:?}");
    }
    // And through the builder.
    let e = err_kind(
        CalendarBuilder::china().notice_text(text),
        ErrorKind::InvalidNotice,
    );
    mentions_en(&e, en);
}

#[test]
fn the_base_of_the_error_cases_is_valid() {
    let n = Notice::parse(&with(&["holiday 元旦 2027-01-01 statutory 2027-01-01"])).unwrap();
    assert_eq!(n.covers, [2027]);
}

#[test]
fn parse_error_unknown_directive() {
    parse_err(
        &with(&["frobnicate 2027-01-01"]),
        &["line 5", "unknown directive", "frobnicate"],
        &["第5行", "frobnicate"],
    );
}

#[test]
fn parse_error_impossible_date() {
    parse_err(
        &with(&["holiday 春节 2023-02-30 statutory none"]),
        &["line 5", "2023-02-30"],
        &["第5行", "2023-02-30"],
    );
    parse_err(
        &text(&["notice X", "signed 2023-02-30", "scope local"]),
        &["line 2", "2023-02-30"],
        &["第2行"],
    );
    parse_err(
        &with(&["workday 2027-1-9 春节"]),
        &["line 5", "2027-1-9"],
        &["第5行"],
    );
}

#[test]
fn parse_error_range_ends_before_it_starts() {
    parse_err(
        &with(&["holiday 春节 2027-02-10..2027-02-05 statutory none"]),
        &["line 5", "2027-02-10..2027-02-05", "ends before it starts"],
        &["第5行", "结束日早于开始日"],
    );
}

#[test]
fn parse_error_statutory_day_outside_the_break() {
    parse_err(
        &with(&["holiday 春节 2027-02-05..2027-02-11 statutory 2027-02-06..2027-02-12"]),
        &["line 5", "statutory day 2027-02-12", "outside the break"],
        &["第5行", "2027-02-12"],
    );
}

#[test]
fn parse_error_national_make_up_day_on_a_weekday() {
    // 2027-02-03 is a Wednesday.
    assert_eq!(d("2027-02-03").weekday(), Weekday::Wed);
    parse_err(
        &with(&["workday 2027-02-03 春节"]),
        &["测试〔2026〕2号", "2027-02-03", "not a Saturday or Sunday"],
        &["2027-02-03", "不是周末"],
    );
    // A local adjustment may order any day worked.
    let local = text(&[
        "notice L",
        "signed 2026-11-01",
        "scope local",
        "workday 2027-02-03 X",
    ]);
    assert!(Notice::parse(&local).is_ok());
}

#[test]
fn parse_error_missing_lines() {
    let [notice, signed, scope, covers] = HEAD;
    parse_err(
        &text(&[notice, scope, covers]),
        &["`signed` line is missing"],
        &["signed"],
    );
    parse_err(
        &text(&[notice, signed, covers]),
        &["`scope` line is missing"],
        &["scope"],
    );
    parse_err(
        &text(&[signed, scope, covers]),
        &["`notice` line is missing"],
        &["notice"],
    );
    parse_err("", &["`notice` line is missing"], &["notice"]);
    parse_err("# only a comment\n", &["`notice` line is missing"], &[]);
}

#[test]
fn parse_error_national_without_covers() {
    let [notice, signed, scope, _] = HEAD;
    parse_err(
        &text(&[
            notice,
            signed,
            scope,
            "holiday 元旦 2027-01-01 statutory 2027-01-01",
        ]),
        &["测试〔2026〕2号", "`covers` line is missing"],
        &["covers"],
    );
}

#[test]
fn parse_error_local_with_covers() {
    let [notice, signed, _, covers] = HEAD;
    parse_err(
        &text(&[notice, signed, "scope local", covers]),
        &["测试〔2026〕2号", "cannot declare `covers`"],
        &["covers"],
    );
}

#[test]
fn parse_error_duplicate_signed_line() {
    parse_err(
        &with(&["signed 2026-11-02"]),
        &["line 5", "`signed` appears twice"],
        &["第5行", "signed"],
    );
    parse_err(
        &with(&["notice Y"]),
        &["line 5", "`notice` appears twice"],
        &["第5行"],
    );
}

#[test]
fn parse_error_other_malformed_lines() {
    // A national holiday line without its statutory days.
    parse_err(
        &with(&["holiday 元旦 2027-01-01"]),
        &["statutory"],
        &["statutory"],
    );
    // An unknown scope, a bad year, a malformed holiday or workday line.
    let [notice, signed, _, covers] = HEAD;
    parse_err(
        &text(&[notice, signed, "scope county", covers]),
        &["line 3", "county"],
        &["第3行"],
    );
    parse_err(&with(&["covers 20x7"]), &["line 5", "20x7"], &["第5行"]);
    parse_err(&with(&["holiday 元旦"]), &["line 5"], &["第5行"]);
    parse_err(&with(&["workday 2027-01-09"]), &["line 5"], &["第5行"]);
    // Published before signed.
    parse_err(
        &with(&["published 2026-10-01"]),
        &["2026-10-01", "2026-11-01"],
        &[],
    );
}
