// Readings and the two programs (issue 13): the first wasm links no reader,
// so it hands every paste that may read as an application protocol to
// wsframe-full.wasm; what it answers itself must be what the full one
// would. The page shows each paste the same whichever program is loaded.
import { suite, assert, paste, SEED_CLIENT, SEED_SERVER } from './harness.js';

const it = suite(import.meta.url);
const fullWasm = (page) => page.rec.requests.filter((u) => u.endsWith('/wsframe-full.wasm')).length;
const hexOf = (bytes) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
const textFrame = (s) => hexOf([0x81, Buffer.byteLength(s), ...Buffer.from(s)]);

/** Pastes no reader takes: the seed exchange and RFC 6455 5.7's examples. */
const PLAIN = [
  `${SEED_SERVER}\n${SEED_CLIENT}`,
  '81 05 48 65 6c 6c 6f', // a single-frame unmasked text message
  '81 85 37 fa 21 3d 7f 9f 4d 51 58', // the same, masked
  '01 03 48 65 6c\n80 02 6c 6f', // fragmented
  '89 05 48 65 6c 6c 6f\n8a 85 37 fa 21 3d 7f 9f 4d 51 58', // ping, masked pong
  '82 88 5a 17 c3 9e d3 47 8d d9 57 1d d9 94', // a PNG header (the "binary" example): no MessagePack or CBOR item ends at its last byte
  textFrame('5:::{"name":"news","args":[{"hello":"world"}]}'), // Socket.IO 0.9 without its handshake: no reader takes it
];
/** Pastes a reader takes by content. */
const READ = [
  textFrame('{"type":"subscribe","id":"1"}'),
  hexOf([0x82, 0x0c, 0x82, 0xa2, 0x69, 0x64, 0x07, 0xa4, 0x6e, 0x61, 0x6d, 0x65, 0xa1, 0x78]), // MessagePack {id: 7, name: "x"}
];

/** What the page shows of the last paste: lists, frame, payload and message. */
async function shown(page) {
  // The same frame open whatever was open before.
  await page.click('#frame-list [data-i="0"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  return page.evaluate(() => ['#frame-list', '#message-list', '#frame-head', '#violations', '#payload', '#message-sec', '#app-sec']
    .map((s) => {
      const el = /** @type {HTMLElement} */ (document.querySelector(s));
      return `${s}${el && el.hidden ? ' (hidden)' : ''}: ${el ? el.innerText : ''}`;
    }).join('\n'));
}

it('a paste no reader takes stays in the first program, and shows the same once the full one is loaded', async (page) => {
  const first = [];
  for (const p of PLAIN) {
    await paste(page, p);
    first.push(await shown(page));
  }
  assert.equal(fullWasm(page), 0, 'the first program answered every plain paste');
  const views = () => page.rec.requests.filter((u) => u.endsWith('/lazy/reading.js')).length;
  assert.equal(views(), 0, 'no reading, no reading views');
  assert.match(await page.textContent('#engine'), /^decoder (?!.*full)/);

  // JSON text needs a reader: the first program hands it to the full one.
  await paste(page, READ[0]);
  assert.equal(fullWasm(page), 1);
  assert.match(await page.textContent('#messages [data-i="0"] .mnote.reading'), /^json \{"type":"subscribe","id":"1"\}$/);
  assert.match(await page.textContent('#engine'), /\(full\)/);
  assert.equal(views(), 1, 'the reading views came with the first reading');

  for (const [i, p] of PLAIN.entries()) {
    await paste(page, p);
    assert.equal(await shown(page), first[i], `paste ${i} shows the same with the full program`);
  }
});

it('a paste a reader takes shows its reading from the first paste on, the same as later', async (page) => {
  const once = [];
  for (const p of READ) {
    await paste(page, p);
    await page.waitForSelector('#messages [data-i="0"] .mnote.reading');
    once.push(await shown(page));
  }
  assert.equal(fullWasm(page), 1, 'the full program was loaded once, for the first of them');
  assert.match(once[1], /msgpack \{"id":7,"name":"x"\}/);
  for (const [i, p] of READ.entries()) {
    await paste(page, PLAIN[0]);
    await paste(page, p);
    assert.equal(await shown(page), once[i]);
  }
  // The menu's "none" reads nothing, in whichever program.
  const before = await page.evaluate(() => document.body.dataset.decodes);
  await page.selectOption('#opt-protocol', 'none');
  await page.waitForFunction((b) => document.body.dataset.decodes !== b, before);
  assert.equal(await page.locator('#messages .mnote.reading').count(), 0);
});
