//! The caseload input format, `duban-caseload/1`.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use crate::fast_hash::FastState;
use crate::{Grade, Language, MatterSource, MeetingKind, Quarter, YearMonth};

/// The version tag of the caseload input format.
///
/// ```
/// assert_eq!(duban::CASELOAD_SCHEMA, "duban-caseload/1");
/// ```
pub const CASELOAD_SCHEMA: &str = "duban-caseload/1";

/// Dates in caseloads are strict ISO dates (see [`crate::parse_date`]).
pub(crate) fn strict_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    crate::parse_date(&text)
        .map_err(|e| serde::de::Error::custom(crate::json_text::custom_message(&e)))
}

/// Distinct names (units, sectors, item ids) kept per thread while matters are read: a
/// caseload has a few hundred units and sectors, not a million, so each matter shares one
/// allocation per name instead of holding its own.
const NAMES_KEPT: usize = 4096;
/// Longer names are not kept (a pasted document is not a name worth sharing).
const NAME_BYTES_KEPT: usize = 256;

/// The names kept on a thread: each once, looked up by its text (an `Arc<str>` borrows as
/// its `str`), under the fast hasher (the table is bounded, so keys chosen to collide cost
/// little; SipHash took longer than the rest of the lookup).
type Names = std::collections::HashSet<Arc<str>, FastState>;

thread_local! {
    static NAMES: std::cell::RefCell<Names> =
        std::cell::RefCell::new(Names::with_hasher(FastState::new()));
}

/// A name, shared with every other occurrence of it read on this thread.
fn interned<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
    d.deserialize_str(NameVisitor)
}

struct NameVisitor;

impl serde::de::Visitor<'_> for NameVisitor {
    type Value = Arc<str>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Arc<str>, E> {
        Ok(intern(text))
    }
}

/// A name not worth sharing (an id), read straight into its one allocation.
fn owned_name<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
    struct Owned;
    impl serde::de::Visitor<'_> for Owned {
        type Value = Arc<str>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Arc<str>, E> {
            Ok(Arc::from(text))
        }
    }
    d.deserialize_str(Owned)
}

pub(super) fn intern(text: &str) -> Arc<str> {
    if text.len() > NAME_BYTES_KEPT {
        return Arc::from(text);
    }
    NAMES.with(|names| {
        let Ok(mut names) = names.try_borrow_mut() else {
            return Arc::from(text);
        };
        if let Some(name) = names.get(text) {
            return name.clone();
        }
        let name: Arc<str> = Arc::from(text);
        if names.len() < NAMES_KEPT {
            names.insert(name.clone());
        }
        name
    })
}

/// Forgets the names kept on this thread (once a caseload is read).
pub(crate) fn forget_names() {
    NAMES.with(|names| {
        if let Ok(mut names) = names.try_borrow_mut() {
            *names = Names::with_hasher(FastState::new());
        }
    });
}

fn strict_date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    strict_date(d).map(Some)
}

/// What kind of supervised matter a record is.
///
/// ```
/// let kind: duban::MatterKind = serde_json::from_str("\"quarterly_report\"").unwrap();
/// assert_eq!(kind, duban::MatterKind::QuarterlyReport);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatterKind {
    /// Decisions of a meeting: progress due within 30 working days (Art. 9, D1).
    MeetingFollowUp,
    /// A month's progress on the Government Work Report's key tasks (Art. 9, D2).
    MonthlyReport,
    /// An office section's quarterly ledger (Art. 7, D3).
    QuarterlyReport,
    /// A supervision inspection (Art. 10, D4 and D5 when not in the annual plan).
    Inspection,
    /// A unit under accountability (Art. 12 (3), D6 once interviewed).
    Accountability,
    /// A matter whose escalation to the Supervision Office is sought (Art. 4).
    Escalation,
    /// The Supervision Office's year-end summary to the assessment office (Art. 12 (4), D7).
    YearEndSummary,
    /// A unit's grade for a year in the evaluation of supervision results (Art. 12 (1)(2)):
    /// 优秀 units are commended (通报表扬), and the year-end summary lists them.
    Evaluation,
}

impl MatterKind {
    /// The snake_case name used in JSON.
    ///
    /// ```
    /// assert_eq!(duban::MatterKind::MeetingFollowUp.code(), "meeting_follow_up");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            MatterKind::MeetingFollowUp => "meeting_follow_up",
            MatterKind::MonthlyReport => "monthly_report",
            MatterKind::QuarterlyReport => "quarterly_report",
            MatterKind::Inspection => "inspection",
            MatterKind::Accountability => "accountability",
            MatterKind::Escalation => "escalation",
            MatterKind::YearEndSummary => "year_end_summary",
            MatterKind::Evaluation => "evaluation",
        }
    }

    /// The kind's name for people, as the table shows it.
    ///
    /// ```
    /// use duban::{Language, MatterKind};
    /// assert_eq!(MatterKind::MonthlyReport.label(Language::Chinese), "月度进展");
    /// assert_eq!(MatterKind::MonthlyReport.label(Language::English), "monthly_report");
    /// ```
    pub fn label(self, language: crate::Language) -> &'static str {
        // English keeps the JSON code, which is already a readable English name.
        if language == crate::Language::English {
            return self.code();
        }
        match self {
            MatterKind::MeetingFollowUp => "会议决定事项",
            MatterKind::MonthlyReport => "月度进展",
            MatterKind::QuarterlyReport => "季度台账",
            MatterKind::Inspection => "督查检查",
            MatterKind::Accountability => "约谈问责",
            MatterKind::Escalation => "提级督办",
            MatterKind::YearEndSummary => "年终汇总",
            MatterKind::Evaluation => "督查结果评价",
        }
    }

    /// Whether the matter is a progress report of Art. 7 or 9 (the reports whose lateness is
    /// 不按期报送 under Art. 12 (3)).
    pub(crate) fn is_progress_report(self) -> bool {
        matches!(
            self,
            MatterKind::MeetingFollowUp | MatterKind::MonthlyReport | MatterKind::QuarterlyReport
        )
    }
}

/// What kind of body a matter's unit is (Art. 2, 6, 8, 9).
///
/// Only the 责任单位 (county governments, city government departments and directly
/// affiliated bodies: “各县区人民政府，市政府各工作部门、直属机构”, Art. 2, 8, 9) can be put
/// under key supervision (重点督办, Art. 12 (3)). The office's own sections (市政府办公室各相关
/// 科室, Art. 6, 7), which keep the quarterly ledgers, are not among them: their late
/// ledgers are reported apart and make no key-supervision trigger. A quarterly ledger's unit
/// is a section by definition; other matters default to a responsible unit.
///
/// ```
/// use duban::{Language, UnitKind};
/// assert!(UnitKind::CountyGovernment.is_responsible_unit());
/// assert!(!UnitKind::OfficeSection.is_responsible_unit());
/// assert_eq!(UnitKind::OfficeSection.label(Language::Chinese), "市政府办公室科室");
/// let k: UnitKind = serde_json::from_str("\"affiliated_body\"").unwrap();
/// assert_eq!(k, UnitKind::AffiliatedBody);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnitKind {
    /// 县区人民政府.
    CountyGovernment,
    /// 市政府工作部门.
    CityDepartment,
    /// 市政府直属机构.
    AffiliatedBody,
    /// 市政府办公室科室: keeps the Art. 7 ledgers; not a 责任单位.
    OfficeSection,
}

impl UnitKind {
    /// The snake_case name used in JSON.
    ///
    /// ```
    /// assert_eq!(duban::UnitKind::CityDepartment.code(), "city_department");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::CountyGovernment => "county_government",
            UnitKind::CityDepartment => "city_department",
            UnitKind::AffiliatedBody => "affiliated_body",
            UnitKind::OfficeSection => "office_section",
        }
    }

    /// The kind in words.
    ///
    /// ```
    /// use duban::{Language, UnitKind};
    /// assert_eq!(UnitKind::CountyGovernment.label(Language::English), "county government");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            UnitKind::CountyGovernment => ("县区人民政府", "county government"),
            UnitKind::CityDepartment => ("市政府工作部门", "city government department"),
            UnitKind::AffiliatedBody => ("市政府直属机构", "directly affiliated body"),
            UnitKind::OfficeSection => ("市政府办公室科室", "section of the government office"),
        };
        language.pick(zh, en)
    }

    /// Whether the body is a 责任单位, which key supervision (Art. 12 (3)) applies to.
    ///
    /// ```
    /// assert!(duban::UnitKind::AffiliatedBody.is_responsible_unit());
    /// ```
    pub fn is_responsible_unit(self) -> bool {
        !matches!(self, UnitKind::OfficeSection)
    }
}

/// The meeting behind a follow-up matter.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MeetingInput {
    #[serde(deserialize_with = "strict_date")]
    pub date: NaiveDate,
    pub kind: MeetingKind,
}

/// Whether a decided item is a project (项目类), whose progress must state its physical
/// progress (形象进度).
///
/// ```
/// assert_eq!(duban::ItemCategory::default(), duban::ItemCategory::General);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemCategory {
    /// 项目类: progress must include 形象进度.
    Project,
    /// Any other item.
    #[default]
    General,
}

/// An item decided at a meeting or listed in a ledger.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ItemInput {
    #[serde(deserialize_with = "interned")]
    pub id: Arc<str>,
    #[serde(default)]
    pub category: ItemCategory,
}

/// The progress of an item as a report states it.
///
/// ```
/// let p: duban::Progress = serde_json::from_str("\"behind_schedule\"").unwrap();
/// assert_eq!(p, duban::Progress::BehindSchedule);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    /// 已完成.
    Completed,
    /// On schedule (进展顺利).
    OnSchedule,
    /// Behind schedule (进展缓慢).
    BehindSchedule,
}

/// One item in a submitted report.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportedItem {
    #[serde(deserialize_with = "interned")]
    pub item: Arc<str>,
    pub progress: Progress,
    #[serde(default)]
    pub physical_progress: Option<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// Every event name a caseload may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum EventName {
    Submit,
    Return,
    Accept,
    Apply,
    Approve,
    Reject,
    File,
    Start,
    PlaceUnderKeySupervision,
    Rectify,
    ProposeInterview,
    ApproveInterview,
    HoldInterview,
    SubmitPlan,
    Resolve,
    GradePoor,
    Refer,
    RequestEscalation,
    Decline,
    Urge,
    ReportInterviewResult,
}

/// One event; which optional fields are required depends on `event`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventInput {
    pub event: EventName,
    #[serde(deserialize_with = "strict_date")]
    pub on: NaiveDate,
    /// `return`: redo or supplement.
    #[serde(default)]
    pub remedy: Option<crate::Remedy>,
    /// `return`: why.
    #[serde(default)]
    pub reasons: Vec<crate::ReturnReason>,
    /// `submit` of a progress report: the items reported.
    #[serde(default)]
    pub items: Option<Vec<ReportedItem>>,
    /// `place_under_key_supervision`: the grounds.
    #[serde(default)]
    pub triggers: Vec<crate::KeySupervisionTrigger>,
    /// `place_under_key_supervision`: the rectification deadline (限期整改).
    #[serde(default, deserialize_with = "strict_date_opt")]
    pub rectify_by: Option<NaiveDate>,
    /// `request_escalation`: the grounds of Art. 4.
    #[serde(default)]
    pub grounds: Vec<crate::EscalationGround>,
    /// `apply` of an unplanned inspection: the special reason (确因特殊情况, Art. 10).
    #[serde(default)]
    pub reason: Option<String>,
    /// Free text, kept for people.
    #[serde(default)]
    pub note: Option<String>,
}

/// Whether an inspection is in the annual plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PlanListing {
    Listed,
    NotListed,
}

/// One matter as read from the input; checked for its kind's required fields afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MatterInput {
    #[serde(deserialize_with = "owned_name")]
    pub id: Arc<str>,
    pub kind: MatterKind,
    #[serde(deserialize_with = "interned")]
    pub unit: Arc<str>,
    #[serde(default, deserialize_with = "interned")]
    pub sector: Arc<str>,
    #[serde(default)]
    pub unit_kind: Option<UnitKind>,
    #[serde(default)]
    pub source: Option<MatterSource>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub meeting: Option<MeetingInput>,
    #[serde(default)]
    pub month: Option<YearMonth>,
    #[serde(default)]
    pub quarter: Option<Quarter>,
    #[serde(default, deserialize_with = "strict_date_opt")]
    pub start: Option<NaiveDate>,
    #[serde(default)]
    pub annual_plan: Option<PlanListing>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub grade: Option<Grade>,
    #[serde(default)]
    pub items: Vec<ItemInput>,
    #[serde(default)]
    pub events: Vec<EventInput>,
}
