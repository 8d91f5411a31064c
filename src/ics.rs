//! iCalendar (RFC 5545) export: a caseload's open deadlines, and the working-day calendar.
//!
//! Clerks keep their deadlines in Outlook, WPS or DingTalk, all of which import `.ics`
//! files. Two exports:
//!
//! - [`CheckReport::to_ics`]: one all-day event per open obligation (not yet met) on its due
//!   date, with the article, the explanation and an alarm a number of working days before.
//!   Each event's `UID` is built from the matter's id and the obligation (D1-D7) alone, so
//!   importing a later export updates the events instead of duplicating them.
//! - [`Calendar::to_ics`]: the days of a date range that are not ordinary (holiday rest
//!   days, weekends inside a break, make-up working days, local adjustments), one all-day
//!   event a day.
//!
//! Text is escaped and lines are folded at 75 octets, never inside a UTF-8 character; lines
//! end in CRLF.

use chrono::{Datelike, NaiveDate};

use crate::{Calendar, CheckReport, DayKind, Language, Policy, Result, WorkingDays};

/// How [`CheckReport::to_ics`] writes the events.
///
/// ```
/// use duban::{IcsOptions, Language, WorkingDays};
/// let o = IcsOptions::new(Language::English).alarm(Some(WorkingDays(5)));
/// assert_eq!(o.alarm, Some(WorkingDays(5)));
/// assert_eq!(IcsOptions::default().alarm, Some(WorkingDays(3)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct IcsOptions {
    /// The language of the summaries, descriptions and alarms (quotes of the regulation stay
    /// in Chinese).
    pub language: Language,
    /// The alarm: this many working days before the due date, at 09:00 local time; `None`
    /// for no alarm. `WorkingDays(0)` rings on the due date itself.
    pub alarm: Option<WorkingDays>,
}

impl Default for IcsOptions {
    fn default() -> IcsOptions {
        IcsOptions::new(Language::Chinese)
    }
}

impl IcsOptions {
    /// Options in `language`, with an alarm 3 working days before the due date.
    ///
    /// ```
    /// let o = duban::IcsOptions::new(duban::Language::Chinese);
    /// assert_eq!(o.alarm, Some(duban::WorkingDays(3)));
    /// ```
    pub fn new(language: Language) -> IcsOptions {
        IcsOptions {
            language,
            alarm: Some(WorkingDays(3)),
        }
    }

    /// Sets the alarm (`None`: no alarm).
    ///
    /// ```
    /// let o = duban::IcsOptions::default().alarm(None);
    /// assert_eq!(o.alarm, None);
    /// ```
    pub fn alarm(mut self, alarm: Option<WorkingDays>) -> IcsOptions {
        self.alarm = alarm;
        self
    }
}

/// The start of the `SEQUENCE` count: an export's sequence number is the number of days from
/// this day to its as-of day, so a later export supersedes an earlier one.
const SEQUENCE_EPOCH: (i32, u32, u32) = (2020, 1, 1);

impl CheckReport {
    /// The report's open deadlines as an iCalendar (RFC 5545) file: one all-day event per
    /// obligation that is pending, due today or overdue on the as-of day, on its due date (a
    /// report submitted in time and awaiting a supplement has no event: its due date was met).
    ///
    /// Each event has a `SUMMARY` naming the obligation (D1-D7), the unit and the matter (an
    /// overdue one marked as such), a `DESCRIPTION` with the status, the article's words and
    /// the explanation, a `UID` of the matter's id and the obligation, so re-importing a
    /// later export updates rather than duplicates, a `SEQUENCE` that grows with the as-of
    /// day, and, with [`IcsOptions::alarm`], a `VALARM` at 09:00 that many working days
    /// before the due date (left out when that day is outside the calendar).
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` if `calendar` cannot explain a deadline: use the policy and the
    /// calendar the report was checked with.
    ///
    /// ```
    /// use duban::{Calendar, Caseload, IcsOptions, Language, Policy};
    /// let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    /// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
    ///   {"id": "HY-1", "kind": "meeting_follow_up", "unit": "市交通运输局", "sector": "城建",
    ///    "meeting": {"date": "2023-09-20", "kind": "executive"}, "items": [{"id": "1"}]}]}"#)?;
    /// let report = duban::check(&c, &policy, &cal, duban::parse_date("2023-11-01")?)?;
    /// let ics = report.to_ics(&policy, &cal, IcsOptions::new(Language::Chinese))?;
    /// assert!(ics.contains("\r\nUID:HY-1.D1@duban\r\n"));
    /// assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20231107\r\n"));
    /// assert!(ics.contains("\r\nTRIGGER:-P4DT15H\r\n")); // 3 working days before: Thu 2023-11-02
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn to_ics(
        &self,
        policy: &Policy,
        calendar: &Calendar,
        options: IcsOptions,
    ) -> Result<String> {
        let lang = options.language;
        let zh = lang == Language::Chinese;
        let mut out = Ics::begin(
            lang,
            &if zh {
                format!("督办截止日期（截至 {}）", self.as_of)
            } else {
                format!("duban deadlines (as of {})", self.as_of)
            },
        );
        let stamp = format!("{}T000000Z", compact(self.as_of));
        let sequence =
            NaiveDate::from_ymd_opt(SEQUENCE_EPOCH.0, SEQUENCE_EPOCH.1, SEQUENCE_EPOCH.2)
                .map(|epoch| (self.as_of - epoch).num_days().max(0))
                .unwrap_or(0);
        for matter in &self.matters {
            for o in matter.obligations.iter().filter(|o| {
                matches!(
                    o.status,
                    crate::Status::Pending { .. }
                        | crate::Status::DueToday
                        | crate::Status::Overdue { .. }
                )
            }) {
                let deadline = &o.deadline;
                let kind = deadline.kind();
                let due = deadline.due();
                let title = matter.title.as_deref().map(str::trim);
                let what = match title.filter(|t| !t.is_empty()) {
                    Some(title) => format!("{} {title}", matter.id),
                    None => matter.id.to_string(),
                };
                let overdue = matches!(o.status, crate::Status::Overdue { .. });
                let mark = match (overdue, zh) {
                    (false, _) => "",
                    (true, true) => "【已逾期】",
                    (true, false) => "[overdue] ",
                };
                let summary = format!(
                    "{mark}{} {} — {} — {what}",
                    kind.code(),
                    kind.label(lang),
                    matter.unit
                );
                let alarm_day = options
                    .alarm
                    .and_then(|n| i32::try_from(n.0).ok())
                    .and_then(|n| calendar.add_workdays(due, -n).ok());
                let mut description = Vec::new();
                description.push(if zh {
                    format!("事项：{what}")
                } else {
                    format!("Matter: {what}")
                });
                description.push(if zh {
                    format!("责任单位：{}（{}）", matter.unit, matter.sector)
                } else {
                    format!("Unit: {} ({})", matter.unit, matter.sector)
                });
                description.push(if zh {
                    format!("状态（截至 {}）：{}", self.as_of, o.status.describe(lang))
                } else {
                    format!("Status on {}: {}", self.as_of, o.status.describe(lang))
                });
                if let (Some(n), Some(day)) = (options.alarm, alarm_day) {
                    description.push(if zh {
                        format!("提醒：截止日前 {} 个工作日（{day}）", n.0)
                    } else {
                        format!(
                            "Reminder: {} working day(s) before the due date ({day})",
                            n.0
                        )
                    });
                }
                description.push(String::new());
                description.extend(deadline.explain(policy, calendar, lang)?.lines);

                out.line("BEGIN:VEVENT");
                out.property(
                    "UID",
                    &format!("{}.{}@duban", uid_part(&matter.id), kind.code()),
                );
                out.property("DTSTAMP", &stamp);
                out.property("SEQUENCE", &sequence.to_string());
                out.property("DTSTART;VALUE=DATE", &compact(due));
                out.property("DTEND;VALUE=DATE", &compact(next_day(due)));
                out.text("SUMMARY", &summary);
                out.text("DESCRIPTION", &description.join("\n"));
                out.property(
                    "CATEGORIES",
                    &format!("{},{}", escape(lang.pick("督办", "duban")), kind.code()),
                );
                out.property("TRANSP", "TRANSPARENT");
                if let Some(day) = alarm_day {
                    out.line("BEGIN:VALARM");
                    out.property("ACTION", "DISPLAY");
                    out.text("DESCRIPTION", &summary);
                    out.property("TRIGGER", &trigger_at_nine((due - day).num_days()));
                    out.line("END:VALARM");
                }
                out.line("END:VEVENT");
            }
        }
        Ok(out.end())
    }
}

impl Calendar {
    /// The days `first..=last` that are not ordinary, as an iCalendar (RFC 5545) file: one
    /// all-day event for each holiday rest day (statutory holidays, shifted rest days,
    /// weekends inside a break, local rest days) and each make-up or local working day,
    /// named after its holiday and the notice that set it. Ordinary weekdays and weekends
    /// are left out. The `UID` is the date, so a re-import after a new notice updates.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` if any day of the range is not covered; `InvalidInput` if `last` is
    /// before `first`.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, Language};
    /// let ics = Calendar::china().to_ics(parse_date("2023-10-01")?, parse_date("2023-10-08")?, Language::Chinese)?;
    /// assert_eq!(ics.matches("BEGIN:VEVENT").count(), 8); // 10-01..=10-06 off, 10-07 and 10-08 worked
    /// assert!(ics.contains("\r\nSUMMARY:中秋节、国庆节 调休上班\r\n"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn to_ics(&self, first: NaiveDate, last: NaiveDate, language: Language) -> Result<String> {
        let zh = language == Language::Chinese;
        let mut out = Ics::begin(
            language,
            &if zh {
                format!("节假日与调休（{first} 至 {last}）")
            } else {
                format!("Holidays and make-up working days ({first} to {last})")
            },
        );
        let stamp = format!("{}T000000Z", compact(first));
        for day in self.days(first, last)? {
            let ordinary = matches!(day.kind, DayKind::Workday)
                || (day.kind == DayKind::Weekend && day.holiday.is_none());
            if ordinary {
                continue;
            }
            let name = day.holiday.unwrap_or_else(|| day.kind.label(language));
            let summary = if day.is_workday() {
                if zh {
                    format!("{name} 调休上班")
                } else {
                    format!("{name}: make-up working day")
                }
            } else if zh {
                format!("{name} 放假")
            } else {
                format!("{name}: day off")
            };
            let mut description = vec![if zh {
                format!("{}：{}", day.date, day.kind.label(language))
            } else {
                format!("{}: {}", day.date, day.kind.label(language))
            }];
            if let Some(notice) = day.notice {
                description.push(if zh {
                    format!("依据：{notice}")
                } else {
                    format!("Set by: {notice}")
                });
            }
            out.line("BEGIN:VEVENT");
            out.property("UID", &format!("{}@duban-calendar", compact(day.date)));
            out.property("DTSTAMP", &stamp);
            out.property("DTSTART;VALUE=DATE", &compact(day.date));
            out.property("DTEND;VALUE=DATE", &compact(next_day(day.date)));
            out.text("SUMMARY", &summary);
            out.text("DESCRIPTION", &description.join("\n"));
            out.property(
                "CATEGORIES",
                &escape(if day.is_workday() {
                    language.pick("调休上班", "make-up working day")
                } else {
                    language.pick("放假", "day off")
                }),
            );
            out.property("TRANSP", "TRANSPARENT");
            out.line("END:VEVENT");
        }
        Ok(out.end())
    }
}

/// An iCalendar document being written: content lines folded and ended with CRLF.
struct Ics {
    out: String,
}

impl Ics {
    fn begin(language: Language, name: &str) -> Ics {
        let mut ics = Ics { out: String::new() };
        ics.line("BEGIN:VCALENDAR");
        ics.line("VERSION:2.0");
        ics.line(&format!(
            "PRODID:-//duban//duban {}//{}",
            env!("CARGO_PKG_VERSION"),
            language.pick("ZH", "EN")
        ));
        ics.line("CALSCALE:GREGORIAN");
        ics.line("METHOD:PUBLISH");
        ics.text("X-WR-CALNAME", name);
        ics
    }

    fn end(mut self) -> String {
        self.line("END:VCALENDAR");
        self.out
    }

    /// A property whose value is already in iCalendar form.
    fn property(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    /// A property whose value is text, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape(value)));
    }

    /// One content line, folded so that no physical line exceeds 75 octets (RFC 5545
    /// 3.1): a break goes before a character, never inside one, and each continuation
    /// starts with a space.
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if width + n > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(c);
            width += n;
        }
        self.out.push_str("\r\n");
    }
}

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline;
/// carriage returns and other control characters are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A matter id as it goes into a UID: ASCII letters, digits, `-` and `_` kept, every other
/// byte percent-encoded, so that distinct ids give distinct UIDs and the UID needs no
/// escaping.
fn uid_part(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `YYYYMMDD`, the form of an iCalendar DATE.
fn compact(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}

/// A relative trigger for an all-day event (whose start is midnight of its day) that rings
/// at 09:00 on the day `days_before` calendar days before it.
fn trigger_at_nine(days_before: i64) -> String {
    if days_before <= 0 {
        "PT9H".to_owned()
    } else {
        format!("-P{}DT15H", days_before - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        let mut ics = Ics { out: String::new() };
        let long = "描述:".to_owned() + &"督办事项，".repeat(40);
        ics.line(&long);
        for physical in ics.out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let unfolded = ics.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn folding_an_ascii_line_at_exactly_75_octets() {
        let mut ics = Ics { out: String::new() };
        ics.line(&"a".repeat(75));
        assert_eq!(ics.out, format!("{}\r\n", "a".repeat(75)));
        let mut ics = Ics { out: String::new() };
        ics.line(&"a".repeat(76));
        assert_eq!(ics.out, format!("{}\r\n a\r\n", "a".repeat(75)));
    }

    #[test]
    fn text_escapes() {
        assert_eq!(escape("a,b;c\\d\ne\r"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn uid_parts_are_distinct_and_plain() {
        assert_eq!(uid_part("HY-2023-041"), "HY-2023-041");
        assert_eq!(uid_part("a.b"), "a%2Eb");
        assert_eq!(uid_part("督"), "%E7%9D%A3");
        assert_ne!(uid_part("a%2Eb"), uid_part("a.b"));
    }

    #[test]
    fn triggers() {
        assert_eq!(trigger_at_nine(0), "PT9H");
        assert_eq!(trigger_at_nine(1), "-P0DT15H");
        assert_eq!(trigger_at_nine(5), "-P4DT15H");
    }
}
