// duban-wasm for the browser (and any ES module host that can fetch the .wasm file):
// call `await init()` once, then use the API.
import initWasm from './duban_wasm.js';

export * from './api.js';

let ready;

/**
 * Loads the WebAssembly module. `source` is optional: a URL, a Response, bytes or a
 * WebAssembly.Module; by default `duban_wasm_bg.wasm` next to this file.
 */
export function init(source) {
  if (!ready) {
    ready = initWasm(source === undefined ? undefined : { module_or_path: source });
  }
  return ready.then(() => undefined);
}
