// Every case of conformance/cases.json (shared with the Rust, C, Java and Python bindings),
// run through the WebAssembly package. Run after web/build.sh: node --test web/tests/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Calendar, ProvisionalCalendar, DubanError, loadPolicy, loadNotice } from '../dist/pkg/node.js';

const root = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
const cases = JSON.parse(read('conformance/cases.json'));

const METHODS = {
  is_workday: ['isWorkday', ['date']],
  day: ['day', ['date']],
  add_workdays: ['addWorkdays', ['date', 'n']],
  workdays_between: ['workdaysBetween', ['from', 'to']],
  next_workday: ['nextWorkday', ['date']],
  previous_workday: ['previousWorkday', ['date']],
  workday_on_or_after: ['workdayOnOrAfter', ['date']],
  workday_on_or_before: ['workdayOnOrBefore', ['date']],
  last_workday_of_month: ['lastWorkdayOfMonth', ['month']],
  last_workday_of_quarter: ['lastWorkdayOfQuarter', ['quarter']],
  last_workday_of_year: ['lastWorkdayOfYear', ['year']],
};

function calendarFor(spec) {
  const options = {};
  if (spec && spec.notices) options.notices = spec.notices.map(read);
  if (spec && spec.known_on) options.knownOn = spec.known_on;
  return spec && spec.provisional ? new ProvisionalCalendar(options) : new Calendar(options);
}

function expectError(kind, fn) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof DubanError, `expected a DubanError, got ${e}`);
    assert.equal(e.kind, kind);
    assert.ok(e.messageZh.length > 0 && e.messageEn.length > 0);
    return true;
  });
}

const plainDay = (d) => ({ holiday: d.holiday, is_workday: d.isWorkday, kind: d.kind, notice: d.notice, provisional: d.provisional });

test('conformance: calendar queries', () => {
  assert.ok(cases.calendar.length > 100);
  for (const c of cases.calendar) {
    const cal = calendarFor(c.calendar);
    const [method, names] = METHODS[c.op];
    const args = names.map((n) => c[n]);
    const label = JSON.stringify(c);
    if (c.error) {
      expectError(c.error, () => cal[method](...args));
      continue;
    }
    let got = cal[method](...args);
    if (c.calendar && c.calendar.provisional) {
      assert.equal(got.provisional, c.provisional, label);
      got = got.value;
    }
    assert.deepEqual(c.op === 'day' ? plainDay(got) : got, c.expect, label);
  }
});

test('conformance: deadlines D1-D7 with explanations in both languages', () => {
  assert.ok(cases.due.length >= 40);
  for (const c of cases.due) {
    const cal = calendarFor(c.calendar);
    const options = {};
    if (c.meeting_kind) options.meetingKind = c.meeting_kind;
    if (c.policy) options.policy = read(c.policy);
    const label = JSON.stringify({ kind: c.kind, trigger: c.trigger, policy: c.policy });
    if (c.error) {
      expectError(c.error, () => cal.due(c.kind, c.trigger, options));
      continue;
    }
    const zh = cal.due(c.kind, c.trigger, { ...options, lang: 'zh' });
    const en = cal.due(c.kind, c.trigger, { ...options, lang: 'en' });
    const got = {
      article: zh.article,
      code: zh.code,
      due: zh.due,
      earliest: zh.earliest,
      obligation: zh.obligation,
      readings: zh.readings.map(({ chosen, date, reading }) => ({ chosen, date, reading })),
      explain: { en: en.explanation.lines, zh: zh.explanation.lines },
    };
    if (zh.rolledFrom) got.rolled_from = zh.rolledFrom;
    assert.deepEqual(got, c.expect, label);
  }
});

test('conformance: caseload checks, byte for byte', () => {
  for (const c of cases.check) {
    const cal = new Calendar();
    const text = c.caseload ? read(c.caseload) : c.caseload_text;
    const options = { lang: c.lang, explain: c.explain };
    if (c.as_of) options.asOf = c.as_of;
    if (c.policy) options.policy = read(c.policy);
    if (c.error) {
      expectError(c.error, () => cal.checkText(text, options));
      continue;
    }
    assert.equal(cal.checkText(text, options), read(c.report), c.name);
  }
});

test('conformance: what-if comparisons, byte for byte', () => {
  for (const c of cases.what_if) {
    const cal = new Calendar();
    const policy = (p) => (p === 'builtin' ? 'builtin' : read(p));
    const options = c.as_of ? { asOf: c.as_of } : {};
    const got = cal.whatIfText(read(c.caseload), policy(c.policy_a), policy(c.policy_b), options);
    assert.equal(got, read(c.report), c.name);
  }
});

test('conformance: documents loaded at run time', () => {
  for (const c of cases.load) {
    const load = c.what === 'policy' ? loadPolicy : loadNotice;
    if (c.error) expectError(c.error, () => load(c.text));
    else assert.equal(typeof load(c.text), 'string');
  }
});

function expectRefusal(c, fn) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof DubanError, `expected a DubanError, got ${e}`);
    assert.equal(e.kind, c.error, c.name);
    assert.equal(e.messageZh, c.message.zh, c.name);
    assert.equal(e.messageEn, c.message.en, c.name);
    return true;
  });
}

test('conformance: one event applied to a stored state', () => {
  assert.ok(cases.apply.length >= 50);
  const cal = new Calendar();
  for (const c of cases.apply) {
    if (c.error) {
      expectRefusal(c, () => cal.apply(c.state, c.event));
      continue;
    }
    // The package answers with an object (its keys sorted): an equal object.
    assert.deepEqual(cal.apply(c.state, c.event), JSON.parse(c.expect), c.name);
  }
});

test('conformance: what comes next for one matter, byte for byte', () => {
  assert.ok(cases.next.length >= 30);
  const cal = new Calendar();
  for (const c of cases.next) {
    const text = c.caseload ? read(c.caseload) : c.caseload_text;
    const options = { lang: c.lang };
    if (c.as_of) options.asOf = c.as_of;
    if (c.error) {
      expectRefusal(c, () => cal.next(text, c.id, options));
      continue;
    }
    const got = cal.next(text, c.id, options);
    assert.deepEqual(got, JSON.parse(c.next_step), c.name);
    // The command-line tool's JSON, byte for byte (its keys sorted, as `duban next` prints
    // them, and as the package's objects come).
    const open = got.open.map(({ code, due, status }) => ({ code, due, status }));
    const cli = { allowed: got.allowed, findings: got.findings, open };
    if (got.referred_on !== undefined) cli.referred_on = got.referred_on;
    cli.state = got.state;
    assert.equal(JSON.stringify(cli), c.expect, c.name);
  }
});
