// Package jsontext reads JSON text (RFC 8259) where encoding/json is too
// heavy: in the WebAssembly build, encoding/json alone would add about
// 160 KB of gzip to the page. It offers a token Scanner with byte offsets,
// which streams over an io.Reader (a 100 MB HAR file need not be held
// whole), and a reader of one value at a time into a small tree (Value).
//
// Work is linear in the input, nesting depth and tree size are bounded, and
// every error names the byte offset where the input went wrong.
package jsontext

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// TokenKind says what a Token is.
type TokenKind uint8

// The tokens of JSON text. Commas and colons are checked, not returned.
const (
	BeginObject TokenKind = iota + 1
	EndObject
	BeginArray
	EndArray
	String
	Number
	True
	False
	Null
)

var tokenNames = [...]string{"", "'{'", "'}'", "'['", "']'", "string", "number", "true", "false", "null"}

func (k TokenKind) String() string {
	if int(k) < len(tokenNames) && k > 0 {
		return tokenNames[k]
	}
	return fmt.Sprintf("TokenKind(%d)", k)
}

// Token is one token of JSON text.
type Token struct {
	Kind TokenKind
	// Offset is the byte offset of the token's first byte in the input.
	Offset int64
	// Key is true for a string that is an object member's name.
	Key bool
	// text is a String's decoded value or a Number's text as written. It
	// may point into the scanner's buffer: valid until the next call.
	text []byte
}

// Text returns a String's decoded value or a Number's text as written.
func (t Token) Text() string { return string(t.text) }

// Bytes is Text without a copy; it is valid until the scanner's next call.
func (t Token) Bytes() []byte { return t.text }

// SyntaxError is input that is not JSON, at a byte offset.
type SyntaxError struct {
	Offset int64
	Msg    string
	// ID and Params name Msg's sentence for the page's words, as
	// internal/msg's do (which this package cannot import: msg's encoder
	// imports it); a param is a string, a number or a said.
	ID     string
	Params map[string]any
}

// said is a sentence inside a SyntaxError's params: its id and English.
type said struct {
	ID      string `json:"id"`
	Message string `json:"message"`
}

func (t said) String() string { return t.Message }

func (e *SyntaxError) Error() string { return fmt.Sprintf("byte %d: %s", e.Offset, e.Msg) }

// Defaults for the scanner's limits.
const (
	DefaultMaxDepth = 512
	// DefaultMaxToken bounds one string or number, in bytes of input.
	DefaultMaxToken = 64 << 20
	// DefaultMaxValues bounds the values one ReadValue puts in a tree.
	DefaultMaxValues = 1 << 20
)

type state uint8

const (
	stValue      state = iota // a value must come
	stFirstItem               // a value or ']' (just after '[')
	stFirstKey                // a key or '}' (just after '{')
	stKey                     // a key (after ',' in an object)
	stColon                   // ':' after a key
	stCommaOrEnd              // ',' or the closing bracket
	stDone                    // the top-level value is complete
)

// Scanner reads JSON text token by token. Its first error is sticky: every
// later call returns it again.
type Scanner struct {
	// MaxDepth, MaxToken and MaxValues are the limits; zero means the
	// default. Set them before the first call.
	MaxDepth  int
	MaxToken  int
	MaxValues int

	r     io.Reader
	buf   []byte
	pos   int   // next byte to read in buf
	base  int64 // input offset of buf[0]
	eof   bool
	err   error
	stack []byte // '{' or '[' per open container
	st    state
	str   []byte // decoded string scratch
	// skipping: inside Skip, strings are read past, not kept
	skipping bool
}

// NewScanner returns a scanner that reads JSON text from r.
func NewScanner(r io.Reader) *Scanner { return &Scanner{r: r} }

// NewBytesScanner returns a scanner over b, which it reads in place.
func NewBytesScanner(b []byte) *Scanner { return &Scanner{buf: b, eof: true} }

// Offset returns the input offset of the next unread byte.
func (s *Scanner) Offset() int64 { return s.base + int64(s.pos) }

// Depth returns how many objects and arrays are open.
func (s *Scanner) Depth() int { return len(s.stack) }

// Err returns the scanner's sticky error, if any (never io.EOF).
func (s *Scanner) Err() error { return s.err }

// fail makes the sticky error at off: the sentence id, english with its
// {name} places filled from kv (name, value pairs). The id and english are
// literals at each call (sentences_test.go reads them).
func (s *Scanner) fail(off int64, id, english string, kv ...any) error {
	if s.err == nil {
		p := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			name, _ := kv[i].(string)
			p[name] = kv[i+1]
			english = strings.ReplaceAll(english, "{"+name+"}", fmt.Sprint(kv[i+1]))
		}
		s.err = &SyntaxError{Offset: off, Msg: english, ID: id, Params: p}
	}
	return s.err
}

// more reads more input, keeping buf[keep:] (keep <= pos). It returns false
// at the end of the input or on a read error (which becomes sticky).
func (s *Scanner) more(keep int) bool {
	if s.eof {
		return false
	}
	if keep > 0 {
		n := copy(s.buf, s.buf[keep:])
		s.buf = s.buf[:n]
		s.pos -= keep
		s.base += int64(keep)
	}
	if len(s.buf) == cap(s.buf) {
		c := 2 * cap(s.buf)
		if c < 64<<10 {
			c = 64 << 10
		}
		nb := make([]byte, len(s.buf), c)
		copy(nb, s.buf)
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.eof = true
			s.fail(s.Offset(), "json.read", "reading: {err}", "err", err.Error())
			return n > 0
		}
		if n > 0 || s.eof {
			return n > 0
		}
	}
}

// moreFrom reads more input, keeping the token that starts at buf[*start]
// and is read up to buf[*i]; both follow the bytes when more moves them
// down (it does unless the input had already ended).
func (s *Scanner) moreFrom(start, i *int) bool {
	moved, keep := !s.eof, *start
	ok := s.more(keep)
	if moved {
		*i -= keep
		*start = 0
	}
	return ok
}

// skipSpace moves past white space and reports whether a byte follows.
func (s *Scanner) skipSpace() bool {
	for {
		for s.pos < len(s.buf) {
			switch s.buf[s.pos] {
			case ' ', '\t', '\n', '\r':
				s.pos++
			default:
				return true
			}
		}
		if !s.more(s.pos) {
			return false
		}
	}
}

func (s *Scanner) maxDepth() int {
	if s.MaxDepth > 0 {
		return s.MaxDepth
	}
	return DefaultMaxDepth
}

func (s *Scanner) maxToken() int {
	if s.MaxToken > 0 {
		return s.MaxToken
	}
	return DefaultMaxToken
}

// Next returns the next token. At the end of a complete value followed only
// by white space it returns io.EOF; anything else that is wrong is a
// *SyntaxError.
func (s *Scanner) Next() (Token, error) {
	if s.err != nil {
		return Token{}, s.err
	}
	for {
		if !s.skipSpace() {
			if s.err != nil {
				return Token{}, s.err
			}
			if s.st == stDone {
				return Token{}, io.EOF
			}
			if len(s.stack) == 0 {
				return Token{}, s.fail(s.Offset(), "json.end.no-value", "unexpected end of input: no value")
			}
			if len(s.stack) == 1 {
				return Token{}, s.fail(s.Offset(), "json.end.open1", "unexpected end of input: 1 open object or array")
			}
			return Token{}, s.fail(s.Offset(), "json.end.open", "unexpected end of input: {n} open objects or arrays", "n", len(s.stack))
		}
		off := s.Offset()
		c := s.buf[s.pos]
		switch s.st {
		case stDone:
			return Token{}, s.fail(off, "json.after", "{found} after the end of the value", "found", quoteByte(c))
		case stColon:
			if c != ':' {
				return Token{}, s.fail(off, "json.colon", "expected ':' after an object key, found {found}", "found", quoteByte(c))
			}
			s.pos++
			s.st = stValue
			continue
		case stCommaOrEnd:
			top := s.stack[len(s.stack)-1]
			switch {
			case c == ',':
				s.pos++
				if top == '{' {
					s.st = stKey
				} else {
					s.st = stValue
				}
				continue
			case c == '}' && top == '{', c == ']' && top == '[':
				return s.end(off, c), nil
			case top == '{':
				return Token{}, s.fail(off, "json.member", "expected ',' or '}' after an object member, found {found}", "found", quoteByte(c))
			default:
				return Token{}, s.fail(off, "json.element", "expected ',' or ']' after an array element, found {found}", "found", quoteByte(c))
			}
		case stFirstKey, stKey:
			if c == '}' && s.st == stFirstKey {
				return s.end(off, c), nil
			}
			if c != '"' {
				return Token{}, s.fail(off, "json.key", "expected a string as object key, found {found}", "found", quoteByte(c))
			}
			t, err := s.readString()
			if err != nil {
				return Token{}, err
			}
			t.Key = true
			s.st = stColon
			return t, nil
		case stFirstItem:
			if c == ']' {
				return s.end(off, c), nil
			}
		}
		return s.value(off, c)
	}
}

// end closes the container on top of the stack.
func (s *Scanner) end(off int64, c byte) Token {
	s.pos++
	s.stack = s.stack[:len(s.stack)-1]
	s.afterValue()
	if c == '}' {
		return Token{Kind: EndObject, Offset: off}
	}
	return Token{Kind: EndArray, Offset: off}
}

func (s *Scanner) afterValue() {
	if len(s.stack) == 0 {
		s.st = stDone
	} else {
		s.st = stCommaOrEnd
	}
}

// value reads a value's first token, starting with byte c at off.
func (s *Scanner) value(off int64, c byte) (Token, error) {
	switch {
	case c == '{' || c == '[':
		if len(s.stack) >= s.maxDepth() {
			return Token{}, s.fail(off, "json.depth", "nesting deeper than {n}", "n", s.maxDepth())
		}
		s.pos++
		s.stack = append(s.stack, c)
		if c == '{' {
			s.st = stFirstKey
			return Token{Kind: BeginObject, Offset: off}, nil
		}
		s.st = stFirstItem
		return Token{Kind: BeginArray, Offset: off}, nil
	case c == '"':
		t, err := s.readString()
		if err == nil {
			s.afterValue()
		}
		return t, err
	case c == '-' || c >= '0' && c <= '9':
		t, err := s.readNumber()
		if err == nil {
			s.afterValue()
		}
		return t, err
	case c == 't':
		return s.literal(off, "true", True)
	case c == 'f':
		return s.literal(off, "false", False)
	case c == 'n':
		return s.literal(off, "null", Null)
	}
	return Token{}, s.fail(off, "json.value", "expected a value, found {found}", "found", quoteByte(c))
}

func (s *Scanner) literal(off int64, word string, kind TokenKind) (Token, error) {
	for len(s.buf)-s.pos < len(word) && s.more(s.pos) {
	}
	have := s.buf[s.pos:min(len(s.buf), s.pos+len(word))]
	if string(have) != word {
		for i := range have {
			if have[i] != word[i] {
				return Token{}, s.fail(off+int64(i), "json.word", "expected {word}, found {found}", "word", strconv.Quote(word), "found", quoteByte(have[i]))
			}
		}
		return Token{}, s.fail(off+int64(len(have)), "json.end.word", "unexpected end of input inside {word}", "word", strconv.Quote(word))
	}
	s.pos += len(word)
	s.afterValue()
	return Token{Kind: kind, Offset: off}, nil
}

// readNumber reads a number as RFC 8259 section 6 writes it.
func (s *Scanner) readNumber() (Token, error) {
	start := s.pos
	off := s.Offset()
	// i walks the number; peek returns the byte at i, reading more input.
	i := s.pos
	peek := func() (byte, bool) {
		for i >= len(s.buf) {
			if i-start >= s.maxToken() {
				return 0, false
			}
			if !s.moreFrom(&start, &i) {
				return 0, false
			}
		}
		return s.buf[i], true
	}
	digits := func() int {
		n := 0
		for c, ok := peek(); ok && c >= '0' && c <= '9'; c, ok = peek() {
			i++
			n++
		}
		return n
	}
	if c, _ := peek(); c == '-' {
		i++
	}
	c, ok := peek()
	switch {
	case !ok || c < '0' || c > '9':
		return Token{}, s.fail(off+int64(i-start), "json.digit", "expected a digit in a number, found {found}", "found", quoteEnd(c, ok))
	case c == '0':
		i++
	default:
		digits()
	}
	if c, ok := peek(); ok && c == '.' {
		i++
		if digits() == 0 {
			c, ok := peek()
			return Token{}, s.fail(off+int64(i-start), "json.digit.fraction", "expected a digit after '.', found {found}", "found", quoteEnd(c, ok))
		}
	}
	if c, ok := peek(); ok && (c == 'e' || c == 'E') {
		i++
		if c, ok := peek(); ok && (c == '+' || c == '-') {
			i++
		}
		if digits() == 0 {
			c, ok := peek()
			return Token{}, s.fail(off+int64(i-start), "json.digit.exponent", "expected a digit in the exponent, found {found}", "found", quoteEnd(c, ok))
		}
	}
	if i-start > s.maxToken() {
		return Token{}, s.fail(off, "json.number.long", "number longer than {n} bytes", "n", s.maxToken())
	}
	s.pos = i
	return Token{Kind: Number, Offset: off, text: s.buf[start:i]}, nil
}

// readString reads a string, s.buf[s.pos] being its opening quote, and
// decodes its escapes. Invalid UTF-8 and lone surrogates become U+FFFD, as
// encoding/json decodes them.
func (s *Scanner) readString() (Token, error) {
	off := s.Offset()
	if s.skipping {
		return Token{Kind: String, Offset: off}, s.skipString(off)
	}
	start := s.pos // the opening quote
	i := s.pos + 1
	s.str = s.str[:0]
	plain := true // no escape and valid UTF-8 so far: text is buf[start+1:i]
	for {
		if i >= len(s.buf) {
			if i-start > s.maxToken() {
				return Token{}, s.fail(off, "json.string.long", "string longer than {n} bytes", "n", s.maxToken())
			}
			if !s.moreFrom(&start, &i) {
				return Token{}, s.fail(s.base+int64(i), "json.end.string", "unexpected end of input inside a string that starts at byte {start}", "start", off)
			}
			continue
		}
		c := s.buf[i]
		switch {
		case c == '"':
			if i-start > s.maxToken() {
				return Token{}, s.fail(off, "json.string.long", "string longer than {n} bytes", "n", s.maxToken())
			}
			var text []byte
			if plain {
				text = s.buf[start+1 : i]
			} else {
				text = s.str
			}
			s.pos = i + 1
			return Token{Kind: String, Offset: off, text: text}, nil
		case c < 0x20:
			return Token{}, s.fail(s.base+int64(i), "json.control", "control character {found} inside a string (escape it as {escape})", "found", quoteByte(c), "escape", fmt.Sprintf("\\u%04x", c))
		case c == '\\':
			if plain {
				s.str = append(s.str[:0], s.buf[start+1:i]...)
				plain = false
			}
			// An escape is at most 12 bytes (a surrogate pair): have them.
			for len(s.buf)-i < 12 && !s.eof {
				s.moreFrom(&start, &i)
			}
			n, err := s.escape(i)
			if err != nil {
				return Token{}, err
			}
			i += n
		case c < utf8.RuneSelf:
			if !plain {
				s.str = append(s.str, c)
			}
			i++
		default:
			// A multi-byte rune may be cut by the buffer's end.
			for len(s.buf)-i < utf8.UTFMax && !s.eof && !utf8.FullRune(s.buf[i:]) {
				s.moreFrom(&start, &i)
			}
			r, size := utf8.DecodeRune(s.buf[i:])
			if r == utf8.RuneError && size == 1 {
				if plain {
					s.str = append(s.str[:0], s.buf[start+1:i]...)
					plain = false
				}
				s.str = utf8.AppendRune(s.str, utf8.RuneError)
			} else if !plain {
				s.str = append(s.str, s.buf[i:i+size]...)
			}
			i += size
		}
	}
}

// escape decodes the escape at s.buf[i] ('\\') onto s.str and returns its
// length in the input.
func (s *Scanner) escape(i int) (int, error) {
	b := s.buf[i:]
	at := s.base + int64(i)
	if len(b) < 2 {
		return 0, s.fail(at, "json.end.escape", "unexpected end of input inside an escape")
	}
	switch b[1] {
	case '"', '\\', '/':
		s.str = append(s.str, b[1])
	case 'b':
		s.str = append(s.str, '\b')
	case 'f':
		s.str = append(s.str, '\f')
	case 'n':
		s.str = append(s.str, '\n')
	case 'r':
		s.str = append(s.str, '\r')
	case 't':
		s.str = append(s.str, '\t')
	case 'u':
		r, ok := hex4(b[2:])
		if !ok {
			return 0, s.fail(at, "json.escape.u", "\\u must be followed by four hex digits")
		}
		if utf16.IsSurrogate(r) {
			if len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
				if r2, ok := hex4(b[8:]); ok {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						s.str = utf8.AppendRune(s.str, dec)
						return 12, nil
					}
				}
			}
			r = utf8.RuneError
		}
		s.str = utf8.AppendRune(s.str, r)
		return 6, nil
	default:
		return 0, s.fail(at, "json.escape", "unknown escape {escape} in a string", "escape", "\\"+printable(b[1]))
	}
	return 2, nil
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// skipString reads past a string that starts at off, s.buf[s.pos] being
// its opening quote, holding none of it: what is skipped is never kept,
// so it has no length limit (a HAR's 100 MB response body is skipped in
// the memory of one read).
func (s *Scanner) skipString(off int64) error {
	i := s.pos + 1
	for {
		if i >= len(s.buf) || s.buf[i] == '\\' && i+1 >= len(s.buf) {
			s.pos = i // all before it is read: let it go
			if !s.more(s.pos) {
				return s.fail(s.base+int64(i), "json.end.string", "unexpected end of input inside a string that starts at byte {start}", "start", off)
			}
			i = s.pos
			continue
		}
		switch c := s.buf[i]; {
		case c == '"':
			s.pos = i + 1
			return nil
		case c < 0x20:
			return s.fail(s.base+int64(i), "json.control", "control character {found} inside a string (escape it as {escape})", "found", quoteByte(c), "escape", fmt.Sprintf("\\u%04x", c))
		case c == '\\':
			i += 2 // the escaped byte cannot end the string
		default:
			i++
		}
	}
}

// Skip reads past the next value whole (after a Begin token has been
// returned, past the rest of that container), holding none of its
// strings, whatever their length.
func (s *Scanner) Skip() error {
	s.skipping = true
	defer func() { s.skipping = false }()
	depth := 0
	for {
		t, err := s.Next()
		if err != nil {
			if err == io.EOF {
				return s.fail(s.Offset(), "json.end", "unexpected end of input")
			}
			return err
		}
		switch t.Kind {
		case BeginObject, BeginArray:
			depth++
		case EndObject, EndArray:
			depth--
		}
		if depth <= 0 {
			return nil
		}
	}
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("'%c'", c)
	}
	return fmt.Sprintf("0x%02x", c)
}

// quoteEnd is the byte found, or the end of the input, said.
func quoteEnd(c byte, ok bool) any {
	if !ok {
		return said{ID: "json.found.end", Message: "the end of the input"}
	}
	return quoteByte(c)
}

func printable(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return string(c)
	}
	return fmt.Sprintf("(byte 0x%02x)", c)
}
