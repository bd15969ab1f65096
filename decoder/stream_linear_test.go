package decoder

import (
	"bytes"
	"testing"

	"github.com/wsframe/wsframe/internal/measure"
)

// feedBigFrame writes one unmasked binary frame of n payload bytes, 64-bit
// length, in pieces of 1500 bytes (a packet's worth), to a fresh stream.
func feedBigFrame(n int, opts Options) *Result {
	r, _ := feedBigFrameWork(n, opts)
	return r
}

// feedBigFrameWork is feedBigFrame, also returning the bytes the stream
// copied into or within its pending buffer.
func feedBigFrameWork(n int, opts Options) (*Result, int64) {
	s := NewSession(Input{Kind: "binary"}, opts)
	st := s.NewStream(-1, Server, nil, 0)
	head := []byte{0x82, 127, 0, 0, 0, 0, byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}
	st.Write(head, Mark{})
	piece := make([]byte, 1500)
	for left := n; left > 0; left -= len(piece) {
		st.Write(piece[:min(len(piece), left)], Mark{})
	}
	st.Close(Mark{})
	return s.Result(), st.copied
}

// TestBigFrameLinear (RFC 6455 5.2): a frame whose payload arrives in many
// pieces costs work linear in its size. Doubling the frame at most about
// doubles the bytes allocated and the number of allocations; before, the
// pending bytes were copied again every 1 MiB, which is quadratic.
func TestBigFrameLinear(t *testing.T) {
	const n = 8 << 20
	var small, big *Result
	b1, c1 := measure.Allocs(func() { small = feedBigFrame(n, Options{}) })
	b2, c2 := measure.Allocs(func() { big = feedBigFrame(2*n, Options{}) })
	if len(small.Frames) != 1 || len(big.Frames) != 1 || len(big.Frames[0].Payload) != 2*n {
		t.Fatalf("frames %d and %d", len(small.Frames), len(big.Frames))
	}
	t.Logf("%d MiB: %d bytes in %d allocations; %d MiB: %d bytes in %d allocations", n>>20, b1, c1, 2*n>>20, b2, c2)
	if float64(b2) > 2.5*float64(b1) {
		t.Errorf("doubling the frame allocates %.2f times the bytes", float64(b2)/float64(b1))
	}
	if float64(c2) > 2.5*float64(c1)+20 {
		t.Errorf("doubling the frame makes %.2f times the allocations", float64(c2)/float64(c1))
	}
	// The bytes moved in the pending buffer, the work the old code did
	// again every 1 MiB.
	_, w1 := feedBigFrameWork(n, Options{})
	_, w2 := feedBigFrameWork(2*n, Options{})
	if float64(w2) > 2.2*float64(w1) || w1 > 3*n {
		t.Errorf("bytes copied: %d for %d MiB, %d for %d MiB", w1, n>>20, w2, 2*n>>20)
	}
}

// TestStreamCopiesStraddlingFrames: frames that cross the boundaries of
// the pieces a stream is written in (a capture's TCP segments) are copied
// only for the bytes that straddle a boundary: at most one frame's bytes
// for each piece, the same per frame for 1x, 2x and 4x the frames. Before
// issue 24 every piece after a partial frame was copied whole, and what
// was left moved again: 1,386 bytes per frame here, now 368.
func TestStreamCopiesStraddlingFrames(t *testing.T) {
	const frameLen, pieceLen = 1032, 1448 // the bench capture's client frames and segments
	key := []byte{0x95, 0x39, 0xff, 0xdd}
	perFrame := make([]float64, 0, 3)
	for _, n := range []int{256, 512, 1024} {
		var in []byte
		for i := range n {
			in = append(in, encodeFrame(true, 0, OpBinary, key, bytes.Repeat([]byte{byte(i)}, frameLen-8), 0)...)
		}
		s := NewSession(Input{Kind: "binary"}, Options{})
		st := s.NewStream(-1, Client, nil, 0)
		pieces := 0
		for i := 0; i < len(in); i += pieceLen {
			st.Write(in[i:min(i+pieceLen, len(in))], Mark{})
			pieces++
		}
		st.Close(Mark{})
		if r := s.Result(); len(r.Frames) != n || len(r.Errors) != 0 || r.Frames[n-1].Payload[0] != byte(n-1) {
			t.Fatalf("%d frames: decoded %d, errors %v", n, len(r.Frames), r.Errors)
		}
		if st.copied > int64(pieces*frameLen) {
			t.Errorf("%d frames in %d pieces: %d bytes copied, more than one frame's %d bytes a piece", n, pieces, st.copied, frameLen)
		}
		perFrame = append(perFrame, float64(st.copied)/float64(n))
	}
	t.Logf("bytes copied per frame at 1x, 2x, 4x: %.0f", perFrame)
	for _, c := range perFrame[1:] {
		if c > 1.1*perFrame[0] {
			t.Errorf("bytes copied per frame grow with the frames: %.0f", perFrame)
		}
	}
}

// TestFrameLimit: a frame longer than Options.FrameLimit keeps its first
// FrameLimit bytes, the rest is skipped as it comes, so the bytes held do
// not grow with the frame; its message says why its data is cut.
func TestFrameLimit(t *testing.T) {
	const limit = 1 << 20
	opts := Options{FrameLimit: limit}
	var r1, r2 *Result
	b1, _ := measure.Allocs(func() { r1 = feedBigFrame(4<<20, opts) })
	b2, _ := measure.Allocs(func() { r2 = feedBigFrame(8<<20, opts) })
	for _, r := range []*Result{r1, r2} {
		if len(r.Frames) != 1 || len(r.Messages) != 1 || len(r.Errors) != 0 {
			t.Fatalf("%d frames, %d messages, errors %v", len(r.Frames), len(r.Messages), r.Errors)
		}
		f := &r.Frames[0]
		if len(f.Payload) != limit || !f.PayloadTruncated || f.Missing != 0 {
			t.Errorf("payload %d bytes, truncated %v, missing %d", len(f.Payload), f.PayloadTruncated, f.Missing)
		}
		if r.Messages[0].Problem == "" {
			t.Errorf("the message does not say its data is cut")
		}
	}
	if r2.Frames[0].PayloadLength != 8<<20 {
		t.Errorf("payload_length %d", r2.Frames[0].PayloadLength)
	}
	if float64(b2) > 1.3*float64(b1) {
		t.Errorf("past the limit, doubling the frame allocates %.2f times the bytes (%d, %d)", float64(b2)/float64(b1), b1, b2)
	}
	// A frame after the big one is still found.
	s := NewSession(Input{Kind: "binary"}, opts)
	st := s.NewStream(-1, Server, nil, 0)
	big := append([]byte{0x82, 127, 0, 0, 0, 0, 0, 0x20, 0, 0}, make([]byte, 2<<20)...)
	st.Write(append(big, 0x81, 0x02, 'h', 'i'), Mark{})
	st.Close(Mark{})
	r := s.Result()
	if len(r.Frames) != 2 || r.Frames[1].Offset != int64(len(big)) || string(r.Frames[1].Payload) != "hi" {
		t.Fatalf("frames after the big one: %d", len(r.Frames))
	}
}
