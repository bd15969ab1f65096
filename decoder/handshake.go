package decoder

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/internal/msg"
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
	// Cut is true in a handshake cut to its outcome (Brief): the page asks
	// for the whole one when it shows it.
	Cut bool `json:"brief,omitempty"`
}

// Brief is h cut to what a list of connections shows of it: the key, the
// accept and whether it is valid, the extensions and subprotocol agreed;
// without the two heads, the checks and the steps (most of its weight),
// and flagged Cut ("brief" in JSON). h is not changed.
func (h *Handshake) Brief() *Handshake {
	if h == nil {
		return nil
	}
	return &Handshake{Key: h.Key, Accept: h.Accept, AcceptValid: h.AcceptValid, Extensions: h.Extensions,
		Subprotocol: h.Subprotocol, Agreed: h.Agreed, Cut: true}
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
	// MessageID names the message's template in checkMessages (a check
	// has one message per outcome); Params fill it in, so that the page
	// can say the message in another language.
	MessageID string `json:"message_id"`
	Params    Params `json:"params"`
}

// Problem is something in a head that could not be read or checked.
type Problem struct {
	Side    Side   `json:"side"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
	// ID and Params name Message's sentence for the page's words.
	ID     string `json:"id,omitempty"`
	Params Params `json:"params,omitempty"`
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

// webSocketGUID is the GUID that RFC 6455 1.3 appends to the key.
const webSocketGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

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
	if h.AcceptSteps == nil && h.Key != "" {
		// No response to check: the steps still show what it should say.
		h.AcceptSteps = newAcceptSteps(h.Key, "")
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

func (h *Handshake) problem(side Side, line int, why msg.Text) {
	h.Problems = append(h.Problems, Problem{Side: side, Line: line, Message: why.Message, ID: why.ID, Params: why.Params})
}

// check records the outcome of c with the message msg, rendered from p.
func (h *Handshake) check(c Check, passed bool, msg string, p Params) {
	c.Passed, c.MessageID, c.Params = passed, msg, p
	c.Message = render(checkMessages[msg], p)
	h.Checks = append(h.Checks, c)
}

// checkVersion checks that an HTTP version is at least 1.1 (RFC 6455 4.1).
func (h *Handshake) checkVersion(hd *HTTPHead, side Side) {
	c := chkHTTPVersion.at(side, hd.StartLine)
	major, minor, ok := strings.Cut(strings.TrimPrefix(hd.Version, "HTTP/"), ".")
	ma, err1 := strconv.Atoi(major)
	mi, err2 := strconv.Atoi(minor)
	if !strings.HasPrefix(hd.Version, "HTTP/") || !ok || err1 != nil || err2 != nil {
		h.check(c, false, "http-version.unreadable", Params{"version": hd.Version})
		return
	}
	h.check(c, ma > 1 || ma == 1 && mi >= 1, "http-version", Params{"version": hd.Version})
}

// checkUpgrade checks the Upgrade and Connection headers of either side
// (RFC 6455 4.1 items 5 and 6 for the client, 4.1's validation of the
// response items 2 and 3 for the server).
func (h *Handshake) checkUpgrade(hd *HTTPHead, side Side) {
	v, line, ok := hd.Get("Upgrade")
	c := chkUpgrade.at(side, line)
	switch {
	case !ok:
		h.check(c, false, "upgrade-websocket.missing", nil)
	default:
		h.check(c, listHas(v, "websocket"), "upgrade-websocket", Params{"value": v})
	}
	v, line, ok = hd.Get("Connection")
	c = chkConnection.at(side, line)
	switch {
	case !ok:
		h.check(c, false, "connection-upgrade.missing", nil)
	default:
		h.check(c, listHas(v, "upgrade"), "connection-upgrade", Params{"value": v})
	}
}

// checkRequest checks the client's opening handshake (RFC 6455 4.1, items
// in the order of its list, which 4.2.1 repeats from the server's side).
func (h *Handshake) checkRequest() {
	hd := h.Request
	if hd.StartLine > 0 {
		// Item 2: the method is GET and the version at least HTTP/1.1.
		h.check(chkMethodGet.at(Client, hd.StartLine), hd.Method == "GET", "method-get", Params{"method": hd.Method})
		h.checkVersion(hd, Client)
		// Item 3 and 4.2.1 item 1: a resource name or an absolute URI, no fragment (section 3).
		c := chkRequestTarget.at(Client, hd.StartLine)
		t := strings.ToLower(hd.Target)
		absolute := strings.HasPrefix(t, "ws://") || strings.HasPrefix(t, "wss://") || strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://")
		switch {
		case !strings.HasPrefix(t, "/") && !absolute:
			h.check(c, false, "request-target.not-a-path", Params{"target": hd.Target})
		case strings.Contains(t, "#"):
			h.check(c, false, "request-target.fragment", Params{"target": hd.Target})
		default:
			h.check(c, true, "request-target", Params{"target": hd.Target})
		}
	}
	// Item 4: Host.
	hosts := hd.values("Host")
	c := chkHost.at(Client, 0)
	switch {
	case len(hosts) == 0:
		h.check(c, false, "host.missing", nil)
	case len(hosts) > 1:
		c.Line = hosts[1].Line
		h.check(c, false, "host.repeated", Params{"count": len(hosts)})
	default:
		c.Line = hosts[0].Line
		h.check(c, hosts[0].Value != "", "host", Params{"value": hosts[0].Value})
	}
	// Items 5 and 6.
	h.checkUpgrade(hd, Client)
	// Item 7: a nonce of 16 random bytes, base64-encoded.
	keys := hd.values("Sec-WebSocket-Key")
	c = chkKey.at(Client, 0)
	switch {
	case len(keys) == 0:
		h.check(c, false, "key.missing", nil)
	case len(keys) > 1:
		c.Line = keys[1].Line
		h.Key = keys[0].Value
		h.check(c, false, "key.repeated", Params{"count": len(keys)})
	default:
		c.Line, h.Key = keys[0].Line, keys[0].Value
		raw, err := base64.StdEncoding.DecodeString(h.Key)
		switch {
		case err != nil:
			h.check(c, false, "key.not-base64", Params{"key": h.Key, "error": err.Error()})
		case len(raw) != 16:
			h.check(c, false, "key.length", Params{"key": h.Key, "length": len(raw)})
		default:
			h.check(c, true, "key", Params{"bytes": hex.EncodeToString(raw)})
		}
	}
	// Item 9: version 13 (section 4.4 for other versions).
	v, line, ok := hd.Get("Sec-WebSocket-Version")
	c = chkVersion13.at(Client, line)
	switch {
	case !ok:
		h.check(c, false, "version-13.missing", nil)
	case v == "8" || v == "7":
		h.check(c, false, "version-13.draft", Params{"version": v})
	default:
		h.check(c, v == "13", "version-13", Params{"version": v})
	}
	// Item 10: subprotocols; item 11: extensions (section 9.1).
	if v, _, ok := hd.Get("Sec-WebSocket-Protocol"); ok {
		h.Protocols = list(v)
	}
	if v, line, ok := hd.Get("Sec-WebSocket-Extensions"); ok {
		h.Offered = h.extensionList(v, line, Client)
		for _, o := range h.Offered {
			if isCompression(o.Name) {
				p := checkDeflateParams(o, false)
				h.paramsCheck(chkExtensionParams.at(Client, line), o, p)
			}
		}
	}
}

// paramsCheck records the check of a compression extension's parameters.
func (h *Handshake) paramsCheck(c Check, o Offer, problems []msg.Text) {
	p, id := Params{"extension": o.String()}, "extension-params"
	if len(problems) > 0 {
		all := joinTexts(problems)
		p["problems"], p["problems_text"], id = all.Message, all, "extension-params.invalid"
	}
	h.check(c, len(problems) == 0, id, p)
}

// extensionList parses a Sec-WebSocket-Extensions value found at line,
// with a check of its syntax (RFC 6455 9.1).
func (h *Handshake) extensionList(v string, line int, side Side) []Offer {
	offers, errs := parseExtensionList(v)
	c := chkExtensionsSyntax.at(side, line)
	if len(errs) == 0 {
		h.check(c, true, "extensions-syntax", Params{"count": len(offers)})
		return offers
	}
	msgs := make([]msg.Text, len(errs))
	for i, e := range errs {
		msgs[i] = atColumn(e.Column, msg.Text{ID: e.ID, Params: e.Params, Message: e.Message})
	}
	all := joinTexts(msgs)
	h.check(c, false, "extensions-syntax.invalid", Params{"value": v, "problems": all.Message, "problems_text": all})
	return offers
}

// checkResponse checks the server's answer as the client must (RFC 6455
// 4.1, the validation of the response, items 1 to 6; 4.2.2 item 5).
func (h *Handshake) checkResponse() {
	hd := h.Response
	if hd.StartLine > 0 {
		h.check(chkStatus101.at(Server, hd.StartLine), hd.Status == 101, "status-101", Params{"status": hd.Status, "reason": hd.Reason})
		h.checkVersion(hd, Server)
		if v, line, ok := hd.Get("Sec-WebSocket-Version"); ok && hd.Status != 101 {
			c := chkVersionRefused.at(Server, line)
			asked := ""
			if h.Request != nil {
				asked, _, _ = h.Request.Get("Sec-WebSocket-Version")
			}
			if asked == "" {
				h.check(c, false, "version-refused.none", Params{"versions": v})
			} else {
				h.check(c, false, "version-refused", Params{"asked": asked, "versions": v})
			}
		}
	}
	h.checkUpgrade(hd, Server)
	h.checkAccept()
	h.checkSubprotocol()
	h.checkExtensions()
}

// newAcceptSteps computes Sec-WebSocket-Accept for key step by step (RFC
// 6455 4.2.2 item 5.4), beside what the server sent.
func newAcceptSteps(key, received string) *AcceptSteps {
	sum := sha1Sum([]byte(key + webSocketGUID))
	return &AcceptSteps{Key: key, GUID: webSocketGUID, Concatenated: key + webSocketGUID,
		SHA1Hex: hex.EncodeToString(sum[:]), Base64: base64.StdEncoding.EncodeToString(sum[:]), Received: received}
}

// checkAccept checks Sec-WebSocket-Accept against the key (4.1 validation
// item 4; 4.2.2 item 5.4).
func (h *Handshake) checkAccept() {
	accepts := h.Response.values("Sec-WebSocket-Accept")
	c := chkAccept.at(Server, 0)
	if len(accepts) > 0 {
		h.Accept, c.Line = accepts[0].Value, accepts[0].Line
	}
	if h.Request == nil || h.Key == "" {
		h.problem(Server, c.Line, msg.New("hs.err.no-key", "the request's Sec-WebSocket-Key is missing, so Sec-WebSocket-Accept cannot be checked"))
		return
	}
	s := newAcceptSteps(h.Key, h.Accept)
	s.Match = s.Received == s.Base64 && len(accepts) == 1
	h.AcceptSteps, h.AcceptValid = s, s.Match
	switch {
	case len(accepts) == 0:
		h.check(c, false, "accept.missing", Params{"expected": s.Base64})
	case len(accepts) > 1:
		c.Line = accepts[1].Line
		h.check(c, false, "accept.repeated", Params{"count": len(accepts)})
	case !s.Match:
		h.check(c, false, "accept.wrong", Params{"accept": s.Received, "expected": s.Base64})
	default:
		h.check(c, true, "accept", Params{"accept": s.Received})
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
	c := chkSubprotocol.at(Server, line)
	offered := false
	for _, p := range h.Protocols {
		offered = offered || p == v
	}
	switch {
	case len(list(v)) != 1:
		h.check(c, false, "subprotocol-offered.not-one", Params{"value": v})
	case h.Request == nil:
		h.problem(Server, line, msg.New("hs.err.no-request", "the request is missing, so the subprotocol {protocol} cannot be checked against the offer", "protocol", strconv.Quote(v)))
	case len(h.Protocols) == 0:
		h.check(c, false, "subprotocol-offered.none-offered", Params{"value": v})
	default:
		h.check(c, offered, "subprotocol-offered", Params{"value": v, "offered": strings.Join(h.Protocols, ", ")})
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
		c := chkExtensionOffered.at(Server, line)
		var same []Offer
		for _, o := range h.Offered {
			if strings.EqualFold(o.Name, a.Name) {
				same = append(same, o)
			}
		}
		switch {
		case h.Request == nil:
		case len(h.Offered) == 0:
			h.check(c, false, "extension-offered.none-offered", Params{"extension": a.Name})
		default:
			h.check(c, len(same) > 0, "extension-offered", Params{"extension": a.Name, "offered": offerNames(h.Offered)})
		}
		if !isCompression(a.Name) {
			continue
		}
		problems := checkDeflateParams(a, true)
		if len(problems) == 0 && len(same) > 0 && strings.EqualFold(a.Name, extPerMessageDeflate) {
			problems = answerFits(a, same)
		}
		h.paramsCheck(chkExtensionParams.at(Server, line), a, problems)
	}
	h.Agreed, _ = agreedExtension(h.Answered) // its parameter problems are checked above
	var rsv1 []string
	for _, a := range h.Answered {
		if isCompression(a.Name) {
			rsv1 = append(rsv1, a.Name)
		}
	}
	if len(rsv1) > 1 {
		h.check(chkRSV1Conflict.at(Server, line), false, "extension-rsv1-conflict", Params{"extensions": strings.Join(rsv1, ", "), "used": h.Agreed.Name})
	}
}

// answerFits checks a permessage-deflate answer against the offers it may
// accept (RFC 7692 7.1.2.1, 7.1.2.2): client_max_window_bits only when
// offered, window bits no larger than offered. It returns nil when some
// offer fits.
func answerFits(a Offer, offers []Offer) []msg.Text {
	var why []msg.Text
	for _, o := range offers {
		var p []msg.Text
		if cp, ok := a.Param("client_max_window_bits"); ok {
			op, offered := o.Param("client_max_window_bits")
			switch {
			case !offered:
				p = append(p, msg.New("ext.fit.not-offered", "client_max_window_bits is answered, but the offer lacks it, so the client may not support it (RFC 7692 7.1.2.2)"))
			case op.HasValue && bitsOf(cp) > bitsOf(op):
				p = append(p, msg.New("ext.fit.more", "{param}={value} is more than the {offered} offered ({rfc})", "param", "client_max_window_bits", "value", cp.Value, "offered", op.Value, "rfc", "RFC 7692 7.1.2.2"))
			}
		}
		if sp, ok := a.Param("server_max_window_bits"); ok {
			if op, offered := o.Param("server_max_window_bits"); offered && bitsOf(sp) > bitsOf(op) {
				p = append(p, msg.New("ext.fit.more", "{param}={value} is more than the {offered} offered ({rfc})", "param", "server_max_window_bits", "value", sp.Value, "offered", op.Value, "rfc", "RFC 7692 7.1.2.1"))
			}
		}
		if len(p) == 0 {
			return nil
		}
		if len(offers) > 1 {
			p[0] = msg.New("ext.fit.against", "against the offer {offer}: {problem}", "offer", strconv.Quote(o.String()), "problem", p[0])
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
