// The frame builder (builder.js, Go's build package through wsframe.encode):
// the seed's client frame built by hand, a message in three fragments with
// a ping between them, compression read back by the decoder, broken frames
// with their violations, the paste box in one action and "edit this frame".
import { suite, assert, SEED_CLIENT } from './harness.js';

const suiteIt = suite(import.meta.url);
/** Each test starts with the builder folded: the page remembers it open from the test before. */
const it = (name, fn, o = {}) => suiteIt(name, fn, {
  ...o,
  setup: async (p) => { await p.addInitScript(() => localStorage.removeItem('wsframe.open.builder')); if (o.setup) await o.setup(p); },
});

/** Opens the builder and waits for its first build. */
async function open(page) {
  await page.click('#builder > summary');
  await page.waitForSelector('[data-part="builder"][data-frames]');
}

/** Sets controls, then waits for the bytes of the new build. */
async function set(page, fields) {
  for (const [sel, v] of Object.entries(fields)) {
    const el = page.locator(sel);
    const type = await el.evaluate((e) => (e.tagName === 'SELECT' ? 'select' : e.type));
    if (type === 'select') await el.selectOption(String(v));
    else if (type === 'checkbox') await el.setChecked(Boolean(v));
    else await el.fill(String(v));
  }
  await page.waitForSelector('[data-part="builder"][data-state="done"]');
}

const hexLines = (page) => page.locator('[data-part="builder-hex"]').allTextContents();

it('builds the seed client frame and puts it in the paste box', async (page) => {
  await open(page);
  await set(page, { '#b-text': 'Good bye.', '#b-key': '9539ffdd' });
  assert.deepEqual(await hexLines(page), [SEED_CLIENT]);
  assert.match(await page.textContent('[data-part="builder-out"]'), /no RFC rule broken/);
  await page.click('[data-action="builder-paste"]');
  await page.waitForFunction((s) => document.querySelector('#paste').value === s, SEED_CLIENT);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.equal(await page.textContent('#frame-count'), '1');
  assert.match(await page.textContent('#message'), /Good bye\./);
  // The API gives the same bytes.
  const r = await page.evaluate(() => wsframe.encode({ text: 'Good bye.', mask_key: '9539ffdd' }));
  assert.equal(r.hex, SEED_CLIENT.replaceAll(' ', ''));
  assert.equal(r.frames[0].payload, Buffer.from('Good bye.').toString('hex'));
});

it('builds a message in three fragments with a ping between', async (page) => {
  await open(page);
  await set(page, { '#b-text': 'Hello, world!!', '#b-fragment': 5, '#b-ping': true, '#b-ping-text': 'still there?' });
  const lines = await hexLines(page);
  assert.equal(lines.length, 4, lines.join('\n'));
  assert.match(lines[0], /^01 /); // text, FIN 0
  assert.match(lines[1], /^89 /); // ping
  assert.match(lines[2], /^00 /); // continuation, FIN 0
  assert.match(lines[3], /^80 /); // continuation, FIN 1
  await page.click('[data-action="builder-paste"]');
  await page.waitForFunction(() => document.querySelector('#frame-count').textContent === '4');
  // One data message of three frames; the ping is a control message of its own.
  const rows = await page.locator('#messages [role=option]').allTextContents();
  const data = rows.filter((t) => /text/.test(t));
  assert.equal(data.length, 1, rows.join('\n'));
  assert.match(data[0], /3 frames/);
  assert.match(data[0], /Hello, world!!/);
  assert.equal(rows.length, 2);
});

it('compresses with and without context takeover, and the decoder inflates it', async (page) => {
  await open(page);
  await set(page, { '#b-text': 'Hello', '#b-mask': false, '#b-from': 'server', '#b-deflate': true, '#b-times': 2 });
  let lines = await hexLines(page);
  assert.deepEqual(lines, ['c1 07 f2 48 cd c9 c9 07 00', 'c1 04 02 13 00 00']); // RFC 7692 7.2.3.1, then a back-reference
  await set(page, { '#b-no-takeover': true });
  lines = await hexLines(page);
  assert.deepEqual(lines, ['c1 07 f2 48 cd c9 c9 07 00', 'c1 07 f2 48 cd c9 c9 07 00']);
  await page.click('[data-action="builder-paste"]');
  // (The seed on screen has two frames too: wait for the built ones.)
  await page.waitForFunction(() => /inflated from 7 bytes/.test(document.querySelector('#messages').textContent));
  assert.equal(await page.textContent('#frame-count'), '2');
  assert.equal(await page.inputValue('#opt-ext'), 'permessage-deflate; server_no_context_takeover');
  const rows = await page.locator('#messages [role=option]').allTextContents();
  assert.equal(rows.filter((t) => /inflated from 7 bytes/.test(t) && /Hello/.test(t)).length, 2, rows.join('\n'));
});

it('builds broken frames and shows what is wrong', async (page) => {
  await open(page);
  await set(page, { '#b-text': 'Hello', '#b-length': '64', '#b-rsv2': true, '#b-opcode': '11' });
  const out = await page.textContent('[data-part="builder-out"]');
  assert.match(out, /reserved for future use/);
  assert.match(out, /RSV2 is set/);
  assert.match(out, /length 5 is sent in 64 bits/);
  assert.match((await hexLines(page))[0], /^ab ff 00 00 00 00 00 00 00 05 /);
  // A spec that cannot be built says why.
  await set(page, { '#b-key': '12' });
  assert.match(await page.textContent('#builder .perror'), /mask_key: a masking key is 4 bytes/);
  assert.equal(await page.getAttribute('[data-action="builder-paste"]', 'disabled'), '');
});

it('fills the panel from the frame on screen', async (page) => {
  // The seed page shows frame 1, the client's masked "Good bye.".
  await open(page);
  await page.click('[data-action="builder-edit"]');
  await page.waitForFunction(() => document.querySelector('#b-key').value === '9539ffdd');
  assert.equal(await page.inputValue('#b-text'), 'Good bye.');
  assert.equal(await page.inputValue('#b-opcode'), '1');
  await page.waitForFunction((s) => [...document.querySelectorAll('[data-part="builder-hex"]')].map((e) => e.textContent).join() === s, SEED_CLIENT);
  // And a close frame as its code and reason.
  await set(page, { '#b-kind': 'close', '#b-code': 4000, '#b-reason': 'bye' });
  await page.click('[data-action="builder-paste"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  await set(page, { '#b-kind': 'text', '#b-text': 'other' });
  await page.click('[data-action="builder-edit"]');
  await page.waitForFunction(() => document.querySelector('#b-kind').value === 'close');
  assert.equal(await page.inputValue('#b-code'), '4000');
  assert.equal(await page.inputValue('#b-reason'), 'bye');
});

it('loads the builder and the full program only when asked, and keeps the paste on screen', async (page) => {
  const asked = (part) => page.rec.requests.filter((u) => u.includes(part)).length;
  // First load: neither the lazy modules nor the full program.
  assert.equal(asked('/lazy/'), 0, page.rec.requests.join('\n'));
  assert.equal(asked('wsframe-full.wasm'), 0);
  // The API works from the console before the panel was ever opened: the worker loads the full program for it.
  const r = await page.evaluate(() => wsframe.encode({ text: 'Good bye.', mask_key: '9539ffdd' }));
  assert.equal(r.hex, SEED_CLIENT.replaceAll(' ', ''));
  assert.equal(asked('wsframe-full.wasm'), 1);
  assert.equal(asked('/lazy/'), 0);
  // The seed paste on screen is still the full program's last decode: its frames open.
  await page.click('#frames [data-i="0"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  await page.click('#frames [data-i="1"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  // Opening the panel imports its module, once.
  await open(page);
  assert.equal(asked('/lazy/builder.js'), 1);
  assert.equal(asked('/lazy/ladder.js'), 0);
  await page.click('#builder > summary');
  await page.click('#builder > summary');
  assert.equal(asked('/lazy/builder.js'), 1);
});

it('a module that cannot be loaded says so, and the next opening tries again', async (page) => {
  let fail = true;
  await page.route('**/lazy/builder.js', (r) => (fail ? r.abort() : r.continue()));
  await page.click('#builder > summary');
  await page.waitForFunction(() => /Could not load this part of the page/.test(document.querySelector('#toast').textContent));
  assert.equal(await page.getAttribute('#builder', 'open'), null, 'the panel closes again');
  fail = false;
  await open(page);
  assert.equal((await hexLines(page)).length, 1, 'the panel builds its first frame');
});

it('in Japanese', async (page) => {
  await open(page);
  assert.equal(await page.textContent('#builder > summary'), 'フレームを組み立てる');
  assert.equal(await page.textContent('label[for="b-from"]'), '送信側');
  assert.match(await page.textContent('[data-part="builder-out"]'), /RFC の規則違反なし/);
  // A switch of language redraws the panel.
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('label[for="b-from"]').textContent === 'Sent by');
  await page.waitForFunction(() => /no RFC rule broken/.test(document.querySelector('[data-part="builder-out"]').textContent));
  assert.match(await page.textContent('#b-opcode option[value="1"]'), /^0x1 text$/);
}, { hash: '?lang=ja' });
