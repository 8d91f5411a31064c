//! Running one caseload under two policies.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::check::index_by_id;
use super::Caseload;
use crate::{Calendar, ObligationKind, ParameterChange, Policy, Result, Status};

/// One obligation whose due date or status differs between the two policies.
///
/// ```
/// use duban::{Bound, Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "YB-1", "kind": "monthly_report", "unit": "u", "sector": "s", "month": "2022-01",
///    "events": [{"event": "submit", "on": "2022-01-30"}]}]}"#)?;
/// let a = Policy::ankang_2020();
/// let mut b = a.clone();
/// b.parameters.monthly_report_bound.value = Bound::Exclusive;
/// let w = duban::what_if(&c, &a, &b, &Calendar::china(), duban::parse_date("2022-02-07")?)?;
/// let d = &w.differences[0];
/// assert_eq!((d.due_a.unwrap().to_string(), d.due_b.unwrap().to_string()), ("2022-01-30".into(), "2022-01-29".into()));
/// assert_eq!(d.parameters, ["monthly_report_bound"]);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Difference {
    /// The matter.
    pub matter: String,
    /// The obligation (D1-D7), or `None` when the matter is checked under one policy and
    /// in error under the other.
    pub obligation: Option<ObligationKind>,
    /// The due date under the first policy.
    pub due_a: Option<NaiveDate>,
    /// The due date under the second policy.
    pub due_b: Option<NaiveDate>,
    /// The status under the first policy.
    pub status_a: Option<Status>,
    /// The status under the second policy.
    pub status_b: Option<Status>,
    /// The changed parameters that this obligation depends on.
    pub parameters: Vec<String>,
}

/// A unit whose key-supervision trigger (Art. 12 (3)) differs between the policies.
///
/// ```
/// use duban::{Bound, Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "YB-1", "kind": "monthly_report", "unit": "u", "sector": "s", "month": "2022-01",
///    "events": [{"event": "submit", "on": "2022-01-30"}]}]}"#)?;
/// let a = Policy::ankang_2020();
/// let mut b = a.clone();
/// b.parameters.monthly_report_bound.value = Bound::Exclusive;
/// let w = duban::what_if(&c, &a, &b, &Calendar::china(), duban::parse_date("2022-02-07")?)?;
/// // Submitted on the last working day: late only under the exclusive reading.
/// assert_eq!((w.units[0].key_supervision_a, w.units[0].key_supervision_b), (false, true));
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UnitDifference {
    /// The unit.
    pub unit: String,
    /// Late reports under the first policy.
    pub late_reports_a: usize,
    /// Late reports under the second policy.
    pub late_reports_b: usize,
    /// Key supervision triggered under the first policy.
    pub key_supervision_a: bool,
    /// Key supervision triggered under the second policy.
    pub key_supervision_b: bool,
}

/// What changes when a caseload is checked under a second policy.
///
/// ```
/// use duban::{Bound, Calendar, Caseload, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
///   {"id": "YB-1", "kind": "monthly_report", "unit": "u", "sector": "s", "month": "2022-01",
///    "events": [{"event": "submit", "on": "2022-01-30"}]}]}"#)?;
/// let a = Policy::ankang_2020();
/// let mut b = a.clone();
/// b.parameters.monthly_report_bound.value = Bound::Exclusive;
/// let w = duban::what_if(&c, &a, &b, &Calendar::china(), duban::parse_date("2022-02-07")?)?;
/// assert_eq!(w.matters_compared, 1);
/// assert_eq!(w.changes[0].parameter, "monthly_report_bound");
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct WhatIf {
    /// Always `duban-whatif/1`.
    pub schema: &'static str,
    /// The as-of day.
    pub as_of: NaiveDate,
    /// The first policy's id.
    pub policy_a: String,
    /// The second policy's id.
    pub policy_b: String,
    /// The parameters that differ.
    pub changes: Vec<ParameterChange>,
    /// Matters compared (checked under both).
    pub matters_compared: usize,
    /// Every obligation whose due date or status differs.
    pub differences: Vec<Difference>,
    /// Every unit whose late-report count or key-supervision trigger differs.
    pub units: Vec<UnitDifference>,
}

/// Which changed parameters can move an obligation of this kind.
fn relevant(kind: ObligationKind, changes: &[ParameterChange]) -> Vec<String> {
    let progress_report = matches!(
        kind,
        ObligationKind::MeetingFollowUp
            | ObligationKind::MonthlyReport
            | ObligationKind::QuarterlyReport
            | ObligationKind::YearEndSummary
    );
    changes
        .iter()
        .filter(|c| {
            kind.parameters().contains(&c.parameter.as_str())
                || c.parameter == "in_force_from"
                || (progress_report
                    && matches!(
                        c.parameter.as_str(),
                        "supplement_credit" | "supplement_period"
                    ))
        })
        .map(|c| c.parameter.clone())
        .collect()
}

pub(crate) fn compare(
    caseload: &Caseload,
    a: &Policy,
    b: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> Result<WhatIf> {
    let ra = super::check(caseload, a, calendar, as_of)?;
    let rb = super::check(caseload, b, calendar, as_of)?;
    let changes = a.changes(b);
    let all: Vec<String> = changes.iter().map(|c| c.parameter.clone()).collect();
    let in_b = index_by_id(&rb);
    let mut out = WhatIf {
        schema: "duban-whatif/1",
        as_of,
        policy_a: a.id.clone(),
        policy_b: b.id.clone(),
        changes: changes.clone(),
        matters_compared: 0,
        differences: Vec::new(),
        units: Vec::new(),
    };
    for ma in &ra.matters {
        let Some(mb) = in_b.get(&*ma.id) else {
            out.differences.push(Difference {
                matter: ma.id.to_string(),
                obligation: None,
                due_a: None,
                due_b: None,
                status_a: None,
                status_b: None,
                parameters: all.clone(),
            });
            continue;
        };
        out.matters_compared += 1;
        for (oa, ob) in ma.obligations.iter().zip(&mb.obligations) {
            let (da, db) = (oa.deadline.due(), ob.deadline.due());
            if da != db || oa.status != ob.status {
                out.differences.push(Difference {
                    matter: ma.id.to_string(),
                    obligation: Some(oa.deadline.kind()),
                    due_a: Some(da),
                    due_b: Some(db),
                    status_a: Some(oa.status),
                    status_b: Some(ob.status),
                    parameters: relevant(oa.deadline.kind(), &changes),
                });
            }
        }
    }
    let in_a = index_by_id(&ra);
    for mb in &rb.matters {
        if !in_a.contains_key(&*mb.id) {
            out.differences.push(Difference {
                matter: mb.id.to_string(),
                obligation: None,
                due_a: None,
                due_b: None,
                status_a: None,
                status_b: None,
                parameters: all.clone(),
            });
        }
    }
    // One look-up per unit: a linear search each would be quadratic in the late units.
    let (late_a, late_b) = (by_unit(&ra.late_units), by_unit(&rb.late_units));
    let find = |units: &HashMap<&str, (usize, bool)>, name: &str| {
        units.get(name).copied().unwrap_or((0, false))
    };
    let mut names: Vec<&str> = ra
        .late_units
        .iter()
        .chain(&rb.late_units)
        .map(|u| &*u.unit)
        .collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let (x, y) = (find(&late_a, name), find(&late_b, name));
        if x != y {
            out.units.push(UnitDifference {
                unit: name.to_owned(),
                late_reports_a: x.0,
                late_reports_b: y.0,
                key_supervision_a: x.1,
                key_supervision_b: y.1,
            });
        }
    }
    Ok(out)
}

/// Each late unit's count and trigger, by name.
fn by_unit(units: &[super::LateUnit]) -> HashMap<&str, (usize, bool)> {
    units
        .iter()
        .map(|u| (&*u.unit, (u.late_reports, u.key_supervision_trigger)))
        .collect()
}
