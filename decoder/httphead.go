package decoder

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/internal/msg"
	"github.com/wsframe/wsframe/paste"
)

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

// parseHead reads a head: an optional start line, then header lines up to
// the first empty line. It accepts \n as well as \r\n, folded lines
// (obs-fold, RFC 7230 3.2.4) and space around the colon.
func (h *Handshake) parseHead(b []byte, side Side) *HTTPHead {
	hd := &HTTPHead{Headers: []Header{}}
	// A folded value is gathered in fold and stored when its header ends,
	// so that many folds cost time linear in their length.
	var fold strings.Builder
	folding := false
	endFold := func() {
		if folding {
			hd.Headers[len(hd.Headers)-1].Value = fold.String()
			fold.Reset()
			folding = false
		}
	}
	first := true
	for n := 1; len(b) > 0; n++ {
		var raw []byte
		raw, b, _ = bytes.Cut(b, []byte("\n"))
		line := strings.TrimRight(string(raw), "\r")
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
			if !folding {
				fold.WriteString(hd.Headers[len(hd.Headers)-1].Value)
				folding = true
			}
			if fold.Len() > 0 {
				fold.WriteByte(' ')
			}
			fold.WriteString(strings.TrimSpace(line))
			continue
		}
		endFold()
		name, value, ok := strings.Cut(line, ":")
		name = strings.TrimSpace(name)
		if !ok || !paste.IsToken(name) {
			h.problem(side, n, msg.New("hs.err.header", "{line} is not a header line: expected \"Name: value\"", "line", strconv.Quote(clip(line))))
			continue
		}
		hd.Headers = append(hd.Headers, Header{Name: name, Value: strings.TrimSpace(value), Line: n})
	}
	endFold()
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
			h.problem(side, n, msg.New("hs.err.status", "the status line {line} has no status code", "line", strconv.Quote(clip(line))))
			return true
		}
		code, err := strconv.Atoi(f[1])
		if err != nil || len(f[1]) != 3 {
			h.problem(side, n, msg.New("hs.err.code", "the status code {code} is not 3 digits", "code", strconv.Quote(clip(f[1]))))
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
			h.problem(side, n, msg.New("hs.err.request", "the request line {line} should be \"METHOD target HTTP/1.1\"", "line", strconv.Quote(clip(line))))
		}
		return true
	}
	if side == Server {
		h.problem(side, n, msg.New("hs.err.no-status-line", "no status line (HTTP/1.1 101 Switching Protocols): the head starts with headers, as DevTools' parsed view shows them; what the start line says is not checked"))
	} else {
		h.problem(side, n, msg.New("hs.err.no-request-line", "no request line (GET /path HTTP/1.1): the head starts with headers, as DevTools' parsed view shows them; what the start line says is not checked"))
	}
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
