package build

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/wsframe/wsframe/internal/jsontext"
)

// SpecError is a spec that cannot be read, at its place in the text.
type SpecError struct {
	Offset       int64 // byte of the text
	Line, Column int   // 1-based; the column counts bytes
	Msg          string
}

func (e *SpecError) Error() string {
	return fmt.Sprintf("line %d, column %d (byte %d): %s", e.Line, e.Column, e.Offset, e.Msg)
}

// ParseSpecs reads one spec object, or a list of them for several messages
// in a row, written as JSON with the keys of Spec's JSON names: the one
// reader of specs, for wsframe -encode and the page's wsframe.encode. A key
// that is not a field is an error, so that a misspelt one is not silently
// ignored; null is as if the key were absent. Errors say the line and
// column.
func ParseSpecs(src []byte) ([]Spec, error) {
	p := &specParser{src: src}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, p.fail(0, "no spec: give a JSON object such as {\"text\":\"hi\"}")
	}
	s := jsontext.NewBytesScanner(src)
	v, err := s.ReadValue()
	if err != nil {
		if se, ok := err.(*jsontext.SyntaxError); ok {
			return nil, p.fail(se.Offset, "%s", se.Msg)
		}
		return nil, p.fail(s.Offset(), "%v", err)
	}
	if t, err := s.Next(); err != io.EOF {
		at := s.Offset()
		if err == nil {
			at = t.Offset
		}
		return nil, p.fail(at, "more after the spec; give a list [..] for several messages")
	}
	if v.Kind != jsontext.KindArray {
		spec, err := p.spec(&v, "")
		if err != nil {
			return nil, err
		}
		return []Spec{spec}, nil
	}
	specs := make([]Spec, 0, len(v.Items))
	for i := range v.Items {
		spec, err := p.spec(&v.Items[i], fmt.Sprintf("spec %d: ", i+1))
		if err != nil {
			return nil, err
		}
		specs = append(specs, spec)
	}
	return specs, nil
}

// specParser reads the values of one text, placing its errors.
type specParser struct {
	src []byte
}

// fail is a SpecError at byte off of the text.
func (p *specParser) fail(off int64, format string, args ...any) *SpecError {
	off = min(max(off, 0), int64(len(p.src)))
	line := 1 + bytes.Count(p.src[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(p.src[:off], '\n')
	return &SpecError{Offset: off, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

// spec reads one spec object; what prefixes its errors ("spec 2: ").
func (p *specParser) spec(v *jsontext.Value, what string) (Spec, error) {
	var s Spec
	if v.Kind != jsontext.KindObject {
		return s, p.fail(v.Start, "%sa spec is an object such as {\"text\":\"hi\"}, not %s", what, v.Kind)
	}
	for i := range v.Members {
		m := &v.Members[i]
		x := &m.Value
		if x.Kind == jsontext.KindNull {
			continue
		}
		var err error
		switch m.Key {
		case "from":
			s.From, err = p.text(x, what, m.Key)
		case "fin":
			s.Fin, err = p.boolean(x, what, m.Key)
		case "rsv1":
			s.Rsv1, err = p.boolean(x, what, m.Key)
		case "rsv2":
			s.Rsv2, err = p.boolean(x, what, m.Key)
		case "rsv3":
			s.Rsv3, err = p.boolean(x, what, m.Key)
		case "opcode":
			s.Opcode, err = p.integer(x, what, m.Key)
		case "mask":
			s.Mask, err = p.boolean(x, what, m.Key)
		case "mask_key":
			s.MaskKey, err = p.text(x, what, m.Key)
		case "text":
			s.Text, err = p.str(x, what, m.Key)
		case "hex":
			s.Hex, err = p.str(x, what, m.Key)
		case "close":
			s.Close, err = p.close(x, what)
		case "length_bits":
			var n *int
			if n, err = p.integer(x, what, m.Key); n != nil {
				s.LengthBits = *n
			}
		case "payload_length":
			var n uint64
			if n, err = p.uint(x, what, m.Key); err == nil {
				s.PayloadLength = &n
			}
		case "fragment":
			var n *int
			if n, err = p.integer(x, what, m.Key); n != nil {
				s.Fragment = *n
			}
		case "ping_between":
			switch x.Kind {
			case jsontext.KindBool:
				s.PingBetween = x.Str == "true"
			case jsontext.KindString:
				s.PingBetween = x.Str
			default:
				err = p.fail(x.Start, "%sping_between must be true, false or the ping's text, not %s", what, x.Kind)
			}
		case "extension":
			s.Extension, err = p.text(x, what, m.Key)
		case "compress":
			s.Compress, err = p.boolean(x, what, m.Key)
		default:
			err = p.fail(m.KeyStart, "%sunknown field %q", what, m.Key)
		}
		if err != nil {
			return s, err
		}
	}
	return s, nil
}

// close reads a close frame's payload {code, reason}.
func (p *specParser) close(v *jsontext.Value, what string) (*Close, error) {
	if v.Kind != jsontext.KindObject {
		return nil, p.fail(v.Start, "%sclose must be an object {\"code\": 1000, \"reason\": \"bye\"}, not %s", what, v.Kind)
	}
	c := &Close{}
	for i := range v.Members {
		m := &v.Members[i]
		x := &m.Value
		if x.Kind == jsontext.KindNull {
			continue
		}
		var err error
		switch m.Key {
		case "code":
			c.Code, err = p.integer(x, what+"close: ", m.Key)
		case "reason":
			c.Reason, err = p.text(x, what+"close: ", m.Key)
		default:
			err = p.fail(m.KeyStart, "%sclose: unknown field %q", what, m.Key)
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (p *specParser) str(v *jsontext.Value, what, key string) (*string, error) {
	if v.Kind != jsontext.KindString {
		return nil, p.fail(v.Start, "%s%s must be a string, not %s", what, key, v.Kind)
	}
	s := v.Str
	return &s, nil
}

func (p *specParser) text(v *jsontext.Value, what, key string) (string, error) {
	s, err := p.str(v, what, key)
	if err != nil {
		return "", err
	}
	return *s, nil
}

func (p *specParser) boolean(v *jsontext.Value, what, key string) (*bool, error) {
	if v.Kind != jsontext.KindBool {
		return nil, p.fail(v.Start, "%s%s must be true or false, not %s", what, key, v.Kind)
	}
	b := v.Str == "true"
	return &b, nil
}

// uint reads a whole number from 0 to 2^64-1.
func (p *specParser) uint(v *jsontext.Value, what, key string) (uint64, error) {
	if v.Kind != jsontext.KindNumber {
		return 0, p.fail(v.Start, "%s%s must be a number, not %s", what, key, v.Kind)
	}
	n, err := strconv.ParseUint(v.Str, 10, 64)
	if err != nil {
		return 0, p.fail(v.Start, "%s%s must be a whole number from 0 to 2^64-1, not %s", what, key, v.Str)
	}
	return n, nil
}

// integer reads a whole number from 0 to 2^31-1.
func (p *specParser) integer(v *jsontext.Value, what, key string) (*int, error) {
	n, err := p.uint(v, what, key)
	if err != nil {
		return nil, err
	}
	if n > 1<<31-1 {
		return nil, p.fail(v.Start, "%s%s is too large: %s", what, key, v.Str)
	}
	i := int(n)
	return &i, nil
}
