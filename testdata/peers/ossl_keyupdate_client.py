"""OpenSSL's s_client as a hand-driven wss:// client, for TLS 1.3 KeyUpdate (RFC 8446
section 4.6.3), which browsers and the WebSocket libraries do not send on request.

s_client reads stdin: a chunk starting with "K" makes it send a KeyUpdate asking the
peer to update too (the server, OpenSSL under Node, answers with its own); "k" updates
only the client's keys. Everything else goes to the server as it is: the HTTP upgrade
request, then masked WebSocket frames built here. s_client writes the key log
(-keylogfile). The frames sent are logged like the other peers' (lib/sentlog.js format).

usage: python3 ossl_keyupdate_client.py PORT CLIENT_LOG KEYLOG
"""
import json
import subprocess
import sys
import time

port, log_file, keylog = sys.argv[1:4]
MASK = bytes([0x5A, 0x17, 0xC3, 0x08])


def frame(opcode, payload):
    n = len(payload)
    assert n < 126
    masked = bytes(b ^ MASK[i % 4] for i, b in enumerate(payload))
    return bytes([0x80 | opcode, 0x80 | n]) + MASK + masked


def entry(typ, data, code=None, reason=None):
    e = {"from": "client", "conn": 0, "type": typ, "data_hex": data.hex()}
    if typ == "text":
        e["text"] = data.decode()
    if code is not None:
        e["close_code"], e["close_reason"] = code, reason
    e["t_ns"] = time.time_ns()
    return e


p = subprocess.Popen(
    ["openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256",
     "-servername", "wsframe.test", "-alpn", "http/1.1", "-keylogfile", keylog],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
sent = []


def put(b, pause):
    p.stdin.write(b)
    p.stdin.flush()
    time.sleep(pause)


time.sleep(1.0)
put(("GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n" % port).encode(), 1.0)
put(b"K\n", 0.5)  # KeyUpdate, update_requested: both sides change keys
msg = b"after key update"
sent.append(entry("text", msg))
put(frame(1, msg), 0.5)
put(b"k\n", 0.5)  # KeyUpdate, update_not_requested: only the client's keys change
msg = b"after a second update"
sent.append(entry("text", msg))
put(frame(1, msg), 0.5)
body = (1000).to_bytes(2, "big") + b"done"
sent.append(entry("close", body, 1000, "done"))
put(frame(8, body), 1.5)
p.stdin.close()
p.stdin = None  # communicate() must not flush it again
out, err = p.communicate(timeout=20)
sys.stderr.write(err.decode(errors="replace"))
if b"KEYUPDATE" not in err:
    sys.exit("s_client did not send a KeyUpdate")
with open(log_file, "w") as f:
    json.dump(sent, f)
