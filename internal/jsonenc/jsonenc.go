// Package jsonenc is a small JSON encoder that writes what encoding/json's
// Marshal writes (struct tags with omitempty, HTML-safe escaping, MarshalJSON
// methods, sorted map keys) for the types wsframe's results use: structs,
// pointers, interfaces, slices, arrays, strings, booleans, integers, floats
// and maps with string keys.
//
// It exists to keep encoding/json out of the WebAssembly build, where it
// weighs about 160 KB gzip: a sixth of the page. Its tests check it against
// encoding/json on every golden and fuzz input.
package jsonenc

import (
	"errors"
	"math"
	"reflect"
	"strconv"
	"sync"

	"github.com/wsframe/wsframe/internal/jsontext"
)

// Marshaler is implemented by types that write their own JSON, as
// encoding/json's Marshaler is (the same method, so either package's
// callers see one behaviour).
type Marshaler interface {
	MarshalJSON() ([]byte, error)
}

// Marshal returns v as JSON.
func Marshal(v any) ([]byte, error) { return Append(nil, v) }

// Append appends v as JSON to dst. An error comes from a MarshalJSON method
// (time.Time's, for a year outside 0 to 9999) or from a type JSON cannot
// hold (channels, functions, complex numbers); then dst is returned as it was.
func Append(dst []byte, v any) ([]byte, error) {
	e := encoder{b: dst}
	e.value(reflect.ValueOf(v))
	if e.err != nil {
		return dst, e.err
	}
	return e.b, nil
}

// An Error says which type could not be encoded, and why.
type Error struct {
	Type string
	Err  error
}

func (e *Error) Error() string {
	return "json: error calling MarshalJSON for type " + e.Type + ": " + e.Err.Error()
}

// Unwrap returns the MarshalJSON method's error.
func (e *Error) Unwrap() error { return e.Err }

type encoder struct {
	b   []byte
	err error
}

var marshalerCache sync.Map // reflect.Type -> bool

// hasMarshaler reports whether values of type t have a MarshalJSON method.
// Unlike encoding/json it does not look for a pointer receiver's method on
// an addressable value: the result types have none, and reflect.PointerTo
// would weigh 4 KB gzip in the wasm.
func hasMarshaler(t reflect.Type) bool {
	if m, ok := marshalerCache.Load(t); ok {
		return m.(bool)
	}
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64, reflect.String:
		if t.PkgPath() == "" {
			return false // a predeclared type: no methods (and no lookup: a string in a map of params is common)
		}
	case reflect.Interface:
		return false // the value inside decides
	}
	_, ok := reflect.Zero(t).Interface().(Marshaler)
	marshalerCache.Store(t, ok)
	return ok
}

func (e *encoder) value(v reflect.Value) {
	if !v.IsValid() {
		if e.err == nil {
			e.b = append(e.b, "null"...)
		}
		return
	}
	e.typed(v, hasMarshaler(v.Type()))
}

// typed writes v, whose type's hasMarshaler is m: a struct's fields and an
// array's elements are written with m found once for their type (the
// cache lookup per value was a sixth of a capture's rows in the wasm).
func (e *encoder) typed(v reflect.Value, m bool) {
	if e.err != nil {
		return
	}
	t := v.Type()
	if m {
		e.marshaler(v)
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			e.b = append(e.b, "null"...)
			return
		}
		e.value(v.Elem())
	case reflect.Struct:
		e.structure(v)
	case reflect.Slice:
		if v.IsNil() {
			e.b = append(e.b, "null"...)
			return
		}
		if t.Elem().Kind() == reflect.Uint8 {
			e.b = appendBase64(e.b, v.Bytes())
			return
		}
		e.array(v)
	case reflect.Array:
		e.array(v)
	case reflect.Map:
		e.mapping(v)
	case reflect.String:
		e.b = jsontext.AppendString(e.b, v.String())
	case reflect.Bool:
		e.b = strconv.AppendBool(e.b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.b = strconv.AppendInt(e.b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.b = strconv.AppendUint(e.b, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			e.err = &Error{Type: t.String(), Err: errors.New("unsupported value " + strconv.FormatFloat(f, 'g', -1, 64))}
			return
		}
		e.b = appendFloat(e.b, v.Float(), t.Bits())
	default:
		e.err = &Error{Type: t.String(), Err: errors.New("unsupported type")}
	}
}

// marshaler writes what v's MarshalJSON method returns; a nil pointer is
// null, as encoding/json writes it.
func (e *encoder) marshaler(v reflect.Value) {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		e.b = append(e.b, "null"...)
		return
	}
	out, err := v.Interface().(Marshaler).MarshalJSON()
	if err != nil {
		e.err = &Error{Type: v.Type().String(), Err: err}
		return
	}
	e.b = appendCompact(e.b, out)
}

func (e *encoder) array(v reflect.Value) {
	e.b = append(e.b, '[')
	m := hasMarshaler(v.Type().Elem()) // false for an interface: the value inside decides
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.typed(v.Index(i), m)
	}
	e.b = append(e.b, ']')
}

// appendCompact appends a MarshalJSON method's output as encoding/json
// does: white space outside strings dropped, <, > and & escaped.
func appendCompact(b, js []byte) []byte {
	inString := false
	for i := 0; i < len(js); i++ {
		c := js[i]
		switch {
		case inString && c == '\\' && i+1 < len(js):
			b = append(b, c, js[i+1])
			i++
			continue
		case c == '"':
			inString = !inString
		case !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			continue
		case c == '<' || c == '>' || c == '&':
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			continue
		}
		b = append(b, c)
	}
	return b
}

const hexDigits = "0123456789abcdef"

// jsonField is one JSON field of a struct type.
type jsonField struct {
	index     int
	name      string // already quoted, with its colon
	omitEmpty bool
	marshaler bool // hasMarshaler of its type
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
		fields = append(fields, jsonField{index: i, name: string(jsontext.AppendString(nil, name)) + ":", omitEmpty: contains(opts, ",omitempty"), marshaler: hasMarshaler(sf.Type)})
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

func (e *encoder) structure(v reflect.Value) {
	e.b = append(e.b, '{')
	first := true
	for _, f := range structFields(v.Type()) {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if !first {
			e.b = append(e.b, ',')
		}
		first = false
		e.b = append(e.b, f.name...)
		e.typed(fv, f.marshaler)
	}
	e.b = append(e.b, '}')
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

func (e *encoder) mapping(v reflect.Value) {
	if v.IsNil() {
		e.b = append(e.b, "null"...)
		return
	}
	keys := v.MapKeys()
	// encoding/json sorts map keys.
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j].String() < keys[j-1].String(); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	e.b = append(e.b, '{')
	for i, k := range keys {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = jsontext.AppendString(e.b, k.String())
		e.b = append(e.b, ':')
		e.value(v.MapIndex(k))
	}
	e.b = append(e.b, '}')
}

// appendFloat writes a float of the given bits as encoding/json does.
func appendFloat(b []byte, f float64, bits int) []byte {
	abs := f
	if abs < 0 {
		abs = -abs
	}
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
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
