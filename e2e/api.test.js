// The page's JS API: globalThis.wsframe.decode() returns the contract's
// JSON; frame() returns one frame's detail.
import { suite, assert } from './harness.js';

const it = suite(import.meta.url);
const SEED = '81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb';

it('decode returns the contract', async (page) => {
  const r = await page.evaluate((t) => globalThis.wsframe.decode(t), SEED);
  assert.equal(r.version, 1);
  assert.equal(r.input.kind, 'hex');
  assert.equal(r.input.bytes, 29);
  assert.deepEqual(r.errors, []);
  assert.equal(r.frames.length, 2);
  const [s, c] = r.frames;
  assert.equal(s.from, 'server');
  assert.equal(s.masked, false);
  assert.equal(s.mask_key, undefined);
  assert.equal(s.payload, '48656c6c6f2c20776f726c64');
  assert.equal(c.from, 'client');
  assert.equal(c.offset, 14);
  assert.equal(c.fin, true);
  assert.equal(c.opcode, 1);
  assert.equal(c.masked, true);
  assert.equal(c.mask_key, '9539ffdd');
  assert.equal(c.payload_length, 9);
  assert.equal(c.payload, '476f6f64206279652e');
  assert.deepEqual(c.violations, []);
  assert.equal(r.messages[0].text, 'Hello, world');
  assert.equal(r.messages[1].text, 'Good bye.');
  assert.deepEqual(r.messages[1].frames, [1]);
  assert.equal(typeof (await page.evaluate(() => globalThis.wsframe.version)), 'string');
});

it('decode reports input errors in the result', async (page) => {
  const r = await page.evaluate(() => globalThis.wsframe.decode('81 0z'));
  assert.equal(r.version, 1);
  assert.ok(r.errors.length > 0);
  assert.equal(r.errors[0].line, 1);
  assert.equal(r.errors[0].column, 5);
});

it('frame returns the detail of one frame', async (page) => {
  const d = await page.evaluate(async (t) => { await globalThis.wsframe.decode(t); return globalThis.wsframe.frame(1, {}); }, SEED);
  assert.equal(d.bytes, '81899539ffddd25690b9b55b86b8bb');
  assert.equal(d.header_length, 6);
  assert.deepEqual(d.fields.map((f) => f.name), ['websocket.fin', 'websocket.rsv1', 'websocket.rsv2', 'websocket.rsv3',
    'websocket.opcode', 'websocket.mask', 'websocket.payload_length', 'websocket.masking_key', 'websocket.payload']);
  assert.equal(d.steps.length, 9);
  assert.deepEqual(d.steps[0], { i: 0, masked: 0xd2, key_index: 0, key: 0x95, result: 0x47, char: 'G' });
  assert.equal(d.message.text, 'Good bye.');
});
