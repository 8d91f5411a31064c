//! For operators: how long the loaded notices still answer, and a directory of notice files
//! loaded at start, so that next year's notice is a file dropped in place, not a release.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Calendar, CalendarBuilder, Notice};
use crate::{Error, ErrorKind, Result};

/// The environment variable that names a directory of notice files (see
/// [`CalendarBuilder::notices_dir_from_env`]; the `duban` command reads it too).
pub const NOTICES_DIR_ENV: &str = "DUBAN_NOTICES_DIR";

/// How long a calendar still answers, seen from one day.
///
/// A calendar answers only for the years its notices cover; the State Council publishes
/// next year's notice in November or December. A service that has not loaded it fails on
/// January 1st. [`Calendar::outlook`] tells it beforehand.
///
/// ```
/// use duban::{parse_date, Calendar};
/// let cal = Calendar::china();
/// let seen = cal.outlook(parse_date("2026-11-29")?);
/// assert_eq!(seen.ends, Some(parse_date("2026-12-31")?));
/// assert_eq!(seen.days_left, Some(32));
/// assert!(seen.ends_within(40));
/// assert!(!seen.ends_within(31));
/// // A day no notice covers: nothing is left.
/// let late = cal.outlook(parse_date("2027-01-01")?);
/// assert_eq!((late.ends, late.days_left), (None, None));
/// assert!(late.ends_within(0));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CoverageOutlook {
    /// The day it is seen from.
    pub today: NaiveDate,
    /// The last day of the unbroken covered stretch that holds `today`; `None` when `today`
    /// itself is not covered.
    pub ends: Option<NaiveDate>,
    /// Days from `today` to `ends` (0 on the last covered day); `None` when `today` is not
    /// covered.
    pub days_left: Option<i64>,
}

impl CoverageOutlook {
    /// Whether the coverage ends within `days` days of `today`: the last covered day is at
    /// most `days` days away, or `today` is not covered at all. The alarm of a health check.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let seen = Calendar::china().outlook(parse_date("2026-12-01")?);
    /// assert_eq!(seen.days_left, Some(30));
    /// assert!(seen.ends_within(30));
    /// assert!(!seen.ends_within(29));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn ends_within(&self, days: i64) -> bool {
        self.days_left.map_or(true, |left| left <= days)
    }
}

impl Calendar {
    /// The first covered day, if any.
    ///
    /// ```
    /// let cal = duban::Calendar::china();
    /// assert_eq!(cal.first_covered(), Some(duban::parse_date("2004-01-01")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn first_covered(&self) -> Option<NaiveDate> {
        self.coverage().first().map(|r| r.0)
    }

    /// The last covered day, if any. After it every query is an error until the next
    /// notice is loaded.
    ///
    /// ```
    /// let cal = duban::Calendar::china();
    /// assert_eq!(cal.last_covered(), Some(duban::parse_date("2026-12-31")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_covered(&self) -> Option<NaiveDate> {
        self.coverage().last().map(|r| r.1)
    }

    /// How long this calendar still answers, seen from `today`: the end of the unbroken
    /// covered stretch that holds `today`, and the days left until it. A gap year ends a
    /// stretch: the calendar does not answer across it.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let seen = Calendar::china().outlook(parse_date("2026-12-31")?);
    /// assert_eq!(seen.days_left, Some(0)); // the last day that answers
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn outlook(&self, today: NaiveDate) -> CoverageOutlook {
        let ends = self
            .coverage()
            .iter()
            .find(|(a, b)| *a <= today && today <= *b)
            .map(|r| r.1);
        CoverageOutlook {
            today,
            ends,
            days_left: ends.map(|end| (end - today).num_days()),
        }
    }
}

/// Today's date in China (UTC+8, no daylight saving), from the system clock. The day a
/// health check should count from.
///
/// ```
/// let today = duban::today_in_china();
/// assert!(today > duban::parse_date("2024-01-01")?);
/// # Ok::<(), duban::Error>(())
/// ```
pub fn today_in_china() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs + 8 * 3600) / 86_400;
    // 1970-01-01 is day 719_163 counted from 0001-01-01 (day 1).
    i32::try_from(days)
        .ok()
        .and_then(|d| d.checked_add(719_163))
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MAX)
}

/// Why a file or directory could not be read, in each language; the OS's own text is
/// English, so the Chinese message says it in its own words.
fn io_reason(e: &std::io::Error) -> (&'static str, String) {
    let zh = match e.kind() {
        std::io::ErrorKind::NotFound => "不存在",
        std::io::ErrorKind::PermissionDenied => "没有读取权限",
        std::io::ErrorKind::InvalidData => "不是 UTF-8 文本",
        _ => "无法读取",
    };
    (zh, e.to_string())
}

fn dir_error(dir: &Path, e: &std::io::Error) -> Error {
    let (zh, en) = io_reason(e);
    Error::new(
        ErrorKind::InvalidNotice,
        format!("通知目录 {} {zh}", dir.display()),
        format!("cannot read notice directory {}: {en}", dir.display()),
    )
}

impl CalendarBuilder {
    /// Adds every notice file (`*.txt`) of a directory, in file-name order, as
    /// [`notice`](Self::notice) does: a file whose 文号 is already loaded replaces that
    /// notice, any other is layered on top. Other files and subdirectories are ignored. A
    /// service loads the directory at start (and again to pick up a new file, see
    /// `examples/hot_swap.rs`), so next year's notice is a file dropped in place.
    ///
    /// # Errors
    ///
    /// `InvalidNotice` naming the directory when it cannot be read, or naming the file and
    /// the line when a file cannot be read or parsed; `LimitExceeded` for a file larger
    /// than the builder's [`limits`](Self::limits). Nothing is loaded from a directory that
    /// has a bad file.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("duban-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(
    ///     dir.join("2027.txt"),
    ///     "notice 国办发明电〔2026〕99号\nsigned 2026-11-20\nscope national\ncovers 2027\n\
    ///      holiday 元旦 2027-01-01 statutory 2027-01-01\n",
    /// ).unwrap();
    /// let cal = duban::CalendarBuilder::china().notices_dir(&dir)?.build()?;
    /// assert_eq!(cal.last_covered(), Some(duban::parse_date("2027-12-31")?));
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// // A directory that does not exist is an error that names it.
    /// let err = duban::CalendarBuilder::china().notices_dir(&dir).unwrap_err();
    /// assert_eq!(err.kind(), duban::ErrorKind::InvalidNotice);
    /// assert!(err.message(duban::Language::Chinese).contains("不存在"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn notices_dir(self, dir: impl AsRef<Path>) -> Result<CalendarBuilder> {
        let dir = dir.as_ref();
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| dir_error(dir, &e))? {
            let path = entry.map_err(|e| dir_error(dir, &e))?.path();
            if path.extension().is_some_and(|x| x == "txt") && path.is_file() {
                files.push(path);
            }
        }
        files.sort();
        let mut notices = Vec::with_capacity(files.len());
        for path in &files {
            let text = std::fs::read_to_string(path).map_err(|e| {
                let (zh, en) = io_reason(&e);
                Error::new(
                    ErrorKind::InvalidNotice,
                    format!("通知文件 {} {zh}", path.display()),
                    format!("cannot read notice file {}: {en}", path.display()),
                )
            })?;
            let notice = Notice::parse_with_limits(&text, &self.limits).map_err(|e| {
                Error::new(
                    e.kind(),
                    format!(
                        "{}：{}",
                        path.display(),
                        e.message(crate::Language::Chinese)
                    ),
                    format!(
                        "{}: {}",
                        path.display(),
                        e.message(crate::Language::English)
                    ),
                )
            })?;
            notices.push(notice);
        }
        Ok(notices.into_iter().fold(self, CalendarBuilder::notice))
    }

    /// [`notices_dir`](Self::notices_dir) for the directory named by the environment
    /// variable `DUBAN_NOTICES_DIR` ([`NOTICES_DIR_ENV`]), when it is set and not empty;
    /// the builder unchanged otherwise.
    ///
    /// # Errors
    ///
    /// As [`notices_dir`](Self::notices_dir).
    ///
    /// ```
    /// // Unset in the doctest's environment: nothing is added.
    /// if std::env::var_os(duban::NOTICES_DIR_ENV).is_none() {
    ///     let cal = duban::CalendarBuilder::china().notices_dir_from_env()?.build()?;
    ///     assert_eq!(cal.coverage(), duban::Calendar::china().coverage());
    /// }
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn notices_dir_from_env(self) -> Result<CalendarBuilder> {
        match std::env::var_os(NOTICES_DIR_ENV) {
            Some(dir) if !dir.is_empty() => self.notices_dir(dir),
            _ => Ok(self),
        }
    }
}
