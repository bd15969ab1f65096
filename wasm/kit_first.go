//go:build js && !full

package main

// prog is what the page's first program (web/wsframe.wasm, what a visit
// downloads) can do: decode pasted frames, nothing more. Its kit is empty
// and it adds no functions, so it links neither capture files, nor
// conversations, nor tlsdec/crypt, nor packages build and filter, and
// leaves every capability to the full program, which the worker loads when
// an op or an error names one this program lacks (see ops.go).
var prog = program{}
