//! Holiday notices as data: the State Council's yearly notices, their amendments, and local
//! adjustments, in one small line-based text format.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::limits::Document;
use crate::{parse_date, Error, ErrorKind, Limits, Position, Result};

/// Whose schedule a notice sets.
///
/// ```
/// let cal = duban::Calendar::china();
/// assert!(cal.notices().iter().all(|n| n.scope == duban::Scope::National));
/// // The provisional years compiled into the crate are never in a plain calendar.
/// let p = cal.with_provisional()?;
/// assert!(p.provisional_notices().all(|n| n.scope == duban::Scope::Provisional));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Scope {
    /// A State Council General Office notice (国务院办公厅通知): sets the national schedule and
    /// declares which years it covers.
    National,
    /// A local adjustment (a county's extra rest day or working day), layered on top of every
    /// national notice. It never extends the covered range.
    Local,
    /// A provisional year: not a notice at all, but the statutory holidays that
    /// 《全国年节及纪念日放假办法》 itself fixes for a year whose notice is not out yet, and
    /// nothing else (no 调休 rest days, no make-up working days, no 补假). A plain
    /// [`Calendar`](crate::Calendar) never applies it; only
    /// [`Calendar::with_provisional`](crate::Calendar::with_provisional) does, for years no
    /// national notice covers, and every answer computed from it says it is provisional.
    ///
    /// In the text format: `scope provisional`, a `covers` line, and `holiday` lines whose
    /// days are all statutory; `workday` lines are refused.
    Provisional,
}

/// A holiday break (放假) set by a notice: its name, its first and last day off (weekends
/// inside included), and which of its days are statutory holidays (法定节假日).
///
/// ```
/// let cal = duban::Calendar::china();
/// let n = cal.notices().iter().find(|n| n.id == "国办发明电〔2021〕11号").unwrap();
/// let spring = n.holidays.iter().find(|h| h.name == "春节").unwrap();
/// assert_eq!((spring.first.to_string(), spring.last.to_string()), ("2022-01-31".into(), "2022-02-06".into()));
/// assert_eq!(spring.statutory.len(), 3);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HolidayBreak {
    /// The holiday's name as the notice gives it, e.g. `春节` or `国庆节、中秋节`.
    pub name: String,
    /// The first day off.
    pub first: NaiveDate,
    /// The last day off (inclusive).
    pub last: NaiveDate,
    /// The days of the break that are statutory holidays under 《全国年节及纪念日放假办法》;
    /// empty for an extension or a local rest day.
    pub statutory: Vec<NaiveDate>,
}

/// A day that a notice makes a working day: for a national notice a weekend make-up day
/// (调休上班), for a local adjustment any day.
///
/// ```
/// let cal = duban::Calendar::china();
/// let n = cal.notices().iter().find(|n| n.id == "国办发明电〔2021〕11号").unwrap();
/// assert_eq!(n.workdays[0].date.to_string(), "2022-01-29");
/// assert_eq!(n.workdays[0].name, "春节");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkdayOrder {
    /// The day.
    pub date: NaiveDate,
    /// The holiday it makes up for, e.g. `春节`.
    pub name: String,
}

/// One notice, transcribed as data.
///
/// The text format is one directive a line, `#` starts a comment, fields are separated by
/// white space:
///
/// ```text
/// notice     国办发明电〔2021〕11号                  # the 文号, unique
/// title      国务院办公厅关于2022年部分节假日安排的通知
/// authority  国务院办公厅
/// signed     2021-10-25
/// published  2021-10-25                          # optional; defaults to `signed`
/// scope      national                            # or `local`, or `provisional`
/// covers     2022                                # national only: the years it settles
/// amends     国办发明电〔2019〕16号                  # optional, informational
/// holiday    春节  2022-01-31..2022-02-06  statutory 2022-02-01..2022-02-03
/// workday    2022-01-29  春节
/// ```
///
/// A `holiday` line gives the break's name, its first..last day (or one day), and for a
/// national notice the statutory days among them (dates and ranges separated by commas,
/// or `none`). A `workday` line names a working day and the holiday it belongs to; in a
/// national notice it must be a Saturday or Sunday. A provisional year (`scope provisional`,
/// see [`Scope::Provisional`]) has `covers` and `holiday` lines whose days are all statutory,
/// and no `workday` line.
///
/// ```
/// use duban::Notice;
/// let text = "notice 县政办发〔2023〕5号\n\
///             title 关于县城建城纪念日放假的通知\n\
///             authority 某县人民政府办公室\n\
///             signed 2023-04-20\n\
///             scope local\n\
///             holiday 建城纪念日 2023-05-10\n";
/// let notice = Notice::parse(text)?;
/// assert_eq!(notice.id, "县政办发〔2023〕5号");
/// assert_eq!(notice.holidays[0].first.to_string(), "2023-05-10");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Notice {
    /// The document number (文号), e.g. `国办发明电〔2021〕11号`. Unique among loaded notices.
    pub id: String,
    /// The notice's title.
    pub title: String,
    /// Who issued it.
    pub authority: String,
    /// The date it was signed.
    pub signed: NaiveDate,
    /// The date it was made public, when later than `signed`.
    pub published: Option<NaiveDate>,
    /// National notice or local adjustment.
    pub scope: Scope,
    /// The years whose schedule this notice settles (national notices).
    pub covers: Vec<i32>,
    /// The notices this one amends (for the reader; later notices win day by day anyway).
    pub amends: Vec<String>,
    /// The breaks it sets.
    pub holidays: Vec<HolidayBreak>,
    /// The working days it sets.
    pub workdays: Vec<WorkdayOrder>,
}

/// The years a notice may cover: wide enough for any real schedule, narrow enough that a
/// typo cannot make the calendar allocate millions of days.
const YEARS: std::ops::RangeInclusive<i32> = 1949..=2199;

impl Notice {
    /// The day from which the notice was known: `published`, or `signed` if not given.
    /// [`Calendar::as_known_on`](crate::Calendar::as_known_on) uses it.
    ///
    /// ```
    /// let cal = duban::Calendar::china();
    /// let amendment = cal.notices().iter().find(|n| n.id == "国办发明电〔2020〕1号").unwrap();
    /// assert_eq!(amendment.known_from().to_string(), "2020-01-27");
    /// ```
    pub fn known_from(&self) -> NaiveDate {
        self.published.unwrap_or(self.signed)
    }

    /// Reads a notice from its text form (see the type's documentation).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidNotice`] naming the line and what is wrong with it: an unknown
    /// directive, a malformed or impossible date, a range whose end is before its start, a
    /// statutory day outside its break, a national make-up day on a weekday, a missing
    /// `notice`, `signed` or `scope` line, a national notice without `covers`, and so on.
    ///
    /// ```
    /// let err = duban::Notice::parse("notice X\nsigned 2023-02-30\n").unwrap_err();
    /// assert_eq!(err.kind(), duban::ErrorKind::InvalidNotice);
    /// assert!(err.message(duban::Language::English).contains("line 2"));
    /// ```
    pub fn parse(text: &str) -> Result<Notice> {
        Notice::parse_with_limits(text, &Limits::default())
    }

    /// Reads a notice from its text form, refusing a text larger than
    /// `limits.notice_bytes`.
    ///
    /// # Errors
    ///
    /// As [`Notice::parse`], and [`ErrorKind::LimitExceeded`] for a text over the limit.
    ///
    /// ```
    /// let mut limits = duban::Limits::default();
    /// limits.notice_bytes = 16;
    /// let err = duban::Notice::parse_with_limits("notice 县政办发〔2023〕5号\n", &limits).unwrap_err();
    /// assert_eq!(err.kind(), duban::ErrorKind::LimitExceeded);
    /// assert!(err.message(duban::Language::English).contains("`notice_bytes`"));
    /// ```
    pub fn parse_with_limits(text: &str, limits: &Limits) -> Result<Notice> {
        Limits::check(
            Document::Notice,
            u64::try_from(text.len()).unwrap_or(u64::MAX),
            u64::try_from(limits.notice_bytes).unwrap_or(u64::MAX),
        )?;
        Parser::default().run(text)
    }
}

#[derive(Default)]
struct Parser {
    id: Option<String>,
    title: Option<String>,
    authority: Option<String>,
    signed: Option<NaiveDate>,
    published: Option<NaiveDate>,
    scope: Option<Scope>,
    covers: Vec<i32>,
    amends: Vec<String>,
    holidays: Vec<HolidayBreak>,
    workdays: Vec<WorkdayOrder>,
}

fn notice_error(line: usize, zh: String, en: String) -> Error {
    Error::new(
        ErrorKind::InvalidNotice,
        format!("节假日通知第{line}行：{zh}"),
        format!("holiday notice, line {line}: {en}"),
    )
    .with_position(Some(Position { line, column: 1 }))
}

fn file_error(zh: String, en: String) -> Error {
    Error::new(
        ErrorKind::InvalidNotice,
        format!("节假日通知：{zh}"),
        format!("holiday notice: {en}"),
    )
}

fn date_at(line: usize, text: &str) -> Result<NaiveDate> {
    let date = parse_date(text).map_err(|e| {
        notice_error(
            line,
            e.message(crate::Language::Chinese).to_owned(),
            e.message(crate::Language::English).to_owned(),
        )
    })?;
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(notice_error(
            line,
            format!(
                "日期 {date} 超出支持的年份范围（{}至{}年）",
                YEARS.start(),
                YEARS.end()
            ),
            format!(
                "date {date} is outside the supported years {}..={}",
                YEARS.start(),
                YEARS.end()
            ),
        ))
    }
}

/// `a..b` or a single date.
fn range_at(line: usize, text: &str) -> Result<(NaiveDate, NaiveDate)> {
    let (first, last) = match text.split_once("..") {
        Some((a, b)) => (date_at(line, a)?, date_at(line, b)?),
        None => {
            let d = date_at(line, text)?;
            (d, d)
        }
    };
    if last < first {
        return Err(notice_error(
            line,
            format!("日期范围 {text} 的结束日早于开始日"),
            format!("range {text} ends before it starts"),
        ));
    }
    if (last - first).num_days() > 366 {
        return Err(notice_error(
            line,
            format!("日期范围 {text} 超过一年"),
            format!("range {text} is longer than a year"),
        ));
    }
    Ok((first, last))
}

/// Days in `first..=last` (a range checked by [`range_at`], so at most 367).
fn break_len(first: NaiveDate, last: NaiveDate) -> usize {
    offset(first, last) + 1
}

/// Days from `first` to `d` (0 when `d` is not after `first`).
fn offset(first: NaiveDate, d: NaiveDate) -> usize {
    usize::try_from((d - first).num_days()).unwrap_or(0)
}

/// The first day of `a..=b`, in order, outside `first..=last`.
fn first_outside(
    a: NaiveDate,
    b: NaiveDate,
    first: NaiveDate,
    last: NaiveDate,
) -> Option<NaiveDate> {
    if a < first || a > last {
        Some(a)
    } else if b > last {
        last.succ_opt()
    } else {
        None
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Parser {
    fn run(mut self, text: &str) -> Result<Notice> {
        let mut statutory_given = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let content = raw.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            let mut fields = content.split_whitespace();
            let directive = fields.next().unwrap_or("");
            let rest: Vec<&str> = fields.collect();
            let one = |what: &str| -> Result<String> {
                if rest.is_empty() {
                    Err(notice_error(
                        line,
                        format!("“{what}”后缺少内容"),
                        format!("`{what}` needs a value"),
                    ))
                } else {
                    Ok(rest.join(" "))
                }
            };
            match directive {
                "notice" => set_once(line, "notice", &mut self.id, one("notice")?)?,
                "title" => set_once(line, "title", &mut self.title, one("title")?)?,
                "authority" => set_once(line, "authority", &mut self.authority, one("authority")?)?,
                "signed" => {
                    let d = date_at(line, &one("signed")?)?;
                    set_once(line, "signed", &mut self.signed, d)?
                }
                "published" => {
                    let d = date_at(line, &one("published")?)?;
                    set_once(line, "published", &mut self.published, d)?
                }
                "scope" => {
                    let scope = match one("scope")?.as_str() {
                        "national" => Scope::National,
                        "local" => Scope::Local,
                        "provisional" => Scope::Provisional,
                        other => {
                            return Err(notice_error(
                                line,
                                format!(
                                "未知的适用范围“{other}”（应为 national、local 或 provisional）"
                            ),
                                format!(
                                "unknown scope {other:?} (expected national, local or provisional)"
                            ),
                            ))
                        }
                    };
                    set_once(line, "scope", &mut self.scope, scope)?
                }
                "covers" => {
                    for y in &rest {
                        match y.parse::<i32>() {
                            Ok(year) if YEARS.contains(&year) => self.covers.push(year),
                            _ => {
                                return Err(notice_error(
                                    line,
                                    format!(
                                        "“{y}”不是支持的年份（{}至{}年）",
                                        YEARS.start(),
                                        YEARS.end()
                                    ),
                                    format!(
                                        "{y:?} is not a supported year ({}..={})",
                                        YEARS.start(),
                                        YEARS.end()
                                    ),
                                ))
                            }
                        }
                    }
                    one("covers")?;
                }
                "amends" => self.amends.push(one("amends")?),
                "holiday" => {
                    let (name, span, statutory) = match rest.as_slice() {
                        [name, span] => (name, span, None),
                        [name, span, "statutory", days] => (name, span, Some(*days)),
                        _ => {
                            return Err(notice_error(
                                line,
                                "应为“holiday 名称 日期[..日期] [statutory 日期列表|none]”".into(),
                                "expected `holiday NAME DATE[..DATE] [statutory DATES|none]`"
                                    .into(),
                            ))
                        }
                    };
                    let (first, last) = range_at(line, span)?;
                    // Which days of the break are statutory, each once and in order: a
                    // list naming a day many times costs no more memory than the break.
                    let mut marked = vec![false; break_len(first, last)];
                    let mut outside = None;
                    if let Some(list) = statutory {
                        statutory_given.push(line);
                        if list != "none" {
                            for part in list.split(',') {
                                let (a, b) = range_at(line, part)?;
                                if outside.is_none() {
                                    outside = first_outside(a, b, first, last);
                                }
                                for d in a.max(first).iter_days().take_while(|d| *d <= b.min(last))
                                {
                                    if let Some(m) = marked.get_mut(offset(first, d)) {
                                        *m = true;
                                    }
                                }
                            }
                        }
                    }
                    if let Some(d) = outside {
                        return Err(notice_error(
                            line,
                            format!("法定节假日 {d} 不在假期 {span} 之内"),
                            format!("statutory day {d} is outside the break {span}"),
                        ));
                    }
                    let days: Vec<NaiveDate> = first
                        .iter_days()
                        .zip(&marked)
                        .filter(|(_, m)| **m)
                        .map(|(d, _)| d)
                        .collect();
                    self.holidays.push(HolidayBreak {
                        name: (*name).to_owned(),
                        first,
                        last,
                        statutory: days,
                    });
                }
                "workday" => {
                    let [day, name] = rest.as_slice() else {
                        return Err(notice_error(
                            line,
                            "应为“workday 日期 名称”".into(),
                            "expected `workday DATE NAME`".into(),
                        ));
                    };
                    let date = date_at(line, day)?;
                    self.workdays.push(WorkdayOrder {
                        date,
                        name: (*name).to_owned(),
                    });
                }
                other => {
                    return Err(notice_error(
                        line,
                        format!("未知的指令“{other}”"),
                        format!("unknown directive {other:?}"),
                    ))
                }
            }
        }
        // Each year once, in order, however often the `covers` lines repeat it.
        self.covers.sort_unstable();
        self.covers.dedup();
        self.finish(&statutory_given)
    }

    fn finish(self, statutory_given: &[usize]) -> Result<Notice> {
        let missing = |what: &str| {
            file_error(
                format!("缺少“{what}”行"),
                format!("the `{what}` line is missing"),
            )
        };
        let id = self.id.ok_or_else(|| missing("notice"))?;
        let signed = self.signed.ok_or_else(|| missing("signed"))?;
        let scope = self.scope.ok_or_else(|| missing("scope"))?;
        let with_id = |e: Error| e.reworded(|zh| format!("{id}：{zh}"), |en| format!("{id}: {en}"));
        if let Some(published) = self.published {
            if published < signed {
                return Err(with_id(missing_order(published, signed)));
            }
        }
        match scope {
            Scope::National => {
                if self.covers.is_empty() && self.amends.is_empty() {
                    return Err(with_id(missing("covers")));
                }
                if statutory_given.len() != self.holidays.len() {
                    return Err(with_id(file_error("全国性通知的每个 holiday 行都须写明 statutory（法定节假日，或 none）".into(),
                        "every `holiday` line of a national notice needs `statutory` (days, or none)"
                            .into(),
                    )));
                }
                if let Some(w) = self.workdays.iter().find(|w| !is_weekend(w.date)) {
                    return Err(with_id(file_error(
                        format!("调休上班日 {} 不是周末", w.date),
                        format!("make-up working day {} is not a Saturday or Sunday", w.date),
                    )));
                }
            }
            Scope::Local => {
                if !self.covers.is_empty() {
                    return Err(with_id(file_error(
                        "地方调整不能声明 covers（覆盖年份只由全国性通知确定）".into(),
                        "a local adjustment cannot declare `covers` (only national notices do)"
                            .into(),
                    )));
                }
            }
            Scope::Provisional => {
                check_provisional(&self.covers, &self.holidays, &self.workdays).map_err(with_id)?;
            }
        }
        Ok(Notice {
            title: self.title.unwrap_or_default(),
            authority: self.authority.unwrap_or_default(),
            id,
            signed,
            published: self.published,
            scope,
            covers: self.covers,
            amends: self.amends,
            holidays: self.holidays,
            workdays: self.workdays,
        })
    }
}

/// A provisional year is the regulation's statutory days and nothing else: it declares the
/// years it covers, every day of each of its breaks is statutory and lies in those years,
/// and it orders no working day (make-up days only a notice can set).
fn check_provisional(
    covers: &[i32],
    holidays: &[HolidayBreak],
    workdays: &[WorkdayOrder],
) -> Result<()> {
    if covers.is_empty() {
        return Err(file_error(
            "缺少“covers”行（暂定年份须声明覆盖的年份）".into(),
            "the `covers` line is missing (a provisional year must declare its years)".into(),
        ));
    }
    if let Some(w) = workdays.first() {
        return Err(file_error(
            format!(
                "暂定年份不能设调休上班日（{}）：调休只由国务院办公厅通知确定",
                w.date
            ),
            format!(
                "a provisional year cannot order a working day ({}): only a notice sets make-up days",
                w.date
            ),
        ));
    }
    for h in holidays {
        let mut days = h.first.iter_days().take_while(|d| *d <= h.last);
        if let Some(d) = days.find(|d| h.statutory.binary_search(d).is_err()) {
            return Err(file_error(
                format!(
                    "暂定年份的假期“{}”含非法定节假日 {d}：暂定年份只列《全国年节及纪念日放假办法》规定的法定节假日",
                    h.name
                ),
                format!(
                    "break {} of a provisional year includes {d}, which is not statutory: a provisional year lists only the statutory days of the holiday regulation",
                    h.name
                ),
            ));
        }
        for d in [h.first, h.last] {
            if !covers.contains(&d.year()) {
                return Err(file_error(
                    format!(
                        "暂定年份的假期“{}”的日期 {d} 不在 covers 声明的年份之内",
                        h.name
                    ),
                    format!(
                        "break {} of a provisional year has {d}, outside the years in `covers`",
                        h.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn missing_order(published: NaiveDate, signed: NaiveDate) -> Error {
    file_error(
        format!("发布日期 {published} 早于签发日期 {signed}"),
        format!("published {published} is before signed {signed}"),
    )
}

fn set_once<T>(line: usize, what: &str, slot: &mut Option<T>, value: T) -> Result<()> {
    if slot.is_some() {
        return Err(notice_error(
            line,
            format!("“{what}”重复出现"),
            format!("`{what}` appears twice"),
        ));
    }
    *slot = Some(value);
    Ok(())
}
