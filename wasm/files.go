//go:build !js || full

package main

// The capture files: only the full program (wsframe-full.wasm, built with
// -tags full) reads them, and the native build, where the tests run.

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
	"github.com/wsframe/wsframe/inspect"
)

// maxTextFile caps a dropped file that is not a capture and so is read
// whole as pasted text.
const maxTextFile = 64 << 20

// decodeCaptureBytes is wsframe.decodeCapture: a capture file in, the
// contract's JSON out. Like the command line it finds the kind from the
// content, so a dropped text file of pasted frames works too. A capture
// goes into an index, as in decodeStream.
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
		lastIx = indexed{ix: ix}
		return summary(last, o)
	}
	last = inspect.Decode(b, d)
	return summary(last, o)
}

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
	head := make([]byte, inspect.HeadSize)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return errorJSON(0, "cannot read the file: "+err.Error())
	}
	head = head[:n]
	rest := io.MultiReader(bytes.NewReader(head), r)
	// What the file is, found once from its first bytes and handed on.
	kind := inspect.Classify(head, d.Format)
	switch {
	case kind.IsCapture():
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
		lastIx = indexed{ix: ix}
		return summary(last, o)
	case kind == inspect.KindHAR && d.AsPayload == "":
		// A HAR goes into an index like a capture: its messages are read
		// one at a time, and a frame rebuilt for one is built again from
		// the file when it is asked for.
		ix := decoder.NewIndex(int64(o.Budget))
		d.Index = ix
		last = decodeHARStream(rest, at, d, progress)
		lastIx = indexed{ix: ix, reconstructed: true}
		return summary(last, o)
	case !kind.Readable() && kind != inspect.KindBinary && d.AsPayload == "":
		// Named from its signature (an image, an archive, a key log ...):
		// refused without reading the rest.
		last = inspect.Refuse(kind, head, d)
		last.Input.Bytes = size
		return summary(last, o)
	}
	if size > maxTextFile {
		return errorJSON(0, fmt.Sprintf("the file is not a capture (it starts % x), and at %d MB too large to read as pasted text", head[:min(len(head), 8)], size>>20))
	}
	b, err := io.ReadAll(io.LimitReader(rest, maxTextFile))
	if err != nil {
		return errorJSON(0, "cannot read the file: "+err.Error())
	}
	if len(head) == inspect.HeadSize {
		kind = inspect.Classify(b, d.Format) // the whole file, where frames chain past the head
	}
	last = inspect.DecodeKind(kind, b, d)
	return summary(last, o)
}

// indexed is a capture read into an index (lastIx): its frames and
// messages are read again from the file when the page asks for them.
type indexed struct {
	ix *decoder.Index
	// reconstructed marks every frame rebuilt from its message (a HAR's).
	reconstructed bool
}

func (x indexed) summary(r *decoder.Result, o options) string {
	out := *r
	nf, nm := x.ix.Frames(), x.ix.Messages()
	rows := o.Rows
	if rows <= 0 {
		rows = max(nf, nm)
	} else if nf > rows || nm > rows {
		out.Totals = &decoder.Totals{Frames: nf, Messages: nm}
	}
	var err error
	if out.Frames, err = x.frames(0, min(rows, nf), o.Preview); err == nil {
		out.Messages, err = x.messages(0, min(rows, nm), o.Preview)
	}
	if err != nil {
		return errorJSON(0, err.Error())
	}
	out.Connections = make([]decoder.Connection, len(r.Connections))
	copy(out.Connections, r.Connections)
	for i := range out.Connections {
		out.Connections[i].App = out.Connections[i].App.Brief() // packets without their fields
	}
	return marshal(&out)
}

func (x indexed) rows(kind string, start, count int, o options) string {
	var v any
	var err error
	if kind == "frames" {
		start, end := span(start, count, x.ix.Frames())
		v, err = x.frames(start, end, o.Preview)
	} else {
		start, end := span(start, count, x.ix.Messages())
		v, err = x.messages(start, end, o.Preview)
	}
	if err != nil {
		return errorJSON(0, err.Error())
	}
	return marshal(v)
}

func (x indexed) index(kind string, connection int) string {
	list := []int{}
	if kind == "frames" {
		for i := range x.ix.Frames() {
			if x.ix.FrameConnection(i) == connection {
				list = append(list, i)
			}
		}
	} else {
		for k := range x.ix.Messages() {
			if x.ix.MessageConnection(k) == connection {
				list = append(list, k)
			}
		}
	}
	return marshal(list)
}

// frames reads frames [start, end) of the index, their payloads cut to
// preview bytes (0: whole).
func (x indexed) frames(start, end, preview int) ([]decoder.Frame, error) {
	if preview <= 0 {
		preview = -1
	}
	out := make([]decoder.Frame, 0, end-start)
	for i := start; i < end; i++ {
		f, err := x.ix.Frame(i, preview)
		if err != nil {
			return nil, err
		}
		f.Reconstructed = x.reconstructed
		out = append(out, *f)
	}
	return out, nil
}

// messages reads messages [start, end) of the index, their data cut to
// preview bytes (0: whole), each with its brief reading, made from at most
// maxMessage bytes of it read again (as a frame's detail reads it).
func (x indexed) messages(start, end, preview int) ([]decoder.Message, error) {
	read := maxMessage
	if preview <= 0 {
		preview, read = -1, -1
	} else if preview > read {
		read = preview
	}
	out := make([]decoder.Message, 0, end-start)
	for k := start; k < end; k++ {
		m, err := x.ix.MessagePreview(k, read)
		if err != nil {
			return nil, err
		}
		one := last.WithReadings([]decoder.Message{*m}, true)
		if preview >= 0 {
			one = decoder.Preview(&decoder.Result{Messages: one}, preview).Messages
		}
		out = append(out, one[0])
	}
	return out, nil
}

// maxMessage caps the message data a frame's detail carries for a capture
// read into an index (flagged data_truncated past it), as much as the
// frame's own bytes the page is sent (max_bytes, 64 KiB by default).
const maxMessage = 64 << 10

// source is detail.FromResult for a capture read into an index: the
// frame's message is cut as the frame's bytes are (a message inflating to
// 32 MiB is not sent whole to be shown).
func (x indexed) source(index int) (*detail.Source, error) {
	src, err := detail.FromIndex(x.ix, last, index, nil, maxMessage)
	if err == nil {
		src.Frame.Reconstructed = x.reconstructed
	}
	return src, err
}
