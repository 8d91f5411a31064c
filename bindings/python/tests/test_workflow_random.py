"""A host system driving matters event by event, as issue 14 describes it: the matter's state
is kept as a JSON string between steps (as a database column would hold it), each event goes
through ``duban.apply``, and after every step ``duban.next_step`` says what comes next. Every
step is compared with the binding's whole-caseload ``duban.check`` of the same matter,
truncated at that event:

- an event is accepted one at a time exactly when the check accepts the matter with it;
- the state after it is the check's state of the matter, and ``next_step``'s;
- the allowed list of ``next_step`` is the list of events the check would accept next as
  steps, and exactly the list the stored state's machine accepts (``apply``);
- the open deadlines of ``next_step`` are the check's unmet obligations, with due date and
  status.

The event sequences are generated here at random (seeded: the seed is in the test's id, and
``DUBAN_WORKFLOW_SEED`` moves the whole range), around the 2023 National Day and 2024 May Day
breaks, for all four workflows.

The rules are one: the check applies each event through the same machine step as ``apply``,
under the same policy over the same calendar (a unit is graded poor only once the written
plan's deadline D6 has passed, Art. 12 (3)). A referred accountability case is shown by the
state of its workflow (the referral runs alongside, Art. 12 (3)), with ``referred_on``, by
``next_step`` as by the check; the stored state is ``referred`` with that state as its
``case``.

One event is taken differently, by design, and it is not a disagreement on what is allowed:
an unplanned inspection started without approval (Art. 10: 经批准后方可开展) is never
allowed; ``apply``, the gate a host calls before an act, refuses it and names the violation
(未经审批, ``no_approval``); the check, which records what happened, takes it as a fact and
reports that violation.
"""

from __future__ import annotations

import datetime
import json
import os
import random

import pytest

import duban

BASE_SEED = int(os.environ.get("DUBAN_WORKFLOW_SEED", "0"))
SEQUENCES_PER_KIND = 30

EVENTS = {
    "report": ["submit", "return", "accept"],
    "inspection": ["apply", "approve", "reject", "file", "start"],
    "escalation": ["urge", "request_escalation", "approve", "decline"],
    "accountability": [
        "place_under_key_supervision",
        "rectify",
        "propose_interview",
        "approve_interview",
        "hold_interview",
        "report_interview_result",
        "submit_plan",
        "resolve",
        "grade_poor",
        "refer",
    ],
}
GROUNDS = ["wide_reaching", "overall", "comprehensive", "hard_to_coordinate",
           "ineffective_after_urging"]
TRIGGERS = ["neglect", "weak_measures", "slow_progress", "late_reporting", "false_reporting"]
REASONS = ["missing_item", "no_physical_progress", "no_evidence", "other"]
MET = ("met_on_time", "met_late")
# The caseload's source codes: Art. 5 (the Supervision Office's own; not escalated, Art. 4),
# then Art. 6.
SOURCES = ["major_decisions", "government_work_report", "meeting_decisions",
           "leader_instructions", "deputies_proposals", "media_reports", "online_messages",
           "inspection_and_audit_findings", "leader_assignments",
           "leader_meeting_decisions", "instructions_and_documents", "key_projects"]


def compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def matter_of(kind: str, rng: random.Random):
    """A matter without events, and the day its events start."""
    if kind == "report":
        if rng.random() < 0.5:
            return {"id": "M", "kind": "monthly_report", "unit": "市财政局", "sector": "经济",
                    "month": "2023-09"}, day("2023-09-20")
        return {"id": "M", "kind": "quarterly_report", "unit": "市财政局", "sector": "经济",
                "quarter": "2023-Q3", "items": [{"id": "A"}]}, day("2023-09-22")
    if kind == "inspection":
        plan = rng.choice(["listed", "not_listed"])
        return {"id": "M", "kind": "inspection", "unit": "市教育局", "sector": "社会",
                "start": "2023-10-16", "annual_plan": plan}, day("2023-09-27")
    if kind == "escalation":
        # A random source (an Art. 5 one cannot be escalated), or, half the time, none (so
        # that the sequences still reach every state).
        matter = {"id": "M", "kind": "escalation", "unit": "市自然资源局", "sector": "城建"}
        source = rng.choice(SOURCES + [None] * len(SOURCES))
        if source is not None:
            matter["source"] = source
        return matter, day("2024-04-22")
    return {"id": "M", "kind": "accountability", "unit": "市林业局",
            "sector": "城建"}, day("2023-09-01")


def random_event(kind: str, on: datetime.date, rng: random.Random, allowed):
    """Mostly one of the events allowed last (a clerk's next click), else any event."""
    likely = [n for n in allowed if n != "refer" or rng.random() < 0.15]  # a referral is rare
    name = rng.choice(likely if likely and rng.random() < 0.7 else EVENTS[kind])
    event = {"event": name, "on": on.isoformat()}
    if name == "return":
        event["remedy"] = rng.choice(["redo", "supplement"])
        event["reasons"] = rng.sample(REASONS, rng.randint(0, 2))
    elif name == "request_escalation":
        event["grounds"] = rng.sample(GROUNDS, rng.randint(1, 3))
    elif name == "place_under_key_supervision":
        event["triggers"] = rng.sample(TRIGGERS, rng.randint(0, 2))
        event["rectify_by"] = (on + datetime.timedelta(days=rng.randint(0, 6))).isoformat()
    return event


def sample_event(name: str, on: datetime.date):
    """A well-formed event of this name (the one ``next_step`` itself tries)."""
    event = {"event": name, "on": on.isoformat()}
    if name == "return":
        event.update(remedy="supplement", reasons=["other"])
    elif name == "request_escalation":
        event["grounds"] = GROUNDS
    elif name == "place_under_key_supervision":
        event.update(triggers=["slow_progress"], rectify_by=on.isoformat())
    return event


def caseload(matter, events, as_of: datetime.date) -> str:
    m = dict(matter, events=events)
    return compact({"schema": "duban-caseload/1", "as_of": as_of.isoformat(), "matters": [m]})


def check(matter, events, as_of):
    return duban.check(caseload(matter, events, as_of), as_of=as_of, explain=False)


def effective_state(stored: str) -> str:
    """The state's name as the check names it (a referral names the state of its case)."""
    state = json.loads(stored)["state"]
    while state["state"] == "referred":
        state = state["case"]
    return state["state"]


def refusal(stored: str, event):
    """The next stored state as text and None, or None and the error ``apply`` raises."""
    try:
        return compact(duban.apply(stored, compact(event))), None
    except duban.IllegalTransitionError as err:
        assert err.message_zh and err.message_en
        return None, err


def applies(stored: str, event) -> str | None:
    """The next stored state as text, or None when ``apply`` refuses the event."""
    return refusal(stored, event)[0]


def referred_on(stored: str):
    state = json.loads(stored)["state"]
    return state["on"] if state["state"] == "referred" else None


def as_a_step(report) -> bool:
    """The check accepts the matter, not only as a fact it reports as a violation."""
    return not report["errors"] and not any(
        v["violation"] == "no_approval" for v in report["inspection_violations"])


def drive(kind: str, seed: int):
    rng = random.Random(seed)
    matter, on = matter_of(kind, rng)
    if kind == "inspection":
        initial = "planned" if matter["annual_plan"] == "listed" else "proposed"
    else:
        initial = {"report": "awaiting", "escalation": "open", "accountability": "normal"}[kind]
    stored = compact({"schema": "duban-state/1", "kind": kind,
                      **({"source": matter["source"]} if "source" in matter else {}),
                      "state": {"state": initial}})
    log, allowed, visited = [], [], {initial}
    for step in range(rng.randint(1, 14)):
        on += datetime.timedelta(days=rng.randint(0, 4))
        event = random_event(kind, on, rng, allowed)
        where = f"seed {seed}, step {step}, {compact(event)} after {log}"
        after, err = refusal(stored, event)
        report = check(matter, log + [event], on)
        accepted = not report["errors"]
        if after is None and accepted:
            # Art. 10: an unapproved start is never allowed; apply refuses it, naming the
            # violation, and the check records it as that violation.
            assert kind == "inspection" and event["event"] == "start", where
            assert "start" not in allowed, where
            assert "未经审批" in err.message_zh and "no_approval" in err.message_en, where
            assert any(v["matter"] == "M" and v["violation"] == "no_approval"
                       for v in report["inspection_violations"]), where
        else:
            assert (after is not None) == accepted, where
        if after is not None:
            # Taken by both: the stored state moves on and is the check's state.
            # The source is kept through apply (absent stays absent).
            assert json.loads(after).get("source") == matter.get("source"), where
            stored = after
            log.append(event)
            visited |= {json.loads(stored)["state"]["state"], effective_state(stored)}
            assert report["matters"][0]["state"] == effective_state(stored), where
        # What comes next, on a day at or after the last event.
        as_of = on + datetime.timedelta(days=rng.randint(0, 3))
        nxt = duban.next_step(caseload(matter, log, as_of), "M", as_of=as_of)
        assert nxt["state"] == effective_state(stored), where
        assert nxt.get("referred_on") == referred_on(stored), where
        by_check = [
            name for name in EVENTS[kind]
            if as_a_step(check(matter, log + [sample_event(name, as_of)], as_of))
        ]
        assert nxt["allowed"] == by_check, where
        allowed = nxt["allowed"]
        on = as_of
        by_machine = [
            name for name in EVENTS[kind]
            if applies(stored, sample_event(name, as_of)) is not None
        ]
        assert by_machine == nxt["allowed"], where
        whole = check(matter, log, as_of)
        open_by_check = [
            {"code": o["code"], "due": o["due"], "status": o["status"]["status"]}
            for o in whole["matters"][0]["obligations"]
            if o["status"]["status"] not in MET
        ]
        assert [{k: o[k] for k in ("code", "due", "status")} for o in nxt["open"]] \
            == open_by_check, where
    return visited


@pytest.mark.parametrize("kind", sorted(EVENTS))
@pytest.mark.parametrize("n", range(SEQUENCES_PER_KIND))
def test_one_event_at_a_time_agrees_with_the_whole_caseload_check(kind, n):
    drive(kind, BASE_SEED * 1000 + n * 7 + len(kind))


def test_the_sequences_reach_every_state():
    """The random sequences are not idle: across the seeds they reach every state."""
    for kind, states in [
        ("report", {"awaiting", "submitted", "returned", "accepted"}),
        ("inspection", {"planned", "proposed", "applied", "approved", "rejected", "filed",
                        "carried_out"}),
        ("escalation", {"open", "urged", "requested", "escalated", "declined"}),
        ("accountability", {"normal", "key_supervision", "interview_proposed",
                            "interview_approved", "interview_held", "plan_submitted",
                            "resolved", "graded_poor", "referred"}),
    ]:
        visited = set()
        for n in range(SEQUENCES_PER_KIND):
            visited |= drive(kind, BASE_SEED * 1000 + n * 7 + len(kind))
        assert visited == states, kind
