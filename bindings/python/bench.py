"""Benchmarks of the Python binding, side by side with the Rust library in one run.

    python bindings/python/bench.py            # from the repository root, in the venv
                                               # where `pip install ./bindings/python` went

It builds and runs `examples/binding_reference.rs` (release) for the Rust figures on the
same inputs, and `examples/gen_caseload.rs` for the 100,000-matter caseload (seed 1), then
times, in Python:

1. `Calendar.add_workdays(date, n)` per call, over 1024 fixed (date, n) pairs (dates in
   2020-2025, n in 1..=60, the same LCG as benches/calendar.rs draws from), against the
   Rust call; plus the cost of the Python loop itself (a call of a trivial method);
2. one million D1 deadlines (30 working days after a meeting) through the batch calls:
   `due_ordinals` (array('i') of ordinals in and out) and `due_many` (a list of
   `datetime.date` in, a list out), against a Rust loop over the same dates;
3. the check of the 100,000-matter caseload, `check_json(explain=False)` (the report as the
   JSON text) and `check(explain=False)` (parsed to a dict by `json.loads`), against Rust's
   parse + check + write_json.

Each figure is the best of several runs, in CPU time of the calling thread (the GIL-free
parts run on that thread too). Not a test: it asserts nothing.
"""

from __future__ import annotations

import array
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duban

ROOT = Path(__file__).resolve().parents[2]
N_BATCH = 1_000_000
N_MATTERS = 100_000


def best(runs, f):
    """The best of `runs` runs, in CPU time of this thread (`time.thread_time`): on a shared
    machine it varies far less than wall time. The Rust side measures the same way."""
    times = []
    for _ in range(runs):
        t = time.thread_time()
        f()
        times.append(time.thread_time() - t)
    return min(times)


class Lcg:
    """benches/calendar.rs's LCG (Knuth's MMIX constants)."""

    def __init__(self, seed):
        self.s = seed

    def next(self):
        self.s = (self.s * 6364136223846793005 + 1442695040888963407) % 2**64
        return self.s >> 33


def pairs():
    first = datetime.date(2020, 1, 1)
    span = (datetime.date(2025, 12, 31) - first).days + 1
    rng = Lcg(0x5EED_D0BA_2020_0101)
    out = []
    for _ in range(1024):
        d = first + datetime.timedelta(days=rng.next() % span)
        n = 1 + rng.next() % 60
        out.append((d, n))
    return out


def meeting_dates():
    """N_BATCH meeting dates, cycling through 2020-01-06..=2026-10-31."""
    first = datetime.date(2020, 1, 6).toordinal()
    span = datetime.date(2026, 10, 31).toordinal() - first + 1
    return array.array("i", (first + (i * 7919) % span for i in range(N_BATCH)))


def cargo(*args, stdout=None):
    subprocess.run(["cargo", *args], cwd=ROOT, check=True, stdout=stdout)


def main():
    work = ROOT / "target" / "bench-python"
    work.mkdir(parents=True, exist_ok=True)
    caseload_path = work / f"caseload-{N_MATTERS}.json"
    if not caseload_path.exists():
        with open(caseload_path, "wb") as out:
            cargo("run", "--quiet", "--release", "--example", "gen_caseload", "--", str(N_MATTERS), "1", stdout=out)
    ps = pairs()
    dates = meeting_dates()
    (work / "pairs.txt").write_text("".join(f"{d.toordinal()} {n}\n" for d, n in ps))
    (work / "dates.txt").write_text("".join(f"{o}\n" for o in dates))
    cargo("build", "--quiet", "--release", "--example", "binding_reference")
    exe = ROOT / "target" / "release" / "examples" / "binding_reference"
    rust = json.loads(
        subprocess.run(
            [str(exe), str(work / "pairs.txt"), str(work / "dates.txt"), str(caseload_path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )

    cal = duban.Calendar.china()
    reps = 200
    add = cal.add_workdays

    def per_call():
        for _ in range(reps):
            for d, n in ps:
                add(d, n)

    def loop_only():
        f = divmod  # a C builtin taking two ints: the Python loop and a call, no duban
        for _ in range(reps):
            for d, n in ps:
                f(n, 7)

    calls = reps * len(ps)
    py_call = best(5, per_call) / calls * 1e9
    py_loop = best(5, loop_only) / calls * 1e9
    due = duban.due

    in_force = [d for d, _ in ps if d >= datetime.date(2020, 1, 6)]

    def due_per_call():
        for d in in_force:
            due("meeting-follow-up", d)

    py_due = best(5, due_per_call) / len(in_force) * 1e9

    date_list = [datetime.date.fromordinal(o) for o in dates]
    ords_out = duban.due_ordinals("meeting-follow-up", dates)
    assert [datetime.date.fromordinal(o) for o in ords_out[:1000]] == duban.due_many("meeting-follow-up", date_list[:1000])
    t_ord = best(3, lambda: duban.due_ordinals("meeting-follow-up", dates))
    t_many = best(3, lambda: duban.due_many("meeting-follow-up", date_list))

    text = caseload_path.read_bytes()
    t_check_json = best(3, lambda: duban.check_json(text, explain=False))
    t_check = best(3, lambda: duban.check(text, explain=False))
    report = duban.check_json(text, explain=False)

    r_call = rust["add_workdays_ns"]
    r_batch = rust["due_batch_ns"] / 1e9
    r_check = rust["check_ns"] / 1e9
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cpus, load average {os.getloadavg()[0]:.1f}")
    print(f"add_workdays per call: python {py_call:.0f} ns (of which the Python loop and call "
          f"~{py_loop:.0f} ns), rust {r_call:.2f} ns")
    print(f"due('meeting-follow-up', date) per call: python {py_due:.0f} ns")
    print(f"1M D1 deadlines: due_ordinals {t_ord*1e3:.1f} ms ({t_ord/r_batch:.2f}x rust), "
          f"due_many {t_many*1e3:.1f} ms ({t_many/r_batch:.2f}x), rust {r_batch*1e3:.1f} ms")
    print(f"check of {N_MATTERS} matters ({len(text)/1e6:.0f} MB in, report {len(report)/1e6:.0f} MB): "
          f"check_json {t_check_json:.3f} s ({t_check_json/r_check:.2f}x rust), "
          f"check -> dict {t_check:.3f} s ({t_check/r_check:.2f}x), rust {r_check:.3f} s")


if __name__ == "__main__":
    main()
