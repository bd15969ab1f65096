package reading

import (
	"errors"
	"io"
	"strconv"

	"github.com/wsframe/wsframe/internal/jsontext"
	"github.com/wsframe/wsframe/internal/msg"
)

// JSON text (RFC 8259), read with internal/jsontext: the value written
// back compact, and a field per member and element.

// parseJSON reads b as one JSON value; offsets in errors and in the value
// are counted from base.
func parseJSON(b []byte, base int) (jsontext.Value, *Error) {
	s := jsontext.NewBytesScanner(b)
	s.MaxDepth = MaxDepth
	v, err := s.ReadValue()
	if err == nil {
		if _, err2 := s.Next(); err2 != io.EOF {
			err = err2
		}
	}
	if err != nil {
		var se *jsontext.SyntaxError
		if errors.As(err, &se) {
			return v, errAt(base+int(se.Offset), msg.New("rd.json", "JSON: {why}", "why", msg.Text{ID: se.ID, Params: se.Params, Message: se.Msg}))
		}
		return v, errAt(base, msg.New("rd.json", "JSON: {why}", "why", err.Error()))
	}
	return v, nil
}

// jsonField makes the field tree of v, whose offsets count from base.
func jsonField(v *jsontext.Value, name string, base int, t *tree) Field {
	f := Field{Name: name, Start: base + int(v.Start), End: base + int(v.End)}
	switch v.Kind {
	case jsontext.KindArray:
		sayValue(&f, container("array", len(v.Items)))
		for i := range v.Items {
			if t.n >= MaxFields {
				t.cut = true
				break
			}
			f.Fields = t.add(f.Fields, jsonField(&v.Items[i], strconv.Itoa(i), base, t))
		}
	case jsontext.KindObject:
		sayValue(&f, msg.Plural("rd.object", len(v.Members), "object of {n} member", "object of {n} members"))
		for i := range v.Members {
			if t.n >= MaxFields {
				t.cut = true
				break
			}
			m := &v.Members[i]
			c := jsonField(&m.Value, m.Key, base, t)
			c.Start = base + int(m.KeyStart)
			f.Fields = t.add(f.Fields, c)
		}
	case jsontext.KindString:
		f.Value = quote(v.Str)
	case jsontext.KindNull:
		f.Value = "null"
	default:
		f.Value = v.Str
	}
	return f
}

// compact writes v as compact JSON.
func compact(v *jsontext.Value) JSON { return v.AppendJSON(nil) }

func readJSON(b []byte) *Reading {
	r := &Reading{Protocol: "json"}
	v, err := parseJSON(b, 0)
	if err != nil {
		r.Error = err
		failed(r, "json", err)
		return r
	}
	var t tree
	r.Fields = []Field{jsonField(&v, "value", 0, &t)}
	r.Cut = t.cut
	r.Value = compact(&v)
	r.Summary = string(r.Value)
	return r
}
