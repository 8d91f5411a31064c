//! Issue 13: each hostile shape grown by 4x steps costs 4x, not 16x.
//!
//! Run with `cargo bench --bench hostile`. The inputs are generated in memory by
//! `examples/support/hostile.rs` (the generator behind
//! `cargo run --release --example gen_hostile`):
//!
//! - `items/N`: parse and check one quarterly ledger of `N` items whose report names `N`
//!   other items (every item matched against the report twice: bands and returns);
//! - `items_what_if/N`: the same through [`duban::what_if`] (two checks and a comparison);
//! - `named_days/N`: parse a local notice naming `N` days and build the calendar with it;
//! - `late_units/N`: [`duban::what_if`] over `N` overdue monthly reports in `N` units;
//! - `wide_cell/N`: [`CheckReport::to_table`] of 1,000 ordinary matters beside one whose
//!   unit name is `N` bytes.
//!
//! Before the criterion groups, a table goes to stderr: for each shape and size, the best
//! of five timed runs, and its ratio to the size before (4x the input; 4.0 is linear,
//! 16.0 quadratic); for `wide_cell`, the table's size against the input's.

#[path = "../examples/support/hostile.rs"]
mod hostile;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use duban::{
    check, what_if, Bound, Calendar, CalendarBuilder, Caseload, CheckReport, Language, Policy,
};

/// Four sizes, each 4x the one before.
const ITEMS: [usize; 4] = [2_500, 10_000, 40_000, 160_000];
const NAMED_DAYS: [usize; 4] = [3_125, 12_500, 50_000, 200_000];
const LATE_UNITS: [usize; 4] = [3_125, 12_500, 50_000, 200_000];
const CELL_BYTES: [usize; 4] = [1 << 16, 1 << 18, 1 << 20, 1 << 22];

fn as_of() -> chrono::NaiveDate {
    duban::parse_date(hostile::AS_OF).unwrap()
}

/// The second policy of every what-if here: 前 exclusive for monthly reports.
fn exclusive() -> Policy {
    let mut b = Policy::ankang_2020();
    b.parameters.monthly_report_bound.value = Bound::Exclusive;
    b
}

fn check_items(json: &str) -> CheckReport {
    let c = Caseload::from_json(json).unwrap();
    check(&c, &Policy::ankang_2020(), &Calendar::china(), as_of()).unwrap()
}

fn what_if_of(c: &Caseload) -> usize {
    let w = what_if(
        c,
        &Policy::ankang_2020(),
        &exclusive(),
        &Calendar::china(),
        as_of(),
    )
    .unwrap();
    w.differences.len() + w.units.len()
}

fn build_with(notice: &str) -> Calendar {
    CalendarBuilder::china()
        .notice_text(notice)
        .unwrap()
        .build()
        .unwrap()
}

/// This thread's on-CPU time so far (`/proc/thread-self/schedstat`): unlike wall time,
/// it does not grow while other processes hold the cores.
fn on_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The cost of one run of `f`, in on-CPU time (wall time where the kernel does not say):
/// `f` is repeated until the runs add up to at least 500 ms, because the kernel counts
/// on-CPU time in scheduler ticks (4 ms here); the best of five such measurements.
fn best<T>(mut f: impl FnMut() -> T) -> Duration {
    let wall = Instant::now();
    black_box(f());
    let once = wall.elapsed().max(Duration::from_micros(1));
    let runs = (Duration::from_millis(500).as_nanos() / once.as_nanos()).clamp(1, 10_000) as u32;
    (0..5)
        .map(|_| {
            let (cpu, wall) = (on_cpu(), Instant::now());
            for _ in 0..runs {
                black_box(f());
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

fn scaling_table() {
    eprintln!("\nhostile shapes, on-CPU time per run (best of 5, each over >= 500 ms of runs); each size 4x the one before (4.0 = linear, 16.0 = quadratic)");
    eprintln!(
        "{:<14} {:>10} {:>12} {:>7}",
        "shape", "size", "time", "ratio"
    );
    let row = |shape: &str, sizes: &[usize], time: &mut dyn FnMut(usize) -> Duration| {
        let mut before: Option<Duration> = None;
        for &n in sizes {
            let t = time(n);
            let ratio = before.map_or(String::from("-"), |b| {
                format!("{:.1}", t.as_secs_f64() / b.as_secs_f64())
            });
            eprintln!(
                "{shape:<14} {n:>10} {:>9.2} ms {ratio:>7}",
                t.as_secs_f64() * 1e3
            );
            before = Some(t);
        }
    };
    row("items", &ITEMS, &mut |n| {
        let json = hostile::items(n);
        best(|| check_items(&json))
    });
    row("items_what_if", &ITEMS, &mut |n| {
        let c = Caseload::from_json(hostile::items(n)).unwrap();
        best(|| what_if_of(&c))
    });
    row("named_days", &NAMED_DAYS, &mut |n| {
        let text = hostile::named_days(n);
        best(|| build_with(&text))
    });
    row("late_units", &LATE_UNITS, &mut |n| {
        let c = Caseload::from_json(hostile::late_units(n)).unwrap();
        best(|| what_if_of(&c))
    });
    row("wide_cell", &CELL_BYTES, &mut |n| {
        let json = hostile::wide_cell(n, 1000);
        let report = check_items(&json);
        best(|| report.to_table(Language::Chinese))
    });
    for n in CELL_BYTES {
        let json = hostile::wide_cell(n, 1000);
        let table = check_items(&json).to_table(Language::Chinese);
        eprintln!(
            "wide_cell {n:>8} bytes: input {} bytes, table {} bytes ({:.2}x)",
            json.len(),
            table.len(),
            table.len() as f64 / json.len() as f64
        );
    }
    eprintln!();
}

fn main() {
    scaling_table();
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));

    let mut g = c.benchmark_group("items");
    for n in ITEMS {
        let json = hostile::items(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &json, |b, json| {
            b.iter(|| check_items(json))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("items_what_if");
    for n in ITEMS {
        let caseload = Caseload::from_json(hostile::items(n)).unwrap();
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &caseload, |b, c| {
            b.iter(|| what_if_of(c))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("named_days");
    for n in NAMED_DAYS {
        let text = hostile::named_days(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| build_with(text))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("late_units");
    for n in LATE_UNITS {
        let caseload = Caseload::from_json(hostile::late_units(n)).unwrap();
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &caseload, |b, c| {
            b.iter(|| what_if_of(c))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("wide_cell");
    for n in CELL_BYTES {
        let report = check_items(&hostile::wide_cell(n, 1000));
        g.throughput(Throughput::Bytes(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &report, |b, r| {
            b.iter(|| r.to_table(Language::Chinese))
        });
    }
    g.finish();

    c.final_summary();
}
