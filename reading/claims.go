package reading

// Claims reports whether Read might give b a reading under c, from what is
// cheap to see: the protocol the override, subprotocol or path name, and
// otherwise the first and last bytes the content rule (byContent) looks at
// before it parses anything:
//
//   - text: a last byte 0x1e (SignalR records), a STOMP command line, or a
//     first byte '{', '[', space or newline (JSON);
//   - binary: the gzip magic, a zlib header, or a MessagePack or CBOR map,
//     array (or CBOR tag) whose items' heads and lengths end exactly at the
//     last byte (skimMsgpack, skimCBOR).
//
// It is true whenever Read gives a reading (byContent tries nothing it
// does not claim) and false for text no reader would take ("Hello") and
// binary that starts with none of those bytes. The page's first program,
// which links no reader, uses it to leave a paste that may read as an
// application protocol to the full one.
func Claims(b []byte, c Context) bool {
	if c.Opcode != Text && c.Opcode != Binary {
		return false
	}
	if p, _ := Choose(c); p != "" {
		return p != "none"
	}
	return contentClaims(b, c.Opcode == Text)
}

// contentClaims is the gate of byContent: the formats it would try on b.
func contentClaims(b []byte, text bool) bool {
	if len(b) == 0 {
		return false
	}
	if text {
		return b[len(b)-1] == 0x1e || looksSTOMP(b) || b[0] == '{' || b[0] == '[' || b[0] == ' ' || b[0] == '\n'
	}
	return gzipMagic(b) || zlibHeader(b) || msgpackContainer(b[0]) && skimMsgpack(b) || cborContainer(b[0]) && skimCBOR(b)
}

// gzipMagic reports whether b starts like a gzip member (RFC 1952 2.3.1:
// ID1 ID2 and CM 8, deflate) long enough to hold one.
func gzipMagic(b []byte) bool {
	return len(b) > 10 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8
}
