// Package pcapwrite writes capture files for tests and benchmarks: TCP
// conversations built packet by packet, wrapped in any link layer package
// capture reads, written as pcap or pcapng in either byte order. It is the
// one writer the capture tests, the benchmark generator
// (tools/benchcapture) and the browser tests' generator
// (tools/pcapwrite/gen) share.
package pcapwrite

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"net/netip"
	"time"

	"github.com/wsframe/wsframe/decoder"
)

// The link types it writes (the LINKTYPE_ values of pcap and pcapng).
const (
	LinkNull     = 0   // BSD loopback: a 4-byte address family in the writer's byte order
	LinkEthernet = 1   // Ethernet II, with 802.1Q / 802.1ad tags from LinkOpts
	LinkLoop     = 108 // OpenBSD loopback: a 4-byte address family, big-endian
	LinkSLL      = 113 // Linux cooked capture v1
	LinkSLL2     = 276 // Linux cooked capture v2
)

// The pcapng block types; Record.Block chooses among the packet blocks.
const (
	BlockSHB = 0x0a0d0d0a // section header
	BlockIDB = 0x00000001 // interface description
	BlockOPB = 0x00000002 // packet (obsolete)
	BlockSPB = 0x00000003 // simple packet
	BlockEPB = 0x00000006 // enhanced packet
)

// TCP flags.
const (
	TCPFin = 0x01
	TCPSyn = 0x02
	TCPRst = 0x04
	TCPPsh = 0x08
	TCPAck = 0x10
)

const (
	protoHopByHop = 0
	protoTCP      = 6
	protoRouting  = 43
	protoFragment = 44
	protoDestOpts = 60
	etherIPv4     = 0x0800
	etherIPv6     = 0x86dd
	magicMicro    = 0xa1b2c3d4
	magicNano     = 0xa1b23c4d
	byteOrderBOM  = 0x1a2b3c4d
	optIfTsresol  = 9
)

// Packet is one IP packet of a conversation and when it was sent.
type Packet struct {
	IP   []byte
	V6   bool
	TS   time.Time
	Orig int // length on the wire when more was sent than IP holds; 0 if the same
}

// Conv builds a TCP conversation between a client and a server.
type Conv struct {
	Cli, Srv   netip.AddrPort
	Cseq, Sseq uint32
	IPOptions  bool      // IPv4: add a 4-byte options field (NOP NOP NOP EOL)
	ExtHeaders bool      // IPv6: hop-by-hop, destination, routing and fragment headers
	T          time.Time // the time of the last packet; each adds a millisecond
	Pkts       []Packet
}

// NewConv starts a conversation between two address:port endpoints, its
// first packet a millisecond after start.
func NewConv(cli, srv string, start time.Time) *Conv {
	return &Conv{
		Cli: netip.MustParseAddrPort(cli), Srv: netip.MustParseAddrPort(srv),
		Cseq: 1000, Sseq: 5000, T: start,
	}
}

// Handshake adds the TCP three-way handshake.
func (c *Conv) Handshake() *Conv {
	c.Add(true, c.Cseq, TCPSyn, nil)
	c.Add(false, c.Sseq, TCPSyn|TCPAck, nil)
	c.Cseq++
	c.Sseq++
	c.Add(true, c.Cseq, TCPAck, nil)
	return c
}

// Send adds one segment of data from the client or the server and
// advances that side's sequence number.
func (c *Conv) Send(client bool, data []byte) *Conv {
	if client {
		c.Add(true, c.Cseq, TCPAck, data)
		c.Cseq += uint32(len(data))
	} else {
		c.Add(false, c.Sseq, TCPAck, data)
		c.Sseq += uint32(len(data))
	}
	return c
}

// Seed adds the seed article's exchange (see decoder.SeedRequest): the TCP
// handshake, the upgrade request and answer, "Hello, world" from the
// server and "Good bye." from the client.
func (c *Conv) Seed() *Conv {
	return c.Handshake().
		Send(true, []byte(decoder.SeedRequest)).
		Send(false, []byte(decoder.SeedResponse)).
		Send(false, []byte(decoder.SeedServerFrame)).
		Send(true, []byte(decoder.SeedClientFrame))
}

// Add adds one TCP segment with the given sequence number.
func (c *Conv) Add(client bool, seq uint32, flags uint8, data []byte) {
	src, dst := c.Srv, c.Cli
	if client {
		src, dst = c.Cli, c.Srv
	}
	seg := TCPSegment(src.Port(), dst.Port(), seq, flags, data)
	c.T = c.T.Add(time.Millisecond)
	p := Packet{TS: c.T, V6: src.Addr().Is6()}
	if p.V6 {
		p.IP = IPv6(src.Addr().As16(), dst.Addr().As16(), seg, c.ExtHeaders)
	} else {
		p.IP = IPv4(src.Addr().As4(), dst.Addr().As4(), seg, c.IPOptions)
	}
	c.Pkts = append(c.Pkts, p)
}

// TCPSegment builds a TCP header with a timestamp-sized options field and data.
func TCPSegment(sport, dport uint16, seq uint32, flags uint8, data []byte) []byte {
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

// IPv4 builds an IPv4 packet, with a 4-byte options field when options is set.
func IPv4(src, dst [4]byte, payload []byte, options bool) []byte {
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

// IPv6 builds an IPv6 packet, with four extension headers when ext is set.
func IPv6(src, dst [16]byte, payload []byte, ext bool) []byte {
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

// LinkOpts shape a link layer header.
type LinkOpts struct {
	VLAN      []uint16 // Ethernet tag types to add, outermost first (0x8100, 0x88a8)
	BigEndian bool     // DLT_NULL: family written big-endian
}

// Wrap puts an IP packet in a link layer header of type link.
func Wrap(link uint32, p Packet, o LinkOpts) []byte {
	proto := uint16(etherIPv4)
	family4, family6 := uint32(2), uint32(30)
	if p.V6 {
		proto = etherIPv6
	}
	var h []byte
	switch link {
	case LinkEthernet:
		h = append(h, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
		for i, t := range o.VLAN {
			h = binary.BigEndian.AppendUint16(h, t)
			h = binary.BigEndian.AppendUint16(h, uint16(100+i))
		}
		h = binary.BigEndian.AppendUint16(h, proto)
	case LinkSLL:
		h = append(h, 0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0)
		h = binary.BigEndian.AppendUint16(h, proto)
	case LinkSLL2:
		h = binary.BigEndian.AppendUint16(h, proto)
		h = append(h, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0)
	case LinkNull:
		f := family4
		if p.V6 {
			f = family6
		}
		if o.BigEndian {
			h = binary.BigEndian.AppendUint32(h, f)
		} else {
			h = binary.LittleEndian.AppendUint32(h, f)
		}
	case LinkLoop:
		f := family4
		if p.V6 {
			f = 24
		}
		h = binary.BigEndian.AppendUint32(h, f)
	}
	return append(h, p.IP...)
}

// Record is one packet as a capture file holds it.
type Record struct {
	TS    time.Time
	Data  []byte
	Orig  int // 0: len(data)
	Iface int // pcapng interface
	Block int // pcapng block type: 0 for an enhanced packet block
}

// Records wraps each packet in a link layer header of type link.
func Records(link uint32, pkts []Packet, o LinkOpts) []Record {
	var rs []Record
	for _, p := range pkts {
		d := Wrap(link, p, o)
		orig := 0
		if p.Orig > 0 {
			orig = len(d) - len(p.IP) + p.Orig
		}
		rs = append(rs, Record{TS: p.TS, Data: d, Orig: orig})
	}
	return rs
}

// Snap cuts every Record to snaplen bytes, keeping its wire length.
func Snap(rs []Record, snaplen int) []Record {
	for i := range rs {
		if len(rs[i].Data) > snaplen {
			if rs[i].Orig == 0 {
				rs[i].Orig = len(rs[i].Data)
			}
			rs[i].Data = rs[i].Data[:snaplen]
		}
	}
	return rs
}

// Pcap writes a classic pcap file, with nanosecond timestamps when nano is set.
func Pcap(order ByteOrder, nano bool, link uint32, snaplen uint32, rs []Record) []byte {
	b := AppendPcapHeader(nil, order, nano, link, snaplen)
	for _, r := range rs {
		b = AppendPcapRecord(b, order, nano, r)
	}
	return b
}

// AppendPcapHeader appends a pcap file header, for files written record
// by record with AppendPcapRecord.
func AppendPcapHeader(b []byte, order ByteOrder, nano bool, link uint32, snaplen uint32) []byte {
	magic := uint32(magicMicro)
	if nano {
		magic = magicNano
	}
	b = order.AppendUint32(b, magic)
	b = order.AppendUint16(b, 2)
	b = order.AppendUint16(b, 4)
	b = order.AppendUint32(b, 0)
	b = order.AppendUint32(b, 0)
	b = order.AppendUint32(b, snaplen)
	return order.AppendUint32(b, link)
}

// AppendPcapRecord appends one pcap record.
func AppendPcapRecord(b []byte, order ByteOrder, nano bool, r Record) []byte {
	frac := r.TS.Nanosecond() / 1000
	if nano {
		frac = r.TS.Nanosecond()
	}
	orig := r.Orig
	if orig == 0 {
		orig = len(r.Data)
	}
	b = order.AppendUint32(b, uint32(r.TS.Unix()))
	b = order.AppendUint32(b, uint32(frac))
	b = order.AppendUint32(b, uint32(len(r.Data)))
	b = order.AppendUint32(b, uint32(orig))
	return append(b, r.Data...)
}

// Iface is an interface of a pcapng section.
type Iface struct {
	Link    uint16
	Snaplen uint32
	Tsresol byte // 0: no option (microseconds)
}

// ngBlock appends one pcapng block.
func ngBlock(b []byte, order ByteOrder, typ uint32, body []byte) []byte {
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
func (i Iface) ticks(ts time.Time) uint64 {
	res := i.Tsresol
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

// Pcapng writes one pcapng section: a section header, an interface
// description per interface, an unknown block, and the packets.
func Pcapng(order ByteOrder, ifaces []Iface, rs []Record) []byte {
	var b []byte
	shb := order.AppendUint32(nil, byteOrderBOM)
	shb = order.AppendUint16(shb, 1)
	shb = order.AppendUint16(shb, 0)
	shb = order.AppendUint64(shb, ^uint64(0))
	b = ngBlock(b, order, BlockSHB, shb)
	for _, i := range ifaces {
		idb := order.AppendUint16(nil, i.Link)
		idb = order.AppendUint16(idb, 0)
		idb = order.AppendUint32(idb, i.Snaplen)
		if i.Tsresol != 0 {
			idb = order.AppendUint16(idb, optIfTsresol)
			idb = order.AppendUint16(idb, 1)
			idb = append(idb, i.Tsresol, 0, 0, 0)
			idb = order.AppendUint32(idb, 0) // opt_endofopt
		}
		b = ngBlock(b, order, BlockIDB, idb)
	}
	b = ngBlock(b, order, 0xabcd, []byte("unknown block, to be skipped"))
	for _, r := range rs {
		orig := r.Orig
		if orig == 0 {
			orig = len(r.Data)
		}
		t := ifaces[r.Iface].ticks(r.TS)
		switch r.Block {
		case BlockSPB:
			body := order.AppendUint32(nil, uint32(orig))
			b = ngBlock(b, order, BlockSPB, append(body, r.Data...))
		case BlockOPB:
			body := order.AppendUint16(nil, uint16(r.Iface))
			body = order.AppendUint16(body, 0)
			body = order.AppendUint32(body, uint32(t>>32))
			body = order.AppendUint32(body, uint32(t))
			body = order.AppendUint32(body, uint32(len(r.Data)))
			body = order.AppendUint32(body, uint32(orig))
			b = ngBlock(b, order, BlockOPB, append(body, r.Data...))
		default:
			body := order.AppendUint32(nil, uint32(r.Iface))
			body = order.AppendUint32(body, uint32(t>>32))
			body = order.AppendUint32(body, uint32(t))
			body = order.AppendUint32(body, uint32(len(r.Data)))
			body = order.AppendUint32(body, uint32(orig))
			b = ngBlock(b, order, BlockEPB, append(body, r.Data...))
		}
	}
	return b
}

// Gzip compresses b, as a .pcap.gz holds it.
func Gzip(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// ByteOrder is a byte order that can also append.
type ByteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}
