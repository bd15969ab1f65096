// Package words writes the few English word forms the decoder's messages
// need, in one place.
package words

import "strconv"

// Count writes n and noun, the noun plural unless n is 1: "1 frame",
// "2 frames". noun must take a plain -s.
//
//go:noinline
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
