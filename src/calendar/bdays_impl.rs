//! Interoperability with the `bdays` crate.

use bdays::HolidayCalendar;
use chrono::NaiveDate;

use super::{is_weekend, Calendar};

/// Lets code written against [`bdays`] use the Chinese schedule.
///
/// Inside the covered range the answers are exact: a make-up weekend day (调休上班) is a
/// business day, a weekday in a holiday break is not.
///
/// **Outside the covered range** the trait has no way to report an error, so it answers
/// as a plain Monday-to-Friday calendar: [`is_bday`](HolidayCalendar::is_bday) is true for
/// weekdays and [`is_holiday`](HolidayCalendar::is_holiday) is false. That keeps bdays'
/// day-by-day walks from looping or panicking, but it is a guess: check
/// [`Calendar::coverage`] first, or use the inherent methods, which return
/// `Err(OutsideCoverage)` instead. This impl never panics.
///
/// ```
/// use bdays::HolidayCalendar;
/// use duban::{parse_date, Calendar};
/// let cal = Calendar::china();
/// assert!(cal.is_bday(parse_date("2022-01-29")?));       // make-up Saturday
/// assert!(cal.is_holiday(parse_date("2022-01-31")?));    // 除夕 2022, a Monday
/// assert!(!cal.is_bday(parse_date("2022-01-31")?));
/// # Ok::<(), duban::Error>(())
/// ```
impl HolidayCalendar<NaiveDate> for Calendar {
    /// A day off that is not an ordinary weekend: a statutory holiday, any day of a
    /// holiday break, or a local rest day. False outside coverage.
    fn is_holiday(&self, date: NaiveDate) -> bool {
        match self.day(date) {
            Ok(day) => !day.is_workday() && day.holiday.is_some(),
            Err(_) => false,
        }
    }

    /// A working day of the schedule; outside coverage, Monday to Friday.
    fn is_bday(&self, date: NaiveDate) -> bool {
        match self.is_workday(date) {
            Ok(worked) => worked,
            Err(_) => !is_weekend(date),
        }
    }
}
