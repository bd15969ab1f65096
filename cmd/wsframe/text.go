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
// Follow TCP Stream and tshark -x text over wholeInput go the same way (a
// HAR, by runHAR). The rest is decoded whole (inspect.Decode), and so is
// any input under -filter or -jsonl: a paste shown as a payload, and small input,
// which may be one pasted packet or a payload a hint should name (what
// inspect.Decode makes of input that does not read cleanly as frames).
func decodeText(kind inspect.Kind, data []byte, opts decoder.Options, c config) (*decoder.Result, *lists, *stats) {
	ext := c.extension
	if decode := streamedText(kind, data, opts, c); decode != nil {
		if c.stats {
			st := newStats()
			o := opts
			o.Sink = st
			r := decode(data, o)
			return r, newLists(r, nil, ext), st
		}
		ix := decoder.NewIndex(cliIndexBudget)
		o := opts
		o.Index = ix
		r := decode(data, o)
		holdToIndex(ix)
		return r, newLists(r, ix, ext), nil
	}
	r := kit.Decode(kind, data, opts)
	r.Messages = r.WithReadings(r.Messages, false)
	return r, newLists(r, nil, ext), nil
}

// streamedText returns how text or raw frame bytes larger than wholeInput
// that read as frames are decoded into a sink or an index, nil for input
// decoded whole. Follow TCP Stream and tshark -x text go the same way,
// their bytes copied once into the index's store (kit.Decode).
func streamedText(kind inspect.Kind, data []byte, opts decoder.Options, c config) func([]byte, decoder.Options) *decoder.Result {
	conversation := kind == inspect.KindFollow || kind == inspect.KindPackets
	if len(data) <= wholeInput || opts.AsPayload != "" || c.filter != "" || c.jsonl || !(kind == inspect.KindText || kind == inspect.KindFrames || conversation) {
		return nil
	}
	if conversation {
		return func(data []byte, o decoder.Options) *decoder.Result { return kit.Decode(kind, data, o) }
	}
	return decoder.Decode
}

// wholeInput is the size up to which text or raw frame bytes are decoded
// whole: a pasted packet is at most 256 KiB (the largest snap length), and
// a message's payload pasted by mistake is smaller still. (A variable
// for the tests.)
var wholeInput = 256 << 10
