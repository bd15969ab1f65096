package reading_test

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
	"github.com/wsframe/wsframe/reading"
)

// The captures testdata/captures/r-*.pcap were recorded on loopback from
// real peers (testdata/peers/app/remake.sh); NAME.log.json is what each
// peer logged it sent. These tests decode each capture and check every
// logged value against the readings, compared as data.

type entry map[string]any

func load(t *testing.T, name string) (*decoder.Result, []entry) {
	t.Helper()
	pcap, err := os.ReadFile("../testdata/captures/" + name + ".pcap")
	if err != nil {
		t.Fatal(err)
	}
	r := inspect.Decode(pcap, decoder.Options{Reader: decoder.Readings{}})
	r.Messages = r.WithReadings(r.Messages, false)
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %v", name, r.Errors)
	}
	b, err := os.ReadFile("../testdata/captures/" + name + ".log.json")
	if err != nil {
		t.Fatal(err)
	}
	var log []entry
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	return r, log
}

// value decodes a reading's JSON value.
func value(t *testing.T, r *reading.Reading) any {
	t.Helper()
	if r == nil || len(r.Value) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(r.Value, &v); err != nil {
		t.Fatalf("value %s: %v", r.Value, err)
	}
	return v
}

// find returns the first unused message from side whose reading ok accepts.
func find(t *testing.T, r *decoder.Result, used map[int]bool, from string, ok func(m *decoder.Message, v any) bool) *decoder.Message {
	t.Helper()
	for i := range r.Messages {
		m := &r.Messages[i]
		if used[i] || string(m.From) != from || m.Reading == nil {
			continue
		}
		if m.Reading.Error != nil {
			t.Errorf("message %d: %s reading has an error: %v", i, m.Reading.Protocol, m.Reading.Error)
		}
		if ok(m, value(t, m.Reading)) {
			used[i] = true
			return m
		}
	}
	return nil
}

func same(a, b any) bool { return reflect.DeepEqual(a, b) }

func TestPeersSocketIO09(t *testing.T) {
	r, log := load(t, "r-sio09-lo4")
	used := map[int]bool{}
	seen := map[string]bool{}
	for _, e := range log {
		// The client's second socket (for /chat) upgraded a keep-alive
		// connection after an HTTP request, which the capture reader does not
		// follow: what the server sent on it (the /chat events and a second
		// "news") is not in the result.
		key, _ := json.Marshal(e)
		if e["endpoint"] != nil || seen[string(key)] {
			continue
		}
		seen[string(key)] = true
		var want any
		switch e["kind"] {
		case "event":
			want = map[string]any{"name": e["name"], "args": e["args"]}
		case "ack":
			want = e["args"]
		case "json":
			want = e["data"]
		case "message":
			m := find(t, r, used, e["from"].(string), func(m *decoder.Message, v any) bool {
				return m.Reading.Summary == "message "+e["data"].(string)
			})
			if m == nil {
				t.Errorf("no message reads as %v", e)
			}
			continue
		}
		if m := find(t, r, used, e["from"].(string), func(m *decoder.Message, v any) bool { return m.Reading.Protocol == "socket.io" && same(v, want) }); m == nil {
			t.Errorf("no %s message reads as %v", e["from"], e)
		}
	}
	if n := len(used); n != 5 {
		t.Errorf("%d messages matched, want 5", n)
	}
}

func TestPeersSocketIO2(t *testing.T) {
	r, log := load(t, "r-sio2-lo4")
	used := map[int]bool{}
	for _, e := range log {
		from := e["from"].(string)
		nsp, _ := e["nsp"].(string)
		var want any
		switch e["kind"] {
		case "event", "binary_event":
			want = append([]any{e["name"]}, e["args"].([]any)...)
		case "ack":
			want = e["args"]
		}
		m := find(t, r, used, from, func(m *decoder.Message, v any) bool {
			got, ok := v.([]any)
			if e["kind"] == "binary_event" && ok && len(got) > 0 {
				got = got[:len(got)-1] // the attachment's placeholder
			}
			hasNsp := nsp == "/" || strings.Contains(m.Reading.Summary, nsp)
			return ok && hasNsp && same(got, want)
		})
		if m == nil {
			t.Errorf("no %s message reads as %v", from, e)
			continue
		}
		if e["kind"] == "binary_event" {
			if !strings.HasPrefix(m.Reading.Summary, "BINARY_EVENT 1 attachment") {
				t.Errorf("binary event: %q", m.Reading.Summary)
			}
			next := &r.Messages[m.Index+1]
			if next.Reading == nil || next.Reading.Summary != "binary attachment, 7 bytes" || hex.EncodeToString(next.Data[1:]) != e["attachment_hex"] {
				t.Errorf("attachment: %+v %x", next.Reading, next.Data)
			}
		}
	}
}

// mqttLog is what mqtt.js logged of one packet.
func checkMQTT(t *testing.T, name string, version int) {
	r, log := load(t, name)
	app := r.Connections[0].App
	if app == nil || app.Total != len(app.Packets) || app.Version != version {
		t.Fatalf("app %+v", app)
	}
	split := 0
	for _, p := range app.Packets {
		if p.Error != nil {
			t.Errorf("%s: %v", p.Summary, p.Error)
		}
		if len(p.Messages) > 1 {
			split++
		}
	}
	if split < 5 {
		t.Errorf("only %d packets split across messages; mqtt.js 4 writes each part as a message", split)
	}
	// Each side's packets in order: the client's "send" and the server's (as
	// the client logged them on "receive").
	for _, side := range []struct{ from, kind string }{{"client", "send"}, {"server", "receive"}} {
		var got []reading.Packet
		for _, p := range app.Packets {
			if p.From == side.from {
				got = append(got, p)
			}
		}
		var want []entry
		for _, e := range log {
			if e["kind"] == side.kind {
				want = append(want, e)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d packets, the log has %d", side.from, len(got), len(want))
		}
		for i := 0; i < len(got) && i < len(want); i++ {
			p, e := got[i], want[i]
			if p.Type != strings.ToUpper(e["cmd"].(string)) {
				t.Errorf("%s packet %d: %s, logged %s", side.from, i, p.Type, e["cmd"])
				continue
			}
			if id, ok := e["messageId"].(float64); ok && (p.Type != "PUBLISH" || e["qos"] != 0.0) && (p.PacketID == nil || *p.PacketID != int(id)) {
				t.Errorf("%s packet %d %s: id %v, logged %v", side.from, i, p.Type, p.PacketID, id)
			}
			if topic, ok := e["topic"].(string); ok && p.Topic != topic {
				t.Errorf("%s packet %d: topic %q, logged %q", side.from, i, p.Topic, topic)
			}
			if q, ok := e["qos"].(float64); ok && p.Type == "PUBLISH" && (p.QoS == nil || *p.QoS != int(q)) {
				t.Errorf("%s packet %d: QoS %v, logged %v", side.from, i, p.QoS, q)
			}
			if pl, ok := e["payload"].(string); ok && !strings.HasSuffix(p.Summary, ": "+pl) {
				t.Errorf("%s packet %d: %q, logged payload %q", side.from, i, p.Summary, pl)
			}
			if subs, ok := e["subscriptions"].([]any); ok {
				for _, s := range subs {
					topic := s.(map[string]any)["topic"].(string)
					if !strings.Contains(p.Summary, topic) {
						t.Errorf("%s packet %d: %q lacks %q", side.from, i, p.Summary, topic)
					}
				}
			}
		}
	}
	// Every message's reading places its packets within its bytes.
	for i := range r.Messages {
		m := &r.Messages[i]
		if m.Opcode != decoder.OpBinary {
			continue
		}
		if m.Reading == nil || m.Reading.By != "stream" || len(m.Reading.Fields) == 0 {
			t.Errorf("message %d: %+v", i, m.Reading)
		}
	}
}

func TestPeersMQTT311Aedes(t *testing.T) { checkMQTT(t, "r-mqtt-aedes-lo4", 4) }

func TestPeersMQTT5Mosquitto(t *testing.T) {
	checkMQTT(t, "r-mqtt5-mosquitto-lo4", 5)
	r, _ := load(t, "r-mqtt5-mosquitto-lo4")
	var props []string
	var walk func(fs []reading.Field)
	walk = func(fs []reading.Field) {
		for _, f := range fs {
			if f.Name == "Content Type" || f.Name == "User Property" || f.Name == "Message Expiry Interval" || f.Name == "Session Expiry Interval" {
				props = append(props, f.Name+"="+f.Value)
			}
			walk(f.Fields)
		}
	}
	for _, p := range r.Connections[0].App.Packets {
		if p.From == "client" {
			walk(p.Fields)
		}
	}
	want := []string{`Session Expiry Interval=300`, `User Property="tool": "wsframe"`, `Content Type="application/json"`, `Message Expiry Interval=60`}
	for _, w := range want {
		if !strings.Contains(strings.Join(props, "\n"), w) {
			t.Errorf("no property %s in %q", w, props)
		}
	}
}

// checkGraphQL finds every operation the client started and every result it
// received in the readings of capture name, read as protocol.
func checkGraphQL(t *testing.T, name, protocol, start, next string) {
	r, log := load(t, name)
	used := map[int]bool{}
	for _, e := range log {
		switch e["kind"] {
		case "subscribe", "start":
			m := find(t, r, used, "client", func(m *decoder.Message, v any) bool {
				o, _ := v.(map[string]any)
				p, _ := o["payload"].(map[string]any)
				return o["type"] == start && p["query"] == e["query"] && strings.Contains(m.Reading.Summary, e["query"].(string))
			})
			if m == nil {
				t.Errorf("no %s for %v", start, e)
			}
		case "received":
			m := find(t, r, used, "server", func(m *decoder.Message, v any) bool {
				o, _ := v.(map[string]any)
				p, _ := o["payload"].(map[string]any)
				return o["type"] == next && same(p["data"], e["data"])
			})
			if m == nil {
				t.Errorf("no %s for %v", next, e)
			}
		}
	}
	for i := range r.Messages {
		if m := &r.Messages[i]; m.Reading != nil && (m.Reading.Protocol != protocol || m.Reading.By != "subprotocol" || m.Reading.Error != nil) {
			t.Errorf("message %d read as %+v", i, m.Reading)
		}
	}
}

func TestPeersGraphQLTransportWS(t *testing.T) {
	checkGraphQL(t, "r-graphql-ws-lo4", "graphql-transport-ws", "subscribe", "next")
}

func TestPeersGraphQLWSLegacy(t *testing.T) {
	checkGraphQL(t, "r-graphql-legacy-lo4", "graphql-ws", "start", "data")
}

func TestPeersSTOMP(t *testing.T) {
	r, log := load(t, "r-stomp-lo4")
	used := map[int]bool{}
	fieldsOf := func(m *decoder.Message) map[string]string {
		out := map[string]string{}
		for _, f := range m.Reading.Fields[0].Fields {
			out[f.Name] = f.Value
		}
		return out
	}
	for _, e := range log {
		switch e["kind"] {
		case "frame": // the server's
			m := find(t, r, used, "server", func(m *decoder.Message, _ any) bool {
				fs := fieldsOf(m)
				if fs["command"] != e["command"] {
					return false
				}
				for k, v := range e["headers"].(map[string]any) {
					if fs[k] != v {
						return false
					}
				}
				body := e["body"].(string)
				return body == "" && fs["body"] == "" || fs["body"] == strings.TrimSpace(quoteGo(body))
			})
			if m == nil {
				t.Errorf("no server frame reads as %v", e)
			}
		case "send":
			m := find(t, r, used, "client", func(m *decoder.Message, _ any) bool {
				fs := fieldsOf(m)
				return fs["command"] == "SEND" && fs["destination"] == e["destination"] && fs["body"] == quoteGo(e["body"].(string))
			})
			if m == nil {
				t.Errorf("no SEND reads as %v", e)
			}
		}
	}
}

func quoteGo(s string) string { b, _ := json.Marshal(s); return string(b) }

func checkSignalR(t *testing.T, name string) {
	r, log := load(t, name)
	used := map[int]bool{}
	for _, e := range log {
		if e["from"] == "server" {
			if m := find(t, r, used, "server", func(m *decoder.Message, v any) bool { return same(v, e["value"]) }); m == nil {
				t.Errorf("no server message reads as %v", e["value"])
			}
			continue
		}
		switch e["kind"] {
		case "invoke", "send", "stream":
			m := find(t, r, used, "client", func(m *decoder.Message, v any) bool {
				target, args := "", any(nil)
				switch v := v.(type) {
				case map[string]any:
					target, _ = v["target"].(string)
					args = v["arguments"]
				case []any:
					if len(v) >= 5 {
						target, _ = v[3].(string)
						args = v[4]
					}
				}
				return target == e["target"] && same(args, e["arguments"])
			})
			if m == nil {
				t.Errorf("no client message invokes %v", e)
			}
		}
	}
	for i := range r.Messages {
		m := &r.Messages[i]
		if (m.Opcode == decoder.OpText || m.Opcode == decoder.OpBinary) && (m.Reading == nil || m.Reading.Protocol != "signalr") {
			t.Errorf("message %d: %+v", i, m.Reading)
		}
	}
}

func TestPeersSignalRJSON(t *testing.T)        { checkSignalR(t, "r-signalr-json-lo4") }
func TestPeersSignalRMessagePack(t *testing.T) { checkSignalR(t, "r-signalr-msgpack-lo4") }

// TestPeersSerializations reads what msgpackr, cbor-x and Node's zlib wrote,
// chosen by content alone.
func TestPeersSerializations(t *testing.T) {
	r, log := load(t, "r-binary-lo4")
	for _, e := range log {
		if e["kind"] != "sent" {
			continue
		}
		var m *decoder.Message
		for i := range r.Messages {
			if r.Messages[i].From == decoder.Server && hex.EncodeToString(r.Messages[i].Data) == e["hex"] {
				m = &r.Messages[i]
				break
			}
		}
		if m == nil {
			t.Errorf("no message carries %v", e)
			continue
		}
		if m.Reading == nil || m.Reading.Protocol != e["format"] || m.Reading.By != "content" {
			t.Errorf("%s: read as %+v", e["format"], m.Reading)
			continue
		}
		if v := value(t, m.Reading); !same(v, e["value"]) {
			t.Errorf("%s: value %s, sent %v", e["format"], m.Reading.Value, e["value"])
		}
	}
}

// TestPastedOverride reads pasted frames as the protocol the override
// names, and as nothing with "none"; the decoder itself keeps no reading.
func TestPastedOverride(t *testing.T) {
	text := `5:::{"name":"news","args":[{"hello":"world"}]}`
	paste := hex.EncodeToString(append([]byte{0x81, byte(len(text))}, text...))
	for _, tc := range []struct{ protocol, want string }{
		{"", ""}, {"auto", ""}, {"none", ""},
		{"socket.io", `event news [{"hello":"world"}]`},
		{"json", "json: byte 1: JSON: ':' after the end of the value"}, // 5 is a JSON number
	} {
		r := inspect.Decode([]byte(paste), decoder.Options{Protocol: tc.protocol, Reader: decoder.Readings{}})
		if len(r.Messages) != 1 || r.Messages[0].Reading != nil {
			t.Fatalf("%q: %+v", tc.protocol, r.Messages)
		}
		m := r.WithReadings(r.Messages, false)[0]
		got := ""
		if m.Reading != nil {
			got = m.Reading.Summary
		}
		if got != tc.want {
			t.Errorf("%q: read %q, want %q", tc.protocol, got, tc.want)
		}
	}
}
