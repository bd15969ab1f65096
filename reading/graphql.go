package reading

import (
	"strings"

	"github.com/wsframe/wsframe/internal/jsontext"
)

// GraphQL over WebSocket: graphql-transport-ws (the graphql-ws library's
// protocol: connection_init, connection_ack, ping, pong, subscribe, next,
// error, complete) and the older graphql-ws of subscriptions-transport-ws
// (connection_init, connection_ack, connection_error, ka, start, data,
// error, complete, stop, connection_terminate). Every message is a JSON
// object {type, id?, payload?}; a subscribe or start carries the
// operation, whose query the summary shows.

var graphqlTypes = map[string][]string{
	"graphql-transport-ws": {"connection_init", "connection_ack", "ping", "pong", "subscribe", "next", "error", "complete"},
	"graphql-ws":           {"connection_init", "connection_ack", "connection_error", "ka", "start", "data", "error", "complete", "stop", "connection_terminate"},
}

func readGraphQL(p string, b []byte, c Context) *Reading {
	r := readJSON(b)
	r.Protocol = p
	if r.Error != nil {
		r.Summary = p + ": " + r.Error.Error()
		return r
	}
	v, _ := parseJSON(b, 0)
	if v.Kind != jsontext.KindObject {
		r.Error = &Error{Offset: int(v.Start), Message: "a " + p + " message is a JSON object, not " + v.Kind.String()}
		r.Summary = p + ": " + r.Error.Message
		return r
	}
	typ, ok := v.Get("type").Text()
	if !ok {
		r.Error = &Error{Offset: 0, Message: "the message has no \"type\" string"}
		r.Summary = p + ": " + r.Error.Message
		return r
	}
	known := false
	for _, t := range graphqlTypes[p] {
		known = known || t == typ
	}
	if !known {
		r.Error = &Error{Offset: int(v.Get("type").Start), Message: "type " + quote(typ) + " is not a message of " + p}
	}
	sum := []string{typ}
	if id, ok := v.Get("id").Text(); ok {
		sum = append(sum, id)
	}
	if pl := v.Get("payload"); pl != nil {
		if q, ok := pl.Get("query").Text(); ok {
			if op, ok := pl.Get("operationName").Text(); ok && op != "" {
				sum = append(sum, op)
			}
			sum = append(sum, strings.Join(strings.Fields(q), " "))
		} else if pl.Kind != jsontext.KindNull {
			sum = append(sum, string(compact(pl)))
		}
	}
	r.Summary = strings.Join(sum, " ")
	return r
}
