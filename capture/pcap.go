package capture

import (
	"encoding/binary"
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
)

// Classic pcap files (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html):
// a 24-byte file header, then records of a 16-byte header and the packet.
const (
	pcapMagicMicro = 0xa1b2c3d4 // timestamps in microseconds
	pcapMagicNano  = 0xa1b23c4d // timestamps in nanoseconds
	pcapHeaderLen  = 24
	pcapRecordLen  = 16
)

// pcapFormat names the variant of a pcap file from its first four bytes,
// or returns "" when they are not a pcap magic number.
func pcapFormat(b []byte) (format string, order binary.ByteOrder, nano bool) {
	if len(b) < 4 {
		return "", nil, false
	}
	switch binary.BigEndian.Uint32(b) {
	case pcapMagicMicro:
		return "pcap-usec", binary.BigEndian, false
	case pcapMagicNano:
		return "pcap-nsec", binary.BigEndian, true
	}
	switch binary.LittleEndian.Uint32(b) {
	case pcapMagicMicro:
		return "pcap-usec", binary.LittleEndian, false
	case pcapMagicNano:
		return "pcap-nsec", binary.LittleEndian, true
	}
	return "", nil, false
}

// readPcap reads a classic pcap file from r.src: the file header, then every
// record, handing each packet to r.packet. It stops at the end of the file or
// at the first record whose length cannot be trusted.
func (r *run) readPcap(order binary.ByteOrder, nano bool) {
	src := r.src
	h, ok := src.next(pcapHeaderLen)
	if !ok {
		r.s.Say(0, msg.New("capture.pcap.short-header", "the pcap file header takes {need} bytes, but the file has only {got}", "need", pcapHeaderLen, "got", len(h)))
		return
	}
	snaplen := order.Uint32(h[16:20])
	// The top bits of the link type field carry FCS information.
	link := order.Uint32(h[20:24]) & 0xffff
	ifc := r.addInterface(link, 20, 0)
	ifc.snaplen = snaplen
	unit := time.Microsecond
	if nano {
		unit = time.Nanosecond
	}
	maxLen := uint32(r.lim.maxPacket())
	big := order == binary.ByteOrder(binary.BigEndian)
	for num := 1; ; num++ {
		r.tick()
		if r.full() {
			return
		}
		off := src.off
		if src.atEOF() {
			return
		}
		rh, ok := src.next(pcapRecordLen)
		if !ok {
			r.cutShort(off, msg.New("capture.pcap.end-record", "packet {packet} at byte {offset}: the file ends inside the record header ({got} of {need} bytes); is the file cut short?", "packet", num, "offset", off, "got", len(rh), "need", pcapRecordLen))
			return
		}
		sec, frac, incl, orig := recordHeader(rh, big)
		if incl > maxLen {
			r.s.Say(off, msg.New("capture.pcap.long-packet", "packet {packet} at byte {offset}: the record says {caplen} bytes were captured, more than the {max} bytes any packet may have; the file is corrupt from here", "packet", num, "offset", off, "caplen", incl, "max", maxLen))
			return
		}
		if rem := src.remaining(); rem >= 0 && int64(incl) > rem {
			r.cutShort(off, msg.New("capture.pcap.beyond", "packet {packet} at byte {offset}: the record says {caplen} bytes were captured, but only {left} remain in the file; is the file cut short?", "packet", num, "offset", off, "caplen", incl, "left", rem))
			return
		}
		if snaplen > 0 && incl > snaplen {
			r.s.Say(off, msg.New("capture.pcap.snaplen", "packet {packet} at byte {offset}: the record says {caplen} bytes were captured, more than the snapshot length {snaplen} of the file header", "packet", num, "offset", off, "caplen", incl, "snaplen", snaplen))
		}
		data, ok := src.next(int(incl))
		if !ok {
			r.cutShort(off, msg.New("capture.pcap.beyond", "packet {packet} at byte {offset}: the record says {caplen} bytes were captured, but only {left} remain in the file; is the file cut short?", "packet", num, "offset", off, "caplen", incl, "left", len(data)))
			return
		}
		ts := decoder.Stamp(int64(sec)*int64(time.Second) + int64(frac)*int64(unit))
		r.packet(ifc, num, off, ts, true, data, int(orig), off+pcapRecordLen)
	}
}

// recordHeader reads the four fields of a pcap record header (seconds,
// fraction, captured and original length) in the file's byte order: with
// no call through binary.ByteOrder for each, which in the wasm is an
// interface call four times a packet.
func recordHeader(h []byte, big bool) (sec, frac, incl, orig uint32) {
	h = h[:pcapRecordLen]
	if big {
		return binary.BigEndian.Uint32(h[0:]), binary.BigEndian.Uint32(h[4:]), binary.BigEndian.Uint32(h[8:]), binary.BigEndian.Uint32(h[12:])
	}
	return binary.LittleEndian.Uint32(h[0:]), binary.LittleEndian.Uint32(h[4:]), binary.LittleEndian.Uint32(h[8:]), binary.LittleEndian.Uint32(h[12:])
}
