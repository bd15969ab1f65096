//go:build js && wasm && !full

package decoder

import "github.com/wsframe/wsframe/reading"

// The page's first program (web/wsframe.wasm) links no reader of package
// reading, to keep its first load light: no message gets a reading and no
// connection an App here. Before it answers for a paste it asks
// Result.MayRead, and leaves to the full program (wsframe-full.wasm) every
// paste whose messages might read as an application protocol, so that
// what it does answer is what the full program would answer too.

// Reads is false in builds without the readers.
const Reads = false

func readMessage(*Result, *Message) *reading.Reading { return nil }

type appReader struct{}

func (s *Session) readApp(*Message) {}

func (s *Session) finishApp() {}

func annotateSocketIO(*Result) {}

// ParseSocketIO is nil here: the first program reads no capture (an
// index's messages are the only other caller) and leaves Socket.IO pastes
// to the full one.
func ParseSocketIO(string) *SocketIO { return nil }
