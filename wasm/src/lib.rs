//! # duban-wasm
//!
//! duban for JavaScript, through WebAssembly (wasm-bindgen): the working-day calendar, the
//! deadlines D1-D7 of 安政办发〔2020〕1号 with their explanations, caseload checks, what-if
//! comparisons of policies, and iCalendar exports.
//!
//! The boundary is thin: every exported method takes strings (dates as `YYYY-MM-DD`,
//! documents as JSON text, options as a JSON object) and returns one JSON string, an
//! envelope that is either `{"ok": VALUE}` or `{"error": {"kind", "message_zh",
//! "message_en"}}`. The JavaScript wrapper in `wasm/js/` turns it into return values and
//! `DubanError` exceptions that carry the error's kind. Nothing here panics: every input
//! error is an envelope.
//!
//! The same functions are plain Rust on the host, so they are tested there too
//! (`cargo test -p duban-wasm`).

#![deny(missing_docs)]
#![forbid(unsafe_code)]

use chrono::NaiveDate;
use duban::{
    Calendar, CalendarBuilder, Caseload, Explanations, IcsOptions, Language, MeetingKind,
    Obligation, ObligationKind, Policy, ProvisionalCalendar, Quarter, WorkingDays, YearMonth,
};
use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

/// An error crossing the boundary: its kind (a `duban::ErrorKind` in snake_case) and its
/// message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// `outside_coverage`, `invalid_input`, `invalid_notice`, `invalid_policy`,
    /// `policy_not_in_force`, `illegal_transition` or `invalid_caseload`.
    pub kind: String,
    /// The message in Chinese.
    pub zh: String,
    /// The message in English.
    pub en: String,
}

impl Failure {
    fn input(zh: String, en: String) -> Failure {
        Failure {
            kind: "invalid_input".to_owned(),
            zh,
            en,
        }
    }
}

impl From<duban::Error> for Failure {
    fn from(e: duban::Error) -> Failure {
        let kind = serde_json::to_value(e.kind())
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "invalid_input".to_owned());
        Failure {
            kind,
            zh: e.message(Language::Chinese).to_owned(),
            en: e.message(Language::English).to_owned(),
        }
    }
}

type Answer = Result<Value, Failure>;

/// Wraps an answer in the envelope.
fn envelope(answer: Answer) -> String {
    let v = match answer {
        Ok(value) => json!({ "ok": value }),
        Err(f) => json!({ "error": { "kind": f.kind, "message_zh": f.zh, "message_en": f.en } }),
    };
    v.to_string()
}

fn date(name: &str, text: &str) -> Result<NaiveDate, Failure> {
    duban::parse_date(text).map_err(|e| {
        let f = Failure::from(e);
        Failure::input(format!("{name}：{}", f.zh), format!("{name}: {}", f.en))
    })
}

fn options<'a, T: Deserialize<'a> + Default>(text: &'a str) -> Result<T, Failure> {
    if text.trim().is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(text).map_err(|e| {
        Failure::input(
            format!("选项不是有效的 JSON 对象：{e}"),
            format!("options are not a valid JSON object: {e}"),
        )
    })
}

fn language(text: Option<&str>) -> Result<Language, Failure> {
    match text {
        None => Ok(Language::Chinese),
        Some(t) => t.parse().map_err(Failure::from),
    }
}

fn policy(text: Option<&str>) -> Result<Policy, Failure> {
    match text {
        None | Some("builtin") => Ok(Policy::ankang_2020()),
        Some(t) => Ok(Policy::from_json(t)?),
    }
}

/// How a calendar is built: the national notices, plus notice texts, as known on a day,
/// optionally with the provisional years.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarOptions {
    #[serde(default)]
    notices: Vec<String>,
    known_on: Option<String>,
    #[serde(default)]
    provisional: bool,
}

/// Options of `due`.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DueOptions {
    meeting_kind: Option<String>,
    policy: Option<String>,
    lang: Option<String>,
}

/// Options of `check`, `whatIf` and `icsDeadlines`.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckOptions {
    as_of: Option<String>,
    policy: Option<String>,
    lang: Option<String>,
    explain: Option<bool>,
    /// `check`: add labels for readers (`kind_label`, `state_label`, `remedy_label`,
    /// `reason_label`, `violation_label`) to the report; it is then no longer byte for byte
    /// what `duban check` writes.
    #[serde(default)]
    labels: bool,
    /// `icsDeadlines`: working days before the due date for the alarm; `null`: none.
    #[serde(default = "default_alarm")]
    alarm: Option<u32>,
}

fn default_alarm() -> Option<u32> {
    Some(3)
}

/// The calendar the methods answer from.
///
/// ```
/// let e = duban_wasm::Engine::new();
/// assert_eq!(e.calendar("add_workdays", r#"{"date": "2023-09-28", "n": 2}"#), r#"{"ok":"2023-10-08"}"#);
/// ```
#[wasm_bindgen]
pub struct Engine {
    calendar: Calendar,
    provisional: Option<ProvisionalCalendar>,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

/// The kinds `due` takes, in the CLI's names, with the form of their trigger.
const KINDS: [(&str, ObligationKind, &str); 7] = [
    ("meeting-follow-up", ObligationKind::MeetingFollowUp, "date"),
    ("monthly-report", ObligationKind::MonthlyReport, "month"),
    (
        "quarterly-report",
        ObligationKind::QuarterlyReport,
        "quarter",
    ),
    (
        "inspection-application",
        ObligationKind::InspectionApplication,
        "date",
    ),
    (
        "inspection-approval",
        ObligationKind::InspectionApproval,
        "date",
    ),
    (
        "rectification-plan",
        ObligationKind::RectificationPlan,
        "date",
    ),
    ("year-end-summary", ObligationKind::YearEndSummary, "year"),
];

/// The obligation of `kind` (a CLI name) and `trigger`.
fn obligation(
    kind: &str,
    trigger: &str,
    meeting_kind: Option<&str>,
) -> Result<Obligation, Failure> {
    if kind != "meeting-follow-up" && meeting_kind.is_some() {
        return Err(Failure::input(
            format!("会议类型只适用于 meeting-follow-up，不适用于 {kind}"),
            format!("a meeting kind applies to meeting-follow-up only, not to {kind}"),
        ));
    }
    let day = || date("TRIGGER", trigger);
    Ok(match kind {
        "meeting-follow-up" => Obligation::MeetingFollowUp {
            meeting: day()?,
            kind: meeting_kind.unwrap_or("executive").parse::<MeetingKind>()?,
        },
        "monthly-report" => Obligation::MonthlyReport {
            month: trigger.parse::<YearMonth>()?,
        },
        "quarterly-report" => Obligation::QuarterlyReport {
            quarter: trigger.parse::<Quarter>()?,
        },
        "inspection-application" => Obligation::InspectionApplication { start: day()? },
        "inspection-approval" => Obligation::InspectionApproval { start: day()? },
        "rectification-plan" => Obligation::RectificationPlan { interview: day()? },
        "year-end-summary" => {
            let year = (trigger.len() == 4 && trigger.bytes().all(|b| b.is_ascii_digit()))
                .then(|| trigger.parse::<i32>().ok())
                .flatten()
                .ok_or_else(|| {
                    Failure::input(
                        format!("“{trigger}”不是有效的年份（应为 YYYY）"),
                        format!("{trigger:?} is not a valid year (expected YYYY)"),
                    )
                })?;
            Obligation::YearEndSummary { year }
        }
        _ => {
            let list = KINDS.map(|k| k.0).join("|");
            return Err(Failure::input(
                format!("未知的事项“{kind}”（可用 {list}）"),
                format!("unknown obligation {kind:?} (one of {list})"),
            ));
        }
    })
}

fn day_json(day: &duban::Day<'_>, lang: Language) -> Value {
    json!({
        "date": day.date,
        "kind": day.kind.code(),
        "kind_label": day.kind.label(lang),
        "is_workday": day.is_workday(),
        "holiday": day.holiday,
        "notice": day.notice,
        "provisional": day.provisional,
    })
}

fn arg<'a>(args: &'a Value, name: &str) -> Result<&'a str, Failure> {
    args.get(name).and_then(Value::as_str).ok_or_else(|| {
        Failure::input(
            format!("缺少参数 {name}"),
            format!("missing argument {name}"),
        )
    })
}

fn int_arg(args: &Value, name: &str) -> Result<i64, Failure> {
    args.get(name).and_then(Value::as_i64).ok_or_else(|| {
        Failure::input(
            format!("参数 {name} 应为整数"),
            format!("argument {name} must be an integer"),
        )
    })
}

fn small(name: &str, n: i64) -> Result<i32, Failure> {
    i32::try_from(n).map_err(|_| {
        Failure::input(
            format!("参数 {name} 超出范围：{n}"),
            format!("argument {name} is out of range: {n}"),
        )
    })
}

impl Engine {
    /// One calendar query, as the conformance cases name them.
    fn query(&self, op: &str, args: &Value) -> Answer {
        let d = |name: &str| date(name, arg(args, name)?);
        if let Some(p) = &self.provisional {
            let flag = |value: Value, provisional: bool| json!({"value": value, "provisional": provisional});
            return Ok(match op {
                "is_workday" => {
                    let r = p.is_workday(d("date")?)?;
                    flag(json!(r.value), r.provisional)
                }
                "day" => {
                    let r = p.day(d("date")?)?;
                    flag(day_json(&r.value, Language::Chinese), r.provisional)
                }
                "add_workdays" => {
                    let r = p.add_workdays(d("date")?, small("n", int_arg(args, "n")?)?)?;
                    flag(json!(r.value), r.provisional)
                }
                "workdays_between" => {
                    let r = p.workdays_between(d("from")?, d("to")?)?;
                    flag(json!(r.value), r.provisional)
                }
                "next_workday" => {
                    let r = p.next_workday(d("date")?)?;
                    flag(json!(r.value), r.provisional)
                }
                "previous_workday" => {
                    let r = p.previous_workday(d("date")?)?;
                    flag(json!(r.value), r.provisional)
                }
                "workday_on_or_after" => {
                    let r = p.workday_on_or_after(d("date")?)?;
                    flag(json!(r.value), r.provisional)
                }
                "workday_on_or_before" => {
                    let r = p.workday_on_or_before(d("date")?)?;
                    flag(json!(r.value), r.provisional)
                }
                "last_workday_of_month" => {
                    let r = p.last_workday_of_month(arg(args, "month")?.parse()?)?;
                    flag(json!(r.value), r.provisional)
                }
                "last_workday_of_quarter" => {
                    let r = p.last_workday_of_quarter(arg(args, "quarter")?.parse()?)?;
                    flag(json!(r.value), r.provisional)
                }
                "last_workday_of_year" => {
                    let r = p.last_workday_of_year(small("year", int_arg(args, "year")?)?)?;
                    flag(json!(r.value), r.provisional)
                }
                _ => return Err(unknown_op(op)),
            });
        }
        let c = &self.calendar;
        Ok(match op {
            "is_workday" => json!(c.is_workday(d("date")?)?),
            "day" => day_json(&c.day(d("date")?)?, Language::Chinese),
            "add_workdays" => json!(c.add_workdays(d("date")?, small("n", int_arg(args, "n")?)?)?),
            "workdays_between" => json!(c.workdays_between(d("from")?, d("to")?)?),
            "next_workday" => json!(c.next_workday(d("date")?)?),
            "previous_workday" => json!(c.previous_workday(d("date")?)?),
            "workday_on_or_after" => json!(c.workday_on_or_after(d("date")?)?),
            "workday_on_or_before" => json!(c.workday_on_or_before(d("date")?)?),
            "last_workday_of_month" => {
                json!(c.last_workday_of_month(arg(args, "month")?.parse()?)?)
            }
            "last_workday_of_quarter" => {
                json!(c.last_workday_of_quarter(arg(args, "quarter")?.parse()?)?)
            }
            "last_workday_of_year" => {
                json!(c.last_workday_of_year(small("year", int_arg(args, "year")?)?)?)
            }
            _ => return Err(unknown_op(op)),
        })
    }

    fn build(&mut self, options: &str) -> Answer {
        let o: CalendarOptions = options_of(options)?;
        let mut builder = CalendarBuilder::china();
        for text in &o.notices {
            builder = builder.notice_text(text)?;
        }
        let mut calendar = builder.build()?;
        if let Some(known_on) = o.known_on.as_deref() {
            calendar = calendar.as_known_on(date("known_on", known_on)?);
        }
        let provisional = if o.provisional {
            Some(calendar.with_provisional()?)
        } else {
            None
        };
        self.calendar = calendar;
        self.provisional = provisional;
        Ok(Value::Null)
    }

    fn deadline(&self, kind: &str, trigger: &str, options: &str) -> Answer {
        let o: DueOptions = options_of(options)?;
        let lang = language(o.lang.as_deref())?;
        let policy = policy(o.policy.as_deref())?;
        let ob = obligation(kind, trigger, o.meeting_kind.as_deref())?;
        let d = ob.deadline(&policy, &self.calendar)?;
        let why = d.explain(&policy, &self.calendar, lang)?;
        let mut v = serde_json::to_value(d).map_err(|e| internal(&e))?;
        let k = d.kind();
        let (from, to) = d.counted_span();
        if let Some(map) = v.as_object_mut() {
            map.insert("label".into(), json!(k.label(lang)));
            map.insert("article_label".into(), json!(k.article().label(lang)));
            map.insert("quote".into(), json!(k.quote()));
            map.insert(
                "reading_labels".into(),
                json!(d
                    .readings()
                    .iter()
                    .map(|r| r.reading.label(lang))
                    .collect::<Vec<_>>()),
            );
            map.insert("counted_span".into(), json!([from, to]));
            map.insert(
                "explanation".into(),
                serde_json::to_value(&why).map_err(|e| internal(&e))?,
            );
            map.insert("language".into(), json!(lang));
        }
        Ok(v)
    }

    fn checked(
        &self,
        caseload: &str,
        o: &CheckOptions,
    ) -> Result<(Caseload, Policy, NaiveDate), Failure> {
        let policy = policy(o.policy.as_deref())?;
        let caseload = Caseload::from_json(caseload)?;
        let as_of = match o.as_of.as_deref() {
            Some(text) => date("as_of", text)?,
            None => caseload.as_of().ok_or_else(|| {
                Failure::input(
                    "事项清单没有 as_of 字段，请指定检查日期".to_owned(),
                    "the caseload has no as_of: give the day to check on".to_owned(),
                )
            })?,
        };
        Ok((caseload, policy, as_of))
    }

    fn report(&self, caseload: &str, options: &str) -> Answer {
        let o: CheckOptions = options_of(options)?;
        let lang = language(o.lang.as_deref())?;
        let (caseload, policy, as_of) = self.checked(caseload, &o)?;
        let report = duban::check(&caseload, &policy, &self.calendar, as_of)?;
        let explanations = if o.explain.unwrap_or(true) {
            Explanations::Include(&policy, &self.calendar)
        } else {
            Explanations::Omit
        };
        let mut out = Vec::new();
        report
            .write_json(&mut out, lang, explanations)
            .map_err(|e| internal(&e))?;
        if !o.labels {
            return Ok(Value::String(String::from_utf8_lossy(&out).into_owned()));
        }
        let mut v: Value = serde_json::from_slice(&out).map_err(|e| internal(&e))?;
        label_report(&mut v, &report, lang);
        Ok(v)
    }

    fn compare(&self, caseload: &str, a: &str, b: &str, options: &str) -> Answer {
        let o: CheckOptions = options_of(options)?;
        let (a, b) = (policy(Some(a))?, policy(Some(b))?);
        let (caseload, _, as_of) = self.checked(caseload, &o)?;
        let diff = duban::what_if(&caseload, &a, &b, &self.calendar, as_of)?;
        let text = serde_json::to_string_pretty(&diff).map_err(|e| internal(&e))?;
        Ok(Value::String(text))
    }

    fn deadlines_ics(&self, caseload: &str, options: &str) -> Answer {
        let o: CheckOptions = options_of(options)?;
        let lang = language(o.lang.as_deref())?;
        let (caseload, policy, as_of) = self.checked(caseload, &o)?;
        let report = duban::check(&caseload, &policy, &self.calendar, as_of)?;
        let ics = report.to_ics(
            &policy,
            &self.calendar,
            IcsOptions::new(lang).alarm(o.alarm.map(WorkingDays)),
        )?;
        Ok(Value::String(ics))
    }
}

/// Adds labels for readers to a report's JSON form.
fn label_report(v: &mut Value, report: &duban::CheckReport, lang: Language) {
    if let Some(matters) = v.get_mut("matters").and_then(Value::as_array_mut) {
        for (m, r) in matters.iter_mut().zip(&report.matters) {
            if let Some(map) = m.as_object_mut() {
                map.insert("kind_label".into(), json!(matter_kind_label(r.kind, lang)));
                map.insert("state_label".into(), json!(r.state_label(lang)));
                if let Some(title) = &r.title {
                    map.insert("title".into(), json!(&**title));
                }
            }
        }
    }
    if let Some(returns) = v.get_mut("returns").and_then(Value::as_array_mut) {
        for (j, r) in returns.iter_mut().zip(&report.returns) {
            if let Some(map) = j.as_object_mut() {
                map.insert("remedy_label".into(), json!(r.suggested_remedy.label(lang)));
            }
            if let Some(findings) = j.get_mut("findings").and_then(Value::as_array_mut) {
                for (f, rf) in findings.iter_mut().zip(&r.findings) {
                    if let Some(map) = f.as_object_mut() {
                        map.insert("reason_label".into(), json!(rf.reason.label(lang)));
                    }
                }
            }
        }
    }
    if let Some(findings) = v.get_mut("findings").and_then(Value::as_array_mut) {
        for (j, f) in findings.iter_mut().zip(&report.findings) {
            if let Some(map) = j.as_object_mut() {
                map.insert("article_label".into(), json!(f.article.label(lang)));
            }
        }
    }
    if let Some(violations) = v
        .get_mut("inspection_violations")
        .and_then(Value::as_array_mut)
    {
        for (j, r) in violations.iter_mut().zip(&report.inspection_violations) {
            let label = r.violation.label(lang);
            if let Some(map) = j.as_object_mut() {
                map.insert("violation_label".into(), json!(label));
            }
        }
    }
}

fn matter_kind_label(kind: duban::MatterKind, lang: Language) -> &'static str {
    use duban::MatterKind as K;
    let (zh, en) = match kind {
        K::MeetingFollowUp => ("会议决定事项", "meeting decisions"),
        K::MonthlyReport => ("月度重点任务", "monthly key tasks"),
        K::QuarterlyReport => ("季度督查台账", "quarterly ledger"),
        K::Inspection => ("督查检查", "inspection"),
        K::Accountability => ("问责", "accountability"),
        K::Escalation => ("提级督查", "escalation"),
        K::YearEndSummary => ("年底汇总", "year-end summary"),
        K::Evaluation => ("评价", "evaluation"),
        _ => ("其他", "other"),
    };
    lang.pick(zh, en)
}

fn options_of<'a, T: Deserialize<'a> + Default>(text: &'a str) -> Result<T, Failure> {
    options(text)
}

fn unknown_op(op: &str) -> Failure {
    Failure::input(
        format!("未知的日历查询“{op}”"),
        format!("unknown calendar query {op:?}"),
    )
}

fn internal(e: &dyn std::fmt::Display) -> Failure {
    Failure::input(format!("内部错误：{e}"), format!("internal error: {e}"))
}

#[wasm_bindgen]
impl Engine {
    /// The national calendar (the compiled-in notices) and the built-in policy.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        Engine {
            calendar: Calendar::china(),
            provisional: None,
        }
    }

    /// Rebuilds the calendar from options (JSON): `notices` (notice texts loaded on top of
    /// the national ones), `known_on` (the calendar as known on that day), `provisional`
    /// (answer 2027 and 2028 provisionally; calendar queries then return `{value,
    /// provisional}`). Answers `null`.
    pub fn configure(&mut self, options: &str) -> String {
        envelope(self.build(options))
    }

    /// A calendar query: `op` is `is_workday`, `day`, `add_workdays`, `workdays_between`,
    /// `next_workday`, `previous_workday`, `workday_on_or_after`, `workday_on_or_before`,
    /// `last_workday_of_month`, `last_workday_of_quarter` or `last_workday_of_year`; `args`
    /// a JSON object with `date`, `n`, `from`, `to`, `month`, `quarter` or `year`.
    pub fn calendar(&self, op: &str, args: &str) -> String {
        let args: Answer = serde_json::from_str(args).map_err(|e| {
            Failure::input(
                format!("参数不是有效的 JSON：{e}"),
                format!("arguments are not valid JSON: {e}"),
            )
        });
        envelope(args.and_then(|a| self.query(op, &a)))
    }

    /// The days `first..=last` (at most 400), each with its kind and its label in `lang`.
    pub fn days(&self, first: &str, last: &str, lang: &str) -> String {
        let answer = (|| {
            let lang = language(Some(lang))?;
            let (a, b) = (date("first", first)?, date("last", last)?);
            if (b - a).num_days() > 400 {
                return Err(Failure::input(
                    format!("日期范围 {a}..={b} 过长（最多 400 天）"),
                    format!("range {a}..={b} is too long (400 days at most)"),
                ));
            }
            let days: Vec<Value> = self
                .calendar
                .days(a, b)?
                .map(|d| day_json(&d, lang))
                .collect();
            Ok(Value::Array(days))
        })();
        envelope(answer)
    }

    /// The covered ranges, as `[[first, last], ...]`.
    pub fn coverage(&self) -> String {
        envelope(Ok(json!(self.calendar.coverage())))
    }

    /// The deadline of `kind` (`meeting-follow-up`, `monthly-report`, `quarterly-report`,
    /// `inspection-application`, `inspection-approval`, `rectification-plan`,
    /// `year-end-summary`) and `trigger` (`2023-09-20`, `2023-10`, `2023-Q3`, `2023`), with
    /// options `meeting_kind`, `policy` (a `duban-policy/1` text, or `builtin`) and `lang`.
    /// The answer is the deadline's JSON plus `label`, `article_label`, `quote`,
    /// `reading_labels`, `counted_span` and `explanation`.
    pub fn due(&self, kind: &str, trigger: &str, options: &str) -> String {
        envelope(self.deadline(kind, trigger, options))
    }

    /// Checks a caseload (`duban-caseload/1` text) with options `as_of`, `policy`, `lang`
    /// and `explain` (default true); the answer is the `duban-report/1` JSON text, byte for
    /// byte what `duban check` writes (without its final newline).
    pub fn check(&self, caseload: &str, options: &str) -> String {
        envelope(self.report(caseload, options))
    }

    /// Compares a caseload under two policies (`builtin` or a policy text); the answer is
    /// the comparison's JSON text, as `duban diff --format json` writes it.
    #[wasm_bindgen(js_name = whatIf)]
    pub fn what_if(&self, caseload: &str, policy_a: &str, policy_b: &str, options: &str) -> String {
        envelope(self.compare(caseload, policy_a, policy_b, options))
    }

    /// The caseload's open deadlines as iCalendar text, with options `as_of`, `policy`,
    /// `lang` and `alarm` (working days before; `null` for none; default 3).
    #[wasm_bindgen(js_name = icsDeadlines)]
    pub fn ics_deadlines(&self, caseload: &str, options: &str) -> String {
        envelope(self.deadlines_ics(caseload, options))
    }

    /// What may happen next to matter `id` of a caseload, with options `as_of`, `policy` and
    /// `lang`: `duban::NextStep` as JSON (`state`, `state_label`, `allowed`,
    /// `allowed_labels`, `open`, `findings`, `finding_texts`).
    pub fn next(&self, caseload: &str, id: &str, options: &str) -> String {
        let answer = (|| {
            let o: CheckOptions = options_of(options)?;
            let lang = language(o.lang.as_deref())?;
            let policy = policy(o.policy.as_deref())?;
            let as_of = o.as_of.as_deref().map(|t| date("as_of", t)).transpose()?;
            let next = duban::next_step(caseload, id, as_of, &policy, &self.calendar, lang)?;
            serde_json::to_value(&next).map_err(|e| internal(&e))
        })();
        envelope(answer)
    }

    /// Applies one event (`{"event": NAME, "on": DATE, ...}`) to a stored workflow state
    /// (`duban-state/1`) under the built-in policy over this calendar, as `next` and `check`
    /// judge it; the answer is the next stored state, or an `illegal_transition` error
    /// naming the state and the event.
    pub fn apply(&self, state: &str, event: &str) -> String {
        let answer = (|| {
            let kind = duban::stored_kind(state)?;
            let policy = duban::Policy::ankang_2020();
            let next = duban::apply_json_with(kind, state, event, &policy, &self.calendar)?;
            serde_json::from_str(&next).map_err(|e| internal(&e))
        })();
        envelope(answer)
    }

    /// The rest days and make-up working days of `first..=last` as iCalendar text.
    #[wasm_bindgen(js_name = icsCalendar)]
    pub fn ics_calendar(&self, first: &str, last: &str, lang: &str) -> String {
        let answer = (|| {
            let lang = language(Some(lang))?;
            let (a, b) = (date("first", first)?, date("last", last)?);
            Ok(Value::String(self.calendar.to_ics(a, b, lang)?))
        })();
        envelope(answer)
    }
}

/// Loads a document to see whether it is valid: `what` is `policy` (a `duban-policy/1`
/// text; the answer is its id) or `notice` (a notice text, loaded on top of the national
/// calendar; the answer is its 文号).
#[wasm_bindgen]
pub fn load(what: &str, text: &str) -> String {
    let answer = match what {
        "policy" => Policy::from_json(text)
            .map(|p| json!(p.id))
            .map_err(Failure::from),
        "notice" => CalendarBuilder::china()
            .notice_text(text)
            .and_then(CalendarBuilder::build)
            .map(|c| json!(c.notices().last().map(|n| n.id.clone())))
            .map_err(Failure::from),
        _ => Err(Failure::input(
            format!("未知的文档类型“{what}”（可用 policy 或 notice）"),
            format!("unknown document type {what:?} (policy or notice)"),
        )),
    };
    envelope(answer)
}

/// The obligations `due` knows, for a form: `[{kind, code, label, article_label, trigger}]`
/// in `lang`, where `trigger` is `date`, `month`, `quarter` or `year`.
#[wasm_bindgen]
pub fn kinds(lang: &str) -> String {
    envelope(language(Some(lang)).map(|lang| {
        Value::Array(
            KINDS
                .iter()
                .map(|(name, k, trigger)| {
                    json!({
                        "kind": name,
                        "code": k.code(),
                        "label": k.label(lang),
                        "article_label": k.article().label(lang),
                        "quote": k.quote(),
                        "trigger": trigger,
                    })
                })
                .collect(),
        )
    }))
}

/// The meetings of Art. 6 (1) and 9: `[{kind, label}]` in `lang`.
#[wasm_bindgen(js_name = meetingKinds)]
pub fn meeting_kinds(lang: &str) -> String {
    envelope(language(Some(lang)).map(|lang| {
        Value::Array(
            [
                "plenary",
                "executive",
                "mayors_office",
                "special_topic",
                "on_site",
            ]
            .iter()
            .filter_map(|code| code.parse::<MeetingKind>().ok())
            .map(|m| json!({"kind": m.code(), "label": m.label(lang)}))
            .collect(),
        )
    }))
}

/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Value {
        let v: Value = serde_json::from_str(s).unwrap();
        v["ok"].clone()
    }

    fn kind(s: &str) -> String {
        let v: Value = serde_json::from_str(s).unwrap();
        v["error"]["kind"].as_str().unwrap().to_owned()
    }

    #[test]
    fn due_over_national_day_2023() {
        let e = Engine::new();
        let d = ok(&e.due("meeting-follow-up", "2023-09-20", "{}"));
        assert_eq!(d["due"], "2023-11-07");
        assert_eq!(d["counted_span"], json!(["2023-09-21", "2023-11-07"]));
        assert_eq!(
            d["explanation"]["make_up_days_counted"],
            json!(["2023-10-07", "2023-10-08"])
        );
    }

    #[test]
    fn errors_carry_their_kind() {
        let e = Engine::new();
        assert_eq!(
            kind(&e.due("year-end-summary", "2027", "{}")),
            "outside_coverage"
        );
        assert_eq!(kind(&e.due("no-such", "2023", "{}")), "invalid_input");
        assert_eq!(
            kind(&e.due("monthly-report", "2023-13", "{}")),
            "invalid_input"
        );
        assert_eq!(
            kind(&e.due("meeting-follow-up", "2020-01-05", "{}")),
            "policy_not_in_force"
        );
        assert_eq!(
            kind(&e.calendar("day", r#"{"date": "2023-02-30"}"#)),
            "invalid_input"
        );
        assert_eq!(kind(&e.calendar("day", "not json")), "invalid_input");
        assert_eq!(kind(&e.check("[1]", "{}")), "invalid_caseload");
        assert_eq!(kind(&load("policy", "{")), "invalid_policy");
        assert_eq!(
            kind(&e.days("2026-12-01", "2027-01-31", "zh")),
            "outside_coverage"
        );
    }

    #[test]
    fn provisional_answers_are_flagged() {
        let mut e = Engine::new();
        assert_eq!(ok(&e.configure(r#"{"provisional": true}"#)), Value::Null);
        let v = ok(&e.calendar("is_workday", r#"{"date": "2027-01-04"}"#));
        assert_eq!(v, json!({"value": true, "provisional": true}));
    }

    #[test]
    fn days_have_labels() {
        let e = Engine::new();
        let days = ok(&e.days("2023-10-01", "2023-10-08", "en"));
        assert_eq!(days[6]["kind"], "make_up_workday");
        assert_eq!(days[6]["kind_label"], "make-up working day");
        assert_eq!(days.as_array().map(Vec::len), Some(8));
    }
}
