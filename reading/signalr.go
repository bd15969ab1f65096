package reading

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/internal/jsontext"
	"github.com/wsframe/wsframe/internal/msg"
)

// SignalR's hub protocols (dotnet/aspnetcore HubProtocol.md): JSON records
// each ending in the record separator 0x1E, or MessagePack messages each
// prefixed by its length as a variable-length integer. The handshake is
// JSON in both: {"protocol":"json","version":1} and its answer {} (or
// {"error": ...}).

var signalrTypes = []string{"", "Invocation", "StreamItem", "Completion", "StreamInvocation",
	"CancelInvocation", "Ping", "Close", "Ack", "Sequence"}

// signalrType is a hub message's type: its name (a keyword), or its
// number where HubProtocol.md names none.
func signalrType(n int64) line {
	var l line
	if n > 0 && n < int64(len(signalrTypes)) {
		l.lit(signalrTypes[n])
	} else {
		l.say(msg.New("rd.signalr.type", "type {type}", "type", strconv.FormatInt(n, 10)))
	}
	return l
}

// signalrName is the name of a hub message's field in the tree: its
// type's name, or the first word of its summary.
func signalrName(sum line) string {
	name := sum.String()
	if len(sum.parts) > 0 && sum.parts[0].ID == "" {
		name = sum.parts[0].Message
	}
	if j := strings.IndexByte(name, ' '); j > 0 {
		name = name[:j]
	}
	return name
}

func readSignalR(b []byte, c Context) *Reading {
	if len(b) > 0 && b[0] == '{' {
		return signalrJSON(b)
	}
	return signalrMsgpack(b)
}

// signalrJSON reads JSON records ended by 0x1E.
func signalrJSON(b []byte) *Reading {
	r := &Reading{Protocol: "signalr"}
	var t tree
	var sums []line
	var values []byte
	for p := 0; p < len(b); {
		i := bytes.IndexByte(b[p:], 0x1e)
		if i < 0 {
			r.Error = errAt(len(b), msg.New("rd.signalr.rs", "a SignalR JSON record must end with the record separator 0x1E"))
			break
		}
		v, err := parseJSON(b[p:p+i], p)
		if err != nil {
			r.Error = err
			break
		}
		f := jsonField(&v, "record", p, &t)
		f.End = p + i + 1
		sum := signalrSummary(&v)
		f.Name = signalrName(sum)
		r.Fields = t.add(r.Fields, f)
		sums = append(sums, sum)
		if values == nil {
			values = []byte{'['}
		} else {
			values = append(values, ',')
		}
		values = v.AppendJSON(values)
		p += i + 1
	}
	if values != nil {
		if len(sums) == 1 {
			r.Value = values[1:]
		} else {
			r.Value = append(values, ']')
		}
	}
	r.Cut = t.cut
	sum := joinLines(sums)
	sum.withError(r.Error)
	sum.set(r)
	return r
}

// signalrID is a hub message's invocation id, said.
func signalrID(id string) msg.Text { return msg.New("rd.signalr.id", "id {id}", "id", id) }

// signalrSummary names a JSON hub message.
func signalrSummary(v *jsontext.Value) line {
	if v.Kind != jsontext.KindObject {
		return says(msg.New("rd.signalr.not-object", "not an object"))
	}
	n, ok := v.Get("type").Int()
	if !ok {
		if p, ok := v.Get("protocol").Text(); ok {
			ver, _ := v.Get("version").Int()
			return says(msg.New("rd.signalr.handshake", "handshake {protocol} version {version}", "protocol", p, "version", strconv.FormatInt(ver, 10)))
		}
		if e, ok := v.Get("error").Text(); ok {
			return says(msg.New("rd.signalr.handshake-error", "handshake error {error}", "error", e))
		}
		if len(v.Members) == 0 {
			return says(msg.New("rd.signalr.handshake-ok", "handshake ok"))
		}
		return says(msg.New("rd.signalr.no-type", "no type"))
	}
	sum := signalrType(n)
	if t, ok := v.Get("target").Text(); ok {
		sum.lit(" " + t)
	}
	if id, ok := v.Get("invocationId").Text(); ok {
		sum.lit(" ")
		sum.say(signalrID(id))
	}
	for _, k := range []string{"arguments", "item", "result", "error"} {
		if a := v.Get(k); a != nil {
			sum.lit(" " + string(compact(a)))
		}
	}
	return sum
}

// signalrMsgpack reads length-prefixed MessagePack hub messages: arrays
// whose first element is the message type.
func signalrMsgpack(b []byte) *Reading {
	r := &Reading{Protocol: "signalr"}
	var sums []line
	d := &data{b: b}
	var values []byte
	for p := 0; p < len(b) && d.err == nil; {
		// The length: 7 bits a byte, least significant first, at most 5 bytes.
		n, q, shift := 0, p, 0
		for {
			if q >= len(b) || q-p >= 5 {
				d.fail(p, msg.New("rd.signalr.prefix", "a SignalR MessagePack length prefix that does not end"))
				break
			}
			c := b[q]
			q++
			n |= int(c&127) << shift
			shift += 7
			if c < 128 {
				break
			}
		}
		if d.err != nil {
			break
		}
		if n > len(b)-q {
			d.fail(p, msg.Plural("rd.signalr.length", n, "a message of {n} byte, {left} left", "a message of {n} bytes, {left} left", "left", len(b)-q))
			break
		}
		start := len(d.out)
		sub := &data{b: b[:q+n], t: d.t}
		sub.out = d.out
		f, end := sub.msgpack(q, "message", 0)
		d.out, d.t = sub.out, sub.t
		if sub.err != nil {
			d.err = sub.err
			break
		}
		if end != q+n {
			d.fail(end, msg.New("rd.signalr.ends", "the message ends before its length prefix says"))
			break
		}
		v, _ := parseJSON(d.out[start:], 0)
		sum := signalrMsgpackSummary(&v)
		m := Field{Name: signalrName(sum), Start: p, End: q + n, Fields: []Field{{Name: "length", Start: p, End: q, Value: strconv.Itoa(n)}, f}}
		sum.value(&m)
		r.Fields = d.t.add(r.Fields, m)
		sums = append(sums, sum)
		values = append(values, d.out[start:]...)
		values = append(values, ',')
		d.out = d.out[:start]
		p = q + n
	}
	if len(values) > 0 {
		if len(sums) == 1 {
			r.Value = values[:len(values)-1]
		} else {
			r.Value = append(append([]byte{'['}, values[:len(values)-1]...), ']')
		}
	}
	r.Error, r.Cut = d.err, d.t.cut
	sum := joinLines(sums)
	sum.withError(r.Error)
	sum.set(r)
	return r
}

// signalrMsgpackSummary names a MessagePack hub message from its value:
// [type, headers, invocationId, target, arguments] and the like.
func signalrMsgpackSummary(v *jsontext.Value) line {
	if v.Kind != jsontext.KindArray || len(v.Items) == 0 {
		return says(msg.New("rd.signalr.not-array", "not an array"))
	}
	n, ok := v.Items[0].Int()
	if !ok {
		return says(msg.New("rd.signalr.no-type", "no type"))
	}
	sum := signalrType(n)
	at := func(i int) *jsontext.Value {
		if i < len(v.Items) {
			return &v.Items[i]
		}
		return &jsontext.Value{}
	}
	id := func(i int) {
		if s, ok := at(i).Text(); ok {
			sum.lit(" ")
			sum.say(signalrID(s))
		}
	}
	switch n {
	case 1, 4: // [type, headers, invocationId, target, arguments, streamIds?]
		t, _ := at(3).Text()
		sum.lit(" " + t)
		id(2)
		sum.lit(" " + string(compact(at(4))))
	case 2: // [type, headers, invocationId, item]
		id(2)
		sum.lit(" " + string(compact(at(3))))
	case 3: // [type, headers, invocationId, resultKind, result?]
		id(2)
		if len(v.Items) > 4 {
			sum.lit(" " + string(compact(at(4))))
		}
	case 5:
		id(2)
	case 7: // [type, error, allowReconnect?]
		if e, ok := at(1).Text(); ok {
			sum.lit(" " + e)
		}
	}
	return sum
}
