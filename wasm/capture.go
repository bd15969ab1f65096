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
	last = inspect.Decode(b, d)
	return summary(last, o)
}

// defaultKeepBytes bounds the payload bytes a streamed decode keeps: past
// it frames keep previews, and an opened frame is read again from the file.
const defaultKeepBytes = 256 << 20

// reread decodes the last streamed file again, keeping the bytes of the
// frames named in keep; nil when the last decode was not streamed.
var reread func(keep []int) *decoder.Result

// decodeStream decodes a file read piece by piece through a reader from
// open (in the page, a File read with FileReaderSync in the worker), so
// that the file itself is never held whole in Go's memory, and its payloads
// only up to o.KeepBytes (default 256 MiB): a frame past that is read again
// from the file when it is opened. progress is told how many bytes have
// been read.
func decodeStream(open func() io.Reader, size int64, o options, progress func(done int64)) string {
	d, err := decoderOptions(o)
	if err != nil {
		return errorJSON(0, err.Error())
	}
	if d.KeepBytes == 0 {
		d.KeepBytes = defaultKeepBytes
	}
	last, reread = nil, nil
	r := open()
	head := make([]byte, 8)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return errorJSON(0, "cannot read the file: "+err.Error())
	}
	head = head[:n]
	rest := io.MultiReader(bytes.NewReader(head), r)
	if _, ok := capture.Detect(head); ok {
		last = capture.DecodeReader(rest, size, d, progress)
		reread = func(keep []int) *decoder.Result {
			again := d
			again.KeepBytes, again.KeepFrames = 1, keep
			return capture.DecodeReader(open(), size, again, nil)
		}
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
