"""Peers for cmd/wsframe's -follow test (follow_test.go): a websockets
server that echoes, and a client that sends one text message, waits for
its echo, prints "echoed", then holds the connection open until a line
comes on its standard input, and closes with code 1000.

    python3 follow_peers.py server PORTFILE
    python3 follow_peers.py client PORT MESSAGE
"""
import asyncio
import sys

import websockets


async def echo(ws, path=None):
    async for msg in ws:
        await ws.send(msg)


async def server(portfile):
    async with websockets.serve(echo, "127.0.0.1", 0) as srv:
        port = srv.sockets[0].getsockname()[1]
        with open(portfile + ".tmp", "w") as f:
            f.write(str(port))
        import os
        os.rename(portfile + ".tmp", portfile)
        await asyncio.sleep(60)  # the test stops it long before


async def client(port, message):
    async with websockets.connect(f"ws://127.0.0.1:{port}/follow", compression=None) as ws:
        await ws.send(message)
        got = await ws.recv()
        print("echoed" if got == message else "wrong echo: " + repr(got), flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.readline)
        await ws.close(code=1000, reason="done")


if __name__ == "__main__":
    if sys.argv[1] == "server":
        asyncio.run(server(sys.argv[2]))
    else:
        asyncio.run(client(int(sys.argv[2]), sys.argv[3]))
