package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
)

// maxTextFile caps a dropped file that is not a capture and so is read
// whole as pasted text.
const maxTextFile = 64 << 20

// decodeCaptureBytes is wsframe.decodeCapture: a capture file in, the
// contract's JSON out. Like the command line it finds the kind from the
// content, so a dropped text file of pasted frames works too.
func decodeCaptureBytes(b []byte, o options) string {
	d, err := decoderOptions(o)
	if err != nil {
		return errorJSON(0, err.Error())
	}
	lastIx = nil
	if _, ok := capture.Detect(b); ok {
		ix := decoder.NewIndex(int64(o.Budget))
		open := func() io.Reader { return bytes.NewReader(b) }
		last = capture.DecodeIndexed(open, bytes.NewReader(b), int64(len(b)), d, ix, nil)
		lastIx = ix
		return summary(last, o)
	}
	last = inspect.Decode(b, d)
	return summary(last, o)
}

// lastIx is the index of the last capture decoded from a file: its frames
// and messages are read again from the file as they are shown, so that
// memory follows what is on screen (nil when the last decode kept its
// lists in last).
var lastIx *decoder.Index

// decodeStream decodes a file read piece by piece through a reader from
// open (in the page, a File read with FileReaderSync in the worker), so
// that the file itself is never held whole in Go's memory. A capture goes
// into an index (decoder.Index) of small records under a memory budget
// (o.Budget, default 512 MiB): frames and messages are read again from the
// file through at when they are asked for, and a capture too large for
// the budget is read as far as it fits, the result saying so (stopped).
// progress is told how many bytes have been read.
func decodeStream(open func() io.Reader, at io.ReaderAt, size int64, o options, progress func(done int64)) string {
	d, err := decoderOptions(o)
	if err != nil {
		return errorJSON(0, err.Error())
	}
	last, lastIx = nil, nil
	r := open()
	head := make([]byte, 8)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return errorJSON(0, "cannot read the file: "+err.Error())
	}
	head = head[:n]
	rest := io.MultiReader(bytes.NewReader(head), r)
	if _, ok := capture.Detect(head); ok {
		first := true
		again := func() io.Reader {
			if first {
				first = false
				return rest
			}
			return open()
		}
		ix := decoder.NewIndex(int64(o.Budget))
		last = capture.DecodeIndexed(again, at, size, d, ix, progress)
		lastIx = ix
		return summary(last, o)
	}
	if size > maxTextFile {
		return errorJSON(0, fmt.Sprintf("the file is not a capture (it starts % x), and at %d MB too large to read as pasted text", head, size>>20))
	}
	b, err := io.ReadAll(io.LimitReader(rest, maxTextFile))
	if err != nil {
		return errorJSON(0, "cannot read the file: "+err.Error())
	}
	last = inspect.Decode(b, d)
	return summary(last, o)
}

// summary writes r for the page: payloads cut to o.Preview bytes and, when
// o.Rows is set, only the first rows of the frame and message lists, with
// Totals saying how many there are (rows fetches the rest). Only the rows
// written are copied.
func summary(r *decoder.Result, o options) string {
	out := *r
	if lastIx != nil {
		nf, nm := lastIx.Frames(), lastIx.Messages()
		rows := o.Rows
		if rows <= 0 {
			rows = max(nf, nm)
		} else if nf > rows || nm > rows {
			out.Totals = &decoder.Totals{Frames: nf, Messages: nm}
		}
		var err error
		if out.Frames, err = indexFrames(0, min(rows, nf), o.Preview); err == nil {
			out.Messages, err = indexMessages(0, min(rows, nm), o.Preview)
		}
		if err != nil {
			return errorJSON(0, err.Error())
		}
		return marshal(&out)
	}
	if o.Rows > 0 && (len(r.Frames) > o.Rows || len(r.Messages) > o.Rows) {
		out.Totals = &decoder.Totals{Frames: len(r.Frames), Messages: len(r.Messages)}
		out.Frames = r.Frames[:min(o.Rows, len(r.Frames))]
		out.Messages = r.Messages[:min(o.Rows, len(r.Messages))]
	}
	return marshal(decoder.Preview(&out, o.Preview))
}

// rows is wsframe.rows: count frames or messages of the last decode from
// start, their payloads cut to o.Preview bytes, as a JSON list.
func rows(kind string, start, count int, o options) string {
	if last == nil {
		return errorJSON(0, "nothing has been decoded yet")
	}
	if lastIx != nil {
		var v any
		var err error
		switch kind {
		case "frames":
			start, end := span(start, count, lastIx.Frames())
			v, err = indexFrames(start, end, o.Preview)
		case "messages":
			start, end := span(start, count, lastIx.Messages())
			v, err = indexMessages(start, end, o.Preview)
		default:
			return errorJSON(0, fmt.Sprintf("rows(kind, ...): kind is %q; use \"frames\" or \"messages\"", kind))
		}
		if err != nil {
			return errorJSON(0, err.Error())
		}
		return marshal(v)
	}
	var part decoder.Result
	switch kind {
	case "frames":
		start, end := span(start, count, len(last.Frames))
		part.Frames = last.Frames[start:end]
		return marshal(decoder.Preview(&part, o.Preview).Frames)
	case "messages":
		start, end := span(start, count, len(last.Messages))
		part.Messages = last.Messages[start:end]
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
	if ix := lastIx; ix != nil {
		switch kind {
		case "frames":
			for i := range ix.Frames() {
				if ix.FrameConnection(i) == connection {
					list = append(list, i)
				}
			}
		case "messages":
			for k := range ix.Messages() {
				if ix.MessageConnection(k) == connection {
					list = append(list, k)
				}
			}
		default:
			return errorJSON(0, fmt.Sprintf("index(kind, connection): kind is %q; use \"frames\" or \"messages\"", kind))
		}
		return marshal(append([]int{}, list...))
	}
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

// indexFrames reads frames [start, end) of the last index, their payloads
// cut to preview bytes (0: whole).
func indexFrames(start, end, preview int) ([]decoder.Frame, error) {
	if preview <= 0 {
		preview = -1
	}
	out := make([]decoder.Frame, 0, end-start)
	for i := start; i < end; i++ {
		f, err := lastIx.Frame(i, preview)
		if err != nil {
			return nil, err
		}
		out = append(out, *f)
	}
	return out, nil
}

// indexMessages reads messages [start, end) of the last index, their data
// cut to preview bytes (0: whole).
func indexMessages(start, end, preview int) ([]decoder.Message, error) {
	if preview <= 0 {
		preview = -1
	}
	out := make([]decoder.Message, 0, end-start)
	for k := start; k < end; k++ {
		m, err := lastIx.MessagePreview(k, preview)
		if err != nil {
			return nil, err
		}
		out = append(out, *m)
	}
	return out, nil
}
