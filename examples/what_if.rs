//! Runs the same caseload under the built-in policy and under a changed one, and prints
//! what moves.
//!
//! ```text
//! cargo run --example what_if
//! ```

use duban::{Calendar, Caseload, Language, Policy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let caseload = Caseload::from_json(std::fs::read("examples/data/caseload.json")?)?;
    let as_of = caseload.as_of().ok_or("the caseload has no as_of")?;
    let changed = Policy::from_json(&std::fs::read_to_string(
        "examples/data/policy-meeting-20-working-days.json",
    )?)?;
    let diff = duban::what_if(
        &caseload,
        &Policy::ankang_2020(),
        &changed,
        &Calendar::china(),
        as_of,
    )?;
    print!("{}", diff.to_table(Language::English));
    Ok(())
}
