package decoder

import (
	"strings"

	"github.com/wsframe/wsframe/reading"
)

// SocketIO is the older reading of a Socket.IO connection's text message,
// kept for one version of the contract beside Message.Reading. It reads a
// text message as the Engine.IO and Socket.IO protocols put it on a
// WebSocket: an Engine.IO packet type digit, and inside an
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
// or returns nil when it does not read as one. The reader is
// reading.ParseSocketIO; this keeps the older "socketio" field's shape.
func ParseSocketIO(text string) *SocketIO {
	q, ok := reading.ParseSocketIO(text, 0)
	if !ok {
		return nil
	}
	p := &SocketIO{EngineType: q.EngineType, Engine: q.Engine, Packet: q.Packet, Attachments: q.Attachments,
		Namespace: q.Namespace, Event: q.Event, Data: q.Data}
	if q.Type >= 0 {
		t := q.Type
		p.Type = &t
	}
	if q.AckID >= 0 {
		id := q.AckID
		p.AckID = &id
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
