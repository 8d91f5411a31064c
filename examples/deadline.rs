//! The due date of each obligation of 安政办发〔2020〕1号 for one trigger.
//!
//! ```text
//! cargo run --example deadline
//! ```

use duban::{parse_date, Calendar, MeetingKind, Obligation, Policy};

fn main() -> Result<(), duban::Error> {
    let (cal, policy) = (Calendar::china(), Policy::ankang_2020());
    let obligations = [
        Obligation::MeetingFollowUp {
            meeting: parse_date("2023-09-20")?,
            kind: MeetingKind::Executive,
        },
        Obligation::MonthlyReport {
            month: "2022-01".parse()?,
        },
        Obligation::QuarterlyReport {
            quarter: "2023-Q3".parse()?,
        },
        Obligation::InspectionApplication {
            start: parse_date("2023-10-16")?,
        },
        Obligation::RectificationPlan {
            interview: parse_date("2023-09-27")?,
        },
        Obligation::YearEndSummary { year: 2024 },
    ];
    for obligation in obligations {
        let deadline = obligation.deadline(&policy, &cal)?;
        println!(
            "{:?}: due {}, safe under every reading {}",
            obligation.kind(),
            deadline.due(),
            deadline.earliest()
        );
    }
    Ok(())
}
