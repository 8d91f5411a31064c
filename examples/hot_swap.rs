//! A long-running service that takes next year's notice without a rebuild, a restart, or a
//! pause of its readers.
//!
//! ```text
//! cargo run --example hot_swap
//! ```
//!
//! The service keeps its calendar in a [`LiveCalendar`]: readers take a clone (one
//! reference-count increment under a read lock held for nanoseconds) and compute with it
//! lock-free; a watcher thread polls a notice directory and, when a file appears or
//! changes, builds a new calendar *outside* the lock and swaps it in under a write lock held
//! only for the pointer swap. A reader that took the old calendar finishes its query with
//! it; the next query sees the new one. A directory with a bad file is reported and the
//! old calendar stays in service (so a half-written file does no harm; writing it under
//! another name and renaming it into place avoids even the warning).
//!
//! The demo starts with the compiled-in notices (to 2026-12-31), runs four reader threads
//! asking for the 3rd working day after 2026-12-30 (outside coverage until a 2027 notice is
//! loaded), drops a hypothetical 2027 notice into the directory, and shows the readers
//! switching to answers without stopping.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use duban::{parse_date, Calendar, CalendarBuilder, Language};

/// The calendar a service answers with, replaceable while readers run.
struct LiveCalendar {
    current: RwLock<Calendar>,
}

impl LiveCalendar {
    fn new(cal: Calendar) -> LiveCalendar {
        LiveCalendar {
            current: RwLock::new(cal),
        }
    }

    /// The calendar in service now. Cheap: a `Calendar` clone shares its tables.
    fn get(&self) -> Calendar {
        // A writer cannot panic while holding the lock (it only assigns), but a poisoned
        // lock still holds a valid calendar: use it rather than fail.
        match self.current.read() {
            Ok(cal) => cal.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Builds the calendar of `dir` (the compiled-in notices plus the directory's files) and
    /// puts it in service. On error the old calendar stays.
    fn reload(&self, dir: &Path) -> Result<(), duban::Error> {
        let fresh = CalendarBuilder::china().notices_dir(dir)?.build()?;
        match self.current.write() {
            Ok(mut cal) => *cal = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }
}

/// What the watcher compares between polls: each `*.txt` file's name, length and time.
fn fingerprint(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            let path = e.path();
            let txt = path.extension().is_some_and(|x| x == "txt");
            (txt && meta.is_file()).then(|| (path, meta.len(), meta.modified().ok()))
        })
        .collect();
    files.sort();
    files
}

/// A hypothetical notice for 2027 (not a real one): New Year break Fri 01-01..Sun 01-03.
const NOTICE_2027: &str = "\
# A made-up notice for the demo, not the State Council's.
notice     示例〔2026〕1号
title      国务院办公厅关于2027年部分节假日安排的通知（示例）
signed     2026-11-20
scope      national
covers     2027
holiday    元旦  2027-01-01..2027-01-03  statutory 2027-01-01
";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("duban-hot-swap-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;

    let live = Arc::new(LiveCalendar::new(
        CalendarBuilder::china().notices_dir(&dir)?.build()?,
    ));
    let today = duban::today_in_china();
    let seen = live.get().outlook(today);
    println!(
        "start: covered {:?}, seen from {today}: {} day(s) left{}",
        live.get().coverage(),
        seen.days_left.map_or("no".to_owned(), |n| n.to_string()),
        if seen.ends_within(45) {
            " -- warning: load next year's notice"
        } else {
            ""
        }
    );

    let stop = Arc::new(AtomicBool::new(false));
    // Reloads that succeeded and that failed, counted by the watcher.
    let (swaps, failures) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));

    // The watcher: polls the directory every 10 ms and reloads on a change.
    let watcher = {
        let (live, stop, dir) = (live.clone(), stop.clone(), dir.clone());
        let (swaps, failures) = (swaps.clone(), failures.clone());
        thread::spawn(move || {
            let mut last = fingerprint(&dir);
            while !stop.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_millis(10));
                let now = fingerprint(&dir);
                if now == last {
                    continue;
                }
                last = now;
                match live.reload(&dir) {
                    Ok(()) => {
                        println!("watcher: reloaded, covered {:?}", live.get().coverage());
                        swaps.fetch_add(1, Ordering::SeqCst);
                    }
                    Err(e) => {
                        println!(
                            "watcher: kept the old calendar: {}",
                            e.message(Language::English)
                        );
                        failures.fetch_add(1, Ordering::SeqCst);
                    }
                }
            }
        })
    };

    // Four readers: the 3rd working day after 2026-12-30, as fast as they can.
    let start = parse_date("2026-12-30")?;
    let (answered, refused) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (live, stop) = (live.clone(), stop.clone());
            let (answered, refused) = (answered.clone(), refused.clone());
            thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match live.get().add_workdays(start, 3) {
                        Ok(_) => answered.fetch_add(1, Ordering::Relaxed),
                        Err(_) => refused.fetch_add(1, Ordering::Relaxed),
                    };
                    // A service's pace, not a busy loop.
                    thread::sleep(Duration::from_micros(500));
                }
            })
        })
        .collect();

    thread::sleep(Duration::from_millis(100));
    let refused_before = refused.load(Ordering::Relaxed);
    println!(
        "before the notice: {refused_before} queries refused (outside coverage), {} answered",
        answered.load(Ordering::Relaxed)
    );

    // A bad file first: the watcher reports it and the service keeps answering as before.
    std::fs::write(dir.join("broken.txt"), "notice X\nsigned 2026-02-30\n")?;
    wait_for(&failures, 1)?;
    std::fs::remove_file(dir.join("broken.txt"))?;
    // Removing it is a change too: the watcher reloads the same, good calendar.
    wait_for(&swaps, 1)?;

    // The notice is published: drop the file in place. Nothing is restarted.
    std::fs::write(dir.join("2027.txt"), NOTICE_2027)?;
    wait_for(&swaps, 2)?;
    let refused_at_swap = refused.load(Ordering::Relaxed);
    thread::sleep(Duration::from_millis(100));
    stop.store(true, Ordering::Relaxed);
    for r in readers {
        r.join().map_err(|_| "a reader thread panicked")?;
    }
    watcher.join().map_err(|_| "the watcher thread panicked")?;

    let cal = live.get();
    let refused_after = refused.load(Ordering::Relaxed) - refused_at_swap;
    println!(
        "after the notice: {} queries answered; {refused_after} refused after the swap \
         (at most one per reader: a query that took the old calendar just before it)",
        answered.load(Ordering::Relaxed),
    );
    if refused_after > 4 {
        return Err("readers kept the old calendar after the swap".into());
    }
    println!(
        "3rd working day after {start}: {} (2026-12-31, then 2027-01-04 and 01-05)",
        cal.add_workdays(start, 3)?
    );
    let seen = cal.outlook(today);
    println!(
        "now covered {:?}, seen from {today}: {} day(s) left",
        cal.coverage(),
        seen.days_left.map_or("no".to_owned(), |n| n.to_string())
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// Waits (up to 10 s) until the watcher has counted `n` events.
fn wait_for(counter: &AtomicU64, n: u64) -> Result<(), Box<dyn std::error::Error>> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while counter.load(Ordering::SeqCst) < n {
        if Instant::now() > deadline {
            return Err("the watcher did not react within 10 s".into());
        }
        thread::sleep(Duration::from_millis(5));
    }
    Ok(())
}
