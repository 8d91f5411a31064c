//! Working-day arithmetic, side by side with the same inputs:
//!
//! - `add_workdays`: duban's O(1) `Calendar::add_workdays`, bdays' `HolidayCalendarCache`
//!   (`advance_bdays`, which walks day by day), and a baseline of two bare table look-ups;
//! - `workdays_between`: duban's `workdays_between` against the bdays cache's `bdays`;
//! - `china_build`: building the national calendar (2004-2026, 26 notices), and parsing the
//!   embedded notices; the same for the 8 notices of 2020-2026 alone, the calendar before
//!   the history was added, for comparison.
//!
//! Run with `cargo bench --bench calendar -- --warm-up-time 1 --measurement-time 3`.
//! Each iteration walks the whole input list; the `Elements` throughput turns criterion's
//! per-iteration time into a per-call one (time / 1024).

use std::hint::black_box;

use bdays::{HolidayCalendar, HolidayCalendarCache};
use chrono::{Datelike, Days, NaiveDate};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use duban::{Calendar, CalendarBuilder, Notice};

/// How many (date, n) pairs each iteration walks.
const PAIRS: usize = 1024;

/// The 8 notices of 2020-2026: the compiled-in calendar before the 2004-2019 history.
const NOTICES_2020_2026: [&str; 8] = [
    include_str!("../data/notices/guobanfamingdian-2019-16.txt"),
    include_str!("../data/notices/guobanfamingdian-2020-1.txt"),
    include_str!("../data/notices/guobanfamingdian-2020-27.txt"),
    include_str!("../data/notices/guobanfamingdian-2021-11.txt"),
    include_str!("../data/notices/guobanfamingdian-2022-16.txt"),
    include_str!("../data/notices/guobanfamingdian-2023-7.txt"),
    include_str!("../data/notices/guobanfamingdian-2024-12.txt"),
    include_str!("../data/notices/guobanfamingdian-2025-7.txt"),
];

/// Every embedded notice text (data/notices/*.txt), in the order `Calendar::china` compiles
/// them in (the order they became known).
fn all_notice_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/notices");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("data/notices")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("notice text"))
        .collect();
    let china = Calendar::china();
    let rank = |text: &String| {
        let id = Notice::parse(text).expect("parses").id;
        china.notices().iter().position(|n| n.id == id)
    };
    texts.sort_by_key(rank);
    assert_eq!(texts.len(), china.notices().len());
    texts
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A 64-bit LCG (Knuth's MMIX constants), seeded: the same inputs on every run, no `rand`.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }
}

/// `PAIRS` (date, n) pairs: dates uniform in 2020-01-01..=2025-12-31 (any kind of day,
/// working or not), n uniform in 1..=60.
fn inputs() -> Vec<(NaiveDate, i32)> {
    let first = ymd(2020, 1, 1);
    let span = (ymd(2025, 12, 31) - first).num_days() as u32 + 1;
    let mut rng = Lcg(0x5EED_D0BA_2020_0101);
    (0..PAIRS)
        .map(|_| {
            let date = first + Days::new(u64::from(rng.next() % span));
            let n = 1 + (rng.next() % 60) as i32;
            (date, n)
        })
        .collect()
}

/// The baseline: two bare table look-ups, with nothing but Rust's own bounds checks.
/// Tables built from duban's public API.
struct Bare {
    /// `num_days_from_ce` of table day 0.
    base: i32,
    /// `prefix[i]`: working days among table days `0..i`.
    prefix: Vec<u32>,
    /// The working days, in order.
    wd: Vec<NaiveDate>,
}

impl Bare {
    fn new(cal: &Calendar) -> Bare {
        let (first, last) = cal.coverage()[0];
        let mut prefix = vec![0u32];
        let mut wd = Vec::new();
        for d in first.iter_days().take_while(|d| *d <= last) {
            if cal.is_workday(d).expect("covered") {
                wd.push(d);
            }
            prefix.push(wd.len() as u32);
        }
        Bare {
            base: first.num_days_from_ce(),
            prefix,
            wd,
        }
    }

    /// The n-th (n >= 1) working day strictly after `date`.
    #[inline]
    fn add(&self, date: NaiveDate, n: i32) -> NaiveDate {
        let index = (date.num_days_from_ce() - self.base) as usize;
        self.wd[(self.prefix[index + 1] + n as u32 - 1) as usize]
    }

    /// Working days in `(a, b]`.
    #[inline]
    fn between(&self, a: NaiveDate, b: NaiveDate) -> i32 {
        let i = (a.num_days_from_ce() - self.base) as usize;
        let j = (b.num_days_from_ce() - self.base) as usize;
        self.prefix[j + 1] as i32 - self.prefix[i + 1] as i32
    }
}

fn bdays_cache() -> HolidayCalendarCache<NaiveDate> {
    HolidayCalendarCache::new(Calendar::china(), ymd(2020, 1, 1), ymd(2026, 12, 31))
}

fn add_workdays(c: &mut Criterion) {
    let cal = Calendar::china();
    let cache = bdays_cache();
    let bare = Bare::new(&cal);
    let pairs = inputs();

    // Same answers from duban and the baseline on every input; bdays too whenever the
    // start is a working day (see below for when it is not).
    for &(d, n) in &pairs {
        let expected = cal.add_workdays(d, n).expect("covered");
        assert_eq!(bare.add(d, n), expected, "baseline, {d} + {n}");
        if cal.is_workday(d).expect("covered") {
            assert_eq!(cache.advance_bdays(d, n), expected, "bdays, {d} + {n}");
        }
    }

    let mut g = c.benchmark_group("add_workdays");
    g.throughput(Throughput::Elements(pairs.len() as u64));
    g.bench_function("duban", |b| {
        b.iter(|| {
            for &(d, n) in &pairs {
                let _ = black_box(cal.add_workdays(black_box(d), black_box(n)));
            }
        })
    });
    // bdays' `advance_bdays` first rolls a non-business start forward to the next business
    // day and counts from there, so for such a start it can answer one working day later
    // than duban (which counts strictly after `date`, whatever `date` is). That does not
    // matter for timing: the work is the same day-by-day walk over the cached flags.
    g.bench_function("bdays_cache", |b| {
        b.iter(|| {
            for &(d, n) in &pairs {
                black_box(cache.advance_bdays(black_box(d), black_box(n)));
            }
        })
    });
    g.bench_function("bare_two_lookups", |b| {
        b.iter(|| {
            for &(d, n) in &pairs {
                black_box(bare.add(black_box(d), black_box(n)));
            }
        })
    });
    g.finish();
}

fn workdays_between(c: &mut Criterion) {
    let cal = Calendar::china();
    let cache = bdays_cache();
    let bare = Bare::new(&cal);
    // (d0, d1) with d1 the n-th working day after d0: up to 60 working days apart.
    let pairs: Vec<(NaiveDate, NaiveDate)> = inputs()
        .into_iter()
        .map(|(d, n)| (d, cal.add_workdays(d, n).expect("covered")))
        .collect();

    // bdays rolls both ends forward to a business day, duban counts (d0, d1]: the same
    // count when d0 is a working day (d1 always is one here).
    for &(d0, d1) in &pairs {
        let expected = cal.workdays_between(d0, d1).expect("covered");
        assert_eq!(bare.between(d0, d1), expected, "baseline, {d0}..{d1}");
        if cal.is_workday(d0).expect("covered") {
            assert_eq!(cache.bdays(d0, d1), expected, "{d0}..{d1}");
        }
    }

    let mut g = c.benchmark_group("workdays_between");
    g.throughput(Throughput::Elements(pairs.len() as u64));
    g.bench_function("duban", |b| {
        b.iter(|| {
            for &(d0, d1) in &pairs {
                let _ = black_box(cal.workdays_between(black_box(d0), black_box(d1)));
            }
        })
    });
    g.bench_function("bdays_cache", |b| {
        b.iter(|| {
            for &(d0, d1) in &pairs {
                black_box(cache.bdays(black_box(d0), black_box(d1)));
            }
        })
    });
    // Not a target, a reference: the two prefix look-ups alone.
    g.bench_function("bare_two_lookups", |b| {
        b.iter(|| {
            for &(d0, d1) in &pairs {
                black_box(bare.between(black_box(d0), black_box(d1)));
            }
        })
    });
    g.finish();
}

fn china_build(c: &mut Criterion) {
    let all = all_notice_texts();
    let mut g = c.benchmark_group("china_build");
    // `CalendarBuilder::china()` clones the already-parsed embedded notices, then builds
    // the tables (day records, prefix counts, working-day list, coverage).
    g.bench_function("builder_china_build", |b| {
        b.iter(|| black_box(CalendarBuilder::china().build().expect("builds")))
    });
    // Parsing the 26 embedded notice files.
    g.bench_function("parse_26_notices", |b| {
        b.iter(|| {
            for text in &all {
                black_box(Notice::parse(black_box(text)).expect("parses"));
            }
        })
    });
    // From scratch: parse the 26 texts, then build (what the first `Calendar::china()`
    // of a process does, give or take the `OnceLock`s).
    g.bench_function("parse_and_build", |b| {
        b.iter_batched(
            CalendarBuilder::new,
            |mut builder| {
                for text in &all {
                    builder = builder.notice_text(black_box(text)).expect("parses");
                }
                black_box(builder.build().expect("builds"))
            },
            BatchSize::SmallInput,
        )
    });
    // The same for 2020-2026 alone (8 notices): the calendar before the history.
    g.bench_function("parse_and_build_2020_2026", |b| {
        b.iter_batched(
            CalendarBuilder::new,
            |mut builder| {
                for text in NOTICES_2020_2026 {
                    builder = builder.notice_text(black_box(text)).expect("parses");
                }
                black_box(builder.build().expect("builds"))
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(benches, add_workdays, workdays_between, china_build);
criterion_main!(benches);
