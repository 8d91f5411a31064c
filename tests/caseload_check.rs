//! Golden tests for the caseload check (`duban::check`) of 安政办发〔2020〕1号.
//!
//! Every expected date and count below was worked out by hand from the regulation
//! (`shared/regulation/ankang-zhengbanfa-2020-1.txt`), the derivation rules documented on
//! `duban::check`, and the State Council notices as transcribed in `shared/NOTICES.md`,
//! never copied from duban's output. Each expected date carries its count.
//!
//! Abbreviations in the comments: "mk" = make-up working day (调休上班); "off" = a day of a
//! holiday break; "wd (a, b]" = the working days after `a` up to and including `b`;
//! "cd" = calendar days. The holiday facts used most often:
//! - 2022: 春节 01-31..02-06 off, mk 01-29 (Sat) and 01-30 (Sun);
//! - 2023: 元旦 2022-12-31..2023-01-02 off; 春节 01-21..01-27 off, mk 01-28, 01-29; 清明 04-05;
//!   劳动节 04-29..05-03, mk 04-23, 05-06; 端午 06-22..06-24, mk 06-25;
//!   中秋、国庆 09-29..10-06 off, mk 10-07 (Sat) and 10-08 (Sun); no break in November;
//! - 2024: 元旦 01-01 off; 清明 04-04..04-06, mk 04-07.
//!
//! Statuses (see `Status`): Pending counts wd (as_of, due]; Overdue counts wd (due, as_of]
//! and cd from the due date; MetLate counts wd (due, on] and cd from the due date.

use chrono::NaiveDate;
use duban::{
    check, Calendar, Caseload, CheckReport, MatterReport, Policy, Remedy, ReturnReason, Status,
    Summary, SupplementCredit, ViolationKind,
};

// ---------------------------------------------------------------------------------------
// Helpers

fn d(s: &str) -> NaiveDate {
    duban::parse_date(s).unwrap_or_else(|e| panic!("bad date {s}: {e:?}"))
}

/// A caseload document with these matters (JSON objects separated by commas).
fn doc(matters: &str) -> String {
    format!(r#"{{"schema": "duban-caseload/1", "matters": [{matters}]}}"#)
}

#[track_caller]
fn run_with(json: &str, policy: &Policy, as_of: &str) -> CheckReport {
    let caseload = Caseload::from_json(json).expect("the caseload reads");
    check(&caseload, policy, &Calendar::china(), d(as_of)).expect("the check runs")
}

#[track_caller]
fn run(json: &str, as_of: &str) -> CheckReport {
    run_with(json, &Policy::ankang_2020(), as_of)
}

/// Runs and asserts that nothing was in error.
#[track_caller]
fn run_clean(json: &str, as_of: &str) -> CheckReport {
    let report = run(json, as_of);
    let errors: Vec<_> = report
        .errors
        .iter()
        .map(|e| (e.matter.clone(), e.code, e.message_en.clone()))
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:?}");
    report
}

#[track_caller]
fn matter<'a>(report: &'a CheckReport, id: &str) -> &'a MatterReport {
    report
        .matters
        .iter()
        .find(|m| &*m.id == id)
        .unwrap_or_else(|| panic!("matter {id} was not checked"))
}

/// Compares a matter's obligations: code (D1-D7), due date and status, in order.
#[track_caller]
fn assert_obligations(report: &CheckReport, id: &str, expected: &[(&str, &str, Status)]) {
    let got: Vec<(&str, NaiveDate, Status)> = matter(report, id)
        .obligations
        .iter()
        .map(|o| (o.deadline.kind().code(), o.deadline.due(), o.status))
        .collect();
    let want: Vec<(&str, NaiveDate, Status)> = expected
        .iter()
        .map(|(code, due, status)| (*code, d(due), *status))
        .collect();
    assert_eq!(got, want, "obligations of {id} on {}", report.as_of);
}

#[track_caller]
fn met_on(report: &CheckReport, id: &str) -> Option<NaiveDate> {
    matter(report, id).obligations[0].met_on
}

fn pending(working_days_left: i32) -> Status {
    Status::Pending { working_days_left }
}

const DUE_TODAY: Status = Status::DueToday;

fn overdue(since: &str, working_days: i32, calendar_days: i64) -> Status {
    Status::Overdue {
        since: d(since),
        working_days,
        calendar_days,
    }
}

fn on_time(on: &str) -> Status {
    Status::MetOnTime { on: d(on) }
}

fn late(on: &str, working_days_late: i32, calendar_days_late: i64) -> Status {
    Status::MetLate {
        on: d(on),
        working_days_late,
        calendar_days_late,
    }
}

/// The summary as a row: matters, checked, errors, obligations, pending, due_today,
/// overdue, met_on_time, met_late, late_units, key_supervision_units, returns,
/// inspection_violations.
fn summary_row(s: &Summary) -> [usize; 13] {
    [
        s.matters,
        s.checked,
        s.errors,
        s.obligations,
        s.pending,
        s.due_today,
        s.overdue,
        s.met_on_time,
        s.met_late,
        s.late_units,
        s.key_supervision_units,
        s.returns,
        s.inspection_violations,
    ]
}

/// Late units as rows: (unit, late_reports, key_supervision_trigger, matters).
fn late_rows(report: &CheckReport) -> Vec<(String, usize, bool, Vec<String>)> {
    report
        .late_units
        .iter()
        .map(|u| {
            (
                u.unit.to_string(),
                u.late_reports,
                u.key_supervision_trigger,
                u.matters.iter().map(|m| m.to_string()).collect(),
            )
        })
        .collect()
}

fn row(
    unit: &str,
    count: usize,
    trigger: bool,
    matters: &[&str],
) -> (String, usize, bool, Vec<String>) {
    (
        unit.to_owned(),
        count,
        trigger,
        matters.iter().map(|m| m.to_string()).collect(),
    )
}

type ReturnRow = (
    String,
    String,
    NaiveDate,
    Remedy,
    Vec<(ReturnReason, String)>,
);

fn return_rows(report: &CheckReport) -> Vec<ReturnRow> {
    report
        .returns
        .iter()
        .map(|r| {
            (
                r.matter.to_string(),
                r.unit.to_string(),
                r.submitted_on,
                r.suggested_remedy,
                r.findings
                    .iter()
                    .map(|f| (f.reason, f.item.to_string()))
                    .collect(),
            )
        })
        .collect()
}

fn ret(
    matter: &str,
    unit: &str,
    submitted_on: &str,
    remedy: Remedy,
    findings: &[(ReturnReason, &str)],
) -> ReturnRow {
    (
        matter.to_owned(),
        unit.to_owned(),
        d(submitted_on),
        remedy,
        findings.iter().map(|(r, i)| (*r, i.to_string())).collect(),
    )
}

type ViolationRow = (
    String,
    String,
    ViolationKind,
    Option<NaiveDate>,
    Option<NaiveDate>,
    NaiveDate,
    Option<NaiveDate>,
);

fn violation_rows(report: &CheckReport) -> Vec<ViolationRow> {
    report
        .inspection_violations
        .iter()
        .map(|v| {
            (
                v.matter.to_string(),
                v.unit.to_string(),
                v.violation,
                v.started_on,
                v.applied_on,
                v.application_due,
                v.approved_on,
            )
        })
        .collect()
}

fn violation(
    matter: &str,
    unit: &str,
    kind: ViolationKind,
    started_on: &str,
    applied_on: Option<&str>,
    application_due: &str,
    approved_on: Option<&str>,
) -> ViolationRow {
    (
        matter.to_owned(),
        unit.to_owned(),
        kind,
        Some(d(started_on)),
        applied_on.map(d),
        d(application_due),
        approved_on.map(d),
    )
}

/// An item in a band: (matter, item, not_reported).
type BandItem = (String, String, bool);

/// A band row: (quarter, sector, completed, progressing well, progressing slowly, not
/// reported).
type BandRow = (
    String,
    String,
    Vec<BandItem>,
    Vec<BandItem>,
    Vec<BandItem>,
    Vec<BandItem>,
);

fn band_rows(report: &CheckReport) -> Vec<BandRow> {
    let items = |v: &[duban::ItemRef]| -> Vec<BandItem> {
        v.iter()
            .map(|i| (i.matter.to_string(), i.item.to_string(), i.not_reported))
            .collect()
    };
    report
        .quarterly_bands
        .iter()
        .map(|b| {
            (
                b.quarter.to_string(),
                b.sector.to_string(),
                items(&b.completed),
                items(&b.progressing_well),
                items(&b.progressing_slowly),
                items(&b.not_reported),
            )
        })
        .collect()
}

fn bi(matter: &str, item: &str, not_reported: bool) -> BandItem {
    (matter.to_owned(), item.to_owned(), not_reported)
}

fn meeting(id: &str, date: &str, kind: &str, events: &str) -> String {
    format!(
        r#"{{"id": "{id}", "kind": "meeting_follow_up", "unit": "市发展和改革委员会", "sector": "经济",
            "meeting": {{"date": "{date}", "kind": "{kind}"}}, "events": [{events}]}}"#
    )
}

fn monthly(id: &str, month: &str, events: &str) -> String {
    format!(
        r#"{{"id": "{id}", "kind": "monthly_report", "unit": "市财政局", "sector": "经济",
            "month": "{month}", "events": [{events}]}}"#
    )
}

fn submit(on: &str) -> String {
    format!(r#"{{"event": "submit", "on": "{on}"}}"#)
}

// ---------------------------------------------------------------------------------------
// Art. 9 ¶1, D1: 会议召开后的30个工作日内 — the 30th working day strictly after the meeting.

#[test]
fn art_9_meeting_on_weekend_holiday_and_make_up_day() {
    let json = doc(&[
        meeting("HY-SAT", "2023-11-04", "executive", ""),
        meeting("HY-FRI", "2023-11-03", "executive", ""),
        meeting("HY-HOL", "2023-10-03", "plenary", ""),
        meeting("HY-MK", "2023-10-07", "mayors_office", ""),
        meeting("HY-0925", "2023-09-25", "special_topic", ""),
    ]
    .join(","));
    let r = run_clean(&json, "2023-11-10");
    // Saturday 2023-11-04 (ordinary weekend): day 1 is Mon 11-06, never the Saturday.
    // 11-06..10 = 5, 11-13..17 = 10, 11-20..24 = 15, 11-27..12-01 = 20, 12-04..08 = 25,
    // 12-11..15 = 30 → Fri 2023-12-15.
    // Pending: wd (11-10, 12-15] = 5 full weeks = 25.
    assert_obligations(&r, "HY-SAT", &[("D1", "2023-12-15", pending(25))]);
    // Friday 2023-11-03: day 1 is also Mon 11-06, so the same due date.
    assert_obligations(&r, "HY-FRI", &[("D1", "2023-12-15", pending(25))]);
    // Holiday 2023-10-03 (inside 09-29..10-06): day 1 is the mk Sat 10-07.
    // 10-07, 10-08 (mk) = 2, 10-09..13 = 7, 10-16..20 = 12, 10-23..27 = 17,
    // 10-30..11-03 = 22, 11-06..10 = 27, 11-13 = 28, 11-14 = 29, 11-15 = 30 → Wed 2023-11-15.
    // Pending: wd (11-10, 11-15] = 11-13, 14, 15 = 3.
    assert_obligations(&r, "HY-HOL", &[("D1", "2023-11-15", pending(3))]);
    // Make-up day Sat 2023-10-07: a working day, but the meeting day is not counted;
    // day 1 is the mk Sun 10-08. 10-08 = 1, 10-09..13 = 6, 10-16..20 = 11, 10-23..27 = 16,
    // 10-30..11-03 = 21, 11-06..10 = 26, 11-13..16 = 30 → Thu 2023-11-16.
    // Pending: wd (11-10, 11-16] = 4.
    assert_obligations(&r, "HY-MK", &[("D1", "2023-11-16", pending(4))]);
    // Mon 2023-09-25: 09-26..28 = 3, break 09-29..10-06, 10-07/08 mk = 5, 10-09..13 = 10,
    // 10-16..20 = 15, 10-23..27 = 20, 10-30..11-03 = 25, 11-06..10 = 30 → Fri 2023-11-10,
    // which is the as-of day: due today.
    assert_obligations(&r, "HY-0925", &[("D1", "2023-11-10", DUE_TODAY)]);
    for id in ["HY-SAT", "HY-FRI", "HY-HOL", "HY-MK", "HY-0925"] {
        assert_eq!(matter(&r, id).state, "awaiting", "{id}");
        assert_eq!(met_on(&r, id), None, "{id}");
    }
    // Nothing late yet: no late units.
    assert!(r.late_units.is_empty());
    // 5 obligations: 4 pending, 1 due today.
    assert_eq!(
        summary_row(&r.summary),
        [5, 5, 0, 5, 4, 1, 0, 0, 0, 0, 0, 0, 0]
    );
}

#[test]
fn art_9_meeting_status_before_on_and_after_the_due_date() {
    // Meeting Mon 2023-09-25, due Fri 2023-11-10 (count in the test above), no submission.
    let json = doc(&meeting("HY-0925", "2023-09-25", "executive", ""));
    let at = |as_of: &str| run_clean(&json, as_of);
    // As of Thu 2023-09-28: wd (09-28, 11-10] = 10-07, 10-08 (mk) = 2, + 5 weeks × 5 = 27.
    assert_obligations(
        &at("2023-09-28"),
        "HY-0925",
        &[("D1", "2023-11-10", pending(27))],
    );
    // As of Wed 2023-11-08: wd (11-08, 11-10] = 11-09, 11-10 = 2.
    assert_obligations(
        &at("2023-11-08"),
        "HY-0925",
        &[("D1", "2023-11-10", pending(2))],
    );
    // As of the due date itself.
    assert_obligations(
        &at("2023-11-10"),
        "HY-0925",
        &[("D1", "2023-11-10", DUE_TODAY)],
    );
    // As of Tue 2023-11-14: overdue since 11-11; wd (11-10, 11-14] = 11-13, 11-14 = 2;
    // cd 11-10 → 11-14 = 4.
    let r = at("2023-11-14");
    assert_obligations(
        &r,
        "HY-0925",
        &[("D1", "2023-11-10", overdue("2023-11-11", 2, 4))],
    );
    assert_eq!(
        late_rows(&r),
        [row("市发展和改革委员会", 1, true, &["HY-0925"])]
    );
}

#[test]
fn art_9_meeting_submission_on_the_due_date_and_after() {
    // Every meeting on Mon 2023-09-25: due Fri 2023-11-10 (count above).
    let json = doc(&[
        meeting("HY-ON", "2023-09-25", "executive", &submit("2023-11-10")),
        meeting("HY-LATE", "2023-09-25", "executive", &submit("2023-11-13")),
        meeting("HY-SAT", "2023-09-25", "executive", &submit("2023-11-11")),
        meeting("HY-SUN", "2023-09-25", "executive", &submit("2023-11-12")),
        meeting("HY-EARLY", "2023-09-25", "executive", &submit("2023-10-07")),
    ]
    .join(","));
    let r = run_clean(&json, "2023-11-17");
    // On the due date: met on time.
    assert_obligations(&r, "HY-ON", &[("D1", "2023-11-10", on_time("2023-11-10"))]);
    assert_eq!(met_on(&r, "HY-ON"), Some(d("2023-11-10")));
    // Mon 11-13, the next working day: wd (11-10, 11-13] = 1; cd 3.
    assert_obligations(
        &r,
        "HY-LATE",
        &[("D1", "2023-11-10", late("2023-11-13", 1, 3))],
    );
    // Sat 11-11, an ordinary weekend day after a Friday due date: wd (11-10, 11-11] = 0,
    // cd 1. Per the documented Status (working days after the due date up to and including
    // the day met), this is met late by 0 working days and 1 calendar day.
    assert_obligations(
        &r,
        "HY-SAT",
        &[("D1", "2023-11-10", late("2023-11-11", 0, 1))],
    );
    // Sun 11-12: wd (11-10, 11-12] = 0, cd 2.
    assert_obligations(
        &r,
        "HY-SUN",
        &[("D1", "2023-11-10", late("2023-11-12", 0, 2))],
    );
    // Submitted on the mk Sat 10-07, long before the due date.
    assert_obligations(
        &r,
        "HY-EARLY",
        &[("D1", "2023-11-10", on_time("2023-10-07"))],
    );
    // 不按期报送: the three late ones, in input order.
    assert_eq!(
        late_rows(&r),
        [row(
            "市发展和改革委员会",
            3,
            true,
            &["HY-LATE", "HY-SAT", "HY-SUN"]
        )]
    );
    // 5 obligations: 2 on time, 3 late.
    assert_eq!(
        summary_row(&r.summary),
        [5, 5, 0, 5, 0, 0, 0, 2, 3, 1, 1, 0, 0]
    );
}

#[test]
fn art_9_meeting_on_site_is_not_a_follow_up_meeting() {
    // Art. 9 ¶1 names four meetings; the on-site meeting of Art. 6 (1) is not among them.
    let json = doc(&[
        meeting("HY-ONSITE", "2023-09-25", "on_site", ""),
        meeting("HY-OK", "2023-09-25", "executive", ""),
    ]
    .join(","));
    let r = run(&json, "2023-11-10");
    assert_eq!(r.matters.len(), 1);
    assert_obligations(&r, "HY-OK", &[("D1", "2023-11-10", DUE_TODAY)]);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].matter.as_deref(), Some("HY-ONSITE"));
    assert_eq!(r.errors[0].index, Some(0));
    assert_eq!(r.errors[0].code, "invalid_value");
}

// ---------------------------------------------------------------------------------------
// Art. 9 ¶1, D2: 每月最后1个工作日前 — the last working day of the month (inclusive).

#[test]
fn art_9_monthly_report_month_ending_in_the_national_day_break() {
    // September 2023: 09-29 (Fri) and 09-30 (Sat) are in the break 09-29..10-06, so the last
    // working day is Thu 2023-09-28.
    let json = doc(&[
        monthly("YB-ON", "2023-09", &submit("2023-09-28")),
        monthly("YB-MK", "2023-09", &submit("2023-10-07")),
        monthly("YB-HOL", "2023-09", &submit("2023-10-02")),
        monthly("YB-NONE", "2023-09", ""),
    ]
    .join(","));
    let r = run_clean(&json, "2023-10-09");
    assert_obligations(&r, "YB-ON", &[("D2", "2023-09-28", on_time("2023-09-28"))]);
    // Submitted on the mk Sat 10-07: wd (09-28, 10-07] = 10-07 = 1 (09-29..10-06 off);
    // cd 9.
    assert_obligations(
        &r,
        "YB-MK",
        &[("D2", "2023-09-28", late("2023-10-07", 1, 9))],
    );
    // Submitted on Mon 10-02, inside the break: wd (09-28, 10-02] = 0; cd 4.
    assert_obligations(
        &r,
        "YB-HOL",
        &[("D2", "2023-09-28", late("2023-10-02", 0, 4))],
    );
    // Not submitted as of Mon 10-09: overdue since 09-29; wd (09-28, 10-09] = 10-07, 10-08,
    // 10-09 = 3; cd 11.
    assert_obligations(
        &r,
        "YB-NONE",
        &[("D2", "2023-09-28", overdue("2023-09-29", 3, 11))],
    );

    // As of the due date 09-28 itself, the later submissions have not happened yet.
    let r = run_clean(&json, "2023-09-28");
    assert_obligations(&r, "YB-ON", &[("D2", "2023-09-28", on_time("2023-09-28"))]);
    for id in ["YB-MK", "YB-HOL", "YB-NONE"] {
        assert_obligations(&r, id, &[("D2", "2023-09-28", DUE_TODAY)]);
        assert_eq!(met_on(&r, id), None, "{id}");
    }
    assert!(r.late_units.is_empty());
}

#[test]
fn art_9_monthly_report_month_ending_on_a_make_up_sunday() {
    // January 2022: 01-31 (Mon) is the first day of 春节 01-31..02-06; 01-29 (Sat) and
    // 01-30 (Sun) are make-up working days, so the last working day is Sunday 2022-01-30.
    let json = doc(&[
        monthly("YB-ON", "2022-01", &submit("2022-01-30")),
        monthly("YB-LATE", "2022-01", &submit("2022-02-07")),
        monthly("YB-NONE", "2022-01", ""),
    ]
    .join(","));
    let r = run_clean(&json, "2022-02-10");
    assert_obligations(&r, "YB-ON", &[("D2", "2022-01-30", on_time("2022-01-30"))]);
    // Mon 02-07, the first working day after the break: wd (01-30, 02-07] = 1; cd 8.
    assert_obligations(
        &r,
        "YB-LATE",
        &[("D2", "2022-01-30", late("2022-02-07", 1, 8))],
    );
    // As of Thu 02-10: overdue since 01-31; wd (01-30, 02-10] = 02-07..10 = 4; cd 11.
    assert_obligations(
        &r,
        "YB-NONE",
        &[("D2", "2022-01-30", overdue("2022-01-31", 4, 11))],
    );
    // As of Sunday 01-30 itself: due today.
    let r = run_clean(&json, "2022-01-30");
    assert_obligations(&r, "YB-LATE", &[("D2", "2022-01-30", DUE_TODAY)]);
    assert_obligations(&r, "YB-ON", &[("D2", "2022-01-30", on_time("2022-01-30"))]);
    // As of Fri 01-28: wd (01-28, 01-30] = 01-29, 01-30 (both mk) = 2.
    let r = run_clean(&json, "2022-01-28");
    assert_obligations(&r, "YB-NONE", &[("D2", "2022-01-30", pending(2))]);
}

#[test]
fn art_9_monthly_late_submission_on_an_ordinary_weekend() {
    // June 2023: 06-30 is a Friday and a working day (端午 was 06-22..06-24) → due 06-30.
    // Submitted Sat 07-01: wd (06-30, 07-01] = 0, cd 1: met late, 0 working days.
    let json = doc(&monthly("YB-0623", "2023-06", &submit("2023-07-01")));
    let r = run_clean(&json, "2023-07-10");
    assert_obligations(
        &r,
        "YB-0623",
        &[("D2", "2023-06-30", late("2023-07-01", 0, 1))],
    );
    // It still counts as not submitted on time (不按期报送).
    assert_eq!(late_rows(&r), [row("市财政局", 1, true, &["YB-0623"])]);
}

// ---------------------------------------------------------------------------------------
// Art. 7, D3: 每个季度末最后1个工作日前; Art. 12 (4), D7: 年底前.

#[test]
fn art_7_quarterly_reports_and_art_12_4_year_end_summaries() {
    let quarterly = |id: &str, q: &str, events: &str| {
        format!(
            r#"{{"id": "{id}", "kind": "quarterly_report", "unit": "市政府办公室一科", "sector": "经济",
                "quarter": "{q}", "events": [{events}]}}"#
        )
    };
    let year_end = |id: &str, year: i32, events: &str| {
        format!(
            r#"{{"id": "{id}", "kind": "year_end_summary", "unit": "市政府督查室", "sector": "督查",
                "year": {year}, "events": [{events}]}}"#
        )
    };
    let json = doc(&[
        quarterly("JD-22Q4", "2022-Q4", &submit("2022-12-30")),
        quarterly("JD-23Q3", "2023-Q3", &submit("2023-10-08")),
        quarterly("JD-23Q4", "2023-Q4", &submit("2024-01-02")),
        quarterly("JD-24Q1", "2024-Q1", ""),
        year_end("NZ-2022", 2022, &submit("2023-01-03")),
        year_end("NZ-2023", 2023, &submit("2023-12-29")),
    ]
    .join(","));
    let r = run_clean(&json, "2024-04-01");
    // 2022-Q4: 2022-12-31 (Sat) is the first day of the 2023 notice's 元旦 break; the last
    // working day is Fri 2022-12-30.
    assert_obligations(
        &r,
        "JD-22Q4",
        &[("D3", "2022-12-30", on_time("2022-12-30"))],
    );
    // 2023-Q3: Thu 2023-09-28 (09-29..10-06 off). Submitted on the mk Sun 10-08:
    // wd (09-28, 10-08] = 10-07, 10-08 = 2; cd 10.
    assert_obligations(
        &r,
        "JD-23Q3",
        &[("D3", "2023-09-28", late("2023-10-08", 2, 10))],
    );
    // 2023-Q4: 12-30/31 an ordinary weekend (no December make-up day in the 2024 notice),
    // so Fri 2023-12-29. Submitted Tue 2024-01-02: 12-30, 12-31 weekend, 01-01 off, 01-02 = 1
    // working day; cd 4.
    assert_obligations(
        &r,
        "JD-23Q4",
        &[("D3", "2023-12-29", late("2024-01-02", 1, 4))],
    );
    // 2024-Q1: 03-30/31 a weekend → Fri 2024-03-29. As of Mon 04-01: overdue since 03-30;
    // wd (03-29, 04-01] = 1; cd 3.
    assert_obligations(
        &r,
        "JD-24Q1",
        &[("D3", "2024-03-29", overdue("2024-03-30", 1, 3))],
    );
    // D7 2022: the last working day of 2022 is Fri 12-30 (12-31 off). Submitted Tue
    // 2023-01-03: 12-31..01-02 off, 01-03 = 1 working day; cd 4.
    assert_obligations(
        &r,
        "NZ-2022",
        &[("D7", "2022-12-30", late("2023-01-03", 1, 4))],
    );
    // D7 2023: Fri 2023-12-29, submitted that day.
    assert_obligations(
        &r,
        "NZ-2023",
        &[("D7", "2023-12-29", on_time("2023-12-29"))],
    );
    // Late reports count progress reports only (Art. 7, 9): the late year-end summary of
    // the Supervision Office is not one. The section's three late ledgers are reported
    // apart: a section is not a 责任单位, so no key-supervision trigger.
    assert!(late_rows(&r).is_empty());
    let sections: Vec<_> = r
        .late_sections
        .iter()
        .map(|u| {
            (
                u.unit.to_string(),
                u.late_reports,
                u.key_supervision_trigger,
                u.matters.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [row(
            "市政府办公室一科",
            3,
            false,
            &["JD-23Q3", "JD-23Q4", "JD-24Q1"]
        )]
    );
    // No items decided, so nothing to return.
    assert!(r.returns.is_empty());
    assert!(r.quarterly_bands.iter().all(|b| b.completed.is_empty()
        && b.progressing_well.is_empty()
        && b.progressing_slowly.is_empty()
        && b.not_reported.is_empty()));
}

// ---------------------------------------------------------------------------------------
// Art. 9 ¶2: 退回承办单位重办或补办 — credit of redone and supplemented reports.

/// Monthly reports for 2023-10 (due Tue 2023-10-31) and 2023-11 (due Thu 2023-11-30).
fn returns_caseload() -> String {
    let ret = |on: &str, remedy: &str, reason: &str| {
        format!(
            r#"{{"event": "return", "on": "{on}", "remedy": "{remedy}", "reasons": ["{reason}"]}}"#
        )
    };
    let item_ok = r#"{"event": "submit", "on": "2023-11-03", "items": [{"item": "T1", "progress": "completed", "evidence": ["竣工验收备案表"]}]}"#;
    let with_items = |id: &str, month: &str, events: &[String]| {
        format!(
            r#"{{"id": "{id}", "kind": "monthly_report", "unit": "市交通运输局", "sector": "城建",
                "month": "{month}", "items": [{{"id": "T1"}}], "events": [{}]}}"#,
            events.join(",")
        )
    };
    let first = r#"{"event": "submit", "on": "2023-10-30", "items": [{"item": "T1", "progress": "completed"}]}"#;
    doc(&[
        with_items(
            "YB-REDO",
            "2023-10",
            &[first.into(), ret("2023-11-01", "redo", "no_evidence"), item_ok.into()],
        ),
        with_items(
            "YB-SUPP",
            "2023-10",
            &[
                first.into(),
                ret("2023-11-01", "supplement", "no_evidence"),
                item_ok.into(),
                r#"{"event": "accept", "on": "2023-11-06"}"#.into(),
            ],
        ),
        with_items(
            "YB-RET-REDO",
            "2023-10",
            &[first.into(), ret("2023-11-01", "redo", "no_evidence")],
        ),
        with_items(
            "YB-RET-SUPP",
            "2023-10",
            &[first.into(), ret("2023-11-01", "supplement", "no_evidence")],
        ),
        with_items(
            "YB-1123-RET",
            "2023-11",
            &[
                submit("2023-11-06"),
                ret("2023-11-08", "supplement", "missing_item"),
            ],
        ),
        with_items(
            "YB-1123-REDO",
            "2023-11",
            &[
                submit("2023-11-01"),
                ret("2023-11-02", "redo", "missing_item"),
                r#"{"event": "submit", "on": "2023-11-06", "items": [{"item": "T1", "progress": "on_schedule"}]}"#.into(),
            ],
        ),
    ]
    .join(","))
}

#[test]
fn art_9_2_redo_counts_from_the_resubmission() {
    let r = run_clean(&returns_caseload(), "2023-11-10");
    // Submitted 10-30 (in time), returned for redo 11-01, resubmitted Fri 11-03: the redo
    // counts only from 11-03. wd (10-31, 11-03] = 11-01, 02, 03 = 3; cd 3.
    assert_obligations(
        &r,
        "YB-REDO",
        &[("D2", "2023-10-31", late("2023-11-03", 3, 3))],
    );
    assert_eq!(met_on(&r, "YB-REDO"), Some(d("2023-11-03")));
    assert_eq!(matter(&r, "YB-REDO").state, "submitted");
    // A redo resubmitted before the due date (2023-11, due Thu 11-30) is on time, from 11-06.
    assert_obligations(
        &r,
        "YB-1123-REDO",
        &[("D2", "2023-11-30", on_time("2023-11-06"))],
    );
}

#[test]
fn art_9_2_supplement_counts_from_the_original_submission_by_default() {
    let r = run_clean(&returns_caseload(), "2023-11-10");
    // Submitted 10-30, returned for supplement 11-01, supplement 11-03, accepted 11-06:
    // credited on the original 10-30 (supplement_credit = original_submission).
    assert_obligations(
        &r,
        "YB-SUPP",
        &[("D2", "2023-10-31", on_time("2023-10-30"))],
    );
    assert_eq!(met_on(&r, "YB-SUPP"), Some(d("2023-10-30")));
    assert_eq!(matter(&r, "YB-SUPP").state, "accepted");
}

#[test]
fn art_9_2_supplement_under_resubmission_credit_is_late() {
    let mut policy = Policy::ankang_2020();
    policy.parameters.supplement_credit.value = SupplementCredit::Resubmission;
    let r = run_with(&returns_caseload(), &policy, "2023-11-10");
    assert!(r.errors.is_empty());
    // Only the supplement of Fri 11-03 counts: wd (10-31, 11-03] = 3; cd 3.
    assert_obligations(
        &r,
        "YB-SUPP",
        &[("D2", "2023-10-31", late("2023-11-03", 3, 3))],
    );
    assert_eq!(met_on(&r, "YB-SUPP"), Some(d("2023-11-03")));
    // A redo is credited the same way under both readings.
    assert_obligations(
        &r,
        "YB-REDO",
        &[("D2", "2023-10-31", late("2023-11-03", 3, 3))],
    );
}

#[test]
fn art_9_2_report_under_return_is_not_met() {
    // Returned 11-01 for redo, not resubmitted by Fri 11-10: not met, and past the due date
    // 10-31. Overdue since 11-01; wd (10-31, 11-10] = 11-01..03 = 3, 11-06..10 = 5, total
    // 8; cd 10. Under both readings of supplement_credit.
    for credit in [
        SupplementCredit::OriginalSubmission,
        SupplementCredit::Resubmission,
    ] {
        let mut policy = Policy::ankang_2020();
        policy.parameters.supplement_credit.value = credit;
        let r = run_with(&returns_caseload(), &policy, "2023-11-10");
        assert_obligations(
            &r,
            "YB-RET-REDO",
            &[("D2", "2023-10-31", overdue("2023-11-01", 8, 10))],
        );
        assert_eq!(met_on(&r, "YB-RET-REDO"), None);
        assert_eq!(matter(&r, "YB-RET-REDO").state, "returned");
    }
    // Returned for supplement: under the default credit the original submission (Mon
    // 10-30, in time for 10-31) stands, and the report awaits its supplement (退回补办中):
    // neither met nor overdue; no supplement deadline by default.
    let r = run(&returns_caseload(), "2023-11-10");
    assert_obligations(
        &r,
        "YB-RET-SUPP",
        &[(
            "D2",
            "2023-10-31",
            Status::AwaitingSupplement {
                submitted_on: d("2023-10-30"),
                returned_on: d("2023-11-01"),
                supplement_due: None,
            },
        )],
    );
    assert_eq!(met_on(&r, "YB-RET-SUPP"), None);
    assert_eq!(
        matter(&r, "YB-RET-SUPP").obligations[0]
            .status
            .describe(duban::Language::Chinese),
        "退回补办中（2023-11-01 退回，未设补办期限）"
    );
    // 2023-11 report (due Thu 11-30) submitted 11-06, returned for supplement 11-08.
    assert_obligations(
        &r,
        "YB-1123-RET",
        &[(
            "D2",
            "2023-11-30",
            Status::AwaitingSupplement {
                submitted_on: d("2023-11-06"),
                returned_on: d("2023-11-08"),
                supplement_due: None,
            },
        )],
    );
    // Not 不按期报送: the unit's late reports are YB-REDO (met late) and YB-RET-REDO only.
    assert_eq!(
        late_rows(&r),
        [row("市交通运输局", 2, true, &["YB-REDO", "YB-RET-REDO"])]
    );
    assert_eq!(r.summary.awaiting_supplement, 2);

    // Under supplement_credit = resubmission the supplement is what counts: YB-RET-SUPP is
    // overdue as YB-RET-REDO is; the 2023-11 report, before its due date, is pending: wd
    // (11-10, 11-30] = 11-13..17, 11-20..24 = 10, 11-27..30 = 4, total 14.
    let mut policy = Policy::ankang_2020();
    policy.parameters.supplement_credit.value = SupplementCredit::Resubmission;
    let r = run_with(&returns_caseload(), &policy, "2023-11-10");
    assert_obligations(
        &r,
        "YB-RET-SUPP",
        &[("D2", "2023-10-31", overdue("2023-11-01", 8, 10))],
    );
    assert_obligations(&r, "YB-1123-RET", &[("D2", "2023-11-30", pending(14))]);
}

/// A policy that sets a supplement deadline (supplement_period, none in the text): the
/// report is overdue from the day after it, and a supplement after it is met late by the
/// working days after that deadline; one in time keeps the original submission's credit.
#[test]
fn art_9_2_supplement_deadline_under_a_policy() {
    let mut policy = Policy::ankang_2020();
    policy.parameters.supplement_period.value = Some(duban::WorkingDays(3));
    let late_supplement = r#"{"id": "YB-SUPP-LATE", "kind": "monthly_report", "unit": "市商务局", "sector": "经济",
        "month": "2023-10", "events": [
          {"event": "submit", "on": "2023-10-30"},
          {"event": "return", "on": "2023-11-01", "remedy": "supplement", "reasons": ["other"]},
          {"event": "submit", "on": "2023-11-09"}]}"#;
    let json = returns_caseload().replacen(
        r#""matters": ["#,
        &format!(r#""matters": [{late_supplement},"#),
        1,
    );
    let r = run_with(&json, &policy, "2023-11-10");
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // Returned Wed 11-01; 3 working days: 11-02 (1), 11-03 (2), 11-06 (3) → Mon 11-06.
    // YB-RET-SUPP, still not supplemented: overdue since 11-07; wd (11-06, 11-10] = 4, cd 4.
    assert_obligations(
        &r,
        "YB-RET-SUPP",
        &[("D2", "2023-10-31", overdue("2023-11-07", 4, 4))],
    );
    // YB-SUPP supplemented Fri 11-03, by 11-06: on time, credited on the original 10-30.
    assert_obligations(
        &r,
        "YB-SUPP",
        &[("D2", "2023-10-31", on_time("2023-10-30"))],
    );
    // YB-SUPP-LATE supplemented Thu 11-09, after 11-06: met late by wd (11-06, 11-09] =
    // 11-07, 11-08, 11-09 = 3; cd 3.
    assert_obligations(
        &r,
        "YB-SUPP-LATE",
        &[("D2", "2023-10-31", late("2023-11-09", 3, 3))],
    );
    // Returned Wed 11-08: 11-09 (1), 11-10 (2), 11-13 (3) → Mon 11-13; but a supplement is
    // never due before the report itself (Thu 11-30), so the supplement is due 11-30.
    let awaiting = Status::AwaitingSupplement {
        submitted_on: d("2023-11-06"),
        returned_on: d("2023-11-08"),
        supplement_due: Some(d("2023-11-30")),
    };
    assert_obligations(&r, "YB-1123-RET", &[("D2", "2023-11-30", awaiting)]);
    // Still awaiting on Mon 11-20, after 11-13; overdue from Fri 12-01: wd (11-30, 12-04] =
    // 12-01, 12-04 = 2; cd 4.
    let r20 = run_with(&json, &policy, "2023-11-20");
    assert_obligations(&r20, "YB-1123-RET", &[("D2", "2023-11-30", awaiting)]);
    let r_dec = run_with(&json, &policy, "2023-12-04");
    assert_obligations(
        &r_dec,
        "YB-1123-RET",
        &[("D2", "2023-11-30", overdue("2023-12-01", 2, 4))],
    );
    // Late now, in input order: YB-REDO, YB-RET-REDO and YB-RET-SUPP (overdue); and 市商务局.
    assert_eq!(
        late_rows(&r),
        [
            row(
                "市交通运输局",
                3,
                true,
                &["YB-REDO", "YB-RET-REDO", "YB-RET-SUPP"]
            ),
            row("市商务局", 1, true, &["YB-SUPP-LATE"]),
        ]
    );
    // The parameter round-trips through a policy file.
    let file = Policy::from_json(
        r#"{"id": "supplement-3", "in_force_from": "2020-01-06",
        "parameters": {"supplement_period": {"value": 3}}}"#,
    )
    .unwrap();
    assert_eq!(
        file.parameters.supplement_period.value,
        Some(duban::WorkingDays(3))
    );
    assert!(Policy::from_json(
        r#"{"id": "x", "in_force_from": "2020-01-06",
        "parameters": {"supplement_period": {"value": 0}}}"#
    )
    .is_err());
}

// ---------------------------------------------------------------------------------------
// Events after the as-of day have not happened yet.

#[test]
fn art_9_events_after_the_as_of_day_are_ignored() {
    let json = doc(&[
        monthly("YB-FUT", "2023-10", &submit("2023-11-13")),
        monthly(
            "YB-RET-FUT",
            "2023-10",
            &format!(
                r#"{},{{"event": "return", "on": "2023-11-13", "remedy": "redo", "reasons": ["other"]}}"#,
                submit("2023-10-30")
            ),
        ),
        r#"{"id": "HY-FUT", "kind": "meeting_follow_up", "unit": "市发展和改革委员会", "sector": "经济",
            "meeting": {"date": "2023-09-25", "kind": "executive"},
            "items": [{"id": "1"}, {"id": "2"}],
            "events": [
              {"event": "submit", "on": "2023-11-08", "items": [{"item": "1", "progress": "on_schedule"}]},
              {"event": "accept", "on": "2023-11-14"}]}"#
            .to_owned(),
        r#"{"id": "YT-FUT", "kind": "accountability", "unit": "市交通运输局", "sector": "城建",
            "events": [
              {"event": "place_under_key_supervision", "on": "2023-09-01", "triggers": ["slow_progress"], "rectify_by": "2023-09-20"},
              {"event": "propose_interview", "on": "2023-10-09"},
              {"event": "approve_interview", "on": "2023-10-20"},
              {"event": "hold_interview", "on": "2023-11-13"}]}"#
            .to_owned(),
        r#"{"id": "DC-FUT", "kind": "inspection", "unit": "市教育局", "sector": "社会",
            "start": "2023-11-13", "annual_plan": "not_listed",
            "events": [{"event": "start", "on": "2023-11-13"}]}"#
            .to_owned(),
    ]
    .join(","));

    let r = run_clean(&json, "2023-11-10");
    // Due Tue 10-31; the submission of 11-13 is not yet known: overdue since 11-01,
    // wd (10-31, 11-10] = 8, cd 10.
    assert_obligations(
        &r,
        "YB-FUT",
        &[("D2", "2023-10-31", overdue("2023-11-01", 8, 10))],
    );
    assert_eq!(matter(&r, "YB-FUT").state, "awaiting");
    assert_eq!(met_on(&r, "YB-FUT"), None);
    // The return of 11-13 is not yet known: met on time on 10-30.
    assert_obligations(
        &r,
        "YB-RET-FUT",
        &[("D2", "2023-10-31", on_time("2023-10-30"))],
    );
    assert_eq!(matter(&r, "YB-RET-FUT").state, "submitted");
    // Meeting 09-25, due 11-10; submitted 11-08; the acceptance of 11-14 is not yet known,
    // so the submission is unreviewed and item 2 is missing from it.
    assert_obligations(&r, "HY-FUT", &[("D1", "2023-11-10", on_time("2023-11-08"))]);
    assert_eq!(matter(&r, "HY-FUT").state, "submitted");
    assert_eq!(
        return_rows(&r),
        [ret(
            "HY-FUT",
            "市发展和改革委员会",
            "2023-11-08",
            Remedy::Supplement,
            &[(ReturnReason::MissingItem, "2")]
        )]
    );
    // Interview of 11-13 not yet held: no D6.
    assert_obligations(&r, "YT-FUT", &[]);
    assert_eq!(matter(&r, "YT-FUT").state, "interview_approved");
    // Inspection starting Mon 11-13, not applied for. D4: 7th working day before 11-13:
    // 11-10 (1), 11-09 (2), 11-08 (3), 11-07 (4), 11-06 (5), 11-03 (6), 11-02 (7) → Thu
    // 2023-11-02. Overdue since 11-03; wd (11-02, 11-10] = 11-03, 11-06..10 = 6; cd 8.
    // D5: the start day 11-13; wd (11-10, 11-13] = 1. Not started yet: no violation.
    assert_obligations(
        &r,
        "DC-FUT",
        &[
            ("D4", "2023-11-02", overdue("2023-11-03", 6, 8)),
            ("D5", "2023-11-13", pending(1)),
        ],
    );
    assert!(r.inspection_violations.is_empty());
    // Late units on 11-10: only the monthly report (HY-FUT and YB-RET-FUT are on time).
    assert_eq!(late_rows(&r), [row("市财政局", 1, true, &["YB-FUT"])]);

    // Four days later, every one of those events has happened.
    let r = run_clean(&json, "2023-11-14");
    // Submitted Mon 11-13: wd (10-31, 11-13] = 8 + 1 = 9; cd 13.
    assert_obligations(
        &r,
        "YB-FUT",
        &[("D2", "2023-10-31", late("2023-11-13", 9, 13))],
    );
    // Returned for redo on 11-13, not resubmitted: overdue since 11-01;
    // wd (10-31, 11-14] = 10; cd 14.
    assert_obligations(
        &r,
        "YB-RET-FUT",
        &[("D2", "2023-10-31", overdue("2023-11-01", 10, 14))],
    );
    // Accepted on 11-14: reviewed, no longer listed for return.
    assert_eq!(matter(&r, "HY-FUT").state, "accepted");
    assert!(r.returns.is_empty());
    // Interview held Mon 11-13: + 7 calendar days = Mon 11-20, a working day.
    // wd (11-14, 11-20] = 11-15, 16, 17, 20 = 4.
    assert_obligations(&r, "YT-FUT", &[("D6", "2023-11-20", pending(4))]);
    // Started 11-13 with neither application nor approval. D4 overdue since 11-03;
    // wd (11-02, 11-14] = 8; cd 12. D5 overdue since 11-14; wd (11-13, 11-14] = 1; cd 1.
    assert_obligations(
        &r,
        "DC-FUT",
        &[
            ("D4", "2023-11-02", overdue("2023-11-03", 8, 12)),
            ("D5", "2023-11-13", overdue("2023-11-14", 1, 1)),
        ],
    );
    assert_eq!(
        violation_rows(&r),
        [
            violation(
                "DC-FUT",
                "市教育局",
                ViolationKind::NoApplication,
                "2023-11-13",
                None,
                "2023-11-02",
                None
            ),
            violation(
                "DC-FUT",
                "市教育局",
                ViolationKind::NoApproval,
                "2023-11-13",
                None,
                "2023-11-02",
                None
            ),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Art. 12 (3): 不按期报送进展情况 → key supervision (重点督办).

#[test]
fn art_12_3_late_units_default_threshold() {
    let r = run_clean(include_str!("data/caseloads/late-units.json"), "2023-11-10");
    // 市财政局:
    // - YB-CZ-09: 2023-09 due Thu 09-28, submitted Mon 10-09: wd (09-28, 10-09] = 10-07,
    //   10-08 (mk), 10-09 = 3; cd 11 → late.
    assert_obligations(
        &r,
        "YB-CZ-09",
        &[("D2", "2023-09-28", late("2023-10-09", 3, 11))],
    );
    // - YB-CZ-10: 2023-10 due Tue 10-31, submitted that day → on time.
    assert_obligations(
        &r,
        "YB-CZ-10",
        &[("D2", "2023-10-31", on_time("2023-10-31"))],
    );
    // - HY-CZ: meeting Wed 09-20: 09-21, 22 = 2, 09-25..28 = 6, 10-07/08 mk = 8,
    //   10-09..13 = 13, 10-16..20 = 18, 10-23..27 = 23, 10-30..11-03 = 28, 11-06 = 29,
    //   11-07 = 30 → Tue 11-07. Overdue since 11-08; wd (11-07, 11-10] = 3; cd 3 → late.
    assert_obligations(
        &r,
        "HY-CZ",
        &[("D1", "2023-11-07", overdue("2023-11-08", 3, 3))],
    );
    // 市交通运输局:
    // - JD-JT: 2023-Q3 due Thu 09-28, never submitted. wd (09-28, 11-10] = 10-07, 10-08,
    //   then 10-09..11-10 five full weeks = 25, total 27; cd 2 (Sept) + 31 + 10 = 43.
    assert_obligations(
        &r,
        "JD-JT",
        &[("D3", "2023-09-28", overdue("2023-09-29", 27, 43))],
    );
    // - DC-JT: an unplanned inspection started Mon 11-06 without application: D4 due Thu
    //   10-26 (11-03, 02, 01, 10-31, 30, 27, 26), overdue since 10-27, wd (10-26, 11-10] =
    //   10-27, 10-30, 10-31, 11-01..03, 11-06..10 = 11, cd 15; D5 due 11-06, overdue since
    //   11-07, wd 4, cd 4. Not a progress report: not counted as 不按期报送.
    assert_obligations(
        &r,
        "DC-JT",
        &[
            ("D4", "2023-10-26", overdue("2023-10-27", 11, 15)),
            ("D5", "2023-11-06", overdue("2023-11-07", 4, 4)),
        ],
    );
    // - YT-JT: interview Wed 11-01 + 7 = Wed 11-08, a working day; no plan; overdue since
    //   11-09, wd (11-08, 11-10] = 2, cd 2. Not a progress report either.
    assert_obligations(
        &r,
        "YT-JT",
        &[("D6", "2023-11-08", overdue("2023-11-09", 2, 2))],
    );
    // 市教育局: on time, and a meeting on the holiday 10-03 due Wed 11-15 (see above).
    assert_obligations(&r, "YB-JY", &[("D2", "2023-10-31", on_time("2023-10-31"))]);
    assert_obligations(&r, "HY-JY", &[("D1", "2023-11-15", pending(3))]);
    // 市政府督查室: the 2022 year-end summary, due Fri 2022-12-30 (12-31 off), never sent.
    // wd (2022-12-30, 2023-11-10]: Jan 18 (22 weekdays − 01-02, 01-23..27 + mk 01-28, 29),
    // Feb 20, Mar 23, Apr 20 (20 − 04-05 + mk 04-23), May 21 (23 − 05-01..03 + mk 05-06),
    // Jun 21 (22 − 06-22, 23 + mk 06-25), Jul 21, Aug 23, Sep 20 (21 − 09-29),
    // Oct 19 (22 − 10-02..06 + mk 10-07, 08), Nov 1-10: 8 → 214.
    // cd: 1 (12-31) + 365 − 51 (11-11..12-31) = 315. Not a progress report.
    assert_obligations(
        &r,
        "NZ-2022",
        &[("D7", "2022-12-30", overdue("2022-12-31", 214, 315))],
    );

    // Units by name; matters in input order. JD-JT is a quarterly ledger: its unit keeps
    // it as an office section by definition (Art. 7), whatever it is called, so it is
    // listed among the late sections and makes no key-supervision trigger (Art. 12 (3) is
    // for 责任单位).
    assert_eq!(
        late_rows(&r),
        [row("市财政局", 2, true, &["YB-CZ-09", "HY-CZ"])]
    );
    let sections: Vec<_> = r
        .late_sections
        .iter()
        .map(|u| {
            (
                u.unit.to_string(),
                u.late_reports,
                u.key_supervision_trigger,
            )
        })
        .collect();
    assert_eq!(sections, [("市交通运输局".to_owned(), 1, false)]);
    // 9 matters, 10 obligations: pending 1 (HY-JY); overdue 6 (HY-CZ, JD-JT, DC-JT ×2,
    // YT-JT, NZ-2022); on time 2 (YB-CZ-10, YB-JY); late 1 (YB-CZ-09). One late unit, a
    // trigger; one late section. DC-JT: no_application + no_approval.
    assert_eq!(
        summary_row(&r.summary),
        [9, 9, 0, 10, 1, 0, 6, 2, 1, 1, 1, 0, 2]
    );
    assert_eq!(r.summary.late_sections, 1);
}

#[test]
fn art_12_3_late_units_threshold_two() {
    let mut policy = Policy::ankang_2020();
    policy.parameters.late_reports_for_key_supervision.value = 2;
    let r = run_with(
        include_str!("data/caseloads/late-units.json"),
        &policy,
        "2023-11-10",
    );
    assert!(r.errors.is_empty());
    // The counts do not change; 市财政局 (2 late reports) reaches the threshold.
    assert_eq!(
        late_rows(&r),
        [row("市财政局", 2, true, &["YB-CZ-09", "HY-CZ"])]
    );
    assert_eq!(
        summary_row(&r.summary),
        [9, 9, 0, 10, 1, 0, 6, 2, 1, 1, 1, 0, 2]
    );
}

// ---------------------------------------------------------------------------------------
// Art. 9: 不漏项，项目类进展情况要说明形象进度，已完成工作要报送印证资料 → returns.

#[test]
fn art_9_2_returns_findings_and_remedies() {
    let r = run_clean(include_str!("data/caseloads/returns.json"), "2023-11-10");
    assert_eq!(
        return_rows(&r),
        [
            // Items 1 (project, on schedule, no physical progress), 2 (project, behind,
            // physical progress ""), 3 (completed, no evidence), 4 (left out), 5 (completed
            // project with evidence: nothing wanting), 6 (completed, evidence [""]).
            // Something was reported → supplement.
            ret(
                "HY-R1",
                "市发展和改革委员会",
                "2023-11-08",
                Remedy::Supplement,
                &[
                    (ReturnReason::NoPhysicalProgress, "1"),
                    (ReturnReason::NoPhysicalProgress, "2"),
                    (ReturnReason::NoEvidence, "3"),
                    (ReturnReason::MissingItem, "4"),
                    (ReturnReason::NoEvidence, "6"),
                ]
            ),
            // Nothing reported ("items": []) → redo.
            ret(
                "YB-R2",
                "市财政局",
                "2023-10-31",
                Remedy::Redo,
                &[
                    (ReturnReason::MissingItem, "T1"),
                    (ReturnReason::MissingItem, "T2"),
                ]
            ),
            // No "items" field at all → redo.
            ret(
                "YB-R3",
                "市财政局",
                "2023-10-31",
                Remedy::Redo,
                &[(ReturnReason::MissingItem, "T1")]
            ),
            // Only an item that was never decided ("9") → no decided item reported → redo.
            ret(
                "HY-R4",
                "市住房和城乡建设局",
                "2023-11-06",
                Remedy::Redo,
                &[(ReturnReason::MissingItem, "1")]
            ),
            // YB-R5 (accepted) and YB-R6 (already returned) are reviewed: not listed.
            // HY-R7: the resubmission of 11-03 is the latest and unreviewed; its project item
            // lacks physical progress.
            ret(
                "HY-R7",
                "市水利局",
                "2023-11-03",
                Remedy::Supplement,
                &[(ReturnReason::NoPhysicalProgress, "1")]
            ),
            // YB-R8 is complete; NZ-R9 is a year-end summary, not a progress report of
            // Art. 7 or 9. JD-R10: project item A behind schedule without physical progress.
            ret(
                "JD-R10",
                "市政府办公室一科",
                "2023-09-27",
                Remedy::Supplement,
                &[(ReturnReason::NoPhysicalProgress, "A")]
            ),
        ]
    );
    // A submission awaiting review still meets the obligation (it is not returned yet).
    // HY-R1: meeting 09-25 due 11-10, submitted 11-08.
    assert_obligations(&r, "HY-R1", &[("D1", "2023-11-10", on_time("2023-11-08"))]);
    assert_obligations(&r, "YB-R2", &[("D2", "2023-10-31", on_time("2023-10-31"))]);
    // YB-R6 returned for redo on 11-01: not met, overdue since 11-01 (8 wd, 10 cd).
    assert_obligations(
        &r,
        "YB-R6",
        &[("D2", "2023-10-31", overdue("2023-11-01", 8, 10))],
    );
    // HY-R7 returned for supplement and resubmitted: credited on the original 10-30.
    assert_obligations(&r, "HY-R7", &[("D1", "2023-11-10", on_time("2023-10-30"))]);
    // NZ-R9: D7 2023 due Fri 12-29; met on 11-06.
    assert_obligations(&r, "NZ-R9", &[("D7", "2023-12-29", on_time("2023-11-06"))]);
    // JD-R10: 2023-Q3 due 09-28, submitted 09-27.
    assert_obligations(&r, "JD-R10", &[("D3", "2023-09-28", on_time("2023-09-27"))]);
    assert_eq!(r.summary.returns, 6);
}

#[test]
fn art_9_2_reviewed_submissions_are_not_listed() {
    // The same deficient submission (nothing reported), then accepted, or returned.
    let base = |id: &str, review: &str| {
        format!(
            r#"{{"id": "{id}", "kind": "monthly_report", "unit": "市财政局", "sector": "经济",
                "month": "2023-10", "items": [{{"id": "T1"}}],
                "events": [{{"event": "submit", "on": "2023-10-30", "items": []}}{review}]}}"#
        )
    };
    let json = doc(&[
        base("YB-OPEN", ""),
        base("YB-ACC", r#",{"event": "accept", "on": "2023-11-01"}"#),
        base(
            "YB-RET",
            r#",{"event": "return", "on": "2023-11-01", "remedy": "redo", "reasons": ["missing_item"]}"#,
        ),
        base(
            "YB-SUP",
            r#",{"event": "return", "on": "2023-11-01", "remedy": "supplement", "reasons": ["missing_item"]}"#,
        ),
    ]
    .join(","));
    let r = run_clean(&json, "2023-11-10");
    assert_eq!(
        return_rows(&r),
        [ret(
            "YB-OPEN",
            "市财政局",
            "2023-10-30",
            Remedy::Redo,
            &[(ReturnReason::MissingItem, "T1")]
        )]
    );
}

// ---------------------------------------------------------------------------------------
// Art. 7: 按“已完成”“进展顺利”“进展缓慢”三个方面，分口予以汇总通报.

#[test]
fn art_7_quarterly_bands_per_quarter_and_sector() {
    let r = run_clean(
        include_str!("data/caseloads/quarterly-bands.json"),
        "2023-11-10",
    );
    // By quarter, then sector (UTF-8 order: 社 U+793E before 经 U+7ECF); items in input
    // order of ledgers and items.
    assert_eq!(
        band_rows(&r),
        [
            // JD-4: no submission at all → H in a group of its own (未报送), not slowly.
            (
                "2023-Q2".to_owned(),
                "经济".to_owned(),
                vec![],
                vec![],
                vec![],
                vec![bi("JD-4", "H", true)],
            ),
            // JD-2: D completed, E not reported. JD-5: its submission of 11-13 is after the
            // as-of day → I not reported.
            (
                "2023-Q3".to_owned(),
                "社会".to_owned(),
                vec![bi("JD-2", "D", false)],
                vec![],
                vec![],
                vec![bi("JD-2", "E", true), bi("JD-5", "I", true)],
            ),
            // JD-1: A on schedule, B completed, C behind. JD-3: the latest submission (10-09,
            // after a return for supplement) says F completed, G on schedule. JD-6: its
            // only submission was returned for supplement and is not used → J not reported.
            (
                "2023-Q3".to_owned(),
                "经济".to_owned(),
                vec![bi("JD-1", "B", false), bi("JD-3", "F", false)],
                vec![bi("JD-1", "A", false), bi("JD-3", "G", false)],
                vec![bi("JD-1", "C", false)],
                vec![bi("JD-6", "J", true)],
            ),
        ]
    );
    // The ledgers' own statuses. 2023-Q3 due Thu 09-28; 2023-Q2 due Fri 06-30.
    assert_obligations(&r, "JD-1", &[("D3", "2023-09-28", on_time("2023-09-27"))]);
    // Submitted Mon 10-09: wd (09-28, 10-09] = 3; cd 11.
    assert_obligations(
        &r,
        "JD-2",
        &[("D3", "2023-09-28", late("2023-10-09", 3, 11))],
    );
    // Supplemented: credited on the original 09-26.
    assert_obligations(&r, "JD-3", &[("D3", "2023-09-28", on_time("2023-09-26"))]);
    // 2023-Q2, never submitted: wd (06-30, 11-10] = Jul 21, Aug 23, Sep 20 (21 − 09-29),
    // Oct 19 (22 − 10-02..06 + mk 10-07, 08), Nov 8 → 91; cd 31 + 31 + 30 + 31 + 10 = 133.
    assert_obligations(
        &r,
        "JD-4",
        &[("D3", "2023-06-30", overdue("2023-07-01", 91, 133))],
    );
    // wd (09-28, 11-10] = 27; cd 43.
    assert_obligations(
        &r,
        "JD-5",
        &[("D3", "2023-09-28", overdue("2023-09-29", 27, 43))],
    );
    // Submitted Mon 09-25, in time for 09-28, returned for supplement 09-27: awaiting the
    // supplement, neither met nor overdue.
    assert_obligations(
        &r,
        "JD-6",
        &[(
            "D3",
            "2023-09-28",
            duban::Status::AwaitingSupplement {
                submitted_on: d("2023-09-25"),
                returned_on: d("2023-09-27"),
                supplement_due: None,
            },
        )],
    );
    // JD-2's submission leaves E out (unreviewed) → supplement.
    assert_eq!(
        return_rows(&r),
        [ret(
            "JD-2",
            "市政府办公室二科",
            "2023-10-09",
            Remedy::Supplement,
            &[(ReturnReason::MissingItem, "E")]
        )]
    );
}

// ---------------------------------------------------------------------------------------
// Art. 10: 提前7个工作日申报，经市政府分管领导审批后方可实施.

#[test]
fn art_10_inspections() {
    let r = run_clean(
        include_str!("data/caseloads/inspections.json"),
        "2023-11-10",
    );
    // DC-P: in the annual plan: no obligations, no violation.
    assert_obligations(&r, "DC-P", &[]);
    assert_eq!(matter(&r, "DC-P").state, "carried_out");
    // DC-T: start Mon 10-16. D4: 10-13 (1), 10-12 (2), 10-11 (3), 10-10 (4), 10-09 (5),
    // 10-08 mk Sun (6), 10-07 mk Sat (7) → Sat 2023-10-07; applied that very day.
    // D5: the start day 10-16 (approval inclusive); approved 10-11.
    assert_obligations(
        &r,
        "DC-T",
        &[
            ("D4", "2023-10-07", on_time("2023-10-07")),
            ("D5", "2023-10-16", on_time("2023-10-11")),
        ],
    );
    assert_eq!(matter(&r, "DC-T").state, "carried_out");
    // DC-L: start Mon 11-06. D4: 11-03 (1), 11-02 (2), 11-01 (3), 10-31 (4), 10-30 (5),
    // 10-27 (6), 10-26 (7) → Thu 2023-10-26. Applied Wed 11-01: wd (10-26, 11-01] = 10-27,
    // 10-30, 10-31, 11-01 = 4; cd 6. Approved 11-03, before the start.
    assert_obligations(
        &r,
        "DC-L",
        &[
            ("D4", "2023-10-26", late("2023-11-01", 4, 6)),
            ("D5", "2023-11-06", on_time("2023-11-03")),
        ],
    );
    // DC-U: applied 10-20 (in time for 10-26), started 11-06 without approval. D5 overdue
    // since 11-07; wd (11-06, 11-10] = 4; cd 4.
    assert_obligations(
        &r,
        "DC-U",
        &[
            ("D4", "2023-10-26", on_time("2023-10-20")),
            ("D5", "2023-11-06", overdue("2023-11-07", 4, 4)),
        ],
    );
    // DC-N: started 11-06, never applied for. D4 overdue since 10-27; wd (10-26, 11-10] =
    // 10-27, 10-30, 10-31, 11-01..03, 11-06..10 = 11; cd 15.
    assert_obligations(
        &r,
        "DC-N",
        &[
            ("D4", "2023-10-26", overdue("2023-10-27", 11, 15)),
            ("D5", "2023-11-06", overdue("2023-11-07", 4, 4)),
        ],
    );
    // DC-R: applied 10-20, rejected 10-25, started 11-06 anyway.
    assert_obligations(
        &r,
        "DC-R",
        &[
            ("D4", "2023-10-26", on_time("2023-10-20")),
            ("D5", "2023-11-06", overdue("2023-11-07", 4, 4)),
        ],
    );
    assert_eq!(matter(&r, "DC-R").state, "carried_out");
    // DC-A: planned for Mon 11-06 but started Wed 11-08: counted from the actual start.
    // D4: 11-07 (1), 11-06 (2), 11-03 (3), 11-02 (4), 11-01 (5), 10-31 (6), 10-30 (7) →
    // Mon 2023-10-30; applied 10-27 (which would have been late for 11-06). D5: 11-08.
    assert_obligations(
        &r,
        "DC-A",
        &[
            ("D4", "2023-10-30", on_time("2023-10-27")),
            ("D5", "2023-11-08", on_time("2023-11-03")),
        ],
    );
    // DC-F: start Mon 11-20, not started. D4: 11-17, 16, 15, 14, 13, 10, 09 → Thu
    // 2023-11-09; applied 11-08. D5: 11-20; wd (11-10, 11-20] = 11-13..17, 11-20 = 6.
    assert_obligations(
        &r,
        "DC-F",
        &[
            ("D4", "2023-11-09", on_time("2023-11-08")),
            ("D5", "2023-11-20", pending(6)),
        ],
    );
    assert_eq!(matter(&r, "DC-F").state, "applied");
    // DC-X: planned 11-06, applied 11-01; its start on 11-13 is after the as-of day, so the
    // deadlines count from the planned start and nothing is flagged yet.
    assert_obligations(
        &r,
        "DC-X",
        &[
            ("D4", "2023-10-26", late("2023-11-01", 4, 6)),
            ("D5", "2023-11-06", overdue("2023-11-07", 4, 4)),
        ],
    );
    assert_eq!(matter(&r, "DC-X").state, "applied");

    use ViolationKind::*;
    assert_eq!(
        violation_rows(&r),
        [
            violation(
                "DC-L",
                "市卫生健康委员会",
                LateApplication,
                "2023-11-06",
                Some("2023-11-01"),
                "2023-10-26",
                Some("2023-11-03")
            ),
            // Approved and started, never filed with the Party committee's supervision
            // office (DC-T filed before its start, DC-A after: both fine).
            violation(
                "DC-L",
                "市卫生健康委员会",
                NotFiled,
                "2023-11-06",
                Some("2023-11-01"),
                "2023-10-26",
                Some("2023-11-03")
            ),
            violation(
                "DC-U",
                "市民政局",
                NoApproval,
                "2023-11-06",
                Some("2023-10-20"),
                "2023-10-26",
                None
            ),
            violation(
                "DC-N",
                "市水利局",
                NoApplication,
                "2023-11-06",
                None,
                "2023-10-26",
                None
            ),
            violation(
                "DC-N",
                "市水利局",
                NoApproval,
                "2023-11-06",
                None,
                "2023-10-26",
                None
            ),
            violation(
                "DC-R",
                "市商务局",
                NoApproval,
                "2023-11-06",
                Some("2023-10-20"),
                "2023-10-26",
                None
            ),
            // DC-F applied without a special reason (确因特殊情况); it has not started.
            (
                "DC-F".to_owned(),
                "市林业局".to_owned(),
                NoSpecialReason,
                None,
                Some(d("2023-11-08")),
                d("2023-11-09"),
                None
            ),
        ]
    );
    // 9 matters, 16 obligations: pending 1 (DC-F D5); overdue 5 (DC-U D5, DC-N ×2, DC-R D5,
    // DC-X D5); on time 8; late 2 (DC-L D4, DC-X D4). Inspections are not progress reports:
    // no late units. 7 violations.
    assert_eq!(
        summary_row(&r.summary),
        [9, 9, 0, 16, 1, 0, 5, 8, 2, 0, 0, 0, 7]
    );

    // As of Tue 11-14, DC-X has started (Mon 11-13) without approval. Counted from 11-13:
    // D4 = 11-10, 09, 08, 07, 06, 03, 02 → Thu 11-02; the application of 11-01 is in time.
    // D5 = 11-13, overdue since 11-14: wd 1, cd 1.
    let r = run_clean(
        include_str!("data/caseloads/inspections.json"),
        "2023-11-14",
    );
    assert_obligations(
        &r,
        "DC-X",
        &[
            ("D4", "2023-11-02", on_time("2023-11-01")),
            ("D5", "2023-11-13", overdue("2023-11-14", 1, 1)),
        ],
    );
    let x: Vec<_> = violation_rows(&r)
        .into_iter()
        .filter(|v| v.0 == "DC-X")
        .collect();
    assert_eq!(
        x,
        [violation(
            "DC-X",
            "市审计局",
            NoApproval,
            "2023-11-13",
            Some("2023-11-01"),
            "2023-11-02",
            None
        )]
    );
}

#[test]
fn art_10_approval_on_the_start_day_and_a_start_in_a_holiday() {
    let json = doc(r#"
      {"id": "DC-SAME", "kind": "inspection", "unit": "市教育局", "sector": "社会",
       "start": "2023-11-06", "annual_plan": "not_listed",
       "events": [{"event": "apply", "on": "2023-10-20", "reason": "专项整治"}, {"event": "approve", "on": "2023-11-06"},
                  {"event": "file", "on": "2023-11-06"}, {"event": "start", "on": "2023-11-06"}]},
      {"id": "DC-HOL", "kind": "inspection", "unit": "市教育局", "sector": "社会",
       "start": "2023-10-02", "annual_plan": "not_listed",
       "events": [{"event": "apply", "on": "2023-09-20", "reason": "节日安全"}, {"event": "approve", "on": "2023-09-28"},
                  {"event": "file", "on": "2023-09-28"}, {"event": "start", "on": "2023-10-02"}]}"#);
    let r = run_clean(&json, "2023-11-10");
    // Approved on the start day itself: in time under the inclusive reading of 审批后方可实施.
    // D4 for Mon 11-06 is Thu 10-26 (count in art_10_inspections).
    assert_obligations(
        &r,
        "DC-SAME",
        &[
            ("D4", "2023-10-26", on_time("2023-10-20")),
            ("D5", "2023-11-06", on_time("2023-11-06")),
        ],
    );
    // Started on Mon 10-02, inside the break 09-29..10-06. D4: the 7th working day strictly
    // before: 09-28 (1), 09-27 (2), 09-26 (3), 09-25 (4), 09-22 (5), 09-21 (6), 09-20 (7) →
    // Wed 2023-09-20; applied that day. D5: the start day 10-02; approved 09-28.
    assert_obligations(
        &r,
        "DC-HOL",
        &[
            ("D4", "2023-09-20", on_time("2023-09-20")),
            ("D5", "2023-10-02", on_time("2023-09-28")),
        ],
    );
    assert!(r.inspection_violations.is_empty());
}

#[test]
fn art_10_rejected_inspection_that_never_starts() {
    // Applied 10-20, rejected 10-25, planned for Mon 11-06, never started. D4 counts from
    // the planned start: Thu 10-26 (met 10-20). A rejected inspection may not be carried out
    // at all, so no approval (D5) is due any more. No violation: it did not start.
    let json = doc(r#"
      {"id": "DC-REJ", "kind": "inspection", "unit": "市商务局", "sector": "经济",
       "start": "2023-11-06", "annual_plan": "not_listed",
       "events": [{"event": "apply", "on": "2023-10-20", "reason": "专项整治"}, {"event": "reject", "on": "2023-10-25"}]}"#);
    let r = run_clean(&json, "2023-11-10");
    assert_obligations(&r, "DC-REJ", &[("D4", "2023-10-26", on_time("2023-10-20"))]);
    assert_eq!(matter(&r, "DC-REJ").state, "rejected");
    assert!(r.inspection_violations.is_empty());
}

#[test]
fn art_10_approval_after_the_start_is_no_approval() {
    let json = doc(r#"
      {"id": "DC-RETRO", "kind": "inspection", "unit": "市教育局", "sector": "社会",
       "start": "2023-11-06", "annual_plan": "not_listed",
       "events": [{"event": "apply", "on": "2023-10-20", "reason": "专项整治"}, {"event": "start", "on": "2023-11-06"},
                  {"event": "approve", "on": "2023-11-08"}]}"#);
    let r = run(&json, "2023-11-10");
    // Documented: NoApproval = "carried out without approval (none, or only after it
    // started)"; approved_on = "the day it was approved, if before it started" → None.
    assert!(r.errors.is_empty(), "errors: {:?}", r.errors);
    assert_eq!(
        violation_rows(&r),
        [violation(
            "DC-RETRO",
            "市教育局",
            ViolationKind::NoApproval,
            "2023-11-06",
            Some("2023-10-20"),
            "2023-10-26",
            None
        )]
    );
    // D4: Thu 10-26, applied 10-20. D5: due on the start day (Mon 11-06); the approval on
    // Wed 11-08 meets it late by 2 working days (11-07, 11-08).
    let m = matter(&r, "DC-RETRO");
    assert_eq!(m.obligations[0].status, on_time("2023-10-20"));
    assert_eq!(m.obligations[1].deadline.due(), d("2023-11-06"));
    assert_eq!(
        m.obligations[1].status,
        duban::Status::MetLate {
            on: d("2023-11-08"),
            working_days_late: 2,
            calendar_days_late: 2
        }
    );
}

// ---------------------------------------------------------------------------------------
// Art. 12 (3): 被约谈单位主要负责人必须在约谈之日起一周内……提出切实可行的书面整改方案.

#[test]
fn art_12_3_rectification_plan_after_an_interview() {
    let case = |id: &str, interview: Option<&str>, plan: Option<&str>| {
        let mut events = vec![
            r#"{"event": "place_under_key_supervision", "on": "2023-08-01", "triggers": ["late_reporting"], "rectify_by": "2023-08-31"}"#.to_owned(),
            r#"{"event": "propose_interview", "on": "2023-09-05"}"#.to_owned(),
            r#"{"event": "approve_interview", "on": "2023-09-15"}"#.to_owned(),
        ];
        if let Some(on) = interview {
            events.push(format!(r#"{{"event": "hold_interview", "on": "{on}"}}"#));
        }
        if let Some(on) = plan {
            events.push(format!(r#"{{"event": "submit_plan", "on": "{on}"}}"#));
        }
        format!(
            r#"{{"id": "{id}", "kind": "accountability", "unit": "市交通运输局", "sector": "城建",
                "events": [{}]}}"#,
            events.join(",")
        )
    };
    let json = doc(&[
        case("YT-ON", Some("2023-09-27"), Some("2023-10-07")),
        case("YT-LATE", Some("2023-09-27"), Some("2023-10-09")),
        case("YT-NONE", None, None),
        case("YT-TODAY", Some("2023-11-03"), None),
        case("YT-OVER", Some("2023-11-01"), None),
    ]
    .join(","));
    let r = run_clean(&json, "2023-11-10");
    // Interview Wed 09-27 + 7 calendar days = Wed 10-04, inside the break 09-29..10-06:
    // rolled to the next working day, the mk Sat 10-07. Plan on 10-07: on time.
    assert_obligations(&r, "YT-ON", &[("D6", "2023-10-07", on_time("2023-10-07"))]);
    assert_eq!(
        matter(&r, "YT-ON").obligations[0].deadline.rolled_from(),
        Some(d("2023-10-04"))
    );
    assert_eq!(matter(&r, "YT-ON").state, "plan_submitted");
    // Plan on Mon 10-09: wd (10-07, 10-09] = 10-08 (mk Sun), 10-09 = 2; cd 2.
    assert_obligations(
        &r,
        "YT-LATE",
        &[("D6", "2023-10-07", late("2023-10-09", 2, 2))],
    );
    // Interview approved but not held: no D6.
    assert_obligations(&r, "YT-NONE", &[]);
    assert_eq!(matter(&r, "YT-NONE").state, "interview_approved");
    // Interview Fri 11-03 + 7 = Fri 11-10, a working day, the as-of day: due today.
    assert_obligations(&r, "YT-TODAY", &[("D6", "2023-11-10", DUE_TODAY)]);
    assert_eq!(
        matter(&r, "YT-TODAY").obligations[0].deadline.rolled_from(),
        None
    );
    assert_eq!(matter(&r, "YT-TODAY").state, "interview_held");
    // Interview Wed 11-01 + 7 = Wed 11-08; overdue since 11-09; wd 2; cd 2.
    assert_obligations(
        &r,
        "YT-OVER",
        &[("D6", "2023-11-08", overdue("2023-11-09", 2, 2))],
    );
    // A late rectification plan is not a late progress report.
    assert!(r.late_units.is_empty());
}

// ---------------------------------------------------------------------------------------
// Input errors are collected; every other matter is still checked.

#[test]
fn errors_do_not_stop_other_matters() {
    let r = run(include_str!("data/caseloads/errors.json"), "2023-11-10");
    let checked: Vec<&str> = r.matters.iter().map(|m| &*m.id).collect();
    assert_eq!(checked, ["HY-OK", "YB-OK", "NZ-2023", "DC-OK"]);
    // Meeting Wed 09-20 → Tue 11-07 (count in art_12_3_late_units_default_threshold);
    // submitted 10-30.
    assert_obligations(&r, "HY-OK", &[("D1", "2023-11-07", on_time("2023-10-30"))]);
    // The first HY-OK is checked, not its duplicate (unit 市教育局).
    assert_eq!(&*matter(&r, "HY-OK").unit, "市发展和改革委员会");
    assert_obligations(&r, "YB-OK", &[("D2", "2023-10-31", on_time("2023-10-31"))]);
    // D7 2023: Fri 12-29; wd (11-10, 12-29] = Nov 13..30 = 14, Dec 1..29 = 21 → 35.
    assert_obligations(&r, "NZ-2023", &[("D7", "2023-12-29", pending(35))]);
    assert_obligations(&r, "DC-OK", &[]);

    let errors: Vec<(Option<usize>, Option<&str>, &str)> = r
        .errors
        .iter()
        .map(|e| (e.index, e.matter.as_deref(), e.code))
        .collect();
    assert_eq!(
        errors,
        [
            (Some(1), Some("YB-NOMONTH"), "missing_field"),
            (Some(3), Some("HY-ORDER"), "out_of_order"),
            (Some(4), Some("HY-ONSITE"), "invalid_value"),
            (Some(5), Some("YB-2027"), "outside_coverage"),
            (Some(6), Some("HY-OK"), "duplicate_id"),
            (Some(7), Some("YB-ILLEGAL"), "illegal_transition"),
            (Some(8), Some("BAD-KIND"), "malformed"),
            (Some(9), Some("HY-EVT"), "unknown_event"),
            (Some(10), Some("HY-2019"), "policy_not_in_force"),
        ]
    );
    // 13 matters: 4 checked, 9 in error; obligations: 2 on time, 1 pending.
    assert_eq!(
        summary_row(&r.summary),
        [13, 4, 9, 3, 1, 0, 0, 2, 0, 0, 0, 0, 0]
    );
}

#[test]
fn check_of_an_as_of_day_outside_the_calendar_is_an_error() {
    let caseload = Caseload::from_json(doc("")).expect("reads");
    let err = check(
        &caseload,
        &Policy::ankang_2020(),
        &Calendar::china(),
        d("2027-01-04"),
    )
    .unwrap_err();
    assert_eq!(err.kind(), duban::ErrorKind::OutsideCoverage);
}
