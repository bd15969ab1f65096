//go:build full || !(js && wasm)

package decoder

import "github.com/wsframe/wsframe/reading"

// The readers: linked into the native command, the native tests and the
// page's full program (wsframe-full.wasm, -tags full). The page's first
// program has reading_first.go instead.

// Reads is true in builds that read application protocols.
const Reads = true

// ReadMessage reads what message m of r says in its application protocol:
// a pure function of its bytes, its opcode, its connection's handshake and
// the options r was decoded with (Options.Protocol), called when the
// message is put in an answer (WithReadings); nothing is kept. A message
// whose data was cut to a preview, or that is incomplete, is not read. On
// a connection read as a stream (MQTT), the reading comes from the
// connection's App.
func ReadMessage(r *Result, m *Message) *reading.Reading { return readMessage(r, m) }

func readMessage(r *Result, m *Message) *reading.Reading {
	opts := &Options{Protocol: r.read.protocol, InflateLimit: r.read.inflateLimit}
	if m.DataTruncated || !m.Complete || m.Problem != "" || m.Opcode != OpText && m.Opcode != OpBinary {
		return nil
	}
	c := readingContext(r, m, opts)
	if m.Connection != nil && *m.Connection < len(r.Connections) {
		if app := r.Connections[*m.Connection].App; app != nil && app.Packets != nil {
			if rd := app.Reading(m.Index, m.From == Server, len(m.Data)); rd != nil {
				return rd
			}
		} else if app != nil && (c.Override == "" || c.Override == "auto") {
			c.Override = app.Protocol
			rd := reading.Read(m.Data, c)
			if rd != nil {
				rd.By = app.By
			}
			return rd
		}
	}
	return reading.Read(m.Data, c)
}

// readConnections reads the connections whose protocol runs as a byte
// stream across messages (MQTT) into their App, in one pass over the
// messages; each App keeps at most reading.MaxPackets packets. A
// connection whose protocol neither override, subprotocol nor path names
// gets an App naming the protocol its first client message shows, if any
// (a SignalR handshake).
func readConnections(r *Result, opts *Options) {
	streams := make([]*reading.MQTTStream, len(r.Connections))
	undecided := make([]bool, len(r.Connections))
	for i := range r.Connections {
		c := readingContext(r, &Message{Connection: &r.Connections[i].ID}, opts)
		switch p, _ := reading.Choose(c); p {
		case "mqtt":
			streams[i] = reading.NewMQTTStream()
		case "":
			undecided[i] = true
		}
	}
	for i := range r.Messages {
		m := &r.Messages[i]
		if m.Connection == nil || m.Opcode != OpBinary && m.Opcode != OpText || m.DataTruncated {
			continue
		}
		id := *m.Connection
		if undecided[id] && m.From == Client {
			undecided[id] = false
			if p := reading.FirstMessage(m.Data); p != "" {
				r.Connections[id].App = &reading.App{Protocol: p, By: "content"}
			}
		}
		if streams[id] != nil {
			streams[id].Message(m.Index, m.From == Server, m.Data)
		}
	}
	for i, s := range streams {
		if s != nil {
			r.Connections[i].App = s.App()
		}
	}
}
