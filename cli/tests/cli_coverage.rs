//! `duban coverage` (with and without `--warn-within`), and notice directories loaded at
//! start (`--notices-dir`, `DUBAN_NOTICES_DIR`). Day counts are worked out by hand in the
//! comments: the compiled-in notices end on 2026-12-31.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

#[path = "util/cli.rs"]
mod cli;
use cli::*;

/// Runs `duban` with `DUBAN_NOTICES_DIR` set to `dir` (or removed).
fn run_env(dir: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(bin());
    cmd.args(args).stdin(Stdio::null());
    match dir {
        Some(d) => cmd.env("DUBAN_NOTICES_DIR", d),
        None => cmd.env_remove("DUBAN_NOTICES_DIR"),
    };
    cmd.output().expect("run the duban binary")
}

/// A fresh directory under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("duban-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A hypothetical 2027 notice (New Year break Fri 01-01..Sun 01-03; Sat 01-09 worked).
const NOTICE_2027: &str = "\
notice     国办发明电〔2026〕99号    # hypothetical
signed     2026-11-20
scope      national
covers     2027
holiday    元旦  2027-01-01..2027-01-03  statutory 2027-01-01
workday    2027-01-09  元旦
";

/// The alarm: status 3, the answer on stdout, one warning line on stderr.
#[track_caller]
fn alarm(out: Output) -> (String, String) {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(3), "{stdout}{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(!stderr.contains("panicked"));
    (stdout, stderr)
}

#[test]
fn coverage_prints_the_range_and_the_days_left() {
    // 2026-11-29 to 2026-12-31: 1 day left in November, 31 in December.
    let out = ok(&["coverage", "--as-of", "2026-11-29"]);
    assert_eq!(
        out,
        "covered\t2004-01-01..=2026-12-31\ntoday\t2026-11-29\nends\t2026-12-31\ndays_left\t32\n"
    );
    // The last day that answers: 0 left.
    let out = ok(&["coverage", "--as-of", "2026-12-31"]);
    assert!(out.ends_with("ends\t2026-12-31\ndays_left\t0\n"), "{out}");
    // After it: nothing is covered, and without --warn-within that is still just an answer.
    let out = ok(&["coverage", "--as-of", "2027-01-01"]);
    assert!(
        out.ends_with("today\t2027-01-01\nends\t-\ndays_left\t-\n"),
        "{out}"
    );
    // Without --as-of it counts from today (Beijing time): a well-formed answer.
    let out = ok(&["coverage"]);
    let keys: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(keys, ["covered", "today", "ends", "days_left"]);
}

#[test]
fn warn_within_raises_the_alarm_in_december() {
    // 32 days left is not within 31 days: no alarm, exit 0.
    ok(&["coverage", "--as-of", "2026-11-29", "--warn-within", "31"]);
    // Within 32 it is.
    let (out, err) = alarm(run(&[
        "coverage",
        "--as-of",
        "2026-11-29",
        "--warn-within",
        "32",
    ]));
    assert!(out.ends_with("days_left\t32\n"), "{out}");
    assert!(err.starts_with("duban：警告："), "{err}");
    assert!(err.contains("2026-12-31") && err.contains("32"), "{err}");
    // In English, and on the last day with --warn-within 0.
    let (_, err) = alarm(run(&[
        "--lang",
        "en",
        "coverage",
        "--as-of",
        "2026-12-31",
        "--warn-within",
        "0",
    ]));
    assert!(err.starts_with("duban: warning: "), "{err}");
    assert!(
        err.contains("end on 2026-12-31, 0 day(s) after 2026-12-31"),
        "{err}"
    );
    // Past the end, any --warn-within raises it.
    let (out, err) = alarm(run(&[
        "coverage",
        "--as-of",
        "2027-01-02",
        "--warn-within",
        "0",
    ]));
    assert!(out.contains("days_left\t-"), "{out}");
    assert!(
        err.contains("2027-01-02") && err.contains("2004-01-01..=2026-12-31"),
        "{err}"
    );
    // Mid-year, a 30-day window is quiet.
    ok(&["coverage", "--as-of", "2026-06-01", "--warn-within", "30"]);
}

#[test]
fn coverage_usage_errors() {
    for bad in ["-1", "x", "1.5", ""] {
        let (code, err) = fails(&["coverage", "--warn-within", bad]);
        assert_eq!(code, 2, "{bad:?}: {err}");
    }
    assert_eq!(fails(&["coverage", "extra"]).0, 2);
    assert_eq!(fails(&["coverage", "--as-of", "2026-13-01"]).0, 2);
    // --warn-within belongs to coverage only.
    assert_eq!(fails(&["day", "2026-01-05", "--warn-within", "3"]).0, 2);
    // coverage has no provisional answer.
    assert_eq!(fails(&["coverage", "--provisional"]).0, 2);
}

#[test]
fn a_notice_directory_is_loaded_at_start() {
    let dir = scratch("notices-dir");
    std::fs::write(dir.join("guobanfamingdian-2026-99.txt"), NOTICE_2027).unwrap();
    std::fs::write(dir.join("README"), "not a notice: ignored").unwrap();
    let d = dir.to_str().unwrap();

    // Without the directory, 2027 is outside coverage.
    let (code, _) = check_failure("day 2027-01-04", run_env(None, &["day", "2027-01-04"]));
    assert_eq!(code, 1);

    // With --notices-dir: covered to 2027-12-31. From 2026-12-15: 16 days to the end of
    // 2026, then 365 in 2027.
    let out = ok(&[
        "--notices-dir",
        d,
        "coverage",
        "--as-of",
        "2026-12-15",
        "--warn-within",
        "30",
    ]);
    assert_eq!(
        out,
        "covered\t2004-01-01..=2027-12-31\ntoday\t2026-12-15\nends\t2027-12-31\ndays_left\t381\n"
    );
    let out = ok(&["--notices-dir", d, "day", "2027-01-09"]);
    assert_eq!(
        out,
        "2027-01-09\tworkday\tmake_up_workday\t元旦\t国办发明电〔2026〕99号\n"
    );
    // Thu 2026-12-31 + 1 working day: 01-01..03 off, Monday 01-04.
    assert_eq!(
        ok(&["--notices-dir", d, "add-workdays", "2026-12-31", "1"]),
        "2027-01-04\n"
    );

    // The same through DUBAN_NOTICES_DIR.
    let out = check_success("env", run_env(Some(d), &["day", "2027-01-01"]));
    assert_eq!(
        out,
        "2027-01-01\trestday\tstatutory_holiday\t元旦\t国办发明电〔2026〕99号\n"
    );
    // --notices-dir wins over the variable.
    let empty = scratch("notices-empty");
    let (code, _) = check_failure(
        "dir wins",
        run_env(
            Some(d),
            &[
                "--notices-dir",
                empty.to_str().unwrap(),
                "day",
                "2027-01-01",
            ],
        ),
    );
    assert_eq!(code, 1);
    // And --known-on still applies: the notice was signed 2026-11-20.
    let (code, _) = fails(&[
        "--notices-dir",
        d,
        "--known-on",
        "2026-11-19",
        "day",
        "2027-01-01",
    ]);
    assert_eq!(code, 1);

    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&empty).unwrap();
}

#[test]
fn a_bad_notice_directory_is_an_error_naming_it() {
    let dir = scratch("notices-bad");
    let missing = dir.join("missing");
    let (code, err) = fails(&[
        "--notices-dir",
        missing.to_str().unwrap(),
        "day",
        "2026-01-05",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("missing") && err.contains("不存在"), "{err}");

    std::fs::write(dir.join("broken.txt"), "notice X\nsigned 2026-02-30\n").unwrap();
    let (code, err) = fails(&[
        "--lang",
        "en",
        "--notices-dir",
        dir.to_str().unwrap(),
        "coverage",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("broken.txt") && err.contains("line 2"),
        "{err}"
    );
    // Through the variable too.
    let (code, err) = check_failure(
        "env",
        run_env(Some(dir.to_str().unwrap()), &["day", "2026-01-05"]),
    );
    assert_eq!(code, 1);
    assert!(err.contains("broken.txt"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
