package main

import (
	"sort"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
)

// The page loads two builds of this program. The first, web/wsframe.wasm,
// is what a visit downloads: it decodes pastes. The full one,
// web/wsframe-full.wasm (-tags full), adds what it leaves out to stay
// small (capture files, TLS, and the functions in laterOps); the page's
// worker loads it the first time it is needed and then uses it for every
// call.

// fullProgram is true in the full program.
var fullProgram bool

// laterNames are the functions the first program leaves to the full one,
// so that the worker knows, before loading it, that it will have them.
var laterNames = []string{"decodeCapture", "decodeStream", "encode"}

// laterOps lists laterNames for the page, sorted.
func laterOps() []any {
	names := append([]string(nil), laterNames...)
	sort.Strings(names)
	out := make([]any, len(names))
	for i, n := range names {
		out[i] = n
	}
	return out
}

// decodeAny decodes any input by its content, capture files too: set in
// programs that read them (the full one, and natively for the tests);
// nil in the first program, which leaves them to the full one.
var decodeAny func(kind inspect.Kind, data []byte, opts decoder.Options) *decoder.Result

// needsFull is the answer of the first program to work only the full one
// does: an error with needs "full", on which the worker loads the full
// program and asks it again.
func needsFull(what string) string {
	return marshal(needsError{needsBody{Message: what + " is read by the full decoder (wsframe-full.wasm), which was not loaded", Needs: "full"}})
}

type needsError struct {
	Error needsBody `json:"error"`
}

type needsBody struct {
	Message string `json:"message"`
	Needs   string `json:"needs"`
}
