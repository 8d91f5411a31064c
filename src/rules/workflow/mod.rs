//! The workflows of 安政办发〔2020〕1号 as state machines.
//!
//! Five pieces of the regulation are processes, not deadlines:
//!
//! | machine | article | from → to |
//! |---|---|---|
//! | [`ReportState`] / [`ReportEvent`] | Art. 9 ¶2 (and Art. 7, Art. 9 ¶1) | awaiting → submitted → returned (redo or supplement) → … → accepted |
//! | [`InspectionState`] / [`InspectionEvent`] | Art. 10 | proposed → applied → approved → filed → carried out; planned → carried out |
//! | [`EscalationState`] / [`EscalationEvent`] | Art. 4 | open → urged (催办) → requested → escalated (or declined, and again) |
//! | [`AccountabilityState`] / [`AccountabilityEvent`] | Art. 12 (3) | normal → key supervision → interview (result reported to the mayor) → plan → resolved or graded poor; a referral runs alongside |
//! | [`Grade`] / [`Consequence`] | Art. 12 (1)(2) | the four grades and what they bring |
//!
//! Each machine is plain data: an `enum …State`, an `enum …Event`, and a pure
//! `apply(&self, &event) -> Result<State>` with an exhaustive `match` over every pair of
//! state and event. States and events derive serde (`{"state": "submitted", "on": …}`,
//! `{"event": "submit", "on": …}`), so an embedding system stores the state (or the event
//! log, and calls `replay`) and restores it later; states carry the dates that later
//! questions need (which submission counts, when the interview was held).
//!
//! Every event carries its date. An event the regulation does not allow in the current
//! state, or one dated before the event that led to it, is an
//! [`ErrorKind::IllegalTransition`](crate::ErrorKind::IllegalTransition) error whose
//! message names the state and the event, in Chinese and in English. Nothing panics, on
//! any sequence of events.
//!
//! ```
//! use duban::{parse_date, ErrorKind, Language, ReportEvent, ReportState};
//!
//! let submitted = ReportState::new().apply(&ReportEvent::Submit { on: parse_date("2024-03-28")? })?;
//! let stored = serde_json::to_string(&submitted).unwrap();
//! assert_eq!(stored, r#"{"state":"submitted","on":"2024-03-28","original_on":"2024-03-28"}"#);
//!
//! let restored: ReportState = serde_json::from_str(&stored).unwrap();
//! let accepted = restored.apply(&ReportEvent::Accept { on: parse_date("2024-03-29")? })?;
//! let err = accepted.apply(&ReportEvent::Accept { on: parse_date("2024-03-30")? }).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::IllegalTransition);
//! assert!(err.message(Language::English).contains("cannot accept on 2024-03-30 in state accepted"));
//! assert!(err.message(Language::Chinese).contains("已通过"));
//! # Ok::<(), duban::Error>(())
//! ```
//!
//! The deadlines around these machines (when a report is due, when an application must
//! come, when the written plan is due) need the calendar and the policy; they are the
//! obligations', and read the dates these states keep.

mod accountability;
mod escalation;
mod grading;
mod inspection;
mod machine;
mod report;
mod transition;
mod words;

pub use accountability::{AccountabilityEvent, AccountabilityState, KeySupervisionTrigger};
pub use escalation::{EscalationEvent, EscalationGround, EscalationState, EscalationTest};
pub use grading::{Consequence, Grade};
pub use inspection::{AnnualPlan, InspectionEvent, InspectionState};
pub use machine::{
    apply_json, apply_json_with, next_json, next_json_with, stored_kind, stored_state,
    AccountabilityFlow, EscalationFlow, InspectionFlow, ReportFlow, Workflow, WorkflowKind,
    STATE_SCHEMA,
};
pub use report::{Remedy, ReportEvent, ReportState, ReturnReason};
pub use transition::Label;
