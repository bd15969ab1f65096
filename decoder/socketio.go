package decoder

import "strings"

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
