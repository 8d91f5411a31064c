//! The check's output, `duban-report/1`.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::input::{MatterInput, MatterKind};
use crate::{Calendar, Deadline, Language, Policy, Quarter, Remedy, ReturnReason, Status};

/// The version tag of the report format.
///
/// ```
/// assert_eq!(duban::REPORT_SCHEMA, "duban-report/1");
/// ```
pub const REPORT_SCHEMA: &str = "duban-report/1";

/// One obligation of a matter, with its status on the as-of day.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// let o = &report.matters[0].obligations[0];
/// assert_eq!(o.deadline.due().to_string(), "2023-09-28");
/// assert_eq!(o.status.code(), "met_late");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ObligationReport {
    /// The due date and how it was computed.
    pub deadline: Deadline,
    /// The day the obligation counts as met (for a report, the credited submission).
    pub met_on: Option<NaiveDate>,
    /// The status on the as-of day.
    pub status: Status,
}

/// One matter that was checked.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// assert_eq!(&*report.matters[0].id, "JD-1");
/// assert_eq!(report.matters[0].state, "submitted");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MatterReport {
    /// The matter's id.
    pub id: Arc<str>,
    /// Its kind.
    pub kind: MatterKind,
    /// The responsible unit.
    pub unit: Arc<str>,
    /// The sector (口).
    pub sector: Arc<str>,
    /// The matter's title for people, when the caseload gives one.
    pub title: Option<Arc<str>>,
    /// The workflow state after the events up to the as-of day.
    pub state: &'static str,
    /// Its obligations (none for an escalation or a planned inspection).
    pub obligations: Vec<ObligationReport>,
    state_labels: [&'static str; 2],
}

impl MatterReport {
    pub(crate) fn new(m: &MatterInput) -> MatterReport {
        MatterReport {
            id: m.id.clone(),
            kind: m.kind,
            unit: m.unit.clone(),
            sector: m.sector.clone(),
            title: m.title.as_deref().map(Arc::from),
            state: "",
            obligations: Vec::new(),
            state_labels: ["", ""],
        }
    }

    pub(crate) fn set_state(&mut self, name: &'static str, labels: [&'static str; 2]) {
        self.state = name;
        self.state_labels = labels;
    }

    /// The workflow state for a reader.
    ///
    /// ```
    /// use duban::{Calendar, Caseload, Language, Policy};
    /// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
    ///   {"id": "TJ-1", "kind": "escalation", "unit": "u", "events": [
    ///     {"event": "request_escalation", "on": "2023-10-10", "grounds": ["hard_to_coordinate", "ineffective_after_urging"]},
    ///     {"event": "approve", "on": "2023-10-12"}]}]}"#)?;
    /// let r = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
    /// assert_eq!(r.matters[0].state, "escalated");
    /// assert!(!r.matters[0].state_label(Language::Chinese).is_empty());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn state_label(&self, language: Language) -> &'static str {
        match language {
            Language::Chinese => self.state_labels[0],
            Language::English => self.state_labels[1],
        }
    }
}

/// A unit with reports not submitted on time (不按期报送, Art. 12 (3)).
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// assert_eq!(&*report.late_units[0].unit, "一科");
/// assert_eq!(report.late_units[0].late_reports, 1);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LateUnit {
    /// The unit.
    pub unit: Arc<str>,
    /// How many of its progress reports are overdue or were met late.
    pub late_reports: usize,
    /// Whether that reaches the policy's `late_reports_for_key_supervision`: the unit is to
    /// be put under key supervision (重点督办).
    pub key_supervision_trigger: bool,
    /// The matters behind it.
    pub matters: Vec<Arc<str>>,
}

/// An item of a quarterly ledger in a band.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// let slow = &report.quarterly_bands[0].progressing_slowly[0];
/// assert_eq!((&*slow.item, slow.not_reported), ("B", true));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ItemRef {
    /// The matter (ledger) it belongs to.
    pub matter: Arc<str>,
    /// The item.
    pub item: Arc<str>,
    /// True when no submission reported it (it is then banded as progressing slowly).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_reported: bool,
}

/// Art. 7's three bands for one quarter and one sector (分口).
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// let bands = &report.quarterly_bands[0];
/// assert_eq!((bands.completed.len(), bands.progressing_well.len(), bands.progressing_slowly.len()), (1, 0, 1));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct QuarterBands {
    /// The quarter.
    pub quarter: Quarter,
    /// The sector.
    pub sector: Arc<str>,
    /// 已完成.
    pub completed: Vec<ItemRef>,
    /// 进展顺利.
    pub progressing_well: Vec<ItemRef>,
    /// 进展缓慢.
    pub progressing_slowly: Vec<ItemRef>,
}

impl QuarterBands {
    pub(crate) fn new(quarter: Quarter, sector: &str) -> QuarterBands {
        QuarterBands {
            quarter,
            sector: sector.into(),
            completed: Vec::new(),
            progressing_well: Vec::new(),
            progressing_slowly: Vec::new(),
        }
    }
}

/// One reason a report must be returned, and the item it concerns.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// let r = &report.returns[0];
/// assert_eq!(r.findings.len(), 2); // B left out; A completed without evidence
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReturnFinding {
    /// Why.
    pub reason: ReturnReason,
    /// The decided item concerned.
    pub item: Arc<str>,
}

/// A submitted, not yet reviewed report that Art. 9 says must be returned.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// assert_eq!(&*report.returns[0].matter, "JD-1");
/// assert_eq!(report.returns[0].remedy, duban::Remedy::Supplement);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReturnRequired {
    /// The matter.
    pub matter: Arc<str>,
    /// The unit.
    pub unit: Arc<str>,
    /// The submission concerned.
    pub submitted_on: NaiveDate,
    /// Redo (nothing usable reported) or supplement.
    pub remedy: Remedy,
    /// The reasons, item by item.
    pub findings: Vec<ReturnFinding>,
}

/// What was wrong with an unplanned inspection that was carried out (Art. 10).
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// let kinds: Vec<_> = report.inspection_violations.iter().map(|v| v.violation).collect();
/// assert_eq!(kinds, [duban::ViolationKind::NoApplication, duban::ViolationKind::NoApproval]);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ViolationKind {
    /// Carried out without any application.
    NoApplication,
    /// Applied for later than 7 working days before the start.
    LateApplication,
    /// Carried out without approval (none, or only after it started).
    NoApproval,
}

/// An unplanned inspection carried out against Art. 10.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// assert_eq!(report.inspection_violations[0].application_due.to_string(), "2023-10-26");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct InspectionViolation {
    /// The matter.
    pub matter: Arc<str>,
    /// The unit that carried it out.
    pub unit: Arc<str>,
    /// What was wrong.
    pub violation: ViolationKind,
    /// The day it started.
    pub started_on: NaiveDate,
    /// The day it was applied for, if it was.
    pub applied_on: Option<NaiveDate>,
    /// The last day to apply (D4).
    pub application_due: NaiveDate,
    /// The day it was approved, if before it started.
    pub approved_on: Option<NaiveDate>,
}

/// A matter (or the document) that could not be checked, and why.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// assert_eq!(report.errors[0].matter.as_deref(), Some("bad"));
/// assert_eq!(report.errors[0].code, "missing_field");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct InputError {
    /// The matter's position in `matters` (from 0); `None` for the document itself.
    pub index: Option<usize>,
    /// The matter's id, when it could be read.
    pub matter: Option<String>,
    /// A stable code: `malformed`, `unknown_event`, `missing_field`, `event_not_allowed`,
    /// `out_of_order`, `duplicate_id`, `outside_coverage`, `policy_not_in_force`,
    /// `illegal_transition`, `invalid_value`, `truncated`, `document`.
    pub code: &'static str,
    /// The message in Chinese.
    pub message_zh: String,
    /// The message in English.
    pub message_en: String,
}

impl InputError {
    pub(crate) fn new(
        index: impl Into<Option<usize>>,
        matter: Option<String>,
        code: &'static str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> InputError {
        InputError {
            index: index.into(),
            matter,
            code,
            message_zh: zh.into(),
            message_en: en.into(),
        }
    }

    /// The problem as a [`crate::Error`] of kind `InvalidCaseload`, carrying the matter's id,
    /// for a caller that refuses a caseload with any bad matter instead of reporting it.
    ///
    /// ```
    /// use duban::{Caseload, ErrorKind};
    /// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [{"id": "DB-7"}]}"#)?;
    /// let err = c.errors()[0].to_error();
    /// assert_eq!(err.kind(), ErrorKind::InvalidCaseload);
    /// assert_eq!(err.matter_id(), Some("DB-7"));
    /// assert!(err.to_string().contains("DB-7"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn to_error(&self) -> crate::Error {
        crate::Error::new(
            crate::ErrorKind::InvalidCaseload,
            self.message_zh.clone(),
            self.message_en.clone(),
        )
        .with_matter_id(self.matter.clone())
    }
}

/// Counts over the whole report.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// assert_eq!((report.summary.checked, report.summary.errors), (2, 1));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// Matters in the input (including those in error).
    pub matters: usize,
    /// Matters checked.
    pub checked: usize,
    /// Input errors.
    pub errors: usize,
    /// Obligations computed.
    pub obligations: usize,
    /// Obligations pending.
    pub pending: usize,
    /// Obligations due on the as-of day.
    pub due_today: usize,
    /// Obligations overdue.
    pub overdue: usize,
    /// Obligations met on time.
    pub met_on_time: usize,
    /// Obligations met late.
    pub met_late: usize,
    /// Units with late reports.
    pub late_units: usize,
    /// Units that reach the key-supervision trigger.
    pub key_supervision_units: usize,
    /// Reports that must be returned.
    pub returns: usize,
    /// Inspection violations.
    pub inspection_violations: usize,
}

/// The result of [`check`](super::check): every matter's obligations and statuses, and what
/// the regulation derives from them.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "JD-1", "kind": "quarterly_report", "unit": "一科", "sector": "经济", "quarter": "2023-Q3",
///    "items": [{"id": "A"}, {"id": "B"}],
///    "events": [{"event": "submit", "on": "2023-10-09", "items": [{"item": "A", "progress": "completed"}]}]},
///   {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会", "start": "2023-11-06",
///    "annual_plan": "not_listed", "events": [{"event": "start", "on": "2023-11-06"}]},
///   {"id": "bad", "kind": "monthly_report", "unit": "u"}]}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-11-10")?)?;
/// assert_eq!(report.matters.len(), 2);
/// assert_eq!(report.as_of.to_string(), "2023-11-10");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CheckReport {
    /// The as-of day.
    pub as_of: NaiveDate,
    /// The policy's id.
    pub policy: String,
    /// The calendar's covered range(s).
    pub coverage: Vec<(NaiveDate, NaiveDate)>,
    /// The matters checked, in input order.
    pub matters: Vec<MatterReport>,
    /// Units with reports not submitted on time (Art. 12 (3)), by unit name.
    pub late_units: Vec<LateUnit>,
    /// Art. 7's quarterly bands, by quarter and sector.
    pub quarterly_bands: Vec<QuarterBands>,
    /// Reports that must be returned (Art. 9).
    pub returns: Vec<ReturnRequired>,
    /// Unplanned inspections carried out against Art. 10.
    pub inspection_violations: Vec<InspectionViolation>,
    /// Matters that could not be checked, and document-level problems.
    pub errors: Vec<InputError>,
    /// Counts.
    pub summary: Summary,
}

impl CheckReport {
    pub(crate) fn new(as_of: NaiveDate, policy: &Policy, calendar: &Calendar) -> CheckReport {
        CheckReport {
            as_of,
            policy: policy.id.clone(),
            coverage: calendar.coverage().to_vec(),
            matters: Vec::new(),
            late_units: Vec::new(),
            quarterly_bands: Vec::new(),
            returns: Vec::new(),
            inspection_violations: Vec::new(),
            errors: Vec::new(),
            summary: Summary::default(),
        }
    }

    pub(crate) fn summarise(&mut self) {
        let mut s = Summary {
            checked: self.matters.len(),
            errors: self.errors.len(),
            matters: self.matters.len() + self.errors.iter().filter(|e| e.index.is_some()).count(),
            late_units: self.late_units.len(),
            key_supervision_units: self
                .late_units
                .iter()
                .filter(|u| u.key_supervision_trigger)
                .count(),
            returns: self.returns.len(),
            inspection_violations: self.inspection_violations.len(),
            ..Summary::default()
        };
        for o in self.matters.iter().flat_map(|m| &m.obligations) {
            s.obligations += 1;
            match o.status {
                Status::Pending { .. } => s.pending += 1,
                Status::DueToday => s.due_today += 1,
                Status::Overdue { .. } => s.overdue += 1,
                Status::MetOnTime { .. } => s.met_on_time += 1,
                Status::MetLate { .. } => s.met_late += 1,
            }
        }
        self.summary = s;
    }
}
