//! Golden tables for the obligations D1-D7 of 安政办发〔2020〕1号.
//!
//! Every expected date below was worked out by hand from the State Council notices as
//! transcribed in `shared/NOTICES.md` (holiday breaks, make-up working days, the 2020
//! Spring Festival extension), never copied from duban's output. Each row carries a comment
//! with the count. Abbreviations in the comments: "mk" = make-up working day (调休上班),
//! "off" = a day of a holiday break. Weekdays were checked against the proleptic Gregorian
//! calendar.
//!
//! The counting conventions are those of `shared/DOMAIN.md`:
//! - D1 (Art. 9 ¶1): the 30th working day strictly after the meeting;
//! - D2 (Art. 9 ¶1), D3 (Art. 7), D7 (Art. 12(4)): the last working day of the period
//!   (inclusive), the working day before it under the exclusive reading of 前;
//! - D4 (Art. 10): the 7th working day strictly before the start (start day excluded), or
//!   the 6th when a working start day is counted;
//! - D5 (Art. 10): the start day itself (inclusive), or the working day before it;
//! - D6 (Art. 12(3)): interview + 7 calendar days, rolled to the next working day; or the
//!   5th working day after the interview.

mod util;

use chrono::NaiveDate;
use duban::{
    Bound, Calendar, CalendarBuilder, Deadline, ErrorKind, Language, MeetingKind, Obligation,
    ObligationKind, Policy, Reading, StartDay, Status, WeekReading, WorkingDays,
};
use util::{d, err_kind, outside, q, ym};

// ---------------------------------------------------------------------------------------
// Helpers

fn cal() -> Calendar {
    Calendar::china()
}

fn policy() -> Policy {
    Policy::ankang_2020()
}

/// The deadline under `policy` on the national calendar; a failure names the obligation.
#[track_caller]
fn deadline_with(policy: &Policy, obligation: Obligation) -> Deadline {
    match obligation.deadline(policy, &cal()) {
        Ok(deadline) => deadline,
        Err(e) => panic!("{obligation:?}: unexpected error {e:?}"),
    }
}

/// The deadline under 安政办发〔2020〕1号 as in force from 2020-01-06.
#[track_caller]
fn deadline(obligation: Obligation) -> Deadline {
    deadline_with(&policy(), obligation)
}

fn meeting(date: &str) -> Obligation {
    Obligation::MeetingFollowUp {
        meeting: d(date),
        kind: MeetingKind::Executive,
    }
}

fn monthly(month: &str) -> Obligation {
    Obligation::MonthlyReport { month: ym(month) }
}

fn quarterly(quarter: &str) -> Obligation {
    Obligation::QuarterlyReport {
        quarter: q(quarter),
    }
}

fn application(start: &str) -> Obligation {
    Obligation::InspectionApplication { start: d(start) }
}

fn approval(start: &str) -> Obligation {
    Obligation::InspectionApproval { start: d(start) }
}

fn interview(date: &str) -> Obligation {
    Obligation::RectificationPlan { interview: d(date) }
}

fn year_end(year: i32) -> Obligation {
    Obligation::YearEndSummary { year }
}

/// The readings of a deadline as `(reading, date, chosen)` rows.
fn readings(deadline: &Deadline) -> Vec<(Reading, NaiveDate, bool)> {
    deadline
        .readings()
        .iter()
        .map(|r| (r.reading, r.date, r.chosen))
        .collect()
}

/// Asserts a deadline with two readings: `(first, second)` are the readings in the order the
/// library lists them, `dates` their dates, `chosen` the index the policy picks, `earliest`
/// the safe date. The due date is the chosen reading's date, and the earliest is the minimum.
#[track_caller]
fn assert_two_readings<const N: usize>(
    what: &str,
    deadline: &Deadline,
    kinds: [Reading; N],
    dates: [&str; N],
    chosen: usize,
    earliest: &str,
) {
    let expected: Vec<_> = (0..N)
        .map(|i| (kinds[i], d(dates[i]), chosen == i))
        .collect();
    assert_eq!(readings(deadline), expected, "{what}: readings");
    assert_eq!(deadline.due(), d(dates[chosen]), "{what}: due");
    assert_eq!(deadline.earliest(), d(earliest), "{what}: earliest");
    let min = deadline.readings().iter().map(|r| r.date).min();
    assert_eq!(
        Some(deadline.earliest()),
        min,
        "{what}: earliest is the min"
    );
}

/// The Chinese and English explanations, each joined into one text.
#[track_caller]
fn explained(deadline: &Deadline, policy: &Policy) -> (String, String) {
    let cal = cal();
    let text = |language| match deadline.explain(policy, &cal, language) {
        Ok(why) => why.lines.join("\n"),
        Err(e) => panic!("explaining {deadline:?}: {e:?}"),
    };
    (text(Language::Chinese), text(Language::English))
}

/// Asserts that some line of `text` contains `key` and every one of `needles`.
#[track_caller]
fn assert_line(text: &str, key: &str, needles: &[&str]) {
    let found = text
        .lines()
        .any(|line| line.contains(key) && needles.iter().all(|n| line.contains(n)));
    assert!(found, "no line with {key:?} and {needles:?}:\n{text}");
}

#[track_caller]
fn assert_contains(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            text.contains(needle),
            "explanation does not contain {needle:?}:\n{text}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// D1, Art. 9 ¶1: 会议召开后的30个工作日内

/// (meeting date, due date: the 30th working day strictly after it). Only one reading.
const MEETINGS: &[(&str, &str)] = &[
    // The day the regulation took effect (Mon). 01-01 is already past. Jan 7-10 = 4,
    // 13-17 = 9, Sun 01-19 mk = 10, 20-23 = 14, off 01-24..02-02 (extended; the 02-01 mk
    // day fell inside the break), Feb 3-7 = 19, 10-14 = 24, 17-21 = 29, Mon 02-24 = 30.
    ("2020-01-06", "2020-02-24"),
    // Mon. Jan 21-23 = 3, off 01-24..02-02, Feb 3-7 = 8, 10-14 = 13, 17-21 = 18,
    // 24-28 = 23, Mar 2-6 = 28, Mar 9 = 29, Tue 03-10 = 30.
    ("2020-01-20", "2020-03-10"),
    // Sat mk. Day 1 is Sun 01-30 (mk), off 01-31..02-06, Feb 7-11 = 6, 14-18 = 11,
    // 21-25 = 16, Feb 28 + Mar 1-4 = 21, Mar 7-11 = 26, Mar 14-17 = 30 (Thu).
    ("2022-01-29", "2022-03-17"),
    // Fri. Off 12-31..01-02 (the 2023 notice's 元旦), Jan 3-6 = 4, 9-13 = 9, 16-20 = 14,
    // off 01-21..01-27, Sat 01-28 mk = 15, Sun 01-29 mk = 16, Jan 30-Feb 3 = 21,
    // Feb 6-10 = 26, Feb 13-16 = 30 (Thu).
    ("2022-12-30", "2023-02-16"),
    // Thu. Fri 01-20 = 1, off 01-21..01-27, 01-28 mk = 2, 01-29 mk = 3, Jan 30-Feb 3 = 8,
    // Feb 6-10 = 13, 13-17 = 18, 20-24 = 23, Feb 27-Mar 3 = 28, Mar 6 = 29, Tue 03-07 = 30.
    ("2023-01-19", "2023-03-07"),
    // Wed. Sep 21-22 = 2, 25-28 = 6, off 09-29..10-06, 10-07 mk + 10-08 mk = 8,
    // Oct 9-13 = 13, 16-20 = 18, 23-27 = 23, Oct 30-Nov 3 = 28, Nov 6 = 29, Tue 11-07 = 30.
    ("2023-09-20", "2023-11-07"),
    // Thu before the break: day 1 is already 10-07 (mk), as for a meeting in the break.
    // 10-07 + 10-08 = 2, Oct 9-13 = 7, 16-20 = 12, 23-27 = 17, Oct 30-Nov 3 = 22,
    // Nov 6-10 = 27, Nov 13-15 = 30 (Wed).
    ("2023-09-28", "2023-11-15"),
    // Mon, a day of the National Day break: the same count as the row above.
    ("2023-10-02", "2023-11-15"),
    // Sat mk. Day 1 is Sun 10-08 (mk). Oct 9-13 = 6, 16-20 = 11, 23-27 = 16,
    // Oct 30-Nov 3 = 21, Nov 6-10 = 26, Nov 13-16 = 30 (Thu).
    ("2023-10-07", "2023-11-16"),
    // Fri. Mar 4-8 = 5, 11-15 = 10, 18-22 = 15, 25-29 = 20, Apr 1-3 = 23,
    // off 04-04..04-06, Sun 04-07 mk = 24, Apr 8-12 = 29, Mon 04-15 = 30.
    ("2024-03-01", "2024-04-15"),
    // Sat (ordinary weekend): day 1 is Mon 03-04, so the same as the Friday above.
    ("2024-03-02", "2024-04-15"),
    // Mon. Mar 5-8 = 4, 11-15 = 9, 18-22 = 14, 25-29 = 19, Apr 1-3 = 22, 04-07 mk = 23,
    // Apr 8-12 = 28, Apr 15 = 29, Tue 04-16 = 30.
    ("2024-03-04", "2024-04-16"),
    // Sat (ordinary). Sun 06-09, Mon 06-10 端午节 off; day 1 is Tue 06-11. Jun 11-14 = 4,
    // 17-21 = 9, 24-28 = 14, Jul 1-5 = 19, 8-12 = 24, 15-19 = 29, Mon 07-22 = 30.
    ("2024-06-08", "2024-07-22"),
    // Fri. Sun 04-27 mk = 1, Apr 28-30 = 4, off 05-01..05-05, May 6-9 = 8, 12-16 = 13,
    // 19-23 = 18, 26-30 = 23, off 05-31..06-02, Jun 3-6 = 27, Jun 9-11 = 30 (Wed).
    ("2025-04-25", "2025-06-11"),
    // Tue. Feb 11-13 = 3, Sat 02-14 mk = 4, off 02-15..02-23, Feb 24-27 = 8,
    // Sat 02-28 mk = 9, Mar 2-6 = 14, 9-13 = 19, 16-20 = 24, 23-27 = 29, Mon 03-30 = 30.
    ("2026-02-10", "2026-03-30"),
    // Thu: the last meeting whose 30th working day is still covered. Nov 20 + Nov 23-27
    // + Nov 30 = 7, and December 2026 has 23 working days (Dec 1-4, 7-11, 14-18, 21-25,
    // 28-31; no holiday), so the 30th is Thu 12-31.
    ("2026-11-19", "2026-12-31"),
];

#[test]
fn art_9_meeting_follow_up_golden_table() {
    for &(date, due) in MEETINGS {
        let dl = deadline(meeting(date));
        assert_eq!(dl.due(), d(due), "meeting on {date}");
        assert_eq!(dl.earliest(), d(due), "meeting on {date}: earliest");
        assert_eq!(
            readings(&dl),
            [(Reading::Plain, d(due), true)],
            "meeting on {date}: one plain reading"
        );
        assert_eq!(dl.kind(), ObligationKind::MeetingFollowUp);
        assert_eq!(dl.rolled_from(), None);
    }
}

#[test]
fn art_9_meeting_follow_up_counts_from_the_day_after() {
    // Mon 2024-03-04: day 1 is Tue 03-05, not the meeting day itself (民法典 Art. 201).
    // Counting the meeting day would give Mon 04-15; the right answer is Tue 04-16.
    assert_eq!(deadline(meeting("2024-03-04")).due(), d("2024-04-16"));

    // With a one-day period the rule is bare: day 1 is the next working day.
    let mut one = policy();
    one.parameters.meeting_follow_up_period.value = WorkingDays(1);
    // Wed 2024-03-06 → Thu 03-07.
    assert_eq!(
        deadline_with(&one, meeting("2024-03-06")).due(),
        d("2024-03-07")
    );
    // Thu 2023-09-28 → the break 09-29..10-06 is skipped → Sat 10-07 (mk).
    assert_eq!(
        deadline_with(&one, meeting("2023-09-28")).due(),
        d("2023-10-07")
    );
}

#[test]
fn art_9_meeting_on_a_saturday_counts_from_next_working_day() {
    // Sat 2024-03-02 is an ordinary weekend day: day 1 is Mon 03-04, so the result is the
    // same as for a meeting on Fri 03-01 (2024-04-15), never counted from the Saturday.
    assert_eq!(deadline(meeting("2024-03-02")).due(), d("2024-04-15"));
    assert_eq!(
        deadline(meeting("2024-03-02")).due(),
        deadline(meeting("2024-03-01")).due()
    );
    // Sat 2024-06-08: Sun 06-09 and Mon 06-10 (端午节) off, day 1 is Tue 06-11 → 07-22.
    assert_eq!(deadline(meeting("2024-06-08")).due(), d("2024-07-22"));
}

#[test]
fn art_9_meeting_on_a_holiday() {
    // Mon 2023-10-02, inside 中秋节、国庆节 (09-29..10-06): day 1 is Sat 10-07 (mk).
    assert_eq!(deadline(meeting("2023-10-02")).due(), d("2023-11-15"));
    // The first day of the break gives the same.
    assert_eq!(deadline(meeting("2023-09-29")).due(), d("2023-11-15"));
}

#[test]
fn art_9_meeting_on_a_make_up_day() {
    // Sat 2023-10-07 was worked: day 1 is Sun 10-08 (also mk), 30th is Thu 11-16.
    assert_eq!(deadline(meeting("2023-10-07")).due(), d("2023-11-16"));
}

#[test]
fn art_9_meeting_on_make_up_saturday_2022_01_29_counts_from_make_up_sunday() {
    // Sat 2022-01-29 and Sun 01-30 were working days before the Spring Festival break
    // 01-31..02-06. Day 1 is Sun 01-30; then Feb 7-11 = 6, ..., Mar 14-17 = 30.
    let dl = deadline(meeting("2022-01-29"));
    assert_eq!(dl.due(), d("2022-03-17"));
    let why = dl.explain(&policy(), &cal(), Language::Chinese).unwrap();
    assert_eq!(why.make_up_days_counted, [d("2022-01-30")]);
    assert_eq!(why.holidays_skipped.len(), 1);
    assert_eq!(why.holidays_skipped[0].holiday, "春节");
    assert_eq!(why.holidays_skipped[0].first, d("2022-01-31"));
    assert_eq!(why.holidays_skipped[0].last, d("2022-02-06"));
    assert_eq!(why.holidays_skipped[0].days, 7);
}

#[test]
fn art_9_meeting_2020_01_20_skips_the_extended_spring_festival_break() {
    // Under the amended 2020 schedule (国办发明电〔2020〕1号) 01-31 was a day off and the
    // 02-01 make-up day fell inside the break: 2020-03-10 (see the table).
    assert_eq!(deadline(meeting("2020-01-20")).due(), d("2020-03-10"));
    // As known on 2020-01-20, before the extension: Jan 21-23 = 3, Fri 01-31 = 4,
    // Sat 02-01 mk = 5, Feb 3-7 = 10, 10-14 = 15, 17-21 = 20, 24-28 = 25, Mar 2-6 = 30.
    let then = cal().as_known_on(d("2020-01-20"));
    let dl = meeting("2020-01-20").deadline(&policy(), &then).unwrap();
    assert_eq!(dl.due(), d("2020-03-06"));
}

#[test]
fn art_9_every_named_meeting_kind_has_the_same_period() {
    for kind in [
        MeetingKind::Plenary,
        MeetingKind::Executive,
        MeetingKind::MayorsOffice,
        MeetingKind::SpecialTopic,
    ] {
        let o = Obligation::MeetingFollowUp {
            meeting: d("2023-09-20"),
            kind,
        };
        assert_eq!(deadline(o).due(), d("2023-11-07"), "{kind:?}");
    }
}

#[test]
fn art_9_on_site_meeting_is_not_under_the_follow_up_period() {
    // Art. 9 ¶1 names four meetings; the on-site meeting (现场办公会议) of Art. 6(1) is not
    // among them.
    let o = Obligation::MeetingFollowUp {
        meeting: d("2023-09-20"),
        kind: MeetingKind::OnSite,
    };
    let err = err_kind(o.deadline(&policy(), &cal()), ErrorKind::InvalidInput);
    assert!(err.message(Language::English).contains("on-site meeting"));
    assert!(err
        .message(Language::English)
        .contains("follow_up_meetings"));
    assert!(err.message(Language::Chinese).contains("现场办公会议"));

    // A policy that adds it counts it like the others.
    let mut wider = policy();
    wider
        .parameters
        .follow_up_meetings
        .value
        .push(MeetingKind::OnSite);
    assert_eq!(deadline_with(&wider, o).due(), d("2023-11-07"));
}

#[test]
fn art_9_meeting_whose_30th_working_day_is_beyond_2026_is_outside_coverage() {
    // 2026-12-01: only 22 working days remain in December 2026 (Dec 2-4, 7-11, 14-18,
    // 21-25, 28-31); the 30th would be in 2027, for which no notice is loaded.
    let err = outside(meeting("2026-12-01").deadline(&policy(), &cal()));
    assert!(err.message(Language::English).contains("2026-12-01"));
    // 2026-11-19 still ends on 2026-12-31 (table); the next working day does not.
    assert_eq!(deadline(meeting("2026-11-19")).due(), d("2026-12-31"));
    outside(meeting("2026-11-20").deadline(&policy(), &cal()));
}

#[test]
fn art_13_meeting_before_the_regulation_is_in_force() {
    // 本办法自印发之日起实施 (Art. 13): issued and in force on 2020-01-06.
    let err = err_kind(
        meeting("2020-01-05").deadline(&policy(), &cal()),
        ErrorKind::PolicyNotInForce,
    );
    assert!(err.message(Language::English).contains("2020-01-05"));
    assert!(err.message(Language::English).contains("2020-01-06"));
    // The day itself is fine.
    assert_eq!(deadline(meeting("2020-01-06")).due(), d("2020-02-24"));
}

#[test]
fn art_9_what_if_the_period_were_20_working_days() {
    // 2023-09-20: Sep 21-28 = 6, 10-07 + 10-08 mk = 8, Oct 9-13 = 13, 16-20 = 18,
    // Oct 23 = 19, Tue 10-24 = 20.
    let mut twenty = policy();
    twenty.parameters.meeting_follow_up_period.value = WorkingDays(20);
    let dl = deadline_with(&twenty, meeting("2023-09-20"));
    assert_eq!(dl.due(), d("2023-10-24"));
    let (zh, en) = explained(&dl, &twenty);
    assert_contains(
        &zh,
        &["截止日期：2023-10-24", "meeting_follow_up_period = 20"],
    );
    assert_contains(&en, &["Due: 2023-10-24", "meeting_follow_up_period = 20"]);
}

#[test]
fn art_9_a_parameter_that_holds_later_refuses_earlier_triggers() {
    // A what-if policy whose 20-day period holds only from 2024-01-01.
    let mut later = policy();
    later.parameters.meeting_follow_up_period.value = WorkingDays(20);
    later.parameters.meeting_follow_up_period.since = d("2024-01-01");
    let err = err_kind(
        meeting("2023-12-29").deadline(&later, &cal()),
        ErrorKind::PolicyNotInForce,
    );
    assert!(err
        .message(Language::English)
        .contains("meeting_follow_up_period"));
    // Obligations that do not use the parameter are unaffected: December 2023 ends on
    // Fri 12-29 (12-30/31 weekend).
    assert_eq!(
        deadline_with(&later, monthly("2023-12")).due(),
        d("2023-12-29")
    );
    // From 2024-01-01 the period applies. Tue 2024-01-02: Jan 3-5 = 3, 8-12 = 8,
    // 15-19 = 13, 22-26 = 18, Jan 29 = 19, Tue 01-30 = 20.
    assert_eq!(
        deadline_with(&later, meeting("2024-01-02")).due(),
        d("2024-01-30")
    );
}

#[test]
fn art_9_explanation_in_chinese_quotes_the_article_names_the_break_and_the_make_up_days() {
    let p = policy();
    let dl = deadline(meeting("2023-09-20"));
    let why = dl.explain(&p, &cal(), Language::Chinese).unwrap();
    // The counted span is 09-21..=11-07: one break, two make-up days, and the ordinary
    // weekends 09-23/24, 10-14/15, 10-21/22, 10-28/29, 11-04/05 (09-30 and 10-01 belong
    // to the break).
    assert_eq!(why.holidays_skipped.len(), 1);
    let run = &why.holidays_skipped[0];
    assert_eq!(run.holiday, "中秋节、国庆节");
    assert_eq!(
        (run.first, run.last, run.days),
        (d("2023-09-29"), d("2023-10-06"), 8)
    );
    assert_eq!(why.make_up_days_counted, [d("2023-10-07"), d("2023-10-08")]);
    assert_eq!(why.weekend_days_skipped, 10);
    let text = why.lines.join("\n");
    assert_contains(
        &text,
        &[
            "截止日期：2023-11-07",
            "30个工作日内",
            "第九条第一款",
            "安政办发〔2020〕1号",
        ],
    );
    assert_line(&text, "中秋节、国庆节", &["2023-09-29", "2023-10-06"]);
    assert_line(&text, "调休上班日", &["2023-10-07", "2023-10-08"]);
    // Nothing contested: no list of readings.
    assert!(!text.contains("最早日期"), "{text}");
}

#[test]
fn art_9_explanation_in_english_cites_art_9_paragraph_1() {
    let (_, en) = explained(&deadline(meeting("2023-09-20")), &policy());
    assert_contains(&en, &["Due: 2023-11-07", "Art. 9 ¶1", "30个工作日内"]);
    assert_line(&en, "中秋节、国庆节", &["2023-09-29", "2023-10-06"]);
    assert_line(&en, "Make-up working days", &["2023-10-07", "2023-10-08"]);
}

// ---------------------------------------------------------------------------------------
// D2, Art. 9 ¶1: 每月最后1个工作日前

/// (month, inclusive = due under the default policy, exclusive, earliest).
const MONTHS: &[(&str, &str, &str, &str)] = &[
    // Off 01-24..02-02 (extended): the last working day is Thu 01-23; exclusive Wed 01-22.
    ("2020-01", "2020-01-23", "2020-01-22", "2020-01-22"),
    // Sat 02-29 (leap year): Fri 02-28; Thu 02-27.
    ("2020-02", "2020-02-28", "2020-02-27", "2020-02-27"),
    // Break from 10-01: Wed 09-30 worked; Tue 09-29.
    ("2020-09", "2020-09-30", "2020-09-29", "2020-09-29"),
    // Sat 10-31: Fri 10-30; Thu 10-29 (10-10 mk is irrelevant).
    ("2020-10", "2020-10-30", "2020-10-29", "2020-10-29"),
    // Sun 02-28: Fri 02-26; Thu 02-25 (the break 02-11..02-17 is earlier).
    ("2021-02", "2021-02-26", "2021-02-25", "2021-02-25"),
    // Fri 12-31 (2022 元旦 starts 01-01); Thu 12-30.
    ("2021-12", "2021-12-31", "2021-12-30", "2021-12-30"),
    // Mon 01-31 opens the Spring Festival break; Sun 01-30 and Sat 01-29 are mk.
    ("2022-01", "2022-01-30", "2022-01-29", "2022-01-29"),
    // Sat 04-30 opens 劳动节: Fri 04-29; Thu 04-28.
    ("2022-04", "2022-04-29", "2022-04-28", "2022-04-28"),
    // Fri 09-30 (国庆节 from 10-01); Thu 09-29.
    ("2022-09", "2022-09-30", "2022-09-29", "2022-09-29"),
    // Sat 12-31 belongs to the 2023 notice's 元旦: Fri 12-30; Thu 12-29.
    ("2022-12", "2022-12-30", "2022-12-29", "2022-12-29"),
    // Sat 04-29 opens 劳动节: Fri 04-28; Thu 04-27.
    ("2023-04", "2023-04-28", "2023-04-27", "2023-04-27"),
    // Off 09-29..10-06: Thu 09-28; Wed 09-27.
    ("2023-09", "2023-09-28", "2023-09-27", "2023-09-27"),
    // Thu 02-29 (leap year); Wed 02-28.
    ("2024-02", "2024-02-29", "2024-02-28", "2024-02-28"),
    // Mon 09-30 worked; the working day before it is Sun 09-29 (mk).
    ("2024-09", "2024-09-30", "2024-09-29", "2024-09-29"),
    // Off 01-28..02-04: Mon 01-27; the working day before is Sun 01-26 (mk).
    ("2025-01", "2025-01-27", "2025-01-26", "2025-01-26"),
    // Sat 05-31 opens 端午节: Fri 05-30; Thu 05-29.
    ("2025-05", "2025-05-30", "2025-05-29", "2025-05-29"),
    // Fri 10-31; Thu 10-30 (break 10-01..10-08 and 10-11 mk are earlier).
    ("2025-10", "2025-10-31", "2025-10-30", "2025-10-30"),
    // Sat 02-28 is a make-up day: the month ends on it; exclusive Fri 02-27.
    ("2026-02", "2026-02-28", "2026-02-27", "2026-02-27"),
    // Thu 12-31, the last covered day; Wed 12-30.
    ("2026-12", "2026-12-31", "2026-12-30", "2026-12-30"),
];

const BOUND_READINGS: [Reading; 2] = [Reading::Inclusive, Reading::Exclusive];

#[test]
fn art_9_monthly_report_golden_table() {
    for &(month, inclusive, exclusive, earliest) in MONTHS {
        let dl = deadline(monthly(month));
        assert_two_readings(
            month,
            &dl,
            BOUND_READINGS,
            [inclusive, exclusive],
            0,
            earliest,
        );
        assert_eq!(dl.kind(), ObligationKind::MonthlyReport);
    }
}

#[test]
fn art_9_monthly_report_golden_table_under_the_exclusive_reading() {
    let mut strict = policy();
    strict.parameters.monthly_report_bound.value = Bound::Exclusive;
    for &(month, inclusive, exclusive, earliest) in MONTHS {
        let dl = deadline_with(&strict, monthly(month));
        assert_two_readings(
            month,
            &dl,
            BOUND_READINGS,
            [inclusive, exclusive],
            1,
            earliest,
        );
    }
}

#[test]
fn art_9_monthly_report_january_2022_ends_on_a_working_sunday() {
    let dl = deadline(monthly("2022-01"));
    assert_eq!(dl.due(), d("2022-01-30"));
    assert_eq!(dl.earliest(), d("2022-01-29"));
    let why = dl.explain(&policy(), &cal(), Language::Chinese).unwrap();
    assert_eq!(why.make_up_days_counted, [d("2022-01-29"), d("2022-01-30")]);
    assert_eq!(why.holidays_skipped.len(), 1);
    assert_eq!(why.holidays_skipped[0].holiday, "春节");
    assert_eq!(why.holidays_skipped[0].first, d("2022-01-31"));
    let text = why.lines.join("\n");
    assert_contains(
        &text,
        &[
            "截止日期：2022-01-30（星期日）",
            "每月最后1个工作日前",
            "第九条第一款",
        ],
    );
    assert_line(&text, "本政策采用", &["2022-01-30"]);
    assert_line(&text, "最早日期", &["2022-01-29"]);
}

#[test]
fn art_9_monthly_report_february_2026_ends_on_a_make_up_saturday() {
    // 2026: 春节 02-15..02-23, make-up days Sat 02-14 and Sat 02-28.
    let dl = deadline(monthly("2026-02"));
    assert_eq!(dl.due(), d("2026-02-28"));
    assert_eq!(dl.earliest(), d("2026-02-27"));
}

#[test]
fn art_9_monthly_report_exclusive_reading_moves_the_due_date() {
    let mut strict = policy();
    strict.parameters.monthly_report_bound.value = Bound::Exclusive;
    let dl = deadline_with(&strict, monthly("2022-01"));
    assert_eq!(dl.due(), d("2022-01-29"));
    assert_eq!(dl.earliest(), d("2022-01-29"));
    // Other obligations keep their own readings.
    assert_eq!(
        deadline_with(&strict, quarterly("2023-Q3")).due(),
        d("2023-09-28")
    );
    assert_eq!(
        deadline_with(&strict, year_end(2022)).due(),
        d("2022-12-30")
    );
}

#[test]
fn art_9_monthly_report_january_2020_as_known_before_the_extension() {
    // Today's schedule: off from 01-24 (Fri 01-31 added by the extension) → Thu 01-23.
    assert_eq!(deadline(monthly("2020-01")).due(), d("2020-01-23"));
    // As known on 2020-01-20: the break was 01-24..01-30 and Fri 01-31 a working day.
    let then = cal().as_known_on(d("2020-01-20"));
    let dl = monthly("2020-01").deadline(&policy(), &then).unwrap();
    assert_eq!(dl.due(), d("2020-01-31"));
    assert_eq!(dl.earliest(), d("2020-01-23"));
}

#[test]
fn art_9_monthly_report_beyond_2026_is_outside_coverage() {
    let err = outside(monthly("2027-01").deadline(&policy(), &cal()));
    assert!(err.message(Language::English).contains("2027-01"));
    assert_eq!(deadline(monthly("2026-12")).due(), d("2026-12-31"));
}

#[test]
fn art_13_monthly_report_for_a_month_before_the_regulation() {
    // December 2019 ended before 2020-01-06; January 2020 ends after it.
    err_kind(
        monthly("2019-12").deadline(&policy(), &cal()),
        ErrorKind::PolicyNotInForce,
    );
    assert_eq!(deadline(monthly("2020-01")).due(), d("2020-01-23"));
}

// ---------------------------------------------------------------------------------------
// D3, Art. 7: 每个季度末最后1个工作日前

/// (quarter, inclusive = due under the default policy, exclusive, earliest).
const QUARTERS: &[(&str, &str, &str, &str)] = &[
    // Tue 03-31; Mon 03-30.
    ("2020-Q1", "2020-03-31", "2020-03-30", "2020-03-30"),
    // Wed 09-30 (break from 10-01; 09-27 mk is earlier); Tue 09-29.
    ("2020-Q3", "2020-09-30", "2020-09-29", "2020-09-29"),
    // Thu 09-30 (break from 10-01); Wed 09-29.
    ("2021-Q3", "2021-09-30", "2021-09-29", "2021-09-29"),
    // Fri 12-31; Thu 12-30.
    ("2021-Q4", "2021-12-31", "2021-12-30", "2021-12-30"),
    // Thu 06-30; Wed 06-29.
    ("2022-Q2", "2022-06-30", "2022-06-29", "2022-06-29"),
    // Sat 12-31 opened the 2023 New Year break: Fri 12-30; Thu 12-29.
    ("2022-Q4", "2022-12-30", "2022-12-29", "2022-12-29"),
    // Fri 06-30 (端午节 06-22..06-24 and 06-25 mk are earlier); Thu 06-29.
    ("2023-Q2", "2023-06-30", "2023-06-29", "2023-06-29"),
    // Off 09-29..10-06: Thu 09-28; Wed 09-27.
    ("2023-Q3", "2023-09-28", "2023-09-27", "2023-09-27"),
    // Sun 03-31: Fri 03-29; Thu 03-28.
    ("2024-Q1", "2024-03-29", "2024-03-28", "2024-03-28"),
    // Mon 09-30; the working day before it is Sun 09-29 (mk).
    ("2024-Q3", "2024-09-30", "2024-09-29", "2024-09-29"),
    // Mon 06-30; Fri 06-27.
    ("2025-Q2", "2025-06-30", "2025-06-27", "2025-06-27"),
    // Tue 09-30; Mon 09-29 (Sun 09-28 mk is before it).
    ("2025-Q3", "2025-09-30", "2025-09-29", "2025-09-29"),
    // Thu 12-31; Wed 12-30.
    ("2026-Q4", "2026-12-31", "2026-12-30", "2026-12-30"),
];

#[test]
fn art_7_quarterly_report_golden_table() {
    for &(quarter, inclusive, exclusive, earliest) in QUARTERS {
        let dl = deadline(quarterly(quarter));
        assert_two_readings(
            quarter,
            &dl,
            BOUND_READINGS,
            [inclusive, exclusive],
            0,
            earliest,
        );
    }
}

#[test]
fn art_7_quarterly_report_golden_table_under_the_exclusive_reading() {
    let mut strict = policy();
    strict.parameters.quarterly_report_bound.value = Bound::Exclusive;
    for &(quarter, inclusive, exclusive, earliest) in QUARTERS {
        let dl = deadline_with(&strict, quarterly(quarter));
        assert_two_readings(
            quarter,
            &dl,
            BOUND_READINGS,
            [inclusive, exclusive],
            1,
            earliest,
        );
    }
}

#[test]
fn art_7_quarter_ending_in_a_holiday() {
    // 2023-Q3: 09-29 and 09-30 are in the Mid-Autumn/National Day break.
    let dl = deadline(quarterly("2023-Q3"));
    assert_eq!(dl.due(), d("2023-09-28"));
    let (zh, en) = explained(&dl, &policy());
    assert_contains(
        &zh,
        &["每个季度末最后1个工作日前", "第七条", "中秋节、国庆节"],
    );
    assert_contains(&en, &["Art. 7"]);
}

#[test]
fn art_7_quarter_ending_on_a_make_up_day() {
    // No quarter of 2020-2026 has a make-up day as its last working day: the make-up days
    // in a quarter's last month (2020-06-28, 2020-09-27, 2021-09-26, 2023-06-25,
    // 2024-09-29, 2025-09-28) are all followed by ordinary working days before the
    // quarter ends. The nearest case is 2024-Q3: Sun 09-29 (mk) is the working day right
    // before Mon 09-30, so the exclusive reading of 前 lands on the make-up Sunday.
    let dl = deadline(quarterly("2024-Q3"));
    assert_eq!(dl.due(), d("2024-09-30"));
    assert_eq!(dl.earliest(), d("2024-09-29"));
    let mut strict = policy();
    strict.parameters.quarterly_report_bound.value = Bound::Exclusive;
    assert_eq!(
        deadline_with(&strict, quarterly("2024-Q3")).due(),
        d("2024-09-29")
    );
    let why = dl.explain(&policy(), &cal(), Language::Chinese).unwrap();
    assert_eq!(why.make_up_days_counted, [d("2024-09-29")]);
}

#[test]
fn art_7_quarter_beyond_2026_is_outside_coverage() {
    outside(quarterly("2027-Q1").deadline(&policy(), &cal()));
}

// ---------------------------------------------------------------------------------------
// D4, Art. 10: 应提前7个工作日向市政府督查室申报

/// (start, start day excluded = due under the default policy, start day counted, 7 clear
/// working days between the application and the start (both excluded: the 8th working day
/// before the start), earliest = the clear reading's date).
const APPLICATIONS: &[(&str, &str, &str, &str, &str)] = &[
    // Mon, the first day after the extended 2020 break (01-24..02-02 off, 02-01 not
    // worked). Back: 01-23 = 1, 22 = 2, 21 = 3, 20 = 4, Sun 01-19 mk = 5, 17 = 6, Thu 16 = 7,
    // Wed 15 = 8. Counted: Mon 02-03 is the first, so the 6th before → Fri 01-17.
    (
        "2020-02-03",
        "2020-01-16",
        "2020-01-17",
        "2020-01-15",
        "2020-01-15",
    ),
    // Mon, a day of the National Day break (not a working day, so excluded and counted
    // agree). Back: 09-28 = 1, 27, 26, 25 = 4, 22 = 5, 21 = 6, Wed 09-20 = 7, Tue 09-19 = 8.
    (
        "2023-10-02",
        "2023-09-20",
        "2023-09-20",
        "2023-09-19",
        "2023-09-19",
    ),
    // Mon after the break. Sun 10-08 mk = 1, Sat 10-07 mk = 2, off 09-29..10-06,
    // 09-28 = 3, 27, 26, 25 = 6, Fri 09-22 = 7, Thu 09-21 = 8. Counted: 6th → Mon 09-25.
    (
        "2023-10-09",
        "2023-09-22",
        "2023-09-25",
        "2023-09-21",
        "2023-09-21",
    ),
    // Mon. 10-13 = 1, 12, 11, 10, 9 = 5, Sun 10-08 mk = 6, Sat 10-07 mk = 7, then the break
    // 09-29..10-06, Thu 09-28 = 8. Counted: 6th before → Sun 10-08.
    (
        "2023-10-16",
        "2023-10-07",
        "2023-10-08",
        "2023-09-28",
        "2023-09-28",
    ),
    // Mon after the 2024 Spring Festival (off 02-10..02-17). Sun 02-18 mk = 1,
    // Fri 02-09 (除夕, a working day in 2024) = 2, 8, 7, 6 = 5, Mon 02-05 = 6,
    // Sun 02-04 mk = 7, (Sat 02-03 an ordinary weekend) Fri 02-02 = 8. Counted: → Mon 02-05.
    (
        "2024-02-19",
        "2024-02-04",
        "2024-02-05",
        "2024-02-02",
        "2024-02-02",
    ),
    // Sat (ordinary): not a working day, so excluded and counted agree. 03-08 = 1, 7, 6, 5,
    // 4 = 5, Fri 03-01 = 6, Thu 02-29 = 7, Wed 02-28 = 8.
    (
        "2024-03-09",
        "2024-02-29",
        "2024-02-29",
        "2024-02-28",
        "2024-02-28",
    ),
    // Tue after National Day 2024 (off 10-01..10-07). 09-30 = 1, Sun 09-29 mk = 2,
    // 27, 26, 25, 24 = 6, Mon 09-23 = 7, (09-21/22 an ordinary weekend) Fri 09-20 = 8.
    // Counted → Tue 09-24.
    (
        "2024-10-08",
        "2024-09-23",
        "2024-09-24",
        "2024-09-20",
        "2024-09-20",
    ),
    // Thu, the last covered day. 12-30 = 1, 29, 28 = 3, 25, 24, 23 = 6, Tue 12-22 = 7,
    // Mon 12-21 = 8. Counted → Wed 12-23.
    (
        "2026-12-31",
        "2026-12-22",
        "2026-12-23",
        "2026-12-21",
        "2026-12-21",
    ),
];

const START_DAY_READINGS: [Reading; 3] = [
    Reading::StartDayExcluded,
    Reading::StartDayCounted,
    Reading::ClearWorkingDays,
];

#[test]
fn art_10_inspection_application_golden_table() {
    for &(start, excluded, counted, clear, earliest) in APPLICATIONS {
        let dl = deadline(application(start));
        assert_two_readings(
            start,
            &dl,
            START_DAY_READINGS,
            [excluded, counted, clear],
            0,
            earliest,
        );
        assert!(!dl.before_in_force(), "{start}");
    }
}

#[test]
fn art_10_inspection_application_golden_table_with_the_start_day_counted() {
    let mut counted_policy = policy();
    counted_policy.parameters.inspection_start_day.value = StartDay::Counted;
    for &(start, excluded, counted, clear, earliest) in APPLICATIONS {
        let dl = deadline_with(&counted_policy, application(start));
        assert_two_readings(
            start,
            &dl,
            START_DAY_READINGS,
            [excluded, counted, clear],
            1,
            earliest,
        );
    }
}

#[test]
fn art_10_inspection_application_golden_table_with_clear_working_days() {
    let mut clear_policy = policy();
    clear_policy.parameters.inspection_start_day.value = StartDay::Clear;
    for &(start, excluded, counted, clear, earliest) in APPLICATIONS {
        let dl = deadline_with(&clear_policy, application(start));
        assert_two_readings(
            start,
            &dl,
            START_DAY_READINGS,
            [excluded, counted, clear],
            2,
            earliest,
        );
    }
}

/// An inspection starting in the regulation's first days: the application fell due before
/// 2020-01-06. The date is returned, marked, and the explanation says so.
#[test]
fn art_10_application_due_before_the_regulation_took_effect_is_marked() {
    // Tue 2020-01-14: 01-13 = 1, 10, 09, 08, 07 = 5, Mon 01-06 = 6, Fri 01-03 = 7,
    // Thu 01-02 = 8 (01-01 is 元旦). Counted: 6th → Mon 01-06, in force that day.
    let dl = deadline(application("2020-01-14"));
    assert_two_readings(
        "2020-01-14",
        &dl,
        START_DAY_READINGS,
        ["2020-01-03", "2020-01-06", "2020-01-02"],
        0,
        "2020-01-02",
    );
    assert!(dl.before_in_force());
    let (zh, en) = explained(&dl, &policy());
    assert_contains(
        &zh,
        &["截止日期早于安政办发〔2020〕1号的施行日期2020-01-06"],
    );
    assert_contains(
        &en,
        &["before 安政办发〔2020〕1号 came into force on 2020-01-06"],
    );
    let json = serde_json::to_value(dl).unwrap();
    assert_eq!(json["before_in_force"], true);
    // Under the counted reading the due date is 01-06 itself: not before it.
    let mut counted_policy = policy();
    counted_policy.parameters.inspection_start_day.value = StartDay::Counted;
    let counted = deadline_with(&counted_policy, application("2020-01-14"));
    assert_eq!(counted.due(), d("2020-01-06"));
    assert!(!counted.before_in_force());
    assert!(serde_json::to_value(counted)
        .unwrap()
        .get("before_in_force")
        .is_none());
    // Mon 2020-01-13: 01-10 = 1, 09, 08, 07, 06 = 5, Fri 01-03 = 6, Thu 01-02 = 7 (01-01 is
    // 元旦); counted: 6th → 01-03; clear: the 8th, Tue 2019-12-31 (国办发明电〔2018〕15号 left
    // it a working day). All three are before the regulation took effect: marked.
    let dl = deadline(application("2020-01-13"));
    assert_two_readings(
        "2020-01-13",
        &dl,
        START_DAY_READINGS,
        ["2020-01-02", "2020-01-03", "2019-12-31"],
        0,
        "2019-12-31",
    );
    assert!(dl.before_in_force());

    // A calendar that starts in 2020 (the notices for 2020 on only): the clear reading's
    // date is in 2019, which it does not cover, so that reading is left out (never
    // guessed) and the explanation says so.
    let from_2020 = Calendar::china()
        .notices()
        .iter()
        .filter(|n| n.covers.iter().all(|year| *year >= 2020))
        .fold(CalendarBuilder::new(), |b, n| b.notice(n.clone()))
        .build()
        .unwrap();
    assert_eq!(from_2020.coverage()[0].0, d("2020-01-01"));
    let dl = application("2020-01-13")
        .deadline(&policy(), &from_2020)
        .unwrap();
    assert_two_readings(
        "2020-01-13",
        &dl,
        [Reading::StartDayExcluded, Reading::StartDayCounted],
        ["2020-01-02", "2020-01-03"],
        0,
        "2020-01-02",
    );
    assert!(dl.before_in_force());
    let text = |language| {
        dl.explain(&policy(), &from_2020, language)
            .unwrap()
            .lines
            .join("\n")
    };
    assert_contains(
        &text(Language::Chinese),
        &["另一种理解（申报当日与实施当日之间相隔整7个工作日（两日均不计入））下的日期早于已载入的节假日安排"],
    );
    assert_contains(
        &text(Language::English),
        &["it cannot be computed and is not listed"],
    );
    // Under the clear reading itself, the due date cannot be computed there: an error.
    let mut clear_policy = policy();
    clear_policy.parameters.inspection_start_day.value = StartDay::Clear;
    outside(application("2020-01-13").deadline(&clear_policy, &from_2020));
    // Fri 2020-01-10: the 7th working day before is in 2019 too: an error there.
    outside(application("2020-01-10").deadline(&policy(), &from_2020));
}

#[test]
fn art_10_inspection_starting_monday_2023_10_16_apply_by_make_up_saturday_2023_10_07() {
    let dl = deadline(application("2023-10-16"));
    assert_eq!(dl.due(), d("2023-10-07"));
    assert_eq!(
        cal().day(dl.due()).unwrap().kind,
        duban::DayKind::MakeUpWorkday
    );
    let why = dl.explain(&policy(), &cal(), Language::Chinese).unwrap();
    // Span 09-28..=10-16 (from the clear reading's 09-28): the break 09-29..10-06 (8 days),
    // the two make-up days, and the ordinary weekend 10-14/15.
    assert_eq!(why.make_up_days_counted, [d("2023-10-07"), d("2023-10-08")]);
    let runs: Vec<_> = why
        .holidays_skipped
        .iter()
        .map(|r| (r.first, r.last, r.days))
        .collect();
    assert_eq!(runs, [(d("2023-09-29"), d("2023-10-06"), 8)]);
    assert_eq!(why.weekend_days_skipped, 2);
    assert_contains(
        &why.lines.join("\n"),
        &["提前7个工作日", "第十条", "2023-10-16", "2023-10-08"],
    );
}

#[test]
fn art_10_inspection_starting_2024_02_19_counts_chuxi_as_a_working_day() {
    // The 2024 notice kept 除夕 (Fri 02-09) a working day; only rest was encouraged.
    assert_eq!(deadline(application("2024-02-19")).due(), d("2024-02-04"));
}

#[test]
fn art_10_what_if_the_notice_period_were_10_working_days() {
    // Start Mon 2023-10-16: 7 working days back is 10-07 (table); then 09-28 = 8,
    // 09-27 = 9, Tue 09-26 = 10.
    let mut ten = policy();
    ten.parameters.inspection_notice_period.value = WorkingDays(10);
    assert_eq!(
        deadline_with(&ten, application("2023-10-16")).due(),
        d("2023-09-26")
    );
}

#[test]
fn art_10_application_deadline_in_the_year_before_the_regulation() {
    // Start Fri 2020-01-10: 9, 8, 7, 6 = 4, 3 = 5, 2 = 6, then 01-01 is 元旦 and the 7th
    // is Tuesday 2019-12-31 (an ordinary working day; the calendar reaches back to 2004).
    assert_eq!(
        deadline_with(&policy(), application("2020-01-10")).due(),
        d("2019-12-31")
    );
    // The same count over a calendar that starts in 2020 runs out of coverage.
    let only_2020 = duban::CalendarBuilder::new()
        .notice_text(include_str!("../data/notices/guobanfamingdian-2019-16.txt"))
        .unwrap()
        .build()
        .unwrap();
    outside(application("2020-01-10").deadline(&policy(), &only_2020));
    // Start before the regulation itself: not in force.
    err_kind(
        application("2020-01-03").deadline(&policy(), &cal()),
        ErrorKind::PolicyNotInForce,
    );
    // Beyond 2026.
    outside(application("2027-01-04").deadline(&policy(), &cal()));
}

// ---------------------------------------------------------------------------------------
// D5, Art. 10: 经市政府分管领导审批后方可实施

/// (start, inclusive = the start day, due under the default policy; exclusive = the working
/// day before it; earliest).
const APPROVALS: &[(&str, &str, &str, &str)] = &[
    // Mon, in force that day; the working day before is Fri 01-03.
    ("2020-01-06", "2020-01-06", "2020-01-03", "2020-01-03"),
    // Mon after the extended break: the working day before is Thu 01-23.
    ("2020-02-03", "2020-02-03", "2020-01-23", "2020-01-23"),
    // Mon after the break: the working day before is Sun 10-08 (mk).
    ("2023-10-09", "2023-10-09", "2023-10-08", "2023-10-08"),
    // Mon; Fri 10-13.
    ("2023-10-16", "2023-10-16", "2023-10-13", "2023-10-13"),
    // Mon after the Spring Festival: the working day before is Sun 02-18 (mk).
    ("2024-02-19", "2024-02-19", "2024-02-18", "2024-02-18"),
    // Sat (ordinary): the start day itself, or the working day before it, Fri 03-08.
    ("2024-03-09", "2024-03-09", "2024-03-08", "2024-03-08"),
];

#[test]
fn art_10_approval_by_start_day() {
    for &(start, inclusive, exclusive, earliest) in APPROVALS {
        let dl = deadline(approval(start));
        assert_two_readings(
            start,
            &dl,
            BOUND_READINGS,
            [inclusive, exclusive],
            0,
            earliest,
        );
    }
}

#[test]
fn art_10_approval_before_the_start_day_under_the_exclusive_reading() {
    let mut strict = policy();
    strict.parameters.inspection_approval_bound.value = Bound::Exclusive;
    for &(start, inclusive, exclusive, earliest) in APPROVALS {
        let dl = deadline_with(&strict, approval(start));
        assert_two_readings(
            start,
            &dl,
            BOUND_READINGS,
            [inclusive, exclusive],
            1,
            earliest,
        );
    }
}

#[test]
fn art_10_approval_outside_coverage() {
    outside(approval("2027-01-04").deadline(&policy(), &cal()));
}

// ---------------------------------------------------------------------------------------
// D6, Art. 12(3): 约谈之日起一周内

/// (interview, 7 calendar days rolled = due under the default policy, 5 working days,
/// earliest).
const INTERVIEWS: &[(&str, &str, &str, &str)] = &[
    // Thu. +7 = Thu 01-30, in the extended break (01-31 off, 02-01 not worked) → Mon 02-03.
    // 5 working days: Feb 3-7 → Fri 02-07.
    ("2020-01-23", "2020-02-03", "2020-02-07", "2020-02-03"),
    // Mon. +7 = Mon 01-31, 春节 (off to 02-06) → Mon 02-07. 5 working days: 25, 26, 27,
    // 28 = 4, Sat 01-29 mk = 5 → 01-29, the earlier date.
    ("2022-01-24", "2022-02-07", "2022-01-29", "2022-01-29"),
    // Wed. +7 = Wed 10-04, in the break → Sat 10-07 (mk). 5 working days: 09-28 = 1,
    // 10-07 = 2, 10-08 = 3, 10-09 = 4, Tue 10-10 = 5.
    ("2023-09-27", "2023-10-07", "2023-10-10", "2023-10-07"),
    // Thu. +7 = Thu 10-05, in the break → Sat 10-07. 5 working days: 10-07, 08, 09, 10,
    // Wed 10-11.
    ("2023-09-28", "2023-10-07", "2023-10-11", "2023-10-07"),
    // Fri, a day of the break. +7 = Fri 10-13, a working day. 5 working days: 10-07,
    // 08, 09, 10, Wed 10-11 — earlier, thanks to the two make-up days.
    ("2023-10-06", "2023-10-13", "2023-10-11", "2023-10-11"),
    // Fri. +7 = Fri 03-08. 5 working days: Mar 4-8 → 03-08.
    ("2024-03-01", "2024-03-08", "2024-03-08", "2024-03-08"),
    // Sat (ordinary). +7 = Sat 03-09 → Mon 03-11. 5 working days: Mar 4-8 → Fri 03-08.
    ("2024-03-02", "2024-03-11", "2024-03-08", "2024-03-08"),
    // Mon. +7 = Mon 03-11. 5 working days: 5, 6, 7, 8, 11 → 03-11.
    ("2024-03-04", "2024-03-11", "2024-03-11", "2024-03-11"),
    // Fri. +7 = Fri 10-04, in the break 10-01..10-07 → Tue 10-08. 5 working days:
    // Sun 09-29 mk = 1, 09-30 = 2, 10-08 = 3, 10-09 = 4, Thu 10-10 = 5.
    ("2024-09-27", "2024-10-08", "2024-10-10", "2024-10-08"),
    // Sat (ordinary). +7 = Sat 02-14, a make-up day: no roll. 5 working days: Feb 9-13 →
    // Fri 02-13.
    ("2026-02-07", "2026-02-14", "2026-02-13", "2026-02-13"),
    // Thu. +7 = Thu 12-31. 5 working days: 25, 28, 29, 30, 31 → 12-31.
    ("2026-12-24", "2026-12-31", "2026-12-31", "2026-12-31"),
];

const WEEK_READINGS: [Reading; 2] = [Reading::SevenCalendarDays, Reading::FiveWorkingDays];

#[test]
fn art_12_3_rectification_plan_golden_table() {
    for &(date, week, five, earliest) in INTERVIEWS {
        let dl = deadline(interview(date));
        assert_two_readings(date, &dl, WEEK_READINGS, [week, five], 0, earliest);
    }
}

#[test]
fn art_12_3_rectification_plan_golden_table_with_five_working_days() {
    let mut five_days = policy();
    five_days.parameters.rectification_plan_period.value = WeekReading::FiveWorkingDays;
    for &(date, week, five, earliest) in INTERVIEWS {
        let dl = deadline_with(&five_days, interview(date));
        assert_two_readings(date, &dl, WEEK_READINGS, [week, five], 1, earliest);
        assert_eq!(
            dl.rolled_from(),
            None,
            "{date}: no roll when 5 days are chosen"
        );
    }
}

#[test]
fn art_12_3_interview_2023_09_27_plan_due_2023_10_07() {
    let p = policy();
    let dl = deadline(interview("2023-09-27"));
    assert_eq!(dl.due(), d("2023-10-07"));
    assert_eq!(dl.rolled_from(), Some(d("2023-10-04")));
    assert_eq!(dl.earliest(), d("2023-10-07"));
    let (zh, en) = explained(&dl, &p);
    assert_contains(
        &zh,
        &[
            "截止日期：2023-10-07（星期六）",
            "约谈之日起一周内",
            "第十二条第（三）项",
            "中秋节、国庆节",
        ],
    );
    // The roll from the nominal last day, both readings, and the earliest.
    assert_line(&zh, "顺延", &["2023-10-04", "2023-10-07"]);
    assert_line(&zh, "本政策采用", &["2023-10-07"]);
    assert_line(&zh, "5个工作日", &["2023-10-10"]);
    assert_line(&zh, "最早日期", &["2023-10-07"]);
    assert_contains(&en, &["Art. 12(3)", "Due: 2023-10-07"]);
    assert_line(&en, "rolls to", &["2023-10-04", "2023-10-07"]);
}

#[test]
fn art_12_3_week_ending_on_a_make_up_saturday_does_not_roll() {
    // Sat 2026-02-07 + 7 = Sat 02-14, a make-up working day before 春节.
    let dl = deadline(interview("2026-02-07"));
    assert_eq!(dl.due(), d("2026-02-14"));
    assert_eq!(dl.rolled_from(), None);
    // An ordinary Saturday does roll: 2024-03-02 + 7 = Sat 03-09 → Mon 03-11.
    assert_eq!(
        deadline(interview("2024-03-02")).rolled_from(),
        Some(d("2024-03-09"))
    );
}

#[test]
fn art_12_3_interview_whose_week_ends_in_2027_is_outside_coverage() {
    // Mon 2026-12-28 + 7 = Mon 2027-01-04: no 2027 notice is loaded.
    let err = outside(interview("2026-12-28").deadline(&policy(), &cal()));
    assert!(err.message(Language::English).contains("2027-01-04"));
    // Fri 2026-12-25 + 7 = 2027-01-01: also out.
    outside(interview("2026-12-25").deadline(&policy(), &cal()));
    // Thu 2026-12-24 + 7 = Thu 12-31: in.
    assert_eq!(deadline(interview("2026-12-24")).due(), d("2026-12-31"));
}

#[test]
fn art_13_interview_before_the_regulation_is_in_force() {
    err_kind(
        interview("2020-01-05").deadline(&policy(), &cal()),
        ErrorKind::PolicyNotInForce,
    );
}

// ---------------------------------------------------------------------------------------
// D7, Art. 12(4): 年底前

/// (year, inclusive = due under the default policy, exclusive, earliest).
const YEARS: &[(i32, &str, &str, &str)] = &[
    // Thu 12-31 (2021 元旦 01-01..01-03); Wed 12-30.
    (2020, "2020-12-31", "2020-12-30", "2020-12-30"),
    // Fri 12-31 (2022 元旦 01-01..01-03); Thu 12-30.
    (2021, "2021-12-31", "2021-12-30", "2021-12-30"),
    // Sat 12-31 opened the 2023 New Year break: Fri 12-30; Thu 12-29.
    (2022, "2022-12-30", "2022-12-29", "2022-12-29"),
    // Sun 12-31: Fri 12-29; Thu 12-28.
    (2023, "2023-12-29", "2023-12-28", "2023-12-28"),
    // Tue 12-31; Mon 12-30.
    (2024, "2024-12-31", "2024-12-30", "2024-12-30"),
    // Wed 12-31; Tue 12-30.
    (2025, "2025-12-31", "2025-12-30", "2025-12-30"),
    // Thu 12-31; Wed 12-30.
    (2026, "2026-12-31", "2026-12-30", "2026-12-30"),
];

#[test]
fn art_12_4_year_end_summary_golden_table() {
    for &(year, inclusive, exclusive, earliest) in YEARS {
        let dl = deadline(year_end(year));
        assert_two_readings(
            &year.to_string(),
            &dl,
            BOUND_READINGS,
            [inclusive, exclusive],
            0,
            earliest,
        );
    }
    let mut strict = policy();
    strict.parameters.year_end_summary_bound.value = Bound::Exclusive;
    for &(year, inclusive, exclusive, earliest) in YEARS {
        let dl = deadline_with(&strict, year_end(year));
        assert_two_readings(
            &year.to_string(),
            &dl,
            BOUND_READINGS,
            [inclusive, exclusive],
            1,
            earliest,
        );
    }
}

#[test]
fn art_12_4_year_end_2022_is_friday_2022_12_30() {
    // 2022-12-31 (Sat) opened the 2023 New Year break, filed under the 2023 notice
    // (国办发明电〔2022〕16号), not under the 2022 one.
    let dl = deadline(year_end(2022));
    assert_eq!(dl.due(), d("2022-12-30"));
    let why = dl.explain(&policy(), &cal(), Language::Chinese).unwrap();
    assert_eq!(why.holidays_skipped.len(), 1);
    assert_eq!(why.holidays_skipped[0].holiday, "元旦");
    assert_eq!(why.holidays_skipped[0].first, d("2022-12-31"));
    let text = why.lines.join("\n");
    assert_contains(
        &text,
        &["年底前", "第十二条第（四）项", "2022-12-30（星期五）"],
    );
}

#[test]
fn art_12_4_year_end_outside_the_regulation_or_the_calendar() {
    // 2019 ended before the regulation took effect.
    err_kind(
        year_end(2019).deadline(&policy(), &cal()),
        ErrorKind::PolicyNotInForce,
    );
    outside(year_end(2027).deadline(&policy(), &cal()));
}

// ---------------------------------------------------------------------------------------
// The obligations' codes and articles

#[test]
fn every_obligation_cites_its_article() {
    let expected = [
        (ObligationKind::MeetingFollowUp, "D1", "Art. 9 ¶1"),
        (ObligationKind::MonthlyReport, "D2", "Art. 9 ¶1"),
        (ObligationKind::QuarterlyReport, "D3", "Art. 7"),
        (ObligationKind::InspectionApplication, "D4", "Art. 10"),
        (ObligationKind::InspectionApproval, "D5", "Art. 10"),
        (ObligationKind::RectificationPlan, "D6", "Art. 12(3)"),
        (ObligationKind::YearEndSummary, "D7", "Art. 12(4)"),
    ];
    assert_eq!(ObligationKind::ALL.len(), expected.len());
    for (kind, (want, code, article)) in ObligationKind::ALL.iter().zip(expected) {
        assert_eq!(*kind, want);
        assert_eq!(kind.code(), code);
        assert_eq!(kind.article().label(Language::English), article);
    }
    // Each quote is the regulation's own words.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/regulation/ankang-zhengbanfa-2020-1.txt"
    ));
    if let Ok(text) = text {
        for kind in ObligationKind::ALL {
            assert!(text.contains(kind.quote()), "{kind:?}: {}", kind.quote());
        }
    }
    for (word, kind) in [
        ("30个工作日内", ObligationKind::MeetingFollowUp),
        ("每月最后1个工作日前", ObligationKind::MonthlyReport),
        ("每个季度末最后1个工作日前", ObligationKind::QuarterlyReport),
        ("提前7个工作日", ObligationKind::InspectionApplication),
        ("审批后方可实施", ObligationKind::InspectionApproval),
        ("约谈之日起一周内", ObligationKind::RectificationPlan),
        ("年底前", ObligationKind::YearEndSummary),
    ] {
        assert!(kind.quote().contains(word), "{kind:?}");
    }
}

#[test]
fn deadline_serialises_with_its_code_article_and_readings() {
    let dl = deadline(interview("2023-09-27"));
    let v = serde_json::to_value(dl).unwrap();
    assert_eq!(v["code"], "D6");
    assert_eq!(v["due"], "2023-10-07");
    assert_eq!(v["earliest"], "2023-10-07");
    assert_eq!(v["rolled_from"], "2023-10-04");
    assert_eq!(v["readings"][1]["date"], "2023-10-10");
    assert_eq!(v["readings"][1]["chosen"], false);
}

// ---------------------------------------------------------------------------------------
// Status on a date (monthly report for September 2023, due Thu 09-28; the break
// 09-29..10-06 follows, then 10-07 and 10-08 are make-up days)

fn september_2023() -> Deadline {
    deadline(monthly("2023-09"))
}

#[test]
fn status_pending_counts_the_working_days_left() {
    let dl = september_2023();
    // As of Tue 09-26: 09-27 and 09-28 are left.
    assert_eq!(
        dl.status(&cal(), None, d("2023-09-26")).unwrap(),
        Status::Pending {
            working_days_left: 2
        }
    );
    // As of Sun 09-24: 25, 26, 27, 28.
    assert_eq!(
        dl.status(&cal(), None, d("2023-09-24")).unwrap(),
        Status::Pending {
            working_days_left: 4
        }
    );
    // A meeting follow-up due 11-07, as of 10-01 (in the break): 10-07, 10-08 = 2,
    // Oct 9-13 = 7, 16-20 = 12, 23-27 = 17, Oct 30-Nov 3 = 22, Nov 6-7 = 24.
    let follow_up = deadline(meeting("2023-09-20"));
    assert_eq!(
        follow_up.status(&cal(), None, d("2023-10-01")).unwrap(),
        Status::Pending {
            working_days_left: 24
        }
    );
}

#[test]
fn status_due_today() {
    let dl = september_2023();
    assert_eq!(
        dl.status(&cal(), None, d("2023-09-28")).unwrap(),
        Status::DueToday
    );
}

#[test]
fn status_overdue_since_the_day_after_with_working_and_calendar_days() {
    let dl = september_2023();
    // As of Mon 10-09: late since 09-29; working days after the due date: 10-07, 10-08,
    // 10-09 = 3; calendar days 09-29..10-09 = 11.
    assert_eq!(
        dl.status(&cal(), None, d("2023-10-09")).unwrap(),
        Status::Overdue {
            since: d("2023-09-29"),
            working_days: 3,
            calendar_days: 11
        }
    );
    // As of Sun 10-01, in the break: late, but no working day lost yet.
    assert_eq!(
        dl.status(&cal(), None, d("2023-10-01")).unwrap(),
        Status::Overdue {
            since: d("2023-09-29"),
            working_days: 0,
            calendar_days: 3
        }
    );
}

#[test]
fn status_met_on_time() {
    let dl = september_2023();
    for on in ["2023-09-27", "2023-09-28", "2023-09-01"] {
        assert_eq!(
            dl.status(&cal(), Some(d(on)), d("2023-10-09")).unwrap(),
            Status::MetOnTime { on: d(on) },
            "met on {on}"
        );
    }
    // Met before the due date, seen on the due date itself.
    assert_eq!(
        dl.status(&cal(), Some(d("2023-09-27")), d("2023-09-28"))
            .unwrap(),
        Status::MetOnTime {
            on: d("2023-09-27")
        }
    );
}

#[test]
fn status_met_late_by_working_days() {
    let dl = september_2023();
    // Met on Sat 10-07 (mk): 1 working day late, 9 calendar days.
    assert_eq!(
        dl.status(&cal(), Some(d("2023-10-07")), d("2023-10-09"))
            .unwrap(),
        Status::MetLate {
            on: d("2023-10-07"),
            working_days_late: 1,
            calendar_days_late: 9
        }
    );
    // Met on Wed 10-11: 10-07, 08, 09, 10, 11 = 5 working days, 13 calendar days.
    assert_eq!(
        dl.status(&cal(), Some(d("2023-10-11")), d("2023-10-20"))
            .unwrap(),
        Status::MetLate {
            on: d("2023-10-11"),
            working_days_late: 5,
            calendar_days_late: 13
        }
    );
}

#[test]
fn status_ignores_a_met_on_after_the_as_of_date() {
    let dl = september_2023();
    // Met on 10-09, but as of 10-08 that was not known yet: overdue, 2 working days
    // (10-07, 10-08), 10 calendar days.
    assert_eq!(
        dl.status(&cal(), Some(d("2023-10-09")), d("2023-10-08"))
            .unwrap(),
        Status::Overdue {
            since: d("2023-09-29"),
            working_days: 2,
            calendar_days: 10
        }
    );
    // And before the due date it is simply pending.
    assert_eq!(
        dl.status(&cal(), Some(d("2023-09-27")), d("2023-09-26"))
            .unwrap(),
        Status::Pending {
            working_days_left: 2
        }
    );
}

#[test]
fn status_of_a_bare_due_date_matches_the_deadline() {
    let dl = september_2023();
    for (met, as_of) in [
        (None, "2023-09-20"),
        (None, "2023-09-28"),
        (None, "2023-10-12"),
        (Some("2023-09-25"), "2023-10-12"),
        (Some("2023-10-10"), "2023-10-12"),
    ] {
        let met = met.map(d);
        assert_eq!(
            dl.status(&cal(), met, d(as_of)).unwrap(),
            Status::of(&cal(), d("2023-09-28"), met, d(as_of)).unwrap()
        );
    }
}

#[test]
fn status_outside_coverage_is_an_error() {
    let dl = deadline(monthly("2026-12"));
    outside(dl.status(&cal(), None, d("2027-01-05")));
    outside(dl.status(&cal(), Some(d("2027-01-04")), d("2027-01-05")));
}

#[test]
fn status_codes_and_descriptions() {
    let overdue = september_2023()
        .status(&cal(), None, d("2023-10-09"))
        .unwrap();
    assert_eq!(overdue.code(), "overdue");
    assert!(!overdue.is_met());
    assert!(overdue.describe(Language::Chinese).contains("2023-09-29"));
    assert!(overdue
        .describe(Language::English)
        .contains("3 working days"));
    let late = september_2023()
        .status(&cal(), Some(d("2023-10-07")), d("2023-10-09"))
        .unwrap();
    assert_eq!(late.code(), "met_late");
    assert!(late.is_met());
}
