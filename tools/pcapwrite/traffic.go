package pcapwrite

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/wsframe/wsframe/decoder"
)

// mss is the TCP segment size of the generated traffic.
const mss = 1448

// start is when generated traffic begins.
var start = time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)

// appendConvs appends the packets of cs gathered so far to b as pcap
// records, and forgets them.
func appendConvs(b []byte, cs []*Conv) []byte {
	for _, c := range cs {
		for _, p := range c.Pkts {
			b = AppendPcapRecord(b, binary.LittleEndian, false, Record{TS: p.TS, Data: Wrap(LinkEthernet, p, LinkOpts{})})
		}
		c.Pkts = c.Pkts[:0]
	}
	return b
}

// Benchmark writes a pcap of at least size bytes for measuring decode
// speed: 64 connections with the seed's handshake each, then rounds of
// 1 KiB binary frames both ways (the client's masked), cut into 1448-byte
// segments and interleaved across the connections. It returns the file
// and how many WebSocket frames it holds.
func Benchmark(size int) ([]byte, int) { return BenchmarkOf(size, decoder.OpBinary) }

// BenchmarkOf is Benchmark with frames of another opcode: OpText makes
// text messages, for timing searches in their text.
func BenchmarkOf(size int, op decoder.Opcode) ([]byte, int) {
	const conns, perRound, frameSize = 64, 16, 1024
	payload := bytes.Repeat([]byte("wsframe benchmark payload 0123456789 "), frameSize/37+1)[:frameSize]
	key := [4]byte{0x95, 0x39, 0xff, 0xdd}
	var cli, srv []byte
	for range perRound {
		f := decoder.Frame{Fin: true, Opcode: op, Masked: true, MaskKey: key[:], PayloadLength: frameSize, LengthBits: 16, HeaderLength: 8, Payload: payload}
		cli = append(cli, decoder.Wire(&f, -1)...)
		f.Masked, f.MaskKey, f.HeaderLength = false, nil, 4
		srv = append(srv, decoder.Wire(&f, -1)...)
	}
	b := AppendPcapHeader(make([]byte, 0, size+size/8), binary.LittleEndian, false, LinkEthernet, 65535)
	cs := make([]*Conv, conns)
	for i := range cs {
		cs[i] = NewConv(fmt.Sprintf("10.0.%d.%d:%d", i/200, i%200+1, 40000+i), "10.9.9.9:8080", start)
		cs[i].Handshake().Send(true, []byte(decoder.SeedRequest)).Send(false, []byte(decoder.SeedResponse))
	}
	b = appendConvs(b, cs)
	frames := 0
	for len(b) < size {
		for off := 0; off < len(cli); off += mss {
			for _, c := range cs {
				c.Send(true, cli[off:min(off+mss, len(cli))])
				c.Send(false, srv[off:min(off+mss, len(srv))])
			}
			b = appendConvs(b, cs)
		}
		frames += 2 * perRound * conns
	}
	return b, frames
}

// ManyFrames writes a pcap of one connection whose server sends frames
// short text frames ("frame 0", "frame 1", ...) packed into full segments,
// with a binary frame of bigSize bytes every bigEvery frames (none when 0)
// to give the file weight: a capture far larger than the real ones, for
// the browser tests.
func ManyFrames(frames, bigEvery, bigSize int) []byte {
	big := decoder.Frame{Fin: true, Opcode: decoder.OpBinary, PayloadLength: uint64(bigSize), Payload: bytes.Repeat([]byte{0x5a}, bigSize)}
	big.LengthBits, big.HeaderLength = 64, 10
	return serverFrames(false, func(add func(frame []byte)) {
		for i := range frames {
			if bigEvery > 0 && i%bigEvery == bigEvery-1 {
				add(decoder.Wire(&big, -1))
			} else {
				text := fmt.Sprintf("frame %d", i)
				add(append([]byte{0x81, byte(len(text))}, text...))
			}
		}
	})
}

// serverFrames writes a pcap of one connection with the seed's handshake
// (the answer agreeing to permessage-deflate when deflate is set) whose
// server then sends the frames gen adds, packed into full segments.
func serverFrames(deflate bool, gen func(add func(frame []byte))) []byte {
	resp := decoder.SeedResponse
	req := decoder.SeedRequest
	if deflate {
		const ext = "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n"
		req = req[:len(req)-2] + ext
		resp = resp[:len(resp)-2] + ext
	}
	c := NewConv("10.0.0.1:40000", "10.0.0.2:8080", start)
	c.Handshake().Send(true, []byte(req)).Send(false, []byte(resp))
	b := AppendPcapHeader(nil, binary.LittleEndian, false, LinkEthernet, 65535)
	b = appendConvs(b, []*Conv{c})
	var pending []byte
	flush := func() {
		for off := 0; off < len(pending); off += mss {
			c.Send(false, pending[off:min(off+mss, len(pending))])
		}
		pending = pending[:0]
		b = appendConvs(b, []*Conv{c})
	}
	gen(func(frame []byte) {
		pending = append(pending, frame...)
		if len(pending) >= 32*mss {
			flush()
		}
	})
	flush()
	return b
}

// Fragments writes a pcap of one connection whose server sends one text
// message "hi" in n+2 frames: "h" opens it, n empty continuations follow
// and "i" ends it. With pings, a ping comes after every continuation;
// with deflate, the connection agreed to permessage-deflate and the
// message is compressed (its deflated bytes in the first frame). A
// hostile input for the memory model: 2 bytes a frame on the wire.
func Fragments(n int, pings, deflate bool) []byte {
	return serverFrames(deflate, func(add func([]byte)) {
		first, last := []byte{0x01, 0x01, 'h'}, []byte{0x80, 0x01, 'i'}
		if deflate {
			// "hi" deflated (raw, no final empty block: RFC 7692 7.2.1):
			// the first frame holds it all, the last one nothing.
			first, last = []byte{0x41, 0x04, 0xca, 0xc8, 0x04, 0x00}, []byte{0x80, 0x00}
		}
		add(first)
		for range n {
			add([]byte{0x00, 0x00})
			if pings {
				add([]byte{0x89, 0x00})
			}
		}
		add(last)
	})
}

// TinyFrames writes a pcap of one connection whose server sends n text
// frames of one byte each ("81 01 x"): the most frames a byte of capture
// can hold.
func TinyFrames(n int) []byte {
	return serverFrames(false, func(add func([]byte)) {
		for i := range n {
			add([]byte{0x81, 0x01, 'a' + byte(i%26)})
		}
	})
}
