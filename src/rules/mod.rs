//! The rules of 安政办发〔2020〕1号: citations, counting conventions, the versioned policy,
//! the obligations D1-D7 and their status.

mod article;
mod counting;
mod obligation;
mod policy;
pub mod workflow;

pub use article::{Article, MatterSource, MeetingKind};
pub use counting::{Bound, CalendarDays, Period, RolledDate, StartDay, WeekReading, WorkingDays};
pub use obligation::{
    Deadline, Explanation, Obligation, ObligationKind, Reading, ReadingDate, SkippedBreak, Status,
};
pub use policy::{Parameter, ParameterChange, Parameters, Policy, SupplementCredit, POLICY_SCHEMA};
