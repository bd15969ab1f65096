package decoder

import (
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/internal/measure"
	"github.com/wsframe/wsframe/paste"
)

// acceptFor computes Sec-WebSocket-Accept with the standard library's SHA-1,
// an oracle independent of the decoder's.
func acceptFor(key string) string {
	sum := sha1.Sum([]byte(key + webSocketGUID))
	return base64.StdEncoding.EncodeToString(sum[:])
}

func TestAcceptFor(t *testing.T) {
	for _, tt := range []struct{ name, key, want string }{
		{"6455 1.3 and 4.2.2 example", "dGhlIHNhbXBsZSBub25jZQ==", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="},
		{"seed article", "ByrM/ZMQsliJ3ARpSzF6lg==", "j+6fEtOsvfgsycBMCfLxWNzPFxk="},
	} {
		if got := acceptFor(tt.key); got != tt.want {
			t.Errorf("%s: AcceptFor(%q) = %q, want %q", tt.name, tt.key, got, tt.want)
		}
	}
}

// The seed article's handshake, as it printed it (\n line ends).
const (
	seedRequest = `GET / HTTP/1.1
Upgrade: websocket
Connection: upgrade
Host: 192.168.206.132:8080
Origin: http://192.168.206.132:8080
Sec-WebSocket-Key: ByrM/ZMQsliJ3ARpSzF6lg==
Sec-WebSocket-Version: 13
Sec-WebSocket-Extensions: x-webkit-deflate-frame

`
	seedResponse = `HTTP/1.1 101 Switching Protocols
Upgrade: websocket
Connection: Upgrade
Sec-WebSocket-Accept: j+6fEtOsvfgsycBMCfLxWNzPFxk=
Origin: http://192.168.206.132:8080

`
)

// rfcRequest and rfcResponse are the example of RFC 6455 1.2, with an
// extension offer added.
var (
	rfcRequest = crlf(`GET /chat HTTP/1.1
Host: server.example.com
Upgrade: websocket
Connection: Upgrade
Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
Origin: http://example.com
Sec-WebSocket-Protocol: chat, superchat
Sec-WebSocket-Version: 13
Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, permessage-deflate

`)
	rfcResponse = crlf(`HTTP/1.1 101 Switching Protocols
Upgrade: websocket
Connection: Upgrade
Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
Sec-WebSocket-Protocol: chat
Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10; server_no_context_takeover

`)
)

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func failed(h *Handshake) []string {
	var ids []string
	for _, c := range h.Checks {
		if !c.Passed {
			ids = append(ids, string(c.Side)+"/"+c.ID)
		}
	}
	return ids
}

func TestParseHandshakeSeed(t *testing.T) {
	h := ParseHandshake([]byte(seedRequest), []byte(seedResponse))
	if ids := failed(h); len(ids) > 0 {
		t.Errorf("failed checks %v: %+v", ids, h.Checks)
	}
	if h.Key != "ByrM/ZMQsliJ3ARpSzF6lg==" || h.Accept != "j+6fEtOsvfgsycBMCfLxWNzPFxk=" || !h.AcceptValid {
		t.Errorf("key %q accept %q valid %v", h.Key, h.Accept, h.AcceptValid)
	}
	if len(h.Offered) != 1 || h.Offered[0].Name != "x-webkit-deflate-frame" {
		t.Errorf("offered %+v", h.Offered)
	}
	if h.Negotiated() != nil || h.Extensions != "" {
		t.Errorf("the server answered no extension, but got %+v %q", h.Negotiated(), h.Extensions)
	}
	if h.Request.Method != "GET" || h.Request.Target != "/" || h.Response.Status != 101 || h.Response.Headers[3].Line != 5 {
		t.Errorf("heads %+v %+v", h.Request, h.Response)
	}
	s := h.AcceptSteps
	if s == nil || s.SHA1Hex != "8fee9f12d3acbdf82cc9c04c09f2f158dccf1719" || s.Concatenated != "ByrM/ZMQsliJ3ARpSzF6lg==258EAFA5-E914-47DA-95CA-C5AB0DC85B11" {
		t.Errorf("steps %+v", s)
	}
	// The contract's fields keep their names.
	b, _ := json.Marshal(h)
	for _, k := range []string{`"key":`, `"accept":`, `"accept_valid":true`} {
		if !bytes.Contains(b, []byte(k)) {
			t.Errorf("JSON lacks %s: %s", k, b)
		}
	}
}

func TestParseHandshakeRFC(t *testing.T) {
	h := ParseHandshake([]byte(rfcRequest), []byte(rfcResponse))
	if ids := failed(h); len(ids) > 0 {
		t.Errorf("failed checks %v: %+v", ids, h.Checks)
	}
	e := h.Negotiated()
	if e == nil || !e.PerMessage() || e.ClientMaxWindowBits != 10 || !e.ServerNoContextTakeover || e.ClientNoContextTakeover {
		t.Fatalf("negotiated %+v", e)
	}
	want := "permessage-deflate (RFC 7692): messages with RSV1 set are DEFLATE-compressed; messages from the server may be compressed (RSV1 set) with a window of 32 KiB; the window starts empty for each of them (server_no_context_takeover); " +
		"messages from the client may be compressed (RSV1 set) with a window of 1 KiB; the window is kept from one to the next"
	if e.Explanation != want {
		t.Errorf("explanation:\n got %s\nwant %s", e.Explanation, want)
	}
	if h.Subprotocol != "chat" || strings.Join(h.Protocols, ",") != "chat,superchat" || h.Extensions == "" {
		t.Errorf("subprotocol %q of %v, extensions %q", h.Subprotocol, h.Protocols, h.Extensions)
	}
}

// Each row breaks one rule; exactly that check fails.
func TestParseHandshakeFailures(t *testing.T) {
	for _, tt := range []struct {
		name, from, to string // replace from by to in the request+response
		want           string // side/id of the failed check
		message        string // part of its message
	}{
		{"6455 4.1 wrong accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "s3pPLMBiTxaQ9kYGzzhZRbK+xOp=", "server/accept", "but base64(SHA-1(key + GUID)) is s3pPLMBiTxaQ9kYGzzhZRbK+xOo="},
		{"6455 4.1 no Upgrade in the request", "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key", "Connection: Upgrade\r\nSec-WebSocket-Key", "client/upgrade-websocket", "no Upgrade header"},
		{"6455 4.1 no Upgrade in the response", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n", "HTTP/1.1 101 Switching Protocols\r\n", "server/upgrade-websocket", "no Upgrade header"},
		{"6455 4.1 Connection without the upgrade token", "Connection: Upgrade\r\nSec-WebSocket-Key", "Connection: keep-alive\r\nSec-WebSocket-Key", "client/connection-upgrade", `Connection is "keep-alive"`},
		{"6455 4.4 version 8", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8", "client/version-13", "Sec-WebSocket-Version is 8"},
		{"6455 4.1 key of 15 bytes", "dGhlIHNhbXBsZSBub25jZQ==", "dGhlIHNhbXBsZSBub25j", "client/key", "decodes to 15 bytes"},
		{"6455 4.1 key not base64", "dGhlIHNhbXBsZSBub25jZQ==", "not a key!", "client/key", "is not base64"},
		{"6455 4.1 a 200 instead of 101", "HTTP/1.1 101 Switching Protocols", "HTTP/1.1 200 OK", "server/status-101", "the status is 200 OK"},
		{"6455 4.1 method POST", "GET /chat", "POST /chat", "client/method-get", "the method is POST"},
		{"6455 4.1 HTTP/1.0", "GET /chat HTTP/1.1", "GET /chat HTTP/1.0", "client/http-version", "HTTP/1.0"},
		{"6455 4.1 no Host", "Host: server.example.com\r\n", "", "client/host", "no Host header"},
		{"6455 4.1 target without a slash", "GET /chat", "GET chat", "client/request-target", `"chat"`},
		{"6455 4.1 subprotocol not offered", "Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Extensions: permessage-deflate;", "Sec-WebSocket-Protocol: mqtt\r\nSec-WebSocket-Extensions: permessage-deflate;", "server/subprotocol-offered", `chose subprotocol "mqtt"; the client offered chat, superchat`},
		{"6455 4.1 extension not offered", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10; server_no_context_takeover\r\n", "Sec-WebSocket-Extensions: x-webkit-deflate-frame\r\n", "server/extension-offered", "the server answered x-webkit-deflate-frame; the client offered permessage-deflate, permessage-deflate"},
		{"7692 7.1 unknown parameter", "server_no_context_takeover\r\n", "server_no_context_takeover; mystery\r\n", "server/extension-params", `has no parameter "mystery"`},
		{"7692 7.1.2.1 window bits out of range", "client_max_window_bits=10", "client_max_window_bits=16", "server/extension-params", "from 8 to 15, not 16"},
		{"7692 6 two extensions that both use RSV1", "server_no_context_takeover\r\n", "server_no_context_takeover, permessage-deflate\r\n", "server/extension-rsv1-conflict", "only permessage-deflate is used"},
		{"7692 7.1.2.2 client_max_window_bits not offered", "permessage-deflate; client_max_window_bits, permessage-deflate\r\n", "permessage-deflate\r\n", "server/extension-params", "the offer lacks it"},
		{"6455 9.1 extension syntax", "server_no_context_takeover\r\n", "server_no_context_takeover; x=\"a b\"\r\n", "server/extensions-syntax", "must be a token once unquoted"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			all := rfcRequest + "|" + rfcResponse
			if !strings.Contains(all, tt.from) {
				t.Fatalf("test input lacks %q", tt.from)
			}
			req, resp, _ := strings.Cut(strings.Replace(all, tt.from, tt.to, 1), "|")
			// A server answers whatever key it got; only the key check may fail.
			key := ParseHandshake([]byte(req), nil).Key
			if tt.want != "server/accept" {
				resp = strings.Replace(resp, acceptFor("dGhlIHNhbXBsZSBub25jZQ=="), acceptFor(key), 1)
			}
			h := ParseHandshake([]byte(req), []byte(resp))
			ids := failed(h)
			if len(ids) != 1 || ids[0] != tt.want {
				t.Fatalf("failed checks %v, want [%s]: %+v", ids, tt.want, h.Checks)
			}
			for _, c := range h.Checks {
				if !c.Passed && !strings.Contains(c.Message, tt.message) {
					t.Errorf("message %q lacks %q", c.Message, tt.message)
				}
				if !c.Passed && c.Line == 0 && c.ID != "host" && c.ID != "upgrade-websocket" {
					t.Errorf("failed check %s has no line", c.ID)
				}
			}
		})
	}
}

func TestParseHandshakeTolerance(t *testing.T) {
	// Folded Upgrade, odd spaces, duplicate Connection headers combined,
	// bare \n, a broken line reported with its number.
	req := "\nGET /x HTTP/1.1\nHost:h\nUpgrade:\n  websocket\nConnection: keep-alive\nconnection : Upgrade\nthis is not a header\n" +
		"Sec-WebSocket-Key:   dGhlIHNhbXBsZSBub25jZQ==  \nSec-WebSocket-Version: 13\n\nafter the head"
	h := ParseHandshake([]byte(req), nil)
	if ids := failed(h); len(ids) > 0 {
		t.Errorf("failed checks %v: %+v", ids, h.Checks)
	}
	if len(h.Problems) != 1 || h.Problems[0].Line != 8 || !strings.Contains(h.Problems[0].Message, "not a header line") {
		t.Errorf("problems %+v", h.Problems)
	}
	if v, _, _ := h.Request.Get("connection"); v != "keep-alive, Upgrade" {
		t.Errorf("Connection combined = %q", v)
	}
	// A response alone: the accept cannot be checked, and says why.
	h = ParseHandshake(nil, []byte(rfcResponse))
	if h.AcceptValid || h.Accept == "" || len(h.Problems) == 0 || !strings.Contains(h.Problems[0].Message, "cannot be checked") {
		t.Errorf("response only: %+v", h)
	}
	// Nothing at all.
	h = ParseHandshake(nil, nil)
	if h.Checks == nil || len(h.Checks) != 0 || h.Negotiated() != nil {
		t.Errorf("empty: %+v", h)
	}
	// The server refuses the version (RFC 6455 4.4).
	h = ParseHandshake([]byte(strings.Replace(rfcRequest, "Version: 13", "Version: 25", 1)),
		[]byte("HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13, 8, 7\r\n\r\n"))
	var refused bool
	for _, c := range h.Checks {
		refused = refused || c.ID == "version-refused" && c.RFC == "6455 4.4" && strings.Contains(c.Message, "refused version 25")
	}
	if !refused {
		t.Errorf("426: %+v", h.Checks)
	}
}

const curlTrace = `*   Trying 127.0.0.1:8080...
* Connected to localhost (127.0.0.1) port 8080
> GET /chat HTTP/1.1
> Host: localhost:8080
> User-Agent: curl/8.5.0
> Accept: */*
> Connection: Upgrade
> Upgrade: websocket
> Sec-WebSocket-Version: 13
> Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
> 
< HTTP/1.1 101 Switching Protocols
< Upgrade: websocket
< Connection: Upgrade
< Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
< 
{ [14 bytes data]
81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64
`

const devToolsParsed = `General
Request URL:
ws://localhost:8080/chat
Request Method:
GET
Status Code:
101 Switching Protocols
Response Headers
Connection:
Upgrade
Sec-WebSocket-Accept:
s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
Upgrade:
websocket
Request Headers
Connection: Upgrade
Host: localhost:8080
Origin:
http://localhost:8080
Sec-WebSocket-Key:
dGhlIHNhbXBsZSBub25jZQ==
Sec-WebSocket-Version:
13
Upgrade:
websocket

00000000: 810c 4865 6c6c 6f2c 2077 6f72 6c64       ..Hello, world
`

func TestSplitPaste(t *testing.T) {
	follow := seedRequest + seedResponse + "\x81\x0cHello, world"
	for _, tt := range []struct {
		name, text string
		rest       string
		wantFail   []string
	}{
		{"Wireshark Follow TCP Stream", follow, "\x81\x0cHello, world", nil},
		{"Follow TCP Stream with CRLF", crlf(rfcRequest) + rfcResponse + "810c", "810c", nil},
		{"curl -v", curlTrace, "81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64\n", nil},
		{"DevTools parsed view", devToolsParsed, "00000000: 810c 4865 6c6c 6f2c 2077 6f72 6c64       ..Hello, world\n", nil},
		{"DevTools response headers only", "Connection: Upgrade\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\nUpgrade: websocket\n\n810c", "810c", nil},
		{"response then request, as DevTools' raw views stack them", seedResponse + seedRequest + "810c", "810c", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, resp, rest, off := paste.SplitHandshake([]byte(tt.text))
			if string(rest) != tt.rest || tt.text[off:] != tt.rest {
				t.Fatalf("rest %q at %d, want %q", rest, off, tt.rest)
			}
			h := ParseHandshake(req, resp)
			if ids := failed(h); len(ids) > 0 {
				t.Errorf("failed checks %v\nrequest %q\nresponse %q", ids, req, resp)
			}
			if resp != nil && h.Key != "" && !h.AcceptValid {
				t.Errorf("accept not valid: %+v", h.AcceptSteps)
			}
		})
	}
	for _, text := range []string{"", "81 0c 48 65", "00000000: 810c 4865  ..He\n", "Frame 1: 60 bytes on wire\n", "Date: today\n\n81"} {
		req, resp, rest, off := paste.SplitHandshake([]byte(text))
		if req != nil || resp != nil || string(rest) != text || off != 0 {
			t.Errorf("paste.SplitHandshake(%q) = %q, %q, %q, %d; want no handshake", text, req, resp, rest, off)
		}
	}
}

func FuzzHandshake(f *testing.F) {
	f.Add([]byte(seedRequest), []byte(seedResponse))
	f.Add([]byte(rfcRequest), []byte(rfcResponse))
	f.Add([]byte(curlTrace), []byte(devToolsParsed))
	f.Add([]byte("GET\n"), []byte("HTTP/1.1\n:\n \n"))
	f.Fuzz(func(t *testing.T, req, resp []byte) {
		h := ParseHandshake(req, resp)
		if _, err := json.Marshal(h); err != nil {
			t.Fatal(err)
		}
		for _, c := range h.Checks {
			if c.ID == "" || c.RFC == "" || c.Message == "" {
				t.Fatalf("check without id, section or message: %+v", c)
			}
		}
		r1, r2, rest, off := paste.SplitHandshake(req)
		if off < 0 || off > len(req) || !bytes.Equal(rest, req[off:]) {
			t.Fatalf("rest at %d of %d does not match", off, len(req))
		}
		ParseHandshake(r1, r2)
	})
}

// FuzzParseHead: any head parses without panic; every header sits on a
// line the head has, in order, after the start line; names are tokens;
// problems are placed on real lines.
func FuzzParseHead(f *testing.F) {
	for _, s := range []string{seedRequest, seedResponse, rfcRequest, rfcResponse, curlTrace, devToolsParsed} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, head []byte, server bool) {
		side := Client
		if server {
			side = Server
		}
		h := &Handshake{}
		hd := h.parseHead(head, side)
		lines := bytes.Count(head, []byte("\n")) + 1
		prev := hd.StartLine
		if prev < 0 || prev > lines {
			t.Fatalf("start line %d of %d", prev, lines)
		}
		for _, x := range hd.Headers {
			if x.Line <= prev || x.Line > lines {
				t.Fatalf("header %q on line %d (after line %d, of %d)", x.Name, x.Line, prev, lines)
			}
			if !paste.IsToken(x.Name) {
				t.Fatalf("header name %q is not a token", x.Name)
			}
			if strings.TrimSpace(x.Value) != x.Value {
				t.Fatalf("value %q keeps white space around it", x.Value)
			}
			prev = x.Line
		}
		for _, p := range h.Problems {
			if p.Line < 0 || p.Line > lines || p.Message == "" || p.Side != side {
				t.Fatalf("problem out of place: %+v (%d lines)", p, lines)
			}
		}
	})
}

// TestFoldedHeaderIsLinear: a value folded over many lines (obs-fold, RFC
// 7230 3.2.4) costs memory linear in the input: twice the folds allocate
// at most about twice the bytes.
func TestFoldedHeaderIsLinear(t *testing.T) {
	head := func(folds int) []byte {
		b := []byte("GET / HTTP/1.1\r\nHost: h\r\nX-Long: start\r\n")
		for range folds {
			b = append(b, " more\r\n"...)
		}
		return append(b, "Upgrade: websocket\r\n\r\n"...)
	}
	allocated := func(in []byte) uint64 {
		var h *Handshake
		alloc, _ := measure.Allocs(func() { h = ParseHandshake(in, nil) })
		if v, _, _ := h.Request.Get("X-Long"); !strings.HasSuffix(v, " more more") {
			t.Fatalf("folded value %.40q...", v)
		}
		return alloc
	}
	small, large := allocated(head(20000)), allocated(head(40000))
	if large > small*5/2 {
		t.Errorf("20,000 folds allocate %d bytes, 40,000 allocate %d: more than twice", small, large)
	}
}

// TestEveryCheckMessage walks the handshake check table: every check id
// and every message id is raised by some input, and each message is its
// template rendered from the check's params.
func TestEveryCheckMessage(t *testing.T) {
	all := rfcRequest + "|" + rfcResponse
	seen := map[string]bool{}
	for _, m := range [][2]string{
		{"", ""},
		{"GET /chat HTTP/1.1", "GET /chat HTTP/x"}, {"GET /chat", "GET chat"}, {"GET /chat", "GET /chat#x"},
		{"Host: server.example.com\r\n", ""}, {"Host: server.example.com\r\n", "Host: a\r\nHost: b\r\n"},
		{"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key", "Sec-WebSocket-Key"},
		{"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", ""}, {"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "Sec-WebSocket-Key: a\r\nSec-WebSocket-Key: b\r\n"},
		{"dGhlIHNhbXBsZSBub25jZQ==", "not a key!"}, {"dGhlIHNhbXBsZSBub25jZQ==", "dGhlIHNhbXBsZSBub25j"},
		{"Sec-WebSocket-Version: 13\r\n", ""}, {"Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"},
		{"client_max_window_bits=10", "client_max_window_bits=16"}, {"server_no_context_takeover\r\n", "server_no_context_takeover; x=\"a b\"\r\n"},
		{"HTTP/1.1 101 Switching Protocols\r\n", "HTTP/1.1 400 Bad Request\r\nSec-WebSocket-Version: 13\r\n"},
		{"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", ""},
		{"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", "Sec-WebSocket-Accept: a\r\nSec-WebSocket-Accept: b\r\n"},
		{"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "s3pPLMBiTxaQ9kYGzzhZRbK+xOp="},
		{"Sec-WebSocket-Protocol: chat\r\n", "Sec-WebSocket-Protocol: chat, superchat\r\n"},
		{"Sec-WebSocket-Protocol: chat, superchat\r\n", ""},
		{"server_no_context_takeover\r\n", "server_no_context_takeover, x-webkit-deflate-frame\r\n"},
	} {
		if !strings.Contains(all, m[0]) {
			t.Fatalf("the RFC's handshake lacks %q", m[0])
		}
		req, resp, _ := strings.Cut(strings.Replace(all, m[0], m[1], 1), "|")
		h := ParseHandshake([]byte(req), []byte(resp))
		for _, c := range h.Checks {
			seen[c.ID], seen[c.MessageID] = true, true
			tmpl, ok := checkMessages[c.MessageID]
			if !ok || !strings.HasPrefix(c.MessageID, c.ID) {
				t.Errorf("check %s: message id %q is not one of its messages", c.ID, c.MessageID)
			}
			if got := render(tmpl, c.Params); got != c.Message || strings.Contains(got, "{") {
				t.Errorf("check %s: id + params render %q, the message is %q", c.ID, got, c.Message)
			}
		}
	}
	for _, r := range handshakeCheckRules {
		if !seen[r.ID] {
			t.Errorf("no input raises check %s", r.ID)
		}
	}
	for id := range checkMessages {
		if !seen[id] {
			t.Errorf("no input raises the message %s", id)
		}
	}
}
