package reading

import "strings"

// The readings table: every application protocol wsframe reads is one row
// here, and nothing else in wsframe names one (Wireshark's ws.protocol
// dissector table, by subprotocol and path). The content heuristic, for
// messages no row names, is byContent.
//
// A row is in two parts, because only the packages and the functions a
// program reaches cost it bytes: what names a protocol (Protocol, in
// protocols) is cheap and every program has it (the page's first wasm asks
// Claims before it answers), and how it is read (a reader, in readers) is
// reached only through Read, so that a program without a decoder.Reader
// links none of the readers. Adding a protocol is one row in each, here.

// Protocol is what names an application protocol. Its patterns are
// plain data (a * at either end matches anything there), so that the
// table costs a program no code to set up.
type Protocol struct {
	// Name is what Context.Override accepts and Reading.Protocol says.
	Name string
	// Subprotocols match a negotiated Sec-WebSocket-Protocol, trimmed and
	// in ASCII lower case.
	Subprotocols []string
	// Paths match the opening handshake's request-target before its '?',
	// and Queries what follows it.
	Paths, Queries []string
}

// protocols is the table's first part, in the order of the page's menu
// and of the command's -protocol help; a subprotocol or path is matched
// against the rows in this order.
var protocols = []Protocol{
	{Name: "socket.io", Paths: []string{"*/socket.io/*"}, Queries: []string{"*EIO=*"}},
	{Name: "engine.io"},
	{Name: "mqtt", Subprotocols: []string{"mqtt", "mqttv*"}, Paths: []string{"*/mqtt"}},
	{Name: "graphql-transport-ws", Subprotocols: []string{"graphql-transport-ws"}},
	{Name: "graphql-ws", Subprotocols: []string{"graphql-ws"}},
	{Name: "stomp", Subprotocols: []string{"stomp", "*.stomp"}, Paths: []string{"*/stomp", "*/stomp/websocket"}},
	{Name: "signalr", Subprotocols: []string{"*signalr*"}},
	{Name: "msgpack", Subprotocols: []string{"msgpack", "messagepack"}},
	{Name: "cbor", Subprotocols: []string{"cbor"}},
	{Name: "json", Subprotocols: []string{"json"}},
	{Name: "gzip"},
	{Name: "zlib"},
}

// matches reports whether s matches one of patterns: a pattern is s
// itself, or with a * at its start, its end or both, a suffix, a prefix
// or a part of s.
func matches(patterns []string, s string) bool {
	for _, p := range patterns {
		head, tail := p[0] == '*', len(p) > 1 && p[len(p)-1] == '*'
		core := p[b2i(head) : len(p)-b2i(tail)]
		if head && tail && strings.Contains(s, core) || head && !tail && strings.HasSuffix(s, core) ||
			tail && !head && strings.HasPrefix(s, core) || s == p {
			return true
		}
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Protocols lists the names Context.Override accepts, besides "auto" and
// "none", in the table's order.
var Protocols = names()

func names() []string {
	out := make([]string, len(protocols))
	for i := range protocols {
		out[i] = protocols[i].Name
	}
	return out
}

// bySubprotocol names the protocol a negotiated subprotocol names, or "".
func bySubprotocol(s string) string {
	if s = asciiLower(s); s == "" {
		return ""
	}
	for i := range protocols {
		if matches(protocols[i].Subprotocols, s) {
			return protocols[i].Name
		}
	}
	return ""
}

// byPath names the protocol a request-target names, or "".
func byPath(target string) string {
	path, query, _ := strings.Cut(target, "?")
	for i := range protocols {
		if p := &protocols[i]; matches(p.Paths, path) || matches(p.Queries, query) {
			return p.Name
		}
	}
	return ""
}

// reader is how the messages of a protocol are read: the table's second
// part, by name, reached only through Read and NewStream.
type reader struct {
	name string
	// read reads one message; name is the row's, for readers that serve
	// several rows.
	read func(name string, b []byte, c Context) *Reading
	// stream, when set, starts a Stream for a connection: the protocol runs
	// as a byte stream across messages (MQTT), and the decoder hands it
	// every message of the connection as the message is made.
	stream func() Stream
	// fields, for the filters of issue 25, will list the fields a filter
	// may name in this protocol's readings; nil until filters exist.
	fields func() []string
}

// readers returns the reader of protocol name, and false when no row has
// one. It is a function, not a table in a variable, so that only the
// programs that read messages reach the readers.
func readers(name string) (reader, bool) {
	for _, r := range []reader{
		{name: "socket.io", read: func(_ string, b []byte, c Context) *Reading { return readSocketIO(b, c) }},
		{name: "engine.io", read: func(_ string, b []byte, c Context) *Reading { return readSocketIO(b, c) }},
		{name: "mqtt", read: func(_ string, b []byte, c Context) *Reading { return readMQTTMessage(b, c) },
			stream: func() Stream { return NewMQTTStream() }},
		{name: "graphql-transport-ws", read: readGraphQL},
		{name: "graphql-ws", read: readGraphQL},
		{name: "stomp", read: func(_ string, b []byte, _ Context) *Reading { return readSTOMP(b) }},
		{name: "signalr", read: func(_ string, b []byte, c Context) *Reading { return readSignalR(b, c) }},
		{name: "msgpack", read: func(_ string, b []byte, _ Context) *Reading { return readMsgpack(b) }},
		{name: "cbor", read: func(_ string, b []byte, _ Context) *Reading { return readCBOR(b) }},
		{name: "json", read: func(_ string, b []byte, _ Context) *Reading { return readJSON(b) }},
		{name: "gzip", read: readCompressed},
		{name: "zlib", read: readCompressed},
	} {
		if r.name == name {
			return r, true
		}
	}
	return reader{}, false
}

// Stream joins the messages of one connection whose protocol runs as a
// byte stream across messages (MQTT), as they are made.
type Stream interface {
	// Message takes the next message of the connection, index i.
	Message(i int, fromServer bool, data []byte)
	// App is what the connection said as a whole.
	App() *App
}

// NewStream starts a Stream for a connection read as protocol name, or
// returns nil when its messages are read one by one.
func NewStream(name string) Stream {
	if r, ok := readers(name); ok && r.stream != nil {
		return r.stream()
	}
	return nil
}
