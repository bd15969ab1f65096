package capture

import "encoding/binary"

// TCP header flags (RFC 9293 section 3.1).
const (
	tcpFIN = 0x01
	tcpSYN = 0x02
	tcpRST = 0x04
	tcpACK = 0x10
)

// tcpHeader is the part of a TCP header this package needs. One is reused
// for every packet.
type tcpHeader struct {
	srcPort, dstPort uint16
	seq              uint32
	flags            uint8
	payload          []byte // the captured payload
	// lost counts payload bytes the IP header announces but the capture
	// does not hold (cut by the snapshot length).
	lost int
}

// decode reads the TCP header at the start of b, options included (the data
// offset gives their length). claimed is the IP payload length the IP
// header gives, so that payload bytes cut by the snapshot length are
// counted in lost. It returns false when b is not a readable TCP header.
func (t *tcpHeader) decode(b []byte, claimed int) bool {
	if len(b) < 20 {
		return false
	}
	doff := int(b[12]>>4) * 4
	if doff < 20 || doff > len(b) {
		return false
	}
	t.srcPort = binary.BigEndian.Uint16(b[0:2])
	t.dstPort = binary.BigEndian.Uint16(b[2:4])
	t.seq = binary.BigEndian.Uint32(b[4:8])
	t.flags = b[13]
	t.payload = b[doff:]
	t.lost = max(0, claimed-len(b))
	return true
}
