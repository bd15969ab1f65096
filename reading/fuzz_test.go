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
			c := Context{Opcode: op}
			r := Read(b, c)
			checkReading(t, r, len(b))
			if r != nil && !Claims(b, c) {
				t.Fatalf("Read gives a %s reading to % x, which Claims does not claim", r.Protocol, b)
			}
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

// TestClaims: what the page's first program, which has no reader, leaves to
// the full one. Every payload a reader takes by content is claimed (FuzzRead
// checks it for any bytes); text and binary no reader would take are not,
// so that the seed exchange and RFC 6455's examples stay in the first one.
func TestClaims(t *testing.T) {
	for _, tt := range []struct {
		name string
		b    string
		c    Context
		want bool
	}{
		{"RFC 6455 5.7 text", "Hello", Context{Opcode: Text}, false},
		{"seed exchange", "Good bye.", Context{Opcode: Text}, false},
		{"empty text", "", Context{Opcode: Text}, false},
		{"RFC 6455 5.7 binary (256 bytes of 0x00...)", "\x00\x01\x02", Context{Opcode: Binary}, false},
		{"ping", "Hello", Context{Opcode: 9}, false},
		{"JSON object", `{"a":1}`, Context{Opcode: Text}, true},
		{"JSON array after a space", ` [1]`, Context{Opcode: Text}, true},
		{"SignalR record", "{}\x1e", Context{Opcode: Text}, true},
		{"STOMP frame", "SEND\ndestination:/a\n\nx\x00", Context{Opcode: Text}, true},
		{"MessagePack fixmap", "\x81\xa1a\x01", Context{Opcode: Binary}, true},
		{"a PNG header: no MessagePack map of 9 pairs, no CBOR array of 9", "\x89PNG\r\n\x1a\n", Context{Opcode: Binary}, false},
		{"MessagePack (and CBOR) with bytes after the end", "\x81\xa1a\x01\x00\x00", Context{Opcode: Binary}, false},
		{"CBOR indefinite array", "\x9f\x01\x02\xff", Context{Opcode: Binary}, true},
		{"CBOR map", "\xa1\x61\x61\x01", Context{Opcode: Binary}, true},
		{"gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x03\x00", Context{Opcode: Binary}, true},
		{"zlib", "x\x9c\x03\x00\x00\x00\x00\x01", Context{Opcode: Binary}, true},
		// Socket.IO and MQTT are never taken from content alone: only a
		// path, subprotocol or the menu names them.
		{"Socket.IO 0.9 text, no path", `5:::{"name":"news"}`, Context{Opcode: Text}, false},
		{"Socket.IO path", "2probe", Context{Opcode: Text, Path: "/socket.io/1/websocket/x"}, true},
		{"MQTT subprotocol", "\x10", Context{Opcode: Binary, Subprotocol: "MQTT"}, true},
		{"menu: json", "Hello", Context{Opcode: Text, Override: "json"}, true},
		{"menu: none", `{"a":1}`, Context{Opcode: Text, Override: "none", Subprotocol: "mqtt"}, false},
	} {
		if got := Claims([]byte(tt.b), tt.c); got != tt.want {
			t.Errorf("%s: Claims(%q) = %v, want %v", tt.name, tt.b, got, tt.want)
		}
		if r := Read([]byte(tt.b), tt.c); r != nil && !tt.want {
			t.Errorf("%s: Read gives a %s reading to what Claims leaves", tt.name, r.Protocol)
		}
	}
}

// FuzzSkim: a payload MessagePack or CBOR reads whole is one its skim
// passes, so that Claims never leaves to the first program what a reader
// would take.
func FuzzSkim(f *testing.F) {
	for _, s := range []string{"\x82\xa7compact\xc3\xa6schema\x00", "\xbf\x61\x61\x01\x61\x62\x9f\x02\x03\xff\xff",
		"\xc1", "\xdc\x00\x02\xc7\x01\x05x\xd8\x01" + "0123456789abcdef", "\x5f\x41\x01\x42\x02\x03\xff", "\xd9\x01\xfb\x40\x09\x21\xfb\x54\x44\x2d\x18",
		"\xde\x00\x01\xd9\x01a\xcb\x40\x09\x21\xfb\x54\x44\x2d\x18", "\x9f\x9f\xff\xbf\xff\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if r := readMsgpack(b); r.Error == nil && !skimMsgpack(b) {
			t.Fatalf("MessagePack reads % x whole, but its skim fails", b)
		}
		if r := readCBOR(b); r.Error == nil && !skimCBOR(b) {
			t.Fatalf("CBOR reads % x whole, but its skim fails", b)
		}
	})
}
