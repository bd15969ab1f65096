package inspect

import (
	"bytes"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/paste"
)

// decodePackets reads a dump of several packets (tshark -x, Wireshark's
// Copy as Hex Dump of many packets) as a capture. ok is false when text is
// not one (see packetDump).
func decodePackets(text []byte, opts decoder.Options) (*decoder.Result, bool) {
	p, errs, ok := packetDump(text)
	if !ok {
		return nil, false
	}
	in := decoder.Input{Kind: "hex", Format: paste.FormatWireshark, TextBytes: len(text)}
	for _, b := range p.Data {
		in.Bytes += int64(len(b))
	}
	r := capture.DecodePackets(p, in, opts)
	r.Errors = append(append([]decoder.Error{}, errs...), r.Errors...) // never null in JSON
	return r, true
}

// packetDump reads the packets of a dump of several (tshark -x,
// Wireshark's Copy as Hex Dump of many packets), with the errors of their
// text. ok is false when text is not one: fewer than two packets, or not
// mostly TCP/IP packets.
func packetDump(text []byte) (capture.Packets, []decoder.Error, bool) {
	var p capture.Packets
	spans := paste.SplitPackets(text)
	if len(spans) < 2 {
		return p, nil, false
	}
	var errs []decoder.Error
	tcp := 0
	lines, counted := 0, 0 // newlines in text[:counted], counted as the packets go
	for _, sp := range spans {
		b, _, e := decoder.ParseInput(text[sp.Start:sp.End], paste.FormatWireshark)
		lines += bytes.Count(text[counted:sp.Start], []byte{'\n'})
		counted = sp.Start
		for _, x := range e {
			x.Offset += int64(sp.Start)
			x.Line += lines
			errs = append(errs, x)
		}
		if capture.IsTCP(b) {
			tcp++
		}
		p.Data = append(p.Data, b)
		p.Text = append(p.Text, sp.Start)
	}
	return p, errs, tcp*2 >= len(spans)
}
