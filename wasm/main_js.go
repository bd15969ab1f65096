// Command wasm is wsframe's decoder compiled to WebAssembly for the page.
// It is the only package that touches JavaScript, and it does so only
// through github.com/hack-pad/safejs, so that no syscall/js panic can reach
// the page.
//
// Loaded with wasm_exec.js (in the page's Web Worker, web/worker.js), it
// sets globalThis.wsframeGo to an object with:
//
//	version                          the decoder's version, a string
//	caps                             what this program can do, a list (inspect.Cap*)
//	ops                              every function, with the capability it needs
//	                                 ("" for none): the worker loads the full
//	                                 program for one that names a capability
//	                                 not in caps
//	seed                             the seed article's frames as hex, what the page shows first
//	formats                          the paste forms the page's format menu offers, a list
//	protocols                        the application protocols the "Read messages as"
//	                                 menu offers (reading's table), a list
//	pasteWhole                       the size in bytes up to which a paste is decoded
//	                                 whole; a larger one needs the full program
//	decode(text, options)            pasted text (hex or base64 forms, maybe after
//	                                 HTTP handshake headers) -> Result JSON
//	decodeCapture(bytes, options)    a .pcap/.pcapng file (maybe gzip) in a
//	                                 Uint8Array -> Result JSON
//	decodeStream(read, size, options)  a file of size bytes read piece by piece,
//	                                 so a large capture is never held whole: in
//	                                 order through options.next() -> a Promise of
//	                                 the next piece (a Uint8Array, empty at the
//	                                 end; the worker reads them ahead while Go
//	                                 decodes), or without it through read; and at
//	                                 offsets through read(offset, length) ->
//	                                 Uint8Array (FileReaderSync); options.progress(done)
//	                                 is called as it goes -> Result JSON, or with
//	                                 options.done given, "" and done(Result JSON)
//	                                 later (it must, to wait on next)
//	rows(kind, start, count, options)  frames or messages of the last decode,
//	                                 for lists that fetch rows as they scroll -> JSON
//	index(kind, connection)          indexes of the last decode's frames or messages
//	                                 on one connection -> JSON list
//	frame(index, options)            one frame of the last decode in detail: wire
//	                                 bytes, field table, unmask steps -> JSON
//	warm(take)                       the full program: a capture of generated traffic
//	                                 decoded and forgotten, so that V8 has optimized the
//	                                 decoder before a file comes (the worker calls it);
//	                                 take(bytes), when given, is handed the capture, which
//	                                 the worker decodes again as a file -> {}
//	encode(spec)                     frames built by hand from a spec object (or an
//	                                 array of them), see encode_js.go -> JSON
//
// Options with rows: N list only the first N frames and messages, with
// "totals" giving how many there are.
//
// Every function takes an optional options object (see options in api.go)
// and returns a JSON string: the contract's Result (docs/contract.md), the
// same bytes `wsframe -json` prints, or {"error": {"offset", "message"}}.
// A Go panic during a call is recovered and returned as such an error.
// The page's worker parses the JSON and hands plain objects to the page,
// whose globalThis.wsframe.decode() returns them as the contract says.
package main

import (
	"runtime/debug"

	"github.com/hack-pad/safejs"

	"github.com/wsframe/wsframe/decoder"
)

// memoryLimit is the Go heap's soft limit in the worker.
const memoryLimit = 1536 << 20

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// op is an API function: its JS arguments in, a JSON string out.
type op = func(args []safejs.Value) string

func main() {
	// A soft limit: near it the collector works harder rather than let
	// the heap grow to the 4 GiB a wasm module can have. The index's
	// budget (512 MiB by default) keeps live memory well below it.
	debug.SetMemoryLimit(memoryLimit)
	// caps lists what this program can do (prog: kit_first.go, kit_full.go);
	// ops names every function, the first program's too, with the
	// capability it needs ("" for none), so that the worker knows before
	// it loads the full program that it will have them; pasteWhole is the
	// size of paste decoded whole (larger ones go through the full
	// program's index), so that the page can fetch the full program as a
	// larger paste begins rather than after the first program's answer.
	api, err := safejs.ValueOf(map[string]any{"version": version, "seed": decoder.SeedPaste, "formats": pasteFormats(),
		"caps": caps(), "ops": opTable([]string{"decode", "rows", "index", "frame"}), "protocols": protocolNames(),
		"pasteWhole": wholePaste})
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
	export(api, "rows", func(args []safejs.Value) string {
		kind, err := stringArg(args, 0, "kind")
		if err != nil || len(args) < 3 || args[1].Type() != safejs.TypeNumber || args[2].Type() != safejs.TypeNumber {
			return errorJSON(0, "rows(kind, start, count, options) needs \"frames\" or \"messages\" and two numbers")
		}
		start, _ := args[1].Int()
		count, _ := args[2].Int()
		return rows(kind, start, count, optionsArg(args, 3))
	})
	export(api, "index", func(args []safejs.Value) string {
		kind, err := stringArg(args, 0, "kind")
		if err != nil || len(args) < 2 || args[1].Type() != safejs.TypeNumber {
			return errorJSON(0, "index(kind, connection) needs \"frames\" or \"messages\" and a connection id")
		}
		c, _ := args[1].Int()
		return index(kind, c)
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
	for name, fn := range prog.ops {
		export(api, name, fn)
	}
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
	o.Rows, o.KeepBytes = num("rows"), num("keep_bytes")
	o.KeyLog = str("keylog")
	o.AsPayload = str("as_payload")
	o.Protocol = str("protocol")
	o.Budget = num("budget")
	o.Handshakes = str("handshakes")
	return o
}
