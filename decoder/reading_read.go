package decoder

import "github.com/wsframe/wsframe/reading"

// Readings is the Reader there is: package reading's readers. A program
// passes Readings{} in Options.Reader to have messages read; one that
// never does (the page's first wasm) links none of the readers, and asks
// Result.MayRead before it answers.
type Readings struct{}

// ReadMessage reads what message m of r says in its application protocol,
// with the Reader r was decoded with (nil when it had none).
func ReadMessage(r *Result, m *Message) *reading.Reading {
	if r.read.reader == nil {
		return nil
	}
	return r.read.reader.message(r, m, false)
}

// message reads what message m of r says in its application protocol:
// a pure function of its bytes, its opcode, its connection's handshake and
// the options r was decoded with (Options.Protocol), called when the
// message is put in an answer (WithReadings); nothing is kept. A message
// whose data was cut to a preview, or that is incomplete, is not read. On
// a connection read as a stream (MQTT), the reading comes from the
// connection's App.
func (Readings) message(r *Result, m *Message, whole bool) *reading.Reading {
	opts := &Options{Protocol: r.read.protocol, InflateLimit: r.read.inflateLimit}
	if m.DataTruncated || !m.Complete || m.Problem != "" || m.Opcode != OpText && m.Opcode != OpBinary {
		return nil
	}
	c := readingContext(r, m, opts)
	if !whole {
		if r.read.budget == nil {
			r.read.budget = reading.NewBudget(reading.DefaultBudget)
		}
		c.Budget = r.read.budget
	}
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

// appReader joins, as they are decided, the messages of the connections
// whose protocol runs as a byte stream across messages (reading.NewStream): each
// message's bytes go to its connection's stream when the message is made
// (Session.readApp), so nothing of them is kept for it, and each App keeps
// at most reading.MaxPackets packets. A connection whose protocol neither
// override, subprotocol nor path names gets an App naming the protocol its
// first client message shows, if any (a SignalR handshake).
type appReader struct {
	conns []appConn // by connection id
}

type appConn struct {
	seen   bool // the protocol was chosen (at the connection's first message)
	first  bool // the first client message still decides
	stream reading.Stream
}

// app takes message m of session s as it is made, before its bytes may be
// cut to a preview (Options.KeepBytes).
func (Readings) app(s *Session, m *Message) {
	if m.Connection == nil || m.Opcode != OpBinary && m.Opcode != OpText || m.DataTruncated {
		return
	}
	id := *m.Connection
	if id >= len(s.app.conns) {
		s.app.conns = append(s.app.conns, make([]appConn, id+1-len(s.app.conns))...)
	}
	a := &s.app.conns[id]
	if !a.seen {
		a.seen = true
		p, _ := reading.Choose(readingContext(&s.res, m, &s.opts))
		a.stream = reading.NewStream(p) // nil unless its messages join into one stream
		a.first = p == ""
	}
	if a.first && m.From == Client {
		a.first = false
		if p := reading.FirstMessage(m.Data); p != "" {
			s.res.Connections[id].App = &reading.App{Protocol: p, By: "content"}
		}
	}
	if a.stream != nil {
		a.stream.Message(m.Index, m.From == Server, m.Data)
	}
}

// wants reports whether app reads the next data message of connection
// conn sent by from: the connection's first (which chooses its
// protocol), its first client message while that still decides, and
// every message of a connection read as a stream.
func (Readings) wants(s *Session, conn *int, from Side) bool {
	if conn == nil {
		return false
	}
	if *conn >= len(s.app.conns) {
		return true
	}
	a := &s.app.conns[*conn]
	return !a.seen || a.first && from == Client || a.stream != nil
}

// finish puts each stream's packets in its connection's App.
func (Readings) finish(s *Session) {
	for i, a := range s.app.conns {
		if a.stream != nil && i < len(s.res.Connections) {
			s.res.Connections[i].App = a.stream.App()
		}
	}
}
