// examples.js: pastes a teacher can put up with one click, one for each
// question the 2012 article asked and the RFC answers: the seed exchange,
// the RFC 6455 §5.7 examples (16-bit and 64-bit lengths too), a binary
// message, a fragmented text with a ping between its fragments, a close
// with a code and a reason, Socket.IO, a compressed exchange (RFC 7692
// §7.2.3.2) and frames that break rules. Long examples are built here, as
// the RFC describes them, rather than written out.

import { h } from './dom.js';
import { t } from './i18n.js';

/** @typedef {{id: string, text: string | null, frame: number}} Example */

const NL = '\n'; // a textarea turns CRLF into LF anyway; the decoder takes either
const head = (...lines) => lines.join(NL) + NL + NL;
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
const utf8 = (s) => new TextEncoder().encode(s);

/**
 * One frame as hex: FIN and opcode, the length in its shortest form and,
 * with a key, the payload masked (RFC 6455 §5.2, §5.3).
 * @param {number} opcode @param {Uint8Array} payload
 * @param {{fin?: boolean, key?: number[], perLine?: number}} [o]
 */
export function frameHex(opcode, payload, o = {}) {
  const n = payload.length;
  const b = [(o.fin === false ? 0 : 0x80) | opcode];
  const m = o.key ? 0x80 : 0;
  if (n < 126) b.push(m | n);
  else if (n < 65536) b.push(m | 126, n >> 8, n & 0xff);
  else b.push(m | 127, 0, 0, 0, 0, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  const body = o.key ? payload.map((x, i) => x ^ /** @type {number[]} */ (o.key)[i % 4]) : payload;
  if (!o.perLine) return hex([...b, ...(o.key || [])]) + (n ? ` ${hex(body)}` : '');
  // Long frames: the header on its own line, then the payload, perLine bytes a line.
  const lines = [hex([...b, ...(o.key || [])])];
  for (let i = 0; i < n; i += o.perLine) lines.push(hex(body.subarray(i, i + o.perLine)));
  return lines.join(NL);
}

/** 126 bytes: one more than a control frame may carry. */
const LONG_PING = utf8('abcdefghijklmnopqrstuvwxyz'.repeat(5).slice(0, 126));
const KEY = [0x37, 0xfa, 0x21, 0x3d]; // RFC 6455 §5.7's key
const counting = (n) => Uint8Array.from({ length: n }, (_, i) => i & 0xff);
const closePayload = (code, reason) => new Uint8Array([code >> 8, code & 0xff, ...utf8(reason)]);

const UPGRADE = ['Upgrade: websocket', 'Connection: Upgrade'];
const RFC_KEY = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==';
const RFC_ACCEPT = 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

/** @type {Example[]} in the order of the menu */
export const EXAMPLES = [
  {
    id: 'seed', frame: 1,
    text: null, // the decoder's seed (wsframeGo.seed): it lives in Go only
  },
  {
    id: 'rfc6455', frame: 2,
    text: [
      '81 05 48 65 6c 6c 6f',
      '81 85 37 fa 21 3d 7f 9f 4d 51 58',
      '01 03 48 65 6c',
      '80 02 6c 6f',
      '89 05 48 65 6c 6c 6f',
      '8a 85 37 fa 21 3d 7f 9f 4d 51 58',
    ].join(NL),
  },
  {
    id: 'binary', frame: 0,
    // The first 8 bytes of a PNG file, sent by a browser: binary, so no UTF-8 rule applies.
    text: frameHex(2, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), { key: [0x5a, 0x17, 0xc3, 0x9e] }),
  },
  {
    id: 'fragments', frame: 1,
    // RFC 6455 §5.4: control frames may come between the fragments of a message.
    text: [
      frameHex(1, utf8('Hel'), { fin: false }),
      frameHex(9, utf8('ping')),
      frameHex(0, utf8('lo, '), { fin: false }),
      frameHex(0, utf8('world')),
    ].join(NL),
  },
  {
    id: 'close', frame: 0,
    // The browser closes with 1000 and a reason; the server answers with the code alone.
    text: [frameHex(8, closePayload(1000, 'Good bye'), { key: [0x4d, 0x2e, 0x91, 0x08] }), frameHex(8, closePayload(1000, ''))].join(NL),
  },
  {
    id: 'len16', frame: 0,
    // RFC 6455 §5.7: "256 bytes binary message in a single unmasked frame".
    text: frameHex(2, counting(256), { perLine: 16 }),
  },
  {
    id: 'len64', frame: 0,
    // RFC 6455 §5.7: "64KiB binary message in a single unmasked frame", whole:
    // 200 KB of hex, written when it is picked rather than on every visit's start.
    get text() { return frameHex(2, counting(65536), { perLine: 64 }); },
  },
  {
    id: 'socketio', frame: 3,
    // Socket.IO 4 over a WebSocket: Engine.IO open, the namespace connect, an event, ping and pong.
    text: head('GET /socket.io/?EIO=4&transport=websocket HTTP/1.1', 'Host: localhost:3000', ...UPGRADE, RFC_KEY, 'Sec-WebSocket-Version: 13')
      + head('HTTP/1.1 101 Switching Protocols', ...UPGRADE, RFC_ACCEPT)
      + [
        frameHex(1, utf8('0{"sid":"Lbo5JLzTotvW3g2LAAAA","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}')),
        frameHex(1, utf8('40'), { key: [0x12, 0x34, 0x56, 0x78] }),
        frameHex(1, utf8('40{"sid":"wZX3oN0bSVIhsaknAAAB"}')),
        frameHex(1, utf8('42["chat message","hi"]'), { key: [0x9a, 0xbc, 0xde, 0xf0] }),
        frameHex(1, utf8('2')),
        frameHex(1, utf8('3'), { key: [0x0f, 0x1e, 0x2d, 0x3c] }),
      ].join(NL),
  },
  {
    id: 'deflate', frame: 1,
    text: head('GET /chat HTTP/1.1', 'Host: server.example.com', ...UPGRADE, RFC_KEY, 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Extensions: permessage-deflate')
      + head('HTTP/1.1 101 Switching Protocols', ...UPGRADE, RFC_ACCEPT, 'Sec-WebSocket-Extensions: permessage-deflate')
      + 'c1 07 f2 48 cd c9 c9 07 00\nc1 05 f2 00 11 00 00',
  },
  {
    id: 'violations', frame: 0,
    // A ping of 126 bytes (control frames carry at most 125), RSV1 with no
    // extension, an unmasked frame where a masked one came from the client
    // (the paste says nothing of who sent it, so masked marks the client),
    // and a close with a single byte.
    text: [frameHex(9, LONG_PING), frameHex(1, utf8('Hello'), { key: KEY }).replace(/^81/, 'c1'), frameHex(8, new Uint8Array([0x03]))].join(NL),
  },
];

/**
 * A row of buttons, one an example; labels and titles come from the catalog (ex.<id>).
 * @param {(ex: Example) => void} onPick
 */
export function examplesMenu(onPick) {
  return h('div', { class: 'examples', role: 'group', 'data-i18n-attr': 'aria-label=ex.label', 'aria-label': t('ex.label') },
    h('span', { class: 'muted small', 'data-i18n': 'ex.h' }, t('ex.h')),
    EXAMPLES.map((ex) => h('button', {
      type: 'button', class: 'small', 'data-example': ex.id, 'data-i18n': `ex.${ex.id}`, 'data-i18n-attr': `title=ex.${ex.id}.title`,
      title: t(`ex.${ex.id}.title`), onclick: () => onPick(ex),
    }, t(`ex.${ex.id}`))));
}
