//! Art. 4: escalating a hard matter to the Supervision Office (提级督查) with the
//! Secretary-General's consent.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::transition;
use super::EscalationFlow;
use crate::{Article, Error, ErrorKind, Language, MatterSource, Result};

/// The article the workflow implements.
pub(super) const ARTICLE: Article = Article::whole(4);

/// A feature of a matter that grounds its escalation (Art. 4).
///
/// “对于涉及面广、事关全局、综合性强、协调难度大且催办后落实效果不佳的事项，经市政府秘书长同意后，可转交市政府督查室提级督查。”
/// (A matter that is wide-reaching, overall, comprehensive or hard to coordinate, *and*
/// still poorly carried out after urging, may be escalated to the Supervision Office with
/// the Secretary-General's consent.)
///
/// The article joins the last feature with 且 (and): a request needs
/// [`IneffectiveAfterUrging`](EscalationGround::IneffectiveAfterUrging) and, under the
/// default reading ([`EscalationTest`]), at least one of the other four.
///
/// ```
/// use duban::{EscalationGround, Language};
/// assert_eq!(EscalationGround::HardToCoordinate.label(Language::Chinese), "协调难度大");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EscalationGround {
    /// 涉及面广.
    WideReaching,
    /// 事关全局.
    Overall,
    /// 综合性强.
    Comprehensive,
    /// 协调难度大.
    HardToCoordinate,
    /// 催办后落实效果不佳: always required.
    IneffectiveAfterUrging,
}

impl EscalationGround {
    /// Every ground, in the order of the article.
    ///
    /// ```
    /// assert_eq!(duban::EscalationGround::ALL.len(), 5);
    /// ```
    pub const ALL: &'static [EscalationGround] = &[
        EscalationGround::WideReaching,
        EscalationGround::Overall,
        EscalationGround::Comprehensive,
        EscalationGround::HardToCoordinate,
        EscalationGround::IneffectiveAfterUrging,
    ];

    /// The ground in words.
    ///
    /// ```
    /// use duban::{EscalationGround, Language};
    /// assert_eq!(EscalationGround::IneffectiveAfterUrging.label(Language::English),
    ///            "still ineffective after urging");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            EscalationGround::WideReaching => ("涉及面广", "wide-reaching"),
            EscalationGround::Overall => ("事关全局", "bears on the whole"),
            EscalationGround::Comprehensive => ("综合性强", "highly comprehensive"),
            EscalationGround::HardToCoordinate => ("协调难度大", "hard to coordinate"),
            EscalationGround::IneffectiveAfterUrging => {
                ("催办后落实效果不佳", "still ineffective after urging")
            }
        };
        language.pick(zh, en)
    }
}

/// Which grounds Art. 4 asks for, a reading of “涉及面广、事关全局、综合性强、协调难度大且催办后落实效果不佳”
/// (the policy parameter `escalation_grounds`).
///
/// The four features are joined by 、, which can list alternatives or a conjunction; the
/// last clause is joined by 且 (and), so ineffective urging is required under both readings.
///
/// ```
/// use duban::{EscalationTest, Language};
/// assert_eq!(EscalationTest::default(), EscalationTest::AnyFeatureAndUrging);
/// assert_eq!(serde_json::to_string(&EscalationTest::AllFeaturesAndUrging).unwrap(),
///            "\"all_features_and_urging\"");
/// assert!(EscalationTest::AllFeaturesAndUrging.label(Language::Chinese).contains("全部"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EscalationTest {
    /// At least one of the four features, and ineffective urging (the default).
    #[default]
    AnyFeatureAndUrging,
    /// All four features, and ineffective urging.
    AllFeaturesAndUrging,
}

impl EscalationTest {
    /// The reading in words.
    ///
    /// ```
    /// use duban::{EscalationTest, Language};
    /// assert_eq!(EscalationTest::AnyFeatureAndUrging.label(Language::English),
    ///            "any one of the four features, and ineffective after urging");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        match self {
            EscalationTest::AnyFeatureAndUrging => language.pick(
                "具备四项情形之一且催办后落实效果不佳",
                "any one of the four features, and ineffective after urging",
            ),
            EscalationTest::AllFeaturesAndUrging => language.pick(
                "四项情形全部具备且催办后落实效果不佳",
                "all four features, and ineffective after urging",
            ),
        }
    }
}

/// Where an escalation stands (Art. 4).
///
/// “对于涉及面广、事关全局、综合性强、协调难度大且催办后落实效果不佳的事项，经市政府秘书长同意后，可转交市政府督查室提级督查。”
/// (Such a matter, still ineffective after urging, may be handed to the Supervision Office
/// for escalated supervision once the Secretary-General consents.)
///
/// The urging (催办) is an event of its own: a request with no urging before it is refused,
/// since the article admits only matters still ineffective *after* urging. Which grounds a
/// request needs is the policy's [`EscalationTest`] ([`EscalationState::apply_under`]).
///
/// ```
/// use duban::{parse_date, EscalationEvent, EscalationGround, EscalationState};
/// let s = EscalationState::replay(&[
///     EscalationEvent::Urge { on: parse_date("2024-04-22")? },
///     EscalationEvent::RequestEscalation {
///         on: parse_date("2024-05-06")?,
///         grounds: vec![EscalationGround::HardToCoordinate, EscalationGround::IneffectiveAfterUrging],
///     },
///     EscalationEvent::Approve { on: parse_date("2024-05-08")? },
/// ])?;
/// assert!(s.is_escalated());
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum EscalationState {
    /// 督办中: supervised as usual, not urged yet.
    #[default]
    Open,
    /// 已催办: the matter has been urged (催办); escalation may be requested.
    Urged {
        /// The date of the latest urging.
        on: NaiveDate,
    },
    /// 已申请提级督查: escalation requested, awaiting the Secretary-General.
    Requested {
        /// The date of the request.
        on: NaiveDate,
        /// The grounds given.
        grounds: Vec<EscalationGround>,
    },
    /// 提级督查: the Secretary-General consented; the Supervision Office supervises it.
    Escalated {
        /// The date of the request.
        requested_on: NaiveDate,
        /// The grounds given.
        grounds: Vec<EscalationGround>,
        /// The date of consent.
        on: NaiveDate,
    },
    /// 未获同意: the Secretary-General declined; escalation may be requested again.
    Declined {
        /// The date of the request.
        requested_on: NaiveDate,
        /// The grounds given.
        grounds: Vec<EscalationGround>,
        /// The date it was declined.
        on: NaiveDate,
    },
}

/// What can happen in an escalation (Art. 4). Each event carries its date.
///
/// “经市政府秘书长同意后，可转交市政府督查室提级督查。”
/// (With the Secretary-General's consent, it may be escalated to the Supervision Office.)
///
/// ```
/// use duban::{parse_date, EscalationEvent};
/// let e = EscalationEvent::Decline { on: parse_date("2024-05-08")? };
/// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"event":"decline","on":"2024-05-08"}"#);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EscalationEvent {
    /// 催办: the section urges the unit (a request needs one before it).
    Urge {
        /// The date of the urging.
        on: NaiveDate,
    },
    /// 申请提级督查: escalation is requested, on the grounds of Art. 4.
    RequestEscalation {
        /// The date of the request.
        on: NaiveDate,
        /// The grounds: [`EscalationGround::IneffectiveAfterUrging`] and at least one other.
        grounds: Vec<EscalationGround>,
    },
    /// 秘书长同意: the Secretary-General consents.
    Approve {
        /// The date of consent.
        on: NaiveDate,
    },
    /// 秘书长不同意: the Secretary-General declines.
    Decline {
        /// The date it was declined.
        on: NaiveDate,
    },
}

impl EscalationEvent {
    /// The event's date.
    ///
    /// ```
    /// use duban::{parse_date, EscalationEvent};
    /// let on = parse_date("2024-05-08")?;
    /// assert_eq!(EscalationEvent::Decline { on }.on(), on);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn on(&self) -> NaiveDate {
        match self {
            EscalationEvent::Urge { on }
            | EscalationEvent::RequestEscalation { on, .. }
            | EscalationEvent::Approve { on }
            | EscalationEvent::Decline { on } => *on,
        }
    }
}

/// Which grounds a request lacks under `test`, in words: `None` when Art. 4 is satisfied.
fn missing_grounds(grounds: &[EscalationGround], test: EscalationTest) -> Option<(String, String)> {
    let ineffective = grounds.contains(&EscalationGround::IneffectiveAfterUrging);
    let features = &EscalationGround::ALL[..4];
    let present = features.iter().filter(|g| grounds.contains(g)).count();
    let (features_ok, others_zh, others_en) = match test {
        EscalationTest::AnyFeatureAndUrging => (
            present >= 1,
            "涉及面广、事关全局、综合性强、协调难度大中的至少一项",
            "at least one of wide_reaching, overall, comprehensive, hard_to_coordinate",
        ),
        EscalationTest::AllFeaturesAndUrging => (
            present == features.len(),
            "涉及面广、事关全局、综合性强、协调难度大全部四项（政策参数 escalation_grounds）",
            "all of wide_reaching, overall, comprehensive, hard_to_coordinate (policy parameter \
             escalation_grounds)",
        ),
    };
    let lacking: Vec<(&str, &str)> = [
        (!ineffective).then_some(("催办后落实效果不佳", "ineffective_after_urging")),
        (!features_ok).then_some((others_zh, others_en)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if lacking.is_empty() {
        return None;
    }
    let zh: Vec<&str> = lacking.iter().map(|(zh, _)| *zh).collect();
    let en: Vec<&str> = lacking.iter().map(|(_, en)| *en).collect();
    Some((
        format!("提级督查须具备第四条所列情形，缺少：{}", zh.join("；")),
        format!("Art. 4 grounds are missing: {}", en.join("; and ")),
    ))
}

impl EscalationFlow {
    /// The Art. 4 gate on a matter's source, the one place it is decided: a matter from an
    /// Art. 5 source is the Supervision Office's own (督查室督办), so it cannot be handed
    /// up to the Office (转交市政府督查室提级督查); a request to escalate it is refused. A
    /// matter from an Art. 6 source, or whose source is not known (`None`), may be.
    ///
    /// The caseload [`check`](crate::check) asks it for each `request_escalation` of a
    /// matter, with the matter's `source`; [`Workflow::apply_from`](super::Workflow::apply_from)
    /// and [`apply_json_with`](crate::apply_json_with) ask it with the source a stored
    /// state carries.
    ///
    /// “对于涉及面广、事关全局、综合性强、协调难度大且催办后落实效果不佳的事项，经市政府秘书长同意后，可转交市政府督查室提级督查。”
    ///
    /// ```
    /// use duban::{EscalationFlow, ErrorKind, Language, MatterSource};
    /// assert!(EscalationFlow::may_escalate(None).is_ok());
    /// assert!(EscalationFlow::may_escalate(Some(MatterSource::LeaderMeetingDecisions)).is_ok());
    /// let err = EscalationFlow::may_escalate(Some(MatterSource::MajorDecisions)).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::IllegalTransition);
    /// assert!(err.message(Language::Chinese).contains("不能转交市政府督查室提级督查（第四条）"));
    /// assert!(err.message(Language::English).contains("(major_decisions)"));
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::IllegalTransition`] for an Art. 5 source, naming it.
    pub fn may_escalate(source: Option<MatterSource>) -> Result<()> {
        let Some(source) = source.filter(|s| s.is_supervision_office()) else {
            return Ok(());
        };
        Err(Error::new(
            ErrorKind::IllegalTransition,
            format!(
                "该事项来源于{}（{}），本由市政府督查室督办，不能转交市政府督查室提级督查（第四条）",
                source.article().label(Language::Chinese),
                source.label(Language::Chinese)
            ),
            format!(
                "the matter comes from {} ({}), which the Supervision Office already supervises itself; it cannot be escalated to it (Art. 4)",
                source.article().label(Language::English),
                source.code()
            ),
        ))
    }

    /// [`EscalationFlow::may_escalate`] for a `request_escalation`, its refusal naming the
    /// state and the event as every refused step does; any other event is admitted
    /// whatever the source.
    pub(super) fn admits(
        state: &EscalationState,
        source: Option<MatterSource>,
        event: &EscalationEvent,
    ) -> Result<()> {
        match event {
            EscalationEvent::RequestEscalation { .. } => EscalationFlow::may_escalate(source)
                .map_err(|err| {
                    transition::illegal::<EscalationFlow>(
                        state,
                        event,
                        err.message(Language::Chinese),
                        err.message(Language::English),
                    )
                }),
            _ => Ok(()),
        }
    }
}

impl EscalationState {
    /// The first state: a matter supervised as usual, not urged yet.
    ///
    /// ```
    /// assert_eq!(duban::EscalationState::new(), duban::EscalationState::Open);
    /// ```
    pub fn new() -> EscalationState {
        EscalationState::Open
    }

    /// The date of the event that led to this state; `None` before any event.
    ///
    /// ```
    /// assert_eq!(duban::EscalationState::Open.last_event_on(), None);
    /// ```
    pub fn last_event_on(&self) -> Option<NaiveDate> {
        match self {
            EscalationState::Open => None,
            EscalationState::Urged { on }
            | EscalationState::Requested { on, .. }
            | EscalationState::Escalated { on, .. }
            | EscalationState::Declined { on, .. } => Some(*on),
        }
    }

    /// True once the Secretary-General has consented: the Supervision Office now supervises
    /// the matter.
    ///
    /// ```
    /// assert!(!duban::EscalationState::Open.is_escalated());
    /// ```
    pub fn is_escalated(&self) -> bool {
        matches!(self, EscalationState::Escalated { .. })
    }

    /// The state after `event` under the default reading of the grounds
    /// ([`EscalationTest::AnyFeatureAndUrging`]). Pure: `self` is unchanged.
    ///
    /// # Errors
    ///
    /// As [`EscalationState::apply_under`].
    ///
    /// ```
    /// use duban::{parse_date, EscalationEvent, EscalationGround, EscalationState, Language};
    /// let urged = EscalationState::new().apply(&EscalationEvent::Urge { on: parse_date("2024-04-22")? })?;
    /// let request = EscalationEvent::RequestEscalation {
    ///     on: parse_date("2024-05-06")?,
    ///     grounds: vec![EscalationGround::WideReaching],
    /// };
    /// let err = urged.apply(&request).unwrap_err();
    /// assert!(err.message(Language::English).contains("ineffective_after_urging"));
    /// assert!(err.message(Language::Chinese).contains("催办后落实效果不佳"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn apply(&self, event: &EscalationEvent) -> Result<EscalationState> {
        self.apply_under(event, EscalationTest::default())
    }

    /// The state after `event`, the grounds of a request read by `test` (the policy's
    /// `escalation_grounds`). Pure: `self` is unchanged.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::IllegalTransition`](crate::ErrorKind::IllegalTransition), naming the
    /// state and the event, when Art. 4 does not allow the event here: a request before
    /// any urging (催办); a request whose grounds fail `test` (the message names what is
    /// missing); an urging or a second request while one is pending; consent or refusal
    /// with no request pending; anything after escalation; an event dated before the event
    /// that led to this state.
    ///
    /// ```
    /// use duban::{parse_date, EscalationEvent as E, EscalationGround as G, EscalationState,
    ///             EscalationTest, Language};
    /// let urged = EscalationState::new().apply(&E::Urge { on: parse_date("2024-04-22")? })?;
    /// let request = E::RequestEscalation {
    ///     on: parse_date("2024-05-06")?,
    ///     grounds: vec![G::HardToCoordinate, G::IneffectiveAfterUrging],
    /// };
    /// assert!(urged.apply_under(&request, EscalationTest::AnyFeatureAndUrging).is_ok());
    /// let err = urged.apply_under(&request, EscalationTest::AllFeaturesAndUrging).unwrap_err();
    /// assert!(err.message(Language::English).contains("all of wide_reaching"));
    /// // No urging recorded: refused.
    /// assert!(EscalationState::new().apply(&request).is_err());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn apply_under(
        &self,
        event: &EscalationEvent,
        test: EscalationTest,
    ) -> Result<EscalationState> {
        use EscalationEvent as E;
        use EscalationState as S;
        let illegal =
            |zh: &str, en: &str| Err(transition::illegal::<EscalationFlow>(self, event, zh, en));
        let next = match (self, event) {
            (S::Open | S::Urged { .. } | S::Declined { .. }, E::Urge { on }) => {
                S::Urged { on: *on }
            }
            (S::Open, E::RequestEscalation { .. }) => {
                return illegal(
                    "尚未催办：第四条只允许催办后落实效果不佳的事项提级督查",
                    "the matter has not been urged: Art. 4 admits only matters still \
                     ineffective after urging",
                );
            }
            (S::Urged { .. } | S::Declined { .. }, E::RequestEscalation { on, grounds }) => {
                if let Some((zh, en)) = missing_grounds(grounds, test) {
                    return illegal(&zh, &en);
                }
                S::Requested {
                    on: *on,
                    grounds: grounds.clone(),
                }
            }
            (
                S::Open | S::Urged { .. } | S::Declined { .. },
                E::Approve { .. } | E::Decline { .. },
            ) => {
                return illegal("没有待审的提级督查申请", "no escalation request is pending");
            }
            (S::Requested { .. }, E::RequestEscalation { .. } | E::Urge { .. }) => {
                return illegal(
                    "已有提级督查申请待市政府秘书长审定",
                    "a request is already pending before the Secretary-General",
                );
            }
            (
                S::Requested {
                    on: requested,
                    grounds,
                },
                E::Approve { on },
            ) => S::Escalated {
                requested_on: *requested,
                grounds: grounds.clone(),
                on: *on,
            },
            (
                S::Requested {
                    on: requested,
                    grounds,
                },
                E::Decline { on },
            ) => S::Declined {
                requested_on: *requested,
                grounds: grounds.clone(),
                on: *on,
            },
            (
                S::Escalated { .. },
                E::Urge { .. }
                | E::RequestEscalation { .. }
                | E::Approve { .. }
                | E::Decline { .. },
            ) => {
                return illegal(
                    "该事项已转交市政府督查室提级督查",
                    "the matter is already escalated to the Supervision Office",
                );
            }
        };
        transition::in_order::<EscalationFlow>(self, event, next)
    }
}
