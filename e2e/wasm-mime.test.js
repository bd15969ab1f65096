// A server that sends wsframe.wasm with the wrong MIME type still gets a
// working page: the worker falls back from instantiateStreaming.
import { suite, assert } from './harness.js';

const it = suite(import.meta.url, { wrongWasmType: true });

it('decodes when the wasm comes as application/octet-stream', async (page) => {
  assert.match(await page.textContent('#engine'), /decoder/);
  const r = await page.evaluate(() => globalThis.wsframe.decode('81 02 68 69'));
  assert.equal(r.messages[0].text, 'hi');
});
