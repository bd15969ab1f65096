package decoder

import (
	"strconv"
	"strings"
)

// SocketIO reads a text message as the Engine.IO and Socket.IO protocols
// put it on a WebSocket: an Engine.IO packet type digit, and inside an
// Engine.IO "message" a Socket.IO packet (type digit, optional attachment
// count, namespace, acknowledgement id, JSON data). The seed article's
// author wondered what Socket.IO sends; this answers it.
type SocketIO struct {
	EngineType int    `json:"engine_type"`
	Engine     string `json:"engine"` // open, close, ping, pong, message, upgrade, noop
	// The Socket.IO packet, inside an Engine.IO message.
	Type        *int   `json:"type,omitempty"`
	Packet      string `json:"packet,omitempty"` // CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK
	Attachments int    `json:"attachments,omitempty"`
	Namespace   string `json:"namespace,omitempty"`
	AckID       *int   `json:"ack_id,omitempty"`
	// Event is the event name of an EVENT packet: the first element of its data.
	Event string `json:"event,omitempty"`
	// Data is the rest, as sent (JSON, or "probe" in Engine.IO's upgrade).
	Data string `json:"data,omitempty"`
}

var (
	engineNames = []string{"open", "close", "ping", "pong", "message", "upgrade", "noop"}
	socketNames = []string{"CONNECT", "DISCONNECT", "EVENT", "ACK", "CONNECT_ERROR", "BINARY_EVENT", "BINARY_ACK"}
)

// isSocketIO reports whether a handshake's request asks for Socket.IO: its
// target is /socket.io/ or carries the Engine.IO version parameter.
func isSocketIO(h *Handshake) bool {
	if h == nil || h.Request == nil {
		return false
	}
	t := h.Request.Target
	return strings.Contains(t, "/socket.io/") || strings.Contains(t, "EIO=")
}

// ParseSocketIO reads one text message as Engine.IO (and Socket.IO) packet,
// or returns nil when it does not read as one.
func ParseSocketIO(text string) *SocketIO {
	if text == "" || text[0] < '0' || int(text[0]-'0') >= len(engineNames) {
		return nil
	}
	p := &SocketIO{EngineType: int(text[0] - '0'), Engine: engineNames[text[0]-'0']}
	rest := text[1:]
	if p.EngineType != 4 || rest == "" || rest[0] < '0' || int(rest[0]-'0') >= len(socketNames) {
		p.Data = rest
		return p
	}
	t := int(rest[0] - '0')
	p.Type, p.Packet = &t, socketNames[t]
	rest = rest[1:]
	if t == 5 || t == 6 { // binary packets count their attachments: 451-["x",{...}]
		if i := strings.IndexByte(rest, '-'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				p.Attachments, rest = n, rest[i+1:]
			}
		}
	}
	if strings.HasPrefix(rest, "/") {
		i := strings.IndexByte(rest, ',')
		if i < 0 {
			p.Namespace, rest = rest, ""
		} else {
			p.Namespace, rest = rest[:i], rest[i+1:]
		}
	}
	digits := 0
	for digits < len(rest) && digits < 10 && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	if digits > 0 {
		id, _ := strconv.Atoi(rest[:digits])
		p.AckID, rest = &id, rest[digits:]
	}
	p.Data = rest
	if (t == 2 || t == 5) && strings.HasPrefix(rest, `["`) {
		if end := strings.Index(rest[2:], `"`); end >= 0 {
			p.Event = rest[2 : 2+end]
		}
	}
	return p
}

// annotateSocketIO reads the text messages of Socket.IO connections (and of
// a pasted Socket.IO handshake) as Engine.IO and Socket.IO packets.
func annotateSocketIO(r *Result) {
	sio := make([]bool, len(r.Connections))
	any := false
	for i := range r.Connections {
		sio[i] = isSocketIO(r.Connections[i].Handshake)
		any = any || sio[i]
	}
	pasted := isSocketIO(r.Handshake)
	if !any && !pasted {
		return
	}
	for i := range r.Messages {
		m := &r.Messages[i]
		if m.Text == nil || m.Opcode != OpText {
			continue
		}
		if c := m.Connection; c != nil && sio[*c] || c == nil && pasted {
			m.SocketIO = ParseSocketIO(*m.Text)
		}
	}
}
