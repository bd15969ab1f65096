package decoder

import (
	"bytes"
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
// into a sink, allocates a few bytes a fragment (their numbers, in a
// packed array), not a frame's worth (about 800 bytes, and ten times the
// time, before); 1x, 2x and 4x the fragments, between pings or not.
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
	}
}
