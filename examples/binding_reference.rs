//! The Rust side of the bindings' benchmarks (`bindings/python/bench.py`): the same work,
//! on the same inputs, timed in Rust, so a binding's figures sit beside the library's in
//! one run.
//!
//! ```text
//! cargo run --release --example binding_reference -- PAIRS DATES CASELOAD
//! ```
//!
//! - `PAIRS`: a file of `ORDINAL N` lines (proleptic Gregorian ordinals, as Python's
//!   `date.toordinal()`): `add_workdays(date, n)` per call, over all pairs, repeated;
//! - `DATES`: a file of ordinals, one a line: the D1 deadline (meeting follow-up, executive
//!   meeting) of each, as one batch;
//! - `CASELOAD`: a `duban-caseload/1` file: parse + check + `write_json` (Chinese, no
//!   explanations), as `duban.check_json(..., explain=False)` does.
//!
//! Prints one JSON object of figures (nanoseconds); each is the best of several runs, in
//! CPU time of the thread (as the Python side measures with `time.thread_time`).

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use duban::{Calendar, Caseload, Explanations, Language, MeetingKind, Obligation, Policy};

/// This thread's CPU time (`/proc/thread-self/schedstat`), if the kernel gives it: on a
/// shared machine the CPU time of single-threaded work varies far less than the wall time.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The best of `runs` runs of `f`, in CPU time (wall time where there is none).
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let (cpu, wall) = (cpu_time(), Instant::now());
            black_box(f());
            match (cpu, cpu_time()) {
                (Some(a), Some(b)) => b.saturating_sub(a),
                _ => wall.elapsed(),
            }
        })
        .min()
        .unwrap_or_default()
}

fn date(ordinal: i32) -> Result<NaiveDate, String> {
    NaiveDate::from_num_days_from_ce_opt(ordinal).ok_or_else(|| format!("bad ordinal {ordinal}"))
}

fn run(args: &[String]) -> Result<String, String> {
    let [pairs, dates, caseload] = args else {
        return Err("usage: binding_reference PAIRS DATES CASELOAD".into());
    };
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let mut list = Vec::new();
    for line in read(pairs)?.lines() {
        let mut it = line.split_whitespace();
        let (Some(o), Some(n)) = (it.next(), it.next()) else {
            continue;
        };
        let o: i32 = o.parse().map_err(|e| format!("{o}: {e}"))?;
        let n: i32 = n.parse().map_err(|e| format!("{n}: {e}"))?;
        list.push((date(o)?, n));
    }
    let meetings = read(dates)?
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.trim()
                .parse::<i32>()
                .map_err(|e| format!("{l}: {e}"))
                .and_then(date)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let json = std::fs::read(caseload).map_err(|e| format!("{caseload}: {e}"))?;

    let cal = Calendar::china();
    let policy = Policy::ankang_2020();

    // add_workdays, per call.
    let reps = 2000;
    let t = best(5, || {
        for _ in 0..reps {
            for &(d, n) in &list {
                let _ = black_box(cal.add_workdays(black_box(d), black_box(n)));
            }
        }
    });
    let per_call = t.as_nanos() as f64 / (reps * list.len()) as f64;

    // One D1 deadline per meeting date, into a Vec of due dates.
    let batch = best(5, || {
        meetings
            .iter()
            .map(|&m| {
                Obligation::MeetingFollowUp {
                    meeting: m,
                    kind: MeetingKind::Executive,
                }
                .deadline(&policy, &cal)
                .map(|d| d.due())
            })
            .collect::<Result<Vec<_>, _>>()
    });

    // The caseload: parse, check, write the report (no explanations).
    let mut report_bytes = 0;
    let check = best(3, || -> Result<(), String> {
        let c = Caseload::from_json(&json).map_err(|e| e.to_string())?;
        let as_of = c.as_of().ok_or("the caseload has no as_of")?;
        let r = duban::check(&c, &policy, &cal, as_of).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        r.write_json(&mut out, Language::Chinese, Explanations::Omit)
            .map_err(|e| e.to_string())?;
        report_bytes = out.len();
        Ok(())
    });
    Ok(format!(
        "{{\"add_workdays_ns\": {per_call:.3}, \"pairs\": {}, \"due_batch_ns\": {}, \"due_batch_n\": {}, \
         \"check_ns\": {}, \"check_matters_bytes\": {}, \"report_bytes\": {report_bytes}}}",
        list.len(),
        batch.as_nanos(),
        meetings.len(),
        check.as_nanos(),
        json.len()
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("binding_reference: {e}");
            ExitCode::FAILURE
        }
    }
}
