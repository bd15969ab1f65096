#!/usr/bin/env bash
# Remake the wss:// captures in testdata/captures/tls/ (issue 14: TLS decryption).
#
# usage: testdata/peers/remake-tls.sh [SCENARIO...]   default: all (names below)
#
# Each scenario: a self-signed certificate (openssl), tcpdump on lo (filter "tcp port N"),
# Node's ws over https (tls_server.js) with the scenario's TLS version and cipher suites,
# and a client that writes its key log: Chromium (SSLKEYLOGFILE); for the AES-CBC suites
# with HMAC-SHA256/384 that Chromium does not offer, Python websockets with
# ssl.SSLContext.keylog_filename; for TLS 1.3 KeyUpdate, openssl s_client driven by
# ossl_keyupdate_client.py (-keylogfile), whose "K" and "k" commands send KeyUpdates. Then it writes, in testdata/captures/tls/:
#   NAME.pcap            the capture
#   NAME.keys            the client's key log
#   NAME.dsb.pcapng.gz   the capture with the key log injected as a Decryption Secrets
#                        Block (editcap --inject-secrets tls,NAME.keys), gzip'd
#   NAME.sent.json       what the peers logged they sent (merge_logs.js; messages over 4 KiB
#                        as data_sha256 and length, by shrink_sent.js)
#   NAME.tshark.json     tshark's reading of the WebSocket frames with -o tls.keylog_file:
# Installs nothing; run as root (capture on lo). Every file is rewritten.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/captures/tls
PY=/usr/bin/python3
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
mkdir -p "$OUT"

missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$1: $2"); }
need tcpdump "apt-get install tcpdump"
need tshark "apt-get install tshark"
need editcap "apt-get install tshark (editcap is in wireshark-common)"
need openssl "apt-get install openssl"
need node "apt-get install nodejs npm"
[ -x "$CHROMIUM" ] || missing+=("$CHROMIUM: apt-get install chromium")
"$PY" -c 'import websockets' 2>/dev/null || missing+=("python3-websockets: apt-get install python3-websockets")
for m in ws playwright-core; do
  [ -f "$HERE/node_modules/$m/package.json" ] || missing+=("node module $m: (cd $HERE && npm ci)")
done
[ "$(id -u)" = 0 ] || missing+=("root: packet capture on lo needs root")
if [ ${#missing[@]} -gt 0 ]; then
  echo "remake-tls.sh: missing prerequisites:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 2
fi

WORK=$(mktemp -d /tmp/wsframe-remake-tls.XXXXXX)
CAP_PID=
cleanup() {
  if [ -n "$CAP_PID" ]; then kill -INT "$CAP_PID" 2>/dev/null || true; wait "$CAP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$HERE"

openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=wsframe.test \
  -addext subjectAltName=DNS:wsframe.test,IP:127.0.0.1 \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

start_capture() { # FILE PORT
  rm -f "$1"
  timeout 60 tcpdump -n -U --immediate-mode -B 32768 -s 262144 -i lo -w "$1" "tcp port $2" 2>"$WORK/cap.log" &
  CAP_PID=$!
  for _ in $(seq 100); do
    grep -q 'listening on' "$WORK/cap.log" && break
    kill -0 "$CAP_PID" 2>/dev/null || { cat "$WORK/cap.log" >&2; return 1; }
    sleep 0.05
  done
  sleep 0.3
}
stop_capture() {
  sleep 1
  kill -INT "$CAP_PID" 2>/dev/null || true
  wait "$CAP_PID" 2>/dev/null || true
  CAP_PID=
  chmod 0644 "$1"
  if grep -Eq '^[1-9][0-9]* packets dropped by kernel' "$WORK/cap.log"; then
    echo "packets were dropped while capturing $1" >&2; return 1
  fi
}
wait_listening() {
  for _ in $(seq 100); do grep -q listening "$1" && return 0; sleep 0.05; done
  echo "server did not start:" >&2; cat "$1" >&2; return 1
}

# scenario NAME PORT TLS SUITES DEFLATE CLIENT(chromium|python|openssl)
scenario() {
  local name=$1 port=$2 ver=$3 suites=$4 deflate=$5 client=$6 echo=
  [ "$client" = openssl ] && echo=echo
  local f="$OUT/$name.pcap" keys="$OUT/$name.keys"
  rm -f "$keys"
  start_capture "$f" "$port"
  timeout 60 node tls_server.js "$port" "$WORK/$name.server.json" "$WORK/cert.pem" "$WORK/key.pem" \
    "$ver" "$suites" "$deflate" $echo 2>"$WORK/$name.server.err" &
  local spid=$! rc=0
  wait_listening "$WORK/$name.server.err"
  if [ "$client" = openssl ]; then
    timeout 60 "$PY" ossl_keyupdate_client.py "$port" "$WORK/$name.client.json" "$keys" \
      2>"$WORK/$name.client.err" || rc=$?
  elif [ "$client" = chromium ]; then
    SSLKEYLOGFILE="$keys" timeout 60 node tls_browser_client.js "https://127.0.0.1:$port/" \
      "$WORK/$name.client.json" 2>"$WORK/$name.client.err" || rc=$?
  else
    local ciphers=ECDHE-RSA-AES128-SHA256
    [ "$suites" = ECDHE-RSA-AES256-SHA384 ] && ciphers=$suites
    timeout 60 "$PY" py_tls_client.py "wss://127.0.0.1:$port/" "$WORK/$name.client.json" "$keys" \
      "$ciphers" "$deflate" 2>"$WORK/$name.client.err" || rc=$?
  fi
  wait "$spid" || rc=$?
  stop_capture "$f"
  if [ $rc -ne 0 ]; then
    echo "$name: peers failed (rc $rc)" >&2
    sed 's/^/  server: /' "$WORK/$name.server.err" >&2
    sed 's/^/  client: /' "$WORK/$name.client.err" >&2
    return 1
  fi
  grep -h '^tls:' "$WORK/$name.server.err" | sort -u | sed "s/^/$name: /" >&2
  chmod 0644 "$keys"
  node merge_logs.js "$OUT/$name.sent.json" "$WORK/$name.server.json" "$WORK/$name.client.json"
  node shrink_sent.js "$OUT/$name.sent.json"
  editcap --inject-secrets "tls,$keys" "$f" "$WORK/$name.dsb.pcapng"
  gzip -9 -n -c "$WORK/$name.dsb.pcapng" >"$OUT/$name.dsb.pcapng.gz"
  tshark -r "$f" -o "tls.keylog_file:$keys" -Y websocket -T json \
    -e frame.number -e tcp.stream -e tcp.srcport -e tcp.dstport \
    -e websocket.fin -e websocket.rsv -e websocket.opcode -e websocket.mask \
    -e websocket.payload_length -e websocket.payload_length_ext_16 -e websocket.payload_length_ext_64 \
    -e websocket.masking_key \
    >"$WORK/tshark.json"
  node -e 'const fs=require("fs");const a=JSON.parse(fs.readFileSync(process.argv[1],"utf8"));
    fs.writeFileSync(process.argv[2],"[\n"+a.map((p)=>JSON.stringify(p)).join(",\n")+"\n]\n")' \
    "$WORK/tshark.json" "$OUT/$name.tshark.json"
  printf '%s: %s bytes, %s packets with WebSocket frames per tshark\n' "$name" "$(stat -c %s "$f")" \
    "$(node -p "require('$OUT/$name.tshark.json').length")" >&2
}

ALL=(t13-aes128gcm-deflate t13-aes256gcm t13-chacha20-deflate t12-aes128gcm-deflate t12-chacha20
  t12-aes128cbc-sha1-deflate t12-aes128cbc-sha256-py t12-aes256cbc-sha384-py-deflate t13-keyupdate-openssl)
run() {
  case $1 in
    t13-aes128gcm-deflate) scenario "$1" 9141 1.3 TLS_AES_128_GCM_SHA256 on chromium ;;
    t13-aes256gcm) scenario "$1" 9142 1.3 TLS_AES_256_GCM_SHA384 off chromium ;;
    t13-chacha20-deflate) scenario "$1" 9143 1.3 TLS_CHACHA20_POLY1305_SHA256 on chromium ;;
    t12-aes128gcm-deflate) scenario "$1" 9144 1.2 ECDHE-RSA-AES128-GCM-SHA256 on chromium ;;
    t12-chacha20) scenario "$1" 9145 1.2 ECDHE-RSA-CHACHA20-POLY1305 off chromium ;;
    t12-aes128cbc-sha1-deflate) scenario "$1" 9146 1.2 ECDHE-RSA-AES128-SHA on chromium ;;
    t12-aes128cbc-sha256-py) scenario "$1" 9147 1.2 ECDHE-RSA-AES128-SHA256 off python ;;
    t12-aes256cbc-sha384-py-deflate) scenario "$1" 9148 1.2 ECDHE-RSA-AES256-SHA384 on python ;;
    t13-keyupdate-openssl) scenario "$1" 9149 1.3 TLS_AES_128_GCM_SHA256 off openssl ;;
    *) echo "unknown scenario $1; known: ${ALL[*]}" >&2; return 2 ;;
  esac
}
[ $# -gt 0 ] || set -- "${ALL[@]}"
for s in "$@"; do run "$s"; done
{
  echo "# versions of the peers and tools that made the TLS captures (written by remake-tls.sh)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "node: $(node --version) (OpenSSL $(node -p process.versions.openssl))"
  echo "npm ws: $(node -p "require('$HERE/node_modules/ws/package.json').version")"
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1)"
  echo "python: $($PY --version 2>&1), $($PY -c 'import ssl; print(ssl.OPENSSL_VERSION)')"
  echo "python3-websockets: $($PY -c 'import websockets; print(websockets.__version__)')"
  echo "tcpdump: $(tcpdump --version 2>&1 | head -1)"
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "openssl: $(openssl version)"
} >"$OUT/VERSIONS.txt"
