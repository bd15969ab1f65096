package filter

import (
	"sort"
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/reading"
)

// View is one frame as a filter sees it. Head answers from what is held
// of every frame; the other methods may read the input again, and are
// asked only when a filter needs them (a View caches what it read).
type View interface {
	// Head is the frame's fixed record: no byte of the input is read.
	Head() *decoder.Head
	// Start is the capture time relative times count from (zero for a
	// paste).
	Start() time.Time
	// Length is the payload length the header declares (only its 16- or
	// 64-bit length is read again, for 126 bytes and more).
	Length() (uint64, bool)
	// Frame is the frame whole, its payload unmasked: the header read
	// again, and its payload when payload is true. nil when it cannot be
	// read again (the Source's Err says why).
	Frame(payload bool) *decoder.Frame
	// Message is the frame's message with its data whole (inflated), or
	// nil when the frame belongs to none.
	Message() *decoder.Message
	// Reading is what the message says in its application protocol, or
	// nil.
	Reading() *reading.Reading
}

// Source is the frames a filter runs over: a decode's result, or an index
// of a capture read again on demand.
type Source interface {
	// Frames is how many frames there are.
	Frames() int
	// View returns frame i's view, valid until the next call.
	View(i int) View
	// Err is the first frame or message that could not be read again.
	Err() error
}

// Progress is told, now and then during a long run, how many of the
// frames have been tested.
type Progress func(done, total int)

// Run tests every frame of src and returns, in order, the frames that
// match and the messages that have at least one frame that matches. An
// empty filter matches everything.
func Run(f *Filter, src Source, progress Progress) (frames, messages []int, err error) {
	n := src.Frames()
	var seen []uint64 // messages listed, a bit each
	step := 1 << 16
	if f.Cost() > Record {
		step = 1 << 12
	}
	for i := range n {
		if progress != nil && i > 0 && i%step == 0 {
			progress(i, n)
		}
		v := src.View(i)
		if !f.Match(v) {
			continue
		}
		frames = append(frames, i)
		if k := v.Head().Message; k >= 0 {
			for k/64 >= len(seen) {
				seen = append(seen, 0)
			}
			if seen[k/64]&(1<<(k%64)) == 0 {
				seen[k/64] |= 1 << (k % 64)
				messages = append(messages, k)
			}
		}
	}
	if progress != nil {
		progress(n, n)
	}
	sort.Ints(messages)
	if frames == nil {
		frames = []int{}
	}
	if messages == nil {
		messages = []int{}
	}
	return frames, messages, src.Err()
}

// FromResult is the frames of a result that holds them all (a paste, a
// HAR, a small capture).
func FromResult(r *decoder.Result) Source {
	s := &resultSource{r: r}
	if r.Input.Start != nil {
		s.start = r.Input.Start.Time()
	}
	return s
}

type resultSource struct {
	r     *decoder.Result
	start time.Time
	v     resultView
	rd    readCache
}

func (s *resultSource) Frames() int { return len(s.r.Frames) }
func (s *resultSource) Err() error  { return nil }

func (s *resultSource) View(i int) View {
	f := &s.r.Frames[i]
	s.v = resultView{s: s, f: f, h: headOf(f)}
	return &s.v
}

type resultView struct {
	s *resultSource
	f *decoder.Frame
	h decoder.Head
}

func (v *resultView) Head() *decoder.Head       { return &v.h }
func (v *resultView) Start() time.Time          { return v.s.start }
func (v *resultView) Frame(bool) *decoder.Frame { return v.f }
func (v *resultView) Length() (uint64, bool)    { return v.f.PayloadLength, true }

func (v *resultView) Message() *decoder.Message {
	if k := v.f.Message; k >= 0 && k < len(v.s.r.Messages) {
		return &v.s.r.Messages[k]
	}
	return nil
}

func (v *resultView) Reading() *reading.Reading {
	m := v.Message()
	if m == nil {
		return nil
	}
	if m.Reading != nil {
		return m.Reading
	}
	return v.s.rd.get(v.s.r, m)
}

// headOf is the record of a frame held whole.
func headOf(f *decoder.Frame) decoder.Head {
	h := decoder.Head{Index: f.Index, Message: f.Message, Packet: f.Packet, Connection: -1, Server: f.From == decoder.Server,
		Opcode: f.Opcode, Fin: f.Fin, Rsv1: f.Rsv1, Rsv2: f.Rsv2, Rsv3: f.Rsv3, Masked: f.Masked}
	if f.Connection != nil {
		h.Connection = *f.Connection
	}
	switch {
	case f.LengthBits == 16:
		h.Length7 = 126
	case f.LengthBits == 64:
		h.Length7 = 127
	default:
		h.Length7 = uint8(f.PayloadLength & 0x7f)
	}
	if f.Time != nil {
		h.Time = int64(*f.Time)
	}
	return h
}

// readCache keeps the reading of the last message read, since the frames
// of a message come one after another.
type readCache struct {
	k  int
	ok bool
	rd *reading.Reading
}

func (c *readCache) get(r *decoder.Result, m *decoder.Message) *reading.Reading {
	if !c.ok || c.k != m.Index {
		c.k, c.ok, c.rd = m.Index, true, r.WithReadings([]decoder.Message{*m}, false)[0].Reading
	}
	return c.rd
}

// FromIndex is the frames of a capture read into an index: each frame's
// record is at hand, and its header, payload and message are read again
// from the source when a filter asks for them.
func FromIndex(ix *decoder.Index, r *decoder.Result) Source {
	s := &indexSource{ix: ix, r: r}
	if r.Input.Start != nil {
		s.start = r.Input.Start.Time()
	}
	return s
}

type indexSource struct {
	ix    *decoder.Index
	r     *decoder.Result
	start time.Time
	err   error
	v     indexView
	msgs  [4]*decoder.Message // the last messages read, by index mod 4
	rd    readCache
}

func (s *indexSource) Frames() int { return s.ix.Frames() }
func (s *indexSource) Err() error  { return s.err }

func (s *indexSource) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

func (s *indexSource) View(i int) View {
	s.v = indexView{s: s, h: s.ix.Head(i)}
	return &s.v
}

type indexView struct {
	s       *indexSource
	h       decoder.Head
	f       *decoder.Frame
	payload bool
}

func (v *indexView) Head() *decoder.Head { return &v.h }
func (v *indexView) Start() time.Time    { return v.s.start }

func (v *indexView) Length() (uint64, bool) {
	if v.f != nil {
		return v.f.PayloadLength, true
	}
	n, err := v.s.ix.Length(v.h.Index)
	if err != nil {
		v.s.fail(err)
		return 0, false
	}
	return n, true
}

func (v *indexView) Frame(payload bool) *decoder.Frame {
	if v.f != nil && (v.payload || !payload) {
		return v.f
	}
	max := 0
	if payload {
		max = -1
	}
	f, err := v.s.ix.Frame(v.h.Index, max)
	if err != nil {
		v.s.fail(err)
		return nil
	}
	v.f, v.payload = f, payload
	return f
}

func (v *indexView) Message() *decoder.Message {
	k := v.h.Message
	if k < 0 {
		return nil
	}
	slot := &v.s.msgs[k%len(v.s.msgs)]
	if *slot != nil && (*slot).Index == k {
		return *slot
	}
	m, err := v.s.ix.Message(k)
	if err != nil {
		v.s.fail(err)
		return nil
	}
	*slot = m
	return m
}

func (v *indexView) Reading() *reading.Reading {
	m := v.Message()
	if m == nil {
		return nil
	}
	return v.s.rd.get(v.s.r, m)
}
