//! The workflows of 安政办发〔2020〕1号 (Art. 4, 9, 10, 12) as state machines.
//!
//! For each machine: the whole transition table (every state × every event, allowed with
//! the next state's name, or forbidden), asserted at once so that any change shows up; full
//! paths asserted state by state (statig style); serde round trips; the dates kept in the
//! states; and a property test that no sequence of events panics.
//!
//! The tables are read off the regulation's text (regulation/ankang-zhengbanfa-2020-1.txt)
//! and the workflow map in DOMAIN.md; each test names the article it checks.

use chrono::{Duration, NaiveDate};
use duban::{
    AccountabilityEvent, AccountabilityState, AnnualPlan, Consequence, Error, ErrorKind,
    EscalationEvent, EscalationGround, EscalationState, Grade, InspectionEvent, InspectionState,
    KeySupervisionTrigger, Language, Remedy, ReportEvent, ReportState, ReturnReason,
    SupplementCredit,
};
use proptest::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

// ---------------------------------------------------------------------------------------
// Helpers

/// A date from `YYYY-MM-DD`.
#[track_caller]
fn d(text: &str) -> NaiveDate {
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) => date,
        Err(e) => panic!("bad date {text:?} in a test: {e}"),
    }
}

/// Asserts an `IllegalTransition` error and returns it.
#[track_caller]
fn illegal<T: std::fmt::Debug>(result: Result<T, Error>) -> Error {
    match result {
        Err(e) if e.kind() == ErrorKind::IllegalTransition => e,
        other => panic!("expected an IllegalTransition error, got {other:?}"),
    }
}

/// Asserts that the English message contains `needle`.
#[track_caller]
fn says(err: &Error, needle: &str) {
    let en = err.message(Language::English);
    assert!(en.contains(needle), "{en:?} does not contain {needle:?}");
}

/// Asserts that the Chinese message contains `needle`.
#[track_caller]
fn says_zh(err: &Error, needle: &str) {
    let zh = err.message(Language::Chinese);
    assert!(zh.contains(needle), "{zh:?} does not contain {needle:?}");
}

/// Serialises to JSON and back; asserts equality and that the tag is `tag_value`.
#[track_caller]
fn round_trip<T>(value: &T, tag: &str, tag_value: &str)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[tag], tag_value, "{json}");
}

/// The table of a machine as rows of words: a header of event names, then for each state
/// its label and, per event, the next state's name or `-` when the event is forbidden.
/// A forbidden cell must be an `IllegalTransition` error naming the state and the event.
fn render<S, E>(
    states: &[(&str, S)],
    events: &[E],
    apply: impl Fn(&S, &E) -> Result<S, Error>,
    state_name: impl Fn(&S) -> &'static str,
    event_name: impl Fn(&E) -> &'static str,
) -> Vec<Vec<String>> {
    let mut rows = vec![std::iter::once("state".to_owned())
        .chain(events.iter().map(|e| event_name(e).to_owned()))
        .collect::<Vec<_>>()];
    for (label, state) in states {
        assert!(
            label.starts_with(state_name(state)),
            "row {label} holds a {} state",
            state_name(state)
        );
        let mut row = vec![(*label).to_owned()];
        for event in events {
            row.push(match apply(state, event) {
                Ok(next) => state_name(&next).to_owned(),
                Err(err) => {
                    assert_eq!(err.kind(), ErrorKind::IllegalTransition, "{err:?}");
                    let en = err.message(Language::English);
                    let head = format!("cannot {} on ", event_name(event));
                    assert!(en.starts_with(&head), "{en}");
                    assert!(
                        en.contains(&format!(" in state {} (", state_name(state))),
                        "{en}"
                    );
                    // The Chinese message names the state and the event by their Chinese
                    // labels, with no English code in it.
                    let zh = err.message(Language::Chinese);
                    assert!(zh.contains("状态，不能于"), "{zh}");
                    assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
                    "-".to_owned()
                }
            });
        }
        rows.push(row);
    }
    rows
}

/// Parses an expected table written with whitespace between cells.
fn table(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .filter(|r| !r.is_empty())
        .collect()
}

/// Every allowed cell of the table, re-dated one day before the state's last event, must
/// be refused as out of order; dated the same day it must not be.
fn check_order<S: std::fmt::Debug, E>(
    states: &[(&str, S)],
    events: &[E],
    apply: impl Fn(&S, &E) -> Result<S, Error>,
    last: impl Fn(&S) -> Option<NaiveDate>,
    redate: impl Fn(&E, NaiveDate) -> E,
) -> usize {
    let mut checked = 0;
    for (label, state) in states {
        let Some(last) = last(state) else { continue };
        for event in events {
            if apply(state, event).is_err() {
                continue;
            }
            let before = redate(event, last - Duration::days(1));
            let err = illegal(apply(state, &before));
            says(&err, "events out of order");
            says(&err, &last.to_string());
            says_zh(&err, "事件顺序颠倒");
            // Dated the same day it is in order; it may still be refused for another reason
            // (grading poor on the interview day, proposing an interview before the
            // rectification deadline), never as out of order.
            let same_day = redate(event, last);
            if let Err(err) = apply(state, &same_day) {
                let en = err.message(Language::English);
                assert!(
                    !en.contains("events out of order"),
                    "{label}: same-day event refused as out of order: {en}"
                );
            }
            checked += 1;
        }
    }
    checked
}

/// The names of the states along a sequence of events, the first state included.
#[track_caller]
fn path<S: Clone, E>(
    start: S,
    events: &[E],
    apply: impl Fn(&S, &E) -> Result<S, Error>,
    name: impl Fn(&S) -> &'static str,
) -> (Vec<&'static str>, S) {
    let mut state = start;
    let mut names = vec![name(&state)];
    for (i, e) in events.iter().enumerate() {
        state = match apply(&state, e) {
            Ok(s) => s,
            Err(err) => panic!("event {} refused: {err:?}", i + 1),
        };
        names.push(name(&state));
    }
    (names, state)
}

// ---------------------------------------------------------------------------------------
// Art. 9: progress reports

fn report_states() -> Vec<(&'static str, ReportState)> {
    vec![
        ("awaiting", ReportState::Awaiting),
        (
            "submitted",
            ReportState::Submitted {
                on: d("2024-03-28"),
                original_on: d("2024-03-28"),
            },
        ),
        (
            "returned(redo)",
            ReportState::Returned {
                on: d("2024-04-01"),
                remedy: Remedy::Redo,
                reasons: vec![ReturnReason::MissingItem],
                submitted_on: d("2024-03-28"),
                original_on: d("2024-03-28"),
            },
        ),
        (
            "returned(supplement)",
            ReportState::Returned {
                on: d("2024-04-01"),
                remedy: Remedy::Supplement,
                reasons: vec![ReturnReason::NoEvidence],
                submitted_on: d("2024-03-28"),
                original_on: d("2024-03-28"),
            },
        ),
        (
            "accepted",
            ReportState::Accepted {
                on: d("2024-04-02"),
                submitted_on: d("2024-03-28"),
                original_on: d("2024-03-28"),
            },
        ),
    ]
}

fn report_events(on: NaiveDate) -> Vec<ReportEvent> {
    vec![
        ReportEvent::Submit { on },
        ReportEvent::Return {
            on,
            remedy: Remedy::Supplement,
            reasons: vec![ReturnReason::NoPhysicalProgress],
        },
        ReportEvent::Accept { on },
    ]
}

fn redate_report(e: &ReportEvent, on: NaiveDate) -> ReportEvent {
    match e {
        ReportEvent::Submit { .. } => ReportEvent::Submit { on },
        ReportEvent::Return {
            remedy, reasons, ..
        } => ReportEvent::Return {
            on,
            remedy: *remedy,
            reasons: reasons.clone(),
        },
        ReportEvent::Accept { .. } => ReportEvent::Accept { on },
        other => panic!("unknown event {other:?}"),
    }
}

#[test]
fn art_9_report_transition_table() {
    let expected = table(
        "
        state                 submit     return    accept
        awaiting              submitted  -         -
        submitted             -          returned  accepted
        returned(redo)        submitted  -         -
        returned(supplement)  submitted  -         -
        accepted              -          -         -
        ",
    );
    let actual = render(
        &report_states(),
        &report_events(d("2024-06-03")),
        ReportState::apply,
        ReportState::name,
        ReportEvent::name,
    );
    assert_eq!(actual, expected);
    let names: Vec<_> = report_events(d("2024-06-03"))
        .iter()
        .map(|e| e.name())
        .collect();
    assert_eq!(names, ReportEvent::NAMES);
}

#[test]
fn art_9_report_events_out_of_order_are_refused() {
    let n = check_order(
        &report_states(),
        &report_events(d("2024-06-03")),
        ReportState::apply,
        ReportState::last_event_on,
        redate_report,
    );
    assert_eq!(n, 4);
}

#[test]
fn art_9_report_full_paths() {
    let events = [
        ReportEvent::Submit {
            on: d("2024-03-28"),
        },
        ReportEvent::Return {
            on: d("2024-04-01"),
            remedy: Remedy::Redo,
            reasons: vec![ReturnReason::MissingItem, ReturnReason::NoEvidence],
        },
        ReportEvent::Submit {
            on: d("2024-04-08"),
        },
        ReportEvent::Return {
            on: d("2024-04-09"),
            remedy: Remedy::Supplement,
            reasons: vec![ReturnReason::NoPhysicalProgress],
        },
        ReportEvent::Submit {
            on: d("2024-04-10"),
        },
        ReportEvent::Accept {
            on: d("2024-04-11"),
        },
    ];
    let (names, last) = path(
        ReportState::new(),
        &events,
        ReportState::apply,
        ReportState::name,
    );
    assert_eq!(
        names,
        [
            "awaiting",
            "submitted",
            "returned",
            "submitted",
            "returned",
            "submitted",
            "accepted"
        ]
    );
    assert_eq!(
        last,
        ReportState::Accepted {
            on: d("2024-04-11"),
            submitted_on: d("2024-04-10"),
            original_on: d("2024-04-08"),
        }
    );
    assert_eq!(ReportState::replay(&events).unwrap(), last);
    assert!(last.is_accepted());
}

#[test]
fn art_9_returned_report_keeps_what_was_returned() {
    let s = ReportState::replay(&[
        ReportEvent::Submit {
            on: d("2024-03-28"),
        },
        ReportEvent::Return {
            on: d("2024-04-01"),
            remedy: Remedy::Supplement,
            reasons: vec![ReturnReason::NoEvidence, ReturnReason::Other],
        },
    ])
    .unwrap();
    assert_eq!(
        s,
        ReportState::Returned {
            on: d("2024-04-01"),
            remedy: Remedy::Supplement,
            reasons: vec![ReturnReason::NoEvidence, ReturnReason::Other],
            submitted_on: d("2024-03-28"),
            original_on: d("2024-03-28"),
        }
    );
    assert_eq!(s.label(Language::Chinese), "退回补办中");
    assert_eq!(s.label(Language::English), "returned, awaiting supplement");
}

#[test]
fn art_9_return_needs_a_reason() {
    let submitted = ReportState::replay(&[ReportEvent::Submit {
        on: d("2024-03-28"),
    }])
    .unwrap();
    let err = illegal(submitted.apply(&ReportEvent::Return {
        on: d("2024-04-01"),
        remedy: Remedy::Redo,
        reasons: vec![],
    }));
    says(&err, "at least one reason");
    says_zh(&err, "漏项");
}

#[test]
fn art_9_report_illegal_transitions_say_why() {
    let accept = ReportEvent::Accept {
        on: d("2024-04-05"),
    };
    let err = illegal(ReportState::new().apply(&accept));
    says(
        &err,
        "cannot accept on 2024-04-05 in state awaiting (report workflow, Art. 9 ¶2)",
    );
    says(&err, "nothing has been submitted");
    says_zh(&err, "进展情况报送流程（第九条第二款）处于“待报送”状态");
    says_zh(&err, "不能于2024-04-05“审核通过”");

    let accepted = ReportState::replay(&[
        ReportEvent::Submit {
            on: d("2024-03-28"),
        },
        ReportEvent::Accept {
            on: d("2024-03-29"),
        },
    ])
    .unwrap();
    let err = illegal(accepted.apply(&accept));
    says(&err, "cannot accept on 2024-04-05 in state accepted");
    says(&err, "already been accepted");
}

#[test]
fn art_9_replay_names_the_event_that_failed() {
    let err = illegal(ReportState::replay(&[
        ReportEvent::Submit {
            on: d("2024-03-28"),
        },
        ReportEvent::Accept {
            on: d("2024-03-29"),
        },
        ReportEvent::Accept {
            on: d("2024-03-30"),
        },
    ]));
    says(
        &err,
        "event 3: cannot accept on 2024-03-30 in state accepted",
    );
    says_zh(&err, "第3个事件：");
}

/// The supplement-credit rule (Art. 9 ¶2 “重办或补办”, policy `supplement_credit`): a report
/// submitted on time on 2024-04-29 for the April deadline (2024-04-30), returned for
/// supplement, supplemented late on 2024-05-06.
#[test]
fn art_9_supplement_credit_both_readings() {
    let on_time = d("2024-04-29");
    let late = d("2024-05-06");
    let returned = |remedy| ReportEvent::Return {
        on: d("2024-04-30"),
        remedy,
        reasons: vec![ReturnReason::NoEvidence],
    };
    let credit = |s: &ReportState| {
        (
            s.credited_submission(SupplementCredit::OriginalSubmission),
            s.credited_submission(SupplementCredit::Resubmission),
        )
    };

    // Before anything and while returned: not met, under either reading.
    assert_eq!(credit(&ReportState::new()), (None, None));
    let first = ReportEvent::Submit { on: on_time };
    let s = ReportState::replay(std::slice::from_ref(&first)).unwrap();
    assert_eq!(credit(&s), (Some(on_time), Some(on_time)));
    let s = s.apply(&returned(Remedy::Supplement)).unwrap();
    assert_eq!(credit(&s), (None, None));

    // Supplement resubmitted late: the original date under OriginalSubmission (the
    // default), the resubmission's under Resubmission; acceptance changes neither.
    let s = s.apply(&ReportEvent::Submit { on: late }).unwrap();
    assert_eq!(credit(&s), (Some(on_time), Some(late)));
    let s = s
        .apply(&ReportEvent::Accept {
            on: d("2024-05-07"),
        })
        .unwrap();
    assert_eq!(credit(&s), (Some(on_time), Some(late)));
    assert_eq!(
        s.credited_submission(SupplementCredit::default()),
        Some(on_time)
    );

    // Redo: only the resubmission counts, under either reading.
    let s = ReportState::replay(&[
        first.clone(),
        returned(Remedy::Redo),
        ReportEvent::Submit { on: late },
    ])
    .unwrap();
    assert_eq!(credit(&s), (Some(late), Some(late)));
}

#[test]
fn art_9_supplement_chain_runs_back_to_its_first_submission_and_redo_breaks_it() {
    let ret = |on: &str, remedy| ReportEvent::Return {
        on: d(on),
        remedy,
        reasons: vec![ReturnReason::MissingItem],
    };
    let sub = |on: &str| ReportEvent::Submit { on: d(on) };
    let original = |events: &[ReportEvent]| {
        ReportState::replay(events)
            .unwrap()
            .credited_submission(SupplementCredit::OriginalSubmission)
    };
    // S1 -supplement-> S2 -supplement-> S3: S1 counts.
    assert_eq!(
        original(&[
            sub("2024-01-02"),
            ret("2024-01-03", Remedy::Supplement),
            sub("2024-01-04"),
            ret("2024-01-05", Remedy::Supplement),
            sub("2024-01-08"),
        ]),
        Some(d("2024-01-02"))
    );
    // S1 -redo-> S2 -supplement-> S3: S2 counts.
    assert_eq!(
        original(&[
            sub("2024-01-02"),
            ret("2024-01-03", Remedy::Redo),
            sub("2024-01-04"),
            ret("2024-01-05", Remedy::Supplement),
            sub("2024-01-08"),
        ]),
        Some(d("2024-01-04"))
    );
    // S1 -supplement-> S2 -redo-> S3: S3 counts.
    assert_eq!(
        original(&[
            sub("2024-01-02"),
            ret("2024-01-03", Remedy::Supplement),
            sub("2024-01-04"),
            ret("2024-01-05", Remedy::Redo),
            sub("2024-01-08"),
        ]),
        Some(d("2024-01-08"))
    );
}

#[test]
fn art_9_report_serde_round_trip() {
    for (_, s) in report_states() {
        round_trip(&s, "state", s.name());
    }
    for e in report_events(d("2024-06-03")) {
        round_trip(&e, "event", e.name());
    }
    let json = r#"{"state":"returned","on":"2024-04-01","remedy":"supplement","reasons":["missing_item","no_physical_progress"],"submitted_on":"2024-03-28","original_on":"2024-03-28"}"#;
    let s: ReportState = serde_json::from_str(json).unwrap();
    assert_eq!(serde_json::to_string(&s).unwrap(), json);
    assert_eq!(
        serde_json::to_string(&ReportState::Awaiting).unwrap(),
        r#"{"state":"awaiting"}"#
    );
    for r in ReturnReason::ALL {
        let json = serde_json::to_string(r).unwrap();
        assert_eq!(&serde_json::from_str::<ReturnReason>(&json).unwrap(), r);
    }
}

// ---------------------------------------------------------------------------------------
// Art. 10: unplanned inspections

fn inspection_states() -> Vec<(&'static str, InspectionState)> {
    vec![
        ("planned", InspectionState::Planned),
        ("proposed", InspectionState::Proposed),
        (
            "applied",
            InspectionState::Applied {
                on: d("2023-09-25"),
            },
        ),
        (
            "approved",
            InspectionState::Approved {
                applied_on: d("2023-09-25"),
                on: d("2023-09-28"),
            },
        ),
        (
            "rejected",
            InspectionState::Rejected {
                applied_on: d("2023-09-25"),
                on: d("2023-09-28"),
            },
        ),
        (
            "filed",
            InspectionState::Filed {
                applied_on: d("2023-09-25"),
                approved_on: d("2023-09-28"),
                on: d("2023-10-07"),
            },
        ),
        (
            "carried_out(planned)",
            InspectionState::CarriedOut {
                on: d("2023-10-16"),
                applied_on: None,
                approved_on: None,
                filed_on: None,
            },
        ),
        (
            "carried_out(unfiled)",
            InspectionState::CarriedOut {
                on: d("2023-10-16"),
                applied_on: Some(d("2023-09-25")),
                approved_on: Some(d("2023-09-28")),
                filed_on: None,
            },
        ),
        (
            "carried_out(filed)",
            InspectionState::CarriedOut {
                on: d("2023-10-16"),
                applied_on: Some(d("2023-09-25")),
                approved_on: Some(d("2023-09-28")),
                filed_on: Some(d("2023-10-07")),
            },
        ),
    ]
}

fn inspection_events(on: NaiveDate) -> Vec<InspectionEvent> {
    vec![
        InspectionEvent::Apply { on },
        InspectionEvent::Approve { on },
        InspectionEvent::Reject { on },
        InspectionEvent::File { on },
        InspectionEvent::Start { on },
    ]
}

fn redate_inspection(e: &InspectionEvent, on: NaiveDate) -> InspectionEvent {
    match e {
        InspectionEvent::Apply { .. } => InspectionEvent::Apply { on },
        InspectionEvent::Approve { .. } => InspectionEvent::Approve { on },
        InspectionEvent::Reject { .. } => InspectionEvent::Reject { on },
        InspectionEvent::File { .. } => InspectionEvent::File { on },
        InspectionEvent::Start { .. } => InspectionEvent::Start { on },
        other => panic!("unknown event {other:?}"),
    }
}

#[test]
fn art_10_inspection_transition_table() {
    let expected = table(
        "
        state                 apply    approve   reject    file         start
        planned               -        -         -         -            carried_out
        proposed              applied  -         -         -            -
        applied               -        approved  rejected  -            -
        approved              -        -         -         filed        carried_out
        rejected              -        -         -         -            -
        filed                 -        -         -         -            carried_out
        carried_out(planned)  -        -         -         -            -
        carried_out(unfiled)  -        -         -         carried_out  -
        carried_out(filed)    -        -         -         -            -
        ",
    );
    let actual = render(
        &inspection_states(),
        &inspection_events(d("2023-11-01")),
        InspectionState::apply,
        InspectionState::name,
        InspectionEvent::name,
    );
    assert_eq!(actual, expected);
    let names: Vec<_> = inspection_events(d("2023-11-01"))
        .iter()
        .map(|e| e.name())
        .collect();
    assert_eq!(names, InspectionEvent::NAMES);
}

#[test]
fn art_10_inspection_events_out_of_order_are_refused() {
    let n = check_order(
        &inspection_states(),
        &inspection_events(d("2023-11-01")),
        InspectionState::apply,
        InspectionState::last_event_on,
        redate_inspection,
    );
    assert_eq!(n, 6);
}

#[test]
fn art_10_unplanned_inspection_needs_approval_before_start() {
    let start = InspectionEvent::Start {
        on: d("2023-10-16"),
    };
    let proposed = InspectionState::new(AnnualPlan::NotListed);
    assert!(!proposed.may_start());
    let err = illegal(proposed.apply(&start));
    says(
        &err,
        "cannot start on 2023-10-16 in state proposed (inspection workflow, Art. 10)",
    );
    says(&err, "only after the leader in charge approves it");
    says_zh(&err, "不得自行组织开展");

    let applied = proposed
        .apply(&InspectionEvent::Apply {
            on: d("2023-09-25"),
        })
        .unwrap();
    assert!(!applied.may_start());
    illegal(applied.apply(&start));
    let rejected = applied
        .apply(&InspectionEvent::Reject {
            on: d("2023-09-28"),
        })
        .unwrap();
    assert!(!rejected.may_start());
    illegal(rejected.apply(&start));

    let approved = applied
        .apply(&InspectionEvent::Approve {
            on: d("2023-09-28"),
        })
        .unwrap();
    assert!(approved.may_start());
    assert_eq!(approved.apply(&start).unwrap().name(), "carried_out");

    // Approval on the start day itself is allowed (D5: approved on or before the start).
    let same_day = InspectionState::replay(
        AnnualPlan::NotListed,
        &[
            InspectionEvent::Apply {
                on: d("2023-09-25"),
            },
            InspectionEvent::Approve {
                on: d("2023-10-16"),
            },
            start.clone(),
        ],
    )
    .unwrap();
    assert_eq!(same_day.name(), "carried_out");

    // An approval after the start cannot be expressed: the start needs it first, and an
    // approval dated after a start is out of order.
    let err = illegal(InspectionState::replay(
        AnnualPlan::NotListed,
        &[
            InspectionEvent::Apply {
                on: d("2023-09-25"),
            },
            InspectionEvent::Start {
                on: d("2023-10-16"),
            },
            InspectionEvent::Approve {
                on: d("2023-10-17"),
            },
        ],
    ));
    says(&err, "event 2: cannot start");
}

#[test]
fn art_10_approval_without_application_is_refused() {
    let err = illegal(InspectionState::new(AnnualPlan::NotListed).apply(
        &InspectionEvent::Approve {
            on: d("2023-09-28"),
        },
    ));
    says(&err, "cannot approve on 2023-09-28 in state proposed");
    says(&err, "no application has been made");
}

#[test]
fn art_10_planned_inspection_needs_no_application() {
    let planned = InspectionState::new(AnnualPlan::Listed);
    assert!(planned.may_start());
    let err = illegal(planned.apply(&InspectionEvent::Apply {
        on: d("2023-09-25"),
    }));
    says(&err, "needs no application");
    let (names, last) = path(
        planned,
        &[InspectionEvent::Start {
            on: d("2023-10-16"),
        }],
        InspectionState::apply,
        InspectionState::name,
    );
    assert_eq!(names, ["planned", "carried_out"]);
    assert_eq!(
        last,
        InspectionState::CarriedOut {
            on: d("2023-10-16"),
            applied_on: None,
            approved_on: None,
            filed_on: None,
        }
    );
}

#[test]
fn art_10_filing_follows_approval_before_or_after_the_start() {
    let apply = InspectionEvent::Apply {
        on: d("2023-09-25"),
    };
    let approve = InspectionEvent::Approve {
        on: d("2023-09-28"),
    };
    let file = InspectionEvent::File {
        on: d("2023-10-07"),
    };
    let start = InspectionEvent::Start {
        on: d("2023-10-16"),
    };

    let (names, filed_first) = path(
        InspectionState::new(AnnualPlan::NotListed),
        &[apply.clone(), approve.clone(), file.clone(), start.clone()],
        InspectionState::apply,
        InspectionState::name,
    );
    assert_eq!(
        names,
        ["proposed", "applied", "approved", "filed", "carried_out"]
    );
    let expected = InspectionState::CarriedOut {
        on: d("2023-10-16"),
        applied_on: Some(d("2023-09-25")),
        approved_on: Some(d("2023-09-28")),
        filed_on: Some(d("2023-10-07")),
    };
    assert_eq!(filed_first, expected);

    let late_file = InspectionEvent::File {
        on: d("2023-10-17"),
    };
    let (names, filed_after) = path(
        InspectionState::new(AnnualPlan::NotListed),
        &[apply.clone(), approve.clone(), start.clone(), late_file],
        InspectionState::apply,
        InspectionState::name,
    );
    assert_eq!(
        names,
        [
            "proposed",
            "applied",
            "approved",
            "carried_out",
            "carried_out"
        ]
    );
    assert_eq!(filed_after.last_event_on(), Some(d("2023-10-17")));

    // Filing before approval is refused.
    let err = illegal(InspectionState::replay(
        AnnualPlan::NotListed,
        &[apply, file],
    ));
    says(&err, "nothing to file before approval");
}

#[test]
fn art_10_inspection_serde_round_trip() {
    for (_, s) in inspection_states() {
        round_trip(&s, "state", s.name());
    }
    for e in inspection_events(d("2023-11-01")) {
        round_trip(&e, "event", e.name());
    }
    assert_eq!(
        serde_json::to_string(&AnnualPlan::NotListed).unwrap(),
        "\"not_listed\""
    );
}

// ---------------------------------------------------------------------------------------
// Art. 4: escalation

fn grounds() -> Vec<EscalationGround> {
    vec![
        EscalationGround::WideReaching,
        EscalationGround::IneffectiveAfterUrging,
    ]
}

fn escalation_states() -> Vec<(&'static str, EscalationState)> {
    vec![
        ("open", EscalationState::Open),
        (
            "urged",
            EscalationState::Urged {
                on: d("2024-04-22"),
            },
        ),
        (
            "requested",
            EscalationState::Requested {
                on: d("2024-05-06"),
                grounds: grounds(),
            },
        ),
        (
            "escalated",
            EscalationState::Escalated {
                requested_on: d("2024-05-06"),
                grounds: grounds(),
                on: d("2024-05-08"),
            },
        ),
        (
            "declined",
            EscalationState::Declined {
                requested_on: d("2024-05-06"),
                grounds: grounds(),
                on: d("2024-05-08"),
            },
        ),
    ]
}

fn escalation_events(on: NaiveDate) -> Vec<EscalationEvent> {
    vec![
        EscalationEvent::Urge { on },
        EscalationEvent::RequestEscalation {
            on,
            grounds: grounds(),
        },
        EscalationEvent::Approve { on },
        EscalationEvent::Decline { on },
    ]
}

fn redate_escalation(e: &EscalationEvent, on: NaiveDate) -> EscalationEvent {
    match e {
        EscalationEvent::RequestEscalation { grounds, .. } => EscalationEvent::RequestEscalation {
            on,
            grounds: grounds.clone(),
        },
        EscalationEvent::Approve { .. } => EscalationEvent::Approve { on },
        EscalationEvent::Decline { .. } => EscalationEvent::Decline { on },
        EscalationEvent::Urge { .. } => EscalationEvent::Urge { on },
        other => panic!("unknown event {other:?}"),
    }
}

#[test]
fn art_4_escalation_transition_table() {
    let expected = table(
        "
        state      urge   request_escalation  approve    decline
        open       urged  -                   -          -
        urged      urged  requested           -          -
        requested  -      -                   escalated  declined
        escalated  -      -                   -          -
        declined   urged  requested           -          -
        ",
    );
    let actual = render(
        &escalation_states(),
        &escalation_events(d("2024-06-03")),
        EscalationState::apply,
        EscalationState::name,
        EscalationEvent::name,
    );
    assert_eq!(actual, expected);
    let names: Vec<_> = escalation_events(d("2024-06-03"))
        .iter()
        .map(|e| e.name())
        .collect();
    assert_eq!(names, EscalationEvent::NAMES);
}

#[test]
fn art_4_escalation_events_out_of_order_are_refused() {
    let n = check_order(
        &escalation_states(),
        &escalation_events(d("2024-06-03")),
        EscalationState::apply,
        EscalationState::last_event_on,
        redate_escalation,
    );
    // urged: urge, request; requested: approve, decline; declined: urge, request.
    assert_eq!(n, 6);
}

/// “涉及面广、事关全局、综合性强、协调难度大且催办后落实效果不佳”: 且 (and) joins the last
/// feature, so it is always needed, with at least one of the other four.
#[test]
fn art_4_escalation_needs_ineffective_after_urging_and_another_ground() {
    use EscalationGround::*;
    let cases: &[(&[EscalationGround], Result<(), &str>)] = &[
        (&[IneffectiveAfterUrging, WideReaching], Ok(())),
        (&[Overall, IneffectiveAfterUrging], Ok(())),
        (&[Comprehensive, IneffectiveAfterUrging], Ok(())),
        (&[HardToCoordinate, IneffectiveAfterUrging], Ok(())),
        (
            &[
                WideReaching,
                Overall,
                Comprehensive,
                HardToCoordinate,
                IneffectiveAfterUrging,
            ],
            Ok(()),
        ),
        (&[], Err("ineffective_after_urging; and at least one of")),
        (
            &[IneffectiveAfterUrging],
            Err("missing: at least one of wide_reaching"),
        ),
        (
            &[IneffectiveAfterUrging, IneffectiveAfterUrging],
            Err("missing: at least one of"),
        ),
        (
            &[WideReaching, Overall, Comprehensive, HardToCoordinate],
            Err("missing: ineffective_after_urging"),
        ),
    ];
    for (grounds, expected) in cases {
        let request = EscalationEvent::RequestEscalation {
            on: d("2024-05-06"),
            grounds: grounds.to_vec(),
        };
        let urged = EscalationState::Urged {
            on: d("2024-04-22"),
        };
        let result = urged.apply(&request);
        match expected {
            Ok(()) => assert_eq!(result.unwrap().name(), "requested", "{grounds:?}"),
            Err(needle) => {
                let err = illegal(result);
                says(
                    &err,
                    "cannot request_escalation on 2024-05-06 in state urged",
                );
                says(&err, needle);
                says_zh(&err, "提级督查须具备第四条所列情形");
            }
        }
    }
}

#[test]
fn art_4_declined_escalation_may_be_requested_again() {
    let request = |on: &str| EscalationEvent::RequestEscalation {
        on: d(on),
        grounds: grounds(),
    };
    let (names, last) = path(
        EscalationState::new(),
        &[
            EscalationEvent::Urge {
                on: d("2024-04-22"),
            },
            request("2024-05-06"),
            EscalationEvent::Decline {
                on: d("2024-05-08"),
            },
            request("2024-07-01"),
            EscalationEvent::Approve {
                on: d("2024-07-03"),
            },
        ],
        EscalationState::apply,
        EscalationState::name,
    );
    assert_eq!(
        names,
        [
            "open",
            "urged",
            "requested",
            "declined",
            "requested",
            "escalated"
        ]
    );
    assert_eq!(
        last,
        EscalationState::Escalated {
            requested_on: d("2024-07-01"),
            grounds: grounds(),
            on: d("2024-07-03"),
        }
    );
    assert!(last.is_escalated());
}

#[test]
fn art_4_escalation_serde_round_trip() {
    for (_, s) in escalation_states() {
        round_trip(&s, "state", s.name());
    }
    for e in escalation_events(d("2024-06-03")) {
        round_trip(&e, "event", e.name());
    }
    assert_eq!(
        serde_json::to_string(&escalation_events(d("2024-06-03"))[1]).unwrap(),
        r#"{"event":"request_escalation","on":"2024-06-03","grounds":["wide_reaching","ineffective_after_urging"]}"#
    );
}

/// The urging (催办) is an event: a request with no urging before it is refused.
#[test]
fn art_4_request_needs_a_recorded_urging() {
    let request = EscalationEvent::RequestEscalation {
        on: d("2024-05-06"),
        grounds: grounds(),
    };
    let err = illegal(EscalationState::new().apply(&request));
    says(
        &err,
        "cannot request_escalation on 2024-05-06 in state open",
    );
    says(&err, "has not been urged");
    says_zh(&err, "尚未催办");
}

/// The policy's reading of the grounds (escalation_grounds): all four features, or any.
#[test]
fn art_4_grounds_under_each_reading() {
    use duban::EscalationTest;
    use EscalationGround::*;
    let urged = EscalationState::Urged {
        on: d("2024-04-22"),
    };
    let request = |grounds: &[EscalationGround]| EscalationEvent::RequestEscalation {
        on: d("2024-05-06"),
        grounds: grounds.to_vec(),
    };
    let all = [
        WideReaching,
        Overall,
        Comprehensive,
        HardToCoordinate,
        IneffectiveAfterUrging,
    ];
    let one = [HardToCoordinate, IneffectiveAfterUrging];
    let three = [WideReaching, Overall, Comprehensive, IneffectiveAfterUrging];
    for (grounds, any, every) in [
        (&all[..], true, true),
        (&one[..], true, false),
        (&three[..], true, false),
        (&all[..4], false, false),
    ] {
        let a = urged.apply_under(&request(grounds), EscalationTest::AnyFeatureAndUrging);
        let b = urged.apply_under(&request(grounds), EscalationTest::AllFeaturesAndUrging);
        assert_eq!(a.is_ok(), any, "{grounds:?}");
        assert_eq!(b.is_ok(), every, "{grounds:?}");
        if let Err(err) = b {
            if grounds.contains(&IneffectiveAfterUrging) {
                says(
                    &err,
                    "all of wide_reaching, overall, comprehensive, hard_to_coordinate",
                );
                says_zh(&err, "全部四项");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Art. 12 (3): accountability

fn accountability_states() -> Vec<(&'static str, AccountabilityState)> {
    use AccountabilityState as S;
    let sup = d("2023-09-01");
    let mut states = vec![
        ("normal", S::Normal),
        (
            "key_supervision",
            // Rectify by the order's own day, so that an interview may be proposed from
            // that day on (the order-of-events check proposes one on the same day).
            S::KeySupervision {
                on: sup,
                triggers: vec![KeySupervisionTrigger::SlowProgress],
                rectify_by: sup,
            },
        ),
        (
            "interview_proposed",
            S::InterviewProposed {
                on: d("2023-09-18"),
                supervised_on: sup,
            },
        ),
        (
            "interview_approved",
            S::InterviewApproved {
                on: d("2023-09-20"),
                supervised_on: sup,
            },
        ),
        (
            "interview_held",
            S::InterviewHeld {
                on: d("2023-09-27"),
                supervised_on: sup,
                result_reported_on: None,
            },
        ),
        (
            "plan_submitted",
            S::PlanSubmitted {
                on: d("2023-10-07"),
                interview_on: d("2023-09-27"),
                supervised_on: sup,
                result_reported_on: None,
            },
        ),
        (
            "resolved(rectified)",
            S::Resolved {
                on: d("2023-09-14"),
                interview_on: None,
                supervised_on: sup,
                result_reported_on: None,
            },
        ),
        (
            "resolved(after_interview)",
            S::Resolved {
                on: d("2023-11-01"),
                interview_on: Some(d("2023-09-27")),
                supervised_on: sup,
                result_reported_on: None,
            },
        ),
        (
            "graded_poor",
            S::GradedPoor {
                on: d("2023-11-01"),
                interview_on: d("2023-09-27"),
                supervised_on: sup,
                result_reported_on: None,
            },
        ),
    ];
    states.push((
        "referred",
        S::Referred {
            on: d("2023-11-02"),
            case: Box::new(states[4].1.clone()),
        },
    ));
    states
}

fn accountability_events(on: NaiveDate) -> Vec<AccountabilityEvent> {
    use AccountabilityEvent as E;
    vec![
        E::PlaceUnderKeySupervision {
            on,
            triggers: vec![KeySupervisionTrigger::LateReporting],
            rectify_by: on + Duration::days(14),
        },
        E::Rectify { on },
        E::ProposeInterview { on },
        E::ApproveInterview { on },
        E::HoldInterview { on },
        E::ReportInterviewResult { on },
        E::SubmitPlan { on },
        E::Resolve { on },
        E::GradePoor { on },
        E::Refer { on },
    ]
}

fn redate_accountability(e: &AccountabilityEvent, on: NaiveDate) -> AccountabilityEvent {
    use AccountabilityEvent as E;
    match e {
        E::PlaceUnderKeySupervision { triggers, .. } => E::PlaceUnderKeySupervision {
            on,
            triggers: triggers.clone(),
            rectify_by: on + Duration::days(14),
        },
        E::Rectify { .. } => E::Rectify { on },
        E::ProposeInterview { .. } => E::ProposeInterview { on },
        E::ApproveInterview { .. } => E::ApproveInterview { on },
        E::HoldInterview { .. } => E::HoldInterview { on },
        E::ReportInterviewResult { .. } => E::ReportInterviewResult { on },
        E::SubmitPlan { .. } => E::SubmitPlan { on },
        E::Resolve { .. } => E::Resolve { on },
        E::GradePoor { .. } => E::GradePoor { on },
        E::Refer { .. } => E::Refer { on },
        other => panic!("unknown event {other:?}"),
    }
}

#[test]
fn art_12_3_accountability_transition_table() {
    // Columns: place_under_key_supervision rectify propose_interview approve_interview
    // hold_interview report_interview_result submit_plan resolve grade_poor refer. The
    // referred row holds a referral made after the interview: the workflow goes on beside it.
    let expected = table(
        "
        state   place_under_key_supervision rectify propose_interview approve_interview hold_interview report_interview_result submit_plan resolve grade_poor refer
        normal                    key_supervision -        -                  -                  -              -                         -              -        -           referred
        key_supervision           -               resolved interview_proposed -                  -              -                         -              -        -           referred
        interview_proposed        -               -        -                  interview_approved -              -                         -              -        -           referred
        interview_approved        -               -        -                  -                  interview_held -                         -              -        -           referred
        interview_held            -               -        -                  -                  -              interview_held            plan_submitted -        graded_poor referred
        plan_submitted            -               -        -                  -                  -              plan_submitted            -              resolved graded_poor referred
        resolved(rectified)       -               -        -                  -                  -              -                         -              -        -           referred
        resolved(after_interview) -               -        -                  -                  -              resolved                  -              -        -           referred
        graded_poor               -               -        -                  -                  -              graded_poor               -              -        -           referred
        referred                  -               -        -                  -                  -              referred                  referred       -        referred    -
        ",
    );
    let actual = render(
        &accountability_states(),
        &accountability_events(d("2024-01-02")),
        AccountabilityState::apply,
        AccountabilityState::name,
        AccountabilityEvent::name,
    );
    assert_eq!(actual, expected);
    let names: Vec<_> = accountability_events(d("2024-01-02"))
        .iter()
        .map(|e| e.name())
        .collect();
    assert_eq!(names, AccountabilityEvent::NAMES);
}

#[test]
fn art_12_3_accountability_events_out_of_order_are_refused() {
    let n = check_order(
        &accountability_states(),
        &accountability_events(d("2024-01-02")),
        AccountabilityState::apply,
        AccountabilityState::last_event_on,
        redate_accountability,
    );
    // The allowed cells of the table, the normal row (no event yet) aside: key_supervision
    // 3, interview_proposed 2, interview_approved 2, interview_held 4, plan_submitted 4,
    // resolved(rectified) 1, resolved(after_interview) 2, graded_poor 2, referred 3.
    assert_eq!(n, 23);
}

#[test]
fn art_12_3_interview_needs_proposal_and_approval() {
    use AccountabilityEvent as E;
    let supervised = AccountabilityState::replay(&[E::PlaceUnderKeySupervision {
        on: d("2023-09-01"),
        triggers: vec![KeySupervisionTrigger::WeakMeasures],
        rectify_by: d("2023-09-15"),
    }])
    .unwrap();
    let err = illegal(supervised.apply(&E::HoldInterview {
        on: d("2023-09-27"),
    }));
    says(
        &err,
        "cannot hold_interview on 2023-09-27 in state key_supervision",
    );
    says(&err, "the city government has not consented");
    let err = illegal(supervised.apply(&E::ApproveInterview {
        on: d("2023-09-20"),
    }));
    says(
        &err,
        "cannot approve_interview on 2023-09-20 in state key_supervision",
    );
    says(&err, "no interview has been proposed");
    let proposed = supervised
        .apply(&E::ProposeInterview {
            on: d("2023-09-18"),
        })
        .unwrap();
    let err = illegal(proposed.apply(&E::HoldInterview {
        on: d("2023-09-27"),
    }));
    says(&err, "in state interview_proposed");
    says_zh(&err, "约谈意见尚未报经市政府同意");
    let err = illegal(proposed.apply(&E::SubmitPlan {
        on: d("2023-09-27"),
    }));
    says(&err, "no interview has been held");
}

#[test]
fn art_12_3_full_path_to_poor_grade_and_its_consequences() {
    use AccountabilityEvent as E;
    let events = [
        E::PlaceUnderKeySupervision {
            on: d("2023-09-01"),
            triggers: vec![
                KeySupervisionTrigger::SlowProgress,
                KeySupervisionTrigger::LateReporting,
            ],
            rectify_by: d("2023-09-15"),
        },
        E::ProposeInterview {
            on: d("2023-09-18"),
        },
        E::ApproveInterview {
            on: d("2023-09-20"),
        },
        E::HoldInterview {
            on: d("2023-09-27"),
        },
        E::SubmitPlan {
            on: d("2023-10-07"),
        },
        E::GradePoor {
            on: d("2023-12-01"),
        },
        E::Refer {
            on: d("2023-12-05"),
        },
    ];
    let (names, last) = path(
        AccountabilityState::new(),
        &events,
        AccountabilityState::apply,
        AccountabilityState::name,
    );
    assert_eq!(
        names,
        [
            "normal",
            "key_supervision",
            "interview_proposed",
            "interview_approved",
            "interview_held",
            "plan_submitted",
            "graded_poor",
            "referred",
        ]
    );
    let graded = AccountabilityState::GradedPoor {
        on: d("2023-12-01"),
        interview_on: d("2023-09-27"),
        supervised_on: d("2023-09-01"),
        result_reported_on: None,
    };
    assert_eq!(
        last,
        AccountabilityState::Referred {
            on: d("2023-12-05"),
            case: Box::new(graded.clone()),
        }
    );
    assert_eq!(graded.grade(), Some(Grade::Poor));
    assert_eq!(
        graded.consequences(),
        [Consequence::CriticisedCityWide, Consequence::ExposedInMedia]
    );
    assert_eq!(last.grade(), Some(Grade::Poor));
    assert_eq!(
        last.consequences(),
        [
            Consequence::CriticisedCityWide,
            Consequence::ExposedInMedia,
            Consequence::ReferredForDiscipline,
        ]
    );
    assert_eq!(last.interview_on(), Some(d("2023-09-27")));
    assert_eq!(AccountabilityState::replay(&events).unwrap(), last);
}

#[test]
fn art_12_3_graded_poor_when_no_plan_came() {
    use AccountabilityEvent as E;
    let (names, last) = path(
        AccountabilityState::new(),
        &[
            E::PlaceUnderKeySupervision {
                on: d("2023-09-01"),
                triggers: vec![KeySupervisionTrigger::Neglect],
                rectify_by: d("2023-09-15"),
            },
            E::ProposeInterview {
                on: d("2023-09-18"),
            },
            E::ApproveInterview {
                on: d("2023-09-20"),
            },
            E::HoldInterview {
                on: d("2023-09-27"),
            },
            E::GradePoor {
                on: d("2023-10-09"),
            },
        ],
        AccountabilityState::apply,
        AccountabilityState::name,
    );
    assert_eq!(
        names,
        [
            "normal",
            "key_supervision",
            "interview_proposed",
            "interview_approved",
            "interview_held",
            "graded_poor",
        ]
    );
    assert_eq!(last.interview_on(), Some(d("2023-09-27")));
}

#[test]
fn art_12_3_resolution_paths_keep_the_interview_date() {
    use AccountabilityEvent as E;
    let supervise = E::PlaceUnderKeySupervision {
        on: d("2023-09-01"),
        triggers: vec![KeySupervisionTrigger::FalseReporting],
        rectify_by: d("2023-09-15"),
    };
    let (names, rectified) = path(
        AccountabilityState::new(),
        &[
            supervise.clone(),
            E::Rectify {
                on: d("2023-09-14"),
            },
        ],
        AccountabilityState::apply,
        AccountabilityState::name,
    );
    assert_eq!(names, ["normal", "key_supervision", "resolved"]);
    assert_eq!(rectified.interview_on(), None);
    assert!(rectified.consequences().is_empty());
    assert_eq!(rectified.grade(), None);

    let (names, resolved) = path(
        AccountabilityState::new(),
        &[
            supervise,
            E::ProposeInterview {
                on: d("2023-09-18"),
            },
            E::ApproveInterview {
                on: d("2023-09-20"),
            },
            E::HoldInterview {
                on: d("2023-09-27"),
            },
            E::SubmitPlan {
                on: d("2023-10-07"),
            },
            E::Resolve {
                on: d("2023-11-01"),
            },
        ],
        AccountabilityState::apply,
        AccountabilityState::name,
    );
    assert_eq!(
        names,
        [
            "normal",
            "key_supervision",
            "interview_proposed",
            "interview_approved",
            "interview_held",
            "plan_submitted",
            "resolved",
        ]
    );
    assert_eq!(
        resolved,
        AccountabilityState::Resolved {
            on: d("2023-11-01"),
            interview_on: Some(d("2023-09-27")),
            supervised_on: d("2023-09-01"),
            result_reported_on: None,
        }
    );
    // Resolving needs the written plan first.
    let held = AccountabilityState::InterviewHeld {
        on: d("2023-09-27"),
        supervised_on: d("2023-09-01"),
        result_reported_on: None,
    };
    let err = illegal(held.apply(&E::Resolve {
        on: d("2023-10-09"),
    }));
    says(&err, "no written rectification plan");
}

#[test]
fn art_12_3_key_supervision_needs_a_trigger_and_a_deadline_not_before_it() {
    let err = illegal(AccountabilityState::new().apply(
        &AccountabilityEvent::PlaceUnderKeySupervision {
            on: d("2023-09-01"),
            triggers: vec![],
            rectify_by: d("2023-09-15"),
        },
    ));
    says(&err, "at least one trigger");
    says_zh(&err, "虚报瞒报");

    let err = AccountabilityState::new()
        .apply(&AccountabilityEvent::PlaceUnderKeySupervision {
            on: d("2023-09-01"),
            triggers: vec![KeySupervisionTrigger::Neglect],
            rectify_by: d("2023-08-31"),
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    says(
        &err,
        "invalid place_under_key_supervision on 2023-09-01 in state normal",
    );
    says(&err, "2023-08-31");

    // The deadline may be the order's own day.
    let s = AccountabilityState::new()
        .apply(&AccountabilityEvent::PlaceUnderKeySupervision {
            on: d("2023-09-01"),
            triggers: vec![KeySupervisionTrigger::Neglect],
            rectify_by: d("2023-09-01"),
        })
        .unwrap();
    assert_eq!(s.name(), "key_supervision");
}

/// Art. 12 (3): “对经重点督办仍不整改或整改不力的，由市政府督查室提出约谈意见”: the
/// interview comes when key supervision has not worked, so not before the rectification
/// deadline; grading poor comes after the interview, never on its day; the result of the
/// interview is reported to the mayor once; a referral runs alongside the rest.
#[test]
fn art_12_3_interview_after_the_deadline_poor_after_the_interview_referral_alongside() {
    use AccountabilityEvent as E;
    let supervised = AccountabilityState::replay(&[E::PlaceUnderKeySupervision {
        on: d("2023-09-01"),
        triggers: vec![KeySupervisionTrigger::LateReporting],
        rectify_by: d("2023-09-15"),
    }])
    .unwrap();
    let err = illegal(supervised.apply(&E::ProposeInterview {
        on: d("2023-09-14"),
    }));
    says(&err, "the rectification deadline 2023-09-15 has not come");
    says_zh(&err, "整改期限2023-09-15未到");
    assert!(supervised
        .apply(&E::ProposeInterview {
            on: d("2023-09-15")
        })
        .is_ok());

    let events = [
        E::ProposeInterview {
            on: d("2023-09-18"),
        },
        E::Refer {
            on: d("2023-09-19"),
        },
        E::ApproveInterview {
            on: d("2023-09-20"),
        },
        E::HoldInterview {
            on: d("2023-09-27"),
        },
    ];
    let mut held = supervised.clone();
    for e in &events {
        held = held.apply(e).unwrap();
    }
    assert_eq!(held.name(), "referred");
    assert_eq!(held.case().name(), "interview_held");
    assert_eq!(held.referred_on(), Some(d("2023-09-19")));
    assert_eq!(held.interview_on(), Some(d("2023-09-27")));
    assert_eq!(held.interview_result_reported_on(), None);
    // Graded poor on the interview day: refused.
    let err = illegal(held.apply(&E::GradePoor {
        on: d("2023-09-27"),
    }));
    says(&err, "cannot grade_poor on 2023-09-27 in state referred");
    says(&err, "the written plan's deadline");
    // The result is reported once.
    let reported = held
        .apply(&E::ReportInterviewResult {
            on: d("2023-09-28"),
        })
        .unwrap();
    assert_eq!(
        reported.interview_result_reported_on(),
        Some(d("2023-09-28"))
    );
    let err = illegal(reported.apply(&E::ReportInterviewResult {
        on: d("2023-09-29"),
    }));
    says(&err, "already been reported");
    // A second referral is refused; the workflow goes on to the poor grade.
    let err = illegal(reported.apply(&E::Refer {
        on: d("2023-10-09"),
    }));
    says(&err, "already been referred");
    let graded = reported
        .apply(&E::GradePoor {
            on: d("2023-10-09"),
        })
        .unwrap();
    assert_eq!(graded.graded_poor_on(), Some(d("2023-10-09")));
    assert_eq!(
        graded.consequences(),
        [
            Consequence::CriticisedCityWide,
            Consequence::ExposedInMedia,
            Consequence::ReferredForDiscipline,
        ]
    );
    // Nothing to report before an interview.
    let err = illegal(supervised.apply(&E::ReportInterviewResult {
        on: d("2023-09-20"),
    }));
    says(&err, "no interview has been held");
}

#[test]
fn art_12_3_referral_is_open_from_every_state_but_itself() {
    for (label, state) in accountability_states() {
        let result = state.apply(&AccountabilityEvent::Refer {
            on: d("2024-01-02"),
        });
        if state.name() == "referred" {
            let err = illegal(result);
            says(&err, "cannot refer on 2024-01-02 in state referred");
            continue;
        }
        let referred = result.unwrap_or_else(|e| panic!("{label}: {e:?}"));
        assert_eq!(
            referred,
            AccountabilityState::Referred {
                on: d("2024-01-02"),
                case: Box::new(state.clone()),
            },
            "{label}"
        );
        assert!(referred
            .consequences()
            .ends_with(&[Consequence::ReferredForDiscipline]));
    }
}

#[test]
fn art_12_3_accountability_serde_round_trip() {
    for (_, s) in accountability_states() {
        round_trip(&s, "state", s.name());
    }
    for e in accountability_events(d("2024-01-02")) {
        round_trip(&e, "event", e.name());
    }
    let referred = accountability_states().pop().unwrap().1;
    assert_eq!(
        serde_json::to_string(&referred).unwrap(),
        r#"{"state":"referred","on":"2023-11-02","case":{"state":"interview_held","on":"2023-09-27","supervised_on":"2023-09-01"}}"#
    );
}

// ---------------------------------------------------------------------------------------
// Art. 12 (1)(2): grades

#[test]
fn art_12_2_only_excellent_is_commended() {
    let rows: Vec<(&str, &str, Vec<Consequence>)> = Grade::ALL
        .iter()
        .map(|g| {
            (
                g.label(Language::Chinese),
                g.label(Language::English),
                g.consequences(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "优秀",
                "excellent",
                vec![
                    Consequence::Commended,
                    Consequence::EligibleForAdvancedSelection
                ]
            ),
            ("良好", "good", vec![]),
            ("合格", "pass", vec![]),
            ("较差", "poor", vec![]),
        ]
    );
    for c in [
        Consequence::Commended,
        Consequence::EligibleForAdvancedSelection,
    ] {
        assert_eq!(c.article(), duban::Article::item(12, 2));
    }
    for c in [
        Consequence::CriticisedCityWide,
        Consequence::ExposedInMedia,
        Consequence::ReferredForDiscipline,
    ] {
        assert_eq!(c.article(), duban::Article::item(12, 3));
    }
    for g in Grade::ALL {
        let json = serde_json::to_string(g).unwrap();
        assert_eq!(&serde_json::from_str::<Grade>(&json).unwrap(), g);
    }
}

#[test]
fn every_state_and_event_name_matches_its_serde_tag_and_list() {
    for (_, s) in report_states() {
        assert!(ReportState::NAMES.contains(&s.name()));
    }
    for (_, s) in inspection_states() {
        assert!(InspectionState::NAMES.contains(&s.name()));
    }
    for (_, s) in escalation_states() {
        assert!(EscalationState::NAMES.contains(&s.name()));
    }
    for (_, s) in accountability_states() {
        assert!(AccountabilityState::NAMES.contains(&s.name()));
    }
    // Every listed name has a fixture (the fixtures cover every variant).
    let covered = |names: &[&str], fixtures: Vec<&'static str>| {
        for n in names {
            assert!(fixtures.contains(n), "no fixture for {n}");
        }
    };
    covered(
        ReportState::NAMES,
        report_states().iter().map(|(_, s)| s.name()).collect(),
    );
    covered(
        InspectionState::NAMES,
        inspection_states().iter().map(|(_, s)| s.name()).collect(),
    );
    covered(
        EscalationState::NAMES,
        escalation_states().iter().map(|(_, s)| s.name()).collect(),
    );
    covered(
        AccountabilityState::NAMES,
        accountability_states()
            .iter()
            .map(|(_, s)| s.name())
            .collect(),
    );
}

// ---------------------------------------------------------------------------------------
// Property: no sequence of events panics

fn date() -> impl Strategy<Value = NaiveDate> {
    // 2019-01-01 ..= 2028-12-31.
    (0i64..3653).prop_map(|n| d("2019-01-01") + Duration::days(n))
}

fn report_event() -> impl Strategy<Value = ReportEvent> {
    let reason = prop::sample::select(ReturnReason::ALL.to_vec());
    let remedy = prop::sample::select(vec![Remedy::Redo, Remedy::Supplement]);
    prop_oneof![
        date().prop_map(|on| ReportEvent::Submit { on }),
        (date(), remedy, prop::collection::vec(reason, 0..4)).prop_map(|(on, remedy, reasons)| {
            ReportEvent::Return {
                on,
                remedy,
                reasons,
            }
        }),
        date().prop_map(|on| ReportEvent::Accept { on }),
    ]
}

fn inspection_event() -> impl Strategy<Value = InspectionEvent> {
    prop_oneof![
        date().prop_map(|on| InspectionEvent::Apply { on }),
        date().prop_map(|on| InspectionEvent::Approve { on }),
        date().prop_map(|on| InspectionEvent::Reject { on }),
        date().prop_map(|on| InspectionEvent::File { on }),
        date().prop_map(|on| InspectionEvent::Start { on }),
    ]
}

fn escalation_event() -> impl Strategy<Value = EscalationEvent> {
    let ground = prop::sample::select(EscalationGround::ALL.to_vec());
    prop_oneof![
        (date(), prop::collection::vec(ground, 0..4))
            .prop_map(|(on, grounds)| EscalationEvent::RequestEscalation { on, grounds }),
        date().prop_map(|on| EscalationEvent::Approve { on }),
        date().prop_map(|on| EscalationEvent::Decline { on }),
        date().prop_map(|on| EscalationEvent::Urge { on }),
    ]
}

fn accountability_event() -> impl Strategy<Value = AccountabilityEvent> {
    use AccountabilityEvent as E;
    let trigger = prop::sample::select(KeySupervisionTrigger::ALL.to_vec());
    prop_oneof![
        (date(), prop::collection::vec(trigger, 0..3), -5i64..30).prop_map(
            |(on, triggers, days)| E::PlaceUnderKeySupervision {
                on,
                triggers,
                rectify_by: on + Duration::days(days),
            }
        ),
        date().prop_map(|on| E::Rectify { on }),
        date().prop_map(|on| E::ProposeInterview { on }),
        date().prop_map(|on| E::ApproveInterview { on }),
        date().prop_map(|on| E::HoldInterview { on }),
        date().prop_map(|on| E::SubmitPlan { on }),
        date().prop_map(|on| E::Resolve { on }),
        date().prop_map(|on| E::GradePoor { on }),
        date().prop_map(|on| E::Refer { on }),
        date().prop_map(|on| E::ReportInterviewResult { on }),
    ]
}

/// Applies every event, keeping the last good state on an error; checks that each result
/// is an allowed state (named in `names`, round-tripping through JSON, never going back in
/// time) or an `IllegalTransition`/`InvalidInput` error naming the state and the event.
/// Returns the final state, which `replay` of the accepted events must reproduce.
fn drive<S, E>(
    start: S,
    events: &[E],
    apply: impl Fn(&S, &E) -> Result<S, Error>,
    name: impl Fn(&S) -> &'static str,
    event_name: impl Fn(&E) -> &'static str,
    last: impl Fn(&S) -> Option<NaiveDate>,
    names: &[&str],
) -> Result<(S, Vec<E>), TestCaseError>
where
    S: Clone + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    E: Clone,
{
    let mut state = start;
    let mut accepted = Vec::new();
    for event in events {
        match apply(&state, event) {
            Ok(next) => {
                prop_assert!(
                    names.contains(&name(&next)),
                    "unknown state {}",
                    name(&next)
                );
                let json = serde_json::to_string(&next).unwrap();
                prop_assert_eq!(&serde_json::from_str::<S>(&json).unwrap(), &next);
                prop_assert!(last(&next) >= last(&state), "time went back: {:?}", next);
                state = next;
                accepted.push(event.clone());
            }
            Err(err) => {
                prop_assert!(
                    matches!(
                        err.kind(),
                        ErrorKind::IllegalTransition | ErrorKind::InvalidInput
                    ),
                    "{:?}",
                    err
                );
                let en = err.message(Language::English);
                prop_assert!(en.contains(name(&state)), "{}", en);
                prop_assert!(en.contains(event_name(event)), "{}", en);
                prop_assert!(!err.message(Language::Chinese).is_empty());
            }
        }
    }
    Ok((state, accepted))
}

/// Half the time the events come in date order, so that sequences get deep.
fn maybe_sorted<E: Clone>(
    mut events: Vec<E>,
    sorted: bool,
    on: impl Fn(&E) -> NaiveDate,
) -> Vec<E> {
    if sorted {
        events.sort_by_key(|e| on(e));
    }
    events
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn art_9_report_never_panics(events in prop::collection::vec(report_event(), 0..30), sorted: bool) {
        let events = maybe_sorted(events, sorted, ReportEvent::on);
        let (state, accepted) = drive(ReportState::new(), &events, ReportState::apply,
            ReportState::name, ReportEvent::name, ReportState::last_event_on, ReportState::NAMES)?;
        prop_assert_eq!(ReportState::replay(&accepted).unwrap(), state.clone());
        let _ = ReportState::replay(&events);
        for credit in [SupplementCredit::OriginalSubmission, SupplementCredit::Resubmission] {
            if let Some(c) = state.credited_submission(credit) {
                prop_assert!(Some(c) <= state.last_event_on());
            }
        }
    }

    #[test]
    fn art_10_inspection_never_panics(events in prop::collection::vec(inspection_event(), 0..30),
                                      listed: bool, sorted: bool) {
        let plan = if listed { AnnualPlan::Listed } else { AnnualPlan::NotListed };
        let events = maybe_sorted(events, sorted, InspectionEvent::on);
        let (state, accepted) = drive(InspectionState::new(plan), &events, InspectionState::apply,
            InspectionState::name, InspectionEvent::name, InspectionState::last_event_on,
            InspectionState::NAMES)?;
        prop_assert_eq!(InspectionState::replay(plan, &accepted).unwrap(), state.clone());
        let _ = InspectionState::replay(plan, &events);
        // Carried out only when planned, or approved on or before the start.
        if let InspectionState::CarriedOut { on, approved_on, .. } = state {
            match plan {
                AnnualPlan::Listed => prop_assert_eq!(approved_on, None),
                _ => prop_assert!(approved_on.is_some_and(|a| a <= on)),
            }
        }
    }

    #[test]
    fn art_4_escalation_never_panics(events in prop::collection::vec(escalation_event(), 0..30), sorted: bool) {
        let events = maybe_sorted(events, sorted, EscalationEvent::on);
        let (state, accepted) = drive(EscalationState::new(), &events, EscalationState::apply,
            EscalationState::name, EscalationEvent::name, EscalationState::last_event_on,
            EscalationState::NAMES)?;
        prop_assert_eq!(EscalationState::replay(&accepted).unwrap(), state.clone());
        let _ = EscalationState::replay(&events);
        if let EscalationState::Escalated { grounds, .. } = state {
            prop_assert!(grounds.contains(&EscalationGround::IneffectiveAfterUrging));
            prop_assert!(grounds.iter().any(|g| *g != EscalationGround::IneffectiveAfterUrging));
        }
    }

    #[test]
    fn art_12_3_accountability_never_panics(events in prop::collection::vec(accountability_event(), 0..30), sorted: bool) {
        let events = maybe_sorted(events, sorted, AccountabilityEvent::on);
        let (state, accepted) = drive(AccountabilityState::new(), &events, AccountabilityState::apply,
            AccountabilityState::name, AccountabilityEvent::name, AccountabilityState::last_event_on,
            AccountabilityState::NAMES)?;
        prop_assert_eq!(AccountabilityState::replay(&accepted).unwrap(), state.clone());
        let _ = AccountabilityState::replay(&events);
        let _ = (state.consequences(), state.grade(), state.interview_on());
    }
}
