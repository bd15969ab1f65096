package main

import (
	"fmt"
	"runtime/debug"
	"strconv"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
	"github.com/wsframe/wsframe/inspect"
	"github.com/wsframe/wsframe/internal/jsonenc"
	"github.com/wsframe/wsframe/internal/msg"
	"github.com/wsframe/wsframe/paste"
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
	KeepBytes    int    // keep_bytes: payload bytes a decode keeps (-1: all); a capture file goes into an index instead
	KeyLog       string // keylog: an NSS key log (SSLKEYLOGFILE) for TLS connections
	AsPayload    string // as_payload: "text" or "binary" shows a paste as one message's payload
	Protocol     string // protocol: read messages as this application protocol ("", "auto", "none", a name)
	Budget       int    // budget: the memory a capture's index may use, in bytes (0: 512 MiB)
	Handshakes   string // handshakes: "brief" cuts a summary's handshakes but the first connection's (handshake fetches one whole)
}

// apiError is what a call returns when it cannot do its work.
type apiError struct {
	Error decoder.Error `json:"error"`
}

// decoderOptions checks the page's options and turns them into the decoder's.
func decoderOptions(o options) (decoder.Options, error) {
	d := prog.Options(decoder.Options{Format: o.Format, InflateLimit: o.InflateLimit, KeepBytes: int64(o.KeepBytes), Protocol: o.Protocol})
	if o.KeyLog != "" {
		d.KeyLog = []byte(o.KeyLog)
	}
	switch o.AsPayload {
	case "", "text", "binary":
		d.AsPayload = o.AsPayload
	default:
		return d, msg.New("option.as-payload", "as_payload is {value}; use \"text\", \"binary\" or \"\"", "value", strconv.Quote(o.AsPayload))
	}
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
			return d, msg.New("option.extension", "the extension {value}: {problem}", "value", strconv.Quote(o.Extension), "problem", err)
		}
		d.Extension = ext
	}
	return d, nil
}

// decodeText is wsframe.decode: pasted text in, the contract's JSON out.
func decodeText(text string, o options) string {
	d, err := decoderOptions(o)
	if err != nil {
		return errJSON(err)
	}
	b := []byte(text)
	// What the paste is, found once: a program that lacks what it needs
	// (a capture, a HAR, a Follow TCP Stream or many packets, a protocol
	// it does not read) leaves it to the full program before decoding
	// anything, so that the page shows it the same whichever is loaded.
	kind := prog.Classify(b, d.Format)
	if c, what := prog.Lacks(kind, d); c != "" {
		return needs(c, what)
	}
	if len(b) > wholePaste && d.AsPayload == "" && (kind == inspect.KindText || kind == inspect.KindFrames || kind.IsConversation()) {
		if decodeIndexed == nil {
			return needs(inspect.CapCapture, "a paste over 256 KiB")
		}
		return decodeIndexed(kind, b, d, o)
	}
	r := prog.Decode(kind, b, d)
	if prog.LacksReader(r) {
		// No reader here: a paste that may read as an application
		// protocol is answered by the full program, so that the page
		// shows it the same whichever program is loaded. (A protocol
		// named in the options was handed on by Lacks, before decoding.)
		view = nil
		return needs(inspect.CapRead, "a paste whose messages may read as an application protocol (by its handshake or content)")
	}
	return show(detail.NewView(r, d.Extension), o)
}

// wholePaste is the size up to which a paste is decoded whole into a
// result, as the command decodes text (a pasted packet is at most
// 256 KiB). A larger one goes through an index (decodeIndexed), its rows
// and frames read again from the bytes it spells as they are shown, so
// that 50,000 pasted frames cost their small records, not 50,000 frames
// and messages held by the collector. (A variable for the tests.)
var wholePaste = 256 << 10

// decodeIndexed decodes a paste over wholePaste, of the kind Classify
// named, through an index; nil in the first program, which leaves such a
// paste to the full one (needs): the index's readers are not linked into
// what a visit downloads.
var decodeIndexed func(kind inspect.Kind, text []byte, d decoder.Options, o options) string

// protocolNames lists the protocols of reading's table, for the page's
// "Read messages as" menu.
func protocolNames() []any {
	out := make([]any, len(reading.Protocols))
	for i, p := range reading.Protocols {
		out[i] = p
	}
	return out
}

// pasteFormats lists the text forms a user may force (paste.Formats but
// raw bytes, which a paste never is), for the page's format menu.
func pasteFormats() []any {
	var out []any
	for _, f := range paste.Formats {
		if f != paste.FormatBinary {
			out = append(out, f)
		}
	}
	return out
}

// marshal writes v as JSON with the small encoder, which keeps
// encoding/json (a sixth of the page's weight) out of the wasm.
func marshal(v any) string {
	b, err := jsonenc.Marshal(v)
	if err != nil {
		b, _ = jsonenc.Marshal(apiError{decoder.Error{Message: err.Error()}})
	}
	return string(b)
}

func errorJSON(offset int64, msg string) string {
	return marshal(apiError{decoder.Error{Offset: offset, Message: msg}})
}

// errJSON is err as an error result: with its sentence's id and params
// when it is one (internal/msg, or a decoder.Error), for the page's words.
func errJSON(err error) string {
	e, ok := err.(decoder.Error)
	if t, isText := err.(msg.Text); isText {
		e, ok = decoder.Error{Message: t.Message, ID: t.ID, Params: t.Params}, true
	}
	if !ok {
		e = decoder.Error{Message: err.Error()}
	}
	return marshal(apiError{e})
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
