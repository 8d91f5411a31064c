//! Calendar periods the regulation counts in: months, quarters, and strict date parsing.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Error, Result};

/// Parses an ISO date `YYYY-MM-DD`, strictly: four-digit year, two-digit month and day,
/// and a day that exists (2023-02-30 is an error).
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput), naming the text.
///
/// ```
/// let d = duban::parse_date("2023-10-07")?;
/// assert_eq!(d.to_string(), "2023-10-07");
/// assert!(duban::parse_date("2023-02-30").is_err());
/// assert!(duban::parse_date("2023-2-3").is_err());
/// # Ok::<(), duban::Error>(())
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let bad = || {
        Error::invalid_input(
            format!("“{text}”不是有效的日期（应为 YYYY-MM-DD 格式的实际存在的日期）"),
            format!("{text:?} is not a valid date (expected an existing date as YYYY-MM-DD)"),
        )
    };
    let b = text.as_bytes();
    let well_formed = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !well_formed {
        return Err(bad());
    }
    // The digits are checked above: their values, without a parser (dates are read by the
    // million).
    let num = |r: std::ops::Range<usize>| {
        b.get(r)
            .unwrap_or_default()
            .iter()
            .fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'))
    };
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(bad)
}

/// A month of a year, such as 2024-03: the period of a monthly report (Art. 9).
///
/// ```
/// use duban::YearMonth;
/// let m: YearMonth = "2022-01".parse()?;
/// assert_eq!((m.year(), m.month()), (2022, 1));
/// assert_eq!(m.last_day().to_string(), "2022-01-31");
/// assert_eq!(m.to_string(), "2022-01");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    first: NaiveDate,
}

impl YearMonth {
    /// The month `month` (1-12) of `year`.
    ///
    /// # Errors
    ///
    /// `InvalidInput` when the month is not 1-12 or the year is out of chrono's range.
    ///
    /// ```
    /// assert!(duban::YearMonth::new(2024, 2).is_ok());
    /// assert!(duban::YearMonth::new(2024, 13).is_err());
    /// ```
    pub fn new(year: i32, month: u32) -> Result<YearMonth> {
        NaiveDate::from_ymd_opt(year, month, 1)
            .filter(|_| (1..=9999).contains(&year))
            .map(|first| YearMonth { first })
            .ok_or_else(|| {
                Error::invalid_input(
                    format!("{year}年{month}月不是有效的月份"),
                    format!("{year}-{month:02} is not a valid month"),
                )
            })
    }

    /// The month that contains `date`.
    ///
    /// ```
    /// let d = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
    /// assert_eq!(duban::YearMonth::containing(d).to_string(), "2024-02");
    /// ```
    pub fn containing(date: NaiveDate) -> YearMonth {
        YearMonth {
            first: date.with_day(1).unwrap_or(date),
        }
    }

    /// The year.
    ///
    /// ```
    /// assert_eq!(duban::YearMonth::new(2024, 2)?.year(), 2024);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn year(self) -> i32 {
        self.first.year()
    }

    /// The month, 1-12.
    ///
    /// ```
    /// assert_eq!(duban::YearMonth::new(2024, 2)?.month(), 2);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn month(self) -> u32 {
        self.first.month()
    }

    /// The first day of the month.
    ///
    /// ```
    /// assert_eq!(duban::YearMonth::new(2024, 2)?.first_day().to_string(), "2024-02-01");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The last day of the month.
    ///
    /// ```
    /// assert_eq!(duban::YearMonth::new(2024, 2)?.last_day().to_string(), "2024-02-29");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_day(self) -> NaiveDate {
        let (y, m) = if self.month() == 12 {
            (self.year() + 1, 1)
        } else {
            (self.year(), self.month() + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(self.first)
    }

    /// The quarter this month belongs to.
    ///
    /// ```
    /// assert_eq!(duban::YearMonth::new(2024, 5)?.quarter().to_string(), "2024-Q2");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn quarter(self) -> Quarter {
        Quarter {
            year: self.year(),
            quarter: (self.month() - 1) / 3 + 1,
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl FromStr for YearMonth {
    type Err = Error;

    fn from_str(text: &str) -> Result<YearMonth> {
        let b = text.as_bytes();
        let ok = b.len() == 7
            && b[4] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || c.is_ascii_digit());
        let parsed = if ok {
            match (text[0..4].parse::<i32>(), text[5..7].parse::<u32>()) {
                (Ok(y), Ok(m)) => YearMonth::new(y, m).ok(),
                _ => None,
            }
        } else {
            None
        };
        parsed.ok_or_else(|| {
            Error::invalid_input(
                format!("“{text}”不是有效的月份（应为 YYYY-MM）"),
                format!("{text:?} is not a valid month (expected YYYY-MM)"),
            )
        })
    }
}

/// A quarter of a year, such as 2024-Q1: the period of a quarterly ledger report (Art. 7).
///
/// ```
/// use duban::Quarter;
/// let q: Quarter = "2023-Q3".parse()?;
/// assert_eq!(q.last_month().to_string(), "2023-09");
/// assert_eq!(q.last_day().to_string(), "2023-09-30");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    quarter: u32,
}

impl Quarter {
    /// Quarter `quarter` (1-4) of `year`.
    ///
    /// # Errors
    ///
    /// `InvalidInput` when the quarter is not 1-4 or the year is not 1-9999.
    ///
    /// ```
    /// assert!(duban::Quarter::new(2024, 4).is_ok());
    /// assert!(duban::Quarter::new(2024, 5).is_err());
    /// ```
    pub fn new(year: i32, quarter: u32) -> Result<Quarter> {
        if (1..=4).contains(&quarter) && (1..=9999).contains(&year) {
            Ok(Quarter { year, quarter })
        } else {
            Err(Error::invalid_input(
                format!("{year}年第{quarter}季度不是有效的季度"),
                format!("{year}-Q{quarter} is not a valid quarter"),
            ))
        }
    }

    /// The year.
    ///
    /// ```
    /// assert_eq!(duban::Quarter::new(2024, 4)?.year(), 2024);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn year(self) -> i32 {
        self.year
    }

    /// The quarter's number, 1-4.
    ///
    /// ```
    /// assert_eq!(duban::Quarter::new(2024, 4)?.number(), 4);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn number(self) -> u32 {
        self.quarter
    }

    /// The quarter's first month.
    ///
    /// ```
    /// assert_eq!(duban::Quarter::new(2024, 4)?.first_month().to_string(), "2024-10");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn first_month(self) -> YearMonth {
        YearMonth {
            first: NaiveDate::from_ymd_opt(self.year, self.quarter * 3 - 2, 1)
                .unwrap_or(NaiveDate::MIN),
        }
    }

    /// The quarter's last month (季度末).
    ///
    /// ```
    /// assert_eq!(duban::Quarter::new(2024, 4)?.last_month().to_string(), "2024-12");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_month(self) -> YearMonth {
        YearMonth {
            first: NaiveDate::from_ymd_opt(self.year, self.quarter * 3, 1)
                .unwrap_or(NaiveDate::MIN),
        }
    }

    /// The quarter's last day.
    ///
    /// ```
    /// assert_eq!(duban::Quarter::new(2024, 1)?.last_day().to_string(), "2024-03-31");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn last_day(self) -> NaiveDate {
        self.last_month().last_day()
    }

    /// The quarter that contains `date`.
    ///
    /// ```
    /// let d = chrono::NaiveDate::from_ymd_opt(2024, 7, 1).unwrap();
    /// assert_eq!(duban::Quarter::containing(d).to_string(), "2024-Q3");
    /// ```
    pub fn containing(date: NaiveDate) -> Quarter {
        YearMonth::containing(date).quarter()
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.quarter)
    }
}

impl FromStr for Quarter {
    type Err = Error;

    fn from_str(text: &str) -> Result<Quarter> {
        let b = text.as_bytes();
        let ok = b.len() == 7
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && (b[5] == b'Q' || b[5] == b'q')
            && b[6].is_ascii_digit();
        let parsed = if ok {
            text[0..4]
                .parse::<i32>()
                .ok()
                .and_then(|y| Quarter::new(y, u32::from(b[6] - b'0')).ok())
        } else {
            None
        };
        parsed.ok_or_else(|| {
            Error::invalid_input(
                format!("“{text}”不是有效的季度（应为 YYYY-Qn，n 为 1 至 4）"),
                format!("{text:?} is not a valid quarter (expected YYYY-Qn with n from 1 to 4)"),
            )
        })
    }
}

macro_rules! serde_via_str {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<$t, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(|e: Error| {
                    serde::de::Error::custom(crate::json_text::custom_message(&e))
                })
            }
        }
    };
}

serde_via_str!(YearMonth);
serde_via_str!(Quarter);

/// A date serialized as chrono serializes it (`YYYY-MM-DD` for the years 0 to 9999), without
/// the formatting machinery: reports write millions of dates.
pub(crate) struct Iso(pub(crate) NaiveDate);

impl serde::Serialize for Iso {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use chrono::Datelike;
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        let Ok(y) = u32::try_from(y) else {
            return self.0.serialize(s);
        };
        if y > 9999 {
            return self.0.serialize(s);
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let text = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ];
        match std::str::from_utf8(&text) {
            Ok(text) => s.serialize_str(text),
            Err(_) => self.0.serialize(s),
        }
    }
}

/// `serialize_with` for a date field: see [`Iso`].
pub(crate) fn iso<S: serde::Serializer>(
    date: &NaiveDate,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&Iso(*date), s)
}

/// `serialize_with` for an optional date field: see [`Iso`].
pub(crate) fn iso_opt<S: serde::Serializer>(
    date: &Option<NaiveDate>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&date.map(Iso), s)
}

#[cfg(test)]
mod iso_tests {
    use super::*;

    #[test]
    fn iso_dates_are_chronos_bytes() {
        let json = |v: &dyn erased::Ser| v.json();
        let mut day = NaiveDate::from_ymd_opt(-3, 12, 25).expect("a date");
        let mut checked = 0;
        while day < NaiveDate::from_ymd_opt(10_002, 1, 10).expect("a date") {
            assert_eq!(json(&Iso(day)), json(&day), "{day}");
            day = day
                + chrono::Duration::days(if day.year() < 1990 || day.year() > 2060 {
                    97
                } else {
                    1
                });
            checked += 1;
        }
        assert!(checked > 20_000);
    }

    #[test]
    fn parse_date_reads_every_well_formed_text_as_its_calendar_date() {
        // Every year, month and day field of two digits, for years around the edges and
        // the calendar's: a date when (and only when) that day exists.
        for y in [0, 1, 999, 1900, 2000, 2019, 2023, 2024, 2100, 9999] {
            for m in 0..100 {
                for d in 0..100 {
                    let text = format!("{y:04}-{m:02}-{d:02}");
                    assert_eq!(
                        parse_date(&text).ok(),
                        NaiveDate::from_ymd_opt(y, m, d),
                        "{text}"
                    );
                }
            }
        }
        for text in [
            "2024-1-01",
            "2024-01-1 ",
            "+2024-01-01",
            "2024/01/01",
            "２０２４-01-01",
        ] {
            assert!(parse_date(text).is_err(), "{text}");
        }
    }

    mod erased {
        pub trait Ser {
            fn json(&self) -> String;
        }
        impl<T: serde::Serialize> Ser for T {
            fn json(&self) -> String {
                serde_json::to_string(self).unwrap_or_default()
            }
        }
    }
}
