//go:build full || !(js && wasm)

package decoder

// The frame index is linked only where capture files are read: natively,
// and in the page's full wasm (-tags full). See indexer.
func init() {
	attachIndex = func(ix *Index, s *Session) indexer {
		ix.s = s
		return ix
	}
}
