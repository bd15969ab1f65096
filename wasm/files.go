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
	"github.com/wsframe/wsframe/internal/msg"
)

// maxTextFile caps a dropped file that is not a capture and so is read
// whole as pasted text.
const maxTextFile = 64 << 20

func init() { decodeIndexed, briefHandshakes = decodePasteIndexed, brief }

// brief is conns with every handshake but the first's (the one the page
// shows at once) cut to its outcome (decoder.Handshake.Brief): they were
// two thirds of a 127 MB capture's answer (issue 24), and the page asks
// for one whole (handshake) when it shows it. conns is not changed.
func brief(conns []decoder.Connection) []decoder.Connection {
	if len(conns) < 2 {
		return conns
	}
	out := make([]decoder.Connection, len(conns))
	copy(out, conns)
	for i := range out[1:] {
		out[i+1].Handshake = out[i+1].Handshake.Brief()
	}
	return out
}

// handshakesOption checks the option handshakes: "" or "brief".
func handshakesOption(o options) error {
	if o.Handshakes != "" && o.Handshakes != "brief" {
		return fmt.Errorf("handshakes is %q; use \"brief\" or \"\"", o.Handshakes)
	}
	return nil
}

// decodePasteIndexed decodes a large paste of kind into an index, as the
// command decodes text over 256 KiB: frames in any paste form (maybe after
// a handshake) over the bytes the text spells; a conversation (Follow TCP
// Stream, many packets) over its bytes copied once into the index's store;
// a HAR with its frames built again from the text. Rows and frames are
// read again when they are asked for, as a capture's are from its file.
func decodePasteIndexed(kind inspect.Kind, text []byte, d decoder.Options, o options) string {
	view = nil
	ix := decoder.NewIndex(int64(o.Budget))
	d.Index = ix
	return show(detail.NewIndexView(prog.Decode(kind, text, d), ix, kind == inspect.KindHAR), o)
}

// handshake is wsframe.handshake: the whole opening handshake of connection
// id of the last decode (null when it had none), which a summary asked
// with handshakes "brief" cuts.
func handshake(id int) string {
	if view == nil {
		return errorJSON(0, "nothing has been decoded yet")
	}
	conns := view.Result().Connections
	for _, c := range conns {
		if c.ID == id {
			return marshal(c.Handshake)
		}
	}
	return errorJSON(0, fmt.Sprintf("handshake(connection): the last decode has no connection %d (it has %d)", id, len(conns)))
}

// decodeCaptureBytes is wsframe.decodeCapture: a capture file in, the
// contract's JSON out. Like the command line it finds the kind from the
// content, so a dropped text file of pasted frames works too. A capture
// goes into an index, as in decodeStream.
func decodeCaptureBytes(b []byte, o options) string {
	d, err := decoderOptions(o)
	if err == nil {
		err = handshakesOption(o)
	}
	if err != nil {
		return errJSON(err)
	}
	view = nil
	if _, ok := capture.Detect(b); ok {
		ix := decoder.NewIndex(int64(o.Budget))
		open := func() io.Reader { return bytes.NewReader(b) }
		return show(detail.NewIndexView(capture.DecodeIndexed(open, bytes.NewReader(b), int64(len(b)), d, ix, nil), ix, false), o)
	}
	return show(detail.NewView(prog.Decode(prog.Classify(b, d.Format), b, d), d.Extension), o)
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
	if err == nil {
		err = handshakesOption(o)
	}
	if err != nil {
		return errJSON(err)
	}
	view = nil
	r := open()
	head := make([]byte, inspect.HeadSize)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return errJSON(msg.New("file.read", "cannot read the file: {err}", "err", err.Error()))
	}
	head = head[:n]
	rest := io.MultiReader(bytes.NewReader(head), r)
	// What the file is, found once from its first bytes and handed on.
	kind := prog.Classify(head, d.Format)
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
		return show(detail.NewIndexView(capture.DecodeIndexed(again, at, size, d, ix, progress), ix, false), o)
	case kind == inspect.KindHAR && d.AsPayload == "":
		// A HAR goes into an index like a capture: its messages are read
		// one at a time, and a frame rebuilt for one is built again from
		// the file when it is asked for.
		ix := decoder.NewIndex(int64(o.Budget))
		d.Index = ix
		return show(detail.NewIndexView(decodeHARStream(rest, at, d, progress), ix, true), o)
	case !kind.Readable() && kind != inspect.KindBinary && d.AsPayload == "":
		// Named from its signature (an image, an archive, a key log ...):
		// refused without reading the rest.
		r := inspect.Refuse(kind, head, d)
		r.Input.Bytes = size
		return show(detail.NewView(r, d.Extension), o)
	}
	if size > maxTextFile {
		return errJSON(msg.New("file.too-large", "the file is not a capture (it starts {start}), and at {mb} MB too large to read as pasted text (at most {max} MB)",
			"start", fmt.Sprintf("% x", head[:min(len(head), 8)]), "mb", size>>20, "max", maxTextFile>>20))
	}
	b, err := io.ReadAll(io.LimitReader(rest, maxTextFile))
	if err != nil {
		return errJSON(msg.New("file.read", "cannot read the file: {err}", "err", err.Error()))
	}
	if len(head) == inspect.HeadSize {
		kind = prog.Classify(b, d.Format) // the whole file, where frames chain past the head
	}
	return show(detail.NewView(prog.Decode(kind, b, d), d.Extension), o)
}
