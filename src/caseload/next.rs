//! What comes next for one matter of a caseload: its state, the events allowed now, the
//! obligations still open with their due dates and statuses, and the findings about it.
//!
//! Every answer is the caseload check's own: the matter is checked alone, and an event is
//! allowed exactly when the check accepts the matter with a well-formed event of that name
//! added on the as-of day. The two cannot disagree.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{json, Value};

use super::{check, Explanations, MatterKind, CASELOAD_SCHEMA};
use crate::json_text;
use crate::rules::workflow::{
    AccountabilityFlow, EscalationFlow, EscalationGround, InspectionFlow, ReportFlow, Workflow,
};
use crate::{Calendar, Caseload, Error, ErrorKind, Label, Language, Policy, Result};

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
    /// The names of the events the check would accept next, dated `as_of`.
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
    /// The status's stable name: `not_due`, `due_today`, `overdue` or
    /// `awaiting_supplement`.
    pub status: String,
    /// The status in words, in the language asked for.
    pub status_text: String,
}

/// The statuses of an obligation that is met.
const MET: [&str; 2] = ["met_on_time", "met_late"];

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
    // places in the file (the matter is checked alone below, in a document of its own).
    let read = Caseload::from_json(json)?;
    if let Some(err) = read
        .errors()
        .iter()
        .find(|e| e.matter.as_deref() == Some(id))
    {
        return Err(err.to_error());
    }
    drop(read);
    let doc: Value = serde_json::from_str(json).map_err(|e| {
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
    let as_of = match as_of {
        Some(day) => day,
        None => doc
            .get("as_of")
            .and_then(Value::as_str)
            .map(crate::parse_date)
            .transpose()?
            .ok_or_else(|| {
                Error::invalid_input(
                    "未给出检查日期：事项清单中没有 as_of，也未指定",
                    "no as-of day: the caseload has no as_of and none was given",
                )
            })?,
    };
    let matter = doc
        .get("matters")
        .and_then(Value::as_array)
        .and_then(|ms| {
            ms.iter()
                .find(|m| m.get("id").and_then(Value::as_str) == Some(id))
        })
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidCaseload,
                format!("事项清单中没有编号为“{id}”的事项"),
                format!("the caseload has no matter with id {id:?}"),
            )
            .with_matter_id(Some(id.to_owned()))
        })?;
    // Events after the as-of day have not happened yet; the next one comes after the rest.
    let mut matter = matter.clone();
    if let Some(events) = matter.get_mut("events").and_then(Value::as_array_mut) {
        events.retain(|e| {
            e.get("on")
                .and_then(Value::as_str)
                .and_then(|on| crate::parse_date(on).ok())
                .map_or(true, |on| on <= as_of)
        });
    }
    let Alone {
        report,
        kind,
        state,
        state_label,
        finding_texts,
    } = check_alone(&matter, as_of, policy, calendar, language)?;
    let allowed: Vec<Label> = candidates(kind)
        .iter()
        .filter(|event| {
            let mut with = matter.clone();
            let sample = sample_event(event.name, as_of);
            match with.get_mut("events").and_then(Value::as_array_mut) {
                Some(events) => events.push(sample),
                None => {
                    if let Some(object) = with.as_object_mut() {
                        object.insert("events".to_owned(), json!([sample]));
                    }
                }
            }
            check_alone(&with, as_of, policy, calendar, language).is_ok()
        })
        .copied()
        .collect();
    let open = report
        .pointer("/matters/0/obligations")
        .and_then(Value::as_array)
        .map(|obligations| {
            obligations
                .iter()
                .filter_map(|o| {
                    let status = o.pointer("/status/status")?.as_str()?;
                    if MET.contains(&status) {
                        return None;
                    }
                    Some(OpenObligation {
                        code: o.get("code")?.as_str()?.to_owned(),
                        due: crate::parse_date(o.get("due")?.as_str()?).ok()?,
                        status: status.to_owned(),
                        status_text: o.get("status_text")?.as_str()?.to_owned(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let findings = ["returns", "inspection_violations", "findings"]
        .iter()
        .filter_map(|key| report.get(*key).and_then(Value::as_array))
        .flatten()
        .filter(|f| f.get("matter").and_then(Value::as_str) == Some(id))
        .cloned()
        .collect();
    Ok(NextStep {
        id: id.to_owned(),
        kind,
        as_of,
        state,
        state_label,
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

/// What checking one matter alone gives.
struct Alone {
    report: Value,
    kind: MatterKind,
    state: String,
    state_label: String,
    finding_texts: Vec<String>,
}

/// The events a matter of `kind` may name.
fn candidates(kind: MatterKind) -> &'static [Label] {
    match kind {
        MatterKind::MeetingFollowUp
        | MatterKind::MonthlyReport
        | MatterKind::QuarterlyReport
        | MatterKind::YearEndSummary => ReportFlow::EVENTS,
        MatterKind::Inspection => InspectionFlow::EVENTS,
        MatterKind::Accountability => AccountabilityFlow::EVENTS,
        MatterKind::Escalation => EscalationFlow::EVENTS,
        _ => &[],
    }
}

/// A well-formed caseload event named `name` on `on`: its other fields chosen to pass every
/// check of their own (a reason for a return, every ground for a request).
fn sample_event(name: &str, on: NaiveDate) -> Value {
    let mut event = json!({"event": name, "on": on});
    let extra = match name {
        "return" => json!({"remedy": "supplement", "reasons": ["other"]}),
        "place_under_key_supervision" => {
            json!({"triggers": ["slow_progress"], "rectify_by": on})
        }
        "request_escalation" => json!({"grounds": EscalationGround::ALL}),
        _ => json!({}),
    };
    if let (Some(event), Some(extra)) = (event.as_object_mut(), extra.as_object()) {
        event.extend(extra.clone());
    }
    event
}

/// Checks `matter` alone: the report as JSON, the kind, the state's name and words; the
/// matter's error when the check refuses it.
fn check_alone(
    matter: &Value,
    as_of: NaiveDate,
    policy: &Policy,
    calendar: &Calendar,
    language: Language,
) -> Result<Alone> {
    let doc = json!({"schema": CASELOAD_SCHEMA, "as_of": as_of, "matters": [matter]});
    let caseload = Caseload::from_json(doc.to_string())?;
    let report = check(&caseload, policy, calendar, as_of)?;
    if let Some(err) = report.errors.first() {
        return Err(err.to_error());
    }
    let Some(m) = report.matters.first() else {
        return Err(Error::new(
            ErrorKind::InvalidCaseload,
            "事项未被检查",
            "the matter was not checked",
        ));
    };
    let (kind, state, state_label) = (
        m.kind,
        m.state.to_owned(),
        m.state_label(language).to_owned(),
    );
    let finding_texts = report
        .returns
        .iter()
        .map(|r| {
            format!(
                "{}{}",
                language.pick("建议", "suggested: "),
                r.suggested_remedy.label(language)
            )
        })
        .chain(
            report
                .inspection_violations
                .iter()
                .map(|v| v.violation.label(language).to_owned()),
        )
        .chain(
            report
                .findings
                .iter()
                .map(|f| language.pick(&f.message_zh, &f.message_en).to_owned()),
        )
        .collect();
    let mut out = Vec::new();
    report
        .write_json(&mut out, language, Explanations::Omit)
        .map_err(|e| {
            Error::new(
                ErrorKind::InvalidInput,
                "无法写出检查结果",
                format!("cannot write the report: {e}"),
            )
        })?;
    let json: Value = serde_json::from_slice(&out).map_err(|e| {
        Error::new(
            ErrorKind::InvalidInput,
            "无法读回检查结果",
            format!("cannot read the report back: {e}"),
        )
    })?;
    Ok(Alone {
        report: json,
        kind,
        state,
        state_label,
        finding_texts,
    })
}
