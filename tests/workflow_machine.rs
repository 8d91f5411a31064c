//! The one interface over the four workflows: the `Workflow` trait and its tables, the
//! stored JSON form (`duban-state/1`), and `next_step` agreeing with the caseload check.

use chrono::{Days, NaiveDate};
use duban::{
    apply_json, next_json, next_step, parse_date, stored_kind, AccountabilityFlow, Calendar,
    Caseload, ErrorKind, EscalationFlow, InspectionFlow, Language, Policy, ReportFlow, ReportState,
    Workflow, WorkflowKind,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn d(text: &str) -> NaiveDate {
    parse_date(text).unwrap()
}

fn names<W: Workflow>(state: &W::State, on: &str) -> Vec<&'static str> {
    W::allowed(state, d(on)).iter().map(|l| l.name).collect()
}

fn stored(kind: &str, state: Value) -> String {
    json!({"schema": "duban-state/1", "kind": kind, "state": state}).to_string()
}

// ---------------------------------------------------------------------------------------
// The tables

#[test]
fn every_machine_has_one_table_of_names_and_words_in_both_languages() {
    fn table<W: Workflow>() {
        for row in W::STATES.iter().chain(W::EVENTS) {
            assert!(!row.name.is_empty() && row.name.is_ascii(), "{row:?}");
            assert!(!row.zh.is_empty() && !row.zh.is_ascii(), "{row:?}");
            assert!(
                !row.zh.chars().any(|c| c.is_ascii_alphabetic()),
                "English in the Chinese label: {row:?}"
            );
            assert!(!row.en.is_empty() && row.en.is_ascii(), "{row:?}");
        }
        let mut events: Vec<_> = W::EVENTS.iter().map(|r| r.name).collect();
        events.dedup();
        assert_eq!(events.len(), W::EVENTS.len(), "event names are unique");
    }
    table::<ReportFlow>();
    table::<InspectionFlow>();
    table::<EscalationFlow>();
    table::<AccountabilityFlow>();
    // The public NAMES lists are read off the same tables.
    assert_eq!(
        duban::InspectionEvent::NAMES,
        InspectionFlow::EVENTS
            .iter()
            .map(|r| r.name)
            .collect::<Vec<_>>()
    );
    assert_eq!(duban::AccountabilityState::NAMES.len(), 9);
    assert_eq!(ReportFlow::KIND, WorkflowKind::Report);
    assert_eq!(AccountabilityFlow::article(), duban::Article::item(12, 3));
}

// ---------------------------------------------------------------------------------------
// Allowed events, hand-checked against the articles

#[test]
fn art_9_allowed_events_per_state() {
    let s = ReportState::new();
    assert_eq!(names::<ReportFlow>(&s, "2024-03-28"), ["submit"]);
    let s = ReportFlow::apply(
        &s,
        &duban::ReportEvent::Submit {
            on: d("2024-03-28"),
        },
    )
    .unwrap();
    assert_eq!(names::<ReportFlow>(&s, "2024-03-28"), ["return", "accept"]);
    // Nothing may be dated before the submission.
    assert!(names::<ReportFlow>(&s, "2024-03-27").is_empty());
    let s = ReportFlow::apply(
        &s,
        &duban::ReportEvent::Accept {
            on: d("2024-03-29"),
        },
    )
    .unwrap();
    assert!(names::<ReportFlow>(&s, "2024-04-01").is_empty());
}

#[test]
fn art_4_and_art_10_allowed_events_per_state() {
    let open = duban::EscalationState::new();
    assert_eq!(names::<EscalationFlow>(&open, "2024-04-22"), ["urge"]);
    let planned = duban::InspectionState::new(duban::AnnualPlan::Listed);
    assert_eq!(names::<InspectionFlow>(&planned, "2023-10-16"), ["start"]);
    let proposed = duban::InspectionState::new(duban::AnnualPlan::NotListed);
    assert_eq!(names::<InspectionFlow>(&proposed, "2023-10-16"), ["apply"]);
    let normal = duban::AccountabilityState::new();
    let allowed = names::<AccountabilityFlow>(&normal, "2023-09-01");
    assert!(allowed.contains(&"place_under_key_supervision"));
    assert!(!allowed.contains(&"hold_interview"));
}

// ---------------------------------------------------------------------------------------
// The stored form: a state of each kind written by this version loads

#[test]
fn stored_states_of_this_version_load() {
    let read = |kind: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/data/states/{kind}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let cases = [
        // (kind, the state's name, an event allowed next, the state it leads to)
        (
            "report",
            "returned",
            r#"{"event":"submit","on":"2024-04-03"}"#,
            "submitted",
        ),
        (
            "inspection",
            "approved",
            r#"{"event":"file","on":"2023-10-07"}"#,
            "filed",
        ),
        (
            "escalation",
            "declined",
            r#"{"event":"request_escalation","on":"2024-05-20","grounds":["overall","ineffective_after_urging"]}"#,
            "requested",
        ),
        (
            "accountability",
            "referred",
            r#"{"event":"submit_plan","on":"2023-10-07"}"#,
            "referred",
        ),
    ];
    for (kind, state, event, after) in cases {
        let text = read(kind);
        let k: WorkflowKind = kind.parse().unwrap();
        assert_eq!(stored_kind(&text).unwrap(), k);
        let next: Value =
            serde_json::from_str(&next_json(k, &text, d("2024-06-03")).unwrap()).unwrap();
        assert_eq!(next["state"], state, "{kind}");
        let applied: Value = serde_json::from_str(&apply_json(k, &text, event).unwrap()).unwrap();
        assert_eq!(applied["schema"], "duban-state/1");
        assert_eq!(applied["state"]["state"], after, "{kind}");
    }
    // The referred case moved on inside: the plan is in.
    let applied: Value = serde_json::from_str(
        &apply_json(
            WorkflowKind::Accountability,
            &read("accountability"),
            r#"{"event":"submit_plan","on":"2023-10-07"}"#,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(applied["state"]["case"]["state"], "plan_submitted");
}

#[test]
fn stored_state_errors_name_what_is_wrong_in_both_languages() {
    let s = stored("report", json!({"state": "awaiting"}));
    let err = apply_json(
        WorkflowKind::Inspection,
        &s,
        r#"{"event":"apply","on":"2024-01-02"}"#,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err
        .message(Language::English)
        .contains("kind report, not inspection"));
    let later = r#"{"schema":"duban-state/2","kind":"report","state":{"state":"awaiting"}}"#;
    let err = stored_kind(later).unwrap_err();
    assert!(err.message(Language::Chinese).contains("duban-state/2"));
    let err = apply_json(
        WorkflowKind::Report,
        &s,
        r#"{"event":"accept","on":"2024-01-02"}"#,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::IllegalTransition);
    assert!(err.message(Language::Chinese).contains("待报送"));
    assert!(err.message(Language::Chinese).contains("审核通过"));
    assert!(err
        .message(Language::English)
        .contains("cannot accept on 2024-01-02 in state awaiting"));
}

// ---------------------------------------------------------------------------------------
// One event at a time against the whole-caseload check

/// A report or escalation event in its caseload (and machine) JSON form.
fn event_json(name: &str, on: NaiveDate, variant: u8) -> Value {
    match name {
        "return" => json!({"event": name, "on": on,
            "remedy": if variant % 2 == 0 { "redo" } else { "supplement" },
            "reasons": if variant % 3 == 0 { json!([]) } else { json!(["missing_item"]) }}),
        "request_escalation" => json!({"event": name, "on": on,
        "grounds": match variant % 3 {
            0 => json!(["wide_reaching"]),
            1 => json!(["wide_reaching", "ineffective_after_urging"]),
            _ => json!(["ineffective_after_urging"]),
        }}),
        _ => json!({"event": name, "on": on}),
    }
}

fn steps() -> impl Strategy<Value = (bool, Vec<(usize, u64, u8)>)> {
    (
        any::<bool>(),
        proptest::collection::vec((0usize..4, 0u64..4, any::<u8>()), 0..8),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Events applied one at a time through the stored JSON form give, at every step, the
    /// state, the allowed-next list and the open deadline that the caseload check gives for
    /// the same events; a refused event is refused by both.
    #[test]
    fn one_at_a_time_agrees_with_the_caseload_check((escalation, seq) in steps()) {
        let (kind, wkind, events, matter) = if escalation {
            ("escalation", WorkflowKind::Escalation, EscalationFlow::EVENTS,
             json!({"id": "M", "kind": "escalation", "unit": "u", "sector": "s"}))
        } else {
            ("report", WorkflowKind::Report, ReportFlow::EVENTS,
             json!({"id": "M", "kind": "monthly_report", "unit": "u", "sector": "s",
                    "month": "2023-10"}))
        };
        let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
        let initial = if escalation { json!({"state": "open"}) } else { json!({"state": "awaiting"}) };
        let mut state = stored(kind, initial);
        let mut log: Vec<Value> = Vec::new();
        let mut on = d("2023-10-20");
        let as_of = d("2023-12-29");
        for (which, gap, variant) in seq {
            on = on.checked_add_days(Days::new(gap)).unwrap();
            let Some(label) = events.get(which) else { continue };
            let event = event_json(label.name, on, variant);
            let stepped = apply_json(wkind, &state, &event.to_string());
            let mut with = log.clone();
            with.push(event.clone());
            let mut m = matter.clone();
            m["events"] = Value::Array(with.clone());
            let doc = json!({"schema": "duban-caseload/1", "as_of": as_of, "matters": [m]});
            let report = duban::check(&Caseload::from_json(doc.to_string()).unwrap(),
                                      &policy, &cal, as_of).unwrap();
            match stepped {
                Ok(next) => {
                    prop_assert!(report.errors.is_empty(), "{:?}", report.errors);
                    let next_v: Value = serde_json::from_str(&next).unwrap();
                    prop_assert_eq!(report.matters[0].state, next_v["state"]["state"].as_str().unwrap());
                    state = next;
                    log = with;
                }
                Err(err) => {
                    prop_assert_eq!(report.errors.len(), 1, "machine refused: {}",
                                    err.message(Language::English));
                }
            }
            // What comes next: the machine's list and the check's list agree.
            let mut m = matter.clone();
            m["events"] = Value::Array(log.clone());
            let doc = json!({"schema": "duban-caseload/1", "as_of": as_of, "matters": [m]});
            let step = next_step(&doc.to_string(), "M", Some(as_of), &policy, &cal,
                                 Language::Chinese).unwrap();
            let machine: Value = serde_json::from_str(&next_json(wkind, &state, as_of).unwrap()).unwrap();
            prop_assert_eq!(&step.state, machine["state"].as_str().unwrap());
            let machine_allowed: Vec<String> = machine["allowed"].as_array().unwrap()
                .iter().map(|v| v.as_str().unwrap().to_owned()).collect();
            prop_assert_eq!(&step.allowed, &machine_allowed);
            // The open deadline is the check's own.
            let whole = duban::check(&Caseload::from_json(doc.to_string()).unwrap(),
                                     &policy, &cal, as_of).unwrap();
            let open: Vec<_> = whole.matters[0].obligations.iter()
                .filter(|o| o.met_on.is_none())
                .map(|o| o.deadline.due())
                .collect();
            let open_next: Vec<_> = step.open.iter().map(|o| o.due).collect();
            if escalation {
                prop_assert!(open_next.is_empty());
            } else {
                // D2 of 2023-10: the last working day of October 2023 (a Tuesday).
                prop_assert!(open_next.iter().all(|due| *due == d("2023-10-31")));
                prop_assert_eq!(open_next.len(), open.len());
            }
        }
    }
}

#[test]
fn next_step_on_the_example_caseload_hand_checked() {
    let text = std::fs::read_to_string(format!(
        "{}/examples/data/caseload.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    // A report returned for supplement on 2023-11-02: only a resubmission may come; D2
    // (2023-10-31, the last working day of October) stays open, awaiting the supplement.
    let n = next_step(
        &text,
        "YB-2023-10-SW",
        None,
        &policy,
        &cal,
        Language::Chinese,
    )
    .unwrap();
    assert_eq!(n.state, "returned");
    assert_eq!(n.state_label, "退回补办中");
    assert_eq!(n.allowed, ["submit"]);
    assert_eq!(n.allowed_labels, ["报送"]);
    assert_eq!(n.open.len(), 1);
    assert_eq!(n.open[0].code, "D2");
    assert_eq!(n.open[0].due, d("2023-10-31"));
    assert_eq!(n.open[0].status, "awaiting_supplement");
    // An interview held on 2023-10-09, result not reported, plan not in: D6 is 2023-10-16
    // (seven calendar days, a Monday), overdue; the result is a finding.
    let n = next_step(&text, "YT-2023-05", None, &policy, &cal, Language::English).unwrap();
    assert_eq!(n.state, "interview_held");
    assert!(n.allowed.contains(&"submit_plan".to_owned()));
    assert!(n.allowed.contains(&"report_interview_result".to_owned()));
    assert_eq!(n.open[0].code, "D6");
    assert_eq!(n.open[0].due, d("2023-10-16"));
    assert_eq!(n.open[0].status, "overdue");
    assert_eq!(n.findings.len(), 1);
    assert_eq!(n.findings[0]["kind"], "interview_result_not_reported");
    // On the day of the interview, grading poor is not yet allowed (D6 has not passed).
    let n = next_step(
        &text,
        "YT-2023-05",
        Some(d("2023-10-09")),
        &policy,
        &cal,
        Language::English,
    )
    .unwrap();
    assert!(!n.allowed.contains(&"grade_poor".to_owned()));
    // An unknown id names the id.
    let err = next_step(&text, "NOPE", None, &policy, &cal, Language::Chinese).unwrap_err();
    assert!(err.message(Language::Chinese).contains("NOPE"));
}
