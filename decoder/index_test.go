package decoder

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// checkIndexed decodes again with an index (decode takes the options)
// and checks that every frame and message read back from it is the one
// of want, the result made without an index.
func checkIndexed(t *testing.T, want *Result, decode func(Options) *Result, o Options) {
	t.Helper()
	ix := NewIndex(0)
	ix.span = 1 // a checkpoint at every inflate call, and
	o.Index = ix
	got := decode(o)
	if err := ix.Result(got); err != nil {
		t.Fatalf("materializing: %v", err)
	}
	w, _ := json.Marshal(want)
	g, _ := json.Marshal(got)
	if !bytes.Equal(w, g) {
		t.Fatalf("the index gives another result:\nwant %s\n got %s", w, g)
	}
}

// deflateStream makes n permessage-deflate messages of one sender with
// context takeover: each compressed by the same writer, flushed, its
// 00 00 ff ff tail cut (RFC 7692 7.2.1), and written as frames; every
// seventh is fragmented.
func deflateStream(t testing.TB, n int, seed uint64) (wire []byte, texts []string) {
	rnd := rand.New(rand.NewPCG(seed, 1))
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, 6)
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"socket", "frame", "window", "inflate", "checkpoint", "message", "zran", "deflate", "context"}
	for i := range n {
		var b bytes.Buffer
		for b.Len() < 20+rnd.IntN(4000) {
			fmt.Fprintf(&b, "%s %d ", words[rnd.IntN(len(words))], rnd.IntN(50))
		}
		texts = append(texts, b.String())
		buf.Reset()
		w.Write(b.Bytes())
		w.Flush()
		p := bytes.TrimSuffix(buf.Bytes(), []byte{0, 0, 0xff, 0xff})
		if i%7 == 3 && len(p) > 4 {
			h := len(p) / 2
			wire = appendFrame(wire, 0x41, p[:h]) // text, RSV1, not final
			wire = appendFrame(wire, 0x80, p[h:]) // continuation, final
			continue
		}
		wire = appendFrame(wire, 0xc1, p) // text, RSV1, final
	}
	return wire, texts
}

func appendFrame(b []byte, b0 byte, p []byte) []byte {
	switch {
	case len(p) < 126:
		b = append(b, b0, byte(len(p)))
	case len(p) < 1<<16:
		b = append(b, b0, 126, byte(len(p)>>8), byte(len(p)))
	default:
		b = append(b, b0, 127, 0, 0, 0, 0, byte(len(p)>>24), byte(len(p)>>16), byte(len(p)>>8), byte(len(p)))
	}
	return append(b, p...)
}

// TestIndexCheckpoints (RFC 7692 7.2.3.2, context takeover): message k of
// a long compressed stream, inflated from the index's nearest checkpoint,
// is the message inflated from the start, whatever order the messages are
// asked for in and whatever the span between checkpoints.
func TestIndexCheckpoints(t *testing.T) {
	wire, texts := deflateStream(t, 400, 7)
	ext, _ := ParseExtension("permessage-deflate")
	opts := Options{Extension: ext, From: Server}
	want := DecodeBytes(wire, Input{Kind: "binary"}, opts)
	if len(want.Messages) != len(texts) {
		t.Fatalf("%d messages, want %d", len(want.Messages), len(texts))
	}
	for i, m := range want.Messages {
		if m.Text == nil || *m.Text != texts[i] || m.Problem != "" {
			t.Fatalf("message %d does not inflate to what was sent: %q", i, m.Problem)
		}
	}
	for _, span := range []int{1, 64 << 10, 1 << 20, checkpointSpan} {
		ix := NewIndex(0)
		ix.span = span
		o := opts
		o.Index = ix
		DecodeBytes(wire, Input{Kind: "binary"}, o)
		points := len(ix.streams[0].sides[1].log.points)
		rnd := rand.New(rand.NewPCG(uint64(span), 2))
		for _, k := range rnd.Perm(len(texts)) {
			m, err := ix.Message(k)
			if err != nil {
				t.Fatal(err)
			}
			if m.Text == nil || *m.Text != texts[k] {
				t.Fatalf("span %d: message %d read from the index differs", span, k)
			}
		}
		for k := range texts { // in order, as a list reads them
			if m, err := ix.Message(k); err != nil || *m.Text != texts[k] {
				t.Fatalf("span %d: message %d read in order differs (%v)", span, k, err)
			}
		}
		t.Logf("span %d bytes: %d checkpoints for %d messages", span, points, len(texts))
		if span == 1 && points != len(texts) || span == checkpointSpan && points != 1 {
			t.Errorf("span %d: %d checkpoints", span, points)
		}
	}
}

// xorRereader makes a stream's bytes again from a source that holds them
// XORed with 0x5a, as a TLS layer makes plaintext again from ciphertext.
type xorRereader struct{ reads int }

func (x *xorRereader) Reread(src io.ReaderAt, p []byte, off int64) error {
	x.reads++
	if _, err := src.ReadAt(p, off); err != nil {
		return err
	}
	for i := range p {
		p[i] ^= 0x5a
	}
	return nil
}

// TestIndexRereader: bytes written with Mark.Src = SrcReread to a stream
// with a Rereader are made again by it, and the index keeps no copy of
// them; bytes written with Src -1 are copied; without a Rereader,
// SrcReread bytes are copied too. Either way the frames and messages read
// again are the decode's.
func TestIndexRereader(t *testing.T) {
	wire, _ := deflateStream(t, 40, 7)
	src := bytes.Clone(wire)
	for i := range src {
		src[i] ^= 0x5a
	}
	decode := func(o Options, rr Rereader) *Result {
		s := NewSession(Input{}, o)
		st := s.NewStream(-1, Server, &Extension{Name: "permessage-deflate"}, 0)
		if rr != nil {
			st.SetRereader(rr)
		}
		for off := 0; off < len(wire); off += 700 {
			at := Mark{Src: SrcReread}
			if off == 1400 {
				at.Src = -1 // one piece copied
			}
			st.Write(wire[off:min(off+700, len(wire))], at)
		}
		st.Close(Mark{})
		return s.Result()
	}
	want := decode(Options{}, nil)
	for _, with := range []bool{true, false} {
		var rr *xorRereader
		var r Rereader
		if with {
			rr = &xorRereader{}
			r = rr
		}
		ix := NewIndex(0)
		got := decode(Options{Index: ix}, r)
		ix.SetSource(bytes.NewReader(src))
		if err := ix.Result(got); err != nil {
			t.Fatalf("rereader %v: materializing: %v", with, err)
		}
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(got)
		if !bytes.Equal(w, g) {
			t.Fatalf("rereader %v: the index gives another result:\nwant %s\n got %s", with, w, g)
		}
		stored := int64(700)
		if !with {
			stored = int64(len(wire))
		}
		if ix.Stored() != stored {
			t.Errorf("rereader %v: the index stores %d bytes; want %d", with, ix.Stored(), stored)
		}
		if with && rr.reads == 0 {
			t.Error("the rereader was never asked")
		}
	}
}
