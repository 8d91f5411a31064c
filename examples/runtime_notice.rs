//! Loads a holiday notice at run time (next year's notice, a correction or a local
//! adjustment) on top of the national calendar compiled in.
//!
//! ```text
//! cargo run --example runtime_notice
//! ```

use duban::{parse_date, CalendarBuilder};

fn main() -> Result<(), duban::Error> {
    let county = CalendarBuilder::china()
        .notice_text(
            "notice 县政办发〔2023〕5号\nsigned 2023-04-20\nscope local\n\
             holiday 建城纪念日 2023-05-10\n",
        )?
        .build()?;
    let day = county.day(parse_date("2023-05-10")?)?;
    println!(
        "2023-05-10: {:?}, {} ({})",
        day.kind,
        day.holiday.unwrap_or("-"),
        day.notice.unwrap_or("-")
    );
    // Working days now skip the local day off.
    println!(
        "2 working days after 2023-05-09: {}",
        county.add_workdays(parse_date("2023-05-09")?, 2)?
    );
    Ok(())
}
