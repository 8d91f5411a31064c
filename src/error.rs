//! The crate's one error type.

use std::fmt;

use chrono::NaiveDate;

use crate::{Article, Language};

/// The error type of every fallible operation in duban.
///
/// The message names the input that was wrong. It is written in Simplified Chinese by
/// default (`Display`), the language a clerk reads; [`Error::message`] gives it in either
/// language. Programs should branch on [`Error::kind`] and read the facts the error carries
/// ([`Error::date`], [`Error::covered_range`], [`Error::matter_id`], [`Error::parameter`],
/// [`Error::article`], [`Error::position`]), never parse the text.
///
/// ```
/// use chrono::NaiveDate;
/// use duban::{Calendar, ErrorKind, Language};
///
/// let cal = Calendar::china();
/// let day = NaiveDate::from_ymd_opt(2040, 1, 2).unwrap();
/// let err = cal.is_workday(day).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::OutsideCoverage);
/// assert_eq!(err.date(), Some(day));
/// assert_eq!(err.covered_range(), Some(cal.coverage()[0]));
/// assert!(err.message(Language::English).contains("2040-01-02"));
/// assert!(err.to_string().contains("2040-01-02"));
/// ```
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .inner.zh)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    zh: String,
    en: String,
    facts: Facts,
}

/// What an error is about, for programs: each is set where the error knows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Facts {
    date: Option<NaiveDate>,
    covered_range: Option<(NaiveDate, NaiveDate)>,
    matter_id: Option<String>,
    parameter: Option<String>,
    article: Option<Article>,
    position: Option<Position>,
}

/// A place in a text input (a caseload, policy or notice file): 1-based line and column,
/// the column counted in characters, as an editor shows it.
///
/// ```
/// let err = duban::Policy::from_json("{\n  \"schema\": ,\n}").unwrap_err();
/// let at = err.position().unwrap();
/// assert_eq!((at.line, at.column), (2, 13));
/// assert!(err.to_string().contains("第2行第13列"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// What went wrong, for programs to branch on.
///
/// ```
/// let err = duban::parse_date("2023-02-30").unwrap_err();
/// assert_eq!(err.kind(), duban::ErrorKind::InvalidInput);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// A date the loaded holiday notices do not cover, or arithmetic that would leave them.
    OutsideCoverage,
    /// An argument that is malformed or out of range (a bad date, an impossible month...).
    InvalidInput,
    /// A holiday notice (or local adjustment) file that cannot be read.
    InvalidNotice,
    /// A policy file that cannot be read, or whose values contradict each other.
    InvalidPolicy,
    /// A trigger date before the policy was in force.
    PolicyNotInForce,
    /// An event that the regulation does not allow in the current state of a workflow.
    IllegalTransition,
    /// A caseload document (JSON) that cannot be read as a whole.
    InvalidCaseload,
    /// A document larger than a [`Limits`](crate::Limits) allows; the message names the
    /// limit.
    LimitExceeded,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, zh: impl Into<String>, en: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                zh: zh.into(),
                en: en.into(),
                facts: Facts::default(),
            }),
        }
    }

    /// The same error with its messages rewritten (a prefix naming the input, say); the
    /// kind and the facts stay.
    pub(crate) fn reworded(
        mut self,
        zh: impl FnOnce(&str) -> String,
        en: impl FnOnce(&str) -> String,
    ) -> Error {
        self.inner.zh = zh(&self.inner.zh);
        self.inner.en = en(&self.inner.en);
        self
    }

    pub(crate) fn with_date(mut self, date: NaiveDate) -> Error {
        self.inner.facts.date = Some(date);
        self
    }

    pub(crate) fn with_covered_range(mut self, range: Option<(NaiveDate, NaiveDate)>) -> Error {
        self.inner.facts.covered_range = range;
        self
    }

    pub(crate) fn with_matter_id(mut self, id: Option<String>) -> Error {
        self.inner.facts.matter_id = id;
        self
    }

    pub(crate) fn with_parameter(mut self, name: impl Into<String>) -> Error {
        self.inner.facts.parameter = Some(name.into());
        self
    }

    pub(crate) fn with_article(mut self, article: Article) -> Error {
        self.inner.facts.article = Some(article);
        self
    }

    pub(crate) fn with_position(mut self, position: Option<Position>) -> Error {
        self.inner.facts.position = position;
        self
    }

    pub(crate) fn invalid_input(zh: impl Into<String>, en: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidInput, zh, en)
    }

    /// What kind of error this is.
    ///
    /// ```
    /// use duban::{ErrorKind, YearMonth};
    /// let err = "2024-13".parse::<YearMonth>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidInput);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// True when a date (or a computation) falls outside the loaded holiday notices.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = duban::Calendar::china();
    /// let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    /// assert!(cal.add_workdays(d, 60).unwrap_err().is_outside_coverage());
    /// ```
    pub fn is_outside_coverage(&self) -> bool {
        self.inner.kind == ErrorKind::OutsideCoverage
    }

    /// The message in the given language.
    ///
    /// ```
    /// use duban::{Language, YearMonth};
    /// let err = "2024-13".parse::<YearMonth>().unwrap_err();
    /// assert!(err.message(Language::English).contains("2024-13"));
    /// assert!(err.message(Language::Chinese).contains("2024-13"));
    /// ```
    pub fn message(&self, language: Language) -> &str {
        match language {
            Language::Chinese => &self.inner.zh,
            Language::English => &self.inner.en,
        }
    }

    /// The date the error is about: the date outside the calendar, the malformed or
    /// out-of-order date, the trigger before the policy's force.
    ///
    /// ```
    /// let cal = duban::Calendar::china();
    /// let day = duban::parse_date("2003-12-31")?; // before the first loaded notice
    /// assert_eq!(cal.next_workday(day).unwrap_err().date(), Some(day));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn date(&self) -> Option<NaiveDate> {
        self.inner.facts.date
    }

    /// For an [`ErrorKind::OutsideCoverage`] error, the range the loaded notices cover (the
    /// range the date is nearest to when there are several), if any notice is loaded.
    ///
    /// ```
    /// let cal = duban::Calendar::china();
    /// let err = cal.is_workday(duban::parse_date("2040-01-02")?).unwrap_err();
    /// let (first, last) = err.covered_range().unwrap();
    /// assert!(first < last);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn covered_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.inner.facts.covered_range
    }

    /// The id of the caseload matter the error is about, when it has one.
    ///
    /// ```
    /// let err = duban::Policy::from_json("{}").unwrap_err();
    /// assert_eq!(err.matter_id(), None);
    /// ```
    pub fn matter_id(&self) -> Option<&str> {
        self.inner.facts.matter_id.as_deref()
    }

    /// The policy parameter (or policy field) the error is about.
    ///
    /// ```
    /// let mut policy = duban::Policy::ankang_2020();
    /// policy.schema = "other".into();
    /// assert_eq!(policy.validate().unwrap_err().parameter(), Some("schema"));
    /// ```
    pub fn parameter(&self) -> Option<&str> {
        self.inner.facts.parameter.as_deref()
    }

    /// The article of the regulation whose rule refused the input.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, MeetingKind, Obligation, Policy};
    /// let meeting = Obligation::MeetingFollowUp {
    ///     meeting: parse_date("2023-09-20")?,
    ///     kind: MeetingKind::OnSite,
    /// };
    /// let err = meeting.deadline(&Policy::ankang_2020(), &Calendar::china()).unwrap_err();
    /// assert_eq!(err.article(), Some(duban::Article::paragraph(9, 1)));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn article(&self) -> Option<Article> {
        self.inner.facts.article
    }

    /// Where in a text input (caseload, policy, notice) the error was found.
    ///
    /// ```
    /// let err = duban::Caseload::from_json("{\"schema\": \"duban-caseload/1\",\n \"matters\": 5}").unwrap_err();
    /// assert_eq!(err.position().map(|p| p.line), Some(2));
    /// ```
    pub fn position(&self) -> Option<Position> {
        self.inner.facts.position
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("message", &self.inner.en)
            .field("facts", &self.inner.facts)
            .finish()
    }
}

/// Shorthand for `Result<T, duban::Error>`.
///
/// ```
/// fn due() -> duban::Result<chrono::NaiveDate> {
///     duban::Calendar::china().next_workday(duban::parse_date("2024-09-30")?)
/// }
/// assert_eq!(due().unwrap().to_string(), "2024-10-08");
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;
