package main

import (
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
)

// decodeText decodes text or raw frame bytes. Input larger than
// wholeInput that reads as frames is decoded without keeping a frame in
// memory, as a capture is: -stats counts frames as they are decided, and
// everything else reads them into an index (decoder.Index) over the bytes
// the text spells, read again a frame at a time as they are written. So
// 3 MB of one-byte frames no longer take gigabytes.
//
// The rest is decoded whole (inspect.Decode), and so is any input under
// -filter or -jsonl: a conversation (HAR, Follow
// TCP Stream, many packets), a paste shown as a payload, and small input,
// which may be one pasted packet or a payload a hint should name (what
// inspect.Decode makes of input that does not read cleanly as frames).
func decodeText(kind inspect.Kind, data []byte, opts decoder.Options, c config) (*decoder.Result, *lists, *stats) {
	ext := c.extension
	if len(data) > wholeInput && opts.AsPayload == "" && c.filter == "" && !c.jsonl && (kind == inspect.KindText || kind == inspect.KindFrames) {
		if c.stats {
			st := newStats()
			o := opts
			o.Sink = st
			r := decoder.Decode(data, o)
			return r, newLists(r, nil, ext), st
		}
		ix := decoder.NewIndex(cliIndexBudget)
		o := opts
		o.Index = ix
		r := decoder.Decode(data, o)
		return r, newLists(r, ix, ext), nil
	}
	r := kit.Decode(kind, data, opts)
	r.Messages = r.WithReadings(r.Messages, false)
	return r, newLists(r, nil, ext), nil
}

// wholeInput is the size up to which text or raw frame bytes are decoded
// whole: a pasted packet is at most 256 KiB (the largest snap length), and
// a message's payload pasted by mistake is smaller still. (A variable
// for the tests.)
var wholeInput = 256 << 10
