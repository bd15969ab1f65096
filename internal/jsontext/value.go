package jsontext

import (
	"io"
	"strconv"
	"unicode/utf8"
)

// Kind is the kind of a Value.
type Kind uint8

// The kinds of JSON values.
const (
	KindNull Kind = iota
	KindBool
	KindNumber
	KindString
	KindArray
	KindObject
)

var kindNames = [...]string{"null", "bool", "number", "string", "array", "object"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is one JSON value with the byte range it was read from.
type Value struct {
	Kind Kind
	// Start and End are the input offsets of its first byte and just past
	// its last.
	Start, End int64
	// Str is a string's decoded text, a number's text as written, or
	// "true"/"false".
	Str string
	// Items are an array's elements.
	Items []Value
	// Members are an object's members in input order (duplicates kept).
	Members []Member
}

// Member is one name/value pair of an object.
type Member struct {
	Key      string
	KeyStart int64
	Value    Value
}

// Parse reads b as one JSON value with nothing but white space around it.
func Parse(b []byte) (Value, error) {
	s := NewBytesScanner(b)
	v, err := s.ReadValue()
	if err != nil {
		return v, err
	}
	if _, err := s.Next(); err != io.EOF {
		return v, err
	}
	return v, nil
}

// ReadValue reads the next whole value into a tree. At most MaxValues
// values go into one tree (DefaultMaxValues when zero).
func (s *Scanner) ReadValue() (Value, error) {
	if s.MaxValues <= 0 {
		s.MaxValues = DefaultMaxValues
	}
	budget := s.MaxValues
	t, err := s.Next()
	if err == io.EOF {
		return Value{}, s.fail(s.Offset(), "json.end.no-value", "unexpected end of input: no value")
	}
	if err != nil {
		return Value{}, err
	}
	return s.tree(t, &budget)
}

// tree builds the value that starts with token t. Recursion is bounded by
// the scanner's depth limit.
func (s *Scanner) tree(t Token, budget *int) (Value, error) {
	*budget--
	if *budget < 0 {
		return Value{}, s.fail(t.Offset, "json.values", "more values than the limit of {n}", "n", s.MaxValues)
	}
	v := Value{Start: t.Offset}
	switch t.Kind {
	case Null:
		v.End = t.Offset + 4
		return v, nil
	case True, False:
		v.Kind, v.Str = KindBool, t.Kind.word()
		v.End = t.Offset + int64(len(v.Str))
		return v, nil
	case Number:
		v.Kind, v.Str = KindNumber, t.Text()
		v.End = s.Offset()
		return v, nil
	case String:
		v.Kind, v.Str = KindString, t.Text()
		v.End = s.Offset()
		return v, nil
	case BeginArray:
		v.Kind = KindArray
		for {
			t, err := s.Next()
			if err != nil {
				return v, s.eofIsError(err)
			}
			if t.Kind == EndArray {
				v.End = t.Offset + 1
				return v, nil
			}
			item, err := s.tree(t, budget)
			if err != nil {
				return v, err
			}
			v.Items = append(v.Items, item)
		}
	case BeginObject:
		v.Kind = KindObject
		for {
			k, err := s.Next()
			if err != nil {
				return v, s.eofIsError(err)
			}
			if k.Kind == EndObject {
				v.End = k.Offset + 1
				return v, nil
			}
			m := Member{Key: k.Text(), KeyStart: k.Offset}
			t, err := s.Next()
			if err != nil {
				return v, s.eofIsError(err)
			}
			if m.Value, err = s.tree(t, budget); err != nil {
				return v, err
			}
			v.Members = append(v.Members, m)
		}
	}
	return v, s.fail(t.Offset, "json.unexpected", "unexpected {token}", "token", t.Kind.String())
}

func (s *Scanner) eofIsError(err error) error {
	if err == io.EOF {
		return s.fail(s.Offset(), "json.end", "unexpected end of input")
	}
	return err
}

func (k TokenKind) word() string {
	if k == True {
		return "true"
	}
	return "false"
}

// Get returns the value of the first member named key, or nil.
func (v *Value) Get(key string) *Value {
	for i := range v.Members {
		if v.Members[i].Key == key {
			return &v.Members[i].Value
		}
	}
	return nil
}

// Text returns a string value's text, and false for any other kind.
func (v *Value) Text() (string, bool) {
	if v == nil || v.Kind != KindString {
		return "", false
	}
	return v.Str, true
}

// Int returns a number value that is a whole number in int64's range.
func (v *Value) Int() (int64, bool) {
	if v == nil || v.Kind != KindNumber {
		return 0, false
	}
	n, err := strconv.ParseInt(v.Str, 10, 64)
	return n, err == nil
}

// Float returns a number value as a float64.
func (v *Value) Float() (float64, bool) {
	if v == nil || v.Kind != KindNumber {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.Str, 64)
	return f, err == nil
}

// Bool returns a boolean value.
func (v *Value) Bool() (bool, bool) {
	if v == nil || v.Kind != KindBool {
		return false, false
	}
	return v.Str == "true", true
}

// MarshalJSON writes the value back as compact JSON: numbers as written,
// strings with encoding/json's escaping, members in input order.
func (v Value) MarshalJSON() ([]byte, error) { return v.AppendJSON(nil), nil }

// AppendJSON appends the value as compact JSON to dst.
func (v *Value) AppendJSON(dst []byte) []byte {
	switch v.Kind {
	case KindNull:
		return append(dst, "null"...)
	case KindBool, KindNumber:
		return append(dst, v.Str...)
	case KindString:
		return AppendString(dst, v.Str)
	case KindArray:
		dst = append(dst, '[')
		for i := range v.Items {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = v.Items[i].AppendJSON(dst)
		}
		return append(dst, ']')
	}
	dst = append(dst, '{')
	for i := range v.Members {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = AppendString(dst, v.Members[i].Key)
		dst = append(dst, ':')
		dst = v.Members[i].Value.AppendJSON(dst)
	}
	return append(dst, '}')
}

// AppendString appends s as a JSON string with encoding/json's escaping:
// the HTML-sensitive <, > and & as \u003c and so on, U+2028 and U+2029
// escaped, and invalid UTF-8 replaced by U+FFFD.
func AppendString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			start = i + size
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
