package decoder

import "unicode/utf8"

// Preview returns a copy of r in which frame payloads and message data
// longer than n bytes are cut to n bytes and flagged payload_truncated or
// data_truncated. The page asks for it so that a capture's summary stays
// small; a frame's full payload is fetched when it is opened. r is not
// changed; the copy shares the bytes it keeps.
func Preview(r *Result, n int) *Result {
	if n <= 0 {
		return r
	}
	out := *r
	out.Frames = make([]Frame, len(r.Frames))
	copy(out.Frames, r.Frames)
	for i := range out.Frames {
		f := &out.Frames[i]
		if len(f.Payload) > n {
			f.Payload = f.Payload[:n]
			f.PayloadTruncated = true
		}
	}
	out.Messages = make([]Message, len(r.Messages))
	copy(out.Messages, r.Messages)
	out.Connections = make([]Connection, len(r.Connections))
	copy(out.Connections, r.Connections)
	for i := range out.Connections {
		out.Connections[i].App = out.Connections[i].App.Brief()
	}
	for i := range out.Messages {
		m := &out.Messages[i]
		if len(m.Data) > n {
			m.Data = m.Data[:n]
			m.DataTruncated = true
			if m.Text != nil {
				t := cutUTF8(*m.Text, n)
				m.Text = &t
			}
		}
	}
	return &out
}

// cutUTF8 cuts s to at most n bytes without splitting a character.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
