//! The batch check: each matter's obligations and statuses, and what the regulation derives
//! from them across the caseload.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;

use super::input::{EventInput, EventName, MatterInput, MatterKind, PlanListing, Progress};
use super::lookup::ReportedItems;
use super::report::*;
use super::Caseload;
use crate::{
    AccountabilityEvent, AccountabilityState, AnnualPlan, Calendar, Error, ErrorKind,
    EscalationEvent, EscalationState, InspectionEvent, InspectionState, Language, Obligation,
    Policy, Quarter, Remedy, ReportEvent, ReportState, Result, ReturnReason, Status,
};

/// A matter-level problem, before it becomes an [`InputError`].
struct Problem {
    code: &'static str,
    zh: String,
    en: String,
}

impl Problem {
    fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            code,
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl From<Error> for Problem {
    fn from(e: Error) -> Problem {
        let code = match e.kind() {
            ErrorKind::OutsideCoverage => "outside_coverage",
            ErrorKind::PolicyNotInForce => "policy_not_in_force",
            ErrorKind::IllegalTransition => "illegal_transition",
            _ => "invalid_value",
        };
        Problem::new(
            code,
            e.message(Language::Chinese),
            e.message(Language::English),
        )
    }
}

fn missing(field: &str, kind: MatterKind) -> Problem {
    Problem::new(
        "missing_field",
        format!("{} 类事项缺少字段“{field}”", kind.code()),
        format!("a {} matter needs the field `{field}`", kind.code()),
    )
}

fn not_allowed(event: &EventInput, index: usize, kind: MatterKind, allowed: &str) -> Problem {
    let name = event_name(event.event);
    Problem::new(
        "event_not_allowed",
        format!(
            "第{}个事件“{name}”不适用于 {} 类事项（可用：{allowed}）",
            index + 1,
            kind.code()
        ),
        format!(
            "event {} `{name}` is not an event of a {} matter (allowed: {allowed})",
            index + 1,
            kind.code()
        ),
    )
}

pub(crate) fn event_name(e: EventName) -> String {
    serde_json::to_value(e)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// What checking one matter yields.
struct Checked<'a> {
    report: MatterReport,
    /// For progress reports: the latest submission on or before the as-of day.
    latest_submission: Option<&'a EventInput>,
    return_required: Option<ReturnRequired>,
    violations: Vec<InspectionViolation>,
}

pub(crate) fn run(
    caseload: &Caseload,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> Result<CheckReport> {
    // The as-of day must be answerable: every status is counted from it.
    calendar.is_workday(as_of)?;
    let mut report = CheckReport::new(as_of, policy, calendar);
    report.matters.reserve_exact(caseload.matters.len());
    report.errors.extend(caseload.errors.iter().cloned());
    let mut seen: HashSet<&str> = HashSet::with_capacity(caseload.matters.len());
    let mut late: HashMap<Arc<str>, Vec<Arc<str>>> = HashMap::new();
    let mut bands: BTreeMap<(Quarter, Arc<str>), QuarterBands> = BTreeMap::new();

    for (index, matter) in &caseload.matters {
        if !seen.insert(&*matter.id) {
            report.errors.push(InputError::new(
                *index,
                Some(matter.id.to_string()),
                "duplicate_id",
                format!("事项编号“{}”重复；只检查第一次出现的事项", matter.id),
                format!(
                    "duplicate id {:?}; only its first occurrence is checked",
                    matter.id
                ),
            ));
            continue;
        }
        match check_matter(matter, policy, calendar, as_of) {
            Err(p) => report.errors.push(InputError::new(
                *index,
                Some(matter.id.to_string()),
                p.code,
                p.zh,
                p.en,
            )),
            Ok(checked) => {
                if matter.kind.is_progress_report() {
                    let is_late = checked.report.obligations.iter().any(|o| {
                        matches!(o.status, Status::Overdue { .. } | Status::MetLate { .. })
                    });
                    if is_late {
                        late.entry(matter.unit.clone())
                            .or_default()
                            .push(matter.id.clone());
                    }
                }
                if let (MatterKind::QuarterlyReport, Some(quarter)) = (matter.kind, matter.quarter)
                {
                    let entry = bands
                        .entry((quarter, matter.sector.clone()))
                        .or_insert_with(|| QuarterBands::new(quarter, &matter.sector));
                    band_items(entry, matter, checked.latest_submission);
                }
                if let Some(r) = checked.return_required {
                    report.returns.push(r);
                }
                report.inspection_violations.extend(checked.violations);
                report.matters.push(checked.report);
            }
        }
    }

    let threshold = policy.parameters.late_reports_for_key_supervision.value;
    report.late_units = late
        .into_iter()
        .map(|(unit, matters)| LateUnit {
            key_supervision_trigger: matters.len() as u64 >= u64::from(threshold),
            late_reports: matters.len(),
            unit,
            matters,
        })
        .collect();
    report
        .late_units
        .sort_unstable_by(|a, b| a.unit.cmp(&b.unit));
    report.quarterly_bands = bands.into_values().collect();
    report.errors.sort_by_key(|e| e.index);
    report.summarise();
    Ok(report)
}

/// Sorts the quarter's decided items into Art. 7's three bands.
fn band_items(bands: &mut QuarterBands, matter: &MatterInput, reported: Option<&EventInput>) {
    let reported = ReportedItems::new(reported.and_then(|e| e.items.as_deref()).unwrap_or(&[]));
    for item in &matter.items {
        let progress = reported.get(&item.id).map(|r| r.progress);
        let entry = ItemRef {
            matter: matter.id.clone(),
            item: item.id.clone(),
            not_reported: progress.is_none(),
        };
        match progress {
            Some(Progress::Completed) => bands.completed.push(entry),
            Some(Progress::OnSchedule) => bands.progressing_well.push(entry),
            Some(Progress::BehindSchedule) | None => bands.progressing_slowly.push(entry),
        }
    }
}

fn check_matter<'a>(
    m: &'a MatterInput,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<Checked<'a>, Problem> {
    // Events must be in date order; those after the as-of day have not happened yet.
    if let Some(w) = m.events.windows(2).position(|w| w[1].on < w[0].on) {
        let (a, b) = (&m.events[w], &m.events[w + 1]);
        return Err(Problem::new(
            "out_of_order",
            format!(
                "事件顺序颠倒：第{}个事件（{}）早于第{}个事件（{}）",
                w + 2,
                b.on,
                w + 1,
                a.on
            ),
            format!(
                "events out of order: event {} ({}) is dated before event {} ({})",
                w + 2,
                b.on,
                w + 1,
                a.on
            ),
        ));
    }
    let events = &m.events[..m.events.partition_point(|e| e.on <= as_of)];
    let mut checked = Checked {
        report: MatterReport::new(m),
        latest_submission: None,
        return_required: None,
        violations: Vec::new(),
    };
    match m.kind {
        MatterKind::MeetingFollowUp => {
            let meeting = m
                .meeting
                .as_ref()
                .ok_or_else(|| missing("meeting", m.kind))?;
            let o = Obligation::MeetingFollowUp {
                meeting: meeting.date,
                kind: meeting.kind,
            };
            progress_report(&mut checked, m, o, events, policy, calendar, as_of)?;
        }
        MatterKind::MonthlyReport => {
            let month = m.month.ok_or_else(|| missing("month", m.kind))?;
            progress_report(
                &mut checked,
                m,
                Obligation::MonthlyReport { month },
                events,
                policy,
                calendar,
                as_of,
            )?;
        }
        MatterKind::QuarterlyReport => {
            let quarter = m.quarter.ok_or_else(|| missing("quarter", m.kind))?;
            progress_report(
                &mut checked,
                m,
                Obligation::QuarterlyReport { quarter },
                events,
                policy,
                calendar,
                as_of,
            )?;
        }
        MatterKind::YearEndSummary => {
            let year = m.year.ok_or_else(|| missing("year", m.kind))?;
            progress_report(
                &mut checked,
                m,
                Obligation::YearEndSummary { year },
                events,
                policy,
                calendar,
                as_of,
            )?;
        }
        MatterKind::Inspection => inspection(&mut checked, m, events, policy, calendar, as_of)?,
        MatterKind::Accountability => {
            accountability(&mut checked, m, events, policy, calendar, as_of)?
        }
        MatterKind::Escalation => {
            let mut state = EscalationState::new();
            for (i, e) in events.iter().enumerate() {
                let event = match e.event {
                    EventName::RequestEscalation => EscalationEvent::RequestEscalation {
                        on: e.on,
                        grounds: e.grounds.clone(),
                    },
                    EventName::Approve => EscalationEvent::Approve { on: e.on },
                    EventName::Decline => EscalationEvent::Decline { on: e.on },
                    _ => {
                        return Err(not_allowed(
                            e,
                            i,
                            m.kind,
                            "request_escalation, approve, decline",
                        ))
                    }
                };
                state = state.apply(&event).map_err(|err| at_event(err, i))?;
            }
            checked.report.set_state(
                state.name(),
                [
                    state.label(Language::Chinese),
                    state.label(Language::English),
                ],
            );
        }
    }
    Ok(checked)
}

fn at_event(err: Error, index: usize) -> Problem {
    let mut p = Problem::from(err);
    p.zh = format!("第{}个事件：{}", index + 1, p.zh);
    p.en = format!("event {}: {}", index + 1, p.en);
    p
}

fn obligation_report(
    o: Obligation,
    met_on: Option<NaiveDate>,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<ObligationReport, Problem> {
    let deadline = o.deadline(policy, calendar)?;
    let status = deadline.status(calendar, met_on, as_of)?;
    Ok(ObligationReport {
        deadline,
        met_on: met_on.filter(|d| *d <= as_of),
        status,
    })
}

/// D1, D2, D3, D7: the submit / return / accept cycle of Art. 9 ¶2.
fn progress_report<'a>(
    checked: &mut Checked<'a>,
    m: &'a MatterInput,
    o: Obligation,
    events: &'a [EventInput],
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<(), Problem> {
    let mut state = ReportState::new();
    // The items of the latest submission, and whether it has been reviewed since.
    let mut latest: Option<(&EventInput, bool)> = None;
    for (i, e) in events.iter().enumerate() {
        let event = match e.event {
            EventName::Submit => ReportEvent::Submit { on: e.on },
            EventName::Return => ReportEvent::Return {
                on: e.on,
                remedy: e.remedy.ok_or_else(|| {
                    Problem::new(
                        "missing_field",
                        format!("第{}个事件“return”缺少 remedy（redo 或 supplement）", i + 1),
                        format!(
                            "event {} `return` needs `remedy` (redo or supplement)",
                            i + 1
                        ),
                    )
                })?,
                reasons: e.reasons.clone(),
            },
            EventName::Accept => ReportEvent::Accept { on: e.on },
            _ => return Err(not_allowed(e, i, m.kind, "submit, return, accept")),
        };
        state = state.apply(&event).map_err(|err| at_event(err, i))?;
        match e.event {
            EventName::Submit => latest = Some((e, false)),
            _ => {
                if let Some(l) = latest.as_mut() {
                    l.1 = true;
                }
            }
        }
    }
    checked.report.set_state(
        state.name(),
        [
            state.label(Language::Chinese),
            state.label(Language::English),
        ],
    );
    let met_on = state.credited_submission(policy.parameters.supplement_credit.value);
    // One obligation: allocate exactly that (a default Vec would reserve four).
    checked.report.obligations = vec![obligation_report(o, met_on, policy, calendar, as_of)?];

    if let Some((submission, reviewed)) = latest {
        checked.latest_submission = Some(submission);
        if !reviewed && m.kind != MatterKind::YearEndSummary {
            checked.return_required = deficiencies(m, submission);
        }
    }
    Ok(())
}

/// Art. 9: “报送材料必须简明扼要、不漏项，项目类进展情况要说明形象进度，已完成工作要报送印证资料。”
fn deficiencies(m: &MatterInput, submission: &EventInput) -> Option<ReturnRequired> {
    let reported = ReportedItems::new(submission.items.as_deref().unwrap_or(&[]));
    let mut findings = Vec::new();
    for item in &m.items {
        match reported.get(&item.id) {
            None => findings.push(ReturnFinding {
                reason: ReturnReason::MissingItem,
                item: item.id.clone(),
            }),
            Some(r) => {
                let no_text =
                    |t: &Option<String>| t.as_deref().map_or(true, |s| s.trim().is_empty());
                if item.category == super::input::ItemCategory::Project
                    && r.progress != Progress::Completed
                    && no_text(&r.physical_progress)
                {
                    findings.push(ReturnFinding {
                        reason: ReturnReason::NoPhysicalProgress,
                        item: item.id.clone(),
                    });
                }
                if r.progress == Progress::Completed
                    && r.evidence.iter().all(|e| e.trim().is_empty())
                {
                    findings.push(ReturnFinding {
                        reason: ReturnReason::NoEvidence,
                        item: item.id.clone(),
                    });
                }
            }
        }
    }
    if findings.is_empty() {
        return None;
    }
    // Nothing usable at all is redone; a report that is only incomplete is supplemented.
    let none_reported = m.items.iter().all(|item| reported.get(&item.id).is_none());
    Some(ReturnRequired {
        matter: m.id.clone(),
        unit: m.unit.clone(),
        submitted_on: submission.on,
        remedy: if none_reported {
            Remedy::Redo
        } else {
            Remedy::Supplement
        },
        findings,
    })
}

/// The events of an inspection, as error messages list them.
const INSPECTION_EVENTS: &str = "apply, approve, reject, file, start";

/// Art. 10: D4 and D5 for an inspection not in the annual plan, and the violations.
fn inspection<'a>(
    checked: &mut Checked<'a>,
    m: &'a MatterInput,
    events: &'a [EventInput],
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<(), Problem> {
    let listing = m
        .annual_plan
        .ok_or_else(|| missing("annual_plan", m.kind))?;
    let planned_start = m.start.ok_or_else(|| missing("start", m.kind))?;
    let plan = match listing {
        PlanListing::Listed => AnnualPlan::Listed,
        PlanListing::NotListed => AnnualPlan::NotListed,
    };
    let mut state = InspectionState::new(plan);
    let (mut applied_on, mut approved_on, mut started_on) = (None, None, None);
    // An approval (or application) that comes after an unapproved start is late, not an
    // input error: it still meets D5 (late), and the start stays a `no_approval` finding.
    let (mut started_unapproved, mut late_approval) = (false, None);
    for (i, e) in events.iter().enumerate() {
        if started_unapproved && e.event != EventName::Start {
            match e.event {
                EventName::Approve => late_approval = late_approval.or(Some(e.on)),
                EventName::Apply => applied_on = applied_on.or(Some(e.on)),
                EventName::Reject | EventName::File => {}
                _ => return Err(not_allowed(e, i, m.kind, INSPECTION_EVENTS)),
            }
            continue;
        }
        let event = match e.event {
            EventName::Apply => InspectionEvent::Apply { on: e.on },
            EventName::Approve => InspectionEvent::Approve { on: e.on },
            EventName::Reject => InspectionEvent::Reject { on: e.on },
            EventName::File => InspectionEvent::File { on: e.on },
            EventName::Start => InspectionEvent::Start { on: e.on },
            _ => return Err(not_allowed(e, i, m.kind, INSPECTION_EVENTS)),
        };
        if e.event == EventName::Start && !state.may_start() && listing == PlanListing::NotListed {
            // Carried out without approval: a finding, not an input error.
            if started_on.is_some() {
                return Err(at_event(
                    state
                        .apply(&event)
                        .err()
                        .unwrap_or_else(|| Error::invalid_input("重复开始", "started twice")),
                    i,
                ));
            }
            started_on = Some(e.on);
            started_unapproved = true;
            state = InspectionState::CarriedOut {
                on: e.on,
                applied_on,
                approved_on: None,
                filed_on: None,
            };
            continue;
        }
        state = state.apply(&event).map_err(|err| at_event(err, i))?;
        match e.event {
            EventName::Apply => applied_on = Some(e.on),
            EventName::Approve => approved_on = Some(e.on),
            EventName::Start => started_on = Some(e.on),
            _ => {}
        }
    }
    checked.report.set_state(
        state.name(),
        [
            state.label(Language::Chinese),
            state.label(Language::English),
        ],
    );
    if listing == PlanListing::Listed {
        return Ok(());
    }
    // The deadlines count from the day it actually started, if it has.
    let start = started_on.unwrap_or(planned_start);
    let application = obligation_report(
        Obligation::InspectionApplication { start },
        applied_on,
        policy,
        calendar,
        as_of,
    )?;
    let approval = obligation_report(
        Obligation::InspectionApproval { start },
        approved_on.or(late_approval),
        policy,
        calendar,
        as_of,
    )?;
    if let Some(on) = started_on {
        let mut flag = |violation: ViolationKind| {
            checked.violations.push(InspectionViolation {
                matter: m.id.clone(),
                unit: m.unit.clone(),
                violation,
                started_on: on,
                applied_on,
                application_due: application.deadline.due(),
                approved_on,
            })
        };
        match applied_on {
            None => flag(ViolationKind::NoApplication),
            Some(a) if a > application.deadline.due() => flag(ViolationKind::LateApplication),
            Some(_) => {}
        }
        if approved_on.is_none() {
            flag(ViolationKind::NoApproval);
        }
    }
    // A rejected inspection that has not started may not be carried out at all: no approval
    // is due any more, only the application remains on record.
    let rejected = matches!(state, InspectionState::Rejected { .. });
    checked.report.obligations = if rejected {
        vec![application]
    } else {
        vec![application, approval]
    };
    Ok(())
}

/// Art. 12 (3): the accountability workflow, and D6 once the interview is held.
fn accountability<'a>(
    checked: &mut Checked<'a>,
    m: &'a MatterInput,
    events: &'a [EventInput],
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<(), Problem> {
    let mut state = AccountabilityState::new();
    let (mut interview, mut plan_on) = (None, None);
    for (i, e) in events.iter().enumerate() {
        let event = match e.event {
            EventName::PlaceUnderKeySupervision => AccountabilityEvent::PlaceUnderKeySupervision {
                on: e.on,
                triggers: e.triggers.clone(),
                rectify_by: e.rectify_by.ok_or_else(|| {
                    Problem::new(
                        "missing_field",
                        format!("第{}个事件“place_under_key_supervision”缺少 rectify_by（整改期限）", i + 1),
                        format!("event {} `place_under_key_supervision` needs `rectify_by`", i + 1),
                    )
                })?,
            },
            EventName::Rectify => AccountabilityEvent::Rectify { on: e.on },
            EventName::ProposeInterview => AccountabilityEvent::ProposeInterview { on: e.on },
            EventName::ApproveInterview => AccountabilityEvent::ApproveInterview { on: e.on },
            EventName::HoldInterview => AccountabilityEvent::HoldInterview { on: e.on },
            EventName::SubmitPlan => AccountabilityEvent::SubmitPlan { on: e.on },
            EventName::Resolve => AccountabilityEvent::Resolve { on: e.on },
            EventName::GradePoor => AccountabilityEvent::GradePoor { on: e.on },
            EventName::Refer => AccountabilityEvent::Refer { on: e.on },
            _ => {
                return Err(not_allowed(
                    e,
                    i,
                    m.kind,
                    "place_under_key_supervision, rectify, propose_interview, approve_interview, hold_interview, submit_plan, resolve, grade_poor, refer",
                ))
            }
        };
        state = state.apply(&event).map_err(|err| at_event(err, i))?;
        match e.event {
            EventName::HoldInterview => interview = Some(e.on),
            EventName::SubmitPlan => plan_on = Some(e.on),
            _ => {}
        }
    }
    checked.report.set_state(
        state.name(),
        [
            state.label(Language::Chinese),
            state.label(Language::English),
        ],
    );
    if let Some(interview) = interview {
        checked.report.obligations = vec![obligation_report(
            Obligation::RectificationPlan { interview },
            plan_on,
            policy,
            calendar,
            as_of,
        )?];
    }
    Ok(())
}

/// Lookup of matters by id, for the what-if comparison.
pub(crate) fn index_by_id(report: &CheckReport) -> HashMap<&str, &MatterReport> {
    report.matters.iter().map(|m| (&*m.id, m)).collect()
}
