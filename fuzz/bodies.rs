//! The bodies of duban's fuzz targets, one function a target.
//!
//! Shared through `#[path]` by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`, nightly)
//! and by the library's stable test suite (`tests/fuzz_seeds.rs`), which runs every body
//! over its seeds, so that the targets cannot rot. Each body must not panic on any input;
//! where it asserts, the assertion is a documented property of the library (a round trip,
//! an inverse, a count that adds up), so a failure is a bug found.

#![allow(dead_code)]

use chrono::{Datelike, Days, NaiveDate};
use duban::{
    check, parse_date, what_if, Bound, Calendar, CalendarBuilder, Caseload, Explanations, Language,
    MeetingKind, Notice, Obligation, Policy, Quarter, YearMonth,
};

/// A target's body: any bytes, no panic.
pub type Body = fn(&[u8]);

/// The targets, by name. Their seeds are listed in `fuzz/seeds.list`.
pub const TARGETS: &[(&str, Body)] = &[
    ("caseload", caseload),
    ("generated", generated),
    ("policy", policy),
    ("notice", notice),
    ("dates", dates),
];

/// The day caseloads without `as_of` are checked on.
const AS_OF: &str = "2023-11-10";

fn fixed_as_of() -> NaiveDate {
    parse_date(AS_OF).unwrap_or_default()
}

/// The second policy of every what-if here: 前 exclusive for monthly reports.
fn exclusive() -> Policy {
    let mut p = Policy::ankang_2020();
    p.parameters.monthly_report_bound.value = Bound::Exclusive;
    p
}

// ---------------------------------------------------------------------------------------
// caseload: any bytes as a caseload document, through check, every output and what-if.

pub fn caseload(data: &[u8]) {
    let Ok(caseload) = Caseload::from_json(data) else {
        return;
    };
    run_caseload(&caseload, caseload.as_of().unwrap_or_else(fixed_as_of));
}

/// Check, outputs and what-if of a read caseload, with the properties that must hold.
fn run_caseload(caseload: &Caseload, as_of: NaiveDate) {
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let report = match check(caseload, &policy, &cal, as_of) {
        Ok(r) => r,
        Err(e) => {
            // Only the as-of day itself can fail the whole check.
            assert!(e.is_outside_coverage(), "{e:?}");
            return;
        }
    };
    // Every matter is either checked or in error, once.
    let mut indexed: Vec<usize> = report.errors.iter().filter_map(|e| e.index).collect();
    let before = indexed.len();
    indexed.sort_unstable();
    indexed.dedup();
    assert_eq!(indexed.len(), before, "a matter with two errors");
    assert_eq!(report.summary.matters, report.matters.len() + indexed.len());
    assert_eq!(report.summary.checked, report.matters.len());

    for language in [Language::Chinese, Language::English] {
        let mut json = Vec::new();
        report
            .write_json(&mut json, language, Explanations::Include(&policy, &cal))
            .unwrap_or_default();
        assert!(serde_json::from_slice::<serde_json::Value>(&json).is_ok());
        let table = report.to_table(language);
        assert!(table.ends_with('\n'));
    }
    let mut json = Vec::new();
    report
        .write_json(&mut json, Language::Chinese, Explanations::Omit)
        .unwrap_or_default();

    // A policy against itself changes nothing.
    let same = what_if(caseload, &policy, &policy, &cal, as_of);
    if let Ok(w) = same {
        assert!(w.differences.is_empty() && w.units.is_empty());
        assert_eq!(w.matters_compared, report.matters.len());
    }
    if let Ok(w) = what_if(caseload, &policy, &exclusive(), &cal, as_of) {
        let _ = w.to_table(Language::Chinese);
        let _ = w.to_table(Language::English);
        assert!(serde_json::to_string(&w).is_ok());
    }
}

// ---------------------------------------------------------------------------------------
// generated: well-formed caseloads built from the bytes, with extreme dates and sizes.

/// Reads the fuzzer's bytes as choices; zeros once they run out.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::from(self.byte()) % n
        }
    }

    fn pick<'p, T>(&mut self, items: &'p [T]) -> &'p T {
        &items[self.below(items.len())]
    }
}

/// Dates at the edges: of chrono, of the calendar, of the regulation, of the years.
const DATES: &[&str] = &[
    "0001-01-01",
    "1949-10-01",
    "2019-12-31",
    "2020-01-01",
    "2020-01-05",
    "2020-01-06",
    "2020-01-24",
    "2020-02-02",
    "2022-12-31",
    "2023-09-20",
    "2023-09-29",
    "2023-10-07",
    "2023-11-10",
    "2024-02-29",
    "2026-12-31",
    "2027-01-01",
    "2028-12-31",
    "9999-12-31",
];

const KINDS: &[&str] = &[
    "meeting_follow_up",
    "monthly_report",
    "quarterly_report",
    "inspection",
    "accountability",
    "escalation",
    "year_end_summary",
];

const EVENTS: &[&str] = &[
    "submit",
    "return",
    "accept",
    "apply",
    "approve",
    "reject",
    "file",
    "start",
    "place_under_key_supervision",
    "rectify",
    "propose_interview",
    "approve_interview",
    "hold_interview",
    "submit_plan",
    "resolve",
    "grade_poor",
    "refer",
    "request_escalation",
    "decline",
];

fn date(c: &mut Choices<'_>) -> NaiveDate {
    let text: &&str = c.pick(DATES);
    let base = parse_date(text).unwrap_or_default();
    // Within a few weeks of the edge, either side.
    let shift = i64::from(c.byte()) - 128;
    base.checked_add_signed(chrono::Duration::days(shift / 4))
        .unwrap_or(base)
}

fn name(c: &mut Choices<'_>, prefix: &str) -> String {
    match c.below(8) {
        // Now and then a long one.
        0 => prefix.repeat(1 + c.below(200)),
        _ => format!("{prefix}{}", c.below(6)),
    }
}

pub fn generated(data: &[u8]) {
    use serde_json::{json, Value};
    let mut c = Choices(data);
    let matters = c.below(12);
    let mut list = Vec::with_capacity(matters);
    for i in 0..matters {
        let kind = *c.pick(KINDS);
        let mut m = serde_json::Map::new();
        // Now and then a repeated id.
        let id = if c.below(8) == 0 { 0 } else { i };
        m.insert("id".into(), json!(format!("M-{id}")));
        m.insert("kind".into(), json!(kind));
        m.insert("unit".into(), json!(name(&mut c, "单位")));
        m.insert("sector".into(), json!(name(&mut c, "分口")));
        let d = date(&mut c);
        match kind {
            "meeting_follow_up" => {
                let k = *c.pick(&[
                    "executive",
                    "plenary",
                    "mayors_office",
                    "special_topic",
                    "on_site",
                ]);
                m.insert("meeting".into(), json!({"date": d.to_string(), "kind": k}));
            }
            "monthly_report" => {
                m.insert(
                    "month".into(),
                    json!(format!("{:04}-{:02}", d.year(), d.month())),
                );
            }
            "quarterly_report" => {
                let q = (d.month() - 1) / 3 + 1;
                m.insert("quarter".into(), json!(format!("{:04}-Q{q}", d.year())));
            }
            "inspection" => {
                m.insert("start".into(), json!(d.to_string()));
                let plan = *c.pick(&["listed", "not_listed"]);
                m.insert("annual_plan".into(), json!(plan));
            }
            "year_end_summary" => {
                m.insert("year".into(), json!(d.year()));
            }
            _ => {}
        }
        // Items: sometimes many.
        let items = match c.below(6) {
            0 => c.below(64) * 8,
            _ => c.below(4),
        };
        if items > 0 {
            let list: Vec<Value> = (0..items)
                .map(|k| {
                    let category = if c.below(2) == 0 {
                        "project"
                    } else {
                        "general"
                    };
                    json!({"id": format!("I{k}"), "category": category})
                })
                .collect();
            m.insert("items".into(), Value::Array(list));
        }
        // Events in date order from the trigger, mostly ones the kind allows.
        let mut on = d;
        let mut events = Vec::new();
        for _ in 0..c.below(7) {
            on = on
                .checked_add_days(Days::new(c.below(20) as u64))
                .unwrap_or(on);
            let event = *c.pick(EVENTS);
            let mut e = serde_json::Map::new();
            e.insert("event".into(), json!(event));
            e.insert("on".into(), json!(on.to_string()));
            match event {
                "submit" if items > 0 => {
                    let reported: Vec<Value> = (0..c.below(items + 2))
                        .map(|k| {
                            let p = *c.pick(&["completed", "on_schedule", "behind_schedule"]);
                            let mut r =
                                json!({"item": format!("I{}", k % (items + 1)), "progress": p});
                            if c.below(2) == 0 {
                                r["evidence"] = json!(["报告"]);
                            }
                            if c.below(2) == 0 {
                                r["physical_progress"] = json!("主体完成");
                            }
                            r
                        })
                        .collect();
                    e.insert("items".into(), Value::Array(reported));
                }
                "return" => {
                    e.insert("remedy".into(), json!(*c.pick(&["redo", "supplement"])));
                    e.insert("reasons".into(), json!(["missing_item"]));
                }
                "place_under_key_supervision" => {
                    e.insert("triggers".into(), json!(["late_reporting"]));
                    let by = on.checked_add_days(Days::new(30)).unwrap_or(on);
                    e.insert("rectify_by".into(), json!(by.to_string()));
                }
                "request_escalation" => {
                    e.insert(
                        "grounds".into(),
                        json!(["hard_to_coordinate", "ineffective_after_urging"]),
                    );
                }
                _ => {}
            }
            events.push(Value::Object(e));
        }
        if !events.is_empty() {
            m.insert("events".into(), Value::Array(events));
        }
        list.push(Value::Object(m));
    }
    let as_of = date(&mut c);
    let doc = json!({"schema": "duban-caseload/1", "as_of": as_of.to_string(), "matters": list});
    let text = doc.to_string();
    let caseload = match Caseload::from_json(&text) {
        Ok(c) => c,
        // A well-formed document is never rejected whole, unless `as_of` is beyond what
        // the date reader takes.
        Err(e) => {
            assert_eq!(e.kind(), duban::ErrorKind::InvalidCaseload, "{e:?}");
            return;
        }
    };
    assert_eq!(caseload.len() + caseload.errors().len(), matters);
    run_caseload(&caseload, as_of);
}

// ---------------------------------------------------------------------------------------
// policy: any text as a policy; what is read round-trips and checks a caseload.

pub fn policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(p) = Policy::from_json(text) else {
        return;
    };
    let again = Policy::from_json(&p.to_json());
    assert_eq!(again.as_ref().ok(), Some(&p), "round trip: {again:?}");
    assert!(p.changes(&p).is_empty());
    let _ = Policy::ankang_2020().changes(&p);
    let cal = Calendar::china();
    let doc = include_str!("../examples/data/caseload.json");
    if let Ok(c) = Caseload::from_json(doc) {
        let as_of = c.as_of().unwrap_or_else(fixed_as_of);
        if let Ok(report) = check(&c, &p, &cal, as_of) {
            let mut out = Vec::new();
            let _ = report.write_json(&mut out, Language::English, Explanations::Include(&p, &cal));
            let _ = report.to_table(Language::Chinese);
        }
        let _ = what_if(&c, &Policy::ankang_2020(), &p, &cal, as_of);
    }
    for o in obligations(fixed_as_of()) {
        if let Ok(d) = o.deadline(&p, &cal) {
            let _ = d.explain(&p, &cal, Language::Chinese);
        }
    }
}

// ---------------------------------------------------------------------------------------
// notice: any text as a notice; a calendar built with it answers every query.

pub fn notice(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(n) = Notice::parse(text) else {
        return;
    };
    let known = n.known_from();
    let mut probes: Vec<NaiveDate> = n
        .holidays
        .iter()
        .flat_map(|h| [h.first, h.last])
        .chain(n.workdays.iter().map(|w| w.date))
        .take(64)
        .collect();
    let Ok(cal) = CalendarBuilder::china().notice(n).build() else {
        return;
    };
    probes.extend(DATES.iter().filter_map(|d| parse_date(d).ok()));
    probes.extend(cal.coverage().iter().flat_map(|(a, b)| [*a, *b]));
    queries(&cal, &probes, data);
    queries(&cal.as_known_on(known), &probes, data);
    if let Ok(p) = cal.with_provisional() {
        for &d in &probes {
            let _ = p.day(d);
            let _ = p.add_workdays(d, 5);
            let _ = p.workdays_between(d, probes[0]);
            let _ = p.last_workday_of_month(YearMonth::containing(d));
        }
    }
}

/// Every calendar query at each probe, with the properties the documentation states.
fn queries(cal: &Calendar, probes: &[NaiveDate], data: &[u8]) {
    let steps: Vec<i32> = data
        .iter()
        .take(8)
        .map(|b| i32::from(*b) - 128)
        .chain([0, 1, -1, 30, 300])
        .collect();
    for &d in probes {
        let is = cal.is_workday(d);
        if let Ok(day) = cal.day(d) {
            assert_eq!(Ok(day.is_workday()), is);
        }
        for &n in &steps {
            // `workdays_between` counts the way `add_workdays` counts: exact inverses.
            if let Ok(e) = cal.add_workdays(d, n) {
                assert_eq!(cal.workdays_between(d, e), Ok(n), "{d} + {n} = {e}");
            }
        }
        if let Ok(next) = cal.next_workday(d) {
            assert!(next > d && cal.is_workday(next) == Ok(true));
        }
        if let Ok(prev) = cal.previous_workday(d) {
            assert!(prev < d && cal.is_workday(prev) == Ok(true));
        }
        if let Ok(w) = cal.workday_on_or_after(d) {
            assert!(w >= d && cal.is_workday(w) == Ok(true));
        }
        if let Ok(w) = cal.workday_on_or_before(d) {
            assert!(w <= d && cal.is_workday(w) == Ok(true));
        }
        let _ = cal.last_workday_of_month(YearMonth::containing(d));
        let _ = cal.last_workday_of_quarter(Quarter::containing(d));
        let _ = cal.last_workday_of_year(d.year());
        let last = d.checked_add_days(Days::new(40)).unwrap_or(d);
        if let Ok(days) = cal.days(d, last) {
            assert!(days.count() <= 41);
        }
        for &e in probes.iter().take(8) {
            let _ = cal.workdays_between(d, e);
        }
    }
}

// ---------------------------------------------------------------------------------------
// dates: any text as a date, a month and a quarter, and every deadline from them.

pub fn dates(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let cal = Calendar::china();
    let policy = Policy::ankang_2020();
    for part in text.split_whitespace().take(64) {
        if let Ok(d) = parse_date(part) {
            assert_eq!(parse_date(&d.to_string()), Ok(d));
            for o in obligations(d) {
                if let Ok(deadline) = o.deadline(&policy, &cal) {
                    assert!(deadline.earliest() <= deadline.due());
                    for language in [Language::Chinese, Language::English] {
                        let _ = deadline.explain(&policy, &cal, language);
                    }
                    let _ = deadline.status(&cal, Some(d), fixed_as_of());
                    let _ = deadline.status(&cal, None, d);
                }
            }
        }
        if let Ok(m) = part.parse::<YearMonth>() {
            assert_eq!(m.to_string().parse::<YearMonth>().ok(), Some(m));
            let _ = cal.last_workday_of_month(m);
            let _ = Obligation::MonthlyReport { month: m }.deadline(&policy, &cal);
        }
        if let Ok(q) = part.parse::<Quarter>() {
            assert_eq!(q.to_string().parse::<Quarter>().ok(), Some(q));
            let _ = cal.last_workday_of_quarter(q);
            let _ = Obligation::QuarterlyReport { quarter: q }.deadline(&policy, &cal);
        }
        if let Ok(y) = part.parse::<i32>() {
            let _ = cal.last_workday_of_year(y);
            let _ = Obligation::YearEndSummary { year: y }.deadline(&policy, &cal);
        }
    }
}

/// Every obligation triggered on (or in the period of) `d`.
fn obligations(d: NaiveDate) -> Vec<Obligation> {
    let mut out: Vec<Obligation> = [
        MeetingKind::Executive,
        MeetingKind::Plenary,
        MeetingKind::MayorsOffice,
        MeetingKind::SpecialTopic,
        MeetingKind::OnSite,
    ]
    .into_iter()
    .map(|kind| Obligation::MeetingFollowUp { meeting: d, kind })
    .collect();
    out.extend([
        Obligation::MonthlyReport {
            month: YearMonth::containing(d),
        },
        Obligation::QuarterlyReport {
            quarter: Quarter::containing(d),
        },
        Obligation::InspectionApplication { start: d },
        Obligation::InspectionApproval { start: d },
        Obligation::RectificationPlan { interview: d },
        Obligation::YearEndSummary { year: d.year() },
    ]);
    out
}
