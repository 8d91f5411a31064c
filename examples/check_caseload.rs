//! Checks the example caseload: late units and who must be put under key supervision.
//!
//! ```text
//! cargo run --example check_caseload [FILE]
//! ```

use duban::{Calendar, Caseload, Language, Policy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/data/caseload.json".to_owned());
    let caseload = Caseload::from_json(std::fs::read(&path)?)?;
    let as_of = caseload.as_of().ok_or("the caseload has no as_of")?;
    let report = duban::check(&caseload, &Policy::ankang_2020(), &Calendar::china(), as_of)?;
    for unit in &report.late_units {
        println!(
            "{}: {} late report(s){}",
            unit.unit,
            unit.late_reports,
            if unit.key_supervision_trigger {
                ", key supervision (重点督办)"
            } else {
                ""
            }
        );
    }
    print!("{}", report.to_table(Language::Chinese));
    Ok(())
}
