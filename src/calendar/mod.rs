//! The working-day calendar of mainland China, built from holiday notices.

mod bdays_impl;
mod notice;
mod outlook;
mod provisional;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

pub use notice::{HolidayBreak, Notice, Scope, WorkdayOrder};
pub use outlook::{today_in_china, CoverageOutlook, NOTICES_DIR_ENV};
pub use provisional::{Provisional, ProvisionalCalendar};

use crate::{Error, ErrorKind, Limits, Quarter, Result, YearMonth};

/// The notices compiled into the crate, oldest first: (file name, text).
const EMBEDDED: &[(&str, &str)] = &[
    (
        "notice-2004-schedule.txt",
        include_str!("../../data/notices/notice-2004-schedule.txt"),
    ),
    (
        "notice-2005-schedule.txt",
        include_str!("../../data/notices/notice-2005-schedule.txt"),
    ),
    (
        "guobanfamingdian-2005-35.txt",
        include_str!("../../data/notices/guobanfamingdian-2005-35.txt"),
    ),
    (
        "guobanfamingdian-2006-49.txt",
        include_str!("../../data/notices/guobanfamingdian-2006-49.txt"),
    ),
    (
        "notice-2008-schedule.txt",
        include_str!("../../data/notices/notice-2008-schedule.txt"),
    ),
    (
        "guobanfamingdian-2008-42.txt",
        include_str!("../../data/notices/guobanfamingdian-2008-42.txt"),
    ),
    (
        "guobanfamingdian-2009-27.txt",
        include_str!("../../data/notices/guobanfamingdian-2009-27.txt"),
    ),
    (
        "guobanfamingdian-2010-40.txt",
        include_str!("../../data/notices/guobanfamingdian-2010-40.txt"),
    ),
    (
        "guobanfamingdian-2011-45.txt",
        include_str!("../../data/notices/guobanfamingdian-2011-45.txt"),
    ),
    (
        "guobanfamingdian-2012-33.txt",
        include_str!("../../data/notices/guobanfamingdian-2012-33.txt"),
    ),
    (
        "guobanfamingdian-2013-28.txt",
        include_str!("../../data/notices/guobanfamingdian-2013-28.txt"),
    ),
    (
        "guobanfamingdian-2014-28.txt",
        include_str!("../../data/notices/guobanfamingdian-2014-28.txt"),
    ),
    (
        "guofamingdian-2015-1.txt",
        include_str!("../../data/notices/guofamingdian-2015-1.txt"),
    ),
    (
        "guobanfamingdian-2015-18.txt",
        include_str!("../../data/notices/guobanfamingdian-2015-18.txt"),
    ),
    (
        "guobanfamingdian-2016-17.txt",
        include_str!("../../data/notices/guobanfamingdian-2016-17.txt"),
    ),
    (
        "guobanfamingdian-2017-12.txt",
        include_str!("../../data/notices/guobanfamingdian-2017-12.txt"),
    ),
    (
        "guobanfamingdian-2018-15.txt",
        include_str!("../../data/notices/guobanfamingdian-2018-15.txt"),
    ),
    (
        "guobanfamingdian-2019-3.txt",
        include_str!("../../data/notices/guobanfamingdian-2019-3.txt"),
    ),
    (
        "guobanfamingdian-2019-16.txt",
        include_str!("../../data/notices/guobanfamingdian-2019-16.txt"),
    ),
    (
        "guobanfamingdian-2020-1.txt",
        include_str!("../../data/notices/guobanfamingdian-2020-1.txt"),
    ),
    (
        "guobanfamingdian-2020-27.txt",
        include_str!("../../data/notices/guobanfamingdian-2020-27.txt"),
    ),
    (
        "guobanfamingdian-2021-11.txt",
        include_str!("../../data/notices/guobanfamingdian-2021-11.txt"),
    ),
    (
        "guobanfamingdian-2022-16.txt",
        include_str!("../../data/notices/guobanfamingdian-2022-16.txt"),
    ),
    (
        "guobanfamingdian-2023-7.txt",
        include_str!("../../data/notices/guobanfamingdian-2023-7.txt"),
    ),
    (
        "guobanfamingdian-2024-12.txt",
        include_str!("../../data/notices/guobanfamingdian-2024-12.txt"),
    ),
    (
        "guobanfamingdian-2025-7.txt",
        include_str!("../../data/notices/guobanfamingdian-2025-7.txt"),
    ),
];

/// The provisional years compiled into the crate (data/provisional/): the statutory holidays of
/// 《全国年节及纪念日放假办法》 for years with no notice yet. Never loaded by
/// [`Calendar::china`]; only [`Calendar::with_provisional`] uses them.
const EMBEDDED_PROVISIONAL: &[(&str, &str)] = &[
    ("2027.txt", include_str!("../../data/provisional/2027.txt")),
    ("2028.txt", include_str!("../../data/provisional/2028.txt")),
];

/// What kind of day a date is.
///
/// Overtime pay, among other things, differs between these: a statutory holiday is not a
/// shifted rest day, and a make-up working day is not an ordinary one.
///
/// ```
/// use duban::{parse_date, Calendar, DayKind};
/// let cal = Calendar::china();
/// assert_eq!(cal.day(parse_date("2024-02-04")?)?.kind, DayKind::MakeUpWorkday);
/// assert_eq!(cal.day(parse_date("2024-02-10")?)?.kind, DayKind::StatutoryHoliday);
/// assert_eq!(cal.day(parse_date("2024-02-15")?)?.kind, DayKind::ShiftedRestDay);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DayKind {
    /// An ordinary Monday-to-Friday working day (工作日).
    Workday,
    /// A Saturday or Sunday that a national notice makes a working day (调休上班).
    MakeUpWorkday,
    /// An ordinary Saturday or Sunday, or a weekend day inside a holiday break that is not a
    /// statutory holiday (休息日).
    Weekend,
    /// A statutory holiday (法定节假日) under 《全国年节及纪念日放假办法》, on whatever weekday.
    StatutoryHoliday,
    /// A Monday-to-Friday day off inside a holiday break that is not a statutory holiday:
    /// moved there by 调休, or added by an extension such as 2020-01-31 (调休休息日).
    ShiftedRestDay,
    /// A day off given by a local adjustment.
    LocalRestDay,
    /// A working day ordered by a local adjustment.
    LocalWorkday,
}

impl DayKind {
    /// Every kind, in declaration order.
    ///
    /// ```
    /// assert_eq!(duban::DayKind::ALL.len(), 7);
    /// ```
    pub const ALL: [DayKind; 7] = KINDS;

    /// Whether people work on a day of this kind.
    ///
    /// ```
    /// use duban::DayKind;
    /// assert!(DayKind::MakeUpWorkday.is_workday());
    /// assert!(!DayKind::ShiftedRestDay.is_workday());
    /// ```
    pub fn is_workday(self) -> bool {
        matches!(
            self,
            DayKind::Workday | DayKind::MakeUpWorkday | DayKind::LocalWorkday
        )
    }

    /// A short machine-friendly name, as in the CLI and JSON (`make_up_workday`, ...).
    ///
    /// ```
    /// assert_eq!(duban::DayKind::StatutoryHoliday.code(), "statutory_holiday");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Workday => "workday",
            DayKind::MakeUpWorkday => "make_up_workday",
            DayKind::Weekend => "weekend",
            DayKind::StatutoryHoliday => "statutory_holiday",
            DayKind::ShiftedRestDay => "shifted_rest_day",
            DayKind::LocalRestDay => "local_rest_day",
            DayKind::LocalWorkday => "local_workday",
        }
    }

    /// The kind's name for a reader.
    ///
    /// ```
    /// use duban::{DayKind, Language};
    /// assert_eq!(DayKind::MakeUpWorkday.label(Language::Chinese), "调休上班日");
    /// ```
    pub fn label(self, language: crate::Language) -> &'static str {
        let (zh, en) = match self {
            DayKind::Workday => ("工作日", "working day"),
            DayKind::MakeUpWorkday => ("调休上班日", "make-up working day"),
            DayKind::Weekend => ("休息日", "weekend"),
            DayKind::StatutoryHoliday => ("法定节假日", "statutory holiday"),
            DayKind::ShiftedRestDay => ("调休休息日", "shifted rest day"),
            DayKind::LocalRestDay => ("地方休息日", "local rest day"),
            DayKind::LocalWorkday => ("地方工作日", "local working day"),
        };
        language.pick(zh, en)
    }
}

/// One day of the calendar: its kind, the holiday it belongs to, and the notice that set it.
///
/// ```
/// let cal = duban::Calendar::china();
/// let day = cal.day(duban::parse_date("2020-01-31")?)?;
/// assert_eq!(day.holiday, Some("春节"));
/// assert_eq!(day.notice, Some("国办发明电〔2020〕1号")); // the extension
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Day<'a> {
    /// The date.
    pub date: NaiveDate,
    /// Its kind.
    pub kind: DayKind,
    /// The holiday it belongs to (a break, or the holiday a make-up day is worked for).
    pub holiday: Option<&'a str>,
    /// The 文号 of the notice that set this day; `None` for an ordinary weekday or weekend.
    /// For a day of a provisional year, the provisional file's id (or `None`).
    pub notice: Option<&'a str>,
    /// True for a day of a provisional year (see [`Calendar::with_provisional`]): no notice
    /// covers it yet, and its kind comes from 《全国年节及纪念日放假办法》 alone. Always false
    /// in a plain [`Calendar`]. Left out of the JSON form when false.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, DayKind};
    /// let cal = Calendar::china();
    /// assert!(!cal.day(parse_date("2026-02-16")?)?.provisional);
    /// let p = cal.with_provisional()?;
    /// let eve = p.day(parse_date("2027-02-05")?)?.value; // 除夕
    /// assert!(eve.provisional);
    /// assert_eq!(eve.kind, DayKind::StatutoryHoliday);
    /// # Ok::<(), duban::Error>(())
    /// ```
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
}

impl Day<'_> {
    /// Whether it is a working day.
    ///
    /// ```
    /// let cal = duban::Calendar::china();
    /// let day = cal.day(duban::parse_date("2022-01-30")?)?;
    /// assert!(day.is_workday());
    /// assert_eq!(day.kind, duban::DayKind::MakeUpWorkday);
    /// assert_eq!(day.notice, Some("国办发明电〔2021〕11号"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn is_workday(&self) -> bool {
        self.kind.is_workday()
    }
}

/// Marks a day no loaded national notice covers. Never handed out.
const UNCOVERED: u8 = u8::MAX;
/// Index meaning "none" in the notice column.
const NONE: u16 = u16::MAX;
/// Index meaning "none" in the name column. Names are `u32`: a calendar of two centuries
/// may give every day its own name, more names than a `u16` holds.
const NO_NAME: u32 = u32::MAX;

/// The most notices a calendar applies: each day records its notice in a `u16`.
pub(crate) const MAX_NOTICES: usize = NONE as usize;

#[derive(Clone, Copy)]
struct DayRecord {
    kind: u8,
    notice: u16,
    holiday: u32,
}

const KINDS: [DayKind; 7] = [
    DayKind::Workday,
    DayKind::MakeUpWorkday,
    DayKind::Weekend,
    DayKind::StatutoryHoliday,
    DayKind::ShiftedRestDay,
    DayKind::LocalRestDay,
    DayKind::LocalWorkday,
];

fn kind_code(kind: DayKind) -> u8 {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0) as u8
}

struct Tables {
    /// Every notice given to the builder, in load order (including those not yet known
    /// at `known_on`), so that `as_known_on` can rebuild. Shared with the builder and with
    /// other views, never copied.
    all_notices: Arc<Vec<Notice>>,
    /// The notices in force in this view, in the order they were applied; `None` when that
    /// is exactly `all_notices` (the compiled-in calendar), which saves a copy.
    applied: Option<Vec<Notice>>,
    known_on: Option<NaiveDate>,
    /// Holiday names, indexed by `DayRecord::holiday`.
    names: Vec<String>,
    /// Day 0 of the table, as days from the common era.
    first_ce: i32,
    /// One record a day, from `first` to the end of the last covered year.
    days: Vec<DayRecord>,
    /// `workdays_before[i]`: working days among table days `0..i` (length `days.len() + 1`).
    workdays_before: Vec<u32>,
    /// The working days, in order: `workday_dates[k]` is the (k+1)-th working day.
    workday_dates: Vec<NaiveDate>,
    /// `uncovered_before[i]`: uncovered days among `0..i`; empty when there is no gap.
    uncovered_before: Vec<u32>,
    /// `provisional_before[i]`: days of provisional years among `0..i`; empty when there is
    /// none (always in a plain calendar).
    provisional_before: Vec<u32>,
    /// The ranges covered by national notices, in order.
    coverage: Vec<(NaiveDate, NaiveDate)>,
    /// The ranges of provisional years, in order; empty in a plain calendar.
    provisional_coverage: Vec<(NaiveDate, NaiveDate)>,
}

/// The working-day calendar: which days are working days (工作日) under the loaded holiday
/// notices, and O(1) arithmetic over them.
///
/// [`Calendar::china`] is the national schedule 2004-2026 compiled into the crate. Every query
/// returns `Err` for a date that no loaded notice covers: the calendar never guesses.
///
/// Cloning is cheap (the tables are shared), and a calendar is `Send + Sync`.
///
/// ```
/// use duban::{parse_date, Calendar, DayKind};
///
/// let cal = Calendar::china();
/// // 2022-01-29 and -30 were worked; Monday 2022-01-31 was 除夕, a day off.
/// assert!(cal.is_workday(parse_date("2022-01-30")?)?);
/// assert!(!cal.is_workday(parse_date("2022-01-31")?)?);
/// // The 30th working day after a meeting on 2023-09-20 skips the National Day break.
/// assert_eq!(cal.add_workdays(parse_date("2023-09-20")?, 30)?, parse_date("2023-11-07")?);
/// // Out of coverage is an error, not a guess.
/// assert!(cal.is_workday(parse_date("2027-01-04")?).unwrap_err().is_outside_coverage());
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone)]
pub struct Calendar {
    tables: Arc<Tables>,
}

impl std::fmt::Debug for Calendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Calendar")
            .field("coverage", &self.tables.coverage)
            .field(
                "notices",
                &self
                    .tables
                    .notices()
                    .iter()
                    .map(|n| n.id.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("known_on", &self.tables.known_on)
            .finish()
    }
}

/// Builds a [`Calendar`] from notices.
///
/// ```
/// use duban::{parse_date, CalendarBuilder, Notice};
///
/// let county = Notice::parse(
///     "notice 县政办发〔2023〕5号\nsigned 2023-04-20\nscope local\n\
///      holiday 建城纪念日 2023-05-10\nworkday 2023-05-13 建城纪念日\n",
/// )?;
/// let cal = CalendarBuilder::china().notice(county).build()?;
/// let day = cal.day(parse_date("2023-05-10")?)?;
/// assert!(!day.is_workday());
/// assert_eq!(day.notice, Some("县政办发〔2023〕5号"));
/// assert!(cal.is_workday(parse_date("2023-05-13")?)?);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct CalendarBuilder {
    /// Shared until a notice is added (copy on write): `CalendarBuilder::china()` and
    /// `Calendar::to_builder` copy nothing.
    notices: Arc<Vec<Notice>>,
    /// Where each 文号 is in `notices`, so that adding a notice is not a linear search;
    /// built by the first [`notice`](Self::notice), so that a builder nobody adds to
    /// indexes nothing.
    by_id: Option<HashMap<String, usize>>,
    known_on: Option<NaiveDate>,
    limits: Limits,
}

impl CalendarBuilder {
    /// A builder with no notice: the calendar it builds covers nothing until national
    /// notices are added.
    ///
    /// ```
    /// let cal = duban::CalendarBuilder::new().build()?;
    /// assert!(cal.coverage().is_empty());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn new() -> CalendarBuilder {
        CalendarBuilder::default()
    }

    /// A builder holding the national notices compiled into the crate.
    ///
    /// ```
    /// let cal = duban::CalendarBuilder::china().build()?;
    /// assert_eq!(cal.notices().len(), 26);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn china() -> CalendarBuilder {
        CalendarBuilder::of(embedded_notices(), None)
    }

    /// A builder holding `notices` (shared, not copied).
    fn of(notices: Arc<Vec<Notice>>, known_on: Option<NaiveDate>) -> CalendarBuilder {
        CalendarBuilder {
            notices,
            by_id: None,
            known_on,
            limits: Limits::default(),
        }
    }

    /// The limits [`notice_text`](Self::notice_text) reads notices within (by default
    /// [`Limits::default`]).
    ///
    /// ```
    /// let mut limits = duban::Limits::default();
    /// limits.notice_bytes = 64;
    /// let text = "notice 县-2\nsigned 2024-01-01\nscope local\nholiday 县庆 2024-03-01\n# a long comment\n";
    /// let err = duban::CalendarBuilder::china().limits(limits).notice_text(text).unwrap_err();
    /// assert_eq!(err.kind(), duban::ErrorKind::LimitExceeded);
    /// ```
    pub fn limits(mut self, limits: Limits) -> CalendarBuilder {
        self.limits = limits;
        self
    }

    /// Adds a notice. A notice whose 文号 is already loaded replaces it (a corrected
    /// transcription); any other is layered on top: national notices apply in the order
    /// they became known, local adjustments after all of them. A provisional year
    /// ([`Scope::Provisional`]) is kept but never applied by [`build`](Self::build); only
    /// [`Calendar::with_provisional`] uses it.
    ///
    /// ```
    /// let n = duban::Notice::parse("notice X\nsigned 2026-11-01\nscope national\ncovers 2027\n")?;
    /// let cal = duban::CalendarBuilder::china().notice(n).build()?;
    /// assert!(cal.is_workday(duban::parse_date("2027-01-04")?)?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn notice(mut self, notice: Notice) -> CalendarBuilder {
        let notices = Arc::make_mut(&mut self.notices);
        // A repeated 文号 is found at its first place.
        let by_id = self.by_id.get_or_insert_with(|| {
            let mut by_id = HashMap::with_capacity(notices.len());
            for (i, n) in notices.iter().enumerate() {
                by_id.entry(n.id.clone()).or_insert(i);
            }
            by_id
        });
        match by_id.get(&notice.id).and_then(|&i| notices.get_mut(i)) {
            Some(slot) => *slot = notice,
            None => {
                by_id.insert(notice.id.clone(), notices.len());
                notices.push(notice);
            }
        }
        self
    }

    /// Parses and adds a notice in the text format of [`Notice`].
    ///
    /// # Errors
    ///
    /// `InvalidNotice` when the text cannot be read (see [`Notice::parse`]);
    /// `LimitExceeded` when it is larger than the builder's [`limits`](Self::limits).
    ///
    /// ```
    /// let b = duban::CalendarBuilder::china()
    ///     .notice_text("notice 县-2\nsigned 2024-01-01\nscope local\nholiday 县庆 2024-03-01\n")?;
    /// assert!(!b.build()?.is_workday(duban::parse_date("2024-03-01")?)?);
    /// // A notice without its `signed` line is refused.
    /// assert!(duban::CalendarBuilder::china().notice_text("notice X\n").is_err());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn notice_text(self, text: &str) -> Result<CalendarBuilder> {
        let notice = Notice::parse_with_limits(text, &self.limits)?;
        Ok(self.notice(notice))
    }

    /// Builds the calendar as it was known on `date`: notices that became known after it
    /// (see [`Notice::known_from`]) are left out.
    ///
    /// ```
    /// let d = duban::parse_date("2020-01-20")?;
    /// let then = duban::CalendarBuilder::china().known_on(d).build()?;
    /// assert!(then.is_workday(duban::parse_date("2020-01-31")?)?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn known_on(mut self, date: NaiveDate) -> CalendarBuilder {
        self.known_on = Some(date);
        self
    }

    /// Builds the tables.
    ///
    /// # Errors
    ///
    /// Only `LimitExceeded` when more than 65,535 notices apply (each day records its
    /// notice in 16 bits). Every notice was checked when it was parsed, and where notices
    /// disagree about a day the one known later wins.
    ///
    /// ```
    /// let cal = duban::CalendarBuilder::china().build()?;
    /// assert_eq!(cal.coverage()[0].0.to_string(), "2004-01-01");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn build(self) -> Result<Calendar> {
        Tables::build(self.notices, self.known_on, false).map(|t| Calendar {
            tables: Arc::new(t),
        })
    }
}

fn embedded_notices() -> Arc<Vec<Notice>> {
    static NOTICES: OnceLock<Arc<Vec<Notice>>> = OnceLock::new();
    // The embedded files are checked by the test suite (`embedded_notices_parse`), so a
    // parse failure cannot ship; should it happen anyway the calendar covers nothing and
    // every query errors, rather than panicking.
    NOTICES
        .get_or_init(|| {
            Arc::new(
                EMBEDDED
                    .iter()
                    .filter_map(|(_, text)| Notice::parse(text).ok())
                    .collect(),
            )
        })
        .clone()
}

fn embedded_provisional() -> &'static [Notice] {
    static NOTICES: OnceLock<Vec<Notice>> = OnceLock::new();
    // Checked by the test suite like the embedded notices; a file that failed to parse would
    // only mean fewer provisional years, never a panic.
    NOTICES.get_or_init(|| {
        EMBEDDED_PROVISIONAL
            .iter()
            .filter_map(|(_, text)| Notice::parse(text).ok())
            .collect()
    })
}

/// 365 or 366; 0 for a year chrono cannot represent (no table is built for it).
fn days_in_year(year: i32) -> u32 {
    NaiveDate::from_ymd_opt(year, 12, 31).map_or(0, |d| d.ordinal())
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The order in which notices apply: provisional years first (so that anything a national
/// notice says wins), then national notices, then local adjustments.
fn scope_rank(scope: Scope) -> u8 {
    match scope {
        Scope::Provisional => 0,
        Scope::National => 1,
        Scope::Local => 2,
    }
}

/// Whole years as date ranges, adjacent years merged. `years` is sorted.
fn year_ranges(years: &[i32]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut ranges: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &y in years {
        let (Some(a), Some(b)) = (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        ) else {
            continue;
        };
        match ranges.last_mut() {
            Some(range) if range.1.succ_opt() == Some(a) => range.1 = b,
            _ => ranges.push((a, b)),
        }
    }
    ranges
}

fn ranges_text(ranges: &[(NaiveDate, NaiveDate)]) -> String {
    ranges
        .iter()
        .map(|(a, b)| format!("{a}..={b}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Tables {
    /// The tables of the notices known on `known_on`. Provisional years are used only when
    /// `provisional` is set, and then only for years no national notice covers.
    fn build(
        all_notices: Arc<Vec<Notice>>,
        known_on: Option<NaiveDate>,
        provisional: bool,
    ) -> Result<Tables> {
        let mut notices: Vec<&Notice> = all_notices
            .iter()
            .filter(|n| known_on.map_or(true, |d| n.known_from() <= d))
            .filter(|n| provisional || n.scope != Scope::Provisional)
            .collect();
        // Provisional years, then national notices in the order they became known, then
        // local ones; stable, so notices known on the same day apply in load order.
        notices.sort_by_key(|n| (scope_rank(n.scope), n.known_from()));

        let covers = |scope: Scope| -> Vec<i32> {
            let mut years: Vec<i32> = notices
                .iter()
                .filter(|n| n.scope == scope)
                .flat_map(|n| n.covers.iter().copied())
                .collect();
            years.sort_unstable();
            years.dedup();
            years
        };
        let national_years = covers(Scope::National);
        let mut provisional_years = covers(Scope::Provisional);
        // A national notice wins: a year it covers is never provisional.
        provisional_years.retain(|y| national_years.binary_search(y).is_err());
        // Each provisional year comes from one file: the one known last (load order on a
        // tie), so a corrected estimate replaces an older one instead of adding to it.
        // Provisional files that settle no year are not in force.
        let owners: Vec<(i32, usize)> = provisional_years
            .iter()
            .filter_map(|&y| {
                notices
                    .iter()
                    .rposition(|n| n.scope == Scope::Provisional && n.covers.contains(&y))
                    .map(|i| (y, i))
            })
            .collect();
        let mut kept: Vec<usize> = owners.iter().map(|o| o.1).collect();
        kept.sort_unstable();
        kept.dedup();
        let mut index = 0;
        notices.retain(|n| {
            let keep = n.scope != Scope::Provisional || kept.binary_search(&index).is_ok();
            index += 1;
            keep
        });
        // Re-index the owners after the removal: provisional notices come first, so the kept
        // ones are the owners in their original order. `owners` is sorted by year.
        let owner_of = |year: i32| -> Option<usize> {
            owners
                .binary_search_by_key(&year, |o| o.0)
                .ok()
                .and_then(|i| owners.get(i))
                .and_then(|o| kept.binary_search(&o.1).ok())
        };

        let mut years: Vec<i32> = national_years
            .iter()
            .chain(provisional_years.iter())
            .copied()
            .collect();
        years.sort_unstable();

        let (Some(&first_year), Some(&last_year)) = (years.first(), years.last()) else {
            let applied = Tables::applied_copy(&all_notices, &notices);
            return Ok(Tables::empty(all_notices, applied, known_on));
        };
        let first = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap_or(NaiveDate::MIN);
        let len = (last - first).num_days() as usize + 1;

        // One record a day, year by year (the table runs from a January 1st to a December
        // 31st), with the weekday kept as a running count rather than computed per date.
        let mut days: Vec<DayRecord> = Vec::with_capacity(len);
        let mut weekday = first.weekday().num_days_from_monday();
        let (weekend, workday) = (kind_code(DayKind::Weekend), kind_code(DayKind::Workday));
        for year in first_year..=last_year {
            let covered = years.binary_search(&year).is_ok();
            for _ in 0..days_in_year(year) {
                let kind = match (covered, weekday >= 5) {
                    (false, _) => UNCOVERED,
                    (true, true) => weekend,
                    (true, false) => workday,
                };
                days.push(DayRecord {
                    kind,
                    holiday: NO_NAME,
                    notice: NONE,
                });
                weekday = if weekday == 6 { 0 } else { weekday + 1 };
            }
        }

        let first_ce = first.num_days_from_ce();
        if notices.len() > MAX_NOTICES {
            return Err(crate::limits::too_many_notices(notices.len()));
        }
        for (notice_index, notice) in notices.iter().enumerate() {
            let notice_code = u16::try_from(notice_index).unwrap_or(NONE - 1);
            let is_provisional = notice.scope == Scope::Provisional;
            let mut set = |date: NaiveDate, kind: DayKind, name: u32| {
                // A provisional file sets only the days of the years it owns.
                if is_provisional && owner_of(date.year()) != Some(notice_index) {
                    return;
                }
                let i = i64::from(date.num_days_from_ce()) - i64::from(first_ce);
                if let Some(record) = usize::try_from(i).ok().and_then(|i| days.get_mut(i)) {
                    if record.kind != UNCOVERED {
                        *record = DayRecord {
                            kind: kind_code(kind),
                            holiday: name,
                            notice: notice_code,
                        };
                    }
                }
            };
            let mut slot = 0usize;
            for brk in &notice.holidays {
                // Sorted once, so that each day of the break is a binary search, however
                // long the list (a parsed notice has at most one entry per day; a notice
                // built in code may have any).
                let mut statutory = brk.statutory.clone();
                statutory.sort_unstable();
                statutory.dedup();
                // The break's place in its notice: the name is looked up once the last
                // notice has spoken (below), so a day named many times costs nothing more.
                let name = u32::try_from(slot).unwrap_or(NO_NAME);
                slot += 1;
                // Only the days the table holds: a break is never walked beyond it.
                let from = brk.first.max(first);
                for date in from
                    .iter_days()
                    .take_while(|d| *d <= brk.last && *d <= last)
                {
                    let kind = match notice.scope {
                        Scope::Local => DayKind::LocalRestDay,
                        _ if statutory.binary_search(&date).is_ok() => DayKind::StatutoryHoliday,
                        _ if is_weekend(date) => DayKind::Weekend,
                        _ => DayKind::ShiftedRestDay,
                    };
                    set(date, kind, name);
                }
            }
            for order in &notice.workdays {
                let kind = match notice.scope {
                    Scope::Local => DayKind::LocalWorkday,
                    _ => DayKind::MakeUpWorkday,
                };
                set(order.date, kind, u32::try_from(slot).unwrap_or(NO_NAME));
                slot += 1;
            }
        }

        // The name of each day, from the notice that set it last: each name once, by hash
        // (a linear search per day was quadratic in the names), and only the names some day
        // still carries.
        let mut names: Vec<String> = Vec::new();
        let mut name_of: HashMap<&str, u32> = HashMap::new();
        for record in days.iter_mut().filter(|r| r.notice != NONE) {
            let Some(notice) = notices.get(usize::from(record.notice)) else {
                record.holiday = NO_NAME;
                continue;
            };
            let slot = record.holiday as usize;
            let name = match notice.holidays.get(slot) {
                Some(brk) => Some(brk.name.as_str()),
                None => slot
                    .checked_sub(notice.holidays.len())
                    .and_then(|w| notice.workdays.get(w))
                    .map(|w| w.name.as_str()),
            };
            record.holiday = match name {
                None => NO_NAME,
                Some(name) => *name_of.entry(name).or_insert_with(|| {
                    names.push(name.to_owned());
                    u32::try_from(names.len() - 1).unwrap_or(NO_NAME)
                }),
            };
        }

        let mut workdays_before = Vec::with_capacity(len + 1);
        let mut workday_dates = Vec::with_capacity(len);
        let mut uncovered_before = Vec::with_capacity(len + 1);
        let mut provisional_before = Vec::new();
        if !provisional_years.is_empty() {
            provisional_before.reserve(len + 1);
        }
        let (mut worked, mut uncovered, mut guessed) = (0u32, 0u32, 0u32);
        let is_workday: [bool; 7] = KINDS.map(DayKind::is_workday);
        let mut records = days.iter();
        let mut ce = first_ce;
        for year in first_year..=last_year {
            let guessed_year = provisional_years.binary_search(&year).is_ok();
            for _ in 0..days_in_year(year) {
                let Some(record) = records.next() else { break };
                workdays_before.push(worked);
                uncovered_before.push(uncovered);
                if !provisional_years.is_empty() {
                    provisional_before.push(guessed);
                    guessed += u32::from(guessed_year);
                }
                if record.kind == UNCOVERED {
                    uncovered += 1;
                } else if is_workday.get(record.kind as usize) == Some(&true) {
                    worked += 1;
                    // Dates are made for working days only.
                    if let Some(date) = NaiveDate::from_num_days_from_ce_opt(ce) {
                        workday_dates.push(date);
                    }
                }
                ce += 1;
            }
        }
        workdays_before.push(worked);
        uncovered_before.push(uncovered);
        if uncovered == 0 {
            uncovered_before = Vec::new();
        }
        if !provisional_years.is_empty() {
            provisional_before.push(guessed);
        }

        let applied = Tables::applied_copy(&all_notices, &notices);
        Ok(Tables {
            all_notices,
            applied,
            known_on,
            names,
            first_ce,
            days,
            workdays_before,
            workday_dates,
            uncovered_before,
            provisional_before,
            coverage: year_ranges(&national_years),
            provisional_coverage: year_ranges(&provisional_years),
        })
    }

    /// The applied notices, copied out of `all` unless they are `all` itself, in order.
    fn applied_copy(all: &[Notice], applied: &[&Notice]) -> Option<Vec<Notice>> {
        let same =
            applied.len() == all.len() && applied.iter().zip(all).all(|(a, b)| std::ptr::eq(*a, b));
        (!same).then(|| applied.iter().map(|n| (*n).clone()).collect())
    }

    /// The notices in force in this view, in the order they were applied.
    fn notices(&self) -> &[Notice] {
        self.applied.as_deref().unwrap_or(&self.all_notices)
    }

    fn empty(
        all_notices: Arc<Vec<Notice>>,
        applied: Option<Vec<Notice>>,
        known_on: Option<NaiveDate>,
    ) -> Tables {
        Tables {
            all_notices,
            applied,
            known_on,
            names: Vec::new(),
            first_ce: 0,
            days: Vec::new(),
            workdays_before: vec![0],
            workday_dates: Vec::new(),
            uncovered_before: Vec::new(),
            provisional_before: Vec::new(),
            coverage: Vec::new(),
            provisional_coverage: Vec::new(),
        }
    }
}

impl Calendar {
    /// The official national schedule of mainland China, 2004-01-01 to 2026-12-31, from the
    /// State Council General Office notices compiled into the crate (data/notices/), with the
    /// 2020 Spring Festival extension (国办发明电〔2020〕1号) applied.
    ///
    /// Built once per process and shared; later calls are a reference-count increment.
    ///
    /// ```
    /// let cal = duban::Calendar::china();
    /// assert_eq!(cal.coverage()[0].0.to_string(), "2004-01-01");
    /// assert_eq!(cal.coverage()[0].1.to_string(), "2026-12-31");
    /// ```
    pub fn china() -> Calendar {
        static CHINA: OnceLock<Calendar> = OnceLock::new();
        CHINA
            .get_or_init(|| {
                Tables::build(embedded_notices(), None, false)
                    .map(|t| Calendar {
                        tables: Arc::new(t),
                    })
                    .unwrap_or_else(|_| Calendar {
                        tables: Arc::new(Tables::empty(Arc::default(), None, None)),
                    })
            })
            .clone()
    }

    /// A builder that starts from this calendar's notices (to add a new year's notice, a
    /// correction or a local adjustment).
    ///
    /// ```
    /// let local = duban::Notice::parse(
    ///     "notice 县-1\nsigned 2024-01-01\nscope local\nholiday 县庆 2024-03-01\n")?;
    /// let cal = duban::Calendar::china().to_builder().notice(local).build()?;
    /// assert!(!cal.is_workday(duban::parse_date("2024-03-01")?)?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn to_builder(&self) -> CalendarBuilder {
        CalendarBuilder::of(self.tables.all_notices.clone(), self.tables.known_on)
    }

    /// The calendar as it stood on `date`: only the notices known by then (see
    /// [`Notice::known_from`]). An audit of a deadline computed on 2020-01-20 must use the
    /// schedule before the Spring Festival extension of 2020-01-27.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let cal = Calendar::china();
    /// let then = cal.as_known_on(parse_date("2020-01-20")?);
    /// // 2020-02-01 was a make-up working day until the extension was announced.
    /// assert!(then.is_workday(parse_date("2020-02-01")?)?);
    /// assert!(!cal.is_workday(parse_date("2020-02-01")?)?);
    /// // And on 2020-01-20 nothing was known about 2021.
    /// assert!(then.is_workday(parse_date("2021-03-01")?).is_err());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn as_known_on(&self, date: NaiveDate) -> Calendar {
        let tables = Tables::build(self.tables.all_notices.clone(), Some(date), false)
            .unwrap_or_else(|_| Tables::empty(Arc::default(), None, Some(date)));
        Calendar {
            tables: Arc::new(tables),
        }
    }

    /// The date this view is "as known on", if it is one.
    ///
    /// ```
    /// let d = duban::parse_date("2020-01-20")?;
    /// assert_eq!(duban::Calendar::china().as_known_on(d).known_on(), Some(d));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn known_on(&self) -> Option<NaiveDate> {
        self.tables.known_on
    }

    /// The notices in force in this calendar, in the order they were applied.
    ///
    /// ```
    /// let cal = duban::Calendar::china();
    /// assert_eq!(cal.notices()[0].id, "国务院办公厅关于2004年部分节假日安排的通知");
    /// assert_eq!(cal.notices()[18].id, "国办发明电〔2019〕16号");
    /// ```
    pub fn notices(&self) -> &[Notice] {
        self.tables.notices()
    }

    /// The covered date ranges (inclusive), in order. One range unless a year is missing.
    ///
    /// ```
    /// assert_eq!(duban::Calendar::china().coverage().len(), 1);
    /// ```
    pub fn coverage(&self) -> &[(NaiveDate, NaiveDate)] {
        &self.tables.coverage
    }

    fn coverage_text(&self) -> String {
        if self.tables.coverage.is_empty() {
            return "none".to_owned();
        }
        ranges_text(&self.tables.coverage)
    }

    /// The covered range nearest to `date` (the first one without a date).
    fn nearest_coverage(&self, date: Option<NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
        let ranges = &self.tables.coverage;
        match date {
            None => ranges.first().copied(),
            Some(d) => ranges.iter().copied().min_by_key(|&(first, last)| {
                if d < first {
                    (first - d).num_days()
                } else {
                    (d - last).num_days().max(0)
                }
            }),
        }
    }

    pub(crate) fn outside(&self, what_zh: String, what_en: String, date: NaiveDate) -> Error {
        self.outside_text(what_zh, what_en)
            .with_date(date)
            .with_covered_range(self.nearest_coverage(Some(date)))
    }

    fn outside_text(&self, what_zh: String, what_en: String) -> Error {
        let range = self.coverage_text();
        let range_zh = if self.tables.coverage.is_empty() {
            "无".to_owned()
        } else {
            range.clone()
        };
        if self.tables.provisional_coverage.is_empty() {
            return Error::new(
                ErrorKind::OutsideCoverage,
                format!("{what_zh}超出已加载的节假日安排范围（{range_zh}）"),
                format!("{what_en} is outside the loaded holiday schedules ({range})"),
            );
        }
        let guessed = ranges_text(&self.tables.provisional_coverage);
        Error::new(
            ErrorKind::OutsideCoverage,
            format!("{what_zh}超出已加载的节假日安排范围（通知：{range_zh}；暂定：{guessed}）"),
            format!(
                "{what_en} is outside the loaded holiday schedules (notices: {range}; provisional: {guessed})"
            ),
        )
    }

    /// Whether any of the table days `a..=b` (either order) is in a provisional year (O(1)).
    #[inline]
    fn provisional_between(&self, a: usize, b: usize) -> bool {
        let p = &self.tables.provisional_before;
        match (p.get(a.min(b)), p.get(a.max(b) + 1)) {
            (Some(x), Some(y)) => x != y,
            _ => false,
        }
    }

    /// Whether the span from `a` to `b` (either order) touches a provisional day. Meant for
    /// spans a query has just answered; a date outside the tables counts as provisional, the
    /// cautious side.
    fn provisional_span(&self, a: NaiveDate, b: NaiveDate) -> bool {
        if self.tables.provisional_before.is_empty() {
            return false;
        }
        match (self.index(a), self.index(b)) {
            (Ok(i), Ok(j)) => self.provisional_between(i, j),
            _ => true,
        }
    }

    #[cold]
    #[inline(never)]
    fn date_outside(&self, date: NaiveDate) -> Error {
        self.outside(format!("{date} "), date.to_string(), date)
    }

    /// Table index of a covered date.
    #[inline(always)]
    fn index(&self, date: NaiveDate) -> Result<usize> {
        let t = &*self.tables;
        let i = date.num_days_from_ce().wrapping_sub(t.first_ce) as u32 as usize;
        match t.days.get(i) {
            Some(record) if record.kind != UNCOVERED => Ok(i),
            _ => Err(self.date_outside(date)),
        }
    }

    /// Whether the table days `a..=b` are all covered (O(1)).
    #[inline(always)]
    fn covered_between(&self, a: usize, b: usize) -> bool {
        let u = &self.tables.uncovered_before;
        u.is_empty() || u[a.min(b)] == u[a.max(b) + 1]
    }

    /// Table indices of `a` and `b`, when every day between them (either order) is covered.
    #[inline(always)]
    fn covered_range(&self, a: NaiveDate, b: NaiveDate) -> Result<(usize, usize)> {
        let (i, j) = (self.index(a)?, self.index(b)?);
        if self.covered_between(i, j) {
            Ok((i, j))
        } else {
            Err(self.range_outside(a, b))
        }
    }

    #[cold]
    #[inline(never)]
    fn range_outside(&self, a: NaiveDate, b: NaiveDate) -> Error {
        // The first day of the span that the notices leave uncovered.
        let low = a.min(b);
        let uncovered = if self.index(low).is_err() {
            low
        } else {
            // `low` is covered, so the gap starts the day after the range holding it.
            self.tables
                .coverage
                .iter()
                .find(|(first, last)| (*first..=*last).contains(&low))
                .and_then(|(_, last)| last.succ_opt())
                .unwrap_or(low)
        };
        self.outside(
            format!("{a} 至 {b} 之间有日期"),
            format!("part of {a}..={b}"),
            uncovered,
        )
    }

    /// The day's kind, holiday and notice.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` for a date no loaded national notice covers.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, DayKind};
    /// let cal = Calendar::china();
    /// let day = cal.day(parse_date("2023-10-02")?)?;
    /// assert_eq!(day.kind, DayKind::StatutoryHoliday);
    /// assert_eq!(day.holiday, Some("中秋节、国庆节"));
    /// assert_eq!(cal.day(parse_date("2023-10-05")?)?.kind, DayKind::ShiftedRestDay);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn day(&self, date: NaiveDate) -> Result<Day<'_>> {
        let i = self.index(date)?;
        let t = &*self.tables;
        let r = t.days[i];
        Ok(Day {
            date,
            kind: KINDS[r.kind as usize],
            holiday: t.names.get(r.holiday as usize).map(String::as_str),
            notice: t.notices().get(r.notice as usize).map(|n| n.id.as_str()),
            provisional: self.provisional_between(i, i),
        })
    }

    /// The days `first..=last`, in order.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` if any of them is not covered (checked before anything is
    /// returned); `InvalidInput` if `last` is before `first`.
    ///
    /// ```
    /// use duban::parse_date;
    /// let cal = duban::Calendar::china();
    /// let off = cal.days(parse_date("2024-02-01")?, parse_date("2024-02-29")?)?
    ///     .filter(|d| !d.is_workday())
    ///     .count();
    /// assert_eq!(off, 11); // 02-03, the break 02-10..=02-17, 02-24, 02-25
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn days(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<impl Iterator<Item = Day<'_>> + '_> {
        if last < first {
            return Err(Error::invalid_input(
                format!("日期范围 {first}..={last} 的结束日早于开始日"),
                format!("range {first}..={last} ends before it starts"),
            ));
        }
        let (a, b) = self.covered_range(first, last)?;
        Ok(first
            .iter_days()
            .take(b - a + 1)
            .filter_map(move |d| self.day(d).ok()))
    }

    /// Whether `date` is a working day.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` for a date no loaded national notice covers.
    ///
    /// ```
    /// let cal = duban::Calendar::china();
    /// assert!(cal.is_workday(duban::parse_date("2023-10-07")?)?); // Saturday, make-up day
    /// # Ok::<(), duban::Error>(())
    /// ```
    #[inline]
    pub fn is_workday(&self, date: NaiveDate) -> Result<bool> {
        let i = self.index(date)?;
        let t = &*self.tables;
        Ok(t.workdays_before[i + 1] != t.workdays_before[i])
    }

    /// For `n > 0` the n-th working day strictly after `date`; for `n < 0` the |n|-th
    /// working day strictly before it; for `n = 0`, `date` itself. `date` need not be a
    /// working day. O(1): two table look-ups.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `date` or the result is outside the loaded notices.
    ///
    /// ```
    /// use duban::parse_date;
    /// let cal = duban::Calendar::china();
    /// // Saturday 2023-10-07 was a make-up working day: 1 working day before Mon 2023-10-09.
    /// assert_eq!(cal.add_workdays(parse_date("2023-10-09")?, -1)?, parse_date("2023-10-08")?);
    /// assert_eq!(cal.add_workdays(parse_date("2023-09-28")?, 1)?, parse_date("2023-10-07")?);
    /// assert!(cal.add_workdays(parse_date("2026-12-30")?, 5).is_err());
    /// # Ok::<(), duban::Error>(())
    /// ```
    #[inline(always)]
    pub fn add_workdays(&self, date: NaiveDate, n: i32) -> Result<NaiveDate> {
        let i = self.index(date)?;
        if n == 0 {
            return Ok(date);
        }
        let t = &*self.tables;
        // Rank (0-based) of the target among all working days.
        let rank = if n > 0 {
            i64::from(t.workdays_before[i + 1]) + i64::from(n) - 1
        } else {
            i64::from(t.workdays_before[i]) + i64::from(n)
        };
        let found = usize::try_from(rank)
            .ok()
            .and_then(|k| t.workday_dates.get(k));
        match found {
            Some(&result) if t.uncovered_before.is_empty() => Ok(result),
            _ => self.add_across_gap(i, date, n, found.copied()),
        }
    }

    /// The rest of `add_workdays`, out of line: a calendar with a gap in coverage, or an
    /// answer outside it.
    #[cold]
    #[inline(never)]
    fn add_across_gap(
        &self,
        i: usize,
        date: NaiveDate,
        n: i32,
        found: Option<NaiveDate>,
    ) -> Result<NaiveDate> {
        match found {
            Some(result)
                if self.covered_between(
                    i,
                    (result.num_days_from_ce() - self.tables.first_ce) as usize,
                ) =>
            {
                Ok(result)
            }
            _ => Err(self.add_outside(date, n)),
        }
    }

    #[cold]
    fn add_outside(&self, date: NaiveDate, n: i32) -> Error {
        let (count, zh, en) = if n > 0 {
            (i64::from(n), "后", "after")
        } else {
            (-i64::from(n), "前", "before")
        };
        self.outside(
            format!("{date} {zh}第 {count} 个工作日"),
            format!("{count} working days {en} {date}"),
            date,
        )
    }

    /// The number of working days from `a` to `b`, counted the way [`add_workdays`]
    /// counts: `a` excluded, `b` included. For `b >= a` that is the working days in
    /// `(a, b]`; for `b < a` it is minus the working days in `[b, a)`. So the two are exact
    /// inverses: `add_workdays(a, workdays_between(a, b)?) == b` for every working day `b`,
    /// and `workdays_between(a, add_workdays(a, n)?) == n` for every `n`. O(1).
    ///
    /// Note the direction matters when `a` is a rest day: from Saturday back to Friday is
    /// -1, from Friday forward to Saturday is 0.
    ///
    /// [`add_workdays`]: Calendar::add_workdays
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `a`, `b` or a day between them is not covered.
    ///
    /// ```
    /// use duban::parse_date;
    /// let cal = duban::Calendar::china();
    /// // National Day week of 2023: 09-29..10-06 off, 10-07 and 10-08 worked.
    /// assert_eq!(cal.workdays_between(parse_date("2023-09-28")?, parse_date("2023-10-09")?)?, 3);
    /// assert_eq!(cal.workdays_between(parse_date("2023-10-09")?, parse_date("2023-09-28")?)?, -3);
    /// // Saturday 2023-06-03 back to Friday 06-02 is one working day back...
    /// assert_eq!(cal.workdays_between(parse_date("2023-06-03")?, parse_date("2023-06-02")?)?, -1);
    /// // ...and Friday forward to Saturday is none.
    /// assert_eq!(cal.workdays_between(parse_date("2023-06-02")?, parse_date("2023-06-03")?)?, 0);
    /// # Ok::<(), duban::Error>(())
    /// ```
    #[inline(always)]
    pub fn workdays_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i32> {
        let (i, j) = self.covered_range(a, b)?;
        let w = &self.tables.workdays_before;
        Ok(if j >= i {
            w[j + 1] as i32 - w[i + 1] as i32
        } else {
            w[j] as i32 - w[i] as i32
        })
    }

    /// The first working day strictly after `date`.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `date` or the answer is not covered.
    ///
    /// ```
    /// use duban::parse_date;
    /// let cal = duban::Calendar::china();
    /// assert_eq!(cal.next_workday(parse_date("2020-01-23")?)?, parse_date("2020-02-03")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn next_workday(&self, date: NaiveDate) -> Result<NaiveDate> {
        self.add_workdays(date, 1)
    }

    /// The last working day strictly before `date`.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `date` or the answer is not covered.
    ///
    /// ```
    /// use duban::parse_date;
    /// let cal = duban::Calendar::china();
    /// assert_eq!(cal.previous_workday(parse_date("2022-01-31")?)?, parse_date("2022-01-30")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn previous_workday(&self, date: NaiveDate) -> Result<NaiveDate> {
        self.add_workdays(date, -1)
    }

    /// `date` if it is a working day, else the first working day after it (the rule of
    /// 民法典 Art. 203 for a period whose last day is a rest day).
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `date` or the answer is not covered.
    ///
    /// ```
    /// use duban::parse_date;
    /// let cal = duban::Calendar::china();
    /// assert_eq!(cal.workday_on_or_after(parse_date("2023-10-04")?)?, parse_date("2023-10-07")?);
    /// assert_eq!(cal.workday_on_or_after(parse_date("2023-10-09")?)?, parse_date("2023-10-09")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn workday_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate> {
        if self.is_workday(date)? {
            Ok(date)
        } else {
            self.add_workdays(date, 1)
        }
    }

    /// `date` if it is a working day, else the last working day before it.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `date` or the answer is not covered.
    ///
    /// ```
    /// use duban::parse_date;
    /// let cal = duban::Calendar::china();
    /// assert_eq!(cal.workday_on_or_before(parse_date("2022-01-31")?)?, parse_date("2022-01-30")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn workday_on_or_before(&self, date: NaiveDate) -> Result<NaiveDate> {
        if self.is_workday(date)? {
            Ok(date)
        } else {
            self.add_workdays(date, -1)
        }
    }

    fn last_workday_in(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        // The period's name in both languages, made only for the error (deadlines ask
        // millions of times).
        name: impl FnOnce() -> (String, String),
    ) -> Result<NaiveDate> {
        // The whole period must be covered: a period is only known when all of it is.
        self.covered_range(first, last)?;
        let found = self.workday_on_or_before(last)?;
        if found < first {
            let (zh, en) = name();
            return Err(Error::invalid_input(
                format!("{zh}没有工作日"),
                format!("{en} has no working day"),
            ));
        }
        Ok(found)
    }

    /// The last working day of a month (Art. 9's 每月最后1个工作日).
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when any day of the month is not covered; `InvalidInput` if the
    /// month has no working day at all.
    ///
    /// ```
    /// use duban::{parse_date, YearMonth};
    /// let cal = duban::Calendar::china();
    /// // January 2022 ended with a working Sunday.
    /// assert_eq!(cal.last_workday_of_month("2022-01".parse()?)?, parse_date("2022-01-30")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_workday_of_month(&self, month: YearMonth) -> Result<NaiveDate> {
        self.last_workday_in(month.first_day(), month.last_day(), || {
            (
                format!("{}年{}月", month.year(), month.month()),
                month.to_string(),
            )
        })
    }

    /// The last working day of a quarter (Art. 7's 每个季度末最后1个工作日).
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when any day of the quarter is not covered.
    ///
    /// ```
    /// use duban::parse_date;
    /// let cal = duban::Calendar::china();
    /// // 2023-09-29..30 were in the Mid-Autumn/National Day break.
    /// assert_eq!(cal.last_workday_of_quarter("2023-Q3".parse()?)?, parse_date("2023-09-28")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_workday_of_quarter(&self, quarter: Quarter) -> Result<NaiveDate> {
        self.last_workday_in(
            quarter.first_month().first_day(),
            quarter.last_day(),
            || {
                (
                    format!("{}年第{}季度", quarter.year(), quarter.number()),
                    quarter.to_string(),
                )
            },
        )
    }

    /// The last working day of a year (Art. 12(4)'s 年底前).
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when the year is not covered.
    ///
    /// ```
    /// use duban::parse_date;
    /// let cal = duban::Calendar::china();
    /// // 2022-12-31 (Saturday) opened the 2023 New Year break.
    /// assert_eq!(cal.last_workday_of_year(2022)?, parse_date("2022-12-30")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_workday_of_year(&self, year: i32) -> Result<NaiveDate> {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Err(Error::invalid_input(
                format!("{year} 不是有效的年份"),
                format!("{year} is not a valid year"),
            ));
        };
        self.last_workday_in(first, last, || (format!("{year}年"), year.to_string()))
    }
}
