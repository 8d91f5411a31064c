//! Issue 11: the parallel check gives the same report, byte for byte, as the single-threaded
//! one, whatever the thread count and whichever entry point (`check`, `check_with_threads`,
//! `CaseloadDocument::check`), on the example caseload and on generated ones with every kind
//! of matter, input errors, duplicate ids and a truncated end spread over several chunks.

#[path = "../examples/support/generate.rs"]
#[allow(dead_code)]
mod generate;

use duban::{
    check, check_with_threads, Calendar, Caseload, CaseloadDocument, CaseloadReader, CheckReport,
    Explanations, Language, Limits, MatterKind, Policy, StreamOptions,
};
use proptest::prelude::*;

fn bytes(report: &CheckReport, language: Language, explain: bool) -> Vec<u8> {
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let explanations = if explain {
        Explanations::Include(&policy, &cal)
    } else {
        Explanations::Omit
    };
    let mut out = Vec::new();
    report
        .write_json(&mut out, language, explanations)
        .expect("writes to a Vec");
    out
}

/// Every entry point at 1, 2, 3 and 8 threads (and 0: one per core) against `check`.
#[track_caller]
fn same_everywhere(json: &[u8], as_of: chrono::NaiveDate, explain: bool) -> CheckReport {
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let caseload = Caseload::from_json(json).expect("reads");
    let reference = check(&caseload, &policy, &cal, as_of).expect("checks");
    let expected_zh = bytes(&reference, Language::Chinese, explain);
    let expected_en = bytes(&reference, Language::English, explain);
    let document = CaseloadDocument::scan(json).expect("scans");
    assert_eq!(document.as_of(), caseload.as_of());
    for threads in [0, 1, 2, 3, 8] {
        let a = check_with_threads(&caseload, &policy, &cal, as_of, threads).expect("checks");
        let b = document
            .check(&policy, &cal, as_of, threads)
            .expect("checks");
        for (what, r) in [("check_with_threads", &a), ("CaseloadDocument::check", &b)] {
            assert!(
                bytes(r, Language::Chinese, explain) == expected_zh,
                "{what} at {threads} threads differs (Chinese)"
            );
            assert!(
                bytes(r, Language::English, explain) == expected_en,
                "{what} at {threads} threads differs (English)"
            );
            assert_eq!(r.table_for_test(), reference.table_for_test());
        }
    }
    // Streamed: read a window at a time (windows of a few bytes cut every matter, field and
    // string), each matter's entry written on its worker, kept in memory or in a file.
    for (threads, block, spill) in [
        (1, 1 << 20, usize::MAX),
        (1, 7, 0),
        (2, 64, 1 << 10),
        (3, 1000, usize::MAX),
        (8, 333, 0),
        (0, 4096, 1 << 16),
    ] {
        for (language, expected) in [
            (Language::Chinese, &expected_zh),
            (Language::English, &expected_en),
        ] {
            let out = streamed(json, as_of, explain, language, threads, block, spill);
            assert!(
                out == *expected,
                "streamed at {threads} threads, blocks of {block}, spill over {spill} differs ({language:?})"
            );
        }
    }
    reference
}

/// The JSON report of a streamed check.
fn streamed(
    json: &[u8],
    as_of: chrono::NaiveDate,
    explain: bool,
    language: Language,
    threads: usize,
    block: usize,
    spill_threshold: usize,
) -> Vec<u8> {
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let reader = CaseloadReader::open_with_block(json, &Limits::default(), block).expect("opens");
    let options = StreamOptions {
        threads,
        language,
        explanations: if explain {
            Explanations::Include(&policy, &cal)
        } else {
            Explanations::Omit
        },
        spill_threshold,
        ..StreamOptions::default()
    };
    let report = reader
        .check(&policy, &cal, as_of, &options)
        .expect("checks");
    let mut out = Vec::new();
    report.write_json(&mut out).expect("writes");
    out
}

trait Table {
    fn table_for_test(&self) -> String;
}

impl Table for CheckReport {
    fn table_for_test(&self) -> String {
        self.to_table(Language::Chinese)
    }
}

#[test]
fn the_example_caseload_is_the_same_on_any_number_of_threads() {
    let json = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/caseload.json"
    ))
    .expect("the example caseload");
    let as_of = duban::parse_date("2023-11-10").expect("a date");
    let report = same_everywhere(&json, as_of, true);
    // The example's known shape (README): 17 matters, one late unit, one late section.
    assert_eq!(report.summary.matters, 17);
    assert_eq!(report.late_units.len(), 1);
    assert_eq!(report.late_sections.len(), 1);
}

fn generated(n: usize, seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    generate::write_caseload(&mut out, n, seed).expect("writes to a Vec");
    out
}

#[test]
fn a_generated_caseload_with_every_kind_is_the_same_on_any_number_of_threads() {
    // 5,000 matters: five chunks of 1,024, so several workers and an out-of-order arrival.
    // The generator writes every kind but evaluations: ten are added, spread over the chunks.
    let mut matters = matters_of(&generated(5_000, 7));
    for i in 0..10 {
        let grade = if i % 2 == 0 { "excellent" } else { "good" };
        matters.insert(
            i * 500,
            serde_json::json!({"id": format!("PJ-{i}"), "kind": "evaluation",
                "unit": format!("单位{}", i % 3), "sector": "经济", "year": 2025, "grade": grade}),
        );
    }
    let json = document(&matters, "").into_bytes();
    let as_of = duban::parse_date("2025-12-01").expect("a date");
    let report = same_everywhere(&json, as_of, false);
    assert_eq!(report.year_end.commended.len(), 5);
    let kinds: std::collections::BTreeSet<MatterKind> =
        report.matters.iter().map(|m| m.kind).collect();
    for kind in [
        MatterKind::MeetingFollowUp,
        MatterKind::MonthlyReport,
        MatterKind::QuarterlyReport,
        MatterKind::Inspection,
        MatterKind::Accountability,
        MatterKind::Escalation,
        MatterKind::YearEndSummary,
        MatterKind::Evaluation,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} matter was generated");
    }
    assert!(!report.late_units.is_empty());
    assert!(!report.quarterly_bands.is_empty());
    assert!(!report.returns.is_empty());
    assert!(!report.inspection_violations.is_empty());
    assert_eq!(report.summary.matters, 5_010);
}

/// The generated matters, one JSON object each.
fn matters_of(json: &[u8]) -> Vec<serde_json::Value> {
    let doc: serde_json::Value = serde_json::from_slice(json).expect("generated JSON");
    doc["matters"].as_array().expect("matters").clone()
}

fn document(matters: &[serde_json::Value], extra_fields: &str) -> String {
    let body: Vec<String> = matters.iter().map(|m| m.to_string()).collect();
    format!(
        r#"{{"schema": "duban-caseload/1", "as_of": "2025-12-01", {extra_fields}"matters": [{}]}}"#,
        body.join(",\n")
    )
}

#[test]
fn errors_duplicates_and_a_cut_end_across_chunks_are_the_same_on_any_number_of_threads() {
    let mut matters = matters_of(&generated(3_000, 3));
    // A duplicate of the first matter two chunks later: the later one is the error.
    let first = matters[0].clone();
    matters.insert(2_500, first.clone());
    // A duplicate whose first occurrence is itself an input error (an unknown kind).
    let bad = serde_json::json!({"id": "BAD-1", "kind": "no_such_kind"});
    matters.insert(10, bad.clone());
    matters.insert(2_900, bad);
    // A matter that misses its required field, and one out of order, in another chunk.
    matters.insert(
        1_100,
        serde_json::json!({"id": "M-1", "kind": "monthly_report", "unit": "u"}),
    );
    matters.insert(
        1_500,
        serde_json::json!({"id": "O-1", "kind": "monthly_report", "unit": "u", "month": "2025-10",
            "events": [{"event": "submit", "on": "2025-11-03"}, {"event": "submit", "on": "2025-11-01"}]}),
    );
    let full = document(&matters, r#""unknown_field": 1, "#);
    let as_of = duban::parse_date("2025-12-01").expect("a date");
    let report = same_everywhere(full.as_bytes(), as_of, false);
    let codes: Vec<&str> = report.errors.iter().map(|e| e.code).collect();
    assert_eq!(codes.first(), Some(&"document"));
    for code in ["duplicate_id", "missing_field", "out_of_order", "malformed"] {
        assert!(codes.contains(&code), "no {code} error in {codes:?}");
    }
    let dup = report
        .errors
        .iter()
        .find(|e| e.code == "duplicate_id" && e.matter.as_deref() == first["id"].as_str())
        .expect("the later copy of the first matter is the duplicate");
    // Inserted at 2,500, moved on by the insertions at 10, 1,100 and 1,500.
    assert_eq!(dup.index, Some(2_503));

    // Cut in the middle of the last matters: every matter before the cut is still checked.
    let cut = &full.as_bytes()[..full.len() - 700];
    let report = same_everywhere(cut, as_of, false);
    assert!(report.errors.iter().any(|e| e.code == "truncated"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Any selection and order of generated matters (duplicates included) gives the same
    /// report on 1 and on 3 threads.
    #[test]
    fn any_selection_is_the_same_on_one_and_three_threads(
        picks in proptest::collection::vec(0usize..400, 0..2_500),
        explain in any::<bool>(),
    ) {
        let pool = matters_of(&generated(400, 11));
        let chosen: Vec<serde_json::Value> =
            picks.iter().filter_map(|&i| pool.get(i).cloned()).collect();
        let json = document(&chosen, "");
        let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
        let as_of = duban::parse_date("2025-12-01").expect("a date");
        let doc = CaseloadDocument::scan(json.as_bytes()).expect("scans");
        let one = doc.check(&policy, &cal, as_of, 1).expect("checks");
        let three = doc.check(&policy, &cal, as_of, 3).expect("checks");
        prop_assert!(bytes(&one, Language::Chinese, explain) == bytes(&three, Language::Chinese, explain));
        let caseload = Caseload::from_json(json.as_bytes()).expect("reads");
        let reference = check(&caseload, &policy, &cal, as_of).expect("checks");
        prop_assert!(bytes(&reference, Language::English, false) == bytes(&three, Language::English, false));
        let expected = bytes(&reference, Language::Chinese, explain);
        for (threads, block) in [(1, 100), (3, 1_000)] {
            let out = streamed(json.as_bytes(), as_of, explain, Language::Chinese, threads, block, 1 << 12);
            prop_assert!(out == expected, "streamed at {} threads differs", threads);
        }
    }
}
