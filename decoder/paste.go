package decoder

import (
	"bytes"
	"strings"
)

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
	lines := pasteLines(text)
	i := 0
	for i < len(lines) && lines[i].blank() {
		i++
	}
	if i == len(lines) {
		return nil, nil, text, 0
	}
	switch first := lines[i].s; {
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
	if i >= len(lines) {
		return request, response, text[len(text):], len(text)
	}
	return request, response, text[lines[i].start:], lines[i].start
}

// pasteLine is one line of pasted text: its text without the line end, and
// the offset of its first byte.
type pasteLine struct {
	s     string
	start int
}

func (l pasteLine) blank() bool { return strings.TrimSpace(l.s) == "" }

func pasteLines(text []byte) []pasteLine {
	var out []pasteLine
	for start := 0; start < len(text); {
		end := bytes.IndexByte(text[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end, next = len(text)-start, len(text)
		}
		out = append(out, pasteLine{s: strings.TrimRight(string(text[start:start+end]), "\r"), start: start})
		start = next
	}
	return out
}

// isRequestLine reports whether s looks like "GET /path HTTP/1.1".
func isRequestLine(s string) bool {
	f := strings.Fields(s)
	return len(f) == 3 && strings.HasPrefix(f[2], "HTTP/") && strings.IndexFunc(f[0], func(r rune) bool { return r < 'A' || r > 'Z' }) < 0
}

// splitRaw takes up to two heads as they are, each ending at an empty
// line: Wireshark's Follow TCP Stream and DevTools' raw view.
func splitRaw(text []byte, lines []pasteLine, i int) (request, response []byte, next int) {
	for heads := 0; heads < 2 && i < len(lines); heads++ {
		first := lines[i].s
		isReq := isRequestLine(first)
		if !isReq && !strings.HasPrefix(first, "HTTP/") || isReq && request != nil || !isReq && response != nil {
			break
		}
		start := lines[i].start
		for i < len(lines) && !lines[i].blank() {
			i++
		}
		if i < len(lines) {
			i++ // the empty line ends the head
		}
		end := len(text)
		if i < len(lines) {
			end = lines[i].start
		}
		if isReq {
			request = text[start:end]
		} else {
			response = text[start:end]
		}
		// Between the heads, a pasted text may have more empty lines.
		j := i
		for j < len(lines) && lines[j].blank() {
			j++
		}
		if j < len(lines) && (isRequestLine(lines[j].s) || strings.HasPrefix(lines[j].s, "HTTP/")) {
			i = j
		}
	}
	return request, response, i
}

// splitCurl reads curl -v's trace: "> " request lines, "< " response
// lines, "*" notes and "{ [5 bytes data]" markers.
func splitCurl(lines []pasteLine, i int) (request, response []byte, next int) {
	var req, resp []byte
	for ; i < len(lines); i++ {
		s := lines[i].s
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
func splitDevTools(lines []pasteLine, i int) (request, response []byte, next int) {
	var req, resp, untitled []byte
	var section *[]byte
	titled, general := false, false
	for ; i < len(lines); i++ {
		s := strings.TrimSpace(lines[i].s)
		if general && !devToolsTitle(s) {
			// "Request URL: ws://..." and the like: names with spaces, skipped.
			if name, value, ok := strings.Cut(s, ":"); ok && name != "" {
				if strings.TrimSpace(value) == "" && i+1 < len(lines) && !devToolsTitle(strings.TrimSpace(lines[i+1].s)) {
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
		if value == "" && i+1 < len(lines) && !looksLikeHeader(lines[i+1].s) {
			i++
			value = strings.TrimSpace(lines[i].s)
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
