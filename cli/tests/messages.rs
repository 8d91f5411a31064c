//! Every documented kind of bad input, run in both languages: the Chinese message must be
//! Chinese only (no English word but the names the user typed: paths, options, field names,
//! codes), must name the input, and the exit status must be the documented one (2 for the
//! command line, 1 for everything else).

#[path = "util/cli.rs"]
mod cli;
use cli::*;

/// Words that may appear in a Chinese message because they are the input's own names:
/// options, commands, field names and codes of the documented formats, and format names.
const INPUT_VOCABULARY: &[&str] = &[
    "duban",
    "help",
    "JSON",
    "UTF",
    "Unicode",
    "true",
    "false",
    "null",
    "schema",
    "matters",
    "as_of",
    "id",
    "kind",
    "caseload",
    "policy",
    "report",
    "YYYY",
    "MM",
    "DD",
    "Q",
    "FROM",
    "TO",
    "DATE",
    "N",
    "KIND",
    "TRIGGER",
    "FILE",
    "zh",
    "en",
    // Command kinds, meeting kinds and formats, which a message lists as the choices.
    "meeting",
    "follow",
    "up",
    "monthly",
    "quarterly",
    "inspection",
    "application",
    "approval",
    "rectification",
    "plan",
    "year",
    "end",
    "summary",
    "plenary",
    "executive",
    "mayors",
    "office",
    "special",
    "topic",
    "on",
    "site",
    "mayors_office",
    "special_topic",
    "on_site",
    "json",
    "table",
    // Policy fields and notice directives, named when missing or unknown.
    "title",
    "in_force_from",
    "parameters",
    "notice",
    "signed",
    "published",
    "scope",
    "covers",
    "holiday",
    "workday",
    "statutory",
    "local",
    "national",
];

/// The ASCII words of `message` that are neither in `INPUT_VOCABULARY` nor part of one of
/// the `typed` strings (paths, arguments) nor an option (`--as-of`).
fn english_words(message: &str, typed: &[&str]) -> Vec<String> {
    let mut rest = message.to_owned();
    // Longest first, so that a typed "yesterday" is not cut by a typed "day".
    let mut typed = typed.to_vec();
    typed.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for t in typed {
        rest = rest.replace(t, " ");
    }
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev = ' ';
    for c in rest.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() || (c == '_' && !word.is_empty()) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            let is_option = prev == '-';
            if !is_option && !INPUT_VOCABULARY.contains(&word.as_str()) {
                words.push(word.clone());
            }
            word.clear();
        }
        // An option is `--name-with-hyphens`: every part of it is the option.
        prev = if c == '-' && (prev == '-' || prev == ' ' || prev.is_ascii_alphabetic()) {
            '-'
        } else if c.is_ascii_alphabetic() {
            prev
        } else {
            c
        };
    }
    words
}

/// One bad input: its arguments, stdin (if any), the expected exit status, and text that
/// the message must contain in both languages (the input it names).
struct Case {
    what: &'static str,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    status: i32,
    names: Vec<String>,
}

fn case(what: &'static str, args: &[&str], status: i32, names: &[&str]) -> Case {
    Case {
        what,
        args: args.iter().map(|s| (*s).to_owned()).collect(),
        stdin: None,
        status,
        names: names.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn stdin_case(what: &'static str, args: &[&str], input: &[u8], names: &[&str]) -> Case {
    Case {
        stdin: Some(input.to_vec()),
        ..case(what, args, 1, names)
    }
}

/// Runs a case; returns its exit status and its message: the stderr line of a failure, or
/// for a check that succeeds (status 0) the messages of the report's `errors`, one a line.
fn run_case(case: &Case, lang: &str) -> (i32, String) {
    let mut args: Vec<&str> = vec!["--lang", lang];
    args.extend(case.args.iter().map(String::as_str));
    let what = format!("{} ({lang}): {args:?}", case.what);
    let out = match &case.stdin {
        Some(input) => run_with_stdin(&args, input),
        None => run(&args),
    };
    if case.status == 0 {
        let report: serde_json::Value =
            serde_json::from_str(&check_success(&what, out)).expect("a JSON report");
        let messages: Vec<&str> = report["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .filter_map(|e| e["message"].as_str())
            .collect();
        assert!(!messages.is_empty(), "{what}: the report has no errors");
        // The report's messages are in the run's language; give them the error prefix so
        // the checks below read them as they read a stderr line.
        let prefix = if lang == "zh" {
            "duban：错误："
        } else {
            "duban: error: "
        };
        return (0, format!("{prefix}{}", messages.join(" ")));
    }
    check_failure(&what, out)
}

#[test]
fn every_documented_error_is_in_one_language_and_names_its_input() {
    let dir = std::env::temp_dir().join(format!("duban-messages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dir_path = dir.to_str().unwrap().to_owned();
    let file = |name: &str, contents: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let empty = file("empty.json", b"");
    let not_json = file("not-json.json", "这不是 JSON 文本".as_bytes());
    let array = file("array.json", b"[1, 2]");
    let no_schema = file("no-schema.json", br#"{"matters": []}"#);
    let bad_as_of = file(
        "bad-as-of.json",
        b"{\"schema\": \"duban-caseload/1\",\n \"as_of\": \"2023-02-30\", \"matters\": []}",
    );
    let wrong_type_as_of = file(
        "int-as-of.json",
        br#"{"schema": "duban-caseload/1", "as_of": 20231110, "matters": []}"#,
    );
    let matters_not_array = file(
        "matters-object.json",
        b"{\"schema\": \"duban-caseload/1\",\n  \"matters\": {}}",
    );
    let truncated = file(
        "truncated.json",
        br#"{"schema": "duban-caseload/1", "as_of": "2023-11-10", "matters": [{"id": "A-1", "kind": "#,
    );
    let no_as_of = file(
        "no-as-of.json",
        br#"{"schema": "duban-caseload/1", "matters": []}"#,
    );
    let matter_int = file(
        "matter-int.json",
        b"{\"schema\": \"duban-caseload/1\", \"as_of\": \"2023-11-10\",\n \"matters\": [1]}",
    );
    let matter_kind = file(
        "matter-kind.json",
        b"{\"schema\": \"duban-caseload/1\", \"as_of\": \"2023-11-10\", \"matters\": [\n\n  {\"id\": \"M-2\", \"kind\": 5}]}",
    );
    let matter_date = file(
        "matter-date.json",
        r#"{"schema": "duban-caseload/1", "as_of": "2023-11-10", "matters": [
  {"id": "M-3", "kind": "meeting_follow_up", "unit": "市发改委", "meeting": {"date": "2023-09-31", "kind": "executive"}, "events": []}]}"#
            .as_bytes(),
    );
    let matter_missing = file(
        "matter-missing.json",
        br#"{"schema": "duban-caseload/1", "as_of": "2023-11-10", "matters": [{"id": "M-4"}]}"#,
    );
    let latin1 = file("latin1.json", b"{\"schema\": \"duban-caseload/1\xe9\"}");
    let policy_syntax = file("policy-syntax.json", b"{\n  \"schema\": ,\n}");
    let policy_type = file("policy-type.json", br#"{"schema": 1}"#);
    let policy_unknown = file(
        "policy-unknown.json",
        br#"{"schema": "duban-policy/1", "frobnicate": true}"#,
    );
    let policy_empty = file("policy-empty.json", b"");
    let notice_bad = file(
        "notice-bad.txt",
        "notice 县政办发〔2023〕5号\nsigned 2023-13-01\n".as_bytes(),
    );
    let notice_empty = file("notice-empty.txt", b"");
    let caseload = format!(
        "{}/../examples/data/caseload.json",
        env!("CARGO_MANIFEST_DIR")
    );

    let cases = vec![
        // The command line: exit status 2.
        case("unknown command", &["frobnicate"], 2, &["frobnicate"]),
        case(
            "unknown option",
            &["day", "2023-01-01", "--frob"],
            2,
            &["--frob"],
        ),
        case("missing argument", &["day"], 2, &["day"]),
        case("broken date", &["day", "2023-02-30"], 2, &["2023-02-30"]),
        case("not a date", &["day", "yesterday"], 2, &["yesterday"]),
        case(
            "bad number",
            &["add-workdays", "2023-01-03", "ten"],
            2,
            &["ten"],
        ),
        case(
            "bad due kind",
            &["due", "weekly-report", "2023-01-03"],
            2,
            &["weekly-report"],
        ),
        case(
            "bad trigger",
            &["due", "monthly-report", "2023-13"],
            2,
            &["2023-13"],
        ),
        case(
            "bad meeting kind",
            &[
                "due",
                "meeting-follow-up",
                "2023-09-20",
                "--meeting-kind",
                "cabinet",
            ],
            2,
            &["cabinet"],
        ),
        case(
            "bad --as-of",
            &["check", &caseload, "--as-of", "2023-11-31"],
            2,
            &["2023-11-31"],
        ),
        case(
            "bad --format",
            &["check", &caseload, "--format", "xml"],
            2,
            &["xml"],
        ),
        // Everything else: exit status 1.
        case(
            "outside coverage",
            &["day", "2040-01-02"],
            1,
            &["2040-01-02"],
        ),
        case(
            "range too long",
            &["calendar", "2026-01-01", "2020-01-01"],
            1,
            &["2020-01-01"],
        ),
        case(
            "missing caseload",
            &["check", "/no/such/caseload.json"],
            1,
            &["/no/such/caseload.json"],
        ),
        case(
            "caseload is a directory",
            &["check", &dir_path],
            1,
            &[&dir_path],
        ),
        case("empty caseload", &["check", &empty], 1, &[&empty]),
        case("non-JSON caseload", &["check", &not_json], 1, &[&not_json]),
        case("caseload is an array", &["check", &array], 1, &[&array]),
        case(
            "caseload without schema",
            &["check", &no_schema],
            1,
            &[&no_schema, "schema"],
        ),
        case(
            "caseload with a broken as_of",
            &["check", &bad_as_of],
            1,
            &[&bad_as_of, "2023-02-30", "2"],
        ),
        case(
            "caseload with an integer as_of",
            &["check", &wrong_type_as_of],
            1,
            &[&wrong_type_as_of],
        ),
        case(
            "matters is not an array",
            &["check", &matters_not_array],
            1,
            &[&matters_not_array, "2"],
        ),
        case(
            "caseload without as_of",
            &["check", &no_as_of],
            1,
            &[&no_as_of, "--as-of"],
        ),
        stdin_case(
            "stdin without as_of",
            &["check", "-"],
            br#"{"schema": "duban-caseload/1", "matters": []}"#,
            &["--as-of"],
        ),
        case("caseload not UTF-8", &["check", &latin1], 1, &[&latin1]),
        // Problems inside single matters are part of the report (exit status 0).
        case(
            "truncated caseload",
            &["check", &truncated],
            0,
            &["A-1", "1"],
        ),
        case(
            "matter of the wrong type",
            &["check", &matter_int],
            0,
            &["2"],
        ),
        case(
            "matter with a wrong field type",
            &["check", &matter_kind],
            0,
            &["M-2", "3"],
        ),
        case(
            "matter with a broken date",
            &["check", &matter_date],
            0,
            &["M-3", "2023-09-31"],
        ),
        case(
            "matter without a field",
            &["check", &matter_missing],
            0,
            &["M-4"],
        ),
        case(
            "missing policy",
            &[
                "due",
                "monthly-report",
                "2023-01",
                "--policy",
                "/no/such/policy.json",
            ],
            1,
            &["/no/such/policy.json"],
        ),
        case(
            "policy is a directory",
            &["due", "monthly-report", "2023-01", "--policy", &dir_path],
            1,
            &[&dir_path],
        ),
        case(
            "empty policy",
            &[
                "due",
                "monthly-report",
                "2023-01",
                "--policy",
                &policy_empty,
            ],
            1,
            &[&policy_empty],
        ),
        case(
            "policy syntax error",
            &[
                "due",
                "monthly-report",
                "2023-01",
                "--policy",
                &policy_syntax,
            ],
            1,
            &[&policy_syntax, "2"],
        ),
        case(
            "policy wrong type",
            &["due", "monthly-report", "2023-01", "--policy", &policy_type],
            1,
            &[&policy_type],
        ),
        case(
            "policy unknown field",
            &[
                "due",
                "monthly-report",
                "2023-01",
                "--policy",
                &policy_unknown,
            ],
            1,
            &[&policy_unknown, "frobnicate"],
        ),
        case(
            "missing notice",
            &["--notice", "/no/such/notice.txt", "day", "2023-01-03"],
            1,
            &["/no/such/notice.txt"],
        ),
        case(
            "bad notice",
            &["--notice", &notice_bad, "day", "2023-01-03"],
            1,
            &[&notice_bad, "2023-13-01"],
        ),
        case(
            "empty notice",
            &["--notice", &notice_empty, "day", "2023-01-03"],
            1,
            &[&notice_empty],
        ),
        case(
            "trigger before the policy",
            &["due", "monthly-report", "2019-12"],
            1,
            &["2019-12"],
        ),
        stdin_case("empty stdin", &["check", "-"], b"", &[]),
        stdin_case("non-JSON stdin", &["check", "-"], b"hello", &[]),
        stdin_case("stdin wrong type", &["check", "-"], b"1", &[]),
    ];

    let mut failures = Vec::new();
    for case in &cases {
        let typed: Vec<&str> = case
            .args
            .iter()
            .chain(&case.names)
            .map(String::as_str)
            .collect();
        for lang in ["zh", "en"] {
            let (status, line) = run_case(case, lang);
            if status != case.status {
                failures.push(format!(
                    "{} ({lang}): exit {status}, expected {}: {line}",
                    case.what, case.status
                ));
            }
            for name in &case.names {
                if !line.contains(name.as_str()) {
                    failures.push(format!(
                        "{} ({lang}): does not name {name:?}: {line}",
                        case.what
                    ));
                }
            }
            if lang == "zh" {
                // “…” quotes the input (a value, a character found) in a Chinese message.
                let words = english_words(&without_quotes(&line), &typed);
                if !words.is_empty() {
                    failures.push(format!("{}: English words {words:?} in: {line}", case.what));
                }
                if !line.starts_with("duban：错误：") {
                    failures.push(format!("{}: not a Chinese error line: {line}", case.what));
                }
            } else if let Some(name) = without_quotes(&line).split(' ').find(|w| is_type_name(w)) {
                failures.push(format!(
                    "{} (en): internal type name {name:?} in: {line}",
                    case.what
                ));
            } else if without_quotes(&line)
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            {
                failures.push(format!("{} (en): Chinese text in: {line}", case.what));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A Rust type name such as `MatterInput`: an ASCII word with an inner capital.
fn is_type_name(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    word.chars().all(|c| c.is_ascii_alphanumeric())
        && word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && word.chars().skip(1).any(|c| c.is_ascii_uppercase())
        && word.chars().any(|c| c.is_ascii_lowercase())
}

/// `line` without what it quotes (`…`, "…", “…”) and the names of documents (…〔…〕…号,
/// 《…》), which an English message keeps in the original.
fn without_quotes(line: &str) -> String {
    let mut out = String::new();
    let mut closer: Option<char> = None;
    let line: String = line
        .split(' ')
        .filter(|word| !word.contains('〔'))
        .collect::<Vec<_>>()
        .join(" ");
    for c in line.chars() {
        match closer {
            Some(end) if c == end => closer = None,
            Some(_) => {}
            None => match c {
                '`' => closer = Some('`'),
                '"' => closer = Some('"'),
                '“' => closer = Some('”'),
                '《' => closer = Some('》'),
                _ => out.push(c),
            },
        }
    }
    out
}

#[test]
fn the_word_finder_finds_english() {
    assert_eq!(
        english_words("无法读取：No such file", &[]),
        ["No", "such", "file"]
    );
    assert!(english_words("请用 --as-of DATE 指定", &[]).is_empty());
    assert!(is_type_name("MatterInput,"));
    assert!(!is_type_name("JSON") && !is_type_name("Art.") && !is_type_name("Matter"));
    assert!(english_words("“schema”字段应为“duban-caseload/1”", &[]).is_empty());
    assert_eq!(
        english_words("/tmp/x.json：expected value", &["/tmp/x.json"]),
        ["expected", "value"]
    );
}
