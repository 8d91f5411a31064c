//! Golden tests for `duban::what_if`: one caseload checked under two policies.
//!
//! Every expected date and count was worked out by hand from 安政办发〔2020〕1号 and the State
//! Council notices in `shared/NOTICES.md`, never copied from duban's output. Abbreviations:
//! "mk" = make-up working day; "wd (a, b]" = working days after `a` up to and including `b`;
//! "cd" = calendar days. 2022: 春节 01-31..02-06, mk 01-29 (Sat), 01-30 (Sun).
//! 2023: 中秋、国庆 09-29..10-06, mk 10-07 (Sat), 10-08 (Sun); no break in November.

use chrono::NaiveDate;
use duban::{
    Bound, Calendar, Caseload, MeetingKind, ObligationKind, Policy, Status, SupplementCredit,
    WhatIf, WorkingDays,
};

fn d(s: &str) -> NaiveDate {
    duban::parse_date(s).unwrap_or_else(|e| panic!("bad date {s}: {e:?}"))
}

const WHATIF: &str = include_str!("data/caseloads/whatif.json");
const LATE_UNITS: &str = include_str!("data/caseloads/late-units.json");

#[track_caller]
fn compare(json: &str, a: &Policy, b: &Policy, as_of: &str) -> WhatIf {
    let caseload = Caseload::from_json(json).expect("the caseload reads");
    assert!(caseload.errors().is_empty(), "{:?}", caseload.errors());
    duban::what_if(&caseload, a, b, &Calendar::china(), d(as_of)).expect("what-if runs")
}

type DiffRow = (
    String,
    Option<&'static str>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<Status>,
    Option<Status>,
    Vec<String>,
);

fn diff_rows(w: &WhatIf) -> Vec<DiffRow> {
    w.differences
        .iter()
        .map(|x| {
            (
                x.matter.clone(),
                x.obligation.map(ObligationKind::code),
                x.due_a,
                x.due_b,
                x.status_a,
                x.status_b,
                x.parameters.clone(),
            )
        })
        .collect()
}

fn diff(
    matter: &str,
    code: &'static str,
    due_a: &str,
    due_b: &str,
    status_a: Status,
    status_b: Status,
    parameters: &[&str],
) -> DiffRow {
    (
        matter.to_owned(),
        Some(code),
        Some(d(due_a)),
        Some(d(due_b)),
        Some(status_a),
        Some(status_b),
        parameters.iter().map(|p| p.to_string()).collect(),
    )
}

/// Units as rows: (unit, late_reports_a, late_reports_b, key_supervision_a, key_supervision_b).
fn unit_rows(w: &WhatIf) -> Vec<(String, usize, usize, bool, bool)> {
    w.units
        .iter()
        .map(|u| {
            (
                u.unit.clone(),
                u.late_reports_a,
                u.late_reports_b,
                u.key_supervision_a,
                u.key_supervision_b,
            )
        })
        .collect()
}

fn changed(w: &WhatIf) -> Vec<&str> {
    w.changes.iter().map(|c| c.parameter.as_str()).collect()
}

fn pending(working_days_left: i32) -> Status {
    Status::Pending { working_days_left }
}

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

#[test]
fn art_9_what_if_meeting_period_20_instead_of_30() {
    let a = Policy::ankang_2020();
    let mut b = a.clone();
    b.parameters.meeting_follow_up_period.value = WorkingDays(20);
    let w = compare(WHATIF, &a, &b, "2023-11-10");
    assert_eq!(w.schema, "duban-whatif/1");
    assert_eq!(w.as_of, d("2023-11-10"));
    assert_eq!(
        (w.policy_a.as_str(), w.policy_b.as_str()),
        (a.id.as_str(), b.id.as_str())
    );
    assert_eq!(changed(&w), ["meeting_follow_up_period"]);
    assert_eq!(w.changes[0].before["value"].as_u64(), Some(30));
    assert_eq!(w.changes[0].after["value"].as_u64(), Some(20));
    assert_eq!(w.matters_compared, 8);
    let p = &["meeting_follow_up_period"];
    assert_eq!(
        diff_rows(&w),
        [
            // Meeting Wed 09-20. 30 wd: 09-21, 22 = 2, 09-25..28 = 6, 10-07/08 mk = 8,
            // 10-09..13 = 13, 10-16..20 = 18, 10-23..27 = 23, 10-30..11-03 = 28, 11-06 = 29,
            // 11-07 = 30 → Tue 11-07. 20 wd: ... 10-16..20 = 18, 10-23 = 19, 10-24 = 20 →
            // Tue 10-24. Submitted Mon 10-30: on time under 30; under 20 wd (10-24, 10-30] =
            // 10-25, 26, 27, 30 = 4, cd 6.
            diff(
                "HY-A",
                "D1",
                "2023-11-07",
                "2023-10-24",
                on_time("2023-10-30"),
                late("2023-10-30", 4, 6),
                p
            ),
            // Meeting on the mk Sun 10-08; day 1 is Mon 10-09. 30 wd: 10-09..13 = 5,
            // 10-16..20 = 10, 10-23..27 = 15, 10-30..11-03 = 20, 11-06..10 = 25,
            // 11-13..17 = 30 → Fri 11-17, pending wd (11-10, 11-17] = 5. 20 wd → Fri 11-03,
            // overdue since 11-04, wd (11-03, 11-10] = 5, cd 7.
            diff(
                "HY-B",
                "D1",
                "2023-11-17",
                "2023-11-03",
                pending(5),
                overdue("2023-11-04", 5, 7),
                p
            ),
            // Meeting Mon 11-06. 30 wd: 11-07..10 = 4, 11-13..17 = 9, 11-20..24 = 14,
            // 11-27..12-01 = 19, 12-04..08 = 24, 12-11..15 = 29, 12-18 = 30 → Mon 12-18,
            // pending wd (11-10, 12-18] = 26. 20 wd: ... 11-27..12-01 = 19, 12-04 = 20 →
            // Mon 12-04, pending wd (11-10, 12-04] = 16.
            diff(
                "HY-C",
                "D1",
                "2023-12-18",
                "2023-12-04",
                pending(26),
                pending(16),
                p
            ),
        ]
    );
    // No unit is late under 30 working days; under 20, HY-A (市发展和改革委员会) is met late
    // and HY-B (市住房和城乡建设局) overdue. By name: 住 U+4F4F before 发 U+53D1.
    assert_eq!(
        unit_rows(&w),
        [
            ("市住房和城乡建设局".to_owned(), 0, 1, false, true),
            ("市发展和改革委员会".to_owned(), 0, 1, false, true),
        ]
    );
}

#[test]
fn art_9_what_if_exclusive_qian_for_monthly_reports() {
    let a = Policy::ankang_2020();
    let mut b = a.clone();
    b.parameters.monthly_report_bound.value = Bound::Exclusive;
    let w = compare(WHATIF, &a, &b, "2023-11-10");
    assert_eq!(changed(&w), ["monthly_report_bound"]);
    assert_eq!(w.matters_compared, 8);
    let p = &["monthly_report_bound"];
    assert_eq!(
        diff_rows(&w),
        [
            // 2023-10: last working day Tue 10-31; exclusive: the working day before, Mon
            // 10-30. Submitted ON 10-31: late by wd (10-30, 10-31] = 1, cd 1.
            diff(
                "YB-A",
                "D2",
                "2023-10-31",
                "2023-10-30",
                on_time("2023-10-31"),
                late("2023-10-31", 1, 1),
                p
            ),
            // 2022-01: last working day the mk Sun 01-30; exclusive: the mk Sat 01-29.
            // Submitted ON 01-30: late by wd (01-29, 01-30] = 1, cd 1.
            diff(
                "YB-B",
                "D2",
                "2022-01-30",
                "2022-01-29",
                on_time("2022-01-30"),
                late("2022-01-30", 1, 1),
                p
            ),
            // 2023-09: Thu 09-28 (09-29 off); exclusive: Wed 09-27. Submitted 09-27: on time
            // under both, but the due date differs.
            diff(
                "YB-C",
                "D2",
                "2023-09-28",
                "2023-09-27",
                on_time("2023-09-27"),
                on_time("2023-09-27"),
                p
            ),
        ]
    );
    // The quarterly ledger JD-A (submitted on its last working day 09-28) is unaffected:
    // quarterly_report_bound is a separate parameter.
    assert!(w.differences.iter().all(|x| x.matter != "JD-A"));
    // By name: 发 U+53D1 before 财 U+8D22.
    assert_eq!(
        unit_rows(&w),
        [
            ("市发展和改革委员会".to_owned(), 0, 1, false, true),
            ("市财政局".to_owned(), 0, 1, false, true),
        ]
    );
}

#[test]
fn art_9_what_if_identical_policies_differ_in_nothing() {
    let a = Policy::ankang_2020();
    let w = compare(WHATIF, &a, &a.clone(), "2023-11-10");
    assert!(w.changes.is_empty());
    assert!(w.differences.is_empty());
    assert!(w.units.is_empty());
    assert_eq!(w.matters_compared, 8);
    let w = compare(LATE_UNITS, &a, &a.clone(), "2023-11-10");
    assert!(w.changes.is_empty() && w.differences.is_empty() && w.units.is_empty());
    assert_eq!(w.matters_compared, 9);
}

#[test]
fn art_12_3_what_if_key_supervision_threshold_two() {
    let a = Policy::ankang_2020();
    let mut b = a.clone();
    b.parameters.late_reports_for_key_supervision.value = 2;
    // The late ledger JD-JT is a section's (Art. 7), never a trigger; add a late monthly
    // report of 市交通运输局: 2023-09 due Thu 09-28, submitted Mon 10-09 (3 working days late).
    let json = LATE_UNITS.replacen(
        r#""matters": ["#,
        r#""matters": [{"id": "YB-JT-09", "kind": "monthly_report", "unit": "市交通运输局", "sector": "城建",
            "month": "2023-09", "events": [{"event": "submit", "on": "2023-10-09"}]},"#,
        1,
    );
    let w = compare(&json, &a, &b, "2023-11-10");
    assert_eq!(changed(&w), ["late_reports_for_key_supervision"]);
    // No due date or status depends on the threshold.
    assert!(w.differences.is_empty());
    assert_eq!(w.matters_compared, 10);
    // 市交通运输局 has 1 late report (YB-JT-09): a trigger at 1, not at 2. 市财政局 has 2
    // (YB-CZ-09, HY-CZ): a trigger under both, so not listed.
    assert_eq!(
        unit_rows(&w),
        [("市交通运输局".to_owned(), 1, 1, true, false)]
    );
}

#[test]
fn art_9_2_what_if_supplement_credited_on_resubmission() {
    let json = r#"{"schema": "duban-caseload/1", "matters": [
      {"id": "YB-SUPP", "kind": "monthly_report", "unit": "市交通运输局", "sector": "城建", "month": "2023-10",
       "events": [
         {"event": "submit", "on": "2023-10-30"},
         {"event": "return", "on": "2023-11-01", "remedy": "supplement", "reasons": ["no_evidence"]},
         {"event": "submit", "on": "2023-11-03"}]},
      {"id": "YB-REDO", "kind": "monthly_report", "unit": "市财政局", "sector": "经济", "month": "2023-10",
       "events": [
         {"event": "submit", "on": "2023-10-30"},
         {"event": "return", "on": "2023-11-01", "remedy": "redo", "reasons": ["missing_item"]},
         {"event": "submit", "on": "2023-11-03"}]}]}"#;
    let a = Policy::ankang_2020();
    let mut b = a.clone();
    b.parameters.supplement_credit.value = SupplementCredit::Resubmission;
    let w = compare(json, &a, &b, "2023-11-10");
    assert_eq!(changed(&w), ["supplement_credit"]);
    // Due Tue 10-31. Supplement: the original 10-30 under A; the resubmission Fri 11-03
    // under B, wd (10-31, 11-03] = 3, cd 3. The redo is credited on 11-03 under both.
    assert_eq!(
        diff_rows(&w),
        [diff(
            "YB-SUPP",
            "D2",
            "2023-10-31",
            "2023-10-31",
            on_time("2023-10-30"),
            late("2023-11-03", 3, 3),
            &["supplement_credit"]
        )]
    );
    assert_eq!(
        unit_rows(&w),
        [("市交通运输局".to_owned(), 0, 1, false, true)]
    );
}

#[test]
fn art_9_what_if_a_matter_in_error_under_one_policy() {
    // Policy B drops the executive meeting (常务会议) from the follow-up meetings: HY-A, an
    // executive meeting, cannot be checked under B.
    let a = Policy::ankang_2020();
    let mut b = a.clone();
    b.parameters.follow_up_meetings.value = vec![
        MeetingKind::Plenary,
        MeetingKind::MayorsOffice,
        MeetingKind::SpecialTopic,
    ];
    let w = compare(WHATIF, &a, &b, "2023-11-10");
    assert_eq!(changed(&w), ["follow_up_meetings"]);
    assert_eq!(w.matters_compared, 7);
    assert_eq!(
        diff_rows(&w),
        [(
            "HY-A".to_owned(),
            None,
            None,
            None,
            None,
            None,
            vec!["follow_up_meetings".to_owned()]
        )]
    );
    // HY-A was on time under A, so no unit's late count changes.
    assert!(w.units.is_empty());
}

/// A supplement deadline set by a what-if policy (Art. 9 ¶2 sets none): the report returned
/// for supplement and never supplemented turns from awaiting to overdue, and the difference
/// names supplement_period.
#[test]
fn art_9_2_what_if_a_supplement_deadline() {
    let json = r#"{"schema": "duban-caseload/1", "matters": [
      {"id": "YB-SUPP", "kind": "monthly_report", "unit": "市商务局", "sector": "经济", "month": "2023-10",
       "events": [
         {"event": "submit", "on": "2023-10-30"},
         {"event": "return", "on": "2023-11-01", "remedy": "supplement", "reasons": ["no_evidence"]}]}]}"#;
    let a = Policy::ankang_2020();
    let mut b = a.clone();
    b.parameters.supplement_period.value = Some(duban::WorkingDays(3));
    let w = compare(json, &a, &b, "2023-11-10");
    assert_eq!(changed(&w), ["supplement_period"]);
    assert_eq!(w.differences.len(), 1);
    let diff = &w.differences[0];
    assert_eq!(diff.parameters, ["supplement_period"]);
    assert_eq!(diff.status_a.map(|s| s.code()), Some("awaiting_supplement"));
    // Returned Wed 11-01 + 3 working days = Mon 11-06 (after the due date 10-31): overdue
    // since 11-07; wd (11-06, 11-10] = 4; cd 4.
    assert_eq!(
        diff.status_b,
        Some(duban::Status::Overdue {
            since: duban::parse_date("2023-11-07").unwrap(),
            working_days: 4,
            calendar_days: 4
        })
    );
    // 市商务局 becomes a late unit, and a trigger.
    assert_eq!(unit_rows(&w), [("市商务局".to_owned(), 0, 1, false, true)]);
}
