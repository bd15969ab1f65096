package decoder

import (
	"bytes"
	"compress/flate"
	"io"
	"unicode/utf8"

	"github.com/wsframe/wsframe/internal/msg"
)

// Counting an inflated message rather than holding it: a sink that says
// it only counts (CountingSink) gets a compressed message's length and
// the checks made on its bytes (valid UTF-8, where it is not), with the
// bytes themselves only when they fit in tallyBuffer. The inflater then
// holds at most tallyBuffer of the output at a time, whatever the
// message inflates to (up to the limit): -stats on 130 messages each
// inflating to 32 MiB held one whole message, 103 MiB of memory.

// Counter counts a compressed message as it inflates rather than holds
// it (Counting{}, which a CountingSink returns). A program that never
// counts (the page's) names none and links none of it.
type Counter interface {
	// count counts what data, the joined payload of a (a compressed
	// message), inflates to: its size, where its UTF-8 first breaks
	// when it is text (-1: nowhere), the output itself when it is
	// short, and the problem an inflate says.
	count(a *assembler, st *Stream, data []byte) (n, bad int, whole []byte, problem msg.Text)
}

// Counting is the Counter: the message's output passes through
// inflater.tally, its text checked in pieces.
type Counting struct{}

func (Counting) count(a *assembler, st *Stream, data []byte) (n, bad int, whole []byte, problem msg.Text) {
	if a.inflater == nil {
		a.inflater = newInflater(a.ext, a.from)
	}
	var check *utf8Check
	if a.opcode == OpText {
		check = st.s.utf8Check()
	}
	n, whole, err := a.inflater.tally(data, st.s.opts.inflateLimit(), &st.s.inflated, check)
	return n, check.end(), whole, a.inflateProblem(err, a.last(st))
}

// tallyBuffer is the output tally holds at a time: the window the next
// payload needs, tallyHold bytes held back for the end check, and room
// to read into. A message whose output fits is given whole.
const tallyBuffer = 256 << 10

// tallyHold is the output held back from check until the end is known:
// at least the tail inflate appends (inflateTail), whose marker is not
// part of the message.
const tallyHold = 32

// tallyWindow is what tally keeps of the output as it slides: the
// window the next payload refers back into, and the bytes held back.
const tallyWindow = maxWindow + tallyHold

// tally inflates data as inflate does, with the same errors, but holds
// no more than tallyBuffer bytes of the output, in *buf (reused from one
// call to the next): it passes the output, in order and once, to check
// (when not nil), and keeps its last maxWindow bytes as the window of
// the next payload. It returns the size of the output and, when the
// output fitted in the buffer, the output itself (valid until the next
// call); else nil.
func (f *inflater) tally(data []byte, limit int, buf *[]byte, check *utf8Check) (n int, whole []byte, err error) {
	dict, limit, err := f.begin(data, limit)
	if err != nil {
		return 0, nil, err
	}
	if cap(*buf) < tallyBuffer {
		*buf = make([]byte, 0, tallyBuffer)
	}
	t := tallied{buf: (*buf)[:0], check: check}
	total, err := t.read(f.fr, limit+len(endMarker))
	if err == nil {
		n = total - len(endMarker)
		body, marked := bytes.CutSuffix(t.buf, endMarker)
		if !marked || total < len(endMarker) || bytes.HasSuffix(body, inflateTail[:len(inflateTail)-len(endMarker)]) {
			// Not the usual end: the walker says where the data ends.
			n, err = f.tallyEnd(data, len(dict), total, &t)
		}
	}
	if ie := f.failed(err, data, len(dict), n, limit); ie != nil {
		return 0, nil, ie
	}
	t.emit(n)
	out := t.buf[:n-t.base]
	werr := f.keep(data, len(dict), out, n)
	if t.base == 0 {
		whole = out
	}
	return n, whole, werr
}

// tallyEnd finds, with the walker, where the output of data really ends
// when it did not end with the marker alone (as endCheck does): a final
// block inside the payload, or a stored block that swallowed part of the
// tail (at most its 13 bytes past 00 00 ff ff, fewer than tallyHold, so
// check has seen nothing past the end and t holds the window before it).
func (f *inflater) tallyEnd(data []byte, hist, total int, t *tallied) (int, error) {
	n, werr := f.walk(data, hist, 0)
	if werr != nil {
		return 0, werr
	}
	if n > total || n < t.emitted || t.base > 0 && n-t.base < maxWindow {
		return 0, newInflateError(inflateCorrupt, -1, msg.New("inflate.count", "the data inflates to {out} bytes, but reading its blocks counts {n}", "out", total, "n", n))
	}
	return n, nil
}

// reset makes f.fr read data and inflateTail with dict as the window.
func (f *inflater) reset(data, dict []byte) error {
	f.src = tailReader{a: data, b: inflateTail}
	if f.fr == nil {
		f.fr = flate.NewReaderDict(&f.src, dict)
	} else if err := f.fr.(flate.Resetter).Reset(&f.src, dict); err != nil {
		return newInflateError(inflateCorrupt, -1, msg.New("inflate.reset", "{err}", "err", err.Error()))
	}
	return nil
}

// tallied is the output of one tally as it slides through its buffer:
// buf holds the output from offset base on, check has seen it up to
// emitted.
type tallied struct {
	buf           []byte
	base, emitted int
	check         *utf8Check
}

// read reads r to its end, failing with errPastMax as soon
// as the output passes limit, and returns the output's size.
func (t *tallied) read(r io.Reader, limit int) (int, error) {
	for {
		if len(t.buf) == cap(t.buf) {
			// Slide: keep the window and the bytes held back.
			keep := copy(t.buf, t.buf[len(t.buf)-tallyWindow:])
			t.base += len(t.buf) - keep
			t.buf = t.buf[:keep]
		}
		k, err := r.Read(t.buf[len(t.buf):cap(t.buf)])
		t.buf = t.buf[:len(t.buf)+k]
		total := t.base + len(t.buf)
		if total > limit {
			return total, errPastMax
		}
		t.emit(total - tallyHold)
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// emit passes check the output up to offset upto that it has not seen.
func (t *tallied) emit(upto int) {
	if upto > t.emitted {
		t.check.write(t.buf[t.emitted-t.base : upto-t.base])
		t.emitted = upto
	}
}

// rememberTail keeps the end of an output of n bytes, whose last bytes
// (at least maxWindow of them, or all n) are tail, as the window for the
// next payload.
func (f *inflater) rememberTail(tail []byte, n int) {
	if f.noTakeover {
		return
	}
	if n >= maxWindow {
		f.hist = append(f.hist[:0], tail[len(tail)-maxWindow:]...)
	} else {
		if len(f.hist)+n > maxWindow {
			f.hist = append(f.hist[:0], f.hist[len(f.hist)+n-maxWindow:]...)
		}
		f.hist = append(f.hist, tail...)
	}
	if f.lost > 0 {
		f.lost = max(0, f.lost-n)
	}
}

// utf8Check checks bytes given in pieces for valid UTF-8, as utf8.Valid
// and firstInvalidUTF8 do on them joined. A nil *utf8Check checks
// nothing.
type utf8Check struct {
	off  int     // bytes given before pend
	pend [3]byte // the start of a sequence the next piece completes
	npen int
	bad  int // where the first invalid sequence starts, or -1
}

func newUTF8Check() *utf8Check { return &utf8Check{bad: -1} }

// reset makes c check from the start again.
func (c *utf8Check) reset() {
	if c != nil {
		*c = utf8Check{bad: -1}
	}
}

// write checks p, the next piece.
func (c *utf8Check) write(p []byte) {
	if c == nil || c.bad >= 0 || len(p) == 0 {
		return
	}
	skip := 0
	if c.npen > 0 {
		// The sequence begun in the last piece, with what this one adds.
		var j [6]byte
		n := copy(j[:], c.pend[:c.npen])
		n += copy(j[n:], p[:min(len(p), 3)])
		i := 0
		for i < c.npen {
			if !utf8.FullRune(j[i:n]) {
				// Still short: p was shorter than the sequence.
				c.off += i
				c.npen = copy(c.pend[:], j[i:n])
				return
			}
			r, size := utf8.DecodeRune(j[i:n])
			if r == utf8.RuneError && size <= 1 {
				c.bad = c.off + i
				return
			}
			i += size
		}
		skip = i - c.npen
		c.off += c.npen
		c.npen = 0
	}
	rest := p[skip:]
	// A sequence cut at the end of p waits for the next piece.
	for back := 1; back <= 3 && back <= len(rest); back++ {
		if utf8.RuneStart(rest[len(rest)-back]) {
			if !utf8.FullRune(rest[len(rest)-back:]) {
				c.npen = copy(c.pend[:], rest[len(rest)-back:])
				rest = rest[:len(rest)-back]
			}
			break
		}
	}
	if !utf8.Valid(rest) {
		c.bad = c.off + skip + firstInvalidUTF8(rest)
		return
	}
	c.off += skip + len(rest)
}

// end reports where the first invalid sequence starts in all that was
// given, or -1 when it is all valid UTF-8.
func (c *utf8Check) end() int {
	if c == nil {
		return -1
	}
	if c.bad < 0 && c.npen > 0 {
		return c.off // a sequence cut short by the end
	}
	return c.bad
}
