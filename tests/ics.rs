//! iCalendar export (RFC 5545): the structure of the files, hand-checked dates, folding and
//! escaping. The files are also read back by an independent parser (ical.js) in
//! web/tests/wasm-cli-ics.test.mjs.

mod util;

use duban::{check, Calendar, Caseload, IcsOptions, Language, Policy, WorkingDays};
use proptest::prelude::*;
use util::d;

/// The content lines of a file, unfolded (RFC 5545 3.1).
fn unfolded(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for physical in ics.split("\r\n") {
        if let Some(rest) = physical.strip_prefix(' ') {
            if let Some(last) = lines.last_mut() {
                last.push_str(rest);
            }
        } else if !physical.is_empty() {
            lines.push(physical.to_owned());
        }
    }
    lines
}

/// Each event as its (name, value) properties, alarms included.
fn events(ics: &str) -> Vec<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in unfolded(ics) {
        let (name, value) = line.split_once(':').unwrap_or((&line, ""));
        match (name, value) {
            ("BEGIN", "VEVENT") => current = Some(Vec::new()),
            ("END", "VEVENT") => out.extend(current.take()),
            _ => {
                if let Some(ev) = current.as_mut() {
                    ev.push((name.to_owned(), value.to_owned()));
                }
            }
        }
    }
    out
}

fn get<'a>(event: &'a [(String, String)], name: &str) -> Option<&'a str> {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn well_formed(ics: &str) {
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for physical in ics.split("\r\n") {
        assert!(
            physical.len() <= 75,
            "{} octets: {physical}",
            physical.len()
        );
        assert!(!physical.contains('\n') && !physical.contains('\r'));
    }
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        ics.matches("END:VEVENT").count()
    );
}

#[test]
fn national_day_2023_as_a_calendar() {
    let ics = Calendar::china()
        .to_ics(d("2023-09-25"), d("2023-10-15"), Language::Chinese)
        .unwrap();
    well_formed(&ics);
    let evs = events(&ics);
    // 国办发明电〔2022〕16号: 09-29..10-06 off (8 days), 10-07 and 10-08 worked. The ordinary
    // weekend 10-14/15 is not an event.
    let starts: Vec<&str> = evs
        .iter()
        .filter_map(|e| get(e, "DTSTART;VALUE=DATE"))
        .collect();
    assert_eq!(
        starts,
        [
            "20230929", "20230930", "20231001", "20231002", "20231003", "20231004", "20231005",
            "20231006", "20231007", "20231008"
        ]
    );
    assert_eq!(get(&evs[0], "SUMMARY"), Some("中秋节、国庆节 放假"));
    assert_eq!(get(&evs[9], "SUMMARY"), Some("中秋节、国庆节 调休上班"));
    assert_eq!(get(&evs[9], "DTEND;VALUE=DATE"), Some("20231009"));
    assert_eq!(get(&evs[9], "UID"), Some("20231008@duban-calendar"));
    assert!(get(&evs[9], "DESCRIPTION")
        .unwrap()
        .contains("国办发明电〔2022〕16号"));
    // Outside the notices: an error, not a file of guesses.
    let err = Calendar::china()
        .to_ics(d("2026-12-01"), d("2027-01-31"), Language::Chinese)
        .unwrap_err();
    assert!(err.is_outside_coverage());
}

const CASELOAD: &str = r#"{"schema": "duban-caseload/1", "as_of": "2023-09-25", "matters": [
  {"id": "HY-1", "kind": "meeting_follow_up", "unit": "市交通运输局", "sector": "城建",
   "title": "第5次常务会议, 决定事项; 一", "meeting": {"date": "2023-09-20", "kind": "executive"}, "items": [{"id": "1"}]},
  {"id": "HY-2", "kind": "meeting_follow_up", "unit": "市财政局", "sector": "经济",
   "meeting": {"date": "2023-08-01", "kind": "executive"}, "items": [{"id": "1"}],
   "events": [{"event": "submit", "on": "2023-09-01", "items": [{"item": "1", "progress": "on_schedule"}]}]},
  {"id": "YB 9/月", "kind": "monthly_report", "unit": "市教育局", "sector": "社会", "month": "2023-08"}
]}"#;

#[test]
fn open_deadlines_of_a_caseload() {
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let caseload = Caseload::from_json(CASELOAD).unwrap();
    let report = check(&caseload, &policy, &cal, d("2023-09-25")).unwrap();
    let ics = report
        .to_ics(&policy, &cal, IcsOptions::new(Language::Chinese))
        .unwrap();
    well_formed(&ics);
    let evs = events(&ics);
    // HY-2 was met (so no event); HY-1 is pending; the August report is overdue.
    assert_eq!(evs.len(), 2);
    let hy1 = &evs[0];
    assert_eq!(get(hy1, "UID"), Some("HY-1.D1@duban"));
    // 30 working days after 2023-09-20 across National Day: 2023-11-07 (README, hand-checked).
    assert_eq!(get(hy1, "DTSTART;VALUE=DATE"), Some("20231107"));
    // Commas and semicolons of the title are escaped.
    assert_eq!(
        get(hy1, "SUMMARY"),
        Some("D1 会议决定事项进展情况报送 — 市交通运输局 — HY-1 第5次常务会议\\, 决定事项\\; 一")
    );
    // Three working days before Tuesday 11-07 is Thursday 11-02: 5 calendar days, at 09:00.
    assert_eq!(get(hy1, "TRIGGER"), Some("-P4DT15H"));
    let description = get(hy1, "DESCRIPTION").unwrap();
    assert!(description.contains("提醒：截止日前 3 个工作日（2023-11-02）"));
    assert!(description.contains("\\n依据：安政办发〔2020〕1号 第九条第一款"));
    let yb = &evs[1];
    // An id with a space and a slash stays distinct and needs no escaping.
    assert_eq!(get(yb, "UID"), Some("YB%209%2F%E6%9C%88.D2@duban"));
    // The last working day of August 2023 is Thursday 08-31.
    assert_eq!(get(yb, "DTSTART;VALUE=DATE"), Some("20230831"));
    assert!(get(yb, "SUMMARY").unwrap().starts_with("【已逾期】D2 "));
    // DTSTAMP is the as-of day; SEQUENCE counts days from 2020-01-01.
    assert_eq!(get(yb, "DTSTAMP"), Some("20230925T000000Z"));
    assert_eq!(get(yb, "SEQUENCE"), Some("1363"));

    // English, with an alarm on the due date itself, or none.
    let en = report
        .to_ics(
            &policy,
            &cal,
            IcsOptions::new(Language::English).alarm(Some(WorkingDays(0))),
        )
        .unwrap();
    let evs = events(&en);
    assert!(get(&evs[1], "SUMMARY")
        .unwrap()
        .starts_with("[overdue] D2 monthly progress report on key tasks"));
    assert_eq!(get(&evs[0], "TRIGGER"), Some("PT9H"));
    let none = report
        .to_ics(&policy, &cal, IcsOptions::default().alarm(None))
        .unwrap();
    assert!(!none.contains("VALARM"));
}

#[test]
fn an_alarm_before_the_calendar_starts_is_left_out() {
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let caseload = Caseload::from_json(
        r#"{"schema": "duban-caseload/1", "matters": [
        {"id": "YB", "kind": "monthly_report", "unit": "u", "sector": "s", "month": "2020-01"}]}"#,
    )
    .unwrap();
    let report = check(&caseload, &policy, &cal, d("2020-01-02")).unwrap();
    // 2020-01-23 is the last working day of January 2020; 5,000 working days before it lies
    // before 2004, which no loaded notice covers: no alarm rather than a guess.
    let ics = report
        .to_ics(
            &policy,
            &cal,
            IcsOptions::default().alarm(Some(WorkingDays(5000))),
        )
        .unwrap();
    assert!(ics.contains("DTSTART;VALUE=DATE:20200123"));
    assert!(!ics.contains("VALARM"));
}

proptest! {
    /// Whatever the text, every physical line is at most 75 octets, and unfolding then
    /// unescaping gives the text back (control characters other than newline dropped).
    #[test]
    fn folding_and_escaping_round_trip(title in "\\PC{0,200}", unit in "[a-z,;\\\\ 督办单位]{1,40}") {
        let json = serde_json::json!({
            "schema": "duban-caseload/1",
            "matters": [{"id": "M", "kind": "monthly_report", "unit": unit, "sector": "s",
                         "month": "2023-08", "title": title}]
        });
        let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
        let caseload = Caseload::from_json(json.to_string()).unwrap();
        let report = check(&caseload, &policy, &cal, d("2023-08-01")).unwrap();
        let ics = report.to_ics(&policy, &cal, IcsOptions::default()).unwrap();
        well_formed(&ics);
        let summary = get(&events(&ics)[0], "SUMMARY").unwrap().to_owned();
        let mut text = String::new();
        let mut chars = summary.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => text.push('\n'),
                    Some(other) => text.push(other),
                    None => prop_assert!(false, "a dangling backslash"),
                }
            } else {
                prop_assert!(c != ',' && c != ';', "unescaped {c} in {summary}");
                text.push(c);
            }
        }
        let trimmed = title.trim();
        let clean: String = trimmed
            .chars()
            .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let expected = if trimmed.is_empty() {
            format!("D2 年度重点任务当月进展情况报送 — {unit} — M")
        } else {
            format!("D2 年度重点任务当月进展情况报送 — {unit} — M {clean}")
        };
        prop_assert_eq!(text, expected);
    }
}
