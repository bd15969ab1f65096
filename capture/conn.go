package capture

import (
	"encoding/binary"
	"strconv"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tlsdec"
)

// endpoint is one end of a TCP connection.
type endpoint struct {
	addr [16]byte // IPv4 in the first 4 bytes
	v6   bool
	port uint16
}

// String formats the endpoint as the contract wants: 127.0.0.1:54012,
// [::1]:54012 (IPv6 as RFC 5952 writes it). It is written here rather than
// with net/netip, which would add about 40 KB of gzip to the wasm.
func (e endpoint) String() string {
	var b []byte
	if e.v6 {
		b = append(b, '[')
		b = appendIPv6(b, e.addr)
		b = append(b, ']')
	} else {
		b = appendIPv4(b, e.addr[:4])
	}
	b = append(b, ':')
	return string(strconv.AppendUint(b, uint64(e.port), 10))
}

func appendIPv4(b []byte, a []byte) []byte {
	for i, v := range a {
		if i > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendUint(b, uint64(v), 10)
	}
	return b
}

// appendIPv6 writes a in the form of RFC 5952 section 4: lowercase hex
// without leading zeros, the longest run of two or more zero groups (the
// first, on a tie) as "::", and an IPv4-mapped address with its IPv4 part
// dotted.
func appendIPv6(b []byte, a [16]byte) []byte {
	if [12]byte(a[:12]) == [12]byte{10: 0xff, 11: 0xff} {
		return appendIPv4(append(b, "::ffff:"...), a[12:])
	}
	var g [8]uint16
	for i := range g {
		g[i] = uint16(a[2*i])<<8 | uint16(a[2*i+1])
	}
	zs, zn := -1, 1 // start and length of the longest zero run
	for i := 0; i < 8; {
		j := i
		for j < 8 && g[j] == 0 {
			j++
		}
		if j-i > zn {
			zs, zn = i, j-i
		}
		i = max(j, i+1)
	}
	for i := 0; i < 8; i++ {
		if i == zs {
			b = append(b, ':', ':')
			i += zn - 1
			continue
		}
		if i > 0 && i != zs+zn {
			b = append(b, ':')
		}
		b = strconv.AppendUint(b, uint64(g[i]), 16)
	}
	return b
}

// less orders endpoints, to give each connection one key for both directions.
func (e endpoint) less(o endpoint) bool {
	if e.v6 != o.v6 {
		return !e.v6
	}
	if e.addr != o.addr {
		for i := range e.addr {
			if e.addr[i] != o.addr[i] {
				return e.addr[i] < o.addr[i]
			}
		}
	}
	return e.port < o.port
}

// flowKey names a TCP connection by its two endpoints, the lesser first.
type flowKey struct{ a, b endpoint }

// maxFlows bounds the number of TCP connections tracked at once.
const maxFlows = 1 << 18

// connState is how far a connection has been understood.
type connState uint8

const (
	stateDetect    connState = iota // looking for an upgrade request or frames
	stateRequested                  // the upgrade request was seen; waiting for the answer
	stateAnswered                   // the 101 answer came first; waiting for the request
	stateOpen                       // WebSocket: bytes go to the decoder
	stateIgnored                    // not WebSocket: packets are only counted
	stateTLS                        // TLS that cannot be decrypted: listed, packets counted
)

// conn is one TCP connection. half[0] is sent by key.a, half[1] by key.b.
type conn struct {
	r       *run
	key     flowKey
	state   connState
	half    [2]half
	client  int // index of the client's half, once known
	id      int // decoder connection id, once open
	packets int
	tls     *tlsLayer // the TLS layer under a wss:// connection, or nil
}

// half is one direction of a connection: its reassembly, the bytes held
// while the connection is being recognised, and its decoder stream.
type half struct {
	c       *conn
	d       int // index in c.half
	r       reassembler
	acc     []byte // bytes from accBase on, before the connection is open
	accBase int64
	accMark decoder.Mark
	head    int  // length of the HTTP head at the start of acc, or -1
	gapped  bool // bytes were lost before the connection was open
	// afterGap is true when acc starts after a gap, where the bytes are
	// not read as an HTTP head.
	afterGap bool
	tried    int // bytes tried as frames one piece at a time
	st       *decoder.Stream
	side     decoder.Side
}

// ignored stands for every connection found not to carry WebSocket.
var ignored = &conn{state: stateIgnored}

func (r *run) newConn(key flowKey) *conn {
	c := &conn{r: r, key: key}
	for d := range c.half {
		h := &c.half[d]
		h.c, h.d, h.head = c, d, -1
		h.r.out = h
		h.r.limit = r.lim.maxHeld()
	}
	return c
}

// segment takes a TCP segment that r.ip and t describe.
func (r *run) segment(t *tcpHeader, lost int, at decoder.Mark) {
	syn := t.flags&tcpSYN != 0
	quick := !r.ip.v6 && !syn && !quickOff
	var ft flowTuple
	if quick {
		ft = flowTuple{binary.BigEndian.Uint32(r.ip.src[:4]), binary.BigEndian.Uint32(r.ip.dst[:4]), uint32(t.srcPort)<<16 | uint32(t.dstPort)}
		if q := r.quick.find(ft); q != nil {
			if q.c == ignored {
				return
			}
			q.c.packets++
			if h := &q.c.half[q.d]; !h.straight(t.seq, t.payload, lost, at) {
				h.r.segment(t.seq, syn, t.payload, lost, at)
			}
			return
		}
	}
	r.keyed++
	src := endpoint{addr: r.ip.src, v6: r.ip.v6, port: t.srcPort}
	dst := endpoint{addr: r.ip.dst, v6: r.ip.v6, port: t.dstPort}
	key, d := flowKey{src, dst}, 0
	if dst.less(src) {
		key, d = flowKey{dst, src}, 1
	}
	c := r.flow(key)
	if c != nil && syn && t.flags&tcpACK == 0 {
		// A new SYN with another initial sequence number: the ports are
		// being used again by a new connection.
		if h := &c.half[d]; c == ignored || (h.r.started && h.r.isn != t.seq+1) {
			c.finish(at)
			c = nil
		}
	}
	if c == nil {
		if len(r.flows) >= maxFlows {
			r.notes.tooManyFlows++
			return
		}
		c = r.newConn(key)
		r.setFlow(key, c)
	}
	if quick {
		r.quick.put(quickFlow{ft, c, d})
	}
	if c == ignored {
		return
	}
	c.packets++
	c.half[d].r.segment(t.seq, syn, t.payload, lost, at)
}

// quickFlows finds the connection of an IPv4 segment without SYN from its
// addresses and ports as they are, in a table by their hash, before
// segment makes the flow's key and looks it up: most packets belong to a
// connection seen a moment ago, and making the key costs more in the wasm
// than the rest of a segment's way to its stream. Each hash has two
// entries, the one found or put last first. setFlow has the table forget
// the flow it changes, so that an entry is always the flow's connection
// in run.flows.
type quickFlows [1 << quickBits][2]quickFlow

// quickBits is the bits of a segment's hash that choose its entries.
const quickBits = 9

// quickOff turns run.quick off, for the tests that compare.
var quickOff bool

// flowTuple is an IPv4 segment's sender address, receiver address, and
// ports (the sender's in the top half).
type flowTuple struct{ src, dst, ports uint32 }

// quickFlow is a direction of a flow: its tuple, its connection (or
// ignored) and its index in conn.half; c is nil in an empty entry.
type quickFlow struct {
	t flowTuple
	c *conn
	d int
}

// entries returns the two entries of tuple ft.
func (q *quickFlows) entries(ft flowTuple) *[2]quickFlow {
	h := ft.src*0x9e3779b1 + ft.dst*0x85ebca6b + ft.ports*0xc2b2ae35
	return &q[h>>(32-quickBits)]
}

// find returns the entry of ft, or nil.
func (q *quickFlows) find(ft flowTuple) *quickFlow {
	e := q.entries(ft)
	if e[0].t == ft && e[0].c != nil {
		return &e[0]
	}
	if e[1].t == ft && e[1].c != nil {
		return &e[1]
	}
	return nil
}

// put makes f the first entry of its tuple, the other entry the one that
// was first unless it was f's.
func (q *quickFlows) put(f quickFlow) {
	e := q.entries(f.t)
	if e[0].t != f.t {
		e[1] = e[0]
	}
	e[0] = f
}

// forget empties the entries of both directions of flow key.
func (q *quickFlows) forget(key flowKey) {
	if key.a.v6 {
		return
	}
	a, b := binary.BigEndian.Uint32(key.a.addr[:4]), binary.BigEndian.Uint32(key.b.addr[:4])
	for _, ft := range [2]flowTuple{{a, b, uint32(key.a.port)<<16 | uint32(key.b.port)}, {b, a, uint32(key.b.port)<<16 | uint32(key.a.port)}} {
		e := q.entries(ft)
		for i := range e {
			if e[i].t == ft {
				e[i] = quickFlow{}
			}
		}
	}
}

// flowEntry is a flow and its connection (or ignored) as run.flows has it.
type flowEntry struct {
	key flowKey
	c   *conn
}

// flow returns the connection of key in r.flows, or nil. Most packets
// belong to a connection seen a moment ago: a small table by the two
// ports answers them with one comparison, where the map hashes the
// 40-byte key (in the wasm, a few percent of a capture's decode).
func (r *run) flow(key flowKey) *conn {
	e := &r.recent[(key.a.port^key.b.port)%uint16(len(r.recent))]
	if e.c != nil && e.key == key {
		return e.c
	}
	c := r.flows[key]
	if c != nil {
		*e = flowEntry{key, c}
	}
	return c
}

// setFlow makes c the connection of key, in r.flows and in r.recent, and
// has r.quick forget the flow.
func (r *run) setFlow(key flowKey, c *conn) {
	r.flows[key] = c
	r.quick.forget(key)
	if e := &r.recent[(key.a.port^key.b.port)%uint16(len(r.recent))]; e.c != nil && e.key == key {
		e.c = c
	}
}

// data takes the next in-order bytes of this direction: through the TLS
// layer on a TLS connection, else straight to plain.
func (h *half) data(p []byte, at decoder.Mark) {
	c := h.c
	if c.tls != nil {
		c.tlsData(h, p, at)
		return
	}
	if c.state == stateDetect && h.r.offset == 0 && len(h.acc) == 0 && !h.afterGap && tlsdec.Sniff(p) != 0 {
		c.startTLS()
		c.tlsData(h, p, at)
		return
	}
	h.plain(p, at)
}

// plain takes the next bytes of this direction's application stream.
func (h *half) plain(p []byte, at decoder.Mark) {
	switch h.c.state {
	case stateOpen:
		h.st.Write(p, at)
	case stateDetect, stateRequested, stateAnswered:
		h.c.detect(h, p, at)
	}
}

// offset returns the offset of the next byte of this direction's
// application stream: TCP bytes, or plaintext bytes on a TLS connection.
func (h *half) offset() int64 {
	if h.c.tls != nil {
		return h.c.tls.off[h.d]
	}
	return h.r.offset
}

// gap takes n bytes of this direction that were never captured.
func (h *half) gap(n int64, at decoder.Mark) {
	if h.c.tls != nil {
		h.c.tlsGap(h, n, at)
		return
	}
	h.plainGap(n, at)
}

// plainGap takes n bytes of this direction's application stream that were
// never captured.
func (h *half) plainGap(n int64, at decoder.Mark) {
	c := h.c
	switch c.state {
	case stateOpen:
		conn := c.r.s.Connection(c.id)
		conn.Gaps = append(conn.Gaps, decoder.Gap{From: h.side, Offset: h.offset(), Bytes: n, Packet: at.Packet})
		h.st.Gap(n, at)
	case stateDetect, stateRequested, stateAnswered:
		// Bytes before the gap cannot be decoded: start again after it,
		// looking for frames (an HTTP head cut by the gap, perhaps by the
		// snapshot length, cannot be read).
		if h.head >= 0 {
			// Keep the request; what follows it starts after the gap.
			h.acc = h.acc[:h.head]
			h.accBase = h.offset() + n - int64(h.head)
		} else {
			h.acc = h.acc[:0]
			h.accBase = h.offset() + n
			h.afterGap = true
		}
		h.gapped = true
	}
}

// ignore gives up on a connection that does not carry WebSocket.
func (c *conn) ignore() {
	c.state = stateIgnored
	if c.r.flows[c.key] == c {
		c.r.setFlow(c.key, ignored)
	}
	for d := range c.half {
		h := &c.half[d]
		h.acc, h.r.held, h.r.heldBytes = nil, nil, 0
	}
	if c.tls != nil {
		c.tls.release()
	}
}

// finish ends an open connection (or one answered whose request never
// came): held segments are flushed with their gaps and both streams closed.
func (c *conn) finish(at decoder.Mark) {
	if c.state == stateTLS {
		c.r.s.Connection(c.id).Packets = c.packets
		c.state = stateIgnored
		return
	}
	if c.state == stateAnswered {
		c.open(c.client, at) // the request never came
	}
	if c.state != stateOpen {
		return
	}
	for d := range c.half {
		c.half[d].r.flush()
	}
	for d := range c.half {
		c.half[d].st.Close(at)
	}
	c.r.s.Connection(c.id).Packets = c.packets
	c.state = stateIgnored
}
