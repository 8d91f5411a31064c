//! Running the compiled `duban` binary (cli/src/main.rs) from the command-line tests
//! (`tests/cli.rs`, `tests/cli_rules.rs`), with checks shared by every call: a failing call
//! gives exactly one line on stderr, nothing on stdout, exit status 1 or 2, and no panic.
//! `#[track_caller]` makes a failure point at the test line that called the helper.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `duban` binary of this package, built by cargo before the tests run.
pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_duban"))
}

pub fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run the duban binary")
}

/// Runs the example with `input` on its stdin.
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the duban binary");
    let mut stdin = child.stdin.take().expect("piped stdin");
    // The example may stop reading early (a usage error): a broken pipe is not a failure.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("wait for the duban binary")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// Runs a call that must succeed: exit 0, nothing on stderr. Returns stdout.
#[track_caller]
pub fn ok(args: &[&str]) -> String {
    check_success(&format!("{args:?}"), run(args))
}

/// Checks a run that must have succeeded: exit 0, nothing on stderr. Returns stdout.
#[track_caller]
pub fn check_success(what: &str, out: Output) -> String {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(
        out.status.success(),
        "duban {what} failed with {:?}: {stderr}",
        out.status.code()
    );
    assert_eq!(stderr, "", "duban {what} wrote to stderr");
    stdout
}

/// Runs a call that must fail cleanly: non-zero exit, empty stdout, exactly one line on
/// stderr, no panic. Returns (exit code, the stderr line).
#[track_caller]
pub fn fails(args: &[&str]) -> (i32, String) {
    check_failure(&format!("{args:?}"), run(args))
}

#[track_caller]
pub fn check_failure(what: &str, out: Output) -> (i32, String) {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    let code = out.status.code();
    assert!(
        !out.status.success(),
        "duban {what} succeeded, printing {stdout:?}"
    );
    assert!(
        !stderr.contains("panicked"),
        "duban {what} panicked: {stderr}"
    );
    assert!(
        code == Some(1) || code == Some(2),
        "duban {what}: exit status {code:?}, expected 1 or 2: {stderr}"
    );
    assert_eq!(stdout, "", "duban {what} wrote to stdout on failure");
    assert!(
        stderr.ends_with('\n') && stderr.lines().count() == 1,
        "duban {what}: stderr must be exactly one line, got {stderr:?}"
    );
    (code.unwrap_or(-1), stderr)
}

/// A failure with the given exit status; returns the stderr line.
#[track_caller]
pub fn fails_with(code: i32, args: &[&str]) -> String {
    let (got, stderr) = fails(args);
    assert_eq!(got, code, "duban {args:?}: {stderr}");
    stderr
}

/// A file in the temp directory, unique to this test process, removed when dropped.
pub struct TempFile(PathBuf);

impl TempFile {
    pub fn new(name: &str, contents: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!("duban-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).expect("write temp file");
        TempFile(path)
    }

    pub fn path(&self) -> &str {
        self.0.to_str().expect("UTF-8 temp path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
