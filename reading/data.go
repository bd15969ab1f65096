package reading

import (
	"strconv"

	"github.com/wsframe/wsframe/internal/msg"
)

// data is the state shared by the MessagePack and CBOR readers: the input,
// the JSON written so far, the field count and the first error.
type data struct {
	b   []byte
	out []byte
	t   tree
	err *Error
}

// fail records the first error.
//
//go:noinline
func (d *data) fail(off int, why msg.Text) {
	if d.err == nil {
		d.err = errAt(off, why)
	}
}

// need checks that n bytes follow p.
//
//go:noinline
func (d *data) need(p, n int, what msg.Text) bool {
	if n < 0 || p+n > len(d.b) || p+n < p {
		d.fail(p, msg.Plural("rd.err.need", n, "{what} needs {n} byte, {left} left", "{what} needs {n} bytes, {left} left", "what", what, "left", len(d.b)-p))
		return false
	}
	return true
}

// uint reads an n-byte big-endian unsigned integer at p.
//
//go:noinline
func (d *data) uint(p, n int) uint64 { return uintN(d.b[p : p+n]) }

// key turns the JSON just written from start into a JSON object key: a
// string stays, anything else becomes the string of its JSON text.
func (d *data) key(start int) string {
	text := string(d.out[start:])
	if len(text) > 0 && text[0] == '"' {
		if s, err := strconv.Unquote(text); err == nil {
			return s
		}
		return text
	}
	d.out = appendString(d.out[:start], text)
	return text
}

// scalar returns the JSON written from start as a field value.
//
//go:noinline
func (d *data) scalar(start int) string {
	s := string(d.out[start:])
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// finish makes the reading of a serialization from its top field.
func (d *data) finish(protocol string, top Field, end int) *Reading {
	if d.err == nil && end < len(d.b) {
		d.fail(end, msg.Plural("rd.err.after", len(d.b)-end, "{n} byte after the end of the {protocol} value", "{n} bytes after the end of the {protocol} value", "protocol", protocol))
	}
	r := &Reading{Protocol: protocol, Fields: []Field{top}, Error: d.err, Cut: d.t.cut}
	if d.err == nil {
		r.Value = d.out
		r.Summary = string(d.out)
	} else {
		failed(r, protocol, d.err)
	}
	return r
}
