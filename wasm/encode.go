//go:build js && full

package main

import (
	"fmt"
	"math"

	"github.com/hack-pad/safejs"
	"github.com/wsframe/wsframe/build"
)

// The builder is the full program's: wsframe.encode(spec) in the first
// program is in its later list, so the worker loads the full one for it.
func init() {
	fullOps["encode"] = func(args []safejs.Value) string {
		if len(args) < 1 {
			return errorJSON(0, "encode(spec) needs a spec object such as {text: \"hi\"}")
		}
		return encode(args[0])
	}
}

// encode is wsframe.encode(spec): the spec is a plain JS object (or an
// array of them, one message each) with the keys of build.Spec's JSON
// names, read here key by key so that encoding/json stays out of the
// wasm. It returns the build.Result as JSON, or an error naming the key.
func encode(v safejs.Value) string {
	var specs []build.Spec
	isArray, err := safejs.Global().Get("Array")
	if err == nil {
		isArray, err = isArray.Call("isArray", v)
	}
	if err != nil {
		return errorJSON(0, err.Error())
	}
	if arr, _ := isArray.Bool(); arr {
		n, err := v.Length()
		if err != nil {
			return errorJSON(0, err.Error())
		}
		for i := 0; i < n; i++ {
			item, err := v.Index(i)
			if err != nil {
				return errorJSON(0, err.Error())
			}
			s, err := specFromJS(item)
			if err != nil {
				return errorJSON(0, fmt.Sprintf("spec %d: %v", i+1, err))
			}
			specs = append(specs, s)
		}
	} else {
		s, err := specFromJS(v)
		if err != nil {
			return errorJSON(0, err.Error())
		}
		specs = []build.Spec{s}
	}
	r, err := build.Build(specs)
	if err != nil {
		return errorJSON(0, err.Error())
	}
	return marshal(r)
}

// jsObject reads typed keys of one JS object; the first wrong type is kept
// in err, and absent (undefined or null) keys leave their defaults.
type jsObject struct {
	v   safejs.Value
	err error
}

func (o *jsObject) get(key string, want safejs.Type, what string) (safejs.Value, bool) {
	if o.err != nil {
		return safejs.Value{}, false
	}
	v, err := o.v.Get(key)
	if err != nil {
		o.err = err
		return v, false
	}
	if v.IsUndefined() || v.IsNull() {
		return v, false
	}
	if v.Type() != want {
		o.err = fmt.Errorf("%s must be %s", key, what)
		return v, false
	}
	return v, true
}

func (o *jsObject) str(key string) *string {
	v, ok := o.get(key, safejs.TypeString, "a string")
	if !ok {
		return nil
	}
	s, _ := v.String()
	return &s
}

func (o *jsObject) boolean(key string) *bool {
	v, ok := o.get(key, safejs.TypeBoolean, "true or false")
	if !ok {
		return nil
	}
	b, _ := v.Bool()
	return &b
}

func (o *jsObject) number(key string) *float64 {
	v, ok := o.get(key, safejs.TypeNumber, "a number")
	if !ok {
		return nil
	}
	f, _ := v.Float()
	if f != math.Trunc(f) || f < 0 || f > 1<<64 {
		o.err = fmt.Errorf("%s must be a whole number from 0, not %v", key, f)
		return nil
	}
	return &f
}

func (o *jsObject) integer(key string) *int {
	f := o.number(key)
	if f == nil {
		return nil
	}
	if *f > math.MaxInt32 {
		o.err = fmt.Errorf("%s is too large: %v", key, *f)
		return nil
	}
	n := int(*f)
	return &n
}

func (o *jsObject) text(key string) string {
	if s := o.str(key); s != nil {
		return *s
	}
	return ""
}

// specFromJS reads one spec object.
func specFromJS(v safejs.Value) (build.Spec, error) {
	var s build.Spec
	if v.Type() != safejs.TypeObject {
		return s, fmt.Errorf("a spec is an object such as {text: \"hi\"}")
	}
	o := &jsObject{v: v}
	s.From = o.text("from")
	s.Fin, s.Rsv1, s.Rsv2, s.Rsv3 = o.boolean("fin"), o.boolean("rsv1"), o.boolean("rsv2"), o.boolean("rsv3")
	s.Opcode = o.integer("opcode")
	s.Mask = o.boolean("mask")
	s.MaskKey = o.text("mask_key")
	s.Text, s.Hex = o.str("text"), o.str("hex")
	if c, ok := o.get("close", safejs.TypeObject, "an object {code, reason}"); ok {
		co := &jsObject{v: c}
		s.Close = &build.Close{Code: co.integer("code"), Reason: co.text("reason")}
		if co.err != nil {
			return s, fmt.Errorf("close: %v", co.err)
		}
	}
	if n := o.integer("length_bits"); n != nil {
		s.LengthBits = *n
	}
	if f := o.number("payload_length"); f != nil {
		n := uint64(*f)
		if *f >= 1<<64 {
			n = math.MaxUint64
		}
		s.PayloadLength = &n
	}
	if n := o.integer("fragment"); n != nil {
		s.Fragment = *n
	}
	if o.err == nil {
		p, _ := v.Get("ping_between")
		switch p.Type() {
		case safejs.TypeBoolean:
			s.PingBetween, _ = p.Bool()
		case safejs.TypeString:
			s.PingBetween, _ = p.String()
		case safejs.TypeUndefined, safejs.TypeNull:
		default:
			o.err = fmt.Errorf("ping_between must be true, false or the ping's text")
		}
	}
	s.Extension = o.text("extension")
	s.Compress = o.boolean("compress")
	return s, o.err
}
