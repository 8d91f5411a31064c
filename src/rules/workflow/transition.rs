//! What the workflows share: the wording of their errors, the order of event dates, and
//! replaying an event log.

use chrono::NaiveDate;

use crate::{Article, Error, ErrorKind, Language, Result};

/// A workflow, as it is named in messages.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Flow {
    pub(crate) zh: &'static str,
    pub(crate) en: &'static str,
    pub(crate) article: Article,
}

/// One row of a workflow's table of states or events: the stable name (the serde tag) and
/// the words for it in both languages. Every machine keeps its rows in one table
/// ([`Workflow::STATES`](super::Workflow::STATES), [`Workflow::EVENTS`](super::Workflow::EVENTS)).
///
/// ```
/// use duban::{Language, ReportFlow, Workflow};
/// let awaiting = ReportFlow::STATES[0];
/// assert_eq!(awaiting.name, "awaiting");
/// assert_eq!(awaiting.text(Language::Chinese), "待报送");
/// assert_eq!(awaiting.text(Language::English), "awaiting submission");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// The stable name, as it appears in JSON.
    pub name: &'static str,
    /// The words in Simplified Chinese.
    pub zh: &'static str,
    /// The words in English.
    pub en: &'static str,
}

impl Label {
    pub(crate) const fn new(name: &'static str, zh: &'static str, en: &'static str) -> Label {
        Label { name, zh, en }
    }

    /// The words in `language`.
    ///
    /// ```
    /// use duban::{Label, Language};
    /// let l = Label { name: "x", zh: "甲", en: "a" };
    /// assert_eq!(l.text(Language::English), "a");
    /// ```
    pub fn text(&self, language: Language) -> &'static str {
        language.pick(self.zh, self.en)
    }
}

/// The names of a table's rows, in order (for the `NAMES` constants).
pub(crate) const fn names<const N: usize>(rows: &[Label; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = rows[i].name;
        i += 1;
    }
    out
}

impl Flow {
    fn where_zh(self, state: Label) -> String {
        format!(
            "{}（{}）处于“{}”状态",
            self.zh,
            self.article.label(Language::Chinese),
            state.zh,
        )
    }

    fn where_en(self, state: Label) -> String {
        format!(
            "in state {} ({}, {})",
            state.name,
            self.en,
            self.article.label(Language::English)
        )
    }

    /// An event that the regulation does not allow in this state.
    pub(crate) fn illegal(
        self,
        state: Label,
        event: Label,
        on: NaiveDate,
        why_zh: &str,
        why_en: &str,
    ) -> Error {
        Error::new(
            ErrorKind::IllegalTransition,
            format!(
                "{}，不能于{on}“{}”：{why_zh}",
                self.where_zh(state),
                event.zh,
            ),
            format!(
                "cannot {} on {on} {}: {why_en}",
                event.name,
                self.where_en(state)
            ),
        )
        .with_date(on)
        .with_article(self.article)
    }

    /// An event whose own data contradict each other (a deadline before the event itself).
    pub(crate) fn invalid(
        self,
        state: Label,
        event: Label,
        on: NaiveDate,
        why_zh: &str,
        why_en: &str,
    ) -> Error {
        Error::new(
            ErrorKind::InvalidInput,
            format!(
                "{}，于{on}“{}”的数据无效：{why_zh}",
                self.where_zh(state),
                event.zh,
            ),
            format!(
                "invalid {} on {on} {}: {why_en}",
                event.name,
                self.where_en(state)
            ),
        )
        .with_date(on)
        .with_article(self.article)
    }

    /// Refuses an event dated before the event that led to the current state.
    pub(crate) fn check_order(
        self,
        state: Label,
        event: Label,
        last: Option<NaiveDate>,
        on: NaiveDate,
    ) -> Result<()> {
        match last {
            Some(last) if on < last => Err(self.illegal(
                state,
                event,
                on,
                &format!("事件顺序颠倒，该事件日期早于此前最近一个事件的日期{last}"),
                &format!(
                    "events out of order, the event is dated before {last}, the date of the \
                     latest event so far"
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Applies `events` in order from `start`; an error names the position of the event that
/// failed (counted from 1) and keeps its kind.
pub(crate) fn replay<'a, S, E: 'a>(
    start: S,
    events: impl IntoIterator<Item = &'a E>,
    apply: impl Fn(&S, &E) -> Result<S>,
) -> Result<S> {
    let mut state = start;
    for (i, event) in events.into_iter().enumerate() {
        state = apply(&state, event).map_err(|err| {
            err.reworded(
                |zh| format!("第{}个事件：{zh}", i + 1),
                |en| format!("event {}: {en}", i + 1),
            )
        })?;
    }
    Ok(state)
}
