package decoder

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Invisible reports whether r would not show as itself where text from the
// input is displayed, and so is shown as a mark instead: C0 and C1 control
// characters and DEL (Unicode category Cc), format characters (category Cf:
// the bidirectional controls such as U+202E that reorder what follows,
// zero-width characters such as U+200B, the byte order mark), and the line
// and paragraph separators U+2028 and U+2029. The page (web/dom.js) applies
// the same rule, checked against testdata/visible.json.
func Invisible(r rune) bool {
	return r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0x2028 || r == 0x2029 || unicode.Is(unicode.Cf, r)
}

// Visible returns s with every invisible character (see Invisible) written
// as a mark such as ⟨U+202E⟩, and every byte that is not UTF-8 as \xNN, so
// that text from the input can be printed on one line without reordering
// or hiding what is around it, and without reaching a terminal as an
// escape sequence. s is returned as it is when it needs no mark.
func Visible(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || Invisible(r) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			b.WriteString(`\x`)
			b.WriteByte(lowerHex[s[i]>>4])
			b.WriteByte(lowerHex[s[i]&15])
		case Invisible(r):
			b.WriteString(runeMark(r))
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

const (
	upperHex = "0123456789ABCDEF"
	lowerHex = "0123456789abcdef"
)

// runeMark is the visible form of an invisible character: ⟨U+202E⟩.
func runeMark(r rune) string {
	var buf [16]byte
	b := append(buf[:0], "⟨U+"...)
	w := 4 // at least four digits, more as needed: U+E0041
	for w < 8 && r>>(4*uint(w)) != 0 {
		w++
	}
	for k := w - 1; k >= 0; k-- {
		b = append(b, upperHex[(r>>(4*uint(k)))&15])
	}
	return string(append(b, "⟩"...))
}
