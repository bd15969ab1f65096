package decoder

import (
	"bytes"
	"runtime"
	"testing"
)

type countingSink struct{ frames, messages, bytes int }

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
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	DecodeBytes(wire, Input{}, Options{Sink: sink, From: Server})
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d frames, %d payload bytes, %d bytes allocated", sink.frames, sink.bytes, alloc)
	if sink.messages != 8192 || sink.bytes < 8<<20 {
		t.Fatalf("%d messages, %d payload bytes", sink.messages, sink.bytes)
	}
	if alloc > 2<<20 {
		t.Errorf("decoding %d payload bytes into a sink allocated %d bytes", sink.bytes, alloc)
	}
}
