package inspect

import (
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tlsdec"
)

// Kit is what a program can do, each capability a value that is nil when
// the program leaves it out. Only the packages a program imports cost it
// bytes, and code reached only through a nil value is left out by the
// linker, so the page's first wasm (an empty Kit) and its full one (every
// capability) differ by the Kit each builds (wasm/kit_first.go,
// wasm/kit_full.go), not by build tags; the command carries everything.
type Kit struct {
	// Capture reads capture files (capture.Decode); nil in a program
	// that reads pasted text only.
	Capture func(data []byte, opts decoder.Options) *decoder.Result
	// Conversation reads what Conversation names (HAR, Follow TCP
	// Stream, several packets): DecodeConversation; nil in a program that
	// leaves them to another.
	Conversation func(kind Kind, data []byte, opts decoder.Options) (*decoder.Result, bool)
	// Decrypt decrypts TLS with a key log (tlsdec/crypt.TLS).
	Decrypt tlsdec.Crypto
	// Reader reads messages as application protocols (decoder.Readings).
	Reader decoder.Reader
	// Build is true when the program builds frames from a spec (package
	// build, the page's encode).
	Build bool
	// Magic names files by their signatures (Signature: images, archives,
	// executables ...) for Kit.Classify; nil in a program that reads
	// pasted text only.
	Magic func(head []byte, weak bool) (Kind, bool)
	// Filter is true when the program runs display filters (package
	// filter, the page's filter box).
	Filter bool
}

// The capabilities, as Caps and Lacks name them (and the page's worker
// reads them: an op or an error's needs naming one its program lacks
// loads the full program).
const (
	CapCapture      = "capture"      // capture files, and their index
	CapConversation = "conversation" // HAR, Follow TCP Stream, several packets
	CapTLS          = "tls"          // TLS decryption
	CapRead         = "read"         // application protocol readings
	CapBuild        = "build"        // frames built from a spec
	CapFilter       = "filter"       // display filters
)

// Caps lists the capabilities k has, in a fixed order.
func (k Kit) Caps() []string {
	var out []string
	add := func(has bool, name string) {
		if has {
			out = append(out, name)
		}
	}
	add(k.Capture != nil, CapCapture)
	add(k.Conversation != nil, CapConversation)
	add(k.Decrypt != nil, CapTLS)
	add(k.Reader != nil, CapRead)
	add(k.Build, CapBuild)
	add(k.Filter, CapFilter)
	return out
}

// Options returns opts with the capabilities of k that a decode is given
// as values (Decrypt, Reader).
func (k Kit) Options(opts decoder.Options) decoder.Options {
	opts.Decrypt, opts.Reader = k.Decrypt, k.Reader
	return opts
}

// Lacks names the capability that an input of kind (Classify's),
// decoded with opts, needs and k lacks, with a few words on why; "" when
// k can decode it. It asks before any decode: a capture, a conversation,
// a protocol named in opts. Whether messages might read as an application
// protocol by their content is known after decoding (LacksReader).
func (k Kit) Lacks(kind Kind, opts decoder.Options) (capability, what string) {
	switch {
	case kind.IsCapture():
		if k.Capture == nil {
			return CapCapture, "a capture file"
		}
	case opts.AsPayload != "":
	case kind.IsConversation():
		if k.Conversation == nil {
			return CapConversation, kind.Name()
		}
	case k.Reader == nil && kind.Readable() && opts.Protocol != "" && opts.Protocol != "auto" && opts.Protocol != "none":
		return CapRead, "a paste whose messages may read as an application protocol (read as " + opts.Protocol + ")"
	}
	return "", ""
}

// LacksReader reports whether r, decoded without a Reader, has messages
// that might read as an application protocol (Result.MayRead), so that a
// program without one leaves r to one that has it: the page then shows a
// paste the same whichever program answers.
func (k Kit) LacksReader(r *decoder.Result) bool {
	return k.Reader == nil && r.MayRead()
}
