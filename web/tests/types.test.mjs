// The package's TypeScript types (wasm/js/index.d.ts, copied into web/dist/pkg) compile in
// strict mode against a small program that uses them (tests/types-check.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

test('index.d.ts type-checks a program in strict mode', () => {
  const web = new URL('../', import.meta.url).pathname;
  const r = spawnSync(`${web}node_modules/.bin/tsc`, ['--noEmit', '--strict', '--target', 'es2020', '--module', 'es2020', '--moduleResolution', 'node', 'tests/types-check.ts'], { cwd: web, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
