package reading

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/internal/msg"
)

// STOMP 1.0, 1.1 and 1.2 (stomp.github.io): frames of a command line,
// header lines, an empty line and a body ended by NUL; a lone end of line
// is a heart-beat. A message may hold several frames.

var stompCommands = []string{"CONNECT", "STOMP", "CONNECTED", "SEND", "SUBSCRIBE", "UNSUBSCRIBE",
	"ACK", "NACK", "BEGIN", "COMMIT", "ABORT", "DISCONNECT", "MESSAGE", "RECEIPT", "ERROR"}

// looksSTOMP reports whether b starts with a STOMP command line.
func looksSTOMP(b []byte) bool {
	i := bytes.IndexByte(b, '\n')
	if i < 0 || b[len(b)-1] != 0 && b[len(b)-1] != '\n' {
		return false
	}
	line := string(bytes.TrimSuffix(b[:i], []byte("\r")))
	for _, c := range stompCommands {
		if line == c {
			return true
		}
	}
	return false
}

func readSTOMP(b []byte) *Reading {
	r := &Reading{Protocol: "stomp"}
	var t tree
	var sums []string
	p := 0
	for p < len(b) && r.Error == nil {
		if b[p] == '\n' || b[p] == '\r' && p+1 < len(b) && b[p+1] == '\n' {
			n := 1 // "\n", or "\r\n"
			if b[p] == '\r' {
				n = 2
			}
			r.Fields = t.add(r.Fields, Field{Name: "heart-beat", Start: p, End: p + n})
			if len(sums) == 0 || sums[len(sums)-1] != "heart-beat" {
				sums = append(sums, "heart-beat")
			}
			p += n
			continue
		}
		f, sum, q, err := stompFrame(b, p, &t)
		r.Fields = t.add(r.Fields, f)
		sums = append(sums, sum)
		r.Error = err
		p = q
	}
	r.Cut = t.cut
	// The frames' summaries as they are (values of the input), then the error said.
	l := line{parts: []msg.Text{{Message: strings.Join(sums, "; ")}}}
	l.withError(r.Error)
	l.set(r)
	return r
}

// stompFrame reads one frame at p.
func stompFrame(b []byte, p int, t *tree) (Field, string, int, *Error) {
	f := Field{Name: "frame", Start: p, End: len(b)}
	line, q, ok := stompLine(b, p)
	if !ok {
		return f, "", len(b), errAt(p, msg.New("rd.stomp.command-eol", "the command line has no end of line"))
	}
	f.Fields = t.add(f.Fields, Field{Name: "command", Start: p, End: p + len(line), Value: line})
	f.Name = line
	known := false
	for _, c := range stompCommands {
		known = known || c == line
	}
	if !known {
		return f, line, len(b), errAt(p, msg.New("rd.stomp.command", "unknown STOMP command {command}", "command", quote(line)))
	}
	// Headers; the first of a repeated header wins (STOMP 1.2).
	headers := map[string]string{}
	var order []string
	for {
		hs := q
		var h string
		h, q, ok = stompLine(b, q)
		if !ok {
			return f, line, len(b), errAt(hs, msg.New("rd.stomp.header-eol", "a header line has no end of line"))
		}
		if h == "" {
			break
		}
		k, v, found := strings.Cut(h, ":")
		if !found {
			return f, line, len(b), errAt(hs, msg.New("rd.stomp.colon", "header line {line} has no colon", "line", quote(h)))
		}
		k, v = stompUnescape(k), stompUnescape(v)
		if _, dup := headers[k]; !dup {
			headers[k] = v
			order = append(order, k)
		}
		f.Fields = t.add(f.Fields, Field{Name: k, Start: hs, End: hs + len(h), Value: v})
	}
	// The body: content-length bytes, or up to the first NUL.
	var body []byte
	if cl, has := headers["content-length"]; has {
		n, err := strconv.Atoi(strings.TrimSpace(cl))
		if err != nil || n < 0 {
			return f, line, len(b), errAt(q, msg.New("rd.stomp.length", "content-length {value} is not a length", "value", quote(cl)))
		}
		if n > len(b)-q {
			return f, line, len(b), errAt(q, msg.New("rd.stomp.follow", "content-length {value}, but {left} follow", "value", cl, "left", byteCount(len(b)-q)))
		}
		body = b[q : q+n]
		if q+n >= len(b) || b[q+n] != 0 {
			return f, line, len(b), errAt(q+n, msg.New("rd.stomp.nul-after", "no NUL after the body's content-length bytes"))
		}
	} else {
		i := bytes.IndexByte(b[q:], 0)
		if i < 0 {
			return f, line, len(b), errAt(len(b), msg.New("rd.stomp.nul", "the frame has no closing NUL"))
		}
		body = b[q : q+i]
	}
	if len(body) > 0 {
		f.Fields = t.add(f.Fields, Field{Name: "body", Start: q, End: q + len(body), Value: quote(string(body))})
	}
	end := q + len(body)
	f.Fields = t.add(f.Fields, Field{Name: "NUL", Start: end, End: end + 1})
	end++
	f.End = end
	// A summary: the command and its most telling headers.
	sum := line
	for _, k := range []string{"destination", "version", "accept-version", "id", "subscription", "receipt-id", "message"} {
		if v, ok := headers[k]; ok {
			if k == "destination" || k == "message" {
				sum += " " + v
			} else {
				sum += " " + k + "=" + v
			}
		}
	}
	if len(body) > 0 {
		sum += ": " + string(body)
	}
	return f, sum, end, nil
}

// stompLine returns the line at p without its end of line (LF or CRLF)
// and the offset past it.
func stompLine(b []byte, p int) (string, int, bool) {
	i := bytes.IndexByte(b[p:], '\n')
	if i < 0 {
		return "", len(b), false
	}
	line := b[p : p+i]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return string(line), p + i + 1, true
}

// stompUnescape undoes STOMP 1.2's header escapes: \r \n \c \\.
func stompUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				out.WriteByte('\n')
			case 'r':
				out.WriteByte('\r')
			case 'c':
				out.WriteByte(':')
			default:
				out.WriteByte(s[i])
			}
			continue
		}
		out.WriteByte(s[i])
	}
	return out.String()
}
