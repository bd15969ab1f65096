package reading

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// tree counts the fields a reading has made, so that no input makes more
// than MaxFields of them.
type tree struct {
	n   int
	cut bool
}

// add appends f to list unless the reading already has MaxFields fields.
//
//go:noinline
func (t *tree) add(list []Field, f Field) []Field {
	if t.n >= MaxFields {
		t.cut = true
		return list
	}
	t.n++
	return append(list, f)
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD;
// control characters, quotes, backslashes and <, >, & are escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\r':
				b = append(b, `\r`...)
			case c == '\t':
				b = append(b, `\t`...)
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&15])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// appendFloat appends f as JSON; NaN and the infinities, which JSON lacks,
// become the strings "NaN", "Infinity" and "-Infinity".
func appendFloat(b []byte, f float64, bits int) []byte {
	switch {
	case f != f:
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(b, `"-Infinity"`...)
	}
	// As encoding/json writes numbers: plain unless tiny or huge.
	abs, format := math.Abs(f), byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// quote returns s quoted for a field's value, cut to 60 bytes.
//
//go:noinline
func quote(s string) string {
	if len(s) > 60 {
		i := 60
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		return strconv.Quote(s[:i]) + "…"
	}
	return strconv.Quote(s)
}

// hexPreview shows up to 16 bytes of b in hex.
//
//go:noinline
func hexPreview(b []byte) string {
	n := len(b)
	if n > 16 {
		n = 16
	}
	out := make([]byte, 0, 3*n+2)
	for i := 0; i < n; i++ {
		if i > 0 {
			out = append(out, ' ')
		}
		out = append(out, hexDigits[b[i]>>4], hexDigits[b[i]&15])
	}
	if len(b) > n {
		out = append(out, " …"...)
	}
	return string(out)
}
