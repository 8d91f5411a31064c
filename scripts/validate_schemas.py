#!/usr/bin/env python3
"""Validate duban's JSON Schemas (schema/*.json) against what the code reads and writes.

Checks, in order:

1. each schema is a valid draft 2020-12 schema, and every property it declares (outside
   `if` conditions) has a `description`;
2. examples/data/caseload.json validates against schema/caseload-1.schema.json, and
   examples/data/policy-*.json against schema/policy-1.schema.json;
3. `cargo run -q -p duban-cli -- check examples/data/caseload.json` (JSON, Chinese, with
   explanations) and its `--lang en --no-explain` variant validate against
   schema/report-1.schema.json (skipped with a note if the subcommand does not exist);
4. the files written by `DUBAN_SCHEMA_DUMP=DIR cargo test --test caseload_hostile
   dump_for_schema_validation` validate: Policy::ankang_2020().to_json() and a what-if
   policy (policy schema), the hostile test's base caseload (caseload schema), and reports
   of the example and of a hostile caseload on six as-of days, under two policies, in both
   languages, with and without explanations (report schema);
5. agreement with the reader: for each case matter of agreement.json (the reader's error
   code for it alone, or null), a matter the reader reads and checks cleanly validates
   against $defs/matter, and one it cannot read (malformed, unknown_event, missing_field,
   event_not_allowed) does not;
6. a few documents the schemas must reject;
7. workflows: the stored states of this version (tests/data/states) and every stored state
   of the `apply` conformance cases (the states they start from and the states they lead
   to) validate against schema/state-1.schema.json, and the malformed ones the library
   refuses (another schema tag, an unknown kind, a misspelled field, an unknown state) do
   not; every expected `next` answer of the conformance cases, and what
   `cargo run -q -p duban-cli -- next` prints for every workflow matter of the example
   caseload, validate against schema/next-1.schema.json; and states and next answers with
   a misspelled field, a wrong tag or a wrong value are rejected.

Needs `jsonschema` (>= 4.18). Run it from a scratch venv outside the repository:

    python3 -m venv /tmp/schemas && /tmp/schemas/bin/pip install jsonschema
    /tmp/schemas/bin/python scripts/validate_schemas.py

Exit status 0 when everything validates, 1 otherwise.
"""

import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

try:
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover
    sys.exit(
        "jsonschema is not installed: python3 -m venv /tmp/schemas && "
        "/tmp/schemas/bin/pip install jsonschema, then run with /tmp/schemas/bin/python"
    )

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAILURES = []

# Error codes the schema can express: a matter with one of them must be schema-invalid.
READ_ERRORS = {"malformed", "unknown_event", "missing_field", "event_not_allowed"}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator(name):
    schema = load(os.path.join(ROOT, "schema", name))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def undocumented(node, path="#"):
    """Every property declared outside an `if` must have a description."""
    out = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "if":
                continue
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    if not (isinstance(sub, dict) and sub.get("description")):
                        out.append(f"{path}/properties/{name}")
            out.extend(undocumented(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(undocumented(value, f"{path}/{i}"))
    return out


def expect_valid(v, instance, label):
    errors = sorted(v.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if errors:
        FAILURES.append(label)
        print(f"FAIL {label}: {len(errors)} error(s)")
        for e in errors[:5]:
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"    at /{where}: {e.message[:300]}")
    else:
        print(f"ok   {label}")


def expect_invalid(v, instance, label):
    if v.is_valid(instance):
        FAILURES.append(label)
        print(f"FAIL {label}: accepted, should be rejected")
    else:
        print(f"ok   {label} (rejected)")


def cargo(args, env=None):
    return subprocess.run(
        ["cargo", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def main():
    caseload = validator("caseload-1.schema.json")
    report = validator("report-1.schema.json")
    policy = validator("policy-1.schema.json")
    from importlib.metadata import version

    print(f"jsonschema {version('jsonschema')}")

    # 1. The schemas themselves.
    for name in ["caseload-1.schema.json", "report-1.schema.json", "policy-1.schema.json",
                 "state-1.schema.json", "next-1.schema.json"]:
        missing = undocumented(load(os.path.join(ROOT, "schema", name)))
        if missing:
            FAILURES.append(f"{name}: undocumented")
            print(f"FAIL {name}: properties without a description: {missing}")
        else:
            print(f"ok   {name}: valid draft 2020-12, every property described")

    # 2. The example files.
    expect_valid(caseload, load(os.path.join(ROOT, "examples/data/caseload.json")),
                 "examples/data/caseload.json ~ caseload-1")
    for path in sorted(glob.glob(os.path.join(ROOT, "examples/data/policy-*.json"))):
        expect_valid(policy, load(path), f"{os.path.relpath(path, ROOT)} ~ policy-1")

    # 3. The CLI's check subcommand.
    for extra in [[], ["--lang", "en", "--no-explain"]]:
        cmd = ["run", "-q", "-p", "duban-cli", "--", "check", *extra,
               "examples/data/caseload.json"]
        run = cargo(cmd)
        label = "cargo " + " ".join(cmd) + " ~ report-1"
        try:
            out = json.loads(run.stdout)
        except ValueError:
            if "unknown command" in run.stderr or "未知的命令" in run.stderr:
                print(f"skip {label}: no `check` subcommand yet")
                continue
            FAILURES.append(label)
            print(f"FAIL {label}: exit {run.returncode}, not JSON: {run.stderr[-500:]}")
            continue
        expect_valid(report, out, label)

    # 4. What the Rust test dumps.
    sample_report = None
    with tempfile.TemporaryDirectory(prefix="duban-schema-dump-") as dump:
        run = cargo(["test", "-q", "--test", "caseload_hostile", "dump_for_schema_validation"],
                    env={"DUBAN_SCHEMA_DUMP": dump})
        if run.returncode != 0:
            FAILURES.append("dump")
            print(f"FAIL cargo test dump_for_schema_validation: {run.stdout[-800:]}{run.stderr[-800:]}")
            return
        names = sorted(os.listdir(dump))
        reports = [n for n in names if n.startswith("report-")]
        for name in ["policy.json", "policy-what-if.json"]:
            expect_valid(policy, load(os.path.join(dump, name)), f"dump {name} ~ policy-1")
        expect_valid(caseload, load(os.path.join(dump, "caseload-base.json")),
                     "dump caseload-base.json ~ caseload-1")
        sample_report = load(os.path.join(dump, "report-example-default-2023-11-10-zh.json"))
        bad = [n for n in reports if not report.is_valid(load(os.path.join(dump, n)))]
        for n in bad:
            expect_valid(report, load(os.path.join(dump, n)), f"dump {n} ~ report-1")
        if not bad:
            print(f"ok   dump: {len(reports)} reports ~ report-1")
        # What the reports cover, to show the schema was exercised.
        seen = {"status": set(), "code": set(), "error": set(), "state": set()}
        for n in reports:
            r = load(os.path.join(dump, n))
            for m in r["matters"]:
                seen["state"].add(m["state"])
                for o in m["obligations"]:
                    seen["status"].add(o["status"]["status"])
                    seen["code"].add(o["code"])
            seen["error"].update(e["code"] for e in r["errors"])
        for k, v in seen.items():
            print(f"     reports cover {k}: {', '.join(sorted(v))}")

        # 5. Schema against reader, matter by matter.
        matter = Draft202012Validator(
            {"$ref": "urn:duban:schema:caseload-1#/$defs/matter"},
            registry=_registry(caseload.schema),
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        cases = load(os.path.join(dump, "agreement.json"))
        disagree = 0
        for case in cases:
            valid = matter.is_valid(case["matter"])
            code = case["code"]
            wrong = (code is None and not valid) or (code in READ_ERRORS and valid)
            if wrong:
                disagree += 1
                FAILURES.append("agreement")
                why = [e.message[:200] for e in matter.iter_errors(case["matter"])][:3]
                print(f"FAIL reader says {code}, schema says {'valid' if valid else 'invalid'}: "
                      f"{json.dumps(case['matter'], ensure_ascii=False)[:300]} {why}")
        n_clean = sum(1 for c in cases if c["code"] is None)
        n_read = sum(1 for c in cases if c["code"] in READ_ERRORS)
        others = sorted({c["code"] for c in cases if c["code"] and c["code"] not in READ_ERRORS})
        if not disagree:
            print(f"ok   agreement: {len(cases)} matters: {n_clean} clean ones valid, "
                  f"{n_read} unreadable ones invalid (not compared: {', '.join(others)})")

    # 6. Documents the schemas must reject.
    example = load(os.path.join(ROOT, "examples/data/caseload.json"))
    for label, mutate in [
        ("no schema tag", lambda d: d.pop("schema")),
        ("other schema tag", lambda d: d.update(schema="duban-caseload/2")),
        ("unknown top-level field", lambda d: d.update(owner="x")),
        ("matters not an array", lambda d: d.update(matters={})),
        ("as_of 2023-02-30", lambda d: d.update(as_of="2023-02-30")),
    ]:
        d = copy.deepcopy(example)
        mutate(d)
        expect_invalid(caseload, d, f"caseload with {label}")
    if sample_report is not None:
        def first_obligation(r, code):
            return next(o for m in r["matters"] for o in m["obligations"] if o["code"] == code)

        def both_chosen(r):
            for x in first_obligation(r, "D2")["readings"]:
                x["chosen"] = True

        for label, mutate in [
            ("D1 with the article of D3", lambda r: first_obligation(r, "D1").update(article={"number": 7})),
            ("both readings chosen", both_chosen),
            ("an overdue status without `since`", lambda r: r["matters"][0]["obligations"][0].update(
                status={"status": "overdue", "working_days": 1, "calendar_days": 1})),
            ("a state of another workflow", lambda r: r["matters"][0].update(state="escalated")),
            ("a document error with an index", lambda r: r["errors"].append(
                {"index": 0, "code": "document", "message": "x"})),
            ("an unknown error code", lambda r: r["errors"].append(
                {"index": 0, "code": "oops", "message": "x"})),
            ("a quarter written 2023-q3", lambda r: r["quarterly_bands"][0].update(quarter="2023-q3")),
        ]:
            r = copy.deepcopy(sample_report)
            mutate(r)
            expect_invalid(report, r, f"report with {label}")
    base = load(os.path.join(ROOT, "examples/data/policy-meeting-20-working-days.json"))
    for label, mutate in [
        ("0 working days", lambda p: p["parameters"]["meeting_follow_up_period"].update(value=0)),
        ("an unknown parameter", lambda p: p["parameters"].update(speed={"value": 1})),
        ("no id", lambda p: p.pop("id")),
        ("a parameter without its value", lambda p: p["parameters"]["meeting_follow_up_period"].pop("value")),
        ("an unknown field in a parameter", lambda p: p["parameters"]["meeting_follow_up_period"].update(unit="days")),
        ("an unknown field in an article", lambda p: p["parameters"]["meeting_follow_up_period"]["article"].update(clause=1)),
    ]:
        p = copy.deepcopy(base)
        mutate(p)
        expect_invalid(policy, p, f"policy with {label}")

    workflows(report)


def workflows(report):
    """7. The stored workflow states and the next answers."""
    state = validator("state-1.schema.json")
    Draft202012Validator.check_schema(load(os.path.join(ROOT, "schema", "next-1.schema.json")))
    nxt = Draft202012Validator(
        load(os.path.join(ROOT, "schema", "next-1.schema.json")),
        registry=_registry(report.schema),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/data/states/*.json"))):
        expect_valid(state, load(path), f"{os.path.relpath(path, ROOT)} ~ state-1")
    cases = load(os.path.join(ROOT, "conformance/cases.json"))
    refused_by_reader = {
        "malformed-later-schema",
        "malformed-unknown-kind",
        "malformed-misspelled-field",
        "malformed-unknown-state",
        "malformed-unknown-source",
        "malformed-unknown-field-in-state",
        "malformed-unknown-field-in-referred-case",
    }
    states, bad, seen = 0, 0, set()
    for case in cases["apply"]:
        if case["name"] in refused_by_reader:
            expect_invalid(state, json.loads(case["state"]), f"apply case {case['name']} ~ state-1")
            continue
        if case["name"] == "malformed-not-json":
            continue
        for label, text in [("state", case["state"]), ("expect", case.get("expect"))]:
            if text is None:
                continue
            doc = json.loads(text)
            states += 1
            seen.add((doc["kind"], doc["state"]["state"]))
            if not state.is_valid(doc):
                bad += 1
                expect_valid(state, doc, f"apply case {case['name']} {label} ~ state-1")
    if not bad:
        print(f"ok   conformance apply cases: {states} stored states ~ state-1 "
              f"({len(seen)} kinds of state)")
    answers, bad = 0, 0
    sample_next = None
    for case in cases["next"]:
        if "expect" not in case:
            continue
        doc = json.loads(case["expect"])
        answers += 1
        if doc["findings"] and sample_next is None:
            sample_next = doc
        if not nxt.is_valid(doc):
            bad += 1
            expect_valid(nxt, doc, f"next case {case['name']} ~ next-1")
    if not bad:
        print(f"ok   conformance next cases: {answers} answers ~ next-1")
    example = load(os.path.join(ROOT, "examples/data/caseload.json"))
    workflow_kinds = {"meeting_follow_up", "monthly_report", "quarterly_report",
                      "year_end_summary", "inspection", "escalation", "accountability"}
    for m in example["matters"]:
        if m["kind"] not in workflow_kinds:
            continue
        cmd = ["run", "-q", "-p", "duban-cli", "--", "next", "examples/data/caseload.json", m["id"]]
        run = cargo(cmd)
        label = "cargo " + " ".join(cmd) + " ~ next-1"
        try:
            expect_valid(nxt, json.loads(run.stdout), label)
        except ValueError:
            FAILURES.append(label)
            print(f"FAIL {label}: exit {run.returncode}, not JSON: {run.stderr[-500:]}")

    # States and answers the schemas must reject.
    good = load(os.path.join(ROOT, "tests/data/states/report.json"))

    def inner(d, **kv):
        d["state"].update(kv)

    for label, mutate in [
        ("the schema tag duban-state/2", lambda d: d.update(schema="duban-state/2")),
        ("no schema tag", lambda d: d.pop("schema")),
        ("a misspelled field (knd)", lambda d: d.update(knd=d.pop("kind"))),
        ("a misspelled field in the state (submited_on)",
         lambda d: inner(d, submited_on=d["state"].pop("submitted_on"))),
        ("an unknown kind", lambda d: d.update(kind="audit")),
        ("an unknown source (the_mayor)", lambda d: d.update(source="the_mayor")),
        ("a state of another workflow", lambda d: d.update(kind="inspection")),
        ("an unknown state", lambda d: inner(d, state="half_done")),
        ("an unknown remedy", lambda d: inner(d, remedy="redo_twice")),
        ("a date 2024-4-1", lambda d: inner(d, on="2024-4-1")),
        ("a date 2024-02-30", lambda d: inner(d, on="2024-02-30")),
    ]:
        d = copy.deepcopy(good)
        mutate(d)
        expect_invalid(state, d, f"state with {label}")
    # The optional source (Art. 5, 6) the stored frame may carry.
    for source in ["meeting_decisions", "key_projects"]:
        d = copy.deepcopy(good)
        d["source"] = source
        expect_valid(state, d, f"state with source {source}")
    referred = load(os.path.join(ROOT, "tests/data/states/accountability.json"))
    d = copy.deepcopy(referred)
    d["state"]["case"] = copy.deepcopy(referred["state"])
    expect_invalid(state, d, "state referred twice over")
    if sample_next is not None:
        for label, mutate in [
            ("a misspelled field (alowed)", lambda n: n.update(alowed=n.pop("allowed"))),
            ("no findings", lambda n: n.pop("findings")),
            ("an unknown status", lambda n: n["open"].append(
                {"code": "D2", "due": "2023-10-31", "status": "late"})),
            ("an unknown event", lambda n: n["allowed"].append("approve_all")),
            ("a finding of another shape", lambda n: n["findings"].append({"oops": 1})),
        ]:
            n = copy.deepcopy(sample_next)
            mutate(n)
            expect_invalid(nxt, n, f"next answer with {label}")


def _registry(schema):
    from referencing import Registry, Resource

    return Registry().with_resource(schema["$id"], Resource.from_contents(schema))


if __name__ == "__main__":
    main()
    if FAILURES:
        print(f"\n{len(FAILURES)} failure(s)")
        sys.exit(1)
    print("\nall schemas validate")
