//! Issue 11: `duban check --threads N` prints the same bytes for any N, and a bad N is a
//! usage error in both languages.

#[path = "util/cli.rs"]
mod cli;
use cli::*;

#[path = "../../examples/support/generate.rs"]
#[allow(dead_code)]
mod generate;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/caseload.json"
);

#[test]
fn the_example_report_is_the_same_on_one_and_many_threads() {
    for extra in [
        &[][..],
        &["--no-explain"],
        &["--format", "table"],
        &["--lang", "en"],
    ] {
        let mut one = vec!["check", EXAMPLE, "--threads", "1"];
        one.extend_from_slice(extra);
        let mut four = vec!["check", EXAMPLE, "--threads", "4"];
        four.extend_from_slice(extra);
        let mut default = vec!["check", EXAMPLE];
        default.extend_from_slice(extra);
        let reference = ok(&one);
        assert!(reference.contains("HY-2023-041"));
        assert_eq!(ok(&four), reference, "{extra:?}");
        assert_eq!(ok(&default), reference, "{extra:?}");
    }
}

#[test]
fn a_generated_report_is_the_same_on_one_and_many_threads() {
    let mut json = Vec::new();
    generate::write_caseload(&mut json, 4_000, 5).expect("writes to a Vec");
    let file = TempFile::new(
        "threads-generated.json",
        std::str::from_utf8(&json).expect("UTF-8"),
    );
    let one = ok(&["check", file.path(), "--threads", "1"]);
    assert!(one.contains("\"late_units\""));
    for n in ["2", "3", "8"] {
        assert!(
            ok(&["check", file.path(), "--threads", n]) == one,
            "--threads {n}"
        );
    }
    // From stdin too.
    let stdin = check_success(
        "check - --threads 2",
        run_with_stdin(&["check", "-", "--threads", "2"], &json),
    );
    assert!(stdin == one);
}

#[test]
fn a_bad_thread_count_is_a_usage_error() {
    for bad in ["0", "-1", "x", "1.5", ""] {
        let zh = fails_with(2, &["check", EXAMPLE, "--threads", bad]);
        assert!(zh.contains("--threads"), "{zh}");
        assert!(zh.contains("正整数"), "{zh}");
        assert!(!zh.contains("whole number"), "{zh}");
        let en = fails_with(2, &["--lang", "en", "check", EXAMPLE, "--threads", bad]);
        assert!(en.contains("positive whole number"), "{en}");
    }
    // Another command does not take it.
    fails_with(
        2,
        &[
            "diff",
            "--policy",
            "builtin",
            "--policy",
            "builtin",
            EXAMPLE,
            "--threads",
            "2",
        ],
    );
}

#[test]
fn an_as_of_after_the_matters_gives_the_same_report() {
    // `check` streams the caseload; a document whose `as_of` comes only after its matters
    // is read whole instead, and reports the same.
    let mut json = Vec::new();
    generate::write_caseload(&mut json, 500, 2).expect("writes to a Vec");
    let text = String::from_utf8(json).expect("UTF-8");
    let as_of = "\"as_of\":\"2025-12-01\",";
    assert!(text.contains(as_of), "the generator writes its as_of first");
    let last = format!(
        "{},\"as_of\":\"2025-12-01\"}}",
        text.replacen(as_of, "", 1).trim_end().trim_end_matches('}')
    );
    let first = TempFile::new("as-of-first.json", &text);
    let after = TempFile::new("as-of-last.json", &last);
    for extra in [&[][..], &["--lang", "en", "--no-explain"]] {
        let mut a = vec!["check", first.path(), "--threads", "2"];
        a.extend_from_slice(extra);
        let mut b = vec!["check", after.path(), "--threads", "2"];
        b.extend_from_slice(extra);
        let reference = ok(&a);
        assert!(ok(&b) == reference, "{extra:?}");
        let mut c = vec!["check", after.path(), "--as-of", "2025-12-01"];
        c.extend_from_slice(extra);
        assert!(ok(&c) == reference, "{extra:?} with --as-of");
        let stdin = check_success(
            "check - (as_of last)",
            run_with_stdin(&["check", "-"], last.as_bytes()),
        );
        assert!(stdin == ok(&["check", first.path()]));
    }
}
