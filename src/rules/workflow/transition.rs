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

/// A state or an event as it appears in a message: its stable name and its Chinese label.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Named {
    pub(crate) name: &'static str,
    pub(crate) zh: &'static str,
}

impl Flow {
    fn where_zh(self, state: Named) -> String {
        format!(
            "{}（{}）处于“{}”状态",
            self.zh,
            self.article.label(Language::Chinese),
            state.zh,
        )
    }

    fn where_en(self, state: Named) -> String {
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
        state: Named,
        event: Named,
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
        state: Named,
        event: Named,
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
        state: Named,
        event: Named,
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
