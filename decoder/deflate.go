package decoder

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"

	"github.com/wsframe/wsframe/internal/msg"
)

// side returns what the extension agrees for messages that from sends:
// whether the window starts empty each time, and its size in bytes.
func (e *Extension) side(from Side) (noTakeover bool, window int) {
	noTakeover, bits := e.ClientNoContextTakeover, e.ClientMaxWindowBits
	if from == Server {
		noTakeover, bits = e.ServerNoContextTakeover, e.ServerMaxWindowBits
	}
	if bits == 0 {
		bits = 15
	}
	return noTakeover, 1 << bits
}

// DefaultInflateLimit is the default cap on the size of one inflated message.
const DefaultInflateLimit = 32 << 20

// inflateKind says why a payload could not be inflated.
type inflateKind int

// The reasons an inflate can fail.
const (
	// inflateCorrupt: the bytes are not valid DEFLATE data.
	inflateCorrupt inflateKind = iota
	// inflateTooBig: the output would pass the limit.
	inflateTooBig
	// inflateWindowLost: a back-reference reaches into output that was
	// never seen (the capture began mid-connection, an earlier message
	// failed) or that the agreement says is gone (no_context_takeover).
	inflateWindowLost
	// inflateWindowExceeded: a back-reference reaches farther than the
	// agreed max_window_bits allow. The output is complete and is returned
	// with the error: the sender broke the agreement, the data is readable.
	inflateWindowExceeded
)

var inflateErrorKindNames = [...]string{"corrupt", "limit", "window-lost", "window-exceeded"}

// String names the kind.
func (k inflateKind) String() string {
	if int(k) < len(inflateErrorKindNames) {
		return inflateErrorKindNames[k]
	}
	return fmt.Sprintf("reserved (%d)", int(k))
}

// inflateError is a payload that could not be inflated, or, for
// inflateWindowExceeded, that broke the agreed window.
type inflateError struct {
	Kind inflateKind
	// Bit is where the problem was found, in bits from the payload's first
	// byte (least significant bit first), or -1 when unknown.
	Bit     int
	Message string
	// Text is Message as a sentence with an id (internal/msg).
	Text msg.Text
}

func (e *inflateError) Error() string { return e.Message }

// inflateError is an inflateError saying t.
func newInflateError(kind inflateKind, bit int, t msg.Text) *inflateError {
	return &inflateError{Kind: kind, Bit: bit, Message: t.Message, Text: t}
}

// sideWord is "client" or "server", as a word the page says in its language.
func sideWord(s Side) msg.Text {
	if s == Client {
		return msg.New("inflate.side.client", "client")
	}
	return msg.New("inflate.side.server", "server")
}

// limitMessage is the message of an inflateTooBig error.
func limitMessage(limit int) msg.Text {
	return msg.New("inflate.limit", "inflated data passes the {limit} limit; raise it with -inflate-limit", "limit", sizeText(limit))
}

// inflateTail ends every payload before inflating: the 00 00 ff ff that
// RFC 7692 7.2.2 says to append, then a final stored block holding
// endMarker. A payload that ends cleanly on a block boundary inflates to
// its data followed by the marker; one cut short inside a block consumes
// the tail as codes and almost never does.
var inflateTail = append([]byte{0x00, 0x00, 0xff, 0xff, 0x01, 0x08, 0x00, 0xf7, 0xff}, endMarker...)

// endMarker is the content of the final block inflateTail adds.
var endMarker = []byte("\xffwsframe")

// inflater inflates the compressed messages (or frames, under deflate-frame)
// of one direction of a connection, keeping the LZ77 window from one to the
// next unless the extension says no_context_takeover for that side.
//
// When a payload fails to inflate, the window is lost with it: the next
// payloads still inflate as long as they do not refer back into it, and
// one that does fails with inflateWindowLost, saying which payload broke
// the chain. The window is whole again once 32 KiB of new output has been
// seen.
type inflater struct {
	from       Side
	noTakeover bool
	window     int // agreed window in bytes

	hist    []byte   // the last up to 32 KiB of output, under context takeover
	lost    int      // bytes of window lost by failed payloads (at most maxWindow)
	count   int      // payloads inflated so far
	lostWhy msg.Text // why the window was lost, for the error that follows

	fr  io.ReadCloser
	src tailReader
	out int // bytes the last payload inflated to
	// into, when set, is the buffer the next inflate writes into and
	// leaves grown, for a caller done with the output before the next
	// one (a session whose messages leave for a sink or an index).
	into *[]byte
}

// inflaterState is what an inflater carries from one payload to the next:
// an index checkpoint (see Index).
type inflaterState struct {
	hist    []byte
	lost    int
	count   int
	lostWhy msg.Text
}

// state returns a copy of f's state.
func (f *inflater) state() inflaterState {
	return inflaterState{hist: append([]byte(nil), f.hist...), lost: f.lost, count: f.count, lostWhy: f.lostWhy}
}

// setState puts f back in state s.
func (f *inflater) setState(s inflaterState) {
	f.hist = append(f.hist[:0], s.hist...)
	f.lost, f.count, f.lostWhy = s.lost, s.count, s.lostWhy
}

// newInflater returns an inflater for what from sends under e.
func newInflater(e *Extension, from Side) *inflater {
	f := &inflater{from: from, window: maxWindow}
	if e != nil {
		f.noTakeover, f.window = e.side(from)
	}
	return f
}

// refused is the inflateError for err, an error of inflating data after
// hist bytes of window: err itself when it is one, else (compress/flate
// refused the data) the walker's, which says where and why. The window is
// lost with it: what follows cannot be inflated.
func (f *inflater) refused(err error, data []byte, hist int) *inflateError {
	var ie *inflateError
	if !errors.As(err, &ie) {
		if _, werr := f.walk(data, hist, 0); werr != nil {
			ie = werr
		} else {
			ie = newInflateError(inflateCorrupt, -1, msg.New("inflate.invalid", "the data is not valid DEFLATE: {err}", "err", err.Error()))
		}
	}
	f.loseWindow()
	return ie
}

// Inflate inflates one message's joined payload (permessage-deflate) or one
// frame's payload (deflate-frame), appending the 00 00 ff ff tail itself
// (RFC 7692 7.2.2). It stops with an inflateError once the output would pass
// limit bytes. Errors are *inflateError; only with inflateWindowExceeded is
// the output returned as well.
func (f *inflater) inflate(data []byte, limit int) ([]byte, error) {
	dict, limit, err := f.begin(data, limit)
	if err != nil {
		return nil, err
	}
	out, err := readCapped(f.fr, limit+len(endMarker), len(data), f.into)
	if err == nil {
		out, err = f.endCheck(out, data, len(dict))
	}
	if ie := f.failed(err, data, len(dict), len(out), limit); ie != nil {
		return nil, ie
	}
	return out, f.keep(data, len(dict), out, len(out))
}

// begin starts inflating data (inflate, tally): the limit made at least
// 0, and f.fr set to read data and its tail after the window dict (none
// when the sender takes no context over).
func (f *inflater) begin(data []byte, limit int) (dict []byte, _ int, err error) {
	f.count++
	f.out = 0
	if !f.noTakeover {
		dict = f.hist
	}
	return dict, max(limit, 0), f.reset(data, dict)
}

// failed is the inflateError that ends an inflate of data (after hist
// bytes of window) whose read ended with err and an output of n bytes, or
// nil: the limit's when the output passed it, else refused's.
func (f *inflater) failed(err error, data []byte, hist, n, limit int) *inflateError {
	if err == errPastMax || err == nil && n > limit {
		err = newInflateError(inflateTooBig, -1, limitMessage(limit))
	}
	if err == nil {
		return nil
	}
	return f.refused(err, data, hist)
}

// keep ends an inflate that succeeded, of an output of n bytes whose last
// ones are tail: the window the next payload needs is kept, and the
// output is checked against the window agreed, when smaller than the
// largest (the error returned, the output kept all the same).
func (f *inflater) keep(data []byte, hist int, tail []byte, n int) error {
	var werr error
	if f.window < maxWindow && hist+n > f.window {
		werr = f.checkWindow(data, hist)
	}
	f.rememberTail(tail, n)
	f.out = n
	return werr
}

// peek returns the first n bytes data inflates to (fewer if it inflates
// to fewer), without changing f: the next Inflate starts from the same
// window. For a row that shows the start of a message inflated before.
func (f *inflater) peek(data []byte, n int) ([]byte, error) {
	var dict []byte
	if !f.noTakeover {
		dict = f.hist
	}
	src := tailReader{a: data, b: inflateTail}
	fr := flate.NewReaderDict(&src, dict)
	out := make([]byte, n)
	k, err := io.ReadFull(fr, out)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	if err != nil {
		return nil, newInflateError(inflateCorrupt, -1, msg.New("inflate.invalid", "the data is not valid DEFLATE: {err}", "err", err.Error()))
	}
	out = out[:k]
	if k < n {
		// A message shorter than n ends with the marker of inflateTail.
		out, _ = bytes.CutSuffix(out, endMarker)
	}
	return out, nil
}

// endCheck makes sure the payload ended as RFC 7692 7.2.2 requires and
// removes the marker from out. The usual case, out ending in the marker
// alone, costs nothing; anything else (a block with BFINAL set inside the
// payload, or a stored block that swallowed the tail) is decided by the
// walker, which reads the payload and 00 00 ff ff exactly.
func (f *inflater) endCheck(out, data []byte, hist int) ([]byte, error) {
	body, marked := bytes.CutSuffix(out, endMarker)
	if marked && !bytes.HasSuffix(body, inflateTail[:len(inflateTail)-len(endMarker)]) {
		return body, nil
	}
	n, err := f.walk(data, hist, 0)
	if err != nil {
		return nil, err
	}
	if n > len(out) {
		return nil, newInflateError(inflateCorrupt, -1, msg.New("inflate.count", "the data inflates to {out} bytes, but reading its blocks counts {n}", "out", len(out), "n", n))
	}
	return out[:n], nil
}

// errPastMax is readCapped's error for output longer than its max.
var errPastMax = errors.New("decoder: output passes the limit")

// readCapped reads r to its end, failing with errPastMax as soon as the
// output passes limit. Memory grows with the output read, never past
// limit+1 bytes, so a small bomb stops after limit bytes of work. With
// into set, it writes into *into, and leaves it there as it grew.
func readCapped(r io.Reader, limit, inLen int, into *[]byte) (_ []byte, err error) {
	var out []byte
	if into != nil {
		out = (*into)[:0]
		defer func() { *into = out[:0] }()
	}
	if cap(out) == 0 {
		out = make([]byte, 0, min(limit+1, max(512, 4*inLen)))
	}
	for {
		if len(out) == cap(out) {
			// Double (append grows large slices by a quarter, copying
			// the output about five times over).
			grown := make([]byte, len(out), min(2*cap(out), limit+1))
			copy(grown, out)
			out = grown
		}
		n, err := r.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if len(out) > limit {
			return nil, errPastMax
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

// walk reads data and the 00 00 ff ff tail with the walker, which sees
// what compress/flate does not say: where the data breaks, and how far each
// back-reference reaches (hist bytes of earlier output are known; window,
// when not 0, is the farthest distance agreed). It returns the output size,
// or the first problem explained.
func (f *inflater) walk(data []byte, hist, window int) (int, *inflateError) {
	w := walker{in: append(append([]byte(nil), data...), syncTail...), hist: hist, window: window, limit: int(^uint(0) >> 1)}
	var we *walkError
	if !errors.As(w.run(), &we) {
		return w.out, nil
	}
	why := we.text()
	p := msg.Params{"why": why, "side": sideWord(f.from)}
	switch {
	case we.kind == inflateWindowExceeded:
		why = msg.New("inflate.why.window", "{why} ({param})", "why", why, "param", f.windowParam())
	case we.kind != inflateWindowLost:
	case f.noTakeover:
		p["param"] = string(f.from) + "_no_context_takeover"
		why = msg.New("inflate.why.no-takeover", "{why}; but {param} was agreed, so each message starts with an empty window", p)
	case f.lost > 0:
		p["lost"] = f.lostWhy
		why = msg.New("inflate.why.lost", "{why}; the {side}'s earlier output is unknown because {lost}", p)
	case hist == 0:
		why = msg.New("inflate.why.none-seen", "{why}; none of the {side}'s earlier output was seen: did the capture start mid-connection? without that window this cannot be inflated", p)
	default:
		why = msg.New("inflate.why.not-all", "{why}; the {side}'s earlier output was not all seen: did the capture start mid-connection?", p)
	}
	return w.out, newInflateError(we.kind, we.bit, why)
}

// checkWindow walks data again to find a back-reference farther than the
// agreed window (RFC 7692 7.1.2), which compress/flate does not look for.
func (f *inflater) checkWindow(data []byte, hist int) error {
	if _, err := f.walk(data, hist, f.window); err != nil && err.Kind == inflateWindowExceeded {
		return err
	}
	return nil
}

// windowParam names the parameter that set the window of f's side.
func (f *inflater) windowParam() string {
	bits := 0
	for 1<<bits < f.window {
		bits++
	}
	return fmt.Sprintf("%s_max_window_bits=%d", f.from, bits)
}

// loseWindow records that payload f.count failed: under context takeover,
// its output, unknown, belongs to the window of the next payloads.
func (f *inflater) loseWindow() {
	f.lose(msg.New("inflate.lost.payload", "its compressed payload {n} could not be inflated", "n", f.count))
}

// Lose records that output of this direction is unknown (why says why,
// for example bytes the capture never saw): under context takeover it
// belongs to the window of the payloads that follow, so a back-reference
// into it fails with inflateWindowLost instead of inflating into the wrong
// bytes.
func (f *inflater) lose(why msg.Text) {
	if f.noTakeover {
		return
	}
	f.hist = f.hist[:0]
	f.lost, f.lostWhy = maxWindow, why
}

// tailReader reads a, then b, as one stream, with the io.ByteReader that
// compress/flate wants so that it adds no buffer of its own.
type tailReader struct{ a, b []byte }

func (r *tailReader) Read(p []byte) (int, error) {
	if len(r.a) == 0 {
		r.a, r.b = r.b, nil
	}
	if len(r.a) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.a)
	r.a = r.a[n:]
	return n, nil
}

func (r *tailReader) ReadByte() (byte, error) {
	if len(r.a) == 0 {
		r.a, r.b = r.b, nil
	}
	if len(r.a) == 0 {
		return 0, io.EOF
	}
	c := r.a[0]
	r.a = r.a[1:]
	return c, nil
}
