// examples.js: pastes a teacher can put up with one click: the seed
// article's exchange, the RFC 6455 §5.7 examples, a compressed exchange with
// its handshake (RFC 7692 §7.2.3.2) and a frame that breaks rules.

import { h } from './dom.js';

/** @typedef {{id: string, label: string, title: string, text: string | null, frame: number}} Example */

const NL = '\n'; // a textarea turns CRLF into LF anyway; the decoder takes either
const head = (...lines) => lines.join(NL) + NL + NL;

/** 126 bytes: one more than a control frame may carry. */
const LONG_PING = Array.from({ length: 126 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'.charCodeAt(i % 26).toString(16)).join(' ');

/** @type {Example[]} */
export const EXAMPLES = [
  {
    id: 'seed', label: 'Seed exchange', frame: 1,
    title: 'The article that started wsframe: a server "Hello, world" and a masked client "Good bye."',
    text: null, // the decoder's seed (wsframeGo.seed): it lives in Go only
  },
  {
    id: 'rfc6455', label: 'RFC 6455 §5.7', frame: 2,
    title: 'RFC 6455 section 5.7: "Hello" unmasked, masked, in two fragments, then a ping and its masked pong',
    text: [
      '81 05 48 65 6c 6c 6f',
      '81 85 37 fa 21 3d 7f 9f 4d 51 58',
      '01 03 48 65 6c',
      '80 02 6c 6f',
      '89 05 48 65 6c 6c 6f',
      '8a 85 37 fa 21 3d 7f 9f 4d 51 58',
    ].join('\n'),
  },
  {
    id: 'deflate', label: 'Compressed (RFC 7692)', frame: 1,
    title: 'A handshake that negotiates permessage-deflate, then "Hello" compressed twice sharing one window (RFC 7692 §7.2.3.2)',
    text: head('GET /chat HTTP/1.1', 'Host: server.example.com', 'Upgrade: websocket', 'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Extensions: permessage-deflate')
      + head('HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade',
        'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=', 'Sec-WebSocket-Extensions: permessage-deflate')
      + 'c1 07 f2 48 cd c9 c9 07 00\nc1 05 f2 00 11 00 00',
  },
  {
    id: 'violations', label: 'Broken rules', frame: 0,
    title: 'A ping that says it carries 126 bytes: control frames may carry at most 125 (RFC 6455 §5.5)',
    text: `89 7e 00 7e ${LONG_PING}`,
  },
];

/**
 * A row of buttons, one an example.
 * @param {(ex: Example) => void} onPick
 */
export function examplesMenu(onPick) {
  return h('div', { class: 'examples', role: 'group', 'aria-label': 'Paste an example' },
    h('span', { class: 'muted small' }, 'Examples:'),
    EXAMPLES.map((ex) => h('button', { type: 'button', class: 'small', 'data-example': ex.id, title: ex.title, onclick: () => onPick(ex) }, ex.label)));
}
