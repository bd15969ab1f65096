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

// Protocol is what names an application protocol.
type Protocol struct {
	// Name is what Context.Override accepts and Reading.Protocol says.
	Name string
	// Subprotocol reports whether a negotiated Sec-WebSocket-Protocol
	// (trimmed, ASCII lower case) names the protocol; nil when none does.
	Subprotocol func(s string) bool
	// Path reports whether the opening handshake's request-target, split
	// at its '?', names the protocol; nil when none does.
	Path func(path, query string) bool
}

// protocols is the table's first part, in the order of the page's menu
// and of the command's -protocol help; a subprotocol or path is matched
// against the rows in this order.
var protocols = []Protocol{
	{Name: "socket.io", Path: func(path, query string) bool {
		return strings.Contains(path, "/socket.io/") || strings.Contains(query, "EIO=")
	}},
	{Name: "engine.io"},
	{Name: "mqtt",
		Subprotocol: func(s string) bool { return s == "mqtt" || strings.HasPrefix(s, "mqttv") },
		Path:        func(path, _ string) bool { return strings.HasSuffix(path, "/mqtt") }},
	{Name: "graphql-transport-ws", Subprotocol: is("graphql-transport-ws")},
	{Name: "graphql-ws", Subprotocol: is("graphql-ws")},
	{Name: "stomp",
		Subprotocol: func(s string) bool { return s == "stomp" || strings.HasSuffix(s, ".stomp") },
		Path: func(path, _ string) bool {
			return strings.HasSuffix(path, "/stomp") || strings.HasSuffix(path, "/stomp/websocket")
		}},
	{Name: "signalr", Subprotocol: func(s string) bool { return strings.Contains(s, "signalr") }},
	{Name: "msgpack", Subprotocol: func(s string) bool { return s == "msgpack" || s == "messagepack" }},
	{Name: "cbor", Subprotocol: is("cbor")},
	{Name: "json", Subprotocol: is("json")},
	{Name: "gzip"},
	{Name: "zlib"},
}

// is matches one subprotocol name.
func is(name string) func(string) bool { return func(s string) bool { return s == name } }

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
		if p := &protocols[i]; p.Subprotocol != nil && p.Subprotocol(s) {
			return p.Name
		}
	}
	return ""
}

// byPath names the protocol a request-target names, or "".
func byPath(target string) string {
	path, query, _ := strings.Cut(target, "?")
	for i := range protocols {
		if p := &protocols[i]; p.Path != nil && p.Path(path, query) {
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
