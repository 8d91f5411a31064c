//! Valid but hostile inputs, each growing in one dimension: the four shapes that once cost
//! more than in proportion to their size (issue 13).
//!
//! Shared, through `#[path]`, by `examples/gen_hostile.rs` (writes one to stdout),
//! `benches/hostile.rs` (the scaling benchmark) and `tests/hostile_scaling.rs`.
//!
//! - [`items`]: one quarterly ledger of `n` items whose (unreviewed) report names `n`
//!   *other* items: every item is matched against the report, for the bands (Art. 7) and
//!   the return check (Art. 9).
//! - [`named_days`]: a local notice naming `n` days, each with its own holiday name.
//! - [`late_units`]: `n` overdue monthly reports in `n` units, for `what_if`.
//! - [`wide_cell`]: one matter whose unit name is `bytes` long beside `ordinary` matters.

#![allow(dead_code)]

use std::fmt::Write as _;

/// The as-of day of every caseload here.
pub const AS_OF: &str = "2023-11-10";

fn caseload(matters: impl Iterator<Item = String>) -> String {
    let mut out = format!(r#"{{"schema":"duban-caseload/1","as_of":"{AS_OF}","matters":["#);
    for (i, m) in matters.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&m);
    }
    out.push_str("]}\n");
    out
}

/// One quarterly ledger of `n` items (`I0`..), submitted with a report that names `n`
/// other items (`R0`..) and is not reviewed yet.
pub fn items(n: usize) -> String {
    let mut m = String::from(
        r#"{"id":"JD-HOSTILE","kind":"quarterly_report","unit":"市政府办公室一科","sector":"经济","quarter":"2023-Q3","items":["#,
    );
    for i in 0..n {
        if i > 0 {
            m.push(',');
        }
        let _ = write!(m, r#"{{"id":"I{i}"}}"#);
    }
    m.push_str(r#"],"events":[{"event":"submit","on":"2023-09-27","items":["#);
    for i in 0..n {
        if i > 0 {
            m.push(',');
        }
        let _ = write!(m, r#"{{"item":"R{i}","progress":"on_schedule"}}"#);
    }
    m.push_str("]}]}");
    caseload(std::iter::once(m))
}

/// A local notice (`scope local`) naming `n` days of 2020-2026, each `名N`: the dates
/// cycle through the covered years, so a later line may rename an earlier day.
pub fn named_days(n: usize) -> String {
    let mut out = String::from(
        "notice 县政办发〔2023〕99号\ntitle 关于若干纪念日的通知\nauthority 某县人民政府办公室\nsigned 2023-01-01\nscope local\n",
    );
    let first = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    for i in 0..n {
        let day = first + chrono::Days::new((i % 2557) as u64);
        let _ = writeln!(out, "holiday 名{i} {day}");
    }
    out
}

/// `n` monthly reports for 2023-01, each of its own unit (`单位N`), none submitted: on the
/// as-of day every one is overdue and every unit late.
pub fn late_units(n: usize) -> String {
    caseload((0..n).map(|i| {
        format!(
            r#"{{"id":"YB-{i}","kind":"monthly_report","unit":"单位{i}","sector":"经济","month":"2023-01"}}"#
        )
    }))
}

/// The unit name of [`wide_cell`]: `bytes` bytes of `单` (3 bytes each), rounded down.
pub fn wide_name(bytes: usize) -> String {
    "单".repeat(bytes / 3)
}

/// One monthly report whose unit name is `bytes` long, beside `ordinary` ordinary ones.
pub fn wide_cell(bytes: usize, ordinary: usize) -> String {
    let wide = wide_name(bytes);
    let first = format!(
        r#"{{"id":"YB-WIDE","kind":"monthly_report","unit":"{wide}","sector":"经济","month":"2023-10"}}"#
    );
    caseload(std::iter::once(first).chain((0..ordinary).map(|i| {
        format!(
            r#"{{"id":"YB-{i}","kind":"monthly_report","unit":"单位{}","sector":"经济","month":"2023-10","events":[{{"event":"submit","on":"2023-10-30"}}]}}"#,
            i % 300
        )
    })))
}
