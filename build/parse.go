package build

import (
	"bytes"
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
	return "line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column) + " (byte " +
		strconv.FormatInt(e.Offset, 10) + "): " + e.Msg
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
		return nil, p.fail(0, `no spec: give a JSON object such as {"text":"hi"}`)
	}
	s := jsontext.NewBytesScanner(src)
	v, err := s.ReadValue()
	if err != nil {
		if se, ok := err.(*jsontext.SyntaxError); ok {
			return nil, p.fail(se.Offset, se.Msg)
		}
		return nil, p.fail(s.Offset(), err.Error())
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
		spec, err := p.spec(&v.Items[i], "spec "+strconv.Itoa(i+1)+": ")
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

// fail is a SpecError saying msg at byte off of the text.
func (p *specParser) fail(off int64, msg string) *SpecError {
	off = min(max(off, 0), int64(len(p.src)))
	line := 1 + bytes.Count(p.src[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(p.src[:off], '\n')
	return &SpecError{Offset: off, Line: line, Column: col, Msg: msg}
}

// spec reads one spec object; what prefixes its errors ("spec 2: ").
func (p *specParser) spec(v *jsontext.Value, what string) (Spec, error) {
	var s Spec
	if v.Kind != jsontext.KindObject {
		return s, p.fail(v.Start, what+`a spec is an object such as {"text":"hi"}, not `+v.Kind.String())
	}
	for i := range v.Members {
		m := &v.Members[i]
		x := &m.Value
		if x.Kind == jsontext.KindNull {
			continue
		}
		f := field{p: p, v: x, name: what + m.Key}
		switch m.Key {
		case "from":
			s.From = f.text()
		case "fin":
			s.Fin = f.boolean()
		case "rsv1":
			s.Rsv1 = f.boolean()
		case "rsv2":
			s.Rsv2 = f.boolean()
		case "rsv3":
			s.Rsv3 = f.boolean()
		case "opcode":
			s.Opcode = f.integer()
		case "mask":
			s.Mask = f.boolean()
		case "mask_key":
			s.MaskKey = f.text()
		case "text":
			s.Text = f.str()
		case "hex":
			s.Hex = f.str()
		case "close":
			s.Close = f.close(what)
		case "length_bits":
			if n := f.integer(); n != nil {
				s.LengthBits = *n
			}
		case "payload_length":
			if n, ok := f.uint(); ok {
				s.PayloadLength = &n
			}
		case "fragment":
			if n := f.integer(); n != nil {
				s.Fragment = *n
			}
		case "ping_between":
			switch x.Kind {
			case jsontext.KindBool:
				s.PingBetween = x.Str == "true"
			case jsontext.KindString:
				s.PingBetween = x.Str
			default:
				f.wrong("true, false or the ping's text")
			}
		case "extension":
			s.Extension = f.text()
		case "compress":
			s.Compress = f.boolean()
		default:
			return s, p.fail(m.KeyStart, what+"unknown field "+strconv.Quote(m.Key))
		}
		if f.err != nil {
			return s, f.err
		}
	}
	return s, nil
}

// field reads the value of one key, keeping the first error.
type field struct {
	p    *specParser
	v    *jsontext.Value
	name string // the key, after what prefixes it
	err  error
}

// wrong says the value is not what the key takes.
func (f *field) wrong(want string) {
	f.err = f.p.fail(f.v.Start, f.name+" must be "+want+", not "+f.v.Kind.String())
}

func (f *field) str() *string {
	if f.v.Kind != jsontext.KindString {
		f.wrong("a string")
		return nil
	}
	s := f.v.Str
	return &s
}

func (f *field) text() string {
	if s := f.str(); s != nil {
		return *s
	}
	return ""
}

func (f *field) boolean() *bool {
	if f.v.Kind != jsontext.KindBool {
		f.wrong("true or false")
		return nil
	}
	b := f.v.Str == "true"
	return &b
}

// uint reads a whole number from 0 to 2^64-1.
func (f *field) uint() (uint64, bool) {
	if f.v.Kind != jsontext.KindNumber {
		f.wrong("a number")
		return 0, false
	}
	n, err := strconv.ParseUint(f.v.Str, 10, 64)
	if err != nil {
		f.err = f.p.fail(f.v.Start, f.name+" must be a whole number from 0 to 2^64-1, not "+f.v.Str)
		return 0, false
	}
	return n, true
}

// integer reads a whole number from 0 to 2^31-1.
func (f *field) integer() *int {
	n, ok := f.uint()
	if !ok {
		return nil
	}
	if n > 1<<31-1 {
		f.err = f.p.fail(f.v.Start, f.name+" is too large: "+f.v.Str)
		return nil
	}
	i := int(n)
	return &i
}

// close reads a close frame's payload {code, reason}.
func (f *field) close(what string) *Close {
	if f.v.Kind != jsontext.KindObject {
		f.wrong(`an object {"code": 1000, "reason": "bye"}`)
		return nil
	}
	c := &Close{}
	for i := range f.v.Members {
		m := &f.v.Members[i]
		if m.Value.Kind == jsontext.KindNull {
			continue
		}
		g := field{p: f.p, v: &m.Value, name: what + "close: " + m.Key}
		switch m.Key {
		case "code":
			c.Code = g.integer()
		case "reason":
			c.Reason = g.text()
		default:
			f.err = f.p.fail(m.KeyStart, what+"close: unknown field "+strconv.Quote(m.Key))
			return nil
		}
		if g.err != nil {
			f.err = g.err
			return nil
		}
	}
	return c
}
