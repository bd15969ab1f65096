package reading

import (
	"sort"
	"strings"

	"github.com/wsframe/wsframe/internal/msg"
)

// App is what a connection says as a whole, for a protocol that runs as a
// byte stream across messages (MQTT): its packets in the order they
// completed, each pointing at the messages it came from.
//
// An App without packets only names the protocol of a connection whose
// first message told it (a SignalR handshake), for its other messages.
type App struct {
	Protocol string `json:"protocol"`
	// By says how the protocol was chosen: "override", "subprotocol",
	// "path" or "content".
	By      string   `json:"by,omitempty"`
	Packets []Packet `json:"packets,omitempty"`
	// Total counts every packet read; it is more than len(Packets) when the
	// list was cut at MaxPackets (Cut).
	Total int  `json:"total"`
	Cut   bool `json:"cut,omitempty"`
	// Version is the MQTT protocol level its CONNECT asked for.
	Version int `json:"version,omitempty"`

	byDir [2][]int32 // packet indexes per direction, in stream order
}

// Packet is one MQTT control packet of a connection.
type Packet struct {
	From string `json:"from"` // "client" or "server"
	Type string `json:"type"`
	// Messages lists the messages the packet's bytes came from.
	Messages []int `json:"messages"`
	// Parts says which bytes of each message: the packet is the parts in
	// order.
	Parts   []Part `json:"parts"`
	Length  int    `json:"length"`
	Summary string `json:"summary"`
	// Say is Summary in pieces (as Reading.Say).
	Say      []msg.Text `json:"say,omitempty"`
	Topic    string     `json:"topic,omitempty"`
	QoS      *int       `json:"qos,omitempty"`
	PacketID *int       `json:"packet_id,omitempty"`
	Fields   []Field    `json:"fields,omitempty"` // offsets in the packet's bytes
	Error    *Error     `json:"error,omitempty"`
	Cut      bool       `json:"cut,omitempty"`
}

// Part is the bytes of a packet that one message holds.
type Part struct {
	Message int `json:"message"`
	Offset  int `json:"offset"` // in the message's data
	Length  int `json:"length"`
}

// Limits of a stream's state, whatever its input.
const (
	// MaxPackets is the most packets an App lists; it goes on counting.
	MaxPackets = 2000
	// MaxPacketBytes is the largest packet read; a larger one is skipped
	// over and listed with its header only.
	MaxPacketBytes = 1 << 20
	// maxParts caps the parts a packet lists.
	maxParts = 256
)

// MQTTStream reads the messages of one connection as MQTT byte streams,
// one per direction. It keeps at most one partial packet per direction
// (up to MaxPacketBytes) and at most MaxPackets packets.
type MQTTStream struct {
	app     App
	version int
	dirs    [2]mqttDir
}

type mqttDir struct {
	buf   []byte // the packet being gathered
	parts []Part
	need  int  // its size once its fixed header is read, else 0
	skip  int  // bytes of an oversized packet still to pass over
	dead  bool // a malformed header: the rest cannot be followed
}

// NewMQTTStream starts reading a connection as MQTT.
func NewMQTTStream() *MQTTStream {
	return &MQTTStream{app: App{Protocol: "mqtt", Packets: []Packet{}}, version: 4}
}

// FirstMessage returns the protocol a connection's first client message
// names for the whole connection, or "": a SignalR handshake
// ({"protocol": "json" or "messagepack", "version": 1} and 0x1E), after
// which binary messages are MessagePack hub messages.
func FirstMessage(b []byte) string {
	if len(b) < 3 || b[0] != '{' || b[len(b)-1] != 0x1e {
		return ""
	}
	if r := signalrJSON(b); r.Error == nil && strings.HasPrefix(r.Summary, "handshake ") {
		return "signalr"
	}
	return ""
}

// Message takes the next message of the connection, index i, from the
// server or the client.
func (s *MQTTStream) Message(i int, fromServer bool, data []byte) {
	d := &s.dirs[0]
	if fromServer {
		d = &s.dirs[1]
	}
	for p := 0; p < len(data) && !d.dead; {
		if d.skip > 0 {
			n := min(d.skip, len(data)-p)
			d.skip -= n
			p += n
			continue
		}
		start := p
		if d.need == 0 {
			// Gather the fixed header: at most 5 bytes.
			for d.need == 0 && p < len(data) && len(d.buf) < 5 {
				d.buf = append(d.buf, data[p])
				p++
				_, _, rem, hn, err := mqttHeader(d.buf)
				if err != nil {
					d.addPart(i, start, p-start)
					s.emit(d, fromServer, err)
					d.dead = true
					return
				}
				if hn > 0 {
					d.need = hn + rem
				}
			}
			if d.need > MaxPacketBytes {
				d.addPart(i, start, p-start)
				d.skip = d.need - len(d.buf)
				s.emit(d, fromServer, errAt(0, msg.New("rd.mqtt.err.large", "a packet of {size} is larger than {max} and is not read", "size", byteCount(d.need), "max", byteCount(MaxPacketBytes))))
				continue
			}
		}
		if d.need > 0 {
			n := min(d.need-len(d.buf), len(data)-p)
			d.buf = append(d.buf, data[p:p+n]...)
			p += n
		}
		d.addPart(i, start, p-start)
		if d.need > 0 && len(d.buf) == d.need {
			s.emit(d, fromServer, nil)
		}
	}
}

func (d *mqttDir) addPart(msg, off, n int) {
	if n == 0 {
		return
	}
	if k := len(d.parts); k > 0 && d.parts[k-1].Message == msg {
		d.parts[k-1].Length += n
		return
	}
	if len(d.parts) >= maxParts {
		return
	}
	d.parts = append(d.parts, Part{Message: msg, Offset: off, Length: n})
}

// emit reads the packet gathered in d, or reports why it cannot be.
func (s *MQTTStream) emit(d *mqttDir, fromServer bool, problem *Error) {
	pk := Packet{From: "client", Parts: d.parts, Length: d.need}
	if fromServer {
		pk.From = "server"
	}
	for _, pt := range d.parts {
		pk.Messages = append(pk.Messages, pt.Message)
	}
	if len(d.buf) > 0 {
		pk.Type = mqttTypes[d.buf[0]>>4]
	}
	var sum line
	if problem != nil {
		pk.Error = problem
		sum.lit(pk.Type)
		sum.withError(problem)
		pk.Length = len(d.buf)
		if d.need > len(d.buf) {
			pk.Length = d.need
		}
	} else {
		var t tree
		f, s1, info, err := mqttPacket(d.buf, s.version, &t)
		if info.level >= 3 && info.level <= 5 {
			s.version, s.app.Version = info.level, info.level
		}
		pk.Fields, pk.Error, pk.Cut = f.Fields, err, t.cut
		sum = s1
		pk.Topic = info.topic
		if info.hasQoS {
			q := info.qos
			pk.QoS = &q
		}
		if info.id >= 0 {
			id := info.id
			pk.PacketID = &id
		}
		sum.withError(err)
	}
	pk.Summary, pk.Say = clip(sum.String()), sum.parts
	s.app.Total++
	if len(s.app.Packets) < MaxPackets {
		dir := 0
		if fromServer {
			dir = 1
		}
		s.app.byDir[dir] = append(s.app.byDir[dir], int32(len(s.app.Packets)))
		s.app.Packets = append(s.app.Packets, pk)
	} else {
		s.app.Cut = true
	}
	d.buf, d.parts, d.need = d.buf[:0], nil, 0
	if cap(d.buf) > 64<<10 {
		d.buf = nil // do not hold a large packet's buffer
	}
}

// App finishes the stream: a packet cut off by the end of the connection
// is listed with its problem.
func (s *MQTTStream) App() *App {
	for k := range s.dirs {
		d := &s.dirs[k]
		if len(d.buf) > 0 && !d.dead && d.skip == 0 {
			why := msg.New("rd.mqtt.err.ends-header", "the connection ends {got} into a packet's fixed header", "got", byteCount(len(d.buf)))
			if d.need > 0 {
				why = msg.New("rd.mqtt.err.ends", "the connection ends {got} into a packet of {need}", "got", byteCount(len(d.buf)), "need", byteCount(d.need))
			}
			s.emit(d, k == 1, errAt(len(d.buf), why))
		}
	}
	return &s.app
}

// Reading returns what message i (from the server or the client, length
// bytes long) says: the packets it carries whole or in part, with their
// fields placed in the message's bytes. It is nil when the App holds no
// packet of the message (it was cut at MaxPackets).
func (a *App) Reading(i int, fromServer bool, length int) *Reading {
	dir := 0
	if fromServer {
		dir = 1
	}
	list := a.byDir[dir]
	// Within one direction packets follow the stream: find the first that
	// ends at or after message i.
	k := sort.Search(len(list), func(j int) bool {
		pk := &a.Packets[list[j]]
		return pk.Messages[len(pk.Messages)-1] >= i
	})
	r := &Reading{Protocol: "mqtt", By: "stream"}
	var sums []line
	var t tree
	for ; k < len(list); k++ {
		pk := &a.Packets[list[k]]
		before, at, found := 0, 0, false
		for _, pt := range pk.Parts {
			if pt.Message == i {
				at, found = pt.Offset-before, true
				break
			}
			before += pt.Length
		}
		if !found {
			break
		}
		f := clipField(shift(Field{Name: pk.Type, Start: 0, End: pk.Length, Value: pk.Summary, Say: pk.Say, Fields: pk.Fields}, at), length)
		r.Fields = t.add(r.Fields, f)
		var sum line
		if before > 0 {
			sum.lit("… ")
		}
		sum.parts = append(sum.parts, pk.Say...)
		if at+pk.Length > length {
			sum.lit(" …")
		}
		sums = append(sums, sum)
		if pk.Error != nil && r.Error == nil {
			e := *pk.Error
			e.Offset = min(max(0, at+pk.Error.Offset), length)
			r.Error = &e
		}
	}
	if len(sums) == 0 {
		return nil
	}
	l := joinLines(sums)
	r.Summary, r.Say = clip(l.String()), l.parts
	return r
}

// clipField keeps the parts of f that fall within [0, n).
func clipField(f Field, n int) Field {
	f.Start, f.End = max(f.Start, 0), min(f.End, n)
	var fs []Field
	for _, c := range f.Fields {
		if c.End > 0 && c.Start < n {
			fs = append(fs, clipField(c, n))
		}
	}
	f.Fields = fs
	return f
}

// Brief returns a without the fields of its packets: what a summary of the
// connection needs.
func (a *App) Brief() *App {
	if a == nil || a.Packets == nil {
		return a
	}
	b := *a
	b.Packets = make([]Packet, len(a.Packets))
	copy(b.Packets, a.Packets)
	for i := range b.Packets {
		b.Packets[i].Fields, b.Packets[i].Parts = nil, nil
	}
	return &b
}
