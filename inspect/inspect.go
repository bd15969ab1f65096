// Package inspect decodes whatever a user hands wsframe: a capture file,
// pasted text in any paste form, or raw frame bytes. The command line and
// the page both start here, so they read input the same way.
package inspect

import "github.com/wsframe/wsframe/decoder"

// Decode decodes data, finding its kind from its content.
func Decode(data []byte, opts decoder.Options) *decoder.Result {
	return decoder.Decode(data, opts)
}
