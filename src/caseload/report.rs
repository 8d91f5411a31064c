//! The check's output, `duban-report/1`.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::input::{MatterInput, MatterKind};
use crate::{Article, Calendar, Deadline, Language, Policy, Quarter, Remedy, ReturnReason, Status};

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
    /// For an accountability case: the day it was referred to the discipline and law
    /// enforcement bodies (移送), which runs alongside the workflow shown in `state`.
    pub referred_on: Option<NaiveDate>,
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
            referred_on: None,
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
    ///     {"event": "urge", "on": "2023-10-08"},
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
/// // A quarterly ledger's unit is an office section: reported apart, no key supervision.
/// assert!(report.late_units.is_empty());
/// assert_eq!(&*report.late_sections[0].unit, "一科");
/// assert_eq!(report.late_sections[0].late_reports, 1);
/// assert!(!report.late_sections[0].key_supervision_trigger);
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
    /// be put under key supervision (重点督办). Always false for an office section (科室,
    /// [`CheckReport::late_sections`]): key supervision is for 责任单位 only.
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
/// let missing = &report.quarterly_bands[0].not_reported[0];
/// assert_eq!((&*missing.item, missing.not_reported), ("B", true));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ItemRef {
    /// The matter (ledger) it belongs to.
    pub matter: Arc<str>,
    /// The item.
    pub item: Arc<str>,
    /// True when no usable submission reported it (it is then in the group
    /// [`QuarterBands::not_reported`], 未报送, not among the three bands).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_reported: bool,
}

/// Art. 7's three bands for one quarter and one sector (分口), and the items no usable
/// submission reports (未报送), listed apart. A submission that was returned is not used.
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
/// assert_eq!((bands.completed.len(), bands.progressing_well.len(), bands.progressing_slowly.len()), (1, 0, 0));
/// assert_eq!(bands.not_reported.len(), 1);
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
    /// 未报送: items that no usable submission (one not returned) reports.
    pub not_reported: Vec<ItemRef>,
}

impl QuarterBands {
    pub(crate) fn new(quarter: Quarter, sector: &str) -> QuarterBands {
        QuarterBands {
            quarter,
            sector: sector.into(),
            completed: Vec::new(),
            progressing_well: Vec::new(),
            progressing_slowly: Vec::new(),
            not_reported: Vec::new(),
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
/// assert_eq!(report.returns[0].suggested_remedy, duban::Remedy::Supplement);
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
    /// The remedy suggested: redo (nothing usable reported) or supplement. A suggestion
    /// only: “市政府督查室将退回承办单位重办或补办” leaves the choice to the Supervision
    /// Office.
    pub suggested_remedy: Remedy,
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
    /// Approved and carried out, never filed with the Party committee's supervision office
    /// (未报市委督查室备案).
    NotFiled,
    /// Applied for without a special reason (确因特殊情况), the only ground on which the
    /// article admits an unplanned inspection; flagged whether or not it started.
    NoSpecialReason,
}

impl ViolationKind {
    /// The violation in words.
    ///
    /// ```
    /// use duban::{Language, ViolationKind};
    /// assert_eq!(ViolationKind::NotFiled.label(Language::Chinese), "未报市委督查室备案");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            ViolationKind::NoApplication => ("未申报", "no application"),
            ViolationKind::LateApplication => (
                "未提前7个工作日申报",
                "application not 7 working days ahead",
            ),
            ViolationKind::NoApproval => ("未经审批", "not approved"),
            ViolationKind::NotFiled => (
                "未报市委督查室备案",
                "not filed with the Party committee's supervision office",
            ),
            ViolationKind::NoSpecialReason => {
                ("申报未说明特殊情况", "application gives no special reason")
            }
        };
        language.pick(zh, en)
    }
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
    /// The day it started; `None` for an application without a special reason that has
    /// not started.
    pub started_on: Option<NaiveDate>,
    /// The day it was applied for, if it was.
    pub applied_on: Option<NaiveDate>,
    /// The last day to apply (D4).
    pub application_due: NaiveDate,
    /// The day it was approved, if before it started.
    pub approved_on: Option<NaiveDate>,
}

/// What else a check finds wrong in a matter (beyond statuses, returns and inspections).
///
/// ```
/// assert_eq!(serde_json::to_string(&duban::FindingKind::SourceMismatch).unwrap(), "\"source_mismatch\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// An interview was held and its result not reported to the mayor
    /// (约谈结果报市政府主要领导, Art. 12 (3)).
    InterviewResultNotReported,
    /// The matter's `source` does not fit its kind (Art. 5, 6): a meeting follow-up from a
    /// meeting its source does not list, a monthly report not from the Government Work
    /// Report, a quarterly ledger not from an office section's list.
    SourceMismatch,
}

/// One finding about a matter.
///
/// ```
/// use duban::{Calendar, Caseload, FindingKind, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "HY-1", "kind": "meeting_follow_up", "unit": "u", "sector": "s", "source": "meeting_decisions",
///    "meeting": {"date": "2023-09-20", "kind": "special_topic"}}]}"#)?;
/// let r = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-10-09")?)?;
/// assert_eq!(r.findings[0].kind, FindingKind::SourceMismatch);
/// assert_eq!(r.findings[0].article.to_string(), "第五条第（三）项");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// The matter.
    pub matter: Arc<str>,
    /// Its unit.
    pub unit: Arc<str>,
    /// What is wrong.
    pub kind: FindingKind,
    /// The article it offends.
    pub article: Article,
    /// The finding in Chinese.
    pub message_zh: String,
    /// The finding in English.
    pub message_en: String,
}

/// One unit in the year-end summary, and the matter behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SummaryEntry {
    /// The unit.
    pub unit: Arc<str>,
    /// The matter (an evaluation or an accountability case).
    pub matter: Arc<str>,
    /// The day of the interview or the grading, when the matter records it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
}

/// What the Supervision Office sends the assessment office at the year's end (Art. 12 (4)):
/// “市政府督查室年底前将通报表扬、约谈、通报批评等情况汇总报送市考核办”, gathered for the
/// year of the as-of day, up to the as-of day.
///
/// ```
/// use duban::{Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "PJ-1", "kind": "evaluation", "unit": "市教育局", "year": 2023, "grade": "excellent"}]}"#)?;
/// let r = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2023-12-01")?)?;
/// assert_eq!(r.year_end.year, 2023);
/// assert_eq!(&*r.year_end.commended[0].unit, "市教育局");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct YearEndGathering {
    /// The year.
    pub year: i32,
    /// 通报表扬: units graded 优秀 for the year (evaluation matters).
    pub commended: Vec<SummaryEntry>,
    /// 约谈: units whose heads were interviewed in the year.
    pub interviewed: Vec<SummaryEntry>,
    /// 通报批评: units graded 较差 directly after an interview, in the year.
    pub criticised: Vec<SummaryEntry>,
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
    /// Reports submitted in time and returned for supplement, the supplement not in yet
    /// (退回补办中).
    pub awaiting_supplement: usize,
    /// Units with late reports.
    pub late_units: usize,
    /// Office sections with late ledgers (no key-supervision trigger).
    pub late_sections: usize,
    /// Units that reach the key-supervision trigger.
    pub key_supervision_units: usize,
    /// Reports that must be returned.
    pub returns: usize,
    /// Inspection violations.
    pub inspection_violations: usize,
    /// Other findings.
    pub findings: usize,
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
    /// 责任单位 with reports not submitted on time (Art. 12 (3)), by unit name: the
    /// candidates for key supervision.
    pub late_units: Vec<LateUnit>,
    /// Office sections (科室) with ledgers not submitted on time (Art. 7), by name: reported
    /// apart, never a key-supervision trigger.
    pub late_sections: Vec<LateUnit>,
    /// Art. 7's quarterly bands, by quarter and sector.
    pub quarterly_bands: Vec<QuarterBands>,
    /// Reports that must be returned (Art. 9).
    pub returns: Vec<ReturnRequired>,
    /// Unplanned inspections carried out against Art. 10.
    pub inspection_violations: Vec<InspectionViolation>,
    /// Other findings: interview results not reported, sources that do not fit.
    pub findings: Vec<Finding>,
    /// The year-end summary of the as-of day's year (Art. 12 (4)).
    pub year_end: YearEndGathering,
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
            late_sections: Vec::new(),
            quarterly_bands: Vec::new(),
            returns: Vec::new(),
            inspection_violations: Vec::new(),
            findings: Vec::new(),
            year_end: YearEndGathering {
                year: chrono::Datelike::year(&as_of),
                ..YearEndGathering::default()
            },
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
            late_sections: self.late_sections.len(),
            findings: self.findings.len(),
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
            s.count(&o.status);
        }
        self.summary = s;
    }
}

impl Summary {
    /// Counts one obligation with its status.
    pub(crate) fn count(&mut self, status: &Status) {
        self.obligations += 1;
        match status {
            Status::Pending { .. } => self.pending += 1,
            Status::DueToday => self.due_today += 1,
            Status::Overdue { .. } => self.overdue += 1,
            Status::MetOnTime { .. } => self.met_on_time += 1,
            Status::MetLate { .. } => self.met_late += 1,
            Status::AwaitingSupplement { .. } => self.awaiting_supplement += 1,
        }
    }

    /// Adds the matters and obligations counted in `other` (checked apart).
    pub(crate) fn add_checked(&mut self, other: &Summary) {
        self.matters += other.checked;
        self.checked += other.checked;
        self.add_obligations(other);
    }

    /// Adds the obligations counted in `other`.
    pub(crate) fn add_obligations(&mut self, other: &Summary) {
        self.obligations += other.obligations;
        self.pending += other.pending;
        self.due_today += other.due_today;
        self.overdue += other.overdue;
        self.met_on_time += other.met_on_time;
        self.met_late += other.met_late;
        self.awaiting_supplement += other.awaiting_supplement;
    }
}
