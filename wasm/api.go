package main

import (
	"fmt"
	"runtime/debug"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
)

// options are the settings the page passes with each call, as a plain JS
// object with these keys (all optional).
type options struct {
	From         string // from: "", "client" or "server"
	Extension    string // extension: a negotiated extension for pasted frames
	Format       string // format: a paste form, "" to detect
	InflateLimit int    // inflate_limit: bytes; 0 for the default
	Preview      int    // preview: cut payloads in results to this many bytes
	Steps        int    // steps: unmask steps to list in a frame's detail
	StepsFrom    int    // steps_from: the first of them
	MaxBytes     int    // max_bytes: wire bytes to send in a frame's detail
	Rows         int    // rows: list only the first rows of frames and messages (see summary)
	Budget       int    // budget: the memory a capture's index may use, in bytes (0: 512 MiB)
}

// apiError is what a call returns when it cannot do its work.
type apiError struct {
	Error decoder.Error `json:"error"`
}

// session holds the last decode, for frame details. The worker runs one
// call at a time, so no lock is needed.
var last *decoder.Result

// decoderOptions checks the page's options and turns them into the decoder's.
func decoderOptions(o options) (decoder.Options, error) {
	d := decoder.Options{Format: o.Format, InflateLimit: o.InflateLimit}
	switch o.From {
	case "", "auto":
	case "client", "server":
		d.From = decoder.Side(o.From)
	default:
		return d, fmt.Errorf("from is %q; use \"client\", \"server\" or \"\"", o.From)
	}
	if o.Extension != "" {
		ext, err := decoder.ParseExtension(o.Extension)
		if err != nil {
			return d, fmt.Errorf("extension: %v", err)
		}
		d.Extension = ext
	}
	return d, nil
}

// decodeText is wsframe.decode: pasted text in, the contract's JSON out.
func decodeText(text string, o options) string {
	d, err := decoderOptions(o)
	if err != nil {
		return errorJSON(0, err.Error())
	}
	last, lastIx = inspect.Decode([]byte(text), d), nil
	return summary(last, o)
}

// frameDetail is everything the page shows for one frame of the last
// decode: the frame with its whole payload, its bytes on the wire, its
// fields and the steps of its unmasking.
type frameDetail struct {
	Frame          *decoder.Frame       `json:"frame"`
	Bytes          decoder.Hex          `json:"bytes"`
	BytesTruncated bool                 `json:"bytes_truncated,omitempty"`
	HeaderLength   int                  `json:"header_length"`
	Fields         []decoder.Field      `json:"fields"`
	Steps          []decoder.UnmaskStep `json:"steps"`
	StepsTotal     int                  `json:"steps_total"`
	Message        *decoder.Message     `json:"message"`
	Handshake      *decoder.Handshake   `json:"handshake"`
	Connection     *decoder.Connection  `json:"connection,omitempty"`
	// For a compressed message: its DEFLATE data (the frames' payloads
	// joined, or this frame's under deflate-frame) and the blocks in it.
	Compressed    decoder.Hex            `json:"compressed,omitempty"`
	DeflateBlocks []decoder.DeflateBlock `json:"deflate_blocks,omitempty"`
	DeflateError  string                 `json:"deflate_error,omitempty"`
}

// maxMessage caps the message data a frame's detail carries for a capture
// read into an index (flagged data_truncated past it), as much as the
// frame's own bytes the page is sent (max_bytes, 64 KiB by default).
const maxMessage = 64 << 10

// maxBlockWalk caps the DEFLATE data whose blocks a detail lists.
const maxBlockWalk = 1 << 20

// addDeflate fills in the compressed data of d's message and its blocks;
// payload returns a frame's whole payload.
func addDeflate(d *frameDetail, payload func(fi int) ([]byte, error)) {
	m := d.Message
	if m == nil || !m.Compressed {
		return
	}
	var data []byte
	ext := d.Handshake.Negotiated()
	if ext == nil || ext.PerMessage() {
		for _, fi := range m.Frames {
			p, err := payload(fi)
			if err != nil {
				d.DeflateError = err.Error()
				return
			}
			data = append(data, p...)
			if len(data) > maxBlockWalk {
				d.DeflateError = "the compressed data is too large to list its blocks"
				return
			}
		}
	} else {
		data = d.Frame.Payload
	}
	d.Compressed = data
	blocks, err := decoder.DeflateBlocks(data, 0)
	d.DeflateBlocks = blocks
	if err != nil {
		d.DeflateError = err.Error()
	}
}

// lookup returns frame index of the last decode with its whole payload,
// and its message with its whole data (both read again from the file when
// the last decode was indexed), and a way to read any frame's payload.
func lookup(index int) (*decoder.Frame, *decoder.Message, func(int) ([]byte, error), error) {
	if ix := lastIx; ix != nil {
		f, err := ix.Frame(index, -1)
		if err != nil {
			return nil, nil, nil, err
		}
		var m *decoder.Message
		if f.Message >= 0 {
			// The message's data is cut as the frame's bytes are: a
			// message inflating to 32 MiB is not sent whole to be shown.
			if m, err = ix.MessagePreview(f.Message, maxMessage); err != nil {
				return nil, nil, nil, err
			}
		}
		payload := func(fi int) ([]byte, error) {
			g, err := ix.Frame(fi, -1)
			if err != nil {
				return nil, err
			}
			return g.Payload, nil
		}
		return f, m, payload, nil
	}
	n := 0
	if last != nil {
		n = len(last.Frames)
	}
	if index < 0 || index >= n {
		return nil, nil, nil, fmt.Errorf("no frame %d: the last decode has %d frames", index, n)
	}
	f := &last.Frames[index]
	var m *decoder.Message
	if f.Message >= 0 {
		m = &last.Messages[f.Message]
	}
	return f, m, func(fi int) ([]byte, error) { return last.Frames[fi].Payload, nil }, nil
}

func frame(index int, o options) string {
	if last == nil {
		return errorJSON(0, fmt.Sprintf("no frame %d: nothing has been decoded yet", index))
	}
	f, m, payload, err := lookup(index)
	if err != nil {
		return errorJSON(0, err.Error())
	}
	r := last
	d := frameDetail{Frame: f, HeaderLength: f.HeaderLength, Handshake: r.Handshake, Message: m}
	if f.Connection != nil {
		d.Connection = &r.Connections[*f.Connection]
		d.Handshake = d.Connection.Handshake
	}
	maxBytes := o.MaxBytes
	if maxBytes <= 0 {
		maxBytes = 64 << 10
	}
	d.Bytes = decoder.Wire(f, maxBytes)
	d.BytesTruncated = len(f.Payload) > maxBytes
	d.Fields = decoder.Fields(f, d.Message != nil && d.Message.Compressed || d.Handshake != nil && d.Handshake.Negotiated() != nil)
	addDeflate(&d, payload)
	steps := o.Steps
	if steps <= 0 {
		steps = 1024
	}
	if f.Masked {
		d.Steps = decoder.UnmaskSteps(f, o.StepsFrom, steps)
		d.StepsTotal = len(f.Payload)
	} else {
		d.Steps = []decoder.UnmaskStep{}
	}
	return marshal(d)
}

// marshal writes v as JSON with the decoder's small encoder, which keeps
// encoding/json (a sixth of the page's weight) out of the wasm.
func marshal(v any) string { return string(decoder.AppendJSON(nil, v)) }

func errorJSON(offset int64, msg string) string {
	return marshal(apiError{decoder.Error{Offset: offset, Message: msg}})
}

// guard runs fn and turns a panic into an error result, so that a bug in
// the decoder shows as a message and the page keeps working.
func guard(fn func() string) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = errorJSON(0, fmt.Sprintf("internal error (please report it with this input): %v\n%s", r, debug.Stack()))
		}
	}()
	return fn()
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
