#!/usr/bin/env python3
"""Flattens conformance/cases.json into tab-separated lines for the C test (C has no JSON
parser at hand). Run from the repository root:

    python3 ffi/tests/c/flatten_cases.py conformance/cases.json > target/cases.tsv

Fields are escaped: backslash, tab and newline as \\\\, \\t, \\n. "-" stands for absent.
An expected error is "!kind". Lines:

    cal  CALSPEC  op  arg1  arg2  expect  provisional
    due  CALSPEC  policy  kind  trigger  meeting_kind  expect  explain_zh  explain_en
    check  caseload  as_of  policy  lang  explain  report
    what_if  caseload  as_of  policy_a  policy_b  report
    load  what  text  expect
    apply  state  event  expect  message_zh  message_en
    next  caseload  id  as_of  lang  next_step  message_zh  message_en

An `apply` expect is the next stored state (text); a `next` case's is `next_step`, the JSON of
duban::NextStep as duban_next returns it. The messages are "-" unless an error is expected.

CALSPEC is "-" (national), "notices=PATH[,PATH]", "known_on=DATE" or "provisional".
A caseload is "file:PATH" or "text:TEXT". A day's expect is kind|is_workday|holiday|notice|provisional;
a deadline's is due|earliest|code|kind|reading:date:chosen[,...]|rolled_from.
"""
import json
import sys


def esc(v):
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "1" if v else "0"
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def calspec(case):
    spec = case.get("calendar")
    if not spec:
        return "-"
    if "notices" in spec:
        return "notices=" + ",".join(spec["notices"])
    if "known_on" in spec:
        return "known_on=" + spec["known_on"]
    if spec.get("provisional"):
        return "provisional"
    raise SystemExit(f"unknown calendar {spec}")


def outcome(case, render):
    return "!" + case["error"] if "error" in case else render(case["expect"])


def day_expect(e):
    if isinstance(e, dict):
        return "|".join(esc(e[k]) for k in ("kind", "is_workday", "holiday", "notice", "provisional"))
    return esc(e)


def deadline_expect(e):
    readings = ",".join(f'{r["reading"]}:{r["date"]}:{esc(r["chosen"])}' for r in e["readings"])
    return "|".join([e["due"], e["earliest"], e["code"], e["obligation"]["obligation"], readings,
                     e.get("rolled_from") or "-"])


def main():
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    out = []
    for c in doc["calendar"]:
        op = c["op"]
        args = {
            "workdays_between": (c.get("from"), c.get("to")),
            "add_workdays": (c.get("date"), c.get("n")),
            "last_workday_of_month": (c.get("month"), None),
            "last_workday_of_quarter": (c.get("quarter"), None),
            "last_workday_of_year": (c.get("year"), None),
        }.get(op, (c.get("date"), None))
        out.append(["cal", calspec(c), op, esc(args[0]), esc(args[1]), outcome(c, day_expect),
                    esc(c.get("provisional"))])
    for c in doc["due"]:
        zh = en = "-"
        if "expect" in c:
            zh = esc("\n".join(c["expect"]["explain"]["zh"]))
            en = esc("\n".join(c["expect"]["explain"]["en"]))
        out.append(["due", calspec(c), esc(c.get("policy")), esc(c["kind"]), esc(c["trigger"]),
                    esc(c.get("meeting_kind")), outcome(c, deadline_expect), zh, en])

    def source(c):
        return "file:" + c["caseload"] if "caseload" in c else "text:" + esc(c["caseload_text"])

    for c in doc["check"]:
        out.append(["check", source(c), esc(c.get("as_of")), esc(c.get("policy")), c["lang"],
                    esc(c["explain"]), "!" + c["error"] if "error" in c else c["report"]])
    for c in doc["what_if"]:
        out.append(["what_if", source(c), esc(c.get("as_of")), c["policy_a"], c["policy_b"],
                    "!" + c["error"] if "error" in c else c["report"]])
    for c in doc["load"]:
        out.append(["load", c["what"], esc(c["text"]), "!" + c["error"] if "error" in c else "ok"])
    def messages(c):
        m = c.get("message") or {}
        return [esc(m.get("zh")), esc(m.get("en"))]

    for c in doc["apply"]:
        out.append(["apply", esc(c["state"]), esc(c["event"]),
                    "!" + c["error"] if "error" in c else esc(c["expect"])] + messages(c))
    for c in doc["next"]:
        out.append(["next", source(c), esc(c["id"]), esc(c.get("as_of")), c["lang"],
                    "!" + c["error"] if "error" in c else esc(c["next_step"])] + messages(c))
    sys.stdout.write("".join("\t".join(line) + "\n" for line in out))


main()
