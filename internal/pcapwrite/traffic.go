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
	c := NewConv("10.0.0.1:40000", "10.0.0.2:8080", start)
	c.Handshake().Send(true, []byte(decoder.SeedRequest)).Send(false, []byte(decoder.SeedResponse))
	b := AppendPcapHeader(nil, binary.LittleEndian, false, LinkEthernet, 65535)
	b = appendConvs(b, []*Conv{c})
	big := decoder.Frame{Fin: true, Opcode: decoder.OpBinary, PayloadLength: uint64(bigSize), Payload: bytes.Repeat([]byte{0x5a}, bigSize)}
	big.LengthBits, big.HeaderLength = 64, 10
	var pending []byte
	flush := func() {
		for off := 0; off < len(pending); off += mss {
			c.Send(false, pending[off:min(off+mss, len(pending))])
		}
		pending = pending[:0]
		b = appendConvs(b, []*Conv{c})
	}
	for i := range frames {
		if bigEvery > 0 && i%bigEvery == bigEvery-1 {
			pending = append(pending, decoder.Wire(&big, -1)...)
		} else {
			text := fmt.Sprintf("frame %d", i)
			pending = append(append(pending, 0x81, byte(len(text))), text...)
		}
		if len(pending) >= 32*mss {
			flush()
		}
	}
	flush()
	return b
}
