package build

import (
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
)

// Result is what Build made: the wire bytes, the same bytes as text for a
// paste box (one frame a line), and the decoder's reading of them, the
// very frames and messages decode returns for that paste.
type Result struct {
	// Hex is the wire bytes (lowercase hex without separators in JSON).
	Hex decoder.Hex `json:"hex"`
	// Paste is the wire bytes as spaced hex, one frame a line.
	Paste string `json:"paste"`
	// From is the side that sent them and Extension the extension they
	// were built under (empty for none): the options a decode of Paste
	// needs to read them the same way.
	From      decoder.Side `json:"from"`
	Extension string       `json:"extension,omitempty"`

	Frames   []decoder.Frame   `json:"frames"`
	Messages []decoder.Message `json:"messages"`
	Errors   []decoder.Error   `json:"errors"`
}

// randomKey returns a fresh masking key. Masking keys of a teaching tool
// need no cryptographic strength, and math/rand/v2 (seeded by the runtime)
// keeps crypto/rand out of the wasm.
var randomKey = func() [4]byte {
	v := rand.Uint32()
	return [4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
}

// Build makes the frames of specs, one message (or single frame) each, back
// to back in one direction, and decodes them. All specs are sent by the
// same side under the same extension (given in any of them, and not
// contradicted by another). Compressed messages share one DEFLATE context
// unless the extension says no_context_takeover for that side. An error
// names the spec (1-based) and the field that cannot be built; a frame
// that breaks the RFC is not an error: its violations say what is wrong.
func Build(specs []Spec) (*Result, error) {
	if len(specs) == 0 {
		return nil, msg.New("build.empty", "nothing to build: give at least one spec")
	}
	side, extText, err := common(specs)
	if err != nil {
		return nil, err
	}
	var ext *decoder.Extension
	if extText != "" {
		if ext, err = decoder.ParseExtension(extText); err != nil {
			return nil, msg.New("build.extension", "extension: {problem}", "problem", textOf(err))
		}
		if ext == nil || !ext.PerMessage() {
			name := extText
			if ext != nil {
				name = ext.Name
			}
			return nil, msg.New("build.extension.only", "extension: the builder compresses with permessage-deflate only, not {name}", "name", name)
		}
	}
	var d *deflater
	if ext != nil {
		noTakeover := ext.ClientNoContextTakeover
		if side == decoder.Server {
			noTakeover = ext.ServerNoContextTakeover
		}
		d = &deflater{noTakeover: noTakeover}
	}
	var out []byte
	var starts []int
	for i := range specs {
		if out, starts, err = appendMessage(out, starts, &specs[i], side, d); err == nil && len(starts) > MaxFrames {
			err = msg.Plural("build.too-many.ping", len(starts), "with its ping this message brings the build to {n} frame; one build makes at most {max} frames: build fewer messages, or fewer fragments",
				"with its ping this message brings the build to {n} frames; one build makes at most {max} frames: build fewer messages, or fewer fragments", "max", MaxFrames)
		}
		if err != nil {
			if len(specs) == 1 {
				return nil, err
			}
			return nil, inSpec(i, err)
		}
	}
	r := decoder.DecodeBytes(out, decoder.Input{Kind: "binary", Bytes: int64(len(out))},
		decoder.Options{From: side, Extension: ext})
	return &Result{
		Hex:       out,
		Paste:     paste(out, starts),
		From:      side,
		Extension: extText,
		Frames:    r.Frames,
		Messages:  r.Messages,
		Errors:    r.Errors,
	}, nil
}

// inSpec is err, said of spec i (0-based) of several.
func inSpec(i int, err error) msg.Text {
	return msg.New("build.spec", "spec {i}: {problem}", "i", i+1, "problem", textOf(err))
}

// textOf is err as a sentence: the one it is, or its words as they are.
func textOf(err error) msg.Text {
	var t msg.Text
	if errors.As(err, &t) {
		return t
	}
	return msg.Text{Message: err.Error()}
}

// common finds the side and the extension all specs share.
func common(specs []Spec) (decoder.Side, string, error) {
	var side decoder.Side
	ext := ""
	for i := range specs {
		s, err := specs[i].side()
		if err != nil {
			return "", "", inSpec(i, err)
		}
		if i > 0 && s != side {
			return "", "", inSpec(i, msg.New("build.direction", "from is {from}, but spec 1 is sent by the {side}; one build is one direction", "from", string(s), "side", string(side)))
		}
		side = s
		e := strings.TrimSpace(specs[i].Extension)
		if e != "" && ext != "" && e != ext {
			return "", "", inSpec(i, msg.New("build.extension.differs", "extension {this} differs from {first}; one build has one negotiated extension", "this", strconv.Quote(e), "first", strconv.Quote(ext)))
		}
		if e != "" {
			ext = e
		}
	}
	return side, ext, nil
}

// appendMessage appends the frames of one spec to out, and where each
// frame starts to starts.
func appendMessage(out []byte, starts []int, s *Spec, side decoder.Side, d *deflater) ([]byte, []int, error) {
	payload, op, err := s.payload()
	if err != nil {
		return out, starts, err
	}
	if s.Opcode != nil {
		if *s.Opcode < 0 || *s.Opcode > 15 {
			return out, starts, msg.New("build.opcode", "opcode {opcode}: an opcode is 4 bits, 0 to 15", "opcode", *s.Opcode)
		}
		op = decoder.Opcode(*s.Opcode)
	}
	key, fixed, err := s.key()
	if err != nil {
		return out, starts, err
	}
	ping, pingOn, err := s.ping()
	if err != nil {
		return out, starts, err
	}
	if s.Fragment < 0 {
		return out, starts, msg.New("build.fragment", "fragment {fragment}: give the payload bytes per frame, or 0 for one frame", "fragment", s.Fragment)
	}
	// Refuse what would be too much before making any of it.
	if len(out)+len(payload) > MaxBytes {
		return out, starts, msg.New("build.too-large", "the payload is {n} bytes; one build makes at most {max} bytes of frames ({mib} MiB), {made} of them made already: give a shorter payload",
			"n", len(payload), "max", MaxBytes, "mib", MaxBytes>>20, "made", len(out))
	}
	switch n := pieceCount(len(payload), s.Fragment); {
	case n > MaxFrames:
		least := (len(payload) + MaxFrames - 1) / MaxFrames
		return out, starts, msg.New("build.too-many.fragments", "fragment {fragment}: {bytes} bytes of payload in pieces of {fragment} would make {n} frames; one build makes at most {max} frames: set fragment to {least} bytes or more",
			"fragment", s.Fragment, "bytes", len(payload), "n", n, "max", MaxFrames, "least", least)
	case len(starts)+n > MaxFrames:
		return out, starts, msg.Plural("build.too-many.messages", n, "this message's {n} frame would bring the build to {total} frames; one build makes at most {max} frames: build fewer messages, or fewer fragments",
			"this message's {n} frames would bring the build to {total} frames; one build makes at most {max} frames: build fewer messages, or fewer fragments", "total", len(starts)+n, "max", MaxFrames)
	}
	compress := or(s.Compress, d != nil && (op == decoder.OpText || op == decoder.OpBinary))
	if compress {
		if d == nil {
			return out, starts, msg.New("build.compress", "compress needs an extension: permessage-deflate")
		}
		payload = d.compress(payload)
	}
	pieces := split(payload, s.Fragment)
	if pingOn && len(pieces) < 2 {
		return out, starts, msg.Plural("build.ping", len(payload), "ping_between needs a fragmented message: set fragment below the payload's {n} byte", "ping_between needs a fragmented message: set fragment below the payload's {n} bytes")
	}
	masked := or(s.Mask, side == decoder.Client)
	nextKey := func() []byte {
		if !fixed {
			key = randomKey()
		}
		return key[:]
	}
	for k, piece := range pieces {
		f := decoder.Frame{Opcode: decoder.OpContinuation, Fin: k == len(pieces)-1 && or(s.Fin, true), Masked: masked}
		if k == 0 {
			f.Opcode = op
			f.Rsv1, f.Rsv2, f.Rsv3 = or(s.Rsv1, compress), or(s.Rsv2, false), or(s.Rsv3, false)
		}
		f.PayloadLength = uint64(len(piece))
		if k == 0 && s.PayloadLength != nil {
			f.PayloadLength = *s.PayloadLength
		}
		if f.LengthBits, err = lengthBits(s.LengthBits, f.PayloadLength); err != nil {
			return out, starts, err
		}
		if masked {
			f.MaskKey = nextKey()
		}
		starts = append(starts, len(out))
		out = decoder.AppendFrame(out, &f, piece)
		if k == 0 && pingOn {
			p := decoder.Frame{Fin: true, Opcode: decoder.OpPing, Masked: masked, PayloadLength: uint64(len(ping)), LengthBits: 7}
			if len(ping) > decoder.MaxControlPayload {
				p.LengthBits, _ = lengthBits(0, uint64(len(ping)))
			}
			if masked {
				p.MaskKey = nextKey()
			}
			starts = append(starts, len(out))
			out = decoder.AppendFrame(out, &p, ping)
		}
	}
	return out, starts, nil
}

// The most one build makes, so that a spec cannot ask for more than a
// page can hold ({"text": 1 MiB, "fragment": 1} would be a million frames):
// it is refused, saying which limit, before anything is built.
const (
	MaxFrames = 10000
	MaxBytes  = 16 << 20
)

// pieceCount is how many pieces split(payload of n bytes, size) makes.
func pieceCount(n, size int) int {
	if size <= 0 || n <= size {
		return 1
	}
	return (n + size - 1) / size
}

// split cuts payload into pieces of size bytes (size 0: one piece).
func split(payload []byte, size int) [][]byte {
	if size <= 0 || len(payload) <= size {
		return [][]byte{payload}
	}
	pieces := make([][]byte, 0, (len(payload)+size-1)/size)
	for len(payload) > size {
		pieces = append(pieces, payload[:size])
		payload = payload[size:]
	}
	return append(pieces, payload)
}

// lengthBits checks the asked length encoding against n, or picks the
// shortest (RFC 6455 5.2) when none is asked.
func lengthBits(asked int, n uint64) (int, error) {
	switch asked {
	case 0:
		switch {
		case n <= decoder.MaxControlPayload:
			return 7, nil
		case n <= 0xFFFF:
			return 16, nil
		}
		return 64, nil
	case 7:
		if n > decoder.MaxControlPayload {
			return 0, msg.New("build.length.7", "length_bits 7: the 7-bit length holds 0 to 125 (126 and 127 announce longer forms), not {n}", "n", n)
		}
	case 16:
		if n > 0xFFFF {
			return 0, msg.New("build.length.16", "length_bits 16: the 16-bit length holds at most 65535, not {n}", "n", n)
		}
	case 64:
	default:
		return 0, msg.New("build.length", "length_bits {bits}: use 7, 16 or 64", "bits", asked)
	}
	return asked, nil
}

// paste writes b as spaced hex, a line for each frame.
func paste(b []byte, starts []int) string {
	var sb strings.Builder
	sb.Grow(len(b)*3 + len(starts))
	var buf [2]byte
	for i, s := range starts {
		end := len(b)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		if i > 0 {
			sb.WriteByte('\n')
		}
		for j := s; j < end; j++ {
			if j > s {
				sb.WriteByte(' ')
			}
			hex.Encode(buf[:], b[j:j+1])
			sb.Write(buf[:])
		}
	}
	return sb.String()
}
