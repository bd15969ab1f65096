package decoder

import (
	"encoding/hex"
	"github.com/wsframe/wsframe/reading"
	"reflect"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// AppendJSON appends v as JSON to dst, exactly as encoding/json's Marshal
// would write it (struct tags with omitempty, HTML-safe escaping, Hex as a
// hex string, time.Time as RFC 3339), for the types the result and the
// page's detail calls use: structs, pointers, slices, strings, booleans,
// integers, float64 and maps with string keys.
//
// It exists to keep encoding/json out of the WebAssembly build, where it
// weighs about 160 KB gzip: a sixth of the page. A test checks it against
// encoding/json on every golden and fuzz input.
func AppendJSON(dst []byte, v any) []byte {
	return appendValue(dst, reflect.ValueOf(v))
}

var (
	hexType  = reflect.TypeFor[Hex]()
	timeType = reflect.TypeFor[time.Time]()
	// rawJSONType is JSON text written as it is (its MarshalJSON).
	rawJSONType = reflect.TypeFor[reading.JSON]()
)

func appendValue(b []byte, v reflect.Value) []byte {
	if !v.IsValid() {
		return append(b, "null"...)
	}
	switch v.Type() {
	case hexType:
		b = append(b, '"')
		b = hex.AppendEncode(b, v.Bytes())
		return append(b, '"')
	case rawJSONType:
		if v.Len() == 0 {
			return append(b, "null"...)
		}
		return append(b, v.Bytes()...)
	case timeType:
		b = append(b, '"')
		b = v.Interface().(time.Time).AppendFormat(b, time.RFC3339Nano)
		return append(b, '"')
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return append(b, "null"...)
		}
		return appendValue(b, v.Elem())
	case reflect.Struct:
		return appendStruct(b, v)
	case reflect.Slice:
		if v.IsNil() {
			return append(b, "null"...)
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return appendBase64(b, v.Bytes())
		}
		fallthrough
	case reflect.Array:
		b = append(b, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendValue(b, v.Index(i))
		}
		return append(b, ']')
	case reflect.Map:
		return appendMap(b, v)
	case reflect.String:
		return appendString(b, v.String())
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.AppendUint(b, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return appendFloat(b, v.Float())
	}
	panic("decoder: AppendJSON cannot encode a " + v.Type().String())
}

// field is one JSON field of a struct type.
type jsonField struct {
	index     int
	name      string // already quoted, with its colon
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type -> []jsonField

func structFields(t reflect.Type) []jsonField {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]jsonField)
	}
	var fields []jsonField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts := tag, ""
		for j := 0; j < len(tag); j++ {
			if tag[j] == ',' {
				name, opts = tag[:j], tag[j:]
				break
			}
		}
		if name == "" {
			name = sf.Name
		}
		fields = append(fields, jsonField{index: i, name: string(appendString(nil, name)) + ":", omitEmpty: contains(opts, ",omitempty")})
	}
	fieldCache.Store(t, fields)
	return fields
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func appendStruct(b []byte, v reflect.Value) []byte {
	b = append(b, '{')
	first := true
	for _, f := range structFields(v.Type()) {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, f.name...)
		b = appendValue(b, fv)
	}
	return append(b, '}')
}

// isEmpty is encoding/json's notion of empty for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

func appendMap(b []byte, v reflect.Value) []byte {
	if v.IsNil() {
		return append(b, "null"...)
	}
	keys := v.MapKeys()
	// encoding/json sorts map keys.
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j].String() < keys[j-1].String(); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k.String())
		b = append(b, ':')
		b = appendValue(b, v.MapIndex(k))
	}
	return append(b, '}')
}

// appendFloat writes a float64 as encoding/json does.
func appendFloat(b []byte, f float64) []byte {
	abs := f
	if abs < 0 {
		abs = -abs
	}
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

func appendBase64(b []byte, p []byte) []byte {
	const enc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	b = append(b, '"')
	for i := 0; i < len(p); i += 3 {
		var v uint32
		n := min(3, len(p)-i)
		for j := 0; j < 3; j++ {
			v <<= 8
			if j < n {
				v |= uint32(p[i+j])
			}
		}
		for j := 0; j < 4; j++ {
			if j <= n {
				b = append(b, enc[v>>(18-6*j)&0x3f])
			} else {
				b = append(b, '=')
			}
		}
	}
	return append(b, '"')
}

// appendString writes s as a JSON string with encoding/json's escaping:
// HTML-sensitive <, > and & as \u003c..., U+2028 and U+2029 escaped, and
// invalid UTF-8 replaced by U+FFFD.
func appendString(b []byte, s string) []byte {
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
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
