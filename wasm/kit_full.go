//go:build !js || full

package main

import (
	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
	"github.com/wsframe/wsframe/tlsdec/crypt"
)

// prog is what the page's full program (web/wsframe-full.wasm, -tags full)
// can do, and the native build where the tests run: everything, and the
// functions that come with it (fullOps; none natively). It is set in init
// because those functions use prog themselves.
var prog program

func init() {
	prog = program{Kit: inspect.Kit{Capture: capture.Decode, Conversation: inspect.DecodeConversation,
		Decrypt: crypt.TLS, Reader: decoder.Readings{}, Build: true, Filter: true, Magic: inspect.Signature},
		ops: fullOps()}
}
