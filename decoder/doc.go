// Package decoder reads WebSocket traffic (RFC 6455) from bytes: pasted hex or
// base64 dumps, or the byte streams that package capture reassembles from a
// capture file. It returns frames, messages, violations of the protocol's
// rules and input errors, in the shape of the stable JSON contract that the
// command line, the web page and the tests share (see Result).
//
// The package is pure Go. It never imports syscall/js: the web page reaches it
// through package main in wasm/, and the command line through cmd/wsframe.
//
// What it covers:
//   - paste forms: hex in its many spellings, dumps from xxd, od, hexdump -C
//     and Wireshark, C, Go and Python literals, base64 and base64url (input.go);
//   - the frame header of RFC 6455 section 5.2, with a field table keyed by
//     Wireshark's filter names that drives every diagram (frame.go, field.go);
//   - unmasking per section 5.3, a word at a time, and its steps (mask.go);
//   - messages: fragments, control frames, close codes and UTF-8 (message.go);
//   - the opening handshake of section 4 (handshake.go);
//   - permessage-deflate (RFC 7692) and deflate-frame (deflate.go).
//
// Bulk decoding is linear in the input and builds no per-byte detail; field
// spans and unmask steps are computed on demand for one frame.
package decoder
