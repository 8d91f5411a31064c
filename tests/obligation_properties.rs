//! Properties of the obligations D1-D7 that hold for every trigger, not only the golden
//! rows of `tests/obligations.rs`.

mod util;

use chrono::{Datelike, Days, NaiveDate};
use duban::{
    Bound, Calendar, Deadline, Language, MeetingKind, Obligation, ObligationKind, Period, Policy,
    Quarter, StartDay, Status, WeekReading, WorkingDays, YearMonth,
};
use proptest::prelude::*;
use util::d;

// ---------------------------------------------------------------------------------------
// Strategies

/// Any day from the regulation's first day to the last covered day.
fn covered_trigger() -> impl Strategy<Value = NaiveDate> {
    let first = d("2020-01-06");
    let span = (d("2026-12-31") - first).num_days() as u64;
    (0..=span).prop_map(move |n| first + Days::new(n))
}

/// Any day chrono can represent.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
        .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(NaiveDate::MIN))
}

fn any_kind() -> impl Strategy<Value = ObligationKind> {
    prop::sample::select(ObligationKind::ALL.to_vec())
}

fn any_meeting_kind() -> impl Strategy<Value = MeetingKind> {
    prop::sample::select(MeetingKind::ALL.to_vec())
}

fn any_bound() -> impl Strategy<Value = Bound> {
    prop::sample::select(vec![Bound::Inclusive, Bound::Exclusive])
}

/// Any policy whose periods lie in 1..=366 working days, with any readings and any set of
/// follow-up meetings.
fn any_policy() -> impl Strategy<Value = Policy> {
    (
        1u32..=366,
        1u32..=366,
        [any_bound(), any_bound(), any_bound(), any_bound()],
        prop::sample::select(vec![StartDay::Excluded, StartDay::Counted, StartDay::Clear]),
        prop::sample::select(vec![
            WeekReading::SevenCalendarDays,
            WeekReading::FiveWorkingDays,
        ]),
        prop::sample::subsequence(MeetingKind::ALL.to_vec(), 0..=MeetingKind::ALL.len()),
    )
        .prop_map(|(meeting, notice, bounds, start_day, week, meetings)| {
            let mut p = Policy::ankang_2020();
            let q = &mut p.parameters;
            q.meeting_follow_up_period.value = WorkingDays(meeting);
            q.inspection_notice_period.value = WorkingDays(notice);
            q.monthly_report_bound.value = bounds[0];
            q.quarterly_report_bound.value = bounds[1];
            q.inspection_approval_bound.value = bounds[2];
            q.year_end_summary_bound.value = bounds[3];
            q.inspection_start_day.value = start_day;
            q.rectification_plan_period.value = week;
            q.follow_up_meetings.value = meetings;
            p
        })
}

/// The obligation of `kind` triggered by `date`: the meeting, start or interview day, or the
/// month, quarter or year that contains it.
fn obligation(kind: ObligationKind, date: NaiveDate, meeting_kind: MeetingKind) -> Obligation {
    match kind {
        ObligationKind::MeetingFollowUp => Obligation::MeetingFollowUp {
            meeting: date,
            kind: meeting_kind,
        },
        ObligationKind::MonthlyReport => Obligation::MonthlyReport {
            month: YearMonth::containing(date),
        },
        ObligationKind::QuarterlyReport => Obligation::QuarterlyReport {
            quarter: Quarter::containing(date),
        },
        ObligationKind::InspectionApplication => Obligation::InspectionApplication { start: date },
        ObligationKind::InspectionApproval => Obligation::InspectionApproval { start: date },
        ObligationKind::RectificationPlan => Obligation::RectificationPlan { interview: date },
        _ => Obligation::YearEndSummary { year: date.year() },
    }
}

/// The period a D2, D3 or D7 obligation reports on.
fn period_of(o: &Obligation) -> Option<Period> {
    match *o {
        Obligation::MonthlyReport { month } => Some(Period::Month(month)),
        Obligation::QuarterlyReport { quarter } => Some(Period::Quarter(quarter)),
        Obligation::YearEndSummary { year } => Some(Period::Year(year)),
        _ => None,
    }
}

fn is_workday(cal: &Calendar, date: NaiveDate) -> bool {
    cal.is_workday(date).unwrap_or(false)
}

/// The shape every deadline has, whatever its kind: `earliest` is the minimum of the
/// readings, exactly one reading is chosen, and `due` is its date.
fn check_shape(dl: &Deadline) -> Result<(), TestCaseError> {
    let readings = dl.readings();
    prop_assert!(!readings.is_empty() && readings.len() <= 3);
    prop_assert!(dl.earliest() <= dl.due());
    prop_assert_eq!(Some(dl.earliest()), readings.iter().map(|r| r.date).min());
    let chosen: Vec<_> = readings.iter().filter(|r| r.chosen).collect();
    prop_assert_eq!(chosen.len(), 1);
    prop_assert_eq!(chosen[0].date, dl.due());
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// For every trigger in coverage, every kind and every policy with periods in 1..=366:
    /// the deadline's shape holds, working-day deadlines land on working days, D1 and D6
    /// come after their trigger and D2, D3 and D7 inside their period.
    #[test]
    fn deadlines_in_coverage_are_well_formed(
        date in covered_trigger(),
        kind in any_kind(),
        meeting_kind in any_meeting_kind(),
        policy in any_policy(),
    ) {
        let cal = Calendar::china();
        let o = obligation(kind, date, meeting_kind);
        let Ok(dl) = o.deadline(&policy, &cal) else {
            return Ok(());
        };
        check_shape(&dl)?;
        prop_assert_eq!(dl.obligation(), o);
        prop_assert_eq!(dl.kind(), kind);
        let p = &policy.parameters;
        match o {
            Obligation::MeetingFollowUp { meeting, .. } => {
                prop_assert!(dl.due() > meeting);
                prop_assert!(is_workday(&cal, dl.due()));
                let n = p.meeting_follow_up_period.value.0 as i32;
                prop_assert_eq!(cal.workdays_between(meeting, dl.due()).unwrap(), n);
            }
            Obligation::InspectionApplication { start } => {
                let (excluded, counted) = (dl.readings()[0].date, dl.readings()[1].date);
                prop_assert!(is_workday(&cal, excluded) && is_workday(&cal, counted));
                // Start day excluded: N full working days strictly before the start.
                let n = p.inspection_notice_period.value.0 as i32;
                prop_assert!(excluded < start);
                prop_assert_eq!(cal.workdays_between(start, excluded).unwrap(), -n);
                // Counted: one working day later when the start is a working day (so the
                // start day itself when N = 1), else the same.
                prop_assert!(excluded <= counted && counted <= start);
                let shift = if is_workday(&cal, start) { 1 } else { 0 };
                prop_assert_eq!(cal.workdays_between(excluded, counted).unwrap(), shift);
            }
            Obligation::InspectionApproval { start } => {
                prop_assert!(dl.due() <= start);
                prop_assert_eq!(dl.readings()[0].date, start);
                prop_assert!(is_workday(&cal, dl.readings()[1].date));
                prop_assert_eq!(cal.workdays_between(start, dl.readings()[1].date).unwrap(), -1);
            }
            Obligation::RectificationPlan { interview } => {
                prop_assert!(dl.due() > interview);
                for r in dl.readings() {
                    prop_assert!(r.date > interview);
                    prop_assert!(is_workday(&cal, r.date));
                }
                // 7 calendar days, then the first working day: nothing before it is one.
                let week = dl.readings()[0].date;
                let nominal = interview + Days::new(7);
                prop_assert!(week >= nominal);
                prop_assert_eq!(cal.workday_on_or_after(nominal).unwrap(), week);
                prop_assert_eq!(dl.rolled_from().is_some(),
                    p.rectification_plan_period.value == WeekReading::SevenCalendarDays
                        && week != nominal);
                prop_assert_eq!(cal.workdays_between(interview, dl.readings()[1].date).unwrap(), 5);
            }
            _ => {
                let period = period_of(&o).unwrap();
                let (inclusive, exclusive) = (dl.readings()[0].date, dl.readings()[1].date);
                prop_assert!(dl.due() <= period.last_day());
                prop_assert!(dl.earliest() >= period.first_day());
                prop_assert!(is_workday(&cal, inclusive) && is_workday(&cal, exclusive));
                // The inclusive date is the last working day: none follows in the period.
                prop_assert_eq!(cal.workdays_between(inclusive, period.last_day()).unwrap(), 0);
                prop_assert_eq!(cal.workdays_between(exclusive, inclusive).unwrap(), 1);
                prop_assert_eq!(dl.earliest(), exclusive);
            }
        }
    }

    /// Under the 2020 policy every kind can be computed for every covered trigger, except
    /// where the count leaves the calendar (the first days of 2020 for D4, the last weeks of
    /// 2026 for D1 and D6), and the on-site meeting, which Art. 9 ¶1 does not name.
    #[test]
    fn default_policy_errors_are_only_coverage_or_on_site(
        date in covered_trigger(),
        kind in any_kind(),
        meeting_kind in any_meeting_kind(),
    ) {
        let cal = Calendar::china();
        let o = obligation(kind, date, meeting_kind);
        match o.deadline(&Policy::ankang_2020(), &cal) {
            Ok(dl) => check_shape(&dl)?,
            Err(e) if e.is_outside_coverage() => {
                let near_an_edge = date < d("2020-01-20") || date > d("2026-11-01");
                prop_assert!(near_an_edge, "{:?}: {:?}", o, e);
            }
            Err(e) => {
                prop_assert_eq!(e.kind(), duban::ErrorKind::InvalidInput);
                prop_assert_eq!(meeting_kind, MeetingKind::OnSite);
                prop_assert_eq!(kind, ObligationKind::MeetingFollowUp);
            }
        }
    }

    /// Nothing panics: any date chrono can hold, any kind, any policy with periods in
    /// 1..=366, and the explanation and status of whatever deadline comes out.
    #[test]
    fn computing_never_panics(
        date in any_date(),
        as_of in any_date(),
        met_on in prop::option::of(any_date()),
        year in any::<i32>(),
        kind in any_kind(),
        meeting_kind in any_meeting_kind(),
        policy in any_policy(),
    ) {
        let cal = Calendar::china();
        let mut os = vec![obligation(kind, date, meeting_kind), Obligation::YearEndSummary { year }];
        if let Ok(quarter) = Quarter::new(year, 1) {
            os.push(Obligation::QuarterlyReport { quarter });
        }
        if let Ok(month) = YearMonth::new(year, 12) {
            os.push(Obligation::MonthlyReport { month });
        }
        for o in os {
            if let Ok(dl) = o.deadline(&policy, &cal) {
                check_shape(&dl)?;
                for language in [Language::Chinese, Language::English] {
                    let why = dl.explain(&policy, &cal, language);
                    prop_assert!(why.is_ok());
                }
                let _ = dl.status(&cal, met_on, as_of);
            }
        }
        let _ = Status::of(&cal, date, met_on, as_of);
    }

    /// A later meeting never gives an earlier D1 due date, whatever the period.
    #[test]
    fn later_meetings_never_fall_due_earlier(
        a in covered_trigger(),
        b in covered_trigger(),
        n in 1u32..=366,
    ) {
        let cal = Calendar::china();
        let mut policy = Policy::ankang_2020();
        policy.parameters.meeting_follow_up_period.value = WorkingDays(n);
        let due = |meeting| {
            Obligation::MeetingFollowUp { meeting, kind: MeetingKind::Plenary }
                .deadline(&policy, &cal)
                .map(|dl| dl.due())
        };
        let (early, late) = (a.min(b), a.max(b));
        if let (Ok(x), Ok(y)) = (due(early), due(late)) {
            prop_assert!(x <= y, "meeting {} → {}, meeting {} → {}", early, x, late, y);
        }
        // And a longer period never gives an earlier date.
        if n < 366 {
            let mut longer = policy.clone();
            longer.parameters.meeting_follow_up_period.value = WorkingDays(n + 1);
            let o = Obligation::MeetingFollowUp { meeting: a, kind: MeetingKind::Plenary };
            if let (Ok(x), Ok(y)) = (o.deadline(&policy, &cal), o.deadline(&longer, &cal)) {
                prop_assert!(x.due() < y.due());
            }
        }
    }

    /// D4 under the 2020 policy: the application day lies exactly 7 working days before the
    /// start: the working days in [due, start) are 7. Counting the way `workdays_between`
    /// does (`(due, start]`), that is 7 when the start day is a working day and 6 when it is
    /// not, so at least 6, and at least 7 whenever the inspection starts on a working day.
    #[test]
    fn inspection_application_gives_seven_working_days_notice(start in covered_trigger()) {
        let cal = Calendar::china();
        let Ok(dl) = Obligation::InspectionApplication { start }
            .deadline(&Policy::ankang_2020(), &cal) else {
            return Ok(());
        };
        prop_assert_eq!(cal.workdays_between(start, dl.due()).unwrap(), -7);
        prop_assert_eq!(cal.add_workdays(start, -7).unwrap(), dl.due());
        let forward = cal.workdays_between(dl.due(), start).unwrap();
        if is_workday(&cal, start) {
            prop_assert_eq!(forward, 7);
            // Counting the start day moves the date one working day later.
            prop_assert_eq!(cal.workdays_between(dl.due(), dl.readings()[1].date).unwrap(), 1);
        } else {
            prop_assert_eq!(forward, 6);
            prop_assert_eq!(dl.readings()[1].date, dl.due());
        }
        // The clear reading: a working day with exactly 7 working days strictly between it
        // and the start day, and the earliest of the three (the safe date). It is left out
        // only when it falls before the loaded calendar, for a due date marked as before
        // the regulation took effect.
        if dl.readings().len() == 2 {
            prop_assert!(dl.before_in_force());
            return Ok(());
        }
        let clear = dl.readings()[2];
        prop_assert_eq!(clear.reading, duban::Reading::ClearWorkingDays);
        prop_assert!(is_workday(&cal, clear.date));
        let between = cal.workdays_between(clear.date, start).unwrap()
            - i32::from(is_workday(&cal, start));
        prop_assert_eq!(between, 7);
        prop_assert_eq!(dl.earliest(), clear.date);
    }

    /// The status agrees with the plain comparisons of the dates.
    #[test]
    fn status_follows_the_dates(
        due in covered_trigger(),
        as_of in covered_trigger(),
        met_on in prop::option::of(covered_trigger()),
    ) {
        let cal = Calendar::china();
        let status = Status::of(&cal, due, met_on, as_of).unwrap();
        let known = met_on.filter(|m| *m <= as_of);
        match status {
            Status::MetOnTime { on } => prop_assert!(known == Some(on) && on <= due),
            Status::MetLate { on, working_days_late, calendar_days_late } => {
                prop_assert!(known == Some(on) && on > due);
                prop_assert_eq!(calendar_days_late, (on - due).num_days());
                prop_assert!(working_days_late >= 0);
            }
            Status::Pending { working_days_left } => {
                prop_assert!(known.is_none() && as_of < due);
                prop_assert!(working_days_left >= 0);
            }
            Status::DueToday => prop_assert!(known.is_none() && as_of == due),
            Status::Overdue { since, working_days, calendar_days } => {
                prop_assert!(known.is_none() && as_of > due);
                prop_assert_eq!(since, due.succ_opt().unwrap());
                prop_assert_eq!(calendar_days, (as_of - due).num_days());
                prop_assert!(working_days >= 0);
            }
            _ => prop_assert!(false, "unexpected status {:?}", status),
        }
    }
}
