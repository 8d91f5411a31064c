//! What the workflows share: the wording of their errors, the order of event dates, and
//! replaying an event log.

use super::Workflow;
use crate::{Error, ErrorKind, Language, Result};

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

/// The distinct names of a table's rows, in order (for the `NAMES` constants: a state
/// whose words depend on its data has more than one row of the same name, one after the
/// other), and how many there are.
pub(crate) const fn distinct_names<const N: usize>(rows: &[Label]) -> ([&'static str; N], usize) {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < rows.len() && n < N {
        let name = rows[i].name;
        if n == 0 || !same(out[n - 1], name) {
            out[n] = name;
            n += 1;
        }
        i += 1;
    }
    (out, n)
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// An error about `event` in `state`, naming the workflow, its article, the state and the
/// event: [`ErrorKind::IllegalTransition`] for an event the regulation does not allow
/// there, [`ErrorKind::InvalidInput`] for one whose own data contradict each other.
fn refusal<W: Workflow>(
    kind: ErrorKind,
    state: &W::State,
    event: &W::Event,
    why_zh: &str,
    why_en: &str,
) -> Error {
    let (on, row, at, article) = (
        W::event_on(event),
        W::event_label(event),
        W::state_label(state),
        W::article(),
    );
    let at_zh = format!(
        "{}（{}）处于“{}”状态",
        W::NAME.zh,
        article.label(Language::Chinese),
        at.zh
    );
    let at_en = format!(
        "in state {} ({}, {})",
        at.name,
        W::NAME.en,
        article.label(Language::English)
    );
    let (zh, en) = match kind {
        ErrorKind::IllegalTransition => (
            format!("{at_zh}，不能于{on}“{}”：{why_zh}", row.zh),
            format!("cannot {} on {on} {at_en}: {why_en}", row.name),
        ),
        _ => (
            format!("{at_zh}，于{on}“{}”的数据无效：{why_zh}", row.zh),
            format!("invalid {} on {on} {at_en}: {why_en}", row.name),
        ),
    };
    Error::new(kind, zh, en).with_date(on).with_article(article)
}

/// An event that the regulation does not allow in this state.
pub(crate) fn illegal<W: Workflow>(s: &W::State, e: &W::Event, zh: &str, en: &str) -> Error {
    refusal::<W>(ErrorKind::IllegalTransition, s, e, zh, en)
}

/// An event whose own data contradict each other (a deadline before the event itself).
pub(crate) fn invalid<W: Workflow>(s: &W::State, e: &W::Event, zh: &str, en: &str) -> Error {
    refusal::<W>(ErrorKind::InvalidInput, s, e, zh, en)
}

/// Refuses an event dated before the event that led to the current state.
pub(crate) fn check_order<W: Workflow>(state: &W::State, event: &W::Event) -> Result<()> {
    match W::last_event_on(state) {
        Some(last) if W::event_on(event) < last => Err(illegal::<W>(
            state,
            event,
            &format!("事件顺序颠倒，该事件日期早于此前最近一个事件的日期{last}"),
            &format!(
                "events out of order, the event is dated before {last}, the date of the \
                 latest event so far"
            ),
        )),
        _ => Ok(()),
    }
}

/// `next`, the state `event` leads to from `state`, unless the event is dated before the
/// event that led to `state`.
pub(crate) fn in_order<W: Workflow>(
    state: &W::State,
    event: &W::Event,
    next: W::State,
) -> Result<W::State> {
    check_order::<W>(state, event)?;
    Ok(next)
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
