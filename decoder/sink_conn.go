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
