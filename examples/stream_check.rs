//! Checks a caseload of any size read from a file or stdin a window at a time, on every
//! core, and writes the `duban-report/1` JSON to stdout: the memory it needs does not grow
//! with the number of matters' entries (they wait in an unlinked temporary file beyond
//! 64 MiB). The summary goes to stderr.
//!
//! ```text
//! cargo run --example stream_check [FILE|-]      # default: the example caseload
//! ```

use std::io::{self, Read, Write};

use duban::{Calendar, CaseloadReader, Language, Policy, StreamOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/data/caseload.json".to_owned());
    let input: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&path)?)
    };
    // Up to the matters: the document's as_of, if it comes before them.
    let reader = CaseloadReader::open(input)?;
    let as_of = reader
        .as_of()
        .ok_or("the caseload has no as_of before its matters")?;
    let options = StreamOptions {
        threads: 0, // one per core
        language: Language::English,
        ..StreamOptions::default()
    };
    let streamed = reader.check(&Policy::ankang_2020(), &Calendar::china(), as_of, &options)?;
    let s = &streamed.report().summary;
    eprintln!(
        "{} matters, {} checked, {} errors; {} overdue obligations; {} units for key supervision",
        s.matters, s.checked, s.errors, s.overdue, s.key_supervision_units
    );
    let mut out = io::BufWriter::new(io::stdout().lock());
    streamed.write_json(&mut out)?;
    out.write_all(b"\n")?;
    Ok(())
}
