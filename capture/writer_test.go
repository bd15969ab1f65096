package capture

// A small capture writer for tests: TCP conversations built packet by
// packet, wrapped in any supported link layer, written as pcap or pcapng in
// either byte order.

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"time"
)

// The seed article's exchange (see shared/DESIGN.md).
const (
	seedRequest = "GET /chat HTTP/1.1\r\n" +
		"Host: 127.0.0.1:8080\r\n" +
		"Upgrade: websocket\r\n" +
		"Connection: Upgrade\r\n" +
		"Sec-WebSocket-Key: ByrM/ZMQsliJ3ARpSzF6lg==\r\n" +
		"Sec-WebSocket-Version: 13\r\n\r\n"
	seedResponse = "HTTP/1.1 101 Switching Protocols\r\n" +
		"Upgrade: websocket\r\n" +
		"Connection: Upgrade\r\n" +
		"Sec-WebSocket-Accept: j+6fEtOsvfgsycBMCfLxWNzPFxk=\r\n\r\n"
)

var (
	seedServerFrame = unhex("810c" + hex.EncodeToString([]byte("Hello, world")))
	seedClientFrame = unhex("81899539ffddd25690b9b55b86b8bb")
	seedTime        = time.Date(2016, 2, 11, 9, 30, 0, 123456000, time.UTC)
)

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// testPacket is one IP packet of a conversation and when it was sent.
type testPacket struct {
	ip   []byte
	v6   bool
	ts   time.Time
	orig int // length on the wire when more was sent than ip holds; 0 if the same
}

// conv builds a TCP conversation between a client and a server.
type conv struct {
	cli, srv   netip.AddrPort
	cseq, sseq uint32
	ipOptions  bool // IPv4: add a 4-byte options field (NOP NOP NOP EOL)
	extHeaders bool // IPv6: hop-by-hop, destination, routing and fragment headers
	t          time.Time
	pkts       []testPacket
}

func newConv(cli, srv string) *conv {
	return &conv{
		cli: netip.MustParseAddrPort(cli), srv: netip.MustParseAddrPort(srv),
		cseq: 1000, sseq: 5000, t: seedTime,
	}
}

// handshake adds the TCP three-way handshake.
func (c *conv) handshake() *conv {
	c.add(true, c.cseq, tcpSYN, nil)
	c.add(false, c.sseq, tcpSYN|tcpACK, nil)
	c.cseq++
	c.sseq++
	c.add(true, c.cseq, tcpACK, nil)
	return c
}

// send adds one segment of data from the client or the server and
// advances that side's sequence number.
func (c *conv) send(client bool, data []byte) *conv {
	if client {
		c.add(true, c.cseq, tcpACK, data)
		c.cseq += uint32(len(data))
	} else {
		c.add(false, c.sseq, tcpACK, data)
		c.sseq += uint32(len(data))
	}
	return c
}

// seed adds the seed article's exchange: handshake, request, answer,
// "Hello, world" from the server and "Good bye." from the client.
func (c *conv) seed() *conv {
	return c.handshake().
		send(true, []byte(seedRequest)).
		send(false, []byte(seedResponse)).
		send(false, seedServerFrame).
		send(true, seedClientFrame)
}

// add adds one TCP segment with the given sequence number.
func (c *conv) add(client bool, seq uint32, flags uint8, data []byte) {
	src, dst := c.srv, c.cli
	if client {
		src, dst = c.cli, c.srv
	}
	seg := tcpSegment(src.Port(), dst.Port(), seq, flags, data)
	c.t = c.t.Add(time.Millisecond)
	p := testPacket{ts: c.t, v6: src.Addr().Is6()}
	if p.v6 {
		p.ip = ipv6Packet(src.Addr().As16(), dst.Addr().As16(), seg, c.extHeaders)
	} else {
		p.ip = ipv4Packet(src.Addr().As4(), dst.Addr().As4(), seg, c.ipOptions)
	}
	c.pkts = append(c.pkts, p)
}

// tcpSegment builds a TCP header with a timestamp-sized options field and data.
func tcpSegment(sport, dport uint16, seq uint32, flags uint8, data []byte) []byte {
	opts := []byte{1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2} // NOP NOP timestamps
	h := make([]byte, 20+len(opts), 20+len(opts)+len(data))
	binary.BigEndian.PutUint16(h[0:], sport)
	binary.BigEndian.PutUint16(h[2:], dport)
	binary.BigEndian.PutUint32(h[4:], seq)
	binary.BigEndian.PutUint32(h[8:], 1)
	h[12] = byte(len(h)/4) << 4
	h[13] = flags
	binary.BigEndian.PutUint16(h[14:], 65535)
	copy(h[20:], opts)
	return append(h, data...)
}

func ipv4Packet(src, dst [4]byte, payload []byte, options bool) []byte {
	hl := 20
	if options {
		hl = 24
	}
	h := make([]byte, hl, hl+len(payload))
	h[0] = 0x40 | byte(hl/4)
	binary.BigEndian.PutUint16(h[2:], uint16(hl+len(payload)))
	binary.BigEndian.PutUint16(h[6:], 0x4000) // don't fragment
	h[8] = 64
	h[9] = protoTCP
	copy(h[12:], src[:])
	copy(h[16:], dst[:])
	if options {
		copy(h[20:], []byte{1, 1, 1, 0})
	}
	var sum uint32
	for i := 0; i < hl; i += 2 {
		sum += uint32(binary.BigEndian.Uint16(h[i:]))
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	binary.BigEndian.PutUint16(h[10:], ^uint16(sum))
	return append(h, payload...)
}

func ipv6Packet(src, dst [16]byte, payload []byte, ext bool) []byte {
	var exts []byte
	next := byte(protoTCP)
	if ext {
		// hop-by-hop -> destination options -> routing -> fragment -> TCP
		exts = []byte{
			protoDestOpts, 0, 1, 4, 0, 0, 0, 0, // hop-by-hop, PadN
			protoRouting, 0, 1, 4, 0, 0, 0, 0, // destination options, PadN
			protoFragment, 0, 0, 0, 0, 0, 0, 0, // routing, segments left 0
			protoTCP, 0, 0, 0, 0, 0, 0, 7, // fragment: offset 0, M 0 (atomic)
		}
		next = protoHopByHop
	}
	h := make([]byte, 40, 40+len(exts)+len(payload))
	h[0] = 0x60
	binary.BigEndian.PutUint16(h[4:], uint16(len(exts)+len(payload)))
	h[6] = next
	h[7] = 64
	copy(h[8:], src[:])
	copy(h[24:], dst[:])
	h = append(h, exts...)
	return append(h, payload...)
}

// linkOpts shape a link layer header.
type linkOpts struct {
	vlan      []uint16 // Ethernet tag types to add, outermost first (0x8100, 0x88a8)
	bigEndian bool     // DLT_NULL: family written big-endian
}

// wrap puts an IP packet in a link layer header of type link.
func wrap(link uint32, p testPacket, o linkOpts) []byte {
	proto := uint16(etherIPv4)
	family4, family6 := uint32(2), uint32(30)
	if p.v6 {
		proto = etherIPv6
	}
	var h []byte
	switch link {
	case linkEthernet:
		h = append(h, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
		for i, t := range o.vlan {
			h = binary.BigEndian.AppendUint16(h, t)
			h = binary.BigEndian.AppendUint16(h, uint16(100+i))
		}
		h = binary.BigEndian.AppendUint16(h, proto)
	case linkSLL:
		h = append(h, 0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0)
		h = binary.BigEndian.AppendUint16(h, proto)
	case linkSLL2:
		h = binary.BigEndian.AppendUint16(h, proto)
		h = append(h, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0)
	case linkNull:
		f := family4
		if p.v6 {
			f = family6
		}
		if o.bigEndian {
			h = binary.BigEndian.AppendUint32(h, f)
		} else {
			h = binary.LittleEndian.AppendUint32(h, f)
		}
	case linkLoop:
		f := family4
		if p.v6 {
			f = 24
		}
		h = binary.BigEndian.AppendUint32(h, f)
	}
	return append(h, p.ip...)
}

// record is one packet as a capture file holds it.
type record struct {
	ts    time.Time
	data  []byte
	orig  int // 0: len(data)
	iface int // pcapng interface
	block int // pcapng block type: 0 for an enhanced packet block
}

func records(link uint32, pkts []testPacket, o linkOpts) []record {
	var rs []record
	for _, p := range pkts {
		d := wrap(link, p, o)
		orig := 0
		if p.orig > 0 {
			orig = len(d) - len(p.ip) + p.orig
		}
		rs = append(rs, record{ts: p.ts, data: d, orig: orig})
	}
	return rs
}

// snap cuts every record to snaplen bytes, keeping its wire length.
func snap(rs []record, snaplen int) []record {
	for i := range rs {
		if len(rs[i].data) > snaplen {
			if rs[i].orig == 0 {
				rs[i].orig = len(rs[i].data)
			}
			rs[i].data = rs[i].data[:snaplen]
		}
	}
	return rs
}

// writePcap writes a classic pcap file.
func writePcap(order byteOrder, nano bool, link uint32, snaplen uint32, rs []record) []byte {
	var b []byte
	magic := uint32(pcapMagicMicro)
	if nano {
		magic = pcapMagicNano
	}
	b = order.AppendUint32(b, magic)
	b = order.AppendUint16(b, 2)
	b = order.AppendUint16(b, 4)
	b = order.AppendUint32(b, 0)
	b = order.AppendUint32(b, 0)
	b = order.AppendUint32(b, snaplen)
	b = order.AppendUint32(b, link)
	for _, r := range rs {
		frac := r.ts.Nanosecond() / 1000
		if nano {
			frac = r.ts.Nanosecond()
		}
		orig := r.orig
		if orig == 0 {
			orig = len(r.data)
		}
		b = order.AppendUint32(b, uint32(r.ts.Unix()))
		b = order.AppendUint32(b, uint32(frac))
		b = order.AppendUint32(b, uint32(len(r.data)))
		b = order.AppendUint32(b, uint32(orig))
		b = append(b, r.data...)
	}
	return b
}

// ngIface is an interface of a pcapng section.
type ngIface struct {
	link    uint16
	snaplen uint32
	tsresol byte // 0: no option (microseconds)
}

// ngBlock appends one pcapng block.
func ngBlock(b []byte, order byteOrder, typ uint32, body []byte) []byte {
	for len(body)%4 != 0 {
		body = append(body, 0)
	}
	n := uint32(12 + len(body))
	b = order.AppendUint32(b, typ)
	b = order.AppendUint32(b, n)
	b = append(b, body...)
	return order.AppendUint32(b, n)
}

// ticks returns ts in units of the interface's resolution.
func (i ngIface) ticks(ts time.Time) uint64 {
	res := i.tsresol
	if res == 0 {
		res = 6
	}
	if res&0x80 != 0 {
		k := res & 0x7f
		return uint64(ts.Unix())<<k | uint64(ts.Nanosecond())<<k/1e9
	}
	n := uint64(ts.Unix())
	for range res {
		n *= 10
	}
	d := uint64(1)
	for range 9 - int(res) {
		d *= 10
	}
	return n + uint64(ts.Nanosecond())/d
}

// writePcapng writes one pcapng section: a section header, an interface
// description per interface, an unknown block, and the packets.
func writePcapng(order byteOrder, ifaces []ngIface, rs []record) []byte {
	var b []byte
	shb := order.AppendUint32(nil, byteOrderBOM)
	shb = order.AppendUint16(shb, 1)
	shb = order.AppendUint16(shb, 0)
	shb = order.AppendUint64(shb, ^uint64(0))
	b = ngBlock(b, order, blockSHB, shb)
	for _, i := range ifaces {
		idb := order.AppendUint16(nil, i.link)
		idb = order.AppendUint16(idb, 0)
		idb = order.AppendUint32(idb, i.snaplen)
		if i.tsresol != 0 {
			idb = order.AppendUint16(idb, optIfTsresol)
			idb = order.AppendUint16(idb, 1)
			idb = append(idb, i.tsresol, 0, 0, 0)
			idb = order.AppendUint32(idb, 0) // opt_endofopt
		}
		b = ngBlock(b, order, blockIDB, idb)
	}
	b = ngBlock(b, order, 0xabcd, []byte("unknown block, to be skipped"))
	for _, r := range rs {
		orig := r.orig
		if orig == 0 {
			orig = len(r.data)
		}
		t := ifaces[r.iface].ticks(r.ts)
		switch r.block {
		case blockSPB:
			body := order.AppendUint32(nil, uint32(orig))
			b = ngBlock(b, order, blockSPB, append(body, r.data...))
		case blockOPB:
			body := order.AppendUint16(nil, uint16(r.iface))
			body = order.AppendUint16(body, 0)
			body = order.AppendUint32(body, uint32(t>>32))
			body = order.AppendUint32(body, uint32(t))
			body = order.AppendUint32(body, uint32(len(r.data)))
			body = order.AppendUint32(body, uint32(orig))
			b = ngBlock(b, order, blockOPB, append(body, r.data...))
		default:
			body := order.AppendUint32(nil, uint32(r.iface))
			body = order.AppendUint32(body, uint32(t>>32))
			body = order.AppendUint32(body, uint32(t))
			body = order.AppendUint32(body, uint32(len(r.data)))
			body = order.AppendUint32(body, uint32(orig))
			b = ngBlock(b, order, blockEPB, append(body, r.data...))
		}
	}
	return b
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// byteOrder is a byte order that can also append.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}
