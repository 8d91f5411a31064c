"""The Python API: hand-checked answers, the types it takes, bad inputs, batches, threads."""

from __future__ import annotations

import array
import copy
import datetime
import json
import pickle
import sys
import threading
import time
from pathlib import Path

import pytest

import duban

ROOT = Path(__file__).resolve().parents[3]
D = datetime.date
CAL = duban.Calendar.china()


# --- Hand-checked against the State Council notices ----------------------------------------


def test_make_up_workday_2023_10_07():
    # 国办发明电〔2022〕16号: Saturday 2023-10-07 is a make-up working day for National Day.
    day = CAL.day(D(2023, 10, 7))
    assert day.kind == "make_up_workday"
    assert day.is_workday
    assert day.notice == "国办发明电〔2022〕16号"
    assert day.date == D(2023, 10, 7)
    assert not day.provisional
    assert CAL.is_workday(D(2023, 10, 7))
    assert not CAL.is_workday(D(2023, 10, 2))  # inside the 2023-09-29..10-06 break


def test_d1_thirty_working_days_across_national_day():
    # 6 working days in Sept after the 20th, make-up days Oct 7 and 8, then 22 more: Nov 7.
    assert CAL.add_workdays(D(2023, 9, 20), 30) == D(2023, 11, 7)
    d = duban.due("meeting-follow-up", D(2023, 9, 20))
    assert (d.due, d.earliest, d.code, d.kind) == (D(2023, 11, 7), D(2023, 11, 7), "D1", "meeting_follow_up")
    assert [(r.reading, r.date, r.chosen) for r in d.readings] == [("plain", D(2023, 11, 7), True)]
    assert d.explain().startswith("截止日期：2023-11-07")
    assert d.explain("en").startswith("Due: 2023-11-07 (Tue)")


def test_last_workday_of_january_2022_is_a_sunday():
    assert CAL.last_workday_of_month(2022, 1) == D(2022, 1, 30)
    assert D(2022, 1, 30).weekday() == 6
    assert duban.due("monthly-report", "2022-01").due == D(2022, 1, 30)


def test_d6_readings_of_yi_zhou():
    d = duban.due("rectification-plan", "2023-09-27")
    assert d.due == D(2023, 10, 7)  # 2023-10-04 is in the break, rolled to the make-up Saturday
    assert d.rolled_from == D(2023, 10, 4)
    assert [(r.reading, r.date, r.chosen) for r in d.readings] == [
        ("seven_calendar_days", D(2023, 10, 7), True),
        ("five_working_days", D(2023, 10, 10), False),
    ]
    assert d.earliest == D(2023, 10, 7)
    assert d.readings[1].label("zh") == "“一周”为5个工作日"


def test_d4_d5_and_d7():
    # Seven full working days before a start on Monday 2023-10-16: 13, 12, 11, 10, 9, 8, 7.
    assert duban.due("inspection-application", "2023-10-16").due == D(2023, 10, 7)
    assert duban.due("inspection-approval", "2023-10-16").due == D(2023, 10, 16)
    # 2022-12-31 (Sat) belongs to the 2023 New Year break: the last working day is Dec 30.
    assert duban.due("year-end-summary", 2022).due == D(2022, 12, 30)
    assert duban.due("D7", "2022").due == D(2022, 12, 30)
    assert duban.due("year_end_summary", 2022).due == D(2022, 12, 30)


def test_known_on_before_the_2020_extension():
    then = CAL.as_known_on(D(2020, 1, 20))
    assert then.known_on == D(2020, 1, 20)
    assert then.is_workday(D(2020, 2, 1))  # a make-up day under 〔2019〕16号
    assert not CAL.is_workday(D(2020, 2, 1))  # the extension to 2020-02-02 (〔2020〕1号)
    assert "国办发明电〔2020〕1号" not in then.notices
    assert "国办发明电〔2020〕1号" in CAL.notices


def test_local_notice_at_run_time():
    text = "notice 县政办发〔2023〕5号\nsigned 2023-04-20\nscope local\nholiday 建城纪念日 2023-05-10\n"
    county = CAL.with_notice(text)
    assert CAL.is_workday(D(2023, 5, 10))
    assert not county.is_workday(D(2023, 5, 10))
    assert county.day("2023-05-10").kind == "local_rest_day"
    assert county.day("2023-05-10").notice == "县政办发〔2023〕5号"
    assert duban.Calendar.build([text]).is_workday(D(2023, 5, 10)) is False


def test_policy_switches_a_reading():
    strict = duban.Policy.from_json(
        {
            "schema": "duban-policy/1",
            "id": "qian-exclusive",
            "in_force_from": "2020-01-06",
            "parameters": {
                "monthly_report_bound": {
                    "value": "exclusive",
                    "article": {"number": 9, "paragraph": 1},
                    "since": "2020-01-06",
                }
            },
        }
    )
    assert strict.id == "qian-exclusive"
    assert duban.due("monthly-report", "2022-01", strict).due == D(2022, 1, 29)
    assert duban.due("monthly-report", "2022-01", policy=duban.Policy.ankang_2020()).due == D(2022, 1, 30)
    assert json.loads(strict.to_json())["id"] == "qian-exclusive"


def test_provisional_opt_in():
    p = CAL.with_provisional()
    assert p.add_workdays(D(2026, 12, 30), 2) == (D(2027, 1, 4), True)
    assert p.add_workdays(D(2026, 9, 30), 1) == (D(2026, 10, 8), False)
    with pytest.raises(duban.OutsideCoverageError):
        CAL.add_workdays(D(2026, 12, 30), 2)


# --- What it takes -------------------------------------------------------------------------


def test_dates_as_date_datetime_or_text():
    assert CAL.is_workday(D(2023, 10, 7))
    assert CAL.is_workday(datetime.datetime(2023, 10, 7, 23, 59))
    assert CAL.is_workday("2023-10-07")
    assert CAL.workdays_between("2023-09-20", D(2023, 11, 7)) == 30
    assert CAL.workdays_between(D(2023, 11, 7), D(2023, 9, 20)) == -30
    assert CAL.add_workdays(D(2023, 11, 7), -30) == D(2023, 9, 20)
    assert CAL.next_workday(D(2023, 9, 28)) == D(2023, 10, 7)
    assert CAL.previous_workday(D(2023, 10, 7)) == D(2023, 9, 28)
    assert CAL.workday_on_or_after(D(2023, 10, 1)) == D(2023, 10, 7)
    assert CAL.workday_on_or_before(D(2023, 10, 1)) == D(2023, 9, 28)
    assert CAL.last_workday_of_quarter(2023, 3) == D(2023, 9, 28)
    assert CAL.last_workday_of_year(2022) == D(2022, 12, 30)
    assert [d.date for d in CAL.days("2023-10-06", "2023-10-08")] == [D(2023, 10, 6), D(2023, 10, 7), D(2023, 10, 8)]
    assert CAL.coverage == [(D(2004, 1, 1), D(2026, 12, 31))]


def test_trigger_forms():
    assert duban.due("quarterly-report", "2023-Q3").due == D(2023, 9, 28)
    assert duban.due("meeting-follow-up", "2023-09-20", meeting_kind="plenary").due == D(2023, 11, 7)
    assert duban.due("D1", datetime.datetime(2023, 9, 20, 9, 0)).due == D(2023, 11, 7)


@pytest.mark.parametrize(
    "call",
    [
        lambda: CAL.is_workday(None),
        lambda: CAL.is_workday(20231007),
        lambda: CAL.is_workday(b"2023-10-07"),
        lambda: CAL.is_workday("2023-02-30"),
        lambda: CAL.is_workday("2023-2-3"),
        lambda: CAL.is_workday(""),
        lambda: CAL.is_workday("2023-10-07\x00"),
        lambda: CAL.add_workdays(D(2023, 1, 3), 2**40),
        lambda: CAL.last_workday_of_month(2024, 13),
        lambda: CAL.last_workday_of_quarter(2023, 0),
        lambda: CAL.day(D(2023, 10, 7)).label("fr"),
        lambda: duban.due("deadline", "2023-09-20"),
        lambda: duban.due("monthly-report", D(2023, 9, 1)),
        lambda: duban.due("monthly-report", "2023-09", meeting_kind="executive"),
        lambda: duban.due("meeting-follow-up", "2023-09-20", meeting_kind="on_site"),
        lambda: duban.due("year-end-summary", True),
        lambda: duban.due("year-end-summary", 2**70),
        lambda: duban.due("year-end-summary", "27"),
        lambda: duban.due("meeting-follow-up", 2023),
        lambda: duban.due("meeting-follow-up", None),
        lambda: duban.due("meeting-follow-up", 2.5),
        lambda: duban.check("{}", as_of="2023-11-10", lang="fr"),
        lambda: CAL.add_workdays_ordinals(b"\x00\x00\x00", 1),
        lambda: CAL.add_workdays_ordinals(array.array("d", [1.0]), 1),
        lambda: CAL.add_workdays_ordinals([0], 1),
        lambda: CAL.add_workdays_ordinals(["x"], 1),
        lambda: duban.due_ordinals("monthly-report", [738000]),
        lambda: CAL.workdays_between_many([D(2023, 1, 3)], []),
        lambda: CAL.add_workdays_many([D(2023, 1, 3), None], 1),
        lambda: duban.check(object(), as_of="2023-11-10"),
    ],
)
def test_bad_input_is_invalid_input(call):
    with pytest.raises(duban.InvalidInputError) as err:
        call()
    e = err.value
    assert e.kind == "invalid_input"
    assert isinstance(e, duban.DubanError) and isinstance(e, ValueError)
    assert e.message_zh and e.message_en and str(e) == e.message_zh
    assert e.message("en") == e.message_en


def test_outside_coverage_names_the_date():
    with pytest.raises(duban.OutsideCoverageError) as err:
        CAL.is_workday(D(2027, 1, 4))
    assert err.value.kind == "outside_coverage"
    assert "2027-01-04" in err.value.message_zh and "2027-01-04" in err.value.message_en
    with pytest.raises(duban.OutsideCoverageError):
        CAL.is_workday(D(1, 1, 1))
    with pytest.raises(duban.OutsideCoverageError):
        CAL.is_workday(D(9999, 12, 31))


def test_other_error_kinds():
    with pytest.raises(duban.PolicyNotInForceError) as err:
        duban.due("meeting-follow-up", "2020-01-05")
    assert err.value.kind == "policy_not_in_force"
    with pytest.raises(duban.InvalidPolicyError):
        duban.Policy.from_json('{"schema": "duban-policy/1"')
    with pytest.raises(duban.InvalidPolicyError):
        duban.Policy.from_json(b"\xff\xfe")
    with pytest.raises(duban.InvalidNoticeError):
        CAL.with_notice("这不是通知\n")
    with pytest.raises(duban.InvalidNoticeError) as err:
        duban.Calendar.build(["notice x\n", "这不是通知\n"])
    assert "notice 0" in err.value.message_en or "notice 1" in err.value.message_en
    with pytest.raises(duban.InvalidCaseloadError):
        duban.check(b"\xff\xfe not json", as_of="2023-11-10")
    with pytest.raises(duban.InvalidCaseloadError):
        duban.check("", as_of="2023-11-10")


def test_errors_pickle_and_chinese_has_no_english_sentence():
    with pytest.raises(duban.DubanError) as err:
        CAL.is_workday(D(2027, 1, 4))
    again = pickle.loads(pickle.dumps(err.value))
    assert type(again) is duban.OutsideCoverageError
    assert (again.kind, again.message_zh, again.message_en) == (
        err.value.kind,
        err.value.message_zh,
        err.value.message_en,
    )
    assert "outside" not in err.value.message_zh
    assert duban.OutsideCoverageError.__module__ == "duban"


# --- Batches -------------------------------------------------------------------------------


def all_days(first=D(2020, 1, 1), last=D(2026, 12, 31)):
    n = (last - first).days + 1
    return [first + datetime.timedelta(days=i) for i in range(n)]


def test_batches_agree_with_single_calls():
    days = all_days(D(2020, 2, 10), D(2026, 10, 1))
    assert CAL.is_workday_many(days) == [CAL.is_workday(d) for d in days]
    for n in (-3, 0, 1, 7, 30):
        singles = [CAL.add_workdays(d, n) for d in days]
        assert CAL.add_workdays_many(days, n) == singles
        ords = CAL.add_workdays_ordinals(array.array("i", (d.toordinal() for d in days)), n)
        assert isinstance(ords, array.array) and ords.typecode == "i"
        assert [D.fromordinal(o) for o in ords] == singles
        # bytes and plain ints too
        ords_b = CAL.add_workdays_ordinals(array.array("i", (d.toordinal() for d in days)).tobytes(), n)
        assert ords_b == ords
    b = [d + datetime.timedelta(days=40) for d in days]
    assert CAL.workdays_between_many(days, b) == [CAL.workdays_between(x, y) for x, y in zip(days, b)]


def test_due_batches_agree_with_due():
    days = all_days(D(2020, 2, 10), D(2026, 10, 1))[::3]
    for kind in ("meeting-follow-up", "inspection-application", "inspection-approval", "rectification-plan"):
        singles = [duban.due(kind, d).due for d in days]
        assert duban.due_many(kind, days) == singles
        ords = duban.due_ordinals(kind, [d.toordinal() for d in days])
        assert [D.fromordinal(o) for o in ords] == singles
    months = [f"{y}-{m:02d}" for y in range(2020, 2027) for m in range(1, 13)]
    assert duban.due_many("monthly-report", months) == [duban.due("monthly-report", m).due for m in months]
    assert duban.due_many("year-end-summary", range(2020, 2027)) == [CAL.last_workday_of_year(y) for y in range(2020, 2027)]


def test_batch_error_names_the_item():
    with pytest.raises(duban.OutsideCoverageError) as err:
        CAL.add_workdays_many([D(2023, 1, 3), D(2026, 12, 30)], 5)
    assert err.value.message_en.startswith("item 1: ")
    assert err.value.message_zh.startswith("第 1 项：")
    with pytest.raises(duban.InvalidInputError) as err:
        duban.due_many("monthly-report", ["2023-01", "2023-13"])
    assert err.value.message_en.startswith("item 1: ")
    with pytest.raises(duban.PolicyNotInForceError):
        duban.due_ordinals("D1", [D(2020, 1, 1).toordinal()])
    with pytest.raises(duban.InvalidInputError):
        duban.due_ordinals("D1", [-5])


# --- Caseloads -----------------------------------------------------------------------------

EXAMPLE = (ROOT / "examples" / "data" / "caseload.json").read_text(encoding="utf-8")


def big_caseload(n: int) -> dict:
    """n matters: the example's 17, repeated under new ids."""
    doc = json.loads(EXAMPLE)
    base = doc["matters"]
    matters = []
    for i in range(n):
        m = copy.deepcopy(base[i % len(base)])
        m["id"] = f"{m['id']}#{i}"
        matters.append(m)
    doc["matters"] = matters
    return doc


def test_check_takes_str_bytes_dict_and_gives_the_same_report():
    expected = duban.check_json(EXAMPLE)
    assert duban.check_json(EXAMPLE.encode()) == expected
    assert duban.check_json(bytearray(EXAMPLE.encode())) == expected
    assert duban.check_json(json.loads(EXAMPLE)) == expected
    report = duban.check(EXAMPLE)
    assert report["schema"] == duban.REPORT_SCHEMA == "duban-report/1"
    # 17 matters; overdue: YB-2023-10-CZ (redo not resubmitted), DC-2023-08 D5 (never
    # approved), YT-2023-05 D6 (no plan); YB-2023-10-SW awaits its supplement, not overdue.
    assert report["summary"]["matters"] == 17
    assert report["summary"]["overdue"] == 3
    assert report["summary"]["awaiting_supplement"] == 1


def test_truncated_caseload_keeps_the_matters_before_the_cut():
    cut = EXAMPLE[: EXAMPLE.index('"HY-2023-043"') + 40]
    report = duban.check(cut, lang="en", explain=False)
    ids = [m["id"] for m in report["matters"]]
    assert ids == ["HY-2023-041", "HY-2023-042"]
    assert report["errors"], "the cut must be reported"


def test_what_if_meeting_period():
    b = duban.Policy.from_json((ROOT / "examples/data/policy-meeting-20-working-days.json").read_text("utf-8"))
    diff = duban.what_if(EXAMPLE, None, b)
    assert diff["matters_compared"] == 17
    assert len(diff["differences"]) == 3
    assert diff["differences"][0]["due_b"] == "2023-10-24"


def test_caseload_of_100000_matters():
    doc = big_caseload(100_000)
    report = duban.check(doc, explain=False)
    assert report["summary"]["matters"] == 100_000
    assert report["summary"]["errors"] == 0
    # Every copy of a matter has the same obligations as the original.
    small = duban.check(EXAMPLE, explain=False)
    by_id = {m["id"]: m for m in small["matters"]}
    for m in report["matters"][:2600]:
        original = by_id[m["id"].split("#")[0]]
        assert m["obligations"] == original["obligations"]


# --- Threads -------------------------------------------------------------------------------


def test_eight_threads_on_one_calendar():
    days = all_days(D(2020, 2, 10), D(2026, 10, 1))
    expected = [CAL.add_workdays(d, 17) for d in days]
    results = [None] * 8
    errors = []

    def work(k):
        try:
            if k % 2:
                results[k] = [CAL.add_workdays(d, 17) for d in days]
            else:
                results[k] = CAL.add_workdays_many(days, 17)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(r == expected for r in results)


def test_check_releases_the_gil():
    # While a thread checks a caseload, this thread spins. If the check held the GIL, this
    # thread would wait (using no CPU) for as long as the check runs; with the GIL released
    # it runs alongside. CPU time, not wall time, so a loaded machine does not fool it.
    doc = json.dumps(big_caseload(30_000))
    checked = {}

    def run():
        t = time.thread_time()
        duban.check_json(doc, explain=False)
        checked["cpu"] = time.thread_time() - t

    t = threading.Thread(target=run)
    spin_start = time.thread_time()
    t.start()
    while t.is_alive():
        pass
    spun = time.thread_time() - spin_start
    t.join()
    assert spun > 0.25 * checked["cpu"], (spun, checked["cpu"])


def test_dates_out_at_the_edges_of_the_date_cache():
    # Dates going out are cached objects for 2019-2029 and made fresh outside.
    for text in ("2018-12-31", "2019-01-01", "2024-02-29", "2029-12-31", "2030-01-01", "0001-01-01", "9999-12-31"):
        d = duban.parse_date(text)
        assert type(d) is datetime.date and d.isoformat() == text
    first = datetime.date(2018, 12, 20)
    for i in range(4100):
        d = first + datetime.timedelta(days=i)
        assert duban.parse_date(d.isoformat()) == d


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc")
def test_no_leak_over_many_calls_and_errors():
    days = all_days(D(2023, 1, 2), D(2023, 12, 1))
    text = "notice 县政办发〔2023〕5号\nsigned 2023-04-20\nscope local\nholiday 建城纪念日 2023-05-10\n"

    def round_():
        for d in days:
            CAL.add_workdays(d, 3)
            CAL.day(d)
            duban.due("D1", d).explain()
        for bad in (None, "2023-02-30", D(2027, 1, 4)):
            try:
                CAL.is_workday(bad)
            except duban.DubanError:
                pass
        CAL.add_workdays_ordinals(array.array("i", (d.toordinal() for d in days)), 5)
        CAL.with_notice(text)
        duban.check_json(EXAMPLE)
        try:
            duban.check('{"schema": "duban-caseload/1", "matters": [', as_of="2023-11-10")
        except duban.DubanError:
            pass

    for _ in range(3):
        round_()
    before = rss_bytes()
    for _ in range(30):
        round_()
    grown = rss_bytes() - before
    # 30 rounds make ~10,000 deadlines with explanations, ~10,000 days, 90 errors and 60
    # caseload checks: leaking any of them per call would grow far past this.
    assert grown < 1024 * 1024, f"RSS grew by {grown} bytes over 30 rounds"


NONE_CALLS = [
    lambda: duban.due(None, "2023-09-20"),
    lambda: duban.due("D1", "2023-09-20", None, None, meeting_kind=None),  # None = defaults: fine
    lambda: CAL.add_workdays(D(2023, 1, 3), None),
    lambda: CAL.last_workday_of_month(None, 1),
    lambda: CAL.with_notice(None),
    lambda: duban.Calendar.build(None),
    lambda: duban.Calendar.build([None]),
    lambda: duban.Policy.from_json(None),
    lambda: duban.check(None, as_of="2023-11-10"),
    lambda: duban.check_json(EXAMPLE, lang=None),
    lambda: duban.what_if(None, None, None, as_of="2023-11-10"),
    lambda: CAL.add_workdays_many(None, 1),
    lambda: CAL.add_workdays_ordinals(None, 1),
    lambda: duban.due_many("D1", None),
    lambda: duban.due_ordinals("D1", None),
    lambda: duban.parse_date(None),
]


@pytest.mark.parametrize("call", NONE_CALLS)
def test_none_anywhere_is_an_error_or_a_default(call):
    # A None where a value is required raises DubanError (for dates, documents, ordinals)
    # or TypeError (PyO3's, for a str or int argument), as Python's own functions do.
    try:
        call()
    except duban.DubanError as e:
        assert e.kind in ("invalid_input", "invalid_caseload", "invalid_policy")
    except TypeError as e:
        assert "None" in str(e)
