package filter

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokKind says what a token is.
type tokKind uint8

const (
	tEOF    tokKind = iota
	tWord           // a field name, a number, a bare value: opcode, 1000, client, 48:65
	tString         // a quoted string, unquoted in text
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tOp // == != < <= > >= contains matches
	tBad
)

// token is one token and the column (1-based, in characters) it starts at.
type token struct {
	kind tokKind
	text string
	col  int
}

// describe names a token for an error message.
func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "the end of the filter"
	case tString:
		return quote(t.text)
	}
	return "'" + t.text + "'"
}

// quote writes s as a double-quoted string a person can read back.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// lexer splits a filter into tokens.
type lexer struct {
	src string
	pos int // byte offset
	col int // column of pos, 1-based
}

// isWord reports whether r may be part of a word.
func isWord(r rune) bool {
	return r == '_' || r == '.' || r == ':' || r == '-' || r == '/' || r == '+' || r == '*' ||
		'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r >= 0x80 && r != utf8.RuneError
}

// next returns the next token; a tBad token's text says what is wrong.
func (l *lexer) next() token {
	for l.pos < len(l.src) && (l.src[l.pos] == ' ' || l.src[l.pos] == '\t' || l.src[l.pos] == '\n' || l.src[l.pos] == '\r') {
		l.pos++
		l.col++
	}
	start := l.col
	if l.pos >= len(l.src) {
		return token{kind: tEOF, col: start}
	}
	two := ""
	if l.pos+1 < len(l.src) {
		two = l.src[l.pos : l.pos+2]
	}
	adv := func(n int, k tokKind, text string) token {
		l.pos += n
		l.col += n
		return token{kind: k, text: text, col: start}
	}
	switch two {
	case "&&":
		return adv(2, tAnd, "&&")
	case "||":
		return adv(2, tOr, "||")
	case "==", "!=", "<=", ">=":
		return adv(2, tOp, two)
	}
	switch c := l.src[l.pos]; c {
	case '(':
		return adv(1, tLParen, "(")
	case ')':
		return adv(1, tRParen, ")")
	case '!':
		return adv(1, tNot, "!")
	case '<', '>':
		return adv(1, tOp, string(c))
	case '=':
		return adv(1, tBad, "'=' is not an operator; did you mean '=='?")
	case '"', '\'':
		return l.str(c, start)
	}
	r, n := utf8.DecodeRuneInString(l.src[l.pos:])
	if !isWord(r) {
		l.pos += n
		l.col++
		if r == utf8.RuneError && n == 1 {
			return token{kind: tBad, text: "a byte that is not UTF-8", col: start}
		}
		return token{kind: tBad, text: "unexpected " + quote(string(r)), col: start}
	}
	from := l.pos
	for l.pos < len(l.src) {
		r, n := utf8.DecodeRuneInString(l.src[l.pos:])
		if !isWord(r) {
			break
		}
		l.pos += n
		l.col++
	}
	w := l.src[from:l.pos]
	switch strings.ToLower(w) {
	case "and":
		return token{kind: tAnd, text: w, col: start}
	case "or":
		return token{kind: tOr, text: w, col: start}
	case "not":
		return token{kind: tNot, text: w, col: start}
	case "contains", "matches":
		return token{kind: tOp, text: strings.ToLower(w), col: start}
	case "eq":
		return token{kind: tOp, text: "==", col: start}
	case "ne":
		return token{kind: tOp, text: "!=", col: start}
	case "lt":
		return token{kind: tOp, text: "<", col: start}
	case "le":
		return token{kind: tOp, text: "<=", col: start}
	case "gt":
		return token{kind: tOp, text: ">", col: start}
	case "ge":
		return token{kind: tOp, text: ">=", col: start}
	}
	return token{kind: tWord, text: w, col: start}
}

// str reads a string quoted with q: \" \\ \n \t \r \xHH and \uHHHH escapes.
func (l *lexer) str(q byte, start int) token {
	l.pos++
	l.col++
	var b strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c == q {
			l.pos++
			l.col++
			return token{kind: tString, text: b.String(), col: start}
		}
		if c != '\\' {
			_, n := utf8.DecodeRuneInString(l.src[l.pos:])
			b.WriteString(l.src[l.pos : l.pos+n])
			l.pos += n
			l.col++
			continue
		}
		at := l.col
		if l.pos+1 >= len(l.src) {
			break
		}
		e := l.src[l.pos+1]
		l.pos += 2
		l.col += 2
		switch e {
		case '\\', '"', '\'':
			b.WriteByte(e)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 'x', 'u':
			n := 2
			if e == 'u' {
				n = 4
			}
			v, ok := hexDigits(l.src[l.pos:], n)
			if !ok {
				return token{kind: tBad, text: "\\" + string(e) + " needs " + strconv.Itoa(n) + " hex digits", col: at}
			}
			if e == 'x' {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
			l.pos += n
			l.col += n
		default:
			r, _ := utf8.DecodeRuneInString(l.src[l.pos-1:])
			return token{kind: tBad, text: "unknown escape \\" + string(r) + ` in a string; use \\ for a backslash`, col: at}
		}
	}
	return token{kind: tBad, text: "the string opened here is not closed; add " + string(q), col: start}
}

func hexDigits(s string, n int) (int, bool) {
	if len(s) < n {
		return 0, false
	}
	v := 0
	for i := range n {
		d := unhex(s[i])
		if d < 0 {
			return 0, false
		}
		v = v<<4 | d
	}
	return v, true
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
