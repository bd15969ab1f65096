#!/usr/bin/python3
"""The peer for build's TestPeerWebsockets: Python's websockets library
(Debian's python3-websockets) serializes the same frames wsframe's builder
makes, and compresses and inflates permessage-deflate messages.

Reads one JSON object on stdin:
  {"frames": [{"opcode", "data" (hex), "fin", "rsv1", "rsv2", "rsv3",
               "key" (hex or null)}],
   "deflate": [{"no_context_takeover": bool,
                "messages": [{"opcode", "data" (hex)}],
                "ours": [payload hex of wsframe's compressed messages]}]}
and writes {"frames": [wire hex], "deflate": [{"wire": [wire hex of
websockets' compressed messages, unmasked], "inflated": [data hex of ours
inflated by websockets]}]}.
"""
import json
import sys

from websockets import frames
from websockets.extensions import permessage_deflate

# RSV bits without an extension are refused by check(); the test builds
# them on purpose, so serialize them as they are.
frames.Frame.check = lambda self: None

req = json.load(sys.stdin)
out = {"frames": [], "deflate": []}
for f in req.get("frames", []):
    key = bytes.fromhex(f["key"]) if f.get("key") else None
    if key is not None:
        frames.secrets.token_bytes = lambda n, key=key: key
    frame = frames.Frame(frames.Opcode(f["opcode"]), bytes.fromhex(f["data"]), f["fin"], f["rsv1"], f["rsv2"], f["rsv3"])
    out["frames"].append(frame.serialize(mask=key is not None).hex())

for d in req.get("deflate", []):
    nct = d["no_context_takeover"]
    # The server's side of the agreement: it compresses what it sends
    # (local) and inflates what wsframe's client sent (remote).
    ext = permessage_deflate.PerMessageDeflate(nct, nct, 15, 15)
    wire = []
    for m in d["messages"]:
        frame = frames.Frame(frames.Opcode(m["opcode"]), bytes.fromhex(m["data"]))
        wire.append(frame.serialize(mask=False, extensions=[ext]).hex())
    inflated = []
    for i, payload in enumerate(d["ours"]):
        frame = frames.Frame(frames.Opcode(d["messages"][i]["opcode"]), bytes.fromhex(payload), True, True)
        inflated.append(ext.decode(frame).data.hex())
    out["deflate"].append({"wire": wire, "inflated": inflated})
json.dump(out, sys.stdout)
