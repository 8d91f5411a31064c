//! The crate's one error type.

use std::fmt;

use crate::Language;

/// The error type of every fallible operation in duban.
///
/// The message names the input that was wrong. It is written in Simplified Chinese by
/// default (`Display`), the language a clerk reads; [`Error::message`] gives it in either
/// language. Programs should branch on [`Error::kind`], never on the text.
///
/// ```
/// use chrono::NaiveDate;
/// use duban::{Calendar, ErrorKind, Language};
///
/// let cal = Calendar::china();
/// let err = cal.is_workday(NaiveDate::from_ymd_opt(2040, 1, 2).unwrap()).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::OutsideCoverage);
/// assert!(err.is_outside_coverage());
/// assert!(err.message(Language::English).contains("2040-01-02"));
/// assert!(err.to_string().contains("2040-01-02"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    zh: String,
    en: String,
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
            }),
        }
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
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.zh)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("message", &self.inner.en)
            .finish()
    }
}

impl std::error::Error for Error {}

/// Shorthand for `Result<T, duban::Error>`.
///
/// ```
/// fn due() -> duban::Result<chrono::NaiveDate> {
///     duban::Calendar::china().next_workday(duban::parse_date("2024-09-30")?)
/// }
/// assert_eq!(due().unwrap().to_string(), "2024-10-08");
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;
