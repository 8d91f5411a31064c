//! Compliance checking of whole caseloads, and what-if comparison of policies.
//!
//! Input is a JSON document in the `duban-caseload/1` format (JSON Schema in
//! `schema/caseload-1.schema.json`); output is a [`CheckReport`], written as
//! `duban-report/1` JSON ([`CheckReport::write_json`]) or as a table
//! ([`CheckReport::to_table`]).
//!
//! Input errors are collected, not fatal: a matter that is malformed, uses an unknown
//! event, has events out of order, repeats an id, or needs a date the calendar cannot
//! answer is reported in [`CheckReport::errors`] with its position and id, and every
//! other matter is still checked. A truncated document keeps every matter before the cut.
//!
//! The rules the check follows are documented on [`check`].

mod check;
mod document;
mod input;
mod lookup;
mod next;
mod output;
mod quick;
mod report;
mod scan;
mod stream;
mod whatif;

/// The generator of `examples/gen_caseload.rs`, for the tests of the reader and the writer.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../examples/support/generate.rs"]
mod generate;

use chrono::NaiveDate;

pub use document::CaseloadDocument;
pub use input::{ItemCategory, MatterKind, Progress, UnitKind, CASELOAD_SCHEMA};
pub use next::{next_step, NextStep, OpenObligation};
pub use output::Explanations;
pub use report::{
    CheckReport, Finding, FindingKind, InputError, InspectionViolation, ItemRef, LateUnit,
    MatterReport, ObligationReport, QuarterBands, ReturnFinding, ReturnRequired, Summary,
    SummaryEntry, ViolationKind, YearEndGathering, REPORT_SCHEMA,
};
pub use stream::{CaseloadReader, StreamOptions, StreamedReport};
pub use whatif::{Difference, UnitDifference, WhatIf};

use crate::json_text::{self, at_text};
use crate::{Calendar, Error, ErrorKind, Limits, Policy, Result};
use input::MatterInput;
use report::InputError as Problem;

/// A caseload read from JSON: the matters that could be read, and the errors of those that
/// could not.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let json = r#"{
///   "schema": "duban-caseload/1",
///   "as_of": "2023-11-10",
///   "matters": [
///     {"id": "HY-1", "kind": "meeting_follow_up", "unit": "市发改委", "sector": "经济",
///      "meeting": {"date": "2023-09-20", "kind": "executive"},
///      "items": [{"id": "1"}],
///      "events": [{"event": "submit", "on": "2023-11-08",
///                  "items": [{"item": "1", "progress": "on_schedule"}]}]},
///     {"id": "HY-2", "kind": "no_such_kind"}
///   ]
/// }"#;
/// let caseload = Caseload::from_json(json)?;
/// let report = duban::check(&caseload, &Policy::ankang_2020(), &Calendar::china(), caseload.as_of().unwrap())?;
/// assert_eq!(report.matters.len(), 1);
/// assert_eq!(report.matters[0].obligations[0].status.code(), "met_late"); // due 2023-11-07
/// assert_eq!(report.errors[0].matter.as_deref(), Some("HY-2"));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Caseload {
    as_of: Option<NaiveDate>,
    matters: Vec<(usize, MatterInput)>,
    errors: Vec<Problem>,
}

const KNOWN_EVENTS: &[&str] = &[
    "submit",
    "return",
    "accept",
    "apply",
    "approve",
    "reject",
    "file",
    "start",
    "place_under_key_supervision",
    "rectify",
    "propose_interview",
    "approve_interview",
    "hold_interview",
    "submit_plan",
    "resolve",
    "grade_poor",
    "refer",
    "request_escalation",
    "decline",
    "urge",
    "report_interview_result",
];

fn caseload_error(zh: String, en: String) -> Error {
    Error::new(ErrorKind::InvalidCaseload, zh, en)
}

impl Caseload {
    /// Reads a `duban-caseload/1` document.
    ///
    /// # Errors
    ///
    /// `InvalidCaseload` only when the document as a whole is not a caseload: not a JSON
    /// object, no `matters` array, a missing or different `schema`, a malformed `as_of`.
    /// Problems with single matters, and a truncation after some matters, are collected
    /// into the report's errors instead.
    ///
    /// ```
    /// let err = duban::Caseload::from_json("[1, 2]").unwrap_err();
    /// assert_eq!(err.kind(), duban::ErrorKind::InvalidCaseload);
    /// ```
    pub fn from_json(json: impl AsRef<[u8]>) -> Result<Caseload> {
        Caseload::from_json_with_limits(json, &Limits::default())
    }

    /// Reads a `duban-caseload/1` document within `limits`.
    ///
    /// # Errors
    ///
    /// As [`Caseload::from_json`], and `LimitExceeded` when the document is larger than
    /// `limits.caseload_bytes` or has more matters than `limits.matters`. A single matter
    /// larger than `limits.matter_bytes` is not an error of the document: it is reported
    /// in [`Caseload::errors`] (code `too_large`) and not read.
    ///
    /// ```
    /// use duban::{Caseload, Limits};
    /// let mut limits = Limits::default();
    /// limits.matter_bytes = 40;
    /// let doc = r#"{"schema": "duban-caseload/1", "matters": [
    ///   {"id": "a", "kind": "year_end_summary", "unit": "u", "year": 2023},
    ///   {"id": "b"}]}"#;
    /// let c = Caseload::from_json_with_limits(doc, &limits)?;
    /// assert_eq!(c.errors()[0].code, "too_large");
    /// assert_eq!(c.errors()[0].matter.as_deref(), Some("a"));
    /// assert_eq!(c.errors()[1].matter.as_deref(), Some("b")); // read: a missing field
    ///
    /// limits.caseload_bytes = 10;
    /// let err = Caseload::from_json_with_limits(doc, &limits).unwrap_err();
    /// assert_eq!(err.kind(), duban::ErrorKind::LimitExceeded);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn from_json_with_limits(json: impl AsRef<[u8]>, limits: &Limits) -> Result<Caseload> {
        Ok(CaseloadDocument::scan_with_limits(json.as_ref(), limits)?.read())
    }

    /// The document's `as_of` day, if it has one.
    ///
    /// ```
    /// let c = duban::Caseload::from_json(r#"{"schema": "duban-caseload/1", "as_of": "2024-01-02", "matters": []}"#)?;
    /// assert_eq!(c.as_of(), Some(duban::parse_date("2024-01-02")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    /// How many matters were read (errors not included).
    ///
    /// ```
    /// let c = duban::Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [{}]}"#)?;
    /// assert_eq!((c.len(), c.errors().len()), (0, 1));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.matters.len()
    }

    /// Whether no matter was read.
    ///
    /// ```
    /// let c = duban::Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": []}"#)?;
    /// assert!(c.is_empty());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.matters.is_empty()
    }

    /// The matters that could not be read, and document-level problems.
    ///
    /// ```
    /// let c = duban::Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [{"id": "x"}]}"#)?;
    /// assert_eq!(c.errors()[0].matter.as_deref(), Some("x"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn errors(&self) -> &[InputError] {
        &self.errors
    }
}

/// How a message names the matter at `index` (0-based), with its id when known.
fn who(index: usize, id: Option<&str>) -> (String, String) {
    match id {
        Some(id) => (
            format!("第{}个事项（{id}）", index + 1),
            format!("matter #{} ({id})", index + 1),
        ),
        None => (
            format!("第{}个事项", index + 1),
            format!("matter #{}", index + 1),
        ),
    }
}

fn matter_parse_error(
    index: usize,
    raw: &[u8],
    e: &serde_json::Error,
    at: Option<crate::Position>,
) -> Problem {
    let value: Option<serde_json::Value> = serde_json::from_slice(raw).ok();
    let id = value
        .as_ref()
        .and_then(|v| v.get("id"))
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        // Not JSON as a whole (too deep, stray bytes): the id may still be readable.
        .or_else(|| scan::top_level_id(raw));
    let unknown_event = value
        .as_ref()
        .and_then(|v| v.get("events"))
        .and_then(|v| v.as_array())
        .and_then(|events| {
            events.iter().enumerate().find_map(|(i, ev)| {
                let name = ev.get("event")?.as_str()?;
                (!KNOWN_EVENTS.contains(&name)).then(|| (i, name.to_owned()))
            })
        });
    let (who_zh, who_en) = who(index, id.as_deref());
    let (at_zh, at_en) = at_text(at);
    match unknown_event {
        Some((i, name)) => Problem::new(
            index,
            id,
            "unknown_event",
            format!("{who_zh}{at_zh}：第{}个事件“{name}”不是已知事件", i + 1),
            format!(
                "{who_en}{at_en}: event {} {name:?} is not a known event",
                i + 1
            ),
        ),
        None => {
            let (zh, en) = json_text::translate(e);
            Problem::new(
                index,
                id,
                "malformed",
                format!("{who_zh}无法读取{at_zh}：{zh}"),
                format!("{who_en} cannot be read{at_en}: {en}"),
            )
        }
    }
}

/// Checks every matter of `caseload` on `as_of` under `policy` and `calendar`.
///
/// # How the findings are derived
///
/// - **Statuses** use the events dated on or before the as-of day. A progress report
///   (D1, D2, D3, D7) is met on the date of its credited submission: a report returned for
///   redo (重办) counts only from its resubmission; a report returned for supplement (补办)
///   counts, once resubmitted, from the original submission under the default policy
///   (`supplement_credit = original_submission`), or from the resubmission under
///   `resubmission`. A report submitted in time and returned for supplement is
///   [`Status::AwaitingSupplement`](crate::Status::AwaitingSupplement) (退回补办中) while the
///   supplement is pending: neither met nor overdue, never 不按期报送. The regulation sets
///   no deadline for a supplement; a policy may (`supplement_period`, working days after
///   the return, never before the report's own due date): the report is then overdue from
///   the day after it, and a supplement after
///   it is met late by the working days after it. A report returned for redo, or submitted
///   late, is not met until resubmitted.
/// - **Late units (Art. 12 (3), 不按期报送)**: a unit's progress reports (meeting
///   follow-up, monthly, quarterly) that are overdue or were met late on the as-of day. A
///   责任单位 (county government, city department, affiliated body: `unit_kind`, the default
///   for every matter but a ledger) with at least `late_reports_for_key_supervision` of them
///   (default 1) is a trigger of key supervision (重点督办). The office's sections (科室),
///   whose quarterly ledgers these are by definition, are listed apart in `late_sections`
///   and are never a trigger; putting a section under key supervision is an input error.
/// - **Quarterly bands (Art. 7)**: each item of a quarterly ledger, per quarter and sector,
///   by the progress stated in the latest submission on or before the as-of day that was
///   not returned: `completed` → 已完成, `on_schedule` → 进展顺利, `behind_schedule` →
///   进展缓慢. An item no such submission reports is a group of its own, 未报送
///   (`not_reported`).
/// - **Returns (Art. 9)**: the latest submission of a meeting follow-up, monthly or
///   quarterly report that has not been reviewed yet (no return or acceptance after it) is
///   checked against the matter's decided items: an item left out (`missing_item`, 漏项), a
///   project item not completed and without physical progress (`no_physical_progress`,
///   形象进度), a completed item without evidence (`no_evidence`, 印证资料). The remedy is a
///   suggestion (`suggested_remedy`; the article leaves the choice to the Office): redo
///   (重办) when no decided item is reported at all, supplement (补办) otherwise.
/// - **Inspections (Art. 10)**: an inspection not in the annual plan has D4 (apply by the
///   7th working day before the start) and D5 (approved by the start day), counted from the
///   day it actually started, or from the planned `start` until it has. One that started is
///   flagged `no_application`, `late_application` and/or `no_approval`, and, approved but
///   never filed with the Party committee's supervision office, `not_filed`; an application
///   without its special reason (确因特殊情况) is `no_special_reason`, started or not. An
///   approval that comes only after the start meets D5 late, and the start stays a
///   `no_approval` finding. A rejected inspection that has not started has D4 only.
/// - **Accountability (Art. 12 (3))**: an interview may be proposed on or after the
///   rectification deadline, not before; a unit may be graded 较差 only after the written
///   plan's deadline (D6, under the policy's reading of 一周) has passed; both are input
///   errors (`illegal_transition`) otherwise. A referral (移送) runs alongside: the matter's
///   `state` is where the rest of the workflow stands, and `referred_on` the referral. An
///   interview whose result is not reported to the mayor (`report_interview_result`) is a
///   finding.
/// - **Escalation (Art. 4)**: the urging (催办) is an event (`urge`) a request needs before
///   it; the grounds must pass the policy's `escalation_grounds`; a matter from an Art. 5
///   source (the Office's own) cannot be escalated.
/// - **Sources (Art. 5, 6)**: a meeting follow-up from a meeting its `source` does not
///   list, a monthly report not from the Government Work Report, a ledger not from an
///   Art. 6 source is a finding (`source_mismatch`).
/// - **Year-end summary (Art. 12 (4))**: for the as-of day's year, the units graded 优秀
///   (`evaluation` matters), those interviewed, and those graded 较差 directly after an
///   interview (criticised).
///
/// # Errors
///
/// `OutsideCoverage` when `as_of` itself is outside the calendar. Everything else is
/// collected into [`CheckReport::errors`].
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "YB-1", "kind": "monthly_report", "unit": "市财政局", "sector": "经济", "month": "2022-01"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2022-02-07")?)?;
/// assert_eq!(&*report.late_units[0].unit, "市财政局");
/// assert!(report.late_units[0].key_supervision_trigger);
/// # Ok::<(), duban::Error>(())
/// ```
pub fn check(
    caseload: &Caseload,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> Result<CheckReport> {
    check::run(caseload, policy, calendar, as_of)
}

/// Checks every matter of `caseload` as [`check`] does, on up to `threads` threads (0: one
/// per core; 1: on the calling thread, as [`check`]). The matters are checked in parallel
/// and merged in input order, so the report is the same whatever the thread count.
///
/// To read and check a large document in one pass, without holding every matter in memory,
/// see [`CaseloadDocument::check`].
///
/// # Errors
///
/// As [`check`].
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "YB-1", "kind": "monthly_report", "unit": "市财政局", "sector": "经济", "month": "2022-01"}]}"#)?;
/// let (policy, cal, as_of) = (Policy::ankang_2020(), Calendar::china(), duban::parse_date("2022-02-07")?);
/// let report = duban::check_with_threads(&c, &policy, &cal, as_of, 2)?;
/// assert_eq!(report.matters, duban::check(&c, &policy, &cal, as_of)?.matters);
/// # Ok::<(), duban::Error>(())
/// ```
pub fn check_with_threads(
    caseload: &Caseload,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
    threads: usize,
) -> Result<CheckReport> {
    let mut merger = check::Merger::new(policy, calendar, as_of, caseload.matters.len())?;
    merger.errors(caseload.errors.iter().cloned());
    document::in_order(
        caseload.matters.len(),
        threads,
        || (),
        |(), i, _| match caseload.matters.get(i) {
            Some((index, matter)) => check::check_one(*index, matter, policy, calendar, as_of),
            None => check::Outcome::unread(InputError::new(
                i,
                None,
                "document",
                format!("第{}个事项不存在", i + 1),
                format!("there is no matter #{}", i + 1),
            )),
        },
        &mut merger,
    )?;
    Ok(merger.finish(None))
}

/// Checks `caseload` under two policies and lists every matter whose due date or status
/// differs, with the parameters that made the difference.
///
/// # Errors
///
/// `OutsideCoverage` when `as_of` is outside the calendar.
///
/// ```
/// use duban::{Calendar, Caseload, Policy, WorkingDays};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "HY-1", "kind": "meeting_follow_up", "unit": "u", "sector": "s",
///    "meeting": {"date": "2023-09-20", "kind": "executive"}}]}"#)?;
/// let a = Policy::ankang_2020();
/// let mut b = a.clone();
/// b.parameters.meeting_follow_up_period.value = WorkingDays(20);
/// let diff = duban::what_if(&c, &a, &b, &Calendar::china(), duban::parse_date("2023-10-30")?)?;
/// assert_eq!(diff.differences.len(), 1);
/// assert_eq!(diff.differences[0].parameters, ["meeting_follow_up_period"]);
/// # Ok::<(), duban::Error>(())
/// ```
pub fn what_if(
    caseload: &Caseload,
    a: &Policy,
    b: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> Result<WhatIf> {
    whatif::compare(caseload, a, b, calendar, as_of)
}
