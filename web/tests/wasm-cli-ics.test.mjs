// The WebAssembly package against the command line (the same answers), and the iCalendar
// exports of both read back by an independent parser (ical.js).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';
import { Calendar } from '../dist/pkg/node.js';

const root = new URL('../../', import.meta.url).pathname;
const read = (path) => readFileSync(root + path, 'utf8');
const caseloadPath = 'examples/data/caseload.json';
let duban;

before(() => {
  const build = spawnSync('cargo', ['build', '-q', '-p', 'duban-cli'], { cwd: root, stdio: 'inherit' });
  assert.equal(build.status, 0, 'cargo build -p duban-cli');
  duban = `${process.env.CARGO_TARGET_DIR || `${root}target`}/debug/duban`;
  assert.ok(existsSync(duban), duban);
});

function cli(...args) {
  const r = spawnSync(duban, args, { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const iso = (d) => d.toISOString().slice(0, 10);

/** Triggers for every kind spread over the covered years, and a few outside them. */
function questions() {
  const q = [];
  const dates = [];
  for (let d = new Date('2020-01-06T00:00:00Z'); d <= new Date('2026-12-31T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 53)) dates.push(iso(d));
  dates.push('2020-01-05', '2026-12-20', '2026-12-31', '2023-09-28', '2023-10-01', '2024-02-09');
  for (const date of dates) {
    q.push(['meeting-follow-up', date, 'plenary']);
    q.push(['inspection-application', date]);
    q.push(['inspection-approval', date]);
    q.push(['rectification-plan', date]);
  }
  for (let y = 2020; y <= 2026; y++) {
    for (let m = 1; m <= 12; m += 1) q.push(['monthly-report', `${y}-${String(m).padStart(2, '0')}`]);
    for (let n = 1; n <= 4; n++) q.push(['quarterly-report', `${y}-Q${n}`]);
    q.push(['year-end-summary', String(y)]);
  }
  q.push(['year-end-summary', '2027'], ['monthly-report', '2019-12'], ['monthly-report', '2023-13']);
  return q;
}

test('due: the WebAssembly package answers as the CLI, date and explanation, in both languages', () => {
  const cal = new Calendar();
  let compared = 0;
  let errors = 0;
  for (const [kind, trigger, meeting] of questions()) {
    for (const lang of compared % 3 === 0 ? ['zh', 'en'] : ['zh']) {
      const args = ['--lang', lang, 'due', kind, trigger, '--explain'];
      if (meeting) args.push('--meeting-kind', meeting);
      const out = cli(...args);
      let wasm;
      try {
        wasm = cal.due(kind, trigger, { lang, meetingKind: meeting });
      } catch (e) {
        assert.notEqual(out.status, 0, `${args.join(' ')}: the CLI answered ${out.stdout} where wasm threw ${e.kind}`);
        assert.equal(out.stdout, '');
        assert.ok(out.stderr.includes(e.message), `${args.join(' ')}: ${out.stderr} vs ${e.message}`);
        errors++;
        continue;
      }
      assert.equal(out.status, 0, `${args.join(' ')}: ${out.stderr}`);
      assert.equal(out.stdout, [wasm.due, ...wasm.explanation.lines].join('\n') + '\n', args.join(' '));
      compared++;
    }
  }
  assert.ok(compared > 300, `compared ${compared}`);
  assert.ok(errors >= 4, `errors ${errors}`);
});

test('check and what-if: the same JSON as the CLI', () => {
  const cal = new Calendar();
  const caseload = read(caseloadPath);
  assert.equal(cal.checkText(caseload, {}) + '\n', cli('check', caseloadPath).stdout);
  assert.equal(cal.checkText(caseload, { lang: 'en', asOf: '2023-10-31', explain: false }) + '\n',
    cli('--lang', 'en', 'check', caseloadPath, '--as-of', '2023-10-31', '--no-explain').stdout);
  const b = 'examples/data/policy-meeting-20-working-days.json';
  assert.equal(cal.whatIfText(caseload, 'builtin', read(b)) + '\n',
    cli('diff', '--policy', 'builtin', '--policy', b, caseloadPath, '--format', 'json').stdout);
});

/** Physical lines: CRLF-terminated, none longer than 75 octets. */
function assertWellFormed(ics) {
  assert.ok(ics.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(ics), 'a bare LF');
  for (const line of ics.split('\r\n').slice(0, -1)) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
  }
}

function events(ics) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  assert.equal(cal.name, 'vcalendar');
  assert.equal(cal.getFirstPropertyValue('version'), '2.0');
  return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

test('ics: the open deadlines of the example caseload, read back by ical.js', () => {
  const cal = new Calendar();
  const caseload = read(caseloadPath);
  const ics = cal.icsDeadlines(caseload, {});
  assert.equal(ics, cli('ics', caseloadPath).stdout, 'the CLI writes the same file');
  assertWellFormed(ics);
  const report = cal.check(caseload, { labels: true });
  const open = [];
  for (const m of report.matters) {
    for (const o of m.obligations) {
      if (['pending', 'due_today', 'overdue'].includes(o.status.status)) open.push({ m, o });
    }
  }
  // Hand count from the README's table of this caseload on 2023-11-10: two pending (HY-2023-043
  // due 11-17, NZ-2023 due 12-29) and three overdue (YB-2023-10-CZ due 10-31, DC-2023-08 D5 due
  // 11-06, YT-2023-05 D6: an interview on Monday 10-09, 7 days later is Monday 10-16, a working
  // day). YB-2023-10-SW was submitted in time and awaits a supplement: no event.
  assert.deepEqual(open.map(({ m, o }) => `${m.id} ${o.code} ${o.due}`).sort(), [
    'DC-2023-08 D5 2023-11-06', 'HY-2023-043 D1 2023-11-17', 'NZ-2023 D7 2023-12-29', 'YB-2023-10-CZ D2 2023-10-31',
    'YT-2023-05 D6 2023-10-16',
  ]);
  assert.ok(!ics.includes('YB-2023-10-SW'));
  const evs = events(ics);
  assert.equal(evs.length, open.length);
  const byUid = new Map(evs.map((e) => [e.uid, e]));
  assert.equal(byUid.size, evs.length, 'UIDs are unique');
  for (const { m, o } of open) {
    const e = byUid.get(`${m.id}.${o.code}@duban`);
    assert.ok(e, `${m.id} ${o.code}`);
    assert.equal(e.startDate.isDate, true, 'an all-day event');
    assert.equal(e.startDate.toString(), o.due);
    assert.equal(e.endDate.toString(), new Date(Date.parse(`${o.due}T00:00:00Z`) + 86400000).toISOString().slice(0, 10));
    assert.ok(e.summary.includes(m.unit) && e.summary.includes(m.id) && e.summary.includes(o.code), e.summary);
    assert.ok(e.description.includes(o.status_text), e.description);
    assert.ok(e.description.includes('安政办发〔2020〕1号'), e.description);
    assert.ok(e.description.includes(o.explanation[1]), 'the explanation is in the description');
    assert.equal(e.component.getAllSubcomponents('valarm').length, 1);
  }
  // The overdue ones say so in the summary.
  assert.ok(byUid.get('YB-2023-10-CZ.D2@duban').summary.startsWith('【已逾期】'));
  // HY-2023-043 is due Friday 2023-11-17; 3 working days before is Tuesday 11-14, at 09:00.
  const alarm = byUid.get('HY-2023-043.D1@duban').component.getFirstSubcomponent('valarm');
  const trigger = alarm.getFirstPropertyValue('trigger');
  assert.equal(trigger.toSeconds(), -(3 * 24 - 9) * 3600);
  assert.equal(alarm.getFirstPropertyValue('action'), 'DISPLAY');
  // NZ-2023 is due Friday 2023-12-29; 5 working days before is Friday 12-22 (7 calendar days).
  const five = events(cal.icsDeadlines(caseload, { alarm: 5 })).find((e) => e.uid === 'NZ-2023.D7@duban');
  assert.equal(five.component.getFirstSubcomponent('valarm').getFirstPropertyValue('trigger').toSeconds(), -(7 * 24 - 9) * 3600);
  // No alarm on request.
  const none = cal.icsDeadlines(caseload, { alarm: null });
  assert.ok(!none.includes('BEGIN:VALARM'));
  assert.equal(cli('ics', caseloadPath, '--alarm', 'none').stdout, none);
  assert.notEqual(cli('ics', caseloadPath, '--alarm', 'x').status, 0);
});

test('ics: a later export keeps the UIDs and raises the sequence, so a re-import updates', () => {
  const cal = new Calendar();
  const caseload = read(caseloadPath);
  const first = events(cal.icsDeadlines(caseload, { asOf: '2023-11-10' }));
  const later = events(cal.icsDeadlines(caseload, { asOf: '2023-11-14' }));
  const uids = (evs) => evs.map((e) => e.uid).sort();
  assert.deepEqual(uids(later), uids(first));
  for (const e of later) {
    const before = first.find((f) => f.uid === e.uid);
    assert.ok(e.sequence > before.sequence);
    assert.equal(e.startDate.toString(), before.startDate.toString());
  }
  // English summaries name the obligation in English.
  const en = events(cal.icsDeadlines(caseload, { lang: 'en' }));
  assert.ok(en.some((e) => e.summary.startsWith('[overdue] D2 monthly progress report on key tasks')));
});

test('ics: the 2024 working-day calendar matches the notice (国办发明电〔2023〕7号)', () => {
  const cal = new Calendar();
  const ics = cal.icsCalendar('2024-01-01', '2024-12-31');
  assertWellFormed(ics);
  assert.equal(cli('calendar-ics', '2024-01-01', '2024-12-31').stdout, ics, 'the CLI writes the same file');
  assert.equal(cli('calendar-ics', '2024-01-01', '2027-01-01').status, 1, 'outside the notices');
  const evs = events(ics);
  const work = evs.filter((e) => e.summary.endsWith('调休上班')).map((e) => e.startDate.toString());
  // The make-up days of the 2024 notice, from /NOTICES.md of the specification.
  assert.deepEqual(work.sort(), ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']);
  const off = evs.filter((e) => e.summary.endsWith('放假')).map((e) => e.startDate.toString());
  const weekdaysOff = off.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
  assert.equal(weekdaysOff.length, 19, 'the check figure of 2024: 19 weekday dates off');
  for (const d of ['2024-02-10', '2024-02-17', '2024-10-01', '2024-10-07', '2024-06-10']) assert.ok(off.includes(d), d);
  assert.ok(!off.includes('2024-02-09'), '除夕 2024 was a working day');
  assert.equal(new Set(evs.map((e) => e.uid)).size, evs.length);
  const sept = evs.find((e) => e.startDate.toString() === '2024-09-14');
  assert.ok(sept.description.includes('国办发明电〔2023〕7号'));
  assert.equal(cal.icsCalendar('2024-01-01', '2024-12-31', { lang: 'en' }).includes('make-up working day'), true);
});
