#!/usr/bin/python3
"""Python `websockets` peers (Debian's python3-websockets, legacy asyncio API).

usage: /usr/bin/python3 py_peers.py server    HOST PORT LOG   (scenario c server: echo)
       /usr/bin/python3 py_peers.py client-c  URI LOG         (scenario c client)
       /usr/bin/python3 py_peers.py client-e  URI LOG         (scenario e client,
                                                              client_max_window_bits=9)

Each side writes the JSON list of what it sent (see lib/sentlog.js for the entry
shape). Pongs and close frames that the library writes by itself are logged by
hooking the protocol's pong() and write_close_frame(), so the log shows what the
library really wrote; "auto": true marks the ones the application did not ask for.
"""
import asyncio
import json
import sys
import time

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory
from websockets.legacy.client import WebSocketClientProtocol
from websockets.legacy.server import WebSocketServerProtocol

JSON200 = ('{"type":"telemetry","station":"loopback-01","unit":"celsius",'
           '"readings":[21.5,21.5,21.6,21.6,21.7,21.7,21.8],'
           '"note":"repeated to show context takeover",'
           '"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}')
assert len(JSON200.encode()) == 200


class SentLog:
    def __init__(self, path, side):
        self.path, self.side, self.entries = path, side, []
        self.flush()

    def add(self, conn, typ, data, **extra):
        e = {"from": self.side, "conn": conn, "type": typ}
        if typ == "close":
            code, reason = data
            if code is None:
                raw = b""
            else:
                raw = code.to_bytes(2, "big") + reason.encode()
                e["close_code"], e["close_reason"] = code, reason
        elif isinstance(data, str):
            raw = data.encode()
        else:
            raw = bytes(data)
        e["data_hex"] = raw.hex()
        if typ == "text" and len(raw) <= 4096:  # as lib/sentlog.js
            e["text"] = raw.decode()
        e.update(extra)
        e["t_ns"] = time.time_ns()
        self.entries.append(e)
        self.flush()

    def flush(self):
        with open(self.path, "w") as f:
            json.dump(self.entries, f, indent=1)
            f.write("\n")


LOG = None


def logging_protocol(base):
    class P(base):
        async def pong(self, data=b""):
            LOG.add(0, "pong", data if isinstance(data, bytes) else data.encode(), auto=True)
            await super().pong(data)

        async def write_close_frame(self, close, data=None):
            if self.state is websockets.protocol.State.OPEN:
                raw = data if data is not None else close.serialize()
                code = int.from_bytes(raw[:2], "big") if len(raw) >= 2 else None
                extra = {"auto": True} if self.close_rcvd is not None else {}
                LOG.add(0, "close", (code, raw[2:].decode()), **extra)
            await super().write_close_frame(close, data)
    return P


async def send(ws, data, **extra):
    typ = "text" if isinstance(data, str) else "binary"
    if isinstance(data, list):
        typ = "text" if isinstance(data[0], str) else "binary"
        whole = "".join(data) if typ == "text" else b"".join(data)
        await ws.send(data)  # an iterable is sent as one fragmented message
        LOG.add(0, typ, whole, fragments=[len(x.encode() if isinstance(x, str) else x) for x in data], **extra)
        return
    LOG.add(0, typ, data, **extra)
    await ws.send(data)


async def server(host, port):
    done = asyncio.get_running_loop().create_future()

    async def handler(ws):
        await send(ws, "hello from the python server")
        try:
            async for msg in ws:
                await send(ws, msg)  # echo each message back, whole
        finally:
            if not done.done():
                done.set_result(None)

    async with websockets.serve(handler, host, port, compression="deflate",
                                create_protocol=logging_protocol(WebSocketServerProtocol)):
        print(f"python server listening on [{host}]:{port}", file=sys.stderr)
        await done
        await asyncio.sleep(0.2)


async def client_c(uri):
    async with websockets.connect(uri, compression="deflate",
                                  create_protocol=logging_protocol(WebSocketClientProtocol)) as ws:
        print("extensions:", ws.response_headers.get("Sec-WebSocket-Extensions"), file=sys.stderr)
        print("got:", await ws.recv(), file=sys.stderr)
        for msg in ["hello from the python client", JSON200, JSON200, JSON200, bytes(range(256))]:
            await send(ws, msg)
            await ws.recv()
        LOG.add(0, "ping", b"py-ping")
        await (await ws.ping(b"py-ping"))
        await send(ws, ["fragmented ", "by the python ", "client"])
        await ws.recv()
        await ws.close(1000, "client done")


async def client_e(uri):
    ext = [ClientPerMessageDeflateFactory(client_max_window_bits=9)]
    async with websockets.connect(uri, extensions=ext,
                                  create_protocol=logging_protocol(WebSocketClientProtocol)) as ws:
        print("extensions:", ws.response_headers.get("Sec-WebSocket-Extensions"), file=sys.stderr)
        # 3 distinct 600-byte blocks repeated twice: repeats lie 1800 bytes back, beyond a
        # 512-byte (2^9) window, so the client cannot reference them.
        blocks = [("block %d: " % k + "".join(chr(97 + (i * (k + 3)) % 26) for i in range(600)))[:600]
                  for k in range(3)]
        longmsg = "".join(blocks) * 2
        for msg in [JSON200, JSON200, JSON200, longmsg, bytes(range(200))]:
            await send(ws, msg)
            print("got:", len(await ws.recv()), file=sys.stderr)
        await send(ws, "done")
        async for msg in ws:  # the server sends its part and then closes
            pass
        print("closed:", ws.close_code, ws.close_reason, file=sys.stderr)


def main():
    global LOG
    mode = sys.argv[1]
    if mode == "server":
        host, port, path = sys.argv[2], int(sys.argv[3]), sys.argv[4]
        LOG = SentLog(path, "server")
        coro = server(host, port)
    elif mode in ("client-c", "client-e"):
        uri, path = sys.argv[2], sys.argv[3]
        LOG = SentLog(path, "client")
        coro = client_c(uri) if mode == "client-c" else client_e(uri)
    else:
        sys.exit("unknown mode " + mode)
    asyncio.run(asyncio.wait_for(coro, timeout=30))


if __name__ == "__main__":
    main()
