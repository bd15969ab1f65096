package main

import (
	"fmt"

	"github.com/wsframe/wsframe/decoder"
)

// reread decodes the last streamed file again, keeping the bytes of the
// frames named in keep; nil when the last decode was not streamed.
var reread func(keep []int) *decoder.Result

// summary writes r for the page: payloads cut to o.Preview bytes and, when
// o.Rows is set, only the first rows of the frame and message lists, with
// Totals saying how many there are (rows fetches the rest). Only the rows
// written are copied.
func summary(r *decoder.Result, o options) string {
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
	var part decoder.Result
	switch kind {
	case "frames":
		start, end := span(start, count, len(last.Frames))
		part.Frames = last.Frames[start:end]
		return marshal(decoder.Preview(&part, o.Preview).Frames)
	case "messages":
		start, end := span(start, count, len(last.Messages))
		part.Messages = last.WithReadings(last.Messages[start:end], true)
		return marshal(decoder.Preview(&part, o.Preview).Messages)
	}
	return errorJSON(0, fmt.Sprintf("rows(kind, ...): kind is %q; use \"frames\" or \"messages\"", kind))
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
	var list []int
	on := func(c *int) bool { return c != nil && *c == connection }
	switch kind {
	case "frames":
		for i := range last.Frames {
			if on(last.Frames[i].Connection) {
				list = append(list, i)
			}
		}
	case "messages":
		for i := range last.Messages {
			if on(last.Messages[i].Connection) {
				list = append(list, i)
			}
		}
	default:
		return errorJSON(0, fmt.Sprintf("index(kind, connection): kind is %q; use \"frames\" or \"messages\"", kind))
	}
	return marshal(append([]int{}, list...))
}
