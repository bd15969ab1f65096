// Every paste form the page accepts decodes to the seed exchange, typed into
// the paste area, and the page says which form it recognised.
import { suite, assert, paste } from './harness.js';

const it = suite(import.meta.url);

// The seed's 29 bytes in each form (made with xxd, hexdump -C, Wireshark's
// copy commands and by hand).
const FORMS = {
  'plain hex with spaces': ['hex', '81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb'],
  'plain hex run': ['hex', '810c48656c6c6f2c20776f726c6481899539ffddd25690b9b55b86b8bb'],
  'hex with colons': ['hex', '81:0c:48:65:6c:6c:6f:2c:20:77:6f:72:6c:64:81:89:95:39:ff:dd:d2:56:90:b9:b5:5b:86:b8:bb'],
  'hex with 0x': ['hex', '0x81 0x0c 0x48 0x65 0x6c 0x6c 0x6f 0x2c 0x20 0x77 0x6f 0x72 0x6c 0x64 0x81 0x89 0x95 0x39 0xff 0xdd 0xd2 0x56 0x90 0xb9 0xb5 0x5b 0x86 0xb8 0xbb'],
  xxd: ['xxd', '00000000: 810c 4865 6c6c 6f2c 2077 6f72 6c64 8189  ..Hello, world..\n00000010: 9539 ffdd d256 90b9 b55b 86b8 bb         .9...V...[...'],
  'hexdump -C': ['hexdump-C', '00000000  81 0c 48 65 6c 6c 6f 2c  20 77 6f 72 6c 64 81 89  |..Hello, world..|\n00000010  95 39 ff dd d2 56 90 b9  b5 5b 86 b8 bb           |.9...V...[...|\n0000001d'],
  'Wireshark hex dump': ['wireshark-hexdump', '0000   81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 81 89   ..Hello, world..\n0010   95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb            .9...V...[...'],
  'C array': ['c-array', 'char peer0_0[] = { /* Packet 22 */\n0x81, 0x0c, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x2c,\n0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0x81, 0x89,\n0x95, 0x39, 0xff, 0xdd, 0xd2, 0x56, 0x90, 0xb9,\n0xb5, 0x5b, 0x86, 0xb8, 0xbb };'],
  '\\x escapes': ['escaped', '\\x81\\x0c\\x48\\x65\\x6c\\x6c\\x6f\\x2c\\x20\\x77\\x6f\\x72\\x6c\\x64\\x81\\x89\\x95\\x39\\xff\\xdd\\xd2\\x56\\x90\\xb9\\xb5\\x5b\\x86\\xb8\\xbb'],
  'Python bytes literal': ['python', "b'\\x81\\x0cHello, world\\x81\\x89\\x959\\xff\\xdd\\xd2V\\x90\\xb9\\xb5[\\x86\\xb8\\xbb'"],
  base64: ['base64', 'gQxIZWxsbywgd29ybGSBiZU5/93SVpC5tVuGuLs='],
};

for (const [name, [format, text]] of Object.entries(FORMS)) {
  it(`decodes ${name}`, async (page) => {
    await paste(page, text);
    const status = await page.textContent('#paste-status');
    assert.match(status, new RegExp(`Recognised ${format.replace(/[-\\]/g, '.')}`), status);
    assert.match(status, /29 bytes · 2 frames/);
    assert.equal(await page.locator('#paste-error').textContent(), '');
    const msgs = await page.locator('#messages [role=option]').allTextContents();
    assert.equal(msgs.length, 2);
    assert.match(msgs[0], /Hello, world/);
    assert.match(msgs[1], /Good bye\./);
  }, { timeout: 30_000 });
}

it('decodes every form through wsframe.decode too', async (page) => {
  for (const [name, [format, text]] of Object.entries(FORMS)) {
    const r = await page.evaluate((t) => globalThis.wsframe.decode(t, {}), text);
    assert.equal(r.input.bytes, 29, name);
    assert.equal(r.input.format ?? r.input.kind, format, name);
    assert.equal(r.messages[1].text, 'Good bye.', name);
  }
});

it('decodes a whole packet copied from tshark -x, from its TCP payload', async (page) => {
  const fs = await import('node:fs');
  const text = fs.readFileSync(new URL('../testdata/dumps/a-client-goodbye.tshark-x.txt', import.meta.url), 'utf8');
  await paste(page, text);
  const status = await page.textContent('#paste-status');
  assert.match(status, /Recognised wireshark.hexdump/, status);
  assert.match(status, /a whole Ethernet packet, 127\.0\.0\.1:\d+ → 127\.0\.0\.1:9001: the frames are its TCP payload, from byte 66/, status);
  const msgs = await page.locator('#messages [role=option]').allTextContents();
  assert.equal(msgs.length, 1);
  assert.match(msgs[0], /Good bye\./);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#frame-head'), /at byte 66/);
});
