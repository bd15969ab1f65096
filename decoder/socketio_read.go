package decoder

import "github.com/wsframe/wsframe/reading"

// The older socketio field is filled only with a Reader (Readings); the
// page's first program, which has none, leaves Socket.IO pastes to the
// full one (Result.MayRead).

// parseSocketIO is ParseSocketIO.
func (Readings) parseSocketIO(text string) *SocketIO { return ParseSocketIO(text) }

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

// socketIO reads the text messages of Socket.IO connections (and of a
// pasted Socket.IO handshake) as Engine.IO and Socket.IO packets.
func (Readings) socketIO(r *Result) {
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
