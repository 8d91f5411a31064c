//! Art. 12 (3): accountability of a responsible unit, from key supervision through the
//! interview to a poor grade, and referral at any stage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::transition;
use super::AccountabilityFlow;
use crate::{Article, Calendar, Consequence, Grade, Language, Obligation, Policy, Result};

/// The article the workflow implements.
pub(super) const ARTICLE: Article = Article::item(12, 3);

/// Why a unit is placed under key supervision (Art. 12 (3)).
///
/// “对重点工作、重大决策部署不重视、措施不力、推进缓慢或不按期报送进展情况、虚报瞒报的责任单位，由市政府督查室进行重点督办，责令限期整改。”
/// (A unit that neglects key work, takes weak measures, progresses slowly, does not report
/// on time, or reports falsely is put under key supervision and ordered to rectify by a
/// deadline.)
///
/// ```
/// use duban::{KeySupervisionTrigger, Language};
/// assert_eq!(KeySupervisionTrigger::FalseReporting.label(Language::Chinese), "虚报瞒报");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum KeySupervisionTrigger {
    /// 不重视.
    Neglect,
    /// 措施不力.
    WeakMeasures,
    /// 推进缓慢.
    SlowProgress,
    /// 不按期报送进展情况.
    LateReporting,
    /// 虚报瞒报.
    FalseReporting,
}

impl KeySupervisionTrigger {
    /// Every trigger, in the order of the article.
    ///
    /// ```
    /// assert_eq!(duban::KeySupervisionTrigger::ALL.len(), 5);
    /// ```
    pub const ALL: &'static [KeySupervisionTrigger] = &[
        KeySupervisionTrigger::Neglect,
        KeySupervisionTrigger::WeakMeasures,
        KeySupervisionTrigger::SlowProgress,
        KeySupervisionTrigger::LateReporting,
        KeySupervisionTrigger::FalseReporting,
    ];

    /// The trigger in words.
    ///
    /// ```
    /// use duban::{KeySupervisionTrigger, Language};
    /// assert_eq!(KeySupervisionTrigger::LateReporting.label(Language::English),
    ///            "progress not reported on time");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            KeySupervisionTrigger::Neglect => ("不重视", "neglect"),
            KeySupervisionTrigger::WeakMeasures => ("措施不力", "weak measures"),
            KeySupervisionTrigger::SlowProgress => ("推进缓慢", "slow progress"),
            KeySupervisionTrigger::LateReporting => {
                ("不按期报送进展情况", "progress not reported on time")
            }
            KeySupervisionTrigger::FalseReporting => ("虚报瞒报", "false or concealed reporting"),
        };
        language.pick(zh, en)
    }
}

/// Where an accountability case stands (Art. 12 (3)).
///
/// “对经重点督办仍不整改或整改不力的，由市政府督查室提出约谈意见，报经市政府同意后，由市政府分管领导对相关责任单位主要负责人进行约谈……被约谈单位主要负责人必须在约谈之日起一周内向市政府详细说明情况，提出切实可行的书面整改方案。对经约谈仍无明显进展的单位，直接认定为“较差”等次……对于工作落实中发现的失职渎职、违纪违法等问题，移送相关执纪执法部门。”
/// (A unit that does not rectify under key supervision is, on the Supervision Office's
/// proposal and with the city government's consent, interviewed by the leader in charge;
/// its head must submit a written rectification plan within a week; with no clear progress
/// after the interview it is graded poor directly; dereliction or law-breaking is referred
/// to the discipline and law enforcement bodies.)
///
/// The written plan's due date (D6, interview date plus one week) needs the calendar: it
/// is the obligation module's; this machine keeps the interview date it counts from.
///
/// ```
/// use duban::{parse_date, AccountabilityEvent as E, AccountabilityState, Consequence,
///             Grade, KeySupervisionTrigger};
/// let s = AccountabilityState::replay(&[
///     E::PlaceUnderKeySupervision {
///         on: parse_date("2023-09-01")?,
///         triggers: vec![KeySupervisionTrigger::SlowProgress],
///         rectify_by: parse_date("2023-09-15")?,
///     },
///     E::ProposeInterview { on: parse_date("2023-09-18")? },
///     E::ApproveInterview { on: parse_date("2023-09-20")? },
///     E::HoldInterview { on: parse_date("2023-09-27")? },
///     E::GradePoor { on: parse_date("2023-10-09")? },
/// ])?;
/// assert_eq!(s.grade(), Some(Grade::Poor));
/// assert_eq!(s.consequences(),
///            vec![Consequence::CriticisedCityWide, Consequence::ExposedInMedia]);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum AccountabilityState {
    /// 正常: no accountability measure.
    #[default]
    Normal,
    /// 重点督办: under key supervision, ordered to rectify by a deadline (限期整改).
    KeySupervision {
        /// The date of the order.
        on: NaiveDate,
        /// Why (at least one).
        triggers: Vec<KeySupervisionTrigger>,
        /// The rectification deadline.
        rectify_by: NaiveDate,
    },
    /// 已提出约谈意见: the Supervision Office proposed an interview.
    InterviewProposed {
        /// The date of the proposal.
        on: NaiveDate,
        /// The date key supervision began.
        supervised_on: NaiveDate,
    },
    /// 市政府已同意约谈: the city government consented to the interview.
    InterviewApproved {
        /// The date of consent.
        on: NaiveDate,
        /// The date key supervision began.
        supervised_on: NaiveDate,
    },
    /// 已约谈: the interview was held; the written plan is due within a week (D6).
    InterviewHeld {
        /// The date of the interview, from which the plan's week counts.
        on: NaiveDate,
        /// The date key supervision began.
        supervised_on: NaiveDate,
        /// The date the interview's result was reported to the mayor
        /// (约谈结果报市政府主要领导), once it is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        result_reported_on: Option<NaiveDate>,
    },
    /// 已提交书面整改方案: the written rectification plan is in.
    PlanSubmitted {
        /// The date the plan was submitted.
        on: NaiveDate,
        /// The date of the interview.
        interview_on: NaiveDate,
        /// The date key supervision began.
        supervised_on: NaiveDate,
        /// As in [`AccountabilityState::InterviewHeld`].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        result_reported_on: Option<NaiveDate>,
    },
    /// 已办结: rectified under key supervision, or clear progress after the interview.
    Resolved {
        /// The date of resolution.
        on: NaiveDate,
        /// The date of the interview; `None` when rectified without one.
        interview_on: Option<NaiveDate>,
        /// The date key supervision began.
        supervised_on: NaiveDate,
        /// As in [`AccountabilityState::InterviewHeld`].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        result_reported_on: Option<NaiveDate>,
    },
    /// 直接认定为“较差”等次: no clear progress after the interview; criticised city-wide
    /// and exposed in the media.
    GradedPoor {
        /// The date of the decision.
        on: NaiveDate,
        /// The date of the interview.
        interview_on: NaiveDate,
        /// The date key supervision began.
        supervised_on: NaiveDate,
        /// As in [`AccountabilityState::InterviewHeld`].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        result_reported_on: Option<NaiveDate>,
    },
    /// 已移送执纪执法部门: referred for dereliction or law-breaking, at any stage. The
    /// referral runs alongside the rest of the workflow and does not end it: later events
    /// move `case` on.
    Referred {
        /// The date of referral.
        on: NaiveDate,
        /// Where the rest of the workflow stands (the state it was in when referred, moved
        /// on by later events).
        case: Box<AccountabilityState>,
    },
}

/// What can happen in an accountability case (Art. 12 (3)). Each event carries its date.
///
/// “由市政府督查室进行重点督办，责令限期整改。对经重点督办仍不整改或整改不力的，由市政府督查室提出约谈意见，报经市政府同意后，由市政府分管领导……进行约谈。”
/// (Key supervision with a deadline; if not rectified, an interview is proposed, consented
/// to by the city government, and held by the leader in charge.)
///
/// ```
/// use duban::{parse_date, AccountabilityEvent};
/// let e = AccountabilityEvent::HoldInterview { on: parse_date("2023-09-27")? };
/// assert_eq!(serde_json::to_string(&e).unwrap(),
///            r#"{"event":"hold_interview","on":"2023-09-27"}"#);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AccountabilityEvent {
    /// 重点督办、责令限期整改.
    PlaceUnderKeySupervision {
        /// The date of the order.
        on: NaiveDate,
        /// Why (at least one).
        triggers: Vec<KeySupervisionTrigger>,
        /// The rectification deadline, not before `on`.
        rectify_by: NaiveDate,
    },
    /// 整改到位: rectified under key supervision.
    Rectify {
        /// The date rectification was confirmed.
        on: NaiveDate,
    },
    /// 提出约谈意见: not rectified, or poorly (仍不整改或整改不力).
    ProposeInterview {
        /// The date of the proposal.
        on: NaiveDate,
    },
    /// 报经市政府同意: the city government consents to the interview.
    ApproveInterview {
        /// The date of consent.
        on: NaiveDate,
    },
    /// 约谈: the leader in charge interviews the unit's head.
    HoldInterview {
        /// The date of the interview.
        on: NaiveDate,
    },
    /// 约谈结果报市政府主要领导: the interview's result is reported to the mayor.
    ReportInterviewResult {
        /// The date of the report.
        on: NaiveDate,
    },
    /// 提出书面整改方案: the unit's head submits the written plan.
    SubmitPlan {
        /// The date of submission.
        on: NaiveDate,
    },
    /// 取得明显进展: clear progress after the interview; the case is closed.
    Resolve {
        /// The date of the finding.
        on: NaiveDate,
    },
    /// 直接认定为“较差”等次: no clear progress after the interview (or no plan). Only
    /// after the written plan's deadline (D6) has passed:
    /// [`AccountabilityState::apply_in`] (with the policy and the calendar, as
    /// [`apply_json`](crate::apply_json) and [`check`](crate::check) call it) refuses it on
    /// or before D6; [`AccountabilityState::apply`], which has no calendar, refuses it only
    /// on or before the interview day.
    GradePoor {
        /// The date of the decision.
        on: NaiveDate,
    },
    /// 移送相关执纪执法部门: dereliction or law-breaking found.
    Refer {
        /// The date of referral.
        on: NaiveDate,
    },
}

impl AccountabilityEvent {
    /// The event's date.
    ///
    /// ```
    /// use duban::{parse_date, AccountabilityEvent};
    /// let on = parse_date("2023-09-27")?;
    /// assert_eq!(AccountabilityEvent::Refer { on }.on(), on);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn on(&self) -> NaiveDate {
        use AccountabilityEvent as E;
        match self {
            E::PlaceUnderKeySupervision { on, .. }
            | E::Rectify { on }
            | E::ProposeInterview { on }
            | E::ApproveInterview { on }
            | E::HoldInterview { on }
            | E::ReportInterviewResult { on }
            | E::SubmitPlan { on }
            | E::Resolve { on }
            | E::GradePoor { on }
            | E::Refer { on } => *on,
        }
    }
}

impl AccountabilityState {
    /// The first state: no accountability measure.
    ///
    /// ```
    /// assert_eq!(duban::AccountabilityState::new(), duban::AccountabilityState::Normal);
    /// ```
    pub fn new() -> AccountabilityState {
        AccountabilityState::Normal
    }

    /// The date of the event that led to this state; `None` before any event.
    ///
    /// ```
    /// use duban::{parse_date, AccountabilityEvent, AccountabilityState};
    /// let on = parse_date("2023-09-27")?;
    /// let s = AccountabilityState::new().apply(&AccountabilityEvent::Refer { on })?;
    /// assert_eq!(s.last_event_on(), Some(on));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_event_on(&self) -> Option<NaiveDate> {
        use AccountabilityState as S;
        match self {
            S::Normal => None,
            S::KeySupervision { on, .. }
            | S::InterviewProposed { on, .. }
            | S::InterviewApproved { on, .. } => Some(*on),
            S::InterviewHeld {
                on,
                result_reported_on,
                ..
            }
            | S::PlanSubmitted {
                on,
                result_reported_on,
                ..
            }
            | S::Resolved {
                on,
                result_reported_on,
                ..
            }
            | S::GradedPoor {
                on,
                result_reported_on,
                ..
            } => Some(result_reported_on.map_or(*on, |r| r.max(*on))),
            S::Referred { on, case } => Some(case.last_event_on().map_or(*on, |c| c.max(*on))),
        }
    }

    /// The date of the interview, once held: the day from which the written plan's week
    /// counts (D6), and an entry of the year-end summary (Art. 12 (4)).
    ///
    /// ```
    /// assert_eq!(duban::AccountabilityState::Normal.interview_on(), None);
    /// ```
    pub fn interview_on(&self) -> Option<NaiveDate> {
        use AccountabilityState as S;
        match self {
            S::Normal
            | S::KeySupervision { .. }
            | S::InterviewProposed { .. }
            | S::InterviewApproved { .. } => None,
            S::InterviewHeld { on, .. } => Some(*on),
            S::PlanSubmitted { interview_on, .. } | S::GradedPoor { interview_on, .. } => {
                Some(*interview_on)
            }
            S::Resolved { interview_on, .. } => *interview_on,
            S::Referred { case, .. } => case.interview_on(),
        }
    }

    /// The grade the case has fixed: [`Grade::Poor`] once graded poor directly (also when
    /// referred afterwards); `None` otherwise (the grade is then the evaluation's).
    ///
    /// ```
    /// assert_eq!(duban::AccountabilityState::Normal.grade(), None);
    /// ```
    pub fn grade(&self) -> Option<Grade> {
        match self {
            AccountabilityState::GradedPoor { .. } => Some(Grade::Poor),
            AccountabilityState::Referred { case, .. } => case.grade(),
            AccountabilityState::Normal
            | AccountabilityState::KeySupervision { .. }
            | AccountabilityState::InterviewProposed { .. }
            | AccountabilityState::InterviewApproved { .. }
            | AccountabilityState::InterviewHeld { .. }
            | AccountabilityState::PlanSubmitted { .. }
            | AccountabilityState::Resolved { .. } => None,
        }
    }

    /// What Art. 12 (3) attaches to this state: a unit graded poor directly is criticised
    /// city-wide and exposed in the media, beyond what [`Grade::consequences`] gives for
    /// the grade itself; a referred case adds the referral to what the state it came from
    /// brought.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use duban::{parse_date, AccountabilityEvent, AccountabilityState, Consequence};
    /// let s = AccountabilityState::new().apply(&AccountabilityEvent::Refer { on: parse_date("2023-09-27")? })?;
    /// assert_eq!(s.consequences(), vec![Consequence::ReferredForDiscipline]);
    /// assert!(AccountabilityState::Normal.consequences().is_empty());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn consequences(&self) -> Vec<Consequence> {
        use AccountabilityState as S;
        match self {
            S::GradedPoor { .. } => {
                let mut all = Grade::Poor.consequences();
                all.extend([Consequence::CriticisedCityWide, Consequence::ExposedInMedia]);
                all
            }
            S::Referred { case, .. } => {
                let mut all = case.consequences();
                all.push(Consequence::ReferredForDiscipline);
                all
            }
            S::Normal
            | S::KeySupervision { .. }
            | S::InterviewProposed { .. }
            | S::InterviewApproved { .. }
            | S::InterviewHeld { .. }
            | S::PlanSubmitted { .. }
            | S::Resolved { .. } => Vec::new(),
        }
    }

    /// The date the interview's result was reported to the mayor (约谈结果报市政府主要领导),
    /// once it is; `None` before the interview and while it is not reported.
    ///
    /// ```
    /// use duban::{parse_date, AccountabilityEvent as E, AccountabilityState, KeySupervisionTrigger};
    /// let held = AccountabilityState::replay(&[
    ///     E::PlaceUnderKeySupervision {
    ///         on: parse_date("2023-09-01")?,
    ///         triggers: vec![KeySupervisionTrigger::SlowProgress],
    ///         rectify_by: parse_date("2023-09-15")?,
    ///     },
    ///     E::ProposeInterview { on: parse_date("2023-09-18")? },
    ///     E::ApproveInterview { on: parse_date("2023-09-20")? },
    ///     E::HoldInterview { on: parse_date("2023-09-27")? },
    /// ])?;
    /// assert_eq!(held.interview_result_reported_on(), None);
    /// let reported = held.apply(&E::ReportInterviewResult { on: parse_date("2023-09-28")? })?;
    /// assert_eq!(reported.interview_result_reported_on(), Some(parse_date("2023-09-28")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn interview_result_reported_on(&self) -> Option<NaiveDate> {
        use AccountabilityState as S;
        match self {
            S::InterviewHeld {
                result_reported_on, ..
            }
            | S::PlanSubmitted {
                result_reported_on, ..
            }
            | S::Resolved {
                result_reported_on, ..
            }
            | S::GradedPoor {
                result_reported_on, ..
            } => *result_reported_on,
            S::Referred { case, .. } => case.interview_result_reported_on(),
            S::Normal
            | S::KeySupervision { .. }
            | S::InterviewProposed { .. }
            | S::InterviewApproved { .. } => None,
        }
    }

    /// The date of the referral to the discipline and law enforcement bodies, if any.
    ///
    /// ```
    /// use duban::{parse_date, AccountabilityEvent, AccountabilityState};
    /// let on = parse_date("2023-09-27")?;
    /// let s = AccountabilityState::new().apply(&AccountabilityEvent::Refer { on })?;
    /// assert_eq!(s.referred_on(), Some(on));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn referred_on(&self) -> Option<NaiveDate> {
        match self {
            AccountabilityState::Referred { on, .. } => Some(*on),
            _ => None,
        }
    }

    /// Where the workflow stands apart from a referral: the state itself, or, once
    /// referred, the state the rest of the workflow has reached.
    ///
    /// ```
    /// use duban::{parse_date, AccountabilityEvent, AccountabilityState};
    /// let s = AccountabilityState::new().apply(&AccountabilityEvent::Refer { on: parse_date("2023-09-27")? })?;
    /// assert_eq!(s.case(), &AccountabilityState::Normal);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn case(&self) -> &AccountabilityState {
        match self {
            AccountabilityState::Referred { case, .. } => case,
            other => other,
        }
    }

    /// The date of the direct 较差 grading, if the case reached it.
    ///
    /// ```
    /// assert_eq!(duban::AccountabilityState::Normal.graded_poor_on(), None);
    /// ```
    pub fn graded_poor_on(&self) -> Option<NaiveDate> {
        match self.case() {
            AccountabilityState::GradedPoor { on, .. } => Some(*on),
            _ => None,
        }
    }

    /// The state after `event`. Pure: `self` is unchanged.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::IllegalTransition`](crate::ErrorKind::IllegalTransition), naming the
    /// state and the event, when Art. 12 (3) does not allow the event here: proposing an
    /// interview without key supervision or before the rectification deadline (经重点督办
    /// 仍不整改: key supervision must have had its time), approving one never proposed,
    /// interviewing before approval, reporting the result of an interview not held (or
    /// twice), a plan before the interview, resolving before the plan, grading poor before
    /// or on the interview day, key supervision without a trigger or twice, a second
    /// referral, anything but a referral or the report of the result after the case closed;
    /// an event dated before the latest event so far. A referral runs alongside: after it,
    /// the other events apply to the rest of the workflow as before.
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) when a rectification
    /// deadline comes before the order that sets it.
    ///
    /// ```
    /// use duban::{parse_date, AccountabilityEvent as E, AccountabilityState, ErrorKind,
    ///             KeySupervisionTrigger, Language};
    /// let err = AccountabilityState::new()
    ///     .apply(&E::HoldInterview { on: parse_date("2023-09-27")? })
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::IllegalTransition);
    /// assert!(err.message(Language::English).starts_with("cannot hold_interview on 2023-09-27 in state normal"));
    ///
    /// // An interview may be proposed only once the rectification deadline has come.
    /// let supervised = AccountabilityState::new().apply(&E::PlaceUnderKeySupervision {
    ///     on: parse_date("2023-09-01")?,
    ///     triggers: vec![KeySupervisionTrigger::LateReporting],
    ///     rectify_by: parse_date("2023-09-15")?,
    /// })?;
    /// assert!(supervised.apply(&E::ProposeInterview { on: parse_date("2023-09-14")? }).is_err());
    /// assert!(supervised.apply(&E::ProposeInterview { on: parse_date("2023-09-15")? }).is_ok());
    ///
    /// // A referral does not end the workflow.
    /// let referred = supervised.apply(&E::Refer { on: parse_date("2023-09-10")? })?;
    /// let rectified = referred.apply(&E::Rectify { on: parse_date("2023-09-14")? })?;
    /// assert_eq!(rectified.case().name(), "resolved");
    /// assert_eq!(rectified.referred_on(), Some(parse_date("2023-09-10")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn apply(&self, event: &AccountabilityEvent) -> Result<AccountabilityState> {
        self.step(event, None)
    }

    /// The state after `event` under `policy` over `calendar`: as [`apply`](Self::apply),
    /// and a unit is graded poor only once the written plan's deadline (D6, counted from
    /// the interview under `policy` over `calendar`) has passed — the one rule that both
    /// this step and the caseload [`check`](crate::check) apply. Pure: `self` is unchanged.
    ///
    /// # Errors
    ///
    /// As [`apply`](Self::apply); grading poor on or before D6 is an
    /// [`ErrorKind::IllegalTransition`](crate::ErrorKind::IllegalTransition) naming D6;
    /// D6 outside the calendar is
    /// [`ErrorKind::OutsideCoverage`](crate::ErrorKind::OutsideCoverage).
    ///
    /// ```
    /// use duban::{parse_date, AccountabilityEvent as E, AccountabilityState, Calendar,
    ///             KeySupervisionTrigger, Language, Policy};
    /// let held = AccountabilityState::replay(&[
    ///     E::PlaceUnderKeySupervision {
    ///         on: parse_date("2023-09-01")?,
    ///         triggers: vec![KeySupervisionTrigger::SlowProgress],
    ///         rectify_by: parse_date("2023-09-15")?,
    ///     },
    ///     E::ProposeInterview { on: parse_date("2023-09-18")? },
    ///     E::ApproveInterview { on: parse_date("2023-09-20")? },
    ///     E::HoldInterview { on: parse_date("2023-09-27")? },
    /// ])?;
    /// let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    /// // D6: 2023-10-04 is a holiday, rolled to the make-up working day 2023-10-07.
    /// let early = E::GradePoor { on: parse_date("2023-10-07")? };
    /// assert!(held.apply(&early).is_ok()); // no calendar: only the interview day is refused
    /// let err = held.apply_in(&early, &policy, &cal).unwrap_err();
    /// assert!(err.message(Language::Chinese).contains("2023-10-07"));
    /// assert!(held.apply_in(&E::GradePoor { on: parse_date("2023-10-08")? }, &policy, &cal).is_ok());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn apply_in(
        &self,
        event: &AccountabilityEvent,
        policy: &Policy,
        calendar: &Calendar,
    ) -> Result<AccountabilityState> {
        self.step(event, Some((policy, calendar)))
    }

    /// [`apply`](Self::apply), with the D6 gate when `rules` are given.
    fn step(
        &self,
        event: &AccountabilityEvent,
        rules: Option<(&Policy, &Calendar)>,
    ) -> Result<AccountabilityState> {
        use AccountabilityEvent as E;
        use AccountabilityState as S;
        let illegal = |zh: &str, en: &str| {
            Err(transition::illegal::<AccountabilityFlow>(
                self, event, zh, en,
            ))
        };
        // A referral runs alongside: the rest of the workflow goes on inside it.
        if let S::Referred { on, case } = self {
            if let E::Refer { .. } = event {
                return illegal(
                    "已移送相关执纪执法部门",
                    "the case has already been referred",
                );
            }
            transition::check_order::<AccountabilityFlow>(self, event)?;
            let next = case.step(event, rules).map_err(|inner| {
                let rewrap = match inner.kind() {
                    crate::ErrorKind::IllegalTransition => {
                        transition::illegal::<AccountabilityFlow>
                    }
                    crate::ErrorKind::InvalidInput => transition::invalid::<AccountabilityFlow>,
                    _ => return inner,
                };
                {
                    rewrap(
                        self,
                        event,
                        &format!(
                            "移送之外的督办流程不允许：{}",
                            inner.message(Language::Chinese)
                        ),
                        &format!(
                            "the workflow going on beside the referral does not allow it: {}",
                            inner.message(Language::English)
                        ),
                    )
                }
            })?;
            return Ok(S::Referred {
                on: *on,
                case: Box::new(next),
            });
        }
        let not_supervised = || {
            illegal(
                "该单位未被重点督办",
                "the unit is not under key supervision",
            )
        };
        let no_proposal = || illegal("尚未提出约谈意见", "no interview has been proposed");
        let not_approved = || {
            illegal(
                "约谈意见尚未报经市政府同意",
                "the city government has not consented to an interview",
            )
        };
        let no_interview = || illegal("尚未约谈", "no interview has been held");
        let no_plan = || {
            illegal(
                "尚未提出书面整改方案",
                "no written rectification plan has been submitted",
            )
        };
        let closed = || illegal("该事项已办结或已认定等次", "the case is closed");
        let supervision_ongoing = || {
            illegal(
                "重点督办已在进行中",
                "the unit is already under key supervision or further along",
            )
        };
        let already_reported = || {
            illegal(
                "约谈结果已报市政府主要领导",
                "the interview's result has already been reported",
            )
        };
        let next = match (self, event) {
            (S::Referred { .. }, _) => return illegal("已移送", "already referred"),
            (_, E::Refer { on }) => S::Referred {
                on: *on,
                case: Box::new(self.clone()),
            },

            (
                S::Normal,
                E::PlaceUnderKeySupervision {
                    on,
                    triggers,
                    rectify_by,
                },
            ) => {
                if triggers.is_empty() {
                    return illegal(
                        "重点督办须有第十二条第（三）项所列情形（不重视、措施不力、推进缓慢、不按期报送进展情况、虚报瞒报）之一",
                        "key supervision needs at least one trigger (neglect, weak_measures, \
                         slow_progress, late_reporting, false_reporting)",
                    );
                }
                if rectify_by < on {
                    return Err(transition::invalid::<AccountabilityFlow>(
                        self,
                        event,
                        &format!("整改期限{rectify_by}早于督办日期"),
                        &format!("the rectification deadline {rectify_by} is before the order"),
                    ));
                }
                S::KeySupervision {
                    on: *on,
                    triggers: triggers.clone(),
                    rectify_by: *rectify_by,
                }
            }
            (S::Normal, E::Rectify { .. } | E::ProposeInterview { .. }) => return not_supervised(),
            (S::Normal, E::ApproveInterview { .. }) => return no_proposal(),
            (S::Normal, E::HoldInterview { .. }) => return not_approved(),
            (
                S::Normal
                | S::KeySupervision { .. }
                | S::InterviewProposed { .. }
                | S::InterviewApproved { .. },
                E::SubmitPlan { .. }
                | E::Resolve { .. }
                | E::GradePoor { .. }
                | E::ReportInterviewResult { .. },
            ) => return no_interview(),

            (S::KeySupervision { on: s, .. }, E::Rectify { on }) => S::Resolved {
                on: *on,
                interview_on: None,
                supervised_on: *s,
                result_reported_on: None,
            },
            (
                S::KeySupervision {
                    on: s, rectify_by, ..
                },
                E::ProposeInterview { on },
            ) => {
                // An event out of order is refused as such below.
                if on >= s && on < rectify_by {
                    return illegal(
                        &format!(
                            "整改期限{rectify_by}未到：约谈只适用于经重点督办仍不整改或整改不力的单位"
                        ),
                        &format!(
                            "the rectification deadline {rectify_by} has not come: an interview \
                             is only for a unit that key supervision has not brought to rectify"
                        ),
                    );
                }
                S::InterviewProposed {
                    on: *on,
                    supervised_on: *s,
                }
            }
            (S::KeySupervision { .. }, E::ApproveInterview { .. }) => return no_proposal(),
            (S::KeySupervision { .. }, E::HoldInterview { .. }) => return not_approved(),

            (S::InterviewProposed { supervised_on, .. }, E::ApproveInterview { on }) => {
                S::InterviewApproved {
                    on: *on,
                    supervised_on: *supervised_on,
                }
            }
            (S::InterviewProposed { .. }, E::HoldInterview { .. }) => return not_approved(),

            (S::InterviewApproved { supervised_on, .. }, E::HoldInterview { on }) => {
                S::InterviewHeld {
                    on: *on,
                    supervised_on: *supervised_on,
                    result_reported_on: None,
                }
            }
            (S::InterviewApproved { .. }, E::ApproveInterview { .. }) => {
                return illegal("市政府已同意约谈", "the interview is already approved");
            }

            // The result of a held interview is reported once, at any later stage.
            (
                S::InterviewHeld {
                    result_reported_on: Some(_),
                    ..
                }
                | S::PlanSubmitted {
                    result_reported_on: Some(_),
                    ..
                }
                | S::Resolved {
                    result_reported_on: Some(_),
                    ..
                }
                | S::GradedPoor {
                    result_reported_on: Some(_),
                    ..
                },
                E::ReportInterviewResult { .. },
            ) => return already_reported(),
            (
                S::Resolved {
                    interview_on: None, ..
                },
                E::ReportInterviewResult { .. },
            ) => return no_interview(),
            (state, E::ReportInterviewResult { on }) => {
                let mut next = state.clone();
                match &mut next {
                    S::InterviewHeld {
                        result_reported_on, ..
                    }
                    | S::PlanSubmitted {
                        result_reported_on, ..
                    }
                    | S::Resolved {
                        result_reported_on, ..
                    }
                    | S::GradedPoor {
                        result_reported_on, ..
                    } => *result_reported_on = Some(*on),
                    S::Normal
                    | S::KeySupervision { .. }
                    | S::InterviewProposed { .. }
                    | S::InterviewApproved { .. }
                    | S::Referred { .. } => return no_interview(),
                }
                next
            }

            (
                S::InterviewHeld {
                    on: interview,
                    supervised_on,
                    result_reported_on,
                },
                E::SubmitPlan { on },
            ) => S::PlanSubmitted {
                on: *on,
                interview_on: *interview,
                supervised_on: *supervised_on,
                result_reported_on: *result_reported_on,
            },
            (
                S::InterviewHeld {
                    on: interview,
                    supervised_on,
                    result_reported_on,
                }
                | S::PlanSubmitted {
                    interview_on: interview,
                    supervised_on,
                    result_reported_on,
                    ..
                },
                E::GradePoor { on },
            ) => {
                let in_order = self.last_event_on().map_or(true, |last| *on >= last);
                if let (true, Some((policy, calendar))) = (in_order, rules) {
                    // “对经约谈仍无明显进展的单位，直接认定为‘较差’等次”: only once the
                    // written plan's week (D6) has passed.
                    let plan_due = Obligation::RectificationPlan {
                        interview: *interview,
                    }
                    .deadline(policy, calendar)?
                    .due();
                    if *on <= plan_due {
                        return illegal(
                            &format!(
                                "认定为“较差”等次过早：书面整改方案期限{plan_due}（约谈{interview}之日起一周）尚未届满"
                            ),
                            &format!(
                                "graded poor too early: the written plan is due by {plan_due} \
                                 (one week from the interview on {interview})"
                            ),
                        );
                    }
                }
                if in_order && on <= interview {
                    return illegal(
                        &format!(
                            "约谈（{interview}）之后须待书面整改方案期限届满仍无明显进展，方可认定为“较差”等次"
                        ),
                        &format!(
                            "a unit is graded poor only when the written plan's deadline after \
                             the interview ({interview}) has passed without clear progress"
                        ),
                    );
                }
                S::GradedPoor {
                    on: *on,
                    interview_on: *interview,
                    supervised_on: *supervised_on,
                    result_reported_on: *result_reported_on,
                }
            }
            (S::InterviewHeld { .. }, E::Resolve { .. }) => return no_plan(),
            (S::InterviewHeld { .. } | S::PlanSubmitted { .. }, E::ApproveInterview { .. }) => {
                return illegal(
                    "约谈已经同意并已举行",
                    "the interview has been approved and held",
                );
            }
            (S::InterviewHeld { .. } | S::PlanSubmitted { .. }, E::HoldInterview { .. }) => {
                return illegal("约谈已经举行", "the interview has already been held");
            }

            (
                S::PlanSubmitted {
                    interview_on,
                    supervised_on,
                    result_reported_on,
                    ..
                },
                E::Resolve { on },
            ) => S::Resolved {
                on: *on,
                interview_on: Some(*interview_on),
                supervised_on: *supervised_on,
                result_reported_on: *result_reported_on,
            },
            (S::PlanSubmitted { .. }, E::SubmitPlan { .. }) => {
                return illegal(
                    "书面整改方案已经提出",
                    "the written plan has already been submitted",
                );
            }

            (
                S::KeySupervision { .. }
                | S::InterviewProposed { .. }
                | S::InterviewApproved { .. }
                | S::InterviewHeld { .. }
                | S::PlanSubmitted { .. },
                E::PlaceUnderKeySupervision { .. },
            ) => return supervision_ongoing(),
            (
                S::InterviewProposed { .. }
                | S::InterviewApproved { .. }
                | S::InterviewHeld { .. }
                | S::PlanSubmitted { .. },
                E::Rectify { .. } | E::ProposeInterview { .. },
            ) => {
                return illegal(
                    "已进入约谈程序",
                    "the case has already moved on to an interview",
                );
            }
            (
                S::Resolved { .. } | S::GradedPoor { .. },
                E::PlaceUnderKeySupervision { .. }
                | E::Rectify { .. }
                | E::ProposeInterview { .. }
                | E::ApproveInterview { .. }
                | E::HoldInterview { .. }
                | E::SubmitPlan { .. }
                | E::Resolve { .. }
                | E::GradePoor { .. },
            ) => return closed(),
        };
        transition::in_order::<AccountabilityFlow>(self, event, next)
    }
}
