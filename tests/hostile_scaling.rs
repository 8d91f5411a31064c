//! Issue 13: hostile inputs cost in proportion to their size, the table stays bounded, and
//! the limits a service can set are enforced with errors that name them.
//!
//! The hostile shapes come from `examples/support/hostile.rs` (also behind
//! `examples/gen_hostile.rs` and `benches/hostile.rs`).

#[path = "../examples/support/hostile.rs"]
mod hostile;

use std::time::{Duration, Instant};

use duban::{
    check, what_if, Bound, Calendar, CalendarBuilder, Caseload, CheckReport, ErrorKind,
    Explanations, Language, Limits, Notice, Policy, Progress, Remedy, ReturnReason,
};

fn as_of() -> chrono::NaiveDate {
    duban::parse_date(hostile::AS_OF).unwrap()
}

fn run(json: &str) -> CheckReport {
    let c = Caseload::from_json(json).unwrap();
    check(&c, &Policy::ankang_2020(), &Calendar::china(), as_of()).unwrap()
}

// ---------------------------------------------------------------------------------------
// Matching reported items: the same answers below and above the hash-map threshold.

/// One item of the ledger as the report states it (the first statement counts).
#[derive(Clone, Debug)]
struct Stated {
    progress: Progress,
    physical: bool,
    evidence: bool,
}

/// A ledger of `n` items (`I0`..; every third a project) and a report that leaves out
/// every fourth, repeats every seventh with another progress (which must be ignored) and
/// names `n / 2` unknown items.
fn ledger(n: usize) -> (String, Vec<Option<Stated>>) {
    let mut items = Vec::new();
    let mut reported = Vec::new();
    let mut stated = Vec::new();
    for i in 0..n {
        let category = if i % 3 == 0 { "project" } else { "general" };
        items.push(format!(r#"{{"id":"I{i}","category":"{category}"}}"#));
        if i % 4 == 3 {
            stated.push(None);
            continue;
        }
        let progress = [
            Progress::Completed,
            Progress::OnSchedule,
            Progress::BehindSchedule,
        ][i % 3];
        let s = Stated {
            progress,
            physical: i % 5 == 0,
            evidence: i % 2 == 0,
        };
        let code = match progress {
            Progress::Completed => "completed",
            Progress::OnSchedule => "on_schedule",
            _ => "behind_schedule",
        };
        let mut r = format!(r#"{{"item":"I{i}","progress":"{code}""#);
        if s.physical {
            r.push_str(r#","physical_progress":"主体完成""#);
        }
        if s.evidence {
            r.push_str(r#","evidence":["验收报告"]"#);
        }
        r.push('}');
        reported.push(r);
        stated.push(Some(s));
    }
    for i in (0..n).step_by(7).filter(|i| i % 4 != 3) {
        reported.push(format!(r#"{{"item":"I{i}","progress":"behind_schedule"}}"#));
    }
    for i in 0..n / 2 {
        reported.push(format!(
            r#"{{"item":"X{i}","progress":"completed","evidence":["x"]}}"#
        ));
    }
    let matter = format!(
        r#"{{"id":"JD-1","kind":"quarterly_report","unit":"市政府办公室一科","sector":"经济","quarter":"2023-Q3","items":[{}],"events":[{{"event":"submit","on":"2023-09-27","items":[{}]}}]}}"#,
        items.join(","),
        reported.join(",")
    );
    let doc = format!(
        r#"{{"schema":"duban-caseload/1","as_of":"{}","matters":[{matter}]}}"#,
        hostile::AS_OF
    );
    (doc, stated)
}

#[test]
fn reported_items_are_matched_by_id_at_every_size() {
    for n in [0, 1, 5, 8, 9, 12, 20, 200] {
        let (doc, stated) = ledger(n);
        let report = run(&doc);
        assert!(report.errors.is_empty(), "n = {n}: {:?}", report.errors);

        // Art. 7's bands, by the first statement of each item.
        let bands = &report.quarterly_bands;
        assert_eq!(bands.len(), 1, "n = {n}");
        if let Some(b) = bands.first() {
            let ids = |v: &[duban::ItemRef]| -> Vec<String> {
                v.iter().map(|r| r.item.to_string()).collect()
            };
            let want = |p: Option<Progress>| -> Vec<String> {
                stated
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| match (s, p) {
                        (Some(s), Some(p)) => s.progress == p,
                        // Items no submission states are a group of their own (未报送).
                        (None, None) => true,
                        (Some(_), None) | (None, Some(_)) => false,
                    })
                    .map(|(i, _)| format!("I{i}"))
                    .collect()
            };
            assert_eq!(
                ids(&b.completed),
                want(Some(Progress::Completed)),
                "n = {n}"
            );
            assert_eq!(
                ids(&b.progressing_well),
                want(Some(Progress::OnSchedule)),
                "n = {n}"
            );
            assert_eq!(
                ids(&b.progressing_slowly),
                want(Some(Progress::BehindSchedule)),
                "n = {n}"
            );
            assert_eq!(ids(&b.not_reported), want(None), "n = {n}");
            assert!(
                b.progressing_slowly.iter().all(|r| !r.not_reported),
                "n = {n}"
            );
            assert!(b.not_reported.iter().all(|r| r.not_reported), "n = {n}");
        }

        // Art. 9's return check, item by item.
        let mut findings = Vec::new();
        for (i, s) in stated.iter().enumerate() {
            match s {
                None => findings.push((ReturnReason::MissingItem, format!("I{i}"))),
                Some(s) => {
                    if i % 3 == 0 && s.progress != Progress::Completed && !s.physical {
                        findings.push((ReturnReason::NoPhysicalProgress, format!("I{i}")));
                    }
                    if s.progress == Progress::Completed && !s.evidence {
                        findings.push((ReturnReason::NoEvidence, format!("I{i}")));
                    }
                }
            }
        }
        let got: Vec<(ReturnReason, String)> = report
            .returns
            .iter()
            .flat_map(|r| r.findings.iter().map(|f| (f.reason, f.item.to_string())))
            .collect();
        assert_eq!(got, findings, "n = {n}");
        if let Some(r) = report.returns.first() {
            let none_reported = stated.iter().all(Option::is_none);
            let remedy = if none_reported {
                Remedy::Redo
            } else {
                Remedy::Supplement
            };
            assert_eq!(r.suggested_remedy, remedy, "n = {n}");
        }
    }
}

#[test]
fn a_report_naming_only_other_items_is_redone_with_every_item_missing() {
    let report = run(&hostile::items(300));
    let r = &report.returns[0];
    assert_eq!(r.suggested_remedy, Remedy::Redo);
    assert_eq!(r.findings.len(), 300);
    assert!(r
        .findings
        .iter()
        .all(|f| f.reason == ReturnReason::MissingItem));
    let b = &report.quarterly_bands[0];
    assert!(b.progressing_slowly.is_empty());
    assert_eq!(b.not_reported.len(), 300);
    assert!(b.not_reported.iter().all(|r| r.not_reported));
}

// ---------------------------------------------------------------------------------------
// Holiday names: 70,000 lines naming the days of 2020-2026, each day many times.

#[test]
fn every_named_day_keeps_the_name_of_the_last_line_naming_it() {
    let n = 70_000;
    let cal = build_with(&hostile::named_days(n));
    let first = duban::parse_date("2020-01-01").unwrap();
    for k in [0usize, 1, 100, 2556] {
        // The last line naming day k wins (local notices apply in line order).
        let last = (0..n).rev().find(|i| i % 2557 == k).unwrap();
        let day = cal.day(first + chrono::Days::new(k as u64)).unwrap();
        assert_eq!(day.holiday, Some(&*format!("名{last}")), "day {k}");
        assert_eq!(day.notice, Some("县政办发〔2023〕99号"));
        assert_eq!(day.kind, duban::DayKind::LocalRestDay);
    }
}

#[test]
fn a_statutory_list_naming_a_day_many_times_holds_it_once() {
    let list = vec!["2023-10-01"; 20_000].join(",");
    let text = format!(
        "notice X\nsigned 2023-01-01\nscope national\ncovers 2023 2023 2023\nholiday 国庆节 2023-09-29..2023-10-06 statutory {list},2023-10-03..2023-10-02,2023-10-02\n"
    );
    // The reversed range is an error of its own, reported before anything else.
    assert_eq!(
        Notice::parse(&text).unwrap_err().kind(),
        ErrorKind::InvalidNotice
    );
    let text = text.replace(",2023-10-03..2023-10-02", ",2023-10-02..2023-10-03");
    let n = Notice::parse(&text).unwrap();
    let days: Vec<String> = n.holidays[0]
        .statutory
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(days, ["2023-10-01", "2023-10-02", "2023-10-03"]);
    assert_eq!(n.covers, [2023]);
}

fn build_with(notice: &str) -> Calendar {
    CalendarBuilder::china()
        .notice_text(notice)
        .unwrap()
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------------------
// Scaling: 4x the input costs about 4x, far from the 16x of a quadratic step.

/// This thread's on-CPU time so far (`/proc/thread-self/schedstat`): unlike wall time,
/// it does not grow while other processes hold the cores.
fn on_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The cost of one run of `f`, in on-CPU time (wall time where the kernel does not say):
/// `f` is repeated until the runs add up to at least 200 ms, because the kernel counts
/// on-CPU time in scheduler ticks (4 ms here); the best of three such measurements.
fn best(mut f: impl FnMut()) -> Duration {
    let wall = Instant::now();
    f();
    let once = wall.elapsed().max(Duration::from_micros(1));
    let runs = (Duration::from_millis(200).as_nanos() / once.as_nanos()).clamp(1, 10_000) as u32;
    (0..3)
        .map(|_| {
            let (cpu, wall) = (on_cpu(), Instant::now());
            for _ in 0..runs {
                f();
            }
            let total = match (cpu, on_cpu()) {
                (Some(a), Some(b)) => b.saturating_sub(a),
                _ => wall.elapsed(),
            };
            total / runs
        })
        .min()
        .unwrap_or_default()
}

/// Times `f` at `n` and `4n`; the larger may take at most 10x (16x would be quadratic;
/// the allowance covers a shared, noisy machine and unoptimised test builds).
#[track_caller]
fn assert_linear(shape: &str, n: usize, mut f: impl FnMut(usize)) {
    f(n); // warm up (Calendar::china(), the allocator)
    let small = best(|| f(n));
    let large = best(|| f(4 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    eprintln!(
        "{shape}: {n} in {small:?}, {} in {large:?}: {ratio:.1}x",
        4 * n
    );
    assert!(
        ratio < 10.0 || large < Duration::from_millis(20),
        "{shape}: 4x the input took {ratio:.1}x the time ({small:?} -> {large:?})"
    );
}

fn exclusive() -> Policy {
    let mut b = Policy::ankang_2020();
    b.parameters.monthly_report_bound.value = Bound::Exclusive;
    b
}

#[test]
fn items_per_matter_scale_linearly() {
    let docs: Vec<(usize, String)> = [4_000, 16_000]
        .into_iter()
        .map(|n| (n, hostile::items(n)))
        .collect();
    let doc = |n: usize| &docs.iter().find(|d| d.0 == n).unwrap().1;
    assert_linear("items (check)", 4_000, |n| {
        assert_eq!(run(doc(n)).returns[0].findings.len(), n);
    });
    let caseloads: Vec<(usize, Caseload)> = docs
        .iter()
        .map(|(n, d)| (*n, Caseload::from_json(d).unwrap()))
        .collect();
    assert_linear("items (what_if)", 4_000, |n| {
        let c = &caseloads.iter().find(|c| c.0 == n).unwrap().1;
        let w = what_if(
            c,
            &Policy::ankang_2020(),
            &exclusive(),
            &Calendar::china(),
            as_of(),
        )
        .unwrap();
        assert_eq!(w.matters_compared, 1);
    });
}

#[test]
fn named_days_scale_linearly() {
    let texts: Vec<(usize, String)> = [5_000, 20_000]
        .into_iter()
        .map(|n| (n, hostile::named_days(n)))
        .collect();
    assert_linear("named days", 5_000, |n| {
        let text = &texts.iter().find(|t| t.0 == n).unwrap().1;
        build_with(text);
    });
}

#[test]
fn late_units_scale_linearly_in_what_if() {
    let caseloads: Vec<(usize, Caseload)> = [5_000, 20_000]
        .into_iter()
        .map(|n| (n, Caseload::from_json(hostile::late_units(n)).unwrap()))
        .collect();
    assert_linear("late units (what_if)", 5_000, |n| {
        let c = &caseloads.iter().find(|c| c.0 == n).unwrap().1;
        let w = what_if(
            c,
            &Policy::ankang_2020(),
            &exclusive(),
            &Calendar::china(),
            as_of(),
        )
        .unwrap();
        // Every report is overdue under both readings: due dates differ, units do not.
        assert_eq!(w.differences.len(), n);
        assert!(w.units.is_empty());
    });
}

// ---------------------------------------------------------------------------------------
// The table: one huge cell is cut; the JSON keeps it whole.

#[test]
fn a_huge_cell_is_cut_in_the_table_and_kept_in_the_json() {
    let doc = hostile::wide_cell(1 << 20, 1000);
    let wide = hostile::wide_name(1 << 20);
    let report = run(&doc);
    let table = report.to_table(Language::Chinese);
    assert!(
        table.len() < 2 * doc.len(),
        "table {} bytes for {} bytes of input",
        table.len(),
        doc.len()
    );
    // 31 characters of two columns and the marker: 63 columns, within 64.
    let cut = format!("{}…", "单".repeat(31));
    let row = table.lines().find(|l| l.starts_with("YB-WIDE")).unwrap();
    assert!(row.contains(&cut), "{row}");
    assert!(!row.contains(&"单".repeat(32)));
    // Every line of the table is short: no row is padded to the huge cell.
    assert!(table.lines().all(|l| l.chars().count() < 200));
    // The late-units section names the unit cut the same way.
    assert!(table.lines().any(|l| l.starts_with(&format!("  {cut}: 1"))));

    let mut json = Vec::new();
    report
        .write_json(&mut json, Language::Chinese, Explanations::Omit)
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json["matters"][0]["unit"], wide.as_str());
    assert_eq!(json["late_units"][0]["unit"], wide.as_str());
}

#[test]
fn ordinary_cells_are_never_cut() {
    let doc = std::fs::read_to_string("examples/data/caseload.json").unwrap();
    let c = Caseload::from_json(&doc).unwrap();
    let report = check(
        &c,
        &Policy::ankang_2020(),
        &Calendar::china(),
        c.as_of().unwrap(),
    )
    .unwrap();
    for language in [Language::Chinese, Language::English] {
        let table = report.to_table(language);
        assert!(!table.contains('…'), "{table}");
    }
    // 64 columns exactly (32 two-column characters) still fit; 65 do not.
    let doc = hostile::wide_cell(32 * 3, 0);
    assert!(!run(&doc).to_table(Language::English).contains('…'));
    let doc = hostile::wide_cell(33 * 3, 0);
    assert!(run(&doc).to_table(Language::English).contains('…'));
}

// ---------------------------------------------------------------------------------------
// Limits.

/// A `LimitExceeded` error naming the limit: by its field in English, in words in
/// Chinese (which has no English word in it).
#[track_caller]
fn limit_error(err: duban::Error, field: &str) {
    assert_eq!(err.kind(), ErrorKind::LimitExceeded, "{err:?}");
    assert!(err
        .message(Language::English)
        .contains(&format!("`{field}`")));
    let zh = err.message(Language::Chinese);
    let words = match field {
        "caseload_bytes" => "事项清单大小上限",
        "matters" => "事项数上限",
        "notice_bytes" => "节假日通知大小上限",
        "policy_bytes" => "政策文件大小上限",
        _ => unreachable!("{field}"),
    };
    assert!(zh.contains(words), "{zh}");
    assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
}

#[test]
fn each_limit_is_enforced_and_named() {
    let doc = hostile::late_units(3);
    let mut limits = Limits::default();

    limits.caseload_bytes = doc.len() as u64;
    assert_eq!(
        Caseload::from_json_with_limits(&doc, &limits)
            .unwrap()
            .len(),
        3
    );
    limits.caseload_bytes -= 1;
    limit_error(
        Caseload::from_json_with_limits(&doc, &limits).unwrap_err(),
        "caseload_bytes",
    );

    let mut limits = Limits::default();
    limits.matters = 3;
    assert_eq!(
        Caseload::from_json_with_limits(&doc, &limits)
            .unwrap()
            .len(),
        3
    );
    limits.matters = 2;
    limit_error(
        Caseload::from_json_with_limits(&doc, &limits).unwrap_err(),
        "matters",
    );

    // A matter over the limit is an error of its own; the others are read.
    let mut limits = Limits::default();
    let big = hostile::wide_cell(3000, 2);
    limits.matter_bytes = 1000;
    let c = Caseload::from_json_with_limits(&big, &limits).unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c.errors().len(), 1);
    let e = &c.errors()[0];
    assert_eq!(
        (e.code, e.index, e.matter.as_deref()),
        ("too_large", Some(0), Some("YB-WIDE"))
    );
    assert!(e.message_en.contains("`matter_bytes`"));
    assert!(
        e.message_zh.contains("单个事项大小上限 1000 字节"),
        "{}",
        e.message_zh
    );

    let notice = hostile::named_days(10);
    let mut limits = Limits::default();
    limits.notice_bytes = notice.len();
    assert!(Notice::parse_with_limits(&notice, &limits).is_ok());
    limits.notice_bytes -= 1;
    limit_error(
        Notice::parse_with_limits(&notice, &limits).unwrap_err(),
        "notice_bytes",
    );
    limit_error(
        CalendarBuilder::china()
            .limits(limits)
            .notice_text(&notice)
            .unwrap_err(),
        "notice_bytes",
    );

    let policy = Policy::ankang_2020().to_json();
    let mut limits = Limits::default();
    limits.policy_bytes = policy.len();
    assert!(Policy::from_json_with_limits(&policy, &limits).is_ok());
    limits.policy_bytes -= 1;
    limit_error(
        Policy::from_json_with_limits(&policy, &limits).unwrap_err(),
        "policy_bytes",
    );
}

#[test]
fn the_default_limits_take_every_hostile_shape_of_the_benchmark() {
    let limits = Limits::default();
    assert!(limits.caseload_bytes >= 16 << 30);
    assert!(limits.matters >= 10_000_000);
    assert!(hostile::items(160_000).len() < limits.matter_bytes);
    assert!(hostile::named_days(200_000).len() < limits.notice_bytes);
}

#[test]
fn a_calendar_holds_at_most_65535_notices() {
    // The national notices compiled in (26: 2004-2026), and local ones up to 65,535 in all.
    let national = duban::Calendar::china().notices().len();
    assert_eq!(national, 26);
    let notices: Vec<Notice> = (0..65_535 - national + 1)
        .map(|i| {
            Notice::parse(&format!("notice 县-{i}\nsigned 2023-01-01\nscope local\n")).unwrap()
        })
        .collect();
    let mut builder = CalendarBuilder::china();
    for n in notices.iter().take(65_535 - national).cloned() {
        builder = builder.notice(n);
    }
    assert!(builder.clone().build().is_ok());
    let err = builder
        .notice(notices[65_535 - national].clone())
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LimitExceeded);
    assert!(err.message(Language::English).contains("65536"));
}
