package har

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// requestText rebuilds the request head as HTTP/1.1 text, for
// decoder.ParseHandshake: the request line (method, the URL's path and
// query, version) and the headers in order.
func (hd *head) requestText() []byte {
	var b strings.Builder
	method := hd.method
	if method == "" {
		method = "GET"
	}
	b.WriteString(clean(method) + " " + clean(target(hd.url)) + " " + clean(version(hd.version)) + "\r\n")
	hd.writeHeaders(&b)
	return []byte(b.String())
}

// responseText rebuilds the response head: the status line and headers.
func (hd *head) responseText() []byte {
	var b strings.Builder
	b.WriteString(clean(version(hd.version)) + " " + strconv.FormatInt(hd.status, 10))
	if hd.statusText != "" {
		b.WriteString(" " + clean(hd.statusText))
	}
	b.WriteString("\r\n")
	hd.writeHeaders(&b)
	return []byte(b.String())
}

func (hd *head) writeHeaders(b *strings.Builder) {
	for _, h := range hd.headers {
		b.WriteString(clean(h[0]) + ": " + clean(h[1]) + "\r\n")
	}
	b.WriteString("\r\n")
}

// clean keeps a value from the file on its own line of the head.
func clean(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	// strings.NewReplacer would weigh 11 KB in the wasm.
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

// target returns the request-target of a URL: its path and query.
func target(url string) string {
	if i := strings.Index(url, "://"); i >= 0 {
		rest := url[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	if url == "" {
		return "/"
	}
	return url
}

// version returns the HTTP version a HAR gives, HTTP/1.1 when it gives
// none (some tools leave it empty for WebSocket entries).
func version(v string) string {
	if len(v) > 5 && strings.EqualFold(v[:5], "HTTP/") {
		return v
	}
	return "HTTP/1.1"
}

// decodeBase64 reads standard or URL-safe base64, padded or not.
func decodeBase64(b []byte) ([]byte, error) {
	s := strings.TrimRight(string(b), "=")
	enc := base64.RawStdEncoding
	if strings.ContainsAny(s, "-_") {
		enc = base64.RawURLEncoding
	}
	return enc.DecodeString(s)
}
