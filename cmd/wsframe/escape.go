package main

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/wsframe/wsframe/decoder"
)

// term readies text that came from the input for the terminal: control
// characters (which could set the window title, write the clipboard with
// OSC 52 or clear the screen), bidirectional controls, zero-width and other
// invisible characters, and bytes that are not UTF-8 become visible marks
// (decoder.Visible). Everything the command prints from the input goes
// through it, or through %q, which escapes the same characters.
func term(s string) string { return decoder.Visible(s) }

// jsonForTerminal writes every invisible character left in JSON text (DEL,
// C1 controls such as U+009B, which terminals read as CSI, bidi and other
// format characters, U+2028/9; the encoder escapes only C0) as a \uXXXX
// escape: the same JSON value, safe to print. Outside strings, JSON has no
// such characters but its line ends, which stay.
//
// Most JSON needs no escape: it is scanned, printable ASCII a byte at a
// time, and returned as it is; only from the first invisible character on
// is it copied.
func jsonForTerminal(b []byte) []byte {
	i := 0
	for i < len(b) {
		if c := b[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || c == '\n' {
				i++
				continue
			}
			break
		}
		r, n := utf8.DecodeRune(b[i:])
		if decoder.Invisible(r) {
			break
		}
		i += n
	}
	if i == len(b) {
		return b
	}
	out := append(make([]byte, 0, len(b)+16), b[:i]...)
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if r == '\n' || !decoder.Invisible(r) {
			out = append(out, b[i:i+n]...)
			i += n
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			out = append(out, '\\', 'u', lowerHex[u>>12], lowerHex[u>>8&15], lowerHex[u>>4&15], lowerHex[u&15])
		}
		i += n
	}
	return out
}

const lowerHex = "0123456789abcdef"
