// Rough timings of the WebAssembly package from Node (after web/build.sh): node web/bench.mjs
import { Calendar } from './dist/pkg/node.js';
import { readFileSync } from 'node:fs';
const c = new Calendar();
for (let i = 0; i < 2000; i++) c.due('meeting-follow-up', '2023-09-20');
let t = performance.now();
const N = 20000;
for (let i = 0; i < N; i++) c.due('meeting-follow-up', '2023-09-20');
console.log('due+explain per call us', ((performance.now() - t) * 1000 / N).toFixed(1));
t = performance.now();
for (let i = 0; i < N; i++) c.addWorkdays('2023-09-20', 30);
console.log('addWorkdays per call us', ((performance.now() - t) * 1000 / N).toFixed(2));
const text = readFileSync(new URL('../examples/data/caseload.json', import.meta.url), 'utf8');
t = performance.now();
for (let i = 0; i < 1000; i++) c.checkText(text);
console.log('check example caseload ms', ((performance.now() - t) / 1000).toFixed(3));
