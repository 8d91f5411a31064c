//! Writes a generated `duban-caseload/1` document to stdout:
//!
//! ```text
//! cargo run --release --example gen_caseload -- N [SEED] > caseload.json
//! ```
//!
//! `N` matters of every kind (see `examples/support/generate.rs`), as of 2025-12-01;
//! `SEED` (default 1) makes other documents of the same shape. The same arguments always
//! give the same bytes. Check the result with
//! `cargo run --release -p duban-cli -- check caseload.json --no-explain`.

#[path = "support/generate.rs"]
mod generate;

use std::io::{self, BufWriter};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [n] => n.parse().ok().map(|n| (n, 1)),
        [n, seed] => n.parse().ok().zip(seed.parse().ok()),
        _ => None,
    };
    let Some((n, seed)) = parsed else {
        eprintln!("usage: gen_caseload N [SEED] > caseload.json   (N matters, SEED default 1)");
        return ExitCode::from(2);
    };
    let out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match generate::write_caseload(out, n, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_caseload: {e}");
            ExitCode::FAILURE
        }
    }
}
