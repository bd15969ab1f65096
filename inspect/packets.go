package inspect

import (
	"bytes"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/paste"
)

// decodePackets reads a dump of several packets (tshark -x, Wireshark's
// Copy as Hex Dump of many packets) as a capture. ok is false when text is
// not one: fewer than two packets, or not mostly TCP/IP packets. The
// packets are read from their lines twice, first for that and the text's
// errors, then as they are decoded, and never held together: -stats on
// 31 MB of one-frame packets held 10 MB of them beside the text.
func decodePackets(text []byte, opts decoder.Options) (*decoder.Result, bool) {
	spans := paste.SplitPackets(text)
	if len(spans) < 2 {
		return nil, false
	}
	in := decoder.Input{Kind: "hex", Format: paste.FormatWireshark, TextBytes: len(text)}
	var errs []decoder.Error
	tcp := 0
	lines, counted := 0, 0 // newlines in text[:counted], counted as the packets go
	eachPacket(text, spans, func(b []byte, start int, e []decoder.Error) {
		lines += bytes.Count(text[counted:start], []byte{'\n'})
		counted = start
		for _, x := range e {
			x.Offset += int64(start)
			x.Line += lines
			errs = append(errs, x)
		}
		if capture.IsTCP(b) {
			tcp++
		}
		in.Bytes += int64(len(b))
	})
	if tcp*2 < len(spans) {
		return nil, false
	}
	read := func(packet func(b []byte, text int)) {
		eachPacket(text, spans, func(b []byte, start int, _ []decoder.Error) { packet(b, start) })
	}
	r := capture.DecodePackets(capture.Packets{Count: len(spans), Read: read}, in, opts)
	r.Errors = append(append([]decoder.Error{}, errs...), r.Errors...) // never null in JSON
	return r, true
}

// eachPacket reads the packet of each span of text, in order, handing
// its bytes, where it starts and the errors of its lines (placed in
// them) to packet.
func eachPacket(text []byte, spans []paste.Span, packet func(b []byte, start int, errs []decoder.Error)) {
	for _, sp := range spans {
		b, _, e := decoder.ParseInput(text[sp.Start:sp.End], paste.FormatWireshark)
		packet(b, sp.Start, e)
	}
}
