package jsontext

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// toAny turns a tree into what encoding/json's Unmarshal into any gives.
func toAny(t *testing.T, v *Value) any {
	switch v.Kind {
	case KindNull:
		return nil
	case KindBool:
		b, _ := v.Bool()
		return b
	case KindNumber:
		f, ok := v.Float()
		if !ok {
			t.Fatalf("number %q does not parse", v.Str)
		}
		return f
	case KindString:
		return v.Str
	case KindArray:
		a := []any{}
		for i := range v.Items {
			a = append(a, toAny(t, &v.Items[i]))
		}
		return a
	}
	m := map[string]any{}
	for i := range v.Members {
		m[v.Members[i].Key] = toAny(t, &v.Members[i].Value)
	}
	return m
}

var valid = []string{
	`null`, `true`, `false`, `0`, `-0`, `-1.5e+10`, `12.25E-3`, `""`, `"a\"b\\c\/d\b\f\n\r\t"`,
	`"\u00e9\u3042\ud83d\ude00"`, `"\ud800"`, `"\udc00x"`, "\"\xff\xfe ok\"", `"日本語"`,
	`[]`, `{}`, `[1,[2,[3]]]`, ` { "a" : [ true , null ] , "b" : { "c" : "d" } } `,
	`{"a":1,"a":2}`, `[{"x":"<&>"}]`, `"\u2028"`,
}

// TestParseMatchesEncodingJSON: every valid input reads to what
// encoding/json reads, whole or one byte at a time through a reader.
func TestParseMatchesEncodingJSON(t *testing.T) {
	for _, in := range valid {
		var want any
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatalf("%s: encoding/json: %v", in, err)
		}
		v, err := Parse([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got := toAny(t, &v); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, want %#v", in, got, want)
		}
		s := NewScanner(iotest.OneByteReader(strings.NewReader(in)))
		v2, err := s.ReadValue()
		if err != nil {
			t.Errorf("%s, a byte at a time: %v", in, err)
			continue
		}
		if !reflect.DeepEqual(v, v2) {
			t.Errorf("%s: a byte at a time gives %+v, whole %+v", in, v2, v)
		}
		if _, err := s.Next(); err != io.EOF {
			t.Errorf("%s: after the value: %v, want io.EOF", in, err)
		}
	}
}

// TestAppendJSON: writing a tree back gives what encoding/json writes for
// the same data (object members are compared as data, since maps sort).
func TestAppendJSON(t *testing.T) {
	for _, in := range valid {
		v, _ := Parse([]byte(in))
		out := v.AppendJSON(nil)
		var a, b any
		json.Unmarshal([]byte(in), &a)
		if err := json.Unmarshal(out, &b); err != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("%s: wrote %s (%v)", in, out, err)
		}
		if v.Kind == KindString {
			want, _ := json.Marshal(v.Str)
			if !bytes.Equal(out, want) {
				t.Errorf("%s: wrote %s, encoding/json %s", in, out, want)
			}
		}
	}
}

// TestOffsets: values and members keep the byte ranges they were read from.
func TestOffsets(t *testing.T) {
	in := `{"type":"send", "data":[1, "x"]}`
	v, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	data := v.Get("data")
	if got := in[data.Start:data.End]; got != `[1, "x"]` {
		t.Errorf("data spans %q", got)
	}
	if got := in[data.Items[1].Start:data.Items[1].End]; got != `"x"` {
		t.Errorf("item spans %q", got)
	}
	if m := v.Members[1]; in[m.KeyStart:m.KeyStart+6] != `"data"` {
		t.Errorf("key at %d", m.KeyStart)
	}
	if s, ok := v.Get("type").Text(); !ok || s != "send" {
		t.Errorf("type = %q", s)
	}
}

// TestErrors: each error names the byte where the input went wrong; the
// marker ‸ in the table stands just before that byte.
func TestErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{`‸`, "unexpected end of input: no value"},
		{`[1,2‸`, "unexpected end of input: 1 open object or array"},
		{`{"a":1 ‸"b":2}`, "expected ',' or '}' after an object member, found '\"'"},
		{`[1‸;]`, "expected ',' or ']' after an array element, found ';'"},
		{`{‸a:1}`, "expected a string as object key, found 'a'"},
		{`{"a" ‸1}`, "expected ':' after an object key, found '1'"},
		{`[]‸]`, "']' after the end of the value"},
		{`[1,‸]`, "expected a value, found ']'"},
		{`"ab‸`, "unexpected end of input inside a string that starts at byte 0"},
		{"\"a‸\tb\"", `control character 0x09 inside a string (escape it as \u0009)`},
		{`"‸\x"`, `unknown escape \x in a string`},
		{`"‸\u12"`, `\u must be followed by four hex digits`},
		{`-‸a`, "expected a digit in a number, found 'a'"},
		{`1.‸e`, "expected a digit after '.', found 'e'"},
		{`1e‸`, "expected a digit in the exponent, found the end of the input"},
		{`tr‸ue`, ""},
		{`tru‸x`, `expected "true", found 'x'`},
		{`nul‸`, `unexpected end of input inside "null"`},
		{`{} ‸x`, "'x' after the end of the value"},
		{`01`, ""},
	}
	for _, tt := range tests {
		at := strings.Index(tt.in, "‸")
		in := strings.Replace(tt.in, "‸", "", 1)
		_, err := Parse([]byte(in))
		if json.Valid([]byte(in)) {
			if err != nil {
				t.Errorf("%s: valid JSON, got %v", in, err)
			}
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: got %v, want a *SyntaxError", in, err)
			continue
		}
		if at >= 0 && se.Offset != int64(at) {
			t.Errorf("%s: error at byte %d, want %d (%v)", in, se.Offset, at, err)
		}
		if tt.msg != "" && se.Msg != tt.msg {
			t.Errorf("%s: message %q, want %q", in, se.Msg, tt.msg)
		}
	}
}

// TestLimits: depth, token size and tree size are bounded.
func TestLimits(t *testing.T) {
	deep := strings.Repeat("[", 600) + strings.Repeat("]", 600)
	if _, err := Parse([]byte(deep)); err == nil || !strings.Contains(err.Error(), "nesting deeper than 512") {
		t.Errorf("600 deep: %v", err)
	}
	s := NewScanner(strings.NewReader(`"` + strings.Repeat("a", 5000) + `"`))
	s.MaxToken = 1000
	if _, err := s.ReadValue(); err == nil || !strings.Contains(err.Error(), "string longer than 1000 bytes") {
		t.Errorf("long string: %v", err)
	}
	s = NewBytesScanner([]byte("[" + strings.Repeat("1,", 200) + "1]"))
	s.MaxValues = 100
	if _, err := s.ReadValue(); err == nil || !strings.Contains(err.Error(), "more values than the limit of 100") {
		t.Errorf("many values: %v", err)
	}
}

// TestStreamTokens: a scanner over a reader walks a large array of objects
// token by token, skipping what it does not want, in one pass.
func TestStreamTokens(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"log":{"entries":[`)
	for i := range 3000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"skip":{"deep":[1,2,{"x":"y"}]},"n":"` + strings.Repeat("z", i%97) + `"}`)
	}
	b.WriteString(`]}}`)
	s := NewScanner(iotest.HalfReader(strings.NewReader(b.String())))
	n := 0
	for {
		tok, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if tok.Key && tok.Text() == "skip" {
			if err := s.Skip(); err != nil {
				t.Fatal(err)
			}
		}
		if tok.Key && tok.Text() == "n" {
			v, err := s.ReadValue()
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Str) != n%97 {
				t.Fatalf("entry %d: n has %d bytes", n, len(v.Str))
			}
			n++
		}
	}
	if n != 3000 {
		t.Errorf("read %d entries", n)
	}
}

// FuzzParse: no panic; a valid input reads to encoding/json's data and an
// invalid one gives a SyntaxError inside the input; a byte at a time gives
// the same.
func FuzzParse(f *testing.F) {
	for _, in := range valid {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		v, err := Parse(in)
		s := NewScanner(iotest.OneByteReader(bytes.NewReader(in)))
		v2, err2 := s.ReadValue()
		if err2 == nil {
			if _, e := s.Next(); e != io.EOF {
				err2 = e
			}
		}
		if (err == nil) != (err2 == nil) || err == nil && !reflect.DeepEqual(v, v2) {
			t.Fatalf("whole: %v %v; by bytes: %v %v", v, err, v2, err2)
		}
		if json.Valid(in) {
			var want any
			if json.Unmarshal(in, &want) != nil {
				return // valid, but out of float64's range
			}
			if err != nil {
				if strings.Contains(err.Error(), "nesting deeper") {
					return
				}
				t.Fatalf("valid input: %v", err)
			}
			if got := toAny(t, &v); !reflect.DeepEqual(got, want) {
				t.Fatalf("got %#v, want %#v", got, want)
			}
			return
		}
		var se *SyntaxError
		if !errors.As(err, &se) || se.Offset < 0 || se.Offset > int64(len(in)) {
			t.Fatalf("invalid input: %v", err)
		}
	})
}

// TestReaderEndOffsets: an input read through a reader that ends inside a
// string or a number names an offset inside the input, as Parse does.
func TestReaderEndOffsets(t *testing.T) {
	for _, in := range []string{`"abc`, `[1, "abc`, `[1, "` + strings.Repeat("x", 70000), `[1.`, `{"a":-`} {
		_, want := Parse([]byte(in))
		s := NewScanner(strings.NewReader(in))
		_, err := s.ReadValue()
		var se, we *SyntaxError
		if !errors.As(err, &se) || !errors.As(want, &we) {
			t.Fatalf("%.20q: got %v, want %v", in, err, want)
		}
		if se.Offset != we.Offset || se.Offset > int64(len(in)) {
			t.Errorf("%.20q: offset %d through a reader, %d whole, input %d bytes", in, se.Offset, we.Offset, len(in))
		}
	}
}

// FuzzValid: Valid says what encoding/json.Valid says, but for nesting
// deeper than DefaultMaxDepth, which it refuses.
func FuzzValid(f *testing.F) {
	for _, in := range valid {
		f.Add([]byte(in))
	}
	for _, in := range []string{"{0x81, 0x05}", `{"a":1,}`, `[1 2]`, `"\u12"`, `-`, `01`, `1.`, `1e`, `{"a"}`, "\"\x01\"", `[]]`, ` `} {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, want := Valid(in), json.Valid(in)
		if got != want && !(want && bytes.Count(in, []byte("["))+bytes.Count(in, []byte("{")) > DefaultMaxDepth) {
			t.Fatalf("Valid(%q) = %v, encoding/json says %v", in, got, want)
		}
	})
}
