package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/jsonenc"
)

// decodeAgain decodes the input once more from its start, handing its
// frames and messages to sink (a capture or HAR file read again, text
// held whole decoded again).
type decodeAgain func(sink decoder.Sink) *decoder.Result

// writeJSONPasses writes the -json writeJSONStream writes of an index, the
// same bytes, from three decodes of the input through a sink instead of
// one into an index, so that nothing is held per frame:
//
//  1. numbering: the result (connections, errors ... for the head), and
//     for each message of more than one frame its first frame and number
//     (16 bytes a fragmented message; none for other messages). A
//     fragment leaves the decoder before its message is numbered (it is
//     numbered when it ends), and -json writes each frame with its
//     message.
//  2. frames: each frame written as it is decided, its message found
//     from that table. A fragment leaves when the next one of its sender
//     comes (ending the message may add to it), after the frames decided
//     meanwhile; those wait, in order, in a spool that passes to a
//     temporary file past spoolMemory bytes.
//  3. messages: each message written as it is decided, with its reading.
//     A message of many fragments writes its frame list before its data:
//     the frames' numbers go by before it, into a record file (in memory
//     up to recordMemory numbers, then a temporary file), from which its
//     list is written once its last frame is decided.
//
// Each decode must decide what the first did; a decode that does not is
// an error. It returns the first decode's result, for the exit status.
// reconstructed marks every frame rebuilt from its message (a HAR's), as
// the index's view does.
func writeJSONPasses(w io.Writer, decode decodeAgain, reconstructed bool) (*decoder.Result, error) {
	hs := &handshakeStore{}
	defer hs.close()
	r, nb := numberPass(decode, hs)
	if nb.err == nil {
		nb.err = hs.err
	}
	if nb.err != nil {
		return r, nb.err
	}
	io.WriteString(w, "{\n")
	head := []struct {
		name string
		v    any
	}{{"version", r.Version}, {"input", r.Input}}
	for _, f := range head {
		if err := writeField(w, f.name, f.v); err != nil {
			return r, err
		}
		io.WriteString(w, ",\n")
	}
	if err := writeConnections(w, r.Connections, hs); err != nil {
		return r, err
	}
	io.WriteString(w, ",\n")

	frames := listWriter{w: w}
	io.WriteString(w, `  "frames": `)
	err := framesPass(decode, nb, func(f *decoder.Frame) ([]byte, error) {
		g := *f
		g.Reconstructed = g.Reconstructed || reconstructed
		if g.Violations == nil {
			g.Violations = []decoder.Violation{}
		}
		if g.Payload == nil {
			g.Payload = decoder.Hex{}
		}
		return indentJSON(&g, "    ")
	}, func(b []byte) {
		frames.next()
		w.Write(b)
	})
	if err != nil {
		return r, err
	}
	frames.end()
	io.WriteString(w, ",\n")

	messages := listWriter{w: w}
	io.WriteString(w, `  "messages": `)
	var big *bigData // the data of the message being written, when large
	err = messagesPass(decode, nb, messageForm{
		begin: messages.next,
		render: func(m *decoder.Message, split bool) ([]byte, []byte, error) {
			one := r.WithReadings([]decoder.Message{*m}, false)[0]
			if len(one.Violations) == 0 {
				one.Violations = nil
			}
			big = takeBigData(&one)
			if !split {
				b, err := indentJSON(&one, "    ")
				return b, nil, err
			}
			return splitAtFrames(&one)
		},
		item: appendFrameNumber,
		write: func(w io.Writer, b []byte) error {
			if big == nil {
				_, err := w.Write(b)
				return err
			}
			return big.write(w, b)
		},
	}, w)
	if err != nil {
		return r, err
	}
	messages.end()

	io.WriteString(w, ",\n")
	if err := writeList(w, "errors", r.Errors, func(e *decoder.Error) ([]byte, error) { return indentJSON(e, "    ") }); err != nil {
		return r, err
	}
	var tail []struct {
		name string
		v    any
	}
	if r.Handshake != nil {
		tail = append(tail, struct {
			name string
			v    any
		}{"handshake", r.Handshake})
	}
	if r.Totals != nil {
		tail = append(tail, struct {
			name string
			v    any
		}{"totals", r.Totals})
	}
	if r.Stopped != nil {
		tail = append(tail, struct {
			name string
			v    any
		}{"stopped", r.Stopped})
	}
	for _, f := range tail {
		io.WriteString(w, ",\n")
		if err := writeField(w, f.name, f.v); err != nil {
			return r, err
		}
	}
	_, err = io.WriteString(w, "\n}\n")
	return r, err
}

// numberPass is the first decode: its result, and the first frame and
// number of each message of more than one frame, sorted by frame. With
// hs, the connections' handshakes go to hs as they are decided, and the
// result keeps of them only what the readings need
// (decoder.HandshakeSink).
func numberPass(decode decodeAgain, hs *handshakeStore) (*decoder.Result, *numbering) {
	nb := &numbering{open: map[senderKey]int{}}
	var sink decoder.Sink = nb
	if hs != nil {
		sink = numberingHandshakes{nb, hs}
	}
	r := decode(sink)
	slices.SortFunc(nb.firsts, func(a, b fragFirst) int { return a.frame - b.frame })
	return r, nb
}

// framesPass decodes again and hands each frame, with its message, to
// render, and what render made to emit, in index order (render may make
// nil: nothing is emitted).
func framesPass(decode decodeAgain, nb *numbering, render func(f *decoder.Frame) ([]byte, error), emit func([]byte)) error {
	fw := &frameWriter{render: render, emit: emit, num: numberer{firsts: nb.firsts, open: map[senderKey]int{}}}
	defer fw.q.close()
	decode(fw)
	if fw.err == nil && (fw.next != nb.frames || fw.q.len() > 0 || len(fw.early) > 0) {
		fw.err = fmt.Errorf("decoding again gave %d frames in order, the first decode %d: the input changed while it was read", fw.next, nb.frames)
	}
	return fw.err
}

// messageForm is how messagesPass writes a message: begin before each
// one written; render makes it whole (split false: it has its list), or
// cut where its frame list goes (split: the head ends where the list's
// numbers begin, the tail begins where they end); a nil head is a
// message not written; item appends the list's j-th number; write, when
// set, writes what render made (else it is written as it is).
type messageForm struct {
	begin  func()
	render func(m *decoder.Message, split bool) (head, tail []byte, err error)
	item   func(b []byte, j int, i int64) []byte
	write  func(w io.Writer, b []byte) error
}

// put writes b, a part render made.
func (form *messageForm) put(w io.Writer, b []byte) error {
	if form.write != nil {
		return form.write(w, b)
	}
	_, err := w.Write(b)
	return err
}

// messagesPass decodes again and writes each message to w in form.
func messagesPass(decode decodeAgain, nb *numbering, form messageForm, w io.Writer) error {
	mw := &messageWriter{form: form, w: w, num: numberer{firsts: nb.firsts, open: map[senderKey]int{}}, starts: map[senderKey]int64{}}
	defer mw.recs.close()
	decode(mw)
	if mw.err == nil && (mw.n != nb.messages || mw.pending != nil) {
		mw.err = fmt.Errorf("decoding again gave %d messages, the first decode %d: the input changed while it was read", mw.n, nb.messages)
	}
	return mw.err
}

// writeField writes one member of the top object, as writeJSONStream does.
func writeField(w io.Writer, name string, v any) error {
	b, err := indentJSON(v, "  ")
	if err != nil {
		return err
	}
	io.WriteString(w, "  \""+name+"\": ")
	_, err = w.Write(b)
	return err
}

// writeConnections writes the member "connections" of the top object as
// writeField does, a connection at a time, each with its handshake as hs
// holds it (the result's is the lean one decoder.HandshakeSink leaves).
func writeConnections(w io.Writer, conns []decoder.Connection, hs *handshakeStore) error {
	var out bytes.Buffer
	return writeList(w, "connections", conns, func(c *decoder.Connection) ([]byte, error) { return connectionJSON(c, hs, &out) })
}

// connectionJSON is indentJSON(c, "    ") with c's handshake as hs holds
// it: c marshalled with an empty handshake, that replaced by hs's.
func connectionJSON(c *decoder.Connection, hs *handshakeStore, out *bytes.Buffer) ([]byte, error) {
	h, err := hs.get(c.ID)
	if err != nil {
		return nil, err
	}
	if h == nil {
		return indentJSON(c, "    ")
	}
	g := *c
	g.Handshake = &decoder.Handshake{}
	b, err := jsonenc.Marshal(&g)
	if err != nil {
		return nil, err
	}
	empty, err := jsonenc.Marshal(g.Handshake)
	if err != nil {
		return nil, err
	}
	mark := append([]byte(`"handshake":`), empty...)
	at := bytes.Index(b, mark)
	if at < 0 {
		return nil, errors.New("a connection's handshake is not where it was expected")
	}
	at += len(`"handshake":`)
	b = slices.Concat(b[:at], h, b[at+len(empty):])
	out.Reset()
	if err := json.Indent(out, b, "    ", "  "); err != nil {
		return nil, err
	}
	return jsonForTerminal(out.Bytes()), nil
}

// handshakeStore keeps the connections' handshakes, as JSON, in a
// temporary file, for -json to write each with its connection: what is
// held is 16 bytes a connection.
type handshakeStore struct {
	file  *os.File
	w     *bufio.Writer
	at    []hsSpan // by connection id
	leans map[[2]string]*decoder.Handshake
	end   int64
	buf   []byte
	err   error
}

// hsSpan is where a connection's handshake is in the file (n 0: none).
type hsSpan struct {
	at int64
	n  int
}

// put stores connection id's handshake.
func (hs *handshakeStore) put(id int, h *decoder.Handshake) {
	if hs.err != nil {
		return
	}
	b, err := jsonenc.Marshal(h)
	if err == nil && hs.file == nil {
		hs.file, err = os.CreateTemp("", "wsframe-handshakes-*")
		if err == nil {
			hs.w = bufio.NewWriterSize(hs.file, 64<<10)
		}
	}
	if err == nil {
		_, err = hs.w.Write(b)
	}
	if err != nil {
		hs.err = err
		return
	}
	for len(hs.at) <= id {
		hs.at = append(hs.at, hsSpan{})
	}
	hs.at[id] = hsSpan{hs.end, len(b)}
	hs.end += int64(len(b))
}

// lean returns what a message's reading needs of h (the subprotocol and
// the request's target), the same for the connections that share them.
func (hs *handshakeStore) lean(h *decoder.Handshake) *decoder.Handshake {
	k := [2]string{h.Subprotocol, ""}
	if h.Request != nil {
		k[1] = "/" + h.Request.Target // "/" tells an empty target from none
	}
	if l, ok := hs.leans[k]; ok {
		return l
	}
	l := &decoder.Handshake{Subprotocol: strings.Clone(h.Subprotocol)}
	if h.Request != nil {
		l.Request = &decoder.HTTPHead{Target: strings.Clone(h.Request.Target)}
	}
	if hs.leans == nil {
		hs.leans = map[[2]string]*decoder.Handshake{}
	}
	hs.leans[[2]string{l.Subprotocol, strings.Clone(k[1])}] = l
	return l
}

// get returns connection id's handshake as JSON (nil: none), valid until
// the next call.
func (hs *handshakeStore) get(id int) ([]byte, error) {
	if id >= len(hs.at) || hs.at[id].n == 0 {
		return nil, nil
	}
	if hs.w != nil {
		if err := hs.w.Flush(); err != nil {
			return nil, err
		}
	}
	s := hs.at[id]
	hs.buf = slices.Grow(hs.buf[:0], s.n)[:s.n]
	if _, err := hs.file.ReadAt(hs.buf, s.at); err != nil {
		return nil, err
	}
	return hs.buf, nil
}

func (hs *handshakeStore) close() {
	if hs.file != nil {
		hs.file.Close()
		os.Remove(hs.file.Name())
	}
}

// numberingHandshakes is the first decode's sink for -json: the
// numbering, and each connection's handshake put in the store.
type numberingHandshakes struct {
	*numbering
	hs *handshakeStore
}

// Handshake puts h in the store; the result keeps what the readings need
// of it, one copy for the connections that share it.
func (n numberingHandshakes) Handshake(id int, h *decoder.Handshake) *decoder.Handshake {
	n.hs.put(id, h)
	return n.hs.lean(h)
}

// writeList writes one member of the top object that is a list, as
// writeField does, but an item at a time (each item's JSON from marshal),
// so that no more than one item's JSON is held (a capture or HAR file of
// many connections).
func writeList[T any](w io.Writer, name string, items []T, marshal func(*T) ([]byte, error)) error {
	if len(items) == 0 {
		return writeField(w, name, items) // null or []
	}
	io.WriteString(w, "  \""+name+"\": ")
	l := listWriter{w: w}
	for i := range items {
		b, err := marshal(&items[i])
		if err != nil {
			return err
		}
		l.next()
		w.Write(b)
	}
	return l.end()
}

// listWriter writes the items of a list of the top object one at a time:
// writeJSONStream's lists from an index, and the passes'.
type listWriter struct {
	w io.Writer
	n int
}

// next starts an item.
func (l *listWriter) next() {
	if l.n == 0 {
		io.WriteString(l.w, "[\n    ")
	} else {
		io.WriteString(l.w, ",\n    ")
	}
	l.n++
}

// end closes the list, and returns the error of writing that.
func (l *listWriter) end() error {
	if l.n == 0 {
		_, err := io.WriteString(l.w, "[]")
		return err
	}
	_, err := io.WriteString(l.w, "\n  ]")
	return err
}

// senderKey names the sender whose messages a fragment belongs to: its
// connection (-1 for pasted bytes) and side. A sender has at most one
// fragmented message open.
type senderKey struct {
	conn int
	from decoder.Side
}

func keyOf(conn *int, from decoder.Side) senderKey {
	k := senderKey{conn: -1, from: from}
	if conn != nil {
		k.conn = *conn
	}
	return k
}

// fragment reports whether frame f, decided without a message, may be a
// fragment of one: a data frame (text, binary or continuation). A frame
// of a reserved opcode belongs to none, nor does a continuation with no
// message open (numberer.number tells).
func fragment(f *decoder.Frame) bool {
	return f.Message < 0 && f.Opcode <= decoder.OpBinary
}

// fragFirst is a fragmented message's first frame and number.
type fragFirst struct{ frame, msg int }

// numbering is the first decode's sink: it counts frames and messages and
// notes each fragmented message's first frame and number.
type numbering struct {
	frames, messages int
	open             map[senderKey]int // the first frame of each sender's open fragmented message
	firsts           []fragFirst       // in message order
	err              error
}

func (*numbering) Early() bool { return true }

func (nb *numbering) Frame(f *decoder.Frame) {
	nb.frames++
	if !fragment(f) {
		return
	}
	k := keyOf(f.Connection, f.From)
	if _, ok := nb.open[k]; !ok && f.Opcode != decoder.OpContinuation {
		nb.open[k] = f.Index
	}
}

func (nb *numbering) Message(m *decoder.Message) {
	nb.messages++
	if m.Frames != nil {
		return
	}
	k := keyOf(m.Connection, m.From)
	first, ok := nb.open[k]
	if !ok {
		if nb.err == nil {
			nb.err = fmt.Errorf("message %d of many frames came with no fragment before it", m.Index)
		}
		return
	}
	delete(nb.open, k)
	nb.firsts = append(nb.firsts, fragFirst{first, m.Index})
}

// numberer gives a fragment decided before its message the message's
// number, from the first decode's table, in a later decode.
type numberer struct {
	firsts []fragFirst       // sorted by frame
	open   map[senderKey]int // each sender's open fragmented message
}

// number returns the message frame f belongs to (f.Message when it has
// one), and whether f is the first fragment of its message.
func (nm *numberer) number(f *decoder.Frame) (int, bool) {
	if !fragment(f) {
		return f.Message, false
	}
	k := keyOf(f.Connection, f.From)
	if msg, ok := nm.open[k]; ok {
		return msg, false
	}
	if f.Opcode == decoder.OpContinuation {
		return -1, false // a continuation of nothing
	}
	j, ok := slices.BinarySearchFunc(nm.firsts, f.Index, func(a fragFirst, i int) int { return a.frame - i })
	if !ok {
		return -1, false // a message never ended (the decode stopped)
	}
	nm.open[k] = nm.firsts[j].msg
	return nm.firsts[j].msg, true
}

// ended closes the sender's open fragmented message, m.
func (nm *numberer) ended(m *decoder.Message) {
	if m.Frames == nil {
		delete(nm.open, keyOf(m.Connection, m.From))
	}
}

// frameWriter is the second decode's sink: it writes the frames in index
// order, each as l.frame(i, -1) gives it from an index.
type frameWriter struct {
	render func(f *decoder.Frame) ([]byte, error)
	emit   func([]byte)
	num    numberer
	next   int            // the next frame to write
	q      spool          // frames decided after one still held, in index order
	early  map[int][]byte // held frames decided while an earlier one is still held
	err    error
}

func (*frameWriter) Early() bool { return true }

// Handshake drops the connection's handshake: this decode's result is not
// written, nor read (decoder.HandshakeSink).
func (*frameWriter) Handshake(int, *decoder.Handshake) *decoder.Handshake { return nil }

func (fw *frameWriter) Message(m *decoder.Message) { fw.num.ended(m) }

func (fw *frameWriter) Frame(f *decoder.Frame) {
	if fw.err != nil {
		return
	}
	g := *f
	g.Message, _ = fw.num.number(f)
	b, err := fw.render(&g)
	if err != nil {
		fw.err = err
		return
	}
	switch {
	case g.Index == fw.next:
		fw.write(b)
		fw.drain()
	case g.Index < fw.next:
		fw.err = fmt.Errorf("frame %d was decided twice", g.Index)
	case fw.q.len() == 0 || g.Index > fw.q.last:
		fw.err = fw.q.push(g.Index, b)
	default:
		if fw.early == nil {
			fw.early = map[int][]byte{}
		}
		fw.early[g.Index] = b
	}
}

func (fw *frameWriter) write(b []byte) {
	if b != nil {
		fw.emit(b)
	}
	fw.next++
}

// drain writes the frames waiting that are now next.
func (fw *frameWriter) drain() {
	for fw.err == nil {
		if b, ok := fw.early[fw.next]; ok {
			delete(fw.early, fw.next)
			fw.write(b)
			continue
		}
		i, ok, err := fw.q.head()
		if err != nil {
			fw.err = err
			return
		}
		if !ok || i != fw.next {
			return
		}
		b, err := fw.q.pop()
		if err != nil {
			fw.err = err
			return
		}
		if len(b) == 0 {
			b = nil // a frame render skipped
		}
		fw.write(b)
	}
}

// messageWriter is the third decode's sink: it writes the messages as
// l.message(k, -1) gives them from an index, with their readings.
type messageWriter struct {
	form    messageForm
	w       io.Writer
	n       int // messages decided
	num     numberer
	recs    records
	starts  map[senderKey]int64 // where each open fragmented message's numbers begin in recs
	pending *pendingMessage
	err     error
}

// pendingMessage is a fragmented message ended, its JSON cut where its
// frame list goes, waiting for its last frame (decided just after it).
type pendingMessage struct {
	index      int
	head, tail []byte
	start      int64
}

func (*messageWriter) Early() bool { return true }

// Handshake drops the connection's handshake: this decode's result is not
// written, nor read (decoder.HandshakeSink).
func (*messageWriter) Handshake(int, *decoder.Handshake) *decoder.Handshake { return nil }

func (mw *messageWriter) Frame(f *decoder.Frame) {
	if mw.err != nil {
		return
	}
	if p := mw.pending; p != nil {
		mw.pending = nil
		if f.Message != p.index {
			mw.err = fmt.Errorf("message %d ended, then frame %d of message %d came, not its last frame", p.index, f.Index, f.Message)
			return
		}
		mw.err = mw.writeFragmented(p, f.Index)
		return
	}
	msg, first := mw.num.number(f)
	if msg < 0 || msg == f.Message {
		return
	}
	at, err := mw.recs.add(msg, f.Index)
	if err != nil {
		mw.err = err
		return
	}
	if first {
		mw.starts[keyOf(f.Connection, f.From)] = at
	}
}

func (mw *messageWriter) Message(m *decoder.Message) {
	if mw.err != nil {
		return
	}
	if mw.pending != nil {
		mw.err = fmt.Errorf("message %d ended before message %d's last frame", m.Index, mw.pending.index)
		return
	}
	mw.num.ended(m)
	mw.n++
	if m.Frames != nil {
		b, _, err := mw.form.render(m, false)
		if err != nil {
			mw.err = err
			return
		}
		if b != nil {
			mw.form.begin()
			mw.err = mw.form.put(mw.w, b)
		}
		return
	}
	k := keyOf(m.Connection, m.From)
	start, ok := mw.starts[k]
	if !ok {
		mw.err = fmt.Errorf("message %d of many frames came with no fragment before it", m.Index)
		return
	}
	delete(mw.starts, k)
	head, tail, err := mw.form.render(m, true)
	if err != nil {
		mw.err = err
		return
	}
	mw.pending = &pendingMessage{index: m.Index, head: head, tail: tail, start: start}
}

// writeFragmented writes message p, its frames those recorded for it from
// p.start on, then last.
func (mw *messageWriter) writeFragmented(p *pendingMessage, last int) error {
	defer func() {
		if len(mw.starts) == 0 {
			mw.recs.reset() // no message open: no number recorded is needed again
		}
	}()
	if p.head == nil {
		return nil // not written
	}
	w := mw.w
	mw.form.begin()
	if err := mw.form.put(w, p.head); err != nil {
		return err
	}
	var num []byte
	j := 0
	item := func(i int64) {
		num = mw.form.item(num[:0], j, i)
		w.Write(num)
		j++
	}
	err := mw.recs.each(p.start, func(msg, i int64) {
		if msg == int64(p.index) {
			item(i)
		}
	})
	if err != nil {
		return err
	}
	item(int64(last))
	return mw.form.put(w, p.tail)
}

// bigMessage is the length of data past which -json writes a message's
// data and text as they are escaped, a piece at a time, rather than in
// the message's JSON made whole (a 32 MiB text of NULs is 192 MiB of
// JSON: "\u0000" each). A variable for the tests.
var bigMessage = 64 << 10

// bigData is a large message's data and text, taken out of it before it
// is made JSON (their fields left empty) and written into their places as
// that JSON is written.
type bigData struct {
	data  []byte
	text  *string
	holes []string // the empty fields still to fill, in order
}

// takeBigData takes the data and text out of m when they are longer than
// bigMessage, and returns them (nil: m is left whole).
func takeBigData(m *decoder.Message) *bigData {
	if len(m.Data) <= bigMessage && (m.Text == nil || len(*m.Text) <= bigMessage) {
		return nil
	}
	bd := &bigData{data: m.Data, text: m.Text, holes: []string{bigDataHole}}
	m.Data = decoder.Hex{}
	if m.Text != nil {
		empty := ""
		m.Text = &empty
		bd.holes = append(bd.holes, bigTextHole)
	}
	return bd
}

// The empty fields of a message's JSON (written with the prefix "    ")
// that bigData fills: members of the message itself, never of its reading
// (indented further).
const (
	bigDataHole = "\n      \"data\": \"\""
	bigTextHole = "\n      \"text\": \"\""
)

// write writes b, a part of the message's JSON, with the holes it holds
// filled.
func (bd *bigData) write(w io.Writer, b []byte) error {
	for len(bd.holes) > 0 {
		at := bytes.Index(b, []byte(bd.holes[0]))
		if at < 0 {
			break
		}
		open := at + len(bd.holes[0]) - 1 // the closing quote
		if _, err := w.Write(b[:open]); err != nil {
			return err
		}
		var err error
		if bd.holes[0] == bigDataHole {
			err = writeHex(w, bd.data)
		} else {
			err = writeEscaped(w, *bd.text)
		}
		if err != nil {
			return err
		}
		b, bd.holes = b[open:], bd.holes[1:]
	}
	_, err := w.Write(b)
	return err
}

// writeHex writes b as Hex marshals it, without the quotes, a piece at a
// time.
func writeHex(w io.Writer, b []byte) error {
	var buf [32 << 10]byte
	for len(b) > 0 {
		n := min(len(b), len(buf)/2)
		hex.Encode(buf[:], b[:n])
		if _, err := w.Write(buf[:2*n]); err != nil {
			return err
		}
		b = b[n:]
	}
	return nil
}

// writeEscaped writes s as a JSON string's inside, as indentJSON writes a
// string (jsonenc's escapes, then jsonForTerminal's), a piece at a time,
// each cut where a character begins, so that no character is cut and the
// bytes are those of the string escaped whole.
func writeEscaped(w io.Writer, s string) error {
	const piece = 16 << 10
	for len(s) > 0 {
		n := len(s)
		if n > piece {
			n = piece
			for n > piece-utf8.UTFMax && !utf8.RuneStart(s[n]) {
				n--
			}
		}
		b, err := jsonenc.Marshal(s[:n])
		if err != nil {
			return err
		}
		if _, err := w.Write(jsonForTerminal(b[1 : len(b)-1])); err != nil {
			return err
		}
		s = s[n:]
	}
	return nil
}

// spoolMemory and recordMemory are what the spool and the records hold in
// memory before they pass to a temporary file (variables for the tests).
var (
	spoolMemory  = 8 << 20
	recordMemory = 1 << 15
)

// spool is a queue of frames' JSON, each with its index, in memory up to
// spoolMemory bytes, past it in a temporary file.
type spool struct {
	mem       []byte // entries not in the file, from memAt
	memAt     int
	file      *os.File
	fileEnd   int64 // entries in the file are [readAt, fileEnd)
	readAt    int64
	rd        *bufio.Reader // reading the file from readAt
	rdEnd     int64         // where rd stops
	entries   int
	last      int // the last index pushed
	hasHead   bool
	headIndex int
	headBytes []byte // the first entry's JSON: in mem, or in fileBuf
	fileBuf   []byte
}

func (q *spool) len() int { return q.entries }

// push adds frame i's JSON b at the end.
func (q *spool) push(i int, b []byte) error {
	var h [12]byte
	binary.LittleEndian.PutUint64(h[:], uint64(i))
	binary.LittleEndian.PutUint32(h[8:], uint32(len(b)))
	q.mem = append(append(q.mem, h[:]...), b...)
	q.entries++
	q.last = i
	if len(q.mem)-q.memAt <= spoolMemory {
		return nil
	}
	if q.file == nil {
		f, err := os.CreateTemp("", "wsframe-frames-*")
		if err != nil {
			return err
		}
		q.file = f
	}
	n, err := q.file.WriteAt(q.mem[q.memAt:], q.fileEnd)
	q.fileEnd += int64(n)
	q.mem, q.memAt = q.mem[:0], 0
	return err
}

// head returns the index of the first entry, if there is one.
func (q *spool) head() (int, bool, error) {
	if q.entries == 0 {
		return 0, false, nil
	}
	if !q.hasHead {
		if err := q.read(); err != nil {
			return 0, false, err
		}
	}
	return q.headIndex, true, nil
}

// read reads the first entry into headIndex and headBytes.
func (q *spool) read() error {
	var h [12]byte
	if q.readAt < q.fileEnd {
		if q.rd == nil || q.rdEnd != q.fileEnd {
			q.rd = bufio.NewReaderSize(io.NewSectionReader(q.file, q.readAt, q.fileEnd-q.readAt), 256<<10)
			q.rdEnd = q.fileEnd
		}
		if _, err := io.ReadFull(q.rd, h[:]); err != nil {
			return err
		}
		n := int(binary.LittleEndian.Uint32(h[8:]))
		q.fileBuf = slices.Grow(q.fileBuf[:0], n)[:n]
		if _, err := io.ReadFull(q.rd, q.fileBuf); err != nil {
			return err
		}
		q.headBytes = q.fileBuf
		q.readAt += int64(12 + n)
	} else {
		copy(h[:], q.mem[q.memAt:])
		n := int(binary.LittleEndian.Uint32(h[8:]))
		q.headBytes = q.mem[q.memAt+12 : q.memAt+12+n]
		q.memAt += 12 + n
	}
	q.headIndex = int(binary.LittleEndian.Uint64(h[:]))
	q.hasHead = true
	return nil
}

// pop removes the first entry and returns its JSON, valid until the next
// call.
func (q *spool) pop() ([]byte, error) {
	if _, _, err := q.head(); err != nil {
		return nil, err
	}
	q.hasHead = false
	q.entries--
	b := q.headBytes
	if q.entries == 0 {
		// Empty: start again at the beginning of memory and of the file.
		q.mem, q.memAt = q.mem[:0], 0
		q.fileEnd, q.readAt, q.rd = 0, 0, nil
		if cap(q.mem) > spoolMemory*2 {
			q.mem = nil
		}
	}
	return b, nil
}

func (q *spool) close() {
	if q.file != nil {
		q.file.Close()
		os.Remove(q.file.Name())
	}
}

// records holds pairs (message, frame): the fragments of the messages
// open, in the order they were decided, in memory up to recordMemory
// pairs, then in a temporary file.
type records struct {
	mem    []int64 // pairs past those in the file
	file   *os.File
	inFile int64 // pairs in the file
	buf    []byte
}

// add appends a pair and returns its position.
func (rc *records) add(msg, frame int) (int64, error) {
	at := rc.inFile + int64(len(rc.mem)/2)
	rc.mem = append(rc.mem, int64(msg), int64(frame))
	if len(rc.mem)/2 < recordMemory {
		return at, nil
	}
	if rc.file == nil {
		f, err := os.CreateTemp("", "wsframe-fragments-*")
		if err != nil {
			return at, err
		}
		rc.file = f
	}
	rc.buf = rc.buf[:0]
	for _, v := range rc.mem {
		rc.buf = binary.LittleEndian.AppendUint64(rc.buf, uint64(v))
	}
	if _, err := rc.file.WriteAt(rc.buf, rc.inFile*16); err != nil {
		return at, err
	}
	rc.inFile += int64(len(rc.mem) / 2)
	rc.mem = rc.mem[:0]
	return at, nil
}

// each calls fn with the pairs from position from on.
func (rc *records) each(from int64, fn func(msg, frame int64)) error {
	if from < rc.inFile {
		rd := bufio.NewReaderSize(io.NewSectionReader(rc.file, from*16, (rc.inFile-from)*16), 64<<10)
		var p [16]byte
		for range rc.inFile - from {
			if _, err := io.ReadFull(rd, p[:]); err != nil {
				return err
			}
			fn(int64(binary.LittleEndian.Uint64(p[:])), int64(binary.LittleEndian.Uint64(p[8:])))
		}
	}
	for j := 2 * max(from-rc.inFile, 0); j < int64(len(rc.mem)); j += 2 {
		fn(rc.mem[j], rc.mem[j+1])
	}
	return nil
}

// reset forgets every pair.
func (rc *records) reset() {
	rc.mem, rc.inFile = rc.mem[:0], 0
	if cap(rc.mem) > 2*recordMemory {
		rc.mem = nil
	}
}

func (rc *records) close() {
	if rc.file != nil {
		rc.file.Close()
		os.Remove(rc.file.Name())
	}
}
