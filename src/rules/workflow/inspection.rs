//! Art. 10: an inspection (督查检查事项) from proposal to being carried out, with the
//! application, approval and filing that an unplanned one needs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::transition;
use super::InspectionFlow;
use crate::{Article, Language, Result};

/// The article the workflow implements.
pub(super) const ARTICLE: Article = Article::whole(10);

/// Whether an inspection is listed in the annual plan (Art. 10).
///
/// “市政府督查室会同市委督查室、市考核办联合制定《市级部门督查检查考核年度计划》，未列入《年度计划》的督查检查事项，不得自行组织开展。”
/// (Inspections not listed in the joint annual plan may not be organised on one's own.)
///
/// ```
/// use duban::{AnnualPlan, InspectionState, Language};
/// assert_eq!(AnnualPlan::NotListed.label(Language::Chinese), "未列入《年度计划》");
/// assert_eq!(InspectionState::new(AnnualPlan::Listed), InspectionState::Planned);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AnnualPlan {
    /// 列入《年度计划》: may be carried out; needs no application.
    Listed,
    /// 未列入《年度计划》: needs application, approval and filing.
    NotListed,
}

impl AnnualPlan {
    /// In words.
    ///
    /// ```
    /// use duban::{AnnualPlan, Language};
    /// assert_eq!(AnnualPlan::Listed.label(Language::English), "listed in the annual plan");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        match self {
            AnnualPlan::Listed => language.pick("列入《年度计划》", "listed in the annual plan"),
            AnnualPlan::NotListed => {
                language.pick("未列入《年度计划》", "not listed in the annual plan")
            }
        }
    }
}

/// Where an inspection stands (Art. 10).
///
/// “未列入《年度计划》的督查检查事项，不得自行组织开展。确因特殊情况需要开展的，应提前7个工作日向市政府督查室申报，经市政府分管领导审批后方可实施，并由市政府督查室报市委督查室备案。”
/// (An inspection outside the annual plan may not be organised on one's own; where truly
/// needed, apply to the Supervision Office 7 working days ahead; it may be carried out only
/// after the leader in charge approves it, and the Supervision Office files it with the
/// party committee supervision office.)
///
/// The machine checks the order of things; whether the application came 7 working days
/// ahead (D4) is the obligation module's question, since it needs the calendar. Filing may
/// come before or after the start: the article makes approval, not filing, the condition
/// of carrying out.
///
/// ```
/// use duban::{parse_date, AnnualPlan, InspectionEvent, InspectionState};
/// let s = InspectionState::replay(AnnualPlan::NotListed, &[
///     InspectionEvent::Apply { on: parse_date("2023-09-25")? },
///     InspectionEvent::Approve { on: parse_date("2023-09-28")? },
///     InspectionEvent::File { on: parse_date("2023-10-07")? },
///     InspectionEvent::Start { on: parse_date("2023-10-16")? },
/// ])?;
/// assert_eq!(s.name(), "carried_out");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum InspectionState {
    /// 已列入年度计划: may be carried out; needs no application.
    Planned,
    /// 拟开展（未列入年度计划）: may not be carried out until approved.
    Proposed,
    /// 已申报: applied for to the Supervision Office.
    Applied {
        /// The date of application.
        on: NaiveDate,
    },
    /// 已审批: approved by the leader in charge; may be carried out.
    Approved {
        /// The date of application.
        applied_on: NaiveDate,
        /// The date of approval.
        on: NaiveDate,
    },
    /// 未获批准: refused; may not be carried out. A new application is a new inspection.
    Rejected {
        /// The date of application.
        applied_on: NaiveDate,
        /// The date of refusal.
        on: NaiveDate,
    },
    /// 已备案: the approval is filed with the party committee supervision office.
    Filed {
        /// The date of application.
        applied_on: NaiveDate,
        /// The date of approval.
        approved_on: NaiveDate,
        /// The date of filing.
        on: NaiveDate,
    },
    /// 已实施: carried out.
    CarriedOut {
        /// The date it started.
        on: NaiveDate,
        /// The date of application; `None` for an inspection in the annual plan.
        applied_on: Option<NaiveDate>,
        /// The date of approval; `None` for an inspection in the annual plan.
        approved_on: Option<NaiveDate>,
        /// The date of filing, if filed (before or after the start).
        filed_on: Option<NaiveDate>,
    },
}

/// What can happen to an inspection (Art. 10). Each event carries its date.
///
/// “应提前7个工作日向市政府督查室申报，经市政府分管领导审批后方可实施，并由市政府督查室报市委督查室备案。”
/// (Apply 7 working days ahead; carry out only after approval; the approval is filed.)
///
/// ```
/// use duban::{parse_date, InspectionEvent};
/// let e = InspectionEvent::Start { on: parse_date("2023-10-16")? };
/// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"event":"start","on":"2023-10-16"}"#);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum InspectionEvent {
    /// 申报: the department applies to the Supervision Office.
    Apply {
        /// The date of application.
        on: NaiveDate,
    },
    /// 审批同意: the leader in charge approves.
    Approve {
        /// The date of approval.
        on: NaiveDate,
    },
    /// 不予批准: the leader in charge refuses.
    Reject {
        /// The date of refusal.
        on: NaiveDate,
    },
    /// 备案: the Supervision Office files the approval with the party committee supervision
    /// office.
    File {
        /// The date of filing.
        on: NaiveDate,
    },
    /// 组织开展: the inspection is carried out.
    Start {
        /// The date it starts.
        on: NaiveDate,
    },
}

impl InspectionEvent {
    /// The event's date.
    ///
    /// ```
    /// use duban::{parse_date, InspectionEvent};
    /// let on = parse_date("2023-09-25")?;
    /// assert_eq!(InspectionEvent::Apply { on }.on(), on);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn on(&self) -> NaiveDate {
        match self {
            InspectionEvent::Apply { on }
            | InspectionEvent::Approve { on }
            | InspectionEvent::Reject { on }
            | InspectionEvent::File { on }
            | InspectionEvent::Start { on } => *on,
        }
    }
}

impl InspectionState {
    /// The first state of an inspection: [`Planned`](InspectionState::Planned) when it is in
    /// the annual plan, [`Proposed`](InspectionState::Proposed) when it is not.
    ///
    /// ```
    /// use duban::{AnnualPlan, InspectionState};
    /// assert_eq!(InspectionState::new(AnnualPlan::NotListed), InspectionState::Proposed);
    /// ```
    pub fn new(plan: AnnualPlan) -> InspectionState {
        match plan {
            AnnualPlan::Listed => InspectionState::Planned,
            AnnualPlan::NotListed => InspectionState::Proposed,
        }
    }

    /// The date of the latest event so far; `None` before any event. A later event may
    /// not be dated before it.
    ///
    /// ```
    /// use duban::{parse_date, AnnualPlan, InspectionEvent, InspectionState};
    /// let s = InspectionState::replay(AnnualPlan::NotListed,
    ///     &[InspectionEvent::Apply { on: parse_date("2023-09-25")? }])?;
    /// assert_eq!(s.last_event_on(), Some(parse_date("2023-09-25")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_event_on(&self) -> Option<NaiveDate> {
        match self {
            InspectionState::Planned | InspectionState::Proposed => None,
            InspectionState::Applied { on }
            | InspectionState::Approved { on, .. }
            | InspectionState::Rejected { on, .. }
            | InspectionState::Filed { on, .. } => Some(*on),
            InspectionState::CarriedOut { on, filed_on, .. } => {
                Some(filed_on.map_or(*on, |f| f.max(*on)))
            }
        }
    }

    /// True when the inspection may be carried out now: it is in the annual plan, or it has
    /// been approved (filed or not).
    ///
    /// ```
    /// use duban::{parse_date, AnnualPlan, InspectionEvent, InspectionState};
    /// assert!(InspectionState::new(AnnualPlan::Listed).may_start());
    /// assert!(!InspectionState::new(AnnualPlan::NotListed).may_start());
    /// let s = InspectionState::replay(AnnualPlan::NotListed, &[
    ///     InspectionEvent::Apply { on: parse_date("2023-09-25")? },
    ///     InspectionEvent::Approve { on: parse_date("2023-09-28")? },
    /// ])?;
    /// assert!(s.may_start());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn may_start(&self) -> bool {
        matches!(
            self,
            InspectionState::Planned
                | InspectionState::Approved { .. }
                | InspectionState::Filed { .. }
        )
    }

    /// The state after `event`. Pure: `self` is unchanged.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::IllegalTransition`](crate::ErrorKind::IllegalTransition), naming the
    /// state and the event, when Art. 10 does not allow the event here: carrying out an
    /// inspection neither planned nor approved; approving or refusing one never applied
    /// for; applying for a planned one (it needs no application) or applying twice; filing
    /// before approval or filing twice; anything after refusal; an event dated before the
    /// latest event so far (so an approval is never after the start).
    ///
    /// ```
    /// use duban::{parse_date, AnnualPlan, ErrorKind, InspectionEvent, InspectionState, Language};
    /// let err = InspectionState::new(AnnualPlan::NotListed)
    ///     .apply(&InspectionEvent::Start { on: parse_date("2023-10-16")? })
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::IllegalTransition);
    /// assert!(err.message(Language::English).starts_with("cannot start on 2023-10-16 in state proposed"));
    /// assert!(err.message(Language::Chinese).contains("不得自行组织开展"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn apply(&self, event: &InspectionEvent) -> Result<InspectionState> {
        use InspectionEvent as E;
        use InspectionState as S;
        let illegal =
            |zh: &str, en: &str| Err(transition::illegal::<InspectionFlow>(self, event, zh, en));
        let not_applied = || {
            illegal(
                "未列入《年度计划》的督查检查事项尚未申报",
                "no application has been made",
            )
        };
        let unapproved_start = || {
            illegal(
                "未列入《年度计划》的督查检查事项，不得自行组织开展，须经市政府分管领导审批后方可实施；\
                 已经开展的，应如实记入事项清单，检查将其列为“未经审批”违规",
                "an inspection not in the annual plan may be carried out only after the leader \
                 in charge approves it; one already carried out belongs in the caseload as it \
                 happened, where the check reports it as a violation (not approved, no_approval)",
            )
        };
        let not_approved_file = || {
            illegal(
                "尚未经市政府分管领导审批，无可备案",
                "nothing to file before approval",
            )
        };
        let next = match (self, event) {
            (S::Planned, E::Start { on }) => S::CarriedOut {
                on: *on,
                applied_on: None,
                approved_on: None,
                filed_on: None,
            },
            (
                S::Planned,
                E::Apply { .. } | E::Approve { .. } | E::Reject { .. } | E::File { .. },
            ) => {
                return illegal(
                    "已列入《年度计划》的督查检查事项无需申报审批",
                    "an inspection in the annual plan needs no application, approval or filing",
                );
            }
            (S::Proposed, E::Apply { on }) => S::Applied { on: *on },
            (S::Proposed, E::Approve { .. } | E::Reject { .. }) => return not_applied(),
            (S::Proposed, E::File { .. }) => return not_approved_file(),
            (S::Proposed | S::Applied { .. }, E::Start { .. }) => return unapproved_start(),
            (S::Applied { .. }, E::Apply { .. }) => {
                return illegal(
                    "已经申报，正待审批",
                    "already applied for, awaiting approval",
                );
            }
            (S::Applied { on: applied }, E::Approve { on }) => S::Approved {
                applied_on: *applied,
                on: *on,
            },
            (S::Applied { on: applied }, E::Reject { on }) => S::Rejected {
                applied_on: *applied,
                on: *on,
            },
            (S::Applied { .. }, E::File { .. }) => return not_approved_file(),
            (
                S::Approved { .. } | S::Filed { .. },
                E::Apply { .. } | E::Approve { .. } | E::Reject { .. },
            ) => {
                return illegal("已经审批同意", "already approved");
            }
            (
                S::Approved {
                    applied_on,
                    on: approved,
                },
                E::File { on },
            ) => S::Filed {
                applied_on: *applied_on,
                approved_on: *approved,
                on: *on,
            },
            (
                S::Approved {
                    applied_on,
                    on: approved,
                },
                E::Start { on },
            ) => S::CarriedOut {
                on: *on,
                applied_on: Some(*applied_on),
                approved_on: Some(*approved),
                filed_on: None,
            },
            (S::Filed { .. }, E::File { .. }) => {
                return illegal("已经备案", "already filed");
            }
            (
                S::Filed {
                    applied_on,
                    approved_on,
                    on: filed,
                },
                E::Start { on },
            ) => S::CarriedOut {
                on: *on,
                applied_on: Some(*applied_on),
                approved_on: Some(*approved_on),
                filed_on: Some(*filed),
            },
            (S::Rejected { .. }, E::Start { .. }) => {
                return illegal(
                    "申报未获批准，不得组织开展；已经开展的，应如实记入事项清单，检查将其列为“未经审批”违规",
                    "the application was refused; the inspection may not be carried out, and one \
                     already carried out belongs in the caseload as it happened, where the check \
                     reports it as a violation (not approved, no_approval)",
                );
            }
            (
                S::Rejected { .. },
                E::Apply { .. } | E::Approve { .. } | E::Reject { .. } | E::File { .. },
            ) => {
                return illegal(
                    "申报未获批准，不得组织开展；重新申报应作为新的督查检查事项",
                    "the application was refused; the inspection may not be carried out, and a \
                     new application is a new inspection",
                );
            }
            (
                S::CarriedOut {
                    on: started,
                    applied_on,
                    approved_on: Some(approved),
                    filed_on: None,
                },
                E::File { on },
            ) => S::CarriedOut {
                on: *started,
                applied_on: *applied_on,
                approved_on: Some(*approved),
                filed_on: Some(*on),
            },
            (
                S::CarriedOut {
                    approved_on: None, ..
                },
                E::File { .. },
            ) => {
                return illegal(
                    "已列入《年度计划》的督查检查事项无需备案",
                    "an inspection in the annual plan needs no filing",
                );
            }
            (
                S::CarriedOut {
                    approved_on: Some(_),
                    filed_on: Some(_),
                    ..
                },
                E::File { .. },
            ) => {
                return illegal("已经备案", "already filed");
            }
            (
                S::CarriedOut { .. },
                E::Apply { .. } | E::Approve { .. } | E::Reject { .. } | E::Start { .. },
            ) => {
                return illegal(
                    "督查检查已经实施",
                    "the inspection has already been carried out",
                );
            }
        };
        transition::in_order::<InspectionFlow>(self, event, next)
    }

    /// The state after `events`, applied in order from [`InspectionState::new`]`(plan)`.
    ///
    /// # Errors
    ///
    /// The first error of [`InspectionState::apply`], its message prefixed with the
    /// position of the event (from 1).
    ///
    /// ```
    /// use duban::{parse_date, AnnualPlan, InspectionEvent, InspectionState};
    /// let start = InspectionEvent::Start { on: parse_date("2023-10-16")? };
    /// assert!(InspectionState::replay(AnnualPlan::Listed, &[start.clone()])?.name() == "carried_out");
    /// assert!(InspectionState::replay(AnnualPlan::NotListed, &[start]).is_err());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn replay<'a>(
        plan: AnnualPlan,
        events: impl IntoIterator<Item = &'a InspectionEvent>,
    ) -> Result<InspectionState> {
        transition::replay(InspectionState::new(plan), events, InspectionState::apply)
    }
}
