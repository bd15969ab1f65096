package decoder

// A ConnectionSink is a Sink that is also told of each connection, once,
// just before its first message or frame (what a live view prints as the
// connection opens: its handshake, whether it began mid-stream). A
// connection that carries neither is told of by no call; the Result lists
// it. The Connection is only valid during the call.
type ConnectionSink interface {
	Sink
	Connection(c *Connection)
}

// announce tells a ConnectionSink of st's connection before its first
// message or frame (called once either is counted).
func (s *Session) announce(st *Stream) {
	cs, ok := s.sink.(ConnectionSink)
	if !ok || st.conn == nil {
		return
	}
	c := &s.res.Connections[*st.conn]
	if c.Frames+c.Messages == 1 {
		cs.Connection(c)
	}
}

// SetReadOptions sets what messages of r are read with (ReadMessage): the
// protocol override and the inflate limit, as Options.Protocol and
// Options.InflateLimit. A Result a decode returns has them already; a
// Result put together from what a Sink was given needs them set.
func (r *Result) SetReadOptions(protocol string, inflateLimit int) {
	r.read = readOptions{protocol, inflateLimit}
}

// AnnotateSocketIO sets m.SocketIO (the deprecated field) as a decode
// does, when m is text on a connection whose handshake asks for
// Socket.IO: for a message a Sink was given, or one read from an Index.
func (r *Result) AnnotateSocketIO(m *Message) {
	if m.Text == nil || m.Opcode != OpText {
		return
	}
	if c := m.Connection; c != nil && *c < len(r.Connections) && isSocketIO(r.Connections[*c].Handshake) || c == nil && isSocketIO(r.Handshake) {
		m.SocketIO = ParseSocketIO(*m.Text)
	}
}
