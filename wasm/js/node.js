// duban-wasm for Node.js: the module is loaded synchronously on import; `init()` is there
// for code shared with the browser and resolves at once.
import { readFileSync } from 'node:fs';
import { initSync } from './duban_wasm.js';

initSync({ module: readFileSync(new URL('./duban_wasm_bg.wasm', import.meta.url)) });

export * from './api.js';

/** Resolves at once: the module is already loaded. */
export function init() {
  return Promise.resolve();
}
