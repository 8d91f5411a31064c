#!/usr/bin/env python3
"""Generate independent reference data for duban's tests (2004-2026).

This does NOT read duban's own data. It uses third-party PyPI packages:
  * chinesecalendar - its own transcription of the State Council notices
    (is_workday / is_in_lieu / get_holiday_detail, get_solar_terms)
  * lunardate       - lunar -> Gregorian conversion for lunar festivals
  * holidays        - holidays.China, a second independent transcription: its
                      rest/work answer is the last column of the reference file

Usage (from the repo root, with a scratch venv outside the repo):
  python3 -m venv /tmp/xcheck
  /tmp/xcheck/bin/pip install chinesecalendar holidays lunardate
  /tmp/xcheck/bin/python scripts/make_reference.py

Writes tests/data/reference-2004-2026.tsv and
tests/data/lunar-festivals-2004-2026.tsv; prints per-year counts and any
rest/work disagreements between chinesecalendar and holidays.China.
"""
import datetime as dt
import re
from importlib.metadata import version
from pathlib import Path

import chinese_calendar as cc
import holidays
from lunardate import LunarDate

FIRST, LAST = dt.date(2004, 1, 1), dt.date(2026, 12, 31)
YEARS = range(FIRST.year, LAST.year + 1)
OUT = Path(__file__).resolve().parent.parent / "tests" / "data"
CMD = "/tmp/xcheck/bin/python scripts/make_reference.py"


def header(source):
    return [
        f"# Generated {dt.date.today().isoformat()} by: {CMD}",
        f"# Source: {source}",
        "# Independent transcription of the State Council (国务院办公厅) holiday",
        "# notices by third-party PyPI packages -- NOT derived from duban's data.",
    ]


def days():
    d = FIRST
    while d <= LAST:
        yield d
        d += dt.timedelta(days=1)


def write(name, lines):
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT / name}")


def holidays_china():
    """holidays.China lists rest days only; make-up workdays are recovered
    from names like 'Day off (substituted from 01/04/2026)'. Returns a
    function date -> rest (True) or work (False)."""
    h = holidays.China(years=YEARS)
    makeup = set()
    for name in h.values():
        for m in re.findall(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
            makeup.add(dt.date(int(m[2]), int(m[0]), int(m[1])))
    return h, lambda d: d in h or (d.weekday() >= 5 and d not in makeup)


def reference():
    _, h_rest = holidays_china()
    lines = header(f"chinesecalendar {version('chinesecalendar')} "
                   "(is_workday, is_in_lieu, get_holiday_detail); "
                   f"holidays {version('holidays')} (holidays.China, last column)")
    lines.append("# columns: date\tworkday|restday (chinesecalendar)\tin_lieu(yes|no)"
                 "\tname(or -)\tworkday|restday (holidays.China)")
    for d in days():
        _, name = cc.get_holiday_detail(d)
        lines.append("\t".join([
            d.isoformat(),
            "workday" if cc.is_workday(d) else "restday",
            "yes" if cc.is_in_lieu(d) else "no",
            name or "-",
            "restday" if h_rest(d) else "workday",
        ]))
    write("reference-2004-2026.tsv", lines)


def counts():
    print("year  weekday-rest  weekend-work")
    for y in YEARS:
        ds = [d for d in days() if d.year == y]
        wr = sum(1 for d in ds if d.weekday() < 5 and not cc.is_workday(d))
        ww = sum(1 for d in ds if d.weekday() >= 5 and cc.is_workday(d))
        print(f"{y}  {wr:12d}  {ww:12d}")


def compare_holidays():
    h, h_rest = holidays_china()
    print(f"holidays {version('holidays')} vs chinesecalendar:")
    n = 0
    for d in days():
        c_rest = not cc.is_workday(d)
        if h_rest(d) != c_rest:
            n += 1
            print(f"  {d} {d.strftime('%a')}: chinesecalendar="
                  f"{'rest' if c_rest else 'work'} holidays="
                  f"{'rest' if h_rest(d) else 'work'} ({h.get(d, '-')})")
    print(f"  {n} disagreement(s)")


def lunar_festivals():
    lines = header(f"lunardate {version('lunardate')} (lunar festivals); "
                   f"chinesecalendar {version('chinesecalendar')} "
                   "get_solar_terms (清明, 寿星公式)")
    lines.append("# columns: year\tfestival\tdate")
    for y in YEARS:
        ny = LunarDate(y, 1, 1).to_solar_date()
        fest = [
            ("除夕", ny - dt.timedelta(days=1)),
            ("初一", ny),
            ("初二", ny + dt.timedelta(days=1)),
            ("初三", ny + dt.timedelta(days=2)),
            ("清明", next(d for d, t in cc.get_solar_terms(
                dt.date(y, 4, 1), dt.date(y, 4, 30)) if "清明" in str(t))),
            ("端午", LunarDate(y, 5, 5).to_solar_date()),
            ("中秋", LunarDate(y, 8, 15).to_solar_date()),
        ]
        lines += [f"{y}\t{n}\t{d.isoformat()}" for n, d in fest]
    write("lunar-festivals-2004-2026.tsv", lines)


if __name__ == "__main__":
    reference()
    lunar_festivals()
    counts()
    compare_holidays()
