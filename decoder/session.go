package decoder

import (
	"fmt"
	"slices"

	"github.com/wsframe/wsframe/internal/msg"
	"github.com/wsframe/wsframe/tlsdec"
)

// Options tune a decode. The zero value decodes with the defaults.
type Options struct {
	// From declares who sent pasted bytes. Empty: a masked frame is taken as
	// the client's and an unmasked one as the server's, and the masking rule
	// is not checked.
	From Side
	// Extension is the compression extension to assume for pasted frames
	// when no pasted handshake says which was negotiated.
	Extension *Extension
	// InflateLimit caps the size of one inflated message, in bytes.
	// Zero means DefaultInflateLimit.
	InflateLimit int
	// Format forces a paste form (see Formats); empty detects it.
	Format string
	// KeepBytes bounds the payload and message bytes a result keeps, for
	// captures larger than memory: past it, frames and messages keep only
	// their first previewBytes, flagged payload_truncated and
	// data_truncated, and their full bytes can be read again by decoding
	// once more with KeepFrames naming them. Zero keeps everything.
	KeepBytes int64
	// KeepFrames lists frames whose bytes (and their messages') are kept
	// whatever KeepBytes says.
	KeepFrames []int
	// KeyLog is an NSS key log (SSLKEYLOGFILE) whose secrets decrypt the
	// TLS connections of a capture.
	KeyLog []byte
	// Decrypt decrypts the TLS connections of a capture with the secrets
	// of KeyLog (tlsdec/crypt.TLS). nil: they are read up to their
	// ServerHello, and one the key log has keys for says it is not
	// decrypted (tlsdec.NeedsDecrypter).
	Decrypt tlsdec.Crypto
	// Reader reads messages as application protocols (Readings{}); nil:
	// no message gets a reading, nor a connection an App.
	Reader Reader
	// Index, when set, keeps a compact record of every frame and message
	// instead of the Result (an *Index, see NewIndex).
	Index Indexer
	// Sink, when set, takes frames and messages as they are decided, and
	// the Result keeps none of them (see Sink).
	Sink Sink
	// FrameLimit caps the payload bytes of one frame held while it is
	// decoded. A longer frame keeps its first FrameLimit bytes, flagged
	// payload_truncated, the rest is skipped as it arrives, and its
	// message says why its data is cut. Zero means defaultFrameLimit.
	FrameLimit int
	// AsPayload shows pasted text as the payload of one message instead of
	// reading it as frames: "text" takes the text as it is, "binary" the
	// bytes it spells (hex, base64...). The frame is reconstructed. Empty
	// reads the paste as frames.
	AsPayload string
	// Protocol overrides the application protocol messages are read with
	// (see package reading): a name, "auto" or "" to choose by subprotocol,
	// path and content, "none" to read nothing.
	Protocol string
}

// defaultFrameLimit is the default of Options.FrameLimit.
const defaultFrameLimit = 64 << 20

func (o *Options) frameLimit() int {
	if o.FrameLimit > 0 {
		return o.FrameLimit
	}
	return defaultFrameLimit
}

// previewBytes is how much of a payload a frame keeps past Options.KeepBytes.
const previewBytes = 64

func (o *Options) inflateLimit() int {
	if o.InflateLimit > 0 {
		return o.InflateLimit
	}
	return DefaultInflateLimit
}

// Mark places the bytes given to Stream.Write in a capture: the 1-based
// number of the packet that carried them and its capture time (when
// Timed: pcapng's simple packet blocks carry none). The zero Mark is for
// pasted bytes.
type Mark struct {
	Packet int
	Time   Stamp
	Timed  bool
	// Record is the TLS record that carried the bytes (1-based, per
	// direction), on a decrypted connection.
	Record int
	// Src is the offset of the written bytes in the index's source (see
	// Index), SrcReread when the stream's Rereader makes them again from
	// it (decrypted TLS), or -1 when they are not there as they are (the
	// index then keeps a copy). Pasted bytes are their own source.
	Src int64
}

// Session gathers one decode result from one or more streams.
type Session struct {
	res   Result
	opts  Options
	ids   []*int // connection ids, shared by their frames and messages
	arena arena
	ints  intArena
	// kept counts the bytes held against Options.KeepBytes. Masking keys
	// and previews are carved from an arena of their own, so that nothing
	// small and long-lived holds on to the payload blocks of dropped frames.
	kept  int64
	small arena

	holding  int     // assemblers whose parts hold payloads (see arena.reuse)
	sink     Sink    // frames and messages go here instead of the result
	ix       Indexer // or here
	frames   int     // frames decided so far
	messages int     // messages decided so far
	one      [1]int  // a control message's frame list, with a sink
	scratch  Message
	textBuf  string // a message's text, with a sink
	// inflated holds, with a sink or an index, the message last
	// inflated: one buffer for them all, as they leave one at a time.
	inflated []byte
	// unmasked holds a masked text payload while lean checks its UTF-8.
	unmasked []byte
	check    *utf8Check // a counted text message's check (CountingSink)
	// The capture time of the last packet that completed frames, shared
	// by its frames.
	lastMark Mark
	lastTime *Stamp
	times    []Stamp // handed out by timeOf, a slab at a time
	// app joins the messages of connections read as a byte stream (MQTT)
	// as they are made (reading_read.go).
	app appReader
}

// A Sink takes frames and messages as they are decided, in place of a
// Result that keeps them all (Options.Sink): a frame once its message has
// ended (or at once when it belongs to none), a message when it ends.
// Messages come in index order; a frame of a fragmented message waits for
// its last fragment, so frames of other messages may come before it (an
// EarlySink takes fragments at once instead). What the pointers reach
// (payloads, data, lists) is only valid during the call: a Sink copies
// what it keeps.
type Sink interface {
	Frame(f *Frame)
	Message(m *Message)
}

// NewSession starts a result for input in.
func NewSession(in Input, opts Options) *Session {
	s := &Session{res: Result{Version: Version, Input: in}, opts: opts, sink: opts.Sink}
	if opts.Index != nil {
		s.ix = opts.Index
		s.ix.attach(s)
	}
	return s
}

// early reports whether the fragments of a message leave as they are
// decided, before their message: always into an index, and into a sink
// that says it takes them so (EarlySink).
func (s *Session) early() bool {
	if s.ix != nil {
		return true
	}
	e, ok := s.sink.(EarlySink)
	return ok && e.Early()
}

// EarlySink is a Sink that takes the fragments of a message as they are
// decided, before the message, with Message -1, and the message with no
// Frames list when it has more than one: a message of a million
// fragments then costs it nothing per fragment. Another Sink gets a
// message before its frames, each with Message set, the frames held until
// the message ends.
type EarlySink interface {
	Sink
	Early() bool
}

// CountingSink is a Sink that counts a compressed message rather than
// reads it: when Counter returns one (Counting{}) and the session has no
// Reader, which would read the bytes, a message whose inflated bytes are
// longer than the session holds at a time (256 KiB) comes with its
// Length, its UTF-8 checked as it was inflated, DataTruncated set and no
// Data or Text, and the decode holds no message whole, whatever they
// inflate to; and the Result keeps no connection's Handshake.
type CountingSink interface {
	Sink
	Counter() Counter
}

// counter returns what counts compressed messages as they inflate rather
// than holds them (CountingSink), or nil.
func (s *Session) counter() Counter {
	c, ok := s.sink.(CountingSink)
	if !ok || s.ix != nil || s.opts.Reader != nil {
		return nil
	}
	return c.Counter()
}

// utf8Check returns the session's checker of counted text, reset.
func (s *Session) utf8Check() *utf8Check {
	if s.check == nil {
		s.check = newUTF8Check()
	}
	s.check.reset()
	return s.check
}

// sinking reports whether frames and messages leave the session as they
// are decided, rather than stay in its result.
func (s *Session) sinking() bool { return s.sink != nil || s.ix != nil }

// Full reports whether the index has reached its budget: the reader should
// stop feeding bytes (see Index.Stop).
func (s *Session) Full() bool { return s.ix != nil && s.ix.Full() }

// Frames returns how many frames have been decided so far.
func (s *Session) Frames() int { return s.frames }

// Messages returns how many messages have been decided so far.
func (s *Session) Messages() int { return s.messages }

// settle hands frame f, decided, to the sink (when there is one).
func (s *Session) settle(st *Stream, f *Frame) {
	if !s.sinking() {
		return
	}
	if st.conn != nil {
		s.res.Connections[*st.conn].Frames++
	}
	if s.ix != nil {
		s.ix.addFrame(st, f)
		return
	}
	s.announce(st)
	s.sink.Frame(f)
}

// addMessage adds message m, ended, to the result or hands it to the sink.
// With a sink, the frames of a message of more than one are in ids, not
// in m.Frames.
func (s *Session) addMessage(st *Stream, m *Message, ids *chunks[int32]) {
	s.messages++
	if !s.sinking() {
		s.res.Messages = append(s.res.Messages, *m)
		return
	}
	if st.conn != nil {
		s.res.Connections[*st.conn].Messages++
	}
	if s.ix != nil {
		s.ix.addMessage(st, m, ids)
		return
	}
	s.announce(st)
	s.sink.Message(m)
}

// text returns data as text: a string of its own in the result, or, with
// a sink, one the sink copies if it keeps it.
func (s *Session) text(data []byte) *string {
	if s.sinking() {
		s.textBuf = bytesString(data)
		return &s.textBuf
	}
	t := bytesString(data)
	return &t
}

// timeOf returns the capture time of at as a pointer shared by the frames
// the same packet completed.
func (s *Session) timeOf(at Mark) *Stamp {
	if s.lastTime == nil || s.lastMark != at {
		// One allocation for 64 packets rather than one for each: a
		// slab stays alive while a frame points into it.
		if len(s.times) == 0 {
			s.times = make([]Stamp, 64)
		}
		s.times[0] = at.Time
		s.lastMark, s.lastTime = at, &s.times[0]
		s.times = s.times[1:]
	}
	return s.lastTime
}

// AddConnection adds a connection to the result and returns its id.
func (s *Session) AddConnection(c Connection) int {
	if s.counter() != nil {
		// A count keeps no handshake (of a few KB, checks and all):
		// 200,000 HAR entries held 1.6 GB of them for -stats.
		c.Handshake = nil
	}
	c.ID = len(s.res.Connections)
	if hs, ok := s.sink.(HandshakeSink); ok && c.Handshake != nil {
		c.Handshake = hs.Handshake(c.ID, c.Handshake)
	}
	s.res.Connections = append(s.res.Connections, c)
	id := c.ID
	s.ids = append(s.ids, &id)
	return c.ID
}

// Connection returns connection id, to fill in what is learned later.
func (s *Session) Connection(id int) *Connection { return &s.res.Connections[id] }

// AddError records input that could not be decoded.
func (s *Session) AddError(e Error) { s.res.Errors = append(s.res.Errors, e) }

// Say records an error at offset, a sentence with an id (internal/msg).
func (s *Session) Say(offset int64, m msg.Text) { s.AddError(errorText(offset, m)) }

// Errorf records an error at offset.
func (s *Session) Errorf(offset int64, format string, args ...any) {
	s.AddError(Error{Offset: offset, Message: fmt.Sprintf(format, args...)})
}

// Result finishes the result: counts per connection, and empty lists where
// there is nothing. Streams should be closed first.
func (s *Session) Result() *Result {
	r := &s.res
	r.normalize()
	r.read = readOptions{s.opts.Protocol, s.opts.inflateLimit(), s.opts.Reader, nil}
	if s.opts.Reader != nil {
		s.opts.Reader.finish(s)
	}
	if s.sinking() {
		return r // the sink counted; the lists are empty
	}
	for i := range r.Connections {
		r.Connections[i].Frames, r.Connections[i].Messages = 0, 0
	}
	for i := range r.Frames {
		if c := r.Frames[i].Connection; c != nil {
			r.Connections[*c].Frames++
		}
	}
	for i := range r.Messages {
		if c := r.Messages[i].Connection; c != nil {
			r.Connections[*c].Messages++
		}
	}
	return r
}

// retain counts the bytes message m and its frames hold and, once the
// session's KeepBytes budget is spent, replaces them by short previews.
func (s *Session) retain(m *Message) {
	if s.opts.KeepBytes <= 0 {
		return
	}
	r := &s.res
	n := int64(len(m.Data))
	for _, fi := range m.Frames {
		if slices.Contains(s.opts.KeepFrames, fi) {
			return
		}
		n += int64(len(r.Frames[fi].Payload))
	}
	if s.kept+n <= s.opts.KeepBytes {
		s.kept += n
		return
	}
	for _, fi := range m.Frames {
		f := &r.Frames[fi]
		if len(f.Payload) > previewBytes {
			f.Payload = Hex(s.preview(f.Payload))
			f.PayloadTruncated = true
		}
	}
	if len(m.Data) > previewBytes {
		m.Data = Hex(s.preview(m.Data))
		m.DataTruncated = true
		if m.Text != nil {
			t := cutUTF8(*m.Text, previewBytes)
			t = string([]byte(t)) // not an alias of the dropped bytes
			m.Text = &t
		}
	}
}

// preview copies the first previewBytes of b out of the payload arena.
func (s *Session) preview(b []byte) []byte {
	p := s.small.alloc(previewBytes)
	copy(p, b)
	return p
}

// arena hands out payload buffers carved from large blocks, so that bulk
// decoding does not allocate once per frame.
type arena struct{ block, whole []byte }

const arenaBlock = 256 << 10

func (a *arena) alloc(n int) []byte {
	if n > arenaBlock/8 {
		return make([]byte, n)
	}
	if len(a.block) < n {
		a.block = make([]byte, arenaBlock)
		a.whole = a.block
	}
	b := a.block[:n:n]
	a.block = a.block[n:]
	return b
}

// reuse hands out the current block again from its start: only when
// nothing carved from it is still held (with a sink, between frames when
// no message holds payloads), so that a streamed decode does not make a
// garbage block every 256 KiB of payload.
func (a *arena) reuse() { a.block = a.whole }

// intArena hands out one-element int slices (a message's frame list) from
// shared blocks. Appending to one copies it out of the block, since its
// capacity is exactly one.
type intArena struct{ block []int }

func (a *intArena) one(v int) []int {
	if len(a.block) == 0 {
		a.block = make([]int, 4096)
	}
	s := a.block[:1:1]
	a.block = a.block[1:]
	s[0] = v
	return s
}
