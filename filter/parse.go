package filter

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wsframe/wsframe/internal/msg"
)

// Limits on what one filter may be, whatever is typed.
const (
	// MaxLength is the longest filter, in bytes.
	MaxLength = 4096
	// MaxDepth is the deepest nesting of parentheses and nots.
	MaxDepth = 64
)

// Filter is a parsed filter, ready to test frames. A Filter is not safe
// for concurrent use by several goroutines.
type Filter struct {
	src    string
	root   node
	cost   Cost
	fields []string
}

// Parse reads a filter. The empty filter (or only spaces) matches every
// frame. A filter that cannot be read gives an *Error that says where.
func Parse(s string) (*Filter, error) {
	if len(s) > MaxLength {
		return nil, errorAt(1, msg.New("filter.err.length", "the filter is {length} bytes long; the longest is {max}", "length", len(s), "max", MaxLength))
	}
	p := &parser{lx: lexer{src: s, col: 1}}
	p.advance()
	f := &Filter{src: s}
	if p.tok.kind == tEOF {
		return f, nil
	}
	root, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tEOF {
		return nil, p.unexpected()
	}
	f.root, f.cost, f.fields = root, p.cost, p.fields
	return f, nil
}

// Match reports whether the frame v shows matches the filter.
func (f *Filter) Match(v View) bool { return f.root == nil || f.root.eval(v) }

// Cost is the most a test of the filter reads: Record when it can be
// answered from the frames' records alone.
func (f *Filter) Cost() Cost { return f.cost }

// Empty reports whether the filter matches everything.
func (f *Filter) Empty() bool { return f.root == nil }

// Fields lists the fields the filter tests, in order, once each.
func (f *Filter) Fields() []string { return f.fields }

// String returns the filter written canonically, fully parenthesised.
func (f *Filter) String() string {
	if f.root == nil {
		return ""
	}
	return f.root.String()
}

// node is a compiled part of a filter.
type node interface {
	eval(v View) bool
	String() string
}

// costOf is the most a node's tests read.
func costOf(n node) Cost {
	switch n := n.(type) {
	case *andNode:
		return max(costOf(n.a), costOf(n.b))
	case *orNode:
		return max(costOf(n.a), costOf(n.b))
	case *notNode:
		return costOf(n.a)
	case *test:
		return n.f.Cost
	}
	return Reading
}

// andNode and orNode test first the side that reads less (swap: b):
// they stop at the side that decides, so a test of the records spares
// reading the input for the frames it rules out.
type andNode struct {
	a, b node
	swap bool
}
type orNode struct {
	a, b node
	swap bool
}
type notNode struct{ a node }

func (n *andNode) eval(v View) bool {
	if n.swap {
		return n.b.eval(v) && n.a.eval(v)
	}
	return n.a.eval(v) && n.b.eval(v)
}

func (n *orNode) eval(v View) bool {
	if n.swap {
		return n.b.eval(v) || n.a.eval(v)
	}
	return n.a.eval(v) || n.b.eval(v)
}

func (n *notNode) eval(v View) bool { return !n.a.eval(v) }
func (n *andNode) String() string   { return "(" + n.a.String() + " and " + n.b.String() + ")" }
func (n *orNode) String() string    { return "(" + n.a.String() + " or " + n.b.String() + ")" }
func (n *notNode) String() string   { return "not " + n.a.String() }

// test is one test of a field: field alone, or field op value.
type test struct {
	f    *Field
	op   string
	lit  string // the value as written, canonically
	pred func(v View) bool
}

func (t *test) eval(v View) bool { return t.pred(v) }

func (t *test) String() string {
	if t.op == "" {
		return t.f.Name
	}
	return t.f.Name + " " + t.op + " " + t.lit
}

type parser struct {
	lx     lexer
	tok    token
	cost   Cost
	fields []string
}

func (p *parser) advance() { p.tok = p.lx.next() }

// unexpected is the error for a token that cannot come where it is.
func (p *parser) unexpected() *Error {
	t := p.tok
	switch t.kind {
	case tBad:
		return errorAt(t.col, t.bad)
	case tRParen:
		return errorAt(t.col, msg.New("filter.err.rparen", "')' closes no '('"))
	case tWord, tString:
		return errorAt(t.col, msg.New("filter.err.after-test", "unexpected {found} after a complete test; join tests with 'and' or 'or'", "found", t.describe()))
	}
	return errorAt(t.col, msg.New("filter.err.unexpected", "unexpected {found}", "found", t.describe()))
}

func (p *parser) or(depth int) (node, *Error) {
	a, err := p.and(depth)
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tOr {
		p.advance()
		b, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		a = &orNode{a, b, costOf(b) < costOf(a)}
	}
	return a, nil
}

func (p *parser) and(depth int) (node, *Error) {
	a, err := p.unary(depth)
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tAnd {
		p.advance()
		b, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		a = &andNode{a, b, costOf(b) < costOf(a)}
	}
	return a, nil
}

func (p *parser) unary(depth int) (node, *Error) {
	if depth >= MaxDepth {
		return nil, errorAt(p.tok.col, msg.New("filter.err.depth", "the filter nests deeper than {max} levels", "max", MaxDepth))
	}
	switch t := p.tok; t.kind {
	case tNot:
		p.advance()
		a, err := p.unary(depth + 1)
		if err != nil {
			return nil, err
		}
		return &notNode{a}, nil
	case tLParen:
		p.advance()
		a, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			if p.tok.kind == tEOF {
				return nil, errorAt(t.col, msg.New("filter.err.lparen", "the '(' opened here is not closed; add ')'"))
			}
			return nil, p.unexpected()
		}
		p.advance()
		return a, nil
	case tWord:
		return p.test()
	case tEOF:
		return nil, errorAt(t.col, msg.New("filter.err.end", "the filter ends where a test was expected, such as {example}", "example", "opcode == close"))
	case tBad:
		return nil, errorAt(t.col, t.bad)
	default:
		return nil, errorAt(t.col, msg.New("filter.err.field-expected", "expected a field name, found {found}", "found", t.describe()))
	}
}

// test reads field [op value] and compiles it.
func (p *parser) test() (node, *Error) {
	name := p.tok
	f := lookup(name.text)
	if f == nil {
		return nil, unknownField(name)
	}
	p.advance()
	p.cost = max(p.cost, f.Cost)
	if !has(p.fields, f.Name) {
		p.fields = append(p.fields, f.Name)
	}
	if p.tok.kind != tOp {
		return &test{f: f, pred: presence(f)}, nil
	}
	op := p.tok
	p.advance()
	val := p.tok
	if val.kind != tWord && val.kind != tString {
		if val.kind == tBad {
			return nil, errorAt(val.col, val.bad)
		}
		return nil, errorAt(val.col, msg.New("filter.err.value-expected", "expected a value after '{op}', found {found}", "op", op.text, "found", val.describe()))
	}
	p.advance()
	pred, lit, err := compile(f, op, val)
	if err != nil {
		return nil, err
	}
	if f.Type == Bool {
		op.text = "==" // lit says which value, != false reads == true
	}
	return &test{f: f, op: op.text, lit: lit, pred: pred}, nil
}

// presence is the test of a field alone: true for a boolean field that is
// set, and for any other field that the frame has a value of.
func presence(f *Field) func(v View) bool {
	g := f.get
	switch {
	case g.b != nil:
		return func(v View) bool { b, ok := g.b(v); return ok && b }
	case g.n != nil:
		return func(v View) bool { _, ok := g.n(v); return ok }
	case g.by != nil:
		return func(v View) bool { _, ok := g.by(v); return ok }
	}
	any := func(string) bool { return true }
	return func(v View) bool { return g.s(v, any) }
}

// opsOf lists the operators each type takes.
var opsOf = map[Type][]string{
	Bool:   {"==", "!="},
	Int:    {"==", "!=", "<", "<=", ">", ">="},
	Number: {"==", "!=", "<", "<=", ">", ">="},
	Opcode: {"==", "!=", "<", "<=", ">", ">="},
	String: {"==", "!=", "contains", "matches"},
	Dir:    {"==", "!="},
	Bytes:  {"==", "!=", "contains"},
}

// compile makes the test f op val.
func compile(f *Field, op, val token) (func(View) bool, string, *Error) {
	if !has(opsOf[f.Type], op.text) {
		return nil, "", errorAt(op.col, msg.New("filter.err.op", "'{op}' does not apply to {field}, a {type}; use {ops}", "op", op.text, "field", f.Name, "type", f.Type.text(), "ops", strings.Join(opsOf[f.Type], ", ")))
	}
	g := f.get
	switch f.Type {
	case Bool:
		want, ok := boolValue(val.text)
		if !ok {
			return nil, "", errorAt(val.col, msg.New("filter.err.bool", "{field} is a boolean; {found} is not true or false", "field", f.Name, "found", val.describe()))
		}
		if op.text == "!=" {
			want = !want
		}
		return func(v View) bool { b, ok := g.b(v); return ok && b == want }, strconv.FormatBool(want), nil
	case Int, Number, Opcode:
		var n float64
		var ok bool
		if f.Type == Opcode {
			n, ok = opcodeValue(val.text)
		} else if val.kind == tWord {
			n, ok = numberValue(val.text, f.Type == Int)
		}
		if !ok {
			e := msg.New("filter.err.int", "{field} needs a whole number, such as 125 or 0x7e; found {found}", "field", f.Name, "found", val.describe())
			switch f.Type {
			case Number:
				e = msg.New("filter.err.number", "{field} needs a number, such as 1.5; found {found}", "field", f.Name, "found", val.describe())
			case Opcode:
				e = msg.New("filter.err.opcode", "{field} needs an opcode: {names}, or a number from 0 to 15; found {found}", "field", f.Name, "names", "continuation, text, binary, close, ping, pong", "found", val.describe())
			}
			return nil, "", errorAt(val.col, e)
		}
		cmp := numCompare(op.text, n)
		return func(v View) bool { x, ok := g.n(v); return ok && cmp(x) }, strconv.FormatFloat(n, 'g', -1, 64), nil
	case Dir:
		s := strings.ToLower(val.text)
		if s != "client" && s != "server" {
			return nil, "", errorAt(val.col, msg.New("filter.err.dir", "dir is client or server; found {found}", "found", val.describe()))
		}
		eq := op.text == "=="
		each := func(x string) bool { return (x == s) == eq } // made once: a closure per frame would allocate
		return func(v View) bool { return g.s(v, each) }, s, nil
	case String:
		return compileString(g, op, val)
	}
	return compileBytes(g, op, val)
}

func compileString(g getter, op, val token) (func(View) bool, string, *Error) {
	s := val.text
	lit := quote(s)
	var each func(string) bool
	switch op.text {
	case "==", "!=":
		each = func(x string) bool { return x == s }
	case "contains":
		each = func(x string) bool { return strings.Contains(x, s) }
	case "matches":
		re, err := regexp.Compile(s)
		if err != nil {
			return nil, "", errorAt(val.col, regexpProblem(s, err))
		}
		each = re.MatchString
	}
	if op.text == "!=" {
		any := func(string) bool { return true }
		return func(v View) bool { return g.s(v, any) && !g.s(v, each) }, lit, nil
	}
	return func(v View) bool { return g.s(v, each) }, lit, nil
}

func compileBytes(g getter, op, val token) (func(View) bool, string, *Error) {
	var want []byte
	if val.kind == tString {
		want = []byte(val.text)
	} else {
		b, ok := hexValue(val.text)
		if !ok {
			return nil, "", errorAt(val.col, msg.New("filter.err.bytes", "bytes are written in hex, such as 48:65:6c or 48656c, or as a quoted string; found {found}", "found", val.describe()))
		}
		want = b
	}
	lit := hex.EncodeToString(want)
	if lit == "" {
		lit = `""`
	}
	switch op.text {
	case "contains":
		return func(v View) bool { b, ok := g.by(v); return ok && bytes.Contains(b, want) }, lit, nil
	case "!=":
		return func(v View) bool { b, ok := g.by(v); return ok && !bytes.Equal(b, want) }, lit, nil
	}
	return func(v View) bool { b, ok := g.by(v); return ok && bytes.Equal(b, want) }, lit, nil
}

func numCompare(op string, n float64) func(float64) bool {
	switch op {
	case "!=":
		return func(x float64) bool { return x != n }
	case "<":
		return func(x float64) bool { return x < n }
	case "<=":
		return func(x float64) bool { return x <= n }
	case ">":
		return func(x float64) bool { return x > n }
	case ">=":
		return func(x float64) bool { return x >= n }
	}
	return func(x float64) bool { return x == n }
}

func boolValue(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

// intValue reads a whole number: decimal, or hex after 0x.
func intValue(s string) (float64, bool) {
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		u, err := strconv.ParseUint(s, 0, 64)
		return float64(u), err == nil
	}
	return float64(n), true
}

// numberValue reads a number: whole when whole is set.
func numberValue(s string, whole bool) (float64, bool) {
	if n, ok := intValue(s); ok {
		return n, true
	}
	if whole {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
}

// hexValue reads bytes written as hex pairs, with or without ':', '-' or
// '.' between them (as Wireshark writes byte strings).
func hexValue(s string) ([]byte, bool) {
	var out []byte
	for i := 0; i < len(s); {
		if s[i] == ':' || s[i] == '-' || s[i] == '.' {
			if i == 0 || i == len(s)-1 {
				return nil, false
			}
			i++
			continue
		}
		if i+1 >= len(s) || unhex(s[i]) < 0 || unhex(s[i+1]) < 0 {
			return nil, false
		}
		out = append(out, byte(unhex(s[i])<<4|unhex(s[i+1])))
		i += 2
	}
	return out, len(out) > 0
}

// regexpProblem says why pattern is not a regular expression: what is
// wrong, by an id of its own, and where in the pattern when RE2 names the
// part (its character, 1-based); Go's own words only for a code it adds
// later, quoted.
func regexpProblem(pattern string, err error) msg.Text {
	var se *syntax.Error
	if !errors.As(err, &se) {
		return msg.New("filter.err.regexp", "not a regular expression (RE2 syntax): {why}", "why", msg.Text{Message: quote(err.Error())})
	}
	expr := visible(se.Expr)
	var why msg.Text
	switch se.Code {
	case syntax.ErrMissingParen:
		why = msg.New("filter.re.missing-paren", "a '(' is never closed")
	case syntax.ErrUnexpectedParen:
		why = msg.New("filter.re.unexpected-paren", "a ')' closes no '('")
	case syntax.ErrMissingBracket:
		why = msg.New("filter.re.missing-bracket", "the character class {expr} has no closing ']'", "expr", expr)
	case syntax.ErrMissingRepeatArgument:
		why = msg.New("filter.re.repeat-nothing", "{expr} repeats nothing", "expr", expr)
	case syntax.ErrInvalidRepeatOp:
		why = msg.New("filter.re.repeat-repeat", "{expr} repeats a repetition", "expr", expr)
	case syntax.ErrInvalidRepeatSize:
		why = msg.New("filter.re.repeat-size", "{expr}: a count over 1000, or a range backwards", "expr", expr)
	case syntax.ErrInvalidEscape:
		why = msg.New("filter.re.escape", "{expr} is not an escape RE2 knows", "expr", expr)
	case syntax.ErrTrailingBackslash:
		why = msg.New("filter.re.trailing-backslash", "a '\\' at the end escapes nothing")
	case syntax.ErrInvalidCharRange:
		why = msg.New("filter.re.range", "{expr} is not a valid range or class of characters", "expr", expr)
	case syntax.ErrInvalidCharClass:
		why = msg.New("filter.re.class", "{expr} is not a character class RE2 knows", "expr", expr)
	case syntax.ErrInvalidPerlOp:
		why = msg.New("filter.re.group", "{expr} is not a group RE2 knows, such as (?i) or (?:…)", "expr", expr)
	case syntax.ErrInvalidNamedCapture:
		why = msg.New("filter.re.name", "{expr} is not a valid group name", "expr", expr)
	case syntax.ErrInvalidUTF8:
		why = msg.New("filter.re.utf8", "the pattern is not valid UTF-8")
	case syntax.ErrLarge, syntax.ErrNestingDepth:
		why = msg.New("filter.re.large", "the pattern is too large or nested too deeply for RE2")
	default:
		why = msg.New("filter.re.other", "{code} in {expr}", "code", quote(string(se.Code)), "expr", expr)
	}
	if i := strings.LastIndex(pattern, se.Expr); i >= 0 && se.Expr != pattern && se.Expr != "" {
		return msg.New("filter.err.regexp.at", "not a regular expression (RE2 syntax), at character {at} of the pattern: {why}", "at", utf8.RuneCountInString(pattern[:i])+1, "why", why)
	}
	return msg.New("filter.err.regexp", "not a regular expression (RE2 syntax): {why}", "why", why)
}
