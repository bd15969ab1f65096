package reading

import (
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/internal/jsontext"
	"github.com/wsframe/wsframe/internal/msg"
)

// Socket.IO over WebSocket, in its three generations:
//
//   - Socket.IO 0.9 (2012), on /socket.io/1/websocket/<sid>: packets
//     "type:id:endpoint:data" (socket.io-spec, protocol 1), such as
//     5:::{"name":"news","args":[{"hello":"world"}]}.
//   - Socket.IO 1.x-2.x on Engine.IO 2 and 3 (EIO=3 in the URL), and
//     3.x-4.x on Engine.IO 4 (EIO=4): an Engine.IO packet type digit
//     (open, close, ping, pong, message, upgrade, noop) and, in a
//     message, a Socket.IO packet: a type digit, an attachment count and
//     "-" for binary packets, a namespace and ",", an ack id, JSON data.
//     Binary attachments follow as binary messages (under Engine.IO 2 and
//     3 each prefixed by the byte 4).

var (
	engineNames = []string{"open", "close", "ping", "pong", "message", "upgrade", "noop"}
	// Socket.IO protocol 5 (3.x-4.x); protocol 4 (1.x-2.x) calls 4 ERROR.
	socketNames = []string{"CONNECT", "DISCONNECT", "EVENT", "ACK", "CONNECT_ERROR", "BINARY_EVENT", "BINARY_ACK"}
	// Socket.IO 0.9 (protocol 1).
	sio09Names = []string{"disconnect", "connect", "heartbeat", "message", "json", "event", "ack", "error", "noop"}
)

// SocketIOPacket is one Engine.IO packet and the Socket.IO packet in it,
// as the decoder's older "socketio" field shows them.
type SocketIOPacket struct {
	EngineType  int
	Engine      string
	Type        int // -1 when the Engine.IO packet carries no Socket.IO packet
	Packet      string
	Attachments int
	Namespace   string
	AckID       int // -1 when none
	Event       string
	Data        string
	dataAt      int
}

// engineVersion reads the EIO= parameter of a request path: 2, 3, 4, or 0
// when absent. Socket.IO 0.9 paths (/socket.io/1/) give 1.
func engineVersion(path string) int {
	p, q, _ := strings.Cut(path, "?")
	if strings.Contains(p, "/socket.io/1/") {
		return 1
	}
	for _, kv := range strings.Split(q, "&") {
		if v, ok := strings.CutPrefix(kv, "EIO="); ok {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	return 0
}

// ParseSocketIO reads text as an Engine.IO packet (and the Socket.IO
// packet in it) of Engine.IO version eio (0 when unknown); ok is false when
// it does not read as one.
func ParseSocketIO(text string, eio int) (p SocketIOPacket, ok bool) {
	if text == "" || text[0] < '0' || int(text[0]-'0') >= len(engineNames) {
		return p, false
	}
	p = SocketIOPacket{EngineType: int(text[0] - '0'), Engine: engineNames[text[0]-'0'], Type: -1, AckID: -1}
	rest, at := text[1:], 1
	if p.EngineType != 4 || rest == "" || rest[0] < '0' || int(rest[0]-'0') >= len(socketNames) {
		p.Data, p.dataAt = rest, at
		return p, true
	}
	p.Type, p.Packet = int(rest[0]-'0'), socketNames[rest[0]-'0']
	if p.Type == 4 && eio > 0 && eio < 4 {
		p.Packet = "ERROR"
	}
	rest, at = rest[1:], at+1
	if p.Type == 5 || p.Type == 6 { // 451-["x",{"_placeholder":true,"num":0}]
		if i := strings.IndexByte(rest, '-'); i > 0 && i < 10 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				p.Attachments, rest, at = n, rest[i+1:], at+i+1
			}
		}
	}
	if strings.HasPrefix(rest, "/") {
		i := strings.IndexByte(rest, ',')
		if i < 0 {
			p.Namespace, rest, at = rest, "", at+len(rest)
		} else {
			p.Namespace, rest, at = rest[:i], rest[i+1:], at+i+1
		}
	}
	digits := 0
	for digits < len(rest) && digits < 10 && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	if digits > 0 {
		p.AckID, _ = strconv.Atoi(rest[:digits])
		rest, at = rest[digits:], at+digits
	}
	p.Data, p.dataAt = rest, at
	if (p.Type == 2 || p.Type == 5) && strings.HasPrefix(rest, `["`) {
		if v, err := parseJSON([]byte(rest), 0); err == nil && len(v.Items) > 0 {
			p.Event, _ = v.Items[0].Text()
		}
	}
	return p, true
}

func readSocketIO(b []byte, c Context) *Reading {
	eio := engineVersion(c.Path)
	if c.Opcode == Binary {
		r := &Reading{Protocol: "socket.io"}
		body := 0
		if eio == 2 || eio == 3 {
			if len(b) == 0 || b[0] != 4 {
				r.Error = errAt(0, msg.New("rd.sio.err.binary", "under Engine.IO 2 and 3 a binary message starts with the byte 4 (message)"))
				var l line
				l.say(msg.New("rd.sio.binary-bare", "binary message without the Engine.IO message byte"))
				l.set(r)
				return r
			}
			r.Fields = []Field{{Name: "Engine.IO type", Start: 0, End: 1, Value: "4 message"}}
			body = 1
		}
		att := Field{Name: "attachment", Start: body, End: len(b)}
		sayValue(&att, byteCount(len(b)-body))
		r.Fields = append(r.Fields, att)
		var l line
		l.say(msg.Plural("rd.sio.attachment", len(b)-body, "binary attachment, {n} byte", "binary attachment, {n} bytes"))
		l.set(r)
		return r
	}
	text := string(b)
	if eio == 1 || eio == 0 && looks09(text) {
		return read09(b)
	}
	p, ok := ParseSocketIO(text, eio)
	if !ok {
		r := &Reading{Protocol: "engine.io", Error: errAt(0, msg.New("rd.eio.err.type", "an Engine.IO packet starts with a type digit 0-6"))}
		var l line
		l.say(msg.New("rd.eio.not", "not an Engine.IO packet"))
		l.set(r)
		return r
	}
	var t tree
	var l line
	r := &Reading{Protocol: "engine.io"}
	defer func() { l.set(r) }()
	r.Fields = t.add(r.Fields, Field{Name: "Engine.IO type", Start: 0, End: 1, Value: strconv.Itoa(p.EngineType) + " " + p.Engine})
	if p.Type < 0 {
		l.lit(p.Engine)
	} else {
		r.Protocol = "socket.io"
		r.Fields = t.add(r.Fields, Field{Name: "Socket.IO type", Start: 1, End: 2, Value: strconv.Itoa(p.Type) + " " + p.Packet})
		l.lit(p.Packet)
		if p.Attachments > 0 {
			l.lit(" ")
			l.say(msg.Plural("rd.sio.attachments", p.Attachments, "{n} attachment", "{n} attachments"))
		}
		if p.Namespace != "" && p.Namespace != "/" {
			l.lit(" " + p.Namespace)
			i := strings.Index(text, p.Namespace)
			r.Fields = t.add(r.Fields, Field{Name: "namespace", Start: i, End: i + len(p.Namespace), Value: p.Namespace})
		}
		if p.AckID >= 0 {
			id := strconv.Itoa(p.AckID)
			l.lit(" ")
			l.say(msg.New("rd.id", "id {id}", "id", id))
			r.Fields = t.add(r.Fields, Field{Name: "ack id", Start: p.dataAt - len(id), End: p.dataAt, Value: id})
		}
	}
	if p.Data == "" {
		r.Cut = t.cut
		return r
	}
	if p.Type < 0 && !strings.HasPrefix(p.Data, "{") && !strings.HasPrefix(p.Data, "[") {
		// "probe" of an upgrade, a ping's payload.
		r.Fields = t.add(r.Fields, Field{Name: "data", Start: p.dataAt, End: len(b), Value: quote(p.Data)})
		l.lit(" " + p.Data)
		return r
	}
	v, err := parseJSON(b[p.dataAt:], p.dataAt)
	if err != nil {
		r.Error = err
		r.Fields = t.add(r.Fields, Field{Name: "data", Start: p.dataAt, End: len(b), Value: quote(p.Data)})
		l.lit(" " + p.Data)
		return r
	}
	r.Value = compact(&v)
	r.Fields = t.add(r.Fields, jsonField(&v, "data", p.dataAt, &t))
	r.Cut = t.cut
	if p.Event != "" && len(v.Items) > 0 {
		args := jsontext.Value{Kind: jsontext.KindArray, Items: v.Items[1:]}
		l.lit(" " + p.Event + " " + string(compact(&args)))
	} else {
		l.lit(" " + string(r.Value))
	}
	return r
}

// looks09 reports whether text reads as a Socket.IO 0.9 packet:
// "type:id:endpoint" with an optional ":data".
func looks09(text string) bool {
	if len(text) < 3 || text[0] < '0' || text[0] > '8' || text[1] != ':' {
		return false
	}
	i := 2
	for i < len(text) && text[i] >= '0' && text[i] <= '9' {
		i++
	}
	if i < len(text) && text[i] == '+' {
		i++
	}
	return i < len(text) && text[i] == ':'
}

// read09 reads a Socket.IO 0.9 packet: type:id:endpoint:data
// (socket.io-spec, "Encoding").
func read09(b []byte) *Reading {
	r := &Reading{Protocol: "socket.io"}
	text := string(b)
	if len(text) < 1 || text[0] < '0' || text[0] > '8' {
		r.Error = errAt(0, msg.New("rd.sio09.err.type", "a Socket.IO 0.9 packet starts with a type digit 0-8"))
		var l line
		l.say(msg.New("rd.sio09.not", "not a Socket.IO 0.9 packet"))
		l.set(r)
		return r
	}
	var l line
	defer func() { l.set(r) }()
	var t tree
	typ := int(text[0] - '0')
	name := sio09Names[typ]
	r.Fields = t.add(r.Fields, Field{Name: "type", Start: 0, End: 1, Value: strconv.Itoa(typ) + " " + name})
	parts := strings.SplitN(text, ":", 4)
	l.lit(name)
	at := 2
	if len(parts) < 3 && typ != 0 && typ != 2 && typ != 8 && typ != 1 {
		r.Error = errAt(len(b), msg.New("rd.sio09.err.parts", "a Socket.IO 0.9 packet is type:id:endpoint[:data]; this one has {n} parts", "n", len(parts)))
	}
	if len(parts) > 1 && parts[1] != "" {
		r.Fields = t.add(r.Fields, Field{Name: "id", Start: at, End: at + len(parts[1]), Value: parts[1]})
		l.lit(" ")
		l.say(msg.New("rd.id", "id {id}", "id", parts[1]))
	}
	if len(parts) > 1 {
		at += len(parts[1]) + 1
	}
	if len(parts) > 2 && parts[2] != "" {
		r.Fields = t.add(r.Fields, Field{Name: "endpoint", Start: at, End: at + len(parts[2]), Value: parts[2]})
		l.lit(" " + parts[2])
	}
	if len(parts) > 2 {
		at += len(parts[2]) + 1
	}
	if len(parts) < 4 || r.Error != nil {
		r.Cut = t.cut
		return r
	}
	data := parts[3]
	switch typ {
	case 4, 5: // json, event: JSON; event is {"name": ..., "args": [...]}
		v, err := parseJSON(b[at:], at)
		if err != nil {
			r.Error = err
			break
		}
		r.Value = compact(&v)
		r.Fields = t.add(r.Fields, jsonField(&v, "data", at, &t))
		if n, ok := v.Get("name").Text(); ok && typ == 5 {
			l.lit(" " + n)
			if a := v.Get("args"); a != nil {
				l.lit(" " + string(compact(a)))
			}
		} else {
			l.lit(" " + string(r.Value))
		}
	case 6: // ack: "id" or "id+[args]"
		id, _, hasArgs := strings.Cut(data, "+")
		r.Fields = t.add(r.Fields, Field{Name: "ack id", Start: at, End: at + len(id), Value: id})
		l.lit(" ")
		l.say(msg.New("rd.sio09.ack-of", "of {id}", "id", id))
		if hasArgs {
			v, err := parseJSON(b[at+len(id)+1:], at+len(id)+1)
			if err != nil {
				r.Error = err
				break
			}
			r.Value = compact(&v)
			r.Fields = t.add(r.Fields, jsonField(&v, "args", at+len(id)+1, &t))
			l.lit(" " + string(r.Value))
		}
	default: // message, error (reason+advice), heartbeat
		if data != "" {
			r.Fields = t.add(r.Fields, Field{Name: "data", Start: at, End: len(b), Value: quote(data)})
			l.lit(" " + data)
		}
	}
	r.Cut = t.cut
	return r
}
