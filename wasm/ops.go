package main

import "github.com/wsframe/wsframe/inspect"

// The page loads two builds of this program. The first, web/wsframe.wasm,
// is what a visit downloads: it decodes pastes. The full one,
// web/wsframe-full.wasm (-tags full), has every capability (kit_full.go);
// the page's worker loads it the first time one is needed, and then uses
// it for every call. Go says which capabilities a program has (caps) and
// which capability each function needs (ops); the worker's one rule: an op,
// or an error's needs, naming a capability not in caps loads the full
// program.

// opNeeds names the capability (inspect.Cap*) each API function only some
// programs have needs; the others need none.
var opNeeds = map[string]string{
	"decodeCapture": inspect.CapCapture,
	"decodeStream":  inspect.CapCapture,
	"encode":        inspect.CapBuild,
	"filter":        inspect.CapFilter,
	"filterFields":  inspect.CapFilter,
	"handshake":     inspect.CapCapture,
	"warm":          inspect.CapCapture,
}

// program is what one build of this program can do, the one value that
// tells the builds apart (kit_first.go, kit_full.go): the decoding
// capabilities, and the API functions beyond the common ones that come
// with them, which the first program's empty kit leaves out (and with them
// every package only they import).
type program struct {
	inspect.Kit
	ops map[string]op
}

// caps lists prog's capabilities for the page.
func caps() []any {
	var out []any
	for _, c := range prog.Caps() {
		out = append(out, c)
	}
	return out
}

// opTable is opNeeds for the page, with "" for the functions every
// program has.
func opTable(common []string) map[string]any {
	out := map[string]any{}
	for _, n := range common {
		out[n] = ""
	}
	for n, c := range opNeeds {
		out[n] = c
	}
	return out
}

// needs is the answer of a program to work that needs a capability it
// lacks: an error whose needs names it, on which the worker loads the full
// program and asks it again.
func needs(capability, what string) string {
	return marshal(needsError{needsBody{Message: what + " is read by the full decoder (wsframe-full.wasm), which was not loaded", Needs: capability}})
}

type needsError struct {
	Error needsBody `json:"error"`
}

type needsBody struct {
	Message string `json:"message"`
	Needs   string `json:"needs"`
}
