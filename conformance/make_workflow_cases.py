#!/usr/bin/env python3
"""Writes the inputs of the `apply` and `next` sections of conformance/cases.json.

Run from the repository root after `cargo build -p duban-cli`, then bless the answers:

    python3 conformance/make_workflow_cases.py target/debug/duban
    DUBAN_BLESS=1 cargo test -p duban-ffi --test conformance

The script replaces both sections with their inputs (no `expect`, `error`, `message`);
blessing computes the answers from the Rust library. The command-line tool is used only to
walk each machine from its first state, so that the stored states the cases start from are
states this version writes (every state of every machine is the start of at least one case).

Answers checked by hand against the regulation and NOTICES.md (asserted again in
ffi/tests/conformance.rs, `hand_checked_workflow_answers`):

- next report-2023-09-* (D2, 每月最后1个工作日前): the 2023 notice gives 09-29..10-06 off
  (中秋节、国庆节), so the last working day of September 2023 is Thursday 09-28. As of 09-27
  it is pending, as of 09-28 due_today, as of the make-up Saturday 10-07 overdue.
- next report-2022-01-*: January 2022 ends on the make-up Sunday 01-30 (春节 01-31..02-06,
  make-up 01-29 and 01-30), so D2 is 2022-01-30 and, as of Saturday 01-29 (also a make-up
  day), pending.
- next meeting-2023-09-20-*: D1 counts 30 working days from 09-21: Sep 21, 22, 25-28 (6),
  Oct 7, 8 (8), Oct 9-13 (13), 16-20 (18), 23-27 (23), Oct 30-Nov 3 (28), Nov 6, 7 (30):
  2023-11-07; due_today on 11-07, overdue on 11-08.
- next inspection-2023-10-16-*: D4, 7 working days before Monday 10-16: 10-13, 12, 11, 10,
  09, 08 (make-up Sunday), 07 (make-up Saturday): apply by 2023-10-07. As of 10-06 (a rest
  day of the break) pending, as of 10-09 (after D4) overdue.
- next accountability-interview-2023-09-27-*: D6, interview 09-27 + 7 days = 10-04, a rest
  day, rolled to the next working day, the make-up Saturday 2023-10-07.
- next year-end-2022-*: D7, 2022-12-31 (Saturday) opens the 2023 New Year break, so the
  last working day of 2022 is Friday 12-30.
"""
import json
import subprocess
import sys

CLI = sys.argv[1] if len(sys.argv) > 1 else "target/debug/duban"
CASES = "conformance/cases.json"


def compact(v):
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def apply(state, event):
    """The next stored state, as the command-line tool gives it (None when refused)."""
    r = subprocess.run([CLI, "apply", state, compact(event)], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def stored(kind, state):
    return compact({"schema": "duban-state/1", "kind": kind, "state": state})


def walk(kind, start, events):
    """The states along `events` from `start` (each step must be allowed)."""
    states = [stored(kind, start)]
    for e in events:
        nxt = apply(states[-1], e)
        if nxt is None:
            raise SystemExit(f"{kind}: {e} refused after {states[-1]}")
        states.append(nxt)
    return states


def ev(name, on, **extra):
    return {"event": name, "on": on, **extra}


apply_cases = []


def case(name, kind, state, event):
    text = event if isinstance(event, str) else compact(event)
    apply_cases.append({"name": name, "kind": kind, "state": state, "event": text})


# ---- report (Art. 9 ¶2): around Qingming 2024 (04-04..06 off, Sunday 04-07 worked) ------
r = walk("report", {"state": "awaiting"}, [
    ev("submit", "2024-03-28"),
    ev("return", "2024-04-01", remedy="supplement", reasons=["no_evidence"]),
    ev("submit", "2024-04-07"),
    ev("accept", "2024-04-08"),
])
awaiting, submitted, returned_sup, resubmitted, accepted = r
returned_redo = apply(submitted, ev("return", "2024-04-01", remedy="redo",
                                    reasons=["missing_item", "no_physical_progress"]))
case("report-awaiting-submit", "report", awaiting, ev("submit", "2024-03-28"))
case("report-awaiting-submit-on-holiday", "report", awaiting, ev("submit", "2024-04-04"))
case("report-awaiting-accept-refused", "report", awaiting, ev("accept", "2024-03-28"))
case("report-awaiting-return-refused", "report", awaiting,
     ev("return", "2024-03-28", remedy="redo", reasons=["other"]))
case("report-submitted-return-supplement", "report", submitted,
     ev("return", "2024-04-01", remedy="supplement", reasons=["no_evidence"]))
case("report-submitted-return-redo", "report", submitted,
     ev("return", "2024-04-01", remedy="redo", reasons=["missing_item", "no_physical_progress"]))
case("report-submitted-accept", "report", submitted, ev("accept", "2024-03-29"))
case("report-submitted-accept-before-submission-refused", "report", submitted,
     ev("accept", "2024-03-27"))
case("report-submitted-submit-again-refused", "report", submitted, ev("submit", "2024-03-29"))
case("report-returned-supplement-resubmit-on-make-up-sunday", "report", returned_sup,
     ev("submit", "2024-04-07"))
case("report-returned-supplement-accept-refused", "report", returned_sup,
     ev("accept", "2024-04-02"))
case("report-returned-redo-resubmit", "report", returned_redo, ev("submit", "2024-04-08"))
case("report-resubmitted-accept", "report", resubmitted, ev("accept", "2024-04-08"))
case("report-accepted-submit-refused", "report", accepted, ev("submit", "2024-04-09"))
case("report-accepted-return-refused", "report", accepted,
     ev("return", "2024-04-09", remedy="supplement", reasons=["other"]))
stored_report = open("tests/data/states/report.json", encoding="utf-8").read().strip()
case("report-stored-state-of-this-version-resubmit", "report", stored_report,
     ev("submit", "2024-04-03"))
case("report-stored-state-of-this-version-accept-refused", "report", stored_report,
     ev("accept", "2024-04-02"))

# ---- inspection (Art. 10): around National Day 2023 (09-29..10-06 off, 10-07/08 worked) ---
planned = stored("inspection", {"state": "planned"})
i = walk("inspection", {"state": "proposed"}, [
    ev("apply", "2023-10-07"),
    ev("approve", "2023-10-11"),
    ev("file", "2023-10-12"),
    ev("start", "2023-10-16"),
])
proposed, applied, approved, filed, carried_out = i
rejected = apply(applied, ev("reject", "2023-10-11"))
case("inspection-planned-start", "inspection", planned, ev("start", "2023-10-20"))
case("inspection-planned-apply-refused", "inspection", planned, ev("apply", "2023-10-07"))
case("inspection-proposed-apply-on-make-up-saturday", "inspection", proposed,
     ev("apply", "2023-10-07"))
case("inspection-proposed-start-refused", "inspection", proposed, ev("start", "2023-10-16"))
case("inspection-applied-approve", "inspection", applied, ev("approve", "2023-10-11"))
case("inspection-applied-reject", "inspection", applied, ev("reject", "2023-10-11"))
case("inspection-applied-approve-before-application-refused", "inspection", applied,
     ev("approve", "2023-10-06"))
case("inspection-approved-file", "inspection", approved, ev("file", "2023-10-12"))
case("inspection-approved-start", "inspection", approved, ev("start", "2023-10-16"))
case("inspection-rejected-start-refused", "inspection", rejected, ev("start", "2023-10-16"))
case("inspection-rejected-approve-refused", "inspection", rejected, ev("approve", "2023-10-12"))
case("inspection-filed-start", "inspection", filed, ev("start", "2023-10-16"))
case("inspection-carried-out-start-refused", "inspection", carried_out,
     ev("start", "2023-10-17"))
stored_insp = open("tests/data/states/inspection.json", encoding="utf-8").read().strip()
case("inspection-stored-state-of-this-version-file", "inspection", stored_insp,
     ev("file", "2023-10-07"))

# ---- escalation (Art. 4): around May Day 2024 (05-01..05 off, Saturday 05-11 worked) -----
e = walk("escalation", {"state": "open"}, [
    ev("urge", "2024-04-22"),
    ev("request_escalation", "2024-04-30", grounds=["wide_reaching", "ineffective_after_urging"]),
    ev("approve", "2024-05-06"),
])
open_, urged, requested, escalated = e
declined = apply(requested, ev("decline", "2024-05-06"))
case("escalation-open-urge", "escalation", open_, ev("urge", "2024-04-22"))
case("escalation-open-request-refused", "escalation", open_,
     ev("request_escalation", "2024-04-22", grounds=["wide_reaching", "ineffective_after_urging"]))
case("escalation-urged-request", "escalation", urged,
     ev("request_escalation", "2024-04-30", grounds=["wide_reaching", "ineffective_after_urging"]))
case("escalation-urged-request-without-urging-ground-refused", "escalation", urged,
     ev("request_escalation", "2024-04-30", grounds=["wide_reaching"]))
case("escalation-urged-urge-again-on-holiday", "escalation", urged, ev("urge", "2024-05-02"))
case("escalation-requested-approve", "escalation", requested, ev("approve", "2024-05-06"))
case("escalation-requested-decline-on-make-up-saturday", "escalation", requested,
     ev("decline", "2024-05-11"))
case("escalation-escalated-urge-refused", "escalation", escalated, ev("urge", "2024-05-07"))
case("escalation-declined-request-again", "escalation", declined,
     ev("request_escalation", "2024-05-20", grounds=["overall", "ineffective_after_urging"]))
case("escalation-declined-approve-refused", "escalation", declined, ev("approve", "2024-05-07"))
stored_esc = open("tests/data/states/escalation.json", encoding="utf-8").read().strip()
case("escalation-stored-state-of-this-version-request", "escalation", stored_esc,
     ev("request_escalation", "2024-05-20", grounds=["overall", "ineffective_after_urging"]))


def sourced(state, source):
    """The stored state `state` of a matter from `source` (Art. 5, 6)."""
    d = json.loads(state)
    return compact({"schema": d["schema"], "kind": d["kind"], "source": source,
                    "state": d["state"]})


# The source gate (Art. 4): an Art. 5 matter is the Supervision Office's own, so it cannot
# be escalated to it; an Art. 6 matter can; the source is kept through apply.
case("escalation-urged-request-art5-source-refused", "escalation",
     sourced(urged, "meeting_decisions"),
     ev("request_escalation", "2024-04-30", grounds=["wide_reaching", "ineffective_after_urging"]))
case("escalation-open-request-art5-source-refused-first", "escalation",
     sourced(open_, "leader_instructions"),
     ev("request_escalation", "2024-04-22", grounds=["wide_reaching", "ineffective_after_urging"]))
case("escalation-urged-request-art6-source", "escalation",
     sourced(urged, "leader_meeting_decisions"),
     ev("request_escalation", "2024-04-30", grounds=["wide_reaching", "ineffective_after_urging"]))
case("escalation-urged-urge-art5-source-kept", "escalation",
     sourced(urged, "major_decisions"), ev("urge", "2024-04-30"))
case("escalation-requested-approve-art6-source-kept", "escalation",
     sourced(requested, "key_projects"), ev("approve", "2024-05-06"))
case("report-awaiting-submit-source-kept-and-ignored", "report",
     sourced(awaiting, "major_decisions"), ev("submit", "2024-03-28"))
case("malformed-unknown-source", "escalation",
     sourced(urged, "the_mayor"),
     ev("request_escalation", "2024-04-30", grounds=["wide_reaching", "ineffective_after_urging"]))

# ---- accountability (Art. 12 (3)): around National Day 2023 ---------------------------
KS = ev("place_under_key_supervision", "2023-09-01", triggers=["slow_progress"],
        rectify_by="2023-09-15")
a = walk("accountability", {"state": "normal"}, [
    KS,
    ev("propose_interview", "2023-09-18"),
    ev("approve_interview", "2023-09-20"),
    ev("hold_interview", "2023-09-27"),
    ev("report_interview_result", "2023-09-28"),
    ev("submit_plan", "2023-10-07"),
    ev("resolve", "2023-10-20"),
])
normal, key_sup, proposed_i, approved_i, held, held_reported, plan, resolved = a
graded = apply(plan, ev("grade_poor", "2023-10-20"))
referred = apply(held, ev("refer", "2023-09-28"))
rectified = apply(key_sup, ev("rectify", "2023-09-14"))
case("accountability-normal-key-supervision", "accountability", normal, KS)
case("accountability-normal-key-supervision-without-trigger-refused", "accountability", normal,
     ev("place_under_key_supervision", "2023-09-01", triggers=[], rectify_by="2023-09-15"))
case("accountability-normal-hold-interview-refused", "accountability", normal,
     ev("hold_interview", "2023-09-27"))
case("accountability-key-supervision-rectify", "accountability", key_sup,
     ev("rectify", "2023-09-14"))
case("accountability-key-supervision-propose", "accountability", key_sup,
     ev("propose_interview", "2023-09-18"))
case("accountability-key-supervision-hold-refused", "accountability", key_sup,
     ev("hold_interview", "2023-09-18"))
case("accountability-proposed-approve", "accountability", proposed_i,
     ev("approve_interview", "2023-09-20"))
case("accountability-approved-hold", "accountability", approved_i,
     ev("hold_interview", "2023-09-27"))
case("accountability-held-report-result", "accountability", held,
     ev("report_interview_result", "2023-09-28"))
case("accountability-held-plan-on-make-up-saturday", "accountability", held,
     ev("submit_plan", "2023-10-07"))
case("accountability-held-grade-poor-on-interview-day-refused", "accountability", held,
     ev("grade_poor", "2023-09-27"))
# D6 of the interview of 2023-09-27 is the make-up Saturday 2023-10-07 (see the docstring):
# graded poor on that day is too early, the next day it is not (apply, like the check,
# counts D6 under the policy over the calendar).
case("accountability-held-grade-poor-on-d6-refused", "accountability", held,
     ev("grade_poor", "2023-10-07"))
case("accountability-held-grade-poor-after-d6", "accountability", held,
     ev("grade_poor", "2023-10-08"))
case("accountability-held-refer", "accountability", held, ev("refer", "2023-09-28"))
case("accountability-held-reported-plan", "accountability", held_reported,
     ev("submit_plan", "2023-10-07"))
case("accountability-plan-resolve", "accountability", plan, ev("resolve", "2023-10-20"))
case("accountability-plan-grade-poor", "accountability", plan, ev("grade_poor", "2023-10-20"))
case("accountability-resolved-propose-refused", "accountability", resolved,
     ev("propose_interview", "2023-10-23"))
case("accountability-resolved-via-rectify-refer", "accountability", rectified,
     ev("refer", "2023-09-20"))
case("accountability-graded-poor-resolve-refused", "accountability", graded,
     ev("resolve", "2023-10-23"))
case("accountability-graded-poor-refer", "accountability", graded, ev("refer", "2023-10-23"))
case("accountability-referred-plan", "accountability", referred,
     ev("submit_plan", "2023-10-07"))
case("accountability-referred-refer-again-refused", "accountability", referred,
     ev("refer", "2023-10-09"))
case("accountability-referred-grade-poor-on-d6-refused", "accountability", referred,
     ev("grade_poor", "2023-10-07"))
stored_acc = open("tests/data/states/accountability.json", encoding="utf-8").read().strip()
case("accountability-stored-state-of-this-version-plan", "accountability", stored_acc,
     ev("submit_plan", "2023-10-07"))

# ---- malformed states and events ------------------------------------------------------
case("malformed-later-schema", "report",
     '{"schema":"duban-state/2","kind":"report","state":{"state":"awaiting"}}',
     ev("submit", "2024-03-28"))
case("malformed-unknown-kind", "report",
     '{"schema":"duban-state/1","kind":"audit","state":{"state":"awaiting"}}',
     ev("submit", "2024-03-28"))
case("malformed-misspelled-field", "report",
     '{"schema":"duban-state/1","knd":"report","state":{"state":"awaiting"}}',
     ev("submit", "2024-03-28"))
case("malformed-unknown-state", "inspection",
     '{"schema":"duban-state/1","kind":"inspection","state":{"state":"half_done"}}',
     ev("start", "2023-10-16"))
case("malformed-unknown-field-in-state", "report",
     '{"schema":"duban-state/1","kind":"report","state":{"state":"awaiting","note":"x"}}',
     ev("submit", "2024-03-28"))
case("malformed-unknown-field-in-referred-case", "accountability",
     '{"schema":"duban-state/1","kind":"accountability","state":{"state":"referred",'
     '"on":"2023-09-28","case":{"state":"normal","extra":1}}}',
     ev("place_under_key_supervision", "2023-10-09"))
case("malformed-not-json", "report", '{"schema":"duban-state/1","kind":"report",',
     ev("submit", "2024-03-28"))
case("malformed-unknown-event", "report", awaiting, ev("approve_all", "2024-03-28"))
case("malformed-impossible-date", "report", awaiting, '{"event":"submit","on":"2024-02-30"}')

# ---- next: one matter of a caseload on a day -------------------------------------------
next_cases = []


def matter_doc(m, as_of="2023-12-29"):
    return json.dumps({"schema": "duban-caseload/1", "as_of": as_of, "matters": [m]},
                      ensure_ascii=False)


def nxt(name, kind, matter, as_of, lang="zh"):
    next_cases.append({"name": name, "kind": kind, "caseload_text": matter_doc(matter),
                       "id": matter["id"], "as_of": as_of, "lang": lang})


base = {"unit": "市财政局", "sector": "经济"}
sept = {"id": "YB-9", "kind": "monthly_report", "month": "2023-09", **base}
nxt("report-2023-09-awaiting-before-d2", "report", sept, "2023-09-27")
nxt("report-2023-09-awaiting-on-d2", "report", sept, "2023-09-28")
nxt("report-2023-09-awaiting-on-make-up-saturday", "report", sept, "2023-10-07", "en")
jan = {"id": "YB-1", "kind": "monthly_report", "month": "2022-01", **base}
nxt("report-2022-01-awaiting-on-make-up-saturday", "report", jan, "2022-01-29")
nxt("report-2022-01-awaiting-on-make-up-sunday", "report", jan, "2022-01-30")
ret = dict(sept, events=[
    ev("submit", "2023-09-26"),
    ev("return", "2023-09-27", remedy="supplement", reasons=["no_evidence"]),
])
nxt("report-2023-09-returned-in-the-break", "report", ret, "2023-10-03")
nxt("report-2023-09-returned-in-the-break-en", "report", ret, "2023-10-03", "en")
sub = dict(sept, events=[ev("submit", "2023-09-28")])
nxt("report-2023-09-submitted-on-d2", "report", sub, "2023-09-28")
acc = dict(sept, events=[ev("submit", "2023-09-28"), ev("accept", "2023-10-07")])
nxt("report-2023-09-accepted", "report", acc, "2023-10-08")
nxt("report-2023-09-before-the-submission", "report", acc, "2023-09-27")
meeting = {"id": "HY-1", "kind": "meeting_follow_up", **base,
           "meeting": {"date": "2023-09-20", "kind": "executive"}, "items": [{"id": "1"}]}
nxt("meeting-2023-09-20-awaiting-on-d1", "report", meeting, "2023-11-07")
nxt("meeting-2023-09-20-awaiting-after-d1", "report", meeting, "2023-11-08", "en")
quarter = {"id": "JD-3", "kind": "quarterly_report", "quarter": "2023-Q3", **base,
           "items": [{"id": "A"}]}
nxt("quarterly-2023-q3-awaiting-in-the-break", "report", quarter, "2023-10-02")
year_end = {"id": "NZ-2022", "kind": "year_end_summary", "year": 2022,
            "unit": "市政府督查室", "sector": "督查"}
nxt("year-end-2022-on-d7", "report", year_end, "2022-12-30")
nxt("year-end-2022-after-d7-in-the-new-year-break", "report", year_end, "2022-12-31")

insp = {"id": "DC-1", "kind": "inspection", "unit": "市教育局", "sector": "社会",
        "start": "2023-10-16", "annual_plan": "not_listed"}
nxt("inspection-2023-10-16-proposed-in-the-break", "inspection", insp, "2023-10-06")
nxt("inspection-2023-10-16-proposed-after-d4", "inspection", insp, "2023-10-09")
nxt("inspection-2023-10-16-applied", "inspection",
    dict(insp, events=[ev("apply", "2023-10-07")]), "2023-10-09")
nxt("inspection-2023-10-16-approved", "inspection",
    dict(insp, events=[ev("apply", "2023-10-07"), ev("approve", "2023-10-11")]), "2023-10-11")
nxt("inspection-2023-10-16-rejected", "inspection",
    dict(insp, events=[ev("apply", "2023-10-07"), ev("reject", "2023-10-11")]), "2023-10-12",
    "en")
nxt("inspection-2023-10-16-filed", "inspection",
    dict(insp, events=[ev("apply", "2023-10-07"), ev("approve", "2023-10-11"),
                       ev("file", "2023-10-12")]), "2023-10-13")
nxt("inspection-2023-10-16-carried-out-late-application", "inspection",
    dict(insp, events=[ev("apply", "2023-10-09"), ev("approve", "2023-10-11"),
                       ev("start", "2023-10-16")]), "2023-10-16")
planned_m = dict(insp, id="DC-2", annual_plan="listed")
nxt("inspection-planned", "inspection", planned_m, "2023-10-13")

esc = {"id": "TJ-1", "kind": "escalation", "unit": "市自然资源局", "sector": "城建"}
nxt("escalation-open", "escalation", esc, "2024-04-22")
nxt("escalation-urged", "escalation", dict(esc, events=[ev("urge", "2024-04-22")]), "2024-04-30")
req = [ev("urge", "2024-04-22"),
       ev("request_escalation", "2024-04-30", grounds=["hard_to_coordinate",
                                                       "ineffective_after_urging"])]
nxt("escalation-requested-in-the-may-day-break", "escalation", dict(esc, events=req),
    "2024-05-03")
nxt("escalation-escalated", "escalation",
    dict(esc, events=req + [ev("approve", "2024-05-06")]), "2024-05-11", "en")
nxt("escalation-declined", "escalation",
    dict(esc, events=req + [ev("decline", "2024-05-06")]), "2024-05-11")
nxt("escalation-urged-art5-source", "escalation",
    dict(esc, source="online_messages", events=[ev("urge", "2024-04-22")]), "2024-04-30")
nxt("escalation-urged-art6-source", "escalation",
    dict(esc, source="instructions_and_documents", events=[ev("urge", "2024-04-22")]),
    "2024-04-30", "en")

acct = {"id": "YT-1", "kind": "accountability", "unit": "市林业局", "sector": "城建"}
steps = [
    KS,
    ev("propose_interview", "2023-09-18"),
    ev("approve_interview", "2023-09-20"),
    ev("hold_interview", "2023-09-27"),
]
nxt("accountability-normal", "accountability", acct, "2023-09-01")
nxt("accountability-key-supervision", "accountability",
    dict(acct, events=steps[:1]), "2023-09-14")
nxt("accountability-key-supervision-past-rectify-by", "accountability",
    dict(acct, events=steps[:1]), "2023-09-18")
nxt("accountability-interview-proposed", "accountability",
    dict(acct, events=steps[:2]), "2023-09-19")
nxt("accountability-interview-approved", "accountability",
    dict(acct, events=steps[:3]), "2023-09-22")
nxt("accountability-interview-2023-09-27-held-in-the-break", "accountability",
    dict(acct, events=steps), "2023-10-04")
nxt("accountability-interview-2023-09-27-held-on-d6", "accountability",
    dict(acct, events=steps), "2023-10-07")
nxt("accountability-interview-2023-09-27-held-after-d6", "accountability",
    dict(acct, events=steps), "2023-10-09", "en")
nxt("accountability-plan-submitted", "accountability",
    dict(acct, events=steps + [ev("submit_plan", "2023-10-07")]), "2023-10-09")
nxt("accountability-resolved", "accountability",
    dict(acct, events=steps + [ev("submit_plan", "2023-10-07"), ev("resolve", "2023-10-20")]),
    "2023-10-23")
nxt("accountability-graded-poor", "accountability",
    dict(acct, events=steps + [ev("grade_poor", "2023-10-09")]), "2023-10-10")
nxt("accountability-referred", "accountability",
    dict(acct, events=steps + [ev("refer", "2023-09-28")]), "2023-09-28")

next_cases.append({"name": "example-caseload-referred", "kind": "accountability",
                   "caseload": "examples/data/caseload.json", "id": "YT-2023-05",
                   "lang": "zh"})
next_cases.append({"name": "example-caseload-returned-en", "kind": "report",
                   "caseload": "examples/data/caseload.json", "id": "YB-2023-10-SW",
                   "lang": "en"})
next_cases.append({"name": "unknown-id", "kind": "report",
                   "caseload": "examples/data/caseload.json", "id": "NO-SUCH", "lang": "zh"})
next_cases.append({"name": "as-of-outside-coverage", "kind": "report",
                   "caseload_text": matter_doc(sept), "id": "YB-9", "as_of": "2027-01-04",
                   "lang": "zh"})
next_cases.append({"name": "refused-matter", "kind": "report",
                   "caseload_text": matter_doc(dict(sept, events=[ev("accept", "2023-09-28")])),
                   "id": "YB-9", "as_of": "2023-09-29", "lang": "en"})

doc = json.load(open(CASES, encoding="utf-8"))
doc["apply"] = apply_cases
doc["next"] = next_cases
with open(CASES, "w", encoding="utf-8") as f:
    f.write(json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
print(f"{len(apply_cases)} apply cases, {len(next_cases)} next cases", file=sys.stderr)
