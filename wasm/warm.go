//go:build !js || full

package main

import (
	"bytes"
	"encoding/binary"
	"io"

	"github.com/wsframe/wsframe/decoder"
)

// warmUp is wsframe.warm() (warmOp): the worker calls it when it has
// started the full program ahead of a file (the capture tab was chosen).
// It decodes a capture of generated traffic (warmSize bytes, warmCapture)
// the way a file is decoded, forgets it, and returns it: a fresh program
// runs in V8's baseline compiler until its hot functions are compiled
// again, optimized, and this has them compiled before the person's file
// comes. Under node, a 127 MB capture took 1.5 to 2.8 s in a fresh
// program, 0.7 s after this.
//
// It takes the page's way as far as it can without JavaScript: the rows
// read again through the block cache, which keeps the first piece, and the
// page's options (issue 24: what only the file ran was optimized while
// the file was decoded, on the cores the decode needed). The rest of the
// way, Go waiting on the pieces the worker reads ahead, only JavaScript
// can take: the worker decodes the capture returned once more as a file
// (decodeStream), then calls this again, which forgets that decode too.
func warmUp() []byte {
	data := warmCapture(warmSize)
	size := int64(len(data))
	at := newBlockCache(size, func(p []byte, off int64) (int, error) { return copy(p, data[off:]), nil })
	at.keep(data[:min(len(data), 1<<20)], 0)
	decodeStream(func() io.Reader { return bytes.NewReader(data) }, at, size, options{Rows: 200, Preview: 64, Handshakes: "brief"}, func(int64) {})
	frame(0, options{}) // the first frame's detail, which the page shows with the file's answer
	view = nil
	return data
}

const warmSize = 4 << 20

// warmCapture is a pcap of about size bytes for the full program's
// warm-up (warmUp): warmConns connections opened with the seed's
// handshake, then binary and text frames of warmSizes both ways (masked
// from the client), cut into 1460-byte segments, over Ethernet and IPv4.
// It takes the capture path a file takes (pcap records, link, IP, TCP reassembly,
// frames, the index) with nothing the full program does not already
// carry: tools/pcapwrite writes the same shape for the benches, and
// linking it cost the full program 43 KB of gzip.
func warmCapture(size int) []byte {
	// 64 connections: the code run once a connection (its handshake
	// checked, its first messages read the long way) runs enough to be
	// optimized only in many; with 8 it was optimized during the file.
	const warmConns, mss = 64, 1460
	payload := bytes.Repeat([]byte("wsframe warm-up "), 1024/16)
	var cli, srv []byte
	for i := range 4 * len(warmSizes) {
		size := warmSizes[i%len(warmSizes)]
		op := decoder.OpBinary
		if i%2 == 1 {
			op = decoder.OpText
		}
		f := decoder.Frame{Fin: true, Opcode: op, Masked: true, MaskKey: []byte{0x95, 0x39, 0xff, 0xdd},
			PayloadLength: uint64(size), Payload: payload[:size], LengthBits: 7, HeaderLength: 6}
		if size > 125 {
			f.LengthBits, f.HeaderLength = 16, 8
		}
		cli = append(cli, decoder.Wire(&f, -1)...)
		f.Masked, f.MaskKey, f.HeaderLength = false, nil, f.HeaderLength-4
		srv = append(srv, decoder.Wire(&f, -1)...)
	}
	le := binary.LittleEndian
	b := make([]byte, 0, size+2*(mss+70))
	b = le.AppendUint32(b, 0xa1b2c3d4) // pcap, microseconds
	b = le.AppendUint16(b, 2)
	b = le.AppendUint16(b, 4)
	b = append(b, make([]byte, 8)...)
	b = le.AppendUint32(b, 65535)
	b = le.AppendUint32(b, 1) // Ethernet
	var seq [warmConns][2]uint32
	packets := uint32(0)
	send := func(conn int, client bool, data []byte) {
		side := 1
		src, dst := [4]byte{10, 0, 0, byte(conn + 1)}, [4]byte{10, 9, 9, 9}
		sport, dport := uint16(40000+conn), uint16(8080)
		if client {
			side = 0
		} else {
			src, dst, sport, dport = dst, src, dport, sport
		}
		n := uint32(14 + 20 + 20 + len(data))
		packets++
		b = le.AppendUint32(b, 1700000000+packets/1000)
		b = le.AppendUint32(b, packets%1000*1000)
		b = le.AppendUint32(b, n)
		b = le.AppendUint32(b, n)
		b = append(b, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00)
		b = append(b, 0x45, 0)
		b = binary.BigEndian.AppendUint16(b, uint16(n-14))
		b = append(b, 0, 0, 0x40, 0, 64, 6, 0, 0)
		b = append(b, src[:]...)
		b = append(b, dst[:]...)
		b = binary.BigEndian.AppendUint16(b, sport)
		b = binary.BigEndian.AppendUint16(b, dport)
		b = binary.BigEndian.AppendUint32(b, 1000+seq[conn][side])
		b = binary.BigEndian.AppendUint32(b, 0)
		b = append(b, 5<<4, 0x18, 0xff, 0xff, 0, 0, 0, 0) // ACK|PSH
		b = append(b, data...)
		seq[conn][side] += uint32(len(data))
	}
	for c := range warmConns {
		send(c, true, []byte(decoder.SeedRequest))
		send(c, false, []byte(decoder.SeedResponse))
	}
	for len(b) < size {
		for off := 0; off < len(cli); off += mss {
			for c := range warmConns {
				send(c, true, cli[off:min(off+mss, len(cli))])
				send(c, false, srv[off:min(off+mss, len(srv))])
			}
		}
	}
	return b
}

// warmSizes are the warm-up's payload sizes, in turn. V8 optimizes a
// function once it has run enough: the code run once a frame (its header,
// its records in the index) runs enough only in many frames, and 1 KiB
// frames alone left it to the person's file (issue 24: the page's first
// file paid about 0.1-0.2 s of CPU more than the next under Node), so
// most are small; text as well as binary, so that UTF-8 is checked.
var warmSizes = []int{1024, 12, 300, 40, 1024, 5, 125, 60}
