// Package inspect decodes whatever a user hands wsframe: a capture file,
// pasted text in any paste form (maybe a whole packet copied from
// Wireshark), or raw frame bytes. The command line and the page both start
// here, so they read input the same way.
package inspect

import (
	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/har"
)

// Decode decodes data, finding its kind from its content.
func Decode(data []byte, opts decoder.Options) *decoder.Result {
	if IsCapture(data) {
		return capture.Decode(data, opts)
	}
	return DecodeText(data, opts)
}

// IsCapture reports whether data starts as a capture file (pcap, pcapng,
// maybe gzip-compressed) does.
func IsCapture(data []byte) bool {
	_, ok := capture.Detect(data)
	return ok
}

// DecodeText decodes pasted text or raw frame bytes, which may hold a
// whole packet; unlike Decode it does not read capture files, so a program
// that calls only DecodeText (the page's first wasm) links no capture
// reader.
func DecodeText(data []byte, opts decoder.Options) *decoder.Result {
	if opts.AsPayload != "" {
		return decodeAsPayload(data, opts)
	}
	if opts.Format == "har" || opts.Format == "" && har.Detect(data) {
		return decodeHAR(data, opts)
	}
	if f := opts.Format; f == decoder.FormatFollowHex || f == decoder.FormatFollowRaw || f == "" && decoder.IsFollow(data) {
		return decodeFollow(data, opts)
	}
	if f := opts.Format; f == decoder.FormatWireshark || f == "" && decoder.DetectFormat(data) == decoder.FormatWireshark {
		if r, ok := decodePackets(data, opts); ok {
			return r
		}
	}
	r := decoder.Decode(data, opts)
	if clean(r) {
		return r
	}
	// Bytes that do not read cleanly as frames may be a whole packet, as
	// tshark -x and Wireshark's hex dump of a frame show it: then the
	// frames are in its TCP payload.
	raw, in, errs := decoder.ParseInput(data, opts.Format)
	p, ok := capture.ReadPacket(raw)
	if len(errs) > 0 || !ok {
		if r.Input.Kind != "binary" && r.Handshake == nil {
			r.Hint = hint(data, r, len(errs))
		}
		return r
	}
	in.Packet = &decoder.Packet{Link: p.Link, Source: p.Source, Dest: p.Dest, Offset: p.Offset}
	pr := decoder.DecodeBytes(p.Payload, in, opts)
	for i := range pr.Frames {
		pr.Frames[i].Offset += int64(p.Offset) // offsets count in the pasted bytes
	}
	return pr
}

// clean reports whether every frame of r arrived whole and keeps every rule.
func clean(r *decoder.Result) bool {
	if len(r.Errors) > 0 || len(r.Frames) == 0 {
		return false
	}
	for i := range r.Frames {
		if r.Frames[i].Missing > 0 || len(r.Frames[i].Violations) > 0 {
			return false
		}
	}
	return true
}
