//! What comes next for one matter of a caseload: its state, the events allowed now, the
//! obligations still open with their due dates and statuses, and the findings about it.
//!
//! Every answer is the caseload check's own: the matter's state, open obligations and
//! findings come from the same per-matter assessment the check builds its report from, and
//! an event is allowed exactly when that assessment accepts the matter with a well-formed
//! event of that name added on the as-of day as a step (not only as a fact it records as a
//! violation, such as an unplanned inspection started without approval, Art. 10). The
//! assessment applies each event through the machines' own rules under the policy over the
//! calendar ([`Workflow::apply_in`](crate::Workflow::apply_in)), as
//! [`apply_json_with`](crate::apply_json_with) does one event at a time, so the two cannot
//! disagree.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::check;
use super::input::{EventInput, MatterInput};
use super::{FindingKind, MatterKind};
use crate::json_text;
use crate::{
    Article, Calendar, Caseload, Error, ErrorKind, Label, Language, Policy, Result, WorkflowKind,
};

/// What may happen next to one matter, as [`next_step`] finds it.
///
/// Serialized, it is `{"id", "kind", "as_of", "state", "state_label", "allowed": [EVENT
/// NAMES], "open": [{"code", "due", "status", "status_text"}], "findings": [...]}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct NextStep {
    /// The matter's id.
    pub id: String,
    /// Its kind.
    pub kind: MatterKind,
    /// The day asked about.
    pub as_of: NaiveDate,
    /// The workflow state after the events up to `as_of` (the report's `state`).
    pub state: String,
    /// The state in words, in the language asked for.
    pub state_label: String,
    /// For an accountability case referred to the discipline and law enforcement bodies
    /// (移送, which runs alongside the rest of the workflow, Art. 12 (3)): the day of the
    /// referral; `state` is then where the rest of the workflow stands. Absent from the
    /// JSON when not referred.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referred_on: Option<NaiveDate>,
    /// The names of the events the check would accept next as steps, dated `as_of` (not
    /// an event it would only record as a violation, such as an unplanned inspection
    /// started without approval).
    pub allowed: Vec<String>,
    /// The same events in words, in the language asked for.
    pub allowed_labels: Vec<String>,
    /// The obligations not yet met: code (D1-D7), due date, status and its words.
    pub open: Vec<OpenObligation>,
    /// The check's findings about this matter (returns to make, inspection violations,
    /// other findings), as the `duban-report/1` JSON writes them.
    pub findings: Vec<Value>,
    /// The same findings in words, in the language asked for.
    pub finding_texts: Vec<String>,
}

/// An obligation still open.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct OpenObligation {
    /// D1 ... D7.
    pub code: String,
    /// The due date under the policy's chosen reading.
    pub due: NaiveDate,
    /// The status's stable name: `pending`, `due_today`, `overdue` or
    /// `awaiting_supplement`.
    pub status: String,
    /// The status in words, in the language asked for.
    pub status_text: String,
}

/// What may happen next to matter `id` of the caseload `json` on `as_of` (default: the
/// document's `as_of`).
///
/// ```
/// use duban::{next_step, parse_date, Calendar, Language, Policy};
/// let caseload = r#"{"schema": "duban-caseload/1", "as_of": "2023-10-31", "matters": [
///   {"id": "YB-1", "kind": "monthly_report", "unit": "市财政局", "sector": "经济",
///    "month": "2023-10", "events": [{"event": "submit", "on": "2023-10-30"}]}]}"#;
/// let next = next_step(caseload, "YB-1", None, &Policy::ankang_2020(), &Calendar::china(),
///                      Language::English)?;
/// assert_eq!(next.state, "submitted");
/// assert_eq!(next.allowed, ["return", "accept"]);
/// assert!(next.open.is_empty()); // submitted in time: D2 is met
/// # Ok::<(), duban::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidCaseload`] for a document that is not a caseload, one with no matter
/// `id`, or a matter the check refuses (its error, naming the matter); `InvalidInput` when
/// neither `as_of` nor the document gives the day; `OutsideCoverage` for a day outside the
/// calendar.
pub fn next_step(
    json: &str,
    id: &str,
    as_of: Option<NaiveDate>,
    policy: &Policy,
    calendar: &Calendar,
    language: Language,
) -> Result<NextStep> {
    // The document as the check reads it: errors, and those of this matter, with their
    // places in the file.
    let caseload = Caseload::from_json(json)?;
    if let Some(err) = caseload
        .errors()
        .iter()
        .find(|e| e.matter.as_deref() == Some(id))
    {
        return Err(err.to_error());
    }
    // A document that is not JSON as a whole (cut short, too deep, a number out of range)
    // is not one to answer from, even where the check reads the matters before the fault.
    serde_json::from_str::<Value>(json).map_err(|e| {
        let (zh, en) = json_text::translate(&e);
        Error::new(
            ErrorKind::InvalidCaseload,
            format!("事项清单无效（第{}行第{}列）：{zh}", e.line(), e.column()),
            format!(
                "invalid caseload (line {}, column {}): {en}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let as_of = as_of.or(caseload.as_of()).ok_or_else(|| {
        Error::invalid_input(
            "未给出检查日期：事项清单中没有“as_of”字段，也未指定",
            "no as-of day: the caseload has no as_of and none was given",
        )
    })?;
    let (index, matter) = caseload
        .matters
        .iter()
        .find(|(_, m)| &*m.id == id)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidCaseload,
                format!("事项清单中没有编号为“{id}”的事项"),
                format!("the caseload has no matter with id {id:?}"),
            )
            .with_matter_id(Some(id.to_owned()))
        })?;
    // Every status is counted from the as-of day, as in the check.
    calendar.is_workday(as_of)?;
    // Events after the as-of day have not happened yet; the next one comes after the rest.
    let mut matter = matter.clone();
    matter.events.retain(|e| e.on <= as_of);
    let allowed = allowed(*index, &mut matter, policy, calendar, as_of);
    let assessment =
        check::assess(*index, &matter, policy, calendar, as_of).map_err(|e| e.to_error())?;
    let report = assessment.report();
    let open = assessment
        .open()
        .map(|o| OpenObligation {
            code: o.deadline.kind().code().to_owned(),
            due: o.deadline.due(),
            status: o.status.code().to_owned(),
            status_text: o.status.describe(language),
        })
        .collect();
    let returns = assessment.return_required();
    let violations = assessment.violations();
    let findings = assessment.findings();
    let finding_texts = returns
        .iter()
        .map(|r| {
            format!(
                "{}{}",
                language.pick("建议", "suggested: "),
                r.suggested_remedy.label(language)
            )
        })
        .chain(
            violations
                .iter()
                .map(|v| v.violation.label(language).to_owned()),
        )
        .chain(
            findings
                .iter()
                .map(|f| language.pick(&f.message_zh, &f.message_en).to_owned()),
        )
        .collect();
    // As the `duban-report/1` JSON writes them.
    let findings = returns
        .iter()
        .map(serde_json::to_value)
        .chain(violations.iter().map(serde_json::to_value))
        .chain(findings.iter().map(|f| {
            serde_json::to_value(FindingView {
                matter: &f.matter,
                unit: &f.unit,
                kind: f.kind,
                article: f.article,
                message: language.pick(&f.message_zh, &f.message_en),
            })
        }))
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| {
            Error::new(
                ErrorKind::InvalidInput,
                "无法写出检查结果",
                format!("cannot write the report: {e}"),
            )
        })?;
    Ok(NextStep {
        id: id.to_owned(),
        kind: report.kind,
        as_of,
        state: report.state.to_owned(),
        state_label: report.state_label(language).to_owned(),
        referred_on: report.referred_on,
        allowed: allowed.iter().map(|l| l.name.to_owned()).collect(),
        allowed_labels: allowed
            .iter()
            .map(|l| l.text(language).to_owned())
            .collect(),
        open,
        findings,
        finding_texts,
    })
}

/// A finding, as the `duban-report/1` JSON writes it.
#[derive(Serialize)]
struct FindingView<'a> {
    matter: &'a str,
    unit: &'a str,
    kind: FindingKind,
    article: Article,
    message: &'a str,
}

/// The events the check accepts next for `matter`, dated `as_of`: those of which a
/// well-formed event (the workflow's own sample, in the caseload's event shape) added to
/// the matter passes [`check::assess`]. `matter` is as it was on return.
fn allowed(
    index: usize,
    matter: &mut MatterInput,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> Vec<Label> {
    let Some(workflow) = workflow(matter.kind) else {
        return Vec::new();
    };
    let mut allowed = Vec::new();
    for label in workflow.events() {
        let Some(event) = workflow
            .sample_event_json(label.name, as_of)
            .and_then(|e| serde_json::from_value::<EventInput>(e).ok())
        else {
            continue;
        };
        matter.events.push(event);
        let added = matter.events.len().saturating_sub(1);
        // Accepted as a step, not only recorded as a fact the regulation did not permit
        // (an unplanned inspection started without approval, Art. 10: 经批准后方可开展).
        if check::assess(index, matter, policy, calendar, as_of)
            .is_ok_and(|a| !a.unpermitted(added))
        {
            allowed.push(*label);
        }
        matter.events.pop();
    }
    allowed
}

/// The workflow a matter of `kind` runs through.
fn workflow(kind: MatterKind) -> Option<WorkflowKind> {
    match kind {
        MatterKind::MeetingFollowUp
        | MatterKind::MonthlyReport
        | MatterKind::QuarterlyReport
        | MatterKind::YearEndSummary => Some(WorkflowKind::Report),
        MatterKind::Inspection => Some(WorkflowKind::Inspection),
        MatterKind::Accountability => Some(WorkflowKind::Accountability),
        MatterKind::Escalation => Some(WorkflowKind::Escalation),
        MatterKind::Evaluation => None,
    }
}
