//! A deadline with the explanation a clerk can check, in Chinese and in English.
//!
//! ```text
//! cargo run --example explain
//! ```

use duban::{parse_date, Calendar, Language, Obligation, Policy};

fn main() -> Result<(), duban::Error> {
    let (cal, policy) = (Calendar::china(), Policy::ankang_2020());
    // D6, Art. 12(3): the written rectification plan within 一周 of the interview.
    let plan = Obligation::RectificationPlan {
        interview: parse_date("2023-09-27")?,
    };
    let deadline = plan.deadline(&policy, &cal)?;
    for language in [Language::Chinese, Language::English] {
        for line in deadline.explain(&policy, &cal, language)?.lines {
            println!("{line}");
        }
        println!();
    }
    Ok(())
}
