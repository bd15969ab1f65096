package capture

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sync"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

var (
	benchOnce    sync.Once
	benchCapture []byte
	benchFrames  int
)

// benchmarkCapture builds a capture of about 70 MB: 64 connections, each
// with a handshake and 500 frames of 1 KB each way (the client's masked),
// cut into 1448-byte segments and interleaved across the connections.
func benchmarkCapture() ([]byte, int) {
	benchOnce.Do(func() {
		const conns, frames, size, mss = 64, 500, 1024, 1448
		payload := bytes.Repeat([]byte("0123456789abcdef"), size/16)
		var cli, srv []byte
		for range frames {
			cli = append(cli, 0x82, 0x80|126, byte(size>>8), byte(size&0xff), 1, 2, 3, 4)
			start := len(cli)
			cli = append(cli, payload...)
			decoder.Mask(cli[start:], cli[start:], [4]byte{1, 2, 3, 4}, 0)
			srv = append(srv, 0x82, 126, byte(size>>8), byte(size&0xff))
			srv = append(srv, payload...)
		}
		var cs []*conv
		for i := range conns {
			c := newConv(fmt.Sprintf("10.0.%d.%d:%d", i/200, i%200+1, 40000+i), "10.9.9.9:8080")
			c.handshake().send(true, []byte(seedRequest)).send(false, []byte(seedResponse))
			cs = append(cs, c)
		}
		var rs []record
		flush := func() {
			for _, c := range cs {
				rs = append(rs, records(linkEthernet, c.pkts, linkOpts{})...)
				c.pkts = c.pkts[:0]
			}
		}
		flush()
		for off := 0; off < len(cli); off += mss {
			for _, c := range cs {
				c.send(true, cli[off:min(off+mss, len(cli))])
				if off < len(srv) {
					c.send(false, srv[off:min(off+mss, len(srv))])
				}
			}
			flush()
		}
		benchCapture = writePcap(binary.LittleEndian, false, linkEthernet, 65535, rs)
		benchFrames = conns * frames * 2
	})
	return benchCapture, benchFrames
}

func BenchmarkDecode(b *testing.B) {
	capture, frames := benchmarkCapture()
	b.SetBytes(int64(len(capture)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := Decode(capture, decoder.Options{})
		if len(r.Frames) != frames || len(r.Errors) != 0 {
			b.Fatalf("%d frames, errors %v; want %d", len(r.Frames), r.Errors, frames)
		}
	}
}

func BenchmarkDecodeReader(b *testing.B) {
	capture, frames := benchmarkCapture()
	b.SetBytes(int64(len(capture)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := DecodeReader(bytes.NewReader(capture), int64(len(capture)), decoder.Options{}, nil)
		if len(r.Frames) != frames {
			b.Fatalf("%d frames, want %d", len(r.Frames), frames)
		}
	}
}
