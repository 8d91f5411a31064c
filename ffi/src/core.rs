//! The safe half of the boundary: conversions and the operations the C functions wrap,
//! written against the ordinary duban API so that no rule is restated here.

use chrono::{Datelike, NaiveDate};
use duban::{
    Calendar, Caseload, ErrorKind, Explanations, Language, MeetingKind, Obligation, Policy,
    Quarter, Reading, YearMonth,
};

/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_CE: i32 = 719_163;

/// What a failed call returns: the status, the error kind's snake_case name and the
/// message in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The status code handed to C.
    pub status: crate::DubanStatus,
    /// The snake_case name of the kind (`outside_coverage`, ...), `internal` for a caught
    /// panic.
    pub kind: String,
    /// The message in Simplified Chinese.
    pub zh: String,
    /// The message in English.
    pub en: String,
}

impl Failure {
    /// An `invalid_input` failure.
    pub fn invalid_input(zh: impl Into<String>, en: impl Into<String>) -> Failure {
        Failure {
            status: crate::DubanStatus::InvalidInput,
            kind: "invalid_input".to_owned(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A null pointer where `name` was required.
    pub fn null(name: &str) -> Failure {
        Failure::invalid_input(
            format!("参数 {name} 为空指针"),
            format!("argument {name} is a null pointer"),
        )
    }

    /// A panic caught at the boundary (a bug in duban).
    pub fn internal(what: &str) -> Failure {
        Failure {
            status: crate::DubanStatus::Internal,
            kind: "internal".to_owned(),
            zh: format!("duban 内部错误（请报告此问题）：{what}"),
            en: format!("internal error in duban (please report it): {what}"),
        }
    }

    /// The same failure with `prefix` before both messages (such as the index of a batch
    /// element).
    pub fn prefixed(mut self, zh: &str, en: &str) -> Failure {
        self.zh = format!("{zh}{}", self.zh);
        self.en = format!("{en}{}", self.en);
        self
    }
}

impl From<duban::Error> for Failure {
    fn from(e: duban::Error) -> Failure {
        use crate::DubanStatus as S;
        let status = match e.kind() {
            ErrorKind::OutsideCoverage => S::OutsideCoverage,
            ErrorKind::InvalidInput => S::InvalidInput,
            ErrorKind::InvalidNotice => S::InvalidNotice,
            ErrorKind::InvalidPolicy => S::InvalidPolicy,
            ErrorKind::PolicyNotInForce => S::PolicyNotInForce,
            ErrorKind::IllegalTransition => S::IllegalTransition,
            ErrorKind::InvalidCaseload => S::InvalidCaseload,
            // A kind added to duban after this crate: its name still crosses, via serde.
            _ => S::Other,
        };
        let kind = match serde_json::to_value(e.kind()) {
            Ok(serde_json::Value::String(name)) => name,
            _ => "other".to_owned(),
        };
        Failure {
            status,
            kind,
            zh: e.message(Language::Chinese).to_owned(),
            en: e.message(Language::English).to_owned(),
        }
    }
}

/// The result type of the safe half.
pub type Outcome<T> = std::result::Result<T, Failure>;

/// The date `days` days after 1970-01-01 (negative: before).
///
/// # Errors
///
/// `invalid_input` when no date has that number (beyond chrono's range).
pub fn date_of(days: i32) -> Outcome<NaiveDate> {
    days.checked_add(UNIX_EPOCH_CE)
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or_else(|| {
            Failure::invalid_input(
                format!("日序号 {days}（自 1970-01-01 起的天数）不对应任何日期"),
                format!("day number {days} (days since 1970-01-01) is not a date"),
            )
        })
}

/// The number of days from 1970-01-01 to `date`.
pub fn days_of(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - UNIX_EPOCH_CE
}

/// The snake_case name of a reading, as the Rust `Deadline` serialises it.
pub fn reading_name(reading: Reading) -> &'static str {
    match reading {
        Reading::Plain => "plain",
        Reading::Inclusive => "inclusive",
        Reading::Exclusive => "exclusive",
        Reading::SevenCalendarDays => "seven_calendar_days",
        Reading::FiveWorkingDays => "five_working_days",
        Reading::StartDayExcluded => "start_day_excluded",
        Reading::StartDayCounted => "start_day_counted",
        Reading::ClearWorkingDays => "clear_working_days",
        _ => "other",
    }
}

/// The obligation kinds `due` takes, in the CLI's spelling, D1 to D7.
pub(crate) const DUE_KINDS: [&str; 7] = [
    "meeting-follow-up",
    "monthly-report",
    "quarterly-report",
    "inspection-application",
    "inspection-approval",
    "rectification-plan",
    "year-end-summary",
];

/// An obligation kind of `due`, with the meeting kind for D1: what turns a trigger into an
/// [`Obligation`]. Parsed once, so that a batch pays for the text only once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueKind {
    /// D1, for a meeting of this kind.
    MeetingFollowUp(MeetingKind),
    /// D2.
    MonthlyReport,
    /// D3.
    QuarterlyReport,
    /// D4.
    InspectionApplication,
    /// D5.
    InspectionApproval,
    /// D6.
    RectificationPlan,
    /// D7.
    YearEndSummary,
}

impl DueKind {
    /// Reads KIND as the CLI's `due` takes it (`meeting-follow-up`, `monthly-report`,
    /// `quarterly-report`, `inspection-application`, `inspection-approval`,
    /// `rectification-plan` or `year-end-summary`) and the meeting kind (D1 only; default
    /// `executive`).
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the unknown kind, or a meeting kind given to another kind.
    pub fn parse(kind: &str, meeting_kind: Option<&str>) -> Outcome<DueKind> {
        if kind != "meeting-follow-up" {
            if let Some(m) = meeting_kind {
                return Err(Failure::invalid_input(
                    format!("会议类型 {m} 只适用于 meeting-follow-up，不适用于 {kind}"),
                    format!(
                        "a meeting kind ({m}) applies to meeting-follow-up only, not to {kind}"
                    ),
                ));
            }
        }
        Ok(match kind {
            "meeting-follow-up" => {
                DueKind::MeetingFollowUp(meeting_kind.unwrap_or("executive").parse()?)
            }
            "monthly-report" => DueKind::MonthlyReport,
            "quarterly-report" => DueKind::QuarterlyReport,
            "inspection-application" => DueKind::InspectionApplication,
            "inspection-approval" => DueKind::InspectionApproval,
            "rectification-plan" => DueKind::RectificationPlan,
            "year-end-summary" => DueKind::YearEndSummary,
            _ => {
                let list = DUE_KINDS.join("|");
                return Err(Failure::invalid_input(
                    format!("未知的事项“{kind}”（可用 {list}）"),
                    format!("unknown obligation {kind:?} (one of {list})"),
                ));
            }
        })
    }

    /// The obligation for the trigger day `date`: the day itself for a dated kind, the
    /// month, quarter or year containing it for D2, D3 and D7. The batch calls use it.
    pub fn on(self, date: NaiveDate) -> Obligation {
        match self {
            DueKind::MeetingFollowUp(kind) => Obligation::MeetingFollowUp {
                meeting: date,
                kind,
            },
            DueKind::MonthlyReport => Obligation::MonthlyReport {
                month: YearMonth::containing(date),
            },
            DueKind::QuarterlyReport => Obligation::QuarterlyReport {
                quarter: Quarter::containing(date),
            },
            DueKind::InspectionApplication => Obligation::InspectionApplication { start: date },
            DueKind::InspectionApproval => Obligation::InspectionApproval { start: date },
            DueKind::RectificationPlan => Obligation::RectificationPlan { interview: date },
            DueKind::YearEndSummary => Obligation::YearEndSummary { year: date.year() },
        }
    }
}

/// The obligation of `due KIND TRIGGER` as the CLI takes them: KIND one of the seven kinds of [`DueKind::parse`],
/// TRIGGER a date (`2023-09-20`), a month (`2023-10`), a quarter (`2023-Q3`) or a year
/// (`2023`) as the kind needs; `meeting_kind` (D1 only, default `executive`).
///
/// # Errors
///
/// `invalid_input` naming the kind, trigger or meeting kind that is wrong.
///
/// ```
/// let o = duban_ffi::obligation_of("quarterly-report", "2023-Q3", None)?;
/// assert_eq!(o.kind(), duban::ObligationKind::QuarterlyReport);
/// assert!(duban_ffi::obligation_of("monthly-report", "2023-13", None).is_err());
/// # Ok::<(), duban_ffi::Failure>(())
/// ```
pub fn obligation_of(kind: &str, trigger: &str, meeting_kind: Option<&str>) -> Outcome<Obligation> {
    let date = || duban::parse_date(trigger).map_err(Failure::from);
    Ok(match DueKind::parse(kind, meeting_kind)? {
        DueKind::MonthlyReport => Obligation::MonthlyReport {
            month: trigger.parse::<YearMonth>()?,
        },
        DueKind::QuarterlyReport => Obligation::QuarterlyReport {
            quarter: trigger.parse::<Quarter>()?,
        },
        DueKind::YearEndSummary => {
            let year = (trigger.len() == 4 && trigger.bytes().all(|b| b.is_ascii_digit()))
                .then(|| trigger.parse::<i32>().ok())
                .flatten()
                .ok_or_else(|| {
                    Failure::invalid_input(
                        format!("“{trigger}”不是有效的年份（应为 YYYY）"),
                        format!("{trigger:?} is not a valid year (expected YYYY)"),
                    )
                })?;
            Obligation::YearEndSummary { year }
        }
        dated => dated.on(date()?),
    })
}

/// The day to check a caseload on: `as_of` if given, else the document's.
fn as_of_of(caseload: &Caseload, as_of: Option<NaiveDate>) -> Outcome<NaiveDate> {
    as_of.or(caseload.as_of()).ok_or_else(|| {
        Failure::invalid_input(
            "事项清单没有 as_of 字段，且调用时未指定检查日期",
            "the caseload has no as_of and the call gives no day to check on",
        )
    })
}

/// The `duban-report/1` JSON of `caseload` checked under `policy` on `as_of` (or the
/// document's `as_of`), exactly as `duban check` prints it (without the final newline).
///
/// # Errors
///
/// `invalid_caseload` when the document as a whole is not a caseload; `invalid_input` when
/// no day to check on is known; `outside_coverage` when that day is outside the calendar.
pub fn check_json(
    caseload: &[u8],
    policy: &Policy,
    calendar: &Calendar,
    as_of: Option<NaiveDate>,
    language: Language,
    explain: bool,
) -> Outcome<String> {
    let caseload = Caseload::from_json(caseload)?;
    let as_of = as_of_of(&caseload, as_of)?;
    let report = duban::check(&caseload, policy, calendar, as_of)?;
    let explanations = if explain {
        Explanations::Include(policy, calendar)
    } else {
        Explanations::Omit
    };
    let mut out = Vec::new();
    report
        .write_json(&mut out, language, explanations)
        .map_err(|e| Failure::internal(&format!("cannot write the report: {e}")))?;
    String::from_utf8(out).map_err(|e| Failure::internal(&format!("report is not UTF-8: {e}")))
}

/// The what-if comparison of `caseload` under `a` and `b` as JSON, exactly as
/// `duban diff --format json` prints it (without the final newline).
///
/// # Errors
///
/// As [`check_json`].
pub fn what_if_json(
    caseload: &[u8],
    a: &Policy,
    b: &Policy,
    calendar: &Calendar,
    as_of: Option<NaiveDate>,
) -> Outcome<String> {
    let caseload = Caseload::from_json(caseload)?;
    let as_of = as_of_of(&caseload, as_of)?;
    let diff = duban::what_if(&caseload, a, b, calendar, as_of)?;
    serde_json::to_string_pretty(&diff)
        .map_err(|e| Failure::internal(&format!("cannot write the comparison: {e}")))
}

/// Reads a text argument given as bytes.
///
/// # Errors
///
/// `invalid_input` naming `what` and the first bad byte when it is not UTF-8.
pub fn utf8<'a>(bytes: &'a [u8], what: &str) -> Outcome<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::invalid_input(
            format!("{what} 不是 UTF-8 文本（第 {} 字节）", e.valid_up_to()),
            format!("{what} is not UTF-8 (byte {})", e.valid_up_to()),
        )
    })
}
