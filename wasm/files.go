//go:build full || !(js && wasm)

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
	"github.com/wsframe/wsframe/inspect"
)

func init() { decodeAny = inspect.Decode }

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
	rest, isHAR := harHead(rest)
	if isHAR {
		// A HAR streams like a capture: its messages are read one at a
		// time, and a frame kept only as a preview is rebuilt from the
		// file again when opened.
		last = decodeHARStream(rest, d, progress)
		reread = func(keep []int) *decoder.Result {
			again := d
			again.KeepBytes, again.KeepFrames = 1, keep
			return decodeHARStream(open(), again, nil)
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
