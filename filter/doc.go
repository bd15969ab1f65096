// Package filter reads and runs display filters over the frames of a
// decode, as Wireshark's display filters do over packets:
//
//	opcode == close and close.code != 1000
//	dir == client and text contains "error"
//	socketio.event == "chat" or mqtt.topic matches "^sensors/"
//
// A filter is parsed once (Parse) into a tree of tests joined by and, or
// and not; each test names a field of one table (Fields), which says the
// field's type, what it means and how to get it from one frame (a View).
// The same table writes docs/filters.md and the page's completion list.
//
// Fields cost what they read: those of a frame's fixed record (opcode,
// dir, fin, conn, time, ...) read no byte of the input, so a filter made
// of them runs over an index of millions of frames at once; the others
// read the frame's header, its payload or its message again, on demand
// (Filter.Cost says which). Errors name the column where the filter goes
// wrong and, for a misspelt field, the nearest names.
//
// The package is pure Go: the command, the page's full program and the
// tests share it.
package filter
