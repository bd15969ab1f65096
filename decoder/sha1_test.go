package decoder

import (
	"crypto/sha1"
	"testing"
)

// TestSHA1 checks the page's small SHA-1 against crypto/sha1 for every
// length across several block boundaries.
func TestSHA1(t *testing.T) {
	data := make([]byte, 300)
	for i := range data {
		data[i] = byte(i*13 + 5)
	}
	for n := 0; n <= len(data); n++ {
		if got, want := sha1Sum(data[:n]), sha1.Sum(data[:n]); got != want {
			t.Fatalf("length %d: %x, want %x", n, got, want)
		}
	}
}
