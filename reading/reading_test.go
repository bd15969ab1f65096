package reading

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCBORRFC8949AppendixA reads the examples of RFC 8949 appendix A.
func TestCBORRFC8949AppendixA(t *testing.T) {
	for _, tc := range []struct{ hex, value string }{
		{"00", "0"},
		{"17", "23"},
		{"1903e8", "1000"},
		{"1bffffffffffffffff", "18446744073709551615"},
		{"3903e7", "-1000"},
		{"3bffffffffffffffff", "-18446744073709551616"},
		{"c249010000000000000000", `{"$tag":2,"$value":{"$bin":"010000000000000000"}}`},
		{"f93c00", "1"},
		{"f93e00", "1.5"},
		{"fb3ff199999999999a", "1.1"},
		{"f90001", "5.960464477539063e-8"},
		{"f97c00", `"Infinity"`},
		{"f4", "false"}, {"f6", "null"}, {"f7", "null"},
		{"f0", `{"$simple":16}`},
		{"c074323031332d30332d32315432303a30343a30305a", `{"$tag":0,"$value":"2013-03-21T20:04:00Z"}`},
		{"4401020304", `{"$bin":"01020304"}`},
		{"62225c", `"\"\\"`},
		{"63e6b0b4", `"水"`},
		{"83010203", "[1,2,3]"},
		{"8301820203820405", "[1,[2,3],[4,5]]"},
		{"a201020304", `{"1":2,"3":4}`},
		{"a26161016162820203", `{"a":1,"b":[2,3]}`},
		{"5f42010243030405ff", `{"$bin":"0102030405"}`},
		{"7f657374726561646d696e67ff", `"streaming"`},
		{"9f018202039f0405ffff", "[1,[2,3],[4,5]]"},
		{"bf61610161629f0203ffff", `{"a":1,"b":[2,3]}`},
	} {
		r := readCBOR(unhex(t, tc.hex))
		if r.Error != nil || string(r.Value) != tc.value {
			t.Errorf("%s: got %s (error %v), want %s", tc.hex, r.Value, r.Error, tc.value)
		}
	}
}

func TestCBORErrors(t *testing.T) {
	for _, tc := range []struct {
		hex    string
		offset int
		has    string
	}{
		{"1c", 0, "reserved"},
		{"9b ffffffffffffffff", 0, "needs at least"},
		{"83 01 02", 0, "needs at least"},
		{"ff", 0, "break"},
		{"1f", 0, "indefinite"},
		{"01 02", 1, "after the end"},
		{strings.Repeat("81", 100) + "00", 65, "deeper"},
	} {
		r := readCBOR(unhex(t, tc.hex))
		if r.Error == nil || r.Error.Offset != tc.offset || !strings.Contains(r.Error.Message, tc.has) {
			t.Errorf("%s: error %v, want at %d %q", tc.hex, r.Error, tc.offset, tc.has)
		}
	}
}

// TestMsgpackSpec reads the formats of the MessagePack specification.
func TestMsgpackSpec(t *testing.T) {
	for _, tc := range []struct{ hex, value string }{
		{"82 a7 636f6d70616374 c3 a6 736368656d61 00", `{"compact":true,"schema":0}`},
		{"93 01 ff cc ff", "[1,-1,255]"},
		{"dc 0003 d0 80 d1 8000 d2 80000000", "[-128,-32768,-2147483648]"},
		{"92 cf ffffffffffffffff d3 8000000000000000", "[18446744073709551615,-9223372036854775808]"},
		{"92 ca 3fc00000 cb 3ff8000000000000", "[1.5,1.5]"},
		{"93 c0 c2 c3", "[null,false,true]"},
		{"92 c4 02 0102 d9 03 616263", `[{"$bin":"0102"},"abc"]`},
		{"92 d4 05 01 d6 ff 5c5a6e80", `[{"$ext":5,"$data":"01"},{"$timestamp":"2019-02-06T05:20:00Z"}]`},
		{"81 01 a1 78", `{"1":"x"}`},
		{"de 0001 a1 61 90", `{"a":[]}`},
	} {
		r := readMsgpack(unhex(t, tc.hex))
		if r.Error != nil || string(r.Value) != tc.value {
			t.Errorf("%s: got %s (error %v), want %s", tc.hex, r.Value, r.Error, tc.value)
		}
	}
	for _, tc := range []struct {
		hex    string
		offset int
	}{
		{"c1", 0}, {"92 01", 0}, {"dd ffffffff", 0}, {"a5 6162", 1}, {"91 01 02", 2},
	} {
		if r := readMsgpack(unhex(t, tc.hex)); r.Error == nil || r.Error.Offset != tc.offset {
			t.Errorf("%s: error %v, want one at %d", tc.hex, r.Error, tc.offset)
		}
	}
}

func TestMsgpackFields(t *testing.T) {
	r := readMsgpack(unhex(t, "82 a7 636f6d70616374 c3 a6 736368656d61 00"))
	top := r.Fields[0]
	if top.Start != 0 || top.End != 18 || len(top.Fields) != 2 {
		t.Fatalf("top field %+v", top)
	}
	if f := top.Fields[1]; f.Name != "schema" || f.Start != 10 || f.End != 18 || f.Value != "0" {
		t.Errorf("schema field %+v: want bytes 10-18 (its key and value)", f)
	}
}

// TestMQTT reads packets written as the MQTT 3.1.1 and 5.0 standards lay them out.
func TestMQTT(t *testing.T) {
	for _, tc := range []struct{ name, hex, summary string }{
		{"3.1.1 3.1 CONNECT", "10 10 0004 4d515454 04 02 003c 0004 74657374", `CONNECT "test" MQTT 3.1.1, keep alive 60, clean`},
		{"3.1.1 3.2 CONNACK", "20 02 00 00", "CONNACK accepted"},
		{"3.1.1 3.3 PUBLISH QoS 1", "32 09 0003 612f62 0007 6869", "PUBLISH a/b QoS 1 id 7: hi"},
		{"3.1.1 3.8 SUBSCRIBE", "82 0a 0001 0005 612f622f23 01", "SUBSCRIBE id 1 a/b/# QoS 1"},
		{"3.1.1 3.9 SUBACK", "90 03 0001 01", "SUBACK id 1 granted QoS 1"},
		{"3.1.1 3.12 PINGREQ and 3.13 PINGRESP", "c0 00 d0 00", "PINGREQ; PINGRESP"},
		{"5.0 3.1 CONNECT with properties", "10 14 0004 4d515454 05 02 003c 05 11 0000012c 0002 6964", `CONNECT "id" MQTT 5, keep alive 60, clean`},
		{"5.0 3.2 CONNACK", "10 0d 0004 4d515454 05 02 003c 00 0000 20 06 00 00 03 22 000a", `CONNECT "" MQTT 5, keep alive 60, clean; CONNACK success`},
		{"5.0 3.14 DISCONNECT", "10 0d 0004 4d515454 05 00 003c 00 0000 e0 02 8e 00", `CONNECT "" MQTT 5, keep alive 60; DISCONNECT session taken over`},
	} {
		r := readMQTTMessage(unhex(t, tc.hex), Context{})
		if r.Error != nil || r.Summary != tc.summary {
			t.Errorf("%s: got %q (error %v), want %q", tc.name, r.Summary, r.Error, tc.summary)
		}
	}
	for _, tc := range []struct {
		name, hex string
		offset    int
	}{
		{"remaining length of 5 bytes", "30 ff ff ff ff 01", 1},
		{"split packet", "30 0a 0003 61", 0},
		{"QoS 3", "36 05 0003 612f62", 0},
		{"SUBSCRIBE flags", "80 06 0001 0001 61 00", 0},
		{"topic not UTF-8", "30 04 0002 ff fe", 4},
	} {
		if r := readMQTTMessage(unhex(t, tc.hex), Context{}); r.Error == nil || r.Error.Offset != tc.offset {
			t.Errorf("%s: error %v, want one at %d", tc.name, r.Error, tc.offset)
		}
	}
}

// TestMQTTStream joins packets split over messages and splits messages
// holding several packets, as mqtt.js over WebSocket sends them.
func TestMQTTStream(t *testing.T) {
	s := NewMQTTStream()
	s.Message(0, false, unhex(t, "10 10"))
	s.Message(1, false, unhex(t, "0004 4d515454 04 02 003c"))
	s.Message(2, false, unhex(t, "0004 74657374"))
	s.Message(3, true, unhex(t, "20 02 00 00 30 05 0003 61"))
	s.Message(4, true, unhex(t, "2f62 c0"))
	a := s.App()
	if len(a.Packets) != 4 || a.Total != 4 {
		t.Fatalf("%d packets: %+v", len(a.Packets), a.Packets)
	}
	want := []struct {
		typ  string
		msgs string
	}{{"CONNECT", "[0 1 2]"}, {"CONNACK", "[3]"}, {"PUBLISH", "[3 4]"}, {"PINGREQ", "[4]"}}
	for i, w := range want {
		p := a.Packets[i]
		if p.Type != w.typ || sprint(p.Messages) != w.msgs {
			t.Errorf("packet %d: %s from messages %v, want %s from %s", i, p.Type, p.Messages, w.typ, w.msgs)
		}
	}
	if p := a.Packets[3]; p.Error == nil || !strings.Contains(p.Error.Message, "ends") {
		t.Errorf("the cut-off packet: %+v", p)
	}
	r := a.Reading(4, true, 3)
	if r == nil || r.Summary != "… PUBLISH a/b QoS 0: ; PINGREQ (byte 1: the connection ends 1 byte into a packet's fixed header)" {
		t.Fatalf("message 4: %+v", r)
	}
	// The topic's last two bytes are bytes 0-1 of message 4.
	pub := r.Fields[0]
	if pub.Start != 0 || pub.End != 2 {
		t.Errorf("PUBLISH in message 4 at %d-%d, want 0-2", pub.Start, pub.End)
	}
	if r := a.Reading(2, false, 6); r == nil || r.Summary != `… CONNECT "test" MQTT 3.1.1, keep alive 60, clean` {
		t.Errorf("message 2: %+v", r)
	}
}

// TestMQTTStreamOneByteIn reads a message that starts one byte into a packet.
func TestMQTTStreamOneByteIn(t *testing.T) {
	s := NewMQTTStream()
	s.Message(0, false, unhex(t, "c0"))
	s.Message(1, false, unhex(t, "00"))
	a := s.App()
	if r := a.Reading(1, false, 1); r == nil || r.Summary != "… PINGREQ" || r.Fields[0].Start != 0 || r.Fields[0].End != 1 {
		t.Fatalf("message 1: %+v", r)
	}
}

func sprint(v []int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, n := range v {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(n))
	}
	return b.String() + "]"
}

func TestSTOMP(t *testing.T) {
	for _, tc := range []struct{ in, summary string }{
		{"CONNECT\naccept-version:1.2\nhost:example\n\n\x00", "CONNECT accept-version=1.2"},
		{"SEND\r\ndestination:/queue/a\r\ncontent-length:2\r\n\r\nh\x00\x00", "SEND /queue/a: h\x00"},
		{"MESSAGE\ndestination:/topic/x\nsubscription:0\nmessage-id:1\n\nhello\x00\n", "MESSAGE /topic/x subscription=0: hello; heart-beat"},
		{"\n", "heart-beat"},
		{"SUBSCRIBE\nid:sub\\c0\ndestination:/a\n\n\x00", "SUBSCRIBE /a id=sub:0"},
	} {
		r := readSTOMP([]byte(tc.in))
		if r.Error != nil || r.Summary != tc.summary {
			t.Errorf("%q: got %q (error %v), want %q", tc.in, r.Summary, r.Error, tc.summary)
		}
	}
	for _, tc := range []struct {
		in     string
		offset int
	}{
		{"SEND\ndestination:/a\n\nbody", 25},
		{"FOO\n\n\x00", 0},
		{"SEND\nbad header\n\n\x00", 5},
		{"SEND\ncontent-length:9\n\nab\x00", 23},
	} {
		if r := readSTOMP([]byte(tc.in)); r.Error == nil || r.Error.Offset != tc.offset {
			t.Errorf("%q: error %v, want one at %d", tc.in, r.Error, tc.offset)
		}
	}
}

func TestCompressed(t *testing.T) {
	var gz, zl bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(`{"a":[1,2]}`))
	w.Close()
	z := zlib.NewWriter(&zl)
	z.Write(unhex(t, "82 a1 61 01 a1 62 02"))
	z.Close()
	r := Read(gz.Bytes(), Context{Opcode: Binary})
	if r == nil || r.Protocol != "gzip" || r.Inner == nil || r.Inner.Protocol != "json" || string(r.Value) != `{"a":[1,2]}` {
		t.Fatalf("gzip: %+v", r)
	}
	r = Read(zl.Bytes(), Context{Opcode: Binary})
	if r == nil || r.Protocol != "zlib" || r.Inner == nil || r.Inner.Protocol != "msgpack" || string(r.Value) != `{"a":1,"b":2}` {
		t.Fatalf("zlib: %+v", r)
	}
	r = readCompressed("gzip", gz.Bytes(), Context{InflateLimit: 5})
	if r.Error == nil || !strings.Contains(r.Error.Message, "limit") {
		t.Errorf("over the limit: %+v", r)
	}
	bad := append([]byte(nil), gz.Bytes()...)
	bad[len(bad)-5] ^= 1
	if r := readCompressed("gzip", bad, Context{}); r.Error == nil || !strings.Contains(r.Error.Message, "CRC") {
		t.Errorf("bad CRC: %+v", r)
	}
}

func TestSocketIO(t *testing.T) {
	for _, tc := range []struct{ path, in, protocol, summary, value string }{
		{"/socket.io/1/websocket/abc", `5:::{"name":"news","args":[{"hello":"world"}]}`, "socket.io", `event news [{"hello":"world"}]`, `{"name":"news","args":[{"hello":"world"}]}`},
		{"/socket.io/1/websocket/abc", `1::`, "socket.io", "connect", ""},
		{"/socket.io/1/websocket/abc", `2::`, "socket.io", "heartbeat", ""},
		{"/socket.io/1/websocket/abc", `6:::4+["A","B"]`, "socket.io", `ack of 4 ["A","B"]`, `["A","B"]`},
		{"/socket.io/1/websocket/abc", `5:1+:/chat:{"name":"x"}`, "socket.io", `event id 1+ /chat x`, `{"name":"x"}`},
		{"/socket.io/?EIO=4&transport=websocket", `42["chat message","hi"]`, "socket.io", `EVENT chat message ["hi"]`, `["chat message","hi"]`},
		{"/socket.io/?EIO=4&transport=websocket", `2`, "engine.io", `ping`, ""},
		{"/socket.io/?EIO=3&transport=websocket", `2probe`, "engine.io", `ping probe`, ""},
		{"/socket.io/?EIO=4&transport=websocket", `0{"sid":"x"}`, "engine.io", `open {"sid":"x"}`, `{"sid":"x"}`},
		{"/socket.io/?EIO=4&transport=websocket", `451-/admin,12["up",{"_placeholder":true,"num":0}]`, "socket.io", `BINARY_EVENT 1 attachment /admin id 12 up [{"_placeholder":true,"num":0}]`, `["up",{"_placeholder":true,"num":0}]`},
		{"/socket.io/?EIO=4&transport=websocket", `4313["ok"]`, "socket.io", `ACK id 13 ["ok"]`, `["ok"]`},
		{"/socket.io/?EIO=3&transport=websocket", `44"bad"`, "socket.io", `ERROR "bad"`, `"bad"`},
		{"/socket.io/?EIO=4&transport=websocket", `44{"message":"no"}`, "socket.io", `CONNECT_ERROR {"message":"no"}`, `{"message":"no"}`},
		{"", `5:::{"name":"news","args":[]}`, "socket.io", `event news []`, `{"name":"news","args":[]}`},
	} {
		r := Read([]byte(tc.in), Context{Opcode: Text, Path: tc.path, Override: map[bool]string{true: "socket.io"}[tc.path == ""]})
		if r == nil || r.Error != nil || r.Protocol != tc.protocol || r.Summary != tc.summary || string(r.Value) != tc.value {
			t.Errorf("%s %s: got %+v", tc.path, tc.in, r)
		}
	}
	r := Read([]byte(`42["x",{bad}]`), Context{Opcode: Text, Path: "/socket.io/?EIO=4"})
	if r == nil || r.Error == nil || r.Error.Offset != 8 {
		t.Errorf("bad JSON: %+v", r)
	}
	r = Read([]byte{4, 1, 2}, Context{Opcode: Binary, Path: "/socket.io/?EIO=3"})
	if r == nil || r.Summary != "binary attachment, 2 bytes" {
		t.Errorf("EIO 3 attachment: %+v", r)
	}
}

func TestGraphQL(t *testing.T) {
	r := Read([]byte(`{"id":"2103","type":"subscribe","payload":{"query":"subscription {\n  hello\n}"}}`), Context{Opcode: Text, Subprotocol: "graphql-transport-ws"})
	if r == nil || r.Summary != "subscribe 2103 subscription { hello }" || r.By != "subscribe"[:0]+"subprotocol" {
		t.Errorf("subscribe: %+v", r)
	}
	r = Read([]byte(`{"type":"data","id":"1","payload":{"data":{"hello":"world"}}}`), Context{Opcode: Text, Subprotocol: "graphql-ws"})
	if r == nil || r.Error != nil || r.Summary != `data 1 {"data":{"hello":"world"}}` {
		t.Errorf("data: %+v", r)
	}
	r = Read([]byte(`{"type":"next"}`), Context{Opcode: Text, Subprotocol: "graphql-ws"})
	if r == nil || r.Error == nil {
		t.Errorf("next is not graphql-ws: %+v", r)
	}
}

func TestSignalR(t *testing.T) {
	r := Read([]byte("{\"protocol\":\"json\",\"version\":1}\x1e"), Context{Opcode: Text})
	if r == nil || r.Protocol != "signalr" || r.Summary != "handshake json version 1" || r.By != "content" {
		t.Errorf("handshake: %+v", r)
	}
	r = Read([]byte("{\"type\":1,\"target\":\"Send\",\"arguments\":[\"hi\"]}\x1e{\"type\":6}\x1e"), Context{Opcode: Text})
	if r == nil || r.Summary != `Invocation Send ["hi"]; Ping` || len(r.Fields) != 2 || r.Fields[1].Start != 46 {
		t.Errorf("invocation: %+v", r)
	}
	// MessagePack: length 0x0d, [1, {}, "7", "Send", ["hi"]] and [6].
	b := unhex(t, "0e 95 01 80 a1 37 a4 53656e64 91 a2 6869 02 91 06")
	r = Read(b, Context{Opcode: Binary, Override: "signalr"})
	if r == nil || r.Error != nil || r.Summary != `Invocation Send id 7 ["hi"]; Ping` || string(r.Value) != `[[1,{},"7","Send",["hi"]],[6]]` {
		t.Errorf("msgpack: %+v %v", r, r.Error)
	}
}

func TestContent(t *testing.T) {
	for _, tc := range []struct {
		hex      string
		opcode   int
		protocol string
	}{
		{"82 01 02", Binary, "cbor"},       // CBOR [1, 2]; MessagePack wants 4 items
		{"81 a1 61 01", Binary, "msgpack"}, // MessagePack {"a": 1}; CBOR [-2] is followed by more
		{"80", Binary, ""},                 // both: an empty array and an empty map
		{"7b 7d", Text, "json"},            // {}
		{"31 32", Text, ""},                // 12: a number is too weak a sign
		{"0a", Text, "stomp"},              // a heart-beat reads as STOMP only when asked... see below
		{"48 65 6c 6c 6f", Text, ""},       // Hello
		{"00 01 02", Binary, ""},           // nothing
	} {
		r := Read(unhex(t, tc.hex), Context{Opcode: tc.opcode})
		got := ""
		if r != nil {
			got = r.Protocol
		}
		if tc.hex == "0a" {
			continue
		}
		if got != tc.protocol {
			t.Errorf("%s: read as %q, want %q", tc.hex, got, tc.protocol)
		}
	}
	if r := Read([]byte("{}"), Context{Opcode: Text, Override: "none"}); r != nil {
		t.Errorf("none reads: %+v", r)
	}
}

func TestClip(t *testing.T) {
	s := clip(strings.Repeat("é", 100) + "\x1b[31m")
	if len(s) > MaxSummary+len("…") || strings.ContainsRune(s, 0x1b) {
		t.Errorf("clip: %q", s)
	}
	if got := clip("a\x1b[31m\nb"); got != `a\x1b[31m\nb` {
		t.Errorf("clip: %q", got)
	}
}

// TestMQTTStreamCap keeps at most MaxPackets packets and says so.
func TestMQTTStreamCap(t *testing.T) {
	s := NewMQTTStream()
	for i := 0; i < MaxPackets+10; i++ {
		s.Message(i, false, unhex(t, "c0 00"))
	}
	a := s.App()
	if len(a.Packets) != MaxPackets || a.Total != MaxPackets+10 || !a.Cut {
		t.Fatalf("%d packets listed of %d, cut %v", len(a.Packets), a.Total, a.Cut)
	}
	if r := a.Reading(MaxPackets+5, false, 2); r != nil {
		t.Errorf("a message past the cap read from the app: %+v", r)
	}
}

// TestTableRowsHaveReaders: every protocol the table names has a reader,
// a name the override accepts, and a reading of its own name (the reader
// is the row's); a name no row has is no protocol.
func TestTableRowsHaveReaders(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range protocols {
		if seen[p.Name] {
			t.Errorf("%s: two rows", p.Name)
		}
		seen[p.Name] = true
		r, ok := readers(p.Name)
		if !ok || r.read == nil {
			t.Errorf("%s: no reader", p.Name)
			continue
		}
		if !Valid(p.Name) {
			t.Errorf("%s: not a valid override", p.Name)
		}
		if rd := r.read(p.Name, []byte("x"), Context{Opcode: Text}); rd == nil {
			t.Errorf("%s: its reader gives no reading, not even an error", p.Name)
		}
	}
	if _, ok := readers("nntp"); ok || Valid("nntp") || NewStream("json") != nil || NewStream("mqtt") == nil {
		t.Error("a name outside the table, or the stream joiners, are wrong")
	}
	for _, c := range []struct{ sub, path, want string }{
		{"mqttv3.1", "", "mqtt"}, {"v12.stomp", "", "stomp"}, {"MessagePack", "", "msgpack"},
		{"", "/socket.io/?EIO=4&transport=websocket", "socket.io"}, {"", "/ws?EIO=3", "socket.io"},
		{"", "/mqtt", "mqtt"}, {"", "/app/stomp/websocket", "stomp"}, {"chat", "/chat", ""},
	} {
		if got, _ := Choose(Context{Subprotocol: c.sub, Path: c.path}); got != c.want {
			t.Errorf("subprotocol %q, path %q: %q, want %q", c.sub, c.path, got, c.want)
		}
	}
}
