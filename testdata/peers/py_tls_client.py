"""Python websockets as the wss:// client of tls_server.js, for the TLS 1.2 AES-CBC suites
with HMAC-SHA256 and SHA-384, which Chromium does not offer. The ssl module writes the key
log (SSLContext.keylog_filename). Sends what tls_browser_client.js sends.

usage: python3 py_tls_client.py wss://127.0.0.1:PORT/ CLIENT_LOG KEYLOG CIPHERS DEFLATE(on|off)
"""
import asyncio
import json
import ssl
import sys
import time

from websockets import connect  # python3-websockets 10.4 (Debian)



def json200():
    base = {
        "type": "telemetry", "station": "loopback-01", "unit": "celsius",
        "readings": [21.5, 21.5, 21.6, 21.6, 21.7, 21.7, 21.8],
        "note": "repeated to show context takeover",
    }
    s = json.dumps(base, separators=(",", ":"))
    base["pad"] = "x" * (200 - (len(s) + len(',"pad":""')))
    s = json.dumps(base, separators=(",", ":"))
    assert len(s) == 200, len(s)
    return s


def entry(typ, data):
    e = {"from": "client", "conn": 0, "type": typ}
    if typ == "close":
        code, reason = data
        b = code.to_bytes(2, "big") + reason.encode()
        e["data_hex"] = b.hex()
        e["close_code"] = code
        e["close_reason"] = reason
    else:
        b = data.encode() if isinstance(data, str) else bytes(data)
        e["data_hex"] = b.hex()
        if typ == "text" and len(b) <= 4096:
            e["text"] = b.decode()
    e["t_ns"] = time.time_ns()
    return e


async def main(url, log_file, keylog, ciphers, deflate):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ciphers(ciphers)
    ctx.keylog_filename = keylog
    sent = []
    comp = "deflate" if deflate == "on" else None
    async with connect(url, ssl=ctx, compression=comp, max_size=None) as ws:
        async for msg in ws:
            if msg != "your turn":
                continue
            big = "".join("client line %d: the quick brown fox\n" % i for i in range(300))
            for typ, data in (("text", "client: hello over tls"), ("text", json200()),
                              ("binary", bytes((i * 11 + 7) & 0xFF for i in range(500))), ("text", big)):
                sent.append(entry(typ, data))
                await ws.send(data)
            sent.append(entry("close", (1000, "done")))
            await ws.close(1000, "done")
            break
    with open(log_file, "w") as f:
        json.dump(sent, f)


if __name__ == "__main__":
    asyncio.run(asyncio.wait_for(main(*sys.argv[1:6]), 40))
