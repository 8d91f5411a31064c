//! The obligations D1-D7 of 安政办发〔2020〕1号: what is due when, and why.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::CalendarDays;
use crate::{
    Article, Bound, Calendar, DayKind, Error, Language, MeetingKind, Period, Policy, Quarter,
    Result, StartDay, WeekReading, WorkingDays, YearMonth,
};

/// Which of the regulation's deadlines an obligation is (D1-D7 of the domain notes).
///
/// ```
/// use duban::ObligationKind;
/// assert_eq!(ObligationKind::InspectionApplication.code(), "D4");
/// assert_eq!(ObligationKind::InspectionApplication.article().to_string(), "第十条");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ObligationKind {
    /// D1: progress on meeting decisions within 30 working days (Art. 9 ¶1).
    MeetingFollowUp,
    /// D2: monthly progress on the Government Work Report's key tasks (Art. 9 ¶1).
    MonthlyReport,
    /// D3: the office sections' quarterly ledger report (Art. 7).
    QuarterlyReport,
    /// D4: application for an inspection not in the annual plan (Art. 10).
    InspectionApplication,
    /// D5: approval of that inspection before it starts (Art. 10).
    InspectionApproval,
    /// D6: the written rectification plan after an accountability interview (Art. 12 (3)).
    RectificationPlan,
    /// D7: the year-end summary to the assessment office (Art. 12 (4)).
    YearEndSummary,
}

impl ObligationKind {
    /// All kinds, D1 to D7.
    ///
    /// ```
    /// assert_eq!(duban::ObligationKind::ALL.map(|k| k.code()), ["D1", "D2", "D3", "D4", "D5", "D6", "D7"]);
    /// ```
    pub const ALL: [ObligationKind; 7] = [
        ObligationKind::MeetingFollowUp,
        ObligationKind::MonthlyReport,
        ObligationKind::QuarterlyReport,
        ObligationKind::InspectionApplication,
        ObligationKind::InspectionApproval,
        ObligationKind::RectificationPlan,
        ObligationKind::YearEndSummary,
    ];

    /// `D1` ... `D7`.
    ///
    /// ```
    /// assert_eq!(duban::ObligationKind::RectificationPlan.code(), "D6");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ObligationKind::MeetingFollowUp => "D1",
            ObligationKind::MonthlyReport => "D2",
            ObligationKind::QuarterlyReport => "D3",
            ObligationKind::InspectionApplication => "D4",
            ObligationKind::InspectionApproval => "D5",
            ObligationKind::RectificationPlan => "D6",
            ObligationKind::YearEndSummary => "D7",
        }
    }

    /// The article that sets it.
    ///
    /// ```
    /// assert_eq!(duban::ObligationKind::YearEndSummary.article().to_string(), "第十二条第（四）项");
    /// ```
    pub fn article(self) -> Article {
        match self {
            ObligationKind::MeetingFollowUp | ObligationKind::MonthlyReport => {
                Article::paragraph(9, 1)
            }
            ObligationKind::QuarterlyReport => Article::whole(7),
            ObligationKind::InspectionApplication | ObligationKind::InspectionApproval => {
                Article::whole(10)
            }
            ObligationKind::RectificationPlan => Article::item(12, 3),
            ObligationKind::YearEndSummary => Article::item(12, 4),
        }
    }

    /// The words of the regulation that set it, in the original Chinese.
    ///
    /// ```
    /// assert!(duban::ObligationKind::MeetingFollowUp.quote().contains("30个工作日内"));
    /// ```
    pub fn quote(self) -> &'static str {
        match self {
            ObligationKind::MeetingFollowUp => "市政府全体会议、常务会议、市长办公会议、市政府专项问题办公会议召开后的30个工作日内报送会议决定事项进展情况。",
            ObligationKind::MonthlyReport => "每月最后1个工作日前报送《政府工作报告》确定的年度重点任务（公开承诺事项）当月进展情况",
            ObligationKind::QuarterlyReport => "每个季度末最后1个工作日前将对应市政府领导专项问题办公会议决定事项落实情况、重点批示件办理情况、重要文件落实情况、联系重点项目进展情况报市政府督查室。",
            ObligationKind::InspectionApplication => "未列入《年度计划》的督查检查事项，不得自行组织开展。确因特殊情况需要开展的，应提前7个工作日向市政府督查室申报",
            ObligationKind::InspectionApproval => "经市政府分管领导审批后方可实施，并由市政府督查室报市委督查室备案。",
            ObligationKind::RectificationPlan => "被约谈单位主要负责人必须在约谈之日起一周内向市政府详细说明情况，提出切实可行的书面整改方案。",
            ObligationKind::YearEndSummary => "市政府督查室年底前将通报表扬、约谈、通报批评等情况汇总报送市考核办",
        }
    }

    /// What is due, for a reader.
    ///
    /// ```
    /// use duban::{Language, ObligationKind};
    /// assert_eq!(ObligationKind::MonthlyReport.label(Language::Chinese), "年度重点任务当月进展情况报送");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            ObligationKind::MeetingFollowUp => (
                "会议决定事项进展情况报送",
                "progress report on meeting decisions",
            ),
            ObligationKind::MonthlyReport => (
                "年度重点任务当月进展情况报送",
                "monthly progress report on key tasks",
            ),
            ObligationKind::QuarterlyReport => ("季度督查台账报送", "quarterly ledger report"),
            ObligationKind::InspectionApplication => (
                "计划外督查检查事项申报",
                "application for an unplanned inspection",
            ),
            ObligationKind::InspectionApproval => (
                "计划外督查检查事项审批",
                "approval of an unplanned inspection",
            ),
            ObligationKind::RectificationPlan => (
                "约谈后书面整改方案",
                "written rectification plan after an interview",
            ),
            ObligationKind::YearEndSummary => (
                "年底督查结果汇总报送市考核办",
                "year-end summary to the assessment office",
            ),
        };
        language.pick(zh, en)
    }

    /// The policy parameters this kind's due date depends on.
    ///
    /// ```
    /// assert_eq!(duban::ObligationKind::MonthlyReport.parameters(), ["monthly_report_bound"]);
    /// ```
    pub fn parameters(self) -> &'static [&'static str] {
        match self {
            ObligationKind::MeetingFollowUp => &["meeting_follow_up_period", "follow_up_meetings"],
            ObligationKind::MonthlyReport => &["monthly_report_bound"],
            ObligationKind::QuarterlyReport => &["quarterly_report_bound"],
            ObligationKind::InspectionApplication => {
                &["inspection_notice_period", "inspection_start_day"]
            }
            ObligationKind::InspectionApproval => &["inspection_approval_bound"],
            ObligationKind::RectificationPlan => &["rectification_plan_period"],
            ObligationKind::YearEndSummary => &["year_end_summary_bound"],
        }
    }
}

/// One obligation with its trigger.
///
/// ```
/// use duban::{parse_date, Calendar, MeetingKind, Obligation, Policy};
/// let cal = Calendar::china();
/// let policy = Policy::ankang_2020();
/// let d = Obligation::MeetingFollowUp { meeting: parse_date("2023-09-20")?, kind: MeetingKind::Executive }
///     .deadline(&policy, &cal)?;
/// assert_eq!(d.due(), parse_date("2023-11-07")?);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "obligation", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Obligation {
    /// D1: the meeting's date and kind.
    MeetingFollowUp {
        /// The day the meeting was held.
        #[serde(serialize_with = "crate::period::iso")]
        meeting: NaiveDate,
        /// Which meeting.
        kind: MeetingKind,
    },
    /// D2: the month reported on.
    MonthlyReport {
        /// The month.
        month: YearMonth,
    },
    /// D3: the quarter reported on.
    QuarterlyReport {
        /// The quarter.
        quarter: Quarter,
    },
    /// D4: the planned start day of the inspection; the due date is the last day to apply.
    InspectionApplication {
        /// The inspection's start day.
        #[serde(serialize_with = "crate::period::iso")]
        start: NaiveDate,
    },
    /// D5: the planned start day; the due date is the last day to approve.
    InspectionApproval {
        /// The inspection's start day.
        #[serde(serialize_with = "crate::period::iso")]
        start: NaiveDate,
    },
    /// D6: the interview's date.
    RectificationPlan {
        /// The day of the interview (约谈).
        #[serde(serialize_with = "crate::period::iso")]
        interview: NaiveDate,
    },
    /// D7: the year summarised.
    YearEndSummary {
        /// The year.
        year: i32,
    },
}

/// A reading of contested words, and the date it gives.
///
/// ```
/// use duban::{Calendar, Obligation, Policy, Reading};
/// let d = Obligation::QuarterlyReport { quarter: "2023-Q3".parse()? }.deadline(&Policy::ankang_2020(), &Calendar::china())?;
/// let readings: Vec<Reading> = d.readings().iter().map(|r| r.reading).collect();
/// assert_eq!(readings, [Reading::Inclusive, Reading::Exclusive]);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reading {
    /// The only reading (nothing contested).
    Plain,
    /// 前 inclusive: the last working day itself is in time.
    Inclusive,
    /// 前 exclusive: due before the last working day starts.
    Exclusive,
    /// 一周 as seven calendar days, rolled to a working day.
    SevenCalendarDays,
    /// 一周 as five working days.
    FiveWorkingDays,
    /// The inspection's start day is not one of the seven working days.
    StartDayExcluded,
    /// The inspection's start day is one of them.
    StartDayCounted,
    /// Seven clear working days lie between the application day and the start day, both
    /// excluded (民法典 Art. 201): the strictest reading.
    ClearWorkingDays,
}

impl Reading {
    /// The reading for a reader.
    ///
    /// ```
    /// use duban::{Language, Reading};
    /// assert_eq!(Reading::Exclusive.label(Language::Chinese), "“前”不含当日");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            Reading::Plain => ("唯一理解", "the only reading"),
            Reading::Inclusive => ("“前”含当日", "前 inclusive (the day itself is in time)"),
            Reading::Exclusive => ("“前”不含当日", "前 exclusive (before that day starts)"),
            Reading::SevenCalendarDays => (
                "“一周”为7个自然日，末日为休息日的顺延至下一个工作日",
                "一周 as 7 calendar days, a last day off rolled to the next working day",
            ),
            Reading::FiveWorkingDays => ("“一周”为5个工作日", "一周 as 5 working days"),
            Reading::StartDayExcluded => (
                "实施当日不计入7个工作日",
                "the start day is not one of the 7 working days",
            ),
            Reading::StartDayCounted => (
                "实施当日计入7个工作日",
                "the start day is one of the 7 working days",
            ),
            Reading::ClearWorkingDays => (
                "申报当日与实施当日之间相隔整7个工作日（两日均不计入）",
                "7 clear working days between the application day and the start day (both excluded)",
            ),
        };
        language.pick(zh, en)
    }
}

/// The date under one reading.
///
/// ```
/// use duban::{Calendar, Obligation, Policy};
/// let d = Obligation::QuarterlyReport { quarter: "2023-Q3".parse()? }.deadline(&Policy::ankang_2020(), &Calendar::china())?;
/// let exclusive = d.readings()[1];
/// assert_eq!((exclusive.date.to_string(), exclusive.chosen), ("2023-09-27".into(), false));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReadingDate {
    /// The reading.
    pub reading: Reading,
    /// The due date it gives.
    #[serde(serialize_with = "crate::period::iso")]
    pub date: NaiveDate,
    /// Whether the policy chose it.
    pub chosen: bool,
}

/// A run of rest days that belong to one holiday break, skipped by a count.
///
/// ```
/// use duban::{Calendar, Language, MeetingKind, Obligation, Policy};
/// let (p, cal) = (Policy::ankang_2020(), Calendar::china());
/// let d = Obligation::MeetingFollowUp { meeting: duban::parse_date("2023-09-20")?, kind: MeetingKind::Plenary }.deadline(&p, &cal)?;
/// let run = &d.explain(&p, &cal, Language::Chinese)?.holidays_skipped[0];
/// assert_eq!((run.first.to_string(), run.last.to_string(), run.days), ("2023-09-29".into(), "2023-10-06".into(), 8));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SkippedBreak {
    /// The holiday's name.
    pub holiday: String,
    /// First day skipped.
    pub first: NaiveDate,
    /// Last day skipped.
    pub last: NaiveDate,
    /// Days skipped in the run.
    pub days: u32,
}

/// A due date, with what is needed to explain it: the date under each plausible reading
/// and the earliest of them. Small and `Copy`: computing one does no allocation; the
/// explanation's text is rendered on demand by [`Deadline::explain`].
///
/// ```
/// use duban::{parse_date, Calendar, Obligation, Policy};
/// let d = Obligation::InspectionApplication { start: parse_date("2023-10-16")? }
///     .deadline(&Policy::ankang_2020(), &Calendar::china())?;
/// assert_eq!(d.due(), parse_date("2023-10-07")?); // a make-up Saturday
/// // 7 clear working days between the application and the start would need 2023-09-28.
/// assert_eq!(d.earliest(), parse_date("2023-09-28")?);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    obligation: Obligation,
    due: NaiveDate,
    earliest: NaiveDate,
    readings: [ReadingDate; 3],
    reading_count: u8,
    before_in_force: bool,
    /// A reading left out because its date falls before the loaded calendar.
    left_out: Option<Reading>,
    rolled_from: Option<NaiveDate>,
    counted_from: NaiveDate,
    counted_to: NaiveDate,
}

impl Serialize for Deadline {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            obligation: &'a Obligation,
            code: &'static str,
            article: Article,
            #[serde(serialize_with = "crate::period::iso")]
            due: NaiveDate,
            #[serde(serialize_with = "crate::period::iso")]
            earliest: NaiveDate,
            readings: &'a [ReadingDate],
            #[serde(
                skip_serializing_if = "Option::is_none",
                serialize_with = "crate::period::iso_opt"
            )]
            rolled_from: Option<NaiveDate>,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            before_in_force: bool,
        }
        View {
            obligation: &self.obligation,
            code: self.kind().code(),
            article: self.kind().article(),
            due: self.due,
            earliest: self.earliest,
            readings: self.readings(),
            rolled_from: self.rolled_from,
            before_in_force: self.before_in_force,
        }
        .serialize(s)
    }
}

/// Why a deadline falls where it does: the lines a clerk reads, and the days behind them.
///
/// ```
/// use duban::{Calendar, Language, Obligation, Policy};
/// let (p, cal) = (Policy::ankang_2020(), Calendar::china());
/// let d = Obligation::YearEndSummary { year: 2022 }.deadline(&p, &cal)?;
/// let why = d.explain(&p, &cal, Language::English)?;
/// assert!(why.lines[0].starts_with("Due: 2022-12-30"));
/// assert_eq!(why.holidays_skipped[0].holiday, "元旦");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// The explanation, a line each, the due date first.
    pub lines: Vec<String>,
    /// Holiday rest days inside the counted span, by break.
    pub holidays_skipped: Vec<SkippedBreak>,
    /// Ordinary weekend days inside the counted span.
    pub weekend_days_skipped: u32,
    /// Make-up working days (调休上班) inside the counted span, counted as working days.
    pub make_up_days_counted: Vec<NaiveDate>,
}

impl Obligation {
    /// Its kind (D1-D7).
    ///
    /// ```
    /// let o = duban::Obligation::YearEndSummary { year: 2024 };
    /// assert_eq!(o.kind(), duban::ObligationKind::YearEndSummary);
    /// ```
    pub fn kind(&self) -> ObligationKind {
        match self {
            Obligation::MeetingFollowUp { .. } => ObligationKind::MeetingFollowUp,
            Obligation::MonthlyReport { .. } => ObligationKind::MonthlyReport,
            Obligation::QuarterlyReport { .. } => ObligationKind::QuarterlyReport,
            Obligation::InspectionApplication { .. } => ObligationKind::InspectionApplication,
            Obligation::InspectionApproval { .. } => ObligationKind::InspectionApproval,
            Obligation::RectificationPlan { .. } => ObligationKind::RectificationPlan,
            Obligation::YearEndSummary { .. } => ObligationKind::YearEndSummary,
        }
    }

    /// The date checked against the policy's in-force date: the meeting, interview or
    /// inspection start day, or the last day of the month, quarter or year reported on (a
    /// period that ends after 2020-01-06 is reported under the regulation).
    ///
    /// ```
    /// let o = duban::Obligation::MonthlyReport { month: "2020-01".parse()? };
    /// assert_eq!(o.trigger_date().to_string(), "2020-01-31");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn trigger_date(&self) -> NaiveDate {
        match *self {
            Obligation::MeetingFollowUp { meeting, .. } => meeting,
            Obligation::MonthlyReport { month } => month.last_day(),
            Obligation::QuarterlyReport { quarter } => quarter.last_day(),
            Obligation::InspectionApplication { start }
            | Obligation::InspectionApproval { start } => start,
            Obligation::RectificationPlan { interview } => interview,
            Obligation::YearEndSummary { year } => Period::Year(year).last_day(),
        }
    }

    /// The trigger, described for a reader.
    fn trigger_text(&self, language: Language) -> String {
        match (*self, language) {
            (Obligation::MeetingFollowUp { meeting, kind }, Language::Chinese) => {
                format!(
                    "{}于 {meeting}（{}）召开",
                    kind.label(language),
                    weekday(meeting, language)
                )
            }
            (Obligation::MeetingFollowUp { meeting, kind }, Language::English) => {
                format!(
                    "{} held on {meeting} ({})",
                    kind.label(language),
                    weekday(meeting, language)
                )
            }
            (Obligation::MonthlyReport { month }, _) => Period::Month(month).label(language),
            (Obligation::QuarterlyReport { quarter }, _) => {
                Period::Quarter(quarter).label(language)
            }
            (Obligation::YearEndSummary { year }, _) => Period::Year(year).label(language),
            (
                Obligation::InspectionApplication { start }
                | Obligation::InspectionApproval { start },
                Language::Chinese,
            ) => {
                format!(
                    "督查检查拟于 {start}（{}）开始实施",
                    weekday(start, language)
                )
            }
            (
                Obligation::InspectionApplication { start }
                | Obligation::InspectionApproval { start },
                Language::English,
            ) => {
                format!(
                    "inspection to start on {start} ({})",
                    weekday(start, language)
                )
            }
            (Obligation::RectificationPlan { interview }, Language::Chinese) => {
                format!("约谈于 {interview}（{}）进行", weekday(interview, language))
            }
            (Obligation::RectificationPlan { interview }, Language::English) => {
                format!(
                    "interview held on {interview} ({})",
                    weekday(interview, language)
                )
            }
        }
    }

    /// Computes the due date under `policy` on `calendar`, with its explanation.
    ///
    /// # Errors
    ///
    /// - `PolicyNotInForce` when the trigger is before the policy (or a parameter it uses)
    ///   holds;
    /// - `InvalidInput` for a meeting kind the policy's `follow_up_meetings` does not list;
    /// - `OutsideCoverage` when the count needs a day the calendar does not cover.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, Obligation, Policy};
    /// let cal = Calendar::china();
    /// let p = Policy::ankang_2020();
    /// // An interview on 2023-09-27: 7 days later is 10-04, in the National Day break.
    /// let d = Obligation::RectificationPlan { interview: parse_date("2023-09-27")? }.deadline(&p, &cal)?;
    /// assert_eq!(d.due(), parse_date("2023-10-07")?);
    /// assert_eq!(d.rolled_from(), Some(parse_date("2023-10-04")?));
    /// // 5 working days would give 2023-10-10, so 10-07 is the earlier, safe date.
    /// assert_eq!(d.earliest(), parse_date("2023-10-07")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn deadline(&self, policy: &Policy, calendar: &Calendar) -> Result<Deadline> {
        let kind = self.kind();
        policy.check_in_force(self.trigger_date(), kind.parameters())?;
        let p = &policy.parameters;
        let mut rolled_from = None;
        let mut left_out = None;
        let (readings, span): (ReadingRows, (NaiveDate, NaiveDate)) = match *self {
            Obligation::MeetingFollowUp {
                meeting,
                kind: meeting_kind,
            } => {
                if !p.follow_up_meetings.value.contains(&meeting_kind) {
                    return Err(Error::invalid_input(
                        format!(
                            "{}不属于第九条规定须在30个工作日内报送进展的会议（政策参数 follow_up_meetings）",
                            meeting_kind.label(Language::Chinese)
                        ),
                        format!(
                            "meetings of kind `{}` are not among those whose decisions Art. 9 ¶1 puts under the follow-up period (policy parameter follow_up_meetings)",
                            meeting_kind.label(Language::English)
                        ),
                    )
                    .with_date(meeting)
                    .with_parameter("follow_up_meetings")
                    .with_article(Article::paragraph(9, 1)));
                }
                let due = p.meeting_follow_up_period.value.after(calendar, meeting)?;
                (vec![(Reading::Plain, due, true)], (next_day(meeting), due))
            }
            Obligation::MonthlyReport { month } => {
                bound_readings(calendar, Period::Month(month), p.monthly_report_bound.value)?
            }
            Obligation::QuarterlyReport { quarter } => bound_readings(
                calendar,
                Period::Quarter(quarter),
                p.quarterly_report_bound.value,
            )?,
            Obligation::YearEndSummary { year } => {
                bound_readings(calendar, Period::Year(year), p.year_end_summary_bound.value)?
            }
            Obligation::InspectionApplication { start } => {
                let n = p.inspection_notice_period.value;
                let chosen = p.inspection_start_day.value;
                let chosen_day = n.before(calendar, start, chosen)?;
                let mut rows = Vec::with_capacity(3);
                for (reading, start_day) in [
                    (Reading::StartDayExcluded, StartDay::Excluded),
                    (Reading::StartDayCounted, StartDay::Counted),
                    (Reading::ClearWorkingDays, StartDay::Clear),
                ] {
                    match n.before(calendar, start, start_day) {
                        Ok(date) => rows.push((reading, date, chosen == start_day)),
                        // Another reading that falls before the loaded calendar begins: only
                        // for an inspection in the regulation's first days, whose due date
                        // is then marked before_in_force. It is left out, not guessed.
                        Err(e) if e.is_outside_coverage() && chosen_day < policy.in_force_from => {
                            left_out = Some(reading);
                        }
                        Err(e) => return Err(e),
                    }
                }
                let first = rows.iter().map(|r| r.1).min().unwrap_or(chosen_day);
                (rows, (first, start))
            }
            Obligation::InspectionApproval { start } => {
                let chosen = p.inspection_approval_bound.value;
                calendar.is_workday(start)?;
                let exclusive = Bound::Exclusive.apply(calendar, start)?;
                (
                    vec![
                        (Reading::Inclusive, start, chosen == Bound::Inclusive),
                        (Reading::Exclusive, exclusive, chosen == Bound::Exclusive),
                    ],
                    (exclusive, start),
                )
            }
            Obligation::RectificationPlan { interview } => {
                let chosen = p.rectification_plan_period.value;
                let week = CalendarDays(7).after(calendar, interview)?;
                let five = WorkingDays(5).after(calendar, interview)?;
                if chosen == WeekReading::SevenCalendarDays && week.nominal != week.due {
                    rolled_from = Some(week.nominal);
                }
                (
                    vec![
                        (
                            Reading::SevenCalendarDays,
                            week.due,
                            chosen == WeekReading::SevenCalendarDays,
                        ),
                        (
                            Reading::FiveWorkingDays,
                            five,
                            chosen == WeekReading::FiveWorkingDays,
                        ),
                    ],
                    (next_day(interview), week.due.max(five)),
                )
            }
        };
        let due = readings
            .iter()
            .find(|r| r.2)
            .or(readings.first())
            .map(|r| r.1)
            .ok_or_else(|| Error::invalid_input("没有可用的理解", "no reading applies"))?;
        let earliest = readings.iter().map(|r| r.1).min().unwrap_or(due);
        let mut slots = [ReadingDate {
            reading: Reading::Plain,
            date: due,
            chosen: true,
        }; 3];
        for (slot, (reading, date, chosen)) in slots.iter_mut().zip(readings.iter().copied()) {
            *slot = ReadingDate {
                reading,
                date,
                chosen,
            };
        }
        Ok(Deadline {
            obligation: *self,
            due,
            earliest,
            readings: slots,
            reading_count: readings.len().min(3) as u8,
            // A deadline that falls before the regulation took effect (an inspection that
            // starts in its first days) cannot have been kept: say so.
            before_in_force: due < policy.in_force_from,
            left_out,
            rolled_from,
            counted_from: span.0,
            counted_to: span.1,
        })
    }
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}

fn weekday(date: NaiveDate, language: Language) -> &'static str {
    const ZH: [&str; 7] = [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = date.weekday().num_days_from_monday() as usize;
    match language {
        Language::Chinese => ZH[i],
        Language::English => EN[i],
    }
}

/// Each reading with its date and whether the policy chose it.
type ReadingRows = Vec<(Reading, NaiveDate, bool)>;

fn bound_readings(
    calendar: &Calendar,
    period: Period,
    chosen: Bound,
) -> Result<(ReadingRows, (NaiveDate, NaiveDate))> {
    let inclusive = Bound::Inclusive.last_workday_of(calendar, period)?;
    let exclusive = Bound::Exclusive.apply(calendar, inclusive)?;
    Ok((
        vec![
            (Reading::Inclusive, inclusive, chosen == Bound::Inclusive),
            (Reading::Exclusive, exclusive, chosen == Bound::Exclusive),
        ],
        // The explanation shows why the last days of the period are not working days.
        (exclusive, period.last_day()),
    ))
}

impl Deadline {
    /// The obligation and its trigger.
    ///
    /// ```
    /// use duban::{Calendar, Obligation, Policy};
    /// let o = Obligation::YearEndSummary { year: 2024 };
    /// assert_eq!(o.deadline(&Policy::ankang_2020(), &Calendar::china())?.obligation(), o);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn obligation(&self) -> Obligation {
        self.obligation
    }

    /// Its kind (D1-D7).
    ///
    /// ```
    /// use duban::{Calendar, Obligation, ObligationKind, Policy};
    /// let d = Obligation::YearEndSummary { year: 2024 }.deadline(&Policy::ankang_2020(), &Calendar::china())?;
    /// assert_eq!(d.kind(), ObligationKind::YearEndSummary);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn kind(&self) -> ObligationKind {
        self.obligation.kind()
    }

    /// The due date under the policy's readings: the last day that is still in time.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, Obligation, Policy};
    /// let d = Obligation::YearEndSummary { year: 2024 }.deadline(&Policy::ankang_2020(), &Calendar::china())?;
    /// assert_eq!(d.due(), parse_date("2024-12-31")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// The earliest date among the readings: in time under every reading.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, Obligation, Policy};
    /// let d = Obligation::YearEndSummary { year: 2024 }.deadline(&Policy::ankang_2020(), &Calendar::china())?;
    /// assert_eq!(d.earliest(), parse_date("2024-12-30")?);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn earliest(&self) -> NaiveDate {
        self.earliest
    }

    /// The date under each plausible reading (one entry when nothing is contested), the
    /// policy's choice marked.
    ///
    /// ```
    /// use duban::{Calendar, Obligation, Policy, Reading};
    /// let d = Obligation::YearEndSummary { year: 2024 }.deadline(&Policy::ankang_2020(), &Calendar::china())?;
    /// let chosen = d.readings().iter().find(|r| r.chosen).unwrap();
    /// assert_eq!(chosen.reading, Reading::Inclusive);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn readings(&self) -> &[ReadingDate] {
        &self.readings[..usize::from(self.reading_count)]
    }

    /// The span of days the explanation counts over, both ends included, wide enough for
    /// every reading: for a count forward, from the day after the trigger to the latest
    /// reading's date; for D4 and D5, from the earliest reading's date to the start day.
    /// A calendar page marks the working days in it as the days counted.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, MeetingKind, Obligation, Policy};
    /// let d = Obligation::MeetingFollowUp { meeting: parse_date("2023-09-20")?, kind: MeetingKind::Executive }
    ///     .deadline(&Policy::ankang_2020(), &Calendar::china())?;
    /// assert_eq!(d.counted_span(), (parse_date("2023-09-21")?, parse_date("2023-11-07")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn counted_span(&self) -> (NaiveDate, NaiveDate) {
        (self.counted_from, self.counted_to)
    }

    /// For a calendar-day period whose last day is not a working day: that last day, before
    /// it rolled forward to the due date (民法典 Art. 203).
    ///
    /// ```
    /// use duban::{parse_date, Calendar, Obligation, Policy};
    /// let d = Obligation::RectificationPlan { interview: parse_date("2023-09-27")? }
    ///     .deadline(&Policy::ankang_2020(), &Calendar::china())?;
    /// assert_eq!(d.rolled_from(), Some(parse_date("2023-10-04")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn rolled_from(&self) -> Option<NaiveDate> {
        self.rolled_from
    }

    /// Whether the due date falls before the policy came into force (2020-01-06 for
    /// 安政办发〔2020〕1号): an inspection starting in the regulation's first days had to be
    /// applied for before the rule existed. The date is still returned, marked, and the
    /// explanation says so.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, Obligation, Policy};
    /// // 7 working days before Tue 2020-01-14: 01-13, 01-10, 01-09, 01-08, 01-07, 01-06, 01-03.
    /// let d = Obligation::InspectionApplication { start: parse_date("2020-01-14")? }
    ///     .deadline(&Policy::ankang_2020(), &Calendar::china())?;
    /// assert_eq!(d.due(), parse_date("2020-01-03")?);
    /// assert!(d.before_in_force());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn before_in_force(&self) -> bool {
        self.before_in_force
    }

    /// The line that says so, for a deadline [`before_in_force`](Deadline::before_in_force)
    /// under `policy`; `None` otherwise. [`Deadline::explain`] includes it.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, Language, Obligation, Policy};
    /// let p = Policy::ankang_2020();
    /// let d = Obligation::InspectionApplication { start: parse_date("2020-01-14")? }
    ///     .deadline(&p, &Calendar::china())?;
    /// let note = d.in_force_note(&p, Language::Chinese).unwrap();
    /// assert!(note.starts_with("注意：截止日期早于安政办发〔2020〕1号的施行日期2020-01-06"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn in_force_note(&self, policy: &Policy, language: Language) -> Option<String> {
        if !self.before_in_force {
            return None;
        }
        Some(match language {
            Language::Chinese => format!(
                "注意：截止日期早于{}的施行日期{}，该义务在规定施行前即已届满",
                policy.id, policy.in_force_from
            ),
            Language::English => format!(
                "Note: the due date is before {} came into force on {}; the obligation fell due before the rule existed",
                policy.id, policy.in_force_from
            ),
        })
    }

    /// Explains the deadline: the article and its words, the trigger, the counting rule,
    /// the policy parameters used, the holidays skipped and the make-up days counted, and,
    /// where the words allow more than one reading, the date under each and the earliest.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` if `calendar` does not cover the counted span (use the calendar
    /// the deadline was computed with).
    ///
    /// ```
    /// use duban::{parse_date, Calendar, Language, Obligation, Policy};
    /// let (cal, policy) = (Calendar::china(), Policy::ankang_2020());
    /// let d = Obligation::MonthlyReport { month: "2022-01".parse()? }.deadline(&policy, &cal)?;
    /// let why = d.explain(&policy, &cal, Language::Chinese)?;
    /// let text = why.lines.join("\n");
    /// assert!(text.contains("每月最后1个工作日前"));
    /// assert!(text.contains("2022-01-30"));
    /// assert_eq!(why.make_up_days_counted, [parse_date("2022-01-29")?, parse_date("2022-01-30")?]);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn explain(
        &self,
        policy: &Policy,
        calendar: &Calendar,
        language: Language,
    ) -> Result<Explanation> {
        let mut why = Explanation {
            lines: Vec::new(),
            holidays_skipped: Vec::new(),
            weekend_days_skipped: 0,
            make_up_days_counted: Vec::new(),
        };
        if self.counted_from <= self.counted_to {
            for day in calendar.days(self.counted_from, self.counted_to)? {
                match (day.kind, day.holiday) {
                    (DayKind::MakeUpWorkday | DayKind::LocalWorkday, _) => {
                        why.make_up_days_counted.push(day.date)
                    }
                    (kind, Some(name)) if !kind.is_workday() => {
                        match why.holidays_skipped.last_mut() {
                            Some(run) if run.holiday == name && next_day(run.last) == day.date => {
                                run.last = day.date;
                                run.days += 1;
                            }
                            _ => why.holidays_skipped.push(SkippedBreak {
                                holiday: name.to_owned(),
                                first: day.date,
                                last: day.date,
                                days: 1,
                            }),
                        }
                    }
                    (DayKind::Weekend, None) => why.weekend_days_skipped += 1,
                    _ => {}
                }
            }
        }
        why.lines = self.render(&why, policy, language);
        Ok(why)
    }

    fn render(&self, why: &Explanation, policy: &Policy, language: Language) -> Vec<String> {
        let zh = language == Language::Chinese;
        let kind = self.kind();
        let mut lines = Vec::new();
        let (article, quote) = (kind.article().label(language), kind.quote());
        if zh {
            lines.push(format!(
                "截止日期：{}（{}）",
                self.due,
                weekday(self.due, language)
            ));
            lines.push(format!("事项：{}（{}）", kind.label(language), kind.code()));
            lines.push(format!("依据：{} {}：“{}”", policy.id, article, quote));
            lines.push(format!("起算：{}", self.obligation.trigger_text(language)));
        } else {
            lines.push(format!(
                "Due: {} ({})",
                self.due,
                weekday(self.due, language)
            ));
            lines.push(format!(
                "Obligation: {} ({})",
                kind.label(language),
                kind.code()
            ));
            lines.push(format!("Basis: {} {}: “{}”", policy.id, article, quote));
            lines.push(format!(
                "Trigger: {}",
                self.obligation.trigger_text(language)
            ));
        }
        lines.push(self.rule_text(policy, language));
        let parameters = policy.parameters_json();
        for name in kind.parameters() {
            lines.push(format!(
                "{}{}",
                language.pick("政策参数：", "Policy parameter: "),
                Policy::describe(&parameters, name, language)
            ));
        }
        // The quote is the law's text; say so when the policy departs from it.
        let departures = Policy::departs(&parameters, kind.parameters());
        if !departures.is_empty() {
            lines.push(if zh {
                format!(
                    "注意：本政策的 {} 与安政办发〔2020〕1号原文不同，上引原文仅供对照",
                    departures.join("、")
                )
            } else {
                format!(
                    "Note: this policy's {} differs from 安政办发〔2020〕1号; the quote above is the original text, for comparison",
                    departures.join(", ")
                )
            });
        }
        if let Some(nominal) = self.rolled_from {
            lines.push(if zh {
                format!(
                    "期间末日 {nominal}（{}）不是工作日，顺延至 {}（《民法典》第二百零三条）",
                    weekday(nominal, language),
                    self.due
                )
            } else {
                format!(
                    "The period's last day {nominal} ({}) is not a working day; it rolls to {} (Civil Code Art. 203)",
                    weekday(nominal, language),
                    self.due
                )
            });
        }
        let span = format!("{}..={}", self.counted_from, self.counted_to);
        if why.holidays_skipped.is_empty() {
            lines.push(if zh {
                format!("{span} 期间没有节假日")
            } else {
                format!("No holiday in {span}")
            });
        }
        for run in &why.holidays_skipped {
            let dates = if run.first == run.last {
                run.first.to_string()
            } else if zh {
                format!("{} 至 {}", run.first, run.last)
            } else {
                format!("{}..={}", run.first, run.last)
            };
            lines.push(if zh {
                format!("跳过休息日：{dates} {}（{} 天）", run.holiday, run.days)
            } else {
                format!(
                    "Rest days skipped: {dates} {} ({} day(s))",
                    run.holiday, run.days
                )
            });
        }
        lines.push(if zh {
            format!("{span} 期间的普通周末：{} 天", why.weekend_days_skipped)
        } else {
            format!(
                "Ordinary weekend days in {span}: {}",
                why.weekend_days_skipped
            )
        });
        if !why.make_up_days_counted.is_empty() {
            let days: Vec<String> = why
                .make_up_days_counted
                .iter()
                .map(|d| {
                    if zh {
                        format!("{d}（{}）", weekday(*d, language))
                    } else {
                        format!("{d} ({})", weekday(*d, language))
                    }
                })
                .collect();
            lines.push(if zh {
                format!("计入的调休上班日：{}", days.join("、"))
            } else {
                format!("Make-up working days counted: {}", days.join(", "))
            });
        }
        if let Some(note) = self.in_force_note(policy, language) {
            lines.push(note);
        }
        if let Some(reading) = self.left_out {
            lines.push(if zh {
                format!(
                    "另一种理解（{}）下的日期早于已载入的节假日安排，无法计算，未列入",
                    reading.label(language)
                )
            } else {
                format!(
                    "Another reading ({}) gives a date before the loaded holiday schedules; it cannot be computed and is not listed",
                    reading.label(language)
                )
            });
        }
        if self.readings().len() > 1 {
            lines.push(
                language
                    .pick("不同理解下的日期：", "Dates under each reading:")
                    .to_owned(),
            );
            for r in self.readings() {
                let chosen = if r.chosen {
                    language.pick("（本政策采用）", " (chosen by the policy)")
                } else {
                    ""
                };
                lines.push(
                    format!("  - {}{}：{}", r.reading.label(language), chosen, r.date)
                        .replace("：", if zh { "：" } else { ": " }),
                );
            }
            lines.push(if zh {
                format!("最早日期（任何理解下均不逾期）：{}", self.earliest)
            } else {
                format!(
                    "Earliest date (in time under every reading): {}",
                    self.earliest
                )
            });
        }
        lines
    }

    fn rule_text(&self, policy: &Policy, language: Language) -> String {
        let p = &policy.parameters;
        let zh = language == Language::Chinese;
        match self.obligation {
            Obligation::MeetingFollowUp { .. } => {
                let n = p.meeting_follow_up_period.value.0;
                if zh {
                    format!("计算：会议召开当日不计入，自次日起算的第 {n} 个工作日（《民法典》第二百零一条）")
                } else {
                    format!("Rule: {n} working days, counted from the day after the meeting (the meeting day is not counted, Civil Code Art. 201)")
                }
            }
            Obligation::MonthlyReport { .. }
            | Obligation::QuarterlyReport { .. }
            | Obligation::YearEndSummary { .. } => {
                if zh {
                    "计算：该期间的最后一个工作日（含调休上班日），“前”的理解见政策参数".to_owned()
                } else {
                    "Rule: the last working day of the period (make-up days included); the reading of 前 is a policy parameter".to_owned()
                }
            }
            Obligation::InspectionApplication { .. } => {
                let n = p.inspection_notice_period.value.0;
                if zh {
                    format!("计算：实施日前第 {n} 个工作日当日或之前申报")
                } else {
                    format!("Rule: apply no later than {n} working days before the start day (the day that many working days before it)")
                }
            }
            Obligation::InspectionApproval { .. } => {
                if zh {
                    "计算：审批须在实施之前，最迟为实施当日（“前”的理解见政策参数）".to_owned()
                } else {
                    "Rule: approval must come before the inspection is carried out, at the latest on its start day (reading is a policy parameter)".to_owned()
                }
            }
            Obligation::RectificationPlan { .. } => {
                if zh {
                    "计算：约谈当日不计入，“一周”按政策参数计算；期间末日为休息日的顺延至下一个工作日".to_owned()
                } else {
                    "Rule: the interview day is not counted; 一周 per the policy parameter; a last day off rolls to the next working day".to_owned()
                }
            }
        }
    }

    /// Where the obligation stands on `as_of`, given the day it was met (`None` if not yet;
    /// a `met_on` after `as_of` is ignored, as not yet known then).
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when `as_of` (or `met_on`) is not covered by the calendar.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, Obligation, Policy, Status};
    /// let cal = Calendar::china();
    /// let d = Obligation::MonthlyReport { month: "2023-09".parse()? }.deadline(&Policy::ankang_2020(), &cal)?;
    /// assert_eq!(d.due(), parse_date("2023-09-28")?);
    /// let s = d.status(&cal, None, parse_date("2023-10-09")?)?;
    /// assert_eq!(s, Status::Overdue { since: parse_date("2023-09-29")?, working_days: 3, calendar_days: 11 });
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn status(
        &self,
        calendar: &Calendar,
        met_on: Option<NaiveDate>,
        as_of: NaiveDate,
    ) -> Result<Status> {
        Status::of(calendar, self.due, met_on, as_of)
    }
}

/// Where an obligation stands on a date.
///
/// ```
/// use duban::{parse_date, Calendar, Status};
/// let cal = Calendar::china();
/// let s = Status::of(&cal, parse_date("2024-09-30")?, None, parse_date("2024-10-08")?)?;
/// assert_eq!(s, Status::Overdue { since: parse_date("2024-10-01")?, working_days: 1, calendar_days: 8 });
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Not met, not yet due.
    Pending {
        /// Working days after the as-of day up to and including the due date.
        working_days_left: i32,
    },
    /// Not met; today is the last day.
    DueToday,
    /// Not met, and the due date has passed.
    Overdue {
        /// The first day it was late (the day after the due date).
        #[serde(serialize_with = "crate::period::iso")]
        since: NaiveDate,
        /// Working days after the due date up to and including the as-of day.
        working_days: i32,
        /// Calendar days after the due date up to and including the as-of day.
        calendar_days: i64,
    },
    /// Met on or before the due date.
    MetOnTime {
        /// The day it was met.
        #[serde(serialize_with = "crate::period::iso")]
        on: NaiveDate,
    },
    /// Met after the due date.
    MetLate {
        /// The day it was met.
        #[serde(serialize_with = "crate::period::iso")]
        on: NaiveDate,
        /// Working days after the due date up to and including `on`.
        working_days_late: i32,
        /// Calendar days after the due date up to and including `on`.
        calendar_days_late: i64,
    },
    /// 退回补办中: a report submitted in time and returned for supplement (补办, Art. 9 ¶2),
    /// the supplement not in yet. Neither met nor overdue, and never 不按期报送: the
    /// regulation sets no deadline for a supplement. Under a policy that sets one
    /// (`supplement_period`), the report is overdue from the day after it, counted from
    /// that deadline instead.
    AwaitingSupplement {
        /// The day the report was submitted (in time).
        #[serde(serialize_with = "crate::period::iso")]
        submitted_on: NaiveDate,
        /// The day it was returned for supplement.
        #[serde(serialize_with = "crate::period::iso")]
        returned_on: NaiveDate,
        /// The supplement's deadline, when the policy sets one.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "crate::period::iso_opt"
        )]
        supplement_due: Option<NaiveDate>,
    },
}

impl Status {
    /// The status of a due date on `as_of`, given when (if ever) it was met.
    ///
    /// # Errors
    ///
    /// `OutsideCoverage` when a date needed for the working-day counts is not covered.
    ///
    /// ```
    /// use duban::{parse_date, Calendar, Status};
    /// let cal = Calendar::china();
    /// let due = parse_date("2023-09-28")?;
    /// assert_eq!(Status::of(&cal, due, None, due)?, Status::DueToday);
    /// assert_eq!(Status::of(&cal, due, None, parse_date("2023-09-26")?)?, Status::Pending { working_days_left: 2 });
    /// assert_eq!(Status::of(&cal, due, Some(parse_date("2023-10-07")?), parse_date("2023-10-09")?)?,
    ///            Status::MetLate { on: parse_date("2023-10-07")?, working_days_late: 1, calendar_days_late: 9 });
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn of(
        calendar: &Calendar,
        due: NaiveDate,
        met_on: Option<NaiveDate>,
        as_of: NaiveDate,
    ) -> Result<Status> {
        match met_on.filter(|m| *m <= as_of) {
            Some(on) if on <= due => Ok(Status::MetOnTime { on }),
            Some(on) => Ok(Status::MetLate {
                on,
                working_days_late: calendar.workdays_between(due, on)?,
                calendar_days_late: (on - due).num_days(),
            }),
            None if as_of < due => Ok(Status::Pending {
                working_days_left: calendar.workdays_between(as_of, due)?,
            }),
            None if as_of == due => Ok(Status::DueToday),
            None => Ok(Status::Overdue {
                since: next_day(due),
                working_days: calendar.workdays_between(due, as_of)?,
                calendar_days: (as_of - due).num_days(),
            }),
        }
    }

    /// `pending`, `due_today`, `overdue`, `met_on_time`, `met_late` or
    /// `awaiting_supplement`.
    ///
    /// ```
    /// assert_eq!(duban::Status::DueToday.code(), "due_today");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Status::Pending { .. } => "pending",
            Status::DueToday => "due_today",
            Status::Overdue { .. } => "overdue",
            Status::MetOnTime { .. } => "met_on_time",
            Status::MetLate { .. } => "met_late",
            Status::AwaitingSupplement { .. } => "awaiting_supplement",
        }
    }

    /// Whether the status is late: overdue, or met after the due date (for a progress
    /// report, 不按期报送 under Art. 12 (3)). A report awaiting its supplement is not late.
    ///
    /// ```
    /// use duban::{parse_date, Status};
    /// assert!(!Status::DueToday.is_late());
    /// let s = Status::AwaitingSupplement {
    ///     submitted_on: parse_date("2023-10-27")?,
    ///     returned_on: parse_date("2023-10-30")?,
    ///     supplement_due: None,
    /// };
    /// assert!(!s.is_late() && !s.is_met());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn is_late(&self) -> bool {
        matches!(self, Status::Overdue { .. } | Status::MetLate { .. })
    }

    /// Whether the obligation was met (on time or late).
    ///
    /// ```
    /// assert!(!duban::Status::DueToday.is_met());
    /// ```
    pub fn is_met(&self) -> bool {
        matches!(self, Status::MetOnTime { .. } | Status::MetLate { .. })
    }

    /// The status for a reader.
    ///
    /// ```
    /// use duban::{Language, Status};
    /// assert_eq!(Status::DueToday.describe(Language::Chinese), "今日到期");
    /// ```
    pub fn describe(&self, language: Language) -> String {
        let zh = language == Language::Chinese;
        match *self {
            Status::Pending { working_days_left } => {
                if zh {
                    format!("未到期（还剩 {working_days_left} 个工作日）")
                } else {
                    format!("pending ({working_days_left} working days left)")
                }
            }
            Status::DueToday => language.pick("今日到期", "due today").to_owned(),
            Status::Overdue {
                since,
                working_days,
                ..
            } => {
                if zh {
                    format!("已逾期（自 {since} 起，逾期 {working_days} 个工作日）")
                } else {
                    format!("overdue since {since} ({working_days} working days)")
                }
            }
            Status::MetOnTime { on } => {
                if zh {
                    format!("按期完成（{on}）")
                } else {
                    format!("met on time ({on})")
                }
            }
            Status::MetLate {
                on,
                working_days_late,
                ..
            } => {
                if zh {
                    format!("逾期完成（{on}，晚 {working_days_late} 个工作日）")
                } else {
                    format!("met late ({on}, {working_days_late} working days late)")
                }
            }
            Status::AwaitingSupplement {
                returned_on,
                supplement_due,
                ..
            } => match (zh, supplement_due) {
                (true, Some(due)) => {
                    format!("退回补办中（{returned_on} 退回，补办期限 {due}）")
                }
                (true, None) => format!("退回补办中（{returned_on} 退回，未设补办期限）"),
                (false, Some(due)) => format!(
                    "returned, awaiting supplement (returned {returned_on}, supplement due {due})"
                ),
                (false, None) => format!(
                    "returned, awaiting supplement (returned {returned_on}, no supplement deadline)"
                ),
            },
        }
    }
}
