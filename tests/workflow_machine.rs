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
    // A state whose words depend on its data (returned for redo or for supplement) is
    // named once.
    assert_eq!(
        duban::ReportState::NAMES,
        ["awaiting", "submitted", "returned", "accepted"]
    );
    assert_eq!(ReportFlow::STATES.len(), 5);
    assert_eq!(
        duban::EscalationState::NAMES,
        ["open", "urged", "requested", "escalated", "declined"]
    );
    assert_eq!(duban::ReportEvent::NAMES, ["submit", "return", "accept"]);
    assert_eq!(ReportFlow::NAME.zh, "进展情况报送流程");
    assert_eq!(InspectionFlow::NAME.name, WorkflowKind::Inspection.name());
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
            "interview_held",
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

/// A matter of each workflow, as a caseload gives it, and its first state as a host stores
/// it.
fn matter_of(kind: WorkflowKind, listed: bool) -> (Value, Value) {
    match kind {
        WorkflowKind::Report => (
            json!({"id": "M-PROP", "kind": "monthly_report", "unit": "u", "sector": "s",
                   "month": "2023-10"}),
            json!({"state": "awaiting"}),
        ),
        WorkflowKind::Inspection => (
            json!({"id": "M-PROP", "kind": "inspection", "unit": "u", "sector": "s",
                   "start": "2023-11-20",
                   "annual_plan": if listed { "listed" } else { "not_listed" }}),
            json!({"state": if listed { "planned" } else { "proposed" }}),
        ),
        WorkflowKind::Escalation => (
            json!({"id": "M-PROP", "kind": "escalation", "unit": "u", "sector": "s"}),
            json!({"state": "open"}),
        ),
        _ => (
            json!({"id": "M-PROP", "kind": "accountability", "unit": "u", "sector": "s"}),
            json!({"state": "normal"}),
        ),
    }
}

/// An event in its caseload (and machine) JSON form; `variant` picks its data, some of it
/// refused (a return without a reason, a request without the grounds, a rectification
/// deadline before the order).
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
        "place_under_key_supervision" => json!({"event": name, "on": on,
        "triggers": if variant % 4 == 0 { json!([]) } else { json!(["slow_progress"]) },
        "rectify_by": match variant % 3 {
            0 => on.checked_sub_days(Days::new(1)).unwrap(),
            1 => on,
            _ => on.checked_add_days(Days::new(u64::from(variant % 9))).unwrap(),
        }}),
        _ => json!({"event": name, "on": on}),
    }
}

/// The stored state as a host database gives it back: read, kept as a document (keys in
/// another order), and written out again.
fn through_the_database(stored: &str) -> String {
    let kept: Value = serde_json::from_str(stored).unwrap();
    serde_json::to_string_pretty(&kept).unwrap()
}

/// The matter's events within a whole caseload (the example's matters, and this one).
fn caseload_with(matter: &Value, events: &[Value], as_of: NaiveDate) -> String {
    let example: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/examples/data/caseload.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let mut m = matter.clone();
    m["events"] = Value::Array(events.to_vec());
    let mut matters = example["matters"].as_array().unwrap().clone();
    matters.push(m);
    json!({"schema": "duban-caseload/1", "as_of": as_of, "matters": matters}).to_string()
}

/// D6 of an interview held on `interview`.
fn plan_due(interview: NaiveDate, policy: &Policy, cal: &Calendar) -> NaiveDate {
    duban::Obligation::RectificationPlan { interview }
        .deadline(policy, cal)
        .unwrap()
        .due()
}

/// The matter's source: one of the caseload's codes (Art. 5 and Art. 6 ones), or none
/// (`pick` past the last).
fn source_of(pick: usize) -> Option<duban::MatterSource> {
    duban::MatterSource::ALL.get(pick).copied()
}

fn steps() -> impl Strategy<Value = (usize, bool, usize, Vec<(usize, u64, u8)>)> {
    (
        0usize..4,
        any::<bool>(),
        0usize..=duban::MatterSource::ALL.len(),
        proptest::collection::vec((0usize..10, 0u64..5, any::<u8>()), 0..14),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Events of every workflow, generated, applied one at a time through the stored JSON
    /// form (the state written out and read back between steps, as a host database keeps
    /// it), give at every step the state, the allowed-next list and the open deadlines that
    /// a whole-caseload check of the same matter, truncated at that event, gives; an event
    /// one refuses the other refuses. One event is refused by `apply` and recorded by the
    /// check: an unplanned inspection started without approval, which is never allowed
    /// (Art. 10), and which the check reports as a violation (a caseload records facts).
    #[test]
    fn one_at_a_time_agrees_with_the_caseload_check((which, listed, source, seq) in steps()) {
        let kind = WorkflowKind::ALL[which];
        let (mut matter, initial) = matter_of(kind, listed);
        let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
        let mut state = duban::stored_state(kind, &initial.to_string()).unwrap();
        // An escalation matter comes from a random source (an Art. 5 one cannot be
        // escalated, Art. 4), or none; its stored state carries the same source.
        let source = source_of(source).filter(|_| kind == WorkflowKind::Escalation);
        if let Some(source) = source {
            matter["source"] = json!(source.code());
            let mut stored: Value = serde_json::from_str(&state).unwrap();
            stored["source"] = json!(source.code());
            state = stored.to_string();
        }
        let mut log: Vec<Value> = Vec::new();
        let mut interview: Option<NaiveDate> = None;
        let mut on = d("2023-10-20");
        for (pick, gap, variant) in seq {
            // Mostly a few days apart, now and then some weeks (deadlines pass).
            let gap = if variant % 5 == 0 { gap * 7 } else { gap };
            on = on.checked_add_days(Days::new(gap)).unwrap();
            // Mostly an event the host is told is allowed, now and then any event.
            let told: Value = serde_json::from_str(&next_json(kind, &state, on).unwrap()).unwrap();
            let told: Vec<&str> = told["allowed"].as_array().unwrap().iter()
                .filter_map(Value::as_str).collect();
            let events: Vec<&str> = kind.events().iter().map(|l| l.name).collect();
            // Mostly one that takes the matter further (not a referral, nor an end).
            let further: Vec<&str> = told
                .iter()
                .copied()
                .filter(|n| !matches!(*n, "refer" | "rectify" | "decline" | "reject"))
                .collect();
            let name = if variant % 4 != 0 && variant % 3 != 0 && !further.is_empty() {
                further[pick % further.len()]
            } else if variant % 4 != 0 && !told.is_empty() {
                told[pick % told.len()]
            } else {
                events[pick % events.len()]
            };
            let event = event_json(name, on, variant);

            // The host: one event on the stored state.
            let stepped = apply_json(kind, &state, &event.to_string());
            // The check: the whole caseload, this matter's events up to this one.
            let mut with = log.clone();
            with.push(event.clone());
            let report = duban::check(
                &Caseload::from_json(caseload_with(&matter, &with, on)).unwrap(),
                &policy, &cal, on).unwrap();
            let refused_by_check = report.errors.iter()
                .find(|e| e.matter.as_deref() == Some("M-PROP"));
            let checked = report.matters.iter().find(|m| &*m.id == "M-PROP");
            match (&stepped, refused_by_check) {
                (Ok(next), None) => {
                    let next: Value = serde_json::from_str(next).unwrap();
                    // The source is kept through apply (absent stays absent).
                    prop_assert_eq!(next.get("source").and_then(Value::as_str),
                                    source.map(|s| s.code()));
                    let m = checked.unwrap();
                    // The state the host is shown is the check's, a referral apart.
                    let shown: Value = serde_json::from_str(
                        &next_json(kind, &next.to_string(), on).unwrap()).unwrap();
                    prop_assert_eq!(m.state, shown["state"].as_str().unwrap());
                    prop_assert_eq!(m.referred_on.map(|d| d.to_string()),
                                    shown["referred_on"].as_str().map(str::to_owned));
                    if next["state"]["state"] == "referred" {
                        prop_assert_eq!(m.state, next["state"]["case"]["state"].as_str().unwrap());
                        prop_assert_eq!(m.referred_on.map(|d| d.to_string()),
                                        next["state"]["on"].as_str().map(str::to_owned));
                    } else {
                        prop_assert_eq!(m.state, next["state"]["state"].as_str().unwrap());
                        prop_assert_eq!(m.referred_on, None);
                    }
                    state = through_the_database(&next.to_string());
                    log = with;
                    if name == "hold_interview" {
                        interview = Some(on);
                    }
                }
                (Err(err), Some(e)) => {
                    // Refused for the matter's source: the gate's words in both, the check
                    // naming the event's place, apply the state and the event.
                    if name == "request_escalation"
                        && source.is_some_and(|s| s.is_supervision_office())
                    {
                        let gate = EscalationFlow::may_escalate(source).unwrap_err();
                        for lang in [Language::Chinese, Language::English] {
                            prop_assert!(err.message(lang).ends_with(gate.message(lang)));
                        }
                        prop_assert!(e.message_en.ends_with(gate.message(Language::English)),
                                     "{} / {}", e.message_en, gate.message(Language::English));
                        prop_assert!(e.message_zh.ends_with(gate.message(Language::Chinese)));
                    }
                }
                (Err(err), None) => {
                    // Not a disagreement on what is allowed: an unplanned inspection started
                    // without approval (Art. 10, 经批准后方可开展) is not allowed, and `apply`,
                    // the gate a host calls before an act, refuses it, naming the violation;
                    // the check, which records what happened, takes it as a fact and reports
                    // that violation. It was never in the allowed list.
                    prop_assert!(kind == WorkflowKind::Inspection && !listed && name == "start",
                                 "only the machine refused {}: {}", event,
                                 err.message(Language::English));
                    prop_assert!(!told.contains(&"start"));
                    prop_assert!(err.message(Language::Chinese).contains("未经审批"));
                    let flagged = report.inspection_violations.iter()
                        .any(|v| &*v.matter == "M-PROP"
                             && v.violation == duban::ViolationKind::NoApproval);
                    prop_assert!(flagged);
                }
                (Ok(_), Some(e)) => {
                    prop_assert!(false, "only the check refused {}: {}", event, e.message_en);
                }
            }

            // What comes next, on this day: the host's answer from the stored state and
            // the check's answer for the matter.
            let doc = caseload_with(&matter, &log, on);
            let step = next_step(&doc, "M-PROP", Some(on), &policy, &cal, Language::Chinese)
                .unwrap();
            let machine: Value = serde_json::from_str(&next_json(kind, &state, on).unwrap())
                .unwrap();
            let stored: Value = serde_json::from_str(&state).unwrap();
            prop_assert_eq!(&step.state, machine["state"].as_str().unwrap());
            prop_assert_eq!(step.referred_on.map(|d| d.to_string()),
                            machine["referred_on"].as_str().map(str::to_owned));
            if stored["state"]["state"] == "referred" {
                prop_assert_eq!(&step.state, stored["state"]["case"]["state"].as_str().unwrap());
            }
            let machine_allowed: Vec<String> = machine["allowed"].as_array().unwrap()
                .iter().map(|v| v.as_str().unwrap().to_owned()).collect();
            prop_assert_eq!(&step.allowed, &machine_allowed, "in {}", step.state);
            if let (WorkflowKind::Accountability, Some(i)) = (kind, interview) {
                // Graded poor only once D6 has passed, in both (Art. 12 (3)).
                if on <= plan_due(i, &policy, &cal) {
                    prop_assert!(!step.allowed.contains(&"grade_poor".to_owned()));
                }
            }

            // The open deadlines are the whole check's, of the same matter on this day.
            let whole = duban::check(&Caseload::from_json(&doc).unwrap(), &policy, &cal, on)
                .unwrap();
            let m = whole.matters.iter().find(|m| &*m.id == "M-PROP").unwrap();
            let open: Vec<(String, NaiveDate, String)> = m.obligations.iter()
                .filter(|o| !matches!(o.status.code(), "met_on_time" | "met_late"))
                .map(|o| (o.deadline.kind().code().to_owned(), o.deadline.due(),
                          o.status.code().to_owned()))
                .collect();
            let open_next: Vec<(String, NaiveDate, String)> = step.open.iter()
                .map(|o| (o.code.clone(), o.due, o.status.clone()))
                .collect();
            prop_assert_eq!(&open_next, &open);
            match kind {
                // D2 of 2023-10: the last working day of October 2023 (a Tuesday).
                WorkflowKind::Report => {
                    prop_assert!(open_next.iter().all(|o| o.0 == "D2" && o.1 == d("2023-10-31")));
                }
                WorkflowKind::Escalation => prop_assert!(open_next.is_empty()),
                // A planned inspection needs no application nor approval.
                WorkflowKind::Inspection if listed => prop_assert!(open_next.is_empty()),
                // D6 only once the interview is held.
                WorkflowKind::Accountability => {
                    prop_assert!(open_next.iter().all(|o| o.0 == "D6" && interview.is_some()));
                }
                _ => {}
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

// ---------------------------------------------------------------------------------------
// One rule in one place: what one event at a time and the check used to part on

fn held_interview() -> String {
    stored(
        "accountability",
        json!({"state": "interview_held", "on": "2023-09-27", "supervised_on": "2023-09-01"}),
    )
}

#[test]
fn grade_poor_waits_for_d6_one_event_at_a_time_as_in_the_check() {
    // Interview on Wed 2023-09-27: seven calendar days end on 2023-10-04, a holiday of the
    // National Day break (09-29..10-06), rolled to the make-up working day Sat 2023-10-07.
    let s = held_interview();
    for early in ["2023-09-28", "2023-10-04", "2023-10-07"] {
        let event = format!(r#"{{"event":"grade_poor","on":"{early}"}}"#);
        let err = apply_json(WorkflowKind::Accountability, &s, &event).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::IllegalTransition, "{early}");
        assert!(
            err.message(Language::Chinese).contains("2023-10-07"),
            "{early}"
        );
        let next: Value =
            serde_json::from_str(&next_json(WorkflowKind::Accountability, &s, d(early)).unwrap())
                .unwrap();
        assert!(!next["allowed"]
            .as_array()
            .unwrap()
            .contains(&json!("grade_poor")));
    }
    let next = apply_json(
        WorkflowKind::Accountability,
        &s,
        r#"{"event":"grade_poor","on":"2023-10-08"}"#,
    )
    .unwrap();
    assert!(next.contains(r#""state":"graded_poor""#));
    // Under a policy that reads 一周 as five working days, D6 is Tue 2023-10-10.
    let five = Policy::from_json(
        r#"{"schema": "duban-policy/1", "id": "five", "in_force_from": "2020-01-06",
            "parameters": {"rectification_plan_period": {"value": "five_working_days"}}}"#,
    )
    .unwrap();
    let cal = Calendar::china();
    let on_10 = r#"{"event":"grade_poor","on":"2023-10-10"}"#;
    assert!(duban::apply_json_with(WorkflowKind::Accountability, &s, on_10, &five, &cal).is_err());
    let on_11 = r#"{"event":"grade_poor","on":"2023-10-11"}"#;
    assert!(duban::apply_json_with(WorkflowKind::Accountability, &s, on_11, &five, &cal).is_ok());
    // Referred, the case inside keeps the rule.
    let referred = apply_json(
        WorkflowKind::Accountability,
        &s,
        r#"{"event":"refer","on":"2023-09-29"}"#,
    )
    .unwrap();
    assert!(apply_json(
        WorkflowKind::Accountability,
        &referred,
        r#"{"event":"grade_poor","on":"2023-10-07"}"#
    )
    .is_err());
}

#[test]
fn an_unapproved_start_is_not_allowed_but_the_check_records_it() {
    let caseload = |events: Value| {
        json!({"schema": "duban-caseload/1", "as_of": "2023-10-16", "matters": [
            {"id": "DC", "kind": "inspection", "unit": "u", "sector": "s",
             "start": "2023-10-16", "annual_plan": "not_listed", "events": events}]})
        .to_string()
    };
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let applied = caseload(json!([{"event": "apply", "on": "2023-09-20", "reason": "r"}]));
    let n = next_step(&applied, "DC", None, &policy, &cal, Language::Chinese).unwrap();
    assert_eq!(n.state, "applied");
    assert_eq!(n.allowed, ["approve", "reject"]);
    let s = stored(
        "inspection",
        json!({"state": "applied", "on": "2023-09-20"}),
    );
    let machine: Value =
        serde_json::from_str(&next_json(WorkflowKind::Inspection, &s, d("2023-10-16")).unwrap())
            .unwrap();
    assert_eq!(machine["allowed"], json!(["approve", "reject"]));
    let err = apply_json(
        WorkflowKind::Inspection,
        &s,
        r#"{"event":"start","on":"2023-10-16"}"#,
    )
    .unwrap_err();
    assert!(err.message(Language::Chinese).contains("未经审批"));
    assert!(err.message(Language::English).contains("no_approval"));
    // The caseload records what happened, and the check reports it.
    let started = caseload(
        json!([{"event": "apply", "on": "2023-09-20", "reason": "r"},
                                  {"event": "start", "on": "2023-10-16"}]),
    );
    let report = duban::check(
        &Caseload::from_json(&started).unwrap(),
        &policy,
        &cal,
        d("2023-10-16"),
    )
    .unwrap();
    assert!(report.errors.is_empty());
    assert!(report
        .inspection_violations
        .iter()
        .any(|v| v.violation == duban::ViolationKind::NoApproval));
    // After a start without approval, nothing more is a step to take.
    let n = next_step(&started, "DC", None, &policy, &cal, Language::Chinese).unwrap();
    assert_eq!(n.state, "carried_out");
    assert!(n.allowed.is_empty(), "{:?}", n.allowed);
}

#[test]
fn a_referred_case_is_shown_by_the_state_of_its_workflow_in_both() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/data/states/accountability.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let next: Value = serde_json::from_str(
        &next_json(WorkflowKind::Accountability, &text, d("2023-10-09")).unwrap(),
    )
    .unwrap();
    assert_eq!(next["state"], "interview_held");
    assert_eq!(next["label_zh"], "已约谈");
    assert_eq!(next["referred_on"], "2023-09-28");
    let doc = json!({"schema": "duban-caseload/1", "as_of": "2023-10-09", "matters": [
        {"id": "YT", "kind": "accountability", "unit": "u", "sector": "s", "events": [
            {"event": "place_under_key_supervision", "on": "2023-09-01",
             "triggers": ["slow_progress"], "rectify_by": "2023-09-15"},
            {"event": "propose_interview", "on": "2023-09-18"},
            {"event": "approve_interview", "on": "2023-09-20"},
            {"event": "hold_interview", "on": "2023-09-27"},
            {"event": "refer", "on": "2023-09-28"}]}]})
    .to_string();
    let step = next_step(
        &doc,
        "YT",
        None,
        &Policy::ankang_2020(),
        &Calendar::china(),
        Language::Chinese,
    )
    .unwrap();
    assert_eq!(step.state, "interview_held");
    assert_eq!(step.referred_on, Some(d("2023-09-28")));
    let allowed: Vec<&str> = next["allowed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(step.allowed, allowed);
    assert!(!allowed.contains(&"refer"));
}

#[test]
fn an_impossible_date_in_an_event_is_named_at_its_place() {
    let s = stored("report", json!({"state": "awaiting"}));
    let event = "{\n  \"event\": \"submit\",\n  \"on\": \"2024-02-30\"\n}";
    let err = apply_json(WorkflowKind::Report, &s, event).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let (zh, en) = (
        err.message(Language::Chinese),
        err.message(Language::English),
    );
    assert!(
        zh.contains("2024-02-30") && zh.contains("第3行第9列"),
        "{zh}"
    );
    assert!(
        en.contains("2024-02-30") && en.contains("line 3, column 9"),
        "{en}"
    );
    assert!(!zh.contains("第0行"));
    let p = err.position().unwrap();
    assert_eq!((p.line, p.column), (3, 9));
    // The same in a stored state.
    let s = r#"{"schema":"duban-state/1","kind":"report","state":{"state":"submitted","on":"2024-02-30","original_on":"2024-02-28"}}"#;
    let err = next_json(WorkflowKind::Report, s, d("2024-03-01")).unwrap_err();
    let p = err.position().unwrap();
    assert_eq!(&s[p.column - 1..p.column + 11], r#""2024-02-30""#);
    assert!(err.message(Language::English).contains("2024-02-30"));
}

/// A Chinese message with no English word in it (JSON values quoted in “…” aside).
fn no_english(zh: &str) -> bool {
    let mut outside = String::new();
    let mut quoted = false;
    for c in zh.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            _ if !quoted => outside.push(c),
            _ => {}
        }
    }
    !outside.chars().any(|c| c.is_ascii_alphabetic())
}

#[test]
fn an_unknown_inner_state_is_placed_in_the_callers_text_in_chinese() {
    let s = "{\"schema\": \"duban-state/1\",\n \"kind\": \"report\",\n \"state\": {\"state\": \"half_done\"}}";
    let err = next_json(WorkflowKind::Report, s, d("2024-03-01")).unwrap_err();
    let zh = err.message(Language::Chinese);
    assert!(zh.contains("half_done"), "{zh}");
    assert!(zh.contains("第3行第21列"), "{zh}");
    assert!(!zh.contains(" state"), "{zh}");
    let before_colon = zh.split('：').next().unwrap();
    assert!(no_english(before_colon), "{zh}");
    let p = err.position().unwrap();
    assert_eq!((p.line, p.column), (3, 21));
}

#[test]
fn unknown_fields_in_a_stored_state_are_refused_and_named() {
    let cases = [
        // A state with data.
        (
            json!({"state": "submitted", "on": "2024-03-28", "original_on": "2024-03-28",
                   "submited_on": "2024-03-28"}),
            "report",
            "submited_on",
        ),
        // A state with no data.
        (
            json!({"state": "normal", "note": "x"}),
            "accountability",
            "note",
        ),
        (
            json!({"state": "open", "urged_on": null}),
            "escalation",
            "urged_on",
        ),
        // Inside the case of a referral.
        (
            json!({"state": "referred", "on": "2023-09-28",
                   "case": {"state": "normal", "extra": 1}}),
            "accountability",
            "extra",
        ),
    ];
    for (state, kind, field) in cases {
        let s = stored(kind, state);
        let k: WorkflowKind = kind.parse().unwrap();
        let err = next_json(k, &s, d("2024-03-01")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{s}");
        assert!(
            err.message(Language::Chinese)
                .contains(&format!("未知字段“{field}”")),
            "{}",
            err.message(Language::Chinese)
        );
        assert!(err.message(Language::English).contains(field));
        // The position is the field's key in the caller's text.
        let p = err.position().unwrap();
        assert_eq!(p.line, 1);
        assert!(
            s[p.column - 1..].starts_with(&format!("\"{field}\"")),
            "{s} {p:?}"
        );
        assert!(duban::stored_state(k, &s).is_err());
    }
    // An absent optional date may be written as null.
    let s = stored(
        "accountability",
        json!({"state": "interview_held", "on": "2023-09-27", "supervised_on": "2023-09-01",
               "result_reported_on": null}),
    );
    assert!(next_json(WorkflowKind::Accountability, &s, d("2023-10-09")).is_ok());
}

#[test]
fn an_open_deadline_still_to_come_is_pending() {
    let doc = json!({"schema": "duban-caseload/1", "as_of": "2023-10-09", "matters": [
        {"id": "YB", "kind": "monthly_report", "unit": "u", "sector": "s", "month": "2023-10"}]})
    .to_string();
    let n = next_step(
        &doc,
        "YB",
        None,
        &Policy::ankang_2020(),
        &Calendar::china(),
        Language::Chinese,
    )
    .unwrap();
    assert_eq!(n.open.len(), 1);
    assert_eq!(n.open[0].status, "pending");
}

#[test]
fn a_referral_inside_a_referral_is_refused_as_the_schema_does() {
    let twice = stored(
        "accountability",
        json!({"state": "referred", "on": "2023-09-28",
               "case": {"state": "referred", "on": "2023-09-28", "case": {"state": "normal"}}}),
    );
    let err = next_json(WorkflowKind::Accountability, &twice, d("2023-10-09")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.message(Language::Chinese).contains("只移送一次"));
    let p = err.position().unwrap();
    // At the inner case: the object after the first `"case":`.
    let inner = twice.find(r#""case":"#).unwrap() + r#""case":"#.len();
    assert_eq!(p.column - 1, inner, "{twice} {p:?}");
    let err = apply_json(
        WorkflowKind::Accountability,
        &twice,
        r#"{"event":"rectify","on":"2023-10-09"}"#,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

/// A stored escalation state urged on 2024-04-22, from `source` (none when `None`).
fn urged_from(source: Option<&str>) -> String {
    let mut s = json!({"schema": "duban-state/1", "kind": "escalation",
                       "state": {"state": "urged", "on": "2024-04-22"}});
    if let Some(source) = source {
        s["source"] = json!(source);
    }
    s.to_string()
}

const REQUEST: &str = r#"{"event":"request_escalation","on":"2024-05-06",
    "grounds":["overall","ineffective_after_urging"]}"#;

#[test]
fn an_art5_source_in_the_stored_state_is_not_escalated() {
    // meeting_decisions is Art. 5 (3): the Supervision Office's own already (Art. 4).
    let s = urged_from(Some("meeting_decisions"));
    let err = apply_json(WorkflowKind::Escalation, &s, REQUEST).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::IllegalTransition);
    assert_eq!(
        err.message(Language::Chinese),
        "提级督查流程（第四条）处于“已催办”状态，不能于2024-05-06“申请提级督查”：\
         该事项来源于第五条第（三）项（市政府全体会议、常务会议、市长办公会议决定事项），\
         本由市政府督查室督办，不能转交市政府督查室提级督查（第四条）"
    );
    assert!(err
        .message(Language::English)
        .contains("(meeting_decisions), which the Supervision Office already supervises itself"));
    let next: Value =
        serde_json::from_str(&next_json(WorkflowKind::Escalation, &s, d("2024-05-06")).unwrap())
            .unwrap();
    assert_eq!(next["allowed"], json!(["urge"]));
    // Urging it is still allowed, and the source stays with the state.
    let urged = apply_json(
        WorkflowKind::Escalation,
        &s,
        r#"{"event":"urge","on":"2024-05-06"}"#,
    )
    .unwrap();
    let urged: Value = serde_json::from_str(&urged).unwrap();
    assert_eq!(urged["source"], "meeting_decisions");
    assert_eq!(
        urged["state"],
        json!({"state": "urged", "on": "2024-05-06"})
    );
}

#[test]
fn an_art6_source_or_none_is_escalated_and_the_source_is_kept() {
    // leader_meeting_decisions is Art. 6 (1).
    let s = urged_from(Some("leader_meeting_decisions"));
    let next: Value =
        serde_json::from_str(&next_json(WorkflowKind::Escalation, &s, d("2024-05-06")).unwrap())
            .unwrap();
    assert_eq!(next["allowed"], json!(["urge", "request_escalation"]));
    let requested: Value =
        serde_json::from_str(&apply_json(WorkflowKind::Escalation, &s, REQUEST).unwrap()).unwrap();
    assert_eq!(requested["source"], "leader_meeting_decisions");
    assert_eq!(requested["state"]["state"], "requested");
    // No source: allowed, as the check allows a matter without one; absent stays absent.
    let requested: Value = serde_json::from_str(
        &apply_json(WorkflowKind::Escalation, &urged_from(None), REQUEST).unwrap(),
    )
    .unwrap();
    assert_eq!(requested.get("source"), None);
    assert_eq!(requested["state"]["state"], "requested");
}

#[test]
fn a_source_on_another_workflow_is_kept_and_ignored() {
    let s = r#"{"schema":"duban-state/1","kind":"report","source":"major_decisions",
        "state":{"state":"awaiting"}}"#;
    let next: Value = serde_json::from_str(
        &apply_json(
            WorkflowKind::Report,
            s,
            r#"{"event":"submit","on":"2024-03-28"}"#,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(next["source"], "major_decisions");
    assert_eq!(next["state"]["state"], "submitted");
}

#[test]
fn a_source_that_is_not_a_code_is_refused_by_name() {
    let s = urged_from(Some("the_mayor"));
    let err = apply_json(WorkflowKind::Escalation, &s, REQUEST).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.message(Language::English).contains("the_mayor"),
        "{}",
        err.message(Language::English)
    );
    assert!(err.message(Language::Chinese).contains("the_mayor"));
}

#[test]
fn the_check_and_the_stored_state_give_the_same_source_refusal() {
    let matter = json!({"id": "M-PROP", "kind": "escalation", "unit": "u", "sector": "s",
        "source": "major_decisions", "events": [
            {"event": "urge", "on": "2024-04-22"},
            serde_json::from_str::<Value>(REQUEST).unwrap()]});
    let doc = json!({"schema": "duban-caseload/1", "as_of": "2024-05-06", "matters": [matter]});
    let report = duban::check(
        &Caseload::from_json(doc.to_string()).unwrap(),
        &Policy::ankang_2020(),
        &Calendar::china(),
        d("2024-05-06"),
    )
    .unwrap();
    let gate = EscalationFlow::may_escalate(Some(duban::MatterSource::MajorDecisions)).unwrap_err();
    let err = apply_json(
        WorkflowKind::Escalation,
        &urged_from(Some("major_decisions")),
        REQUEST,
    )
    .unwrap_err();
    let refused = &report.errors[0];
    assert_eq!(refused.code, "illegal_transition");
    for lang in [Language::Chinese, Language::English] {
        // The check: the gate's words after the event's place; apply: after the state
        // and the event.
        assert!(err.message(lang).ends_with(gate.message(lang)));
    }
    assert_eq!(
        refused.message_zh,
        format!("第2个事件：{}", gate.message(Language::Chinese))
    );
    assert_eq!(
        refused.message_en,
        format!("event 2: {}", gate.message(Language::English))
    );
    assert!(err
        .message(Language::English)
        .starts_with("cannot request_escalation on 2024-05-06 in state urged"));
}
