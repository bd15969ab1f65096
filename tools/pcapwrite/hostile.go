package pcapwrite

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
)

// Hostile captures for the browser's memory tests (e2e/memory.test.js,
// through tools/gencapture): one connection whose server sends what a
// decoder must survive, in full segments.

// hostileHandshake opens the connection, with permessage-deflate when
// deflate is set.
func hostileHandshake(deflate bool) *Conv {
	ext := ""
	if deflate {
		ext = "Sec-WebSocket-Extensions: permessage-deflate\r\n"
	}
	c := NewConv("10.0.0.1:40000", "10.0.0.2:8080", start)
	c.Handshake().
		Send(true, []byte("GET /hostile HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
			"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"+ext+"\r\n")).
		Send(false, []byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
			"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"+ext+"\r\n"))
	return c
}

// sendAll writes data from the server in full segments, a pcap's records
// appended to b as they are made.
func sendAll(b []byte, c *Conv, data []byte) []byte {
	for off := 0; off < len(data); off += mss {
		c.Send(false, data[off:min(off+mss, len(data))])
		if len(c.Pkts) >= 64 {
			b = appendConvs(b, []*Conv{c})
		}
	}
	return appendConvs(b, []*Conv{c})
}

// EmptyFrames writes a pcap whose server sends frames empty text frames
// (81 00, two bytes each).
func EmptyFrames(frames int) []byte {
	c := hostileHandshake(false)
	b := AppendPcapHeader(nil, binary.LittleEndian, false, LinkEthernet, 65535)
	b = appendConvs(b, []*Conv{c})
	chunk := bytes.Repeat([]byte{0x81, 0}, 32*mss/2)
	for left := 2 * frames; left > 0; left -= len(chunk) {
		b = sendAll(b, c, chunk[:min(left, len(chunk))])
	}
	return b
}

// Bombs writes a pcap whose connection negotiates permessage-deflate and
// whose server sends messages compressed messages of zeros, each inflating
// to size bytes (RFC 7692 7.2.1: raw DEFLATE ended by a sync flush whose
// 00 00 ff ff tail is cut).
func Bombs(messages, size int) []byte {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(make([]byte, size))
	w.Flush()
	return sendFrames(messages, 0xc2, bytes.TrimSuffix(z.Bytes(), []byte{0, 0, 0xff, 0xff}), true)
}

// GzipBombs writes a capture whose server sends messages binary messages,
// no extension, each a gzip member of zeros inflating to size bytes: the
// readings (not the decoder) inflate them.
func GzipBombs(messages, size int) []byte {
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(make([]byte, size))
	w.Close()
	return sendFrames(messages, 0x82, z.Bytes(), false)
}

// sendFrames writes a capture whose server sends n frames of first byte
// b0 and payload p, after a handshake (with permessage-deflate when
// deflate is set).
func sendFrames(n int, b0 byte, p []byte, deflate bool) []byte {
	frame := []byte{b0}
	switch n := len(p); {
	case n < 126:
		frame = append(frame, byte(n))
	case n < 1<<16:
		frame = append(frame, 126, byte(n>>8), byte(n))
	default:
		frame = binary.BigEndian.AppendUint64(append(frame, 127), uint64(n))
	}
	frame = append(frame, p...)
	c := hostileHandshake(deflate)
	b := AppendPcapHeader(nil, binary.LittleEndian, false, LinkEthernet, 65535)
	b = appendConvs(b, []*Conv{c})
	for range n {
		b = sendAll(b, c, frame)
	}
	return b
}
