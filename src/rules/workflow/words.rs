//! The four workflows in words: for each machine, its name, the one table of its states'
//! names and labels, the table of its events', and which row each state and event takes.
//! The machines' own files hold only what is particular to them (their states, events,
//! transition function and article); everything said about them in words is here.

use super::transition::Label;
use super::{
    AccountabilityEvent, AccountabilityState, EscalationEvent, EscalationState, InspectionEvent,
    InspectionState, Remedy, ReportEvent, ReportState,
};

/// One workflow in words.
pub(super) struct Words<S: 'static, E: 'static> {
    /// The workflow's stable name and how messages name it.
    pub(super) name: Label,
    /// Its states' rows, in the order of the regulation.
    pub(super) states: &'static [Label],
    /// Its events' rows.
    pub(super) events: &'static [Label],
    /// Which row a state takes.
    pub(super) state: fn(&S) -> Label,
    /// Which row an event takes.
    pub(super) event: fn(&E) -> Label,
}

// ---------------------------------------------------------------------------------------
// Report (report.rs)

/// The report workflow in words.
pub(super) const REPORT: Words<ReportState, ReportEvent> = Words {
    name: Label::new("report", "进展情况报送流程", "report workflow"),
    states: &REPORT_STATES,
    events: &REPORT_EVENTS,
    state: report_state,
    event: report_event,
};

/// The report workflow's states, in words.
pub(super) const REPORT_STATES: [Label; 5] = [
    Label::new("awaiting", "待报送", "awaiting submission"),
    Label::new("submitted", "已报送", "submitted"),
    Label::new("returned", "退回补办中", "returned, awaiting supplement"),
    Label::new("returned", "退回重办中", "returned for redo"),
    Label::new("accepted", "已通过", "accepted"),
];

/// Its events, in words.
pub(super) const REPORT_EVENTS: [Label; 3] = [
    Label::new("submit", "报送", "submit"),
    Label::new("return", "退回", "return"),
    Label::new("accept", "审核通过", "accept"),
];

/// A report state's row.
pub(super) fn report_state(state: &ReportState) -> Label {
    let [awaiting, submitted, supplement, redo, accepted] = REPORT_STATES;
    match state {
        ReportState::Awaiting => awaiting,
        ReportState::Submitted { .. } => submitted,
        ReportState::Returned {
            remedy: Remedy::Supplement,
            ..
        } => supplement,
        ReportState::Returned {
            remedy: Remedy::Redo,
            ..
        } => redo,
        ReportState::Accepted { .. } => accepted,
    }
}

/// A report event's row.
pub(super) fn report_event(event: &ReportEvent) -> Label {
    let [submit, ret, accept] = REPORT_EVENTS;
    match event {
        ReportEvent::Submit { .. } => submit,
        ReportEvent::Return { .. } => ret,
        ReportEvent::Accept { .. } => accept,
    }
}

// ---------------------------------------------------------------------------------------
// Inspection (inspection.rs)

/// The inspection workflow in words.
pub(super) const INSPECTION: Words<InspectionState, InspectionEvent> = Words {
    name: Label::new("inspection", "督查检查审批流程", "inspection workflow"),
    states: &INSPECTION_STATES,
    events: &INSPECTION_EVENTS,
    state: inspection_state,
    event: inspection_event,
};

/// The inspection workflow's states, in words.
pub(super) const INSPECTION_STATES: [Label; 7] = [
    Label::new("planned", "已列入年度计划", "in the annual plan"),
    Label::new(
        "proposed",
        "拟开展（未列入年度计划）",
        "proposed, not in the annual plan",
    ),
    Label::new("applied", "已申报", "applied for"),
    Label::new("approved", "已审批", "approved"),
    Label::new("rejected", "未获批准", "rejected"),
    Label::new("filed", "已备案", "approved and filed"),
    Label::new("carried_out", "已实施", "carried out"),
];

/// Its events, in words.
pub(super) const INSPECTION_EVENTS: [Label; 5] = [
    Label::new("apply", "申报", "apply to the Supervision Office"),
    Label::new(
        "approve",
        "分管领导审批同意",
        "approval by the leader in charge",
    ),
    Label::new(
        "reject",
        "分管领导不予批准",
        "refusal by the leader in charge",
    ),
    Label::new(
        "file",
        "报市委督查室备案",
        "filing with the party committee supervision office",
    ),
    Label::new("start", "组织开展", "carry out"),
];

/// A inspection state's row.
pub(super) fn inspection_state(state: &InspectionState) -> Label {
    let [planned, proposed, applied, approved, rejected, filed, carried_out] = INSPECTION_STATES;
    match state {
        InspectionState::Planned => planned,
        InspectionState::Proposed => proposed,
        InspectionState::Applied { .. } => applied,
        InspectionState::Approved { .. } => approved,
        InspectionState::Rejected { .. } => rejected,
        InspectionState::Filed { .. } => filed,
        InspectionState::CarriedOut { .. } => carried_out,
    }
}

/// A inspection event's row.
pub(super) fn inspection_event(event: &InspectionEvent) -> Label {
    let [apply, approve, reject, file, start] = INSPECTION_EVENTS;
    match event {
        InspectionEvent::Apply { .. } => apply,
        InspectionEvent::Approve { .. } => approve,
        InspectionEvent::Reject { .. } => reject,
        InspectionEvent::File { .. } => file,
        InspectionEvent::Start { .. } => start,
    }
}

// ---------------------------------------------------------------------------------------
// Escalation (escalation.rs)

/// The escalation workflow in words.
pub(super) const ESCALATION: Words<EscalationState, EscalationEvent> = Words {
    name: Label::new("escalation", "提级督查流程", "escalation workflow"),
    states: &ESCALATION_STATES,
    events: &ESCALATION_EVENTS,
    state: escalation_state,
    event: escalation_event,
};

/// The escalation workflow's states, in words.
pub(super) const ESCALATION_STATES: [Label; 5] = [
    Label::new("open", "督办中（未催办）", "supervised, not urged"),
    Label::new("urged", "已催办", "urged"),
    Label::new("requested", "已申请提级督查", "escalation requested"),
    Label::new(
        "escalated",
        "提级督查",
        "escalated to the Supervision Office",
    ),
    Label::new("declined", "提级督查未获同意", "escalation declined"),
];

/// Its events, in words.
pub(super) const ESCALATION_EVENTS: [Label; 4] = [
    Label::new("urge", "催办", "urge"),
    Label::new("request_escalation", "申请提级督查", "request escalation"),
    Label::new(
        "approve",
        "市政府秘书长同意",
        "consent of the Secretary-General",
    ),
    Label::new(
        "decline",
        "市政府秘书长不同意",
        "refusal of the Secretary-General",
    ),
];

/// A escalation state's row.
pub(super) fn escalation_state(state: &EscalationState) -> Label {
    let [open, urged, requested, escalated, declined] = ESCALATION_STATES;
    match state {
        EscalationState::Open => open,
        EscalationState::Urged { .. } => urged,
        EscalationState::Requested { .. } => requested,
        EscalationState::Escalated { .. } => escalated,
        EscalationState::Declined { .. } => declined,
    }
}

/// A escalation event's row.
pub(super) fn escalation_event(event: &EscalationEvent) -> Label {
    let [urge, request_escalation, approve, decline] = ESCALATION_EVENTS;
    match event {
        EscalationEvent::Urge { .. } => urge,
        EscalationEvent::RequestEscalation { .. } => request_escalation,
        EscalationEvent::Approve { .. } => approve,
        EscalationEvent::Decline { .. } => decline,
    }
}

// ---------------------------------------------------------------------------------------
// Accountability (accountability.rs)

/// The accountability workflow in words.
pub(super) const ACCOUNTABILITY: Words<AccountabilityState, AccountabilityEvent> = Words {
    name: Label::new("accountability", "问责流程", "accountability workflow"),
    states: &ACCOUNTABILITY_STATES,
    events: &ACCOUNTABILITY_EVENTS,
    state: accountability_state,
    event: accountability_event,
};

/// The accountability workflow's states, in words.
pub(super) const ACCOUNTABILITY_STATES: [Label; 9] = [
    Label::new("normal", "正常", "normal"),
    Label::new("key_supervision", "重点督办", "under key supervision"),
    Label::new("interview_proposed", "已提出约谈意见", "interview proposed"),
    Label::new(
        "interview_approved",
        "市政府已同意约谈",
        "interview approved",
    ),
    Label::new("interview_held", "已约谈", "interview held"),
    Label::new(
        "plan_submitted",
        "已提交书面整改方案",
        "rectification plan submitted",
    ),
    Label::new("resolved", "已办结", "resolved"),
    Label::new("graded_poor", "直接认定为“较差”等次", "graded poor"),
    Label::new(
        "referred",
        "已移送执纪执法部门",
        "referred to the discipline and law enforcement bodies",
    ),
];

/// Its events, in words.
pub(super) const ACCOUNTABILITY_EVENTS: [Label; 10] = [
    Label::new(
        "place_under_key_supervision",
        "重点督办、责令限期整改",
        "place under key supervision",
    ),
    Label::new("rectify", "整改到位", "rectified"),
    Label::new("propose_interview", "提出约谈意见", "propose an interview"),
    Label::new(
        "approve_interview",
        "市政府同意约谈",
        "city government consents to the interview",
    ),
    Label::new("hold_interview", "约谈", "hold the interview"),
    Label::new(
        "report_interview_result",
        "约谈结果报市政府主要领导",
        "report the interview's result to the mayor",
    ),
    Label::new(
        "submit_plan",
        "提出书面整改方案",
        "submit the written rectification plan",
    ),
    Label::new("resolve", "取得明显进展", "clear progress"),
    Label::new("grade_poor", "直接认定为“较差”等次", "grade poor directly"),
    Label::new(
        "refer",
        "移送相关执纪执法部门",
        "refer to the discipline and law enforcement bodies",
    ),
];

/// A accountability state's row.
pub(super) fn accountability_state(state: &AccountabilityState) -> Label {
    let [normal, key_supervision, interview_proposed, interview_approved, interview_held, plan_submitted, resolved, graded_poor, referred] =
        ACCOUNTABILITY_STATES;
    match state {
        AccountabilityState::Normal => normal,
        AccountabilityState::KeySupervision { .. } => key_supervision,
        AccountabilityState::InterviewProposed { .. } => interview_proposed,
        AccountabilityState::InterviewApproved { .. } => interview_approved,
        AccountabilityState::InterviewHeld { .. } => interview_held,
        AccountabilityState::PlanSubmitted { .. } => plan_submitted,
        AccountabilityState::Resolved { .. } => resolved,
        AccountabilityState::GradedPoor { .. } => graded_poor,
        AccountabilityState::Referred { .. } => referred,
    }
}

/// A accountability event's row.
pub(super) fn accountability_event(event: &AccountabilityEvent) -> Label {
    let [place_under_key_supervision, rectify, propose_interview, approve_interview, hold_interview, report_interview_result, submit_plan, resolve, grade_poor, refer] =
        ACCOUNTABILITY_EVENTS;
    match event {
        AccountabilityEvent::PlaceUnderKeySupervision { .. } => place_under_key_supervision,
        AccountabilityEvent::Rectify { .. } => rectify,
        AccountabilityEvent::ProposeInterview { .. } => propose_interview,
        AccountabilityEvent::ApproveInterview { .. } => approve_interview,
        AccountabilityEvent::HoldInterview { .. } => hold_interview,
        AccountabilityEvent::ReportInterviewResult { .. } => report_interview_result,
        AccountabilityEvent::SubmitPlan { .. } => submit_plan,
        AccountabilityEvent::Resolve { .. } => resolve,
        AccountabilityEvent::GradePoor { .. } => grade_poor,
        AccountabilityEvent::Refer { .. } => refer,
    }
}
