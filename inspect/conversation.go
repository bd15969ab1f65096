//go:build !js || full

package inspect

// Conversations (HAR files and entries, Follow TCP Stream, dumps of several
// packets) are read by the native command and the page's full program
// (wsframe-full.wasm, -tags full); the first program only recognises them
// (Conversation) and leaves them to the full one.

import "github.com/wsframe/wsframe/decoder"

func init() { readConversation = decodeConversation }

// decodeConversation reads a paste of the kind Conversation named.
func decodeConversation(kind string, data []byte, opts decoder.Options) (*decoder.Result, bool) {
	switch kind {
	case HAR:
		return decodeHAR(data, opts), true
	case Follow:
		return decodeFollow(data, opts), true
	}
	return decodePackets(data, opts)
}
