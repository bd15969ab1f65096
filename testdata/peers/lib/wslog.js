'use strict';
// Log, at the WebSocket level, what a library built on `ws` (here engine.io and
// engine.io-client, under socket.io and socket.io-client) hands to ws: every message and
// control frame, as the library passed it to ws, before masking.
//
// The libraries carry their own copy of ws (node_modules/engine.io/node_modules/ws, ...),
// so the copy is found from the library's own directory and its WebSocket.prototype
// send/ping/pong/close are wrapped before the library is loaded. One more path: when
// socket.io broadcasts, socket.io-adapter builds the WebSocket frame itself
// (ws.Sender.frame) and engine.io hands it to ws's Sender.sendFrame, bypassing
// WebSocket.send; those messages are logged from engine.io's WebSocket transport and
// marked "pre_encoded": true.
//
// conn is the order in which the WebSocket objects first sent something (one
// connection per side in scenario h). Entries marked "auto": true are frames ws sends by
// itself: the close echo and the pong to a ping.
const path = require('path');

function wsOf(lib) {
  const libMain = require.resolve(lib);
  return require.resolve('ws', { paths: [path.dirname(libMain)] });
}

function hookWs(log, lib) {
  const WebSocket = require(wsOf(lib));
  const proto = WebSocket.prototype;
  if (proto.__sentlogHooked) return WebSocket;
  proto.__sentlogHooked = true;
  const conns = new WeakMap();
  let next = 0;
  const connOf = (ws) => {
    if (!conns.has(ws)) conns.set(ws, next++);
    return conns.get(ws);
  };
  const OPEN = WebSocket.OPEN;
  const bytes = (d) => (d === undefined || d === null ? Buffer.alloc(0)
    : typeof d === 'string' ? Buffer.from(d, 'utf8')
    : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
    : Buffer.from(d));

  const send = proto.send;
  proto.send = function (data, options, cb) {
    if (this.readyState === OPEN) {
      const opts = typeof options === 'object' && options ? options : {};
      if (typeof data === 'number') data = data.toString();
      const binary = opts.binary !== undefined ? opts.binary : typeof data !== 'string';
      log.add(connOf(this), binary ? 'binary' : 'text', bytes(data));
    }
    return send.call(this, data, options, cb);
  };
  const ping = proto.ping;
  proto.ping = function (data, mask, cb) {
    if (this.readyState === OPEN) log.add(connOf(this), 'ping', bytes(typeof data === 'function' ? undefined : data));
    return ping.call(this, data, mask, cb);
  };
  const pong = proto.pong;
  proto.pong = function (data, mask, cb) {
    // the peers never pong themselves: ws's autoPong answers a ping
    if (this.readyState === OPEN) log.add(connOf(this), 'pong', bytes(typeof data === 'function' ? undefined : data), { auto: true });
    return pong.call(this, data, mask, cb);
  };
  const close = proto.close;
  proto.close = function (code, reason) {
    if (this.readyState === OPEN) {
      // a close() while the peer's close frame has already arrived is ws echoing it
      const extra = this._closeFrameReceived ? { auto: true } : {};
      const body = code === undefined ? undefined : { code, reason: reason === undefined ? '' : bytes(reason).toString('utf8') };
      log.add(connOf(this), 'close', body, extra);
    }
    return close.call(this, code, reason);
  };

  return { WebSocket, connOf };
}

// engine.io's WebSocket transport: log the broadcasts it sends as pre-encoded frames, at
// the moment they reach ws's Sender (so in order with the messages sent through send()).
function hookEngineIoPreEncoded(log, connOf) {
  const { WebSocket: Transport } = require(path.join(path.dirname(require.resolve('engine.io')), 'transports', 'websocket.js'));
  const send = Transport.prototype.send;
  Transport.prototype.send = function (packets) {
    const pre = new Set(packets.filter((p) => this._canSendPreEncodedFrame(p)).map((p) => p.options.wsPreEncodedFrame));
    if (pre.size === 0) return send.call(this, packets);
    const ws = this.socket;
    const sender = ws._sender;
    sender.sendFrame = function (list, cb) {
      if (pre.has(list) && ws.readyState === 1) {
        // [header, payload]: the header's opcode says text or binary; not masked
        const [header, payload] = list;
        log.add(connOf(ws), (header[0] & 0x0f) === 2 ? 'binary' : 'text', Buffer.from(payload), { pre_encoded: true });
      }
      return Object.getPrototypeOf(sender).sendFrame.call(this, list, cb);
    };
    try {
      return send.call(this, packets);
    } finally {
      delete sender.sendFrame;
    }
  };
}

module.exports = { hookWs, hookEngineIoPreEncoded };
