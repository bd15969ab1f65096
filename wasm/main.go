//go:build js && wasm

// Command wasm is wsframe's decoder compiled to WebAssembly for the page.
// It is the only package that touches JavaScript, and it does so only
// through github.com/hack-pad/safejs, so that no syscall/js panic can reach
// the page.
//
// Loaded with wasm_exec.js (in the page's Web Worker, web/worker.js), it
// sets globalThis.wsframeGo to an object with:
//
//	version                          the decoder's version, a string
//	decode(text, options)            pasted text (hex or base64 forms, maybe after
//	                                 HTTP handshake headers) -> Result JSON
//	decodeCapture(bytes, options)    a .pcap/.pcapng file (maybe gzip) in a
//	                                 Uint8Array -> Result JSON
//	frame(index, options)            one frame of the last decode in detail: wire
//	                                 bytes, field table, unmask steps -> JSON
//
// Every function takes an optional options object (see options in api.go)
// and returns a JSON string: the contract's Result (shared/CONTRACT.md), the
// same bytes `wsframe -json` prints, or {"error": {"offset", "message"}}.
// A Go panic during a call is recovered and returned as such an error.
// The page's worker parses the JSON and hands plain objects to the page,
// whose globalThis.wsframe.decode() returns them as the contract says.
package main

import (
	"github.com/hack-pad/safejs"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	api, err := safejs.ValueOf(map[string]any{"version": version})
	if err != nil {
		panic(err)
	}
	export(api, "decode", func(args []safejs.Value) string {
		text, err := stringArg(args, 0, "text")
		if err != nil {
			return errorJSON(0, err.Error())
		}
		return decodeText(text, optionsArg(args, 1))
	})
	export(api, "decodeCapture", func(args []safejs.Value) string {
		b, err := bytesArg(args, 0)
		if err != nil {
			return errorJSON(0, err.Error())
		}
		return decodeCaptureBytes(b, optionsArg(args, 1))
	})
	export(api, "frame", func(args []safejs.Value) string {
		if len(args) < 1 || args[0].Type() != safejs.TypeNumber {
			return errorJSON(0, "frame(index, options) needs a frame index")
		}
		i, err := args[0].Int()
		if err != nil {
			return errorJSON(0, err.Error())
		}
		return frame(i, optionsArg(args, 1))
	})
	if err := safejs.Global().Set("wsframeGo", api); err != nil {
		panic(err)
	}
	select {} // keep the functions alive
}

// export sets api[name] to a JS function that runs fn under guard.
func export(api safejs.Value, name string, fn func(args []safejs.Value) string) {
	f, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		return guard(func() string { return fn(args) })
	})
	if err != nil {
		panic(err)
	}
	if err := api.Set(name, f.Value()); err != nil {
		panic(err)
	}
}

func stringArg(args []safejs.Value, i int, name string) (string, error) {
	if len(args) <= i || args[i].Type() != safejs.TypeString {
		return "", errorf("argument %d (%s) must be a string", i+1, name)
	}
	return args[i].String()
}

// optionsArg reads the options object at args[i]; missing keys, or a
// missing object, leave the defaults.
func optionsArg(args []safejs.Value, i int) options {
	var o options
	if len(args) <= i || args[i].Type() != safejs.TypeObject {
		return o
	}
	str := func(key string) string {
		v, err := args[i].Get(key)
		if err != nil || v.Type() != safejs.TypeString {
			return ""
		}
		s, _ := v.String()
		return s
	}
	num := func(key string) int {
		v, err := args[i].Get(key)
		if err != nil || v.Type() != safejs.TypeNumber {
			return 0
		}
		n, _ := v.Int()
		return n
	}
	o.From, o.Extension, o.Format = str("from"), str("extension"), str("format")
	o.InflateLimit, o.Preview = num("inflate_limit"), num("preview")
	o.Steps, o.StepsFrom, o.MaxBytes = num("steps"), num("steps_from"), num("max_bytes")
	return o
}

// bytesArg copies a Uint8Array argument into Go memory, once.
func bytesArg(args []safejs.Value, i int) ([]byte, error) {
	if len(args) <= i {
		return nil, errorf("argument %d must be a Uint8Array", i+1)
	}
	n, err := args[i].Get("length")
	if err != nil {
		return nil, err
	}
	size, err := n.Int()
	if err != nil {
		return nil, errorf("argument %d must be a Uint8Array", i+1)
	}
	b := make([]byte, size)
	if _, err := safejs.CopyBytesToGo(b, args[i]); err != nil {
		return nil, errorf("argument %d must be a Uint8Array: %v", i+1, err)
	}
	return b, nil
}
