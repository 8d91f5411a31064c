//! The versioned policy: every number and reading of the regulation as a parameter with
//! its article and the date from which it holds.

use crate::json_text::{self, at_text, Positions};
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::limits::Document;
use crate::{
    Article, Bound, Error, ErrorKind, EscalationTest, Language, Limits, MeetingKind, Result,
    StartDay, WeekReading, WorkingDays,
};

/// The version tag of the policy file format.
///
/// ```
/// assert_eq!(duban::Policy::ankang_2020().schema, duban::POLICY_SCHEMA);
/// ```
pub const POLICY_SCHEMA: &str = "duban-policy/1";

/// One parameter: its value, the article it comes from, and the day from which it holds.
///
/// ```
/// let p = duban::Policy::ankang_2020();
/// let period = &p.parameters.meeting_follow_up_period;
/// assert_eq!(period.value, duban::WorkingDays(30));
/// assert_eq!(period.article, duban::Article::paragraph(9, 1));
/// assert_eq!(period.since.to_string(), "2020-01-06");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Parameter<T> {
    /// The value.
    pub value: T,
    /// Where the regulation sets it.
    pub article: Article,
    /// The first day on which it holds: triggers before this day are errors.
    pub since: NaiveDate,
    /// Why this value or reading (free text, for people).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl<T> Parameter<T> {
    /// A parameter.
    ///
    /// ```
    /// use duban::{Article, Parameter, WorkingDays};
    /// let p = Parameter::new(WorkingDays(20), Article::paragraph(9, 1), duban::parse_date("2027-01-01")?);
    /// assert_eq!(p.value.0, 20);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn new(value: T, article: Article, since: NaiveDate) -> Parameter<T> {
        Parameter {
            value,
            article,
            since,
            note: String::new(),
        }
    }

    fn noted(mut self, note: &str) -> Parameter<T> {
        self.note = note.to_owned();
        self
    }
}

/// How a report returned for supplement (补办) is credited once the supplement comes in
/// (Art. 9 ¶2: “对不符合报送要求的，市政府督查室将退回承办单位重办或补办”).
///
/// A report returned for redo (重办) never counts: only the resubmission does. A supplement
/// only adds what was missing, so by default the report counts as submitted on the date of
/// the submission that was returned for supplement, once the supplement has been
/// resubmitted; until then the report is not met.
///
/// ```
/// use duban::{parse_date, Remedy, ReportEvent, ReportState, ReturnReason, SupplementCredit};
/// let report = ReportState::replay(&[
///     ReportEvent::Submit { on: parse_date("2024-03-28")? },
///     ReportEvent::Return { on: parse_date("2024-03-29")?, remedy: Remedy::Supplement, reasons: vec![ReturnReason::NoEvidence] },
///     ReportEvent::Submit { on: parse_date("2024-04-02")? },
/// ])?;
/// assert_eq!(report.credited_submission(SupplementCredit::OriginalSubmission), Some(parse_date("2024-03-28")?));
/// assert_eq!(report.credited_submission(SupplementCredit::Resubmission), Some(parse_date("2024-04-02")?));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SupplementCredit {
    /// The original submission's date counts, once the supplement is resubmitted (default).
    #[default]
    OriginalSubmission,
    /// Only the resubmission's date counts, as for a redo.
    Resubmission,
}

/// Every parameter of the policy. Missing fields in a policy file take the values of
/// 安政办发〔2020〕1号, so a file can change just one.
///
/// ```
/// let p = duban::Parameters::default();
/// assert_eq!(p.inspection_notice_period.value, duban::WorkingDays(7));
/// assert_eq!(p.rectification_plan_period.value, duban::WeekReading::SevenCalendarDays);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Parameters {
    /// D1: “会议召开后的30个工作日内” (Art. 9 ¶1).
    pub meeting_follow_up_period: Parameter<WorkingDays>,
    /// D1: the meetings whose decisions the follow-up period applies to (Art. 9 ¶1).
    pub follow_up_meetings: Parameter<Vec<MeetingKind>>,
    /// D2: “每月最后1个工作日前” — is the last working day itself in time? (Art. 9 ¶1)
    pub monthly_report_bound: Parameter<Bound>,
    /// D3: “每个季度末最后1个工作日前” (Art. 7).
    pub quarterly_report_bound: Parameter<Bound>,
    /// D4: “应提前7个工作日……申报” (Art. 10).
    pub inspection_notice_period: Parameter<WorkingDays>,
    /// D4: whether the inspection's start day counts among those working days (Art. 10).
    pub inspection_start_day: Parameter<StartDay>,
    /// D5: “审批后方可实施” — may the approval come on the start day itself? (Art. 10)
    pub inspection_approval_bound: Parameter<Bound>,
    /// D6: “约谈之日起一周内” — seven calendar days or five working days (Art. 12 (3)).
    pub rectification_plan_period: Parameter<WeekReading>,
    /// D7: “年底前” (Art. 12 (4)).
    pub year_end_summary_bound: Parameter<Bound>,
    /// How a supplemented report is credited (Art. 9 ¶2).
    pub supplement_credit: Parameter<SupplementCredit>,
    /// How many reports not submitted on time make a unit a candidate for key supervision
    /// (重点督办) for 不按期报送进展情况 (Art. 12 (3)). The article names no number; one
    /// late report is the literal reading.
    pub late_reports_for_key_supervision: Parameter<u32>,
    /// The deadline for a supplement (补办), in working days after the return (Art. 9 ¶2).
    /// The article sets none, so by default there is none (`null`): a report submitted in
    /// time and returned for supplement stays 退回补办中 (neither met nor overdue) until the
    /// supplement comes. Once set, the report is overdue from the day after that deadline
    /// (or after the report's own due date, if later: a supplement is never due before the
    /// report), and a supplement after it is met late by the working days after it.
    pub supplement_period: Parameter<Option<WorkingDays>>,
    /// The test the grounds of an escalation must pass (Art. 4): “涉及面广、事关全局、
    /// 综合性强、协调难度大且催办后落实效果不佳”. By default one of the four features and
    /// ineffective urging; the other reading asks for all four.
    pub escalation_grounds: Parameter<EscalationTest>,
}

/// The day 安政办发〔2020〕1号 came into force (Art. 13: “本办法自印发之日起实施”).
fn in_force_2020() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 6).unwrap_or(NaiveDate::MIN)
}

impl Default for Parameters {
    fn default() -> Parameters {
        let since = in_force_2020();
        Parameters {
            meeting_follow_up_period: Parameter::new(WorkingDays(30), Article::paragraph(9, 1), since)
                .noted("day 1 is the first working day after the meeting (民法典 Art. 201)"),
            follow_up_meetings: Parameter::new(
                vec![
                    MeetingKind::Plenary,
                    MeetingKind::Executive,
                    MeetingKind::MayorsOffice,
                    MeetingKind::SpecialTopic,
                ],
                Article::paragraph(9, 1),
                since,
            )
            .noted("the four meetings Art. 9 names; on-site meetings (Art. 6 (1)) are not among them"),
            monthly_report_bound: Parameter::new(Bound::Inclusive, Article::paragraph(9, 1), since)
                .noted("前 read as 'by the end of the last working day'"),
            quarterly_report_bound: Parameter::new(Bound::Inclusive, Article::whole(7), since)
                .noted("前 read as 'by the end of the last working day'"),
            inspection_notice_period: Parameter::new(WorkingDays(7), Article::whole(10), since),
            inspection_start_day: Parameter::new(StartDay::Excluded, Article::whole(10), since)
                .noted("7 full working days strictly before the start day"),
            inspection_approval_bound: Parameter::new(Bound::Inclusive, Article::whole(10), since)
                .noted("approval on the start day, before the inspection begins, is in time"),
            rectification_plan_period: Parameter::new(
                WeekReading::SevenCalendarDays,
                Article::item(12, 3),
                since,
            )
            .noted("一周 is a calendar week; a last day off rolls to the next working day (民法典 Art. 203)"),
            year_end_summary_bound: Parameter::new(Bound::Inclusive, Article::item(12, 4), since)
                .noted("年底前 read as 'by the end of the last working day of the year'"),
            supplement_credit: Parameter::new(
                SupplementCredit::OriginalSubmission,
                Article::paragraph(9, 2),
                since,
            ),
            late_reports_for_key_supervision: Parameter::new(1, Article::item(12, 3), since),
            supplement_period: Parameter::new(None, Article::paragraph(9, 2), since)
                .noted("the article sets no deadline for a supplement"),
            escalation_grounds: Parameter::new(
                EscalationTest::AnyFeatureAndUrging,
                Article::whole(4),
                since,
            )
            .noted("、 read as 'or' among the four features; 且 makes ineffective urging required"),
        }
    }
}

/// A versioned policy: the regulation's numbers and readings, each with its article and the
/// day from which it holds.
///
/// [`Policy::ankang_2020`] is 安政办发〔2020〕1号 as in force from 2020-01-06. A changed policy
/// is loaded from JSON ([`Policy::from_json`]); parameters the file leaves out keep the 2020
/// values. [`Policy::changes`] lists what differs between two policies.
///
/// ```
/// use duban::Policy;
/// let base = Policy::ankang_2020();
/// let faster = Policy::from_json(r#"{
///   "schema": "duban-policy/1",
///   "id": "what-if-20",
///   "title": "30 working days become 20",
///   "in_force_from": "2020-01-06",
///   "parameters": {
///     "meeting_follow_up_period": {"value": 20, "article": {"number": 9, "paragraph": 1}, "since": "2020-01-06"}
///   }
/// }"#)?;
/// let changes = base.changes(&faster);
/// assert_eq!(changes.len(), 1);
/// assert_eq!(changes[0].parameter, "meeting_follow_up_period");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Policy {
    /// Always [`POLICY_SCHEMA`] in files this crate writes.
    #[serde(default = "schema_tag")]
    pub schema: String,
    /// An identifier, e.g. the regulation's 文号.
    pub id: String,
    /// A title for people.
    #[serde(default)]
    pub title: String,
    /// The first day the policy applies to: triggers before it are errors.
    pub in_force_from: NaiveDate,
    /// The parameters.
    #[serde(default)]
    pub parameters: Parameters,
}

fn schema_tag() -> String {
    POLICY_SCHEMA.to_owned()
}

/// One difference between two policies.
///
/// ```
/// let a = duban::Policy::ankang_2020();
/// let mut b = a.clone();
/// b.parameters.inspection_notice_period.value = duban::WorkingDays(10);
/// let c = &a.changes(&b)[0];
/// assert_eq!((c.parameter.as_str(), c.before["value"].as_u64(), c.after["value"].as_u64()), ("inspection_notice_period", Some(7), Some(10)));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ParameterChange {
    /// The parameter's name (`meeting_follow_up_period`, ..., or `in_force_from`).
    pub parameter: String,
    /// Its value in the first policy (JSON).
    pub before: Value,
    /// Its value in the second policy (JSON).
    pub after: Value,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy::ankang_2020()
    }
}

impl Policy {
    /// 安政办发〔2020〕1号《安康市政府系统督促检查工作办法》, in force from 2020-01-06, with the
    /// default readings described in each parameter.
    ///
    /// ```
    /// let p = duban::Policy::ankang_2020();
    /// assert_eq!(p.id, "安政办发〔2020〕1号");
    /// assert_eq!(p.in_force_from.to_string(), "2020-01-06");
    /// ```
    pub fn ankang_2020() -> Policy {
        Policy {
            schema: schema_tag(),
            id: "安政办发〔2020〕1号".to_owned(),
            title: "安康市政府系统督促检查工作办法".to_owned(),
            in_force_from: in_force_2020(),
            parameters: Parameters::default(),
        }
    }

    /// Reads a policy from JSON and checks it.
    ///
    /// # Errors
    ///
    /// `InvalidPolicy` for malformed JSON, an unknown field, a wrong schema tag, a zero or
    /// absurd period, or a parameter said to hold before the policy is in force.
    ///
    /// ```
    /// // A partial file may move the in-force date; left-out parameters follow it, and a
    /// // changed parameter may give just its value.
    /// let p = duban::Policy::from_json(r#"{"id": "2024 revision", "in_force_from": "2024-01-01",
    ///     "parameters": {"meeting_follow_up_period": {"value": 20}}}"#)?;
    /// assert_eq!(p.parameters.meeting_follow_up_period.value.0, 20);
    /// assert_eq!(p.parameters.meeting_follow_up_period.article.to_string(), "第九条第一款");
    /// assert_eq!(p.parameters.inspection_notice_period.since.to_string(), "2024-01-01");
    /// let err = duban::Policy::from_json(r#"{"id": "x"}"#).unwrap_err();
    /// assert_eq!(err.kind(), duban::ErrorKind::InvalidPolicy);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Policy> {
        Policy::from_json_with_limits(text, &Limits::default())
    }

    /// Reads a policy from JSON and checks it, refusing a text larger than
    /// `limits.policy_bytes`.
    ///
    /// # Errors
    ///
    /// As [`Policy::from_json`], and `LimitExceeded` for a text over the limit.
    ///
    /// ```
    /// let mut limits = duban::Limits::default();
    /// limits.policy_bytes = 100;
    /// let json = duban::Policy::ankang_2020().to_json();
    /// let err = duban::Policy::from_json_with_limits(&json, &limits).unwrap_err();
    /// assert_eq!(err.kind(), duban::ErrorKind::LimitExceeded);
    /// assert!(err.message(duban::Language::English).contains("`policy_bytes`"));
    /// ```
    pub fn from_json_with_limits(text: &str, limits: &Limits) -> Result<Policy> {
        Limits::check(
            Document::Policy,
            u64::try_from(text.len()).unwrap_or(u64::MAX),
            u64::try_from(limits.policy_bytes).unwrap_or(u64::MAX),
        )?;
        let bad = |e: serde_json::Error| {
            let at = Positions::new(text.as_bytes())
                .offset_of(0, text.as_bytes(), &e)
                .map(|offset| Positions::new(text.as_bytes()).at(offset));
            let (at_zh, at_en) = at_text(at);
            let (zh, en) = json_text::translate(&e);
            Error::new(
                ErrorKind::InvalidPolicy,
                format!("政策文件无法读取{at_zh}：{zh}"),
                format!("cannot read the policy file{at_en}: {en}"),
            )
            .with_position(at)
        };
        let mut value: Value = serde_json::from_str(text).map_err(bad)?;
        // A changed parameter may give just its `value`: the article defaults to the 2020
        // one, and `since` to the policy's in-force date.
        let in_force = value.get("in_force_from").cloned();
        let builtin = serde_json::to_value(Parameters::default()).unwrap_or(Value::Null);
        let mut given: Vec<String> = Vec::new();
        if let Some(parameters) = value.get_mut("parameters").and_then(Value::as_object_mut) {
            for (name, parameter) in parameters.iter_mut() {
                given.push(name.clone());
                let (Some(fields), Some(default)) = (parameter.as_object_mut(), builtin.get(name))
                else {
                    continue;
                };
                if let Some(article) = default.get("article") {
                    fields.entry("article").or_insert_with(|| article.clone());
                }
                if let Some(date) = &in_force {
                    fields.entry("since").or_insert_with(|| date.clone());
                }
            }
        }
        let mut policy: Policy = serde_json::from_value(value).map_err(bad)?;
        // Parameters the file leaves out keep the 2020 values, but hold from the policy's
        // own in-force date: a partial file may move `in_force_from`.
        let in_force = policy.in_force_from;
        for (name, since) in policy.parameter_dates_mut() {
            if !given.iter().any(|g| g == name) && *since < in_force {
                *since = in_force;
            }
        }
        policy.validate()?;
        Ok(policy)
    }

    /// The policy as pretty JSON, in the format [`Policy::from_json`] reads.
    ///
    /// ```
    /// let p = duban::Policy::ankang_2020();
    /// assert_eq!(duban::Policy::from_json(&p.to_json())?, p);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks the values for consistency.
    ///
    /// # Errors
    ///
    /// `InvalidPolicy` naming the parameter that is wrong.
    ///
    /// ```
    /// let mut p = duban::Policy::ankang_2020();
    /// p.parameters.meeting_follow_up_period.value = duban::WorkingDays(0);
    /// assert!(p.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<()> {
        let bad = |name: &str, zh: &str, en: &str| {
            Err(Error::new(
                ErrorKind::InvalidPolicy,
                format!("政策参数 {name}：{zh}"),
                format!("policy parameter {name}: {en}"),
            )
            .with_parameter(name))
        };
        if self.schema != POLICY_SCHEMA {
            return bad(
                "schema",
                &format!("应为“{POLICY_SCHEMA}”，实为“{}”", self.schema),
                &format!("expected {POLICY_SCHEMA:?}, found {:?}", self.schema),
            );
        }
        let p = &self.parameters;
        for (name, days) in [
            ("meeting_follow_up_period", p.meeting_follow_up_period.value),
            ("inspection_notice_period", p.inspection_notice_period.value),
        ] {
            if days.0 == 0 || days.0 > 366 {
                return bad(
                    name,
                    &format!("{} 个工作日不在 1 至 366 之间", days.0),
                    &format!("{} working days is not between 1 and 366", days.0),
                );
            }
        }
        if let Some(days) = p.supplement_period.value {
            if days.0 == 0 || days.0 > 366 {
                return bad(
                    "supplement_period",
                    &format!("{} 个工作日不在 1 至 366 之间", days.0),
                    &format!("{} working days is not between 1 and 366", days.0),
                );
            }
        }
        if p.late_reports_for_key_supervision.value == 0 {
            return bad(
                "late_reports_for_key_supervision",
                "须至少为 1",
                "must be at least 1",
            );
        }
        for (name, since) in self.parameter_dates() {
            if since < self.in_force_from {
                return bad(
                    name,
                    &format!("生效日期 {since} 早于政策施行日期 {}", self.in_force_from),
                    &format!(
                        "holds from {since}, before the policy is in force ({})",
                        self.in_force_from
                    ),
                );
            }
        }
        Ok(())
    }

    /// The latest `since` of all parameters.
    fn latest_since(&self) -> NaiveDate {
        self.parameter_dates()
            .iter()
            .map(|(_, since)| *since)
            .max()
            .unwrap_or(self.in_force_from)
    }

    fn parameter_dates_mut(&mut self) -> [(&'static str, &mut NaiveDate); 13] {
        let p = &mut self.parameters;
        [
            (
                "meeting_follow_up_period",
                &mut p.meeting_follow_up_period.since,
            ),
            ("follow_up_meetings", &mut p.follow_up_meetings.since),
            ("monthly_report_bound", &mut p.monthly_report_bound.since),
            (
                "quarterly_report_bound",
                &mut p.quarterly_report_bound.since,
            ),
            (
                "inspection_notice_period",
                &mut p.inspection_notice_period.since,
            ),
            ("inspection_start_day", &mut p.inspection_start_day.since),
            (
                "inspection_approval_bound",
                &mut p.inspection_approval_bound.since,
            ),
            (
                "rectification_plan_period",
                &mut p.rectification_plan_period.since,
            ),
            (
                "year_end_summary_bound",
                &mut p.year_end_summary_bound.since,
            ),
            ("supplement_credit", &mut p.supplement_credit.since),
            (
                "late_reports_for_key_supervision",
                &mut p.late_reports_for_key_supervision.since,
            ),
            ("supplement_period", &mut p.supplement_period.since),
            ("escalation_grounds", &mut p.escalation_grounds.since),
        ]
    }

    fn parameter_dates(&self) -> [(&'static str, NaiveDate); 13] {
        let p = &self.parameters;
        [
            ("meeting_follow_up_period", p.meeting_follow_up_period.since),
            ("follow_up_meetings", p.follow_up_meetings.since),
            ("monthly_report_bound", p.monthly_report_bound.since),
            ("quarterly_report_bound", p.quarterly_report_bound.since),
            ("inspection_notice_period", p.inspection_notice_period.since),
            ("inspection_start_day", p.inspection_start_day.since),
            (
                "inspection_approval_bound",
                p.inspection_approval_bound.since,
            ),
            (
                "rectification_plan_period",
                p.rectification_plan_period.since,
            ),
            ("year_end_summary_bound", p.year_end_summary_bound.since),
            ("supplement_credit", p.supplement_credit.since),
            (
                "late_reports_for_key_supervision",
                p.late_reports_for_key_supervision.since,
            ),
            ("supplement_period", p.supplement_period.since),
            ("escalation_grounds", p.escalation_grounds.since),
        ]
    }

    /// Checks that `trigger` falls on or after the day the policy, and each named
    /// parameter, holds from.
    ///
    /// # Errors
    ///
    /// `PolicyNotInForce` naming the trigger, the parameter and its date.
    ///
    /// ```
    /// let p = duban::Policy::ankang_2020();
    /// let d = duban::parse_date("2020-01-05")?;
    /// assert_eq!(p.check_in_force(d, &["meeting_follow_up_period"]).unwrap_err().kind(),
    ///            duban::ErrorKind::PolicyNotInForce);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn check_in_force(&self, trigger: NaiveDate, parameters: &[&str]) -> Result<()> {
        if trigger < self.in_force_from {
            return Err(Error::new(
                ErrorKind::PolicyNotInForce,
                format!(
                    "{trigger} 早于 {} 的施行日期 {}",
                    self.id, self.in_force_from
                ),
                format!(
                    "{trigger} is before {} came into force on {}",
                    self.id, self.in_force_from
                ),
            )
            .with_date(trigger));
        }
        // Most triggers fall after every parameter's date; only the others need the
        // per-parameter look-up by name.
        if trigger < self.latest_since() {
            for (name, since) in self.parameter_dates() {
                if parameters.contains(&name) && trigger < since {
                    return Err(Error::new(
                        ErrorKind::PolicyNotInForce,
                        format!("{trigger} 早于政策参数 {name} 的生效日期 {since}"),
                        format!("{trigger} is before policy parameter {name} holds (from {since})"),
                    )
                    .with_date(trigger)
                    .with_parameter(name));
                }
            }
        }
        Ok(())
    }

    /// Every parameter (and the in-force date) whose value, article or date differs
    /// between `self` and `other`, in a stable order.
    ///
    /// ```
    /// let a = duban::Policy::ankang_2020();
    /// let mut b = a.clone();
    /// b.parameters.monthly_report_bound.value = duban::Bound::Exclusive;
    /// let changes = a.changes(&b);
    /// assert_eq!(changes[0].parameter, "monthly_report_bound");
    /// assert_eq!(changes[0].after["value"], "exclusive");
    /// ```
    pub fn changes(&self, other: &Policy) -> Vec<ParameterChange> {
        let mut out = Vec::new();
        if self.in_force_from != other.in_force_from {
            out.push(ParameterChange {
                parameter: "in_force_from".to_owned(),
                before: Value::String(self.in_force_from.to_string()),
                after: Value::String(other.in_force_from.to_string()),
            });
        }
        let (a, b) = (
            serde_json::to_value(&self.parameters).unwrap_or(Value::Null),
            serde_json::to_value(&other.parameters).unwrap_or(Value::Null),
        );
        if let (Value::Object(a), Value::Object(b)) = (a, b) {
            for (name, before) in &a {
                let after = b.get(name).cloned().unwrap_or(Value::Null);
                if !same_parameter(before, &after) {
                    out.push(ParameterChange {
                        parameter: name.clone(),
                        before: before.clone(),
                        after,
                    });
                }
            }
        }
        out
    }

    /// The parameters as JSON, for [`Policy::describe`] and [`Policy::departs`]: serialise
    /// once per explanation, not once per line.
    pub(crate) fn parameters_json(&self) -> Value {
        serde_json::to_value(&self.parameters).unwrap_or(Value::Null)
    }

    /// Which of `names` differ (value, article or date) from 安政办发〔2020〕1号's, given
    /// this policy's [`Policy::parameters_json`].
    pub(crate) fn departs(parameters: &Value, names: &[&str]) -> Vec<String> {
        static BUILTIN: OnceLock<Value> = OnceLock::new();
        let builtin = BUILTIN.get_or_init(|| Policy::ankang_2020().parameters_json());
        names
            .iter()
            .filter(|name| {
                let (ours, law) = (parameters.get(**name), builtin.get(**name));
                !same_parameter(ours.unwrap_or(&Value::Null), law.unwrap_or(&Value::Null))
            })
            .map(|name| (*name).to_owned())
            .collect()
    }

    /// A one-line description of a parameter's value for explanations, e.g.
    /// `meeting_follow_up_period = 30 (第九条第一款, 自 2020-01-06)`.
    pub(crate) fn describe(parameters: &Value, name: &str, language: Language) -> String {
        let value = parameters.get(name).cloned().unwrap_or(Value::Null);
        let shown = value
            .get("value")
            .map(|v| v.to_string())
            .unwrap_or_default();
        let article: Option<Article> = value
            .get("article")
            .and_then(|a| serde_json::from_value(a.clone()).ok());
        let since = value.get("since").and_then(Value::as_str).unwrap_or("");
        let cite = article.map(|a| a.label(language)).unwrap_or_default();
        match language {
            Language::Chinese => format!("{name} = {shown}（{cite}，自 {since} 起）"),
            Language::English => format!("{name} = {shown} ({cite}, from {since})"),
        }
    }
}

/// Two parameters (as JSON) are the same when all but their free-text `note` agree.
fn same_parameter(a: &Value, b: &Value) -> bool {
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Value::Object(m) = &mut v {
            m.remove("note");
        }
        v
    };
    strip(a) == strip(b)
}
