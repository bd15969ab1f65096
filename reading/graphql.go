package reading

import (
	"strings"

	"github.com/wsframe/wsframe/internal/jsontext"
	"github.com/wsframe/wsframe/internal/msg"
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
		failed(r, p, r.Error)
		return r
	}
	v, _ := parseJSON(b, 0)
	if v.Kind != jsontext.KindObject {
		r.Error = errAt(int(v.Start), msg.New("rd.graphql.object", "a {protocol} message is a JSON object, not {kind}", "protocol", p, "kind", v.Kind.String()))
		withMessage(r, p, r.Error)
		return r
	}
	typ, ok := v.Get("type").Text()
	if !ok {
		r.Error = errAt(0, msg.New("rd.graphql.no-type", "the message has no \"type\" string"))
		withMessage(r, p, r.Error)
		return r
	}
	known := false
	for _, t := range graphqlTypes[p] {
		known = known || t == typ
	}
	if !known {
		r.Error = errAt(int(v.Get("type").Start), msg.New("rd.graphql.type", "type {type} is not a message of {protocol}", "type", quote(typ), "protocol", p))
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
