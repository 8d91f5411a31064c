//! The versioned policy: 安政办发〔2020〕1号 as parameters with their articles and dates of
//! effect, the JSON policy file (`duban-policy/1`), what-if changes and validation.

mod util;

use duban::{
    Article, Bound, Calendar, ErrorKind, Language, MeetingKind, Obligation, ObligationKind,
    Parameters, Policy, StartDay, SupplementCredit, WeekReading, WorkingDays, POLICY_SCHEMA,
};
use serde_json::{json, Value};
use util::{d, err_kind};

/// A policy file with the given `parameters` object and the 2020 header.
fn file_with(parameters: Value) -> String {
    json!({
        "schema": POLICY_SCHEMA,
        "id": "what-if",
        "title": "a what-if policy",
        "in_force_from": "2020-01-06",
        "parameters": parameters,
    })
    .to_string()
}

/// Asserts an `InvalidPolicy` error whose messages (both languages) name `parameter`.
#[track_caller]
fn invalid(text: &str, parameter: &str) {
    let err = err_kind(Policy::from_json(text), ErrorKind::InvalidPolicy);
    for language in [Language::Chinese, Language::English] {
        let msg = err.message(language);
        assert!(
            msg.contains(parameter),
            "{language:?} {msg:?} does not name {parameter:?}"
        );
    }
}

/// Asserts that `policy.validate()` is an `InvalidPolicy` error naming `parameter`.
#[track_caller]
fn invalid_value(policy: &Policy, parameter: &str) {
    let err = err_kind(policy.validate(), ErrorKind::InvalidPolicy);
    assert!(
        err.message(Language::English).contains(parameter),
        "{err:?} does not name {parameter:?}"
    );
    // The same mistake in a file is refused by from_json.
    invalid(&policy.to_json(), parameter);
}

// ---------------------------------------------------------------------------------------
// The 2020 policy

#[test]
fn ankang_2020_holds_the_regulation_s_numbers_and_articles() {
    let p = Policy::ankang_2020();
    assert_eq!(p.schema, POLICY_SCHEMA);
    assert_eq!(p.id, "安政办发〔2020〕1号");
    assert_eq!(p.title, "安康市政府系统督促检查工作办法");
    // Art. 13: 本办法自印发之日起实施; issued 2020-01-06.
    assert_eq!(p.in_force_from, d("2020-01-06"));
    assert_eq!(Policy::default(), p);
    assert!(p.validate().is_ok());

    let q = &p.parameters;
    assert_eq!(q.meeting_follow_up_period.value, WorkingDays(30));
    assert_eq!(q.meeting_follow_up_period.article, Article::paragraph(9, 1));
    assert_eq!(
        q.follow_up_meetings.value,
        [
            MeetingKind::Plenary,
            MeetingKind::Executive,
            MeetingKind::MayorsOffice,
            MeetingKind::SpecialTopic
        ]
    );
    assert_eq!(q.monthly_report_bound.value, Bound::Inclusive);
    assert_eq!(q.monthly_report_bound.article, Article::paragraph(9, 1));
    assert_eq!(q.quarterly_report_bound.value, Bound::Inclusive);
    assert_eq!(q.quarterly_report_bound.article, Article::whole(7));
    assert_eq!(q.inspection_notice_period.value, WorkingDays(7));
    assert_eq!(q.inspection_notice_period.article, Article::whole(10));
    assert_eq!(q.inspection_start_day.value, StartDay::Excluded);
    assert_eq!(q.inspection_approval_bound.value, Bound::Inclusive);
    assert_eq!(
        q.rectification_plan_period.value,
        WeekReading::SevenCalendarDays
    );
    assert_eq!(q.rectification_plan_period.article, Article::item(12, 3));
    assert_eq!(q.year_end_summary_bound.value, Bound::Inclusive);
    assert_eq!(q.year_end_summary_bound.article, Article::item(12, 4));
    assert_eq!(
        q.supplement_credit.value,
        SupplementCredit::OriginalSubmission
    );
    assert_eq!(q.supplement_credit.article, Article::paragraph(9, 2));
    assert_eq!(q.late_reports_for_key_supervision.value, 1);
    assert_eq!(*q, Parameters::default());
}

#[test]
fn every_obligation_parameter_cites_the_obligation_s_article() {
    let p = Policy::ankang_2020();
    let json = serde_json::to_value(&p.parameters).unwrap();
    for kind in ObligationKind::ALL {
        for name in kind.parameters() {
            let article: Article = serde_json::from_value(json[*name]["article"].clone())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(article, kind.article(), "{kind:?} {name}");
            assert_eq!(json[*name]["since"], "2020-01-06", "{name}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// JSON

#[test]
fn ankang_2020_round_trips_through_json() {
    let p = Policy::ankang_2020();
    let text = p.to_json();
    assert!(text.contains("\"duban-policy/1\""), "{text}");
    assert!(text.contains("安政办发〔2020〕1号"), "{text}");
    assert_eq!(Policy::from_json(&text).unwrap(), p);
}

#[test]
fn a_changed_policy_round_trips_through_json() {
    let mut p = Policy::ankang_2020();
    p.id = "what-if-all".to_owned();
    let q = &mut p.parameters;
    q.meeting_follow_up_period.value = WorkingDays(20);
    q.meeting_follow_up_period.since = d("2024-01-01");
    q.follow_up_meetings.value.push(MeetingKind::OnSite);
    q.monthly_report_bound.value = Bound::Exclusive;
    q.inspection_start_day.value = StartDay::Counted;
    q.rectification_plan_period.value = WeekReading::FiveWorkingDays;
    q.supplement_credit.value = SupplementCredit::Resubmission;
    q.late_reports_for_key_supervision.value = 3;
    q.year_end_summary_bound.note = "a note".to_owned();
    assert_eq!(Policy::from_json(&p.to_json()).unwrap(), p);
}

#[test]
fn a_partial_policy_file_takes_the_2020_values_for_the_rest() {
    let text = file_with(json!({
        "meeting_follow_up_period": {
            "value": 20,
            "article": {"number": 9, "paragraph": 1},
            "since": "2020-01-06"
        }
    }));
    let p = Policy::from_json(&text).unwrap();
    let base = Policy::ankang_2020();
    assert_eq!(p.parameters.meeting_follow_up_period.value, WorkingDays(20));
    // Everything else is the 2020 policy's.
    let mut expected = base.parameters.clone();
    expected.meeting_follow_up_period = p.parameters.meeting_follow_up_period.clone();
    assert_eq!(p.parameters, expected);
    assert_eq!(p.id, "what-if");
    assert_eq!(p.in_force_from, base.in_force_from);

    // The changed period moves the D1 due date: 20th working day after 2023-09-20 is
    // 2023-10-24 (Sep 21-28 = 6, 10-07/08 make-up = 8, Oct 9-13 = 13, 16-20 = 18,
    // 23 = 19, 24 = 20).
    let o = Obligation::MeetingFollowUp {
        meeting: d("2023-09-20"),
        kind: MeetingKind::Executive,
    };
    assert_eq!(
        o.deadline(&p, &Calendar::china()).unwrap().due(),
        d("2023-10-24")
    );
}

#[test]
fn a_file_without_parameters_or_schema_is_the_2020_policy() {
    let text = json!({"id": "安政办发〔2020〕1号", "in_force_from": "2020-01-06"}).to_string();
    let p = Policy::from_json(&text).unwrap();
    assert_eq!(p.schema, POLICY_SCHEMA);
    assert_eq!(p.parameters, Parameters::default());
    assert!(Policy::ankang_2020().changes(&p).is_empty());
}

#[test]
fn the_example_policy_files_load() {
    for (file, parameter) in [
        (
            "policy-meeting-20-working-days.json",
            "meeting_follow_up_period",
        ),
        ("policy-exclusive-qian.json", ""),
    ] {
        let path = format!("{}/examples/data/{file}", env!("CARGO_MANIFEST_DIR"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let p = Policy::from_json(&text).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        let changes = Policy::ankang_2020().changes(&p);
        assert!(!changes.is_empty(), "{file}");
        if !parameter.is_empty() {
            let names: Vec<_> = changes.iter().map(|c| c.parameter.as_str()).collect();
            assert_eq!(names, [parameter], "{file}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// What changed

fn names(a: &Policy, b: &Policy) -> Vec<String> {
    let mut names: Vec<String> = a.changes(b).into_iter().map(|c| c.parameter).collect();
    names.sort();
    names
}

#[test]
fn changes_lists_exactly_the_changed_parameters() {
    let base = Policy::ankang_2020();
    assert!(base.changes(&base.clone()).is_empty());

    let mut b = base.clone();
    b.parameters.monthly_report_bound.value = Bound::Exclusive;
    b.parameters.meeting_follow_up_period.value = WorkingDays(20);
    assert_eq!(
        names(&base, &b),
        ["meeting_follow_up_period", "monthly_report_bound"]
    );

    let changes = base.changes(&b);
    let period = changes
        .iter()
        .find(|c| c.parameter == "meeting_follow_up_period")
        .unwrap();
    assert_eq!(period.before["value"], 30);
    assert_eq!(period.after["value"], 20);
    let bound = changes
        .iter()
        .find(|c| c.parameter == "monthly_report_bound")
        .unwrap();
    assert_eq!(bound.before["value"], "inclusive");
    assert_eq!(bound.after["value"], "exclusive");

    // Symmetric in the names, with before and after swapped.
    assert_eq!(names(&b, &base), names(&base, &b));
    let back = b.changes(&base);
    assert_eq!(
        back.iter()
            .find(|c| c.parameter == "monthly_report_bound")
            .unwrap()
            .after["value"],
        "inclusive"
    );
}

#[test]
fn changes_sees_articles_dates_and_the_in_force_date_but_not_notes() {
    let base = Policy::ankang_2020();

    let mut noted = base.clone();
    noted.parameters.inspection_notice_period.note = "a different note".to_owned();
    assert!(base.changes(&noted).is_empty(), "a note is not a change");

    let mut cited = base.clone();
    cited.parameters.quarterly_report_bound.article = Article::paragraph(7, 1);
    assert_eq!(names(&base, &cited), ["quarterly_report_bound"]);

    let mut later = base.clone();
    later.parameters.rectification_plan_period.since = d("2024-01-01");
    assert_eq!(names(&base, &later), ["rectification_plan_period"]);

    let mut moved = base.clone();
    moved.in_force_from = d("2021-01-01");
    let changes = base.changes(&moved);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].parameter, "in_force_from");
    assert_eq!(changes[0].before, "2020-01-06");
    assert_eq!(changes[0].after, "2021-01-01");

    // The id and title are names, not rules.
    let mut renamed = base.clone();
    renamed.id = "other".to_owned();
    renamed.title = "other".to_owned();
    assert!(base.changes(&renamed).is_empty());
}

#[test]
fn changes_covers_every_parameter() {
    let base = Policy::ankang_2020();
    let mut all = base.clone();
    let q = &mut all.parameters;
    q.meeting_follow_up_period.value = WorkingDays(20);
    q.follow_up_meetings.value.push(MeetingKind::OnSite);
    q.monthly_report_bound.value = Bound::Exclusive;
    q.quarterly_report_bound.value = Bound::Exclusive;
    q.inspection_notice_period.value = WorkingDays(10);
    q.inspection_start_day.value = StartDay::Counted;
    q.inspection_approval_bound.value = Bound::Exclusive;
    q.rectification_plan_period.value = WeekReading::FiveWorkingDays;
    q.year_end_summary_bound.value = Bound::Exclusive;
    q.supplement_credit.value = SupplementCredit::Resubmission;
    q.late_reports_for_key_supervision.value = 2;
    assert_eq!(
        names(&base, &all),
        [
            "follow_up_meetings",
            "inspection_approval_bound",
            "inspection_notice_period",
            "inspection_start_day",
            "late_reports_for_key_supervision",
            "meeting_follow_up_period",
            "monthly_report_bound",
            "quarterly_report_bound",
            "rectification_plan_period",
            "supplement_credit",
            "year_end_summary_bound",
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Validation

#[test]
fn a_zero_period_is_invalid_and_named() {
    let mut p = Policy::ankang_2020();
    p.parameters.meeting_follow_up_period.value = WorkingDays(0);
    invalid_value(&p, "meeting_follow_up_period");

    let mut p = Policy::ankang_2020();
    p.parameters.inspection_notice_period.value = WorkingDays(0);
    invalid_value(&p, "inspection_notice_period");

    invalid(
        &file_with(json!({
            "inspection_notice_period": {"value": 0, "article": {"number": 10}, "since": "2020-01-06"}
        })),
        "inspection_notice_period",
    );
}

#[test]
fn periods_are_between_1_and_366_working_days() {
    for (days, ok) in [(1, true), (366, true), (367, false), (u32::MAX, false)] {
        let mut p = Policy::ankang_2020();
        p.parameters.meeting_follow_up_period.value = WorkingDays(days);
        if ok {
            assert!(p.validate().is_ok(), "{days}");
            assert!(Policy::from_json(&p.to_json()).is_ok(), "{days}");
        } else {
            invalid_value(&p, "meeting_follow_up_period");
        }
    }
}

#[test]
fn zero_late_reports_for_key_supervision_is_invalid() {
    let mut p = Policy::ankang_2020();
    p.parameters.late_reports_for_key_supervision.value = 0;
    invalid_value(&p, "late_reports_for_key_supervision");
}

#[test]
fn a_parameter_holding_before_the_policy_is_in_force_is_invalid() {
    let mut p = Policy::ankang_2020();
    p.parameters.year_end_summary_bound.since = d("2020-01-05");
    invalid_value(&p, "year_end_summary_bound");

    // Moving the policy's own date later makes every 2020-01-06 parameter too early.
    let mut p = Policy::ankang_2020();
    p.in_force_from = d("2021-01-01");
    let err = err_kind(p.validate(), ErrorKind::InvalidPolicy);
    assert!(err.message(Language::English).contains("2021-01-01"));

    invalid(
        &file_with(json!({
            "monthly_report_bound": {"value": "exclusive", "article": {"number": 9, "paragraph": 1}, "since": "2019-12-31"}
        })),
        "monthly_report_bound",
    );
}

#[test]
fn an_unknown_field_is_invalid_and_named() {
    // In the parameters (a misspelt name would otherwise be silently ignored).
    invalid(
        &file_with(json!({
            "meeting_follow_up_periods": {"value": 20, "article": {"number": 9, "paragraph": 1}, "since": "2020-01-06"}
        })),
        "meeting_follow_up_periods",
    );
    // At the top level.
    let text = json!({
        "schema": POLICY_SCHEMA,
        "id": "x",
        "in_force_from": "2020-01-06",
        "in_force_until": "2030-01-01"
    })
    .to_string();
    invalid(&text, "in_force_until");
}

#[test]
fn a_wrong_schema_tag_is_invalid_and_named() {
    let mut p = Policy::ankang_2020();
    p.schema = "duban-policy/2".to_owned();
    invalid_value(&p, "schema");
    let err = err_kind(Policy::from_json(&p.to_json()), ErrorKind::InvalidPolicy);
    assert!(err.message(Language::English).contains("duban-policy/2"));
}

#[test]
fn malformed_files_are_invalid_policies() {
    for text in [
        "",
        "not json",
        "[]",
        r#"{"id": "x"}"#,
        r#"{"in_force_from": "2020-01-06"}"#,
        r#"{"id": "x", "in_force_from": "2020-13-01"}"#,
        &file_with(json!({
            "meeting_follow_up_period": {"value": "thirty", "article": {"number": 9}, "since": "2020-01-06"}
        })),
        &file_with(json!({
            "monthly_report_bound": {"value": "sometimes", "article": {"number": 9}, "since": "2020-01-06"}
        })),
        &file_with(json!({
            "follow_up_meetings": {"value": ["tea_party"], "article": {"number": 9}, "since": "2020-01-06"}
        })),
    ] {
        err_kind(Policy::from_json(text), ErrorKind::InvalidPolicy);
    }
}

// ---------------------------------------------------------------------------------------
// In force

#[test]
fn check_in_force_from_the_day_of_issue() {
    let p = Policy::ankang_2020();
    // Art. 13: in force on the day of issue, 2020-01-06.
    assert!(p.check_in_force(d("2020-01-06"), &[]).is_ok());
    assert!(p
        .check_in_force(d("2026-12-31"), &["meeting_follow_up_period"])
        .is_ok());
    let err = err_kind(
        p.check_in_force(d("2020-01-05"), &[]),
        ErrorKind::PolicyNotInForce,
    );
    for language in [Language::Chinese, Language::English] {
        let msg = err.message(language);
        assert!(msg.contains("2020-01-05"), "{msg}");
        assert!(msg.contains("2020-01-06"), "{msg}");
        assert!(msg.contains("安政办发〔2020〕1号"), "{msg}");
    }
}

#[test]
fn check_in_force_honours_each_parameter_s_own_date() {
    let mut p = Policy::ankang_2020();
    p.parameters.meeting_follow_up_period.value = WorkingDays(20);
    p.parameters.meeting_follow_up_period.since = d("2024-01-01");
    assert!(p.validate().is_ok());

    // Only the parameters asked about matter.
    let err = err_kind(
        p.check_in_force(d("2023-12-31"), &["meeting_follow_up_period"]),
        ErrorKind::PolicyNotInForce,
    );
    for language in [Language::Chinese, Language::English] {
        let msg = err.message(language);
        assert!(msg.contains("meeting_follow_up_period"), "{msg}");
        assert!(msg.contains("2024-01-01"), "{msg}");
        assert!(msg.contains("2023-12-31"), "{msg}");
    }
    assert!(p
        .check_in_force(d("2023-12-31"), &["monthly_report_bound"])
        .is_ok());
    assert!(p.check_in_force(d("2023-12-31"), &[]).is_ok());
    assert!(p
        .check_in_force(d("2024-01-01"), &["meeting_follow_up_period"])
        .is_ok());

    // The same through each obligation's own parameter list.
    for kind in ObligationKind::ALL {
        let uses = kind.parameters().contains(&"meeting_follow_up_period");
        let result = p.check_in_force(d("2023-12-31"), kind.parameters());
        assert_eq!(result.is_err(), uses, "{kind:?}");
    }
}

#[test]
fn a_policy_in_force_later_refuses_earlier_triggers() {
    let mut p = Policy::ankang_2020();
    p.id = "a-2024-revision".to_owned();
    p.in_force_from = d("2024-01-01");
    for name in [
        "meeting_follow_up_period",
        "follow_up_meetings",
        "monthly_report_bound",
        "quarterly_report_bound",
        "inspection_notice_period",
        "inspection_start_day",
        "inspection_approval_bound",
        "rectification_plan_period",
        "year_end_summary_bound",
        "supplement_credit",
        "late_reports_for_key_supervision",
        "supplement_period",
        "escalation_grounds",
    ] {
        let mut value = serde_json::to_value(&p).unwrap();
        value["parameters"][name]["since"] = json!("2024-01-01");
        p = serde_json::from_value(value).unwrap();
    }
    assert!(p.validate().is_ok());
    let cal = Calendar::china();
    let meeting = |date| Obligation::MeetingFollowUp {
        meeting: d(date),
        kind: MeetingKind::Plenary,
    };
    let err = err_kind(
        meeting("2023-12-29").deadline(&p, &cal),
        ErrorKind::PolicyNotInForce,
    );
    assert!(err.message(Language::English).contains("a-2024-revision"));
    // Tue 2024-01-02 (01-01 元旦): Jan 3-5 = 3, 8-12 = 8, 15-19 = 13, 22-26 = 18,
    // 29-Feb 2 = 23, Sun 02-04 make-up = 24, Feb 5-9 = 29 (除夕 02-09 was worked),
    // then the Spring Festival break 02-10..02-17, Sun 02-18 make-up = 30.
    assert_eq!(
        meeting("2024-01-02").deadline(&p, &cal).unwrap().due(),
        d("2024-02-18")
    );
}

/// A misspelt field inside a parameter or its article is refused, not silently dropped
/// (a "sinse" would otherwise leave the what-if date without effect).
#[test]
fn unknown_fields_inside_a_parameter_are_errors() {
    for bad in [
        r#"{"id": "x", "in_force_from": "2020-01-06", "parameters": {"meeting_follow_up_period":
            {"value": 20, "article": {"number": 9, "paragraph": 1}, "since": "2020-01-06", "sinse": "2024-01-01"}}}"#,
        r#"{"id": "x", "in_force_from": "2020-01-06", "parameters": {"meeting_follow_up_period":
            {"value": 20, "article": {"number": 9, "paragraf": 1}, "since": "2020-01-06"}}}"#,
    ] {
        let err = Policy::from_json(bad).unwrap_err();
        assert_eq!(err.kind(), duban::ErrorKind::InvalidPolicy, "{bad}");
    }
}

/// A changed parameter may give only its value: the article stays the 2020 one and the
/// date is the policy's in-force date.
#[test]
fn a_parameter_may_give_only_its_value() {
    let p = Policy::from_json(
        r#"{"id": "x", "in_force_from": "2025-01-01", "parameters": {"inspection_notice_period": {"value": 10}}}"#,
    )
    .unwrap();
    let n = &p.parameters.inspection_notice_period;
    assert_eq!(n.value.0, 10);
    assert_eq!(n.article, duban::Article::whole(10));
    assert_eq!(n.since.to_string(), "2025-01-01");
    // in_force_from, and the 13 parameters' dates.
    assert_eq!(Policy::ankang_2020().changes(&p).len(), 14);
}
