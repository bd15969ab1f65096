//go:build !js

package main

import (
	"fmt"
	"os"
)

// main explains how to build this package; natively only its tests run.
func main() {
	fmt.Fprintln(os.Stderr, "wasm: build with GOOS=js GOARCH=wasm (make build); natively only its tests run")
	os.Exit(2)
}
