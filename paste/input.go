package paste

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/internal/msg"
)

// The paste forms Parse knows, by the name decoder.Input.Format reports.
const (
	FormatHex       = "hex"               // 81 0c 48 65, 810c4865, 81:0c:48, 0x81 0x0c, \n-separated
	FormatXxd       = "xxd"               // 00000000: 810c 4865 6c6c  ..Hel
	FormatHexdumpC  = "hexdump-C"         // 00000000  81 0c 48 65  |..He|
	FormatOd        = "od"                // 000000 81 0c 48 65 (od -A x -t x1)
	FormatWireshark = "wireshark-hexdump" // 0000   81 0c 48 65   ..He (Copy as Hex Dump, tshark -x)
	FormatCArray    = "c-array"           // {0x81, 0x0c} (Wireshark's C Array, Go []byte{...})
	FormatEscaped   = "escaped"           // "\x81\x0c" (Escaped String, C and Go string literals)
	FormatPython    = "python"            // b'\x81\x0cHello'
	FormatBase64    = "base64"            // gQxIZWxsbw== (Chrome DevTools, HAR)
	FormatBase64URL = "base64url"         // gQxIZWxsbw (URL-safe alphabet)
	FormatBinary    = "binary"            // raw bytes (command line only)
)

// Formats lists the names Options.Format accepts.
var Formats = []string{FormatHex, FormatXxd, FormatHexdumpC, FormatOd, FormatWireshark,
	FormatCArray, FormatEscaped, FormatPython, FormatBase64, FormatBase64URL, FormatBinary}

// maxInputErrors bounds how many errors one paste reports; the rest are counted.
const maxInputErrors = 20

// Parse turns pasted text into bytes. format names the form (one of
// Formats), or is empty to detect it; Parse returns the form it read. It
// decodes as much as it can and returns every problem it met, each placed
// by byte offset, line and column in text.
func Parse(text []byte, format string) ([]byte, string, []Error) {
	if format == "" {
		format = DetectFormat(text)
	}
	p := &inputParser{text: text}
	switch format {
	case FormatBinary:
		p.out = text
	case FormatXxd, FormatHexdumpC, FormatOd, FormatWireshark:
		p.dump(format)
	case FormatCArray:
		p.cArray()
	case FormatEscaped, FormatPython:
		p.escaped()
	case FormatBase64, FormatBase64URL:
		p.base64(format)
	case FormatHex:
		// Two digits a byte at least: the bytes in one allocation, not
		// a doubling slice's (a 1 MB paste's 350 KB cost 1.6 MB that way,
		// and a freshly started wasm program collects that garbage cold).
		p.out = make([]byte, 0, len(text)/2)
		p.hexLines(0, len(text))
		p.flushNibble()
	default:
		p.errorAt(0, msg.New("paste.err.format", "unknown input format {format}; use one of {formats}", "format", strconv.Quote(format), "formats", strings.Join(Formats, ", ")))
	}
	if p.dropped > 0 {
		p.errs = append(p.errs, ErrorAt(int64(len(text)), morePproblems(p.dropped)))
	}
	Place(text, p.errs)
	return p.out, format, p.errs
}

// Kind names what a form holds, as decoder.Input.Kind reports it: "base64",
// "binary" or "hex".
func Kind(format string) string {
	switch format {
	case FormatBase64, FormatBase64URL:
		return "base64"
	case FormatBinary:
		return "binary"
	}
	return "hex"
}

// DetectFormat guesses the paste form of text from its first lines.
func DetectFormat(text []byte) string {
	t := bytes.TrimSpace(text)
	if len(t) == 0 {
		return FormatHex
	}
	if !isTextual(t) {
		return FormatBinary
	}
	if (t[0] == 'b' || t[0] == 'B') && len(t) > 1 && (t[1] == '\'' || t[1] == '"') {
		return FormatPython
	}
	line := firstLine(t)
	if isHeading(line) {
		// tshark -x and Wireshark's "Copy as Hex Dump" of several byte
		// panes title each with a line such as "Frame (69 bytes):".
		line = firstLine(bytes.TrimLeft(t[len(line):], "\r\n"))
	}
	if f := dumpFormat(line); f != "" {
		return f
	}
	if bytes.Contains(t, []byte(`\x`)) || bytes.Contains(t, []byte(`\X`)) {
		return FormatEscaped
	}
	if bytes.IndexByte(t, '{') >= 0 || bytes.IndexByte(t, ',') >= 0 && bytes.Contains(t, []byte("0x")) {
		return FormatCArray
	}
	if looksBase64(t) {
		if bytes.ContainsAny(t, "-_") {
			return FormatBase64URL
		}
		return FormatBase64
	}
	return FormatHex
}

// isTextual reports whether b looks like text rather than raw frame bytes:
// printable ASCII and white space, or valid UTF-8 without control bytes.
func isTextual(b []byte) bool {
	n := min(len(b), 4096)
	for _, c := range b[:n] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return bytes.TrimRight(b[:i], "\r")
	}
	return b
}

// dumpFormat recognises the offset column that starts a dump line.
func dumpFormat(line []byte) string {
	n := 0
	for n < len(line) && isHexDigit(line[n]) {
		n++
	}
	if n < 4 || n >= len(line) {
		return ""
	}
	rest := line[n:]
	switch {
	case rest[0] == ':' && n >= 7:
		return FormatXxd
	case bytes.HasPrefix(rest, []byte("  ")) && n == 8 && bytes.IndexByte(rest, '|') >= 0:
		return FormatHexdumpC
	case bytes.HasPrefix(rest, []byte("  ")) && n == 4:
		return FormatWireshark
	case rest[0] == ' ' && n >= 6 && n <= 8 && len(rest) > 2 && rest[1] != ' ':
		return FormatOd
	case bytes.HasPrefix(rest, []byte("  ")) && n == 8:
		return FormatHexdumpC
	}
	return ""
}

// looksBase64 reports whether t reads as base64 rather than hex with a
// typo in it: every character is in a base64 alphabet, lines are not cut
// into the short groups of a hex dump, and enough of the letters lie
// beyond a-f (base64 of any data uses them; a hex paste has at most a typo).
func looksBase64(t []byte) bool {
	nonHex, total := 0, 0
	for rest := t; len(rest) > 0; {
		// The next field, without building the list of them all.
		k := bytes.IndexAny(rest, " \t\n\r\v\f")
		f := rest
		if k >= 0 {
			f, rest = rest[:k], bytes.TrimLeft(rest[k:], " \t\n\r\v\f")
		} else {
			rest = nil
		}
		if len(f) < 8 && len(rest) > 0 {
			return false
		}
		for _, c := range f {
			switch {
			case isHexDigit(c):
			case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
				nonHex++
			case c == '+' || c == '/' || c == '=':
				return true
			case c == '_':
				nonHex++
			case c == '-':
			default:
				return false
			}
			total++
		}
	}
	return nonHex > 0 && nonHex*5 >= total
}

// inputParser collects bytes and errors while reading one paste.
type inputParser struct {
	text    []byte
	out     []byte
	errs    []Error
	dropped int
	nibble  int // a pending high nibble, or -1
	nibAt   int // its offset in text
	started bool
	sq      squeeze // a dump's lines, for a '*' that repeats one
}

func (p *inputParser) errorAt(off int, m msg.Text) {
	if len(p.errs) >= maxInputErrors {
		p.dropped++
		return
	}
	p.errs = append(p.errs, ErrorAt(int64(off), m))
}

// morePproblems is the last error of a list cut at maxInputErrors.
func morePproblems(n int) msg.Text {
	return msg.Plural("paste.err.more", n, "and {n} more problem", "and {n} more problems")
}

// hexRun reads hex digits in text[from:to], skipping separators (white
// space, colons, dashes, commas) and 0x prefixes, pairing digits into bytes.
func (p *inputParser) hexRun(from, to int) {
	if !p.started {
		p.nibble, p.started = -1, true
	}
	t := p.text
	for i := from; i < to; i++ {
		c := t[i]
		if v, ok := hexValue(c); ok {
			if c == '0' && i+1 < to && (t[i+1] == 'x' || t[i+1] == 'X') && p.nibble < 0 {
				i++ // a 0x prefix
				continue
			}
			if p.nibble < 0 {
				p.nibble, p.nibAt = int(v), i
			} else {
				p.out = append(p.out, byte(p.nibble<<4)|v)
				p.nibble = -1
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r', ':', '-', ',', ';':
			if p.nibble >= 0 {
				p.errorAt(p.nibAt, msg.New("paste.err.lone-digit", "{digit} is a lone hex digit; bytes take two digits each (write 0{c}?)", "digit", strconv.QuoteRune(rune(t[p.nibAt])), "c", string(rune(t[p.nibAt]))))
				p.nibble = -1
			}
			continue
		}
		// One error a broken token: drop its digits up to the next separator.
		p.errorAt(i, badChar(t, i, msg.New("paste.want.hex", "a hex digit")))
		p.nibble = -1
		for i+1 < to && (isHexDigit(t[i+1]) || t[i+1] > ' ' && !isSeparator(t[i+1])) {
			i++
		}
	}
}

// flushNibble reports a digit left without its pair at the end.
func (p *inputParser) flushNibble() {
	if p.started && p.nibble >= 0 {
		p.errorAt(p.nibAt, msg.New("paste.err.odd", "odd number of hex digits: {digit} at the end has no pair; is a digit missing?", "digit", strconv.QuoteRune(rune(p.text[p.nibAt]))))
		p.nibble = -1
	}
}

// badChar describes the unexpected character at text[i].
func badChar(text []byte, i int, want msg.Text) msg.Text {
	c := text[i]
	if c >= 0x20 && c < 0x7f {
		return msg.New("paste.err.char", "'{char}' is not {want}", "char", string(rune(c)), "want", want)
	}
	return msg.New("paste.err.byte", "byte {byte} is not {want}", "byte", fmt.Sprintf("0x%02x", c), "want", want)
}

// isHeading reports whether line titles a section of a tshark -x dump,
// such as "Frame (69 bytes):" or "Unmasked data (1 byte):".
func isHeading(line []byte) bool {
	line = bytes.TrimSpace(line)
	return len(line) > 1 && line[len(line)-1] == ':' && (bytes.Contains(line, []byte(" bytes)")) || bytes.Contains(line, []byte(" byte)")))
}

// dump reads the lines of an offset-column dump (xxd, hexdump -C, od,
// Wireshark/tshark), taking the hex columns and leaving the offsets and the
// ASCII column aside. Of a dump in titled sections (tshark -x) it reads the
// first: the bytes as captured; later sections are tshark's own derivations.
func (p *inputParser) dump(format string) {
	p.sq = squeeze{format: format, at: -1}
	sections := 0
	forLines(p.text, func(start, end int) bool {
		if isHeading(p.text[start:end]) {
			sections++
			return sections <= 1
		}
		p.dumpLine(format, start, end)
		p.flushNibble()
		return true
	})
}

// forLines calls fn with the bounds of each line of text (without its
// line break) until fn returns false.
func forLines(text []byte, fn func(start, end int) bool) {
	for start := 0; start < len(text); {
		end := bytes.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if !fn(start, end) {
			return
		}
		start = end + 1
	}
}

func (p *inputParser) dumpLine(format string, start, end int) {
	t := p.text
	for end > start && (t[end-1] == '\r' || t[end-1] == ' ' || t[end-1] == '\t') {
		end--
	}
	i := start
	for i < end && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if i == end {
		return
	}
	if t[i] == '*' && i+1 == end {
		p.star(i) // hexdump -C and od squeeze repeated lines
		return
	}
	// The offset column.
	j := i
	for j < end && isHexDigit(t[j]) {
		j++
	}
	if j == i {
		p.errorAt(i, badChar(t, i, msg.New("paste.want.offset", "the start of an offset column")))
		return
	}
	p.offsetLine(t[i:j], j)
	if j < end && t[j] == ':' {
		j++
	}
	if j == end {
		return // od and hexdump end with a lone offset line
	}
	defer p.lineBytes(len(p.out))
	if t[j] != ' ' && t[j] != '\t' {
		p.errorAt(j, badChar(t, j, msg.New("paste.want.space", "a space after the offset")))
		return
	}
	// The hex columns end where the ASCII column begins.
	stop := end
	if k := textColumn(t[j:end]); k >= 0 {
		format, stop = "", j+k // found by its delimiters
	}
	switch format {
	case FormatHexdumpC:
		if k := bytes.IndexByte(t[j:end], '|'); k >= 0 {
			stop = j + k
		}
	case FormatXxd:
		if k := bytes.Index(t[j+1:end], []byte("  ")); k >= 0 {
			stop = j + 1 + k
		}
	case FormatWireshark:
		for k := j; k < end; k++ {
			if t[k] != ' ' && t[k] != '\t' {
				continue
			}
			n := k
			for n < end && (t[n] == ' ' || t[n] == '\t') {
				n++
			}
			if n-k >= 3 && k > j+1 {
				stop = k
				break
			}
			k = n - 1
		}
	}
	p.hexRun(j, stop)
}

// cArray reads 0xNN (or decimal) numbers between braces, as in Wireshark's
// "C Array" and Go's []byte{...}; text outside the braces is ignored.
func (p *inputParser) cArray() {
	t := p.text
	from, to := 0, len(t)
	if a := bytes.IndexByte(t, '{'); a >= 0 {
		from = a + 1
		if b := bytes.IndexByte(t[from:], '}'); b >= 0 {
			to = from + b
		}
	}
	for i := from; i < to; {
		c := t[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			i++
		case c == '/' && i+1 < to && t[i+1] == '*':
			k := bytes.Index(t[i+2:to], []byte("*/"))
			if k < 0 {
				i = to
			} else {
				i += k + 4
			}
		case c == '/' && i+1 < to && t[i+1] == '/':
			k := bytes.IndexByte(t[i:to], '\n')
			if k < 0 {
				i = to
			} else {
				i += k
			}
		case c == '0' && i+1 < to && (t[i+1] == 'x' || t[i+1] == 'X'):
			k := i + 2
			v := 0
			for k < to && isHexDigit(t[k]) && k-i-2 < 3 {
				d, _ := hexValue(t[k])
				v = v<<4 | int(d)
				k++
			}
			if k == i+2 || v > 255 || k < to && isHexDigit(t[k]) {
				p.errorAt(i, msg.New("paste.err.hex-byte", "{token} is not a byte value (0x00 to 0xff)", "token", strconv.Quote(tokenAt(t, i, to))))
				for k < to && isHexDigit(t[k]) {
					k++
				}
			} else {
				p.out = append(p.out, byte(v))
			}
			i = k
		case c >= '0' && c <= '9':
			k, v := i, 0
			for k < to && t[k] >= '0' && t[k] <= '9' {
				v = v*10 + int(t[k]-'0')
				if v > 1000 {
					v = 1000
				}
				k++
			}
			if v > 255 {
				p.errorAt(i, msg.New("paste.err.dec-byte", "{token} is not a byte value (0 to 255)", "token", strconv.Quote(tokenAt(t, i, to))))
			} else {
				p.out = append(p.out, byte(v))
			}
			i = k
		default:
			p.errorAt(i, badChar(t, i, msg.New("paste.want.byte", "a byte value such as 0x81")))
			i++
		}
	}
}

func tokenAt(t []byte, i, to int) string {
	k := i
	for k < to && k-i < 16 && t[k] != ',' && t[k] != ' ' && t[k] != '\n' && t[k] != '}' {
		k++
	}
	return string(t[i:k])
}

// escaped reads quoted strings with escapes, as C, Go and Python write
// bytes: \xNN, \n, \t, octal \NNN, and plain characters standing for
// themselves. Several literals in a row are joined, as Python and C do.
// Text outside quotes (b prefixes, + signs, variable names) is skipped.
func (p *inputParser) escaped() {
	t := p.text
	quoted := bytes.ContainsAny(t, `"'`)
	var quote byte
	for i := 0; i < len(t); i++ {
		c := t[i]
		if quoted && quote == 0 {
			if c == '"' || c == '\'' {
				quote = c
			}
			continue
		}
		if quoted && c == quote {
			quote = 0
			continue
		}
		if !quoted && (c == '\n' || c == '\r') {
			continue
		}
		if c != '\\' {
			p.out = append(p.out, c)
			continue
		}
		if i+1 >= len(t) {
			p.errorAt(i, msg.New("paste.err.backslash", "a backslash ends the text; an escape such as \\x81 was expected"))
			break
		}
		i++
		switch e := t[i]; e {
		case 'x', 'X':
			if i+2 < len(t) && isHexDigit(t[i+1]) && isHexDigit(t[i+2]) {
				hi, _ := hexValue(t[i+1])
				lo, _ := hexValue(t[i+2])
				p.out = append(p.out, hi<<4|lo)
				i += 2
			} else {
				p.errorAt(i-1, msg.New("paste.err.x", "\\x must be followed by two hex digits"))
				if i+1 < len(t) && isHexDigit(t[i+1]) {
					i++ // skip the lone digit
				}
			}
		case 'n':
			p.out = append(p.out, '\n')
		case 'r':
			p.out = append(p.out, '\r')
		case 't':
			p.out = append(p.out, '\t')
		case 'a':
			p.out = append(p.out, 7)
		case 'b':
			p.out = append(p.out, 8)
		case 'f':
			p.out = append(p.out, 12)
		case 'v':
			p.out = append(p.out, 11)
		case '\\', '\'', '"', '?':
			p.out = append(p.out, e)
		case '\n':
			// a line continuation
		default:
			if e >= '0' && e <= '7' {
				v, k := 0, i
				for k < len(t) && k < i+3 && t[k] >= '0' && t[k] <= '7' {
					v = v*8 + int(t[k]-'0')
					k++
				}
				if v > 255 {
					p.errorAt(i-1, msg.New("paste.err.octal", "octal escape \\{digits} is larger than a byte", "digits", string(t[i:k])))
				}
				p.out = append(p.out, byte(v))
				i = k - 1
				continue
			}
			p.errorAt(i-1, msg.New("paste.err.escape", "\\{c} is not an escape for a byte; use \\xNN", "c", string(rune(e))))
		}
	}
	if quote != 0 {
		p.errorAt(len(t), msg.New("paste.err.quote", "the text ends inside a string: the closing {quote} is missing", "quote", string(rune(quote))))
	}
}

// base64 reads standard or URL-safe base64, with or without padding,
// ignoring white space.
func (p *inputParser) base64(format string) {
	t := p.text
	clean := make([]byte, 0, len(t))
	for i, c := range t {
		switch {
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c == '+' || c == '/' || c == '-' || c == '_' || c == '=':
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		default:
			p.errorAt(i, badChar(t, i, msg.New("paste.want.base64", "a base64 character")))
			continue
		}
		clean = append(clean, c)
	}
	s := bytes.TrimRight(clean, "=")
	enc := base64.RawStdEncoding
	if format == FormatBase64URL || bytes.ContainsAny(s, "-_") {
		enc = base64.RawURLEncoding
	}
	out := make([]byte, enc.DecodedLen(len(s)))
	n, err := enc.Decode(out, s)
	out = out[:n]
	if ce, ok := err.(base64.CorruptInputError); ok {
		off := base64Offset(t, int(ce))
		why := msg.New("paste.err.base64-end", "base64 ends with a lone character; is the text cut short?")
		if int(ce) < len(s) {
			why = badChar(t, off, msg.New("paste.want.base64-here", "valid base64 here"))
		}
		p.errorAt(off, why)
		// Keep what decodes before the bad spot.
		good := int(ce) / 4 * 4
		n, _ = enc.Decode(out, s[:good])
		out = out[:n]
	}
	p.out = out
}

// base64Offset finds the text offset of the k-th base64 character kept
// (white space and rejected characters skipped, as base64 does), or of
// the last one when there are fewer: one pass over the text, where a table
// of every character's offset would cost eight bytes each.
func base64Offset(t []byte, k int) int {
	last := len(t)
	n := 0
	for i, c := range t {
		switch {
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c == '+' || c == '/' || c == '-' || c == '_' || c == '=':
		default:
			continue
		}
		if n == k {
			return i
		}
		last = i
		n++
	}
	return last
}

func isSeparator(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', ':', '-', ',', ';':
		return true
	}
	return false
}

func isHexDigit(c byte) bool {
	_, ok := hexValue(c)
	return ok
}

func hexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
