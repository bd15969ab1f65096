package capture

import (
	"bytes"

	"github.com/wsframe/wsframe/decoder"
)

// Bounds on what is held while a connection is being recognised.
const (
	maxHead    = 64 << 10 // an HTTP head, or the first bytes tried as frames
	maxPending = 1 << 20  // bytes after the upgrade request before the answer
)

// detect takes the next in-order bytes of h while its connection is not yet
// known to carry WebSocket, and decides, per RFC 6455 section 4:
//
//  1. a head starting "GET " is an upgrade request when it has an Upgrade
//     header naming websocket; its sender is the client;
//  2. a head starting "HTTP/" answering with status 101 opens the
//     connection, with the request if it was seen;
//  3. other bytes that read as whole frames (decoder.Plausible) open it as
//     a capture begun after the handshake;
//
// and anything else (another HTTP request or answer, or bytes that still do
// not read as frames after maxHead) makes the connection ignored.
func (c *conn) detect(h *half, p []byte, at decoder.Mark) {
	if h.head >= 0 {
		// The request is in; hold what the client sends before the answer.
		if len(h.acc)+len(p) > h.head+maxPending {
			c.ignore()
			return
		}
		h.acc = append(h.acc, p...)
		h.accMark = at
		return
	}
	from := max(0, len(h.acc)-3) // where to look for the end of a head
	h.acc = append(h.acc, p...)
	h.accMark = at
	if !h.afterGap && looksHTTP(h.acc) {
		end := bytes.Index(h.acc[from:], []byte("\r\n\r\n"))
		if end < 0 {
			if len(h.acc) > maxHead {
				c.ignore()
			}
			return
		}
		h.head = from + end + 4
		head := h.acc[:h.head]
		switch {
		case c.state == stateAnswered && h.d == c.client:
			c.open(c.client, at)
		case c.state == stateDetect && isUpgradeRequest(head):
			c.state, c.client = stateRequested, h.d
		case isSwitching(head) && c.state == stateDetect && c.half[1-h.d].mayBeRequest():
			// The answer came first in the capture: wait for the request.
			c.state, c.client = stateAnswered, 1-h.d
			c.r.open = append(c.r.open, c)
		case isSwitching(head) && (c.state == stateDetect || c.client != h.d):
			c.open(1-h.d, at)
		default:
			c.ignore()
		}
		return
	}
	if c.state == stateAnswered {
		// The server agreed; the client's request is not in the capture.
		c.open(c.client, at)
		return
	}
	// Frames, when the handshake was not captured.
	switch {
	case canStartFrame(h.acc) && decoder.Plausible(h.acc, ""):
		c.openMidStream(h, at)
	case len(h.acc) > len(p) && canStartFrame(p) && decoder.Plausible(p, ""):
		// The bytes before p did not read as frames, perhaps because the
		// capture began inside a frame; p starts a run of frames.
		h.acc = append(h.acc[:0], p...)
		h.accBase = h.offset()
		h.gapped = true
		c.openMidStream(h, at)
	case !canStartFrame(h.acc):
		// These bytes can never read as frames from their start: hold
		// none of them, and try each new piece on its own.
		h.acc = h.acc[:0]
		h.accBase = h.offset() + int64(len(p))
		h.tried += len(p)
		if h.tried > maxHead {
			c.ignore()
		}
	case len(h.acc) > maxHead:
		c.ignore()
	}
}

// canStartFrame reports whether b can be the start of a frame that a real
// peer sends: one that keeps the header rules of RFC 6455 section 5.2, as
// decoder.CanStartFrame judges them. An empty continuation frame (00 00)
// is taken as another protocol's zeros.
func canStartFrame(b []byte) bool {
	if len(b) >= 2 && b[0] == 0 && b[1] == 0 {
		return false
	}
	return decoder.CanStartFrame(b, "")
}

// mayBeRequest reports whether an upgrade request may still come on h:
// nothing has come yet, or the start of an HTTP head.
func (h *half) mayBeRequest() bool {
	return h.head < 0 && !h.afterGap && (len(h.acc) == 0 && h.offset() == 0 || looksHTTP(h.acc))
}

// openMidStream opens a connection whose handshake was not captured, after
// the bytes of h read as frames: masked frames come from the client. When
// the masks do not say, the end with the lower port is taken as the server.
func (c *conn) openMidStream(h *half, at decoder.Mark) {
	client := c.client
	if c.state == stateDetect {
		switch {
		case decoder.Plausible(h.acc, decoder.Client):
			client = h.d
		case decoder.Plausible(h.acc, decoder.Server):
			client = 1 - h.d
		default:
			client = 1 // key.a, the lesser endpoint, is the server...
			if c.key.a.port > c.key.b.port {
				client = 0 // ...unless its port is the higher one
			}
		}
	}
	h.gapped = true
	c.open(client, at)
}

// open starts decoding both directions of c, whose client sends half[client].
func (c *conn) open(client int, at decoder.Mark) {
	r := c.r
	if c.state != stateAnswered {
		r.open = append(r.open, c)
	}
	c.state, c.client = stateOpen, client
	cli, srv := &c.half[client], &c.half[1-client]
	var req, resp []byte
	if cli.head >= 0 {
		req = cli.acc[:cli.head]
	}
	if srv.head >= 0 {
		resp = srv.acc[:srv.head]
	}
	conn := decoder.Connection{Client: c.key.endpoint(client).String(), Server: c.key.endpoint(1 - client).String()}
	var ext *decoder.Extension
	if req != nil || resp != nil {
		conn.Handshake = decoder.ParseHandshake(req, resp)
		ext = conn.Handshake.Negotiated()
	}
	c.id = r.s.AddConnection(conn)
	if c.tls != nil {
		c.tls.opened()
	}
	for d := range c.half {
		h := &c.half[d]
		h.side = decoder.Server
		if d == client {
			h.side = decoder.Client
		}
		base, pending := h.accBase, h.acc
		if h.head >= 0 {
			base += int64(h.head)
			pending = h.acc[h.head:]
		}
		h.st = r.s.NewStream(c.id, h.side, ext, base)
		reread := c.tls != nil && c.tls.attach(d, h.st)
		if h.head < 0 || h.gapped {
			h.st.MidStream()
			r.s.Connection(c.id).MidStream = true
		}
		if len(pending) > 0 {
			at := h.accMark
			at.Src = -1 // copied while the connection was recognised
			if reread {
				at.Src = decoder.SrcReread // decrypted: made again from the file
			}
			h.st.Write(pending, at)
		}
		h.acc = nil
	}
}

// endpoint returns the sender of half d.
func (k flowKey) endpoint(d int) endpoint {
	if d == 0 {
		return k.a
	}
	return k.b
}

// looksHTTP reports whether b starts, or could start, an HTTP request line
// "GET " or a status line "HTTP/".
func looksHTTP(b []byte) bool {
	return hasPrefixOrIs(b, "GET ") || hasPrefixOrIs(b, "HTTP/")
}

// hasPrefixOrIs reports whether b starts with prefix, or is a start of it.
func hasPrefixOrIs(b []byte, prefix string) bool {
	n := min(len(b), len(prefix))
	return n > 0 && string(b[:n]) == prefix[:n]
}

// isUpgradeRequest reports whether head is a GET request asking to upgrade
// to WebSocket (RFC 6455 section 4.1): an Upgrade header whose value names
// websocket, in any case.
func isUpgradeRequest(head []byte) bool {
	return bytes.HasPrefix(head, []byte("GET ")) && headerHas(head, "upgrade", "websocket")
}

// isSwitching reports whether head is an HTTP answer with status 101
// (RFC 6455 section 4.2.2).
func isSwitching(head []byte) bool {
	sp := bytes.IndexByte(head, ' ')
	return bytes.HasPrefix(head, []byte("HTTP/1.")) && sp > 0 && bytes.HasPrefix(head[sp+1:], []byte("101"))
}

// headerHas reports whether head has a header field name (in any case)
// whose comma-separated value list holds token (in any case).
func headerHas(head []byte, name, token string) bool {
	lines := head
	for len(lines) > 0 {
		var line []byte
		i := bytes.IndexByte(lines, '\n')
		if i < 0 {
			line, lines = lines, nil
		} else {
			line, lines = lines[:i], lines[i+1:]
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 0 || !bytes.EqualFold(bytes.TrimSpace(line[:colon]), []byte(name)) {
			continue
		}
		for v := range bytes.SplitSeq(line[colon+1:], []byte(",")) {
			if bytes.EqualFold(bytes.TrimSpace(v), []byte(token)) {
				return true
			}
		}
	}
	return false
}
