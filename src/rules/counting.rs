//! How the regulation's periods are counted: a small vocabulary that every rule uses
//! instead of ad-hoc arithmetic.
//!
//! Chinese law counts periods this way (《民法典》第二百零一条至第二百零三条; the procedure
//! laws agree): the day on which a period starts is not counted; a period in days ends on
//! its last day; when the last day is a statutory rest day, the period ends on the day after
//! the rest ends.

use std::fmt;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Calendar, Error, Language, Quarter, Result, YearMonth};

/// A number of working days (工作日), counted on the loaded calendar.
///
/// ```
/// use duban::{parse_date, Calendar, WorkingDays};
/// let cal = Calendar::china();
/// // 民法典 Art. 201: day 1 is the first working day after the trigger.
/// assert_eq!(WorkingDays(1).after(&cal, parse_date("2023-09-28")?)?, parse_date("2023-10-07")?);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WorkingDays(pub u32);

/// A number of calendar days (日, 自然日).
///
/// ```
/// use duban::{parse_date, Calendar, CalendarDays};
/// let cal = Calendar::china();
/// let end = CalendarDays(7).after(&cal, parse_date("2023-09-27")?)?;
/// assert_eq!(end.nominal, parse_date("2023-10-04")?); // inside the National Day break
/// assert_eq!(end.due, parse_date("2023-10-07")?);     // rolled to the next working day
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CalendarDays(pub u32);

/// How “前” in “最后1个工作日前” / “年底前” is read.
///
/// ```
/// use duban::{parse_date, Bound, Calendar, Period};
/// let cal = Calendar::china();
/// let jan = Period::Month("2022-01".parse()?);
/// assert_eq!(Bound::Inclusive.last_workday_of(&cal, jan)?, parse_date("2022-01-30")?);
/// assert_eq!(Bound::Exclusive.last_workday_of(&cal, jan)?, parse_date("2022-01-29")?);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Bound {
    /// By the end of that day: the day itself is still in time (the default reading).
    #[default]
    Inclusive,
    /// Before that day starts: the last day in time is the working day before it.
    Exclusive,
}

/// How “一周” (one week) in Art. 12 (3) is read.
///
/// ```
/// use duban::{Calendar, Obligation, Policy, WeekReading};
/// let mut p = Policy::ankang_2020();
/// p.parameters.rectification_plan_period.value = WeekReading::FiveWorkingDays;
/// let d = Obligation::RectificationPlan { interview: duban::parse_date("2023-09-27")? }.deadline(&p, &Calendar::china())?;
/// assert_eq!(d.due().to_string(), "2023-10-10");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WeekReading {
    /// Seven calendar days from the day after; a last day that is not a working day rolls
    /// forward to the next working day (民法典 Art. 203). The default.
    #[default]
    SevenCalendarDays,
    /// Five working days after the day.
    FiveWorkingDays,
}

/// Whether the start day of an inspection counts among the working days of
/// “提前7个工作日” (Art. 10).
///
/// ```
/// use duban::{parse_date, Calendar, StartDay, WorkingDays};
/// let cal = Calendar::china();
/// let start = parse_date("2024-03-18")?; // a Monday
/// assert_eq!(WorkingDays(7).before(&cal, start, StartDay::Excluded)?, parse_date("2024-03-07")?);
/// assert_eq!(WorkingDays(7).before(&cal, start, StartDay::Counted)?, parse_date("2024-03-08")?);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StartDay {
    /// Not counted: apply on or before the N-th working day strictly before the start
    /// (the default, and the earlier date).
    #[default]
    Excluded,
    /// Counted as the first of the N when it is a working day.
    Counted,
    /// Neither the start day nor the application day counts: N clear working days lie
    /// between them (民法典 Art. 201), so the application is due on the (N+1)-th working day
    /// before the start (the latest working day on which it can be received).
    Clear,
}

/// A period that ends with a "last working day" deadline.
///
/// ```
/// use duban::Period;
/// let q = Period::Quarter("2024-Q1".parse()?);
/// assert_eq!(q.last_day().to_string(), "2024-03-31");
/// assert_eq!(q.to_string(), "2024-Q1");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Period {
    /// A month (每月).
    Month(YearMonth),
    /// A quarter (每个季度).
    Quarter(Quarter),
    /// A calendar year (年底).
    Year(i32),
}

impl Period {
    /// The period's first day.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(duban::Period::Year(2024).first_day().to_string(), "2024-01-01");
    /// ```
    pub fn first_day(self) -> NaiveDate {
        match self {
            Period::Month(m) => m.first_day(),
            Period::Quarter(q) => q.first_month().first_day(),
            Period::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// The period's last day.
    ///
    /// ```
    /// assert_eq!(duban::Period::Year(2024).last_day().to_string(), "2024-12-31");
    /// ```
    pub fn last_day(self) -> NaiveDate {
        match self {
            Period::Month(m) => m.last_day(),
            Period::Quarter(q) => q.last_day(),
            Period::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MIN),
        }
    }

    /// The period's name for a reader.
    ///
    /// ```
    /// use duban::{Language, Period};
    /// assert_eq!(Period::Quarter("2024-Q3".parse()?).label(Language::Chinese), "2024年第3季度");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn label(self, language: Language) -> String {
        match (self, language) {
            (Period::Month(m), Language::Chinese) => format!("{}年{}月", m.year(), m.month()),
            (Period::Quarter(q), Language::Chinese) => {
                format!("{}年第{}季度", q.year(), q.number())
            }
            (Period::Year(y), Language::Chinese) => format!("{y}年"),
            (p, _) => p.to_string(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month(m) => m.fmt(f),
            Period::Quarter(q) => q.fmt(f),
            Period::Year(y) => write!(f, "{y:04}"),
        }
    }
}

/// The end of a calendar-day period: the nominal last day, and the due date after rolling a
/// rest day forward.
///
/// ```
/// use duban::{parse_date, Calendar, CalendarDays};
/// let r = CalendarDays(7).after(&Calendar::china(), parse_date("2024-09-24")?)?;
/// assert_eq!((r.nominal.to_string(), r.due.to_string()), ("2024-10-01".into(), "2024-10-08".into()));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RolledDate {
    /// The last day of the period as counted.
    pub nominal: NaiveDate,
    /// `nominal`, or the next working day if `nominal` is not one.
    pub due: NaiveDate,
}

impl WorkingDays {
    /// The N-th working day strictly after `date` (the start day is not counted,
    /// 民法典 Art. 201). Zero gives `date`.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when the count leaves the loaded calendar; `InvalidInput` if N
    /// does not fit an `i32`.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, WorkingDays};
    /// let cal = Calendar::china();
    /// // A meeting on Saturday 2024-06-08 (not a make-up day): day 1 is Tuesday 06-11,
    /// // after the Dragon Boat holiday on Monday 06-10.
    /// assert_eq!(WorkingDays(1).after(&cal, parse_date("2024-06-08")?)?, parse_date("2024-06-11")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn after(self, calendar: &Calendar, date: NaiveDate) -> Result<NaiveDate> {
        calendar.add_workdays(date, self.as_i32()?)
    }

    /// The latest day that still lies N working days before `date`: the N-th working day
    /// strictly before it, or, with [`StartDay::Counted`] and a working `date`, the
    /// (N-1)-th.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when the count leaves the loaded calendar.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, StartDay, WorkingDays};
    /// let cal = Calendar::china();
    /// let start = parse_date("2023-10-16")?;
    /// assert_eq!(WorkingDays(7).before(&cal, start, StartDay::Excluded)?, parse_date("2023-10-07")?);
    /// assert_eq!(WorkingDays(7).before(&cal, start, StartDay::Counted)?, parse_date("2023-10-08")?);
    /// // 7 clear working days (10-07..=10-13) between 09-28 and the start.
    /// assert_eq!(WorkingDays(7).before(&cal, start, StartDay::Clear)?, parse_date("2023-09-28")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn before(
        self,
        calendar: &Calendar,
        date: NaiveDate,
        start_day: StartDay,
    ) -> Result<NaiveDate> {
        let n = self.as_i32()?;
        if start_day == StartDay::Clear {
            return calendar.add_workdays(date, -n - 1);
        }
        let counted = start_day == StartDay::Counted && n > 0 && calendar.is_workday(date)?;
        calendar.add_workdays(date, if counted { 1 - n } else { -n })
    }

    fn as_i32(self) -> Result<i32> {
        i32::try_from(self.0).map_err(|_| {
            Error::invalid_input(
                format!("工作日数 {} 过大", self.0),
                format!("{} working days is too many", self.0),
            )
        })
    }
}

impl CalendarDays {
    /// The period of N calendar days that starts the day after `date`, and its due date: the
    /// last day, or the next working day if the last day is not a working day
    /// (民法典 Art. 203).
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when the last day or the roll leaves the loaded calendar.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, CalendarDays};
    /// let cal = Calendar::china();
    /// let end = CalendarDays(7).after(&cal, parse_date("2024-03-01")?)?;
    /// assert_eq!((end.nominal, end.due), (parse_date("2024-03-08")?, parse_date("2024-03-08")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn after(self, calendar: &Calendar, date: NaiveDate) -> Result<RolledDate> {
        let nominal = date
            .checked_add_days(Days::new(u64::from(self.0)))
            .ok_or_else(|| {
                Error::invalid_input(
                    format!("{date} 加 {} 天超出日期范围", self.0),
                    format!("{date} plus {} days is out of range", self.0),
                )
            })?;
        Ok(RolledDate {
            nominal,
            due: calendar.workday_on_or_after(nominal)?,
        })
    }
}

impl Bound {
    /// The last working day of `period` that is still in time under this reading of 前.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when any day of the period is not covered.
    ///
    /// ```
    /// use duban::{parse_date, Bound, Calendar, Period};
    /// let cal = Calendar::china();
    /// assert_eq!(Bound::Inclusive.last_workday_of(&cal, Period::Year(2022))?, parse_date("2022-12-30")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_workday_of(self, calendar: &Calendar, period: Period) -> Result<NaiveDate> {
        let last = match period {
            Period::Month(m) => calendar.last_workday_of_month(m)?,
            Period::Quarter(q) => calendar.last_workday_of_quarter(q)?,
            Period::Year(y) => calendar.last_workday_of_year(y)?,
        };
        self.apply(calendar, last)
    }

    /// `date` itself when inclusive; the working day before it when exclusive.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when the working day before is not covered.
    ///
    /// ```
    /// use duban::{parse_date, Bound, Calendar};
    /// let cal = Calendar::china();
    /// assert_eq!(Bound::Exclusive.apply(&cal, parse_date("2023-10-09")?)?, parse_date("2023-10-08")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn apply(self, calendar: &Calendar, date: NaiveDate) -> Result<NaiveDate> {
        match self {
            Bound::Inclusive => Ok(date),
            Bound::Exclusive => calendar.previous_workday(date),
        }
    }
}
