package har

import (
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
	"github.com/wsframe/wsframe/internal/words"
)

// Decode reads a HAR file or one pasted entry from r and decodes its
// WebSocket connections: one connection per entry, its handshake from the
// entry's headers (every check run, the accept computed), and per message
// the frame a browser would have sent for it, marked reconstructed. in
// describes the input (Kind "har"); Input.Note says plainly that the frames
// were rebuilt. A syntax error ends reading, keeping what came before it.
func Decode(r io.Reader, in decoder.Input, opts decoder.Options) *decoder.Result {
	return decode(r, in, opts, nil)
}

// decode is Decode, the frames laid in rb when it is not nil.
func decode(r io.Reader, in decoder.Input, opts decoder.Options, rb *Rebuilt) *decoder.Result {
	cr := &counter{r: r}
	s := decoder.NewSession(in, opts)
	d := &decoding{s: s, opts: opts, rb: rb}
	if err := Read(cr, d); err != nil {
		if e, ok := err.(*Error); ok {
			s.Say(e.Offset, e.Text)
		} else {
			s.Say(cr.n, msg.New("har.err.read", "reading stopped: {err}", "err", err.Error()))
		}
	}
	d.close()
	res := s.Result()
	for i := range res.Frames {
		res.Frames[i].Reconstructed = true
	}
	res.Input.Bytes = cr.n
	if d.stopped != nil {
		d.stopped.Bytes = cr.n
		res.Stopped = d.stopped
	}
	res.Input.Note = d.note(res)
	res.Input.NoteID, res.Input.NoteParams = "har-empty", nil
	if d.entries > 0 {
		res.Input.NoteID = "har"
		res.Input.NoteParams = decoder.Params{"connections": d.entries, "messages": d.messages, "deflate": d.deflate}
	}
	return res
}

// decoding turns what Read finds into a decoder session.
type decoding struct {
	s        *decoder.Session
	opts     decoder.Options
	st       [2]*decoder.Stream // client, server of the current entry
	buf      []byte
	entries  int
	messages int
	deflate  bool // some connection negotiated compression
	stopped  *decoder.Stopped
	rb       *Rebuilt // where the frames are, for an index (DecodeIndexed)
}

func (d *decoding) Entry(e *Entry) {
	d.close()
	d.entries++
	c := decoder.Connection{Client: "browser", Server: e.URL}
	var ext *decoder.Extension
	if e.Request != nil || e.Response != nil {
		c.Handshake = decoder.ParseHandshake(e.Request, e.Response)
		ext = c.Handshake.Negotiated()
	}
	if ext != nil {
		d.deflate = true
	}
	id := d.s.AddConnection(c)
	d.st[0] = d.s.NewStream(id, decoder.Client, ext, 0)
	d.st[1] = d.s.NewStream(id, decoder.Server, ext, 0)
}

func (d *decoding) Message(m *Message) {
	if d.st[0] == nil {
		return
	}
	d.messages++
	if m.Problem != "" {
		d.s.Say(m.Offset, msg.New("har.msg", "the WebSocket message at byte {offset}: {why}", "offset", m.Offset, "why", m.Why))
	}
	st := d.st[1]
	if m.Send {
		st = d.st[0]
	}
	if d.s.Full() {
		// Decoded into an index (decoder.Index) that reached its memory
		// budget: the rest is read through, but not kept.
		if d.stopped == nil {
			why := msg.New("har.budget", "the frame index reached its memory budget of {mib} MiB after {frames} frames; the messages from byte {offset} on were not kept", "mib", d.opts.Index.Budget()>>20, "frames", d.opts.Index.Frames(), "offset", m.Offset)
			d.stopped = decoder.NewStopped(m.Offset, 0, why)
			d.s.Say(m.Offset, msg.New("capture.stopped", "reading stopped at byte {offset}: {why}", "offset", m.Offset, "why", why))
		}
		return
	}
	d.buf = AppendMessageFrame(d.buf[:0], decoder.Opcode(m.Opcode&0xf), m.Data, m.Send, keyFor(m.Offset))
	// The frame is rebuilt, not in the input as it is: an index reads it
	// from rb, built again, or else keeps a copy (Src -1).
	src := int64(-1)
	if d.rb != nil {
		src = d.rb.add(m.Offset, len(d.buf))
	}
	st.Write(d.buf, decoder.Mark{Time: decoder.StampOf(m.Time), Timed: !m.Time.IsZero(), Src: src})
}

// AppendMessageFrame appends the frame a sender would write for a whole
// message: FIN set, the shortest length encoding, no compression, and for
// a client a mask with key. A browser masks every frame with a fresh
// random key (RFC 6455 5.3); the real key of a recorded message was never
// kept, so key is made up (RandomKey).
func AppendMessageFrame(dst []byte, op decoder.Opcode, payload []byte, client bool, key uint32) []byte {
	f := decoder.Frame{Fin: true, Opcode: op, PayloadLength: uint64(len(payload)), LengthBits: LengthBits(len(payload))}
	if client {
		f.Masked = true
		f.MaskKey = decoder.Hex{byte(key >> 24), byte(key >> 16), byte(key >> 8), byte(key)}
	}
	return decoder.AppendFrame(dst, &f, payload)
}

// RandomKey returns a random masking key.
func RandomKey() uint32 { return rand.Uint32() }

// salt starts keyFor's sequence. It is fixed, so that a message has the
// same key each time its file is read again (the page reads a large file
// again to show one frame in full) and in every run: the same HAR gives the
// same output, which two runs of -json can be compared by.
const salt = 0x77736672616d65 // "wsframe"

// keyFor returns the made-up masking key of the message at offset.
func keyFor(offset int64) uint32 {
	z := salt + uint64(offset)*0x9e3779b97f4a7c15 // splitmix64
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return uint32(z ^ z>>31)
}

// close ends the current entry's streams.
func (d *decoding) close() {
	for i, st := range d.st {
		if st != nil {
			st.Close(decoder.Mark{})
		}
		d.st[i] = nil
	}
}

// note says what the HAR held and what the frames are.
func (d *decoding) note(r *decoder.Result) string {
	if d.entries == 0 {
		return "No WebSocket entry in this HAR: it holds no request that upgraded to WebSocket, and no _webSocketMessages."
	}
	n := fmt.Sprintf("A HAR file holds WebSocket messages, not frame bytes: %s, %s. Each frame shown is the one a browser would have sent for its message, reconstructed (client frames masked with a made-up key, the same each time the file is read).",
		words.Count(d.entries, "WebSocket connection"), words.Count(d.messages, "message"))
	if d.deflate {
		n += " The connection negotiated compression: the real frames were compressed (RSV1); these are rebuilt uncompressed, as the HAR keeps only the inflated data."
	}
	return n
}

// LengthBits returns the payload length encoding a sender uses for n
// bytes: the shortest (RFC 6455 5.2).
func LengthBits(n int) int {
	switch {
	case n <= 125:
		return 7
	case n <= 0xFFFF:
		return 16
	}
	return 64
}

// counter counts the bytes read through it.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
