//! The Rust side of the binding benchmarks, beside which the C and Java figures are read
//! (`bindings/java/bench.sh` runs all three in one go):
//!
//! ```text
//! cargo run --release -p duban-ffi --example bench -- [CASELOAD.json]
//! ```
//!
//! Prints, in nanoseconds per call: `add_workdays` through the Rust API and through the C ABI
//! (called from Rust: the boundary's own cost); one million D1 deadlines through the Rust API
//! in a loop and through `duban_due_batch`; and, given a caseload, the check
//! (`--no-explain` report) through `duban_ffi::check_json`. Timed with `Instant`, best of 5.

use std::hint::black_box;
use std::ptr::{null, null_mut};
use std::time::Instant;

use duban::{Calendar, MeetingKind, Obligation, Policy};
use duban_ffi::*;

/// Best of five runs of `f`, in seconds.
fn best(mut f: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let cal = Calendar::china();
    let first = days_of(duban::parse_date("2020-01-06").unwrap());
    let last = days_of(duban::parse_date("2026-10-01").unwrap());
    let span = (last - first) as usize;
    let days: Vec<i32> = (0..1_000_000).map(|i| first + (i % span) as i32).collect();
    let dates: Vec<chrono::NaiveDate> = days.iter().map(|&d| date_of(d).unwrap()).collect();

    let n = dates.len() as f64;
    let t = best(|| {
        for &d in &dates {
            black_box(cal.add_workdays(black_box(d), 10).ok());
        }
    });
    println!(
        "rust  add_workdays per call (Rust API)        {:8.1} ns",
        t / n * 1e9
    );

    let mut handle = null_mut();
    unsafe { duban_calendar_china(&mut handle) };
    let t = best(|| {
        for &d in &days {
            let mut out = 0;
            unsafe {
                duban_calendar_add_workdays(
                    handle,
                    black_box(d),
                    10,
                    &mut out,
                    null_mut(),
                    null_mut(),
                )
            };
            black_box(out);
        }
    });
    println!(
        "rust  add_workdays per call (C ABI)           {:8.1} ns",
        t / n * 1e9
    );

    let policy = Policy::ankang_2020();
    let t = best(|| {
        for &d in &dates {
            let o = Obligation::MeetingFollowUp {
                meeting: d,
                kind: MeetingKind::Executive,
            };
            black_box(o.deadline(&policy, &cal).ok());
        }
    });
    println!(
        "rust  1M D1 deadlines (Rust API loop)         {:8.1} ms",
        t * 1e3
    );

    let kind = std::ffi::CString::new("meeting-follow-up").unwrap();
    let mut due = vec![0i32; days.len()];
    let t = best(|| unsafe {
        duban_due_batch(
            null(),
            handle,
            kind.as_ptr(),
            null(),
            days.as_ptr(),
            days.len(),
            due.as_mut_ptr(),
            null_mut(),
            null_mut(),
            null_mut(),
        );
    });
    println!(
        "rust  1M D1 deadlines (duban_due_batch)       {:8.1} ms",
        t * 1e3
    );
    unsafe { duban_calendar_free(handle) };

    if let Some(path) = std::env::args().nth(1) {
        let doc = std::fs::read(&path).unwrap();
        let t = best(|| {
            black_box(
                check_json(&doc, &policy, &cal, None, duban::Language::Chinese, false).unwrap(),
            );
        });
        println!(
            "rust  caseload check {path} (no explanations) {:8.1} ms",
            t * 1e3
        );
    }
}
