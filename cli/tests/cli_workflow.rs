//! `duban next` and `duban apply`: one matter at a time, one event at a time, compared with
//! the whole-caseload `check` of the same matters.

use serde_json::{json, Value};

#[path = "util/cli.rs"]
mod cli;
use cli::*;

fn data(path: &str) -> String {
    format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[track_caller]
fn json_of(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

#[test]
fn next_prints_state_allowed_open_and_findings() {
    let caseload = data("examples/data/caseload.json");
    let out = json_of(&ok(&["next", &caseload, "YB-2023-10-SW"]));
    // Returned for supplement on 2023-11-02; D2 of October 2023 is its last working day,
    // Tuesday 2023-10-31.
    assert_eq!(
        out,
        json!({"state": "returned", "allowed": ["submit"],
               "open": [{"code": "D2", "due": "2023-10-31", "status": "awaiting_supplement"}],
               "findings": []})
    );
    // Before the report was returned it was waiting for review.
    let out = json_of(&ok(&[
        "next",
        &caseload,
        "YB-2023-10-SW",
        "--as-of",
        "2023-10-31",
    ]));
    assert_eq!(out["state"], "submitted");
    assert_eq!(out["allowed"], json!(["return", "accept"]));
    assert_eq!(out["open"], json!([]));
}

#[test]
fn next_as_a_table_is_chinese_or_english() {
    let caseload = data("examples/data/caseload.json");
    let zh = ok(&["next", &caseload, "YT-2023-05", "--format", "table"]);
    assert!(zh.contains("状态：已约谈"), "{zh}");
    assert!(zh.contains("提出书面整改方案"), "{zh}");
    assert!(zh.contains("D6 2023-10-16"), "{zh}");
    for line in zh.lines().skip(1) {
        let rest = line.replace("D6", "");
        assert!(
            !rest.chars().any(|c| c.is_ascii_alphabetic()),
            "English in the Chinese table: {line}"
        );
    }
    let en = ok(&[
        "--lang",
        "en",
        "next",
        &caseload,
        "YT-2023-05",
        "--format",
        "table",
    ]);
    assert!(en.contains("State: interview held"), "{en}");
}

#[test]
fn next_agrees_with_check_for_every_matter_of_the_example() {
    let caseload = data("examples/data/caseload.json");
    let report = json_of(&ok(&["check", &caseload, "--no-explain"]));
    for m in report["matters"].as_array().unwrap() {
        let id = m["id"].as_str().unwrap();
        let next = json_of(&ok(&["next", &caseload, id]));
        assert_eq!(next["state"], m["state"], "{id}");
        let open: Vec<Value> = m["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| {
                !["met_on_time", "met_late"].contains(&o["status"]["status"].as_str().unwrap())
            })
            .map(|o| json!({"code": o["code"], "due": o["due"], "status": o["status"]["status"]}))
            .collect();
        assert_eq!(next["open"], Value::Array(open), "{id}");
    }
}

#[test]
fn next_errors() {
    let caseload = data("examples/data/caseload.json");
    let msg = fails_with(1, &["next", &caseload, "NOPE"]);
    assert!(msg.contains("NOPE"), "{msg}");
    fails_with(2, &["next", &caseload]);
    fails_with(2, &["next", &caseload, "X", "--format", "csv"]);
}

/// Applies `events` one at a time through `duban apply`, starting from `start`, and
/// returns each state's name; stops at the first refusal, returning its message too.
fn step_by_step(start: &str, events: &[Value]) -> (Vec<String>, Option<String>) {
    let mut state = start.to_owned();
    let mut names = Vec::new();
    for e in events {
        let out = run(&["--lang", "en", "apply", &state, &e.to_string()]);
        if !out.status.success() {
            return (names, Some(text(&out.stderr)));
        }
        state = text(&out.stdout).trim().to_owned();
        names.push(
            json_of(&state)["state"]["state"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    (names, None)
}

/// The state `check` gives a one-matter caseload with `events` (or its error).
fn checked(matter: Value, events: &[Value]) -> Result<String, String> {
    let mut m = matter;
    m["events"] = Value::Array(events.to_vec());
    let doc = json!({"schema": "duban-caseload/1", "as_of": "2024-06-28", "matters": [m]});
    let file = TempFile::new("wf.json", &doc.to_string());
    let report = json_of(&ok(&["check", file.path(), "--no-explain"]));
    match report["errors"].as_array().unwrap().first() {
        Some(e) => Err(e["message"].as_str().unwrap_or_default().to_owned()),
        None => Ok(report["matters"][0]["state"].as_str().unwrap().to_owned()),
    }
}

#[test]
fn apply_one_at_a_time_agrees_with_check() {
    let report = json!({"id": "R", "kind": "monthly_report", "unit": "u", "sector": "s",
                        "month": "2024-03"});
    let escalation = json!({"id": "E", "kind": "escalation", "unit": "u", "sector": "s"});
    let sequences: Vec<(Value, &str, Vec<Value>)> = vec![
        (
            report.clone(),
            r#"{"schema":"duban-state/1","kind":"report","state":{"state":"awaiting"}}"#,
            vec![
                json!({"event": "submit", "on": "2024-03-28"}),
                json!({"event": "return", "on": "2024-04-01", "remedy": "redo", "reasons": ["no_evidence"]}),
                json!({"event": "submit", "on": "2024-04-03"}),
                json!({"event": "return", "on": "2024-04-08", "remedy": "supplement", "reasons": ["missing_item"]}),
                json!({"event": "submit", "on": "2024-04-09"}),
                json!({"event": "accept", "on": "2024-04-10"}),
                json!({"event": "submit", "on": "2024-04-11"}),
            ],
        ),
        (
            escalation,
            r#"{"schema":"duban-state/1","kind":"escalation","state":{"state":"open"}}"#,
            vec![
                json!({"event": "urge", "on": "2024-04-22"}),
                json!({"event": "request_escalation", "on": "2024-05-06", "grounds": ["overall", "ineffective_after_urging"]}),
                json!({"event": "decline", "on": "2024-05-08"}),
                json!({"event": "urge", "on": "2024-05-20"}),
                json!({"event": "request_escalation", "on": "2024-05-27", "grounds": ["wide_reaching", "ineffective_after_urging"]}),
                json!({"event": "approve", "on": "2024-05-29"}),
                json!({"event": "urge", "on": "2024-06-03"}),
            ],
        ),
    ];
    for (matter, start, events) in sequences {
        let (names, refused) = step_by_step(start, &events);
        // The last event of each sequence comes after the workflow ended: refused.
        assert_eq!(names.len(), events.len() - 1, "{names:?}");
        let refused = refused.expect("the last event is refused");
        assert!(refused.contains("cannot"), "{refused}");
        for (i, name) in names.iter().enumerate() {
            assert_eq!(
                checked(matter.clone(), &events[..=i]).as_deref(),
                Ok(name.as_str())
            );
        }
        assert!(checked(matter.clone(), &events).is_err());
    }
}

#[test]
fn apply_errors_name_the_state_and_the_event_in_both_languages() {
    let start = r#"{"schema":"duban-state/1","kind":"report","state":{"state":"awaiting"}}"#;
    let accept = r#"{"event":"accept","on":"2024-03-28"}"#;
    let zh = fails_with(1, &["apply", start, accept]);
    assert!(zh.contains("待报送") && zh.contains("审核通过"), "{zh}");
    let en = fails_with(1, &["--lang", "en", "apply", start, accept]);
    assert!(
        en.contains("cannot accept on 2024-03-28 in state awaiting"),
        "{en}"
    );
    // The state from a file, the event from stdin.
    let file = TempFile::new("state.json", start);
    let out = run_with_stdin(
        &["apply", file.path(), "-"],
        br#"{"event":"submit","on":"2024-03-28"}"#,
    );
    assert!(out.status.success());
    assert!(text(&out.stdout).contains(r#""state":"submitted""#));
    fails_with(2, &["apply", start]);
    fails_with(2, &["apply", "-", "-"]);
}
