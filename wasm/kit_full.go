//go:build !js || full

package main

import (
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
	"github.com/wsframe/wsframe/tlsdec/crypt"
)

// kit is what the page's full program (web/wsframe-full.wasm, -tags full)
// can do, and the native build where the tests run: everything.
var kit = inspect.Kit{Decode: inspect.DecodeKind, Conversations: true, Decrypt: crypt.TLS,
	Reader: decoder.Readings{}, Build: true, Filter: true, Magic: inspect.Signature}
