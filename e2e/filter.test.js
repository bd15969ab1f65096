// The display filter box over the lists: typing filters the frames and
// messages (Go answers, in the full program), the count says "n of
// total", a wrong filter says where, completion offers field names, and
// the filter goes into the link and comes back from it.
import fs from 'node:fs';
import { suite, assert, paste, SEED_CLIENT, SEED_SERVER } from './harness.js';

const it = suite(import.meta.url);

const rows = (page, id) => page.$$eval(`#${id} [role=option] .col-idx`, (els) => els.map((e) => e.textContent));

it('typing a filter lists only the matches, with the count', async (page) => {
  await paste(page, `${SEED_SERVER}\n${SEED_CLIENT}\n88 02 03 e8`);
  assert.equal(await page.textContent('#frame-count'), '3');
  await page.fill('[data-part=filter]', 'dir == server');
  // The first filter loads the full program (wsframe-full.wasm).
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '2 of 3', null, { timeout: 80_000 });
  assert.deepEqual(await rows(page, 'frames'), ['0', '2']);
  await page.fill('[data-part=filter]', 'text contains "bye"');
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '1 of 3');
  assert.deepEqual(await rows(page, 'frames'), ['1']);
  assert.equal(await page.textContent('#message-count'), '1 of 3');
  await page.fill('[data-part=filter]', 'close.code == 1000');
  await page.waitForFunction(() => document.querySelector('#frames [role=option] .col-idx')?.textContent === '2');
  assert.equal(await page.textContent('#frame-count'), '1 of 3');
  assert.deepEqual(await rows(page, 'frames'), ['2']);
  // Cleared: everything again.
  await page.fill('[data-part=filter]', '');
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '3');
}, { timeout: 120_000 });

it('a wrong filter says where and what, and keeps the lists', async (page) => {
  await page.fill('[data-part=filter]', 'opcod == close');
  await page.waitForFunction(() => (document.querySelector('#filter-problem')?.textContent || '').includes('column 1:'), null, { timeout: 80_000 });
  assert.match(await page.textContent('#filter-problem'), /unknown field 'opcod', did you mean 'opcode'\?/);
  assert.equal(await page.getAttribute('[data-part=filter]', 'aria-invalid'), 'true');
  await page.fill('[data-part=filter]', 'opcode == text');
  await page.waitForFunction(() => document.querySelector('#filter-problem')?.textContent === '');
  assert.equal(await page.getAttribute('[data-part=filter]', 'aria-invalid'), 'false');
}, { timeout: 120_000 });

it('wsframe.filter and wsframe.filterFields answer in the console', async (page) => {
  const out = await page.evaluate(async () => {
    const w = /** @type {any} */ (globalThis).wsframe;
    return { ok: await w.filter('dir == client'), bad: await w.filter('lne > 3'), fields: (await w.filterFields()).map((/** @type {any} */ f) => f.name) };
  });
  assert.deepEqual(out.ok.frames, [1]);
  assert.equal(out.ok.of.frames, 2);
  assert.equal(out.bad.problem.column, 1);
  assert.deepEqual(out.bad.problem.suggest, ['len']);
  assert.ok(out.fields.includes('socketio.event') && out.fields.includes('opcode'));
}, { timeout: 120_000 });

it('completion offers the field names from Go', async (page) => {
  await page.focus('[data-part=filter]');
  await page.keyboard.type('dir == client and socketio.ev');
  await page.waitForFunction(() => document.querySelectorAll('#filter-fields option').length > 0);
  const opts = await page.$$eval('#filter-fields option', (els) => els.map((e) => /** @type {HTMLOptionElement} */ (e).value));
  assert.deepEqual(opts, ['dir == client and socketio.event']);
});

it('the filter goes into the link and comes back', async (page) => {
  await page.fill('[data-part=filter]', 'dir == server');
  await page.waitForFunction(() => location.hash.includes('filter=dir'));
  const url = page.url();
  const again = await page.context().newPage();
  await again.goto(url);
  await again.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '1 of 2');
  assert.equal(await again.inputValue('[data-part=filter]'), 'dir == server');
  await again.close();
});

it('works on a capture', async (page) => {
  const file = new URL('../testdata/captures/h-socketio-node-lo4.pcap', import.meta.url);
  await page.setInputFiles('#capture-file', { name: 'sio.pcap', mimeType: 'application/vnd.tcpdump.pcap', buffer: fs.readFileSync(file) });
  await page.waitForFunction(() => document.body.dataset.mode === 'capture' && /^\d+$/.test(document.querySelector('#frame-count')?.textContent || '') && document.querySelector('#frame-count')?.textContent !== '0');
  const total = await page.textContent('#frame-count');
  await page.fill('[data-part=filter]', 'socketio.event == "chat message"');
  await page.waitForFunction((t) => document.querySelector('#frame-count')?.textContent === `2 of ${t}`, total);
  await page.fill('[data-part=filter]', 'opcode == close');
  await page.waitForFunction((t) => document.querySelector('#frame-count')?.textContent === `2 of ${t}`, total);
});
