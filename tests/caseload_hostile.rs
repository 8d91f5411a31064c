//! Malformed and hostile caseloads: every problem is an error that names its matter (by
//! index, and by id when the id can be read), no other matter is lost, nothing panics.
//! Also: the JSON Schemas in `schema/` against the reader (field and enumeration lists).
//!
//! The base caseload has one valid matter of each kind; each hostile variant replaces one
//! of them and asserts the exact ids checked and the exact errors reported.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use duban::{
    check, parse_date, AccountabilityEvent, AccountabilityState, Calendar, Caseload, CheckReport,
    ErrorKind, EscalationEvent, EscalationState, Explanations, InspectionEvent, InspectionState,
    Language, Policy, ReportEvent, ReportState, CASELOAD_SCHEMA, POLICY_SCHEMA, REPORT_SCHEMA,
};
use proptest::prelude::*;
use serde_json::Value;

const AS_OF: &str = "2023-11-10";

/// One valid matter of each kind: (id, JSON).
const BASE: [(&str, &str); 7] = [
    (
        "HY-1",
        r#"{"id":"HY-1","kind":"meeting_follow_up","unit":"市发展和改革委员会","sector":"经济","source":"meeting_decisions","meeting":{"date":"2023-09-20","kind":"executive"},"items":[{"id":"1","category":"project"},{"id":"2"}],"events":[{"event":"submit","on":"2023-10-30","items":[{"item":"1","progress":"on_schedule","physical_progress":"主体结构完成60%"},{"item":"2","progress":"completed","evidence":["验收报告"]}]},{"event":"accept","on":"2023-11-02"}]}"#,
    ),
    (
        "YB-1",
        r#"{"id":"YB-1","kind":"monthly_report","unit":"市财政局","sector":"经济","month":"2023-10","events":[{"event":"submit","on":"2023-10-30"},{"event":"accept","on":"2023-10-31"}]}"#,
    ),
    (
        "JD-1",
        r#"{"id":"JD-1","kind":"quarterly_report","unit":"市政府办公室一科","sector":"经济","quarter":"2023-Q3","items":[{"id":"A"},{"id":"B"}],"events":[{"event":"submit","on":"2023-09-27","items":[{"item":"A","progress":"completed","evidence":["报告"]},{"item":"B","progress":"on_schedule"}]},{"event":"accept","on":"2023-09-28"}]}"#,
    ),
    (
        "DC-1",
        r#"{"id":"DC-1","kind":"inspection","unit":"市教育局","sector":"社会","start":"2023-10-16","annual_plan":"not_listed","events":[{"event":"apply","on":"2023-10-07"},{"event":"approve","on":"2023-10-11"},{"event":"file","on":"2023-10-12"},{"event":"start","on":"2023-10-16"}]}"#,
    ),
    (
        "YT-1",
        r#"{"id":"YT-1","kind":"accountability","unit":"市交通运输局","sector":"城建","events":[{"event":"place_under_key_supervision","on":"2023-08-01","triggers":["late_reporting"],"rectify_by":"2023-08-31"},{"event":"propose_interview","on":"2023-09-05"},{"event":"approve_interview","on":"2023-09-15"},{"event":"hold_interview","on":"2023-09-27"},{"event":"submit_plan","on":"2023-10-07","note":"书面整改方案"}]}"#,
    ),
    (
        "TJ-1",
        r#"{"id":"TJ-1","kind":"escalation","unit":"市自然资源局","sector":"城建","events":[{"event":"urge","on":"2023-10-08"},{"event":"request_escalation","on":"2023-10-10","grounds":["hard_to_coordinate","ineffective_after_urging"]},{"event":"approve","on":"2023-10-12"}]}"#,
    ),
    (
        "NZ-1",
        r#"{"id":"NZ-1","kind":"year_end_summary","unit":"市政府督查室","sector":"督查","year":2023}"#,
    ),
];

fn ids() -> Vec<&'static str> {
    BASE.iter().map(|(id, _)| *id).collect()
}

/// A caseload document with these matters (as JSON texts).
fn doc<S: AsRef<str>>(matters: &[S]) -> String {
    let joined: Vec<&str> = matters.iter().map(AsRef::as_ref).collect();
    format!(
        r#"{{"schema":"duban-caseload/1","as_of":"{AS_OF}","matters":[{}]}}"#,
        joined.join(",")
    )
}

fn base_doc() -> String {
    doc(&BASE.map(|(_, m)| m))
}

/// The base document with matter `index` replaced by `matter` (raw text).
fn base_with(index: usize, matter: &str) -> String {
    let mut matters: Vec<&str> = BASE.iter().map(|(_, m)| *m).collect();
    matters[index] = matter;
    doc(&matters)
}

/// A base matter with one `"field":value` pair changed, added (`Some`) or removed (`None`).
fn edit(index: usize, field: &str, value: Option<&str>) -> String {
    let mut m: serde_json::Map<String, Value> =
        serde_json::from_str(BASE[index].1).expect("base matter is JSON");
    match value {
        Some(v) => {
            m.insert(
                field.to_owned(),
                serde_json::from_str(v).expect("edit value is JSON"),
            );
        }
        None => {
            m.remove(field);
        }
    }
    Value::Object(m).to_string()
}

/// What a check gave: the ids checked (in order) and the errors (index, id, code, English
/// message).
#[derive(Debug)]
struct Outcome {
    checked: Vec<String>,
    errors: Vec<(Option<usize>, Option<String>, &'static str, String)>,
    report: CheckReport,
}

fn run_with(bytes: &[u8], policy: &Policy) -> Result<Outcome, duban::Error> {
    let caseload = Caseload::from_json(bytes)?;
    let report = check(
        &caseload,
        policy,
        &Calendar::china(),
        parse_date(AS_OF).expect("AS_OF"),
    )?;
    Ok(Outcome {
        checked: report.matters.iter().map(|m| m.id.to_string()).collect(),
        errors: report
            .errors
            .iter()
            .map(|e| {
                (
                    e.index,
                    e.matter.as_deref().map(String::from),
                    e.code,
                    e.message_en.clone(),
                )
            })
            .collect(),
        report,
    })
}

fn run(bytes: &[u8]) -> Result<Outcome, duban::Error> {
    run_with(bytes, &Policy::ankang_2020())
}

/// Reads and checks `bytes`; asserts the ids checked and the (index, id, code) of every error.
#[track_caller]
fn outcome(
    bytes: impl AsRef<[u8]>,
    checked: &[&str],
    errors: &[(usize, Option<&str>, &str)],
) -> Outcome {
    let got = match run(bytes.as_ref()) {
        Ok(o) => o,
        Err(e) => panic!("the caseload was rejected as a whole: {e:?}"),
    };
    assert_eq!(
        got.checked, checked,
        "ids checked; errors: {:#?}",
        got.errors
    );
    let errs: Vec<(Option<usize>, Option<&str>, &str)> = got
        .errors
        .iter()
        .map(|(i, id, code, _)| (*i, id.as_deref(), *code))
        .collect();
    let want: Vec<(Option<usize>, Option<&str>, &str)> = errors
        .iter()
        .map(|(i, id, code)| (Some(*i), *id, *code))
        .collect();
    assert_eq!(errs, want, "errors: {:#?}", got.errors);
    accounts_for_every_matter(&got);
    got
}

/// Matter `index` of the base is replaced by `matter`: that matter alone is in error (with
/// `id` and `code`), every other base matter is checked. Returns the error's English message.
/// (The error names the matter by its `index` and `matter` fields; messages of read errors
/// also say `matter #n (id)`, those of check errors say what is wrong with it.)
#[track_caller]
fn hostile(index: usize, matter: &str, id: Option<&str>, code: &str) -> String {
    let others: Vec<&str> = ids()
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, id)| id)
        .collect();
    let got = outcome(base_with(index, matter), &others, &[(index, id, code)]);
    got.errors[0].3.clone()
}

/// Every matter index the reader saw is accounted for exactly once: either checked (in
/// order) or in error; document-level errors have no index.
#[track_caller]
fn accounts_for_every_matter(o: &Outcome) {
    let indexed: Vec<usize> = o.errors.iter().filter_map(|e| e.0).collect();
    let distinct: BTreeSet<usize> = indexed.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        indexed.len(),
        "an index has two errors: {:#?}",
        o.errors
    );
    let total = o.checked.len() + indexed.len();
    assert!(
        distinct.iter().all(|i| *i < total),
        "error indices {distinct:?} beyond {total} matters"
    );
    let s = &o.report.summary;
    assert_eq!(
        (s.matters, s.checked, s.errors),
        (total, o.checked.len(), o.errors.len())
    );
    for e in &o.errors {
        if e.2 == "document" {
            assert_eq!(e.0, None, "a document error has no index: {e:?}");
        } else {
            assert!(e.0.is_some(), "a matter error without index: {e:?}");
        }
    }
}

#[track_caller]
fn rejected(bytes: impl AsRef<[u8]>) -> duban::Error {
    match Caseload::from_json(bytes.as_ref()) {
        Ok(c) => panic!("accepted: {} matters, errors {:?}", c.len(), c.errors()),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------------------------------
// The base, and truncation.
// ---------------------------------------------------------------------------------------

#[test]
fn the_base_caseload_is_clean() {
    let o = outcome(base_doc(), &ids(), &[]);
    let states: Vec<&str> = o.report.matters.iter().map(|m| m.state).collect();
    assert_eq!(
        states,
        [
            "accepted",
            "accepted",
            "accepted",
            "carried_out",
            "plan_submitted",
            "escalated",
            "awaiting"
        ]
    );
    assert_eq!(o.report.summary.obligations, 7);
}

/// (start, end) byte offsets of each base matter in the base document, end exclusive.
fn matter_spans(text: &str) -> Vec<(usize, usize)> {
    BASE.iter()
        .map(|(_, m)| {
            let start = text.find(m).expect("matter in document");
            (start, start + m.len())
        })
        .collect()
}

#[test]
fn truncation_at_every_byte_keeps_every_complete_matter() {
    let text = base_doc();
    let bytes = text.as_bytes();
    let spans = matter_spans(&text);
    let array_open = text.find("\"matters\":[").expect("matters") + "\"matters\":".len();
    for cut in 0..bytes.len() {
        let prefix = &bytes[..cut];
        let o = match run(prefix) {
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::InvalidCaseload, "cut {cut}: {e:?}");
                assert!(
                    cut <= array_open,
                    "cut {cut}: rejected after the matters began: {e:?}"
                );
                continue;
            }
            Ok(o) => o,
        };
        let complete: Vec<&str> = spans
            .iter()
            .zip(ids())
            .filter(|((_, end), _)| *end <= cut)
            .map(|(_, id)| id)
            .collect();
        assert_eq!(
            o.checked,
            complete,
            "cut at byte {cut}: {:?}",
            String::from_utf8_lossy(prefix)
        );
        accounts_for_every_matter(&o);
        // The cut is reported once: as the matter it cuts (named by id once the id has
        // been read), or as a document error when it falls between matters or after them.
        let cut_matter = spans
            .iter()
            .position(|(start, end)| *start < cut && cut < *end);
        let codes: Vec<(Option<usize>, Option<&str>, &str)> = o
            .errors
            .iter()
            .map(|e| (e.0, e.1.as_deref(), e.2))
            .collect();
        match cut_matter {
            Some(k) => {
                let (start, _) = spans[k];
                let id_read = cut >= start + format!(r#"{{"id":"{}""#, BASE[k].0).len();
                let id = id_read.then_some(BASE[k].0);
                assert_eq!(codes, [(Some(k), id, "truncated")], "cut {cut}");
            }
            None => assert!(
                codes == [(None, None, "document")]
                    || codes == [(Some(o.checked.len()), None, "truncated")],
                "cut {cut}: {codes:?}"
            ),
        }
    }
    // The whole document is clean.
    outcome(bytes, &ids(), &[]);
}

// ---------------------------------------------------------------------------------------
// Wrong types, unknown names, missing fields, bad dates.
// ---------------------------------------------------------------------------------------

#[test]
fn wrong_types_cost_only_their_matter() {
    // The id itself is not a string: the error names the position only.
    let m = hostile(1, &edit(1, "id", Some("5")), None, "malformed");
    assert!(
        m.contains("matter #2") && m.contains("expected a string"),
        "{m}"
    );
    let m = hostile(
        1,
        &edit(1, "month", Some("2023")),
        Some("YB-1"),
        "malformed",
    );
    assert!(m.contains("integer `2023`"), "{m}");
    let m = hostile(0, &edit(0, "events", Some("{}")), Some("HY-1"), "malformed");
    assert!(m.contains("expected a sequence"), "{m}");
    hostile(
        0,
        &edit(0, "events", Some("null")),
        Some("HY-1"),
        "malformed",
    );
    hostile(
        0,
        &edit(0, "items", Some(r#""1""#)),
        Some("HY-1"),
        "malformed",
    );
    hostile(0, &edit(0, "unit", Some("[]")), Some("HY-1"), "malformed");
    hostile(
        0,
        &edit(0, "meeting", Some(r#""2023-09-20""#)),
        Some("HY-1"),
        "malformed",
    );
    hostile(
        6,
        &edit(6, "year", Some(r#""2023""#)),
        Some("NZ-1"),
        "malformed",
    );
    // 2023.0 is an integer to JSON Schema but not to the reader (i32).
    hostile(
        6,
        &edit(6, "year", Some("2023.0")),
        Some("NZ-1"),
        "malformed",
    );
    hostile(
        6,
        &edit(6, "year", Some("4294967296")),
        Some("NZ-1"),
        "malformed",
    );
    hostile(
        3,
        &edit(3, "start", Some("null")),
        Some("DC-1"),
        "malformed",
    );
    hostile(2, &edit(2, "kind", Some("3")), Some("JD-1"), "malformed");
    // Not an object at all.
    for m in ["5", "\"HY-1\"", "[]", "null", "true", "{}"] {
        hostile(4, m, None, "malformed");
    }
}

#[test]
fn null_reads_as_absent_where_the_field_is_optional() {
    // A null optional field is read as absent: harmless where the kind does not need it...
    outcome(base_with(1, &edit(1, "source", Some("null"))), &ids(), &[]);
    outcome(base_with(1, &edit(1, "title", Some("null"))), &ids(), &[]);
    // ... and `missing_field` where it does.
    hostile(
        1,
        &edit(1, "month", Some("null")),
        Some("YB-1"),
        "missing_field",
    );
    hostile(
        0,
        &edit(0, "meeting", Some("null")),
        Some("HY-1"),
        "missing_field",
    );
}

#[test]
fn unknown_kind_is_malformed_and_names_the_kinds() {
    let m = hostile(
        2,
        &edit(2, "kind", Some(r#""weekly_report""#)),
        Some("JD-1"),
        "malformed",
    );
    assert!(
        m.contains("weekly_report") && m.contains("quarterly_report"),
        "{m}"
    );
}

#[test]
fn unknown_event_names_the_event() {
    let m = r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit","on":"2023-10-30"},{"event":"approve_everything","on":"2023-10-31"}]}"#;
    let en = hostile(1, m, Some("YB-1"), "unknown_event");
    assert!(
        en.contains("approve_everything") && en.contains("event 2"),
        "{en}"
    );
    let o = run(base_with(1, m).as_bytes()).expect("read");
    let zh = &o.report.errors[0].message_zh;
    assert!(
        zh.contains("approve_everything") && zh.contains("YB-1"),
        "{zh}"
    );
    // An unknown event wins over another problem in the same matter.
    let m = r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","bogus":1,"events":[{"event":"fly","on":"2023-02-30"}]}"#;
    assert!(hostile(1, m, Some("YB-1"), "unknown_event").contains("\"fly\""));
    // A known event on the wrong kind of matter.
    let m = r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"apply","on":"2023-10-30"}]}"#;
    let en = hostile(1, m, Some("YB-1"), "event_not_allowed");
    assert!(
        en.contains("apply") && en.contains("submit, return, accept"),
        "{en}"
    );
}

#[test]
fn unknown_fields_are_malformed_at_every_level() {
    let m = hostile(
        1,
        &edit(1, "deadline", Some(r#""2023-10-31""#)),
        Some("YB-1"),
        "malformed",
    );
    assert!(m.contains("unknown field `deadline`"), "{m}");
    let cases = [
        (
            0,
            r#"{"id":"HY-1","kind":"meeting_follow_up","unit":"u","meeting":{"date":"2023-09-20","kind":"executive","place":"x"}}"#,
            "place",
        ),
        (
            0,
            r#"{"id":"HY-1","kind":"meeting_follow_up","unit":"u","meeting":{"date":"2023-09-20","kind":"executive"},"items":[{"id":"1","weight":2}]}"#,
            "weight",
        ),
        (
            1,
            r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit","on":"2023-10-30","by":"x"}]}"#,
            "by",
        ),
        (
            1,
            r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit","on":"2023-10-30","items":[{"item":"1","progress":"completed","pct":1}]}]}"#,
            "pct",
        ),
    ];
    for (i, m, field) in cases {
        let msg = hostile(i, m, Some(BASE[i].0), "malformed");
        assert!(msg.contains(&format!("unknown field `{field}`")), "{msg}");
    }
}

#[test]
fn missing_fields_per_kind() {
    for (index, field) in [
        (0, "meeting"),
        (1, "month"),
        (2, "quarter"),
        (3, "annual_plan"),
        (3, "start"),
        (6, "year"),
    ] {
        let m = hostile(
            index,
            &edit(index, field, None),
            Some(BASE[index].0),
            "missing_field",
        );
        assert!(m.contains(&format!("`{field}`")), "{m}");
    }
    // A listed inspection needs its start day too.
    let listed = r#"{"id":"DC-1","kind":"inspection","unit":"u","annual_plan":"listed"}"#;
    hostile(3, listed, Some("DC-1"), "missing_field");
    // Fields every kind needs are serde's: the matter is malformed.
    hostile(5, &edit(5, "unit", None), Some("TJ-1"), "malformed");
    hostile(5, &edit(5, "kind", None), Some("TJ-1"), "malformed");
    hostile(5, &edit(5, "id", None), None, "malformed");
    // Fields an event needs.
    let no_remedy = r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit","on":"2023-10-30"},{"event":"return","on":"2023-10-31","reasons":["other"]}]}"#;
    assert!(hostile(1, no_remedy, Some("YB-1"), "missing_field").contains("`remedy`"));
    let no_rectify_by = r#"{"id":"YT-1","kind":"accountability","unit":"u","events":[{"event":"place_under_key_supervision","on":"2023-08-01","triggers":["neglect"]}]}"#;
    assert!(hostile(4, no_rectify_by, Some("YT-1"), "missing_field").contains("`rectify_by`"));
    let no_on = r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit"}]}"#;
    hostile(1, no_on, Some("YB-1"), "malformed");
}

#[test]
fn bad_dates_are_malformed_wherever_they_are() {
    for bad in [
        "0000-00-00",
        "2023-02-30",
        "2023-2-3",
        "2023-13-01",
        "2023-10-10T00:00:00",
        " 2023-10-10",
        "2023/10/10",
        "",
        "２０２３-１０-１０",
    ] {
        let q = serde_json::to_string(bad).expect("string");
        let meeting = format!(
            r#"{{"id":"HY-1","kind":"meeting_follow_up","unit":"u","meeting":{{"date":{q},"kind":"executive"}}}}"#
        );
        let m = hostile(0, &meeting, Some("HY-1"), "malformed");
        assert!(m.contains("not a valid date"), "{bad}: {m}");
        let event = format!(
            r#"{{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{{"event":"submit","on":{q}}}]}}"#
        );
        hostile(1, &event, Some("YB-1"), "malformed");
        hostile(3, &edit(3, "start", Some(&q)), Some("DC-1"), "malformed");
        let rectify = format!(
            r#"{{"id":"YT-1","kind":"accountability","unit":"u","events":[{{"event":"place_under_key_supervision","on":"2023-08-01","triggers":["neglect"],"rectify_by":{q}}}]}}"#
        );
        hostile(4, &rectify, Some("YT-1"), "malformed");
    }
    // Months and quarters are strict too.
    for bad in ["2023-13", "2023-1", "0000-01", "2023-10-01", "202310"] {
        let q = serde_json::to_string(bad).expect("string");
        hostile(1, &edit(1, "month", Some(&q)), Some("YB-1"), "malformed");
    }
    for bad in ["2023-Q5", "2023-Q0", "2023Q3", "0000-Q1", "2023-3"] {
        let q = serde_json::to_string(bad).expect("string");
        hostile(2, &edit(2, "quarter", Some(&q)), Some("JD-1"), "malformed");
    }
    // A lower-case q is read.
    outcome(
        base_with(2, &edit(2, "quarter", Some(r#""2023-q3""#))),
        &ids(),
        &[],
    );
}

#[test]
fn events_out_of_order() {
    let m = r#"{"id":"DC-1","kind":"inspection","unit":"u","start":"2023-10-16","annual_plan":"not_listed","events":[{"event":"apply","on":"2023-10-07"},{"event":"approve","on":"2023-10-06"}]}"#;
    let en = hostile(3, m, Some("DC-1"), "out_of_order");
    assert!(
        en.contains("2023-10-06") && en.contains("2023-10-07"),
        "{en}"
    );
    // Out of order even when the later events are after the as-of day.
    let m = r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit","on":"2023-12-01"},{"event":"accept","on":"2023-11-30"}]}"#;
    hostile(1, m, Some("YB-1"), "out_of_order");
    // The same day twice is in order.
    let m = r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit","on":"2023-10-31"},{"event":"accept","on":"2023-10-31"}]}"#;
    outcome(base_with(1, m), &ids(), &[]);
}

#[test]
fn duplicate_ids_check_the_first_only() {
    // A second HY-1 of another kind: the first (a meeting follow-up) is checked.
    let dup = r#"{"id":"HY-1","kind":"year_end_summary","unit":"u","year":2023}"#;
    let mut matters: Vec<&str> = BASE.iter().map(|(_, m)| *m).collect();
    matters.push(dup);
    matters.push(dup);
    let o = outcome(
        doc(&matters),
        &ids(),
        &[
            (7, Some("HY-1"), "duplicate_id"),
            (8, Some("HY-1"), "duplicate_id"),
        ],
    );
    assert_eq!(o.report.matters[0].kind, duban::MatterKind::MeetingFollowUp);
    // When the first occurrence cannot be read, the next one is the first readable one.
    let mut matters: Vec<&str> = BASE.iter().map(|(_, m)| *m).collect();
    let broken = r#"{"id":"HY-1","kind":"meeting_follow_up"}"#;
    matters[0] = broken;
    matters.push(BASE[0].1);
    let mut want = ids();
    want.remove(0);
    want.push("HY-1");
    outcome(doc(&matters), &want, &[(0, Some("HY-1"), "malformed")]);
    // When the first occurrence is read but fails its check, it still takes the id.
    let mut matters: Vec<&str> = BASE.iter().map(|(_, m)| *m).collect();
    let early = r#"{"id":"HY-1","kind":"meeting_follow_up","unit":"u","meeting":{"date":"2019-12-31","kind":"executive"}}"#;
    matters[0] = early;
    matters.push(BASE[0].1);
    let mut want = ids();
    want.remove(0);
    outcome(
        doc(&matters),
        &want,
        &[
            (0, Some("HY-1"), "policy_not_in_force"),
            (7, Some("HY-1"), "duplicate_id"),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Dates the calendar or the policy cannot answer; workflows.
// ---------------------------------------------------------------------------------------

fn meeting_on(date: &str) -> String {
    format!(
        r#"{{"id":"HY-1","kind":"meeting_follow_up","unit":"u","meeting":{{"date":"{date}","kind":"executive"}}}}"#
    )
}

#[test]
fn dates_the_calendar_cannot_answer() {
    // The 30th working day after 2026-12-20 is in 2027, which no loaded notice covers.
    let m = hostile(
        0,
        &meeting_on("2026-12-20"),
        Some("HY-1"),
        "outside_coverage",
    );
    assert!(m.contains("2026-12-20") && m.contains("2026-12-31"), "{m}");
    // 1999-01-01 is outside the calendar too (it starts 2020-01-01), but the policy is
    // checked first: 安政办发〔2020〕1号 is in force only from 2020-01-06.
    let m = hostile(
        0,
        &meeting_on("1999-01-01"),
        Some("HY-1"),
        "policy_not_in_force",
    );
    assert!(m.contains("1999-01-01") && m.contains("2020-01-06"), "{m}");
    // So is 2020-01-03, which the calendar covers.
    hostile(
        0,
        &meeting_on("2020-01-03"),
        Some("HY-1"),
        "policy_not_in_force",
    );
    // Under a policy in force from 1990, 1999 reaches the calendar: outside_coverage.
    let old = Policy::from_json(
        &Policy::ankang_2020()
            .to_json()
            .replace("2020-01-06", "1990-01-01"),
    )
    .expect("policy");
    let o = run_with(base_with(0, &meeting_on("1999-01-01")).as_bytes(), &old).expect("read");
    assert_eq!(o.checked, &ids()[1..]);
    assert_eq!(o.errors.len(), 1);
    assert_eq!(
        (o.errors[0].0, o.errors[0].2),
        (Some(0), "outside_coverage")
    );
    // A year far off; an inspection in 2027; an interview whose week ends in 2027.
    hostile(
        6,
        &edit(6, "year", Some("99999")),
        Some("NZ-1"),
        "outside_coverage",
    );
    hostile(
        6,
        &edit(6, "year", Some("-5")),
        Some("NZ-1"),
        "policy_not_in_force",
    );
    let planned_2027 = r#"{"id":"DC-1","kind":"inspection","unit":"u","start":"2027-01-04","annual_plan":"not_listed","events":[{"event":"apply","on":"2023-11-01"}]}"#;
    hostile(3, planned_2027, Some("DC-1"), "outside_coverage");
    // Once a `start` event says when it actually started, the planned day is not needed.
    outcome(
        base_with(3, &edit(3, "start", Some(r#""2027-01-04""#))),
        &ids(),
        &[],
    );
    let late_interview = r#"{"id":"YT-1","kind":"accountability","unit":"u","events":[{"event":"place_under_key_supervision","on":"2023-08-01","triggers":["neglect"],"rectify_by":"2023-08-31"},{"event":"propose_interview","on":"2023-09-05"},{"event":"approve_interview","on":"2023-09-15"},{"event":"hold_interview","on":"2023-11-01"}]}"#;
    outcome(base_with(4, late_interview), &ids(), &[]);
    // An as-of day outside the calendar: the whole check is refused.
    let c = Caseload::from_json(base_doc()).expect("read");
    let err = check(
        &c,
        &Policy::ankang_2020(),
        &Calendar::china(),
        parse_date("2027-01-04").expect("date"),
    )
    .expect_err("as_of outside coverage");
    assert!(err.is_outside_coverage());
}

#[test]
fn an_on_site_meeting_has_no_follow_up_deadline() {
    let m = r#"{"id":"HY-1","kind":"meeting_follow_up","unit":"u","meeting":{"date":"2023-09-20","kind":"on_site"}}"#;
    let en = hostile(0, m, Some("HY-1"), "invalid_value");
    assert!(en.contains("follow_up_meetings"), "{en}");
}

#[test]
fn illegal_transitions_name_the_state_and_event() {
    let cases: [(usize, &str, &[&str]); 12] = [
        (
            1,
            r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"accept","on":"2023-10-30"}]}"#,
            &["accept", "awaiting"],
        ),
        (
            1,
            r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit","on":"2023-10-30"},{"event":"accept","on":"2023-10-31"},{"event":"accept","on":"2023-11-01"}]}"#,
            &["accept", "accepted"],
        ),
        (
            1,
            r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"return","on":"2023-10-30","remedy":"redo"}]}"#,
            &["return", "awaiting"],
        ),
        (
            3,
            r#"{"id":"DC-1","kind":"inspection","unit":"u","start":"2023-10-16","annual_plan":"not_listed","events":[{"event":"approve","on":"2023-10-11"}]}"#,
            &["approve", "proposed"],
        ),
        (
            4,
            r#"{"id":"YT-1","kind":"accountability","unit":"u","events":[{"event":"place_under_key_supervision","on":"2023-08-01","triggers":["neglect"],"rectify_by":"2023-08-31"},{"event":"propose_interview","on":"2023-09-05"},{"event":"hold_interview","on":"2023-09-27"}]}"#,
            &["hold_interview", "interview_proposed"],
        ),
        (
            4,
            r#"{"id":"YT-1","kind":"accountability","unit":"u","events":[{"event":"place_under_key_supervision","on":"2023-08-01","triggers":[],"rectify_by":"2023-08-31"}]}"#,
            &["place_under_key_supervision"],
        ),
        (
            5,
            r#"{"id":"TJ-1","kind":"escalation","unit":"u","events":[{"event":"approve","on":"2023-10-12"}]}"#,
            &["approve", "open"],
        ),
        (
            5,
            r#"{"id":"TJ-1","kind":"escalation","unit":"u","events":[{"event":"urge","on":"2023-10-08"},{"event":"request_escalation","on":"2023-10-10","grounds":["wide_reaching"]}]}"#,
            &["ineffective_after_urging"],
        ),
        // The urging is an event: a request without one is refused.
        (
            5,
            r#"{"id":"TJ-1","kind":"escalation","unit":"u","events":[{"event":"request_escalation","on":"2023-10-10","grounds":["wide_reaching","ineffective_after_urging"]}]}"#,
            &["request_escalation", "open", "has not been urged"],
        ),
        // An Art. 5 matter is the Supervision Office's own: it cannot be escalated to it.
        (
            5,
            r#"{"id":"TJ-1","kind":"escalation","unit":"u","source":"meeting_decisions","events":[{"event":"urge","on":"2023-10-08"},{"event":"request_escalation","on":"2023-10-10","grounds":["wide_reaching","ineffective_after_urging"]}]}"#,
            &["event 2", "Art. 5(3)", "cannot be escalated"],
        ),
        // A section is not a responsible unit: no key supervision.
        (
            4,
            r#"{"id":"YT-1","kind":"accountability","unit":"市政府办公室一科","unit_kind":"office_section","events":[{"event":"place_under_key_supervision","on":"2023-08-01","triggers":["late_reporting"],"rectify_by":"2023-08-31"}]}"#,
            &["event 1", "not a responsible unit"],
        ),
        // Graded poor before the written plan's week has passed (interview Wed 09-27, +7 =
        // Wed 10-04 in the National Day break, rolled to the make-up Sat 10-07).
        (
            4,
            r#"{"id":"YT-1","kind":"accountability","unit":"u","events":[{"event":"place_under_key_supervision","on":"2023-08-01","triggers":["neglect"],"rectify_by":"2023-08-31"},{"event":"propose_interview","on":"2023-09-05"},{"event":"approve_interview","on":"2023-09-15"},{"event":"hold_interview","on":"2023-09-27"},{"event":"grade_poor","on":"2023-10-07"}]}"#,
            &["event 5", "too early", "2023-10-07"],
        ),
    ];
    for (index, m, words) in cases {
        let en = hostile(index, m, Some(BASE[index].0), "illegal_transition");
        for w in words {
            assert!(en.contains(w), "{w:?} not in {en}");
        }
    }
    // Events after the as-of day have not happened: an illegal one there is not seen.
    let later = r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit","on":"2023-10-30"},{"event":"accept","on":"2023-11-20"},{"event":"accept","on":"2023-11-21"}]}"#;
    outcome(base_with(1, later), &ids(), &[]);
}

// ---------------------------------------------------------------------------------------
// Hostile shapes and sizes.
// ---------------------------------------------------------------------------------------

fn nested(depth: usize, open: &str, close: &str) -> String {
    let mut s = String::with_capacity(depth * (open.len() + close.len()));
    for _ in 0..depth {
        s.push_str(open);
    }
    for _ in 0..depth {
        s.push_str(close);
    }
    s
}

#[test]
fn deep_nesting_costs_only_its_matter() {
    for (open, close) in [("[", "]"), (r#"{"a":"#, "}")] {
        let deep = nested(100_000, open, close);
        let m = format!(
            r#"{{"id":"JD-1","kind":"quarterly_report","unit":"u","quarter":"2023-Q3","title":{deep}}}"#
        );
        // serde_json stops at its recursion limit; the id is still found by the scanner.
        let en = hostile(2, &m, Some("JD-1"), "malformed");
        assert!(
            en.contains("matter #3") && en.contains("invalid type"),
            "{en}"
        );
        // Nesting where the reader does descend (events, items) is bounded the same way.
        for field in ["events", "items"] {
            let m = format!(
                r#"{{"id":"JD-1","kind":"quarterly_report","unit":"u","quarter":"2023-Q3","{field}":[{deep}]}}"#
            );
            hostile(2, &m, Some("JD-1"), "malformed");
        }
        // The same depth in a top-level field the reader skips costs nothing.
        let text = base_doc().replacen("\"as_of\"", &format!("\"title\":{deep},\"as_of\""), 1);
        outcome(text, &ids(), &[]);
        // ... and in a place the reader does not know, only a document error.
        let text = base_doc().replacen("\"as_of\"", &format!("\"extra\":{deep},\"as_of\""), 1);
        let o = run(text.as_bytes()).expect("read");
        assert_eq!(o.checked, ids());
        assert_eq!(o.errors.len(), 1);
        assert_eq!((o.errors[0].0, o.errors[0].2), (None, "document"));
    }
    // Unbalanced deep nesting inside one matter stops the scan there.
    let m = format!(r#"{{"id":"JD-1","title":{}}}"#, "[".repeat(100_000));
    let o = run(base_with(2, &m).as_bytes()).expect("read");
    assert_eq!(o.checked, &ids()[..2]);
    accounts_for_every_matter(&o);
}

#[test]
fn a_huge_caseload_is_read_whole() {
    const N: usize = 200_000;
    let mut text = String::with_capacity(N * 120);
    text.push_str(r#"{"schema":"duban-caseload/1","matters":["#);
    for i in 0..N {
        if i > 0 {
            text.push(',');
        }
        let month = i % 10 + 1;
        let unit = i % 500;
        let _ = write!(
            text,
            r#"{{"id":"M{i}","kind":"monthly_report","unit":"单位{unit}","month":"2023-{month:02}","events":[{{"event":"submit","on":"2023-{month:02}-20"}}]}}"#
        );
    }
    text.push_str("]}");
    let t = Instant::now();
    let o = run(text.as_bytes()).expect("read");
    let took = t.elapsed();
    assert_eq!(o.checked.len(), N);
    assert!(
        o.errors.is_empty(),
        "{:?}",
        &o.errors[..o.errors.len().min(3)]
    );
    assert_eq!(o.checked[N - 1], format!("M{}", N - 1));
    assert_eq!(o.report.summary.met_on_time, N);
    // Generous for a debug build on a slow machine; the point is "not quadratic".
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn documents_that_are_not_caseloads_are_rejected_whole() {
    for text in [
        "",
        "   ",
        "null",
        "42",
        "\"duban-caseload/1\"",
        "[1, 2]",
        "[]",
        "{}",
        r#"{"matters": []}"#,
        r#"{"schema": "duban-caseload/2", "matters": []}"#,
        r#"{"schema": "duban-caseload/1 ", "matters": []}"#,
        r#"{"schema": 1, "matters": []}"#,
        r#"{"schema": null, "matters": []}"#,
        r#"{"schema": "duban-caseload/1"}"#,
        r#"{"schema": "duban-caseload/1", "as_of": 20231110, "matters": []}"#,
        r#"{"schema": "duban-caseload/1", "matters": [], "schema": "other"}"#,
        r#"{"matters": [], "schema": "other"}"#,
        "{\"schema\": \"duban-caseload/1\u{FF}\", \"matters\": []}",
    ] {
        let e = rejected(text);
        assert_eq!(e.kind(), ErrorKind::InvalidCaseload, "{text:?}: {e:?}");
    }
    // A `matters` of another type is not a caseload either.
    for text in [
        r#"{"schema": "duban-caseload/1", "matters": {}}"#,
        r#"{"schema": "duban-caseload/1", "matters": 5}"#,
        r#"{"schema": "duban-caseload/1", "matters": null}"#,
    ] {
        assert_eq!(rejected(text).kind(), ErrorKind::InvalidCaseload, "{text}");
    }
}

#[test]
fn matters_that_is_not_an_array_is_invalid_caseload() {
    let e = rejected(r#"{"schema": "duban-caseload/1", "matters": {}}"#);
    assert_eq!(e.kind(), ErrorKind::InvalidCaseload);
}

#[test]
fn a_malformed_as_of_rejects_the_document() {
    let e = rejected(r#"{"schema": "duban-caseload/1", "as_of": "2023-02-30", "matters": []}"#);
    assert_eq!(e.kind(), ErrorKind::InvalidCaseload);
    assert!(e.message(Language::English).contains("2023-02-30"));
    let e = rejected(r#"{"schema": "duban-caseload/1", "as_of": 5, "matters": []}"#);
    assert_eq!(e.kind(), ErrorKind::InvalidCaseload);
}

#[test]
fn a_malformed_as_of_is_invalid_caseload() {
    let e = rejected(r#"{"schema": "duban-caseload/1", "as_of": "2023-02-30", "matters": []}"#);
    assert_eq!(e.kind(), ErrorKind::InvalidCaseload);
}

#[test]
fn non_utf8_bytes() {
    // Inside a string of one matter: that matter alone.
    let text = base_doc();
    let mut bytes = Vec::new();
    let at = text.find("书面整改方案").expect("note");
    bytes.extend_from_slice(&text.as_bytes()[..at]);
    bytes.extend_from_slice(&[0xFF, 0xFE, 0xC0, 0x80]);
    bytes.extend_from_slice(&text.as_bytes()[at..]);
    // The matter is not valid JSON as a whole; its id is still named.
    let o = outcome(
        &bytes,
        &["HY-1", "YB-1", "JD-1", "DC-1", "TJ-1", "NZ-1"],
        &[(4, Some("YT-1"), "malformed")],
    );
    assert!(o.errors[0].3.contains("matter #5"), "{}", o.errors[0].3);
    // A truncated UTF-8 sequence in an id, and a raw byte outside any string.
    for (needle, bad) in [
        ("\"TJ-1\"", &b"\"TJ-\xE4\xB8\""[..]),
        (",\"year\"", &b"\xFF,\"year\""[..]),
    ] {
        let at = text.find(needle).expect("needle");
        let mut bytes = text.as_bytes()[..at].to_vec();
        bytes.extend_from_slice(bad);
        bytes.extend_from_slice(&text.as_bytes()[at + needle.len()..]);
        // A broken id cannot be named; a stray byte after it can.
        let (index, id) = if needle.contains("TJ") {
            (5, None)
        } else {
            (6, Some("NZ-1"))
        };
        let mut want = ids();
        want.remove(index);
        outcome(&bytes, &want, &[(index, id, "malformed")]);
    }
    // In a top-level field the reader does not interpret: ignored.
    let mut bytes = br#"{"schema":"duban-caseload/1","title":"#.to_vec();
    bytes.extend_from_slice(b"\"\xFF\xFE\",");
    bytes.extend_from_slice(&text.as_bytes()[r#"{"schema":"duban-caseload/1","#.len()..]);
    outcome(&bytes, &ids(), &[]);
}

#[test]
fn errors_name_the_id_even_when_the_matter_is_not_json() {
    let deep = nested(1_000, "[", "]");
    let m = format!(
        r#"{{"id":"JD-1","kind":"quarterly_report","unit":"u","quarter":"2023-Q3","title":{deep}}}"#
    );
    hostile(2, &m, Some("JD-1"), "malformed");
}

#[test]
fn byte_order_marks() {
    let text = base_doc();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    outcome(&bom, &ids(), &[]);
    // Whitespace after the BOM is fine; a second BOM or a UTF-16 BOM is not JSON.
    let mut ws = b"\xEF\xBB\xBF \n".to_vec();
    ws.extend_from_slice(text.as_bytes());
    outcome(&ws, &ids(), &[]);
    for prefix in [
        &b"\xEF\xBB\xBF\xEF\xBB\xBF"[..],
        b"\xFF\xFE",
        b"\xFE\xFF",
        b" \xEF\xBB\xBF",
    ] {
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(text.as_bytes());
        assert_eq!(rejected(&bytes).kind(), ErrorKind::InvalidCaseload);
    }
    // A BOM inside a matter's string is an ordinary character.
    outcome(
        base_with(6, &edit(6, "unit", Some("\"\u{FEFF}市政府督查室\""))),
        &ids(),
        &[],
    );
}

#[test]
fn structural_damage_between_matters_stops_the_scan_there() {
    let ms: Vec<&str> = BASE.iter().map(|(_, m)| *m).collect();
    // A missing comma, a doubled comma, a trailing comma: the matters before are kept.
    for (sep, lost_from) in [(" ", 3), (",,", 3), (",]", 3)] {
        let text = format!(
            r#"{{"schema":"duban-caseload/1","matters":[{},{},{}{sep}{}]}}"#,
            ms[0], ms[1], ms[2], ms[3]
        );
        let o = run(text.as_bytes()).expect("read");
        assert_eq!(o.checked, &ids()[..lost_from], "{sep:?}: {:?}", o.errors);
        assert!(o
            .errors
            .iter()
            .any(|e| e.2 == "document" || e.2 == "truncated"));
        accounts_for_every_matter(&o);
    }
    // Trailing text after the document: everything read, one document error.
    let o = run(format!("{} x", base_doc()).as_bytes()).expect("read");
    assert_eq!(o.checked, ids());
    assert_eq!(
        o.errors.iter().map(|e| e.2).collect::<Vec<_>>(),
        ["document"]
    );
    // An unknown top-level field: ignored, one document error.
    let text = base_doc().replacen("\"as_of\"", r#""owner":"督查室","as_of""#, 1);
    let o = run(text.as_bytes()).expect("read");
    assert_eq!(o.checked, ids());
    assert_eq!(o.errors.len(), 1);
    assert!(o.errors[0].3.contains("owner"));
}

// ---------------------------------------------------------------------------------------
// Property tests: nothing panics, every matter is accounted for.
// ---------------------------------------------------------------------------------------

/// Reads and checks anything: a document rejected whole must be `InvalidCaseload`; one that
/// is read must check (the as-of day is covered) and account for every matter.
#[track_caller]
fn never_panics(bytes: &[u8]) -> Option<Outcome> {
    match run(bytes) {
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::InvalidCaseload, "{e:?}");
            None
        }
        Ok(o) => {
            accounts_for_every_matter(&o);
            let mut out = Vec::new();
            o.report
                .write_json(&mut out, Language::English, Explanations::Omit)
                .expect("write");
            let _ = o.report.to_table(Language::Chinese);
            Some(o)
        }
    }
}

/// Short strings that mean something to the reader, and some that do not.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "duban-caseload/1",
            "id",
            "kind",
            "unit",
            "events",
            "event",
            "on",
            "meeting",
            "date",
            "month",
            "quarter",
            "year",
            "start",
            "annual_plan",
            "items",
            "item",
            "progress",
            "submit",
            "return",
            "accept",
            "apply",
            "approve",
            "start",
            "hold_interview",
            "meeting_follow_up",
            "monthly_report",
            "quarterly_report",
            "inspection",
            "accountability",
            "escalation",
            "year_end_summary",
            "executive",
            "not_listed",
            "listed",
            "redo",
            "supplement",
            "remedy",
            "rectify_by",
            "triggers",
            "grounds",
            "2023-10-30",
            "2023-02-30",
            "2023-10",
            "2023-Q3",
            "2026-12-20",
            "1999-01-01",
            "HY-1",
            "YB-1",
            "",
            "\u{FEFF}",
            "市财政局",
            "\\",
            "\"",
            "]",
            "}",
        ])
        .prop_map(str::to_owned),
        "[a-z_]{0,8}",
        any::<String>(),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((word(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A matter-shaped value: the right keys with arbitrary values, sometimes a valid base.
fn matter_value() -> impl Strategy<Value = Value> {
    let keys = prop::sample::subsequence(
        vec![
            "id",
            "kind",
            "unit",
            "sector",
            "meeting",
            "month",
            "quarter",
            "start",
            "annual_plan",
            "year",
            "items",
            "events",
            "title",
        ],
        0..8,
    );
    (
        keys,
        prop::collection::vec(json_value(), 8),
        prop::sample::select(BASE.to_vec()),
    )
        .prop_map(|(keys, values, (_, base))| {
            let mut m: serde_json::Map<String, Value> =
                serde_json::from_str(base).expect("base matter is JSON");
            for (k, v) in keys.into_iter().zip(values) {
                m.insert(k.to_owned(), v);
            }
            Value::Object(m)
        })
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Replace(usize, u8),
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match *m {
        Mutation::Delete(at) => {
            bytes.remove(at % len);
        }
        Mutation::Duplicate(at) => {
            let b = bytes[at % len];
            bytes.insert(at % len, b);
        }
        Mutation::Replace(at, b) => bytes[at % len] = b,
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![
        prop::sample::select(b"{}[]\",:\\ 0-Q\xFF".to_vec()),
        any::<u8>()
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), byte).prop_map(|(at, b)| Mutation::Replace(at, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        never_panics(&bytes);
        // Also behind a valid head, so that the scanner gets to the matters.
        let mut doc = br#"{"schema":"duban-caseload/1","matters":["#.to_vec();
        doc.extend_from_slice(&bytes);
        prop_assert!(never_panics(&doc).is_some());
    }

    #[test]
    fn arbitrary_json_as_a_matter_costs_only_that_matter(
        value in prop_oneof![json_value(), matter_value()],
        at in 0..=BASE.len(),
    ) {
        let mut matters: Vec<String> = BASE.iter().map(|(_, m)| (*m).to_owned()).collect();
        matters.insert(at, value.to_string());
        let o = never_panics(doc(&matters).as_bytes()).expect("read");
        prop_assert_eq!(o.checked.len() + o.errors.len(), BASE.len() + 1, "{:?}", o.errors);
        // Every base matter whose id the hostile matter does not share is checked, in order.
        let hostile_id = value.get("id").and_then(Value::as_str);
        let untouched: Vec<&str> = ids().into_iter().filter(|id| Some(*id) != hostile_id).collect();
        let checked: Vec<&str> = o
            .checked
            .iter()
            .map(String::as_str)
            .filter(|id| untouched.contains(id))
            .collect();
        prop_assert_eq!(checked, untouched, "{:?}", o.errors);
        // The only errors are the hostile matter's own, or a duplicate of its id.
        for e in &o.errors {
            prop_assert!(
                e.0 == Some(at) || (e.2 == "duplicate_id" && e.1.as_deref() == hostile_id),
                "{:?}",
                e
            );
        }
    }

    #[test]
    fn arbitrary_json_as_the_document_never_panics(value in json_value()) {
        never_panics(value.to_string().as_bytes());
        // With a good schema tag, most of these are read.
        if let Value::Object(mut m) = value {
            m.insert("schema".into(), Value::from(CASELOAD_SCHEMA));
            m.remove("as_of");
            never_panics(Value::Object(m).to_string().as_bytes());
        }
    }

    #[test]
    fn random_mutations_of_the_base_never_lose_an_untouched_matter(
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = base_doc();
        let spans = matter_spans(&text);
        let array_open = text.find("\"matters\":[").expect("matters") + "\"matters\":[".len();
        let mut bytes = text.clone().into_bytes();
        let mut first = usize::MAX;
        for m in &mutations {
            let at = match *m {
                Mutation::Delete(at) | Mutation::Duplicate(at) | Mutation::Replace(at, _) => at % bytes.len(),
            };
            // Positions shift after a delete or insert; the first touched byte is a lower bound.
            first = first.min(at);
            mutate(&mut bytes, m);
        }
        let read = never_panics(&bytes);
        if first >= array_open {
            let o = read.expect("a mutation inside the matters never rejects the document");
            let untouched: Vec<&str> = spans
                .iter()
                .zip(ids())
                .filter(|((_, end), _)| *end <= first)
                .map(|(_, id)| id)
                .collect();
            prop_assert!(o.checked.len() >= untouched.len(), "{:?}", o.errors);
            prop_assert_eq!(&o.checked[..untouched.len()], &untouched[..]);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The JSON Schemas in schema/ against the code.
// ---------------------------------------------------------------------------------------

fn schema(name: &str) -> Value {
    let path = format!("{}/schema/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

#[track_caller]
fn at<'a>(v: &'a Value, pointer: &str) -> &'a Value {
    v.pointer(pointer).unwrap_or_else(|| panic!("no {pointer}"))
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("object").keys().cloned().collect()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_owned())
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

/// The names serde lists after "expected" in the reader's error for `matter` (matter 0 of a
/// one-matter caseload): the fields of a struct, or the variants of an enum.
#[track_caller]
fn reader_expects(matter: &str) -> BTreeSet<String> {
    let o = run(doc(&[matter]).as_bytes()).expect("read");
    let msg = &o
        .errors
        .first()
        .unwrap_or_else(|| panic!("no error for {matter}"))
        .3;
    let (_, list) = msg
        .split_once("expected")
        .unwrap_or_else(|| panic!("{msg}"));
    let list = list.split(" at line").next().unwrap_or(list);
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn schema_files_are_json_and_name_their_formats() {
    for (file, tag) in [
        ("caseload-1.schema.json", CASELOAD_SCHEMA),
        ("report-1.schema.json", REPORT_SCHEMA),
        ("policy-1.schema.json", POLICY_SCHEMA),
    ] {
        let s = schema(file);
        assert_eq!(
            at(&s, "/$schema"),
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(at(&s, "/properties/schema/const"), tag, "{file}");
        assert!(at(&s, "/description").is_string());
    }
}

#[test]
fn caseload_schema_fields_are_the_readers_fields() {
    let s = schema("caseload-1.schema.json");
    let m = |extra: &str| {
        format!(r#"{{"id":"a","kind":"monthly_report","unit":"u","month":"2023-10"{extra}}}"#)
    };
    for (pointer, bogus) in [
        ("/$defs/matter/properties", m(r#","bogus":1"#)),
        ("/$defs/event/properties", m(r#","events":[{"event":"submit","on":"2023-10-30","bogus":1}]"#)),
        ("/$defs/item/properties", m(r#","items":[{"id":"1","bogus":1}]"#)),
        (
            "/$defs/reported_item/properties",
            m(r#","events":[{"event":"submit","on":"2023-10-30","items":[{"item":"1","progress":"completed","bogus":1}]}]"#),
        ),
        (
            "/$defs/meeting/properties",
            r#"{"id":"a","kind":"meeting_follow_up","unit":"u","meeting":{"date":"2023-10-10","kind":"executive","bogus":1}}"#.to_owned(),
        ),
    ] {
        assert_eq!(keys(at(&s, pointer)), reader_expects(&bogus), "{pointer}");
    }
    // Every field of the example caseload's matters is in the schema.
    let example: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/examples/data/caseload.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("example"),
    )
    .expect("example is JSON");
    let schema_fields = keys(at(&s, "/$defs/matter/properties"));
    for matter in at(&example, "/matters").as_array().expect("matters") {
        for k in keys(matter) {
            assert!(schema_fields.contains(&k), "{k}");
        }
    }
    assert_eq!(
        keys(at(&s, "/properties")),
        set(&[
            "schema",
            "as_of",
            "title",
            "description",
            "generated_by",
            "matters"
        ])
    );
}

#[test]
fn caseload_schema_enumerations_are_the_readers() {
    let s = schema("caseload-1.schema.json");
    let m = |extra: &str| {
        format!(r#"{{"id":"a","kind":"monthly_report","unit":"u","month":"2023-10"{extra}}}"#)
    };
    let ev = |fields: &str| {
        m(&format!(
            r#","events":[{{"event":"return","on":"2023-10-30"{fields}}}]"#
        ))
    };
    for (def, bogus) in [
        ("matter_kind", r#"{"id":"a","kind":"bogus","unit":"u"}"#.to_owned()),
        ("meeting_kind", r#"{"id":"a","kind":"meeting_follow_up","unit":"u","meeting":{"date":"2023-10-10","kind":"bogus"}}"#.to_owned()),
        ("matter_source", m(r#","source":"bogus""#)),
        ("item_category", m(r#","items":[{"id":"1","category":"bogus"}]"#)),
        ("progress", m(r#","events":[{"event":"submit","on":"2023-10-30","items":[{"item":"1","progress":"bogus"}]}]"#)),
        ("plan_listing", r#"{"id":"a","kind":"inspection","unit":"u","annual_plan":"bogus"}"#.to_owned()),
        ("remedy", ev(r#","remedy":"bogus""#)),
        ("return_reason", ev(r#","reasons":["bogus"]"#)),
        ("key_supervision_trigger", ev(r#","triggers":["bogus"]"#)),
        ("escalation_ground", ev(r#","grounds":["bogus"]"#)),
    ] {
        assert_eq!(strings(at(&s, &format!("/$defs/{def}/enum"))), reader_expects(&bogus), "{def}");
    }
    // Event names: the union of the workflows' events, and each kind's own.
    let per_kind = [
        ("progress_report_events", ReportEvent::NAMES),
        ("inspection_events", InspectionEvent::NAMES),
        ("accountability_events", AccountabilityEvent::NAMES),
        ("escalation_events", EscalationEvent::NAMES),
    ];
    let mut all = BTreeSet::new();
    for (def, names) in per_kind {
        assert_eq!(
            strings(at(&s, &format!("/$defs/{def}/items/properties/event/enum"))),
            set(names),
            "{def}"
        );
        all.extend(set(names));
    }
    assert_eq!(strings(at(&s, "/$defs/event_name/enum")), all);
    // Each known name is read (not `unknown_event`), each other one is not.
    for name in &all {
        let o = run(doc(&[m(&format!(
            r#","events":[{{"event":"{name}","on":"2023-10-30","remedy":"redo"}}]"#
        ))])
        .as_bytes())
        .expect("read");
        assert!(
            o.errors.iter().all(|e| e.2 != "unknown_event"),
            "{name}: {:?}",
            o.errors
        );
    }
}

#[test]
fn report_schema_states_are_the_workflows() {
    let s = schema("report-1.schema.json");
    let mut all = BTreeSet::new();
    for names in [
        ReportState::NAMES,
        InspectionState::NAMES,
        AccountabilityState::NAMES,
        EscalationState::NAMES,
    ] {
        all.extend(set(names));
    }
    // An evaluation (Art. 12 (1)(2)) is not a workflow: its state is `evaluated`.
    all.insert("evaluated".to_owned());
    assert_eq!(strings(at(&s, "/$defs/matter/properties/state/enum")), all);
    let branches = at(&s, "/$defs/matter/allOf").as_array().expect("allOf");
    let state_of = |kind: &str| -> BTreeSet<String> {
        let b = branches
            .iter()
            .find(|b| {
                let k = at(b, "/if/properties/kind");
                k.get("const").is_some_and(|c| c == kind)
                    || k.get("enum")
                        .is_some_and(|e| e.as_array().expect("enum").iter().any(|c| c == kind))
            })
            .and_then(|b| b.pointer("/then/properties/state/enum"))
            .unwrap_or_else(|| panic!("no state branch for {kind}"));
        strings(b)
    };
    assert_eq!(state_of("monthly_report"), set(ReportState::NAMES));
    assert_eq!(state_of("inspection"), set(InspectionState::NAMES));
    assert_eq!(state_of("accountability"), set(AccountabilityState::NAMES));
    assert_eq!(state_of("escalation"), set(EscalationState::NAMES));
}

#[test]
fn policy_schema_parameters_are_the_policys() {
    let s = schema("policy-1.schema.json");
    let policy: Value =
        serde_json::from_str(&Policy::ankang_2020().to_json()).expect("policy JSON");
    assert_eq!(keys(at(&s, "/properties")), keys(&policy));
    assert_eq!(
        keys(at(&s, "/properties/parameters/properties")),
        keys(at(&policy, "/parameters"))
    );
    // Field and variant lists, from the reader's own error messages.
    let expects = |parameter: &str, body: &str| -> BTreeSet<String> {
        let text = format!(
            r#"{{"id":"x","in_force_from":"2020-01-06","parameters":{{"{parameter}":{body}}}}}"#
        );
        let e = Policy::from_json(&text).expect_err("bogus policy");
        let msg = e.message(Language::English);
        let (_, list) = msg
            .split_once("expected")
            .unwrap_or_else(|| panic!("{msg}"));
        let list = list.split(" at line").next().unwrap_or(list);
        list.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    let p = "meeting_follow_up_period";
    assert_eq!(
        keys(at(&s, "/$defs/parameter/properties")),
        expects(p, r#"{"value":30,"bogus":1}"#)
    );
    assert_eq!(
        keys(at(&s, "/$defs/article/properties")),
        expects(p, r#"{"value":30,"article":{"number":9,"bogus":1}}"#)
    );
    let bogus = r#"{"value":"bogus"}"#;
    assert_eq!(
        strings(at(&s, "/$defs/bound/enum")),
        expects("monthly_report_bound", bogus)
    );
    let enum_of = |name: &str| {
        strings(at(
            &s,
            &format!("/properties/parameters/properties/{name}/properties/value/enum"),
        ))
    };
    for name in [
        "inspection_start_day",
        "rectification_plan_period",
        "supplement_credit",
    ] {
        assert_eq!(enum_of(name), expects(name, bogus), "{name}");
    }
    assert_eq!(
        strings(at(&s, "/$defs/meeting_kind/enum")),
        expects("follow_up_meetings", r#"{"value":["bogus"]}"#)
    );
}

/// Matters for `scripts/validate_schemas.py` to hold the caseload schema against the reader:
/// each with the code of the reader's error for it alone (`null` when it is checked clean).
fn agreement_cases() -> Vec<String> {
    let mut cases: Vec<String> = BASE.iter().map(|(_, m)| (*m).to_owned()).collect();
    for (i, field, value) in [
        (0, "meeting", None),
        (1, "month", None),
        (2, "quarter", None),
        (3, "start", None),
        (3, "annual_plan", None),
        (6, "year", None),
        (5, "unit", None),
        (5, "kind", None),
        (5, "id", None),
        (1, "id", Some("5")),
        (1, "month", Some("2023")),
        (1, "month", Some(r#""2023-13""#)),
        (1, "month", Some("null")),
        (1, "source", Some("null")),
        (1, "source", Some(r#""rumour""#)),
        (1, "title", Some("null")),
        (1, "sector", Some("null")),
        (1, "events", Some("{}")),
        (1, "events", Some("null")),
        (1, "items", Some("null")),
        (1, "deadline", Some(r#""2023-10-31""#)),
        (2, "quarter", Some(r#""2023-q3""#)),
        (2, "quarter", Some(r#""2023-Q5""#)),
        (2, "kind", Some(r#""weekly_report""#)),
        (3, "start", Some("null")),
        (3, "start", Some(r#""2023-2-3""#)),
        (3, "annual_plan", Some("null")),
        (3, "annual_plan", Some(r#""listed""#)),
        (6, "year", Some("2023.5")),
        (6, "year", Some(r#""2023""#)),
        (6, "year", Some("null")),
        (
            0,
            "meeting",
            Some(r#"{"date":"2023-02-30","kind":"executive"}"#),
        ),
        (
            0,
            "meeting",
            Some(r#"{"date":"2023-09-20","kind":"executive","place":"x"}"#),
        ),
        (
            0,
            "meeting",
            Some(r#"{"date":"2023-09-20","kind":"on_site"}"#),
        ),
        (0, "meeting", Some(r#"{"date":"2023-09-20"}"#)),
        (0, "items", Some(r#"[{"id":"1","weight":2}]"#)),
        (0, "items", Some(r#"[{"id":"1","category":"major"}]"#)),
        (0, "items", Some(r#"[{"category":"project"}]"#)),
    ] {
        cases.push(edit(i, field, value));
    }
    let events = [
        r#"[{"event":"fly","on":"2023-10-30"}]"#,
        r#"[{"event":"apply","on":"2023-10-30"}]"#,
        r#"[{"event":"submit"}]"#,
        r#"[{"event":"submit","on":"0000-00-00"}]"#,
        r#"[{"event":"submit","on":"2023-10-30","by":"x"}]"#,
        r#"[{"event":"submit","on":"2023-10-30","note":null,"items":null}]"#,
        r#"[{"event":"submit","on":"2023-10-30","items":[{"item":"1","progress":"done"}]}]"#,
        r#"[{"event":"submit","on":"2023-10-30","items":[{"item":"1","progress":"completed","pct":1}]}]"#,
        r#"[{"event":"submit","on":"2023-10-30","items":[{"item":"1","progress":"on_schedule","physical_progress":null,"evidence":[]}]}]"#,
        r#"[{"event":"submit","on":"2023-10-30"},{"event":"return","on":"2023-10-31","reasons":["other"]}]"#,
        r#"[{"event":"submit","on":"2023-10-30"},{"event":"return","on":"2023-10-31","remedy":null}]"#,
        r#"[{"event":"submit","on":"2023-10-30"},{"event":"return","on":"2023-10-31","remedy":"redo","reasons":["late"]}]"#,
        r#"[{"event":"submit","on":"2023-10-30"},{"event":"return","on":"2023-10-31","remedy":"supplement","reasons":["no_evidence"]}]"#,
        r#"[{"event":"submit","on":"2023-10-30","rectify_by":null}]"#,
        r#"[{"event":"submit","on":"2023-10-30","remedy":"redo","grounds":["overall"]}]"#,
    ];
    for e in events {
        cases.push(edit(1, "events", Some(e)));
    }
    let accountability = [
        r#"[{"event":"place_under_key_supervision","on":"2023-08-01","triggers":["neglect"]}]"#,
        r#"[{"event":"place_under_key_supervision","on":"2023-08-01","rectify_by":"2023-08-31"}]"#,
        r#"[{"event":"place_under_key_supervision","on":"2023-08-01","triggers":["lazy"],"rectify_by":"2023-08-31"}]"#,
        r#"[{"event":"submit","on":"2023-08-01"}]"#,
    ];
    for e in accountability {
        cases.push(edit(4, "events", Some(e)));
    }
    let escalation = [
        r#"[{"event":"request_escalation","on":"2023-10-10"}]"#,
        r#"[{"event":"request_escalation","on":"2023-10-10","grounds":["overall"]}]"#,
        r#"[{"event":"request_escalation","on":"2023-10-10","grounds":["overall","urgent"]}]"#,
        r#"[{"event":"request_escalation","on":"2023-10-10","grounds":["ineffective_after_urging","overall"]},{"event":"decline","on":"2023-10-12"}]"#,
        r#"[{"event":"start","on":"2023-10-10"}]"#,
    ];
    for e in escalation {
        cases.push(edit(5, "events", Some(e)));
    }
    let inspection = [
        r#"[{"event":"start","on":"2023-10-16"}]"#,
        r#"[{"event":"apply","on":"2023-10-07"},{"event":"reject","on":"2023-10-09"}]"#,
        r#"[{"event":"accept","on":"2023-10-07"}]"#,
    ];
    for e in inspection {
        cases.push(edit(3, "events", Some(e)));
    }
    for m in [
        "5",
        "null",
        "[]",
        "{}",
        r#"{"id":"a","kind":"escalation","unit":"u"}"#,
    ] {
        cases.push(m.to_owned());
    }
    cases
        .into_iter()
        .map(|m| {
            let o = run(doc(&[m.as_str()]).as_bytes()).expect("read");
            let code = o.errors.iter().find(|e| e.0 == Some(0)).map(|e| e.2);
            serde_json::json!({
                "matter": serde_json::from_str::<Value>(&m).expect("case is JSON"),
                "code": code,
            })
            .to_string()
        })
        .collect()
}

/// Writes what `scripts/validate_schemas.py` validates when `DUBAN_SCHEMA_DUMP` names a
/// directory (otherwise it only builds it): the policy, the base caseload, reports of the
/// example and of a hostile caseload on several days under several policies, and the
/// schema-vs-reader agreement cases.
#[test]
fn dump_for_schema_validation() {
    let dir = std::env::var_os("DUBAN_SCHEMA_DUMP");
    let cal = Calendar::china();
    let default = Policy::ankang_2020();
    let mut other = Policy::ankang_2020();
    other.parameters.rectification_plan_period.value = duban::WeekReading::FiveWorkingDays;
    other.parameters.monthly_report_bound.value = duban::Bound::Exclusive;
    other.parameters.inspection_start_day.value = duban::StartDay::Counted;
    other.parameters.supplement_credit.value = duban::SupplementCredit::Resubmission;
    other.id = "what-if".into();
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("policy.json".into(), default.to_json().into_bytes()),
        ("policy-what-if.json".into(), other.to_json().into_bytes()),
        ("caseload-base.json".into(), base_doc().into_bytes()),
        (
            "agreement.json".into(),
            format!("[\n{}\n]\n", agreement_cases().join(",\n")).into_bytes(),
        ),
    ];
    let example = std::fs::read(format!(
        "{}/examples/data/caseload.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("example");
    let mut hostile: Vec<String> = BASE.iter().map(|(_, m)| (*m).to_owned()).collect();
    hostile.push(meeting_on("2026-12-20").replace("HY-1", "HY-2026"));
    hostile.push(meeting_on("2019-12-31").replace("HY-1", "HY-2019"));
    hostile.push(
        meeting_on("2023-09-20")
            .replace("executive", "on_site")
            .replace("HY-1", "HY-OS"),
    );
    hostile.push(r#"{"id":"YB-A","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"accept","on":"2023-10-30"}]}"#.into());
    hostile.push(r#"{"id":"YB-B","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"apply","on":"2023-10-30"}]}"#.into());
    hostile.push(r#"{"id":"YB-C","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit","on":"2023-10-30"},{"event":"accept","on":"2023-10-29"}]}"#.into());
    hostile.push(r#"{"id":"YB-1","kind":"monthly_report","unit":"u","month":"2023-10"}"#.into());
    hostile.push(r#"{"id":"X","kind":"monthly_report","unit":"u"}"#.into());
    hostile.push(r#"{"id":"Y","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"fly","on":"2023-10-30"}]}"#.into());
    hostile.push("5".into());
    hostile.push(r#"{"id":"Z","kind":"monthly_report","unit":"u","month":"2023-10","events":[{"event":"submit","on":"2023-10-"#.into());
    let mut hostile_doc = doc(&hostile).replacen("\"as_of\"", r#""owner":1,"as_of""#, 1);
    hostile_doc.truncate(hostile_doc.len() - 3);
    for (name, input) in [("example", example), ("hostile", hostile_doc.into_bytes())] {
        let caseload = Caseload::from_json(&input).expect("read");
        for (policy, p) in [(&default, "default"), (&other, "what-if")] {
            for as_of in [
                "2023-09-01",
                "2023-10-31",
                "2023-11-07",
                "2023-11-10",
                "2023-12-29",
                "2024-02-01",
            ] {
                let report = check(&caseload, policy, &cal, parse_date(as_of).expect("date"))
                    .expect("check");
                for (lang, explanations, tag) in [
                    (Language::Chinese, Explanations::Include(policy, &cal), "zh"),
                    (Language::English, Explanations::Omit, "en"),
                ] {
                    let mut out = Vec::new();
                    report
                        .write_json(&mut out, lang, explanations)
                        .expect("write");
                    serde_json::from_slice::<Value>(&out).expect("report is JSON");
                    files.push((format!("report-{name}-{p}-{as_of}-{tag}.json"), out));
                }
            }
        }
    }
    if let Some(dir) = dir {
        for (name, bytes) in files {
            let path = std::path::Path::new(&dir).join(name);
            std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}
