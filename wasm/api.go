package main

import (
	"fmt"
	"runtime/debug"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
	"github.com/wsframe/wsframe/reading"
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
	KeepBytes    int    // keep_bytes: payload bytes a streamed decode keeps (-1: all)
	Protocol     string // protocol: read messages as this application protocol ("", "auto", "none", a name)
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
	d := decoder.Options{Format: o.Format, InflateLimit: o.InflateLimit, KeepBytes: int64(o.KeepBytes), Protocol: o.Protocol}
	if !reading.Valid(o.Protocol) {
		return d, fmt.Errorf("protocol is %q; use \"auto\", \"none\" or one of %v", o.Protocol, reading.Protocols)
	}
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
	last, reread = inspect.Decode([]byte(text), d), nil
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

// maxBlockWalk caps the DEFLATE data whose blocks a detail lists.
const maxBlockWalk = 1 << 20

// addDeflate fills in the compressed data of d's message and its blocks.
func addDeflate(d *frameDetail, r *decoder.Result) {
	m := d.Message
	if m == nil || !m.Compressed {
		return
	}
	var data []byte
	ext := d.Handshake.Negotiated()
	if ext == nil || ext.PerMessage() {
		for _, fi := range m.Frames {
			data = append(data, r.Frames[fi].Payload...)
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

func frame(index int, o options) string {
	if last == nil || index < 0 || index >= len(last.Frames) {
		n := 0
		if last != nil {
			n = len(last.Frames)
		}
		return errorJSON(0, fmt.Sprintf("no frame %d: the last decode has %d frames", index, n))
	}
	r := last
	if f := &r.Frames[index]; f.PayloadTruncated && reread != nil {
		// A large capture kept only a preview of this frame: read it again.
		if again := reread([]int{index}); index < len(again.Frames) {
			r = again
		}
	}
	f := &r.Frames[index]
	d := frameDetail{Frame: f, HeaderLength: f.HeaderLength, Handshake: r.Handshake}
	if f.Message >= 0 {
		d.Message = &r.WithReadings(r.Messages[f.Message:f.Message+1], false)[0]
	}
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
	addDeflate(&d, r)
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
