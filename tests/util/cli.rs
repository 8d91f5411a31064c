//! Running the compiled `duban` example (examples/duban.rs) from the command-line tests
//! (`tests/cli.rs`, `tests/cli_rules.rs`), with checks shared by every call: a failing call
//! gives exactly one line on stderr, nothing on stdout, exit status 1 or 2, and no panic.
//! `#[track_caller]` makes a failure point at the test line that called the helper.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The example binary: `target/<profile>/examples/duban`, beside this test's `deps/`.
///
/// `cargo test` builds the examples before it runs the tests; `cargo test --test cli` does
/// not, so the binary is (re)built here once, which is a no-op when it is up to date.
pub fn bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("path of the test binary");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("the test binary lives in target/<profile>/deps");
        let bin = profile_dir
            .join("examples")
            .join(format!("duban{}", std::env::consts::EXE_SUFFIX));
        if let (Some(cargo), Some(target_dir), Some(profile)) = (
            std::env::var_os("CARGO"),
            profile_dir.parent(),
            profile_dir.file_name().and_then(|p| p.to_str()),
        ) {
            let mut build = Command::new(cargo);
            build
                .args(["build", "--quiet", "--example", "duban", "--manifest-path"])
                .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
                .arg("--target-dir")
                .arg(target_dir);
            if profile != "debug" {
                build.args(["--profile", profile]);
            }
            let out = build.output().expect("run cargo build --example duban");
            assert!(
                out.status.success(),
                "cargo build --example duban failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(
            bin.exists(),
            "{} not found: run `cargo build --example duban` or `cargo test`",
            bin.display()
        );
        bin
    })
}

pub fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run the duban example")
}

/// Runs the example with `input` on its stdin.
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the duban example");
    let mut stdin = child.stdin.take().expect("piped stdin");
    // The example may stop reading early (a usage error): a broken pipe is not a failure.
    let _ = stdin.write_all(input);
    drop(stdin);
    child
        .wait_with_output()
        .expect("wait for the duban example")
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
