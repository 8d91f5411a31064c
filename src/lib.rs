//! # duban (督办)
//!
//! The deadlines of Chinese government supervision work, computed over the exact official
//! working-day calendar of mainland China, each with an explanation a clerk can check. The
//! first rule set is Ankang's 《安康市政府系统督促检查工作办法》(安政办发〔2020〕1号).
//!
//! ## A deadline, explained
//!
//! ```
//! use duban::{parse_date, Calendar, Language, MeetingKind, Obligation, Policy};
//!
//! let (cal, policy) = (Calendar::china(), Policy::ankang_2020());
//! // D1, Art. 9 ¶1: progress on an executive meeting's decisions within 30 working days.
//! let d1 = Obligation::MeetingFollowUp {
//!     meeting: parse_date("2023-09-20")?,
//!     kind: MeetingKind::Executive,
//! };
//! let deadline = d1.deadline(&policy, &cal)?;
//! assert_eq!(deadline.due(), parse_date("2023-11-07")?); // across the National Day break
//! let why = deadline.explain(&policy, &cal, Language::Chinese)?;
//! assert_eq!(why.lines[0], "截止日期：2023-11-07（星期二）");
//! assert!(why.lines.iter().any(|l| l.contains("30个工作日内"))); // the article's words
//! # Ok::<(), duban::Error>(())
//! ```
//!
//! ## A caseload, checked
//!
//! ```
//! use duban::{parse_date, Calendar, Caseload, Policy, Status};
//!
//! let caseload = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
//!   {"id": "YB-2022-01", "kind": "monthly_report", "unit": "市财政局", "sector": "经济",
//!    "month": "2022-01", "events": [{"event": "submit", "on": "2022-01-31"}]}]}"#)?;
//! let as_of = parse_date("2022-02-07")?;
//! let report = duban::check(&caseload, &Policy::ankang_2020(), &Calendar::china(), as_of)?;
//! // January 2022's last working day was Sunday the 30th (a make-up day): one working day late.
//! let d2 = &report.matters[0].obligations[0];
//! assert_eq!(d2.deadline.due(), parse_date("2022-01-30")?);
//! assert!(matches!(d2.status, Status::MetLate { .. }));
//! assert_eq!(&*report.late_units[0].unit, "市财政局"); // 不按期报送 → 重点督办
//! # Ok::<(), duban::Error>(())
//! ```
//!
//! ## Map of the crate
//!
//! | part | what it does | start with |
//! |---|---|---|
//! | calendar | the State Council holiday notices as data (one file a notice, with its 文号), O(1) working-day arithmetic, notices and local adjustments loaded at run time, the calendar as known on a past day | [`Calendar`], [`CalendarBuilder`], [`Day`], [`DayKind`] |
//! | rules | the deadlines D1-D7 with every reading the words allow, a versioned [`Policy`] of every parameter, explanations, statuses; the workflows as state machines | [`Obligation`], [`Deadline`], [`Policy`], [`Explanation`], [`Status`] |
//! | caseload | reads `duban-caseload/1` JSON, checks a whole caseload (late units and sections, returns, inspection violations, quarterly bands, other findings, the year-end summary), compares two policies | [`Caseload`], [`check`], [`what_if`], [`CheckReport`] |
//! | iCalendar | a caseload's open deadlines and the working-day calendar as RFC 5545 files for Outlook, WPS or DingTalk, with stable UIDs and alarms in working days | [`CheckReport::to_ics`], [`Calendar::to_ics`], [`IcsOptions`] |
//! | errors | one error type whose message names the bad input, in Chinese or English, and whose facts a program can read | [`Error`], [`ErrorKind`], [`Language`] |
//!
//! ## Where each article lives
//!
//! | article | subject | in duban |
//! |---|---|---|
//! | Art. 2, 8, 9 | the 责任单位 that key supervision applies to, and the office's sections that it does not | [`UnitKind`] |
//! | Art. 4 | escalation of hard matters to the Supervision Office | [`EscalationState`], [`EscalationEvent`] |
//! | Art. 5, 6 | where supervised matters come from | [`MatterSource`] |
//! | Art. 7 | quarterly ledgers of the office sections (D3) and their bands | [`Obligation::QuarterlyReport`], [`QuarterBands`] |
//! | Art. 9 | progress reports after meetings (D1) and monthly (D2); return for redo or supplement, and a report awaiting its supplement | [`Obligation::MeetingFollowUp`], [`Obligation::MonthlyReport`], [`ReportState`], [`ReturnRequired`], [`Status::AwaitingSupplement`] |
//! | Art. 10 | inspections outside the annual plan: application (D4) and approval (D5) | [`Obligation::InspectionApplication`], [`Obligation::InspectionApproval`], [`InspectionState`], [`InspectionViolation`] |
//! | Art. 12 | key supervision, interviews and the rectification plan (D6), grades, the year-end summary (D7) | [`LateUnit`], [`AccountabilityState`], [`Obligation::RectificationPlan`], [`Grade`], [`Obligation::YearEndSummary`], [`YearEndGathering`], [`Finding`] |
//! | Art. 13 | in force from 2020-01-06 | [`Policy::ankang_2020`] |
//!
//! Where the regulation's words allow two readings, the default is documented and the other
//! is a policy setting: see the [`design`] notes. The [`guide`] is the README: the command
//! line, the calendar's sources, the JSON formats and the performance figures.
//!
//! ## Promises
//!
//! - **No panics.** Every fallible operation returns [`Error`], whose message names the bad
//!   input, in Chinese by default and in English on request ([`Language`]).
//! - **No guesses.** A date outside the loaded notices is an error
//!   ([`Error::is_outside_coverage`]), never a weekend-only answer. The one way past it is
//!   an explicit opt-in, [`Calendar::with_provisional`], whose every answer says it is
//!   provisional.
//! - **O(1) arithmetic.** Working-day queries are table look-ups after construction.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[doc = include_str!("../DESIGN.md")]
pub mod design {}

/// The README: the command line, the calendar's sources, the JSON formats, the figures.
/// Its Rust examples run as doctests.
#[doc = include_str!("../README.md")]
pub mod guide {}

/// This library's version, as Cargo.toml gives it.
///
/// ```
/// assert!(duban::VERSION.starts_with("0."));
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

mod calendar;
mod caseload;
mod error;
mod fast_hash;
mod ics;
mod json_text;
mod language;
mod limits;
mod period;
mod rules;

pub use calendar::{
    today_in_china, Calendar, CalendarBuilder, CoverageOutlook, Day, DayKind, HolidayBreak, Notice,
    Provisional, ProvisionalCalendar, Scope, WorkdayOrder, NOTICES_DIR_ENV,
};
pub use error::{Error, ErrorKind, Position, Result};
pub use ics::IcsOptions;
pub use language::Language;
pub use limits::Limits;
pub use period::{parse_date, Quarter, YearMonth};
pub use rules::{
    Article, Bound, CalendarDays, Deadline, Explanation, MatterSource, MeetingKind, Obligation,
    ObligationKind, Parameter, ParameterChange, Parameters, Period, Policy, Reading, ReadingDate,
    RolledDate, SkippedBreak, StartDay, Status, SupplementCredit, WeekReading, WorkingDays,
    POLICY_SCHEMA,
};
// The workflow state machines (Art. 4, 9, 10, 12).
pub use caseload::{
    check, check_with_threads, next_step, what_if, Caseload, CaseloadDocument, CaseloadReader,
    CheckReport, Difference, Explanations, Finding, FindingKind, InputError, InspectionViolation,
    ItemCategory, ItemRef, LateUnit, MatterKind, MatterReport, NextStep, ObligationReport,
    OpenObligation, Progress, QuarterBands, ReturnFinding, ReturnRequired, StreamOptions,
    StreamedReport, Summary, SummaryEntry, UnitDifference, UnitKind, ViolationKind, WhatIf,
    YearEndGathering, CASELOAD_SCHEMA, REPORT_SCHEMA,
};
pub use rules::workflow::{
    apply_json, apply_json_with, next_json, next_json_with, stored_kind, stored_state,
    AccountabilityEvent, AccountabilityFlow, AccountabilityState, AnnualPlan, Consequence,
    EscalationEvent, EscalationFlow, EscalationGround, EscalationState, EscalationTest, Grade,
    InspectionEvent, InspectionFlow, InspectionState, KeySupervisionTrigger, Label, Remedy,
    ReportEvent, ReportFlow, ReportState, ReturnReason, Workflow, WorkflowKind, STATE_SCHEMA,
};
