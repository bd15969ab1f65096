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

// SetReadOptions sets what messages of r are read with (WithReadings):
// the protocol override, the inflate limit and the Reader, as
// Options.Protocol, Options.InflateLimit and Options.Reader. A Result a
// decode returns has them already; a Result put together from what a Sink
// was given needs them set.
func (r *Result) SetReadOptions(protocol string, inflateLimit int, reader Reader) {
	r.read = readOptions{protocol, inflateLimit, reader, nil}
}

// A HandshakeSink is a Sink that takes each connection's handshake as the
// connection is added (id is its id); the Result keeps in its place what
// Handshake returns: nil, or what reading the connection's messages needs
// (readingContext: the subprotocol and the request's target), which
// several connections may share. A -json written from decodes of a file
// of many connections so holds none of their headers and checks (a few
// KB each). h is only valid during the call.
type HandshakeSink interface {
	Sink
	Handshake(id int, h *Handshake) (kept *Handshake)
}
