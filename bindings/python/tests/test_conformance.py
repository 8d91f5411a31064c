"""Runs every case of conformance/cases.json through the Python binding.

Reports are compared byte for byte: ``duban.check_json`` / ``duban.what_if_json`` must
return exactly the text of the file under conformance/expected/, and ``duban.check`` /
``duban.what_if`` (which parse that text with ``json.loads``) an equal object.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, Dict

import pytest

import duban

ROOT = Path(__file__).resolve().parents[3]
CASES = json.loads((ROOT / "conformance" / "cases.json").read_text(encoding="utf-8"))


def ids(section: str):
    return [
        c.get("name") or f"{section}-{i}-" + "-".join(
            str(c.get(k)) for k in ("op", "kind", "date", "trigger", "what") if k in c
        )
        for i, c in enumerate(CASES[section])
    ]


def test_schema_and_counts():
    assert CASES["schema"] == "duban-conformance/1"
    # Guard against an empty or truncated file silently passing.
    assert len(CASES["calendar"]) >= 100
    assert len(CASES["due"]) >= 40
    assert len(CASES["check"]) >= 5
    assert len(CASES["what_if"]) >= 3
    assert len(CASES["load"]) >= 3
    assert len(CASES["apply"]) >= 50
    assert len(CASES["next"]) >= 30


def iso(d: datetime.date) -> str:
    return d.isoformat()


def calendar_of(spec: Dict[str, Any] | None):
    if not spec:
        return duban.Calendar.china()
    if "notices" in spec:
        texts = [(ROOT / p).read_text(encoding="utf-8") for p in spec["notices"]]
        return duban.Calendar.build(texts)
    if "known_on" in spec:
        return duban.Calendar.china().as_known_on(spec["known_on"])
    if spec.get("provisional"):
        return duban.Calendar.china().with_provisional()
    raise AssertionError(f"unknown calendar spec {spec}")


def split_period(text: str, sep: str):
    """'2024-13' -> (2024, 13); '2023-Q5' -> (2023, 5). Malformed text stays text, so the
    binding's own validation is what is tested."""
    year, _, rest = text.partition(sep)
    return int(year), int(rest)


def run_calendar_op(case):
    cal = calendar_of(case.get("calendar"))
    provisional_cal = isinstance(cal, duban.ProvisionalCalendar)
    op = case["op"]
    if op == "is_workday":
        out = cal.is_workday(case["date"])
    elif op == "day":
        day = cal.day(case["date"])
        value = {
            "kind": day.kind,
            "is_workday": day.is_workday,
            "holiday": day.holiday,
            "notice": day.notice,
            "provisional": day.provisional,
        }
        out = (value, day.provisional) if provisional_cal else value
    elif op == "add_workdays":
        out = cal.add_workdays(case["date"], case["n"])
    elif op == "workdays_between":
        out = cal.workdays_between(case["from"], case["to"])
    elif op in ("next_workday", "previous_workday", "workday_on_or_after", "workday_on_or_before"):
        out = getattr(cal, op)(case["date"])
    elif op == "last_workday_of_month":
        out = cal.last_workday_of_month(*split_period(case["month"], "-"))
    elif op == "last_workday_of_quarter":
        out = cal.last_workday_of_quarter(*split_period(case["quarter"], "-Q"))
    elif op == "last_workday_of_year":
        out = cal.last_workday_of_year(case["year"])
    else:
        raise AssertionError(f"unknown op {op}")
    if provisional_cal:
        value, flag = out
        return value, flag
    return out, None


def plain(value):
    return iso(value) if isinstance(value, datetime.date) else value


@pytest.mark.parametrize("case", CASES["calendar"], ids=ids("calendar"))
def test_calendar(case):
    if "error" in case:
        with pytest.raises(duban.DubanError) as err:
            run_calendar_op(case)
        assert err.value.kind == case["error"]
        assert err.value.message_zh and err.value.message_en
        return
    value, flag = run_calendar_op(case)
    assert plain(value) == case["expect"]
    if "provisional" in case:
        assert flag == case["provisional"]


def policy_of(path):
    if path is None or path == "builtin":
        return None
    return duban.Policy.from_json((ROOT / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["due"], ids=ids("due"))
def test_due(case):
    def call():
        return duban.due(
            case["kind"],
            case["trigger"],
            policy=policy_of(case.get("policy")),
            calendar=calendar_of(case.get("calendar")),
            meeting_kind=case.get("meeting_kind"),
        )

    if "error" in case:
        with pytest.raises(duban.DubanError) as err:
            call()
        assert err.value.kind == case["error"]
        return
    d = call()
    expect = dict(case["expect"])
    explain = expect.pop("explain")
    assert json.loads(d.to_json()) == expect
    assert iso(d.due) == expect["due"]
    assert iso(d.earliest) == expect["earliest"]
    assert d.code == expect["code"]
    assert [(r.reading, iso(r.date), r.chosen) for r in d.readings] == [
        (r["reading"], r["date"], r["chosen"]) for r in expect["readings"]
    ]
    assert (iso(d.rolled_from) if d.rolled_from else None) == expect.get("rolled_from")
    assert d.explanation_lines("zh") == explain["zh"]
    assert d.explanation_lines("en") == explain["en"]
    assert d.explain("en") == "\n".join(explain["en"])


def caseload_of(case):
    if "caseload" in case:
        return (ROOT / case["caseload"]).read_bytes()
    return case["caseload_text"]


@pytest.mark.parametrize("case", CASES["check"], ids=ids("check"))
def test_check(case):
    kwargs = dict(
        as_of=case.get("as_of"),
        policy=policy_of(case.get("policy")),
        lang=case.get("lang", "zh"),
        explain=case.get("explain", True),
    )
    if "error" in case:
        with pytest.raises(duban.DubanError) as err:
            duban.check_json(caseload_of(case), **kwargs)
        assert err.value.kind == case["error"]
        with pytest.raises(duban.DubanError) as err:
            duban.check(caseload_of(case), **kwargs)
        assert err.value.kind == case["error"]
        return
    expected = (ROOT / case["report"]).read_text(encoding="utf-8")
    text = duban.check_json(caseload_of(case), **kwargs)
    assert text == expected  # byte for byte
    assert duban.check(caseload_of(case), **kwargs) == json.loads(expected)
    # The same caseload as str and (for well-formed documents) as a dict.
    source = caseload_of(case)
    as_str = source.decode("utf-8") if isinstance(source, bytes) else source
    assert duban.check_json(as_str, **kwargs) == expected
    if "caseload" in case:
        # A dict is re-serialised by json.dumps: error messages that quote a line and column
        # of the document differ, everything else is the same.
        def without_messages(report):
            for e in report["errors"]:
                e.pop("message", None)
            return report

        from_dict = json.loads(duban.check_json(json.loads(as_str), **kwargs))
        assert without_messages(from_dict) == without_messages(json.loads(expected))


@pytest.mark.parametrize("case", CASES["what_if"], ids=ids("what_if"))
def test_what_if(case):
    expected = (ROOT / case["report"]).read_text(encoding="utf-8")
    a, b = policy_of(case["policy_a"]), policy_of(case["policy_b"])
    text = duban.what_if_json(caseload_of(case), a, b, as_of=case.get("as_of"))
    assert text == expected  # byte for byte
    assert duban.what_if(caseload_of(case), a, b, as_of=case.get("as_of")) == json.loads(expected)


@pytest.mark.parametrize("case", CASES["load"], ids=ids("load"))
def test_load(case):
    def load():
        if case["what"] == "policy":
            return duban.Policy.from_json(case["text"])
        if case["what"] == "notice":
            return duban.Calendar.china().with_notice(case["text"])
        raise AssertionError(f"unknown load {case['what']}")

    if "error" in case:
        with pytest.raises(duban.DubanError) as err:
            load()
        assert err.value.kind == case["error"]
    else:
        assert load() is not None


def compact(value, sort_keys=False) -> str:
    """JSON as serde_json writes it compactly (the key order of ``value``, or sorted)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)


def refused(case, call):
    with pytest.raises(duban.DubanError) as err:
        call()
    assert err.value.kind == case["error"]
    assert err.value.message_zh == case["message"]["zh"]
    assert err.value.message_en == case["message"]["en"]


@pytest.mark.parametrize("case", CASES["apply"], ids=ids("apply"))
def test_apply(case):
    def call():
        return duban.apply(case["state"], case["event"])

    if "error" in case:
        refused(case, call)
        return
    # The next stored state, byte for byte (json.loads keeps the key order of the text).
    assert compact(call()) == case["expect"]


@pytest.mark.parametrize("case", CASES["next"], ids=ids("next"))
def test_next(case):
    def call():
        return duban.next_step(caseload_of(case), case["id"], as_of=case.get("as_of"),
                               lang=case["lang"])

    if "error" in case:
        refused(case, call)
        return
    got = call()
    assert compact(got) == case["next_step"]  # duban::NextStep, byte for byte
    # The command-line tool's JSON, byte for byte.
    cli = {
        "state": got["state"],
        "allowed": got["allowed"],
        "open": [{"code": o["code"], "due": o["due"], "status": o["status"]} for o in got["open"]],
        "findings": got["findings"],
    }
    if "referred_on" in got:
        cli["referred_on"] = got["referred_on"]
    assert compact(cli, sort_keys=True) == case["expect"]
