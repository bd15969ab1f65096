#!/usr/bin/python3
"""Independent check that a capture carries exactly what its NAME.sent.json says was sent.

usage: /usr/bin/python3 check_sent.py CAPTURE SENT_JSON PORT [--midstream]

Takes each WebSocket connection's two byte streams from tshark (follow,tcp,raw), parses
RFC 6455 frames itself, unmasks, reassembles fragments, inflates permessage-deflate
messages (RSV1) with zlib, and compares message by message, per connection and side, with
the log (conn k = the k-th connection whose handshake got a 101; with --midstream the one
TCP stream is conn 0, frames start at its first byte, and entries marked before_capture
are skipped). Exits 1 on any difference. Uses tshark only to reassemble TCP.
"""
import json
import subprocess
import sys
import zlib


def tshark(*args):
    return subprocess.run(["tshark", *args], capture_output=True, text=True, check=True).stdout


def follow(cap, stream):
    out = tshark("-r", cap, "-q", "-z", f"follow,tcp,raw,{stream}")
    first, second = b"", b""
    for line in out.splitlines():
        if not line.strip() or line.startswith(("=", "Follow", "Filter", "Node")):
            continue
        if line.startswith("\t"):
            second += bytes.fromhex(line.strip())
        else:
            first += bytes.fromhex(line.strip())
    return first, second  # first = the side that sent first (the client, after a handshake)


def frames(b, i):
    while i < len(b):
        h0, h1 = b[i], b[i + 1]
        i += 2
        n = h1 & 0x7F
        if n == 126:
            n = int.from_bytes(b[i:i + 2], "big"); i += 2
        elif n == 127:
            n = int.from_bytes(b[i:i + 8], "big"); i += 8
        key = None
        if h1 & 0x80:
            key = b[i:i + 4]; i += 4
        p = b[i:i + n]
        i += n
        if key:
            p = bytes(x ^ key[j % 4] for j, x in enumerate(p))
        yield h0 >> 7, (h0 >> 6) & 1, h0 & 15, p


NAMES = {1: "text", 2: "binary", 8: "close", 9: "ping", 10: "pong"}


def messages(b, start):
    inflater = zlib.decompressobj(-15)  # keeps context; harmless under no_context_takeover
    msg = None
    for fin, rsv1, op, p in frames(b, start):
        if op >= 8:
            yield NAMES[op], p
            continue
        if op != 0:
            msg = [op, rsv1, b""]
        msg[2] += p
        if fin:
            data = msg[2]
            if msg[1]:
                data = inflater.decompress(data + b"\x00\x00\xff\xff")
            yield NAMES[msg[0]], data


def main():
    cap, sent_path, port = sys.argv[1], sys.argv[2], sys.argv[3]
    midstream = "--midstream" in sys.argv
    sent = json.load(open(sent_path))
    if midstream:
        streams = [0]
        sent = [e for e in sent if not e.get("before_capture")]
    else:
        out = tshark("-r", cap, "-d", f"tcp.port=={port},http", "-Y", "http.response.code==101",
                     "-T", "fields", "-e", "tcp.stream")
        streams = sorted({int(x) for x in out.split()})
    bad = 0
    for conn, stream in enumerate(streams):
        client, server = follow(cap, stream)
        for side, b in (("client", client), ("server", server)):
            start = 0 if midstream else b.index(b"\r\n\r\n") + 4
            got = list(messages(b, start))
            exp = [e for e in sent if e["from"] == side and e["conn"] == conn]
            if len(got) != len(exp):
                print(f"conn {conn} {side}: {len(got)} messages on the wire, {len(exp)} in the log")
                bad += 1
            for k, ((typ, data), e) in enumerate(zip(got, exp)):
                if typ != e["type"] or data.hex() != e["data_hex"]:
                    print(f"conn {conn} {side} #{k}: wire {typ} {len(data)} bytes, log {e['type']} "
                          f"{len(e['data_hex']) // 2} bytes")
                    bad += 1
            print(f"{cap}: conn {conn} (tcp.stream {stream}) {side}: {len(got)} messages"
                  f"{'' if bad else ' match the log'}", file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
