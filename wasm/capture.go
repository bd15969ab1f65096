package main

import (
	"fmt"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
)

// lastIx answers for the last decode when it was a capture file read into
// an index (decoder.Index): its frames and messages are read again from the
// file as they are shown, so that memory follows what is on screen. nil
// when the last decode kept its lists in last. Only programs that read
// capture files set it (wasm/files.go), so the first program links none
// of the index's reading.
var lastIx listing

// listing is what the page asks of a decode kept as an index rather than
// as lists in last.
type listing interface {
	// summary is summary for it.
	summary(r *decoder.Result, o options) string
	// rows is rows for it, kind already checked.
	rows(kind string, start, count int, o options) string
	// index is index for it, kind already checked.
	index(kind string, connection int) string
	// source is detail.FromResult for it.
	source(index int) (*detail.Source, error)
}

// summary writes r for the page: payloads cut to o.Preview bytes and, when
// o.Rows is set, only the first rows of the frame and message lists, with
// Totals saying how many there are (rows fetches the rest). Only the rows
// written are copied.
func summary(r *decoder.Result, o options) string {
	if lastIx != nil {
		return lastIx.summary(r, o)
	}
	out := *r
	if o.Rows > 0 && (len(r.Frames) > o.Rows || len(r.Messages) > o.Rows) {
		out.Totals = &decoder.Totals{Frames: len(r.Frames), Messages: len(r.Messages)}
		out.Frames = r.Frames[:min(o.Rows, len(r.Frames))]
		out.Messages = r.Messages[:min(o.Rows, len(r.Messages))]
	}
	out.Messages = r.WithReadings(out.Messages, true)
	return marshal(decoder.Preview(&out, o.Preview))
}

// rows is wsframe.rows: count frames or messages of the last decode from
// start, their payloads cut to o.Preview bytes, as a JSON list.
func rows(kind string, start, count int, o options) string {
	if last == nil {
		return errorJSON(0, "nothing has been decoded yet")
	}
	if kind != "frames" && kind != "messages" {
		return errorJSON(0, fmt.Sprintf("rows(kind, ...): kind is %q; use \"frames\" or \"messages\"", kind))
	}
	if lastIx != nil {
		return lastIx.rows(kind, start, count, o)
	}
	var part decoder.Result
	if kind == "frames" {
		start, end := span(start, count, len(last.Frames))
		part.Frames = last.Frames[start:end]
		return marshal(decoder.Preview(&part, o.Preview).Frames)
	}
	start, end := span(start, count, len(last.Messages))
	part.Messages = last.WithReadings(last.Messages[start:end], true)
	return marshal(decoder.Preview(&part, o.Preview).Messages)
}

// span clips [start, start+count) to [0, n).
func span(start, count, n int) (int, int) {
	start = min(max(start, 0), n)
	return start, min(start+max(count, 0), n)
}

// index is wsframe.index: the indexes of the last decode's frames or
// messages on one connection, as a JSON list, for the page's connection
// filter. It reads no payload.
func index(kind string, connection int) string {
	if last == nil {
		return errorJSON(0, "nothing has been decoded yet")
	}
	if kind != "frames" && kind != "messages" {
		return errorJSON(0, fmt.Sprintf("index(kind, connection): kind is %q; use \"frames\" or \"messages\"", kind))
	}
	if lastIx != nil {
		return lastIx.index(kind, connection)
	}
	var list []int
	on := func(c *int) bool { return c != nil && *c == connection }
	if kind == "frames" {
		for i := range last.Frames {
			if on(last.Frames[i].Connection) {
				list = append(list, i)
			}
		}
	} else {
		for i := range last.Messages {
			if on(last.Messages[i].Connection) {
				list = append(list, i)
			}
		}
	}
	return marshal(append([]int{}, list...))
}
