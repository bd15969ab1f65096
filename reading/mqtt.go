package reading

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wsframe/wsframe/internal/msg"
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
			return typ, flags, 0, 0, errAt(1, msg.New("rd.mqtt.err.length4", "the remaining length runs over 4 bytes (MQTT 2.2.3)"))
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
func (m *mqtt) fail(off int, why msg.Text) {
	if m.err == nil {
		m.err = errAt(off, why)
	}
}

//go:noinline
func (m *mqtt) need(n int, what string) bool {
	if m.err != nil {
		return false
	}
	if n > len(m.b)-m.p {
		m.fail(m.p, msg.Plural("rd.mqtt.err.need", n, "{what} needs {n} byte, {left} left in the packet", "{what} needs {n} bytes, {left} left in the packet", "what", what, "left", len(m.b)-m.p))
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
			m.fail(start, msg.New("rd.mqtt.err.varint", "{name}: a variable byte integer of more than 4 bytes", "name", name))
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
	f := Field{Name: name, Start: start, End: m.p}
	l := says(byteCount(n))
	l.lit(": " + hexPreview(v))
	l.value(&f)
	*list = m.t.add(*list, f)
	return v, true
}

func (m *mqtt) str(name string, list *[]Field) (string, bool) {
	start := m.p
	v, ok := m.bin(name, list)
	if !ok {
		return "", false
	}
	if !utf8.Valid(v) {
		m.fail(start+2, msg.New("rd.mqtt.err.utf8", "{name} is not valid UTF-8 (MQTT 1.5.4)", "name", name))
		return "", false
	}
	if last := &(*list)[len(*list)-1]; last.Start == start {
		last.Value, last.Say = quote(string(v)), nil
	}
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
	if n < 0 || !m.need(n, "Properties") {
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
			m.fail(ps, msg.New("rd.mqtt.err.property", "unknown property {id}", "id", id))
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
	f := Field{Name: "Properties", Start: start, End: m.p, Fields: fs}
	l := says(msg.Plural("rd.mqtt.properties", len(fs)-1, "{n} property", "{n} properties"))
	l.value(&f)
	*list = m.t.add(*list, f)
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
func mqttPacket(b []byte, v int, t *tree) (f Field, sum line, info mqttInfo, err *Error) {
	info.id = -1
	typ, flags, rem, hn, herr := mqttHeader(b)
	name := mqttTypes[typ]
	f = Field{Name: name, Start: 0, End: len(b)}
	if herr != nil {
		sum.lit(name)
		return f, sum, info, herr
	}
	m := &mqtt{b: b, p: hn, version: v, t: t}
	level := 0
	fh := Field{Name: "Fixed header", Start: 0, End: hn}
	fl := says(msg.New("rd.mqtt.fixed", "{type}, flags {flags}, remaining length {length}", "type", name, "flags", int(flags), "length", rem))
	fl.value(&fh)
	f.Fields = t.add(f.Fields, fh)
	if hn+rem != len(b) {
		m.fail(1, msg.Plural("rd.mqtt.err.remaining", rem, "the remaining length says {n} byte, the packet has {has}", "the remaining length says {n} bytes, the packet has {has}", "has", len(b)-hn))
	}
	fs := &f.Fields
	defer func() {
		if len(sum.parts) == 0 {
			sum.lit(name)
		}
	}()
	switch typ {
	case 1: // CONNECT (3.1)
		proto, _ := m.str("Protocol Name", fs)
		level = m.u8("Protocol Level", fs)
		if proto != "" && proto != "MQTT" && proto != "MQIsdp" {
			m.fail(hn, msg.New("rd.mqtt.err.proto", "protocol name {name} is neither MQTT nor MQIsdp", "name", quote(proto)))
		}
		if level == 5 {
			m.version = 5
		}
		cf := m.u8("Connect Flags", fs)
		keep := m.u16("Keep Alive", fs)
		m.props(fs)
		id, _ := m.str("Client Identifier", fs)
		sum.lit("CONNECT " + quote(id) + " MQTT " + mqttLevel(level))
		sum.say(msg.New("rd.mqtt.keep", ", keep alive {s}", "s", keep))
		if cf >= 0 && cf&4 != 0 {
			if m.version == 5 {
				m.props(fs)
			}
			wt, _ := m.str("Will Topic", fs)
			m.bin("Will Payload", fs)
			sum.say(msg.New("rd.mqtt.will", ", will {topic}", "topic", clip(wt)))
		}
		if cf >= 0 && cf&128 != 0 {
			u, _ := m.str("User Name", fs)
			sum.say(msg.New("rd.mqtt.user", ", user {name}", "name", clip(quote(u))))
		}
		if cf >= 0 && cf&64 != 0 {
			m.bin("Password", fs)
		}
		if cf >= 0 && cf&2 != 0 {
			sum.say(msg.New("rd.mqtt.clean", ", clean"))
		}
	case 2: // CONNACK (3.2)
		m.u8("Acknowledge Flags", fs)
		rc := m.u8(mqttCodeName(m.version), fs)
		m.props(fs)
		sum.lit("CONNACK ")
		sum.say(mqttReason(m.version, rc, true))
	case 3: // PUBLISH (3.3)
		qos := int(flags>>1) & 3
		if qos == 3 {
			m.fail(0, msg.New("rd.mqtt.err.qos3", "PUBLISH with QoS 3, which is reserved (MQTT 3.3.1.2)"))
		}
		topic, _ := m.str("Topic Name", fs)
		info.topic, info.qos, info.hasQoS = topic, qos, true
		sum.lit("PUBLISH " + topic + " QoS " + strconv.Itoa(qos))
		if qos > 0 {
			info.id = m.u16("Packet Identifier", fs)
			sum.lit(" ")
			sum.say(msg.New("rd.id", "id {id}", "id", strconv.Itoa(info.id)))
		}
		if flags&1 != 0 {
			sum.lit(" retain")
		}
		if flags&8 != 0 {
			sum.lit(" dup")
		}
		m.props(fs)
		if m.err == nil && m.p <= len(b) {
			pl := b[m.p:]
			pt := payloadText(pl)
			if len(pl) > 0 {
				pf := Field{Name: "Payload", Start: m.p, End: len(b)}
				pt.value(&pf)
				*fs = t.add(*fs, pf)
			}
			sum.lit(": ")
			sum.add(pt)
			m.p = len(b)
		}
	case 4, 5, 6, 7: // PUBACK, PUBREC, PUBREL, PUBCOMP (3.4-3.7)
		info.id = m.u16("Packet Identifier", fs)
		sum.lit(name + " ")
		sum.say(msg.New("rd.id", "id {id}", "id", strconv.Itoa(info.id)))
		if m.version == 5 && m.p < len(b) {
			sum.lit(" ")
			sum.say(mqttReason(5, m.u8("Reason Code", fs), false))
			if m.p < len(b) {
				m.props(fs)
			}
		}
	case 8, 10: // SUBSCRIBE, UNSUBSCRIBE (3.8, 3.10)
		if flags != 2 {
			m.fail(0, msg.New("rd.mqtt.err.flags", "{type} must have flags 0010 (MQTT 3.8.1)", "type", name))
		}
		info.id = m.u16("Packet Identifier", fs)
		sum.lit(name + " ")
		sum.say(msg.New("rd.id", "id {id}", "id", strconv.Itoa(info.id)))
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
			m.fail(m.p, msg.New("rd.mqtt.err.no-topic", "{type} must name at least one topic filter", "type", name))
		}
		sum.lit(" " + strings.Join(topics, ", "))
	case 9, 11: // SUBACK, UNSUBACK (3.9, 3.11)
		info.id = m.u16("Packet Identifier", fs)
		sum.lit(name + " ")
		sum.say(msg.New("rd.id", "id {id}", "id", strconv.Itoa(info.id)))
		if typ == 9 || m.version == 5 {
			m.props(fs)
			for k := 0; m.err == nil && m.p < len(b); k++ {
				c := m.u8("Return Code", fs)
				if k == 0 {
					sum.lit(" ")
				} else {
					sum.say(msg.New("rd.sep", ", "))
				}
				sum.say(mqttSubCode(m.version, typ, c))
			}
		}
	case 12, 13: // PINGREQ, PINGRESP
	case 14, 15: // DISCONNECT (3.14), AUTH (5 3.15)
		if typ == 15 && m.version != 5 {
			m.fail(0, msg.New("rd.mqtt.err.auth", "AUTH exists only in MQTT 5"))
		}
		if m.version == 5 && m.p < len(b) {
			sum.lit(name + " ")
			sum.say(mqttReason(5, m.u8("Reason Code", fs), false))
			if m.p < len(b) {
				m.props(fs)
			}
		}
	default:
		m.fail(0, msg.New("rd.mqtt.err.type0", "packet type 0 is reserved (MQTT 2.2.1)"))
	}
	if m.err == nil && m.p < len(b) {
		m.fail(m.p, msg.Plural("rd.mqtt.err.left", len(b)-m.p, "{n} byte left over in the {type} packet", "{n} bytes left over in the {type} packet", "type", name))
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
	return "level " + strconv.Itoa(l) // the spec's "Protocol Level" by its number
}

func mqttCodeName(v int) string {
	if v == 5 {
		return "Reason Code"
	}
	return "Return Code"
}

// mqttReason names a CONNACK return code (3.1.1) or an MQTT 5 reason code.
func mqttReason(v, c int, connack bool) msg.Text {
	if connack && v != 5 {
		switch c {
		case 0:
			return msg.New("rd.mqtt.rc.accepted", "accepted")
		case 1:
			return msg.New("rd.mqtt.rc.version", "unacceptable protocol version")
		case 2:
			return msg.New("rd.mqtt.rc.identifier", "identifier rejected")
		case 3:
			return msg.New("rd.mqtt.rc.unavailable", "server unavailable")
		case 4:
			return msg.New("rd.mqtt.rc.credentials", "bad user name or password")
		case 5:
			return msg.New("rd.mqtt.rc.not-authorized", "not authorized")
		}
	}
	switch c {
	case 0:
		return msg.New("rd.mqtt.rc.success", "success")
	case 0x80:
		return msg.New("rd.mqtt.rc.unspecified", "unspecified error")
	case 0x81:
		return msg.New("rd.mqtt.rc.malformed", "malformed packet")
	case 0x82:
		return msg.New("rd.mqtt.rc.protocol", "protocol error")
	case 0x84:
		return msg.New("rd.mqtt.rc.version5", "unsupported protocol version")
	case 0x86:
		return msg.New("rd.mqtt.rc.credentials", "bad user name or password")
	case 0x87:
		return msg.New("rd.mqtt.rc.not-authorized", "not authorized")
	case 0x8e:
		return msg.New("rd.mqtt.rc.taken-over", "session taken over")
	case 0x10:
		return msg.New("rd.mqtt.rc.no-subscribers", "no matching subscribers")
	case 0x04:
		return msg.New("rd.mqtt.rc.will", "disconnect with will message")
	}
	return msg.New("rd.mqtt.rc.code", "reason {code}", "code", "0x"+strconv.FormatInt(int64(c), 16))
}

func mqttSubCode(v int, typ byte, c int) msg.Text {
	if typ == 9 && c >= 0 && c <= 2 {
		return msg.New("rd.mqtt.granted", "granted QoS {qos}", "qos", c)
	}
	if c == 0x80 {
		return msg.New("rd.mqtt.failure", "failure")
	}
	return mqttReason(v, c, false)
}

// payloadText shows a payload as text if it is UTF-8, else in hex.
func payloadText(b []byte) line {
	var l line
	if utf8.Valid(b) {
		if len(b) > 80 {
			l.lit(string(b[:80]) + "…")
		} else {
			l.lit(string(b))
		}
		return l
	}
	l.say(byteCount(len(b)))
	l.lit(" " + hexPreview(b))
	return l
}

// readMQTTMessage reads a message by itself as whole MQTT packets (for a
// paste or a message outside any stream): the version is 3.1.1 unless a
// CONNECT in it says otherwise.
func readMQTTMessage(b []byte, c Context) *Reading {
	r := &Reading{Protocol: "mqtt"}
	var t tree
	var sums []line
	v := 4
	for p := 0; p < len(b) && r.Error == nil; {
		_, _, rem, hn, err := mqttHeader(b[p:])
		if err != nil {
			err.Offset += p
			r.Error = err
			break
		}
		if hn == 0 || hn+rem > len(b)-p {
			r.Error = errAt(p, msg.New("rd.mqtt.err.continues", "an MQTT packet that continues past the end of the message (read the connection to join it)"))
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
	l := joinLines(sums)
	l.withError(r.Error)
	l.set(r)
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
