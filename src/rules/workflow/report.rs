//! Art. 9 ¶2: the life of one progress report (also the Art. 7 quarterly ledger and the
//! Art. 9 ¶1 monthly report): submitted, returned for redo or supplement, accepted.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::transition;
use super::ReportFlow;
use crate::{Article, Language, Result, SupplementCredit};

/// The article the workflow implements.
pub(super) const ARTICLE: Article = Article::paragraph(9, 2);

/// Why the Supervision Office returned a report (Art. 9).
///
/// “报送材料必须简明扼要、不漏项，项目类进展情况要说明形象进度，已完成工作要报送印证资料。”
/// (Reports must be concise and complete; project items must state their physical progress;
/// completed work must come with supporting evidence.)
///
/// ```
/// use duban::{Language, ReturnReason};
/// assert_eq!(ReturnReason::MissingItem.label(Language::Chinese), "漏项");
/// assert_eq!(serde_json::to_string(&ReturnReason::NoEvidence).unwrap(), "\"no_evidence\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReturnReason {
    /// 漏项: an item was left out.
    MissingItem,
    /// 项目类进展情况未说明形象进度: a project item lacks its physical progress.
    NoPhysicalProgress,
    /// 已完成工作未报送印证资料: completed work lacks supporting evidence.
    NoEvidence,
    /// Any other failure to meet the requirements (not concise, for instance).
    Other,
}

impl ReturnReason {
    /// Every reason, in the order of the regulation.
    ///
    /// ```
    /// assert_eq!(duban::ReturnReason::ALL.len(), 4);
    /// ```
    pub const ALL: &'static [ReturnReason] = &[
        ReturnReason::MissingItem,
        ReturnReason::NoPhysicalProgress,
        ReturnReason::NoEvidence,
        ReturnReason::Other,
    ];

    /// The reason in words.
    ///
    /// ```
    /// use duban::{Language, ReturnReason};
    /// assert_eq!(ReturnReason::NoPhysicalProgress.label(Language::English),
    ///            "project item without its physical progress");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            ReturnReason::MissingItem => ("漏项", "item left out"),
            ReturnReason::NoPhysicalProgress => (
                "项目类未说明形象进度",
                "project item without its physical progress",
            ),
            ReturnReason::NoEvidence => (
                "已完成工作未报送印证资料",
                "completed work without supporting evidence",
            ),
            ReturnReason::Other => (
                "其他不符合报送要求的情形",
                "other failure to meet the requirements",
            ),
        };
        language.pick(zh, en)
    }
}

/// What a returned report must be: done again, or completed (Art. 9 ¶2).
///
/// “对不符合报送要求的，市政府督查室将退回承办单位重办或补办。”
/// (A report that does not meet the requirements is returned to its unit to be redone or
/// supplemented.)
///
/// A redo (重办) replaces the report: only the resubmission counts. A supplement (补办)
/// completes it: which date counts is the policy's [`SupplementCredit`].
///
/// ```
/// use duban::{Language, Remedy};
/// assert_eq!(Remedy::Redo.label(Language::Chinese), "重办");
/// assert_eq!(Remedy::Supplement.label(Language::English), "supplement");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Remedy {
    /// 重办: redo the report.
    Redo,
    /// 补办: supplement what is missing.
    Supplement,
}

impl Remedy {
    /// The remedy in words.
    ///
    /// ```
    /// assert_eq!(duban::Remedy::Redo.label(duban::Language::English), "redo");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        match self {
            Remedy::Redo => language.pick("重办", "redo"),
            Remedy::Supplement => language.pick("补办", "supplement"),
        }
    }
}

/// Where a progress report stands (Art. 9 ¶2; the same cycle serves the Art. 7 quarterly
/// ledger and the Art. 9 ¶1 monthly and meeting follow-up reports).
///
/// “对不符合报送要求的，市政府督查室将退回承办单位重办或补办。”
/// (A report that does not meet the requirements is returned to its unit to be redone or
/// supplemented.)
///
/// The state is plain data: store it as JSON and restore it later. Each state keeps the
/// dates that decide whether the report was in time; [`credited_submission`] picks the
/// one that counts under a [`SupplementCredit`] policy.
///
/// [`credited_submission`]: ReportState::credited_submission
///
/// ```
/// use duban::{parse_date, Remedy, ReportEvent, ReportState, ReturnReason, SupplementCredit};
///
/// let report = ReportState::replay(&[
///     ReportEvent::Submit { on: parse_date("2024-03-28")? },
///     ReportEvent::Return {
///         on: parse_date("2024-04-01")?,
///         remedy: Remedy::Supplement,
///         reasons: vec![ReturnReason::NoEvidence],
///     },
///     ReportEvent::Submit { on: parse_date("2024-04-03")? },
///     ReportEvent::Accept { on: parse_date("2024-04-07")? },
/// ])?;
/// assert!(report.is_accepted());
/// assert_eq!(report.credited_submission(SupplementCredit::OriginalSubmission),
///            Some(parse_date("2024-03-28")?));
/// assert_eq!(report.credited_submission(SupplementCredit::Resubmission),
///            Some(parse_date("2024-04-03")?));
/// let json = serde_json::to_string(&report).unwrap();
/// assert!(json.starts_with(r#"{"state":"accepted""#));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ReportState {
    /// 待报送: nothing submitted yet.
    #[default]
    Awaiting,
    /// 已报送: submitted, awaiting review.
    Submitted {
        /// The date of this submission (credited under [`SupplementCredit::Resubmission`]).
        on: NaiveDate,
        /// The date credited under [`SupplementCredit::OriginalSubmission`]: that of the
        /// submission which began the current run of returns for supplement; equal to `on`
        /// unless this submission answers a return for supplement.
        original_on: NaiveDate,
    },
    /// 已退回: returned to the unit, for redo (退回重办中) or supplement (退回补办中).
    Returned {
        /// The date of the return.
        on: NaiveDate,
        /// Redo or supplement.
        remedy: Remedy,
        /// Why it was returned.
        reasons: Vec<ReturnReason>,
        /// The date of the submission that was returned.
        submitted_on: NaiveDate,
        /// The `original_on` of the submission that was returned.
        original_on: NaiveDate,
    },
    /// 已通过: accepted by the Supervision Office.
    Accepted {
        /// The date of acceptance.
        on: NaiveDate,
        /// The date of the submission that was accepted.
        submitted_on: NaiveDate,
        /// As in [`ReportState::Submitted`].
        original_on: NaiveDate,
    },
}

/// What can happen to a progress report (Art. 9 ¶2). Each event carries its date.
///
/// “对不符合报送要求的，市政府督查室将退回承办单位重办或补办。”
/// (A report that does not meet the requirements is returned to be redone or supplemented.)
///
/// ```
/// use duban::{parse_date, ReportEvent};
/// let e = ReportEvent::Submit { on: parse_date("2024-03-28")? };
/// assert_eq!(e.name(), "submit");
/// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"event":"submit","on":"2024-03-28"}"#);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReportEvent {
    /// 报送: the unit submits (or resubmits) the report.
    Submit {
        /// The date of submission.
        on: NaiveDate,
    },
    /// 退回: the Supervision Office returns it for redo or supplement, with at least one
    /// reason.
    Return {
        /// The date of the return.
        on: NaiveDate,
        /// Redo or supplement.
        remedy: Remedy,
        /// Why (at least one).
        reasons: Vec<ReturnReason>,
    },
    /// 通过: the Supervision Office accepts it.
    Accept {
        /// The date of acceptance.
        on: NaiveDate,
    },
}

impl ReportEvent {
    /// The event's date.
    ///
    /// ```
    /// use duban::{parse_date, ReportEvent};
    /// let on = parse_date("2024-03-28")?;
    /// assert_eq!(ReportEvent::Submit { on }.on(), on);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn on(&self) -> NaiveDate {
        match self {
            ReportEvent::Submit { on }
            | ReportEvent::Return { on, .. }
            | ReportEvent::Accept { on } => *on,
        }
    }
}

impl ReportState {
    /// The state before anything is submitted.
    ///
    /// ```
    /// assert_eq!(duban::ReportState::new(), duban::ReportState::Awaiting);
    /// ```
    pub fn new() -> ReportState {
        ReportState::Awaiting
    }

    /// The date of the event that led to this state; `None` before any event. A later
    /// event may not be dated before it.
    ///
    /// ```
    /// use duban::{parse_date, ReportEvent, ReportState};
    /// let on = parse_date("2024-03-28")?;
    /// let s = ReportState::new().apply(&ReportEvent::Submit { on })?;
    /// assert_eq!(s.last_event_on(), Some(on));
    /// assert_eq!(ReportState::new().last_event_on(), None);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_event_on(&self) -> Option<NaiveDate> {
        match self {
            ReportState::Awaiting => None,
            ReportState::Submitted { on, .. }
            | ReportState::Returned { on, .. }
            | ReportState::Accepted { on, .. } => Some(*on),
        }
    }

    /// True once the Supervision Office has accepted the report.
    ///
    /// ```
    /// use duban::{parse_date, ReportEvent, ReportState};
    /// let s = ReportState::replay(&[
    ///     ReportEvent::Submit { on: parse_date("2024-03-28")? },
    ///     ReportEvent::Accept { on: parse_date("2024-03-29")? },
    /// ])?;
    /// assert!(s.is_accepted());
    /// assert!(!ReportState::new().is_accepted());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn is_accepted(&self) -> bool {
        matches!(self, ReportState::Accepted { .. })
    }

    /// The date on which the report counts as submitted, for its deadline (Art. 7, Art. 9
    /// ¶1): `None` while nothing is submitted and while the report is returned (a returned
    /// report is not met until it is resubmitted).
    ///
    /// After a return for redo (重办) only the resubmission counts. After a return for
    /// supplement (补办) the policy decides: [`SupplementCredit::OriginalSubmission`]
    /// credits the submission that was returned (through any run of consecutive returns
    /// for supplement, back to the submission that began it; a return for redo ends the
    /// run), [`SupplementCredit::Resubmission`] credits the resubmission.
    ///
    /// ```
    /// use duban::{parse_date, Remedy, ReportEvent, ReportState, ReturnReason, SupplementCredit};
    /// let returned = |remedy| ReportEvent::Return {
    ///     on: parse_date("2024-04-01").unwrap(),
    ///     remedy,
    ///     reasons: vec![ReturnReason::MissingItem],
    /// };
    /// let first = ReportEvent::Submit { on: parse_date("2024-03-28")? };
    /// let again = ReportEvent::Submit { on: parse_date("2024-04-02")? };
    ///
    /// let redo = ReportState::replay(&[first.clone(), returned(Remedy::Redo), again.clone()])?;
    /// assert_eq!(redo.credited_submission(SupplementCredit::OriginalSubmission),
    ///            Some(parse_date("2024-04-02")?));
    ///
    /// let supplement = ReportState::replay(&[first.clone(), returned(Remedy::Supplement)])?;
    /// assert_eq!(supplement.credited_submission(SupplementCredit::OriginalSubmission), None);
    /// let supplement = supplement.apply(&again)?;
    /// assert_eq!(supplement.credited_submission(SupplementCredit::OriginalSubmission),
    ///            Some(parse_date("2024-03-28")?));
    /// assert_eq!(supplement.credited_submission(SupplementCredit::Resubmission),
    ///            Some(parse_date("2024-04-02")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn credited_submission(&self, credit: SupplementCredit) -> Option<NaiveDate> {
        let (latest, original) = match self {
            ReportState::Awaiting | ReportState::Returned { .. } => return None,
            ReportState::Submitted { on, original_on } => (*on, *original_on),
            ReportState::Accepted {
                submitted_on,
                original_on,
                ..
            } => (*submitted_on, *original_on),
        };
        Some(match credit {
            SupplementCredit::OriginalSubmission => original,
            SupplementCredit::Resubmission => latest,
        })
    }

    /// The state after `event`. Pure: `self` is unchanged.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::IllegalTransition`](crate::ErrorKind::IllegalTransition), naming the
    /// state and the event, when Art. 9 does not allow the event here: a return or an
    /// acceptance before any submission, or of a returned report not yet resubmitted; a
    /// second submission while one awaits review; anything after acceptance; a return
    /// without a reason; an event dated before the event that led to this state.
    ///
    /// ```
    /// use duban::{parse_date, ErrorKind, Language, ReportEvent, ReportState};
    /// let err = ReportState::new()
    ///     .apply(&ReportEvent::Accept { on: parse_date("2024-03-28")? })
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::IllegalTransition);
    /// assert!(err.message(Language::English).starts_with("cannot accept on 2024-03-28 in state awaiting"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn apply(&self, event: &ReportEvent) -> Result<ReportState> {
        use ReportEvent as E;
        use ReportState as S;
        let illegal =
            |zh: &str, en: &str| Err(transition::illegal::<ReportFlow>(self, event, zh, en));
        let next = match (self, event) {
            (S::Awaiting, E::Submit { on }) => S::Submitted {
                on: *on,
                original_on: *on,
            },
            (S::Awaiting, E::Return { .. } | E::Accept { .. }) => {
                return illegal("尚未报送", "nothing has been submitted");
            }
            (S::Submitted { .. }, E::Submit { .. }) => {
                return illegal(
                    "已报送的材料尚待审核，应等待通过或退回",
                    "a submission is already awaiting review",
                );
            }
            (
                S::Submitted { on: s, original_on },
                E::Return {
                    on,
                    remedy,
                    reasons,
                },
            ) => {
                if reasons.is_empty() {
                    return illegal(
                        "退回须说明不符合报送要求的情形（漏项、未说明形象进度、未报送印证资料等）",
                        "a return must give at least one reason (item left out, no physical \
                         progress, no evidence, other)",
                    );
                }
                S::Returned {
                    on: *on,
                    remedy: *remedy,
                    reasons: reasons.clone(),
                    submitted_on: *s,
                    original_on: *original_on,
                }
            }
            (S::Submitted { on: s, original_on }, E::Accept { on }) => S::Accepted {
                on: *on,
                submitted_on: *s,
                original_on: *original_on,
            },
            (
                S::Returned {
                    remedy,
                    original_on,
                    ..
                },
                E::Submit { on },
            ) => S::Submitted {
                on: *on,
                original_on: match remedy {
                    Remedy::Supplement => *original_on,
                    Remedy::Redo => *on,
                },
            },
            (S::Returned { .. }, E::Return { .. } | E::Accept { .. }) => {
                return illegal(
                    "退回的材料尚未重新报送",
                    "the returned report has not been resubmitted",
                );
            }
            (S::Accepted { .. }, E::Submit { .. } | E::Return { .. } | E::Accept { .. }) => {
                return illegal("报送材料已审核通过", "the report has already been accepted");
            }
        };
        transition::in_order::<ReportFlow>(self, event, next)
    }
}
