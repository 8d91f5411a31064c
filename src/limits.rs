//! Limits on the size of what duban reads, for services that take documents from others.

use crate::{Error, ErrorKind};

/// Upper bounds on the documents duban reads: caseloads, holiday notices and policies.
///
/// Every cost in duban grows in proportion to its input (or as `n log n`), so a hostile
/// file cannot stall a service by its shape; these limits bound it by its size. A reader
/// checks its input against them before the work that grows with it and refuses an input
/// over a limit with [`ErrorKind::LimitExceeded`], whose message names the limit (in English
/// by its field here, in Chinese in words), the size found and the size allowed.
///
/// The plain readers ([`Caseload::from_json`](crate::Caseload::from_json),
/// [`Notice::parse`](crate::Notice::parse), [`Policy::from_json`](crate::Policy::from_json))
/// use [`Limits::default`], generous enough for any real city: a real caseload is a few
/// megabytes, a notice a few kilobytes, a policy a few kilobytes. A service sets its own
/// with the `*_with_limits` readers and [`CalendarBuilder::limits`](crate::CalendarBuilder::limits).
///
/// ```
/// use duban::{Caseload, ErrorKind, Limits};
///
/// let mut limits = Limits::default();
/// limits.matters = 2;
/// let doc = r#"{"schema": "duban-caseload/1", "matters": [{}, {}, {}]}"#;
/// let err = Caseload::from_json_with_limits(doc, &limits).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::LimitExceeded);
/// assert!(err.message(duban::Language::English).contains("`matters`"));
/// // The default readers accept it.
/// assert_eq!(Caseload::from_json(doc)?.errors().len(), 3);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest caseload document, in bytes. Default: 16 GiB (about 30 million
    /// matters of the usual size).
    pub caseload_bytes: u64,
    /// The most matters in one caseload. Default: 50,000,000. The scan stops at the first
    /// matter over the limit, so a document of millions of empty matters costs no more
    /// memory than the limit allows.
    pub matters: usize,
    /// The largest single matter, in bytes of JSON. Default: 64 MiB. A larger matter is
    /// an error of that matter alone (code `too_large`); every other matter is checked.
    pub matter_bytes: usize,
    /// The largest holiday notice (or local adjustment), in bytes of text. Default: 16 MiB
    /// (a State Council notice is about 2 KB).
    pub notice_bytes: usize,
    /// The largest policy document, in bytes of JSON. Default: 1 MiB (the built-in policy
    /// is about 4 KB).
    pub policy_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            caseload_bytes: 16 << 30,
            matters: 50_000_000,
            matter_bytes: 64 << 20,
            notice_bytes: 16 << 20,
            policy_bytes: 1 << 20,
        }
    }
}

impl Limits {
    /// No limit at all, for input a program trusts (its own generated data, a benchmark).
    ///
    /// ```
    /// let limits = duban::Limits::unlimited();
    /// assert_eq!(limits.matters, usize::MAX);
    /// ```
    pub fn unlimited() -> Limits {
        Limits {
            caseload_bytes: u64::MAX,
            matters: usize::MAX,
            matter_bytes: usize::MAX,
            notice_bytes: usize::MAX,
            policy_bytes: usize::MAX,
        }
    }

    /// `LimitExceeded` when `found` bytes of `what` exceed `limit`.
    pub(crate) fn check(what: Document, found: u64, limit: u64) -> std::result::Result<(), Error> {
        if found <= limit {
            return Ok(());
        }
        let (zh, en, field) = what.names();
        Err(Error::new(
            ErrorKind::LimitExceeded,
            format!("{zh}大小为 {found} 字节，超过{zh}大小上限 {limit} 字节"),
            format!("the {en} is {found} bytes, over the limit of {limit} bytes (`{field}`)"),
        ))
    }
}

/// The documents whose size is limited.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Document {
    Caseload,
    Notice,
    Policy,
}

impl Document {
    /// Chinese name, English name, and the field of [`Limits`].
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Document::Caseload => ("事项清单", "caseload", "caseload_bytes"),
            Document::Notice => ("节假日通知", "holiday notice", "notice_bytes"),
            Document::Policy => ("政策文件", "policy", "policy_bytes"),
        }
    }
}

/// `LimitExceeded`: more matters than [`Limits::matters`].
pub(crate) fn too_many_matters(limit: usize) -> Error {
    Error::new(
        ErrorKind::LimitExceeded,
        format!("事项清单的事项超过事项数上限 {limit} 个"),
        format!("the caseload has more than {limit} matters, the limit (`matters`)"),
    )
}

/// The message of a matter larger than [`Limits::matter_bytes`]: (Chinese, English).
pub(crate) fn matter_too_large(
    who_zh: &str,
    who_en: &str,
    found: usize,
    limit: usize,
) -> (String, String) {
    (
        format!("{who_zh}大小为 {found} 字节，超过单个事项大小上限 {limit} 字节，未检查"),
        format!("{who_en} is {found} bytes, over the limit of {limit} bytes (`matter_bytes`); not checked"),
    )
}

/// `LimitExceeded`: more notices than a calendar can attribute days to.
pub(crate) fn too_many_notices(found: usize) -> Error {
    let limit = crate::calendar::MAX_NOTICES;
    Error::new(
        ErrorKind::LimitExceeded,
        format!("共加载 {found} 份节假日通知，超过日历能容纳的上限 {limit} 份"),
        format!("{found} holiday notices are loaded, more than the {limit} a calendar can hold"),
    )
}
