//! The `apply` and `next` sections of the shared conformance cases
//! (`conformance/cases.json`) run through the command-line tool itself: `duban apply` prints
//! each expected next state and `duban next` each expected JSON, byte for byte (plus the
//! final newline); a refused case exits with status 1 and the expected message, in Chinese
//! by default and in English with `--lang en`.

use serde_json::Value;

#[path = "util/cli.rs"]
mod cli;
use cli::*;

fn root() -> String {
    format!("{}/..", env!("CARGO_MANIFEST_DIR"))
}

fn cases(section: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(format!("{}/conformance/cases.json", root())).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let cases = doc[section].as_array().unwrap().clone();
    assert!(cases.len() >= 20, "{section}: {} cases", cases.len());
    cases
}

/// Checks one run against a case: its `expect` on stdout, or its error's message on stderr
/// in the language of the run.
#[track_caller]
fn compare(case: &Value, out: std::process::Output, lang: &str) {
    let name = &case["name"];
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    match case["expect"].as_str() {
        Some(expect) => {
            assert!(out.status.success(), "{name}: {stderr}");
            assert_eq!(stdout, format!("{expect}\n"), "{name}");
        }
        None => {
            assert_eq!(out.status.code(), Some(1), "{name}: {stdout}");
            let message = case["message"][lang].as_str().unwrap();
            assert!(stderr.contains(message), "{name}: {stderr} lacks {message}");
            assert_eq!(stdout, "", "{name}");
        }
    }
}

#[test]
fn apply_gives_every_conformance_answer() {
    for case in cases("apply") {
        let (state, event) = (
            case["state"].as_str().unwrap(),
            case["event"].as_str().unwrap(),
        );
        compare(&case, run(&["apply", state, event]), "zh");
        if case.get("error").is_some() {
            compare(&case, run(&["--lang", "en", "apply", state, event]), "en");
        }
    }
}

#[test]
fn next_gives_every_conformance_answer() {
    for case in cases("next") {
        let lang = case["lang"].as_str().unwrap_or("zh");
        let id = case["id"].as_str().unwrap();
        let mut args = vec!["--lang", lang, "next"];
        let path = case["caseload"].as_str().map(|p| format!("{}/{p}", root()));
        args.push(path.as_deref().unwrap_or("-"));
        args.push(id);
        if let Some(as_of) = case["as_of"].as_str() {
            args.extend(["--as-of", as_of]);
        }
        let input = case["caseload_text"].as_str().unwrap_or("");
        compare(&case, run_with_stdin(&args, input.as_bytes()), lang);
    }
}
