// next and apply in the WebAssembly package against the command line: the same state, the
// same allowed events, the same open deadlines for every matter of the example caseload, and
// the same stored states one event at a time.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Calendar, DubanError } from '../dist/pkg/node.js';

const root = new URL('../../', import.meta.url).pathname;
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

test('next agrees with the command line for every matter of the example', () => {
  const cal = new Calendar();
  const caseload = readFileSync(root + caseloadPath, 'utf8');
  for (const m of JSON.parse(caseload).matters) {
    const got = cal.next(caseload, m.id);
    const want = JSON.parse(cli('next', caseloadPath, m.id).stdout);
    assert.equal(got.state, want.state, m.id);
    assert.deepEqual(got.allowed, want.allowed, m.id);
    assert.deepEqual(got.open.map(({ code, due, status }) => ({ code, due, status })), want.open, m.id);
    assert.equal(got.allowed_labels.length, got.allowed.length, m.id);
  }
  // The returned monthly report: only a resubmission may come, in Chinese words.
  const sw = cal.next(caseload, 'YB-2023-10-SW');
  assert.deepEqual(sw.allowed_labels, ['报送']);
});

test('apply agrees with the command line, one event at a time', () => {
  const cal = new Calendar();
  let state = { schema: 'duban-state/1', kind: 'escalation', state: { state: 'open' } };
  const events = [
    { event: 'urge', on: '2024-04-22' },
    { event: 'request_escalation', on: '2024-05-06', grounds: ['overall', 'ineffective_after_urging'] },
    { event: 'decline', on: '2024-05-08' },
  ];
  for (const e of events) {
    const got = cal.apply(state, e);
    const want = JSON.parse(cli('apply', JSON.stringify(state), JSON.stringify(e)).stdout);
    assert.deepEqual(got, want);
    state = got;
  }
  assert.equal(state.state.state, 'declined');
  assert.throws(
    () => cal.apply(state, { event: 'approve', on: '2024-05-09' }),
    (err) => err instanceof DubanError && err.kind === 'illegal_transition' && err.messageZh.includes('提级督查未获同意'),
  );
  assert.notEqual(cli('apply', JSON.stringify(state), '{"event":"approve","on":"2024-05-09"}').status, 0);
});
