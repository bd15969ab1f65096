package decoder

import (
	"bytes"
	"compress/flate"
	"testing"

	"github.com/wsframe/wsframe/internal/measure"
)

type countingSink struct{ frames, messages, bytes int }

// earlySink takes fragments as they come (EarlySink).
type earlySink struct{ countingSink }

func (*earlySink) Early() bool { return true }

func (c *countingSink) Frame(f *Frame)     { c.frames++; c.bytes += len(f.Payload) }
func (c *countingSink) Message(m *Message) { c.messages++ }

// TestSinkReusesPayloads: with a sink (or an index), frames leave as they
// are decided, and the bytes their payloads were unmasked into are used
// again for the next ones: decoding 8 MB of 1 KB frames allocates far less
// than the payloads (it allocated all of them, 8 MB of garbage, before).
func TestSinkReusesPayloads(t *testing.T) {
	payload := bytes.Repeat([]byte("payload "), 128)
	var wire []byte
	for i := range 8192 {
		if i%5 == 2 {
			wire = appendFrame(wire, 0x01, payload[:300]) // fragmented: held until its end
			wire = appendFrame(wire, 0x80, payload[300:])
			continue
		}
		wire = appendFrame(wire, 0x81, payload)
	}
	sink := &countingSink{}
	alloc, _ := measure.Allocs(func() { DecodeBytes(wire, Input{}, Options{Sink: sink, From: Server}) })
	t.Logf("%d frames, %d payload bytes, %d bytes allocated", sink.frames, sink.bytes, alloc)
	if sink.messages != 8192 || sink.bytes < 8<<20 {
		t.Fatalf("%d messages, %d payload bytes", sink.messages, sink.bytes)
	}
	if alloc > 2<<20 {
		t.Errorf("decoding %d payload bytes into a sink allocated %d bytes", sink.bytes, alloc)
	}
}

// TestSinkFragmentsCostNothingEach: one message in n fragments, decoded
// into an early sink, allocates nothing a fragment (not even their
// numbers, which the sink saw go by), not a frame's worth (about 800
// bytes, and ten times the time, before); 1x, 2x and 4x the fragments,
// between pings or not.
func TestSinkFragmentsCostNothingEach(t *testing.T) {
	for _, pings := range []bool{false, true} {
		var per [3]float64
		for k, n := range []int{100000, 200000, 400000} {
			wire := appendFrame(nil, 0x01, []byte("h"))
			for range n {
				wire = appendFrame(wire, 0x00, nil)
				if pings {
					wire = appendFrame(wire, 0x89, nil)
				}
			}
			wire = appendFrame(wire, 0x80, []byte("i"))
			sink := &earlySink{}
			alloc, count := measure.Allocs(func() { DecodeBytes(wire, Input{}, Options{Sink: sink, From: Server}) })
			want := n + 2
			if pings {
				want += n
			}
			if sink.frames != want || sink.bytes != 2 {
				t.Fatalf("%d fragments: %d frames, %d payload bytes", n, sink.frames, sink.bytes)
			}
			per[k] = float64(alloc) / float64(n)
			t.Logf("pings %v, %d fragments: %.1f bytes allocated a fragment, %d allocations", pings, n, per[k], count)
			if per[k] > 12 {
				t.Errorf("pings %v, %d fragments: %.1f bytes allocated a fragment", pings, n, per[k])
			}
		}
		if per[2] > 1.5*per[0]+1 {
			t.Errorf("pings %v: bytes a fragment grow with the count: %v", pings, per)
		}
		// An early sink is given no list of the fragments: none is
		// kept, and 4x the fragments allocate what 1x does.
		if per[2]*400000 > per[0]*100000+64<<10 {
			t.Errorf("pings %v: %.0f bytes allocated for 400,000 fragments, %.0f for 100,000: the fragments' numbers are kept", pings, per[2]*400000, per[0]*100000)
		}
	}
}

// TestPasteIndexAllocationsPerFrame: a paste of n frames decoded into an
// index (the page's large paste, the command's text over 256 KiB) makes
// no allocation per frame: its frames and messages are packed records,
// and the collector has nothing to chase (an extra record allocated for
// every frame, kept or not, cost the page's wasm a fifth of its time).
// Checked at 1x, 2x and 4x.
func TestPasteIndexAllocationsPerFrame(t *testing.T) {
	var per [3]float64
	for k, n := range []int{20000, 40000, 80000} {
		text := bytes.Repeat([]byte("81 05 48 65 6c 6c 6f\n"), n)
		ix := NewIndex(0)
		var r *Result
		_, count := measure.Allocs(func() { r = Decode(text, Options{Index: ix}) })
		if ix.Frames() != n || ix.Messages() != n || len(r.Frames) != 0 {
			t.Fatalf("%d frames pasted: %d frames, %d messages indexed, %d in the result", n, ix.Frames(), ix.Messages(), len(r.Frames))
		}
		per[k] = float64(count) / float64(n)
		t.Logf("%d frames: %.3f allocations a frame", n, per[k])
		if per[k] > 0.05 {
			t.Errorf("%d frames: %.3f allocations a frame; want none", n, per[k])
		}
	}
	if per[2] > per[0]+0.01 {
		t.Errorf("allocations a frame grow with the count: %v", per)
	}
}

// TestSinkInflatesIntoOneBuffer: into a sink (-stats) or an index, every
// compressed message is inflated into one buffer of the session, used
// again for the next, so that 4x the messages that each inflate to 1 MiB
// allocate about what 1x does (each allocated its whole output and more,
// growing it by doubling, before), and each message still reads whole.
func TestSinkInflatesIntoOneBuffer(t *testing.T) {
	const size = 1 << 20
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(bytes.Repeat([]byte("ab"), size/2))
	w.Flush()
	frame := appendFrame(nil, 0xc2, bytes.TrimSuffix(z.Bytes(), []byte{0, 0, 0xff, 0xff})) // RSV1: compressed
	ext, err := ParseExtension("permessage-deflate; server_no_context_takeover")
	if err != nil {
		t.Fatal(err)
	}
	var alloc [3]uint64
	for k, n := range []int{8, 16, 32} {
		sink := &lengthSink{}
		alloc[k], _ = measure.Allocs(func() {
			DecodeBytes(bytes.Repeat(frame, n), Input{}, Options{Sink: sink, From: Server, Extension: ext})
		})
		if sink.messages != n || sink.whole != n {
			t.Fatalf("%d messages: %d given to the sink, %d of them whole", n, sink.messages, sink.whole)
		}
		t.Logf("%d messages of %d bytes inflated: %.1f MiB allocated", n, size, float64(alloc[k])/(1<<20))
	}
	if alloc[2] > alloc[0]+alloc[0]/2 {
		t.Errorf("what inflating allocates grows with the messages: %v", alloc)
	}
}

// lengthSink counts messages, and those whose data came whole: 1 MiB of
// "ab".
type lengthSink struct{ messages, whole int }

func (*lengthSink) Frame(*Frame) {}
func (s *lengthSink) Message(m *Message) {
	s.messages++
	if len(m.Data) == 1<<20 && m.Data[0] == 'a' && m.Data[len(m.Data)-1] == 'b' && m.Problem == "" {
		s.whole++
	}
}
