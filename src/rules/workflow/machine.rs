//! One shape for the four machines: the [`Workflow`] trait, the kinds of workflow, and a
//! versioned JSON form of states and events that a host system can store and send one event
//! at a time.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

use super::transition::{self, Label};
use super::{
    accountability, escalation, inspection, report, words, AccountabilityEvent,
    AccountabilityState, EscalationEvent, EscalationGround, EscalationState, InspectionEvent,
    InspectionState, KeySupervisionTrigger, Remedy, ReportEvent, ReportState, ReturnReason,
};
use crate::{json_text, Article, Calendar, Error, ErrorKind, Language, Policy, Result};

/// The schema tag of a stored workflow state.
pub const STATE_SCHEMA: &str = "duban-state/1";

/// A workflow of 安政办发〔2020〕1号 as a state machine: its states and events, the table
/// of their names and words, and the step from one state to the next.
///
/// The four machines implement it through the marker types [`ReportFlow`],
/// [`InspectionFlow`], [`EscalationFlow`] and [`AccountabilityFlow`], so a binding or a user
/// interface can drive any of them with the same code.
///
/// ```
/// use duban::{parse_date, ReportEvent, ReportFlow, ReportState, Workflow};
///
/// let on = parse_date("2024-03-28")?;
/// let s = ReportFlow::apply(&ReportState::new(), &ReportEvent::Submit { on })?;
/// assert_eq!(ReportFlow::state_label(&s).name, "submitted");
/// let allowed: Vec<_> = ReportFlow::allowed(&s, on).iter().map(|l| l.name).collect();
/// assert_eq!(allowed, ["return", "accept"]);
/// # Ok::<(), duban::Error>(())
/// ```
pub trait Workflow {
    /// Where a matter stands.
    type State: Clone + std::fmt::Debug + PartialEq + Serialize + DeserializeOwned;
    /// What can happen to it.
    type Event: Clone + std::fmt::Debug + PartialEq + Serialize + DeserializeOwned;

    /// Which workflow this is.
    const KIND: WorkflowKind;
    /// The workflow in words: its stable name (as [`WorkflowKind::name`]) and how messages
    /// name it in both languages.
    const NAME: Label;
    /// Every state in words, in the order of the regulation. A state name may have more
    /// than one row when its words depend on its data (a report returned for redo or for
    /// supplement).
    const STATES: &'static [Label];
    /// Every event in words.
    const EVENTS: &'static [Label];

    /// The article the workflow implements.
    fn article() -> Article;

    /// The state's row in [`Workflow::STATES`].
    fn state_label(state: &Self::State) -> Label;

    /// The event's row in [`Workflow::EVENTS`].
    fn event_label(event: &Self::Event) -> Label;

    /// The event's date.
    fn event_on(event: &Self::Event) -> NaiveDate;

    /// The date of the latest event so far; `None` before any event.
    fn last_event_on(state: &Self::State) -> Option<NaiveDate>;

    /// Where the workflow stands apart from a referral that runs alongside it (移送,
    /// Art. 12 (3)): the state itself, or for a referred accountability case the state its
    /// workflow has reached. This is the state a clerk is shown, by [`next_json`] and by
    /// the caseload check alike; the referral is shown apart ([`Workflow::referred_on`]).
    fn case(state: &Self::State) -> &Self::State;

    /// The day of a referral running alongside the workflow, if any.
    fn referred_on(state: &Self::State) -> Option<NaiveDate>;

    /// The state after `event`; an error names the state and the event, in both languages.
    ///
    /// # Errors
    ///
    /// As the machine's own `apply`.
    fn apply(state: &Self::State, event: &Self::Event) -> Result<Self::State>;

    /// The state after `event` under `policy` over `calendar`: [`Workflow::apply`] and the
    /// rules that need the policy or the calendar — the grounds of an escalation read by
    /// the policy's `escalation_grounds` (Art. 4), a unit graded poor only once the written
    /// plan's deadline D6 has passed (Art. 12 (3)). The caseload [`check`](crate::check)
    /// applies each event of a matter through the same rules, so a host system calling
    /// this one event at a time gets the check's answer.
    ///
    /// ```
    /// use duban::{parse_date, AccountabilityFlow, AccountabilityState, Calendar, Policy,
    ///             Workflow};
    /// let s: AccountabilityState = serde_json::from_str(
    ///     r#"{"state":"interview_held","on":"2023-09-27","supervised_on":"2023-09-01"}"#).unwrap();
    /// let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    /// // D6 is 2023-10-07 (a holiday rolled to the make-up working day).
    /// let names = |on| -> Vec<_> {
    ///     AccountabilityFlow::allowed_in(&s, parse_date(on).unwrap(), &policy, &cal)
    ///         .iter().map(|l| l.name).collect()
    /// };
    /// assert!(!names("2023-10-07").contains(&"grade_poor"));
    /// assert!(names("2023-10-08").contains(&"grade_poor"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Workflow::apply`]; a deadline outside the calendar is
    /// [`ErrorKind::OutsideCoverage`].
    fn apply_in(
        state: &Self::State,
        event: &Self::Event,
        policy: &Policy,
        calendar: &Calendar,
    ) -> Result<Self::State>;

    /// A well-formed event of the given name, dated `on` (its other data chosen so that it
    /// passes every check of its own), or `None` for a name the workflow does not know.
    fn sample_event(name: &str, on: NaiveDate) -> Option<Self::Event>;

    /// The state after `events`, in order, from `start`.
    ///
    /// # Errors
    ///
    /// The first error of [`Workflow::apply`], prefixed with the event's position (from 1).
    fn replay<'a>(
        start: Self::State,
        events: impl IntoIterator<Item = &'a Self::Event>,
    ) -> Result<Self::State>
    where
        Self::Event: 'a,
    {
        transition::replay(start, events, Self::apply)
    }

    /// The events allowed in `state` on the day `on`: those of which a well-formed event
    /// dated `on` is accepted by [`Workflow::apply`]. This asks `apply` itself, so the two
    /// cannot disagree.
    fn allowed(state: &Self::State, on: NaiveDate) -> Vec<Label> {
        Self::EVENTS
            .iter()
            .filter(|label| {
                Self::sample_event(label.name, on)
                    .is_some_and(|event| Self::apply(state, &event).is_ok())
            })
            .copied()
            .collect()
    }

    /// The events allowed in `state` on the day `on` under `policy` over `calendar`: those
    /// of which a well-formed event dated `on` is accepted by [`Workflow::apply_in`].
    fn allowed_in(
        state: &Self::State,
        on: NaiveDate,
        policy: &Policy,
        calendar: &Calendar,
    ) -> Vec<Label> {
        Self::EVENTS
            .iter()
            .filter(|label| {
                Self::sample_event(label.name, on)
                    .is_some_and(|event| Self::apply_in(state, &event, policy, calendar).is_ok())
            })
            .copied()
            .collect()
    }
}

/// The progress report workflow (Art. 9 ¶2): [`ReportState`], [`ReportEvent`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportFlow;

/// The inspection workflow (Art. 10): [`InspectionState`], [`InspectionEvent`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InspectionFlow;

/// The escalation workflow (Art. 4): [`EscalationState`], [`EscalationEvent`], the grounds
/// read by the default [`EscalationTest`](super::EscalationTest).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EscalationFlow;

/// The accountability workflow (Art. 12 (3)): [`AccountabilityState`],
/// [`AccountabilityEvent`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AccountabilityFlow;

/// The impl of [`Workflow`] for one machine, and the machine's public words (`NAMES`,
/// `name`, `label`, `article`) read off it: everything here is the machine's own (its
/// article, its `apply`, its dates) or its words ([`words`](super::words)).
macro_rules! workflow {
    (
        $flow:ident: $kind:ident, $state:ident, $event:ident, $article:path, $words:path,
        $sample:ident, $apply_in:ident, $case:path, $referred:path, start: $start:literal
    ) => {
        impl Workflow for $flow {
            type State = $state;
            type Event = $event;
            const KIND: WorkflowKind = WorkflowKind::$kind;
            const NAME: Label = $words.name;
            const STATES: &'static [Label] = $words.states;
            const EVENTS: &'static [Label] = $words.events;

            fn article() -> Article {
                $article
            }
            fn state_label(state: &$state) -> Label {
                ($words.state)(state)
            }
            fn event_label(event: &$event) -> Label {
                ($words.event)(event)
            }
            fn event_on(event: &$event) -> NaiveDate {
                event.on()
            }
            fn last_event_on(state: &$state) -> Option<NaiveDate> {
                state.last_event_on()
            }
            fn case(state: &$state) -> &$state {
                $case(state)
            }
            fn referred_on(state: &$state) -> Option<NaiveDate> {
                $referred(state)
            }
            fn apply(state: &$state, event: &$event) -> Result<$state> {
                state.apply(event)
            }
            fn apply_in(
                state: &$state,
                event: &$event,
                policy: &Policy,
                calendar: &Calendar,
            ) -> Result<$state> {
                $apply_in(state, event, policy, calendar)
            }
            fn sample_event(name: &str, on: NaiveDate) -> Option<$event> {
                $sample(name, on)
            }
        }

        impl $state {
            #[doc = concat!("The name of every state, as [`", stringify!($state), "::name`] gives it: ")]
            #[doc = concat!("those of [`", stringify!($flow), "::STATES`](Workflow::STATES), each once.")]
            ///
            /// ```
            #[doc = concat!("use duban::{", stringify!($flow), ", ", stringify!($state), ", Workflow};")]
            #[doc = concat!("let first = ", stringify!($flow), "::STATES[0].name;")]
            #[doc = concat!("assert_eq!(", stringify!($state), "::NAMES[0], first);")]
            #[doc = concat!("assert!(", stringify!($state), "::NAMES.len() <= ", stringify!($flow), "::STATES.len());")]
            /// ```
            pub const NAMES: &'static [&'static str] = {
                const DISTINCT: ([&str; $words.states.len()], usize) =
                    transition::distinct_names($words.states);
                (&DISTINCT.0).split_at(DISTINCT.1).0
            };

            /// The article this workflow implements.
            ///
            /// ```
            #[doc = concat!("use duban::{", stringify!($flow), ", ", stringify!($state), ", Workflow};")]
            #[doc = concat!("assert_eq!(", stringify!($state), "::article(), ", stringify!($flow), "::article());")]
            /// ```
            pub fn article() -> Article {
                $article
            }

            /// The state's stable name (its serde tag).
            ///
            /// ```
            #[doc = concat!("use duban::{", stringify!($flow), ", ", stringify!($state), ", Workflow};")]
            #[doc = concat!("let state = duban::", $start, ";")]
            #[doc = concat!("assert_eq!(state.name(), ", stringify!($flow), "::STATES[0].name);")]
            #[doc = concat!("assert!(serde_json::to_string(&state).unwrap().contains(state.name()));")]
            /// ```
            pub fn name(&self) -> &'static str {
                <$flow>::state_label(self).name
            }

            /// The state in words.
            ///
            /// ```
            #[doc = concat!("use duban::{", stringify!($flow), ", ", stringify!($state), ", Language, Workflow};")]
            #[doc = concat!("let state = duban::", $start, ";")]
            #[doc = concat!("assert_eq!(state.label(Language::Chinese), ", stringify!($flow), "::STATES[0].zh);")]
            #[doc = concat!("assert_eq!(state.label(Language::English), ", stringify!($flow), "::STATES[0].en);")]
            /// ```
            pub fn label(&self, language: Language) -> &'static str {
                <$flow>::state_label(self).text(language)
            }
        }

        impl $event {
            #[doc = concat!("The name of every event, as [`", stringify!($event), "::name`] gives it: ")]
            #[doc = concat!("those of [`", stringify!($flow), "::EVENTS`](Workflow::EVENTS).")]
            ///
            /// ```
            #[doc = concat!("use duban::{", stringify!($flow), ", ", stringify!($event), ", Workflow};")]
            #[doc = concat!("let names: Vec<_> = ", stringify!($flow), "::EVENTS.iter().map(|l| l.name).collect();")]
            #[doc = concat!("assert_eq!(", stringify!($event), "::NAMES, names);")]
            /// ```
            pub const NAMES: &'static [&'static str] = {
                const DISTINCT: ([&str; $words.events.len()], usize) =
                    transition::distinct_names($words.events);
                (&DISTINCT.0).split_at(DISTINCT.1).0
            };

            /// The event's stable name (its serde tag).
            ///
            /// ```
            #[doc = concat!("use duban::{parse_date, ", stringify!($flow), ", Workflow};")]
            #[doc = concat!("for row in ", stringify!($flow), "::EVENTS {")]
            #[doc = concat!("    let event = ", stringify!($flow), "::sample_event(row.name, parse_date(\"2024-03-28\")?).unwrap();")]
            ///     assert_eq!(event.name(), row.name);
            ///     assert!(serde_json::to_string(&event).unwrap().contains(row.name));
            /// }
            /// # Ok::<(), duban::Error>(())
            /// ```
            pub fn name(&self) -> &'static str {
                <$flow>::event_label(self).name
            }

            /// The event in words.
            ///
            /// ```
            #[doc = concat!("use duban::{parse_date, ", stringify!($flow), ", Language, Workflow};")]
            #[doc = concat!("let row = ", stringify!($flow), "::EVENTS[0];")]
            #[doc = concat!("let event = ", stringify!($flow), "::sample_event(row.name, parse_date(\"2024-03-28\")?).unwrap();")]
            /// assert_eq!(event.label(Language::Chinese), row.zh);
            /// assert_eq!(event.label(Language::English), row.en);
            /// # Ok::<(), duban::Error>(())
            /// ```
            pub fn label(&self, language: Language) -> &'static str {
                <$flow>::event_label(self).text(language)
            }
        }
    };
}

/// `replay` for a machine whose first state is `new()`.
macro_rules! replay {
    ($flow:ident, $state:ident, $event:ident) => {
        impl $state {
            #[doc = concat!("The state after `events`, applied in order from [`", stringify!($state), "::new`].")]
            ///
            /// # Errors
            ///
            #[doc = concat!("The first error of [`", stringify!($state), "::apply`], its message prefixed with")]
            /// the position of the event (from 1).
            ///
            /// ```
            #[doc = concat!("use duban::{parse_date, ", stringify!($flow), ", ", stringify!($state), ", Language, Workflow};")]
            #[doc = concat!("assert_eq!(", stringify!($state), "::replay(&[])?, ", stringify!($state), "::new());")]
            /// // An event the first state does not allow is refused, and named by its place.
            /// let on = parse_date("2024-03-28")?;
            #[doc = concat!("let refused = ", stringify!($flow), "::EVENTS.iter()")]
            #[doc = concat!("    .filter_map(|row| ", stringify!($flow), "::sample_event(row.name, on))")]
            #[doc = concat!("    .find(|e| ", stringify!($state), "::new().apply(e).is_err())")]
            ///     .unwrap();
            #[doc = concat!("let err = ", stringify!($state), "::replay(&[refused]).unwrap_err();")]
            /// assert!(err.message(Language::English).starts_with("event 1: cannot"));
            /// # Ok::<(), duban::Error>(())
            /// ```
            pub fn replay<'a>(events: impl IntoIterator<Item = &'a $event>) -> Result<$state> {
                <$flow>::replay($state::new(), events)
            }
        }
    };
}

replay!(ReportFlow, ReportState, ReportEvent);
replay!(EscalationFlow, EscalationState, EscalationEvent);
replay!(AccountabilityFlow, AccountabilityState, AccountabilityEvent);

workflow!(
    ReportFlow: Report, ReportState, ReportEvent, report::ARTICLE, words::REPORT,
    sample_report, report_in, itself, never, start: "ReportState::new()"
);
workflow!(
    InspectionFlow: Inspection, InspectionState, InspectionEvent, inspection::ARTICLE,
    words::INSPECTION, sample_inspection, inspection_in, itself, never, start: "InspectionState::new(duban::AnnualPlan::Listed)"
);
workflow!(
    EscalationFlow: Escalation, EscalationState, EscalationEvent, escalation::ARTICLE,
    words::ESCALATION, sample_escalation, escalation_in, itself, never, start: "EscalationState::new()"
);
workflow!(
    AccountabilityFlow: Accountability, AccountabilityState, AccountabilityEvent,
    accountability::ARTICLE, words::ACCOUNTABILITY, sample_accountability, accountability_in,
    AccountabilityState::case, AccountabilityState::referred_on, start: "AccountabilityState::new()"
);

/// A state apart from a referral: itself (only an accountability case is ever referred).
fn itself<S>(state: &S) -> &S {
    state
}

/// No referral runs alongside this workflow.
fn never<S>(_: &S) -> Option<NaiveDate> {
    None
}

fn report_in(s: &ReportState, e: &ReportEvent, _: &Policy, _: &Calendar) -> Result<ReportState> {
    s.apply(e)
}

fn inspection_in(
    s: &InspectionState,
    e: &InspectionEvent,
    _: &Policy,
    _: &Calendar,
) -> Result<InspectionState> {
    s.apply(e)
}

fn escalation_in(
    s: &EscalationState,
    e: &EscalationEvent,
    policy: &Policy,
    _: &Calendar,
) -> Result<EscalationState> {
    s.apply_under(e, policy.parameters.escalation_grounds.value)
}

fn accountability_in(
    s: &AccountabilityState,
    e: &AccountabilityEvent,
    policy: &Policy,
    calendar: &Calendar,
) -> Result<AccountabilityState> {
    s.apply_in(e, policy, calendar)
}

fn sample_report(name: &str, on: NaiveDate) -> Option<ReportEvent> {
    Some(match name {
        "submit" => ReportEvent::Submit { on },
        "return" => ReportEvent::Return {
            on,
            remedy: Remedy::Supplement,
            reasons: vec![ReturnReason::Other],
        },
        "accept" => ReportEvent::Accept { on },
        _ => return None,
    })
}

fn sample_inspection(name: &str, on: NaiveDate) -> Option<InspectionEvent> {
    Some(match name {
        "apply" => InspectionEvent::Apply { on },
        "approve" => InspectionEvent::Approve { on },
        "reject" => InspectionEvent::Reject { on },
        "file" => InspectionEvent::File { on },
        "start" => InspectionEvent::Start { on },
        _ => return None,
    })
}

fn sample_escalation(name: &str, on: NaiveDate) -> Option<EscalationEvent> {
    Some(match name {
        "urge" => EscalationEvent::Urge { on },
        "request_escalation" => EscalationEvent::RequestEscalation {
            on,
            grounds: EscalationGround::ALL.to_vec(),
        },
        "approve" => EscalationEvent::Approve { on },
        "decline" => EscalationEvent::Decline { on },
        _ => return None,
    })
}

fn sample_accountability(name: &str, on: NaiveDate) -> Option<AccountabilityEvent> {
    use AccountabilityEvent as E;
    Some(match name {
        "place_under_key_supervision" => E::PlaceUnderKeySupervision {
            on,
            triggers: vec![KeySupervisionTrigger::SlowProgress],
            rectify_by: on,
        },
        "rectify" => E::Rectify { on },
        "propose_interview" => E::ProposeInterview { on },
        "approve_interview" => E::ApproveInterview { on },
        "hold_interview" => E::HoldInterview { on },
        "report_interview_result" => E::ReportInterviewResult { on },
        "submit_plan" => E::SubmitPlan { on },
        "resolve" => E::Resolve { on },
        "grade_poor" => E::GradePoor { on },
        "refer" => E::Refer { on },
        _ => return None,
    })
}

/// Evaluates `$body` with `$flow` standing for the marker type of workflow `$kind`.
macro_rules! with_flow {
    ($kind:expr, $flow:ident => $body:expr) => {
        with_flow!(@each $kind, $flow => $body;
            Report: ReportFlow, Inspection: InspectionFlow,
            Escalation: EscalationFlow, Accountability: AccountabilityFlow)
    };
    (@each $kind:expr, $flow:ident => $body:expr; $($variant:ident: $marker:ident),*) => {
        match $kind {
            $(WorkflowKind::$variant => {
                type $flow = $marker;
                $body
            })*
        }
    };
}

/// Which of the four workflows a stored state belongs to.
///
/// ```
/// use duban::WorkflowKind;
/// assert_eq!("inspection".parse::<WorkflowKind>()?, WorkflowKind::Inspection);
/// assert!("audit".parse::<WorkflowKind>().is_err());
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowKind {
    /// [`ReportFlow`].
    Report,
    /// [`InspectionFlow`].
    Inspection,
    /// [`EscalationFlow`].
    Escalation,
    /// [`AccountabilityFlow`].
    Accountability,
}

impl WorkflowKind {
    /// Every kind.
    pub const ALL: [WorkflowKind; 4] = [
        WorkflowKind::Report,
        WorkflowKind::Inspection,
        WorkflowKind::Escalation,
        WorkflowKind::Accountability,
    ];

    /// The stable name, as in JSON.
    ///
    /// ```
    /// assert_eq!(duban::WorkflowKind::Report.name(), "report");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            WorkflowKind::Report => "report",
            WorkflowKind::Inspection => "inspection",
            WorkflowKind::Escalation => "escalation",
            WorkflowKind::Accountability => "accountability",
        }
    }

    /// The workflow's events in words ([`Workflow::EVENTS`]).
    ///
    /// ```
    /// use duban::WorkflowKind;
    /// let names: Vec<_> = WorkflowKind::Report.events().iter().map(|l| l.name).collect();
    /// assert_eq!(names, ["submit", "return", "accept"]);
    /// ```
    pub fn events(self) -> &'static [Label] {
        with_flow!(self, W => W::EVENTS)
    }

    /// A well-formed event of the given name dated `on`, in its serde form (the caseload's
    /// event shape), as [`Workflow::sample_event`] makes it.
    pub(crate) fn sample_event_json(self, name: &str, on: NaiveDate) -> Option<serde_json::Value> {
        with_flow!(self, W => W::sample_event(name, on).and_then(|e| serde_json::to_value(e).ok()))
    }
}

impl std::str::FromStr for WorkflowKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<WorkflowKind> {
        WorkflowKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                Error::invalid_input(
                    format!("未知的流程类型“{s}”，应为“report”“inspection”“escalation”或“accountability”"),
                    format!(
                        "unknown workflow kind {s:?}, expected report, inspection, escalation \
                         or accountability"
                    ),
                )
            })
    }
}

/// A stored state: `{"schema": "duban-state/1", "kind": KIND, "state": {...}}`, the state
/// in its serde form.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored<S> {
    schema: String,
    kind: WorkflowKind,
    state: S,
}

/// What [`next_json`] says about a state.
#[derive(Serialize)]
struct Next {
    kind: WorkflowKind,
    state: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    referred_on: Option<NaiveDate>,
    last_event_on: Option<NaiveDate>,
    allowed: Vec<&'static str>,
}

/// Reads `slice`, a part of `text` that starts at byte `base`, as a `T`. An error names
/// what was read (`what_zh`, `what_en`) and its place in `text`, the caller's own text: the
/// field at fault where serde does not say (a date that does not exist, a field or a state
/// the machine does not know, inside the state of a referred case as well). With `exact`,
/// a field the state does not keep is refused too (serde lets one through on a state that
/// has no data, such as `normal`).
fn read<T: DeserializeOwned + Serialize>(
    text: &str,
    base: usize,
    slice: &str,
    (what_zh, what_en): (&str, &str),
    exact: bool,
) -> Result<T> {
    let failed = |offset: Option<usize>, zh: String, en: String| {
        let at = offset.map(|o| json_text::Positions::new(text.as_bytes()).at(o));
        let (at_zh, at_en) = json_text::at_text(at);
        Error::new(
            ErrorKind::InvalidInput,
            format!("{what_zh}无效{at_zh}：{zh}"),
            format!("invalid {what_en}{at_en}: {en}"),
        )
        .with_position(at)
    };
    let value: T = match serde_json::from_str(slice) {
        Ok(value) => value,
        Err(e) => {
            let (zh, en) = json_text::translate(&e);
            return Err(match locate(slice, &e) {
                Some((offset, Some(date))) => failed(
                    Some(base + offset),
                    date.message(Language::Chinese).to_owned(),
                    date.message(Language::English).to_owned(),
                ),
                Some((offset, None)) => failed(Some(base + offset), zh, en),
                None => {
                    let offset = json_text::Positions::new(text.as_bytes()).offset_of(
                        base,
                        slice.as_bytes(),
                        &e,
                    );
                    failed(offset, zh, en)
                }
            });
        }
    };
    if exact {
        let kept = serde_json::to_value(&value).unwrap_or(serde_json::Value::Null);
        if let Some((offset, field)) = unkept(slice, &kept) {
            return Err(failed(
                Some(base + offset),
                format!("未知字段“{field}”"),
                format!("unknown field `{field}`"),
            ));
        }
    }
    Ok(value)
}

/// The fields of the JSON object `slice`, each with its value's text.
fn fields(slice: &str) -> Option<BTreeMap<String, &RawValue>> {
    serde_json::from_str(slice).ok()
}

/// The byte offset of `part`, a slice borrowed from `whole`, within it.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// The byte offset of the key `name` of a field whose value starts at `value`.
fn key_offset(slice: &str, name: &str, value: usize) -> usize {
    slice
        .get(..value)
        .and_then(|before| before.rfind(&format!("\"{name}\"")))
        .unwrap_or(value)
}

/// Where in the JSON object `slice` the error `e` lies, when serde does not say or says it
/// less precisely: a date that does not exist (with the date's own error, naming it), an
/// unknown field (its key), an unknown state or event (its name); the same inside a nested
/// object (the state of a referred case).
fn locate(slice: &str, e: &serde_json::Error) -> Option<(usize, Option<Error>)> {
    let fields = fields(slice)?;
    let message = e.to_string();
    for (name, raw) in &fields {
        let is_date = name == "on" || name.ends_with("_on") || name.ends_with("_by");
        if let (true, Ok(text)) = (is_date, serde_json::from_str::<String>(raw.get())) {
            if let Err(err) = crate::parse_date(&text) {
                return Some((offset_in(slice, raw.get()), Some(err)));
            }
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default();
        if let Some(raw) = fields.get(name) {
            return Some((key_offset(slice, name, offset_in(slice, raw.get())), None));
        }
    }
    if message.starts_with("unknown variant `") {
        if let Some(raw) = fields.get("state").or_else(|| fields.get("event")) {
            return Some((offset_in(slice, raw.get()), None));
        }
    }
    fields.values().find_map(|raw| {
        let inner = raw.get();
        if !inner.starts_with('{') {
            return None;
        }
        locate(inner, e).map(|(at, date)| (offset_in(slice, inner) + at, date))
    })
}

/// A field of the JSON object `slice` that the state read from it does not keep (`kept`,
/// the state written back), with the offset of its key: a field a state with no data
/// carries, or one inside the state of a referred case. A `null` the state leaves out is an
/// absent optional date, not a field lost.
fn unkept(slice: &str, kept: &serde_json::Value) -> Option<(usize, String)> {
    let fields = fields(slice)?;
    for (name, raw) in &fields {
        let value = raw.get();
        match kept.get(name) {
            None if value != "null" || kept.as_object().is_some_and(|o| o.len() <= 1) => {
                return Some((
                    key_offset(slice, name, offset_in(slice, value)),
                    name.clone(),
                ));
            }
            Some(inner @ serde_json::Value::Object(_)) if value.starts_with('{') => {
                if let Some((at, name)) = unkept(value, inner) {
                    return Some((offset_in(slice, value) + at, name));
                }
            }
            _ => {}
        }
    }
    None
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| {
        Error::new(
            ErrorKind::InvalidInput,
            "无法写出 JSON",
            format!("cannot write JSON: {e}"),
        )
    })
}

const STATE_WORDS: (&str, &str) = ("流程状态", "workflow state");
const EVENT_WORDS: (&str, &str) = ("流程事件", "workflow event");

fn load<W: Workflow>(state: &str) -> Result<W::State> {
    let head = head(state)?;
    if head.kind != W::KIND {
        return Err(Error::invalid_input(
            format!(
                "流程状态属于 {}，而不是 {}",
                head.kind.name(),
                W::KIND.name()
            ),
            format!(
                "workflow state is of kind {}, not {}",
                head.kind.name(),
                W::KIND.name()
            ),
        ));
    }
    let inner = head.state.get();
    let base = offset_in(state, inner);
    let read: W::State = read(state, base, inner, STATE_WORDS, true)?;
    once_referred::<W>(&read, state, base, inner)?;
    Ok(read)
}

/// Refuses a referral inside a referral: a case is referred once (Art. 12 (3)), and a
/// stored state never holds two (the schema refuses them too).
fn once_referred<W: Workflow>(
    value: &W::State,
    text: &str,
    base: usize,
    slice: &str,
) -> Result<()> {
    if W::referred_on(value).is_none() || W::referred_on(W::case(value)).is_none() {
        return Ok(());
    }
    let offset =
        fields(slice).and_then(|f| f.get("case").map(|raw| base + offset_in(slice, raw.get())));
    let at = offset.map(|o| json_text::Positions::new(text.as_bytes()).at(o));
    let (at_zh, at_en) = json_text::at_text(at);
    Err(Error::new(
        ErrorKind::InvalidInput,
        format!("流程状态无效{at_zh}：已移送的事项中又有移送，一个事项只移送一次"),
        format!(
            "invalid workflow state{at_en}: a referral inside a referral; a case is referred once"
        ),
    )
    .with_position(at))
}

fn store<W: Workflow>(state: W::State) -> Result<String> {
    to_json(&Stored {
        schema: STATE_SCHEMA.to_owned(),
        kind: W::KIND,
        state,
    })
}

/// The kind a stored state names.
///
/// ```
/// use duban::{stored_kind, WorkflowKind};
/// let s = r#"{"schema":"duban-state/1","kind":"inspection","state":{"state":"planned"}}"#;
/// assert_eq!(stored_kind(s)?, WorkflowKind::Inspection);
/// assert!(stored_kind(r#"{"schema":"duban-state/9","kind":"report","state":{}}"#).is_err());
/// # Ok::<(), duban::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`] for text that is not a stored state of this version.
pub fn stored_kind(state: &str) -> Result<WorkflowKind> {
    Ok(head(state)?.kind)
}

fn head(state: &str) -> Result<Stored<&RawValue>> {
    let head: Stored<&RawValue> = read_head(state)?;
    if head.schema != STATE_SCHEMA {
        return Err(Error::invalid_input(
            format!(
                "流程状态的“schema”字段为“{}”，本版本只能读取“{STATE_SCHEMA}”",
                head.schema
            ),
            format!(
                "workflow state has schema {:?}, this version reads {STATE_SCHEMA}",
                head.schema
            ),
        ));
    }
    Ok(head)
}

/// The stored state's frame, its `state` left as text.
fn read_head(state: &str) -> Result<Stored<&RawValue>> {
    serde_json::from_str(state).map_err(|e| {
        let (zh, en) = json_text::translate(&e);
        let offset = json_text::Positions::new(state.as_bytes()).offset_of(0, state.as_bytes(), &e);
        let at = offset.map(|o| json_text::Positions::new(state.as_bytes()).at(o));
        let (at_zh, at_en) = json_text::at_text(at);
        Error::new(
            ErrorKind::InvalidInput,
            format!("流程状态无效{at_zh}：{zh}"),
            format!("invalid workflow state{at_en}: {en}"),
        )
        .with_position(at)
    })
}

/// Wraps a machine state in the stored form.
///
/// ```
/// use duban::{stored_state, WorkflowKind};
/// assert_eq!(stored_state(WorkflowKind::Report, r#"{"state":"awaiting"}"#)?,
///            r#"{"schema":"duban-state/1","kind":"report","state":{"state":"awaiting"}}"#);
/// # Ok::<(), duban::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`] when `state` is not a state of that workflow (a field it
/// does not keep included).
pub fn stored_state(kind: WorkflowKind, state: &str) -> Result<String> {
    fn go<W: Workflow>(state: &str) -> Result<String> {
        let read: W::State = read(state, 0, state, STATE_WORDS, true)?;
        once_referred::<W>(&read, state, 0, state)?;
        store::<W>(read)
    }
    with_flow!(kind, W => go::<W>(state))
}

/// Applies one event (its serde form, `{"event": NAME, "on": DATE, ...}`) to a stored state
/// under the built-in policy ([`Policy::ankang_2020`]) over the national calendar
/// ([`Calendar::china`]) and returns the next stored state: [`apply_json_with`] with those
/// two, so that it gives the answer of a caseload [`check`](crate::check) run with its
/// defaults, calendar rules included (a unit is graded poor only once D6 has passed).
///
/// ```
/// use duban::{apply_json, ErrorKind, Language, WorkflowKind};
/// let start = r#"{"schema":"duban-state/1","kind":"report","state":{"state":"awaiting"}}"#;
/// let next = apply_json(WorkflowKind::Report, start, r#"{"event":"submit","on":"2024-03-28"}"#)?;
/// assert!(next.contains(r#""state":{"state":"submitted","on":"2024-03-28""#));
/// let err = apply_json(WorkflowKind::Report, start, r#"{"event":"accept","on":"2024-03-28"}"#)
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::IllegalTransition);
/// assert!(err.message(Language::Chinese).contains("待报送"));
/// // A date that does not exist is named, with its place in the event's text.
/// let err = apply_json(WorkflowKind::Report, start, r#"{"event":"submit","on":"2024-02-30"}"#)
///     .unwrap_err();
/// assert!(err.message(Language::English).contains("(line 1, column 24)"));
/// assert!(err.message(Language::English).contains("\"2024-02-30\" is not a valid date"));
/// # Ok::<(), duban::Error>(())
/// ```
///
/// # Errors
///
/// As [`apply_json_with`].
pub fn apply_json(kind: WorkflowKind, state: &str, event: &str) -> Result<String> {
    apply_json_with(
        kind,
        state,
        event,
        &Policy::ankang_2020(),
        &Calendar::china(),
    )
}

/// Applies one event (its serde form, `{"event": NAME, "on": DATE, ...}`, the caseload's
/// event shape) to a stored state under `policy` over `calendar` ([`Workflow::apply_in`])
/// and returns the next stored state.
///
/// This is the gate a host system calls before an act: an event the regulation does not
/// permit now is refused, even where a caseload, which records what happened, takes it as
/// a fact and reports it (an unplanned inspection started without approval is a
/// `no_approval` violation in the check; here it is refused, and the refusal says so).
///
/// ```
/// use duban::{apply_json_with, Calendar, Language, Policy, WorkflowKind};
/// let held = r#"{"schema":"duban-state/1","kind":"accountability",
///   "state":{"state":"interview_held","on":"2023-09-27","supervised_on":"2023-09-01"}}"#;
/// let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
/// // D6 of the interview is 2023-10-07: grading poor on that day is too early.
/// let early = r#"{"event":"grade_poor","on":"2023-10-07"}"#;
/// let err = apply_json_with(WorkflowKind::Accountability, held, early, &policy, &cal)
///     .unwrap_err();
/// assert!(err.message(Language::English).contains("due by 2023-10-07"));
/// let late = r#"{"event":"grade_poor","on":"2023-10-09"}"#;
/// assert!(apply_json_with(WorkflowKind::Accountability, held, late, &policy, &cal)?
///     .contains("graded_poor"));
/// # Ok::<(), duban::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`] for a state or an event that cannot be read (a schema other
/// than `duban-state/1`, another kind, a field the state does not keep, a date that does
/// not exist), its place given in the text it is in; the machine's error (naming the state
/// and the event) when the event is not allowed; [`ErrorKind::OutsideCoverage`] when a
/// deadline the rule needs falls outside `calendar`.
pub fn apply_json_with(
    kind: WorkflowKind,
    state: &str,
    event: &str,
    policy: &Policy,
    calendar: &Calendar,
) -> Result<String> {
    fn go<W: Workflow>(
        state: &str,
        event: &str,
        policy: &Policy,
        calendar: &Calendar,
    ) -> Result<String> {
        let state = load::<W>(state)?;
        let event: W::Event = read(event, 0, event, EVENT_WORDS, false)?;
        store::<W>(W::apply_in(&state, &event, policy, calendar)?)
    }
    with_flow!(kind, W => go::<W>(state, event, policy, calendar))
}

/// What may happen next to a stored state on the day `as_of`, under the built-in policy
/// over the national calendar: [`next_json_with`] with [`Policy::ankang_2020`] and
/// [`Calendar::china`].
///
/// ```
/// use duban::{next_json, parse_date, WorkflowKind};
/// let s = r#"{"schema":"duban-state/1","kind":"escalation","state":{"state":"open"}}"#;
/// let next = next_json(WorkflowKind::Escalation, s, parse_date("2024-04-22")?)?;
/// assert!(next.contains(r#""allowed":["urge"]"#));
/// # Ok::<(), duban::Error>(())
/// ```
///
/// # Errors
///
/// As [`next_json_with`].
pub fn next_json(kind: WorkflowKind, state: &str, as_of: NaiveDate) -> Result<String> {
    next_json_with(
        kind,
        state,
        as_of,
        &Policy::ankang_2020(),
        &Calendar::china(),
    )
}

/// What may happen next to a stored state on the day `as_of` under `policy` over
/// `calendar`: `{"kind", "state", "label_zh", "label_en", "referred_on", "last_event_on",
/// "allowed": [EVENT NAMES]}`. `allowed` lists the events [`apply_json_with`] accepts now
/// ([`Workflow::allowed_in`]). `state` is where the workflow stands as the caseload check
/// names it: for an accountability case referred to the discipline and law enforcement
/// bodies (移送, which runs alongside the rest, Art. 12 (3)), the state of the rest of its
/// workflow, with the referral's day in `referred_on` (absent when not referred).
///
/// ```
/// use duban::{next_json_with, parse_date, Calendar, Policy, WorkflowKind};
/// let s = r#"{"schema":"duban-state/1","kind":"accountability","state":{"state":"referred",
///   "on":"2023-09-10","case":{"state":"key_supervision","on":"2023-09-01",
///   "triggers":["slow_progress"],"rectify_by":"2023-09-15"}}}"#;
/// let next = next_json_with(WorkflowKind::Accountability, s, parse_date("2023-09-18")?,
///                           &Policy::ankang_2020(), &Calendar::china())?;
/// assert!(next.contains(r#""state":"key_supervision""#));
/// assert!(next.contains(r#""referred_on":"2023-09-10""#));
/// # Ok::<(), duban::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`] for a state that cannot be read;
/// [`ErrorKind::OutsideCoverage`] for a day `calendar` does not cover.
pub fn next_json_with(
    kind: WorkflowKind,
    state: &str,
    as_of: NaiveDate,
    policy: &Policy,
    calendar: &Calendar,
) -> Result<String> {
    fn go<W: Workflow>(
        state: &str,
        as_of: NaiveDate,
        policy: &Policy,
        calendar: &Calendar,
    ) -> Result<String> {
        let state = load::<W>(state)?;
        // Every answer is counted from the as-of day, as in the check.
        calendar.is_workday(as_of)?;
        let label = W::state_label(W::case(&state));
        to_json(&Next {
            kind: W::KIND,
            state: label.name,
            label_zh: label.text(Language::Chinese),
            label_en: label.text(Language::English),
            referred_on: W::referred_on(&state),
            last_event_on: W::last_event_on(&state),
            allowed: W::allowed_in(&state, as_of, policy, calendar)
                .into_iter()
                .map(|l| l.name)
                .collect(),
        })
    }
    with_flow!(kind, W => go::<W>(state, as_of, policy, calendar))
}
