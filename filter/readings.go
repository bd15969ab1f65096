package filter

import (
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/internal/jsontext"
	"github.com/wsframe/wsframe/reading"
)

// readingField is a field that a message's reading gives: its name, the
// protocols whose readings have it (package reading's names), and how to
// get its values from one reading. A new reader brings its fields by a
// row here, keyed by its protocol's name.
type readingField struct {
	name, doc, example string
	protocols          []string
	get                func(rd *reading.Reading, each func(string) bool) bool
}

// readingFields are the fields of readings, by protocol.
var readingFields = []readingField{
	{name: "reading.protocol", doc: "the application protocol the message was read as (socket.io, mqtt, stomp, graphql-transport-ws, json, ...)", example: `reading.protocol == "mqtt"`,
		get: func(rd *reading.Reading, each func(string) bool) bool { return each(rd.Protocol) }},
	{name: "reading.type", doc: "the kind of message in its protocol: the first word of its summary (EVENT, PUBLISH, subscribe, SEND, ...)", example: `reading.type == "PUBLISH"`,
		get: func(rd *reading.Reading, each func(string) bool) bool {
			t := firstWord(rd.Summary)
			return t != "" && each(t)
		}},
	{name: "reading.summary", doc: "the one-line summary the lists show", example: `reading.summary contains "chat"`,
		get: func(rd *reading.Reading, each func(string) bool) bool { return each(rd.Summary) }},
	{name: "reading.error", doc: "why the message does not read as its protocol, where it does not", example: "reading.error",
		get: func(rd *reading.Reading, each func(string) bool) bool {
			return rd.Error != nil && each(rd.Error.Message)
		}},
	{name: "socketio.event", doc: "a Socket.IO EVENT's (or BINARY_EVENT's) name: the first element of its data", example: `socketio.event == "chat message"`,
		protocols: []string{"socket.io"},
		get: func(rd *reading.Reading, each func(string) bool) bool {
			t := firstWord(rd.Summary)
			if t != "EVENT" && t != "BINARY_EVENT" {
				return false
			}
			v := jsonValue(rd)
			if v == nil || v.Kind != jsontext.KindArray || len(v.Items) == 0 {
				return false
			}
			name, ok := v.Items[0].Text()
			return ok && each(name)
		}},
	{name: "socketio.namespace", doc: "a Socket.IO packet's namespace (\"/\" when it names none)", example: `socketio.namespace == "/admin"`,
		protocols: []string{"socket.io"},
		get: func(rd *reading.Reading, each func(string) bool) bool {
			if ns, ok := fieldValue(rd.Fields, "namespace"); ok {
				return each(ns)
			}
			return each("/")
		}},
	{name: "mqtt.type", doc: "the type of each MQTT control packet the message carries bytes of (CONNECT, PUBLISH, SUBSCRIBE, ...)", example: `mqtt.type == "SUBSCRIBE"`,
		protocols: []string{"mqtt"},
		get: func(rd *reading.Reading, each func(string) bool) bool {
			for _, f := range rd.Fields {
				if each(f.Name) {
					return true
				}
			}
			return false
		}},
	{name: "mqtt.topic", doc: "the topic of each MQTT PUBLISH the message carries bytes of, and each topic filter of a SUBSCRIBE or UNSUBSCRIBE", example: `mqtt.topic matches "^sensors/"`,
		protocols: []string{"mqtt"},
		get: func(rd *reading.Reading, each func(string) bool) bool {
			for i := range rd.Fields {
				p := &rd.Fields[i]
				found := false
				if eachField(p.Fields, func(f *reading.Field) bool {
					if f.Name == "Topic Name" || f.Name == "Topic Filter" {
						found = true
						return each(unquote(f.Value))
					}
					return false
				}) {
					return true
				}
				if !found && p.Name == "PUBLISH" {
					// The packet's topic came in another message: its
					// summary names it ("PUBLISH sensors/temp QoS 0").
					if t, ok := publishTopic(p.Value); ok && each(t) {
						return true
					}
				}
			}
			return false
		}},
	{name: "graphql.type", doc: "a GraphQL over WebSocket message's type (subscribe, next, start, data, complete, ...)", example: `graphql.type == "error"`,
		protocols: []string{"graphql-transport-ws", "graphql-ws"},
		get: func(rd *reading.Reading, each func(string) bool) bool {
			t, ok := jsonValue(rd).Get("type").Text()
			return ok && each(t)
		}},
	{name: "graphql.id", doc: "a GraphQL over WebSocket message's operation id", example: `graphql.id == "1"`,
		protocols: []string{"graphql-transport-ws", "graphql-ws"},
		get: func(rd *reading.Reading, each func(string) bool) bool {
			t, ok := jsonValue(rd).Get("id").Text()
			return ok && each(t)
		}},
	{name: "graphql.operation", doc: "the operation a GraphQL subscribe or start asks for: its operationName, else the name in its query, else its kind (query, mutation, subscription)", example: `graphql.operation == "Count"`,
		protocols: []string{"graphql-transport-ws", "graphql-ws"},
		get: func(rd *reading.Reading, each func(string) bool) bool {
			pl := jsonValue(rd).Get("payload")
			if pl == nil {
				return false
			}
			if op, ok := pl.Get("operationName").Text(); ok && op != "" {
				return each(op)
			}
			q, ok := pl.Get("query").Text()
			if !ok {
				return false
			}
			op := operationName(q)
			return op != "" && each(op)
		}},
	{name: "stomp.command", doc: "a STOMP frame's command (CONNECT, SEND, SUBSCRIBE, MESSAGE, ERROR, ...)", example: `stomp.command == "ERROR"`,
		protocols: []string{"stomp"},
		get: func(rd *reading.Reading, each func(string) bool) bool {
			return eachField(rd.Fields, func(f *reading.Field) bool { return f.Name == "command" && each(f.Value) })
		}},
	{name: "stomp.destination", doc: "a STOMP frame's destination header", example: `stomp.destination == "/topic/greetings"`,
		protocols: []string{"stomp"},
		get: func(rd *reading.Reading, each func(string) bool) bool {
			return eachField(rd.Fields, func(f *reading.Field) bool { return f.Name == "destination" && each(f.Value) })
		}},
}

// readingTable turns readingFields into rows of the field table: each
// reads the frame's message in its protocol, and answers only for the
// protocols it names.
func readingTable() []Field {
	out := make([]Field, 0, len(readingFields))
	for _, rf := range readingFields {
		get := rf.get
		protocols := rf.protocols
		out = append(out, Field{Name: rf.name, Type: String, Cost: Reading, Doc: rf.doc, Example: rf.example, Protocols: protocols,
			get: getter{s: func(v View, each func(string) bool) bool {
				rd := v.Reading()
				if rd == nil || len(protocols) > 0 && !has(protocols, rd.Protocol) {
					return false
				}
				return get(rd, each)
			}}})
	}
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// firstWord is a summary's first word, past the "… " of a packet that
// began in an earlier message.
func firstWord(s string) string {
	s = strings.TrimPrefix(s, "… ")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	return s
}

// jsonValue is a reading's value, parsed (nil when it has none or it does
// not parse).
func jsonValue(rd *reading.Reading) *jsontext.Value {
	if len(rd.Value) == 0 {
		return nil
	}
	v, err := jsontext.Parse(rd.Value)
	if err != nil {
		return nil
	}
	return &v
}

// eachField calls fn with every field of the tree, depth first, until it
// returns true.
func eachField(fs []reading.Field, fn func(f *reading.Field) bool) bool {
	for i := range fs {
		if fn(&fs[i]) || eachField(fs[i].Fields, fn) {
			return true
		}
	}
	return false
}

// fieldValue is the value of the first field named name, unquoted.
func fieldValue(fs []reading.Field, name string) (string, bool) {
	var out string
	found := eachField(fs, func(f *reading.Field) bool {
		if f.Name == name {
			out = unquote(f.Value)
			return true
		}
		return false
	})
	return out, found
}

// unquote takes the quotes off a value a reader quoted.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	return s
}

// operationName is the name of a GraphQL document's first operation
// ("subscription Count { … }" gives Count), or its kind when it has no
// name, or "query" for the shorthand "{ … }".
func operationName(q string) string {
	q = strings.TrimLeft(q, " \t\r\n,")
	if strings.HasPrefix(q, "{") {
		return "query"
	}
	kind := name(q)
	switch kind {
	case "query", "mutation", "subscription":
	default:
		return ""
	}
	if n := name(strings.TrimLeft(q[len(kind):], " \t\r\n,")); n != "" {
		return n
	}
	return kind
}

// name is the GraphQL name s starts with, or "".
func name(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9' {
			continue
		}
		return s[:i]
	}
	return s
}

// publishTopic is the topic in an MQTT PUBLISH packet's summary.
func publishTopic(sum string) (string, bool) {
	rest, ok := strings.CutPrefix(sum, "PUBLISH ")
	if !ok {
		return "", false
	}
	i := strings.LastIndex(rest, " QoS ")
	if i < 0 {
		return "", false
	}
	return rest[:i], true
}
