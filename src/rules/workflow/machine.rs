//! One shape for the four machines: the [`Workflow`] trait, the kinds of workflow, and a
//! versioned JSON form of states and events that a host system can store and send one event
//! at a time.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::transition::{self, Label};
use super::{
    accountability, escalation, inspection, report, words, AccountabilityEvent,
    AccountabilityState, EscalationEvent, EscalationGround, EscalationState, InspectionEvent,
    InspectionState, KeySupervisionTrigger, Remedy, ReportEvent, ReportState, ReturnReason,
};
use crate::{json_text, Article, Error, ErrorKind, Language, Result};

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

    /// The state after `event`; an error names the state and the event, in both languages.
    ///
    /// # Errors
    ///
    /// As the machine's own `apply`.
    fn apply(state: &Self::State, event: &Self::Event) -> Result<Self::State>;

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
        $sample:ident, start: $start:literal
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
            fn apply(state: &$state, event: &$event) -> Result<$state> {
                state.apply(event)
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
    sample_report, start: "ReportState::new()"
);
workflow!(
    InspectionFlow: Inspection, InspectionState, InspectionEvent, inspection::ARTICLE,
    words::INSPECTION, sample_inspection, start: "InspectionState::new(duban::AnnualPlan::Listed)"
);
workflow!(
    EscalationFlow: Escalation, EscalationState, EscalationEvent, escalation::ARTICLE,
    words::ESCALATION, sample_escalation, start: "EscalationState::new()"
);
workflow!(
    AccountabilityFlow: Accountability, AccountabilityState, AccountabilityEvent,
    accountability::ARTICLE, words::ACCOUNTABILITY, sample_accountability,
    start: "AccountabilityState::new()"
);

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
                    format!("未知的流程类型“{s}”，应为 report、inspection、escalation 或 accountability"),
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
    last_event_on: Option<NaiveDate>,
    allowed: Vec<&'static str>,
}

fn parse<T: DeserializeOwned>(text: &str, what_zh: &str, what_en: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        let (zh, en) = json_text::translate(&e);
        Error::new(
            ErrorKind::InvalidInput,
            format!("{what_zh}无效（第{}行第{}列）：{zh}", e.line(), e.column()),
            format!(
                "invalid {what_en} (line {}, column {}): {en}",
                e.line(),
                e.column()
            ),
        )
    })
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
    let text = head.state.to_string();
    parse(&text, "流程状态中的 state", "state in the workflow state")
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

fn head(state: &str) -> Result<Stored<serde_json::Value>> {
    let head: Stored<serde_json::Value> = parse(state, "流程状态", "workflow state")?;
    if head.schema != STATE_SCHEMA {
        return Err(Error::invalid_input(
            format!(
                "流程状态的 schema 为“{}”，本版本只能读取 {STATE_SCHEMA}",
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
/// [`ErrorKind::InvalidInput`] when `state` is not a state of that workflow.
pub fn stored_state(kind: WorkflowKind, state: &str) -> Result<String> {
    fn go<W: Workflow>(state: &str) -> Result<String> {
        store::<W>(parse(state, "流程状态", "workflow state")?)
    }
    with_flow!(kind, W => go::<W>(state))
}

/// Applies one event (its serde form, `{"event": NAME, "on": DATE, ...}`) to a stored state
/// and returns the next stored state.
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
/// # Ok::<(), duban::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`] for a state or an event that cannot be read (a schema other
/// than `duban-state/1`, another kind); the machine's error (naming the state and the
/// event) when the event is not allowed.
pub fn apply_json(kind: WorkflowKind, state: &str, event: &str) -> Result<String> {
    fn go<W: Workflow>(state: &str, event: &str) -> Result<String> {
        let state = load::<W>(state)?;
        let event: W::Event = parse(event, "流程事件", "workflow event")?;
        store::<W>(W::apply(&state, &event)?)
    }
    with_flow!(kind, W => go::<W>(state, event))
}

/// What may happen next to a stored state on the day `as_of`:
/// `{"kind", "state", "label_zh", "label_en", "last_event_on", "allowed": [EVENT NAMES]}`.
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
/// [`ErrorKind::InvalidInput`] for a state that cannot be read.
pub fn next_json(kind: WorkflowKind, state: &str, as_of: NaiveDate) -> Result<String> {
    fn go<W: Workflow>(state: &str, as_of: NaiveDate) -> Result<String> {
        let state = load::<W>(state)?;
        let label = W::state_label(&state);
        to_json(&Next {
            kind: W::KIND,
            state: label.name,
            label_zh: label.text(Language::Chinese),
            label_en: label.text(Language::English),
            last_event_on: W::last_event_on(&state),
            allowed: W::allowed(&state, as_of)
                .into_iter()
                .map(|l| l.name)
                .collect(),
        })
    }
    with_flow!(kind, W => go::<W>(state, as_of))
}
