// The capture view: a file from the button or dropped anywhere, a progress
// bar, the connections with their handshake, the frame list with times, and
// the same microscope. The worker is wrapped so that decodeCapture (and
// decodeStream, which the page reads files with) answer with the seed
// exchange in the contract's shape (a connection, times, packets), made by
// the real decoder; the last test reads a real capture.
import fs from 'node:fs';
import { suite, assert } from './harness.js';

const it = suite(import.meta.url);

const SEED = '81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb';
// The seed's handshake (decoder.SeedRequest, SeedResponse): the real decoder checks it.
const HANDSHAKE = 'GET /chat HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
  + 'Sec-WebSocket-Key: ByrM/ZMQsliJ3ARpSzF6lg==\r\nSec-WebSocket-Version: 13\r\n\r\n'
  + 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
  + 'Sec-WebSocket-Accept: j+6fEtOsvfgsycBMCfLxWNzPFxk=\r\n\r\n';
const FAKE = `
importScripts('worker.js?real');
// The first program, and the full one the worker loads for a file.
const iv = setInterval(() => { if (self.wsframeGo) { clearInterval(iv); fake(); } }, 1);
const loadFullProgram = loadFull;
loadFull = async () => { await loadFullProgram(); fake(); };
function fake() {
  if (self.wsframeGo.faked) return;
  self.wsframeGo.faked = true;
  const decode = self.wsframeGo.decode;
  self.wsframeGo.decodeCapture = (bytes, opts) => {
    const r = JSON.parse(decode(${JSON.stringify(HANDSHAKE + SEED)}, opts || {}));
    const handshake = r.handshake;
    delete r.handshake;
    r.input = { kind: 'pcap', format: 'pcap-usec', bytes: bytes.length };
    r.connections = [{ id: 0, client: '127.0.0.1:54012', server: '127.0.0.1:8080', frames: 2, messages: 2, packets: 7,
      handshake }];
    r.frames.forEach((f, i) => { f.connection = 0; f.packet = 6 + i; f.time = '2012-12-15T00:36:0' + i + '.129456Z'; });
    r.messages.forEach((m) => { m.connection = 0; });
    return JSON.stringify(r);
  };
  const rows = self.wsframeGo.rows;
  self.wsframeGo.rows = (kind, start, count, opts) => JSON.stringify(JSON.parse(rows(kind, start, count, opts)).map((x) => ({ ...x, connection: 0 })));
  self.wsframeGo.index = (kind, conn) => JSON.stringify(conn === 0 ? [0, 1] : []);
  self.wsframeGo.decodeStream = (read, size, opts) => {
    opts.progress(size);
    return self.wsframeGo.decodeCapture(read(0, size), opts);
  };
}
`;

const setup = async (page) => {
  await page.route((u) => u.pathname === '/worker.js' && !u.search, (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE }));
};

const bytes = () => fs.readFileSync(new URL('../capture/testdata/seed.pcapng.gz', import.meta.url));

async function check(page) {
  await page.waitForSelector('.conns .conn');
  assert.equal(await page.getAttribute('body', 'data-mode'), 'capture');
  const conn = await page.textContent('.conns .conn');
  assert.match(conn, /✓/);
  assert.match(conn, /127\.0\.0\.1:54012 ⇄ 127\.0\.0\.1:8080/);
  assert.match(conn, /2 frames · 2 messages/);
  assert.match(await page.textContent('#capture .status'), /pcap/);
  assert.match(await page.textContent('#frames [role=option][data-i="1"] .col-time'), /^\+1\.000$/);
  assert.match(await page.getAttribute('#frames [role=option][data-i="1"] .col-time', 'title'), /2012-12-15 00:36:01\.129456 UTC \(\+1\.000000 s after the first frame\)/);
  assert.equal(await page.textContent('#frames [role=option][data-i="1"] .col-pkt'), '7');
  assert.match(await page.textContent('.handshake'), /accept is valid/);
  assert.match(await page.textContent('.handshake'), /8fee9f12d3acbdf82cc9c04c09f2f158dccf1719/);
  assert.match(await page.textContent('.handshake'), /j\+6fEtOsvfgsycBMCfLxWNzPFxk= ✓ equal/);
  await page.click('#frames [role=option][data-i="1"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  assert.equal(await page.getAttribute('#frames [role=option][data-i="1"]', 'aria-selected'), 'true');
}

it('opens a capture from the file button', async (page) => {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', { name: 'seed.pcapng.gz', mimeType: 'application/gzip', buffer: bytes() });
  await check(page);
}, { setup });

it('opens a capture dropped anywhere', async (page) => {
  const data = [...bytes()];
  await page.evaluate((b) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], 'seed.pcapng.gz'));
    document.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, data);
  await check(page);
  await page.click('.conns .conn');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  // Back to the paste: its view comes back.
  await page.click('#mode-paste');
  await page.waitForFunction(() => document.body.dataset.mode === 'paste');
  assert.match(await page.textContent('#paste-status'), /2 frames/);
}, { setup });

it('says so when the decoder cannot read the file', async (page) => {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a capture') });
  await page.waitForSelector('#capture .status .warn');
  assert.match(await page.textContent('#capture .status'), /notes\.txt.*0 frames.*problem/);
});

it('reads a real capture with the real decoder', async (page) => {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', { name: 'seed.pcapng.gz', mimeType: 'application/gzip', buffer: bytes() });
  await page.waitForSelector('.conns .conn');
  assert.match(await page.textContent('.conns'), /⇄/);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.ok(Number(await page.textContent('#frame-count')) >= 2);
  assert.match(await page.textContent('#messages'), /Good bye\./);
});
