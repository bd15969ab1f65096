//go:build !js || full

package main

import (
	"github.com/hack-pad/safejs"

	"github.com/wsframe/wsframe/build"
	"github.com/wsframe/wsframe/decoder"
)

// encodeOp is wsframe.encode(spec), the full program's: it needs the build
// capability (opNeeds), so the worker loads the full program for it.
func encodeOp(args []safejs.Value) string {
	if len(args) < 1 {
		return errorJSON(0, "encode(spec) needs a spec object such as {text: \"hi\"}")
	}
	return encode(args[0])
}

// encode is wsframe.encode(spec): the spec is JSON text, or a plain JS
// object (or an array of them, one message each) that JSON.stringify turns
// into it; build.ParseSpecs reads it, as it reads wsframe -encode's. It
// returns the build.Result as JSON, or an error at the spec's line and
// column.
func encode(v safejs.Value) string {
	text := v
	if v.Type() != safejs.TypeString {
		j, err := safejs.Global().Get("JSON")
		if err == nil {
			text, err = j.Call("stringify", v)
		}
		if err != nil || text.Type() != safejs.TypeString {
			return errorJSON(0, "encode(spec) needs a spec object such as {text: \"hi\"}")
		}
	}
	src, err := text.String()
	if err != nil {
		return errorJSON(0, err.Error())
	}
	specs, err := build.ParseSpecs([]byte(src))
	if err != nil {
		if e, ok := err.(*build.SpecError); ok {
			return marshal(apiError{decoder.Error{Offset: e.Offset, Line: e.Line, Column: e.Column, Message: e.Error()}})
		}
		return errorJSON(0, err.Error())
	}
	r, err := build.Build(specs)
	if err != nil {
		return errorJSON(0, err.Error())
	}
	return marshal(r)
}
