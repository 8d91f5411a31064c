//! # duban (督办)
//!
//! Deadlines of Chinese government supervision work over the exact official working-day
//! calendar of mainland China.
//!
//! The first rule set is Ankang's 《安康市政府系统督促检查工作办法》(安政办发〔2020〕1号).
//! The foundation is [`Calendar`]: the State Council General Office's yearly holiday
//! notices, kept as data (one file a notice, with its 文号), compiled in, and extensible at
//! run time with next year's notice, corrections and local adjustments.
//!
//! ```
//! use duban::{parse_date, Calendar, DayKind};
//!
//! let cal = Calendar::china();
//! let d = parse_date("2023-10-07")?;
//! let day = cal.day(d)?;
//! assert_eq!(day.kind, DayKind::MakeUpWorkday);
//! assert_eq!(day.notice, Some("国办发明电〔2022〕16号"));
//! assert_eq!(cal.add_workdays(parse_date("2023-09-28")?, 2)?, parse_date("2023-10-08")?);
//! # Ok::<(), duban::Error>(())
//! ```
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

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod calendar;
mod caseload;
mod error;
mod ics;
mod language;
mod period;
mod rules;

pub use calendar::{
    Calendar, CalendarBuilder, Day, DayKind, HolidayBreak, Notice, Provisional,
    ProvisionalCalendar, Scope, WorkdayOrder,
};
pub use error::{Error, ErrorKind, Result};
pub use ics::IcsOptions;
pub use language::Language;
pub use period::{parse_date, Quarter, YearMonth};
pub use rules::{
    Article, Bound, CalendarDays, Deadline, Explanation, MatterSource, MeetingKind, Obligation,
    ObligationKind, Parameter, ParameterChange, Parameters, Period, Policy, Reading, ReadingDate,
    RolledDate, SkippedBreak, StartDay, Status, SupplementCredit, WeekReading, WorkingDays,
    POLICY_SCHEMA,
};
// The workflow state machines (Art. 4, 9, 10, 12).
pub use caseload::{
    check, what_if, Caseload, CheckReport, Difference, Explanations, InputError,
    InspectionViolation, ItemCategory, ItemRef, LateUnit, MatterKind, MatterReport,
    ObligationReport, Progress, QuarterBands, ReturnFinding, ReturnRequired, Summary,
    UnitDifference, ViolationKind, WhatIf, CASELOAD_SCHEMA, REPORT_SCHEMA,
};
pub use rules::workflow::{
    AccountabilityEvent, AccountabilityState, AnnualPlan, Consequence, EscalationEvent,
    EscalationGround, EscalationState, Grade, InspectionEvent, InspectionState,
    KeySupervisionTrigger, Remedy, ReportEvent, ReportState, ReturnReason,
};
