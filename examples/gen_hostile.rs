//! Writes one valid but hostile input to stdout (see `examples/support/hostile.rs`):
//!
//! ```text
//! cargo run --release --example gen_hostile -- items N       > items.json    # check, diff
//! cargo run --release --example gen_hostile -- named-days N  > notice.txt    # --notice
//! cargo run --release --example gen_hostile -- late-units N  > late.json     # diff
//! cargo run --release --example gen_hostile -- wide-cell BYTES [ORDINARY] > wide.json  # check --format table
//! ```
//!
//! Each shape grows in one dimension; 4x the `N` should cost about 4x the time.

#[path = "support/hostile.rs"]
mod hostile;

use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize| args.get(i).and_then(|s| s.parse::<usize>().ok());
    let text = match (args.first().map(String::as_str), number(1)) {
        (Some("items"), Some(n)) => hostile::items(n),
        (Some("named-days"), Some(n)) => hostile::named_days(n),
        (Some("late-units"), Some(n)) => hostile::late_units(n),
        (Some("wide-cell"), Some(n)) => hostile::wide_cell(n, number(2).unwrap_or(1000)),
        _ => {
            eprintln!(
                "usage: gen_hostile items N | named-days N | late-units N | wide-cell BYTES [ORDINARY]"
            );
            return ExitCode::from(2);
        }
    };
    match io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_hostile: {e}");
            ExitCode::FAILURE
        }
    }
}
