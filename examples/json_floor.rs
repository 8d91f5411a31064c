//! The floor of issue 11: the least any serde_json-based reader of a caseload can cost.
//!
//! ```text
//! cargo run --release --example json_floor -- caseload.json
//! ```
//!
//! Reads the file and runs `serde_json::from_slice::<IgnoredAny>` over it (every byte
//! parsed as JSON, nothing kept), then prints the seconds each took on stderr:
//! `read SECONDS parse SECONDS total SECONDS`. `scripts/check_ratio.sh` puts `duban check`
//! beside it.

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: json_floor FILE");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("json_floor: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let read = start.elapsed();
    let parsed = serde_json::from_slice::<serde::de::IgnoredAny>(&bytes);
    let total = start.elapsed();
    if let Err(e) = parsed {
        eprintln!("json_floor: {path}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "read {:.3} parse {:.3} total {:.3}",
        read.as_secs_f64(),
        (total - read).as_secs_f64(),
        total.as_secs_f64()
    );
    ExitCode::SUCCESS
}
