//! Provisional years: an explicit opt-in for the years no holiday notice covers yet.
//!
//! The State Council General Office publishes next year's holiday notice late in the year
//! (2026's came on 2025-11-04). Until then a plain [`Calendar`] refuses the year. A
//! [`ProvisionalCalendar`] answers it from the one thing already fixed: the statutory holidays
//! of 《全国年节及纪念日放假办法》 (data/provisional/), with no 调休 rest day, no make-up
//! working day and no 补假. Every answer carries [`Provisional::provisional`], true whenever
//! the answer depends on such a day; answers inside notice coverage are exactly the plain
//! calendar's.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{embedded_provisional, ranges_text, Calendar, Day, Scope, Tables};
use crate::{Error, ErrorKind, Notice, Quarter, Result, YearMonth};

/// An answer and whether it rests on a provisional year.
///
/// `provisional` is true when the query's span (its start, its result, and every day between)
/// touches a day of a provisional year: a day no holiday notice covers yet, answered from
/// 《全国年节及纪念日放假办法》 alone. Such an answer is an estimate. The real notice will add
/// 调休 rest days, weekend make-up working days and the 补假 of Art. 6 (a statutory day on a
/// weekend is made up on a working day), so the date can move either way once it is out.
///
/// ```
/// use duban::{parse_date, Calendar};
/// let p = Calendar::china().with_provisional()?;
/// let due = p.add_workdays(parse_date("2026-12-25")?, 10)?;
/// assert!(due.provisional);
/// assert_eq!(due.value, parse_date("2027-01-11")?);
/// assert_eq!(due.confirmed(), None);
/// let inside = p.add_workdays(parse_date("2026-12-01")?, 10)?;
/// assert_eq!(inside.confirmed(), Some(parse_date("2026-12-15")?));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Provisional<T> {
    /// The answer.
    pub value: T,
    /// True when the answer depends on a provisional day.
    pub provisional: bool,
}

impl<T> Provisional<T> {
    /// The answer if it is settled by notices alone, `None` if it is provisional.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// assert_eq!(p.is_workday(parse_date("2026-12-31")?)?.confirmed(), Some(true));
    /// assert_eq!(p.is_workday(parse_date("2027-01-04")?)?.confirmed(), None);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn confirmed(self) -> Option<T> {
        if self.provisional {
            None
        } else {
            Some(self.value)
        }
    }

    /// Applies `f` to the answer, keeping the flag.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// let text = p.next_workday(parse_date("2027-02-04")?)?.map(|d| d.to_string());
    /// assert_eq!(text.value, "2027-02-09");
    /// assert!(text.provisional);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Provisional<U> {
        Provisional {
            value: f(self.value),
            provisional: self.provisional,
        }
    }
}

/// A calendar extended, on explicit request, past its notices with provisional years.
///
/// Built by [`Calendar::with_provisional`]. Its queries mirror [`Calendar`]'s and return
/// [`Provisional`] answers. Inside the notices' coverage every answer is the plain calendar's
/// with `provisional: false`; an answer that touches a provisional day says
/// `provisional: true`. A provisional year is used only for a year no national notice covers:
/// once the real notice is loaded, the year is confirmed. The arithmetic is O(1), as in
/// [`Calendar`]. Cloning is cheap.
///
/// ```
/// use duban::{parse_date, Calendar, DayKind};
///
/// let cal = Calendar::china();
/// assert!(cal.is_workday(parse_date("2027-02-08")?).is_err()); // the plain calendar refuses
/// let p = cal.with_provisional()?;
/// let day = p.day(parse_date("2027-02-08")?)?; // 正月初三
/// assert!(day.provisional);
/// assert_eq!(day.value.kind, DayKind::StatutoryHoliday);
/// // No 调休, no 补假: the day after the four statutory days is a working day here.
/// assert_eq!(p.is_workday(parse_date("2027-02-09")?)?.value, true);
/// // Inside 2004-2026 nothing changes.
/// let q = p.last_workday_of_month("2026-09".parse()?)?;
/// assert_eq!(q.value, cal.last_workday_of_month("2026-09".parse()?)?);
/// assert!(!q.provisional);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone)]
pub struct ProvisionalCalendar {
    confirmed: Calendar,
    extended: Calendar,
    first_provisional: NaiveDate,
}

impl std::fmt::Debug for ProvisionalCalendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProvisionalCalendar")
            .field("confirmed", &self.confirmed)
            .field("provisional_coverage", &self.provisional_coverage())
            .field(
                "provisional_notices",
                &self
                    .provisional_notices()
                    .map(|n| n.id.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Calendar {
    /// This calendar extended with provisional years, for the years no national notice in it
    /// covers: the provisional years compiled into the crate (data/provisional/: 2027 and
    /// 2028, the statutory holidays of 《全国年节及纪念日放假办法》 as revised in 2024) and any
    /// provisional notice ([`Scope::Provisional`]) loaded into this calendar's builder. A
    /// loaded provisional notice with the id of a compiled-in one replaces it; of two
    /// covering the same year, the one known later is used for that year. A view
    /// [`as_known_on`](Calendar::as_known_on) a date uses only what was known then.
    ///
    /// The plain calendar is not changed: it still refuses those years.
    /// This builds new tables (about as costly as [`CalendarBuilder::build`](crate::CalendarBuilder::build)); keep the result.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when no provisional year applies: every available one is covered by a
    /// national notice of this calendar, or was not known on its `known_on` date. The message
    /// names the covered range and the provisional years available.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, CalendarBuilder, Notice};
    ///
    /// let p = Calendar::china().with_provisional()?;
    /// assert_eq!(p.first_provisional(), parse_date("2027-01-01")?);
    /// assert!(p.day(parse_date("2027-10-01")?)?.provisional);
    ///
    /// // Once the 2027 notice is loaded, 2027 is confirmed and only 2028 is provisional.
    /// let n2027 = Notice::parse("notice X\nsigned 2026-11-01\nscope national\ncovers 2027\n")?;
    /// let cal = CalendarBuilder::china().notice(n2027).build()?;
    /// let p = cal.with_provisional()?;
    /// assert!(!p.day(parse_date("2027-10-01")?)?.provisional);
    /// assert_eq!(p.first_provisional(), parse_date("2028-01-01")?);
    ///
    /// // As known on 2024-01-01, before the 2024 revision of the regulation: nothing applies.
    /// let then = Calendar::china().as_known_on(parse_date("2024-01-01")?);
    /// assert!(then.with_provisional().unwrap_err().is_outside_coverage());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn with_provisional(&self) -> Result<ProvisionalCalendar> {
        let mut notices = self.tables.all_notices.clone();
        for p in embedded_provisional() {
            if !notices.iter().any(|n| n.id == p.id) {
                Arc::make_mut(&mut notices).push(p.clone());
            }
        }
        let tables = Tables::build(notices, self.tables.known_on, true)?;
        let Some(&(first_provisional, _)) = tables.provisional_coverage.first() else {
            return Err(self.no_provisional_year());
        };
        Ok(ProvisionalCalendar {
            confirmed: self.clone(),
            extended: Calendar {
                tables: Arc::new(tables),
            },
            first_provisional,
        })
    }

    #[cold]
    fn no_provisional_year(&self) -> Error {
        let mut years: Vec<i32> = embedded_provisional()
            .iter()
            .chain(self.tables.all_notices.iter())
            .filter(|n| n.scope == Scope::Provisional)
            .flat_map(|n| n.covers.iter().copied())
            .collect();
        years.sort_unstable();
        years.dedup();
        let list = years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let range = if self.tables.coverage.is_empty() {
            "none".to_owned()
        } else {
            ranges_text(&self.tables.coverage)
        };
        let known = match self.tables.known_on {
            Some(d) => (
                format!("，或在 {d} 时尚未公布"),
                format!(", or were not known on {d}"),
            ),
            None => (String::new(), String::new()),
        };
        Error::new(
            ErrorKind::OutsideCoverage,
            format!(
                "没有可用的暂定年份：暂定年份（{list}）均已由已加载的通知覆盖（{range}）{}",
                known.0
            ),
            format!(
                "no provisional year applies: the provisional years ({list}) are all covered by the loaded notices ({range}){}",
                known.1
            ),
        )
    }
}

impl ProvisionalCalendar {
    /// The calendar of the notices alone, which refuses the provisional years.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// assert!(p.confirmed().is_workday(parse_date("2027-01-04")?).is_err());
    /// assert_eq!(p.confirmed().coverage(), Calendar::china().coverage());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn confirmed(&self) -> &Calendar {
        &self.confirmed
    }

    /// The first day of the first provisional year.
    ///
    /// ```
    /// let p = duban::Calendar::china().with_provisional()?;
    /// assert_eq!(p.first_provisional().to_string(), "2027-01-01");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn first_provisional(&self) -> NaiveDate {
        self.first_provisional
    }

    /// The provisional date ranges (inclusive), in order: whole years no national notice
    /// covers. The notices' own ranges are [`confirmed().coverage()`](Calendar::coverage).
    ///
    /// ```
    /// let p = duban::Calendar::china().with_provisional()?;
    /// let r = p.provisional_coverage();
    /// assert_eq!((r[0].0.to_string(), r[0].1.to_string()), ("2027-01-01".into(), "2028-12-31".into()));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn provisional_coverage(&self) -> &[(NaiveDate, NaiveDate)] {
        &self.extended.tables.provisional_coverage
    }

    /// The provisional files in force (those that settle at least one year), in the order
    /// they apply.
    ///
    /// ```
    /// let p = duban::Calendar::china().with_provisional()?;
    /// let ids: Vec<&str> = p.provisional_notices().map(|n| n.id.as_str()).collect();
    /// assert_eq!(ids, ["provisional-2027（全国年节及纪念日放假办法）",
    ///                  "provisional-2028（全国年节及纪念日放假办法）"]);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn provisional_notices(&self) -> impl Iterator<Item = &Notice> + '_ {
        self.extended
            .tables
            .notices()
            .iter()
            .filter(|n| n.scope == Scope::Provisional)
    }

    fn flag<T>(&self, value: T, a: NaiveDate, b: NaiveDate) -> Provisional<T> {
        Provisional {
            value,
            provisional: self.extended.provisional_span(a, b),
        }
    }

    /// The day's kind, holiday and notice; a day of a provisional year says so in
    /// [`Day::provisional`] as well as in the flag. Its statutory holidays are
    /// `StatutoryHoliday` with the provisional file's id as `notice`.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` for a date neither a notice nor a provisional year covers; the
    /// message names both ranges.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, DayKind};
    /// let p = Calendar::china().with_provisional()?;
    /// let day = p.day(parse_date("2027-04-05")?)?.value; // 清明
    /// assert_eq!(day.kind, DayKind::StatutoryHoliday);
    /// assert_eq!(day.notice, Some("provisional-2027（全国年节及纪念日放假办法）"));
    /// assert!(p.day(parse_date("2029-01-02")?).unwrap_err().is_outside_coverage());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn day(&self, date: NaiveDate) -> Result<Provisional<Day<'_>>> {
        let day = self.extended.day(date)?;
        Ok(Provisional {
            provisional: day.provisional,
            value: day,
        })
    }

    /// The days `first..=last`, in order, each with its own [`Day::provisional`].
    ///
    /// # Errors
    ///
    /// As [`Calendar::days`]: `OutsideCoverage` if any of them is covered by neither a notice
    /// nor a provisional year; `InvalidInput` if `last` is before `first`.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// let flags: Vec<bool> = p.days(parse_date("2026-12-31")?, parse_date("2027-01-01")?)?
    ///     .map(|d| d.provisional)
    ///     .collect();
    /// assert_eq!(flags, [false, true]);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn days(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<impl Iterator<Item = Day<'_>> + '_> {
        self.extended.days(first, last)
    }

    /// Whether `date` is a working day.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` for a date neither a notice nor a provisional year covers.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// let w = p.is_workday(parse_date("2027-06-09")?)?; // 端午节
    /// assert!(!w.value && w.provisional);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn is_workday(&self, date: NaiveDate) -> Result<Provisional<bool>> {
        let value = self.extended.is_workday(date)?;
        Ok(self.flag(value, date, date))
    }

    /// As [`Calendar::add_workdays`]; provisional when `date`, the result or a day between
    /// them is in a provisional year. O(1).
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `date` or the result is outside both the notices and the
    /// provisional years.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// // The plain calendar refuses this; here it is an estimate.
    /// let due = p.add_workdays(parse_date("2026-12-30")?, 5)?;
    /// assert_eq!(due.value, parse_date("2027-01-07")?);
    /// assert!(due.provisional);
    /// assert!(p.add_workdays(parse_date("2028-12-20")?, 30).is_err());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn add_workdays(&self, date: NaiveDate, n: i32) -> Result<Provisional<NaiveDate>> {
        let value = self.extended.add_workdays(date, n)?;
        Ok(self.flag(value, date, value))
    }

    /// As [`Calendar::workdays_between`]; provisional when `a`, `b` or a day between them is
    /// in a provisional year. O(1).
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `a`, `b` or a day between them is covered by neither a notice
    /// nor a provisional year.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// // 2027-02-05..08 are statutory; no 调休 is assumed.
    /// let n = p.workdays_between(parse_date("2027-02-04")?, parse_date("2027-02-10")?)?;
    /// assert_eq!((n.value, n.provisional), (2, true));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn workdays_between(&self, a: NaiveDate, b: NaiveDate) -> Result<Provisional<i32>> {
        let value = self.extended.workdays_between(a, b)?;
        Ok(self.flag(value, a, b))
    }

    /// The first working day strictly after `date`.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `date` or the answer is covered by neither a notice nor a
    /// provisional year.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// let next = p.next_workday(parse_date("2026-12-31")?)?;
    /// assert_eq!((next.value, next.provisional), (parse_date("2027-01-04")?, true));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn next_workday(&self, date: NaiveDate) -> Result<Provisional<NaiveDate>> {
        self.add_workdays(date, 1)
    }

    /// The last working day strictly before `date`.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `date` or the answer is covered by neither a notice nor a
    /// provisional year.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// // From 2027-01-01 back into 2026: the span touches a provisional day.
    /// let prev = p.previous_workday(parse_date("2027-01-01")?)?;
    /// assert_eq!((prev.value, prev.provisional), (parse_date("2026-12-31")?, true));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn previous_workday(&self, date: NaiveDate) -> Result<Provisional<NaiveDate>> {
        self.add_workdays(date, -1)
    }

    /// `date` if it is a working day, else the first working day after it.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `date` or the answer is covered by neither a notice nor a
    /// provisional year.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// let d = p.workday_on_or_after(parse_date("2027-10-01")?)?;
    /// assert_eq!((d.value, d.provisional), (parse_date("2027-10-04")?, true));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn workday_on_or_after(&self, date: NaiveDate) -> Result<Provisional<NaiveDate>> {
        let value = self.extended.workday_on_or_after(date)?;
        Ok(self.flag(value, date, value))
    }

    /// `date` if it is a working day, else the last working day before it.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `date` or the answer is covered by neither a notice nor a
    /// provisional year.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// let d = p.workday_on_or_before(parse_date("2027-01-03")?)?;
    /// assert_eq!((d.value, d.provisional), (parse_date("2026-12-31")?, true));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn workday_on_or_before(&self, date: NaiveDate) -> Result<Provisional<NaiveDate>> {
        let value = self.extended.workday_on_or_before(date)?;
        Ok(self.flag(value, date, value))
    }

    /// The last working day of a month; provisional when the month is in a provisional year.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when any day of the month is covered by neither a notice nor a
    /// provisional year; `InvalidInput` if the month has no working day at all.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// // 2027-04-30 is a Friday; no 劳动节 调休 is assumed.
    /// let d = p.last_workday_of_month("2027-04".parse()?)?;
    /// assert_eq!((d.value, d.provisional), (parse_date("2027-04-30")?, true));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_workday_of_month(&self, month: YearMonth) -> Result<Provisional<NaiveDate>> {
        let value = self.extended.last_workday_of_month(month)?;
        Ok(self.flag(value, month.first_day(), month.last_day()))
    }

    /// The last working day of a quarter; provisional when the quarter is in a provisional
    /// year.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when any day of the quarter is covered by neither a notice nor a
    /// provisional year.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// let d = p.last_workday_of_quarter("2027-Q3".parse()?)?;
    /// assert_eq!((d.value, d.provisional), (parse_date("2027-09-30")?, true));
    /// let d = p.last_workday_of_quarter("2026-Q4".parse()?)?;
    /// assert_eq!((d.value, d.provisional), (parse_date("2026-12-31")?, false));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_workday_of_quarter(&self, quarter: Quarter) -> Result<Provisional<NaiveDate>> {
        let value = self.extended.last_workday_of_quarter(quarter)?;
        Ok(self.flag(value, quarter.first_month().first_day(), quarter.last_day()))
    }

    /// The last working day of a year; provisional when the year is a provisional year.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when the year is covered by neither a notice nor a provisional year;
    /// `InvalidInput` for a year chrono cannot represent.
    ///
    /// ```
    /// use duban::{parse_date, Calendar};
    /// let p = Calendar::china().with_provisional()?;
    /// let d = p.last_workday_of_year(2027)?;
    /// assert_eq!((d.value, d.provisional), (parse_date("2027-12-31")?, true));
    /// assert!(p.last_workday_of_year(2029).unwrap_err().is_outside_coverage());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_workday_of_year(&self, year: i32) -> Result<Provisional<NaiveDate>> {
        let value = self.extended.last_workday_of_year(year)?;
        let year = crate::Period::Year(year);
        Ok(self.flag(value, year.first_day(), year.last_day()))
    }
}
