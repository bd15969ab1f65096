package reading

import (
	"encoding/json"
	"testing"
)

// checkReading checks what every reading of n bytes promises: fields
// within the payload (Inner readings within the inflated bytes), valid
// JSON in Value, an error offset within the payload.
func checkReading(t *testing.T, r *Reading, n int) {
	t.Helper()
	if r == nil {
		return
	}
	if len(r.Value) > 0 && !json.Valid(r.Value) {
		t.Fatalf("%s value is not JSON: %s", r.Protocol, r.Value)
	}
	if r.Error != nil && (r.Error.Offset < 0 || r.Error.Offset > n) {
		t.Fatalf("%s error at %d of %d bytes: %v", r.Protocol, r.Error.Offset, n, r.Error)
	}
	var walk func(fs []Field, depth int)
	count := 0
	walk = func(fs []Field, depth int) {
		for _, f := range fs {
			count++
			if f.Start < 0 || f.End > n || f.Start > f.End {
				t.Fatalf("%s field %q at %d-%d of %d bytes", r.Protocol, f.Name, f.Start, f.End, n)
			}
			if depth > MaxDepth+3 {
				t.Fatalf("%s fields nested %d deep", r.Protocol, depth)
			}
			walk(f.Fields, depth+1)
		}
	}
	walk(r.Fields, 0)
	if count > MaxFields+8 {
		t.Fatalf("%s has %d fields", r.Protocol, count)
	}
	if len(r.Summary) > MaxSummary+len("…") {
		t.Fatalf("summary of %d bytes", len(r.Summary))
	}
	if r.Inner != nil {
		if _, err := json.Marshal(r.Inner); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatalf("marshal: %v", err)
	}
}

// FuzzRead reads any bytes as every protocol and by content.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		`5:::{"name":"news","args":[{"hello":"world"}]}`, `42["chat message","hi"]`, `451-/a,3["x",{"_placeholder":true,"num":0}]`,
		"\x10\x10\x00\x04MQTT\x04\x02\x00\x3c\x00\x04test", "\x82\xa7compact\xc3\xa6schema\x00",
		"\xbf\x61\x61\x01\x61\x62\x9f\x02\x03\xff\xff", "SEND\ndestination:/a\ncontent-length:1\n\nx\x00",
		"{\"type\":1,\"target\":\"Send\",\"arguments\":[1]}\x1e", "\x0e\x95\x01\x80\xa1\x37\xa4Send\x91\xa2hi",
		`{"type":"subscribe","id":"1","payload":{"query":"{ a }"}}`, "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\xab\xae\x05\x00\x43\xbf\xa6\xa3\x02\x00\x00\x00",
		"x\x9c\xab\xae\x05\x00\x01u\x00\xf9",
	} {
		f.Add([]byte(s))
	}
	paths := []string{"", "/socket.io/1/websocket/x", "/socket.io/?EIO=3", "/socket.io/?EIO=4"}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, op := range []int{Text, Binary} {
			checkReading(t, Read(b, Context{Opcode: op}), len(b))
			for _, p := range Protocols {
				checkReading(t, Read(b, Context{Opcode: op, Override: p, InflateLimit: 1 << 16}), len(b))
			}
			for _, p := range paths {
				checkReading(t, Read(b, Context{Opcode: op, Path: p}), len(b))
			}
		}
	})
}

// FuzzMQTTStream cuts any bytes into messages of both sides and reads
// them as one MQTT connection.
func FuzzMQTTStream(f *testing.F) {
	f.Add([]byte("\x10\x10\x00\x04MQTT\x04\x02\x00\x3c\x00\x04test\x20\x02\x00\x00"), uint64(0x2345))
	f.Add([]byte("\x30\x05\x00\x03a/b\xc0\x00\xd0\x00"), uint64(1))
	f.Fuzz(func(t *testing.T, b []byte, cuts uint64) {
		s := NewMQTTStream()
		var sizes []int
		for i := 0; len(b) > 0; i++ {
			n := min(len(b), int(cuts>>(4*(i%16))&15)+1)
			s.Message(i, cuts>>i&1 == 1, b[:n])
			sizes = append(sizes, n)
			b = b[n:]
		}
		a := s.App()
		for i, n := range sizes {
			checkReading(t, a.Reading(i, cuts>>i&1 == 1, n), n)
		}
		if _, err := json.Marshal(a); err != nil {
			t.Fatal(err)
		}
	})
}
