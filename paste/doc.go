// Package paste reads the text forms in which bytes are pasted: hex
// (spaced, packed, colon- or dash-separated, 0x-prefixed), xxd, hexdump -C,
// od, Wireshark's and tshark -x's hex dumps (several packets split by
// SplitPackets), C arrays, escaped strings, base64 (Chrome DevTools, HAR),
// Wireshark's Follow TCP Stream in hex and raw form (ParseFollow), and an
// HTTP handshake before the frames as Wireshark, DevTools and curl -v show
// it (SplitHandshake).
//
// It knows text, not WebSocket: package decoder imports it and reads the
// bytes. Every reader decodes as much as it can and returns each problem
// as an Error placed by byte offset, line and column; work is linear in
// the text.
package paste
