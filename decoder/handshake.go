package decoder

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// Handshake is the opening handshake of one connection (RFC 6455 section 4):
// the contract's fields first, then the parsed heads and every check.
type Handshake struct {
	Key         string `json:"key"`
	Accept      string `json:"accept"`
	AcceptValid bool   `json:"accept_valid"`
	// Extensions is the server's Sec-WebSocket-Extensions answer.
	Extensions  string `json:"extensions,omitempty"`
	Subprotocol string `json:"subprotocol,omitempty"`

	// Request and Response are the two heads as read; nil when absent.
	Request  *HTTPHead `json:"request,omitempty"`
	Response *HTTPHead `json:"response,omitempty"`
	// Checks lists every rule of RFC 6455 4.1 and 4.2 that was checked,
	// passed or failed, in the order of the RFC's lists.
	Checks []Check `json:"checks"`
	// AcceptSteps shows how Sec-WebSocket-Accept is computed from the key.
	AcceptSteps *AcceptSteps `json:"accept_steps,omitempty"`
	// Offered is the client's Sec-WebSocket-Extensions, Answered the server's.
	Offered  []Offer `json:"offered,omitempty"`
	Answered []Offer `json:"answered,omitempty"`
	// Protocols lists the subprotocols the client offered.
	Protocols []string `json:"protocols,omitempty"`
	// Agreed is the compression extension in force, as Negotiated returns it.
	Agreed *Extension `json:"negotiated,omitempty"`
	// Problems lists what could not be read, with its line.
	Problems []Problem `json:"problems,omitempty"`
}

// HTTPHead is an HTTP request or response head (RFC 7230 3).
type HTTPHead struct {
	// Method, Target and Version come from a request line; Version, Status
	// and Reason from a status line.
	Method  string `json:"method,omitempty"`
	Target  string `json:"target,omitempty"`
	Version string `json:"version,omitempty"`
	Status  int    `json:"status,omitempty"`
	Reason  string `json:"reason,omitempty"`
	// StartLine is the 1-based line of the request or status line, 0 when
	// the head has none (DevTools' parsed view shows headers only).
	StartLine int      `json:"start_line,omitempty"`
	Headers   []Header `json:"headers"`
}

// Header is one header field as it appeared, in order.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Line  int    `json:"line"`
}

// Check is one rule of the opening handshake and its outcome.
type Check struct {
	ID      string `json:"id"`
	Side    Side   `json:"side"`
	RFC     string `json:"rfc"`
	Header  string `json:"header,omitempty"`
	Passed  bool   `json:"passed"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
}

// Problem is something in a head that could not be read or checked.
type Problem struct {
	Side    Side   `json:"side"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// AcceptSteps is the computation of RFC 6455 4.2.2 item 5.4, step by step.
type AcceptSteps struct {
	Key          string `json:"key"`
	GUID         string `json:"guid"`
	Concatenated string `json:"concatenated"`
	SHA1Hex      string `json:"sha1_hex"`
	Base64       string `json:"base64"` // the expected Sec-WebSocket-Accept
	Received     string `json:"received"`
	Match        bool   `json:"match"`
}

// WebSocketGUID is the GUID that RFC 6455 1.3 appends to the key.
const WebSocketGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// AcceptFor returns the Sec-WebSocket-Accept for key: the base64 of the
// SHA-1 of key and the GUID (RFC 6455 4.2.2 item 5.4).
func AcceptFor(key string) string {
	sum := sha1Sum([]byte(key + WebSocketGUID))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// ParseHandshake reads a client's opening request and the server's response
// (either may be nil when the capture lacks it) and checks both against
// RFC 6455 section 4, and the extensions against RFC 7692. It never fails:
// what is wrong becomes a failed check or a problem with its line.
func ParseHandshake(request, response []byte) *Handshake {
	h := &Handshake{}
	if len(bytes.TrimSpace(request)) > 0 {
		h.Request = h.parseHead(request, Client)
		h.checkRequest()
	}
	if len(bytes.TrimSpace(response)) > 0 {
		h.Response = h.parseHead(response, Server)
		h.checkResponse()
	}
	if h.Checks == nil {
		h.Checks = []Check{}
	}
	return h
}

// Negotiated returns the compression extension the server agreed to, or nil.
func (h *Handshake) Negotiated() *Extension {
	if h == nil {
		return nil
	}
	return h.Agreed
}

func (h *Handshake) problem(side Side, line int, format string, args ...any) {
	h.Problems = append(h.Problems, Problem{Side: side, Line: line, Message: fmt.Sprintf(format, args...)})
}

func (h *Handshake) check(c Check, passed bool, format string, args ...any) {
	c.Passed = passed
	c.Message = fmt.Sprintf(format, args...)
	h.Checks = append(h.Checks, c)
}

// parseHead reads a head: an optional start line, then header lines up to
// the first empty line. It accepts \n as well as \r\n, folded lines
// (obs-fold, RFC 7230 3.2.4) and space around the colon.
func (h *Handshake) parseHead(b []byte, side Side) *HTTPHead {
	hd := &HTTPHead{Headers: []Header{}}
	lines := strings.Split(string(b), "\n")
	first := true
	for i, line := range lines {
		n := i + 1
		line = strings.TrimRight(line, "\r")
		if first && strings.TrimSpace(line) == "" {
			continue
		}
		if strings.TrimSpace(line) == "" {
			break // end of the head
		}
		if first {
			first = false
			if h.startLine(hd, side, line, n) {
				continue
			}
		}
		if (line[0] == ' ' || line[0] == '\t') && len(hd.Headers) > 0 {
			last := &hd.Headers[len(hd.Headers)-1]
			last.Value = strings.TrimSpace(last.Value + " " + strings.TrimSpace(line))
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		name = strings.TrimSpace(name)
		if !ok || !isToken(name) {
			h.problem(side, n, "%q is not a header line: expected \"Name: value\"", clip(line))
			continue
		}
		hd.Headers = append(hd.Headers, Header{Name: name, Value: strings.TrimSpace(value), Line: n})
	}
	return hd
}

// startLine reads a request line (RFC 7230 3.1.1) or a status line (3.1.2)
// if line is one. A line that is a header instead leaves the head without
// a start line, as DevTools' parsed view copies it.
func (h *Handshake) startLine(hd *HTTPHead, side Side, line string, n int) bool {
	f := strings.Fields(line)
	if side == Server && strings.HasPrefix(line, "HTTP/") {
		hd.StartLine, hd.Version = n, f[0]
		if len(f) < 2 {
			h.problem(side, n, "the status line %q has no status code", clip(line))
			return true
		}
		code, err := strconv.Atoi(f[1])
		if err != nil || len(f[1]) != 3 {
			h.problem(side, n, "the status code %q is not 3 digits", clip(f[1]))
		}
		hd.Status = code
		if _, reason, ok := strings.Cut(strings.TrimSpace(line[len(f[0]):]), " "); ok {
			hd.Reason = strings.TrimSpace(reason)
		}
		return true
	}
	if side == Client && len(f) >= 2 && !strings.HasSuffix(f[0], ":") {
		hd.StartLine, hd.Method, hd.Target = n, f[0], f[1]
		if len(f) >= 3 {
			hd.Version = f[2]
		}
		if len(f) != 3 {
			h.problem(side, n, "the request line %q should be \"METHOD target HTTP/1.1\"", clip(line))
		}
		return true
	}
	what := "request line (GET /path HTTP/1.1)"
	if side == Server {
		what = "status line (HTTP/1.1 101 Switching Protocols)"
	}
	h.problem(side, n, "no %s: the head starts with headers, as DevTools' parsed view shows them; what the start line says is not checked", what)
	return false
}

// clip shortens a line for a message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// values returns the head's headers called name, in order.
func (hd *HTTPHead) values(name string) []Header {
	var out []Header
	for _, f := range hd.Headers {
		if strings.EqualFold(f.Name, name) {
			out = append(out, f)
		}
	}
	return out
}

// Get returns the value of the headers called name, several combined with
// ", " as RFC 7230 3.2.2 allows for lists, and the line of the first.
func (hd *HTTPHead) Get(name string) (value string, line int, ok bool) {
	vs := hd.values(name)
	if len(vs) == 0 {
		return "", 0, false
	}
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.Value
	}
	return strings.Join(parts, ", "), vs[0].Line, true
}

// listHas reports whether a comma-separated header value holds token,
// compared without regard to case (RFC 7230 7, 6.7).
func listHas(value, token string) bool {
	for _, t := range strings.Split(value, ",") {
		if strings.EqualFold(strings.TrimSpace(t), token) {
			return true
		}
	}
	return false
}

// list splits a comma-separated header value into its trimmed elements.
func list(value string) []string {
	var out []string
	for _, t := range strings.Split(value, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// checkVersion checks that an HTTP version is at least 1.1 (RFC 6455 4.1).
func (h *Handshake) checkVersion(hd *HTTPHead, side Side) {
	c := Check{ID: "http-version", Side: side, RFC: "6455 4.1", Line: hd.StartLine}
	major, minor, ok := strings.Cut(strings.TrimPrefix(hd.Version, "HTTP/"), ".")
	ma, err1 := strconv.Atoi(major)
	mi, err2 := strconv.Atoi(minor)
	if !strings.HasPrefix(hd.Version, "HTTP/") || !ok || err1 != nil || err2 != nil {
		h.check(c, false, "the version is %q; expected HTTP/1.1", hd.Version)
		return
	}
	h.check(c, ma > 1 || ma == 1 && mi >= 1, "the version is %s; the handshake needs HTTP/1.1 or higher", hd.Version)
}

// checkUpgrade checks the Upgrade and Connection headers of either side
// (RFC 6455 4.1 items 5 and 6 for the client, 4.1's validation of the
// response items 2 and 3 for the server).
func (h *Handshake) checkUpgrade(hd *HTTPHead, side Side) {
	v, line, ok := hd.Get("Upgrade")
	c := Check{ID: "upgrade-websocket", Side: side, RFC: "6455 4.1", Header: "Upgrade", Line: line}
	switch {
	case !ok:
		h.check(c, false, "no Upgrade header; it must be present and hold \"websocket\"")
	default:
		h.check(c, listHas(v, "websocket"), "Upgrade is %q; it must hold the token \"websocket\" (any case)", v)
	}
	v, line, ok = hd.Get("Connection")
	c = Check{ID: "connection-upgrade", Side: side, RFC: "6455 4.1", Header: "Connection", Line: line}
	switch {
	case !ok:
		h.check(c, false, "no Connection header; it must be present and list the token \"Upgrade\"")
	default:
		h.check(c, listHas(v, "upgrade"), "Connection is %q; its comma-separated list must hold the token \"Upgrade\" (any case)", v)
	}
}

// checkRequest checks the client's opening handshake (RFC 6455 4.1, items
// in the order of its list, which 4.2.1 repeats from the server's side).
func (h *Handshake) checkRequest() {
	hd := h.Request
	if hd.StartLine > 0 {
		// Item 2: the method is GET and the version at least HTTP/1.1.
		c := Check{ID: "method-get", Side: Client, RFC: "6455 4.1", Line: hd.StartLine}
		h.check(c, hd.Method == "GET", "the method is %s; the opening handshake is a GET request", hd.Method)
		h.checkVersion(hd, Client)
		// Item 3 and 4.2.1 item 1: a resource name or an absolute URI, no fragment (section 3).
		c = Check{ID: "request-target", Side: Client, RFC: "6455 4.1", Line: hd.StartLine}
		t := strings.ToLower(hd.Target)
		absolute := strings.HasPrefix(t, "ws://") || strings.HasPrefix(t, "wss://") || strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://")
		switch {
		case !strings.HasPrefix(t, "/") && !absolute:
			h.check(c, false, "the request-target is %q; expected a path starting with '/' or an absolute ws:// or wss:// URI", hd.Target)
		case strings.Contains(t, "#"):
			h.check(c, false, "the request-target %q has a fragment (#); WebSocket URIs must not (RFC 6455 3)", hd.Target)
		default:
			h.check(c, true, "the request-target is %s", hd.Target)
		}
	}
	// Item 4: Host.
	hosts := hd.values("Host")
	c := Check{ID: "host", Side: Client, RFC: "6455 4.1", Header: "Host"}
	switch {
	case len(hosts) == 0:
		h.check(c, false, "no Host header; the request must name the server's host")
	case len(hosts) > 1:
		c.Line = hosts[1].Line
		h.check(c, false, "Host appears %d times; it must appear once (RFC 7230 5.4)", len(hosts))
	default:
		c.Line = hosts[0].Line
		h.check(c, hosts[0].Value != "", "Host is %q; it must name the server's host", hosts[0].Value)
	}
	// Items 5 and 6.
	h.checkUpgrade(hd, Client)
	// Item 7: a nonce of 16 random bytes, base64-encoded.
	keys := hd.values("Sec-WebSocket-Key")
	c = Check{ID: "key", Side: Client, RFC: "6455 4.1", Header: "Sec-WebSocket-Key"}
	switch {
	case len(keys) == 0:
		h.check(c, false, "no Sec-WebSocket-Key header; the client must send 16 random bytes, base64-encoded")
	case len(keys) > 1:
		c.Line = keys[1].Line
		h.Key = keys[0].Value
		h.check(c, false, "Sec-WebSocket-Key appears %d times; it must appear once (RFC 6455 11.3.1)", len(keys))
	default:
		c.Line, h.Key = keys[0].Line, keys[0].Value
		raw, err := base64.StdEncoding.DecodeString(h.Key)
		switch {
		case err != nil:
			h.check(c, false, "Sec-WebSocket-Key %q is not base64 (%v); expected 16 random bytes, base64-encoded", h.Key, err)
		case len(raw) != 16:
			h.check(c, false, "Sec-WebSocket-Key %q decodes to %d bytes; it must decode to 16 (24 base64 characters)", h.Key, len(raw))
		default:
			h.check(c, true, "Sec-WebSocket-Key decodes to 16 bytes: %x", raw)
		}
	}
	// Item 9: version 13 (section 4.4 for other versions).
	v, line, ok := hd.Get("Sec-WebSocket-Version")
	c = Check{ID: "version-13", Side: Client, RFC: "6455 4.1", Header: "Sec-WebSocket-Version", Line: line}
	switch {
	case !ok:
		h.check(c, false, "no Sec-WebSocket-Version header; it must be 13")
	case v == "8" || v == "7":
		h.check(c, false, "Sec-WebSocket-Version is %s, from a draft of the protocol (hybi-07 to -12); RFC 6455 is version 13", v)
	default:
		h.check(c, v == "13", "Sec-WebSocket-Version is %s; it must be 13", v)
	}
	// Item 10: subprotocols; item 11: extensions (section 9.1).
	if v, _, ok := hd.Get("Sec-WebSocket-Protocol"); ok {
		h.Protocols = list(v)
	}
	if v, line, ok := hd.Get("Sec-WebSocket-Extensions"); ok {
		h.Offered = h.extensionList(v, line, Client)
		for _, o := range h.Offered {
			if isCompression(o.Name) {
				c := Check{ID: "extension-params", Side: Client, RFC: "7692 7.1", Header: "Sec-WebSocket-Extensions", Line: line}
				p := checkDeflateParams(o, false)
				h.check(c, len(p) == 0, "%s: %s", o, orOK(p, "parameters valid"))
			}
		}
	}
}

// orOK joins problems, or says ok when there are none.
func orOK(problems []string, ok string) string {
	if len(problems) == 0 {
		return ok
	}
	return strings.Join(problems, "; ")
}

// extensionList parses a Sec-WebSocket-Extensions value found at line,
// with a check of its syntax (RFC 6455 9.1).
func (h *Handshake) extensionList(v string, line int, side Side) []Offer {
	offers, errs := parseExtensionList(v)
	c := Check{ID: "extensions-syntax", Side: side, RFC: "6455 9.1", Header: "Sec-WebSocket-Extensions", Line: line}
	if len(errs) == 0 {
		h.check(c, true, "Sec-WebSocket-Extensions reads as %d extension(s)", len(offers))
		return offers
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = fmt.Sprintf("column %d: %s", e.Column, e.Message)
	}
	h.check(c, false, "Sec-WebSocket-Extensions %q: %s", v, strings.Join(msgs, "; "))
	return offers
}

// checkResponse checks the server's answer as the client must (RFC 6455
// 4.1, the validation of the response, items 1 to 6; 4.2.2 item 5).
func (h *Handshake) checkResponse() {
	hd := h.Response
	if hd.StartLine > 0 {
		c := Check{ID: "status-101", Side: Server, RFC: "6455 4.1", Line: hd.StartLine}
		h.check(c, hd.Status == 101, "the status is %d %s; the server accepts with 101 Switching Protocols, anything else refuses the upgrade", hd.Status, hd.Reason)
		h.checkVersion(hd, Server)
		if v, line, ok := hd.Get("Sec-WebSocket-Version"); ok && hd.Status != 101 {
			c := Check{ID: "version-refused", Side: Server, RFC: "6455 4.4", Header: "Sec-WebSocket-Version", Line: line}
			asked := "none"
			if h.Request != nil {
				asked, _, _ = h.Request.Get("Sec-WebSocket-Version")
			}
			h.check(c, false, "the server refused version %s and lists the versions it speaks: %s", asked, v)
		}
	}
	h.checkUpgrade(hd, Server)
	h.checkAccept()
	h.checkSubprotocol()
	h.checkExtensions()
}

// checkAccept checks Sec-WebSocket-Accept against the key (4.1 validation
// item 4; 4.2.2 item 5.4).
func (h *Handshake) checkAccept() {
	accepts := h.Response.values("Sec-WebSocket-Accept")
	c := Check{ID: "accept", Side: Server, RFC: "6455 4.1", Header: "Sec-WebSocket-Accept"}
	if len(accepts) > 0 {
		h.Accept, c.Line = accepts[0].Value, accepts[0].Line
	}
	if h.Request == nil || h.Key == "" {
		h.problem(Server, c.Line, "the request's Sec-WebSocket-Key is missing, so Sec-WebSocket-Accept cannot be checked")
		return
	}
	sum := sha1Sum([]byte(h.Key + WebSocketGUID))
	s := &AcceptSteps{Key: h.Key, GUID: WebSocketGUID, Concatenated: h.Key + WebSocketGUID,
		SHA1Hex: hex.EncodeToString(sum[:]), Base64: base64.StdEncoding.EncodeToString(sum[:]), Received: h.Accept}
	s.Match = s.Received == s.Base64 && len(accepts) == 1
	h.AcceptSteps, h.AcceptValid = s, s.Match
	switch {
	case len(accepts) == 0:
		h.check(c, false, "no Sec-WebSocket-Accept header; for this key it must be %s", s.Base64)
	case len(accepts) > 1:
		c.Line = accepts[1].Line
		h.check(c, false, "Sec-WebSocket-Accept appears %d times; it must appear once (RFC 6455 11.3.3)", len(accepts))
	case !s.Match:
		h.check(c, false, "Sec-WebSocket-Accept is %s, but base64(SHA-1(key + GUID)) is %s", s.Received, s.Base64)
	default:
		h.check(c, true, "Sec-WebSocket-Accept %s is base64(SHA-1(key + GUID))", s.Received)
	}
}

// checkSubprotocol checks that the server chose at most one subprotocol,
// among those offered (4.1 validation item 6).
func (h *Handshake) checkSubprotocol() {
	v, line, ok := h.Response.Get("Sec-WebSocket-Protocol")
	if !ok {
		return
	}
	h.Subprotocol = v
	c := Check{ID: "subprotocol-offered", Side: Server, RFC: "6455 4.1", Header: "Sec-WebSocket-Protocol", Line: line}
	offered := false
	for _, p := range h.Protocols {
		offered = offered || p == v
	}
	switch {
	case len(list(v)) != 1:
		h.check(c, false, "Sec-WebSocket-Protocol is %q; the server chooses exactly one subprotocol", v)
	case h.Request == nil:
		h.problem(Server, line, "the request is missing, so the subprotocol %q cannot be checked against the offer", v)
	case len(h.Protocols) == 0:
		h.check(c, false, "the server chose subprotocol %q, but the client offered none", v)
	default:
		h.check(c, offered, "the server chose subprotocol %q; the client offered %s", v, strings.Join(h.Protocols, ", "))
	}
}

// checkExtensions checks the server's Sec-WebSocket-Extensions answer: each
// extension was offered (4.1 validation item 5) with parameters the offer
// allows (RFC 7692 7.1), and sets the agreed compression extension.
func (h *Handshake) checkExtensions() {
	v, line, ok := h.Response.Get("Sec-WebSocket-Extensions")
	if !ok {
		return
	}
	h.Extensions = v
	h.Answered = h.extensionList(v, line, Server)
	for _, a := range h.Answered {
		c := Check{ID: "extension-offered", Side: Server, RFC: "6455 4.1", Header: "Sec-WebSocket-Extensions", Line: line}
		var same []Offer
		for _, o := range h.Offered {
			if strings.EqualFold(o.Name, a.Name) {
				same = append(same, o)
			}
		}
		if h.Request != nil {
			h.check(c, len(same) > 0, "the server answered %s; the client offered %s", a.Name, offerNames(h.Offered))
		}
		if !isCompression(a.Name) {
			continue
		}
		c = Check{ID: "extension-params", Side: Server, RFC: "7692 7.1", Header: "Sec-WebSocket-Extensions", Line: line}
		problems := checkDeflateParams(a, true)
		if len(problems) == 0 && len(same) > 0 && strings.EqualFold(a.Name, extPerMessageDeflate) {
			problems = answerFits(a, same)
		}
		h.check(c, len(problems) == 0, "%s: %s", a, orOK(problems, "parameters valid"))
	}
	h.Agreed, _ = agreedExtension(h.Answered) // its parameter problems are checked above
	var rsv1 []string
	for _, a := range h.Answered {
		if isCompression(a.Name) {
			rsv1 = append(rsv1, a.Name)
		}
	}
	if len(rsv1) > 1 {
		c := Check{ID: "extension-rsv1-conflict", Side: Server, RFC: "7692 6", Header: "Sec-WebSocket-Extensions", Line: line}
		h.check(c, false, "the server agreed to %s, but each gives RSV1 its meaning; only %s is used here", strings.Join(rsv1, " and "), h.Agreed.Name)
	}
}

// answerFits checks a permessage-deflate answer against the offers it may
// accept (RFC 7692 7.1.2.1, 7.1.2.2): client_max_window_bits only when
// offered, window bits no larger than offered. It returns nil when some
// offer fits.
func answerFits(a Offer, offers []Offer) []string {
	var why []string
	for _, o := range offers {
		var p []string
		if cp, ok := a.Param("client_max_window_bits"); ok {
			op, offered := o.Param("client_max_window_bits")
			switch {
			case !offered:
				p = append(p, "client_max_window_bits is answered, but the offer lacks it, so the client may not support it (RFC 7692 7.1.2.2)")
			case op.HasValue && bitsOf(cp) > bitsOf(op):
				p = append(p, fmt.Sprintf("client_max_window_bits=%s is more than the %s offered (RFC 7692 7.1.2.2)", cp.Value, op.Value))
			}
		}
		if sp, ok := a.Param("server_max_window_bits"); ok {
			if op, offered := o.Param("server_max_window_bits"); offered && bitsOf(sp) > bitsOf(op) {
				p = append(p, fmt.Sprintf("server_max_window_bits=%s is more than the %s offered (RFC 7692 7.1.2.1)", sp.Value, op.Value))
			}
		}
		if len(p) == 0 {
			return nil
		}
		if len(offers) > 1 {
			p[0] = fmt.Sprintf("against the offer %q: %s", o.String(), p[0])
		}
		why = append(why, p...)
	}
	return why
}

func bitsOf(p Param) int {
	n, _ := windowBits(p.Value)
	return n
}

func offerNames(offers []Offer) string {
	if len(offers) == 0 {
		return "none"
	}
	names := make([]string, len(offers))
	for i, o := range offers {
		names[i] = o.Name
	}
	return strings.Join(names, ", ")
}

// SplitPaste separates pasted HTTP handshake text (a request, a response or
// both, as copied from Wireshark's Follow TCP Stream, DevTools or curl -v)
// from what follows it. rest starts at byte restOffset of text. When text
// has no handshake, request and response are nil and rest is text.
//
// Wireshark's text and DevTools' raw view are taken as they are; curl's
// "> " and "< " prefixes are removed and its "*", "{" and "}" lines
// skipped; DevTools' parsed view ("Name: value" lines, or the name and the
// value on lines of their own, under "Request Headers" and "Response
// Headers") is rewritten as header lines without a start line.
func SplitPaste(text []byte) (request, response, rest []byte, restOffset int) {
	lines := newPasteLines(text)
	i := 0
	if !lines.has(i) {
		return nil, nil, text, 0
	}
	switch first := lines.s(i); {
	case strings.HasPrefix(first, "> ") || strings.HasPrefix(first, "< ") || strings.HasPrefix(first, "* "):
		request, response, i = splitCurl(lines, i)
	case isRequestLine(first) || strings.HasPrefix(first, "HTTP/"):
		request, response, i = splitRaw(text, lines, i)
	default:
		request, response, i = splitDevTools(lines, i)
	}
	if request == nil && response == nil {
		return nil, nil, text, 0
	}
	if !lines.has(i) {
		return request, response, text[len(text):], len(text)
	}
	return request, response, text[lines.start(i):], lines.start(i)
}

// pasteLines indexes the lines of a paste as the split asks for them,
// keeping where the last few start (the split reads forward, looking back
// a line or two at most): a paste of a million lines costs no more than
// one of ten. Line 0 is the first line that is not blank.
type pasteLines struct {
	text   []byte
	starts []int // offsets of lines base, base+1, ...
	base   int
	next   int // where the line after them starts
}

// pasteWindow is how many line starts pasteLines keeps at most.
const pasteWindow = 64

func newPasteLines(text []byte) *pasteLines {
	l := &pasteLines{text: text}
	// White space first (a fast path for a paste of empty lines), then
	// back to the start of the line it ends in.
	for l.next < len(text) && asciiSpace(text[l.next]) {
		l.next++
	}
	l.next = bytes.LastIndexByte(text[:l.next], '\n') + 1
	for l.next < len(text) && isBlank(l.text[l.next:l.end(l.next)]) {
		l.next = l.after(l.next)
	}
	return l
}

// end is where the line starting at off ends, before its "\n".
func (l *pasteLines) end(off int) int {
	if k := bytes.IndexByte(l.text[off:], '\n'); k >= 0 {
		return off + k
	}
	return len(l.text)
}

// after is where the line after the one starting at off starts.
func (l *pasteLines) after(off int) int { return min(l.end(off)+1, len(l.text)) }

// has reports whether there is a line i, finding the lines up to it.
func (l *pasteLines) has(i int) bool {
	for l.base+len(l.starts) <= i && l.next < len(l.text) {
		if len(l.starts) == pasteWindow {
			n := copy(l.starts, l.starts[pasteWindow/2:])
			l.starts = l.starts[:n]
			l.base += pasteWindow / 2
		}
		l.starts = append(l.starts, l.next)
		l.next = l.after(l.next)
	}
	return i < l.base+len(l.starts)
}

func (l *pasteLines) start(i int) int { return l.starts[i-l.base] }

// bytes is line i without its line end ("\n" or "\r\n").
func (l *pasteLines) bytes(i int) []byte {
	at := l.start(i)
	return bytes.TrimRight(l.text[at:l.end(at)], "\r")
}

// s is line i as a string, without its line end.
func (l *pasteLines) s(i int) string { return string(l.bytes(i)) }

// nonBlankFrom is the first line at or after line i that is not blank,
// found without indexing the lines before it.
func (l *pasteLines) nonBlankFrom(i int) (string, bool) {
	if !l.has(i) {
		return "", false
	}
	for at := l.start(i); at < len(l.text); at = l.after(at) {
		if line := bytes.TrimRight(l.text[at:l.end(at)], "\r"); !isBlank(line) {
			return string(line), true
		}
	}
	return "", false
}

func (l *pasteLines) blank(i int) bool { return isBlank(l.bytes(i)) }

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func isBlank(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }

// isRequestLine reports whether s looks like "GET /path HTTP/1.1".
func isRequestLine(s string) bool {
	f := strings.Fields(s)
	return len(f) == 3 && strings.HasPrefix(f[2], "HTTP/") && strings.IndexFunc(f[0], func(r rune) bool { return r < 'A' || r > 'Z' }) < 0
}

// splitRaw takes up to two heads as they are, each ending at an empty
// line: Wireshark's Follow TCP Stream and DevTools' raw view.
func splitRaw(text []byte, lines *pasteLines, i int) (request, response []byte, next int) {
	for heads := 0; heads < 2 && lines.has(i); heads++ {
		first := lines.s(i)
		isReq := isRequestLine(first)
		if !isReq && !strings.HasPrefix(first, "HTTP/") || isReq && request != nil || !isReq && response != nil {
			break
		}
		start := lines.start(i)
		for lines.has(i) && !lines.blank(i) {
			i++
		}
		if lines.has(i) {
			i++ // the empty line ends the head
		}
		end := len(text)
		if lines.has(i) {
			end = lines.start(i)
		}
		if isReq {
			request = text[start:end]
		} else {
			response = text[start:end]
		}
		// Between the heads, a pasted text may have more empty lines.
		// Look past them without indexing them: frames may follow instead.
		if next, ok := lines.nonBlankFrom(i); ok && (isRequestLine(next) || strings.HasPrefix(next, "HTTP/")) {
			for lines.has(i) && lines.blank(i) {
				i++
			}
		}
	}
	return request, response, i
}

// splitCurl reads curl -v's trace: "> " request lines, "< " response
// lines, "*" notes and "{ [5 bytes data]" markers.
func splitCurl(lines *pasteLines, i int) (request, response []byte, next int) {
	var req, resp []byte
	for ; lines.has(i); i++ {
		s := lines.s(i)
		switch {
		case s == ">" || strings.HasPrefix(s, "> "):
			req = append(append(req, strings.TrimPrefix(strings.TrimPrefix(s, ">"), " ")...), "\r\n"...)
		case s == "<" || strings.HasPrefix(s, "< "):
			resp = append(append(resp, strings.TrimPrefix(strings.TrimPrefix(s, "<"), " ")...), "\r\n"...)
		case strings.HasPrefix(s, "*") || strings.HasPrefix(s, "{ [") || strings.HasPrefix(s, "} ["):
		default:
			return req, resp, i
		}
	}
	return req, resp, i
}

// splitDevTools reads DevTools' parsed view: sections titled "General",
// "Response Headers" and "Request Headers", each header as "Name: value"
// or as "Name:" with the value on the next line. Without titles, the
// headers up to an empty line are a response if Sec-WebSocket-Accept is
// among them and a request otherwise.
func splitDevTools(lines *pasteLines, i int) (request, response []byte, next int) {
	var req, resp, untitled []byte
	var section *[]byte
	titled, general := false, false
	for ; lines.has(i); i++ {
		s := strings.TrimSpace(lines.s(i))
		if general && !devToolsTitle(s) {
			// "Request URL: ws://..." and the like: names with spaces, skipped.
			if name, value, ok := strings.Cut(s, ":"); ok && name != "" {
				if strings.TrimSpace(value) == "" && lines.has(i+1) && !devToolsTitle(strings.TrimSpace(lines.s(i+1))) {
					i++
				}
				continue
			}
		}
		general = false
		switch strings.ToLower(s) {
		case "general":
			section, titled, general = nil, true, true
			continue
		case "request headers":
			section, titled = &req, true
			continue
		case "response headers":
			section, titled = &resp, true
			continue
		case "view source", "view parsed", "raw", "provisional headers are shown", "":
			if s == "" && !titled && untitled != nil {
				i++
				goto done
			}
			continue
		}
		if isRequestLine(s) || strings.HasPrefix(s, "HTTP/1.") {
			if section != nil {
				*section = append(append(*section, s...), "\r\n"...)
				continue
			}
			break
		}
		name, value, ok := strings.Cut(s, ":")
		if !ok || !isHeaderName(name) {
			break
		}
		value = strings.TrimSpace(value)
		if value == "" && lines.has(i+1) && !looksLikeHeader(lines.s(i+1)) {
			i++
			value = strings.TrimSpace(lines.s(i))
		}
		line := name + ": " + value + "\r\n"
		switch {
		case section != nil:
			*section = append(*section, line...)
		case !titled:
			untitled = append(untitled, line...)
		}
	}
done:
	lower := bytes.ToLower(untitled)
	if !bytes.Contains(lower, []byte("sec-websocket-")) && !bytes.Contains(lower, []byte("upgrade:")) {
		untitled = nil // headers, but not of a WebSocket handshake
	}
	if untitled != nil {
		if bytes.Contains(bytes.ToLower(untitled), []byte("sec-websocket-accept:")) {
			resp = untitled
		} else {
			req = untitled
		}
	}
	if req == nil && resp == nil {
		return nil, nil, i
	}
	return req, resp, i
}

// devToolsTitle reports whether s is the title of a DevTools headers section.
func devToolsTitle(s string) bool {
	switch strings.ToLower(s) {
	case "general", "request headers", "response headers":
		return true
	}
	return false
}

// looksLikeHeader reports whether s reads as "Name: value" or "Name:", so
// that it is not taken as the value of the line before it.
func looksLikeHeader(s string) bool {
	s = strings.TrimSpace(s)
	name, value, ok := strings.Cut(s, ":")
	if !ok || !isHeaderName(name) {
		return false
	}
	return value == "" || value[0] == ' ' || value[0] == '\t'
}

// isHeaderName reports whether a pasted name reads as a header name: a
// token that starts with a letter, unlike the offsets of a hex dump.
func isHeaderName(name string) bool {
	return isToken(name) && (name[0] >= 'A' && name[0] <= 'Z' || name[0] >= 'a' && name[0] <= 'z')
}
