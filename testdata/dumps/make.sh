#!/usr/bin/env bash
# Remake the pasted-dump fixtures: real WebSocket frames written out by real tools, the
# way a person would copy them into wsframe.
#
# usage: testdata/dumps/make.sh
#
# Frames (NAME):
#   seed-server         the seed article's server frame: 81 0c "Hello, world"
#   seed-client         the seed article's masked client frame "Good bye."
#   a-client-goodbye    Chromium's masked "Good bye." frame from ../captures/a-*.pcap
#   d-client-binary126  ws's masked 126-byte binary frame (16-bit length) from ../captures/d-*.pcapng
# For each: NAME.bytes.hex (the expected raw bytes, one lowercase hex line) and one file
# per tool: NAME.xxd.txt, NAME.xxd-p.txt, NAME.od.txt (od -A x -t x1), NAME.hexdump-C.txt,
# NAME.base64.txt, NAME.python-repr.txt (repr of the bytes), NAME.tshark-x.txt (tshark -x
# of the packet: for a capture frame the real packet; for a seed frame a packet made by
# text2pcap around the bytes, between ports 8080 (the article's server) and 50000).
# Installs nothing; needs xxd, od, hexdump, base64, tshark, text2pcap, /usr/bin/python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CAP=$(cd "$HERE/../captures" && pwd)
missing=()
for t in xxd od hexdump base64 tshark text2pcap; do
  command -v $t >/dev/null || missing+=("$t")
done
[ -x /usr/bin/python3 ] || missing+=(/usr/bin/python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "make.sh: missing ${missing[*]} (apt-get install xxd bsdextrautils tshark python3)" >&2
  exit 2
fi
WORK=$(mktemp -d /tmp/wsframe-dumps.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$HERE"

# tshark_frame CAPFILE DECODE_AS FILTER -> "frame.number tcp.len tcp.payload" of the one match
tshark_frame() {
  local out
  out=$(tshark -r "$1" -d "$2" -Y "$3" -T fields -e frame.number -e tcp.len -e tcp.payload 2>/dev/null)
  [ "$(printf '%s\n' "$out" | grep -c .)" = 1 ] || { echo "expected one packet for $3 in $1, got: $out" >&2; exit 1; }
  printf '%s\n' "$out"
}

# write_all NAME HEX TSHARK_X_CMD...
write_all() {
  local name=$1 hex=$2; shift 2
  printf '%s\n' "$hex" >"$name.bytes.hex"
  printf '%s' "$hex" | xxd -r -p >"$WORK/$name.bin"
  xxd "$WORK/$name.bin" >"$name.xxd.txt"
  xxd -p "$WORK/$name.bin" >"$name.xxd-p.txt"
  od -A x -t x1 "$WORK/$name.bin" >"$name.od.txt"
  hexdump -C "$WORK/$name.bin" >"$name.hexdump-C.txt"
  base64 "$WORK/$name.bin" >"$name.base64.txt"
  /usr/bin/python3 -c 'import sys; print(repr(open(sys.argv[1], "rb").read()))' "$WORK/$name.bin" >"$name.python-repr.txt"
  "$@" >"$name.tshark-x.txt" 2>/dev/null
  echo "$name: $(( ${#hex} / 2 )) bytes" >&2
}

# A seed frame has no packet of its own: wrap it in one with text2pcap (Ethernet/IPv4/TCP
# headers made up by text2pcap, ports as in the article).
seed_packet() { # NAME HEX SRCPORT DSTPORT
  printf '%s' "$2" | xxd -r -p | od -A x -t x1 -v >"$WORK/$1.od"
  text2pcap -q -T "$3,$4" "$WORK/$1.od" "$WORK/$1.pcap" >"$WORK/text2pcap.log" 2>&1 || { cat "$WORK/text2pcap.log" >&2; exit 1; }
}

SEED_SERVER=810c48656c6c6f2c20776f726c64
SEED_CLIENT=$(printf '%s' "81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb" | tr -d ' ')
[ "$(printf '%s' "$SEED_SERVER" | xxd -r -p | tail -c 12)" = "Hello, world" ]

seed_packet seed-server "$SEED_SERVER" 8080 50000
write_all seed-server "$SEED_SERVER" tshark -r "$WORK/seed-server.pcap" -d tcp.port==8080,websocket -x
seed_packet seed-client "$SEED_CLIENT" 50000 8080
write_all seed-client "$SEED_CLIENT" tshark -r "$WORK/seed-client.pcap" -d tcp.port==8080,websocket -x

# Chromium's "Good bye." in capture a: one TCP segment holding exactly this frame.
A="$CAP/a-websocketnode-chromium-seed-lo4.pcap" # not the .reordered.pcap beside it
read -r num len hex < <(tshark_frame "$A" tcp.port==9001,http 'websocket.mask==1 && websocket.opcode==1')
[ "$len" = 15 ] || { echo "a: segment is $len bytes, expected 15" >&2; exit 1; }
write_all a-client-goodbye "$hex" tshark -r "$A" -d tcp.port==9001,http -Y "frame.number==$num" -x

# ws's masked 126-byte binary (header 2 + 2 + mask 4 + 126 = 134 bytes) in capture d.
D="$CAP/d-gorilla-ws-fragments-lengths-lo4.pcapng"
read -r num len hex < <(tshark_frame "$D" tcp.port==9004,http 'websocket.mask==1 && websocket.payload_length_ext_16==126')
[ "$len" = 134 ] || { echo "d: segment is $len bytes, expected 134" >&2; exit 1; }
write_all d-client-binary126 "$hex" tshark -r "$D" -d tcp.port==9004,http -Y "frame.number==$num" -x

# A server text frame whose payload reads as hex words and holds the delimiters of the text
# columns themselves: od -t x1z (>…<) and hexdump -C (|…|) must leave their text column aside.
TEXTCOL=$(printf '\x81\x20deadbeef cafe babe | fade >face<' | xxd -p | tr -d '\n')
printf '%s\n' "$TEXTCOL" >textcol-server.bytes.hex
printf '%s' "$TEXTCOL" | xxd -r -p >"$WORK/textcol.bin"
od -A x -t x1z -v "$WORK/textcol.bin" >textcol-server.od-z.txt
hexdump -C "$WORK/textcol.bin" >textcol-server.hexdump-C.txt
echo "textcol-server: $(( ${#TEXTCOL} / 2 )) bytes" >&2

# Whole conversations, as tshark shows them, in streams/: Follow TCP Stream as a hex dump
# (the second node's lines indented with a tab) and as raw hex, and tshark -x of every packet
# of the connection (a dump of many packets). Each must decode to the frames of its capture.
#   CAP.sN.follow-hex.txt   tshark -q -z follow,tcp,hex,N
#   CAP.sN.follow-raw.txt   tshark -q -z follow,tcp,raw,N
#   CAP.sN.tshark-x.txt     tshark -Y tcp.stream==N -x
mkdir -p streams
rm -f streams/*.txt
stream_dumps() { # CAPFILE STREAM FORMS...
  local f=$1 n=$2 base; base=$(basename "$1"); base=${base%.*}; shift 2
  for form in "$@"; do
    case $form in
      follow-hex) tshark -r "$f" -q -z "follow,tcp,hex,$n" ;;
      follow-raw) tshark -r "$f" -q -z "follow,tcp,raw,$n" ;;
      tshark-x) tshark -r "$f" -Y "tcp.stream==$n" -x ;;
    esac 2>/dev/null >"streams/$base.s$n.$form.txt"
    echo "streams/$base.s$n.$form.txt: $(wc -c <"streams/$base.s$n.$form.txt") bytes" >&2
  done
}
stream_dumps "$CAP/a-websocketnode-chromium-seed-lo4.pcap" 1 follow-hex follow-raw tshark-x
# The same connection with its data segments swapped in pairs (peers/rewrite): the packets
# come out of order and must be put back by sequence number.
stream_dumps "$CAP/a-websocketnode-chromium-seed-lo4.reordered.pcap" 1 tshark-x
stream_dumps "$CAP/c-pywebsockets-deflate-lo6-nsec.pcap" 0 follow-hex
stream_dumps "$CAP/e-ws-pywebsockets-nocontext-window9-lo4.pcap" 0 follow-hex
stream_dumps "$CAP/f-ws-ws-3conns-any-sll2.pcap" 1 follow-hex tshark-x
stream_dumps "$CAP/h-socketio-node-lo4.pcap" 0 follow-hex follow-raw tshark-x
