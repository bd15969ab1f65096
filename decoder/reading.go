package decoder

import "github.com/wsframe/wsframe/reading"

// Reader reads messages as application protocols (Options.Reader).
// Readings is the one there is; its methods are unexported, so that only
// this package implements it. A nil Reader reads nothing.
type Reader interface {
	// message is the reading of message m of r (ReadMessage), within
	// r's inflation budget unless whole.
	message(r *Result, m *Message, whole bool) *reading.Reading
	// app takes message m of s as it is made (a protocol that runs as a
	// byte stream across messages, MQTT, joins them here).
	app(s *Session, m *Message)
	// wants reports whether app would read the next message of
	// connection conn (nil: pasted bytes) sent by from, so that it must
	// be made (lean.go). Once false for a connection and sender, it
	// stays false.
	wants(s *Session, conn *int, from Side) bool
	// finish puts what app gathered in the connections of s.
	finish(s *Session)
}

// readOptions are the options a result's readings depend on, kept with it
// so that a message can be read whenever it is put in a result.
type readOptions struct {
	protocol     string
	inflateLimit int
	reader       Reader
	// budget is what the readings of an answer inflate in all (the gzip
	// and zlib payloads of its rows), made at its first reading and
	// dropped by NewReadingBudget; a message read on its own is not
	// counted (WithWholeReading).
	budget *reading.Budget
}

// readingContext is what a message's reading depends on besides its bytes:
// the negotiated subprotocol and request path of its connection (or of a
// pasted handshake), and the override.
func readingContext(r *Result, m *Message, opts *Options) reading.Context {
	c := reading.Context{Opcode: int(m.Opcode), Override: opts.Protocol, InflateLimit: opts.inflateLimit(),
		FromServer: m.From == Server}
	h := r.Handshake
	if m.Connection != nil && *m.Connection < len(r.Connections) {
		h = r.Connections[*m.Connection].Handshake
	}
	if h != nil {
		c.Subprotocol = h.Subprotocol
		if h.Request != nil {
			c.Path = h.Request.Target
		}
	}
	return c
}

// WithReadings returns a copy of msgs, messages of r, each with its
// Reading; brief keeps only the protocol, summary and error (for list
// rows). It is called when messages are put in an answer, so that readings
// exist only for the rows asked for. The gzip and zlib payloads they
// inflate count against the answer's budget (reading.DefaultBudget, 64
// MiB in all, from the decode or NewReadingBudget on): past it a reading
// says it was not inflated in the list.
func (r *Result) WithReadings(msgs []Message, brief bool) []Message {
	out := make([]Message, len(msgs))
	copy(out, msgs)
	for i := range out {
		rd := ReadMessage(r, &out[i])
		if brief {
			rd = rd.Brief()
		}
		out[i].Reading = rd
	}
	return out
}

// NewReadingBudget starts a fresh inflation budget for the readings of r's
// next answer: a page asks for rows again and again, and each answer (the
// first rows, or the rows of one call) gets the same 64 MiB, so that the
// same rows asked again read the same. The command writes one answer of
// a decode and never calls it.
func (r *Result) NewReadingBudget() { r.read.budget = nil }

// WithWholeReading returns a copy of message m of r with its whole
// Reading, outside the decode's inflation budget: a message asked for on
// its own (a frame's detail), which is how a row past the budget is read.
func (r *Result) WithWholeReading(m *Message) *Message {
	out := *m
	if r.read.reader != nil {
		out.Reading = r.read.reader.message(r, &out, true)
	}
	return &out
}

// MayRead reports whether a message of r might get a reading, or one of
// its connections an App, by reading.Claims: the protocol the override,
// subprotocol or path name, or content a reader would try. It is true
// whenever WithReadings would give a reading, and is what a build without
// the readers (no Options.Reader) checks before it answers for r.
func (r *Result) MayRead() bool {
	opts := &Options{Protocol: r.read.protocol, InflateLimit: r.read.inflateLimit}
	for i := range r.Connections {
		c := readingContext(r, &Message{Connection: &r.Connections[i].ID}, opts)
		if p, _ := reading.Choose(c); p != "" && p != "none" {
			return true
		}
	}
	for i := range r.Messages {
		m := &r.Messages[i]
		if reading.Claims(m.Data, readingContext(r, m, opts)) {
			return true
		}
	}
	return false
}
