package detail

import (
	"fmt"
	"math"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
)

// MaxMessage caps the message data read again from an index for one
// answer: a frame's message in its detail (flagged data_truncated past it)
// and the bytes a listed message is read in its application protocol from
// (a longer message gets no reading, like one cut to a preview). It is as
// much as the frame's own bytes a detail carries (DefaultMaxBytes), and the
// one cap the page and the command share.
const MaxMessage = 64 << 10

// View answers what the page and the command ask of one decode: its
// frames and messages one at a time or in ranges, the indexes of those on a
// connection, a summary, and a frame in detail. The decode's frames and
// messages are in its result (a paste, NewView), or in an index of small
// records, read again from the input as they are asked for (a capture or a
// HAR, NewIndexView), so that memory follows what is shown. The page's
// wasm answers its calls with one, and the command prints through one, so
// that the two cannot drift.
type View struct {
	r     *decoder.Result
	lists lists
}

// lists is where a view's frames and messages are. Only NewIndexView makes
// the index's (index.go), so that a program which never calls it (the
// page's first wasm, which decodes pastes) links none of the index's
// reading back.
type lists interface {
	frames() int
	messages() int
	// frameRange is frames [start, end), their payloads cut to cut bytes
	// (whole when cut < 0; see View.Frame for 0).
	frameRange(start, end, cut int) ([]decoder.Frame, error)
	// messageRange is messages [start, end) with their readings, their
	// data cut to cut bytes (whole when cut <= 0); brief: as list rows,
	// their frames bounded by RowFrames.
	messageRange(start, end, cut int, brief bool) ([]decoder.Message, error)
	// on lists the frames (or messages) on connection c.
	on(frames bool, c int) []int
	// source is what frame i's detail is built from.
	source(i int) (*Source, error)
}

// NewView is a view of result r, whose lists hold its frames and
// messages; ext is the extension pasted frames were declared to be sent
// under.
func NewView(r *decoder.Result, ext *decoder.Extension) *View {
	return &View{r: r, lists: &inResult{r, ext}}
}

// Result is the decode's result: its input, connections, handshake and
// errors, and its frames and messages unless an index holds them.
func (v *View) Result() *decoder.Result { return v.r }

// Indexed reports whether an index holds the frames and messages.
func (v *View) Indexed() bool {
	_, ok := v.lists.(*inResult)
	return !ok
}

// Frames counts the frames.
func (v *View) Frames() int { return v.lists.frames() }

// Messages counts the messages.
func (v *View) Messages() int { return v.lists.messages() }

// Frame returns frame i, its payload cut to cut bytes (flagged
// payload_truncated), whole when cut < 0. (A frame of a result is whole
// when cut is 0 too: it costs nothing more; one of an index has then no
// payload, which is not read.)
func (v *View) Frame(i, cut int) (*decoder.Frame, error) {
	if i < 0 || i >= v.Frames() {
		return nil, NoFrame(i, v.Frames())
	}
	f, err := v.lists.frameRange(i, i+1, cut)
	if err != nil {
		return nil, err
	}
	return &f[0], nil
}

// Message returns message k with its reading (brief: as list rows carry
// it, the protocol, summary and error only, and its frames bounded by
// RowFrames), its data cut to cut
// bytes (flagged data_truncated), whole when cut <= 0. A message in an
// index is read again from at most MaxMessage bytes (or cut, when more)
// to be read in its protocol, whole when cut < 0.
func (v *View) Message(k, cut int, brief bool) (*decoder.Message, error) {
	if k < 0 || k >= v.Messages() {
		return nil, msg.Plural("message.none", v.Messages(), "no message {i}: the last decode has {n} message", "no message {i}: the last decode has {n} messages", "i", k)
	}
	m, err := v.lists.messageRange(k, k+1, cut, brief)
	if err != nil {
		return nil, err
	}
	return &m[0], nil
}

// FrameRange returns frames [start, start+count), clipped to those there
// are, as Frame gives them.
func (v *View) FrameRange(start, count, cut int) ([]decoder.Frame, error) {
	start, end := span(start, count, v.Frames())
	return v.lists.frameRange(start, end, cut)
}

// MessageRange returns messages [start, start+count), clipped to those
// there are, as Message gives them, their readings within a fresh
// inflation budget (decoder.Result.NewReadingBudget), as Summary's.
func (v *View) MessageRange(start, count, cut int, brief bool) ([]decoder.Message, error) {
	v.r.NewReadingBudget() // as Summary: each answer within its own budget
	start, end := span(start, count, v.Messages())
	return v.lists.messageRange(start, end, cut, brief)
}

// span clips [start, start+count) to [0, n).
func span(start, count, n int) (int, int) {
	start = min(max(start, 0), n)
	return start, min(start+max(count, 0), n)
}

// On lists the indexes of the frames (kind "frames") or messages
// ("messages") on one connection, for the page's connection filter. It
// reads no payload.
func (v *View) On(kind string, connection int) ([]int, error) {
	if kind != "frames" && kind != "messages" {
		return nil, fmt.Errorf("kind is %q; use \"frames\" or \"messages\"", kind)
	}
	return v.lists.on(kind == "frames", connection), nil
}

// Summary is the page's first answer for the decode: payloads cut to
// preview bytes (whole when preview <= 0), messages with brief readings
// and connections' apps without their packets' fields and, when rows > 0,
// only the first rows frames and messages, with Totals saying how many
// there are (FrameRange and MessageRange give the rest).
func (v *View) Summary(preview, rows int) (*decoder.Result, error) {
	v.r.NewReadingBudget() // the rows of this answer inflate within their own budget
	out := *v.r
	nf, nm := v.Frames(), v.Messages()
	if rows <= 0 {
		rows = max(nf, nm)
	} else if nf > rows || nm > rows {
		out.Totals = &decoder.Totals{Frames: nf, Messages: nm}
	}
	cut := preview
	if cut <= 0 {
		cut = -1
	}
	var err error
	if out.Frames, err = v.lists.frameRange(0, min(rows, nf), cut); err != nil {
		return nil, err
	}
	if out.Messages, err = v.lists.messageRange(0, min(rows, nm), cut, true); err != nil {
		return nil, err
	}
	if preview <= 0 && v.Indexed() {
		preview = math.MaxInt // nothing to cut, but the apps made brief as below
	}
	// Preview makes the connections' apps brief (packets without their
	// fields); what it would cut is cut already.
	return decoder.Preview(&out, preview), nil
}

// Detail is frame i in detail, as Build makes it, with its message read in
// its application protocol; a message in an index is read again up to
// MaxMessage bytes.
func (v *View) Detail(i int, o Options) (*Detail, error) {
	src, err := v.lists.source(i)
	if err != nil {
		return nil, err
	}
	if src.Message != nil {
		src.Message = v.r.WithWholeReading(src.Message)
	}
	return Build(src, o), nil
}

// NoFrame is the error for frame i of a decode that has n frames.
func NoFrame(i, n int) error {
	return msg.Plural("frame.none", n, "no frame {i}: the last decode has {n} frame", "no frame {i}: the last decode has {n} frames", "i", i)
}

// inResult is a view's lists in its result.
type inResult struct {
	r   *decoder.Result
	ext *decoder.Extension
}

func (l *inResult) frames() int   { return len(l.r.Frames) }
func (l *inResult) messages() int { return len(l.r.Messages) }

func (l *inResult) frameRange(start, end, cut int) ([]decoder.Frame, error) {
	part := decoder.Result{Frames: l.r.Frames[start:end:end]}
	return decoder.Preview(&part, cut).Frames, nil
}

func (l *inResult) messageRange(start, end, cut int, brief bool) ([]decoder.Message, error) {
	part := decoder.Result{Messages: l.r.WithReadings(l.r.Messages[start:end], brief)}
	if brief {
		for i := range part.Messages {
			RowFrames(&part.Messages[i], 0, nil)
		}
	}
	return decoder.Preview(&part, cut).Messages, nil
}

func (l *inResult) on(frames bool, c int) []int {
	list := []int{}
	at := func(conn *int) bool { return conn != nil && *conn == c }
	if frames {
		for i := range l.r.Frames {
			if at(l.r.Frames[i].Connection) {
				list = append(list, i)
			}
		}
		return list
	}
	for i := range l.r.Messages {
		if at(l.r.Messages[i].Connection) {
			list = append(list, i)
		}
	}
	return list
}

func (l *inResult) source(i int) (*Source, error) {
	if i < 0 || i >= len(l.r.Frames) {
		return nil, NoFrame(i, len(l.r.Frames))
	}
	return FromResult(l.r, i, l.ext), nil
}
