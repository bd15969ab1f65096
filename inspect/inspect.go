// Package inspect decodes whatever a user hands wsframe: a capture file,
// pasted text in any paste form (maybe a whole packet copied from
// Wireshark), or raw frame bytes. The command line and the page both start
// here, so they read input the same way.
package inspect

import (
	"bytes"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/har"
	"github.com/wsframe/wsframe/paste"
)

// Decode decodes data, finding its kind from its content (Classify), with
// every capability inspect holds itself (capture files, conversations)
// and no reader or decryption but those opts gives. A program that
// chooses what it can do calls its Kit's Decode instead (wasm/kit_full.go,
// cmd/wsframe); a kit is built here, not held in a variable, so that a
// program that never calls Decode links none of what it reaches.
func Decode(data []byte, opts decoder.Options) *decoder.Result {
	k := Kit{Capture: capture.Decode, Conversation: DecodeConversation}
	return k.Decode(Classify(data, opts.Format), data, opts)
}

// Decode decodes data of kind, as Classify named it: the kind is found
// once and handed on, never found again. An input that needs what the kit
// lacks (a capture, a conversation) decodes to an error saying so; a
// caller that asks Lacks first hands it on instead.
func (k Kit) Decode(kind Kind, data []byte, opts decoder.Options) *decoder.Result {
	if kind.IsCapture() && k.Capture != nil {
		return k.Capture(data, opts)
	}
	return k.DecodeText(kind, data, opts)
}

// IsCapture reports whether data starts as a capture file (pcap, pcapng,
// maybe gzip-compressed) does.
func IsCapture(data []byte) bool {
	_, ok := capture.Detect(data)
	return ok
}

// DecodeText decodes pasted text or raw frame bytes of kind (Classify's),
// which may hold a whole packet; it does not read capture files (Decode
// does), and reads a conversation only with k.Conversation. A kind wsframe does not read (an
// image, a key log, bytes that are not frames) is refused with its name
// and decodes to nothing.
func (k Kit) DecodeText(kind Kind, data []byte, opts decoder.Options) *decoder.Result {
	if opts.AsPayload != "" {
		return decodeAsPayload(data, opts)
	}
	if !kind.Readable() {
		return Refuse(kind, data, opts)
	}
	if kind.NeedsFull() {
		if !kind.IsConversation() || k.Conversation == nil {
			// A capture, or a conversation this kit does not read: a
			// caller that asks Lacks first hands it on instead.
			s := decoder.NewSession(decoder.Input{Kind: "hex", TextBytes: len(data)}, opts)
			s.Errorf(0, "%s is read by the full decoder, which this program is not", kind.Name())
			return s.Result()
		}
		if r, ok := k.Conversation(kind, data, opts); ok {
			return r
		}
	}
	if kind == KindFrames && opts.Format == "" {
		opts.Format = paste.FormatBinary // raw frames, even when their first bytes read as text
	}
	r := decoder.Decode(data, opts)
	if clean(r) || opts.Index != nil {
		return r // (an index holds this decode: none other goes into it)
	}
	// Bytes that do not read cleanly as frames may be a whole packet, as
	// tshark -x and Wireshark's hex dump of a frame show it: then the
	// frames are in its TCP payload.
	raw, in, errs := decoder.ParseInput(data, opts.Format)
	p, ok := capture.ReadPacket(raw)
	if len(errs) > 0 || !ok {
		if r.Input.Kind != "binary" && r.Handshake == nil {
			r.Hint = hint(data, raw, r, len(errs))
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

// The kinds of conversation Conversation names, as the page's first
// program says them when it leaves one to the full program.
const (
	HAR     = "a HAR file or entry"
	Follow  = "a Follow TCP Stream"
	Packets = "a dump of several packets"
)

// Conversation names what data is when it must be read as a whole
// conversation rather than as frames (a HAR file or entry, a Follow TCP
// Stream, a dump of several TCP packets), "" when it is read as frames.
// It only looks, cheaply: the page's first program asks it and leaves such
// a paste to the full program, which reads it (Kit.Conversation), so that
// a paste never shows differently depending on which program is loaded.
func Conversation(data []byte, format string) string {
	switch {
	case format == "har" || format == "" && (isHAROpening(bytes.TrimLeft(data, " \t\r\n\xef\xbb\xbf")) || har.Detect(data)):
		return HAR
	case format == paste.FormatFollowHex || format == paste.FormatFollowRaw || format == "" && paste.IsFollow(data):
		return Follow
	case format == paste.FormatWireshark || format == "" && paste.DetectFormat(data) == paste.FormatWireshark:
		// Whether they are mostly TCP packets is for the full program
		// to see (decodePackets); if not, it reads them as frames.
		if len(paste.SplitPackets(data)) >= 2 {
			return Packets
		}
	}
	return ""
}
