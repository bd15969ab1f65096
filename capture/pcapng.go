package capture

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
)

// pcapng files (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html):
// a run of blocks, each type(4) length(4) body length(4). A section header
// block starts each section and sets its byte order; interface description
// blocks give the link type and timestamp resolution of each interface.
const (
	blockSHB      = 0x0a0d0d0a // section header
	blockIDB      = 0x00000001 // interface description
	blockOPB      = 0x00000002 // packet (obsolete)
	blockSPB      = 0x00000003 // simple packet
	blockEPB      = 0x00000006 // enhanced packet
	blockDSB      = 0x0000000a // decryption secrets
	secretsTLS    = 0x544c534b // DSB secrets type: an NSS key log ("TLSK")
	byteOrderBOM  = 0x1a2b3c4d
	blockMinLen   = 12
	optEnd        = 0
	optIfTsresol  = 9
	optIfTsoffset = 14
)

// readPcapng reads a pcapng file from r.src block by block, handing each
// packet to r.packet. It stops at the end of the file or at the first block
// whose length cannot be trusted.
func (r *run) readPcapng() {
	src := r.src
	var order binary.ByteOrder = binary.LittleEndian
	var ifaces []*iface // of the current section
	num := 0            // packets so far
	for blk := 1; ; blk++ {
		r.tick()
		if r.full() {
			return
		}
		off := src.off
		if src.atEOF() {
			return
		}
		h := src.peek(12)
		if len(h) < 8 {
			r.cutShort(off, msg.New("capture.pcapng.end-header", "block {block} at byte {offset}: the file ends inside the block header ({got} of 8 bytes); is the file cut short?", "block", blk, "offset", off, "got", len(h)))
			src.next(len(h))
			return
		}
		typ := order.Uint32(h[0:4])
		if binary.BigEndian.Uint32(h[0:4]) == blockSHB {
			typ = blockSHB
			if len(h) < 12 {
				r.cutShort(off, msg.New("capture.pcapng.end-section", "block {block} at byte {offset}: the file ends inside the section header ({got} of 12 bytes); is the file cut short?", "block", blk, "offset", off, "got", len(h)))
				src.next(len(h))
				return
			}
			switch {
			case binary.BigEndian.Uint32(h[8:12]) == byteOrderBOM:
				order = binary.BigEndian
			case binary.LittleEndian.Uint32(h[8:12]) == byteOrderBOM:
				order = binary.LittleEndian
			default:
				r.s.Say(off+8, msg.New("capture.pcapng.magic", "block {block} at byte {offset}: the section header's byte-order magic is {bytes}; expected 1a 2b 3c 4d in either byte order", "block", blk, "offset", off, "bytes", fmt.Sprintf("% x", h[8:12])))
				return
			}
		}
		length := order.Uint32(h[4:8])
		switch {
		case length < blockMinLen:
			r.s.Say(off, msg.New("capture.pcapng.short-block", "block {block} at byte {offset}: its length is {length}, less than the {min} bytes of an empty block; the file is corrupt from here", "block", blk, "offset", off, "length", length, "min", blockMinLen))
			return
		case length%4 != 0:
			r.s.Say(off, msg.New("capture.pcapng.align", "block {block} at byte {offset}: its length {length} is not a multiple of 4; the file is corrupt from here", "block", blk, "offset", off, "length", length))
			return
		case length > uint32(r.lim.maxBlock()):
			r.s.Say(off, msg.New("capture.pcapng.long-block", "block {block} at byte {offset}: its length {length} is more than the {max} bytes any block may have; the file is corrupt from here", "block", blk, "offset", off, "length", length, "max", r.lim.maxBlock()))
			return
		}
		if rem := src.remaining(); rem >= 0 && int64(length) > rem {
			r.cutShort(off, msg.New("capture.pcapng.beyond", "block {block} at byte {offset}: its length is {length}, but only {left} bytes remain in the file; is the file cut short?", "block", blk, "offset", off, "length", length, "left", rem))
			return
		}
		b, ok := src.next(int(length))
		if !ok {
			r.cutShort(off, msg.New("capture.pcapng.beyond", "block {block} at byte {offset}: its length is {length}, but only {left} bytes remain in the file; is the file cut short?", "block", blk, "offset", off, "length", length, "left", len(b)))
			return
		}
		if trailer := order.Uint32(b[length-4:]); trailer != length {
			r.s.Say(off+int64(length)-4, msg.New("capture.pcapng.trailer", "block {block} at byte {offset}: its length is {length} at the start but {trailer} in the trailer copy at byte {at}; the file is corrupt from here", "block", blk, "offset", off, "length", length, "trailer", trailer, "at", off+int64(length)-4))
			return
		}
		body := b[8 : length-4]
		switch typ {
		case blockSHB:
			if len(body) < 16 {
				r.s.Say(off, msg.New("capture.pcapng.short-section", "block {block} at byte {offset}: a section header takes at least 28 bytes, this one has {length}", "block", blk, "offset", off, "length", length))
				return
			}
			if major := order.Uint16(body[4:6]); major != 1 {
				r.s.Say(off, msg.New("capture.pcapng.version", "block {block} at byte {offset}: section header version {version} is not 1, the only version this reader knows", "block", blk, "offset", off, "version", major))
				return
			}
			ifaces = ifaces[:0:0]
			r.sections++
		case blockIDB:
			if len(body) < 8 {
				r.s.Say(off, msg.New("capture.pcapng.short-idb", "block {block} at byte {offset}: an interface description takes at least 8 bytes, this one has {length}", "block", blk, "offset", off, "length", len(body)))
				continue
			}
			ifc := r.addInterface(uint32(order.Uint16(body[0:2])), off, len(ifaces))
			ifc.snaplen = order.Uint32(body[4:8])
			readIfaceOptions(body[8:], order, ifc)
			ifaces = append(ifaces, ifc)
		case blockEPB, blockOPB:
			num++
			if len(body) < 20 {
				r.s.Say(off, msg.New("capture.pcapng.short-epb", "packet {packet} (block {block} at byte {offset}): a packet block takes at least 20 bytes, this one has {length}", "packet", num, "block", blk, "offset", off, "length", len(body)))
				continue
			}
			var id uint32
			if typ == blockEPB {
				id = order.Uint32(body[0:4])
			} else {
				id = uint32(order.Uint16(body[0:2]))
			}
			ticks := uint64(order.Uint32(body[4:8]))<<32 | uint64(order.Uint32(body[8:12]))
			caplen := order.Uint32(body[12:16])
			orig := order.Uint32(body[16:20])
			if caplen > uint32(len(body)-20) {
				r.s.Say(off, msg.New("capture.pcapng.caplen", "packet {packet} (block {block} at byte {offset}): the block says {caplen} bytes were captured, but it holds only {holds}", "packet", num, "block", blk, "offset", off, "caplen", caplen, "holds", len(body)-20))
				continue
			}
			if id >= uint32(len(ifaces)) {
				r.s.Say(off, msg.New("capture.pcapng.iface", "packet {packet} (block {block} at byte {offset}): it names interface {iface}, but the section describes {n} interface(s)", "packet", num, "block", blk, "offset", off, "iface", id, "n", len(ifaces)))
				continue
			}
			ifc := ifaces[id]
			if caplen > uint32(r.lim.maxPacket()) {
				r.s.Say(off, msg.New("capture.pcapng.long-packet", "packet {packet} (block {block} at byte {offset}): the block says {caplen} bytes were captured, more than the {max} bytes any packet may have", "packet", num, "block", blk, "offset", off, "caplen", caplen, "max", r.lim.maxPacket()))
				continue
			}
			ts := ifc.time(ticks)
			if y := ts.Year(); y < 0 || y > 9999 {
				// JSON (RFC 3339) cannot write such a time: say so, and
				// decode the packet without one.
				r.s.Say(off, msg.New("capture.pcapng.year", "packet {packet} (block {block} at byte {offset}): its timestamp reads as the year {year}, outside 0 to 9999; the packet is read without a time", "packet", num, "block", blk, "offset", off, "year", y))
				ts = time.Time{}
			}
			r.packet(ifc, num, off, decoder.StampOf(ts), !ts.IsZero(), body[20:20+caplen], int(orig), off+8+20)
		case blockDSB:
			if len(body) < 8 {
				r.s.Say(off, msg.New("capture.pcapng.short-dsb", "block {block} at byte {offset}: a decryption secrets block takes at least 8 bytes, this one has {length}", "block", blk, "offset", off, "length", len(body)))
				continue
			}
			typ, n := order.Uint32(body[0:4]), order.Uint32(body[4:8])
			if n > uint32(len(body)-8) {
				r.s.Say(off, msg.New("capture.pcapng.dsb-len", "block {block} at byte {offset}: the decryption secrets block says it holds {n} bytes of secrets, but it has only {holds}", "block", blk, "offset", off, "n", n, "holds", len(body)-8))
				continue
			}
			if typ == secretsTLS {
				r.secretsBlock(body[8:8+n], off, blk)
			}
		case blockSPB:
			num++
			if len(body) < 4 {
				r.s.Say(off, msg.New("capture.pcapng.short-spb", "packet {packet} (block {block} at byte {offset}): a simple packet block takes at least 4 bytes, this one has {length}", "packet", num, "block", blk, "offset", off, "length", len(body)))
				continue
			}
			if len(ifaces) == 0 {
				r.s.Say(off, msg.New("capture.pcapng.spb-iface", "packet {packet} (block {block} at byte {offset}): a simple packet block needs interface 0, but the section describes none", "packet", num, "block", blk, "offset", off))
				continue
			}
			orig := order.Uint32(body[0:4])
			data := body[4:]
			if uint32(len(data)) > orig {
				data = data[:orig] // the rest is padding
			}
			ifc := ifaces[0]
			if ifc.snaplen > 0 && uint32(len(data)) > ifc.snaplen {
				data = data[:ifc.snaplen]
			}
			r.packet(ifc, num, off, 0, false, data, int(orig), off+8+4)
		}
	}
}

// readIfaceOptions reads the options of an interface description block that
// matter here: the timestamp resolution and offset.
func readIfaceOptions(b []byte, order binary.ByteOrder, ifc *iface) {
	for len(b) >= 4 {
		code := order.Uint16(b[0:2])
		n := int(order.Uint16(b[2:4]))
		b = b[4:]
		if code == optEnd || n > len(b) {
			return
		}
		v := b[:n]
		switch {
		case code == optIfTsresol && n == 1:
			ifc.tsresol = v[0]
		case code == optIfTsoffset && n == 8:
			ifc.tsoffset = int64(order.Uint64(v))
		}
		b = b[min(len(b), (n+3)&^3):]
	}
}

// pow10 holds 10^0 .. 10^19, every power of ten a uint64 holds.
var pow10 = [20]uint64{
	1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

// time converts a timestamp in the interface's units to a time: if_tsresol
// with its top bit clear gives units of 10^-n seconds, with it set 2^-n.
func (ifc *iface) time(ticks uint64) time.Time {
	res := ifc.tsresol
	var sec, nsec uint64
	if res&0x80 == 0 {
		k := min(int(res), 19)
		sec = ticks / pow10[k]
		frac := ticks % pow10[k]
		if k <= 9 {
			nsec = frac * pow10[9-k]
		} else {
			nsec = frac / pow10[k-9]
		}
	} else {
		k := int(res & 0x7f)
		switch {
		case k == 0:
			sec = ticks
		case k < 64:
			sec = ticks >> k
			hi, lo := bits.Mul64(ticks&(1<<k-1), 1e9)
			nsec = hi<<(64-k) | lo>>k
		default:
			hi, _ := bits.Mul64(ticks, 1e9)
			nsec = hi >> (k - 64)
		}
	}
	return time.Unix(int64(sec)+ifc.tsoffset, int64(nsec)).UTC()
}
