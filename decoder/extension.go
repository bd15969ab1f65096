package decoder

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/paste"
)

// Offer is one extension named in a Sec-WebSocket-Extensions header
// (RFC 6455 section 9.1): a client's offer, or the extension a server's
// answer accepts.
type Offer struct {
	Name   string  `json:"name"`
	Params []Param `json:"params,omitempty"`
	// Column is the 1-based column of the name in the header value.
	Column int `json:"column"`
}

// Param is one extension parameter: a name, and a value when "=" follows.
type Param struct {
	Name     string `json:"name"`
	Value    string `json:"value,omitempty"`
	HasValue bool   `json:"has_value,omitempty"`
	// Quoted is true when the value was written as a quoted-string.
	Quoted bool `json:"quoted,omitempty"`
	Column int  `json:"column"`
}

// String writes the offer back in the header's syntax.
func (o Offer) String() string {
	var b strings.Builder
	b.WriteString(o.Name)
	for _, p := range o.Params {
		b.WriteString("; ")
		b.WriteString(p.Name)
		if p.HasValue {
			b.WriteByte('=')
			b.WriteString(p.Value)
		}
	}
	return b.String()
}

// Param returns the offer's first parameter called name.
func (o Offer) Param(name string) (Param, bool) {
	for _, p := range o.Params {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return Param{}, false
}

// parseExtensionList reads a Sec-WebSocket-Extensions header value by the
// grammar of RFC 6455 section 9.1: a comma-separated list of extensions,
// each a token followed by "; name" or "; name=value" parameters, where a
// value is a token or a quoted-string. It returns the offers it could read
// and every syntax problem, each with Line 1 and the column in value. An
// offer with a syntax error is left out; the next one is still read.
func parseExtensionList(value string) ([]Offer, []Error) {
	p := extParser{s: value}
	var offers []Offer
	for {
		p.space()
		if p.i >= len(p.s) {
			break
		}
		if p.s[p.i] == ',' { // RFC 7230 7: empty list elements are allowed
			p.i++
			continue
		}
		o, ok := p.offer()
		if ok {
			offers = append(offers, o)
		} else {
			p.skipToComma()
		}
	}
	return offers, p.errs
}

type extParser struct {
	s    string
	i    int
	errs []Error
}

func (p *extParser) fail(at int, format string, args ...any) {
	p.errs = append(p.errs, Error{Offset: int64(at), Line: 1, Column: at + 1, Message: fmt.Sprintf(format, args...)})
}

// found describes what stands at byte i, for error messages.
func (p *extParser) found(i int) string {
	if i >= len(p.s) {
		return "the end of the value"
	}
	return strconv.QuoteRune(rune(p.s[i]))
}

func (p *extParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *extParser) token() string {
	start := p.i
	for p.i < len(p.s) && paste.IsTokenChar(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

// skipToComma moves past the rest of a broken offer, to the next comma
// that is not inside a quoted-string.
func (p *extParser) skipToComma() {
	quoted := false
	for ; p.i < len(p.s); p.i++ {
		switch c := p.s[p.i]; {
		case c == '\\' && quoted:
			p.i++
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			return
		}
	}
}

// offer reads extension = extension-token *( ";" extension-param ).
func (p *extParser) offer() (Offer, bool) {
	o := Offer{Column: p.i + 1}
	if o.Name = p.token(); o.Name == "" {
		p.fail(p.i, "expected an extension name (a token), found %s", p.found(p.i))
		return o, false
	}
	for {
		p.space()
		if p.i >= len(p.s) || p.s[p.i] == ',' {
			return o, true
		}
		if p.s[p.i] != ';' {
			p.fail(p.i, "expected ';' or ',' after %q, found %s", strings.TrimSpace(p.s[o.Column-1:p.i]), p.found(p.i))
			return o, false
		}
		p.i++
		p.space()
		prm, ok := p.param()
		if !ok {
			return o, false
		}
		o.Params = append(o.Params, prm)
	}
}

// param reads extension-param = token [ "=" (token | quoted-string) ].
func (p *extParser) param() (Param, bool) {
	prm := Param{Column: p.i + 1}
	if prm.Name = p.token(); prm.Name == "" {
		p.fail(p.i, "expected a parameter name (a token) after ';', found %s", p.found(p.i))
		return prm, false
	}
	p.space()
	if p.i >= len(p.s) || p.s[p.i] != '=' {
		return prm, true
	}
	p.i++
	p.space()
	prm.HasValue = true
	at := p.i
	if p.i < len(p.s) && p.s[p.i] == '"' {
		v, ok := p.quoted()
		if !ok {
			return prm, false
		}
		// RFC 6455 9.1: an unescaped quoted value must still be a token.
		if !paste.IsToken(v) {
			p.fail(at, "the quoted value %q of %s must be a token once unquoted (RFC 6455 9.1)", v, prm.Name)
			return prm, false
		}
		prm.Value, prm.Quoted = v, true
		return prm, true
	}
	if prm.Value = p.token(); prm.Value == "" {
		p.fail(p.i, "expected a value (a token or a quoted-string) after %s=, found %s", prm.Name, p.found(p.i))
		return prm, false
	}
	return prm, true
}

// quoted reads a quoted-string (RFC 2616 2.2) and returns it unescaped.
func (p *extParser) quoted() (string, bool) {
	start := p.i
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), true
		case c == '\\' && p.i+1 < len(p.s):
			b.WriteByte(p.s[p.i+1])
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	p.fail(start, "the quoted-string that starts here has no closing '\"'")
	return "", false
}

// The names of the compression extensions the decoder knows.
const (
	extPerMessageDeflate = "permessage-deflate"
	extDeflateFrame      = "deflate-frame"
	extWebkitDeflate     = "x-webkit-deflate-frame"
)

// isCompression reports whether an extension name is one the decoder can
// inflate; each of them uses RSV1 (RFC 7692 6, and the deflate-frame draft).
func isCompression(name string) bool {
	switch strings.ToLower(name) {
	case extPerMessageDeflate, extDeflateFrame, extWebkitDeflate:
		return true
	}
	return false
}

// checkDeflateParams checks an offer's or an answer's parameters for a
// compression extension: RFC 7692 7.1 for permessage-deflate (each
// parameter known, at most once, with a value where one is needed), and
// the deflate-frame draft's max_window_bits and no_context_takeover. It
// returns one message per problem.
func checkDeflateParams(o Offer, answer bool) []string {
	var problems []string
	seen := map[string]bool{}
	perMessage := strings.EqualFold(o.Name, extPerMessageDeflate)
	for _, p := range o.Params {
		name := strings.ToLower(p.Name)
		if seen[name] {
			problems = append(problems, fmt.Sprintf("%s is given twice; each parameter may appear once (RFC 7692 7)", p.Name))
			continue
		}
		seen[name] = true
		var valueNeeded, valueOptional, known bool
		switch {
		case perMessage && (name == "server_no_context_takeover" || name == "client_no_context_takeover"):
			known = true
		case perMessage && name == "server_max_window_bits":
			known, valueNeeded = true, true
		case perMessage && name == "client_max_window_bits":
			// RFC 7692 7.1.2.2: an offer may give it without a value; an
			// answer must give the value.
			known, valueNeeded, valueOptional = true, answer, !answer
		case !perMessage && name == "no_context_takeover":
			known = true
		case !perMessage && name == "max_window_bits":
			known, valueNeeded = true, true
		}
		switch {
		case !known:
			problems = append(problems, fmt.Sprintf("%s has no parameter %q (RFC 7692 7.1)", o.Name, p.Name))
		case valueNeeded && !p.HasValue:
			problems = append(problems, fmt.Sprintf("%s needs a value from 8 to 15 (RFC 7692 7.1.2)", p.Name))
		case (valueNeeded || valueOptional) && p.HasValue:
			if _, err := windowBits(p.Value); err != nil {
				problems = append(problems, fmt.Sprintf("%s=%s: %v (RFC 7692 7.1.2)", p.Name, p.Value, err))
			}
		case p.HasValue:
			problems = append(problems, fmt.Sprintf("%s takes no value, but has %q (RFC 7692 7.1.1)", p.Name, p.Value))
		}
	}
	return problems
}

// windowBits reads a max_window_bits value: a decimal integer from 8 to 15
// without leading zeros (RFC 7692 7.1.2.1).
func windowBits(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || v[0] == '0' || v[0] == '+' || v[0] == '-' {
		return 0, fmt.Errorf("expected a decimal number from 8 to 15, found %q", v)
	}
	if n < 8 || n > 15 {
		return 0, fmt.Errorf("the window bits must be from 8 to 15, not %d", n)
	}
	return n, nil
}

// Extension is a compression extension a connection negotiated:
// permessage-deflate (RFC 7692) or the older deflate-frame
// (x-webkit-deflate-frame) that compresses each frame by itself.
//
// The server_* fields govern what the server sends and the client_* fields
// what the client sends (RFC 7692 7.1). Zero window bits mean 15, a 32 KiB
// window. Under deflate-frame the server's answer sets the client_* fields.
type Extension struct {
	Name                    string `json:"name"`
	ServerNoContextTakeover bool   `json:"server_no_context_takeover,omitempty"`
	ClientNoContextTakeover bool   `json:"client_no_context_takeover,omitempty"`
	ServerMaxWindowBits     int    `json:"server_max_window_bits,omitempty"`
	ClientMaxWindowBits     int    `json:"client_max_window_bits,omitempty"`

	// Explanation says in plain words what the agreement means for each
	// side's messages.
	Explanation string `json:"explanation,omitempty"`
}

// PerMessage reports whether the extension compresses whole messages
// (permessage-deflate) rather than single frames (deflate-frame).
func (e *Extension) PerMessage() bool { return e.Name == "permessage-deflate" }

// ParseExtension reads the extension a server agreed to, from its
// Sec-WebSocket-Extensions answer (for example
// "permessage-deflate; client_max_window_bits=10"). It returns nil and no
// error when the answer names no compression extension. The same syntax
// serves a user who declares the extension of pasted frames.
func ParseExtension(answer string) (*Extension, error) {
	offers, errs := parseExtensionList(answer)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	e, problems := agreedExtension(offers)
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return e, nil
}

// agreedExtension builds the compression extension an answer agrees to,
// as far as its parameters can be read, with every problem found.
func agreedExtension(answer []Offer) (*Extension, []string) {
	var e *Extension
	var problems []string
	for _, o := range answer {
		if !isCompression(o.Name) {
			continue
		}
		if e != nil {
			// RFC 6455 9.1 and RFC 7692 6: both would give RSV1 a meaning.
			problems = append(problems, fmt.Sprintf("column %d: %s is agreed besides %s, but both use RSV1; only %s is used",
				o.Column, o.Name, e.Name, e.Name))
			continue
		}
		for _, p := range checkDeflateParams(o, true) {
			problems = append(problems, fmt.Sprintf("column %d: %s", o.Column, p))
		}
		e = &Extension{Name: strings.ToLower(o.Name)}
		for _, p := range o.Params {
			bits, _ := windowBits(p.Value)
			switch strings.ToLower(p.Name) {
			case "server_no_context_takeover":
				e.ServerNoContextTakeover = true
			case "client_no_context_takeover":
				e.ClientNoContextTakeover = true
			case "server_max_window_bits":
				e.ServerMaxWindowBits = bits
			case "client_max_window_bits":
				e.ClientMaxWindowBits = bits
			// deflate-frame: the server's answer tells the client how to
			// compress what it sends (draft-tyoshino-hybi-websocket-perframe-deflate 4).
			case "no_context_takeover":
				e.ClientNoContextTakeover = true
			case "max_window_bits":
				e.ClientMaxWindowBits = bits
			}
		}
		e.Explanation = e.explain()
	}
	return e, problems
}

// explain says in plain words what the extension does to each side's
// messages.
func (e *Extension) explain() string {
	unit := "messages"
	if !e.PerMessage() {
		unit = "frames"
	}
	side := func(who string, noTakeover bool, bits int) string {
		if bits == 0 {
			bits = 15
		}
		s := fmt.Sprintf("%s from the %s may be compressed (RSV1 set) with a window of %s; ", unit, who, sizeText(1<<bits))
		if noTakeover {
			return s + fmt.Sprintf("the window starts empty for each of them (%s_no_context_takeover)", who)
		}
		return s + "the window is kept from one to the next"
	}
	s := side("server", e.ServerNoContextTakeover, e.ServerMaxWindowBits) + "; " +
		side("client", e.ClientNoContextTakeover, e.ClientMaxWindowBits)
	if !e.PerMessage() {
		return e.Name + " (the draft before RFC 7692) compresses each frame by itself: " + s
	}
	return e.Name + " (RFC 7692): messages with RSV1 set are DEFLATE-compressed; " + s
}

// sizeText writes a byte count the way a person would say it: "32 MiB",
// "512 bytes".
func sizeText(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
