//go:build js && !full

package main

import "github.com/wsframe/wsframe/inspect"

// kit is what the page's first program (web/wsframe.wasm, what a visit
// downloads) can do: decode pasted frames, nothing more. It imports
// neither tlsdec/crypt nor package build, and leaves every capability to
// the full program, which the worker loads when an op or an error names
// one this program lacks (see ops.go).
var kit = inspect.Kit{}
