package reading

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wsframe/wsframe/internal/words"
)

// MQTT 3.1, 3.1.1 and 5.0 (OASIS mqtt-v3.1.1 and mqtt-v5.0): control
// packets of a fixed header (type, flags, a variable-length remaining
// length), a variable header and a payload. Over WebSocket (subprotocol
// "mqtt") the packets are a byte stream: one packet may be split over
// several messages and one message may hold several packets, so a
// connection is read with an MQTTStream; a lone message (a paste) is read
// by itself.

var mqttTypes = []string{"reserved", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
	"PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"}

// mqttProp describes an MQTT 5 property (2.2.2.2): its name and how its
// value is written: 'b' byte, '2' two-byte integer, '4' four-byte integer,
// 'v' variable byte integer, 's' UTF-8 string, 'd' binary data, 'p' a
// string pair.
type mqttProp struct {
	name string
	kind byte
}

var mqttProps = [...]mqttProp{
	1: {"Payload Format Indicator", 'b'}, 2: {"Message Expiry Interval", '4'}, 3: {"Content Type", 's'},
	8: {"Response Topic", 's'}, 9: {"Correlation Data", 'd'}, 11: {"Subscription Identifier", 'v'},
	17: {"Session Expiry Interval", '4'}, 18: {"Assigned Client Identifier", 's'}, 19: {"Server Keep Alive", '2'},
	21: {"Authentication Method", 's'}, 22: {"Authentication Data", 'd'}, 23: {"Request Problem Information", 'b'},
	24: {"Will Delay Interval", '4'}, 25: {"Request Response Information", 'b'}, 26: {"Response Information", 's'},
	28: {"Server Reference", 's'}, 31: {"Reason String", 's'}, 33: {"Receive Maximum", '2'},
	34: {"Topic Alias Maximum", '2'}, 35: {"Topic Alias", '2'}, 36: {"Maximum QoS", 'b'},
	37: {"Retain Available", 'b'}, 38: {"User Property", 'p'}, 39: {"Maximum Packet Size", '4'},
	40: {"Wildcard Subscription Available", 'b'}, 41: {"Subscription Identifier Available", 'b'},
	42: {"Shared Subscription Available", 'b'},
}

// mqttHeader reads a fixed header at the start of b: the packet type and
// flags and the remaining length. n is the header's size; n == 0 means b
// is too short to tell yet, and err a remaining length that is not one.
func mqttHeader(b []byte) (typ, flags byte, rem, n int, err *Error) {
	if len(b) < 2 {
		return 0, 0, 0, 0, nil
	}
	typ, flags = b[0]>>4, b[0]&15
	mul := 1
	for i := 1; ; i++ {
		if i > 4 {
			return typ, flags, 0, 0, &Error{1, "the remaining length runs over 4 bytes (MQTT 2.2.3)"}
		}
		if i >= len(b) {
			return typ, flags, 0, 0, nil
		}
		rem += int(b[i]&127) * mul
		mul *= 128
		if b[i] < 128 {
			return typ, flags, rem, i + 1, nil
		}
	}
}

// mqtt reads one packet, the whole of b.
type mqtt struct {
	b       []byte
	p       int
	version int // 3, 4 (3.1.1) or 5
	t       *tree
	err     *Error
}

//go:noinline
func (m *mqtt) fail(off int, msg string) {
	if m.err == nil {
		m.err = &Error{off, msg}
	}
}

//go:noinline
func (m *mqtt) need(n int, what string) bool {
	if m.err != nil {
		return false
	}
	if n > len(m.b)-m.p {
		m.fail(m.p, what+" needs "+words.Count(n, "byte")+", "+strconv.Itoa(len(m.b)-m.p)+" left in the packet")
		return false
	}
	return true
}

//go:noinline
func (m *mqtt) u8(name string, list *[]Field) int {
	if !m.need(1, name) {
		return -1
	}
	v := int(m.b[m.p])
	*list = m.t.add(*list, Field{Name: name, Start: m.p, End: m.p + 1, Value: strconv.Itoa(v)})
	m.p++
	return v
}

//go:noinline
func (m *mqtt) u16(name string, list *[]Field) int {
	if !m.need(2, name) {
		return -1
	}
	v := int(m.b[m.p])<<8 | int(m.b[m.p+1])
	*list = m.t.add(*list, Field{Name: name, Start: m.p, End: m.p + 2, Value: strconv.Itoa(v)})
	m.p += 2
	return v
}

//go:noinline
func (m *mqtt) u32(name string, list *[]Field) int {
	if !m.need(4, name) {
		return -1
	}
	v := int(m.b[m.p])<<24 | int(m.b[m.p+1])<<16 | int(m.b[m.p+2])<<8 | int(m.b[m.p+3])
	*list = m.t.add(*list, Field{Name: name, Start: m.p, End: m.p + 4, Value: strconv.Itoa(v)})
	m.p += 4
	return v
}

// varint reads a variable byte integer (MQTT 5 1.5.5).
func (m *mqtt) varint(name string, list *[]Field) int {
	start, v, mul := m.p, 0, 1
	for i := 0; ; i++ {
		if i == 4 {
			m.fail(start, name+": a variable byte integer of more than 4 bytes")
			return -1
		}
		if !m.need(1, name) {
			return -1
		}
		c := m.b[m.p]
		m.p++
		v += int(c&127) * mul
		mul *= 128
		if c < 128 {
			break
		}
	}
	if list != nil {
		*list = m.t.add(*list, Field{Name: name, Start: start, End: m.p, Value: strconv.Itoa(v)})
	}
	return v
}

// bin reads two-byte-length-prefixed bytes (1.5.6); str the same as UTF-8 (1.5.4).
func (m *mqtt) bin(name string, list *[]Field) ([]byte, bool) {
	start := m.p
	if !m.need(2, name+" length") {
		return nil, false
	}
	n := int(m.b[m.p])<<8 | int(m.b[m.p+1])
	m.p += 2
	if !m.need(n, name) {
		return nil, false
	}
	v := m.b[m.p : m.p+n]
	m.p += n
	// The two-byte length prefix is a field of its own, as Wireshark shows
	// it, so that the name (a protocol name, a topic) covers its bytes only.
	*list = m.t.add(*list, Field{Name: name + " Length", Start: start, End: start + 2, Value: strconv.Itoa(n)})
	*list = m.t.add(*list, Field{Name: name, Start: start + 2, End: m.p, Value: words.Count(n, "byte") + ": " + hexPreview(v)})
	return v, true
}

func (m *mqtt) str(name string, list *[]Field) (string, bool) {
	start := m.p
	v, ok := m.bin(name, list)
	if !ok {
		return "", false
	}
	if !utf8.Valid(v) {
		m.fail(start+2, name+" is not valid UTF-8 (MQTT 1.5.4)")
		return "", false
	}
	(*list)[len(*list)-1].Value = quote(string(v))
	return string(v), true
}

// props reads MQTT 5 properties (2.2.2) into a field of their own.
func (m *mqtt) props(list *[]Field) {
	if m.version != 5 || m.err != nil {
		return
	}
	start := m.p
	var fs []Field
	n := m.varint("Property Length", &fs)
	if n < 0 || !m.need(n, "the properties") {
		return
	}
	end := m.p + n
	saved := m.b
	m.b = m.b[:end]
	for m.p < end && m.err == nil {
		ps := m.p
		id := m.varint("id", nil)
		if id < 0 {
			break
		}
		var pr mqttProp
		if id < len(mqttProps) {
			pr = mqttProps[id]
		}
		if pr.name == "" {
			m.fail(ps, "unknown property "+strconv.Itoa(id))
			break
		}
		var sub []Field
		val := ""
		switch pr.kind {
		case 'b':
			val = strconv.Itoa(m.u8(pr.name, &sub))
		case '2':
			val = strconv.Itoa(m.u16(pr.name, &sub))
		case '4':
			val = strconv.Itoa(m.u32(pr.name, &sub))
		case 'v':
			val = strconv.Itoa(m.varint(pr.name, &sub))
		case 's':
			s, _ := m.str(pr.name, &sub)
			val = quote(s)
		case 'd':
			d, _ := m.bin(pr.name, &sub)
			val = hexPreview(d)
		case 'p':
			k, _ := m.str("name", &sub)
			v, _ := m.str("value", &sub)
			val = quote(k) + ": " + quote(v)
		}
		fs = m.t.add(fs, Field{Name: pr.name, Start: ps, End: m.p, Value: val})
	}
	m.b = saved
	*list = m.t.add(*list, Field{Name: "Properties", Start: start, End: m.p, Value: words.Count(len(fs)-1, "property"), Fields: fs})
}

// mqttInfo is what a packet says besides its fields.
type mqttInfo struct {
	level  int // the protocol level of a CONNECT
	topic  string
	qos    int
	id     int // packet identifier, -1 if none
	hasQoS bool
}

// mqttPacket reads the complete packet b (fixed header included) as MQTT
// version v. It returns the packet's field, a summary, and what it says.
func mqttPacket(b []byte, v int, t *tree) (f Field, sum string, info mqttInfo, err *Error) {
	info.id = -1
	typ, flags, rem, hn, herr := mqttHeader(b)
	name := mqttTypes[typ]
	f = Field{Name: name, Start: 0, End: len(b)}
	if herr != nil {
		return f, name, info, herr
	}
	m := &mqtt{b: b, p: hn, version: v, t: t}
	level := 0
	f.Fields = t.add(f.Fields, Field{Name: "Fixed header", Start: 0, End: hn, Value: name + ", flags " + strconv.Itoa(int(flags)) + ", remaining length " + strconv.Itoa(rem)})
	if hn+rem != len(b) {
		m.fail(1, "the remaining length says "+words.Count(rem, "byte")+", the packet has "+strconv.Itoa(len(b)-hn))
	}
	fs := &f.Fields
	sum = name
	switch typ {
	case 1: // CONNECT (3.1)
		proto, _ := m.str("Protocol Name", fs)
		level = m.u8("Protocol Level", fs)
		if proto != "" && proto != "MQTT" && proto != "MQIsdp" {
			m.fail(hn, "protocol name "+quote(proto)+" is neither MQTT nor MQIsdp")
		}
		if level == 5 {
			m.version = 5
		}
		cf := m.u8("Connect Flags", fs)
		keep := m.u16("Keep Alive", fs)
		m.props(fs)
		id, _ := m.str("Client Identifier", fs)
		sum = "CONNECT " + quote(id) + " MQTT " + mqttLevel(level) + ", keep alive " + strconv.Itoa(keep)
		if cf >= 0 && cf&4 != 0 {
			if m.version == 5 {
				m.props(fs)
			}
			wt, _ := m.str("Will Topic", fs)
			m.bin("Will Payload", fs)
			sum += ", will " + wt
		}
		if cf >= 0 && cf&128 != 0 {
			u, _ := m.str("User Name", fs)
			sum += ", user " + quote(u)
		}
		if cf >= 0 && cf&64 != 0 {
			m.bin("Password", fs)
		}
		if cf >= 0 && cf&2 != 0 {
			sum += ", clean"
		}
	case 2: // CONNACK (3.2)
		m.u8("Acknowledge Flags", fs)
		rc := m.u8(mqttCodeName(m.version), fs)
		m.props(fs)
		sum = "CONNACK " + mqttReason(m.version, rc, true)
	case 3: // PUBLISH (3.3)
		qos := int(flags>>1) & 3
		if qos == 3 {
			m.fail(0, "PUBLISH with QoS 3, which is reserved (MQTT 3.3.1.2)")
		}
		topic, _ := m.str("Topic Name", fs)
		info.topic, info.qos, info.hasQoS = topic, qos, true
		sum = "PUBLISH " + topic + " QoS " + strconv.Itoa(qos)
		if qos > 0 {
			info.id = m.u16("Packet Identifier", fs)
			sum += " id " + strconv.Itoa(info.id)
		}
		if flags&1 != 0 {
			sum += " retain"
		}
		if flags&8 != 0 {
			sum += " dup"
		}
		m.props(fs)
		if m.err == nil && m.p <= len(b) {
			pl := b[m.p:]
			if len(pl) > 0 {
				*fs = t.add(*fs, Field{Name: "Payload", Start: m.p, End: len(b), Value: payloadText(pl)})
			}
			sum += ": " + payloadText(pl)
			m.p = len(b)
		}
	case 4, 5, 6, 7: // PUBACK, PUBREC, PUBREL, PUBCOMP (3.4-3.7)
		info.id = m.u16("Packet Identifier", fs)
		sum += " id " + strconv.Itoa(info.id)
		if m.version == 5 && m.p < len(b) {
			sum += " " + mqttReason(5, m.u8("Reason Code", fs), false)
			if m.p < len(b) {
				m.props(fs)
			}
		}
	case 8, 10: // SUBSCRIBE, UNSUBSCRIBE (3.8, 3.10)
		if flags != 2 {
			m.fail(0, name+" must have flags 0010 (MQTT 3.8.1)")
		}
		info.id = m.u16("Packet Identifier", fs)
		sum += " id " + strconv.Itoa(info.id)
		m.props(fs)
		var topics []string
		for m.err == nil && m.p < len(b) {
			ts := m.p
			var sub []Field
			topic, _ := m.str("Topic Filter", &sub)
			item := topic
			if typ == 8 {
				o := m.u8("Options", &sub)
				item += " QoS " + strconv.Itoa(o&3)
			}
			topics = append(topics, item)
			*fs = t.add(*fs, Field{Name: "Topic", Start: ts, End: m.p, Value: item, Fields: sub})
		}
		if m.err == nil && len(topics) == 0 {
			m.fail(m.p, name+" must name at least one topic filter")
		}
		sum += " " + strings.Join(topics, ", ")
	case 9, 11: // SUBACK, UNSUBACK (3.9, 3.11)
		info.id = m.u16("Packet Identifier", fs)
		sum += " id " + strconv.Itoa(info.id)
		if typ == 9 || m.version == 5 {
			m.props(fs)
			var codes []string
			for m.err == nil && m.p < len(b) {
				c := m.u8("Return Code", fs)
				codes = append(codes, mqttSubCode(m.version, typ, c))
			}
			sum += " " + strings.Join(codes, ", ")
		}
	case 12, 13: // PINGREQ, PINGRESP
	case 14, 15: // DISCONNECT (3.14), AUTH (5 3.15)
		if typ == 15 && m.version != 5 {
			m.fail(0, "AUTH exists only in MQTT 5")
		}
		if m.version == 5 && m.p < len(b) {
			sum += " " + mqttReason(5, m.u8("Reason Code", fs), false)
			if m.p < len(b) {
				m.props(fs)
			}
		}
	default:
		m.fail(0, "packet type 0 is reserved (MQTT 2.2.1)")
	}
	if m.err == nil && m.p < len(b) {
		m.fail(m.p, words.Count(len(b)-m.p, "byte")+" left over in the "+name+" packet")
	}
	info.level = level
	return f, sum, info, m.err
}

func mqttLevel(l int) string {
	switch l {
	case 3:
		return "3.1"
	case 4:
		return "3.1.1"
	case 5:
		return "5"
	}
	return "level " + strconv.Itoa(l)
}

func mqttCodeName(v int) string {
	if v == 5 {
		return "Reason Code"
	}
	return "Return Code"
}

// mqttReason names a CONNACK return code (3.1.1) or an MQTT 5 reason code.
func mqttReason(v, c int, connack bool) string {
	if connack && v != 5 {
		names := []string{"accepted", "unacceptable protocol version", "identifier rejected", "server unavailable", "bad user name or password", "not authorized"}
		if c >= 0 && c < len(names) {
			return names[c]
		}
	}
	switch c {
	case 0:
		return "success"
	case 0x80:
		return "unspecified error"
	case 0x81:
		return "malformed packet"
	case 0x82:
		return "protocol error"
	case 0x84:
		return "unsupported protocol version"
	case 0x86:
		return "bad user name or password"
	case 0x87:
		return "not authorized"
	case 0x8e:
		return "session taken over"
	case 0x10:
		return "no matching subscribers"
	case 0x04:
		return "disconnect with will message"
	}
	return "reason 0x" + strconv.FormatInt(int64(c), 16)
}

func mqttSubCode(v int, typ byte, c int) string {
	if typ == 9 && c >= 0 && c <= 2 {
		return "granted QoS " + strconv.Itoa(c)
	}
	if c == 0x80 {
		return "failure"
	}
	return mqttReason(v, c, false)
}

// payloadText shows a payload as text if it is UTF-8, else in hex.
func payloadText(b []byte) string {
	if utf8.Valid(b) {
		if len(b) > 80 {
			return string(b[:80]) + "…"
		}
		return string(b)
	}
	return words.Count(len(b), "byte") + " " + hexPreview(b)
}

// readMQTTMessage reads a message by itself as whole MQTT packets (for a
// paste or a message outside any stream): the version is 3.1.1 unless a
// CONNECT in it says otherwise.
func readMQTTMessage(b []byte, c Context) *Reading {
	r := &Reading{Protocol: "mqtt"}
	var t tree
	var sums []string
	v := 4
	for p := 0; p < len(b) && r.Error == nil; {
		_, _, rem, hn, err := mqttHeader(b[p:])
		if err != nil {
			err.Offset += p
			r.Error = err
			break
		}
		if hn == 0 || hn+rem > len(b)-p {
			r.Error = &Error{p, "an MQTT packet that continues past the end of the message (read the connection to join it)"}
			break
		}
		f, sum, info, perr := mqttPacket(b[p:p+hn+rem], v, &t)
		if info.level >= 3 && info.level <= 5 {
			v = info.level
		}
		r.Fields = t.add(r.Fields, shift(f, p))
		sums = append(sums, sum)
		if perr != nil {
			perr.Offset += p
			r.Error = perr
		}
		p += hn + rem
	}
	r.Cut = t.cut
	r.Summary = strings.Join(sums, "; ")
	if r.Error != nil {
		if r.Summary != "" {
			r.Summary += " "
		}
		r.Summary += "(" + r.Error.Error() + ")"
	}
	return r
}

// shift moves f and its parts by d bytes.
func shift(f Field, d int) Field {
	f.Start += d
	f.End += d
	if len(f.Fields) > 0 {
		fs := make([]Field, len(f.Fields))
		for i := range f.Fields {
			fs[i] = shift(f.Fields[i], d)
		}
		f.Fields = fs
	}
	return f
}
