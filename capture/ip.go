package capture

import "encoding/binary"

// IP protocol numbers and IPv6 extension headers (RFC 8200 section 4).
const (
	protoHopByHop = 0
	protoTCP      = 6
	protoRouting  = 43
	protoFragment = 44
	protoAH       = 51
	protoDestOpts = 60
	maxExtHeaders = 8
)

// ipHeader is the part of an IPv4 or IPv6 header this package needs. One is
// reused for every packet.
type ipHeader struct {
	v6       bool
	src, dst [16]byte // IPv4 addresses in the first 4 bytes
	proto    uint8    // protocol after any extension headers
	// payload is the captured part of the IP payload, cut to the length the
	// header gives (Ethernet padding and trailers are not payload).
	payload []byte
	// claimed is the payload length the header gives; more than
	// len(payload) when the snapshot length cut the packet.
	claimed int
	// later is true for a fragment other than the first: it has no
	// transport header and is skipped.
	later bool
	// fragmented is true for the first fragment of a fragmented datagram.
	fragmented bool
}

// decode reads the IP header at the start of b (IPv4 or IPv6, as p says)
// into ip. It returns false when b is not a readable IP header.
func (ip *ipHeader) decode(p netProto, b []byte) bool {
	ip.later, ip.fragmented = false, false
	switch p {
	case netIPv4:
		return ip.decode4(b)
	case netIPv6:
		return ip.decode6(b)
	}
	return false
}

// decode4 reads an IPv4 header (RFC 791 section 3.1), options included.
func (ip *ipHeader) decode4(b []byte) bool {
	if len(b) < 20 || b[0]>>4 != 4 {
		return false
	}
	ihl := int(b[0]&0x0f) * 4
	if ihl < 20 || ihl > len(b) {
		return false
	}
	total := int(binary.BigEndian.Uint16(b[2:4]))
	if total == 0 {
		total = len(b) // segmentation offload: the length is left at 0
	}
	if total < ihl {
		return false
	}
	ip.v6 = false
	ip.proto = b[9]
	// Byte by byte: a copy of four bytes is a call in the wasm.
	ip.src = [16]byte{b[12], b[13], b[14], b[15]}
	ip.dst = [16]byte{b[16], b[17], b[18], b[19]}
	flags := binary.BigEndian.Uint16(b[6:8])
	if flags&0x1fff != 0 {
		ip.later = true
	} else if flags&0x2000 != 0 {
		ip.fragmented = true
	}
	ip.payload = b[ihl:min(total, len(b))]
	ip.claimed = total - ihl
	return true
}

// decode6 reads an IPv6 header (RFC 8200 section 3) and walks its extension
// headers: hop-by-hop, routing, destination options, fragment and AH.
func (ip *ipHeader) decode6(b []byte) bool {
	if len(b) < 40 || b[0]>>4 != 6 {
		return false
	}
	end := 40 + int(binary.BigEndian.Uint16(b[4:6]))
	if end == 40 {
		end = len(b) // jumbogram or segmentation offload
	}
	next := b[6]
	ip.v6 = true
	copy(ip.src[:], b[8:24])
	copy(ip.dst[:], b[24:40])
	off := 40
	for range maxExtHeaders {
		var n int
		switch next {
		case protoHopByHop, protoRouting, protoDestOpts:
			if len(b) < off+2 {
				return false
			}
			n = (int(b[off+1]) + 1) * 8
		case protoFragment:
			if len(b) < off+8 {
				return false
			}
			fo := binary.BigEndian.Uint16(b[off+2 : off+4])
			if fo>>3 != 0 {
				ip.later = true
			} else if fo&1 != 0 {
				ip.fragmented = true
			}
			n = 8
		case protoAH:
			if len(b) < off+2 {
				return false
			}
			n = (int(b[off+1]) + 2) * 4
		default:
			n = 0
		}
		if n == 0 {
			break
		}
		if len(b) < off+n {
			return false
		}
		next = b[off]
		off += n
	}
	if end < off {
		return false
	}
	ip.proto = next
	ip.payload = b[off:min(end, len(b))]
	ip.claimed = end - off
	return true
}
