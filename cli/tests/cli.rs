//! Runs the compiled `duban` binary (cli/src/main.rs) as a user or a shell script would.
//!
//! Every failing call must give exactly one line on stderr, nothing on stdout, a non-zero
//! exit status, and no panic. Expected dates come from the State Council notices in
//! data/notices/ (see the comments there).

use std::io::Read;
use std::process::{Command, Stdio};

#[path = "util/cli.rs"]
mod cli;
use cli::*;

/// The columns of calendar's line for `date`.
#[track_caller]
fn line_of<'a>(output: &'a str, date: &str) -> Vec<&'a str> {
    let line = output
        .lines()
        .find(|l| l.starts_with(date))
        .unwrap_or_else(|| panic!("no line for {date} in:\n{output}"));
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(
        cols.len(),
        5,
        "{line:?} should have 5 tab-separated columns"
    );
    cols
}

// ---------------------------------------------------------------------------------------
// Normal use

#[test]
fn calendar_lists_each_day_with_kind_holiday_and_notice() {
    let out = ok(&["calendar", "2022-01-28", "2022-02-07"]);
    assert_eq!(out.lines().count(), 11);
    assert!(out.ends_with('\n'));
    // 国办发明电〔2021〕11号: Sat 01-29 and Sun 01-30 worked, Mon 01-31 (除夕) off.
    assert_eq!(
        line_of(&out, "2022-01-29"),
        [
            "2022-01-29",
            "workday",
            "make_up_workday",
            "春节",
            "国办发明电〔2021〕11号"
        ]
    );
    assert_eq!(line_of(&out, "2022-01-30")[1], "workday");
    assert_eq!(
        line_of(&out, "2022-01-31"),
        [
            "2022-01-31",
            "restday",
            "shifted_rest_day",
            "春节",
            "国办发明电〔2021〕11号"
        ]
    );
    assert_eq!(
        line_of(&out, "2022-02-01"),
        [
            "2022-02-01",
            "restday",
            "statutory_holiday",
            "春节",
            "国办发明电〔2021〕11号"
        ]
    );
    assert_eq!(
        line_of(&out, "2022-01-28"),
        ["2022-01-28", "workday", "workday", "-", "-"]
    );
}

#[test]
fn calendar_applies_the_2020_extension_and_the_2023_make_up_day() {
    // 国办发明电〔2020〕1号 extended the break to 02-02, swallowing the 02-01 make-up day.
    let out = ok(&["calendar", "2020-01-30", "2020-02-03"]);
    assert_eq!(
        line_of(&out, "2020-02-01"),
        [
            "2020-02-01",
            "restday",
            "weekend",
            "春节",
            "国办发明电〔2020〕1号"
        ]
    );
    assert_eq!(line_of(&out, "2020-02-03")[1], "workday");
    // 国办发明电〔2022〕16号: Saturday 2023-10-07 was worked.
    let out = ok(&["calendar", "2023-10-07", "2023-10-07"]);
    assert_eq!(
        out,
        "2023-10-07\tworkday\tmake_up_workday\t中秋节、国庆节\t国办发明电〔2022〕16号\n"
    );
}

#[test]
fn calendar_covers_all_loaded_years() {
    let out = ok(&["calendar", "2004-01-01", "2026-12-31"]);
    // 2004-2026: 23 years, six of them leap years.
    assert_eq!(out.lines().count(), 8401);
    assert!(out.lines().all(|l| l.split('\t').count() == 5));
    assert!(out.starts_with(
        "2004-01-01\trestday\tstatutory_holiday\t元旦\t国务院办公厅关于2004年部分节假日安排的通知\n"
    ));
    assert!(out.ends_with("2026-12-31\tworkday\tworkday\t-\t-\n"));
}

#[test]
fn day_prints_one_calendar_line() {
    assert_eq!(
        ok(&["day", "2023-10-02"]),
        "2023-10-02\trestday\tstatutory_holiday\t中秋节、国庆节\t国办发明电〔2022〕16号\n"
    );
    assert_eq!(
        ok(&["day", "2023-10-05"]),
        "2023-10-05\trestday\tshifted_rest_day\t中秋节、国庆节\t国办发明电〔2022〕16号\n"
    );
}

#[test]
fn add_workdays() {
    assert_eq!(ok(&["add-workdays", "2023-09-28", "1"]), "2023-10-07\n");
    // D1 of the domain notes: 30 working days after a meeting on 2023-09-20.
    assert_eq!(ok(&["add-workdays", "2023-09-20", "30"]), "2023-11-07\n");
    assert_eq!(ok(&["add-workdays", "2023-10-09", "-1"]), "2023-10-08\n");
    assert_eq!(ok(&["add-workdays", "2023-10-09", "0"]), "2023-10-09\n");
    assert_eq!(ok(&["add-workdays", "2022-01-28", "+2"]), "2022-01-30\n");
    // After `--`, even an option-looking argument is positional.
    assert_eq!(
        ok(&["add-workdays", "--", "2023-10-09", "-1"]),
        "2023-10-08\n"
    );
}

#[test]
fn workdays_between() {
    assert_eq!(ok(&["workdays-between", "2023-09-28", "2023-10-09"]), "3\n");
    assert_eq!(
        ok(&["workdays-between", "2023-10-09", "2023-09-28"]),
        "-3\n"
    );
    assert_eq!(ok(&["workdays-between", "2023-10-09", "2023-10-09"]), "0\n");
}

#[test]
fn help_says_what_the_commands_do() {
    let zh = ok(&["--help"]);
    assert_eq!(ok(&["-h"]), zh);
    assert_eq!(ok(&["help"]), zh);
    let en = ok(&["--lang", "en", "help"]);
    for cmd in [
        "calendar",
        "day",
        "add-workdays",
        "workdays-between",
        "--notice",
    ] {
        assert!(zh.contains(cmd), "help should mention {cmd}");
        assert!(en.contains(cmd), "English help should mention {cmd}");
    }
    assert!(en.contains("outside the loaded notices is an error"));
    assert!(zh.contains("超出已加载通知范围"));
    assert!(en.contains("make_up_workday"));
    // Help wins over a bad command line.
    assert_eq!(ok(&["frob", "--help"]), zh);
}

#[test]
fn each_command_has_its_own_help() {
    for (command, option) in [
        ("due", "--meeting-kind"),
        ("check", "--no-explain"),
        ("diff", "--policy"),
        ("calendar", ""),
    ] {
        let zh = ok(&["help", command]);
        assert_eq!(ok(&[command, "--help"]), zh, "{command}");
        assert!(zh.starts_with(&format!("用法：duban {command} ")), "{zh}");
        assert!(zh.contains(option), "{command}: {zh}");
        let en = ok(&["--lang", "en", "help", command]);
        assert!(en.starts_with(&format!("Usage: duban {command} ")), "{en}");
    }
    // The kinds of due, spelled as the command takes them.
    let due = ok(&["help", "due"]);
    assert!(
        due.contains("meeting-follow-up") && due.contains("on-site"),
        "{due}"
    );
    assert!(!ok(&["help", "calendar"]).contains("meeting-follow-up"));
}

#[test]
fn version_names_the_embedded_calendar() {
    let v = ok(&["--version"]);
    assert_eq!(ok(&["-V"]), v);
    assert!(
        v.starts_with(&format!("duban {} ", env!("CARGO_PKG_VERSION"))),
        "{v}"
    );
    let first = duban::Calendar::china().coverage()[0].0.to_string();
    assert!(v.contains(&first), "{v}");
}

#[test]
fn meeting_kinds_take_hyphens_and_underscores() {
    let hyphen = ok(&[
        "due",
        "meeting-follow-up",
        "2023-09-20",
        "--meeting-kind",
        "mayors-office",
    ]);
    let underscore = ok(&[
        "due",
        "meeting-follow-up",
        "2023-09-20",
        "--meeting-kind",
        "mayors_office",
    ]);
    assert_eq!(hyphen, underscore);
    // 30 working days after Wed 2023-09-20, across the National Day break (as in the README).
    assert_eq!(hyphen, "2023-11-07\n");
}

// ---------------------------------------------------------------------------------------
// Bad input: one line on stderr, nothing on stdout, non-zero exit, never a panic

#[test]
fn malformed_and_impossible_dates_are_usage_errors() {
    for bad in [
        "2023-1-1",
        "abc",
        "2023-02-30",
        "",
        "2023-13-01",
        "２０２３-01-01",
    ] {
        let err = fails_with(2, &["day", bad]);
        assert!(err.contains("DATE"), "{err}");
        fails_with(2, &["calendar", bad, "2023-01-05"]);
        fails_with(2, &["calendar", "2023-01-05", bad]);
        fails_with(2, &["add-workdays", bad, "1"]);
        fails_with(2, &["workdays-between", bad, "2023-01-05"]);
        fails_with(2, &["--known-on", bad, "day", "2023-01-05"]);
    }
}

#[test]
fn huge_n_is_an_error_not_a_panic() {
    let err = fails_with(2, &["add-workdays", "2023-01-03", "99999999999"]);
    assert!(err.contains("99999999999"), "{err}");
    fails_with(2, &["add-workdays", "2023-01-03", "-99999999999"]);
    fails_with(2, &["add-workdays", "2023-01-03", "1.5"]);
    fails_with(2, &["add-workdays", "2023-01-03", "ten"]);
    fails_with(2, &["add-workdays", "2023-01-03", ""]);
    // These fit an i32, and leave the loaded notices.
    for n in ["2147483647", "-2147483648", "2000", "-5000"] {
        let err = fails_with(1, &["add-workdays", "2023-01-03", n]);
        assert!(err.contains("2004-01-01..=2026-12-31"), "{err}");
    }
}

#[test]
fn years_far_outside_coverage_are_errors() {
    for date in [
        "1900-01-01",
        "9999-12-31",
        "0000-01-01",
        "2003-12-31",
        "2027-01-01",
    ] {
        let err = fails_with(1, &["day", date]);
        assert!(err.contains(date), "{err}");
        fails_with(1, &["add-workdays", date, "1"]);
        fails_with(1, &["workdays-between", date, "2023-01-01"]);
        fails_with(1, &["workdays-between", "2023-01-01", date]);
    }
    fails_with(1, &["calendar", "1900-01-01", "9999-12-31"]);
    fails_with(1, &["calendar", "1900-01-01", "2020-01-05"]);
}

#[test]
fn a_range_crossing_into_2027_prints_nothing() {
    let err = fails_with(1, &["calendar", "2026-12-01", "2027-01-05"]);
    assert!(err.contains("2027-01-05"), "{err}");
    fails_with(1, &["calendar", "2026-12-31", "2027-01-01"]);
    fails_with(1, &["add-workdays", "2026-12-30", "5"]);
    fails_with(1, &["workdays-between", "2026-12-01", "2027-01-05"]);
}

#[test]
fn from_after_to_is_an_error() {
    let err = fails_with(1, &["calendar", "2023-02-01", "2023-01-01"]);
    assert!(err.contains("2023-02-01"), "{err}");
}

#[test]
fn missing_and_extra_arguments_are_usage_errors() {
    fails_with(2, &[]);
    fails_with(2, &["calendar"]);
    fails_with(2, &["calendar", "2023-01-01"]);
    fails_with(2, &["calendar", "2023-01-01", "2023-01-02", "2023-01-03"]);
    fails_with(2, &["day"]);
    fails_with(2, &["day", "2023-01-01", "2023-01-02"]);
    fails_with(2, &["add-workdays", "2023-01-01"]);
    fails_with(2, &["add-workdays", "2023-01-01", "1", "2"]);
    fails_with(2, &["workdays-between", "2023-01-01"]);
    fails_with(2, &["workdays-between", "2023-01-01", "2023-01-02", "x"]);
    fails_with(2, &["help", "calendar", "day"]);
    fails_with(2, &["help", "frob"]);
    fails_with(2, &["--lang"]);
    fails_with(2, &["day", "2023-01-01", "--notice"]);
}

#[test]
fn unknown_commands_and_options_are_usage_errors() {
    let err = fails_with(2, &["frobnicate", "2023-01-01"]);
    assert!(err.contains("frobnicate"), "{err}");
    fails_with(2, &["Calendar", "2023-01-01", "2023-01-02"]);
    fails_with(2, &["2023-01-01"]);
    fails_with(2, &["--bogus", "day", "2023-01-01"]);
    fails_with(2, &["day", "2023-01-01", "-x"]);
    fails_with(2, &["--help=yes"]);
    let err = fails_with(2, &["--lang", "fr", "day", "2023-01-01"]);
    assert!(err.contains("fr"), "{err}");
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_an_error() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(bin())
        .arg("day")
        .arg(std::ffi::OsStr::from_bytes(b"2023-01-0\xff"))
        .output()
        .expect("run the duban example");
    check_failure("day <non-UTF-8>", out);
}

#[test]
fn a_newline_in_an_argument_stays_on_one_line() {
    fails_with(2, &["day", "2023\n01-01"]);
    fails_with(2, &["frob\nnicate"]);
}

// ---------------------------------------------------------------------------------------
// Languages

#[test]
fn errors_are_in_chinese_by_default_and_english_on_request() {
    let zh = fails_with(2, &["day", "2023-1-1"]);
    assert!(zh.contains("不是有效的日期"), "{zh}");
    let en = fails_with(2, &["--lang", "en", "day", "2023-1-1"]);
    assert!(en.contains("is not a valid date"), "{en}");
    assert!(!en.contains("不是"), "{en}");
    // `--lang=en`, and after the command.
    assert_eq!(fails_with(2, &["--lang=en", "day", "2023-1-1"]), en);
    assert_eq!(fails_with(2, &["day", "2023-1-1", "--lang", "en"]), en);
    assert_eq!(fails_with(2, &["--lang", "zh", "day", "2023-1-1"]), zh);

    let zh = fails_with(1, &["day", "2027-01-04"]);
    assert!(zh.contains("超出已加载的节假日安排范围"), "{zh}");
    let en = fails_with(1, &["--lang", "en", "day", "2027-01-04"]);
    assert!(en.contains("outside the loaded holiday schedules"), "{en}");

    let zh = fails_with(2, &["nope"]);
    assert!(zh.contains("未知的命令"), "{zh}");
    let en = fails_with(2, &["--lang", "en", "nope"]);
    assert!(en.contains("unknown command"), "{en}");

    let zh = ok(&["help"]);
    assert!(zh.contains("用法"));
    assert!(zh.contains("调休上班日"));
    let en = ok(&["--lang", "en", "help"]);
    assert!(en.contains("Usage"));
    assert!(en.contains("make-up working day"));
}

// ---------------------------------------------------------------------------------------
// Notices loaded at run time, and the calendar as known on a date

#[test]
fn known_on_uses_the_notices_published_by_then() {
    // On 2020-01-20 the Spring Festival extension (published 2020-01-27) was not known.
    assert_eq!(
        ok(&["--known-on", "2020-01-20", "day", "2020-02-01"]),
        "2020-02-01\tworkday\tmake_up_workday\t春节\t国办发明电〔2019〕16号\n"
    );
    assert_eq!(
        ok(&["--known-on", "2020-01-28", "day", "2020-02-01"]),
        "2020-02-01\trestday\tweekend\t春节\t国办发明电〔2020〕1号\n"
    );
    // Nor anything about 2021.
    fails_with(1, &["--known-on", "2020-01-20", "day", "2021-03-01"]);
}

#[test]
fn a_notice_file_extends_and_adjusts_the_calendar() {
    let next_year_file = TempFile::new(
        "2027.txt",
        "# a made-up notice for 2027\n\
         notice     测试〔2026〕1号\n\
         signed     2026-11-01\n\
         scope      national\n\
         covers     2027\n\
         holiday    元旦 2027-01-01..2027-01-03 statutory 2027-01-01\n",
    );
    let local_file = TempFile::new(
        "local.txt",
        "notice 县政办发〔2023〕5号\nsigned 2023-04-20\nscope local\n\
         holiday 建城纪念日 2023-05-10\nworkday 2023-05-13 建城纪念日\n",
    );
    let (next_year, local) = (next_year_file.path(), local_file.path());

    let out = ok(&[
        "--notice",
        next_year,
        "calendar",
        "2026-12-31",
        "2027-01-04",
    ]);
    assert_eq!(out.lines().count(), 5);
    assert_eq!(
        line_of(&out, "2027-01-01"),
        [
            "2027-01-01",
            "restday",
            "statutory_holiday",
            "元旦",
            "测试〔2026〕1号"
        ]
    );
    assert_eq!(line_of(&out, "2027-01-04")[1], "workday");
    assert_eq!(
        ok(&["--notice", next_year, "add-workdays", "2026-12-30", "2"]),
        "2027-01-04\n"
    );
    // Known on a date before that notice was signed, 2027 is not covered.
    fails_with(
        1,
        &[
            "--notice",
            next_year,
            "--known-on",
            "2026-10-31",
            "day",
            "2027-01-04",
        ],
    );

    // Two notices at once; options may follow the command.
    assert_eq!(
        ok(&[
            "day",
            "2023-05-13",
            "--notice",
            local,
            "--notice",
            next_year
        ]),
        "2023-05-13\tworkday\tlocal_workday\t建城纪念日\t县政办发〔2023〕5号\n"
    );
    assert_eq!(
        ok(&[&format!("--notice={local}"), "day", "2023-05-10"]),
        "2023-05-10\trestday\tlocal_rest_day\t建城纪念日\t县政办发〔2023〕5号\n"
    );
}

#[test]
fn a_bad_notice_file_is_an_error_naming_the_file() {
    let bad_file = TempFile::new(
        "bad.txt",
        "notice X\nsigned 2023-04-20\nscope local\nholiday 节 2023-02-30\n",
    );
    let bad = bad_file.path();
    let err = fails_with(1, &["--notice", bad, "day", "2023-05-10"]);
    assert!(err.contains(bad) && err.contains("第4行"), "{err}");
    let err = fails_with(1, &["--lang", "en", "--notice", bad, "day", "2023-05-10"]);
    assert!(err.contains(bad) && err.contains("line 4"), "{err}");
    let missing = std::env::temp_dir().join("duban-cli-no-such-notice.txt");
    let err = fails_with(
        1,
        &[
            "--notice",
            missing.to_str().expect("UTF-8"),
            "day",
            "2023-05-10",
        ],
    );
    assert!(err.contains("duban-cli-no-such-notice.txt"), "{err}");
}

#[test]
fn a_range_longer_than_100_years_is_refused() {
    let years: Vec<String> = (2027..=2130).map(|y| y.to_string()).collect();
    let many_file = TempFile::new(
        "many.txt",
        &format!(
            "notice 测试〔2026〕2号\nsigned 2026-11-01\nscope national\ncovers {}\n",
            years.join(" ")
        ),
    );
    let many = many_file.path();
    // At most 36,525 days (100 years of 365.25 days): 2020-01-01..=2120-01-01.
    let out = ok(&["--notice", many, "calendar", "2020-01-01", "2120-01-01"]);
    assert_eq!(out.lines().count(), 36_525);
    fails_with(
        1,
        &["--notice", many, "calendar", "2020-01-01", "2120-01-02"],
    );
}

// ---------------------------------------------------------------------------------------
// Pipes

#[test]
fn a_closed_pipe_ends_quietly() {
    // Like `duban calendar 2020-01-01 2026-12-31 | head -1`: the output (~150 KB) is larger
    // than a pipe's buffer, so the example is still writing when the reader goes away.
    let mut child = Command::new(bin())
        .args(["calendar", "2020-01-01", "2026-12-31"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the duban example");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).expect("read the first date");
    assert_eq!(&first, b"2020-01-01");
    drop(stdout);
    let out = child.wait_with_output().expect("wait for the example");
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr, "");
    assert!(out.status.success(), "{:?}", out.status);
}

/// `--provisional`: 2027 is answered from the statutory holidays alone, and every answer
/// says whether it is confirmed or provisional. Without the flag 2027 stays an error.
#[test]
fn provisional_answers_say_so() {
    // 2026-12-30 (Wed) + 2: 12-31 (Thu, confirmed), then 2027-01-01 is 元旦, 01-02/03 a
    // weekend, so Monday 2027-01-04.
    assert_eq!(
        ok(&["add-workdays", "2026-12-30", "2", "--provisional"]),
        "2027-01-04\tprovisional\n"
    );
    // Inside the notices: the same answer as without the flag, marked confirmed.
    assert_eq!(ok(&["add-workdays", "2026-09-30", "1"]), "2026-10-08\n");
    assert_eq!(
        ok(&["add-workdays", "2026-09-30", "1", "--provisional"]),
        "2026-10-08\tconfirmed\n"
    );
    // 2027-02-08 is 正月初三 (2027-02-06 is 初一): a provisional statutory holiday.
    let day = ok(&["day", "2027-02-08", "--provisional"]);
    assert!(
        day.starts_with("2027-02-08\trestday\tstatutory_holiday\t春节\t"),
        "{day}"
    );
    assert!(day.ends_with("\tprovisional\n"), "{day}");
    let lines = ok(&["calendar", "2026-12-31", "2027-01-01", "--provisional"]);
    let marks: Vec<&str> = lines
        .lines()
        .map(|l| l.rsplit('\t').next().unwrap())
        .collect();
    assert_eq!(marks, ["confirmed", "provisional"]);
    // Without the flag, and past the provisional years, still errors.
    fails_with(1, &["day", "2027-02-08"]);
    fails_with(1, &["day", "2029-01-02", "--provisional"]);
    // Commands whose answers could not carry the mark refuse the flag.
    fails_with(2, &["due", "monthly-report", "2027-01", "--provisional"]);
}
