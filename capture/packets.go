package capture

import (
	"fmt"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
	"github.com/wsframe/wsframe/internal/words"
)

// Packets are packets read one by one from pasted text (a dump of several,
// from tshark -x or Wireshark's Copy as Hex Dump), in the order given.
type Packets struct {
	Data [][]byte
	// Text is where each packet's dump begins in the pasted text, for
	// errors.
	Text []int
}

// DecodePackets reads pasted packets as a capture: each is tried as the
// link layers ReadPacket knows, its TCP segment put back in order by
// sequence number on its connection, the upgrade found, and directions
// told by the addresses and the handshake, as for a capture file. in
// describes the paste; its Packets field is set to how many packets were
// read, and Note says how many packets and connections were found.
func DecodePackets(p Packets, in decoder.Input, opts decoder.Options) *decoder.Result {
	r := &run{src: newMemorySource(nil), opts: opts}
	in.Packets = len(p.Data)
	r.s = decoder.NewSession(in, opts)
	r.flows = make(map[flowKey]*conn)
	skipped := 0
	// Pasted packets are in no source as they are (but in the text's
	// lines): into an index, their bytes are copied to its store as they
	// go (a negative source offset, which stays negative as it advances).
	var src int64
	if opts.Index != nil {
		src = notInSource
	}
	for i, b := range p.Data {
		link, ok := tcpLink(b)
		if !ok {
			if skipped++; skipped <= maxTruncatedReports {
				r.s.Say(int64(p.Text[i]), msg.New("capture.not-tcp", "packet {packet} is not a TCP/IP packet under any link layer wsframe reads; it was skipped", "packet", i+1))
			}
			continue
		}
		r.packet(&iface{link: link, ok: true}, i+1, int64(p.Text[i]), 0, false, b, len(b), src)
	}
	r.finish()
	res := r.s.Result()
	res.Input.NoteID = "packets"
	res.Input.NoteParams = decoder.Params{"packets": len(p.Data), "tcp": len(r.flows), "websocket": len(res.Connections)}
	res.Input.Note = fmt.Sprintf("%s, %s, %s", words.Count(len(p.Data), "packet"),
		words.Count(len(r.flows), "TCP connection"), words.Count(len(res.Connections), "WebSocket connection"))
	return res
}

// notInSource is a source offset for bytes that are in no source: negative
// however far it advances, so that an index copies them (decoder.Mark.Src).
const notInSource = -1 << 62

// IsTCP reports whether b reads as one whole TCP/IP packet (see tcpLink).
func IsTCP(b []byte) bool {
	_, ok := tcpLink(b)
	return ok
}

// tcpLink returns the first link layer under which b reads as a TCP
// segment over IPv4 or IPv6 that holds its whole IP payload.
func tcpLink(b []byte) (uint32, bool) {
	link, _, _, ok := tcpIn(b, false)
	return link, ok
}
