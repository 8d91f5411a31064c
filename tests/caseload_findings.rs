//! Golden tests for the findings of issue 8: who may be put under key supervision, the
//! accountability and escalation workflows as the regulation allows them, sources, the
//! year-end summary. Every date is counted by hand from the notices in data/notices/; the
//! count is in the comment beside it. (Supplements, late sections, bands, inspections and
//! D4 are in caseload_check.rs and obligations.rs.)

use chrono::NaiveDate;
use duban::{check, Calendar, Caseload, CheckReport, FindingKind, Policy, Status, WeekReading};

fn d(s: &str) -> NaiveDate {
    duban::parse_date(s).unwrap_or_else(|e| panic!("bad date {s}: {e:?}"))
}

fn doc(matters: &[&str]) -> String {
    format!(
        r#"{{"schema": "duban-caseload/1", "matters": [{}]}}"#,
        matters.join(",")
    )
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

/// The errors as (matter, code, English message).
fn errors(r: &CheckReport) -> Vec<(String, &'static str, String)> {
    r.errors
        .iter()
        .map(|e| {
            (
                e.matter.clone().unwrap_or_default(),
                e.code,
                e.message_en.clone(),
            )
        })
        .collect()
}

fn findings(r: &CheckReport) -> Vec<(String, FindingKind)> {
    r.findings
        .iter()
        .map(|f| (f.matter.to_string(), f.kind))
        .collect()
}

/// Key supervision Tue 08-01 (rectify by Thu 08-31), interview proposed Tue 09-05,
/// approved Fri 09-15, held Wed 09-27; D6: 09-27 + 7 = Wed 10-04, inside the break
/// 09-29..10-06, rolled to the make-up Sat 10-07.
const TO_INTERVIEW: &str = r#"
    {"event": "place_under_key_supervision", "on": "2023-08-01", "triggers": ["late_reporting"], "rectify_by": "2023-08-31"},
    {"event": "propose_interview", "on": "2023-09-05"},
    {"event": "approve_interview", "on": "2023-09-15"},
    {"event": "hold_interview", "on": "2023-09-27"}"#;

fn accountability(id: &str, unit: &str, extra: &str, events: &str) -> String {
    format!(
        r#"{{"id": "{id}", "kind": "accountability", "unit": "{unit}", "sector": "城建"{extra},
            "events": [{events}]}}"#
    )
}

// ---------------------------------------------------------------------------------------
// Art. 12 (3), Art. 2, 8, 9: key supervision is for 责任单位.

#[test]
fn sections_are_not_responsible_units() {
    let json = doc(&[
        // A section's monthly report, late: 2023-09 due Thu 09-28, submitted Mon 10-09 (10-07,
        // 10-08, 10-09: 3 working days late).
        r#"{"id": "YB-KS", "kind": "monthly_report", "unit": "市政府办公室三科", "unit_kind": "office_section",
            "sector": "经济", "month": "2023-09", "events": [{"event": "submit", "on": "2023-10-09"}]}"#,
        // The same, for a county government: a 责任单位, a trigger.
        r#"{"id": "YB-XQ", "kind": "monthly_report", "unit": "汉滨区人民政府", "unit_kind": "county_government",
            "sector": "经济", "month": "2023-09", "events": [{"event": "submit", "on": "2023-10-09"}]}"#,
        // A quarterly ledger said to be a county government's: a ledger is a section's.
        r#"{"id": "JD-XQ", "kind": "quarterly_report", "unit": "汉滨区人民政府", "unit_kind": "county_government",
            "sector": "经济", "quarter": "2023-Q3"}"#,
        // A section under key supervision: refused.
        &accountability(
            "YT-KS",
            "市政府办公室三科",
            r#", "unit_kind": "office_section""#,
            TO_INTERVIEW,
        ),
    ]);
    let r = run(&json, "2023-11-10");
    for id in ["YB-KS", "YB-XQ"] {
        let m = r.matters.iter().find(|m| &*m.id == id).expect(id);
        assert_eq!(
            m.obligations[0].status,
            Status::MetLate {
                on: d("2023-10-09"),
                working_days_late: 3,
                calendar_days_late: 11
            },
            "{id}"
        );
    }
    let units: Vec<_> = r
        .late_units
        .iter()
        .map(|u| (u.unit.to_string(), u.key_supervision_trigger))
        .collect();
    assert_eq!(units, [("汉滨区人民政府".to_owned(), true)]);
    let sections: Vec<_> = r
        .late_sections
        .iter()
        .map(|u| (u.unit.to_string(), u.key_supervision_trigger))
        .collect();
    assert_eq!(sections, [("市政府办公室三科".to_owned(), false)]);
    let e = errors(&r);
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!((e[0].0.as_str(), e[0].1), ("JD-XQ", "invalid_value"));
    assert!(e[0].2.contains("kept by an office section"), "{}", e[0].2);
    assert_eq!((e[1].0.as_str(), e[1].1), ("YT-KS", "illegal_transition"));
    assert!(e[1].2.contains("not a responsible unit"), "{}", e[1].2);
    let zh = &r.errors[1].message_zh;
    assert!(zh.contains("不是责任单位，不适用重点督办"), "{zh}");
    assert_eq!(r.summary.key_supervision_units, 1);
    assert_eq!(r.summary.late_sections, 1);
}

// ---------------------------------------------------------------------------------------
// Art. 12 (3): interview after the rectification deadline; 较差 only after D6; the result
// of the interview reported to the mayor; referral alongside.

#[test]
fn interview_only_after_the_rectification_deadline() {
    // Proposed Wed 08-30, the day before the deadline Thu 08-31: refused.
    let early = accountability(
        "YT-EARLY",
        "市林业局",
        "",
        r#"{"event": "place_under_key_supervision", "on": "2023-08-01", "triggers": ["neglect"], "rectify_by": "2023-08-31"},
           {"event": "propose_interview", "on": "2023-08-30"}"#,
    );
    // On the deadline itself: allowed (经重点督办仍不整改: the time is up that day).
    let on_time = accountability(
        "YT-DUE",
        "市林业局",
        "",
        r#"{"event": "place_under_key_supervision", "on": "2023-08-01", "triggers": ["neglect"], "rectify_by": "2023-08-31"},
           {"event": "propose_interview", "on": "2023-08-31"}"#,
    );
    let r = run(&doc(&[&early, &on_time]), "2023-11-10");
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        (e[0].0.as_str(), e[0].1),
        ("YT-EARLY", "illegal_transition")
    );
    assert!(
        e[0].2
            .contains("event 2: cannot propose_interview on 2023-08-30 in state key_supervision"),
        "{}",
        e[0].2
    );
    assert!(e[0]
        .2
        .contains("the rectification deadline 2023-08-31 has not come"));
    assert_eq!(r.matters[0].state, "interview_proposed");
}

#[test]
fn graded_poor_only_after_the_plan_deadline_and_criticised_in_the_year_end_summary() {
    // D6 is Sat 10-07 (see TO_INTERVIEW). Graded poor on Sun 10-08 (a make-up working
    // day), the day after: allowed. The result was reported Thu 09-28.
    let graded = accountability(
        "YT-POOR",
        "市林业局",
        "",
        &format!(
            r#"{TO_INTERVIEW},
               {{"event": "report_interview_result", "on": "2023-09-28"}},
               {{"event": "grade_poor", "on": "2023-10-08"}}"#
        ),
    );
    let r = run(&doc(&[&graded]), "2023-11-10");
    assert!(r.errors.is_empty(), "{:?}", errors(&r));
    let m = &r.matters[0];
    assert_eq!(m.state, "graded_poor");
    // No plan came: D6 overdue since Sun 10-08; wd (10-07, 11-10] = 10-08 (mk), 10-09..13,
    // 10-16..20, 10-23..27, 10-30..11-03, 11-06..10 = 1 + 25 = 26; cd 34.
    assert_eq!(m.obligations[0].deadline.due(), d("2023-10-07"));
    assert_eq!(
        m.obligations[0].status,
        Status::Overdue {
            since: d("2023-10-08"),
            working_days: 26,
            calendar_days: 34
        }
    );
    assert!(r.findings.is_empty());
    let y = &r.year_end;
    assert_eq!(y.year, 2023);
    let entries = |v: &[duban::SummaryEntry]| -> Vec<(String, Option<NaiveDate>)> {
        v.iter().map(|e| (e.unit.to_string(), e.on)).collect()
    };
    assert_eq!(
        entries(&y.interviewed),
        [("市林业局".to_owned(), Some(d("2023-09-27")))]
    );
    assert_eq!(
        entries(&y.criticised),
        [("市林业局".to_owned(), Some(d("2023-10-08")))]
    );

    // Under the other reading of 一周 (5 working days: 09-28, 10-07, 10-08, 10-09, 10-10 →
    // Tue 10-10) the plan's deadline has not passed on 10-08: refused.
    let mut five = Policy::ankang_2020();
    five.parameters.rectification_plan_period.value = WeekReading::FiveWorkingDays;
    let r = run_with(&doc(&[&graded]), &five, "2023-11-10");
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].1, "illegal_transition");
    assert!(
        e[0].2
            .contains("event 6: cannot grade_poor on 2023-10-08 in state interview_held")
            && e[0].2.contains("too early")
            && e[0].2.contains("due by 2023-10-10"),
        "{}",
        e[0].2
    );
    assert!(r.errors[0]
        .message_zh
        .contains("书面整改方案期限2023-10-10"));
}

#[test]
fn an_interview_result_not_reported_is_a_finding() {
    let reported = accountability(
        "YT-REP",
        "市林业局",
        "",
        &format!(r#"{TO_INTERVIEW}, {{"event": "report_interview_result", "on": "2023-09-28"}}"#),
    );
    let silent = accountability("YT-SIL", "市水利局", "", TO_INTERVIEW);
    let r = run(&doc(&[&reported, &silent]), "2023-11-10");
    assert!(r.errors.is_empty(), "{:?}", errors(&r));
    assert_eq!(
        findings(&r),
        [("YT-SIL".to_owned(), FindingKind::InterviewResultNotReported)]
    );
    let f = &r.findings[0];
    assert_eq!(f.article, duban::Article::item(12, 3));
    assert_eq!(f.message_zh, "2023-09-27约谈的结果尚未报市政府主要领导");
    // Before the interview there is nothing to report: no finding on 09-26.
    let r = run(&doc(&[&silent]), "2023-09-26");
    assert!(r.findings.is_empty());
}

#[test]
fn a_referral_runs_alongside_the_workflow() {
    // Referred Thu 08-10 during key supervision; rectified Fri 08-25 all the same.
    let json = doc(&[&accountability(
        "YT-REF",
        "市林业局",
        "",
        r#"{"event": "place_under_key_supervision", "on": "2023-08-01", "triggers": ["false_reporting"], "rectify_by": "2023-08-31"},
           {"event": "refer", "on": "2023-08-10"},
           {"event": "rectify", "on": "2023-08-25"}"#,
    )]);
    let r = run(&json, "2023-11-10");
    assert!(r.errors.is_empty(), "{:?}", errors(&r));
    let m = &r.matters[0];
    assert_eq!(m.state, "resolved");
    assert_eq!(m.referred_on, Some(d("2023-08-10")));
    assert!(m.obligations.is_empty());
    // On 08-20 it was under key supervision, and referred.
    let r = run(&json, "2023-08-20");
    assert_eq!(r.matters[0].state, "key_supervision");
    assert_eq!(r.matters[0].referred_on, Some(d("2023-08-10")));
    let mut out = Vec::new();
    r.write_json(
        &mut out,
        duban::Language::English,
        duban::Explanations::Omit,
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["matters"][0]["referred_on"], "2023-08-10");
    assert_eq!(v["matters"][0]["state"], "key_supervision");
}

// ---------------------------------------------------------------------------------------
// Art. 4: escalation is for matters handled below the Office; the urging is an event; the
// grounds' test is a policy parameter.

fn escalation(id: &str, source: &str, grounds: &str) -> String {
    format!(
        r#"{{"id": "{id}", "kind": "escalation", "unit": "市自然资源局", "sector": "城建"{source},
            "events": [{{"event": "urge", "on": "2023-10-08"}},
                       {{"event": "request_escalation", "on": "2023-10-10", "grounds": [{grounds}]}},
                       {{"event": "approve", "on": "2023-10-12"}}]}}"#
    )
}

#[test]
fn escalation_sources_and_grounds() {
    let one = r#""hard_to_coordinate", "ineffective_after_urging""#;
    let all = r#""wide_reaching", "overall", "comprehensive", "hard_to_coordinate", "ineffective_after_urging""#;
    let json = doc(&[
        &escalation("TJ-6", r#", "source": "key_projects""#, one),
        &escalation("TJ-5", r#", "source": "leader_assignments""#, one),
        &escalation("TJ-ALL", r#", "source": "leader_meeting_decisions""#, all),
    ]);
    let r = run(&json, "2023-11-10");
    let states: Vec<_> = r
        .matters
        .iter()
        .map(|m| (m.id.to_string(), m.state))
        .collect();
    assert_eq!(
        states,
        [
            ("TJ-6".to_owned(), "escalated"),
            ("TJ-ALL".to_owned(), "escalated")
        ]
    );
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!((e[0].0.as_str(), e[0].1), ("TJ-5", "illegal_transition"));
    assert!(
        e[0].2
            .contains("event 2: the matter comes from Art. 5(7) (leader_assignments)"),
        "{}",
        e[0].2
    );
    assert!(r.errors[0]
        .message_zh
        .contains("不能转交市政府督查室提级督查"));

    // Under the reading that asks for all four features, TJ-6 (one feature) is refused.
    let mut strict = Policy::ankang_2020();
    strict.parameters.escalation_grounds.value = duban::EscalationTest::AllFeaturesAndUrging;
    let r = run_with(&json, &strict, "2023-11-10");
    let e = errors(&r);
    assert_eq!(
        e.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(),
        ["TJ-6", "TJ-5"]
    );
    assert!(e[0].2.contains("all of wide_reaching"), "{}", e[0].2);
    assert_eq!(r.matters.len(), 1);
    assert_eq!(&*r.matters[0].id, "TJ-ALL");
}

// ---------------------------------------------------------------------------------------
// Art. 5, 6: a matter's source against its kind.

#[test]
fn sources_are_checked_against_the_kind() {
    let json = doc(&[
        // Executive meeting from Art. 5(3): listed.
        r#"{"id": "HY-OK", "kind": "meeting_follow_up", "unit": "u", "source": "meeting_decisions",
            "meeting": {"date": "2023-09-20", "kind": "executive"}}"#,
        // Special-topic meeting from Art. 6(1): listed.
        r#"{"id": "HY-OK6", "kind": "meeting_follow_up", "unit": "u", "source": "leader_meeting_decisions",
            "meeting": {"date": "2023-09-20", "kind": "special_topic"}}"#,
        // Special-topic meeting from Art. 5(3): not listed there.
        r#"{"id": "HY-X", "kind": "meeting_follow_up", "unit": "u", "source": "meeting_decisions",
            "meeting": {"date": "2023-09-20", "kind": "special_topic"}}"#,
        // A meeting from a source that names no meeting.
        r#"{"id": "HY-Y", "kind": "meeting_follow_up", "unit": "u", "source": "media_reports",
            "meeting": {"date": "2023-09-20", "kind": "plenary"}}"#,
        // A monthly report from the Government Work Report: fine; from elsewhere: not.
        r#"{"id": "YB-OK", "kind": "monthly_report", "unit": "u", "source": "government_work_report", "month": "2023-10"}"#,
        r#"{"id": "YB-X", "kind": "monthly_report", "unit": "u", "source": "online_messages", "month": "2023-10"}"#,
        // A ledger from an Art. 6 source: fine; from Art. 5: not.
        r#"{"id": "JD-OK", "kind": "quarterly_report", "unit": "一科", "source": "instructions_and_documents", "quarter": "2023-Q3"}"#,
        r#"{"id": "JD-X", "kind": "quarterly_report", "unit": "一科", "source": "major_decisions", "quarter": "2023-Q3"}"#,
    ]);
    let r = run(&json, "2023-11-10");
    assert!(r.errors.is_empty(), "{:?}", errors(&r));
    let k = FindingKind::SourceMismatch;
    assert_eq!(
        findings(&r),
        [
            ("HY-X".to_owned(), k),
            ("HY-Y".to_owned(), k),
            ("YB-X".to_owned(), k),
            ("JD-X".to_owned(), k)
        ]
    );
    let articles: Vec<_> = r.findings.iter().map(|f| f.article.to_string()).collect();
    assert_eq!(
        articles,
        [
            "第五条第（三）项",
            "第五条第（六）项",
            "第五条第（六）项",
            "第五条第（一）项"
        ]
    );
    assert!(r.findings[0]
        .message_zh
        .contains("市政府专项问题办公会议不在该事项来源第五条第（三）项"));
    // A Chinese message has no English fragment (no codes).
    for f in &r.findings {
        assert!(
            !f.message_zh.chars().any(|c| c.is_ascii_alphabetic()),
            "{}",
            f.message_zh
        );
    }
}

// ---------------------------------------------------------------------------------------
// Art. 12 (4): the year-end summary of the as-of day's year.

#[test]
fn the_year_end_summary_gathers_the_as_of_year() {
    let json = doc(&[
        r#"{"id": "PJ-23-JY", "kind": "evaluation", "unit": "市教育局", "year": 2023, "grade": "excellent"}"#,
        r#"{"id": "PJ-23-SW", "kind": "evaluation", "unit": "市商务局", "year": 2023, "grade": "good"}"#,
        r#"{"id": "PJ-22-WS", "kind": "evaluation", "unit": "市卫生健康委员会", "year": 2022, "grade": "excellent"}"#,
        &accountability("YT-23", "市林业局", "", TO_INTERVIEW),
        r#"{"id": "PJ-BAD", "kind": "evaluation", "unit": "u", "year": 2023}"#,
        r#"{"id": "PJ-EV", "kind": "evaluation", "unit": "u", "year": 2023, "grade": "pass",
            "events": [{"event": "submit", "on": "2023-10-09"}]}"#,
    ]);
    let r = run(&json, "2023-12-29");
    let e = errors(&r);
    assert_eq!(
        e.iter().map(|e| (e.0.as_str(), e.1)).collect::<Vec<_>>(),
        [("PJ-BAD", "missing_field"), ("PJ-EV", "event_not_allowed")]
    );
    let y = &r.year_end;
    assert_eq!(y.year, 2023);
    let units = |v: &[duban::SummaryEntry]| -> Vec<String> {
        v.iter().map(|e| e.unit.to_string()).collect()
    };
    assert_eq!(units(&y.commended), ["市教育局"]);
    assert_eq!(units(&y.interviewed), ["市林业局"]);
    assert!(y.criticised.is_empty());
    let grades: Vec<_> = r
        .matters
        .iter()
        .filter(|m| m.kind == duban::MatterKind::Evaluation)
        .map(|m| (m.state, m.state_label(duban::Language::Chinese)))
        .collect();
    assert_eq!(
        grades,
        [
            ("evaluated", "优秀"),
            ("evaluated", "良好"),
            ("evaluated", "优秀")
        ]
    );
    // As of 2024-01-02 the year is 2024: the 2023 entries are not gathered.
    let r = run(&json, "2024-01-02");
    assert_eq!(r.year_end.year, 2024);
    assert!(r.year_end.commended.is_empty() && r.year_end.interviewed.is_empty());
}

// ---------------------------------------------------------------------------------------
// Properties of the supplement status (Art. 9 ¶2).

mod supplement_properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// A monthly report submitted on or before its due date and returned for supplement
        /// is, while the supplement is pending, awaiting it under the default policy on any
        /// later day: never late, never a late unit. Under a supplement_period of n working
        /// days it is awaiting until max(return + n working days, due), overdue after.
        #[test]
        fn a_timely_report_awaiting_its_supplement_is_not_late(
            month in 1u32..=11,
            early in 0u64..20,
            gap in 0u64..30,
            wait in 0u64..60,
            n in 1u32..15,
        ) {
            let cal = Calendar::china();
            let policy = Policy::ankang_2020();
            let ym: duban::YearMonth = format!("2023-{month:02}").parse().unwrap();
            let due = duban::Obligation::MonthlyReport { month: ym }
                .deadline(&policy, &cal)
                .unwrap()
                .due();
            let submitted = due - chrono::Days::new(early);
            let returned = submitted + chrono::Days::new(gap);
            let as_of = returned + chrono::Days::new(wait);
            let json = doc(&[&format!(
                r#"{{"id": "YB", "kind": "monthly_report", "unit": "市商务局", "month": "{ym}",
                    "events": [{{"event": "submit", "on": "{submitted}"}},
                               {{"event": "return", "on": "{returned}", "remedy": "supplement", "reasons": ["other"]}}]}}"#
            )]);
            let r = run(&json, &as_of.to_string());
            prop_assert!(r.errors.is_empty(), "{:?}", errors(&r));
            let status = r.matters[0].obligations[0].status;
            prop_assert_eq!(
                status,
                Status::AwaitingSupplement { submitted_on: submitted, returned_on: returned, supplement_due: None }
            );
            prop_assert!(r.late_units.is_empty());

            let mut timed = Policy::ankang_2020();
            timed.parameters.supplement_period.value = Some(duban::WorkingDays(n));
            let r = run_with(&json, &timed, &as_of.to_string());
            let supplement_due = cal.add_workdays(returned, n as i32).unwrap().max(due);
            let status = r.matters[0].obligations[0].status;
            if as_of <= supplement_due {
                prop_assert_eq!(
                    status,
                    Status::AwaitingSupplement {
                        submitted_on: submitted,
                        returned_on: returned,
                        supplement_due: Some(supplement_due)
                    }
                );
                prop_assert!(r.late_units.is_empty());
            } else {
                prop_assert_eq!(
                    status,
                    Status::Overdue {
                        since: supplement_due + chrono::Days::new(1),
                        working_days: cal.workdays_between(supplement_due, as_of).unwrap(),
                        calendar_days: (as_of - supplement_due).num_days(),
                    }
                );
                prop_assert_eq!(r.late_units.len(), 1);
            }
        }
    }
}
