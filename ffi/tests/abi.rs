//! The C ABI, called from Rust: every conformance case through the extern functions, bad
//! inputs (nulls, invalid UTF-8, impossible dates), batches, and 8 threads on one calendar.

use std::ffi::{c_char, CStr, CString};
use std::path::{Path, PathBuf};
use std::ptr::{null, null_mut};

use duban_ffi::*;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn cases() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("conformance/cases.json")).unwrap())
        .unwrap()
}

fn day_number(text: &str) -> i32 {
    days_of(duban::parse_date(text).unwrap())
}

fn day_text(n: i32) -> String {
    date_of(n).unwrap().to_string()
}

/// The kind of an error, freeing it.
fn take_err(err: *mut DubanError) -> String {
    assert!(!err.is_null());
    unsafe {
        let kind = CStr::from_ptr(duban_error_kind(err))
            .to_str()
            .unwrap()
            .to_owned();
        let zh = CStr::from_ptr(duban_error_message(err, DubanLanguage::Chinese));
        let en = CStr::from_ptr(duban_error_message(err, DubanLanguage::English));
        assert!(!zh.to_bytes().is_empty() && !en.to_bytes().is_empty());
        duban_error_free(err);
        kind
    }
}

fn take_string(s: *mut c_char, len: usize) -> String {
    assert!(!s.is_null());
    let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_owned();
    assert_eq!(text.len(), len);
    unsafe { duban_string_free(s) };
    text
}

struct Cal(*mut DubanCalendar);
impl Drop for Cal {
    fn drop(&mut self) {
        unsafe { duban_calendar_free(self.0) }
    }
}
impl Cal {
    fn ptr(&self) -> *const DubanCalendar {
        self.0
    }
}
// SAFETY: calendar handles are documented thread-safe.
unsafe impl Send for Cal {}
unsafe impl Sync for Cal {}

fn calendar_of(case: &Value) -> Cal {
    let spec = &case["calendar"];
    unsafe {
        let mut b = null_mut();
        assert_eq!(duban_calendar_builder_new(true, &mut b), DubanStatus::Ok);
        if let Some(notices) = spec["notices"].as_array() {
            for n in notices {
                let text = std::fs::read(root().join(n.as_str().unwrap())).unwrap();
                let s = duban_calendar_builder_notice(b, text.as_ptr(), text.len(), null_mut());
                assert_eq!(s, DubanStatus::Ok);
            }
        }
        if let Some(k) = spec["known_on"].as_str() {
            let s = duban_calendar_builder_known_on(b, day_number(k), null_mut());
            assert_eq!(s, DubanStatus::Ok);
        }
        let p = spec["provisional"].as_bool() == Some(true);
        assert_eq!(
            duban_calendar_builder_provisional(b, p, null_mut()),
            DubanStatus::Ok
        );
        let mut cal = null_mut();
        assert_eq!(
            duban_calendar_builder_build(b, &mut cal, null_mut()),
            DubanStatus::Ok
        );
        duban_calendar_builder_free(b);
        Cal(cal)
    }
}

fn opt_str(p: *const c_char) -> Value {
    if p.is_null() {
        Value::Null
    } else {
        Value::String(unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned())
    }
}

/// Parses a date argument of a case; `Err(kind)` for text that is not a date.
fn arg_date(case: &Value, key: &str) -> Result<i32, String> {
    duban::parse_date(case[key].as_str().unwrap())
        .map(days_of)
        .map_err(|_| "invalid_input".to_owned())
}

fn calendar_case(case: &Value) -> Result<(Value, bool), String> {
    let cal = calendar_of(case);
    let c = cal.0;
    let mut err = null_mut();
    let mut prov = false;
    let mut out = 0i32;
    let op = case["op"].as_str().unwrap();
    let status = unsafe {
        match op {
            "is_workday" => {
                let mut b = false;
                let s = duban_calendar_is_workday(
                    c,
                    arg_date(case, "date")?,
                    &mut b,
                    &mut prov,
                    &mut err,
                );
                out = i32::from(b);
                s
            }
            "day" => {
                let mut day = std::mem::zeroed::<DubanDay>();
                let s = duban_calendar_day(c, arg_date(case, "date")?, &mut day, &mut err);
                if s == DubanStatus::Ok {
                    assert_eq!(day.is_workday, duban_is_workday_kind(day.kind));
                    return Ok((
                        serde_json::json!({
                            "kind": opt_str(day.kind_name),
                            "is_workday": day.is_workday,
                            "holiday": opt_str(day.holiday),
                            "notice": opt_str(day.notice),
                            "provisional": day.provisional,
                        }),
                        day.provisional,
                    ));
                }
                s
            }
            "add_workdays" => {
                let n = case["n"].as_i64().unwrap() as i32;
                duban_calendar_add_workdays(
                    c,
                    arg_date(case, "date")?,
                    n,
                    &mut out,
                    &mut prov,
                    &mut err,
                )
            }
            "workdays_between" => duban_calendar_workdays_between(
                c,
                arg_date(case, "from")?,
                arg_date(case, "to")?,
                &mut out,
                &mut prov,
                &mut err,
            ),
            "next_workday"
            | "previous_workday"
            | "workday_on_or_after"
            | "workday_on_or_before" => {
                let step = match op {
                    "next_workday" => DubanStep::Next,
                    "previous_workday" => DubanStep::Previous,
                    "workday_on_or_after" => DubanStep::OnOrAfter,
                    _ => DubanStep::OnOrBefore,
                };
                duban_calendar_step(
                    c,
                    arg_date(case, "date")?,
                    step,
                    &mut out,
                    &mut prov,
                    &mut err,
                )
            }
            "last_workday_of_month" => {
                let m = case["month"].as_str().unwrap();
                let (y, mo) = m.split_once('-').unwrap();
                let (y, mo) = (y.parse().unwrap(), mo.parse().unwrap());
                duban_calendar_last_workday_of_month(c, y, mo, &mut out, &mut prov, &mut err)
            }
            "last_workday_of_quarter" => {
                let q = case["quarter"].as_str().unwrap();
                let (y, n) = q.split_once("-Q").unwrap();
                let (y, n) = (y.parse().unwrap(), n.parse().unwrap());
                duban_calendar_last_workday_of_quarter(c, y, n, &mut out, &mut prov, &mut err)
            }
            "last_workday_of_year" => {
                let y = case["year"].as_i64().unwrap() as i32;
                duban_calendar_last_workday_of_year(c, y, &mut out, &mut prov, &mut err)
            }
            other => panic!("unknown op {other}"),
        }
    };
    if status != DubanStatus::Ok {
        let kind = take_err(err);
        return Err(kind);
    }
    assert!(err.is_null());
    let v = match op {
        "is_workday" => Value::Bool(out != 0),
        "workdays_between" => Value::from(out),
        _ => Value::String(day_text(out)),
    };
    Ok((v, prov))
}

fn duban_is_workday_kind(k: DubanDayKind) -> bool {
    matches!(
        k,
        DubanDayKind::Workday | DubanDayKind::MakeUpWorkday | DubanDayKind::LocalWorkday
    )
}

#[test]
fn calendar_cases_through_the_abi() {
    let doc = cases();
    for case in doc["calendar"].as_array().unwrap() {
        match calendar_case(case) {
            Ok((v, p)) => {
                assert_eq!(v, case["expect"], "{case}");
                if case["calendar"]["provisional"] == true {
                    assert_eq!(Value::Bool(p), case["provisional"], "{case}");
                } else {
                    assert!(!p, "{case}");
                }
            }
            Err(kind) => assert_eq!(Value::String(kind), case["error"], "{case}"),
        }
    }
}

fn cstring(v: &Value) -> Option<CString> {
    v.as_str().map(|s| CString::new(s).unwrap())
}

fn policy_of(spec: &Value) -> *mut DubanPolicy {
    let mut p = null_mut();
    unsafe {
        match spec.as_str() {
            None | Some("builtin") => assert_eq!(duban_policy_builtin(&mut p), DubanStatus::Ok),
            Some(path) => {
                let text = std::fs::read(root().join(path)).unwrap();
                let s = duban_policy_from_json(text.as_ptr(), text.len(), &mut p, null_mut());
                assert_eq!(s, DubanStatus::Ok);
            }
        }
    }
    p
}

#[test]
fn due_cases_through_the_abi() {
    let doc = cases();
    for case in doc["due"].as_array().unwrap() {
        let cal = calendar_of(case);
        let policy = policy_of(&case["policy"]);
        let (kind, trigger) = (
            cstring(&case["kind"]).unwrap(),
            cstring(&case["trigger"]).unwrap(),
        );
        let meeting = cstring(&case["meeting_kind"]);
        let mut d = null_mut();
        let mut err = null_mut();
        let status = unsafe {
            duban_due(
                policy,
                cal.0,
                kind.as_ptr(),
                trigger.as_ptr(),
                meeting.as_ref().map_or(null(), |m| m.as_ptr()),
                &mut d,
                &mut err,
            )
        };
        if status != DubanStatus::Ok {
            assert_eq!(Value::String(take_err(err)), case["error"], "{case}");
            unsafe { duban_policy_free(policy) };
            continue;
        }
        let expect = &case["expect"];
        unsafe {
            let mut info = std::mem::zeroed::<DubanDeadlineInfo>();
            assert_eq!(
                duban_deadline_info(d, &mut info, null_mut()),
                DubanStatus::Ok
            );
            assert_eq!(day_text(info.due), expect["due"], "{case}");
            assert_eq!(day_text(info.earliest), expect["earliest"], "{case}");
            assert_eq!(opt_str(info.code), expect["code"]);
            assert_eq!(opt_str(info.kind), expect["obligation"]["obligation"]);
            let readings = expect["readings"].as_array().unwrap();
            assert_eq!(info.reading_count as usize, readings.len());
            for (r, e) in info.readings.iter().zip(readings) {
                assert_eq!(opt_str(r.reading), e["reading"]);
                assert_eq!(day_text(r.date), e["date"]);
                assert_eq!(Value::Bool(r.chosen), e["chosen"]);
            }
            match expect["rolled_from"].as_str() {
                Some(from) => {
                    assert!(info.has_rolled_from);
                    assert_eq!(day_text(info.rolled_from), from);
                }
                None => assert!(!info.has_rolled_from),
            }
            for (lang, key) in [
                (DubanLanguage::Chinese, "zh"),
                (DubanLanguage::English, "en"),
            ] {
                let (mut s, mut len) = (null_mut(), 0);
                assert_eq!(
                    duban_deadline_explain(d, lang, &mut s, &mut len, null_mut()),
                    DubanStatus::Ok
                );
                let lines: Vec<&str> = expect["explain"][key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_str().unwrap())
                    .collect();
                assert_eq!(take_string(s, len), lines.join("\n"), "{case}");
            }
            let (mut s, mut len) = (null_mut(), 0);
            assert_eq!(
                duban_deadline_to_json(d, &mut s, &mut len, null_mut()),
                DubanStatus::Ok
            );
            let mut json: Value = serde_json::from_str(&take_string(s, len)).unwrap();
            json["explain"] = expect["explain"].clone();
            assert_eq!(&json, expect, "{case}");
            duban_deadline_free(d);
            duban_policy_free(policy);
        }
    }
}

fn caseload_bytes(case: &Value) -> Vec<u8> {
    match case["caseload"].as_str() {
        Some(path) => std::fs::read(root().join(path)).unwrap(),
        None => case["caseload_text"].as_str().unwrap().as_bytes().to_vec(),
    }
}

fn as_of(case: &Value) -> i32 {
    case["as_of"].as_str().map_or(DUBAN_DATE_NONE, day_number)
}

fn expected_report(case: &Value) -> String {
    std::fs::read_to_string(root().join(case["report"].as_str().unwrap())).unwrap()
}

#[test]
fn check_and_what_if_cases_through_the_abi() {
    let doc = cases();
    for case in doc["check"].as_array().unwrap() {
        let bytes = caseload_bytes(case);
        let policy = policy_of(&case["policy"]);
        let lang = if case["lang"] == "en" {
            DubanLanguage::English
        } else {
            DubanLanguage::Chinese
        };
        let (mut s, mut len, mut err) = (null_mut(), 0, null_mut());
        let status = unsafe {
            duban_check(
                policy,
                null(),
                bytes.as_ptr(),
                bytes.len(),
                as_of(case),
                lang,
                case["explain"] == true,
                &mut s,
                &mut len,
                &mut err,
            )
        };
        if status == DubanStatus::Ok {
            assert_eq!(
                take_string(s, len),
                expected_report(case),
                "{}",
                case["name"]
            );
        } else {
            assert_eq!(
                Value::String(take_err(err)),
                case["error"],
                "{}",
                case["name"]
            );
        }
        unsafe { duban_policy_free(policy) };
    }
    for case in doc["what_if"].as_array().unwrap() {
        let bytes = caseload_bytes(case);
        let (a, b) = (policy_of(&case["policy_a"]), policy_of(&case["policy_b"]));
        let (mut s, mut len, mut err) = (null_mut(), 0, null_mut());
        let status = unsafe {
            duban_what_if(
                a,
                b,
                null(),
                bytes.as_ptr(),
                bytes.len(),
                as_of(case),
                &mut s,
                &mut len,
                &mut err,
            )
        };
        assert_eq!(status, DubanStatus::Ok, "{}", case["name"]);
        assert_eq!(
            take_string(s, len),
            expected_report(case),
            "{}",
            case["name"]
        );
        unsafe {
            duban_policy_free(a);
            duban_policy_free(b);
        }
    }
}

#[test]
fn load_cases_through_the_abi() {
    let doc = cases();
    for case in doc["load"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap().as_bytes();
        let mut err = null_mut();
        let status = unsafe {
            if case["what"] == "policy" {
                let mut p = null_mut();
                let s = duban_policy_from_json(text.as_ptr(), text.len(), &mut p, &mut err);
                duban_policy_free(p);
                s
            } else {
                let mut b = null_mut();
                assert_eq!(duban_calendar_builder_new(true, &mut b), DubanStatus::Ok);
                let mut s = duban_calendar_builder_notice(b, text.as_ptr(), text.len(), &mut err);
                if s == DubanStatus::Ok {
                    let mut c = null_mut();
                    s = duban_calendar_builder_build(b, &mut c, &mut err);
                    duban_calendar_free(c);
                }
                duban_calendar_builder_free(b);
                s
            }
        };
        match case["error"].as_str() {
            None => assert_eq!(status, DubanStatus::Ok, "{case}"),
            Some(kind) => assert_eq!(take_err(err), kind, "{case}"),
        }
    }
}

#[test]
fn nulls_bad_text_and_bad_dates_are_errors() {
    unsafe {
        let mut err = null_mut();
        let mut out = 0;
        // A null calendar.
        let s = duban_calendar_add_workdays(null(), 0, 1, &mut out, null_mut(), &mut err);
        assert_eq!(s, DubanStatus::InvalidInput);
        let e = err;
        assert!(
            CStr::from_ptr(duban_error_message(e, DubanLanguage::English))
                .to_str()
                .unwrap()
                .contains("cal")
        );
        assert_eq!(take_err(e), "invalid_input");
        // A null out-parameter.
        let mut cal = null_mut();
        assert_eq!(duban_calendar_china(&mut cal), DubanStatus::Ok);
        let mut err = null_mut();
        let s = duban_calendar_add_workdays(
            cal,
            day_number("2023-09-20"),
            1,
            null_mut(),
            null_mut(),
            &mut err,
        );
        assert_eq!(
            (s, take_err(err)),
            (DubanStatus::InvalidInput, "invalid_input".into())
        );
        // No error out-parameter: only the status.
        let s = duban_calendar_add_workdays(cal, i32::MAX, 1, &mut out, null_mut(), null_mut());
        assert_eq!(s, DubanStatus::InvalidInput);
        // A date beyond chrono's range, and one beyond the notices.
        let mut err = null_mut();
        let s = duban_calendar_is_workday(cal, i32::MIN + 1, &mut false, null_mut(), &mut err);
        assert_eq!(
            (s, take_err(err)),
            (DubanStatus::InvalidInput, "invalid_input".into())
        );
        let mut err = null_mut();
        let s = duban_calendar_is_workday(
            cal,
            day_number("2030-01-02"),
            &mut false,
            null_mut(),
            &mut err,
        );
        assert_eq!(
            (s, take_err(err)),
            (DubanStatus::OutsideCoverage, "outside_coverage".into())
        );
        // Invalid UTF-8 in a trigger, a notice and a policy.
        let bad = [0x32u8, 0xff, 0xfe, 0];
        let kind = CString::new("rectification-plan").unwrap();
        let mut d = null_mut();
        let mut err = null_mut();
        let s = duban_due(
            null(),
            cal,
            kind.as_ptr(),
            bad.as_ptr().cast(),
            null(),
            &mut d,
            &mut err,
        );
        assert_eq!(
            (s, take_err(err)),
            (DubanStatus::InvalidInput, "invalid_input".into())
        );
        assert!(d.is_null());
        let mut err = null_mut();
        let mut p = null_mut();
        let s = duban_policy_from_json(bad.as_ptr(), 3, &mut p, &mut err);
        assert_eq!(
            (s, take_err(err)),
            (DubanStatus::InvalidInput, "invalid_input".into())
        );
        let mut b = null_mut();
        assert_eq!(duban_calendar_builder_new(false, &mut b), DubanStatus::Ok);
        let mut err = null_mut();
        let s = duban_calendar_builder_notice(b, bad.as_ptr(), 3, &mut err);
        assert_eq!(take_err(err), "invalid_input");
        assert_eq!(s, DubanStatus::InvalidInput);
        // An empty builder builds a calendar that covers nothing.
        let mut empty = null_mut();
        let mut err = null_mut();
        let s = duban_calendar_builder_build(b, &mut empty, &mut err);
        if s == DubanStatus::Ok {
            let s = duban_calendar_is_workday(
                empty,
                day_number("2023-01-04"),
                &mut false,
                null_mut(),
                null_mut(),
            );
            assert_eq!(s, DubanStatus::OutsideCoverage);
            duban_calendar_free(empty);
        } else {
            take_err(err);
        }
        duban_calendar_builder_free(b);
        // Null documents, null kinds, null handles everywhere.
        let mut err = null_mut();
        let s = duban_check(
            null(),
            null(),
            null(),
            5,
            DUBAN_DATE_NONE,
            DubanLanguage::Chinese,
            false,
            &mut null_mut(),
            null_mut(),
            &mut err,
        );
        assert_eq!(
            (s, take_err(err)),
            (DubanStatus::InvalidInput, "invalid_input".into())
        );
        let mut err = null_mut();
        let s = duban_check(
            null(),
            null(),
            null(),
            0,
            DUBAN_DATE_NONE,
            DubanLanguage::Chinese,
            false,
            &mut null_mut(),
            null_mut(),
            &mut err,
        );
        assert_eq!(
            (s, take_err(err)),
            (DubanStatus::InvalidCaseload, "invalid_caseload".into())
        );
        let mut err = null_mut();
        let s = duban_due(
            null(),
            null(),
            null(),
            kind.as_ptr(),
            null(),
            &mut d,
            &mut err,
        );
        assert_eq!(
            (s, take_err(err)),
            (DubanStatus::InvalidInput, "invalid_input".into())
        );
        for s in [
            duban_deadline_info(null(), &mut std::mem::zeroed(), null_mut()),
            duban_deadline_explain(
                null(),
                DubanLanguage::Chinese,
                &mut null_mut(),
                null_mut(),
                null_mut(),
            ),
            duban_deadline_to_json(null(), &mut null_mut(), null_mut(), null_mut()),
            duban_policy_to_json(null(), &mut null_mut(), null_mut(), null_mut()),
            duban_calendar_day(null(), 0, &mut std::mem::zeroed(), null_mut()),
            duban_calendar_as_known_on(null(), 0, &mut null_mut(), null_mut()),
            duban_calendar_with_provisional(null(), &mut null_mut(), null_mut()),
            duban_calendar_builder_notice(null_mut(), null(), 0, null_mut()),
            duban_calendar_builder_known_on(null_mut(), 0, null_mut()),
            duban_calendar_builder_provisional(null_mut(), true, null_mut()),
            duban_calendar_builder_build(null(), &mut null_mut(), null_mut()),
            duban_calendar_china(null_mut()),
            duban_policy_builtin(null_mut()),
            duban_calendar_builder_new(true, null_mut()),
        ] {
            assert_eq!(s, DubanStatus::InvalidInput);
        }
        // Freeing null is a no-op; error accessors take null.
        duban_calendar_free(null_mut());
        duban_policy_free(null_mut());
        duban_deadline_free(null_mut());
        duban_error_free(null_mut());
        duban_string_free(null_mut());
        duban_calendar_builder_free(null_mut());
        assert!(duban_error_kind(null()).is_null());
        assert!(duban_error_message(null(), DubanLanguage::English).is_null());
        assert_eq!(duban_error_status(null()), DubanStatus::InvalidInput);
        assert_eq!(
            CStr::from_ptr(duban_version()).to_str().unwrap(),
            env!("CARGO_PKG_VERSION")
        );
        duban_calendar_free(cal);
    }
}

#[test]
fn batches_agree_with_single_calls_and_report_each_element() {
    unsafe {
        let mut cal = null_mut();
        assert_eq!(duban_calendar_china(&mut cal), DubanStatus::Ok);
        let first = day_number("2020-01-01");
        // Every day of 2020-2026, and two beyond.
        let mut dates: Vec<i32> = (first..day_number("2026-12-31") + 1).collect();
        dates.push(day_number("2027-06-01"));
        dates.push(i32::MAX);
        let n = dates.len();
        let mut out = vec![0i32; n];
        let mut statuses = vec![-1i32; n];
        let s = duban_calendar_add_workdays_batch(
            cal,
            dates.as_ptr(),
            n,
            1,
            out.as_mut_ptr(),
            null_mut(),
            statuses.as_mut_ptr(),
            null_mut(),
        );
        assert_eq!(s, DubanStatus::Ok);
        for i in 0..n {
            let mut one = 0;
            let s1 =
                duban_calendar_add_workdays(cal, dates[i], 1, &mut one, null_mut(), null_mut());
            assert_eq!(statuses[i], s1 as i32, "element {i}");
            if s1 == DubanStatus::Ok {
                assert_eq!(out[i], one);
            }
        }
        assert_eq!(statuses[n - 2], DubanStatus::OutsideCoverage as i32);
        assert_eq!(statuses[n - 1], DubanStatus::InvalidInput as i32);
        // Without statuses, the first failing element fails the call and is named.
        let mut err = null_mut();
        let s = duban_calendar_add_workdays_batch(
            cal,
            dates.as_ptr(),
            n,
            1,
            out.as_mut_ptr(),
            null_mut(),
            null_mut(),
            &mut err,
        );
        assert_eq!(s, DubanStatus::OutsideCoverage);
        let msg = CStr::from_ptr(duban_error_message(err, DubanLanguage::English))
            .to_str()
            .unwrap()
            .to_owned();
        // 2026-12-31 is the first: its next working day is past the notices.
        assert!(msg.starts_with(&format!("element {}: ", n - 3)), "{msg}");
        assert_eq!(statuses[n - 3], DubanStatus::OutsideCoverage as i32);
        take_err(err);
        // is_workday and workdays_between batches.
        let mut flags = vec![0u8; n];
        let s = duban_calendar_is_workday_batch(
            cal,
            dates.as_ptr(),
            n,
            flags.as_mut_ptr(),
            null_mut(),
            statuses.as_mut_ptr(),
            null_mut(),
        );
        assert_eq!(s, DubanStatus::Ok);
        assert_eq!(flags[0], 0); // 元旦 2020
        assert_eq!(flags[1], 1);
        let to: Vec<i32> = dates.iter().map(|d| d.saturating_add(10)).collect();
        let s = duban_calendar_workdays_between_batch(
            cal,
            dates.as_ptr(),
            to.as_ptr(),
            100,
            out.as_mut_ptr(),
            null_mut(),
            null_mut(),
            null_mut(),
        );
        assert_eq!(s, DubanStatus::Ok);
        // 2020-01-01 (exclusive)..=01-11: Jan 2, 3, 6, 7, 8, 9, 10; the 11th is a Saturday.
        assert_eq!(out[0], 7);
        // Deadlines in bulk agree with one-by-one.
        let kind = CString::new("meeting-follow-up").unwrap();
        let triggers: Vec<i32> = (day_number("2020-01-06")..day_number("2026-10-01")).collect();
        let m = triggers.len();
        let (mut due, mut earliest) = (vec![0; m], vec![0; m]);
        let s = duban_due_batch(
            null(),
            cal,
            kind.as_ptr(),
            null(),
            triggers.as_ptr(),
            m,
            due.as_mut_ptr(),
            earliest.as_mut_ptr(),
            null_mut(),
            null_mut(),
        );
        assert_eq!(s, DubanStatus::Ok);
        for i in (0..m).step_by(37) {
            // D1: the 30th working day after the meeting day (a meeting on a rest day
            // counts from the next working day, which is then the first).
            let mut d30 = 0;
            duban_calendar_add_workdays(cal, triggers[i], 30, &mut d30, null_mut(), null_mut());
            assert_eq!(due[i], d30, "{}", day_text(triggers[i]));
            assert_eq!(earliest[i], due[i]);
        }
        // Monthly reports by any day of the month.
        let kind = CString::new("monthly-report").unwrap();
        let t = [day_number("2022-01-15")];
        let s = duban_due_batch(
            null(),
            cal,
            kind.as_ptr(),
            null(),
            t.as_ptr(),
            1,
            due.as_mut_ptr(),
            null_mut(),
            null_mut(),
            null_mut(),
        );
        assert_eq!(s, DubanStatus::Ok);
        assert_eq!(day_text(due[0]), "2022-01-30");
        // A bad kind fails the whole call.
        let kind = CString::new("weekly-report").unwrap();
        let mut err = null_mut();
        let s = duban_due_batch(
            null(),
            cal,
            kind.as_ptr(),
            null(),
            t.as_ptr(),
            1,
            due.as_mut_ptr(),
            null_mut(),
            null_mut(),
            &mut err,
        );
        assert_eq!(
            (s, take_err(err)),
            (DubanStatus::InvalidInput, "invalid_input".into())
        );
        // Empty batches with null arrays are fine.
        let s = duban_due_batch(
            null(),
            cal,
            CString::new("rectification-plan").unwrap().as_ptr(),
            null(),
            null(),
            0,
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
        );
        assert_eq!(s, DubanStatus::Ok);
        duban_calendar_free(cal);
    }
}

#[test]
fn eight_threads_on_one_calendar_agree_with_one() {
    let cal = {
        let mut c = null_mut();
        assert_eq!(unsafe { duban_calendar_china(&mut c) }, DubanStatus::Ok);
        Cal(c)
    };
    let first = day_number("2020-01-01");
    let last = day_number("2026-10-01");
    let one = |d: i32| {
        let mut out = 0;
        let s = unsafe {
            duban_calendar_add_workdays(cal.ptr(), d, 20, &mut out, null_mut(), null_mut())
        };
        assert_eq!(s, DubanStatus::Ok);
        out
    };
    let serial: Vec<i32> = (first..last).map(one).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| (first..last).map(one).collect::<Vec<i32>>()))
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), serial);
        }
    });
}

#[test]
fn as_known_on_and_provisional_handles() {
    unsafe {
        let mut cal = null_mut();
        duban_calendar_china(&mut cal);
        let mut then = null_mut();
        assert_eq!(
            duban_calendar_as_known_on(cal, day_number("2020-01-20"), &mut then, null_mut()),
            DubanStatus::Ok
        );
        let mut w = false;
        duban_calendar_is_workday(
            then,
            day_number("2020-02-01"),
            &mut w,
            null_mut(),
            null_mut(),
        );
        assert!(
            w,
            "before the extension, 2020-02-01 was a make-up working day"
        );
        duban_calendar_is_workday(
            cal,
            day_number("2020-02-01"),
            &mut w,
            null_mut(),
            null_mut(),
        );
        assert!(!w);
        let mut p = null_mut();
        assert_eq!(
            duban_calendar_with_provisional(cal, &mut p, null_mut()),
            DubanStatus::Ok
        );
        let (mut out, mut prov) = (0, false);
        duban_calendar_add_workdays(
            p,
            day_number("2026-12-30"),
            2,
            &mut out,
            &mut prov,
            null_mut(),
        );
        assert!(prov);
        // A deadline on a provisional calendar uses its confirmed part only.
        let (kind, trig) = (
            CString::new("year-end-summary").unwrap(),
            CString::new("2027").unwrap(),
        );
        let mut d = null_mut();
        let mut err = null_mut();
        let s = duban_due(
            null(),
            p,
            kind.as_ptr(),
            trig.as_ptr(),
            null(),
            &mut d,
            &mut err,
        );
        assert_eq!(
            (s, take_err(err)),
            (DubanStatus::OutsideCoverage, "outside_coverage".into())
        );
        let mut pj = null_mut();
        let mut policy = null_mut();
        duban_policy_builtin(&mut policy);
        let mut len = 0;
        assert_eq!(
            duban_policy_to_json(policy, &mut pj, &mut len, null_mut()),
            DubanStatus::Ok
        );
        let text = take_string(pj, len);
        assert!(text.contains("duban-policy/1"));
        duban_policy_free(policy);
        for c in [cal, then, p] {
            duban_calendar_free(c);
        }
    }
}
