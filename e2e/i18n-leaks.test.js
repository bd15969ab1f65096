// English left in the Japanese page (issue 23): every example, every
// capture of testdata (its first messages opened, with their readings), a
// HAR, a wss:// capture with and without its key log, the builder, the
// ladder and the error cases, walked with ?lang=ja. A visible text node
// that holds an English word is a leak, unless the word is a protocol
// token (ALLOW), written in capitals (FIN, CONNECT, TLS), hex, or a word of
// the input itself (a capture's bytes, what its peers sent). Words of two
// letters count ("id 5", "ok" would be leaks). Each test
// prints the leaks it found, with where they are, and fails on any.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { suite, assert, paste, hostileCapture } from './harness.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const it = suite(import.meta.url);
const ja = { setup: (page) => page.addInitScript(() => localStorage.setItem('wsframe.lang', 'ja')) };
const slow = { ...ja, timeout: 240_000 };

// Protocol tokens and names that stay as they are in every language: RFC
// field and header names, opcode and frame-type names, application
// protocols' message types, product and format names, units, the display
// filter's operators.
const ALLOW = new Set(`
  websocket sec key accept version extensions protocol upgrade connection host origin switching protocols http https wss
  permessage deflate frame x-webkit-deflate-frame server_no_context_takeover client_no_context_takeover
  server_max_window_bits client_max_window_bits no context takeover max window bits
  opcode ping pong text binary close continuation payload len masking fin rsv rsv1 rsv2 rsv3 mask
  bfinal btype hlit hdist hclen huffman
  socket engine open noop message upgrade heartbeat json event ack error connect disconnect
  invocation streamitem completion streaminvocation cancelinvocation handshake
  mqtt mqisdp stomp signalr graphql msgpack cbor gzip zlib subscribe next complete connection_init connection_ack ka start data stop
  pcap pcapng har sll sll2 ethernet ipv4 ipv6 tcp tls sni alpn aes gcm chacha poly sha cbc ecdhe rsa
  wireshark tshark editcap xxd hexdump chrome chromium firefox edge node curl python unix
  utf utf-8 base64 hex mib kib byte
  xxd hexdump od wireshark-hexdump c-array escaped python base64url
  rfc wsframe tab mod esc shift go
  contains matches
`.split(/\s+/).filter(Boolean));

/** The words of a file and of what its peers sent (its .sent.json / .log.json beside it): the input's own words. */
function inputWords(...files) {
  const words = new Set();
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    for (const w of fs.readFileSync(f).toString('latin1').match(/[A-Za-z]{2,}/g) || []) words.add(w.toLowerCase());
  }
  return words;
}

/** The words of a paste and of the payloads it decodes to (a masked payload is not in the text). */
async function pasteWords(page, text) {
  const words = inputWords();
  const json = await page.evaluate(async (t) => { const r = await globalThis.wsframe.decode(t); return typeof r === 'string' ? r : JSON.stringify(r); }, text);
  const hexes = json.match(/"[0-9a-f]{6,}"/g) || [];
  for (const s of [text, ...hexes.map((h) => Buffer.from(h.slice(1, -1), 'hex').toString('latin1'))]) {
    for (const w of s.match(/[A-Za-z]{2,}/g) || []) words.add(w.toLowerCase());
  }
  return words;
}

/** The sidecars of a capture: what its peers sent. */
const sidecars = (f) => {
  const base = f.replace(/(\.(drop|reordered|overlap|duplicate|dsb))?\.(pcap|pcapng)(\.gz)?$/, '');
  return [`${base}.sent.json`, `${base}.log.json`, `${base}.keys`, `${base}.peers.json`];
};

/**
 * The visible text nodes of the page that hold English words, in the page.
 * @param {import('playwright-core').Page} page @param {Set<string>} input @param {string} where
 */
async function leaks(page, input, where) {
  const found = await page.evaluate(([allow, inputs]) => {
    const ok = new Set([...allow, ...inputs]);
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // The names of a reading's fields are the protocol's own (MQTT's "Fixed header", "Keep Alive"), as
      // Wireshark's field names stay in every language.
      // The payload shown as text (previews in the lists, the payload views, the JSON value) and the
      // handshake's own lines are input.
      if (!el || el.closest('textarea, script, style, [hidden], [aria-hidden="true"], .rname, .col-prev, .ptext, .pjson, .excerpt, .hl-line')
        || !el.getClientRects().length) continue;
      const text = n.nodeValue || '';
      // Code and values are not words: a run of text with a path, an assignment, a file
      // extension, a version (app.js, SSLKEYLOGFILE=/path, .pcapng, 49f0a02-dirty, --tls-keylog)
      // or in quotes ("keylog"); nor tokens with digits or underscores.
      const CODE = /[/=_{}\\]|\.[A-Za-z]|[0-9][A-Za-z0-9]*-[A-Za-z]|^\(?--?[a-z]|^["'“「].*["'”」]$/;
      const plain = text.split(/[\s\u3000、。()()]+/).filter((c) => !CODE.test(c) && !ok.has(c.toLowerCase())).join(' ');
      const words = (plain.match(/[A-Za-z0-9_][A-Za-z0-9_'’]*/g) || []).map((w) => w.replace(/['’]+$/, ''))
        .filter((w) => /^[A-Za-z][a-z'’]{1,}$/.test(w) && !/^[a-f]+$/i.test(w)
          && !ok.has(w.toLowerCase()) && !ok.has(w.toLowerCase().replace(/'s$|s$/, '')));
      if (words.length) out.push(`${words.join(' ')}  ⟵  "${text.trim().slice(0, 140)}" (${el.closest('[id]')?.id || el.tagName.toLowerCase()}.${el.className})`);
    }
    return out;
  }, [[...ALLOW], [...input]]);
  return [...new Set(found)].map((l) => `${where}: ${l}`);
}

/** Fails, printing them, if there are leaks. @param {string[]} all */
function none(all) {
  if (all.length) console.log(`${all.length} English text nodes in the Japanese page:\n${all.join('\n')}`);
  assert.deepEqual(all, [], 'English words in the Japanese page (printed above)');
}

/** Opens file as a capture and waits for it to be read. */
async function open(page, file, input = '#capture-file') {
  await page.setInputFiles(input, file);
  await page.waitForTimeout(50);
  await page.waitForFunction(() => !document.body.dataset.loading, null, { timeout: 60_000 });
}

/** Opens the first messages of the list (their readings and microscope). */
async function firstMessages(page, n = 3) {
  for (let i = 0; i < n; i++) {
    const row = page.locator(`#messages [data-i="${i}"]`);
    if (!(await row.count())) break;
    await row.first().click();
    await page.waitForTimeout(150);
  }
}

it('examples, in Japanese', async (page) => {
  const { EXAMPLES } = await import('../web/examples.js');
  const all = [];
  for (const ex of EXAMPLES) {
    await page.click(`[data-example="${ex.id}"]`);
    await page.waitForTimeout(300);
    await page.waitForSelector('svg.diagram');
    all.push(...await leaks(page, await pasteWords(page, await page.inputValue('#paste')), `example ${ex.id}`));
  }
  none(all);
}, ja);

it('every capture of testdata, its first messages opened, in Japanese', async (page) => {
  await page.click('#mode-capture');
  const dirs = [path.join(ROOT, 'testdata', 'captures'), path.join(ROOT, 'capture', 'testdata')];
  const files = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => /\.(pcap|pcapng)(\.gz)?$/.test(f)).map((f) => path.join(d, f)));
  assert.ok(files.length > 30, `only ${files.length} captures found`);
  const all = [];
  for (const f of files) {
    await open(page, f);
    await firstMessages(page);
    all.push(...await leaks(page, inputWords(f, ...sidecars(f)), path.basename(f)));
  }
  none(all);
}, slow);

it('a HAR and a wss:// capture with and without its key log, in Japanese', async (page) => {
  await page.click('#mode-capture');
  const har = path.join(ROOT, 'testdata', 'har', 'ws-chromium-deflate.har');
  const all = [];
  await open(page, har);
  await firstMessages(page);
  all.push(...await leaks(page, inputWords(har, ...sidecars(har)), 'HAR'));
  const tls = path.join(ROOT, 'testdata', 'captures', 'tls', 't13-aes128gcm-deflate');
  await open(page, `${tls}.pcap`);
  assert.match(await page.textContent('.conns'), /このセッションの鍵がありません/);
  all.push(...await leaks(page, inputWords(`${tls}.pcap`, `${tls}.sent.json`), 'wss:// without keys'));
  await open(page, `${tls}.keys`, '#keylog-file');
  await page.waitForSelector('.conns .note.tls-ok');
  await firstMessages(page);
  all.push(...await leaks(page, inputWords(`${tls}.pcap`, `${tls}.sent.json`, `${tls}.keys`), 'wss:// with keys'));
  // The same capture cut before its ServerHello (its first 4 packets: the TCP handshake and the ClientHello).
  const whole = fs.readFileSync(`${tls}.pcap`);
  let end = 24;
  for (let i = 0; i < 4; i++) end += 16 + whole.readUInt32LE(end + 8);
  await open(page, { name: 'cut.pcap', mimeType: 'application/octet-stream', buffer: whole.subarray(0, end) });
  await page.waitForFunction(() => /ServerHello がありません/.test(document.querySelector('.conns')?.textContent || ''), null, { timeout: 30_000 });
  all.push(...await leaks(page, inputWords(`${tls}.pcap`, `${tls}.sent.json`), 'wss:// cut before its ServerHello'));
  // A wrong key: authentication fails, said in Japanese.
  const wrong = fs.readFileSync(`${tls}.keys`, 'utf8').replace(/[0-9a-f](\s*)$/gm, (d, s) => (d[0] === '0' ? '1' : '0') + s);
  await open(page, { name: 'wrong.keys', mimeType: 'text/plain', buffer: Buffer.from(wrong) }, '#keylog-file');
  all.push(...await leaks(page, inputWords(`${tls}.pcap`, `${tls}.sent.json`, `${tls}.keys`), 'wss:// with a wrong key'));
  none(all);
}, slow);

it('the builder and the ladder, in Japanese', async (page) => {
  await page.click('[data-example="fragments"]');
  await page.click('#builder > summary');
  await page.waitForSelector('[data-part="builder"][data-frames]');
  await page.click('#ladder > summary');
  await page.waitForSelector('svg[data-part="ladder"]', { state: 'attached' });
  await page.waitForTimeout(300);
  const input = await pasteWords(page, await page.inputValue('#paste'));
  const all = await leaks(page, input, 'builder and ladder');
  // What the builder cannot build, said in Japanese: a hex payload with a wrong digit, a masking key of one byte.
  const set = (sel, v) => page.locator(sel).first().evaluate((el, value) => {
    const e = /** @type {HTMLInputElement} */ (el);
    e.value = value;
    e.dispatchEvent(new Event(e.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  }, v);
  for (const [settings, said] of [[[['#b-key', '12']], /mask_key: マスキングキーは 4 バイト/],
    [[['#b-key', ''], ['#b-kind', 'hex'], ['#b-text', '81 zz']], /hex: 4 文字目: "z" は 16 進数字ではありません/]]) {
    for (const [sel, v] of settings) await set(sel, v);
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#builder .perror')?.textContent || ''), said.source, { timeout: 30_000 });
    all.push(...await leaks(page, new Set([...input, 'zz']), `builder ${JSON.stringify(settings)}`));
  }
  none(all);
}, ja);

it('the error cases, in Japanese', async (page) => {
  const all = [];
  for (const [name, text, said] of [['bad hex', '81 0c 48 zz 6c', /'z' は16 進数字ではありません/], ['lone digit', '81 0c 4', /対になる桁がありません/],
    ['bad base64', 'gQxI*GVsbG8=', /base64/], ['bad escape', '"\\q\\x81"', /エスケープではありません/], ['short frame', '81 7e 01 00 41 42', /./],
    ['not frames: text', 'Hello there, how are you', /./], ['not frames: JSON', '{"type":"subscribe","id":"1"}', /./],
    ['an HTTP handshake', 'GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ByrM/ZMQsliJ3ARpSzF6lg==\r\nSec-WebSocket-Version: 13\r\n\r\n', /./]]) {
    await paste(page, text);
    await page.waitForTimeout(150);
    assert.match(await page.textContent('#paste-pane'), said, name);
    all.push(...await leaks(page, new Set(text.toLowerCase().match(/[a-z]{2,}/g)), name));
  }
  await page.click('#mode-capture');
  const seed = fs.readFileSync(path.join(ROOT, 'capture', 'testdata', 'seed.pcap'));
  for (const [name, buffer] of [['not a capture', Buffer.from('not a capture file at all')], ['empty', Buffer.alloc(0)],
    ['cut short', seed.subarray(0, seed.length - 30)], ['bad record', Buffer.concat([seed.subarray(0, 24), Buffer.alloc(16, 0xff)])]]) {
    await open(page, { name: `${name}.pcap`, mimeType: 'application/octet-stream', buffer });
    assert.match(await page.textContent('#capture'), /[\u3040-\u30ff]/, `${name}: said in Japanese`);
    all.push(...await leaks(page, new Set(`${name} ${buffer.toString('latin1')}`.toLowerCase().match(/[a-z]{2,}/g)), name));
  }
  none(all);
}, ja);

it('a wrong filter and a hint, in Japanese', async (page) => {
  const all = [];
  // A hint: a paste that reads as words, not frames, said in Japanese, with its broken rules as a sentence inside, each rule in words:
  // neither a rule's id (continuation-without-message) nor any English word is allowed beside the paste's own.
  for (const [text, said] of [['Hello there, how are you', /テキストメッセージのペイロードのようです/],
    ['AAECAwQFBgcICQ==', /フレーム 0 が規則に 1 件違反しています: 続けるメッセージのない継続フレーム/],
    ['ff ff ff ff', /完全なフレームヘッダが 1 つもありません/]]) {
    await paste(page, text);
    await page.waitForSelector('[data-part="hint"]');
    const hint = await page.textContent('[data-part="hint"]') || '';
    assert.match(hint, said, text);
    assert.deepEqual(hint.match(/[a-z0-9]+(?:-[a-z0-9]+)+/g) || [], [], `a rule's id in the hint of ${text}`);
    all.push(...await leaks(page, new Set(text.toLowerCase().match(/[a-z]{2,}/g) || []), `hint ${text}`));
  }
  // The filter box, under a frame list: each wrong filter said in Japanese, its column and suggestion as values.
  await paste(page, '81 05 48 65 6c 6c 6f');
  for (const [filter, said] of [['opcod == close', /フィルタ 1 文字目: opcod というフィールドはありません。opcode のことですか?/],
    ['text > 3', /フィルタ 6 文字目: > は text\(文字列\)には使えません。使えるのは ==, !=, contains, matches です/],
    ['opcode ==', /フィルタ 10 文字目: == の後には値があるはずですが、見つかったのは フィルタの終わり です/],
    ['fin = 1', /= は演算子ではありません。== のことですか?/],
    // RE2's refusal in the filter's own words, with its place in the pattern; none of Go's regexp words.
    ['text matches "ab**"', /正規表現\(RE2 構文\)として読めません。パターンの 3 文字目: \*\* は繰り返しをさらに繰り返しています/],
    ['text matches "(a"', /'\(' が閉じられていません/]]) {
    await page.fill('[data-part=filter]', filter);
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#filter-problem')?.textContent || ''), said.source, { timeout: 80_000 });
    all.push(...await leaks(page, new Set(filter.toLowerCase().match(/[a-z]{2,}/g)), `filter ${filter}`));
  }
  none(all);
}, { ...ja, timeout: 120_000 });

it('readings that fail, in Japanese: text read as JSON, as STOMP', async (page) => {
  const all = [];
  for (const [protocol, said] of [['json', /JSON: 値があるはずですが、見つかったのは 'H' です/], ['stomp', /0 バイト目: /]]) {
    await page.selectOption('#opt-protocol', protocol);
    await paste(page, '81 05 48 65 6c 6c 6f');
    await page.click('#messages [data-i="0"]');
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#message')?.textContent || ''), said.source, { timeout: 60_000 });
    all.push(...await leaks(page, new Set(['hello', protocol]), `read as ${protocol}`));
  }
  none(all);
}, { ...ja, timeout: 120_000 });

it('a handshake with broken extension headers, and a wrong extension option, in Japanese', async (page) => {
  const all = [];
  const hs = (req, res) => `GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ByrM/ZMQsliJ3ARpSzF6lg==\r\nSec-WebSocket-Version: 13\r\n`
    + `Sec-WebSocket-Extensions: ${req}\r\n\r\nHTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`
    + `Sec-WebSocket-Accept: j+6fEtOsvfgsycBMCfLxWNzPFxk=\r\nSec-WebSocket-Extensions: ${res}\r\n\r\n81 05 48 65 6c 6c 6f`;
  for (const [req, res, said] of [
    ['permessage-deflate; level=3; server_no_context_takeover; server_no_context_takeover', 'permessage-deflate; server_max_window_bits=7',
      /permessage-deflate にパラメータ "level" はありません.*server_no_context_takeover が 2 回あります/s],
    ['permessage-deflate; client_max_window_bits="x y", foo;;', 'permessage-deflate; client_max_window_bits=10',
      /文字目: .*引用符を外してもトークンでなければなりません/s],
    ['permessage-deflate; server_max_window_bits=10', 'permessage-deflate; server_max_window_bits=12',
      /server_max_window_bits=12 は提示された 10 より大きい値です/]]) {
    await paste(page, hs(req, res));
    await page.evaluate(() => { for (const d of document.querySelectorAll('[data-part=handshake]')) /** @type {HTMLDetailsElement} */ (d).open = true; });
    await page.waitForFunction((re) => new RegExp(re, 's').test(document.querySelector('[data-part=handshake]')?.textContent || ''), said.source, { timeout: 30_000 });
    all.push(...await leaks(page, new Set(`${req} ${res}`.toLowerCase().match(/[a-z]{2,}/g)), `extensions ${req} / ${res}`));
  }
  // The extension declared for a paste without a handshake (Options): its problem said in Japanese.
  await paste(page, '81 05 48 65 6c 6c 6f');
  await page.click('#options > summary');
  await page.fill('#opt-ext', 'permessage-deflate; server_max_window_bits=99');
  await page.waitForFunction(() => /ウィンドウのビット数は 8 から 15 でなければなりませんが、99 です/.test(document.querySelector('#paste-error')?.textContent || ''), null, { timeout: 30_000 });
  all.push(...await leaks(page, new Set(['permessage', 'deflate', 'server_max_window_bits']), 'the extension option'));
  none(all);
}, { ...ja, timeout: 120_000 });

// The worker, served with a wrapper that runs out of memory on cue: its own words (worker.js said()) in Japanese.
const OOM = 'OOM-THE-DECODER';
const HANG = 'HANG-THE-DECODER';
const WRAPPER = `
;(() => {
  const real = self.onmessage;
  self.onmessage = (ev) => {
    const d = ev.data || {};
    const text = String((d.args || [])[0]);
    if (d.op === 'decode' && text.includes(${JSON.stringify(HANG)})) for (;;) {} // eslint-disable-line no-empty
    if (d.op === 'decode' && text.includes(${JSON.stringify(OOM)})) {
      self.fs.writeSync(2, new TextEncoder().encode('fatal error: out of memory\\n'));
      exited = true;
      postMessage({ id: d.id, ok: false, error: failure('decode') });
      fatal(failure('decode'), 'decode');
      return;
    }
    return real(ev);
  };
})();
`;

it('the decoder out of memory, and stopped past its deadline, in Japanese', async (page) => {
  const all = [];
  await page.fill('#paste', `81 00\n${OOM}`);
  // Its words come with the full program's (full/ja.js), fetched when it happens.
  await page.waitForFunction(() => /この貼り付けの処理中にデコーダのメモリが足りなくなりました/.test(document.querySelector('#paste-error [data-part=crash]')?.textContent || ''));
  all.push(...await leaks(page, new Set(['oom', 'the', 'decoder']), 'out of memory'));
  await page.evaluate(() => wsframe.deadlineForTest({ offer: 300, stop: 1500 }));
  await page.evaluate((t) => {
    const el = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste'));
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, `81 00\n${HANG}`);
  await page.waitForSelector('#paste-error [data-part=stopped]', { timeout: 20_000 });
  all.push(...await leaks(page, new Set(['hang', 'the', 'decoder']), 'stopped past the deadline'));
  none(all);
}, {
  timeout: 60_000,
  setup: async (page) => {
    await ja.setup(page);
    await page.route('**/worker.js', async (route) => {
      const res = await route.fetch();
      route.fulfill({ response: res, body: (await res.text()) + WRAPPER });
    });
  },
});

it('a fragment whose message\'s frame list is cut (issue 26), in Japanese', async (page) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-leaks-'));
  try {
    const file = path.join(dir, 'fragments.pcap');
    hostileCapture(file, 'fragments', 2000);
    await page.click('#mode-capture');
    await open(page, file);
    await page.fill('#goto', '1000');
    await page.press('#goto', 'Enter');
    await page.waitForSelector('[data-part="frames-cut"]', { timeout: 15_000 });
    none(await leaks(page, inputWords(file), 'a cut frame list'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, ja);

it('a compressed frame whose data is not DEFLATE (deflate_error, issue 26), in Japanese', async (page) => {
  // A handshake agreeing permessage-deflate, then a compressed text frame
  // holding 07: block type 3, reserved.
  const text = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
    + 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\nc1 01 07\n';
  await paste(page, text);
  await page.click('#frames [data-i="0"]');
  await page.waitForSelector('[data-part="deflate-error"]', { timeout: 30_000 });
  const said = await page.textContent('[data-part="deflate-error"]');
  assert.match(said, /ブロックをすべては読めませんでした: 圧縮データの 0 ビット目\(0 バイト目\): /, said);
  assert.doesNotMatch(said, /block type|reserved|compressed data/, said);
  none(await leaks(page, await pasteWords(page, text), 'a deflate error'));
}, { ...ja, timeout: 120_000 });
