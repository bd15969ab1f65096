package paste

import (
	"bytes"
	"strings"
)

// SplitHandshake separates pasted HTTP handshake text (a request, a response or
// both, as copied from Wireshark's Follow TCP Stream, DevTools or curl -v)
// from what follows it. rest starts at byte restOffset of text. When text
// has no handshake, request and response are nil and rest is text.
//
// Wireshark's text and DevTools' raw view are taken as they are; curl's
// "> " and "< " prefixes are removed and its "*", "{" and "}" lines
// skipped; DevTools' parsed view ("Name: value" lines, or the name and the
// value on lines of their own, under "Request Headers" and "Response
// Headers") is rewritten as header lines without a start line.
func SplitHandshake(text []byte) (request, response, rest []byte, restOffset int) {
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
scan:
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
				break scan // the empty line after untitled headers ends them
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
	return IsToken(name) && (name[0] >= 'A' && name[0] <= 'Z' || name[0] >= 'a' && name[0] <= 'z')
}

// IsToken reports whether s is a token (RFC 2616 2.2): one or more token
// characters.
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !IsTokenChar(s[i]) {
			return false
		}
	}
	return true
}

// IsTokenChar reports whether c may appear in a token (RFC 2616 2.2): any
// visible ASCII character except the separators.
func IsTokenChar(c byte) bool {
	if c <= ' ' || c >= 0x7f {
		return false
	}
	return !strings.ContainsRune("()<>@,;:\\\"/[]?={}", rune(c))
}
