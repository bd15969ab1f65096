// Package build makes WebSocket frames by hand: from a Spec that sets every
// field of RFC 6455 section 5.2 (FIN, RSV1-3, any of the 16 opcodes, MASK and
// its key, the payload, the length encoding, broken forms included), a message
// split into fragments with a ping between them, and permessage-deflate
// (RFC 7692) with or without context takeover, it writes the wire bytes and
// decodes them again with the decoder, so the caller sees exactly what a
// receiver would: frames, messages and every rule broken.
//
// It is pure Go, shared by the command (wsframe -encode) and the page's
// wasm (wsframe.encode). Frame bytes come from decoder.AppendFrame, the one
// frame encoder.
package build
