// Compiled (not run) by types.test.mjs: the .d.ts of duban-wasm describes what the package does.
import { Calendar, DubanError, init, kinds } from '../dist/pkg/index.js';
async function f() {
  await init();
  const c = new Calendar();
  const d: string = c.due('meeting-follow-up', '2023-09-20').due;
  const b: boolean = c.isWorkday('2023-10-07');
  const p = c.provisional().isWorkday('2027-01-04');
  const flag: boolean = p.provisional;
  const k = kinds('en')[0].code;
  try { c.due('year-end-summary', '2027'); } catch (e) { if (e instanceof DubanError) { const kind: string = e.kind; } }
  return [d, b, flag, k];
}
f();
